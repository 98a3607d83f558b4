/* test_decl_out.c — the 绩效目标表 out (render/decl_form.c, decl_write.c, decl_template.c),
 * from declarations built in memory: the form's grid (fields, money by source, merged
 * 一级/二级), the adjustments, every format written twice to the same bytes, and the XLSX
 * template read back with the project's own XLSX reader (every data row exactly, the
 * marker, no formula), and declaration files through the template and the export reader
 * of `jixiao import` back to the same files.  The outputs' text against expected files,
 * from declaration files, is tests/report-decl/. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "parse/xlsx.h"
#include "render/decl.h"
#include "util/arena.h"

/* ---- declarations by hand ---------------------------------------------------------- */

static jx_arena *arena;

static jx_money yuan(int64_t y) { return (jx_money){y * JX_FEN_PER_YUAN, true, {0}}; }

static const char *CALC =
    "2023年度申报预算包括三个支出事项。一是抚恤金，用于发放残疾军人、伤残人民警察抚恤金。经费标准参考文件测算，以因公十级每人每年10951元，"
    "2人，因公九级每人每年14644元，1人，因公八级每人每年20098元，4人，因公七级每人每年31125元，1人安排。二是残疾军人失业生活补助，"
    "用于每月发放残疾军人生活补助金。经费标准参考文件测算，以因公十级失业补助金每人每月2927元，1人安排。三是其他各类优抚对象生活补助，"
    "用于发放三属、老复员军人、“五老”人员、参战参试退役人员生活补助，经费标准参考文件测算，以三属每人每月5589元，1人；“五老”人员每人每月"
    "2747元，1人；在乡复员军人每人每月2925元，3人；参战涉核人员每人每月1318元，8人安排。四是补发2022年抚恤金和生活补助差额，"
    "用于发放优抚对象2022年的差额。经费标准参考文件测算，以以因公十级每人8-12月337元，2人，因公九级每人8-12月451元，1人，因公八级每人"
    "8-12月620元，4人，因公七级每人8-12月960元，1人安排；以因公十级失业补助金每人每月216元，1人安排；以三属每人每月391元，1人；"
    "“五老”人员每人每月181元，1人；在乡复员军人每人每月194元，3人；参战涉核人员每人每月97元，8人安排。";

static void add_ind(jx_decl *d, const char *l1, const char *l2, const char *name, const char *value, const char *expl,
                    const char *std, const char *src, int64_t weight) {
  size_t n = d->indicators.n;
  jx_decl_indicator *items = jx_arena_alloc(arena, (n + 1) * sizeof *items);
  if (n) memcpy(items, d->indicators.items, n * sizeof *items);
  jx_decl_indicator *x = &items[n];
  x->level1 = l1;
  x->level2 = l2;
  x->name = name;
  x->value = value;
  x->not_applicable = strcmp(value, "不适用") == 0;
  x->explanation = expl;
  x->standard = std;
  x->source = src;
  if (weight >= 0) x->weight = (jx_num){weight * JX_NUM_SCALE, true, {0}};
  d->indicators.items = items;
  d->indicators.n = n + 1;
}

/* A real project of the Shenzhen export (440306221390300200006), amounts in 元. */
static jx_decl *project(void) {
  jx_decl *d = jx_arena_alloc(arena, sizeof *d);
  d->scope = JX_DECL_PROJECT;
  d->year = 2023;
  d->code = "440306221390300200006";
  d->name = "享受抚恤定补优抚对象抚恤金和生活补助经费";
  d->unit = d->department = "深圳市宝安区松岗街道办事处（本级）";
  d->money_unit_fen = JX_FEN_PER_YUAN;
  d->total = yuan(2147800);
  d->this_year = yuan(545000);
  d->by_source.items = jx_arena_alloc(arena, sizeof *d->by_source.items);
  d->by_source.items[0] = (jx_named_money){"财政拨款", yuan(545000)};
  d->by_source.n = 1;
  d->policy_basis = "1.广东省军人抚恤优待办法（第601号）\n2.《关于调整我区户籍部分优抚对象等人员抚恤和生活补助标准的通知》";
  d->calc_basis = CALC;
  d->annual_goal = "通过全区性经费的开展，加强资金保障，改善优抚对象生活，增强有福对象荣誉感、获得感、幸福感";
  add_ind(d, "产出", "数量", "优抚对象抚恤金和生活补助享受人数", "21人", "优抚对象抚恤金和生活补助享受人数21人", NULL, NULL, -1);
  add_ind(d, "产出", "质量", "补贴发放准确性", "100%", "补贴发放准确", NULL, NULL, -1);
  add_ind(d, "产出", "时效", "补贴发放及时性", "11月底前完成", "11月底前完成", NULL, NULL, -1);
  add_ind(d, "产出", "成本", "经费总成本", "≤54.5万元", "经费总成本≤54.5万元", NULL, NULL, -1);
  add_ind(d, "效益", "经济效益", "不适用", "不适用", "不适用", NULL, NULL, -1);
  add_ind(d, "效益", "社会效益", "优抚对象幸福感", "得到提升", "优抚对象幸福感得到提升", NULL, NULL, -1);
  add_ind(d, "效益", "生态效益", "不适用", "不适用", "不适用", NULL, NULL, -1);
  add_ind(d, "效益", "可持续影响", "不适用", "不适用", "不适用", NULL, NULL, -1);
  add_ind(d, "满意度", "服务对象满意度", "优抚对象满意度", "≥95%", "优抚对象满意度≥95%", NULL, NULL, -1);
  add_ind(d, "满意度", "其他满意度", "不适用", "不适用", "不适用", NULL, NULL, -1);
  return d;
}

/* A department's whole budget in 万元, with weights, 评分标准, 数据来源, two sources and an
 * approved adjustment of two changes. */
static jx_decl *department(void) {
  jx_decl *d = jx_arena_alloc(arena, sizeof *d);
  d->scope = JX_DECL_DEPARTMENT;
  d->year = 2024;
  d->name = d->unit = d->department = "政协峨边彝族自治县委员会办公室";
  d->money_unit_fen = JX_FEN_PER_WAN;
  d->total = (jx_money){107252000, true, {0}}; /* 107.252 万元 */
  d->this_year = d->total;
  d->by_source.items = jx_arena_alloc(arena, 2 * sizeof *d->by_source.items);
  d->by_source.items[0] = (jx_named_money){"财政拨款", {100000000, true, {0}}};
  d->by_source.items[1] = (jx_named_money){"其他资金", {7252000, true, {0}}};
  d->by_source.n = 2;
  d->policy_basis = "《中华人民共和国预算法》";
  d->calc_basis = "";
  d->annual_goal = "保障机关正常运转，履行政治协商、民主监督、参政议政职能。";
  add_ind(d, "产出", "数量", "提案办理件数", "≥120件", "年度内立案并交办的提案件数", "达到目标值得满分，每少5件扣1分", "提案委员会台账", 20);
  add_ind(d, "产出", "数量", "调研报告篇数", "≥6篇", "形成并报送的调研报告", "每少1篇扣2分", "办公室", 10);
  add_ind(d, "产出", "质量", "提案办复率", "=100%", "已办复提案 / 立案提案", "低于目标按比例扣分", "提案办理系统", 20);
  add_ind(d, "产出", "时效", "提案办理时限", "3个月", "交办之日起办结的时间", "超期1件扣1分", "提案办理系统", 10);
  add_ind(d, "产出", "成本", "会议费", "≤28万元", "全年会议费支出", "超支不得分", "财务账", 10);
  add_ind(d, "效益", "社会效益", "建言献策采纳率", "≥60%", "被采纳的建议 / 提出的建议", "按比例得分", "党委政府批示", 20);
  add_ind(d, "满意度", "服务对象满意度", "委员满意度", "≥95%", "问卷调查", "按比例得分", "满意度问卷", 10);
  d->adjustments.items = jx_arena_alloc(arena, sizeof *d->adjustments.items);
  d->adjustments.n = 1;
  jx_decl_adjustment *a = &d->adjustments.items[0];
  a->date = "2024-07-01";
  a->reason = "年中会议安排调整，调研任务增加";
  a->approver = "县财政局";
  a->changes.items = jx_arena_alloc(arena, 2 * sizeof *a->changes.items);
  a->changes.n = 2;
  a->changes.items[0] = (jx_decl_change){{0}, "调研报告篇数", "≥6篇", "≥8篇"};
  a->changes.items[1] = (jx_decl_change){{0}, "会议费", "≤28万元", "≤25万元"};
  return d;
}

/* ---- files ------------------------------------------------------------------------- */

static char tmpdir[256];

static int setup(void **state) {
  (void)state;
  arena = jx_arena_new();
  const char *base = getenv("TMPDIR");
  snprintf(tmpdir, sizeof tmpdir, "%s/jx_test_decl_XXXXXX", base && *base ? base : "/tmp");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb, (void)flag, (void)ftw;
  return remove(path);
}

static int teardown(void **state) {
  (void)state;
  int rc = 0;
  if (getenv("JX_TEST_KEEP")) print_message("files kept in %s\n", tmpdir);
  else rc = nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
  jx_arena_free(arena);
  jx_global_cleanup();
  return rc == 0 ? 0 : -1;
}

static const char *tmp(const char *name) { return jx_arena_printf(arena, "%s/%s", tmpdir, name); }

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = jx_arena_alloc(arena, (size_t)len + 1);
  assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  buf[len] = '\0';
  *n = (size_t)len;
  return buf;
}

static const jx_rcell *at(const jx_rtable *t, size_t r, size_t c) { return jx_rtable_at(t, r, c); }

/* The row of t whose column 0 reads text. */
static size_t row_of(const jx_rtable *t, const char *text) {
  for (size_t r = 0; r < t->rows; r++)
    if (!at(t, r, 0)->covered && strcmp(at(t, r, 0)->text, text) == 0) return r;
  fail_msg("no row %s", text);
  return 0;
}

/* ---- the form ---------------------------------------------------------------------- */

static void test_form_project(void **state) {
  (void)state;
  const jx_decl *d = project();
  jx_rtable *t = jx_decl_form_table(arena, d);
  assert_string_equal(t->caption, "项目支出绩效目标申报表（2023年度）");
  assert_string_equal(t->unit_note, "金额单位：元");
  assert_string_equal(t->sheet, "申报表-440306221390300200006");
  assert_int_equal(t->cols, 8);
  assert_int_equal(t->rows, 4 + 3 + 3 + 1 + 10);
  assert_string_equal(at(t, 0, 0)->text, "项目名称");
  assert_string_equal(at(t, 0, 1)->text, d->name);
  assert_int_equal(at(t, 0, 1)->colspan, 7);
  assert_string_equal(at(t, 1, 1)->text, "440306221390300200006");
  /* 项目资金（元） over 项目总金额, 本年金额, 其中：财政拨款 */
  size_t m = row_of(t, "项目资金\n（元）");
  assert_int_equal(at(t, m, 0)->rowspan, 3);
  assert_string_equal(at(t, m, 1)->text, "项目总金额");
  assert_string_equal(at(t, m, 3)->text, "2147800");
  assert_int_equal(at(t, m, 3)->type, JX_CELL_NUMBER);
  assert_true(at(t, m, 3)->value == 2147800 * JX_NUM_SCALE);
  assert_string_equal(at(t, m + 1, 1)->text, "本年金额");
  assert_string_equal(at(t, m + 1, 3)->text, "545000");
  assert_string_equal(at(t, m + 2, 1)->text, "其中：财政拨款");
  assert_string_equal(at(t, row_of(t, "测算依据"), 1)->text, CALC);
  /* the grid: header, then 产出 over its four rows, 效益 over four, 满意度 over two */
  size_t g = row_of(t, "一级指标");
  static const char *heads[] = {"一级指标", "二级指标", "三级指标", "指标值", "指标解释", "评分标准", "数据来源", "分值"};
  for (size_t c = 0; c < 8; c++) assert_string_equal(at(t, g, c)->text, heads[c]);
  assert_int_equal(at(t, g + 1, 0)->rowspan, 4);
  assert_int_equal(at(t, g + 5, 0)->rowspan, 4);
  assert_string_equal(at(t, g + 9, 0)->text, "满意度");
  assert_int_equal(at(t, g + 9, 0)->rowspan, 2);
  assert_int_equal(at(t, g + 1, 1)->rowspan, 1); /* 数量, 质量 … differ */
  assert_string_equal(at(t, g + 5, 2)->text, "不适用");
  assert_string_equal(at(t, g + 4, 3)->text, "≤54.5万元");
  assert_null(jx_decl_adjust_table(arena, d));
}

static void test_form_department(void **state) {
  (void)state;
  const jx_decl *d = department();
  jx_rtable *t = jx_decl_form_table(arena, d);
  assert_string_equal(t->caption, "部门整体支出绩效目标申报表（2024年度）");
  assert_string_equal(t->unit_note, "金额单位：万元");
  assert_string_equal(at(t, 0, 0)->text, "部门名称");
  size_t m = row_of(t, "部门资金\n（万元）");
  assert_int_equal(at(t, m, 0)->rowspan, 4);
  assert_string_equal(at(t, m, 3)->text, "107.252"); /* exact, not rounded to 2 decimals */
  assert_string_equal(at(t, m + 2, 1)->text, "其中：财政拨款");
  assert_string_equal(at(t, m + 3, 1)->text, "其他资金");
  assert_string_equal(at(t, m + 3, 3)->text, "7.252");
  size_t g = row_of(t, "一级指标");
  assert_int_equal(at(t, g + 1, 0)->rowspan, 5);  /* 产出 */
  assert_int_equal(at(t, g + 1, 1)->rowspan, 2);  /* 数量 twice */
  assert_string_equal(at(t, g + 1, 7)->text, "20"); /* 分值 */
  assert_string_equal(at(t, g + 1, 5)->text, "达到目标值得满分，每少5件扣1分");
  jx_rtable *a = jx_decl_adjust_table(arena, d);
  assert_non_null(a);
  assert_int_equal(a->rows, 2);
  assert_int_equal(a->cols, 4);
  assert_string_equal(at(a, 1, 0)->text, "2024-07-01");
  assert_string_equal(at(a, 1, 2)->text, "县财政局");
  assert_string_equal(at(a, 1, 3)->text, "调研报告篇数：≥6篇 → ≥8篇\n会议费：≤28万元 → ≤25万元");
}

/* ---- every format, twice ------------------------------------------------------------ */

static void write_twice(const jx_decl *d, jx_format fmt, const char *ext) {
  char err[512];
  const char *p1 = tmp(jx_arena_printf(arena, "a-%d.%s", (int)d->scope, ext));
  const char *p2 = tmp(jx_arena_printf(arena, "b-%d.%s", (int)d->scope, ext));
  if (jx_decl_report_write(d, fmt, p1, err, sizeof err) != JX_OK) fail_msg("%s: %s", ext, err);
  if (jx_decl_report_write(d, fmt, p2, err, sizeof err) != JX_OK) fail_msg("%s: %s", ext, err);
  size_t n1, n2;
  const char *b1 = slurp(p1, &n1), *b2 = slurp(p2, &n2);
  assert_true(n1 > 100);
  assert_int_equal(n1, n2);
  assert_memory_equal(b1, b2, n1);
}

static void test_formats_deterministic(void **state) {
  (void)state;
  const jx_decl *ds[] = {project(), department()};
  for (size_t i = 0; i < 2; i++) {
    write_twice(ds[i], JX_FORMAT_MD, "md");
    write_twice(ds[i], JX_FORMAT_HTML, "html");
    write_twice(ds[i], JX_FORMAT_DOCX, "docx");
    write_twice(ds[i], JX_FORMAT_PDF, "pdf");
    write_twice(ds[i], JX_FORMAT_XLSX, "xlsx");
  }
  size_t n;
  const char *md = slurp(tmp("a-1.md"), &n);
  assert_non_null(strstr(md, "绩效目标动态调整"));
  assert_non_null(strstr(md, "| 2024-07-01 | 年中会议安排调整，调研任务增加 | 县财政局 | 调研报告篇数：≥6篇 → ≥8篇<br>会议费：≤28万元 → ≤25万元 |"));
  md = slurp(tmp("a-0.md"), &n);
  assert_null(strstr(md, "动态调整"));
  char err[128];
  assert_int_equal(jx_decl_report_write(ds[0], JX_FORMAT_PDF, "-", err, sizeof err), JX_ERR_INVALID);
  assert_int_equal(jx_decl_report_write(NULL, JX_FORMAT_MD, "-", err, sizeof err), JX_ERR_INVALID);
  assert_int_equal(jx_decl_report_write(ds[0], JX_FORMAT_PDF, tmp("no/such/dir.pdf"), err, sizeof err), JX_ERR_IO);
}

/* ---- the template ------------------------------------------------------------------- */

static const jx_xsheet *sheet_of(const jx_workbook *wb, const char *name) {
  const jx_xsheet *s = jx_workbook_sheet(wb, name);
  if (!s) fail_msg("no sheet %s", name);
  return s;
}

static const char *cell_text(const jx_xsheet *s, uint32_t r, uint32_t c) {
  const jx_xcell *x = jx_xsheet_cell(s, r, c);
  if (x) assert_false(x->formula);
  return x ? x->text : "";
}

/* Rows of s that hold any text, the header included. */
static uint32_t filled_rows(const jx_xsheet *s) {
  uint32_t n = 0;
  for (uint32_t r = 0; r < s->n_rows; r++) {
    bool any = false;
    for (uint32_t c = 0; c < s->n_cols; c++) any |= *cell_text(s, r, c) != '\0';
    n += any;
  }
  return n;
}

static jx_workbook *read_back(const char *path) {
  jx_workbook *wb = NULL;
  char err[512];
  if (jx_xlsx_read_file(path, NULL, &wb, err, sizeof err) != JX_OK) fail_msg("%s", err);
  bool marked = false;
  for (size_t i = 0; i < wb->n_names; i++)
    if (!strcmp(wb->names[i].name, "JIXIAO_TEMPLATE"))
      marked = strstr(wb->names[i].value, "jixiao-template/1 declaration") != NULL;
  assert_true(marked);
  return wb;
}

static void test_template_filled(void **state) {
  (void)state;
  const jx_decl *ds[] = {project(), department()};
  char err[512];
  const char *path = tmp("filled.xlsx");
  if (jx_decl_template_write(ds, 2, path, err, sizeof err) != JX_OK) fail_msg("%s", err);
  jx_workbook *wb = read_back(path);
  /* the data sheets first, then one form per declaration, 说明, the hidden marker */
  static const char *names[] = {"项目信息", "指标信息", "申报表-440306221390300200006",
                                "申报表-政协峨边彝族自治县委员会办公室", "说明", "_jixiao"};
  assert_int_equal(wb->n_sheets, 6);
  for (size_t i = 0; i < 6; i++) assert_string_equal(wb->sheets[i].name, names[i]);
  assert_int_equal(wb->sheets[5].state, JX_SHEET_HIDDEN);
  /* 项目信息: the header and one row per declaration, exactly; the units differ, so 元;
   * the sources after 本年金额 */
  const jx_xsheet *p = sheet_of(wb, "项目信息");
  static const char *ph[] = {"项目编码", "项目名称", "申报单位", "主管部门", "项目总金额（元）", "本年金额（元）",
                             "财政拨款（元）", "其他资金（元）", "政策依据", "测算依据", "年度目标", "年度"};
  for (uint32_t c = 0; c < 12; c++) assert_string_equal(cell_text(p, 0, c), ph[c]);
  assert_int_equal(p->n_cols, 12);
  assert_int_equal(filled_rows(p), 3);
  assert_string_equal(cell_text(p, 1, 0), "440306221390300200006");
  assert_int_equal(jx_xsheet_cell(p, 1, 0)->type, JX_XC_STRING);
  assert_string_equal(cell_text(p, 1, 4), "2147800");
  assert_int_equal(jx_xsheet_cell(p, 1, 4)->type, JX_XC_NUMBER);
  assert_string_equal(cell_text(p, 1, 6), "545000");
  assert_string_equal(cell_text(p, 1, 7), ""); /* no 其他资金 */
  assert_string_equal(cell_text(p, 1, 9), CALC);
  assert_string_equal(cell_text(p, 1, 11), "2023");
  assert_string_equal(cell_text(p, 2, 0), "政协峨边彝族自治县委员会办公室"); /* no code: the name is the key */
  assert_string_equal(cell_text(p, 2, 4), "1072520");                   /* 107.252 万元 in 元 */
  assert_string_equal(cell_text(p, 2, 6), "1000000");
  assert_string_equal(cell_text(p, 2, 7), "72520");
  assert_string_equal(cell_text(p, 2, 10), ds[1]->annual_goal);
  /* 指标信息: every indicator row in order, 不适用 rows kept */
  const jx_xsheet *ind = sheet_of(wb, "指标信息");
  assert_int_equal(filled_rows(ind), 1 + 10 + 7);
  uint32_t r = 1;
  for (size_t i = 0; i < 2; i++)
    for (size_t k = 0; k < ds[i]->indicators.n; k++, r++) {
      const jx_decl_indicator *x = &ds[i]->indicators.items[k];
      assert_string_equal(cell_text(ind, r, 0), ds[i]->code ? ds[i]->code : ds[i]->name);
      assert_string_equal(cell_text(ind, r, 1), x->level1);
      assert_string_equal(cell_text(ind, r, 2), x->level2);
      assert_string_equal(cell_text(ind, r, 3), x->name);
      assert_string_equal(cell_text(ind, r, 4), x->value);
      assert_int_equal(jx_xsheet_cell(ind, r, 4)->type, JX_XC_STRING); /* "100%" stays text */
      assert_string_equal(cell_text(ind, r, 5), x->explanation);
      assert_string_equal(cell_text(ind, r, 6), x->standard ? x->standard : "");
      assert_string_equal(cell_text(ind, r, 7), x->source ? x->source : "");
      if (x->weight.set) assert_int_equal(jx_xsheet_cell(ind, r, 8)->type, JX_XC_NUMBER);
      else assert_string_equal(cell_text(ind, r, 8), "");
    }
  /* the printable form: the title, and 产出 merged over its four rows */
  const jx_xsheet *f = sheet_of(wb, "申报表-440306221390300200006");
  assert_string_equal(cell_text(f, 0, 0), "项目支出绩效目标申报表（2023年度）");
  bool merged_level1 = false;
  for (size_t i = 0; i < f->n_merges; i++)
    merged_level1 |= f->merges[i].c1 == 0 && f->merges[i].r2 - f->merges[i].r1 == 3 &&
                     !strcmp(cell_text(f, f->merges[i].r1, 0), "产出");
  assert_true(merged_level1);
  jx_workbook_free(wb);
  /* one unit shared: the sheet keeps it */
  const char *wan = tmp("wan.xlsx");
  if (jx_decl_template_write(ds + 1, 1, wan, err, sizeof err) != JX_OK) fail_msg("%s", err);
  wb = read_back(wan);
  p = sheet_of(wb, "项目信息");
  assert_string_equal(cell_text(p, 0, 4), "项目总金额（万元）");
  assert_string_equal(cell_text(p, 1, 4), "107.252");
  jx_workbook_free(wb);
  /* the same input, the same bytes */
  const char *again = tmp("filled2.xlsx");
  if (jx_decl_template_write(ds, 2, again, err, sizeof err) != JX_OK) fail_msg("%s", err);
  size_t n1, n2;
  const char *b1 = slurp(path, &n1), *b2 = slurp(again, &n2);
  assert_int_equal(n1, n2);
  assert_memory_equal(b1, b2, n1);
}

/* The declaration file of d as jx_decl_write_yaml writes it (in the test arena). */
static const char *yaml_of(const jx_decl *d) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_non_null(f);
  char err[256];
  assert_int_equal(jx_decl_write_yaml(d, f, err, sizeof err), JX_OK);
  fclose(f);
  const char *s = jx_arena_strdup(arena, buf);
  free(buf);
  return s;
}

/* Declaration files → template → the export reader (jixiao import) → the same files, but
 * for what the sheets cannot carry: the scope (an export is of projects) and the approved
 * adjustments (printed, never filled in). */
static void test_template_round_trip(void **state) {
  (void)state;
  static const char *files[] = {JX_SOURCE_DIR "/tests/report-decl/project.yaml",
                                JX_SOURCE_DIR "/tests/report-decl/department.yaml",
                                JX_SOURCE_DIR "/examples/declaration-project-2022.yaml"};
  enum { N = sizeof files / sizeof files[0] };
  jx_decl *ds[N];
  jx_diags d = {0};
  for (size_t i = 0; i < N; i++) {
    assert_int_equal(jx_decl_load(files[i], &ds[i], &d), JX_OK);
    ds[i]->adjustments.n = 0;
    ds[i]->scope = JX_DECL_PROJECT;
  }
  /* each alone (its own unit kept), then all three in one workbook (万元 becomes 元) */
  for (size_t round = 0; round <= N; round++) {
    const jx_decl *const *in = round < N ? (const jx_decl *const *)&ds[round] : (const jx_decl *const *)ds;
    size_t n = round < N ? 1 : N;
    char err[512];
    const char *path = tmp(jx_arena_printf(arena, "rt%zu.xlsx", round));
    if (jx_decl_template_write(in, n, path, err, sizeof err) != JX_OK) fail_msg("%s", err);
    jx_decl_export x;
    jx_diags rd = {0};
    jx_status st = jx_decl_export_read(path, NULL, &x, &rd);
    if (st != JX_OK) dump_diags(&rd);
    assert_int_equal(st, JX_OK);
    assert_true(x.recognised);
    assert_int_equal(x.n, n);
    for (size_t i = 0; i < n; i++) {
      jx_decl *back = x.items[i];
      if (round == N && in[i]->money_unit_fen != back->money_unit_fen) {
        assert_int_equal(back->money_unit_fen, JX_FEN_PER_YUAN); /* a mixed workbook is in 元: the same amounts */
        back->money_unit_fen = in[i]->money_unit_fen;
      }
      assert_string_equal(yaml_of(back), yaml_of(in[i]));
    }
    jx_decl_export_free(&x);
    jx_diags_free(&rd);
  }
  for (size_t i = 0; i < N; i++) jx_decl_free(ds[i]);
  jx_diags_free(&d);
}

static void test_template_blank(void **state) {
  (void)state;
  char err[512];
  const char *path = tmp("blank.xlsx");
  if (jx_decl_template_write(NULL, 0, path, err, sizeof err) != JX_OK) fail_msg("%s", err);
  jx_workbook *wb = read_back(path);
  assert_int_equal(filled_rows(sheet_of(wb, "项目信息")), 1);
  const jx_xsheet *ind = sheet_of(wb, "指标信息");
  assert_int_equal(filled_rows(ind), 1);
  assert_string_equal(cell_text(ind, 0, 4), "指标值");
  const jx_xsheet *f = sheet_of(wb, "申报表-");
  assert_string_equal(cell_text(f, 0, 0), "项目支出绩效目标申报表（____年度）");
  const jx_xsheet *help = sheet_of(wb, "说明");
  bool says = false;
  for (uint32_t r = 0; r < help->n_rows; r++) says |= strstr(cell_text(help, r, 0), "≤28万元") != NULL;
  assert_true(says);
  jx_workbook_free(wb);
  /* no half-written file on failure */
  assert_int_equal(jx_decl_template_write(NULL, 0, tmp("no/such/dir.xlsx"), err, sizeof err), JX_ERR_IO);
  const jx_decl *bad[] = {NULL};
  assert_int_equal(jx_decl_template_write(bad, 1, tmp("x.xlsx"), err, sizeof err), JX_ERR_INVALID);
  struct stat st;
  assert_int_not_equal(stat(tmp("x.xlsx"), &st), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_form_project),          cmocka_unit_test(test_form_department),
      cmocka_unit_test(test_formats_deterministic), cmocka_unit_test(test_template_filled),
      cmocka_unit_test(test_template_blank),        cmocka_unit_test(test_template_round_trip),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
