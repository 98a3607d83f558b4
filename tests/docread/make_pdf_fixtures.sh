#!/usr/bin/env bash
# make_pdf_fixtures.sh — regenerate the PDF cases of tests/docread (the PDF-by-layout
# reader, src/import/read_pdf.c).  Needs LibreOffice (soffice) and a built jixiao.
#   tests/docread/make_pdf_fixtures.sh [BUILD_DIR]      (default: build)
# Writes pdf-*.pdf here; then `JX_SPEC_UPDATE=1 ctest -R docread` and read the diff.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work # LibreOffice's profile, away from the user's

# (a) jixiao's own report PDFs: a department report and a project report
"$build/jixiao" report "$root/examples/ebian-cppcc-2023.yaml" -f pdf -o "$here/pdf-jixiao-department.pdf" 2>/dev/null || true
"$build/jixiao" report "$root/examples/project-county-library-2023.yaml" -f pdf -o "$here/pdf-jixiao-project.pdf" 2>/dev/null || true

style='<style>body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif} td{border:1px solid #000;font-size:9pt;padding:2pt} table{border-collapse:collapse}</style>'

# (b) the MOF 项目支出绩效自评表: merged 一级/二级 cells, a wrapped long cell
cat >"$work/pdf-mof-project-table.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8">$style</head><body>
<h3 style="text-align:center">项目支出绩效自评表</h3>
<p style="text-align:center">（2023年度）</p>
<table width="100%">
<tr><td>项目名称</td><td colspan="7">城乡义务教育学校校舍维修改造</td></tr>
<tr><td>主管部门</td><td colspan="3">县教育体育局</td><td>实施单位</td><td colspan="3">县教育体育局</td></tr>
<tr><td rowspan="5">项目资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td>年度资金总额</td><td>1,200.00</td><td>1,350.50</td><td>1,298.30</td><td>10</td><td>96.13%</td><td>9.6</td></tr>
<tr><td>其中：当年财政拨款</td><td>1,000.00</td><td>1,150.50</td><td>1,120.00</td><td>—</td><td>97.35%</td><td>—</td></tr>
<tr><td>上年结转资金</td><td>200.00</td><td>200.00</td><td>178.30</td><td>—</td><td>89.15%</td><td>—</td></tr>
<tr><td>其他资金</td><td>0.00</td><td>0.00</td><td>0.00</td><td>—</td><td>—</td><td>—</td></tr>
</table>
<p></p>
<table width="100%">
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
<tr><td rowspan="4">产出指标</td><td rowspan="2">数量指标</td><td>维修改造校舍面积</td><td>≥12000平方米</td><td>12500平方米</td><td>10</td><td>10</td><td></td></tr>
<tr><td>受益学校数量</td><td>=15所</td><td>15所</td><td>10</td><td>10</td><td></td></tr>
<tr><td>质量指标</td><td>工程验收合格率</td><td>100%</td><td>100%</td><td>10</td><td>10</td><td></td></tr>
<tr><td>时效指标</td><td>项目完工及时率</td><td>≥95%</td><td>90%</td><td>10</td><td>9</td><td>受雨季影响两所学校的屋面防水工程推迟一个月完工，今后将提前安排施工计划并预留工期</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>改善学生学习生活条件，消除校舍安全隐患</td><td>明显改善</td><td>明显改善</td><td>20</td><td>20</td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>师生及家长满意度</td><td>≥90%</td><td>93%</td><td>10</td><td>10</td><td></td></tr>
<tr><td colspan="5">总分</td><td>100</td><td>98.6</td><td></td></tr>
</table>
</body></html>
EOF

# (c) the Sichuan 部门预算项目支出绩效自评表 (the shape of
# ../shared/corpus/reports/sichuan-qingshen-fgj-2023-project-table.txt)
cat >"$work/pdf-sichuan-project-table.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8">$style</head><body>
<p>报表编号:510000_0013zp</p>
<h3 style="text-align:center">部门预算项目支出绩效自评表(2023年度)</h3>
<table width="100%">
<tr><td colspan="2">项目名称</td><td colspan="9">51000021R000000019951-工资性支出</td></tr>
<tr><td colspan="2">主管部门</td><td colspan="3">青神县发展和改革局本级</td><td colspan="2">实施单位 (盖章)</td><td colspan="4">青神县发展和改革局</td></tr>
<tr><td rowspan="2" colspan="2">项目年度目标</td><td colspan="5">年度目标</td><td colspan="4">年度目标完成情况</td></tr>
<tr><td colspan="5">严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。</td><td colspan="4">已按时足额发放工资,社保足额缴纳。</td></tr>
<tr><td rowspan="6" colspan="2">预算执行情况(10分)</td><td>年度预算数(万元)</td><td>年初预算</td><td>调整后预算数</td><td>预算执行数</td><td>预算执行率</td><td>权重</td><td>得分</td><td colspan="2">原因</td></tr>
<tr><td>总额</td><td>238.93</td><td>251.89</td><td>251.89</td><td>100.00%</td><td>10</td><td>10</td><td rowspan="5" colspan="2">年中追加人员调资经费12.96万元</td></tr>
<tr><td>其中:财政资金</td><td>238.93</td><td>251.89</td><td>251.89</td><td>100.00%</td><td>/</td><td>/</td></tr>
<tr><td>财政专户管理资金</td><td>0.00</td><td>0.00</td><td>0.00</td><td>0.00%</td><td>/</td><td>/</td></tr>
<tr><td>单位资金</td><td>0.00</td><td>0.00</td><td>0.00</td><td>0.00%</td><td>/</td><td>/</td></tr>
<tr><td>其他资金</td><td></td><td></td><td></td><td></td><td>/</td><td>/</td></tr>
<tr><td rowspan="4">绩效指标(90分)</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标性质</td><td>指标值</td><td>度量单位</td><td>完成值</td><td>权重</td><td>得分</td><td>未完成原因分析</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>发放(缴纳)覆盖率</td><td>=</td><td>100</td><td>%</td><td>100</td><td>60</td><td>60</td><td></td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>足额保障率(参保率)</td><td>=</td><td>100</td><td>%</td><td>100</td><td>30</td><td>30</td><td></td></tr>
<tr><td colspan="6">合计</td><td></td><td>100</td><td>100</td><td></td></tr>
<tr><td colspan="2">评价结论</td><td colspan="9">项目自评得分100分，工资及社保均按时足额发放缴纳，保障了单位正常运转。</td></tr>
<tr><td colspan="2">存在问题</td><td colspan="9">无</td></tr>
<tr><td colspan="2">改进措施</td><td colspan="9">进一步提高预算编制的准确性。</td></tr>
</table>
<p>项目负责人: 张三　　财务负责人: 李四</p>
</body></html>
EOF

# (d) a multi-page prose report: a running header and "第 N 页" footers (flat ODF)
{
  cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:text-indent="0.8cm" fo:margin-bottom="0.2cm" fo:text-align="justify"/><style:text-properties fo:font-size="12pt"/></style:style>
<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="F" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style></office:styles>
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="F">某县农业农村局2023年度部门整体支出绩效自评报告</text:p></style:header>
<style:footer><text:p text:style-name="F">第 <text:page-number text:select-page="current">1</text:page-number> 页</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
EOF
  heads=(一、部门基本情况 二、部门财政资金收支情况 三、部门整体绩效管理情况 四、存在的问题及原因分析 五、下一步改进措施)
  for i in 0 1 2 3 4; do
    echo "<text:p text:style-name=\"H\">${heads[$i]}</text:p>"
    for j in 1 2 3; do
      echo "<text:p text:style-name=\"Standard\">（$j）第$((i * 3 + j))项：本年度围绕乡村振兴和农业现代化的中心任务，统筹安排财政资金，加强预算执行管理，全年共完成高标准农田建设任务12000亩，农作物良种覆盖率达到98%以上，农业社会化服务覆盖面持续扩大。部门严格执行预算批复，规范资金支付流程，确保每一笔资金用在刀刃上，并按季度开展绩效运行监控，及时发现和纠正执行中的偏差。同时加强与财政、审计等部门的沟通协作，推进绩效结果与预算安排挂钩，提高财政资金使用效益。Budget 2023 was executed as planned.</text:p>"
    done
  done
  echo '</office:text></office:body></office:document>'
} >"$work/pdf-prose-footers.fodt"

# HTML as a Writer document (the default, Writer/Web, drops the first paragraph)
(cd "$work" && soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf pdf-mof-project-table.html pdf-sichuan-project-table.html >/dev/null 2>&1)
(cd "$work" && soffice --headless --convert-to pdf pdf-prose-footers.fodt >/dev/null 2>&1)
for f in pdf-mof-project-table pdf-sichuan-project-table pdf-prose-footers; do cp "$work/$f.pdf" "$here/$f.pdf"; done

# (e) encrypted: a password to open (pdftotext cannot open it), and copying forbidden
cp "$work/pdf-sichuan-project-table.html" "$work/pdf-encrypted-open.html"
(cd "$work" && soffice --headless --infilter="HTML (StarWriter)" --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' pdf-encrypted-open.html >/dev/null 2>&1)
# (poppler's pdftotext does not enforce "copying forbidden", so that case reads as text
# and is not kept)
for f in pdf-encrypted-open; do [ -f "$work/$f.pdf" ] && cp "$work/$f.pdf" "$here/$f.pdf"; done
ls -la "$here"/pdf-*.pdf
