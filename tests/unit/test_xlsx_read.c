/* test_xlsx_read.c — the XLSX reader (parse/xlsx.c) and the CSV reader on packages built
 * here from XML text with libzip: every cell type, shared and rich strings, dates in
 * both epochs, merged cells, numbers as text; and every cap refused with its reason. */
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "helpers.h"
#include "parse/xlsx.h"

static const char *CT = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char *RELS =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
static const char *WB_RELS =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";
#define WB(pr)                                                                                                     \
  "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "          \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" pr                            \
  "<sheets><sheet name=\"表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"                                             \
  "<definedNames><definedName name=\"JIXIAO_TEMPLATE\">\"jixiao-template/1 target\"</definedName></definedNames>" \
  "</workbook>"
static const char *STYLES =
    "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0&quot;%&quot;;[Red]0.0%\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"10\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/></cellXfs>"
    "</styleSheet>";
static const char *SST =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>三级指标</t></si>"
    "<si><r><rPr><b/></rPr><t>实际</t></r><r><t xml:space=\"preserve\">完成值 </t></r><rPh sb=\"0\" eb=\"1\"><t>ジツ</t></rPh></si>"
    "<si><t>第一行_x000D_第二行</t></si>"
    "</sst>";

typedef struct {
  const char *name, *data;
  size_t len; /* 0: strlen */
} part;

/* A zip of the parts, in memory (malloc'd, *len bytes). */
static void *make_zip(const part *parts, size_t n, size_t *len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  assert_non_null(src);
  zip_source_keep(src);
  zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
  assert_non_null(z);
  for (size_t i = 0; i < n; i++) {
    size_t l = parts[i].len ? parts[i].len : strlen(parts[i].data);
    zip_source_t *s = zip_source_buffer(z, parts[i].data, l, 0);
    assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) >= 0);
  }
  assert_int_equal(zip_close(z), 0);
  assert_int_equal(zip_source_open(src), 0);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  void *buf = malloc((size_t)size);
  assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)size), size);
  zip_source_close(src);
  zip_source_free(src);
  *len = (size_t)size;
  return buf;
}

/* Read a workbook whose only sheet is sheet_xml (with the standard parts around it). */
static jx_status read_sheet(const char *workbook, const char *sheet_xml, const jx_xlsx_limits *lim, jx_workbook **wb,
                            char *err, size_t errlen) {
  part parts[] = {{"[Content_Types].xml", CT, 0},   {"_rels/.rels", RELS, 0},       {"xl/workbook.xml", workbook, 0},
                  {"xl/_rels/workbook.xml.rels", WB_RELS, 0}, {"xl/styles.xml", STYLES, 0}, {"xl/sharedStrings.xml", SST, 0},
                  {"xl/worksheets/sheet1.xml", sheet_xml, 0}};
  size_t len;
  void *zip = make_zip(parts, sizeof parts / sizeof parts[0], &len);
  jx_status st = jx_xlsx_read_mem("t.xlsx", zip, len, lim, wb, err, errlen);
  free(zip);
  return st;
}

#define SHEET(rows)                                                                                         \
  "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<sheetData>" rows "</sheetData></worksheet>"

static const char *text_at(const jx_workbook *wb, uint32_t r, uint32_t c) {
  const jx_xcell *cell = jx_xsheet_cell(&wb->sheets[0], r, c);
  return cell ? cell->text : NULL;
}

static void every_cell_type(void **state) {
  (void)state;
  const char *sheet = SHEET(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>≥95%</t></is></c><c r=\"B2\" t=\"str\"><f>A1</f><v>公式文本</v></c>"
      "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"e\"><v>#DIV/0!</v></c></row>"
      "<row r=\"3\"><c r=\"A3\"><v>1.0725199999999999E3</v></c><c r=\"B3\"><v>0.30000000000000004</v></c>"
      "<c r=\"C3\"><v>-1E-7</v></c><c r=\"D3\"><v>123456789012345678</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>45000</v></c><c r=\"B4\" s=\"2\"><v>0.95</v></c><c r=\"C4\" s=\"3\"><v>0.5</v></c>"
      "<c r=\"D4\" s=\"1\"><v>60</v></c><c r=\"E4\" t=\"d\"><v>2024-03-15T00:00:00</v></c></row>"
      "<row><c><v>7</v></c><c><v>8</v></c></row>" /* no r: next row, next columns */
      "<row r=\"9\"><c r=\"A9\"><f>1/0</f></c></row>");
  jx_workbook *wb = NULL;
  char err[256];
  assert_int_equal(read_sheet(WB(""), sheet, NULL, &wb, err, sizeof err), JX_OK);
  assert_string_equal(wb->sheets[0].name, "表1");
  assert_string_equal(text_at(wb, 0, 0), "三级指标");
  assert_string_equal(text_at(wb, 0, 1), "实际完成值 "); /* runs joined, phonetic run left out */
  assert_string_equal(text_at(wb, 0, 2), "第一行\r第二行");
  assert_string_equal(text_at(wb, 1, 0), "≥95%");
  assert_string_equal(text_at(wb, 1, 1), "公式文本");
  assert_true(jx_xsheet_cell(&wb->sheets[0], 1, 1)->formula);
  assert_string_equal(text_at(wb, 1, 2), "TRUE");
  assert_int_equal(jx_xsheet_cell(&wb->sheets[0], 1, 3)->type, JX_XC_ERROR);
  assert_string_equal(text_at(wb, 2, 0), "1072.52");
  assert_string_equal(text_at(wb, 2, 1), "0.3");
  assert_string_equal(text_at(wb, 2, 2), "-0.0000001");
  assert_string_equal(text_at(wb, 2, 3), "123456789012346000"); /* 15 significant digits */
  assert_string_equal(text_at(wb, 3, 0), "2023-03-15");
  assert_int_equal(jx_xsheet_cell(&wb->sheets[0], 3, 0)->type, JX_XC_DATE);
  assert_int_equal(jx_xsheet_cell(&wb->sheets[0], 3, 1)->format, JX_XF_PERCENT);
  assert_int_equal(jx_xsheet_cell(&wb->sheets[0], 3, 2)->format, JX_XF_OTHER); /* a quoted "%" does not scale */
  assert_string_equal(text_at(wb, 3, 3), "1900-02-29");                          /* the spreadsheet's phantom day */
  assert_string_equal(text_at(wb, 3, 4), "2024-03-15");
  assert_string_equal(text_at(wb, 4, 0), "7");
  assert_string_equal(text_at(wb, 4, 1), "8");
  assert_string_equal(text_at(wb, 8, 0), ""); /* formula without a saved result */
  assert_true(jx_xsheet_cell(&wb->sheets[0], 8, 0)->formula);
  assert_int_equal(wb->n_names, 1);
  assert_string_equal(wb->names[0].value, "\"jixiao-template/1 target\"");
  jx_workbook_free(wb);

  /* the 1904 epoch */
  assert_int_equal(read_sheet(WB("<workbookPr date1904=\"1\"/>"), SHEET("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45000</v></c></row>"),
                              NULL, &wb, err, sizeof err),
                   JX_OK);
  assert_string_equal(text_at(wb, 0, 0), "2027-03-16");
  jx_workbook_free(wb);
}

static void merged_cells_copy_their_value(void **state) {
  (void)state;
  const char *sheet =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>产出指标</t></is></c><c r=\"B2\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>hidden</t></is></c><c r=\"B3\"><v>2</v></c></row>"
      "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A2:A4\"/></mergeCells></worksheet>";
  jx_workbook *wb = NULL;
  char err[256];
  assert_int_equal(read_sheet(WB(""), sheet, NULL, &wb, err, sizeof err), JX_OK);
  for (uint32_t r = 1; r <= 3; r++) assert_string_equal(text_at(wb, r, 0), "产出指标");
  assert_false(jx_xsheet_cell(&wb->sheets[0], 1, 0)->merged);
  assert_true(jx_xsheet_cell(&wb->sheets[0], 2, 0)->merged);
  assert_int_equal(wb->sheets[0].n_merges, 1);
  jx_workbook_free(wb);
}

/* Found by fuzz_xlsx: merged ranges on a sheet without a single cell (memcpy from NULL). */
static void merges_on_an_empty_sheet(void **state) {
  (void)state;
  const char *sheet =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/>"
      "<mergeCells count=\"1\"><mergeCell ref=\"A2:B3\"/></mergeCells></worksheet>";
  jx_workbook *wb = NULL;
  char err[256];
  assert_int_equal(read_sheet(WB(""), sheet, NULL, &wb, err, sizeof err), JX_OK);
  assert_null(text_at(wb, 1, 0));
  assert_int_equal(wb->sheets[0].n_merges, 1);
  jx_workbook_free(wb);
}

static void refuse(const char *workbook, const char *sheet, const jx_xlsx_limits *lim, const char *needle) {
  jx_workbook *wb = NULL;
  char err[256];
  jx_status st = read_sheet(workbook, sheet, lim, &wb, err, sizeof err);
  if (st == JX_OK || !strstr(err, needle)) fprintf(stderr, "status %d, message: %s (wanted: %s)\n", st, err, needle);
  assert_int_equal(st, JX_ERR_DATA);
  assert_null(wb);
  assert_non_null(strstr(err, needle));
}

static void caps_are_refused(void **state) {
  (void)state;
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_rows = 10;
  refuse(WB(""), SHEET("<row r=\"11\"><c r=\"A11\"><v>1</v></c></row>"), &lim, "超过 10 行的上限");
  lim = jx_xlsx_default_limits;
  lim.max_cols = 4;
  refuse(WB(""), SHEET("<row r=\"1\"><c r=\"E1\"><v>1</v></c></row>"), &lim, "超过 4 列的上限");
  lim = jx_xlsx_default_limits;
  lim.max_string = 8;
  refuse(WB(""), SHEET("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>0123456789</t></is></c></row>"), &lim,
         "单元格文本超过 8 字节");
  lim = jx_xlsx_default_limits;
  lim.max_cells = 100;
  refuse(WB(""),
         "<?xml version=\"1.0\"?><worksheet xmlns=\"x\"><sheetData/><mergeCells><mergeCell ref=\"A1:Z100\"/></mergeCells>"
         "</worksheet>",
         &lim, "合并单元格");
  /* deep XML */
  char deep[4096] = "<?xml version=\"1.0\"?><worksheet><sheetData>";
  for (int i = 0; i < 100; i++) strcat(deep, "<x>");
  for (int i = 0; i < 100; i++) strcat(deep, "</x>");
  strcat(deep, "</sheetData></worksheet>");
  refuse(WB(""), deep, NULL, "嵌套超过 64 层");
  /* a DTD: entity expansion (billion laughs) is never reached */
  refuse(WB(""),
         "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><worksheet>&b;</worksheet>",
         NULL, "DTD");
  refuse(WB(""), SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row>"), NULL, "共享字符串编号“99”不存在");
  refuse(WB(""), SHEET("<row r=\"1\"><c r=\"A1\"><v>1,5</v></c></row>"), NULL, "数值“1,5”无效");
  refuse(WB(""), "<worksheet><sheetData><row></sheetData></worksheet>", NULL, "XML 格式错误");
}

/* A part that inflates far beyond its compressed size is a zip bomb. */
static void zip_bombs_are_refused(void **state) {
  (void)state;
  size_t n = 8u << 20;
  char *zeros = malloc(n);
  assert_non_null(zeros);
  memset(zeros, ' ', n); /* well-formed XML, so that only the size can stop it */
  memcpy(zeros, "<a>", 3);
  part parts[] = {{"_rels/.rels", RELS, 0}, {"xl/workbook.xml", WB(""), 0}, {"xl/_rels/workbook.xml.rels", WB_RELS, 0},
                  {"xl/sharedStrings.xml", zeros, n}};
  size_t len;
  void *zip = make_zip(parts, 4, &len);
  assert_true(len < n / 100);
  jx_workbook *wb = NULL;
  char err[256];
  assert_int_equal(jx_xlsx_read_mem("bomb.xlsx", zip, len, NULL, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "压缩比超过 200 倍"));
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_ratio = 100000;
  lim.max_entry = 1u << 20;
  assert_int_equal(jx_xlsx_read_mem("bomb.xlsx", zip, len, &lim, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "超过单个部件上限 1048576 字节"));
  lim.max_entry = 64u << 20;
  lim.max_total = 2u << 20;
  assert_int_equal(jx_xlsx_read_mem("bomb.xlsx", zip, len, &lim, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "总量超过上限"));
  free(zip);
  free(zeros);
}

static void not_a_workbook(void **state) {
  (void)state;
  jx_workbook *wb = NULL;
  char err[256];
  assert_int_equal(jx_xlsx_read_mem("x.xlsx", "hello", 5, NULL, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "不是 zip 压缩包"));
  part parts[] = {{"hello.txt", "hi", 0}};
  size_t len;
  void *zip = make_zip(parts, 1, &len);
  assert_int_equal(jx_xlsx_read_mem("x.xlsx", zip, len, NULL, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "缺少 xl/workbook.xml"));
  free(zip);
  assert_int_equal(jx_xlsx_read_file("/nonexistent/x.xlsx", NULL, &wb, err, sizeof err), JX_ERR_IO);
  /* an old .xls (OLE2 compound file) is named as such */
  static const unsigned char xls[16] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  assert_int_equal(jx_xlsx_read_mem("old.xls", xls, sizeof xls, NULL, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "旧版 Excel（.xls）"));
}

static void csv_fields(void **state) {
  (void)state;
  const char *csv = "\xEF\xBB\xBF三级指标,指标值,\"备注\"\r\n\"A,B\",\"1,072.52\",\"说\"\"明\"\"\n第二行\"\n,,\n";
  jx_workbook *wb = NULL;
  char err[256];
  assert_int_equal(jx_csv_read_mem("dir/表.csv", csv, strlen(csv), NULL, &wb, err, sizeof err), JX_OK);
  assert_string_equal(wb->sheets[0].name, "表");
  assert_string_equal(text_at(wb, 0, 0), "三级指标");
  assert_string_equal(text_at(wb, 0, 2), "备注");
  assert_string_equal(text_at(wb, 1, 0), "A,B");
  assert_string_equal(text_at(wb, 1, 1), "1,072.52");
  assert_string_equal(text_at(wb, 1, 2), "说\"明\"\n第二行");
  assert_null(text_at(wb, 2, 0));
  jx_workbook_free(wb);
  assert_int_equal(jx_csv_read_mem("g.csv", "\xB8\xDF", 2, NULL, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "不是有效的 UTF-8"));
  assert_int_equal(jx_csv_read_mem("q.csv", "\"abc", 4, NULL, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "引号没有闭合"));
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_rows = 2;
  assert_int_equal(jx_csv_read_mem("r.csv", "a\nb\nc\n", 6, &lim, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "上限"));
}

/* The unquoted part of a field is taken from the data as it is (csv_read.c): after a
 * closing quote it is kept, as spreadsheets do; the field's size limit counts both parts;
 * the data need not end in NUL. */
static void csv_unquoted(void **state) {
  (void)state;
  jx_workbook *wb = NULL;
  char err[256];
  const char *csv = "\"ab\"cd,x\r\nlast,\"q\"";
  char *copy = malloc(strlen(csv));
  memcpy(copy, csv, strlen(csv)); /* no terminating NUL */
  assert_int_equal(jx_csv_read_mem("u.csv", copy, strlen(csv), NULL, &wb, err, sizeof err), JX_OK);
  assert_string_equal(text_at(wb, 0, 0), "abcd");
  assert_string_equal(text_at(wb, 0, 1), "x");
  assert_string_equal(text_at(wb, 1, 0), "last");
  assert_string_equal(text_at(wb, 1, 1), "q");
  jx_workbook_free(wb);
  free(copy);
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_string = 4;
  assert_int_equal(jx_csv_read_mem("a.csv", "abcd,e\n", 7, &lim, &wb, err, sizeof err), JX_OK); /* exactly the limit */
  assert_string_equal(text_at(wb, 0, 0), "abcd");
  jx_workbook_free(wb);
  assert_int_equal(jx_csv_read_mem("b.csv", "abcde\n", 6, &lim, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "字段超过 4 字节"));
  assert_int_equal(jx_csv_read_mem("c.csv", "\"ab\"cde\n", 8, &lim, &wb, err, sizeof err), JX_ERR_DATA);
  assert_non_null(strstr(err, "第 1 行：字段超过 4 字节"));
  assert_int_equal(jx_csv_read_mem("d.csv", "\"ab\"cd\n", 7, &lim, &wb, err, sizeof err), JX_OK);
  assert_string_equal(text_at(wb, 0, 0), "abcd");
  jx_workbook_free(wb);
}

static void cell_refs(void **state) {
  (void)state;
  char buf[16];
  assert_string_equal(jx_cell_ref(11, 2, buf, sizeof buf), "C12");
  assert_string_equal(jx_cell_ref(0, 26, buf, sizeof buf), "AA1");
  assert_string_equal(jx_cell_ref(1048575, 16383, buf, sizeof buf), "XFD1048576");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_cell_type),       cmocka_unit_test(merged_cells_copy_their_value),
      cmocka_unit_test(merges_on_an_empty_sheet),
      cmocka_unit_test(caps_are_refused),      cmocka_unit_test(zip_bombs_are_refused),
      cmocka_unit_test(not_a_workbook),        cmocka_unit_test(csv_fields), cmocka_unit_test(csv_unquoted),
      cmocka_unit_test(cell_refs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
