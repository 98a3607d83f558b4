#!/usr/bin/python3
"""make_fixtures.py — regenerate the DOCX and encoded-HTML cases of tests/docread/.

    /usr/bin/python3 tests/docread/make_fixtures.py      (from the repository root)

The DOCX files are WordprocessingML written by hand into a zip (python's zipfile, fixed
timestamps, so the bytes are the same every run).  The two docx-libreoffice-*.docx are
not made here: LibreOffice wrote them (its own w:tblGrid, gridSpan, vMerge, styles),
    soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir out docx-mof-project-form.docx
    soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir out html-gov-page.html
renamed docx-libreoffice-mof.docx and docx-libreoffice-from-html.docx; the first must
read exactly as docx-mof-project-form.docx does, the second's table as the page's.
html-libreoffice-export.html is the form exported by LibreOffice as HTML,
    soffice --headless --convert-to 'html:HTML (StarWriter)' --outdir out docx-mof-project-form.docx
and must read exactly as the DOCX does too (its page header and footer left out).  After regenerating, rewrite the expected texts with
JX_SPEC_UPDATE=1 ctest -R docread and read the diff.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STAMP = (2024, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""

HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>页眉：某某县财政局（不应出现）</w:t></w:r></w:p></w:hdr>"""
FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="{W}"><w:p><w:r><w:t>第 1 页（页脚，不应出现）</w:t></w:r></w:p></w:ftr>"""


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text):
    return f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def para(*parts, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' if style else ""
    body = "".join(p if p.startswith("<") else run(p) for p in parts)
    return f"<w:p>{ppr}{body}</w:p>"


def cell(text="", span=1, vmerge=None, width=900):
    """A w:tc; text may hold '\\n' (one paragraph a line); vmerge 'restart' or 'continue'."""
    pr = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    paras = "".join(para(line) for line in text.split("\n")) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>"


def row(*cells, pr=""):
    return f"<w:tr>{pr}{''.join(cells)}</w:tr>"


def table(ncols, *rows):
    grid = "".join('<w:gridCol w:w="900"/>' for _ in range(ncols))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            f'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps">'
            f'<w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId8"/>'
            f'<w:footerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
            f"</w:body></w:document>")


def write_zip(name, parts, level=9):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w") as z:
        for pname, data in parts:
            info = zipfile.ZipInfo(pname, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode() if isinstance(data, str) else data, compresslevel=level)
    print(f"{name}: {os.path.getsize(path)} bytes")


def write_docx(name, body):
    write_zip(name, [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                     ("word/_rels/document.xml.rels", DOC_RELS), ("word/document.xml", document(body)),
                     ("word/header1.xml", HEADER), ("word/footer1.xml", FOOTER)])


# ---- 项目支出绩效自评表 (财预〔2020〕10号 附件1), a 10-column grid -----------------------------
def mof_form():
    c = cell
    cont2 = c(span=2, vmerge="continue")
    indicators = [
        # 一级 (restart?), 二级 (restart?), 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因
        ("产出指标", "数量指标", "改造供水管网长度", "≥12公里", "12.6公里", "15", "15", ""),
        (None, None, "新建加压泵站", "2座", "2座", "10", "10", ""),
        (None, "质量指标", "工程验收合格率", "100%", "100%", "10", "10", ""),
        (None, "时效指标", "按期完工率", "100%", "100%", "5", "5", ""),
        (None, "成本指标", "单位造价", "≤350万元/公里", "338万元/公里", "10", "10", ""),
        ("效益指标", "社会效益指标", "供水保障人口", "≥3万人", "3.2万人", "15", "13",
         "部分片区二次供水设施未完工，\n已督促施工单位于2024年6月前完成"),
        (None, "可持续影响指标", "管网漏损率", "≤10%", "11.2%", "10", "8", "老旧管网｜支管尚未改造，列入下年计划"),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "93%", "15", "15", ""),
    ]
    rows = [
        row(c("项目名称", 2), c("城区供水管网改造工程", 8)),
        row(c("主管部门", 2), c("县住房和城乡建设局", 4), c("实施单位"), c("县自来水公司", 3)),
        row(c("项目资金\n（万元）", 2, "restart"), c("", 2), c("年初预算数"), c("全年预算数"), c("全年执行数"),
            c("分值"), c("执行率"), c("得分")),
        row(cont2, c("年度资金总额", 2), c("100.00"), c("120.00"), c("110.00"), c("10"), c("91.67%"), c("9.17")),
        row(cont2, c("其中：当年财政拨款", 2), c("100.00"), c("100.00"), c("95.00"), c("—"), c("95.00%"), c("—")),
        row(cont2, c("上年结转资金", 2), c("0.00"), c("20.00"), c("15.00"), c("—"), c("75.00%"), c("—")),
        row(cont2, c("其他资金", 2), c(""), c(""), c(""), c("—"), c(""), c("—")),
        row(c("年度总体目标", 1, "restart"), c("预期目标", 4), c("实际完成情况", 5)),
        row(c(vmerge="continue"), c("完成城区12公里老旧供水管网改造，新建加压泵站2座，保障3万居民安全用水。", 4),
            c("完成管网改造12.6公里，新建泵站2座；\n供水保障人口3.2万人。", 5)),
        row(c("绩效指标", 1, "restart"), c("一级指标"), c("二级指标"), c("三级指标"), c("年度指标值"),
            c("实际完成值"), c("分值"), c("得分"), c("偏差原因分析及改进措施", 2)),
    ]
    for one, two, three, target, actual, pts, got, why in indicators:
        rows.append(row(c(vmerge="continue"),
                        c(one, vmerge="restart") if one else c(vmerge="continue"),
                        c(two, vmerge="restart") if two else c(vmerge="continue"),
                        c(three), c(target), c(actual), c(pts), c(got), c(why, 2)))
    rows.append(row(c("总分", 6), c("100"), c("95.17"), c("", 2)))
    body = (para("附件1", style="Heading3")
            + para("项目支出绩效自评表", style="Title")
            + para("（2023年度）")
            + table(10, *rows)
            + para("填报人：王某某", "<w:r><w:tab/></w:r>", "联系电话：0000-12345678"))
    write_docx("docx-mof-project-form.docx", body)


# ---- prose, revisions, fields, text boxes, then two tables ---------------------------------------
def prose_tables():
    textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
               '<w:txbxContent><w:p><w:r><w:t>文本框：内部资料</w:t></w:r></w:p></w:txbxContent>'
               '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
               '<w:txbxContent><w:p><w:r><w:t>文本框：内部资料</w:t></w:r></w:p></w:txbxContent>'
               '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    body = "".join([
        para("某某县教育局2023年度部门整体支出", "绩效自评报告", style="Title"),
        para("根据《某某县财政局关于开展2023年度绩效自评工作的通知》", "（", "某财绩〔2024〕3号", "）要求，现将自评情况报告如下。"),
        "<w:p/>",
        para("一、部门基本情况"),
        # w:br splits a paragraph into lines; w:tab is a space; a tab stop in pPr is not text
        para("（一）部门职能。", "<w:r><w:br/></w:r>", "负责全县学前教育、义务教育", "<w:r><w:tab/></w:r>", "和高中教育的管理。",
             style="Body"),
        # revisions: inserted text stays, deleted and moved-away text does not
        '<w:p><w:r><w:t>（二）年度预算</w:t></w:r>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>草稿</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>执行</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的文字</w:t></w:r></w:moveFrom>'
        '<w:r><w:t>情况：全年执行率</w:t></w:r>'
        # a field: its code (instrText) is not text, its result is
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =A1/B1 </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>96.5%</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
        '<w:r><w:t>，同比</w:t></w:r><w:r><w:noBreakHyphen/><w:t>0.5个百分点。</w:t></w:r></w:p>',
        para("正文中的文本框后接文字", textbox, "。"),
        '<w:sdt><w:sdtPr><w:alias w:val="签章"/></w:sdtPr><w:sdtContent>'
        + para("内容控件中的段落") + "</w:sdtContent></w:sdt>",
        para("| 这一段以竖线开头，不是表格行"),
        # a content control still showing its placeholder is empty; ruby text is not read
        '<w:p><w:r><w:t>填报单位：</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        '<w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:ruby><w:rubyPr/><w:rt><w:r><w:t>jì xiào</w:t></w:r></w:rt>'
        '<w:rubyBase><w:r><w:t>绩效</w:t></w:r></w:rubyBase></w:ruby></w:p>',
        table(3,
              row(cell("项目"), cell("预算数（万元）"), cell("执行数（万元）")),
              row(cell("基本支出"), cell("3,200.00"), cell("3,150.20")),
              row(cell("项目支出\n（含专项）"), cell("1,800.00"), cell("1,650.75")),
              # a table inside a cell is flattened into that cell's text
              row(cell("其中"),
                  "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>明细：</w:t></w:r></w:p>"
                  + table(2, row(cell("校舍维修"), cell("600")), row(cell("营养餐"), cell("1,050.75")))
                  + "</w:tc>")),
        para("二、绩效目标完成情况"),
        para("  前后有空格的段落\t "),
        # a line break inside w:t is a blank; only w:br / w:cr end a line
        para("w:t 中的换行\n不分段", "<w:r><w:cr/></w:r>", "w:cr 之后另起一行"),
        table(4,
              row(cell("指标"), cell("目标"), cell("完成"), cell("得分")),
              # w:gridBefore: the row starts one grid column in
              row(cell("学生资助覆盖率"), cell("100%"), cell("100%"), cell("10")),
              row(cell("说明", 1), cell("两所学校改造延期", 3), pr='<w:trPr><w:gridBefore w:val="0"/></w:trPr>'),
              row(cell("补充"), cell("x"), pr='<w:trPr><w:gridBefore w:val="2"/></w:trPr>'),
              # a deleted row: its text is in w:del, the row is left out
              row('<w:tc><w:p><w:del w:id="9" w:author="a"><w:r><w:delText>删除的行</w:delText></w:r></w:del></w:p></w:tc>')),
        para("三、下一步工作"),
    ])
    write_docx("docx-prose-two-tables.docx", body)


# ---- refusals ---------------------------------------------------------------------------------------
def refusals():
    # a zip bomb: 60 MB of '0' (a comment, so the XML stays well-formed) compressed to ~60 KB
    zeros = b"0" * (60 << 20)
    doc = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body><!--').encode() \
        + zeros + b"--><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
    write_zip("docx-zip-bomb.docx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                                     ("word/document.xml", doc)])
    # the same bomb with both zip headers claiming 1,000 bytes: only counting what is
    # inflated stops it
    write_zip("docx-zip-bomb-lying-size.docx", [("word/document.xml", doc)])
    path = os.path.join(HERE, "docx-zip-bomb-lying-size.docx")
    data = bytearray(open(path, "rb").read())
    lh = data.find(b"PK\x03\x04")
    data[lh + 22:lh + 26] = (1000).to_bytes(4, "little")
    ch = data.find(b"PK\x01\x02")
    data[ch + 24:ch + 28] = (1000).to_bytes(4, "little")
    open(path, "wb").write(bytes(data))
    write_zip("docx-no-document.docx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                                        ("word/styles.xml", f'<w:styles xmlns:w="{W}"/>')])
    write_zip("docx-bad-xml.docx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                                    ("word/document.xml",
                                     f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>未闭合'
                                     f'</w:r></w:p></w:body></w:document>')])
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    write_zip("docx-entities.docx", [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                                     ("word/document.xml", laughs)])
    # a damaged package: a valid one cut short (the central directory is gone)
    with open(os.path.join(HERE, "docx-mof-project-form.docx"), "rb") as f:
        head = f.read(700)
    with open(os.path.join(HERE, "docx-truncated.docx"), "wb") as f:
        f.write(head)
    print("docx-truncated.docx: 700 bytes")


# ---- a GBK page ----------------------------------------------------------------------------------------
def gbk_page():
    page = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta charset="gbk">
<title>某某县农业农村局2023年度项目支出绩效自评报告</title>
</head>
<body>
<div class="banner">欢迎访问某某县农业农村局网站</div>
<div class="article">
<h2>某某县农业农村局2023年度项目支出绩效自评报告</h2>
<p>　　一、项目概况：高标准农田建设项目，总投资 1,500 万元。</p>
<table border="1" cellspacing="0">
<tr><td>指标</td><td>年度指标值</td><td>实际完成值</td><td>得分</td></tr>
<tr><td>新建高标准农田面积</td><td>≥1万亩</td><td>1.05万亩</td><td>20</td></tr>
<tr><td>亩均粮食增产</td><td>≥50公斤</td><td>48公斤</td><td>18</td></tr>
</table>
<p>　　二、偏差原因：受旱情影响，亩均增产略低于目标。</p>
</div>
</body>
</html>
"""
    variants = [
        ("html-gbk-charset.html", page, "gbk"),
        # no charset named, bytes that are not UTF-8: read as GB18030
        ("html-gbk-undeclared.html", page.replace('<meta charset="gbk">\n', ""), "gbk"),
        # a page re-saved as UTF-8 that still says gb2312: its bytes win
        ("html-utf8-says-gb2312.html",
         page.replace('<meta charset="gbk">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
         "utf-8"),
    ]
    # declared UTF-8 with stray bytes: each becomes U+FFFD, the rest of the page still reads
    broken = ('<html><head><meta charset="utf-8"></head><body><p>前面的中文</p>'.encode()
              + "<p>坏字节".encode() + b"\xff\xfe" + "在这里</p><p>截断的字".encode() + b"\xe4\xb8"
              + " 之后</p><p>后面的中文</p></body></html>".encode())
    with open(os.path.join(HERE, "html-broken-utf8.html"), "wb") as f:
        f.write(broken)
    for name, text, enc in variants:
        path = os.path.join(HERE, name)
        with open(path, "wb") as f:
            f.write(text.encode(enc))
        print(f"{name}: {os.path.getsize(path)} bytes")


# ---- hostile HTML: deep nesting, unclosed tags, huge spans -----------------------------------------------
def hostile_page():
    deep = "<div><span>" * 3000 + "深处的文字" + "</span></div>" * 1500
    unclosed = "<p>未闭合段落一<p>未闭合段落二<b><i>交错</b>标签</i><li>列表项<td>表外单元格"
    spans = ('<table><tr><td colspan="99999999">巨大列跨度</td><td rowspan="99999999">巨大行跨度</td>'
             '<td colspan="-5">负数</td><td colspan="abc">非数字</td></tr>'
             '<tr><td>第二行</td></tr>'
             '<tr><td rowspan="0">零</td><td>末行</td></tr></table>')
    nested_tables = "<table><tr><td>" * 200 + "嵌套表格最深处" + "</td></tr></table>" * 200
    page = ("<html><body>" + deep + unclosed + spans + nested_tables
            + "<table><tr><td>表</td><td>格" + "<tr><td>缺结束标签</td><td>行" + "</body>")
    path = os.path.join(HERE, "html-hostile.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    print(f"html-hostile.html: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    mof_form()
    prose_tables()
    refusals()
    gbk_page()
    hostile_page()
