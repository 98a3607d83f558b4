/* test_review.c — 目标审核 on declarations built in memory: the default rules, a hostile pattern bounded, bad rule sets refused, the real sheet's 26 rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

#define SHEET JX_SOURCE_DIR "/tests/review/target-review-rules-template.xlsx"

typedef struct {
  const char *level1, *level2, *name, *value, *explanation;
} row;

/* A project declaration of static strings (no arena: never freed). */
static jx_decl *decl(const char *name, const char *goal, int64_t this_year_yuan, const row *rows, size_t n) {
  static jx_decl d;
  static jx_decl_indicator inds[32];
  memset(&d, 0, sizeof d);
  memset(inds, 0, sizeof inds);
  d.path = "mem.yaml";
  d.year = 2022;
  d.code = "440306221390300100088";
  d.name = name;
  d.money_unit_fen = JX_FEN_PER_YUAN;
  d.total.fen = 9000 * JX_FEN_PER_YUAN, d.total.set = true;
  d.this_year.fen = this_year_yuan * JX_FEN_PER_YUAN, d.this_year.set = true;
  d.policy_basis = "为贯彻落实《深圳市宝安区培训管理办法》，设立本项目";
  d.calc_basis = "讲师费500元/场*6场=3000元，依据《宝安区培训费管理办法》";
  d.annual_goal = goal;
  for (size_t i = 0; i < n; i++) {
    jx_decl_indicator *x = &inds[i];
    x->pos.file = "mem.yaml";
    x->pos.line = (uint32_t)(20 + i);
    x->pos.col = 5;
    x->level1 = rows[i].level1;
    x->level2 = rows[i].level2;
    x->name = rows[i].name;
    x->value = rows[i].value;
    x->explanation = rows[i].explanation;
    jx_target_read(x->value, &x->read);
    x->not_applicable = !strcmp(x->name, "不适用") || !strcmp(x->value, "不适用");
  }
  d.indicators.items = inds;
  d.indicators.n = n;
  return &d;
}

static const row good_rows[] = {
    {"产出", "数量", "培训场次", "≥6场", "考察培训开展的场次"},
    {"产出", "质量", "培训合格率", "≥95%", "考察培训的质量"},
    {"产出", "时效", "培训完成时间", "2022年12月31日前", "考察培训是否按时完成"},
    {"产出", "成本", "培训成本", "≤0.3万元", "考察培训的成本控制"},
    {"效益", "社会效益", "干部能力提升率", "≥90%", "反映干部能力的提升程度"},
    {"满意度", "服务对象满意度", "参训人员满意度", "≥90%", "反映参训人员的满意程度"},
};

static size_t count_rule(const jx_review *r, const char *code) {
  size_t n = 0;
  for (size_t i = 0; i < r->findings.n; i++) n += !strcmp(r->findings.items[i].info->code, code);
  return n;
}

static void test_default_good(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_review_rules *rules = NULL;
  assert_int_equal(jx_review_rules_default(&rules, &d), JX_OK);
  assert_int_equal(jx_review_rules_count(rules), 32);
  jx_decl *dc = decl("宝安第一课常态化培训经费", "通过开展6场培训，达成干部能力明显提升的目标", 3000, good_rows, 6);
  jx_review *rv = NULL;
  assert_int_equal(jx_review_run(rules, dc, &rv, &d), JX_OK);
  for (size_t i = 0; i < rv->findings.n; i++) printf("unexpected: %s\n", rv->findings.items[i].message);
  assert_int_equal(rv->findings.n - rv->n_candidates, 0);
  assert_int_equal(rv->conclusion, JX_REVIEW_PASS);
  assert_int_equal(rv->manual.n, 5);
  jx_review_free(rv);
  jx_review_rules_free(rules);
  jx_diags_free(&d);
}

static void test_default_bad(void **state) {
  (void)state;
  const row rows[] = {
      {"产出", "数量", "不适用", "不适用", "不适用"},
      {"产出", "质量", "培训合格率", "3个", "考察培训的质量"},
      {"产出", "质量", "培训合格率", "≥95%", "考察培训的质量"},
      {"产出", "时效", "培训及时", "及时", "考察"},
      {"产出", "成本", "培训成本", "≤0.5万元", "考察成本"},
      {"产出", "成本", "场地成本", "不超过1000元", "考察成本"},
      {"效益", "社会效益", "不适用", "不适用", "不适用"},
      {"", "", "", "", ""},
  };
  jx_diags d = {0};
  jx_review_rules *rules = NULL;
  assert_int_equal(jx_review_rules_default(&rules, &d), JX_OK);
  jx_decl *dc = decl("宝安第一课常态化培训经费", "宝安第一课常态化培训", 3000, rows, sizeof rows / sizeof *rows);
  jx_review *rv = NULL;
  assert_int_equal(jx_review_run(rules, dc, &rv, &d), JX_OK);
  assert_int_equal(count_rule(rv, "5"), 1);  /* no real 数量 row */
  assert_int_equal(count_rule(rv, "9"), 1);  /* no real 社会效益 row */
  assert_int_equal(count_rule(rv, "10"), 1); /* the blank row */
  assert_int_equal(count_rule(rv, "B1"), 1); /* no 效益 at all */
  assert_int_equal(count_rule(rv, "B2"), 1); /* 培训: a public service without 满意度 */
  assert_int_equal(count_rule(rv, "B3"), 1); /* 及时 as the value */
  assert_int_equal(count_rule(rv, "B4"), 2); /* 培训合格率: a rate in 个, then in 个 and in % */
  assert_int_equal(count_rule(rv, "B5"), 1); /* 0.5万元 + 1000元 = 6000元 > 3000元 */
  assert_int_equal(count_rule(rv, "B6"), 1); /* the goal is the name again */
  assert_int_equal(count_rule(rv, "25"), 1); /* 时效 value 及时 */
  const jx_review_finding *cost = NULL;
  for (size_t i = 0; i < rv->findings.n; i++)
    if (!strcmp(rv->findings.items[i].info->code, "B5")) cost = &rv->findings.items[i];
  assert_non_null(cost);
  if (!cost) return;
  assert_non_null(strstr(cost->found, "合计 0.6 万元"));
  assert_non_null(strstr(cost->found, "本年金额 0.3 万元"));
  assert_int_equal(rv->conclusion, JX_REVIEW_FAIL);
  /* each finding is a diagnostic too */
  size_t n820 = 0, n821 = 0;
  for (size_t i = 0; i < d.n; i++) n820 += !strcmp(d.items[i].code, "JX820"), n821 += !strcmp(d.items[i].code, "JX821");
  assert_true(n820 >= 5);
  assert_int_equal(n821, 7);
  jx_review_free(rv);
  jx_review_rules_free(rules);
  jx_diags_free(&d);
}

static const char hostile[] =
    "kind: review-rules\n"
    "rules:\n"
    "  - code: H1\n"
    "    object: 三级指标\n"
    "    mode: 正则匹配\n"
    "    point: 完整性\n"
    "    detail: 灾难性回溯\n"
    "    opinion: 测试\n"
    "    pattern: '^(a|aa)+(a|aa)+(a|aa)+$'\n"
    "    target: name\n"
    "    sense: match\n";

static void test_hostile_pattern_bounded(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_review_rules *rules = NULL;
  assert_int_equal(jx_review_rules_parse_yaml("hostile.yaml", hostile, strlen(hostile), &rules, &d), JX_OK);
  const row rows[] = {{"产出", "数量", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "1个", "考察"}};
  jx_decl *dc = decl("x", "y", 1, rows, 1);
  jx_review *rv = NULL;
  assert_int_equal(jx_review_run(rules, dc, &rv, &d), JX_OK);
  assert_int_equal(rv->n_undecided, 1);
  assert_int_equal(rv->findings.n, 0);
  assert_int_equal(d.n, 1);
  assert_string_equal(d.items[0].code, "JX827");
  assert_non_null(strstr(d.items[0].message, "规则 H1"));
  jx_review_free(rv);
  jx_review_rules_free(rules);
  jx_diags_free(&d);
}

static void test_bad_pattern_refused(void **state) {
  (void)state;
  char bad[sizeof hostile + 16];
  snprintf(bad, sizeof bad, "%s", hostile);
  char *p = strstr(bad, "'^(a");
  memcpy(p, "'((((", 5);
  jx_diags d = {0};
  jx_review_rules *rules = NULL;
  assert_int_equal(jx_review_rules_parse_yaml("bad.yaml", bad, strlen(bad), &rules, &d), JX_ERR_DATA);
  assert_null(rules);
  assert_int_equal(d.n_error, 1);
  assert_string_equal(d.items[0].code, "JX826");
  assert_non_null(strstr(d.items[0].message, "规则 H1"));
  assert_int_equal(d.items[0].pos.line, 9);
  jx_diags_free(&d);
}

static void test_real_sheet(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_review_rules *rules = NULL;
  assert_int_equal(jx_review_rules_load(SHEET, &rules, &d), JX_OK);
  assert_int_equal(jx_review_rules_count(rules), 26);
  size_t regex = 0, manual = 0;
  for (size_t i = 0; i < 26; i++) {
    const jx_review_rule_info *r = jx_review_rules_at(rules, i);
    regex += r->mode == JX_REVIEW_REGEX;
    manual += r->mode == JX_REVIEW_MANUAL;
  }
  assert_int_equal(regex, 21);
  assert_int_equal(manual, 5);
  assert_string_equal(jx_review_rules_at(rules, 11)->object, "二级指标==数量");
  assert_string_equal(jx_review_rules_at(rules, 11)->sense, "不匹配时");
  assert_string_equal(jx_review_rules_at(rules, 21)->sense, "匹配时");
  assert_string_equal(jx_review_rules_at(rules, 5)->sense, "空时");
  jx_review_rules_free(rules);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_good),       cmocka_unit_test(test_default_bad),
      cmocka_unit_test(test_hostile_pattern_bounded), cmocka_unit_test(test_bad_pattern_refused),
      cmocka_unit_test(test_real_sheet),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
