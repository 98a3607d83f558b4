/* test_evaluate.c — jx_doc_parse + jx_framework_load + jx_evaluate on in-memory
 * documents: diagnostics (code, severity, line) and result fields. */
#include <string.h>

#include "app/app.h"
#include "helpers.h"
#include "model/ref.h"
#include "parse/yaml_tree.h"

/* ---- document pieces ------------------------------------------------------------------ */

#define PROJ_HEAD                                                                                  \
  "schema: jixiao/1\n"                                                                             \
  "kind: project\n"                                                                                \
  "framework: cn-mof-2020-10-project\n"                                                            \
  "year: 2023\n"                                                                                   \
  "department:\n"                                                                                  \
  "  name: 测试局\n"                                                                               \
  "project:\n"                                                                                     \
  "  name: 测试项目\n"

/* 95.00 / 100.00 = 95% → 9.5 of 10 */
#define MONEY_95                                                                                   \
  "  initial: 100\n"                                                                               \
  "  adjusted: 100\n"                                                                              \
  "  executed: 95\n"

/* One indicator of a project (indented under `  indicators:`). */
#define IND(l1, name, nat, target, unit, weight, actual)                                           \
  "    - level1: " l1 "\n"                                                                         \
  "      level2: 数量指标\n"                                                                       \
  "      name: " name "\n"                                                                         \
  "      nature: \"" nat "\"\n"                                                                    \
  "      target: " target "\n"                                                                     \
  "      unit: \"" unit "\"\n"                                                                     \
  "      weight: " weight "\n"                                                                     \
  "      actual: " actual "\n"
#define NOTE "      deviation_note: 供货延迟，已整改。\n"

/* 效益 30 + 满意度 10, both met: with a 产出 indicator of weight 50 the weights add up to 90. */
#define IND_BC                                                                                     \
  IND("效益指标", "效益乙", "≥", "90", "%", "30", "95")                                              \
  IND("满意度指标", "满意度丙", "≥", "90", "%", "10", "92")

#define QUAL(name, grade, score)                                                                   \
  "    - level1: 产出指标\n"                                                                       \
  "      level2: 质量指标\n"                                                                       \
  "      name: " name "\n"                                                                         \
  "      nature: 定性\n"                                                                           \
  "      target: 规范有序\n"                                                                       \
  "      weight: 50\n"                                                                             \
  "      actual: " grade "\n"                                                                      \
  "      score: " score "\n"

#define DEPT_HEAD(fw)                                                                              \
  "schema: jixiao/1\n"                                                                             \
  "kind: department\n"                                                                             \
  "framework: " fw "\n"                                                                            \
  "year: 2023\n"                                                                                   \
  "department:\n"                                                                                  \
  "  name: 测试部门\n"

#define EBIAN DEPT_HEAD("sichuan-ebian-department-2023")
#define FORMULA DEPT_HEAD("example-formula-department")

#define FW_PROJECT FW("cn-mof-2020-10-project.yaml")
#define FW_EBIAN FW("sichuan-ebian-department-2023.yaml")
#define FW_FORMULA FW("example-formula-department.yaml")

/* Asserts that exactly `n` diagnostics have `code` with severity `sev`; dumps all on failure. */
static void expect_code(const eval_run *r, const char *code, jx_severity sev, size_t n) {
  size_t got = count_code_sev(&r->d, code, sev);
  if (got != n) {
    dump_diags(&r->d);
    fail_msg("expected %zu %s %s, got %zu (of %zu with any severity)", n, jx_severity_name(sev), code, got,
             count_code(&r->d, code));
  }
}

static void expect_none(const eval_run *r, const char *code) {
  if (count_code(&r->d, code)) {
    dump_diags(&r->d);
    fail_msg("expected no %s", code);
  }
}

static void expect_line(const eval_run *r, const char *code, uint32_t line) {
  const jx_diag *g = find_code(&r->d, code);
  assert_non_null(g);
  if (g->pos.line != line) {
    dump_diags(&r->d);
    fail_msg("%s at line %u, expected line %u", code, g->pos.line, line);
  }
  assert_non_null(g->pos.file);
  assert_string_equal(g->pos.file, "test.yaml");
}

static void expect_msg(const eval_run *r, const char *code, const char *needle) {
  if (!find_code_msg(&r->d, code, needle)) {
    dump_diags(&r->d);
    fail_msg("no %s mentioning “%s”", code, needle);
  }
}

/* ---- a clean document --------------------------------------------------------------------- */

static void test_clean_project(void **state) {
  (void)state;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC
      "  assessment:\n    total: 99.5\n    grade: 优\n";
  eval_run r;
  eval_text(&r, y, FW_PROJECT);
  if (r.d.n) dump_diags(&r.d);
  assert_int_equal(r.d.n_error, 0);
  assert_int_equal(r.d.n_warning, 0);
  assert_int_equal(r.eval_status, JX_OK);
  assert_true(r.res->has_execution);
  assert_int_equal(r.res->execution_rate, N(95));
  assert_int_equal(r.res->execution_score, N(9.5));
  assert_int_equal(r.res->indicator_total, N(90));
  assert_int_equal(r.res->indicator_weight, N(90));
  assert_int_equal(r.res->total, N(99.5));
  assert_string_equal(r.res->grade, "优");
  assert_int_equal(r.res->indicators.n, 3);
  const jx_indicator_score *s = score_of(r.res, "产出甲");
  assert_non_null(s);
  assert_true(s->scored);
  assert_true(s->met);
  assert_int_equal(s->score, N(50));
  assert_int_equal(s->actual, N(12));
  assert_string_equal(s->attainment, "达成");
  assert_non_null(s->derivation);
  eval_run_free(&r);
}

/* ---- JX309: negative actual --------------------------------------------------------------- */

static void test_negative_actual(void **state) {
  (void)state;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "负数指标", "≥", "10", "次", "50", "-5") NOTE IND_BC;
  eval_run r;
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX309", JX_WARNING, 1);
  expect_line(&r, "JX309", line_of(y, "actual: -5"));
  expect_msg(&r, "JX309", "-5");
  const jx_indicator_score *s = score_of(r.res, "负数指标");
  assert_non_null(s);
  assert_true(s->scored);
  assert_false(s->met);
  assert_int_equal(s->actual, 0);
  assert_int_equal(s->score, 0);
  assert_int_equal(r.res->indicator_total, N(40));
  expect_none(&r, "JX301"); /* the deviation note is there */
  eval_run_free(&r);

  /* negative actual for a ≤ indicator counts as 0 too: 0 ≤ t → full marks */
  const char *y2 = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "负数指标", "≤", "10", "天", "50", "-1") IND_BC;
  eval_text(&r, y2, FW_PROJECT);
  expect_code(&r, "JX309", JX_WARNING, 1);
  s = score_of(r.res, "负数指标");
  assert_int_equal(s->actual, 0);
  assert_int_equal(s->score, N(50));
  eval_run_free(&r);
}

/* ---- JX303: qualitative score outside its band ---------------------------------------------- */

static void test_qualitative_band(void **state) {
  (void)state;
  eval_run r;
  /* 达成: [0.8w, w] = [40, 50] */
  const char *out = PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "达成", "30") IND_BC;
  eval_text(&r, out, FW_PROJECT);
  expect_code(&r, "JX303", JX_ERROR, 1);
  expect_line(&r, "JX303", line_of(out, "score: 30"));
  expect_msg(&r, "JX303", "40");
  const jx_indicator_score *s = score_of(r.res, "定性甲");
  assert_true(s->scored);
  assert_int_equal(s->score, N(40)); /* clamped to the band */
  assert_string_equal(s->attainment, "达成");
  eval_run_free(&r);

  const char *in = PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "达成", "45") IND_BC;
  eval_text(&r, in, FW_PROJECT);
  expect_none(&r, "JX303");
  expect_none(&r, "JX301");
  s = score_of(r.res, "定性甲");
  assert_true(s->met);
  assert_int_equal(s->score, N(45));
  assert_int_equal(r.d.n_error, 0);
  eval_run_free(&r);

  /* both ends of 达成 are inside */
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "达成", "50") IND_BC, FW_PROJECT);
  expect_none(&r, "JX303");
  eval_run_free(&r);
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "达成", "40") IND_BC, FW_PROJECT);
  expect_none(&r, "JX303");
  eval_run_free(&r);
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "达成", "50.01") IND_BC, FW_PROJECT);
  expect_code(&r, "JX303", JX_ERROR, 1);
  assert_int_equal(score_of(r.res, "定性甲")->score, N(50));
  eval_run_free(&r);

  /* 部分达成: [30, 40) — 40 belongs to 达成 */
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "部分达成", "40") NOTE IND_BC, FW_PROJECT);
  expect_code(&r, "JX303", JX_ERROR, 1);
  s = score_of(r.res, "定性甲");
  assert_true(s->score < N(40));
  assert_false(s->met);
  eval_run_free(&r);
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "部分达成", "30") NOTE IND_BC, FW_PROJECT);
  expect_none(&r, "JX303");
  expect_none(&r, "JX301");
  assert_int_equal(score_of(r.res, "定性甲")->score, N(30));
  eval_run_free(&r);
  /* 未达成 without a deviation note: JX301, but the score itself is fine */
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" QUAL("定性甲", "未达成", "0") IND_BC, FW_PROJECT);
  expect_none(&r, "JX303");
  expect_code(&r, "JX301", JX_ERROR, 1);
  eval_run_free(&r);
}

/* ---- JX301: missed target needs a deviation note ---------------------------------------------- */

static void test_deviation_note(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "未达指标", "≥", "10", "次", "50", "8") IND_BC;
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX301", JX_ERROR, 1);
  expect_line(&r, "JX301", line_of(y, "level1: 产出指标"));
  expect_msg(&r, "JX301", "未达指标");
  const jx_indicator_score *s = score_of(r.res, "未达指标");
  assert_false(s->met);
  assert_int_equal(s->score, N(40)); /* 8 / 10 × 50 */
  assert_int_equal(r.eval_status, JX_ERR_DATA);
  eval_run_free(&r);

  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "未达指标", "≥", "10", "次", "50", "8") NOTE IND_BC, FW_PROJECT);
  expect_none(&r, "JX301");
  assert_int_equal(r.d.n_error, 0);
  assert_int_equal(r.eval_status, JX_OK);
  eval_run_free(&r);

  /* met: no note needed */
  eval_text(&r, PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "达成指标", "≤", "10", "天", "50", "10") IND_BC, FW_PROJECT);
  expect_none(&r, "JX301");
  eval_run_free(&r);
}

/* ---- JX206 / JX205: weights ------------------------------------------------------------------ */

static void test_weights_total(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12")
      IND("效益指标", "效益乙", "≥", "90", "%", "30", "95") IND("满意度指标", "满意度丙", "≥", "90", "%", "5", "92");
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX206", JX_ERROR, 1);
  expect_msg(&r, "JX206", "85");
  expect_msg(&r, "JX206", "90");
  eval_run_free(&r);
}

static void test_level1_split(void **state) {
  (void)state;
  eval_run r;
  /* 产出 40 + 效益 40 + 满意度 10 = 90: the total is right, the split is not (a note) */
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "40", "12")
      IND("效益指标", "效益乙", "≥", "90", "%", "40", "95") IND("满意度指标", "满意度丙", "≥", "90", "%", "10", "92");
  eval_text(&r, y, FW_PROJECT);
  expect_none(&r, "JX206");
  expect_code(&r, "JX205", JX_NOTE, 2);
  expect_msg(&r, "JX205", "产出指标");
  expect_msg(&r, "JX205", "效益指标");
  assert_int_equal(r.d.n_error, 0);
  eval_run_free(&r);
}

/* ---- JX305: execution rate under 90% ------------------------------------------------------------ */

static void test_execution_note(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD "  initial: 100\n  adjusted: 100\n  executed: 80\n"
                            "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC;
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX305", JX_ERROR, 1);
  expect_line(&r, "JX305", line_of(y, "executed: 80"));
  expect_msg(&r, "JX305", "80%");
  assert_int_equal(r.res->execution_rate, N(80));
  assert_int_equal(r.res->execution_score, N(8));
  assert_int_equal(r.res->total, N(98));
  eval_run_free(&r);

  eval_text(&r, PROJ_HEAD "  initial: 100\n  adjusted: 100\n  executed: 80\n  execution_note: 项目延期。\n"
                          "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  expect_none(&r, "JX305");
  eval_run_free(&r);

  /* exactly 90% is not under 90% */
  eval_text(&r, PROJ_HEAD "  initial: 100\n  adjusted: 100\n  executed: 90\n"
                          "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  expect_none(&r, "JX305");
  assert_int_equal(r.res->execution_score, N(9));
  eval_run_free(&r);

  /* 89.99% is */
  eval_text(&r, PROJ_HEAD "  initial: 100\n  adjusted: 100\n  executed: 89.99\n"
                          "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  expect_code(&r, "JX305", JX_ERROR, 1);
  eval_run_free(&r);

  /* over 100%: rate stated as is, score capped at the weight */
  eval_text(&r, PROJ_HEAD "  initial: 100\n  adjusted: 100\n  executed: 105\n"
                          "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  assert_int_equal(r.res->execution_rate, N(105));
  assert_int_equal(r.res->execution_score, N(10));
  eval_run_free(&r);

  /* no adjusted budget and no printed rate: execution unscored (JX313), the result is not
   * complete: no total, no grade, the 10 points named */
  eval_text(&r, PROJ_HEAD "  executed: 80\n  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  expect_code(&r, "JX313", JX_WARNING, 1);
  expect_msg(&r, "JX313", "预算执行（10 分）未计分");
  expect_none(&r, "JX305");
  assert_false(r.res->has_execution);
  assert_false(r.res->complete);
  assert_null(r.res->grade);
  assert_int_equal(r.res->n_unscored, 1);
  assert_int_equal(r.res->unscored_points, N(10));
  assert_int_equal(r.res->partial_total, N(90));
  eval_run_free(&r);

  /* an adjusted budget of 0 is not "missing": it is named as 0 */
  eval_text(&r, PROJ_HEAD "  adjusted: 0\n  executed: 0\n  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  expect_msg(&r, "JX305", "全年预算数为 0");
  assert_false(r.res->complete);
  eval_run_free(&r);
}

/* ---- JX306: typed score disagrees ------------------------------------------------------------- */

static void test_typed_score(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12")
      "      score: 45\n" IND_BC;
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX306", JX_WARNING, 1);
  expect_line(&r, "JX306", line_of(y, "score: 45"));
  expect_msg(&r, "JX306", "45");
  expect_msg(&r, "JX306", "50");
  assert_int_equal(score_of(r.res, "产出甲")->score, N(50)); /* computed, never copied */
  eval_run_free(&r);

  /* agreeing typed score (written as 4.72 for 34 / 36 × 5): silent */
  const char *ok = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "36", "人", "45", "36")
      IND("产出指标", "产出丁", "≥", "36", "人", "5", "34") NOTE "      score: 4.72\n" IND_BC;
  eval_text(&r, ok, FW_PROJECT);
  expect_none(&r, "JX306");
  const jx_indicator_score *s = score_of(r.res, "产出丁");
  assert_int_equal(s->score, N(4.72));
  assert_non_null(strstr(s->derivation, "34 / 36 × 5 = 4.72"));
  eval_run_free(&r);
}

/* ---- JX209: project money rows ----------------------------------------------------------------- */

static void test_project_money_rows(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD "  initial: 100\n  adjusted: 100.00\n  executed: 95\n"
                            "  fiscal: {initial: 95, adjusted: 90, executed: 90}\n"
                            "  other: {initial: 5, adjusted: 5, executed: 5}\n"
                            "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC;
  eval_text(&r, y, FW_PROJECT);
  /* initial 95 + 5 = 100 ✓; adjusted 90 + 5 = 95 ✗; executed 90 + 5 = 95 ✓ */
  expect_code(&r, "JX209", JX_ERROR, 1);
  expect_line(&r, "JX209", line_of(y, "adjusted: 100.00"));
  expect_msg(&r, "JX209", "100.00");
  expect_msg(&r, "JX209", "95.00");
  expect_msg(&r, "JX209", "5.00");
  eval_run_free(&r);
}

/* ---- JX201 / JX208: staffing and counts -------------------------------------------------------- */

static void test_staffing_by_kind(void **state) {
  (void)state;
  eval_run r;
  const char *y = EBIAN "profile:\n"
                        "  staffing:\n"
                        "    establishment:\n"
                        "      total: 25\n"
                        "      by_kind: {行政: 10, 工勤: 4, 事业: 10}\n"
                        "    in_post:\n"
                        "      total: 24\n"
                        "      by_kind: {行政: 10, 工勤: 4, 事业: 10}\n";
  eval_text(&r, y, FW_EBIAN);
  expect_code(&r, "JX201", JX_ERROR, 1);
  expect_line(&r, "JX201", line_of(y, "total: 25"));
  expect_msg(&r, "JX201", "24");
  expect_msg(&r, "JX201", "25");
  eval_run_free(&r);
}

static void test_count_parts(void **state) {
  (void)state;
  eval_run r;
  const char *y = EBIAN "profile:\n"
                        "  counts:\n"
                        "    proposals_registered:\n"
                        "      total: 39\n"
                        "      parts: {领导督办: 3, 主席会督办: 6, 专委会督办: 31}\n"
                        "    villages:\n"
                        "      total: 3\n"
                        "      parts: {甲村: 2, 乙村: 1}\n";
  eval_text(&r, y, FW_EBIAN);
  expect_code(&r, "JX208", JX_ERROR, 1);
  expect_line(&r, "JX208", line_of(y, "total: 39"));
  expect_msg(&r, "JX208", "proposals_registered");
  expect_msg(&r, "JX208", "40");
  eval_run_free(&r);
}

/* ---- JX307: block over its max ------------------------------------------------------------------ */

#define EBIAN_BLOCKS(a, b)                                                                         \
  "assessment:\n"                                                                                  \
  "  blocks:\n"                                                                                    \
  "    - {name: 目标管理, score: " a ", reason: 目标不够细化}\n"                                   \
  "    - {name: 动态调整, score: " b ", reason: 调整偏多}\n"                                       \
  "    - {name: 完成结果, score: 10}\n"                                                            \
  "    - {name: 内部应用, score: 10}\n"                                                            \
  "    - {name: 信息公开, score: 10}\n"                                                            \
  "    - {name: 整改反馈, score: 10}\n"

static void test_block_over_max(void **state) {
  (void)state;
  eval_run r;
  const char *y = EBIAN EBIAN_BLOCKS("45", "20");
  eval_text(&r, y, FW_EBIAN);
  expect_code(&r, "JX307", JX_ERROR, 1);
  expect_line(&r, "JX307", line_of(y, "score: 45"));
  expect_msg(&r, "JX307", "45");
  expect_msg(&r, "JX307", "40");
  const jx_block_score *b = block_of(r.res, "目标管理");
  assert_non_null(b);
  assert_false(b->computed);
  assert_int_equal(b->max, N(40));
  assert_int_equal(b->score, N(40));
  assert_int_equal(r.res->total, N(100));
  assert_string_equal(r.res->grade, "优");
  eval_run_free(&r);

  eval_text(&r, EBIAN EBIAN_BLOCKS("38", "-1"), FW_EBIAN);
  expect_code(&r, "JX307", JX_ERROR, 1);
  assert_int_equal(block_of(r.res, "动态调整")->score, 0);
  assert_int_equal(r.res->total, N(78));
  eval_run_free(&r);

  /* inside the range: no JX307; below max with a reason: no JX308 */
  eval_text(&r, EBIAN EBIAN_BLOCKS("38", "19.5"), FW_EBIAN);
  expect_none(&r, "JX307");
  expect_none(&r, "JX308");
  assert_int_equal(r.res->total, N(97.5));
  assert_string_equal(r.res->grade, "优");
  eval_run_free(&r);
}

/* ---- JX310: stated total and grade ---------------------------------------------------------------- */

static void test_stated_total(void **state) {
  (void)state;
  eval_run r;
  const char *base = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC;
  const char *y = fmt("%s  assessment:\n    total: 99\n    grade: 优\n", base);
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX310", JX_ERROR, 1);
  expect_line(&r, "JX310", line_of(y, "total: 99"));
  expect_msg(&r, "JX310", "99.5");
  eval_run_free(&r);

  eval_text(&r, fmt("%s  assessment:\n    total: 99.5\n    grade: 良\n", base), FW_PROJECT);
  expect_code(&r, "JX310", JX_ERROR, 1);
  expect_msg(&r, "JX310", "良");
  expect_msg(&r, "JX310", "优");
  eval_run_free(&r);

  eval_text(&r, fmt("%s  assessment:\n    total: 99.50\n    grade: 优\n", base), FW_PROJECT);
  expect_none(&r, "JX310");
  eval_run_free(&r);

  /* department: stated total against the blocks */
  y = EBIAN "assessment:\n"
            "  total: 99\n"
            "  blocks:\n"
            "    - {name: 目标管理, score: 38, reason: 目标不够细化}\n"
            "    - {name: 动态调整, score: 20}\n"
            "    - {name: 完成结果, score: 10}\n"
            "    - {name: 内部应用, score: 10}\n"
            "    - {name: 信息公开, score: 10}\n"
            "    - {name: 整改反馈, score: 10}\n";
  eval_text(&r, y, FW_EBIAN);
  expect_code(&r, "JX310", JX_ERROR, 1);
  expect_code(&r, "JX207", JX_ERROR, 1);
  expect_line(&r, "JX310", line_of(y, "total: 99"));
  assert_int_equal(r.res->total, N(98));
  eval_run_free(&r);
}

/* ---- references ---------------------------------------------------------------------------------- */

#define REF_DOC(unit, target)                                                                      \
  EBIAN "indicators:\n"                                                                            \
        "  - level1: 成本指标\n"                                                                   \
        "    level2: 经济成本指标\n"                                                               \
        "    name: 基本支出\n"                                                                     \
        "    nature: \"=\"\n"                                                                      \
        "    target: " target "\n"                                                                 \
        "    unit: " unit "\n"                                                                     \
        "    weight: 100\n"                                                                        \
        "    actual: \"= finance.expenditure.basic\"\n"                                            \
        "finance:\n"                                                                               \
        "  expenditure:\n"                                                                         \
        "    basic: 1.5\n"

static void test_ref_money_to_yuan(void **state) {
  (void)state;
  eval_run r;
  eval_text(&r, REF_DOC("元", "15000"), FW_EBIAN);
  expect_none(&r, "JX122");
  const jx_indicator *ind = &r.doc->indicators.items[0];
  assert_int_equal(ind->actual.kind, JX_VAL_REF);
  assert_true(ind->actual.resolved);
  assert_int_equal(ind->actual.num, N(15000));
  const jx_indicator_score *s = score_of(r.res, "基本支出");
  assert_true(s->scored);
  assert_int_equal(s->actual, N(15000));
  assert_true(s->met);
  assert_int_equal(s->score, N(100));
  eval_run_free(&r);

  eval_text(&r, REF_DOC("万元", "1.5"), FW_EBIAN);
  expect_none(&r, "JX122");
  assert_int_equal(r.doc->indicators.items[0].actual.num, N(1.5));
  assert_true(score_of(r.res, "基本支出")->met);
  eval_run_free(&r);

  /* no unit: the file's money unit (万元 by default) */
  eval_text(&r, REF_DOC("\"\"", "1.5"), FW_EBIAN);
  expect_none(&r, "JX122");
  assert_int_equal(r.doc->indicators.items[0].actual.num, N(1.5));
  eval_run_free(&r);

  /* a file kept in 元: 15000 元 read by a 万元 indicator is 1.5 */
  const char *yuan = "money_unit: 元\n" EBIAN "indicators:\n"
                     "  - {level1: 成本指标, name: 基本支出, nature: \"=\", target: 1.5, unit: 万元, weight: 100,"
                     " actual: \"= finance.expenditure.basic\"}\n"
                     "finance:\n  expenditure:\n    basic: 15000\n";
  eval_text(&r, yuan, FW_EBIAN);
  expect_none(&r, "JX122");
  assert_int_equal(r.doc->expenditure_basic.fen, 1500000);
  assert_int_equal(r.doc->indicators.items[0].actual.num, N(1.5));
  eval_run_free(&r);
}

static void test_ref_money_wrong_unit(void **state) {
  (void)state;
  eval_run r;
  const char *y = REF_DOC("人", "36");
  eval_text(&r, y, FW_EBIAN);
  expect_code(&r, "JX122", JX_ERROR, 1);
  expect_line(&r, "JX122", line_of(y, "actual: \"= finance"));
  expect_msg(&r, "JX122", "人");
  const jx_indicator *ind = &r.doc->indicators.items[0];
  assert_false(ind->actual.resolved);
  const jx_indicator_score *s = score_of(r.res, "基本支出");
  assert_non_null(s);
  assert_false(s->scored);
  assert_int_equal(r.parse_status, JX_ERR_DATA);
  eval_run_free(&r);
}

/* ---- formula blocks ------------------------------------------------------------------------------ */

/* execution_rate 104.5 / 110 = 95% → step deduction 10 − 2 = 8
 * budget_adjustment_rate (110 − 100) / 100 = 10% → 6
 * staffing_control_rate 26 / 25 = 104% → 5 − 4 × 0.5 = 3
 * balance_rate 10.45 / 104.5 = 10% → 5 / 10 × 7 = 3.5
 * assessed 36 + 28; total 84.5 → 良 */
#define FORMULA_DATA                                                                               \
  FORMULA "profile:\n"                                                                             \
          "  staffing:\n"                                                                          \
          "    establishment: {total: 25}\n"                                                       \
          "    in_post: {total: 26}\n"                                                             \
          "budget:\n"                                                                              \
          "  total: 100\n"                                                                         \
          "finance:\n"                                                                             \
          "  adjusted: 110\n"                                                                      \
          "  expenditure:\n"                                                                       \
          "    total: 104.5\n"                                                                     \
          "  carry_over: 10.45\n"

static void assert_formula_blocks(const eval_run *r) {
  struct { const char *name; int64_t score, max; bool computed; } want[] = {
      {"预算完成率", N(8), N(10), true},    {"预算调整率", N(6), N(8), true}, {"在职人员控制率", N(3), N(5), true},
      {"结转结余率", N(3.5), N(7), true},   {"目标管理", N(36), N(40), false}, {"完成结果", N(28), N(30), false},
  };
  assert_int_equal(r->res->blocks.n, 6);
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const jx_block_score *b = block_of(r->res, want[i].name);
    if (!b) fail_msg("no block %s", want[i].name);
    if (b->score != want[i].score)
      fail_msg("block %s scored %lld, expected %lld (%s)", want[i].name, (long long)b->score, (long long)want[i].score,
               b->derivation ? b->derivation : "");
    assert_int_equal(b->max, want[i].max);
    assert_int_equal(b->computed, want[i].computed);
    assert_non_null(b->derivation);
    assert_null(strstr(b->derivation, "(null)"));
  }
  assert_int_equal(r->res->total, N(84.5));
  assert_string_equal(r->res->grade, "良");
}

static void test_formula_blocks(void **state) {
  (void)state;
  eval_run r;
  /* every block listed, the computed ones with the scores the rules give */
  const char *all = FORMULA_DATA "assessment:\n"
                                 "  total: 84.5\n"
                                 "  grade: 良\n"
                                 "  blocks:\n"
                                 "    - {name: 预算完成率, score: 8}\n"
                                 "    - {name: 预算调整率, score: 6}\n"
                                 "    - {name: 在职人员控制率, score: 3}\n"
                                 "    - {name: 结转结余率, score: 3.5}\n"
                                 "    - {name: 目标管理, score: 36, reason: 部分目标未细化}\n"
                                 "    - {name: 完成结果, score: 28}\n";
  eval_text(&r, all, FW_FORMULA);
  assert_formula_blocks(&r);
  const jx_block_score *b = block_of(r.res, "预算完成率");
  assert_non_null(strstr(b->derivation, "95%"));
  b = block_of(r.res, "在职人员控制率");
  assert_non_null(strstr(b->derivation, "104%"));
  expect_none(&r, "JX306");
  expect_none(&r, "JX307");
  expect_none(&r, "JX310");
  expect_none(&r, "JX207");
  expect_code(&r, "JX401", JX_WARNING, 1); /* 26 in post over 25 posts */
  if (r.d.n_error) dump_diags(&r.d);
  assert_int_equal(r.d.n_error, 0);
  eval_run_free(&r);

  /* a computed block typed with a different score: JX306, computed score kept */
  const char *typed = FORMULA_DATA "assessment:\n"
                                   "  blocks:\n"
                                   "    - {name: 预算完成率, score: 10}\n"
                                   "    - {name: 目标管理, score: 36, reason: 部分目标未细化}\n"
                                   "    - {name: 完成结果, score: 28}\n";
  eval_text(&r, typed, FW_FORMULA);
  assert_formula_blocks(&r);
  expect_code(&r, "JX306", JX_WARNING, 1);
  expect_line(&r, "JX306", line_of(typed, "score: 10"));
  expect_msg(&r, "JX306", "预算完成率");
  eval_run_free(&r);

  /* missing data for a formula: the block is unscored (JX313 naming the metric) and
   * the result is not complete */
  const char *nodata = FORMULA "budget:\n  total: 100\nfinance:\n  adjusted: 110\n  expenditure:\n    total: 104.5\n"
                               "  carry_over: 10.45\n"
                               "assessment:\n  blocks:\n"
                               "    - {name: 目标管理, score: 36, reason: 部分目标未细化}\n"
                               "    - {name: 完成结果, score: 28}\n";
  eval_text(&r, nodata, FW_FORMULA);
  expect_msg(&r, "JX313", "staffing_control_rate");
  assert_false(r.res->complete);
  assert_int_equal(r.res->partial_total, N(81.5));
  eval_run_free(&r);
}

/* Regression (fixed): src/check/sums.c jx_check_sums (JX207) adds up only the blocks listed in
 * assessment.blocks and compares that with assessment.total.  A department under a
 * framework with formula blocks lists only its assessed blocks (the JX310 note asks for
 * exactly those), so a correct total (84.5 = 20.5 computed + 64 assessed) is reported
 * as "自评总分 84.5，但各分项得分之和为 64".  Expected: compare with the sum over the
 * framework's blocks (computed ones included), or skip when computed blocks are not
 * listed. */
static void test_formula_blocks_only_assessed_listed(void **state) {
  (void)state;
  eval_run r;
  const char *y = FORMULA_DATA "assessment:\n"
                               "  total: 84.5\n"
                               "  grade: 良\n"
                               "  blocks:\n"
                               "    - {name: 目标管理, score: 36, reason: 部分目标未细化}\n"
                               "    - {name: 完成结果, score: 28}\n";
  eval_text(&r, y, FW_FORMULA);
  assert_formula_blocks(&r);
  expect_none(&r, "JX310");
  bool bug = count_code(&r.d, "JX207") > 0;
  eval_run_free(&r);
  if (bug) fail_msg("%s", "sums.c jx_check_sums: JX207 compares assessment.total with the listed blocks only (84.5 vs 64)");
}

/* Regression (fixed): src/score/evaluate.c jx_evaluate — a stated grade that disagrees with the total
 * is reported at stated_total's position; when only `grade:` is written (no `total:`)
 * that position is empty, so the diagnostic has no file and line 0 ("<input>: error:
 * JX310 …").  Expected: the position of the grade (the model keeps none for
 * stated_grade today). */
static void test_grade_only_position(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC
      "  assessment:\n    grade: 良\n";
  eval_text(&r, y, FW_PROJECT);
  expect_code(&r, "JX310", JX_ERROR, 1);
  const jx_diag *g = find_code(&r.d, "JX310");
  bool bug = g->pos.line == 0 || !g->pos.file;
  if (!bug) expect_line(&r, "JX310", line_of(y, "grade: 良"));
  eval_run_free(&r);
  if (bug) fail_msg("%s", "evaluate.c jx_evaluate: grade mismatch without a stated total has no position (line 0, no file)");
}

/* ---- huge numbers: exact arithmetic must not overflow ------------------------------------- */

/* Regression (fixed): int64 sums overflow (undefined behaviour; UBSan aborts under `make asan`) on
 * numbers the parser accepts (up to 9,223,372,036,854.775807):
 *   src/score/evaluate.c score_list / jx_evaluate: indicator scores and weights summed
 *     in int64 (two weights of 9000000000000);
 *   src/check/sums.c check_money_parts, check_staff, check_weights, check_counts, the
 *     income/project/task sums: parts summed in int64;
 *   src/model/metrics.c compute_metrics: expenditure − budget, adjusted − budget,
 *     carry_over + balance;
 *   src/check/consistency.c: expenditure + left (JX407), fen * 10000 for a 元 `describes`.
 * Expected: no overflow (checked or 128-bit arithmetic, or a range diagnostic). */
static void test_huge_weights(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD MONEY_95 "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "9000000000000", "12")
      IND("产出指标", "产出乙", "≥", "10", "次", "9000000000000", "12");
  eval_text(&r, y, FW_PROJECT);
  assert_true(r.d.n_error >= 1); /* the weights do not add up to 90, however it is said */
  eval_run_free(&r);
}

static void test_huge_money_parts(void **state) {
  (void)state;
  eval_run r;
  const char *y = PROJ_HEAD MONEY_95 "  fiscal: {initial: 9000000000000}\n  other: {initial: 9000000000000}\n"
                                     "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC;
  eval_text(&r, y, FW_PROJECT);
  assert_true(r.d.n_error >= 1); /* 100 ≠ 9e12 + 9e12 */
  eval_run_free(&r);
}

static void test_huge_department_figures(void **state) {
  (void)state;
  eval_run r;
  const char *y = EBIAN "profile:\n  staffing:\n    establishment:\n      total: 9000000000000\n"
                        "      by_kind: {甲: 9000000000000, 乙: 9000000000000}\n"
                        "budget:\n  total: -9000000000000\n"
                        "finance:\n  income:\n    total: 1\n    by_level: {甲: 9000000000000, 乙: 9000000000000}\n"
                        "  expenditure:\n    total: 9000000000000\n"
                        "  carry_over: 9000000000000\n  balance: 9000000000000\n";
  eval_text(&r, y, FW_EBIAN);
  assert_true(r.d.n_error >= 1);
  eval_run_free(&r);
}

/* Regression (fixed): see test_number.c test_ratio_round2_out_of_range — an execution rate too large
 * for int64 wraps to a negative percent, and JX305 then says it is "低于 90%". */
static void test_execution_rate_out_of_range(void **state) {
  (void)state;
  eval_run r;
  eval_text(&r, PROJ_HEAD "  initial: 100\n  adjusted: 0.000001\n  executed: 100000000000\n"
                          "  indicators:\n" IND("产出指标", "产出甲", "≥", "10", "次", "50", "12") IND_BC,
            FW_PROJECT);
  bool bug = r.res->execution_rate < 0 || count_code(&r.d, "JX305") > 0;
  if (!bug) assert_int_equal(r.res->execution_score, N(10));
  eval_run_free(&r);
  if (bug) fail_msg("%s", "number.c jx_ratio_round2: execution rate 9e12 / 0.000001 万元 wraps negative; JX305 fires");
}

/* ---- everything is collected ------------------------------------------------------------------------ */

static void test_all_errors_collected(void **state) {
  (void)state;
  eval_run r;
  /* six independent faults:
   *   JX209 money rows (adjusted 90 + 5 ≠ 100)
   *   JX305 execution 80% with no note
   *   JX206 weights 50 + 30 + 5 = 85 ≠ 90
   *   JX303 达成 typed 30, outside [40, 50]
   *   JX301 a missed target with no note
   *   JX310 stated total */
  const char *y = PROJ_HEAD "  initial: 100\n  adjusted: 100\n  executed: 80\n"
                            "  fiscal: {adjusted: 90}\n"
                            "  other: {adjusted: 5}\n"
                            "  indicators:\n" QUAL("定性甲", "达成", "30")
                                IND("效益指标", "效益乙", "≥", "90", "%", "30", "80")
                                    IND("满意度指标", "满意度丙", "≥", "90", "%", "5", "92")
                                        "  assessment:\n    total: 100\n    grade: 优\n";
  eval_text(&r, y, FW_PROJECT);
  static const char *codes[] = {"JX209", "JX305", "JX206", "JX303", "JX301", "JX310"};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (count_code_sev(&r.d, codes[i], JX_ERROR) == 0) {
      dump_diags(&r.d);
      fail_msg("no error %s: not every problem was collected", codes[i]);
    }
  expect_code(&r, "JX310", JX_ERROR, 2); /* total and grade */
  assert_true(r.d.n_error >= 6);
  assert_int_equal(r.eval_status, JX_ERR_DATA);
  /* the result is still complete */
  assert_int_equal(r.res->indicators.n, 3);
  assert_true(r.res->has_execution);
  assert_int_equal(r.res->execution_rate, N(80));
  /* 8 + 40 (clamped) + 80 / 90 × 30 = 26.67 + 5 */
  assert_int_equal(r.res->total, N(79.67));
  assert_string_equal(r.res->grade, "中");
  eval_run_free(&r);
}

/* ---- the examples, end to end ----------------------------------------------------------------------- */

static void test_examples(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_doc *doc;
  jx_framework *fw;
  jx_result *res;
  jx_status st = jx_evaluate_file(JX_SOURCE_DIR "/examples/project-county-library-2023.yaml", JX_FRAMEWORKS_DIR, &doc, &fw, &res, &d);
  if (d.n_error || d.n_warning) dump_diags(&d);
  assert_int_equal(st, JX_OK);
  assert_int_equal(d.n_error, 0);
  assert_non_null(res);
  assert_int_equal(res->execution_rate, N(92.12));
  assert_int_equal(res->execution_score, N(9.21));
  assert_int_equal(res->indicator_total, N(86.19));
  assert_int_equal(res->total, N(95.4));
  assert_string_equal(res->grade, "优");
  jx_result_free(res);
  jx_framework_free(fw);
  jx_doc_free(doc);
  jx_diags_free(&d);

  st = jx_evaluate_file(JX_SOURCE_DIR "/examples/broken-project.yaml", JX_FRAMEWORKS_DIR, &doc, &fw, &res, &d);
  assert_int_equal(st, JX_ERR_DATA);
  assert_non_null(res);
  static const char *faults[] = {"JX209", "JX206", "JX301", "JX303", "JX305", "JX306", "JX121", "JX122", "JX315"};
  for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
    if (!count_code(&d, faults[i])) {
      dump_diags(&d);
      fail_msg("broken-project.yaml: no %s", faults[i]);
    }
  assert_int_equal(count_code(&d, "JX209"), 2);
  assert_int_equal(count_code(&d, "JX301"), 2); /* [0] and [3] (its note is misspelled) */
  jx_result_free(res);
  jx_framework_free(fw);
  jx_doc_free(doc);
  jx_diags_free(&d);
}

/* app/: the one framework lookup and cache.  A file evaluated from bytes twice parses its
 * framework once; a framework that cannot be found is JX_ERR_DATA with its JX311 at the
 * file's `framework:` line, and is not cached. */
static void test_framework_cache(void **state) {
  (void)state;
  static const char *const project = JX_SOURCE_DIR "/examples/project-county-library-2023.yaml";
  char *data = NULL;
  size_t len = 0;
  jx_diags d = {0};
  assert_int_equal(jx_read_file(project, JX_MAX_FILE_BYTES, &data, &len, &d), JX_OK);
  jx_fw_cache *c = jx_fw_cache_new();
  const jx_framework *fw1 = NULL, *fw2 = NULL;
  jx_doc *doc = NULL;
  jx_result *res = NULL;
  assert_int_equal(jx_app_evaluate_bytes(c, project, data, len, JX_FRAMEWORKS_DIR, &doc, &fw1, &res, &d), JX_OK);
  assert_non_null(res);
  assert_int_equal(res->total, N(95.4));
  jx_result_free(res);
  jx_doc_free(doc);
  assert_int_equal(jx_app_evaluate_bytes(c, project, data, len, JX_FRAMEWORKS_DIR, &doc, &fw2, &res, &d), JX_OK);
  assert_ptr_equal(fw1, fw2);
  jx_result_free(res);
  jx_doc_free(doc);
  assert_int_equal(d.n_error, 0);

  static const char missing[] = "schema: jixiao/1\nkind: project\nyear: 2023\nframework: no-such-framework\n";
  for (int round = 0; round < 2; round++) {
    jx_diags md = {0};
    assert_int_equal(jx_app_evaluate_bytes(c, "m.yaml", missing, sizeof missing - 1, JX_FRAMEWORKS_DIR, &doc, &fw1, &res, &md),
                     JX_ERR_DATA);
    assert_null(fw1);
    assert_null(res);
    assert_int_equal(count_code(&md, "JX311"), 1);
    for (size_t i = 0; i < md.n; i++)
      if (!strcmp(md.items[i].code, "JX311")) assert_int_equal(md.items[i].pos.line, 4);
    jx_doc_free(doc);
    jx_diags_free(&md);
  }
  jx_fw_cache_free(c);
  free(data);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_clean_project),
      cmocka_unit_test(test_negative_actual),
      cmocka_unit_test(test_qualitative_band),
      cmocka_unit_test(test_deviation_note),
      cmocka_unit_test(test_weights_total),
      cmocka_unit_test(test_level1_split),
      cmocka_unit_test(test_execution_note),
      cmocka_unit_test(test_typed_score),
      cmocka_unit_test(test_project_money_rows),
      cmocka_unit_test(test_staffing_by_kind),
      cmocka_unit_test(test_count_parts),
      cmocka_unit_test(test_block_over_max),
      cmocka_unit_test(test_stated_total),
      cmocka_unit_test(test_ref_money_to_yuan),
      cmocka_unit_test(test_ref_money_wrong_unit),
      cmocka_unit_test(test_formula_blocks),
      cmocka_unit_test(test_formula_blocks_only_assessed_listed),
      cmocka_unit_test(test_grade_only_position),
      cmocka_unit_test(test_huge_weights),
      cmocka_unit_test(test_huge_money_parts),
      cmocka_unit_test(test_huge_department_figures),
      cmocka_unit_test(test_execution_rate_out_of_range),
      cmocka_unit_test(test_all_errors_collected),
      cmocka_unit_test(test_examples),
      cmocka_unit_test(test_framework_cache),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
