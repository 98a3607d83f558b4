/* test_pdf.c — the PDF backend (jx_render_pdf) and the charts (jx_chart_svg,
 * jx_chart_png, jx_chart_draw).
 *
 * A report is built by hand (title, headings, Chinese paragraphs, a 60-row table with a
 * two-row merged header, charts, a signature), rendered to a temporary PDF and read back
 * with poppler's tools as child processes: pdftotext (the text comes back exactly, the
 * header rows repeat on every page of the table, page numbers), pdffonts (Noto CJK SC
 * embedded, never the JP face), pdftoppm (a page renders).  Two renders give the same
 * bytes.  Tests that need poppler-utils skip when it is missing (fail under CI=true). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "render/report.h"
#include "report_build.h"
#include "util/arena.h"

/* ---- a report by hand ------------------------------------------------------------ */

#define ROWS 60

static const char *const PARA =
    "政协峨边彝族自治县委员会设办公室和7个专门委员会；下设事业单位2个。"
    "县政协坚持以习近平新时代中国特色社会主义思想为指导，认真履行政治协商、民主监督、参政议政职能，"
    "扎实开展“同心共建现代化峨边”专项行动，为奋力建设民族地区中国式现代化先行区贡献政协智慧和力量。";

/* Columns: 序号 | 指标名称 | 预算（年初 | 调整后）| 执行数 | 执行率.  Header rows 0–1:
 * 序号, 指标名称, 执行数, 执行率 span both rows; 预算 spans two columns. */
static jx_rtable *big_table(jx_arena *a, size_t body_rows, const char *long_text) {
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->caption = "部门整体支出绩效目标表";
  t->sheet = "目标表";
  t->unit_note = "单位：万元";
  t->cols = 6;
  t->rows = 2 + body_rows;
  t->header_rows = 2;
  t->col_widths = jx_arena_alloc(a, t->cols * sizeof *t->col_widths);
  const int w[6] = {1, 4, 2, 2, 2, 2};
  memcpy(t->col_widths, w, sizeof w);
  t->cells = jx_arena_alloc(a, t->rows * t->cols * sizeof *t->cells);
  const char *h0[6] = {"序号", "指标名称", "预算", "", "执行数", "执行率"};
  for (size_t c = 0; c < 6; c++) cell(t, 0, c, h0[c])->header = true;
  cell(t, 1, 2, "年初预算")->header = true;
  cell(t, 1, 3, "调整后预算")->header = true;
  jx_rtable_span(t, 0, 0, 2, 1);
  jx_rtable_span(t, 0, 1, 2, 1);
  jx_rtable_span(t, 0, 4, 2, 1);
  jx_rtable_span(t, 0, 5, 2, 1);
  jx_rtable_span(t, 0, 2, 1, 2);
  for (size_t i = 0; i < body_rows; i++) {
    size_t r = 2 + i;
    cell(t, r, 0, jx_arena_printf(a, "%zu", i + 1))->align = JX_ALIGN_CENTER;
    cell(t, r, 1, long_text && i == 1 ? long_text : jx_arena_printf(a, "第%zu行 指标名称较长需要在单元格内换行显示", i + 1));
    for (size_t c = 2; c < 5; c++) {
      jx_rcell *x = cell(t, r, c, jx_arena_printf(a, "%zu.%02zu", 100 + i * 7 + c, (i * 13 + c) % 100));
      x->type = JX_CELL_MONEY;
    }
    cell(t, r, 5, "96.5%")->type = JX_CELL_PERCENT;
  }
  /* a merged cell in the body, over three rows */
  if (body_rows > 12) {
    jx_rtable_span(t, 10, 5, 3, 1);
    jx_rtable_at(t, 10, 5)->text = "合并单元格";
  }
  return t;
}

static jx_chart *chart(jx_arena *a, jx_chart_kind kind, size_t n, size_t checkpoints) {
  jx_chart *c = jx_arena_alloc(a, sizeof *c);
  c->kind = kind;
  c->title = kind == JX_CHART_ATTAINMENT ? "绩效指标完成情况" : "预算执行情况（万元）";
  c->alt = "图";
  c->points.items = jx_arena_alloc(a, (n ? n : 1) * sizeof *c->points.items);
  c->points.n = n;
  for (size_t i = 0; i < n; i++) {
    jx_chart_point *p = &c->points.items[i];
    if (kind == JX_CHART_ATTAINMENT) {
      p->label = jx_arena_printf(a, "指标%zu 提案办理回复率及满意度", i + 1);
      p->value = (int64_t)(40 + (i * 23) % 130) * JX_NUM_SCALE;
      p->status = (int)(i % 3);
    } else {
      static const char *const s[3] = {"年初预算", "全年预算", "执行数"};
      p->label = s[i % 3];
      p->value = 1072520000 + (int64_t)i * 83985000;
      p->status = (int)(i % 3);
    }
  }
  c->checkpoints.items = jx_arena_alloc(a, (checkpoints ? checkpoints : 1) * sizeof *c->checkpoints.items);
  c->checkpoints.n = checkpoints;
  for (size_t i = 0; i < checkpoints; i++) {
    jx_chart_point *p = &c->checkpoints.items[i];
    p->status = (int)(i + 1) * 3;
    p->label = jx_arena_printf(a, "%d月", p->status);
    p->value = (int64_t)(i + 1) * 300000000;
  }
  c->reference = 1240490000;
  return c;
}

static jx_report *sample_report(const char *long_text) {
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->unit = "政协峨边彝族自治县委员会办公室";
  r->title = "2023年度部门整体绩效自评报告";
  r->date = "2024-06-20";
  r->year = 2023;
  rb b = {.r = r};
  jx_rblock *t = add(&b, JX_RB_TITLE);
  t->text = r->unit;
  t->text2 = r->title;
  jx_rblock *h = add(&b, JX_RB_HEADING);
  h->level = 1, h->number = "一、", h->text = "部门基本情况";
  h = add(&b, JX_RB_HEADING);
  h->level = 2, h->number = "（一）", h->text = "机构组成";
  add(&b, JX_RB_PARAGRAPH)->text = PARA;
  jx_rblock *item = add(&b, JX_RB_PARAGRAPH);
  item->number = "1.";
  item->text = "负责政协全体会议、常务委员会会议、主席会议的筹备服务工作。";
  h = add(&b, JX_RB_HEADING);
  h->level = 2, h->number = "（二）", h->text = "部门整体支出绩效目标";
  add(&b, JX_RB_TABLE)->table = big_table(a, ROWS, long_text);
  h = add(&b, JX_RB_HEADING);
  h->level = 1, h->number = "二、", h->text = "部门财政资金收支情况";
  add(&b, JX_RB_CHART)->chart = chart(a, JX_CHART_BUDGET, 3, 4);
  add(&b, JX_RB_CHART)->chart = chart(a, JX_CHART_ATTAINMENT, 12, 0);
  add(&b, JX_RB_PARAGRAPH)->text = "特殊字符 <b>&amp;</b> \"引号\" 'x' 与 1,240.49 万元。";
  jx_rblock *s = add(&b, JX_RB_SIGNATURE);
  s->text = r->unit;
  s->text2 = "2024年6月20日";
  add(&b, JX_RB_PAGEBREAK);
  h = add(&b, JX_RB_HEADING);
  h->level = 1, h->number = "附表", h->text = "（分页之后）";
  return r;
}

/* ---- files and child processes ------------------------------------------------- */

static char tmpdir[256];

static int setup(void **state) {
  (void)state;
  const char *base = getenv("TMPDIR");
  snprintf(tmpdir, sizeof tmpdir, "%s/jx_test_pdf_XXXXXX", base && *base ? base : "/tmp");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  int rc = 0;
  if (getenv("JX_TEST_KEEP")) print_message("files kept in %s\n", tmpdir); /* for looking at the pages */
  else rc = system(cmd);
  jx_global_cleanup();
  return rc == 0 ? 0 : -1;
}

static const char *tmp(const char *name) {
  static char path[4][512];
  static int k;
  k = (k + 1) % 4;
  snprintf(path[k], sizeof path[k], "%s/%s", tmpdir, name);
  return path[k];
}

static bool have(const char *tool) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
  return system(cmd) == 0;
}

#define NEED(tool)                                                                       \
  do {                                                                                   \
    if (!have(tool)) require_missing("poppler-utils", tool);                             \
  } while (0)

/* The whole stdout of a command (malloc'd, NUL-terminated); fails the test on a
 * non-zero exit. */
static char *run(const char *cmd) {
  FILE *f = popen(cmd, "r");
  assert_non_null(f);
  size_t n = 0, cap = 1 << 16;
  char *buf = malloc(cap);
  assert_non_null(buf);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n < 4096) {
      cap *= 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
  }
  buf[n] = '\0';
  int rc = pclose(f);
  if (rc != 0) fail_msg("command failed (%d): %s", rc, cmd);
  return buf;
}


static const char *render(const jx_report *r, const char *name) {
  const char *path = tmp(name);
  const char *err = NULL;
  jx_status st = jx_render_pdf(r, path, &err);
  if (st != JX_OK) fail_msg("jx_render_pdf: %s", err ? err : "(no message)");
  return path;
}

/* Split pdftotext output into pages (form feeds); returns the number of pages. */
static size_t pages_of(char *text, char **page, size_t max) {
  size_t n = 0;
  char *s = text;
  while (n < max) {
    char *ff = strchr(s, '\f');
    if (ff) *ff = '\0';
    page[n++] = s;
    if (!ff) break;
    s = ff + 1;
  }
  while (n > 0 && !*page[n - 1]) n--; /* after the last page's form feed */
  return n;
}

/* Text without spaces and line breaks (in place). */
static char *squeeze(char *s) {
  char *w = s;
  for (const char *r = s; *r; r++)
    if (*r != ' ' && *r != '\n') *w++ = *r;
  *w = '\0';
  return s;
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *s = hay; (s = strstr(s, needle)) != NULL; s += strlen(needle)) n++;
  return n;
}

/* ---- PDF ----------------------------------------------------------------------- */

static void test_pdf_text_round_trip(void **state) {
  (void)state;
  NEED("pdftotext");
  jx_report *r = sample_report(NULL);
  const char *path = render(r, "a.pdf");
  char *text = run(fmt("pdftotext -layout -enc UTF-8 '%s' -", path));
  /* the Chinese text comes back exactly */
  assert_non_null(strstr(text, "一、部门基本情况"));
  assert_non_null(strstr(text, "（一）机构组成"));
  assert_non_null(strstr(text, "政协峨边彝族自治县委员会办公室"));
  assert_non_null(strstr(text, "2023年度部门整体绩效自评报告"));
  assert_non_null(strstr(text, "政协峨边彝族自治县委员会设办公室"));
  assert_non_null(strstr(text, "1.负责政协全体会议"));
  assert_non_null(strstr(text, "部门整体支出绩效目标表"));
  assert_non_null(strstr(text, "单位：万元"));
  assert_non_null(strstr(text, "2024年6月20日"));
  assert_non_null(strstr(text, "<b>&amp;</b>"));

  /* every row once: no row lost or drawn twice at a page break */
  for (int k = 1; k <= ROWS; k++) assert_int_equal(count(text, fmt("第%d行 ", k)), 1);

  char *page[64];
  size_t np = pages_of(text, page, 64);
  assert_true(np >= 4);
  /* the table spans several pages; each of them starts with the header rows */
  size_t first = 0, last = 0;
  for (size_t i = 0; i < np; i++) {
    if (!first && strstr(page[i], "第1行")) first = i + 1;
    if (strstr(page[i], fmt("第%d行", ROWS))) last = i + 1;
  }
  assert_true(first > 0);
  assert_true(last >= first + 1);
  for (size_t i = first; i <= last; i++) {
    assert_non_null(strstr(page[i - 1], "指标名称"));
    assert_non_null(strstr(page[i - 1], "调整后预算"));
    assert_non_null(strstr(page[i - 1], "执行率"));
  }
  /* page numbers "— n —" on every page (pdftotext drops the thin spaces) */
  for (size_t i = 0; i < np; i++) {
    const char *num = fmt("—%zu—", i + 1);
    if (!strstr(squeeze(page[i]), num)) fail_msg("page %zu has no page number \"%s\"", i + 1, num);
  }
  /* the page break: the last heading starts a page of its own */
  assert_non_null(strstr(page[np - 1], "附表（分页之后）"));
  assert_null(strstr(page[np - 1], "2024年6月20日"));
  free(text);
  jx_report_free(r);
}

static void test_pdf_fonts_embedded(void **state) {
  (void)state;
  NEED("pdffonts");
  jx_report *r = sample_report(NULL);
  const char *path = render(r, "fonts.pdf");
  char *out = run(fmt("pdffonts '%s'", path));
  /* name type encoding emb sub uni object ID: every font embedded, every one the SC
   * face of Noto CJK (the body serif, 黑体-like sans for headings and charts) */
  size_t fonts = 0;
  bool sans = false;
  for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
    if (strncmp(line, "name", 4) == 0 || strncmp(line, "----", 4) == 0) continue;
    fonts++;
    if (strstr(line, "NotoSansCJKsc")) sans = true;
    if (!strstr(line, "CJKsc-")) fail_msg("not a Noto CJK SC face: %s", line);
    const char *yes = strstr(line, " yes "), *no = strstr(line, " no ");
    if (!yes || (no && no < yes)) fail_msg("font not embedded: %s", line);
  }
  assert_true(fonts >= 2);
  assert_true(sans);
  free(out);
  jx_report_free(r);
}

static void test_pdf_deterministic(void **state) {
  (void)state;
  jx_report *r = sample_report(NULL);
  size_t n1, n2;
  unsigned char *a = (unsigned char *)read_file(render(r, "d1.pdf"), &n1);
  unsigned char *b = (unsigned char *)read_file(render(r, "d2.pdf"), &n2);
  assert_true(n1 > 1000);
  assert_memory_equal(a, "%PDF-", 5);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, b, n1);
  /* the creation date is the report's date, never the clock */
  a[n1 - 1] = '\0';
  bool dated = false;
  for (size_t i = 0; i + 20 < n1; i++)
    if (memcmp(a + i, "/CreationDate (", 15) == 0 && memcmp(a + i + 15 + (a[i + 15] == 'D' ? 2 : 0), "20240620", 8) == 0)
      dated = true;
  assert_true(dated);
  free(a);
  free(b);
  jx_report_free(r);
}

static void test_pdf_page_renders(void **state) {
  (void)state;
  NEED("pdftoppm");
  jx_report *r = sample_report(NULL);
  const char *path = render(r, "png.pdf");
  const char *prefix = tmp("page1");
  free(run(fmt("pdftoppm -r 50 -png -f 1 -l 1 -singlefile '%s' '%s'", path, prefix)));
  size_t n;
  unsigned char *png = (unsigned char *)read_file(fmt("%s.png", prefix), &n);
  assert_true(n > 1000);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  /* 50 dpi A4: 413 × 585 pixels (IHDR width and height, big-endian) */
  uint32_t w = (uint32_t)png[16] << 24 | (uint32_t)png[17] << 16 | (uint32_t)png[18] << 8 | png[19];
  uint32_t h = (uint32_t)png[20] << 24 | (uint32_t)png[21] << 16 | (uint32_t)png[22] << 8 | png[23];
  assert_in_range(w, 410, 416);
  assert_in_range(h, 582, 588);
  free(png);
  jx_report_free(r);
}

/* A cell taller than a page is split between lines of text; nothing is lost. */
static void test_pdf_row_taller_than_page(void **state) {
  (void)state;
  NEED("pdftotext");
  char *lt = malloc(64 * 1024);
  assert_non_null(lt);
  size_t n = 0;
  for (int i = 0; i < 400 && n < 60000; i++) n += (size_t)snprintf(lt + n, 64 * 1024 - n, "长文本第%d句。", i);
  jx_report *r = sample_report(lt);
  const char *path = render(r, "long.pdf");
  char *text = run(fmt("pdftotext -enc UTF-8 '%s' -", path));
  assert_int_equal(count(text, fmt("第%d行 ", ROWS)), 1); /* the rows after it */
  /* each of the 400 sentences has one 句: no line of the cell lost or repeated at the
   * page breaks (a sentence itself may be cut by one) */
  assert_int_equal(count(text, "句"), 400);
  squeeze(text);
  assert_int_equal(count(text, "长文本第0句"), 1);
  assert_int_equal(count(text, "长文本第399句"), 1);
  free(text);
  jx_report_free(r);
  free(lt);
}

static void test_pdf_empty_and_odd(void **state) {
  (void)state;
  /* no blocks at all; a table without rows; a chart without points; invalid UTF-8 */
  jx_arena *a = jx_arena_new();
  jx_report *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->date = "not a date";
  assert_int_equal(jx_render_pdf(r, tmp("empty.pdf"), NULL), JX_OK);
  /* a bad date gives no creation date (it used to become 2000-01-01), nor the clock's;
   * an impossible one (29 February 2023) is as bad */
  r->year = 2023;
  for (int k = 0; k < 2; k++) {
    if (k) r->date = "2023-02-29";
    assert_int_equal(jx_render_pdf(r, tmp("nodate.pdf"), NULL), JX_OK);
    size_t n;
    char *pdf = read_file(tmp("nodate.pdf"), &n);
    assert_null(memmem(pdf, n, "/CreationDate", 13));
    assert_null(memmem(pdf, n, "/ModDate", 8));
    free(pdf);
  }
  rb b = {.r = r};
  jx_rtable *t = jx_arena_alloc(a, sizeof *t);
  t->caption = "空表";
  add(&b, JX_RB_TABLE)->table = t;
  add(&b, JX_RB_CHART)->chart = chart(a, JX_CHART_ATTAINMENT, 0, 0);
  add(&b, JX_RB_CHART)->chart = chart(a, JX_CHART_BUDGET, 0, 0);
  add(&b, JX_RB_PARAGRAPH)->text = "bad \xff\xfe utf-8";
  jx_rblock *h = add(&b, JX_RB_HEADING);
  h->level = 3;
  h->text = "无编号标题";
  add(&b, JX_RB_SIGNATURE)->text = "署名";
  const char *err = NULL;
  assert_int_equal(jx_render_pdf(r, tmp("odd.pdf"), &err), JX_OK);
  jx_report_free(r);
}

static void test_pdf_unwritable(void **state) {
  (void)state;
  jx_report *r = sample_report(NULL);
  const char *err = NULL;
  assert_int_equal(jx_render_pdf(r, "/nonexistent-dir/x/report.pdf", &err), JX_ERR_IO);
  assert_non_null(err);
  assert_true(strlen(err) > 0);
  jx_report_free(r);
}

/* The seed example through the whole chain: evaluate, build the report, PDF. */
static void test_pdf_seed_example(void **state) {
  (void)state;
  NEED("pdftotext");
  jx_doc *doc = NULL;
  jx_framework *fw = NULL;
  jx_result *res = NULL;
  jx_diags d = {0};
  jx_evaluate_file(JX_SOURCE_DIR "/examples/ebian-cppcc-2023.yaml", JX_FRAMEWORKS_DIR, &doc, &fw, &res, &d);
  assert_non_null(res);
  jx_report *r = jx_report_build(doc, res);
  size_t n1, n2;
  unsigned char *a = (unsigned char *)read_file(render(r, "seed1.pdf"), &n1);
  unsigned char *b = (unsigned char *)read_file(render(r, "seed2.pdf"), &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(a, b, n1);
  char *text = run(fmt("pdftotext -layout -enc UTF-8 '%s' -", tmp("seed1.pdf")));
  assert_non_null(strstr(text, "一、部门基本情况"));
  assert_non_null(strstr(text, "政协峨边彝族自治县委员会办公室"));
  assert_non_null(strstr(text, "部门整体支出绩效目标表"));
  assert_true(count(text, "\f") >= 5);
  free(text);
  free(a);
  free(b);
  jx_report_free(r);
  jx_result_free(res);
  jx_framework_free(fw);
  jx_doc_free(doc);
  jx_diags_free(&d);
}

/* ---- charts -------------------------------------------------------------------- */

static void test_chart_svg(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_chart *charts[4] = {chart(a, JX_CHART_ATTAINMENT, 12, 0), chart(a, JX_CHART_BUDGET, 3, 4),
                         chart(a, JX_CHART_BUDGET, 6, 0), chart(a, JX_CHART_ATTAINMENT, 0, 0)};
  for (size_t i = 0; i < 4; i++) {
    size_t n1 = 0, n2 = 0;
    unsigned char *s1 = jx_chart_svg(charts[i], 450, 260, &n1);
    unsigned char *s2 = jx_chart_svg(charts[i], 450, 260, &n2);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_true(n1 > 100);
    assert_true(memcmp(s1, "<?xml", 5) == 0 || memcmp(s1, "<svg", 4) == 0);
    assert_non_null(strstr((char *)s1, "<svg"));
    assert_non_null(strstr((char *)s1, "</svg>"));
    assert_int_equal(n1, n2); /* the same bytes every time (no process-wide ids) */
    assert_memory_equal(s1, s2, n1);
    assert_null(strstr((char *)s1, "id=\"surface")); /* every id prefixed */
    free(s1);
    free(s2);
  }
  /* two different charts in one HTML page: their ids do not collide */
  size_t na, nb;
  char *sa = (char *)jx_chart_svg(charts[0], 450, 260, &na);
  char *sb = (char *)jx_chart_svg(charts[1], 450, 260, &nb);
  char ida[32] = {0}, idb[32] = {0};
  const char *pa = strstr(sa, "id=\""), *pb = strstr(sb, "id=\"");
  assert_non_null(pa);
  assert_non_null(pb);
  memcpy(ida, pa, 14);
  memcpy(idb, pb, 14);
  assert_string_not_equal(ida, idb);
  free(sa);
  free(sb);
  jx_arena_free(a);
}

static void test_chart_png(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_chart *c = chart(a, JX_CHART_BUDGET, 3, 4);
  size_t n1 = 0, n2 = 0;
  unsigned char *p1 = jx_chart_png(c, 450, 260, 144, &n1);
  unsigned char *p2 = jx_chart_png(c, 450, 260, 144, &n2);
  assert_non_null(p1);
  assert_non_null(p2);
  assert_memory_equal(p1, "\x89PNG\r\n\x1a\n", 8);
  assert_int_equal(n1, n2);
  assert_memory_equal(p1, p2, n1);
  uint32_t w = (uint32_t)p1[16] << 24 | (uint32_t)p1[17] << 16 | (uint32_t)p1[18] << 8 | p1[19];
  uint32_t h = (uint32_t)p1[20] << 24 | (uint32_t)p1[21] << 16 | (uint32_t)p1[22] << 8 | p1[23];
  assert_int_equal(w, 900); /* 450 pt at 144 dpi */
  assert_int_equal(h, 520);
  free(p1);
  free(p2);
  /* nothing to draw: still a picture ("无数据") */
  unsigned char *e = jx_chart_png(chart(a, JX_CHART_ATTAINMENT, 0, 0), 200, 100, 72, &n1);
  assert_non_null(e);
  assert_memory_equal(e, "\x89PNG", 4);
  free(e);
  /* unusable sizes */
  assert_null(jx_chart_png(c, 0, 100, 72, &n1));
  assert_int_equal(n1, 0);
  assert_null(jx_chart_svg(c, 100, -1, &n1));
  assert_null(jx_chart_png(c, 1e7, 100, 300, &n1));
  jx_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pdf_text_round_trip),
      cmocka_unit_test(test_pdf_fonts_embedded),
      cmocka_unit_test(test_pdf_deterministic),
      cmocka_unit_test(test_pdf_page_renders),
      cmocka_unit_test(test_pdf_row_taller_than_page),
      cmocka_unit_test(test_pdf_empty_and_odd),
      cmocka_unit_test(test_pdf_unwritable),
      cmocka_unit_test(test_pdf_seed_example),
      cmocka_unit_test(test_chart_svg),
      cmocka_unit_test(test_chart_png),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
