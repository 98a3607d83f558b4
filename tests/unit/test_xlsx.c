/* test_xlsx.c — the XLSX backend (src/render/xlsx.c): the R1C1 → A1 formula converter,
 * and a hand-built report rendered, unzipped (libzip) and read back (expat): merged
 * ranges, numbers as numbers with their formats, live formulas with cached values,
 * text that looks like a formula kept as text, sheet names, reproducible bytes.
 * When LibreOffice Calc is installed the file is also converted to CSV and its
 * values checked; otherwise that part is skipped. */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "helpers.h"
#include "render/report.h"

/* internal to src/render/xlsx.c */
bool jx_xlsx_r1c1_to_a1(const char *formula, long row, long col, long base_row, long base_col, char *out, size_t cap);

/* ---- R1C1 → A1 ----------------------------------------------------------------------- */

static void a1_at(const char *f, long row, long col, long base_row, const char *want) {
  char out[256];
  if (!jx_xlsx_r1c1_to_a1(f, row, col, base_row, 0, out, sizeof out))
    fail_msg("%s at R%ldC%ld (0-based) was refused", f, row, col);
  if (strcmp(out, want) != 0) fail_msg("%s at R%ldC%ld (0-based): got %s, want %s", f, row, col, out, want);
}
#define A1(f, row, col, want) a1_at((f), (row), (col), 0, (want))

static void a1_bad(const char *f, long row, long col) {
  char out[256] = "junk";
  if (jx_xlsx_r1c1_to_a1(f, row, col, 0, 0, out, sizeof out)) fail_msg("%s at R%ldC%ld accepted as %s", f, row, col, out);
  assert_string_equal(out, "");
}

static void test_r1c1_relative(void **state) {
  (void)state;
  /* row 5, column E (0-based 4, 4) */
  A1("=RC[-1]/RC[-2]", 4, 4, "=D5/C5");
  A1("=R[1]C[1]", 0, 0, "=B2");
  A1("=RC", 9, 2, "=C10");
  A1("=R[-4]C[+2]", 4, 0, "=C1");
  A1("=SUM(R[-3]C:R[-1]C)", 5, 2, "=SUM(C3:C5)");
  A1("=SUM(RC[-3]:RC[-1])", 0, 3, "=SUM(A1:C1)");
  A1("=ROUND(MIN(RC[-3]/RC[-4],1)*RC[-1],2)", 10, 7, "=ROUND(MIN(E11/D11,1)*G11,2)");
  A1("=ROUND(RC[-1]/RC[-2],4)", 4, 4, "=ROUND(D5/C5,4)");
  A1("=R[-2]C+SUM(R[-12]C:R[-3]C)", 20, 6, "=G19+SUM(G9:G18)");
  A1("=1+2", 3, 3, "=1+2");
  A1("=RC[-1]*100%", 0, 1, "=A1*100%");
}

static void test_r1c1_absolute_and_mixed(void **state) {
  (void)state;
  A1("=R5C3", 0, 0, "=$C$5");
  A1("=R5C3", 99, 99, "=$C$5");
  A1("=R5C[1]", 0, 0, "=B$5");
  A1("=R[1]C3", 0, 0, "=$C2");
  A1("=SUM(R1C1:R2C2)", 7, 7, "=SUM($A$1:$B$2)");
  A1("=R1048576C16384", 0, 0, "=$XFD$1048576");
  /* absolute parts count from the table's first grid row when a base is given */
  a1_at("=R1C1+R[-1]C", 4, 1, 2, "=$A$3+B4");
}

static void test_r1c1_whole_rows_columns(void **state) {
  (void)state;
  A1("=SUM(R[-1])", 4, 0, "=SUM(4:4)");
  A1("=SUM(R1:R3)", 4, 0, "=SUM($1:$3)");
  A1("=SUM(R[-3]:R[-1])", 4, 0, "=SUM(2:4)");
  A1("=SUM(C[-1]:C)", 0, 2, "=SUM(B:C)");
  A1("=SUM(C2)", 0, 0, "=SUM($B:$B)");
  A1("=SUM(C)", 0, 27, "=SUM(AB:AB)");
}

static void test_r1c1_column_letters(void **state) {
  (void)state;
  A1("=RC", 0, 25, "=Z1");
  A1("=RC", 0, 26, "=AA1");
  A1("=RC", 0, 51, "=AZ1");
  A1("=RC", 0, 52, "=BA1");
  A1("=RC", 0, 701, "=ZZ1");
  A1("=RC", 0, 702, "=AAA1");
  A1("=RC", 1048575, 16383, "=XFD1048576");
}

static void test_r1c1_names_strings_sheets(void **state) {
  (void)state;
  /* function names that start with R or C are not references */
  A1("=RATE(10,-5,100)", 0, 0, "=RATE(10,-5,100)");
  A1("=CHOOSE(1,RC[1])", 0, 0, "=CHOOSE(1,B1)");
  A1("=COUNT(R[1]C:R[2]C)+ROUND(RC[1],2)", 0, 0, "=COUNT(A2:A3)+ROUND(B1,2)");
  A1("=CONCATENATE(\"R\",RC[1])", 0, 0, "=CONCATENATE(\"R\",B1)");
  /* string literals are copied untouched, doubled quotes included */
  A1("=IF(RC[-1]>0,\"RC[-1]\",\"\")", 0, 1, "=IF(A1>0,\"RC[-1]\",\"\")");
  A1("=\"a\"\"RC\"\"b\"&RC[1]", 0, 0, "=\"a\"\"RC\"\"b\"&B1");
  /* sheet names, quoted or not */
  A1("='R1C1 表'!R1C1", 3, 3, "='R1C1 表'!$A$1");
  A1("=Sheet1!R[1]C", 0, 0, "=Sheet1!A2");
  A1("='it''s'!RC", 0, 0, "='it''s'!A1");
}

static void test_r1c1_refused(void **state) {
  (void)state;
  a1_bad("=R[-1]C", 0, 0);          /* above row 1 */
  a1_bad("=RC[-1]", 5, 0);          /* left of column A */
  a1_bad("=R[1]C", 1048575, 0);     /* below the last row */
  a1_bad("=RC[1]", 0, 16383);       /* right of XFD */
  a1_bad("=R0C1", 0, 0);            /* rows count from 1 */
  a1_bad("=R1C0", 0, 0);
  a1_bad("=R1048577C1", 0, 0);
  a1_bad("=R1C16385", 0, 0);
  a1_bad("=R[1C", 3, 3);            /* unclosed bracket */
  a1_bad("=R[]C", 3, 3);
  a1_bad("=R[x]C", 3, 3);
  a1_bad("=R[999999999]C", 3, 3);   /* too many digits */
  a1_bad("=\"abc", 0, 0);           /* unterminated string */
  a1_bad("='sheet!A1", 0, 0);
  a1_bad("=SUM(R1:C1)", 0, 0);      /* a row range to a column */
  a1_bad("=SUM(RC:R[1])", 0, 0);
  a1_bad("=R[1]C[1]X", 0, 0);       /* a bracketed reference glued to a name */
  char out[8] = "junk";
  assert_false(jx_xlsx_r1c1_to_a1("=SUM(R[1]C:R[9]C)", 0, 0, 0, 0, out, sizeof out)); /* does not fit */
  assert_string_equal(out, "");
  assert_false(jx_xlsx_r1c1_to_a1(NULL, 0, 0, 0, 0, out, sizeof out));
  assert_false(jx_xlsx_r1c1_to_a1("=RC", -1, 0, 0, 0, out, sizeof out));
  assert_false(jx_xlsx_r1c1_to_a1("=RC", 0, 0, 0, 0, out, 0));
}

/* ---- a hand-built report ----------------------------------------------------------- */

#define NCOLS 8
#define INJECT "=HYPERLINK(\"http://example.com/x\",\"点我\")"
#define LONG_CAPTION "政协峨边彝族自治县委员会办公室二〇二三年度项目支出绩效自评表（专项资金）"

static jx_rtable *new_table(jx_arena *a, size_t rows, size_t cols, size_t header_rows) {
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->rows = rows;
  t->cols = cols;
  t->header_rows = header_rows;
  t->cells = jx_arena_alloc(a, rows * cols * sizeof *t->cells);
  t->col_widths = jx_arena_alloc(a, cols * sizeof *t->col_widths);
  for (size_t c = 0; c < cols; c++) t->col_widths[c] = c == 0 || c == cols - 1 ? 3 : 1;
  return t;
}

static jx_rcell *put_text(jx_rtable *t, size_t r, size_t c, const char *text, int rs, int cs) {
  jx_rcell *cell = jx_rtable_at(t, r, c);
  cell->text = text;
  cell->rowspan = rs;
  cell->colspan = cs;
  for (size_t i = r; i < r + (size_t)rs && i < t->rows; i++)
    for (size_t j = c; j < c + (size_t)cs && j < t->cols; j++)
      if (i != r || j != c) jx_rtable_at(t, i, j)->covered = true;
  return cell;
}

static jx_rcell *put_num(jx_rtable *t, size_t r, size_t c, const char *text, jx_cell_type type, int64_t value, const char *formula) {
  jx_rcell *cell = put_text(t, r, c, text, 1, 1);
  cell->type = type;
  cell->value = value;
  cell->has_value = true;
  cell->align = JX_ALIGN_RIGHT;
  cell->formula = formula;
  return cell;
}

/* 项目 | 年初预算数 全年预算数 全年执行数 (under 资金) | 执行率 | 分值 | 得分 | 备注 */
static jx_rtable *money_table(jx_arena *a, const char *caption, const char *sheet) {
  jx_rtable *t = new_table(a, 6, NCOLS, 2);
  t->caption = caption;
  t->sheet = sheet;
  t->unit_note = "单位：万元";
  put_text(t, 0, 0, "项目", 2, 1);
  put_text(t, 0, 1, "资金", 1, 3);
  put_text(t, 0, 4, "执行率", 2, 1);
  put_text(t, 0, 5, "分值", 2, 1);
  put_text(t, 0, 6, "得分", 2, 1);
  put_text(t, 0, 7, "备注", 2, 1);
  put_text(t, 1, 1, "年初预算数", 1, 1);
  put_text(t, 1, 2, "全年预算数", 1, 1);
  put_text(t, 1, 3, "全年执行数", 1, 1);
  for (size_t c = 0; c < NCOLS; c++)
    for (size_t r = 0; r < 2; r++) jx_rtable_at(t, r, c)->header = !jx_rtable_at(t, r, c)->covered;

  put_text(t, 2, 0, "财政拨款", 1, 1);
  put_num(t, 2, 1, "100.00", JX_CELL_MONEY, 100000000, NULL);
  put_num(t, 2, 2, "120.00", JX_CELL_MONEY, 120000000, NULL);
  put_num(t, 2, 3, "110.55", JX_CELL_MONEY, 110550000, NULL);
  put_num(t, 2, 4, "92.13%", JX_CELL_PERCENT, 92130000, "=ROUND(RC[-1]/RC[-2],4)"); /* 110.55 / 120 = 92.125% */
  put_num(t, 2, 5, "10", JX_CELL_NUMBER, 10000000, NULL);
  put_num(t, 2, 6, "9.21", JX_CELL_NUMBER, 9210000, "=ROUND(MIN(RC[-3]/RC[-4],1)*RC[-1],2)");
  put_text(t, 2, 7, INJECT, 1, 1);

  put_text(t, 3, 0, "其他资金", 1, 1);
  put_num(t, 3, 1, "20.00", JX_CELL_MONEY, 20000000, NULL);
  put_num(t, 3, 2, "30.00", JX_CELL_MONEY, 30000000, NULL);
  put_num(t, 3, 3, "30.00", JX_CELL_MONEY, 30000000, NULL);
  put_num(t, 3, 4, "100.00%", JX_CELL_PERCENT, 100000000, "=ROUND(RC[-1]/RC[-2],4)");
  put_num(t, 3, 5, "5", JX_CELL_NUMBER, 5000000, NULL);
  put_num(t, 3, 6, "5.00", JX_CELL_NUMBER, 5000000, "=ROUND(MIN(RC[-3]/RC[-4],1)*RC[-1],2)");
  put_text(t, 3, 7, "+1-2", 1, 1);

  put_text(t, 4, 0, "合计", 1, 1)->align = JX_ALIGN_CENTER;
  put_num(t, 4, 1, "1,200.00", JX_CELL_MONEY, 1200000000, "=SUM(R[-2]C:R[-1]C)+1080");
  put_num(t, 4, 2, "150.00", JX_CELL_MONEY, 150000000, "=SUM(R[-2]C:R[-1]C)");
  put_num(t, 4, 3, "140.55", JX_CELL_MONEY, 140550000, "=SUM(R[-2]C:R[-1]C)");
  put_num(t, 4, 4, "93.7%", JX_CELL_PERCENT, 93700000, "=ROUND(RC[-1]/RC[-2],4)");
  put_num(t, 4, 5, "15", JX_CELL_NUMBER, 15000000, "=SUM(R[-2]C:R[-1]C)");
  put_num(t, 4, 6, "14.21", JX_CELL_NUMBER, 14210000, "=SUM(R[-2]C:R[-1]C)");
  put_text(t, 4, 7, "", 1, 1);

  put_text(t, 5, 0, "@SUM(1)", 1, 1);
  put_text(t, 5, 1, "-2+3 偏差原因：年中追加预算 30 万元，其中 9.45 万元因采购流程未完成于次年支付；<b>&amp;</b>", 1, 7);
  return t;
}

/* The hand-built report lives in its arena. */
static void free_report(jx_report *r) { jx_arena_free(r->arena); }

static jx_report *sample_report(void) {
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->title = "政协峨边彝族自治县委员会办公室2023年度部门整体绩效自评报告";
  r->unit = "政协峨边彝族自治县委员会办公室";
  r->date = "2024-06-20";
  r->year = 2023;
  r->blocks.items = jx_arena_alloc(a, 8 * sizeof *r->blocks.items);
  jx_rblock *b = r->blocks.items;
  b[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TITLE, .text = r->title};
  b[r->blocks.n++] = (jx_rblock){.kind = JX_RB_PARAGRAPH, .text = "正文不进工作簿。"};
  b[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = money_table(a, LONG_CAPTION, NULL)};
  b[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = money_table(a, "第二张表", LONG_CAPTION)};
  b[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = money_table(a, "第三张表", "[a/b:c*?\\]'")};
  b[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = money_table(a, "第四张表", "说明")};
  return r;
}

/* ---- reading the file back --------------------------------------------------------- */

static char *zip_entry(const char *path, const char *name, size_t *len) {
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
  if (!z) fail_msg("zip_open %s failed (%d)", path, zerr);
  zip_stat_t st;
  if (zip_stat(z, name, 0, &st) != 0) fail_msg("%s has no %s", path, name);
  char *buf = malloc(st.size + 1);
  zip_file_t *f = zip_fopen(z, name, 0);
  assert_non_null(f);
  assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
  zip_fclose(f);
  zip_close(z);
  buf[st.size] = '\0';
  if (len) *len = st.size;
  return buf;
}

typedef struct {
  char ref[16], t[8], f[256], v[64];
  int s;
} xcell;

typedef struct {
  /* sheet */
  xcell cells[512];
  size_t ncells;
  char merges[64][24];
  size_t nmerges;
  bool in_f, in_v;
  /* shared strings */
  char *strings[256];
  size_t nstrings;
  bool in_si, in_t;
  char si[4096];
  /* styles */
  int xf_numfmt[128];
  size_t nxf;
  bool in_cellxfs;
  struct {
    int id;
    char code[64];
  } numfmts[64];
  size_t nnumfmts;
  /* workbook */
  char sheets[16][128];
  size_t nsheets;
} xml_state;

static const char *attr(const char **atts, const char *name) {
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(atts[i], name) == 0) return atts[i + 1];
  return NULL;
}

static void copy(char *dst, size_t cap, const char *src) { snprintf(dst, cap, "%s", src ? src : ""); }

static void append(char *dst, size_t cap, const char *s, int len) {
  size_t n = strlen(dst);
  if (n + (size_t)len >= cap) fail_msg("XML text too long for the test buffer");
  memcpy(dst + n, s, (size_t)len);
  dst[n + (size_t)len] = '\0';
}

static void XMLCALL on_start(void *ud, const char *el, const char **atts) {
  xml_state *x = ud;
  if (strcmp(el, "c") == 0) {
    assert_true(x->ncells < 512);
    xcell *c = &x->cells[x->ncells++];
    memset(c, 0, sizeof *c);
    copy(c->ref, sizeof c->ref, attr(atts, "r"));
    copy(c->t, sizeof c->t, attr(atts, "t"));
    c->s = attr(atts, "s") ? atoi(attr(atts, "s")) : 0;
  } else if (strcmp(el, "f") == 0) {
    x->in_f = true;
  } else if (strcmp(el, "v") == 0) {
    x->in_v = true;
  } else if (strcmp(el, "mergeCell") == 0) {
    assert_true(x->nmerges < 64);
    copy(x->merges[x->nmerges++], 24, attr(atts, "ref"));
  } else if (strcmp(el, "si") == 0) {
    x->in_si = true;
    x->si[0] = '\0';
  } else if (strcmp(el, "t") == 0) {
    x->in_t = x->in_si;
  } else if (strcmp(el, "cellXfs") == 0) {
    x->in_cellxfs = true;
  } else if (strcmp(el, "xf") == 0 && x->in_cellxfs) {
    assert_true(x->nxf < 128);
    x->xf_numfmt[x->nxf++] = atoi(attr(atts, "numFmtId"));
  } else if (strcmp(el, "numFmt") == 0) {
    assert_true(x->nnumfmts < 64);
    x->numfmts[x->nnumfmts].id = atoi(attr(atts, "numFmtId"));
    copy(x->numfmts[x->nnumfmts++].code, 64, attr(atts, "formatCode"));
  } else if (strcmp(el, "sheet") == 0) {
    assert_true(x->nsheets < 16);
    copy(x->sheets[x->nsheets++], 128, attr(atts, "name"));
  }
}

static void XMLCALL on_end(void *ud, const char *el) {
  xml_state *x = ud;
  if (strcmp(el, "f") == 0) x->in_f = false;
  else if (strcmp(el, "v") == 0) x->in_v = false;
  else if (strcmp(el, "t") == 0) x->in_t = false;
  else if (strcmp(el, "cellXfs") == 0) x->in_cellxfs = false;
  else if (strcmp(el, "si") == 0) {
    assert_true(x->nstrings < 256);
    x->strings[x->nstrings++] = strdup(x->si);
    x->in_si = false;
  }
}

static void XMLCALL on_text(void *ud, const char *s, int len) {
  xml_state *x = ud;
  if (x->in_f && x->ncells) append(x->cells[x->ncells - 1].f, sizeof x->cells[0].f, s, len);
  else if (x->in_v && x->ncells) append(x->cells[x->ncells - 1].v, sizeof x->cells[0].v, s, len);
  else if (x->in_t) append(x->si, sizeof x->si, s, len);
}

static void parse_xml(xml_state *x, const char *path, const char *entry) {
  size_t len;
  char *xml = zip_entry(path, entry, &len);
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, x);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  if (XML_Parse(p, xml, (int)len, 1) != XML_STATUS_OK)
    fail_msg("%s: %s is not well-formed XML: %s at line %lu", path, entry, XML_ErrorString(XML_GetErrorCode(p)),
             (unsigned long)XML_GetCurrentLineNumber(p));
  XML_ParserFree(p);
  free(xml);
}

/* Every part of the package is well-formed XML. */
static void assert_all_xml(const char *path) {
  int zerr = 0;
  zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
  assert_non_null(z);
  zip_int64_t n = zip_get_num_entries(z, 0);
  char **names = calloc((size_t)n, sizeof *names);
  for (zip_int64_t i = 0; i < n; i++) names[i] = strdup(zip_get_name(z, (zip_uint64_t)i, 0));
  zip_close(z);
  for (zip_int64_t i = 0; i < n; i++) {
    xml_state *x = calloc(1, sizeof *x);
    parse_xml(x, path, names[i]);
    for (size_t k = 0; k < x->nstrings; k++) free(x->strings[k]);
    free(x);
    free(names[i]);
  }
  free(names);
}

static void xml_free(xml_state *x) {
  for (size_t i = 0; i < x->nstrings; i++) free(x->strings[i]);
  free(x);
}

static const xcell *cell_at(const xml_state *x, const char *ref) {
  for (size_t i = 0; i < x->ncells; i++)
    if (strcmp(x->cells[i].ref, ref) == 0) return &x->cells[i];
  fail_msg("no cell %s in the sheet", ref);
  return NULL;
}

static bool has_merge(const xml_state *x, const char *ref) {
  for (size_t i = 0; i < x->nmerges; i++)
    if (strcmp(x->merges[i], ref) == 0) return true;
  return false;
}

/* The number format code of a cell (built-in ids resolved). */
static const char *format_code(const xml_state *styles, int s) {
  assert_true((size_t)s < styles->nxf);
  int id = styles->xf_numfmt[s];
  switch (id) {
  case 0: return "General";
  case 1: return "0";
  case 2: return "0.00";
  case 3: return "#,##0";
  case 4: return "#,##0.00";
  case 9: return "0%";
  case 10: return "0.00%";
  default: break;
  }
  for (size_t i = 0; i < styles->nnumfmts; i++)
    if (styles->numfmts[i].id == id) return styles->numfmts[i].code;
  fail_msg("number format %d not defined in styles.xml", id);
  return NULL;
}

/* A numeric cell: no type or "n", a <v> equal to want, no formula unless expected. */
static void assert_number(const xml_state *sheet, const xml_state *styles, const char *ref, double want, const char *formula,
                          const char *fmt_code) {
  const xcell *c = cell_at(sheet, ref);
  if (c->t[0] && strcmp(c->t, "n") != 0) fail_msg("%s has t=\"%s\", want a number", ref, c->t);
  if (!c->v[0]) fail_msg("%s has no cached value", ref);
  double got = strtod(c->v, NULL);
  if (got != want && fabs(got - want) > 1e-12) fail_msg("%s = %s, want %.17g", ref, c->v, want);
  if (formula) {
    if (strcmp(c->f, formula) != 0) fail_msg("%s has formula \"%s\", want \"%s\"", ref, c->f, formula);
  } else if (c->f[0]) {
    fail_msg("%s has a formula \"%s\", want none", ref, c->f);
  }
  const char *code = format_code(styles, c->s);
  if (strcmp(code, fmt_code) != 0) fail_msg("%s has number format %s, want %s", ref, code, fmt_code);
}

/* A text cell: a shared string equal to want, never a formula. */
static void assert_text(const xml_state *sheet, const xml_state *sst, const char *ref, const char *want) {
  const xcell *c = cell_at(sheet, ref);
  if (strcmp(c->t, "s") != 0) fail_msg("%s has t=\"%s\", want a shared string", ref, c->t);
  if (c->f[0]) fail_msg("%s is a formula \"%s\"", ref, c->f);
  size_t i = (size_t)atoi(c->v);
  assert_true(i < sst->nstrings);
  if (strcmp(sst->strings[i], want) != 0) fail_msg("%s = \"%s\", want \"%s\"", ref, sst->strings[i], want);
}

static char *tmp_path(const char *stem) {
  const char *dir = getenv("TMPDIR");
  char *p = malloc(512);
  snprintf(p, 512, "%s/jx-test-xlsx-%ld-%s", dir && *dir ? dir : "/tmp", (long)getpid(), stem);
  return p;
}


static void render(const jx_report *r, const char *path) {
  const char *err = NULL;
  jx_status st = jx_render_xlsx(r, path, &err);
  if (st != JX_OK) fail_msg("jx_render_xlsx: %s", err ? err : "(no message)");
}

/* ---- the rendered workbook --------------------------------------------------------- */

static void test_render_structure(void **state) {
  (void)state;
  jx_report *r = sample_report();
  char *path = tmp_path("structure.xlsx");
  render(r, path);
  assert_all_xml(path);

  xml_state *wb = calloc(1, sizeof *wb), *sheet = calloc(1, sizeof *sheet), *sst = calloc(1, sizeof *sst),
            *styles = calloc(1, sizeof *styles), *info = calloc(1, sizeof *info);
  parse_xml(wb, path, "xl/workbook.xml");
  parse_xml(sheet, path, "xl/worksheets/sheet2.xml");
  parse_xml(sst, path, "xl/sharedStrings.xml");
  parse_xml(styles, path, "xl/styles.xml");
  parse_xml(info, path, "xl/worksheets/sheet1.xml");

  /* sheets: 说明 first, then one per table with valid, unique names of ≤ 31 characters */
  assert_int_equal(wb->nsheets, 5);
  assert_string_equal(wb->sheets[0], "说明");
  assert_string_equal(wb->sheets[1], "政协峨边彝族自治县委员会办公室二〇二三年度项目支出绩效自评表（"); /* 31 characters */
  assert_string_equal(wb->sheets[2], "政协峨边彝族自治县委员会办公室二〇二三年度项目支出绩效 (2)"); /* clash, still 31 */
  assert_string_equal(wb->sheets[3], "abc");
  assert_string_equal(wb->sheets[4], "说明 (2)");

  /* caption and unit note merged across the table; the merged header */
  const char *merges[] = {"A1:H1", "A2:H2", "A3:A4", "B3:D3", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "B8:H8"};
  for (size_t i = 0; i < sizeof merges / sizeof *merges; i++)
    if (!has_merge(sheet, merges[i])) fail_msg("no <mergeCell ref=\"%s\"/>", merges[i]);
  assert_int_equal(sheet->nmerges, sizeof merges / sizeof *merges);
  assert_text(sheet, sst, "A1", LONG_CAPTION);
  assert_text(sheet, sst, "A2", "单位：万元");
  assert_text(sheet, sst, "B3", "资金");
  assert_text(sheet, sst, "D4", "全年执行数");

  /* numbers are numbers, money in 万元 */
  assert_number(sheet, styles, "B5", 100.0, NULL, "#,##0.00");
  assert_number(sheet, styles, "D5", 110.55, NULL, "#,##0.00");
  assert_number(sheet, styles, "F5", 10.0, NULL, "General");
  assert_number(sheet, styles, "F6", 5.0, NULL, "General");
  /* formulas in A1 with their exact values cached */
  assert_number(sheet, styles, "E5", 0.9213, "ROUND(D5/C5,4)", "0.00%");
  assert_number(sheet, styles, "G5", 9.21, "ROUND(MIN(D5/C5,1)*F5,2)", "General");
  assert_number(sheet, styles, "E6", 1.0, "ROUND(D6/C6,4)", "0.00%");
  assert_number(sheet, styles, "G6", 5.0, "ROUND(MIN(D6/C6,1)*F6,2)", "General");
  assert_number(sheet, styles, "B7", 1200.0, "SUM(B5:B6)+1080", "#,##0.00");
  assert_number(sheet, styles, "C7", 150.0, "SUM(C5:C6)", "#,##0.00");
  assert_number(sheet, styles, "D7", 140.55, "SUM(D5:D6)", "#,##0.00");
  assert_number(sheet, styles, "E7", 0.937, "ROUND(D7/C7,4)", "0.00%");
  assert_number(sheet, styles, "F7", 15.0, "SUM(F5:F6)", "General");
  assert_number(sheet, styles, "G7", 14.21, "SUM(G5:G6)", "General");

  /* text that looks like a formula stays text */
  assert_text(sheet, sst, "H5", INJECT);
  assert_text(sheet, sst, "H6", "+1-2");
  assert_text(sheet, sst, "A8", "@SUM(1)");
  assert_text(sheet, sst, "B8", "-2+3 偏差原因：年中追加预算 30 万元，其中 9.45 万元因采购流程未完成于次年支付；<b>&amp;</b>");
  size_t formulas = 0;
  for (size_t i = 0; i < sheet->ncells; i++) formulas += sheet->cells[i].f[0] != '\0';
  assert_int_equal(formulas, 10);

  /* the empty cell keeps its border: a styled blank */
  const xcell *blank = cell_at(sheet, "H7");
  assert_true(blank->s > 0);
  assert_string_equal(blank->v, "");

  /* 说明 lists the sheets */
  assert_text(info, sst, "A1", r->title);
  assert_text(info, sst, "B3", r->unit);
  assert_text(info, sst, "B5", "2024-06-20");
  bool listed = false;
  for (size_t i = 0; i < info->ncells; i++)
    if (strcmp(info->cells[i].t, "s") == 0 && strcmp(sst->strings[atoi(info->cells[i].v)], "abc") == 0) listed = true;
  assert_true(listed);

  /* print setup: header rows repeated, fit to one page wide, A4 landscape (8 columns) */
  char *wbxml = zip_entry(path, "xl/workbook.xml", NULL);
  assert_non_null(strstr(wbxml, "_xlnm.Print_Titles"));
  assert_non_null(strstr(wbxml, "$3:$4"));
  free(wbxml);
  char *sxml = zip_entry(path, "xl/worksheets/sheet2.xml", NULL);
  assert_non_null(strstr(sxml, "<pageSetUpPr fitToPage=\"1\"/>")); /* fitToWidth="1" is the default */
  assert_non_null(strstr(sxml, "fitToHeight=\"0\""));
  assert_non_null(strstr(sxml, "paperSize=\"9\""));
  assert_non_null(strstr(sxml, "orientation=\"landscape\""));
  free(sxml);

  /* document properties from the report, created on its date */
  char *core = zip_entry(path, "docProps/core.xml", NULL);
  assert_non_null(strstr(core, "<dc:title>政协峨边彝族自治县委员会办公室2023年度部门整体绩效自评报告</dc:title>"));
  assert_non_null(strstr(core, "<dc:creator>政协峨边彝族自治县委员会办公室</dc:creator>"));
  assert_non_null(strstr(core, "2024-06-20T00:00:00Z"));
  free(core);

  xml_free(wb);
  xml_free(sheet);
  xml_free(sst);
  xml_free(styles);
  xml_free(info);
  unlink(path);
  free(path);
  free_report(r);
}

static void test_render_reproducible(void **state) {
  (void)state;
  jx_report *r = sample_report();
  char *p1 = tmp_path("same1.xlsx"), *p2 = tmp_path("same2.xlsx");
  render(r, p1);
  render(r, p2);
  size_t n1, n2;
  char *b1 = read_file(p1, &n1), *b2 = read_file(p2, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(b1, b2, n1);
  /* nothing depends on the clock: every zip entry carries a fixed date (libxlsxwriter
   * 1.1.4 writes 1980-01-01) or the report's (2024-06-20) */
  int zerr = 0;
  zip_t *z = zip_open(p1, ZIP_RDONLY, &zerr);
  assert_non_null(z);
  zip_int64_t n = zip_get_num_entries(z, 0);
  assert_true(n > 5);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
    struct tm tm;
    localtime_r(&st.mtime, &tm); /* zip times are local, without a zone */
    bool fixed = tm.tm_year + 1900 == 1980 && tm.tm_mon == 0 && tm.tm_mday == 1;
    bool report = tm.tm_year + 1900 == 2024 && tm.tm_mon + 1 == 6 && tm.tm_mday == 20;
    if (!fixed && !report) fail_msg("%s is dated %04d-%02d-%02d", st.name, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  }
  zip_close(z);
  free(b1);
  free(b2);
  unlink(p1);
  unlink(p2);
  free(p1);
  free(p2);
  free_report(r);
}

/* Degenerate reports still give a valid workbook: no tables, an empty table, a table
 * whose spans overlap or run off the grid, hostile text, no date. */
static void test_render_degenerate(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->title = "<script>&\"'\x01标题";
  r->blocks.items = jx_arena_alloc(a, 4 * sizeof *r->blocks.items);
  jx_rtable *empty = jx_arena_alloc(a, sizeof *empty);
  jx_rtable *bad = new_table(a, 3, 4, 5);
  bad->caption = "bad\xff\xfe grid";
  put_text(bad, 0, 0, "A", 2, 2);
  jx_rtable_at(bad, 1, 1)->covered = false; /* inside A's span but claims to be an origin */
  put_text(bad, 1, 1, "B", 5, 5);           /* runs off the grid */
  put_num(bad, 0, 2, "x", JX_CELL_MONEY, 1, "=R[-3]C");      /* formula off the sheet: value only */
  put_num(bad, 2, 0, "—", JX_CELL_PERCENT, 0, NULL)->has_value = false; /* no number: text */
  put_text(bad, 0, 3, "a_x0041_b\x02</t>&", 1, 1); /* hostile text */
  r->blocks.items[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = empty};
  r->blocks.items[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = bad};
  r->blocks.items[r->blocks.n++] = (jx_rblock){.kind = JX_RB_TABLE, .table = NULL};
  char *path = tmp_path("degenerate.xlsx");
  render(r, path);
  assert_all_xml(path);
  xml_state *wb = calloc(1, sizeof *wb), *sheet = calloc(1, sizeof *sheet), *sst = calloc(1, sizeof *sst);
  parse_xml(wb, path, "xl/workbook.xml");
  parse_xml(sheet, path, "xl/worksheets/sheet3.xml");
  parse_xml(sst, path, "xl/sharedStrings.xml");
  assert_int_equal(wb->nsheets, 3);
  assert_string_equal(wb->sheets[1], "表1");
  assert_string_equal(wb->sheets[2], "表2"); /* invalid UTF-8 in the caption */
  assert_true(has_merge(sheet, "A3:B4"));
  assert_int_equal(sheet->nmerges, 2); /* caption + A's span; B, inside it, is dropped */
  assert_text(sheet, sst, "A1", "bad\xEF\xBF\xBD\xEF\xBF\xBD grid");
  const xcell *c = cell_at(sheet, "C3");
  assert_string_equal(c->f, "");
  assert_true(strtod(c->v, NULL) == 1e-6); /* 1 分 = 0.000001 万元 */
  assert_text(sheet, sst, "A5", "—");
  assert_text(sheet, sst, "D3", "a_x005F_x0041_b</t>&"); /* Excel reads _x005F_ as "_" */
  char *core = zip_entry(path, "docProps/core.xml", NULL);
  assert_non_null(strstr(core, "<dc:title>&lt;script&gt;&amp;\"'标题</dc:title>")); /* no control character */
  /* no date: the zip epoch (libxlsxwriter always writes the element, and 0 is "now") */
  assert_non_null(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>"));
  free(core);
  /* an impossible date is no date either: it used to become 1 January of the report's
   * year, and the 说明 sheet showed it; now no 日期 row */
  r->date = "2023-02-29";
  r->year = 2023;
  char *path2 = tmp_path("baddate.xlsx");
  render(r, path2);
  core = zip_entry(path2, "docProps/core.xml", NULL);
  assert_non_null(strstr(core, ">1980-01-01T00:00:00Z</dcterms:created>"));
  assert_null(strstr(core, "2023-"));
  free(core);
  char *strings = zip_entry(path2, "xl/sharedStrings.xml", NULL);
  assert_null(strstr(strings, "2023-02-29"));
  assert_null(strstr(strings, "日期"));
  assert_non_null(strstr(strings, "年度"));
  free(strings);
  unlink(path2);
  free(path2);
  xml_free(wb);
  xml_free(sheet);
  xml_free(sst);
  unlink(path);
  free(path);

  /* an unwritable path is an error with a message, not a crash */
  const char *err = NULL;
  assert_int_equal(jx_render_xlsx(r, "/nonexistent-dir/x.xlsx", &err), JX_ERR_IO);
  assert_non_null(err);
  assert_non_null(strstr(err, "/nonexistent-dir/x.xlsx"));
  free_report(r);
}

/* LibreOffice Calc as an oracle: the first table sheet of dir/name.xlsx as CSV, the
 * cells as shown.  recalc: OOXMLRecalcMode of a fresh profile (0 always recalculate on
 * load, 1 never).  NULL when the conversion failed. */
static char *lo_csv(const char *dir, const char *name, int recalc, size_t *len) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd,
           "mkdir -p '%s/p%d/user' && printf '%%s\\n' '<?xml version=\"1.0\" encoding=\"UTF-8\"?>' "
           "'<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">' "
           "'<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop oor:name=\"OOXMLRecalcMode\" oor:op=\"fuse\">"
           "<value>%d</value></prop></item></oor:items>' > '%s/p%d/user/registrymodifications.xcu'",
           dir, recalc, recalc, dir, recalc);
  assert_int_equal(system(cmd), 0);
  /* CSV options: comma, quote, UTF-8, from line 1, …, as shown (9th), sheet 2 (12th) */
  snprintf(cmd, sizeof cmd,
           "cd '%s' && timeout 120 soffice -env:UserInstallation=file://%s/p%d --headless "
           "--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2' %s.xlsx >/dev/null 2>&1",
           dir, dir, recalc, name);
  int rc = system(cmd);
  char csv[1024];
  snprintf(csv, sizeof csv, "%s/%s-%s.csv", dir, name, "政协峨边彝族自治县委员会办公室二〇二三年度项目支出绩效自评表（");
  if (rc != 0 || access(csv, R_OK) != 0) {
    print_message("LibreOffice could not convert %s.xlsx (rc %d)\n", name, rc);
    return NULL;
  }
  return read_file(csv, len);
}

static void assert_csv(const char *csv, const char *what) {
  /* as displayed by the number formats: money 2 decimals, rates 0.00%, others General */
  const char *want[] = {"\n财政拨款,100.00,120.00,110.55,92.13%,10,9.21,\"=HYPERLINK(\"\"http://example.com/x\"\",\"\"点我\"\")\"\n",
                        "\n其他资金,20.00,30.00,30.00,100.00%,5,5,+1-2\n", "\n合计,\"1,200.00\",150.00,140.55,93.70%,15,14.21,\n",
                        "\n@SUM(1),-2+3 偏差原因"};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    if (!strstr(csv, want[i])) fail_msg("LibreOffice (%s) CSV lacks \"%s\":\n%s", what, want[i], csv);
}

static void test_libreoffice_values(void **state) {
  (void)state;
  if (system("command -v soffice >/dev/null 2>&1") != 0 || access("/usr/lib/libreoffice/program/libscfiltlo.so", F_OK) != 0)
    require_missing("libreoffice-calc-nogui", "LibreOffice Calc");
  char *dir = tmp_path("lo");
  char cmd[1024], path[1024];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
  assert_int_equal(system(cmd), 0);

  /* the cached values, shown without recalculation */
  jx_report *r = sample_report();
  snprintf(path, sizeof path, "%s/cached.xlsx", dir);
  render(r, path);
  /* the formulas themselves: every cached value poisoned, LibreOffice recalculates */
  for (size_t i = 0; i < r->blocks.n; i++) {
    jx_rtable *t = r->blocks.items[i].table;
    for (size_t k = 0; t && k < t->rows * t->cols; k++)
      if (t->cells[k].formula) t->cells[k].value = 0;
  }
  snprintf(path, sizeof path, "%s/poisoned.xlsx", dir);
  render(r, path);
  free_report(r);

  size_t n;
  char *cached = lo_csv(dir, "cached", 1, &n), *recalculated = cached ? lo_csv(dir, "poisoned", 0, &n) : NULL;
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (!cached || !recalculated) {
    free(cached);
    (void)!system(cmd);
    free(dir);
    fail_msg("LibreOffice is installed but could not convert the workbooks to CSV");
  }
  assert_csv(cached, "cached values");
  assert_csv(recalculated, "recalculated");
  free(cached);
  free(recalculated);
  (void)!system(cmd);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_r1c1_relative),
      cmocka_unit_test(test_r1c1_absolute_and_mixed),
      cmocka_unit_test(test_r1c1_whole_rows_columns),
      cmocka_unit_test(test_r1c1_column_letters),
      cmocka_unit_test(test_r1c1_names_strings_sheets),
      cmocka_unit_test(test_r1c1_refused),
      cmocka_unit_test(test_render_structure),
      cmocka_unit_test(test_render_reproducible),
      cmocka_unit_test(test_render_degenerate),
      cmocka_unit_test(test_libreoffice_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
