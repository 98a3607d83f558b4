/* test_docx.c — the DOCX backend (src/render/docx.c): a report built by hand (title,
 * headings of four levels, hostile text, a table with a 2×2 merged header, a chart, a
 * page break, a signature) is rendered, unzipped with libzip and every XML part parsed
 * with expat; the structure is asserted (tables, merges, header rows, fonts, language,
 * page setup, the picture and its relationship), the text comes back escaped, two
 * renders give the same bytes.  Then LibreOffice (when installed) opens the file:
 * DOCX → text must give the Chinese text back, DOCX → PDF → PNG must give a page. */
#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "helpers.h"
#include "render/report.h"
#include "report_build.h"
#include "util/arena.h"

/* ---- the report -------------------------------------------------------------------- */

#define UNIT "政协<峨边>&\"彝族'自治县委员会"
#define HOSTILE "金额 < 100 & 比例 > 50%，\"双引号\" 'single' ]]> <w:t>注入</w:t>"
#define CONTROL "控制\x01字符\x0B与坏字节\xFF结束"

static jx_rcell *money(jx_rtable *t, size_t r, size_t c, const char *text, int64_t fen) {
  jx_rcell *x = cell(t, r, c, text);
  x->type = JX_CELL_MONEY;
  x->value = fen;
  x->has_value = true;
  return x;
}

/* The table: 5 columns, 2 header rows, a 2×2 merged corner, a 2-row body merge.
 *   项目(2×2)      | 金额（万元）(1×2)  | 执行率(2×1)
 *                  | 预算  | 执行       |
 *   基本支出<&> | 人员"经费' | 1,127.98 | 1,127.98 | 100.00%
 *   项目支出(2×1) | 全委会议费 | 18.41 | 18.41 | 100.00%
 *                 | 对外联络费 | 1.28  | 1.28  | 100.00%           */
static jx_rtable *sample_table(jx_arena *a) {
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->caption = "表1 支出<情况>&汇总";
  t->unit_note = "单位：万元";
  t->rows = 5;
  t->cols = 5;
  t->header_rows = 2;
  t->cells = jx_arena_alloc(a, t->rows * t->cols * sizeof *t->cells);
  static int widths[] = {3, 5, 3, 3, 3};
  t->col_widths = widths;
  for (size_t r = 0; r < t->rows; r++)
    for (size_t c = 0; c < t->cols; c++) cell(t, r, c, "");
  cell(t, 0, 0, "项目")->header = true;
  jx_rtable_span(t, 0, 0, 2, 2);
  cell(t, 0, 2, "金额（万元）")->header = true;
  jx_rtable_span(t, 0, 2, 1, 2);
  cell(t, 0, 4, "执行率")->header = true;
  jx_rtable_span(t, 0, 4, 2, 1);
  cell(t, 1, 2, "预算")->header = true;
  cell(t, 1, 3, "执行")->header = true;
  cell(t, 2, 0, "基本支出<&>");
  cell(t, 2, 1, "人员\"经费'");
  money(t, 2, 2, "1,127.98", 1127980000);
  money(t, 2, 3, "1,127.98", 1127980000);
  cell(t, 2, 4, "100.00%")->type = JX_CELL_PERCENT;
  cell(t, 3, 0, "项目支出");
  jx_rtable_span(t, 3, 0, 2, 1);
  cell(t, 3, 1, "全委会议费");
  money(t, 3, 2, "18.41", 18410000);
  money(t, 3, 3, "18.41", 18410000);
  cell(t, 3, 4, "100.00%")->type = JX_CELL_PERCENT;
  cell(t, 4, 1, "对外联络费");
  money(t, 4, 2, "1.28", 1280000);
  money(t, 4, 3, "1.28", 1280000);
  cell(t, 4, 4, "100.00%")->type = JX_CELL_PERCENT;
  return t;
}

static jx_chart *sample_chart(jx_arena *a) {
  jx_chart *c = jx_arena_alloc(a, sizeof *c);
  c->kind = JX_CHART_ATTAINMENT;
  c->title = "绩效指标完成情况";
  c->alt = "指标<甲> 100%；指标&乙 80%";
  size_t cap = 0;
  const char *labels[] = {"指标<甲>", "指标&乙", "指标\"丙\""};
  const int64_t values[] = {100 * JX_NUM_SCALE, 80 * JX_NUM_SCALE, 40 * JX_NUM_SCALE};
  for (int i = 0; i < 3; i++) {
    jx_chart_point *p = JX_VEC_PUSH(a, c->points, cap);
    p->label = labels[i];
    p->value = values[i];
    p->status = i;
  }
  return c;
}

static jx_report *sample_report(void) {
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->title = "2023年度部门整体绩效自评报告";
  r->unit = UNIT;
  r->date = "2024-06-20";
  r->year = 2023;
  rb b = {.r = r};
  jx_rblock *t = add(&b, JX_RB_TITLE);
  t->text = r->unit;
  t->text2 = r->title;
  heading(&b, 1, "一、", "部门基本情况");
  heading(&b, 2, "（一）", "机构组成");
  heading(&b, 3, "1.", "机构职能");
  heading(&b, 4, "（1）", "人员概况");
  add(&b, JX_RB_PARAGRAPH)->text = HOSTILE;
  add(&b, JX_RB_PARAGRAPH)->text = CONTROL;
  add(&b, JX_RB_PARAGRAPH)->text = "第一段\n第二段\t制表";
  jx_rblock *item = add(&b, JX_RB_PARAGRAPH);
  item->number = "1.";
  item->text = "绩效思想理念有待进一步强化；";
  add(&b, JX_RB_TABLE)->table = sample_table(a);
  add(&b, JX_RB_CHART)->chart = sample_chart(a);
  jx_rblock *sig = add(&b, JX_RB_SIGNATURE);
  sig->text = UNIT;
  sig->text2 = "2024年6月20日";
  add(&b, JX_RB_PAGEBREAK);
  heading(&b, 1, "二、", "附表");
  return r;
}

/* ---- files ------------------------------------------------------------------------- */

static char *tmpdir_new(void) {
  const char *base = getenv("TMPDIR");
  char *dir = strdup(fmt("%s/jx-docx-XXXXXX", base && *base ? base : "/tmp"));
  assert_non_null(dir);
  if (!mkdtemp(dir)) fail_msg("mkdtemp %s: %s", dir, strerror(errno));
  return dir;
}

static void tmpdir_free(char *dir) {
  if (!getenv("JX_TEST_KEEP")) {
    int rc = system(fmt("rm -rf '%s'", dir));
    (void)rc;
  } else print_message("kept %s\n", dir);
  free(dir);
}


static void render_to(const jx_report *r, const char *path) {
  const char *err = "unset";
  jx_status st = jx_render_docx(r, path, &err);
  if (st != JX_OK) fail_msg("jx_render_docx(%s): %d %s", path, st, err ? err : "(no message)");
  assert_null(err);
}

/* One entry of the package, NUL-terminated (malloc'd). */
static char *entry(zip_t *za, const char *name, size_t *len) {
  zip_stat_t st;
  if (zip_stat(za, name, 0, &st) != 0) fail_msg("no entry %s in the package", name);
  zip_file_t *zf = zip_fopen(za, name, 0);
  assert_non_null(zf);
  char *p = malloc(st.size + 1);
  assert_non_null(p);
  zip_int64_t got = zip_fread(zf, p, st.size);
  assert_int_equal(got, (zip_int64_t)st.size);
  zip_fclose(zf);
  p[st.size] = 0;
  if (len) *len = st.size;
  return p;
}

/* ---- XML: well-formedness and what the assertions need ------------------------------- */

typedef struct {
  char style[32], jc[16];
  char text[2048];
  bool bold_run;
} para_rec;

typedef struct {
  XML_Parser p;
  /* counts */
  int tbl, tr, tc, grid_cols, grid_span, vmerge_restart, vmerge_continue, tbl_header;
  int rfonts_eastasia, lang_zh, inline_pic, blip, page_break_before, cant_split;
  long long grid_width; /* of the last table */
  long long extent_cx, extent_cy;
  char blip_embed[64];
  char pgsz_w[16], pgsz_h[16], pg_top[16], pg_left[16];
  bool instr_page;
  /* per row: the grid columns its cells span */
  int row_span, cur_span, bad_rows;
  /* paragraphs */
  para_rec *paras;
  size_t n_paras, cap_paras;
  bool in_p, in_t, in_instr;
  para_rec cur;
  /* eastAsia fonts seen (styles) */
  char fonts[512];
  char text_all[16384];
  size_t text_len;
} xml_info;

static const char *attr(const XML_Char **atts, const char *name) {
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(atts[i], name) == 0) return atts[i + 1];
  return NULL;
}

static void copy(char *dst, size_t n, const char *src) {
  snprintf(dst, n, "%s", src ? src : "");
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  xml_info *x = ud;
  if (!strcmp(name, "w:tbl")) x->tbl++, x->grid_width = 0, x->grid_cols = 0;
  else if (!strcmp(name, "w:gridCol")) {
    x->grid_cols++;
    const char *w = attr(atts, "w:w");
    x->grid_width += w ? atoll(w) : 0;
  } else if (!strcmp(name, "w:tr")) x->tr++, x->row_span = 0;
  else if (!strcmp(name, "w:tc")) x->tc++, x->cur_span = 1;
  else if (!strcmp(name, "w:gridSpan")) {
    x->grid_span++;
    const char *v = attr(atts, "w:val");
    x->cur_span = v ? atoi(v) : 1;
  } else if (!strcmp(name, "w:vMerge")) {
    const char *v = attr(atts, "w:val");
    if (v && !strcmp(v, "restart")) x->vmerge_restart++;
    else x->vmerge_continue++;
  } else if (!strcmp(name, "w:tblHeader")) x->tbl_header++;
  else if (!strcmp(name, "w:cantSplit")) x->cant_split++;
  else if (!strcmp(name, "w:pageBreakBefore")) x->page_break_before++;
  else if (!strcmp(name, "w:rFonts")) {
    const char *ea = attr(atts, "w:eastAsia");
    if (ea) {
      x->rfonts_eastasia++;
      if (!strstr(x->fonts, fmt("[%s]", ea)) && strlen(x->fonts) + strlen(ea) + 3 < sizeof x->fonts)
        strcat(strcat(strcat(x->fonts, "["), ea), "]");
      if (x->in_p && !x->cur.style[0]) copy(x->cur.style, sizeof x->cur.style, "?");
    }
  } else if (!strcmp(name, "w:lang")) {
    const char *ea = attr(atts, "w:eastAsia");
    if (ea && !strcmp(ea, "zh-CN")) x->lang_zh++;
  } else if (!strcmp(name, "w:p")) {
    x->in_p = true;
    memset(&x->cur, 0, sizeof x->cur);
  } else if (!strcmp(name, "w:pStyle") && x->in_p) copy(x->cur.style, sizeof x->cur.style, attr(atts, "w:val"));
  else if (!strcmp(name, "w:jc") && x->in_p) copy(x->cur.jc, sizeof x->cur.jc, attr(atts, "w:val"));
  else if (!strcmp(name, "w:b") && x->in_p) x->cur.bold_run = true;
  else if (!strcmp(name, "w:t")) x->in_t = true;
  else if (!strcmp(name, "w:tab") && x->in_p) strcat(x->cur.text, "\t");
  else if (!strcmp(name, "w:br") && x->in_p) strcat(x->cur.text, "\n");
  else if (!strcmp(name, "w:instrText")) x->in_instr = true;
  else if (!strcmp(name, "wp:inline")) x->inline_pic++;
  else if (!strcmp(name, "wp:extent")) {
    const char *cx = attr(atts, "cx"), *cy = attr(atts, "cy");
    x->extent_cx = cx ? atoll(cx) : -1;
    x->extent_cy = cy ? atoll(cy) : -1;
  } else if (!strcmp(name, "a:blip")) {
    x->blip++;
    copy(x->blip_embed, sizeof x->blip_embed, attr(atts, "r:embed"));
  } else if (!strcmp(name, "w:pgSz")) {
    copy(x->pgsz_w, sizeof x->pgsz_w, attr(atts, "w:w"));
    copy(x->pgsz_h, sizeof x->pgsz_h, attr(atts, "w:h"));
  } else if (!strcmp(name, "w:pgMar")) {
    copy(x->pg_top, sizeof x->pg_top, attr(atts, "w:top"));
    copy(x->pg_left, sizeof x->pg_left, attr(atts, "w:left"));
  }
}

static void XMLCALL on_end(void *ud, const XML_Char *name) {
  xml_info *x = ud;
  if (!strcmp(name, "w:tc")) x->row_span += x->cur_span;
  else if (!strcmp(name, "w:tr")) {
    if (x->row_span != x->grid_cols) x->bad_rows++;
  } else if (!strcmp(name, "w:t")) x->in_t = false;
  else if (!strcmp(name, "w:instrText")) x->in_instr = false;
  else if (!strcmp(name, "w:p")) {
    x->in_p = false;
    if (x->n_paras == x->cap_paras) {
      x->cap_paras = x->cap_paras ? 2 * x->cap_paras : 64;
      x->paras = realloc(x->paras, x->cap_paras * sizeof *x->paras);
      assert_non_null(x->paras);
    }
    x->paras[x->n_paras++] = x->cur;
  }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len) {
  xml_info *x = ud;
  if (x->in_instr && len >= 4 && memmem(s, (size_t)len, "PAGE", 4)) x->instr_page = true;
  if (!x->in_t) return;
  if (x->in_p) {
    size_t have = strlen(x->cur.text);
    if (have + (size_t)len < sizeof x->cur.text) {
      memcpy(x->cur.text + have, s, (size_t)len);
      x->cur.text[have + (size_t)len] = 0;
    }
  }
  if (x->text_len + (size_t)len < sizeof x->text_all) {
    memcpy(x->text_all + x->text_len, s, (size_t)len);
    x->text_len += (size_t)len;
    x->text_all[x->text_len] = 0;
  }
}

/* Parse (must be well-formed); x collects. */
static void parse_xml(const char *name, const char *data, size_t len, xml_info *x) {
  memset(x, 0, sizeof *x);
  x->p = XML_ParserCreate("UTF-8");
  assert_non_null(x->p);
  XML_SetUserData(x->p, x);
  XML_SetElementHandler(x->p, on_start, on_end);
  XML_SetCharacterDataHandler(x->p, on_text);
  if (XML_Parse(x->p, data, (int)len, 1) == XML_STATUS_ERROR)
    fail_msg("%s is not well-formed XML: %s at line %lu column %lu", name, XML_ErrorString(XML_GetErrorCode(x->p)),
             (unsigned long)XML_GetCurrentLineNumber(x->p), (unsigned long)XML_GetCurrentColumnNumber(x->p));
  XML_ParserFree(x->p);
  x->p = NULL;
}

/* r rendered as dir/name, its word/document.xml parsed into x (xml_info_free it); the
 * package is returned open for more entries (zip_close it). */
static zip_t *render_parsed(const jx_report *r, const char *dir, const char *name, xml_info *x) {
  char *path = strdup(fmt("%s/%s", dir, name));
  render_to(r, path);
  zip_t *za = zip_open(path, ZIP_RDONLY, NULL);
  free(path);
  assert_non_null(za);
  size_t len;
  char *doc = entry(za, "word/document.xml", &len);
  parse_xml("word/document.xml", doc, len, x);
  free(doc);
  return za;
}

static void xml_info_free(xml_info *x) { free(x->paras); }

static const para_rec *para_with(const xml_info *x, const char *text) {
  for (size_t i = 0; i < x->n_paras; i++)
    if (strstr(x->paras[i].text, text)) return &x->paras[i];
  fail_msg("no paragraph contains \"%s\"", text);
  return NULL;
}

static size_t count_of(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_package_structure(void **state) {
  (void)state;
  jx_report *r = sample_report();
  char *dir = tmpdir_new();
  const char *path = fmt("%s/t.docx", dir);
  char *path_s = strdup(path);
  render_to(r, path_s);

  int zerr = 0;
  zip_t *za = zip_open(path_s, ZIP_RDONLY, &zerr);
  if (!za) fail_msg("libzip cannot open the output (error %d)", zerr);

  /* entries: [Content_Types].xml first; every part there; every XML part well-formed */
  static const char *parts[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                                "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
                                "docProps/core.xml", "docProps/app.xml"};
  assert_string_equal(zip_get_name(za, 0, 0), "[Content_Types].xml");
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    size_t len;
    char *p = entry(za, parts[i], &len);
    xml_info x;
    parse_xml(parts[i], p, len, &x);
    xml_info_free(&x);
    free(p);
  }
  zip_int64_t n = zip_get_num_entries(za, 0);
  assert_int_equal(n, (zip_int64_t)(sizeof parts / sizeof parts[0]) + 1); /* + the chart */
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
    /* fixed entry date from report->date (DOS time, read back as local time) */
    struct tm tm;
    localtime_r(&st.mtime, &tm);
    assert_int_equal(tm.tm_year + 1900, 2024);
    assert_int_equal(tm.tm_mon + 1, 6);
    assert_int_equal(tm.tm_mday, 20);
    if (strstr(st.name, ".xml") || strstr(st.name, ".rels")) assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
  }

  /* content types name every part */
  char *ct = entry(za, "[Content_Types].xml", NULL);
  assert_non_null(strstr(ct, "PartName=\"/word/document.xml\""));
  assert_non_null(strstr(ct, "wordprocessingml.document.main+xml"));
  assert_non_null(strstr(ct, "Extension=\"png\""));
  assert_non_null(strstr(ct, "PartName=\"/word/footer1.xml\""));
  free(ct);

  /* document.xml */
  size_t dlen;
  char *doc = entry(za, "word/document.xml", &dlen);
  xml_info x;
  parse_xml("word/document.xml", doc, dlen, &x);
  assert_int_equal(x.tbl, 1);
  assert_int_equal(x.grid_cols, 5);
  assert_int_equal(x.grid_width, 8844); /* the 版心 width, 156 mm */
  assert_int_equal(x.tr, 5);
  assert_int_equal(x.tc, 3 + 4 + 5 + 5 + 5);
  assert_int_equal(x.bad_rows, 0); /* every row covers the whole grid */
  assert_int_equal(x.grid_span, 3);
  assert_int_equal(x.vmerge_restart, 3);
  assert_int_equal(x.vmerge_continue, 3);
  assert_int_equal(x.tbl_header, 2);
  assert_int_equal(x.cant_split, 5);
  assert_int_equal(x.rfonts_eastasia, 0); /* fonts and language come from the styles */
  assert_int_equal(x.page_break_before, 1);
  assert_string_equal(x.pgsz_w, "11906");
  assert_string_equal(x.pgsz_h, "16838");
  assert_string_equal(x.pg_top, "2098");
  assert_string_equal(x.pg_left, "1588");

  /* text: escaped in the XML, exact once parsed */
  assert_non_null(strstr(doc, "金额 &lt; 100 &amp; 比例 &gt; 50%"));
  assert_null(strstr(doc, "<w:t>注入</w:t>"));
  assert_null(strstr(doc, "\x01"));
  assert_null(strstr(doc, "\x0B"));
  const para_rec *p = para_with(&x, "金额 < 100 & 比例 > 50%，\"双引号\" 'single' ]]> <w:t>注入</w:t>");
  assert_string_equal(p->style, "Normal");
  p = para_with(&x, "控制");
  assert_string_equal(p->text, "控制\xEF\xBF\xBD字符\xEF\xBF\xBD与坏字节\xEF\xBF\xBD结束"); /* U+FFFD for each */
  assert_int_equal(count_of(x.text_all, UNIT), 2);                                      /* title and signature */
  /* headings: the number and the text, in the heading styles */
  assert_string_equal(para_with(&x, "一、部门基本情况")->style, "Heading1");
  assert_string_equal(para_with(&x, "（一）机构组成")->style, "Heading2");
  assert_string_equal(para_with(&x, "1.机构职能")->style, "Heading3");
  assert_string_equal(para_with(&x, "（1）人员概况")->style, "Heading4");
  assert_string_equal(para_with(&x, "1.绩效思想理念")->style, "Normal");
  /* a line break in a paragraph starts a new paragraph; a tab stays a tab */
  assert_string_equal(para_with(&x, "第一段")->text, "第一段");
  assert_string_equal(para_with(&x, "第二段")->text, "第二段\t制表");
  /* the table: caption centred above it, unit note right, numbers right, headers centred bold */
  p = para_with(&x, "表1 支出<情况>&汇总");
  assert_string_equal(p->style, "Caption");
  assert_string_equal(para_with(&x, "单位：万元")->style, "UnitNote");
  p = para_with(&x, "1,127.98");
  assert_string_equal(p->style, "TableText");
  assert_string_equal(p->jc, "right");
  assert_string_equal(para_with(&x, "100.00%")->jc, "right");
  p = para_with(&x, "金额（万元）");
  assert_string_equal(p->jc, "center");
  assert_true(p->bold_run);
  assert_string_equal(para_with(&x, "基本支出<&>")->jc, "left");
  assert_non_null(para_with(&x, "人员\"经费'"));
  /* signature right-aligned (style), title in Title style */
  assert_string_equal(para_with(&x, "2024年6月20日")->style, "JxSignature");
  assert_string_equal(para_with(&x, "2023年度部门整体绩效自评报告")->style, "Title");
  /* the page break lands on the heading after it */
  assert_non_null(strstr(doc, "<w:pStyle w:val=\"Heading1\"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space=\"preserve\">二、</w:t>"));

  /* the chart: one inline picture, its size the text width, its relationship and PNG */
  assert_int_equal(x.inline_pic, 1);
  assert_int_equal(x.blip, 1);
  assert_int_equal(x.extent_cx, 8844LL * 12700 / 20);
  assert_true(x.extent_cy > 0);
  char *rels = entry(za, "word/_rels/document.xml.rels", NULL);
  assert_non_null(strstr(rels, fmt("Id=\"%s\"", x.blip_embed)));
  assert_non_null(strstr(rels, "Target=\"media/chart1.png\""));
  assert_non_null(strstr(rels, "Target=\"footer1.xml\""));
  free(rels);
  size_t plen;
  char *png = entry(za, "word/media/chart1.png", &plen);
  assert_true(plen > 1000);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  /* about 150 dpi: width in pixels from the IHDR chunk */
  unsigned px = ((unsigned)(unsigned char)png[16] << 24) | ((unsigned)(unsigned char)png[17] << 16) |
                ((unsigned)(unsigned char)png[18] << 8) | (unsigned)(unsigned char)png[19];
  assert_in_range(px, 8844 / 20 * 150 / 72 - 5, 8844 / 20 * 150 / 72 + 5);
  free(png);
  xml_info_free(&x);
  free(doc);

  /* styles: every style names its font for ascii/hAnsi/eastAsia and says zh-CN; 方正小标宋简体
   * title, 黑体 一、, 楷体 （一）, bold 仿宋 1. and （1）, 仿宋 三号 body indented two
   * characters, 宋体 tables */
  size_t slen;
  char *styles = entry(za, "word/styles.xml", &slen);
  parse_xml("word/styles.xml", styles, slen, &x);
  assert_true(x.rfonts_eastasia >= 10);
  assert_true(x.lang_zh >= 10);
  assert_non_null(strstr(x.fonts, "[方正小标宋简体]"));
  assert_non_null(strstr(x.fonts, "[黑体]"));
  assert_non_null(strstr(x.fonts, "[楷体_GB2312]"));
  assert_non_null(strstr(x.fonts, "[仿宋_GB2312]"));
  assert_non_null(strstr(x.fonts, "[宋体]"));
  static const struct { const char *id, *font; int sz; bool bold; } want[] = {
      {"Normal", "仿宋_GB2312", 32, false}, {"Title", "方正小标宋简体", 44, false}, {"Heading1", "黑体", 32, false},
      {"Heading2", "楷体_GB2312", 32, false}, {"Heading3", "仿宋_GB2312", 32, true}, {"Heading4", "仿宋_GB2312", 32, true},
      {"TableText", "宋体", 24, false},       {"Caption", "黑体", 28, true},          {"JxSignature", "仿宋_GB2312", 32, false}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const char *st = strstr(styles, fmt("w:styleId=\"%s\"", want[i].id));
    if (!st) fail_msg("no style %s", want[i].id);
    const char *end = strstr(st, "</w:style>");
    assert_non_null(end);
    char *one = strndup(st, (size_t)(end - st));
    assert_non_null(strstr(one, fmt("<w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\"", want[i].font, want[i].font, want[i].font)));
    assert_non_null(strstr(one, fmt("<w:sz w:val=\"%d\"/>", want[i].sz)));
    assert_non_null(strstr(one, "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"));
    assert_int_equal(strstr(one, "<w:b/>") != NULL, want[i].bold);
    free(one);
  }
  assert_non_null(strstr(styles, "<w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/>"));
  xml_info_free(&x);
  free(styles);

  /* footer: a PAGE field */
  size_t flen;
  char *footer = entry(za, "word/footer1.xml", &flen);
  parse_xml("word/footer1.xml", footer, flen, &x);
  assert_true(x.instr_page);
  xml_info_free(&x);
  free(footer);

  /* core properties: the date of the report, the escaped title */
  char *core = entry(za, "docProps/core.xml", NULL);
  assert_non_null(strstr(core, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-06-20T00:00:00Z</dcterms:created>"));
  assert_non_null(strstr(core, "政协&lt;峨边&gt;&amp;"));
  free(core);

  zip_close(za);
  free(path_s);
  tmpdir_free(dir);
  jx_report_free(r);
}

static void test_deterministic(void **state) {
  (void)state;
  char *dir = tmpdir_new();
  char *a = strdup(fmt("%s/a.docx", dir)), *b = strdup(fmt("%s/b.docx", dir));
  jx_report *r1 = sample_report();
  render_to(r1, a);
  jx_report *r2 = sample_report(); /* a fresh report: no state carried over */
  render_to(r2, b);
  size_t la, lb;
  unsigned char *pa = (unsigned char *)read_file(a, &la), *pb = (unsigned char *)read_file(b, &lb);
  assert_non_null(pa);
  assert_non_null(pb);
  assert_int_equal(la, lb);
  assert_memory_equal(pa, pb, la);
  /* the same under another time zone (the entry dates are DOS dates, not local time) */
  const char *tz = getenv("TZ");
  char *old_tz = tz ? strdup(tz) : NULL;
  setenv("TZ", "America/Los_Angeles", 1);
  tzset();
  render_to(r1, b); /* overwrites */
  if (old_tz) setenv("TZ", old_tz, 1);
  else unsetenv("TZ");
  tzset();
  free(old_tz);
  free(pb);
  pb = (unsigned char *)read_file(b, &lb);
  assert_int_equal(la, lb);
  assert_memory_equal(pa, pb, la);
  free(pa);
  free(pb);
  free(a);
  free(b);
  jx_report_free(r1);
  jx_report_free(r2);
  tmpdir_free(dir);
}

/* A header cell merged down past the header rows: the rows repeated on every page
 * (w:tblHeader) take in the whole merged cell (render/table.c's header block). */
static void test_header_block(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->date = "2024-06-20";
  rb b = {.r = r};
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->rows = 20;
  t->cols = 2;
  t->header_rows = 1;
  t->cells = jx_arena_alloc(a, 40 * sizeof *t->cells);
  for (size_t i = 0; i < 40; i++) t->cells[i] = (jx_rcell){.text = "x", .rowspan = 1, .colspan = 1, .header = i < 4};
  jx_rtable_span(t, 0, 0, 2, 1); /* 项目 over two header rows */
  add(&b, JX_RB_TABLE)->table = t;
  char *dir = tmpdir_new();
  xml_info x;
  zip_t *za = render_parsed(r, dir, "hdr.docx", &x);
  assert_int_equal(x.tbl_header, 2);
  assert_int_equal(x.vmerge_restart, 1);
  xml_info_free(&x);
  zip_close(za);
  tmpdir_free(dir);
  jx_report_free(r);
}

/* Odd inputs: an empty report, NULL texts, an empty table, a bad date, a malformed
 * table (covered slots no cell covers, spans past the edge) still give a valid package. */
static void test_odd_input(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->date = "20x4-99-99";
  rb b = {.r = r};
  add(&b, JX_RB_TITLE);
  add(&b, JX_RB_PAGEBREAK);
  heading(&b, 9, NULL, NULL);
  add(&b, JX_RB_PARAGRAPH);
  add(&b, JX_RB_TABLE); /* no table */
  jx_rtable *empty = jx_arena_alloc(a, sizeof *empty);
  add(&b, JX_RB_TABLE)->table = empty;
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->rows = 3;
  t->cols = 3;
  t->header_rows = 7; /* more than rows */
  t->cells = jx_arena_alloc(a, 9 * sizeof *t->cells);
  for (size_t i = 0; i < 9; i++) t->cells[i].text = "x";
  t->cells[0].rowspan = 5; /* past the bottom */
  t->cells[0].colspan = 1;
  t->cells[3].covered = true;
  t->cells[6].covered = true;
  t->cells[4].covered = true; /* nothing covers it */
  t->cells[2].colspan = 4;    /* past the right edge */
  t->cells[8].text = NULL;
  add(&b, JX_RB_TABLE)->table = t;
  add(&b, JX_RB_CHART); /* no chart */
  add(&b, JX_RB_SIGNATURE);
  add(&b, JX_RB_PAGEBREAK);

  char *dir = tmpdir_new();
  xml_info x;
  zip_t *za = render_parsed(r, dir, "odd.docx", &x);
  assert_int_equal(x.tbl, 1);
  assert_int_equal(x.tr, 3);
  assert_int_equal(x.bad_rows, 0);
  assert_int_equal(x.vmerge_restart, 1);
  assert_int_equal(x.vmerge_continue, 2);
  assert_int_equal(x.tbl_header, 3);
  xml_info_free(&x);
  char *core = entry(za, "docProps/core.xml", NULL);
  /* a bad date gives no date (it used to become 2000-01-01), and the entries carry the
   * zip epoch, 1980-01-01 00:00 (DOS date 0x21, time 0), not a date of the report */
  assert_null(strstr(core, "dcterms:created"));
  assert_null(strstr(core, "dcterms:modified"));
  assert_null(strstr(core, "2000-"));
  free(core);
  zip_stat_t zst;
  assert_int_equal(zip_stat_index(za, 0, 0, &zst), 0);
  struct tm tm;
  localtime_r(&zst.mtime, &tm); /* DOS time, read back as local time */
  assert_int_equal(tm.tm_year + 1900, 1980);
  assert_int_equal(tm.tm_mon, 0);
  assert_int_equal(tm.tm_mday, 1);
  assert_int_equal(tm.tm_hour, 0);
  zip_close(za);

  /* an unwritable path: JX_ERR_IO with a message */
  const char *err = NULL;
  assert_int_equal(jx_render_docx(r, fmt("%s/no/such/dir/x.docx", dir), &err), JX_ERR_IO);
  assert_non_null(err);
  assert_non_null(strstr(err, "no/such/dir"));
  assert_int_equal(jx_render_docx(NULL, fmt("%s/odd.docx", dir), &err), JX_ERR_INVALID);
  tmpdir_free(dir);
  jx_report_free(r);
}

/* ---- LibreOffice round trip ---------------------------------------------------------- */

static bool in_path(const char *prog) {
  const char *path = getenv("PATH");
  if (!path) path = "/usr/local/bin:/usr/bin:/bin";
  char *copy_ = strdup(path);
  assert_non_null(copy_);
  bool found = false;
  for (char *save = NULL, *d = strtok_r(copy_, ":", &save); d && !found; d = strtok_r(NULL, ":", &save))
    found = access(fmt("%s/%s", *d ? d : ".", prog), X_OK) == 0;
  free(copy_);
  return found;
}

static void test_libreoffice_round_trip(void **state) {
  (void)state;
  if (!in_path("soffice")) require_missing("libreoffice-writer-nogui", "soffice (LibreOffice)");
  jx_report *r = sample_report();
  char *dir = tmpdir_new();
  char *docx = strdup(fmt("%s/report.docx", dir));
  render_to(r, docx);

  /* a fresh profile: no user settings, no lock shared with another LibreOffice */
  const char *lo = fmt("cd '%s' && soffice -env:UserInstallation=file://%s/profile --headless --norestore", dir, dir);
  char *lo_s = strdup(lo);
  int rc = system(fmt("%s --convert-to txt:Text --outdir '%s' '%s' >'%s/txt.log' 2>&1", lo_s, dir, docx, dir));
  size_t len;
  unsigned char *txt = (unsigned char *)read_file_maybe(fmt("%s/report.txt", dir), &len);
  if (rc != 0 || !txt) {
    size_t ll;
    unsigned char *log = (unsigned char *)read_file_maybe(fmt("%s/txt.log", dir), &ll);
    fail_msg("LibreOffice DOCX → text failed (status %d): %s", rc, log ? (char *)log : "(no log)");
  }
  /* the text comes back: title, headings, hostile text, table cells, signature */
  const char *want[] = {UNIT,           "2023年度部门整体绩效自评报告", "一、部门基本情况", "（1）人员概况",
                        "金额 < 100 & 比例 > 50%，\"双引号\" 'single' ]]> <w:t>注入</w:t>",
                        "表1 支出<情况>&汇总", "金额（万元）", "全委会议费", "1,127.98", "2024年6月20日"};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    if (!strstr((char *)txt, want[i])) fail_msg("LibreOffice text lacks \"%s\":\n%s", want[i], (char *)txt);
  free(txt);

  /* DOCX → PDF → PNG of page 1 */
  rc = system(fmt("%s --convert-to pdf --outdir '%s' '%s' >'%s/pdf.log' 2>&1", lo_s, dir, docx, dir));
  size_t pl;
  unsigned char *pdf = (unsigned char *)read_file_maybe(fmt("%s/report.pdf", dir), &pl);
  if (rc != 0 || !pdf) fail_msg("LibreOffice DOCX → PDF failed (status %d)", rc);
  assert_memory_equal(pdf, "%PDF-", 5);
  free(pdf);
  if (in_path("pdftoppm")) {
    rc = system(fmt("pdftoppm -r 50 -png -f 1 -l 1 -singlefile '%s/report.pdf' '%s/page' >'%s/ppm.log' 2>&1", dir, dir, dir));
    assert_int_equal(rc, 0);
    unsigned char *png = (unsigned char *)read_file_maybe(fmt("%s/page.png", dir), &pl);
    assert_non_null(png);
    assert_true(pl > 1000);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
  } else print_message("note: pdftoppm (poppler-utils) not installed: page image not checked\n");

  free(lo_s);
  free(docx);
  tmpdir_free(dir);
  jx_report_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_package_structure),
      cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_odd_input),
      cmocka_unit_test(test_header_block),
      cmocka_unit_test(test_libreoffice_round_trip),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  jx_global_cleanup(); /* the charts' font caches: no leak for ASan/valgrind */
  return failed;
}
