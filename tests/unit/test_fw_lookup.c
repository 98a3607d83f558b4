/* test_fw_lookup.c — framework variants as data: jx_fw_band_for (band names and synonyms),
 * jx_fw_criteria_match (评分标准 wordings), the loader's JX311 checks of synonyms,
 * step_rounding, execution.denominator and criteria, and every shipped framework loading. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "model/framework.h"

/* The head every framework below shares; a case appends its own keys. */
#define HEAD                                                                                                    \
  "schema: jixiao-framework/1\nid: t\nname: 测试\nkind: project\nsource: 测试\ntotal: 100\n"               \
  "execution: {weight: 10}\nindicators: {weight: 90}\ngrades: [{name: 优, min: 90}, {name: 差, min: 0}]\n"

#define BANDS                                                                                                   \
  "qualitative:\n"                                                                                              \
  "  - {name: 达成, min: 80%, max: 100%, synonyms: [达成预期指标, 达到预期, 完成, 优]}\n"                       \
  "  - {name: 部分达成, min: 60%, max: 80%, synonyms: [基本达成, 部分完成, 中]}\n"                              \
  "  - {name: 未达成, min: 0%, max: 60%, synonyms: [未完成, 差]}\n"

#define CRITERIA                                                                                                \
  "criteria:\n"                                                                                                 \
  "  - {pattern: \"每低{step}%扣{points}分\", rule: step_deduction, step_rounding: any_part}\n"                  \
  "  - {pattern: \"每降低{step}个百分点扣{points}分\", rule: step_deduction, step_rounding: whole_steps}\n"      \
  "  - {pattern: \"达到{target}%得满分，否则不得分\", rule: all_or_nothing}\n"                                  \
  "  - {pattern: 按实际完成比例计分, rule: ratio, source: 示例}\n"

/* Write yaml to a temporary file and load it; the file is removed. */
static jx_status load_text(const char *yaml, jx_framework **fw, jx_diags *d) {
  char path[] = "/tmp/jx-fw-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(yaml, f);
  fclose(f);
  jx_status st = jx_framework_load(path, fw, d);
  unlink(path);
  return st;
}

static int setup_fw(void **state) {
  jx_diags d = {0};
  jx_framework *fw = NULL;
  jx_status st = load_text(HEAD BANDS CRITERIA, &fw, &d);
  if (st != JX_OK) jx_diags_print(&d, stderr);
  jx_diags_free(&d);
  *state = fw;
  return st == JX_OK ? 0 : -1;
}

static int teardown_fw(void **state) {
  jx_framework_free(*state);
  return 0;
}

static void test_band_for(void **state) {
  const jx_framework *fw = *state;
  static const struct {
    const char *printed, *band; /* band NULL: none */
  } cases[] = {
      {"达成", "达成"},
      {"  达成 ", "达成"},
      {"达成预期指标", "达成"},
      {"达成预期指标\n", "达成"},
      {"达 成 预期指标", "达成"},
      {"完成", "达成"},
      {"优", "达成"},
      {"部分达成", "部分达成"},
      {"基本达成", "部分达成"},
      {"中", "部分达成"},
      {"未达成", "未达成"},
      {"未完成", "未达成"},
      {"\xe3\x80\x80未完成\xe3\x80\x80", "未达成"}, /* ideographic spaces around */
      {"差", "未达成"},
      {"良", NULL},
      {"达成预期", NULL}, /* not listed: no guessing */
      {"", NULL},
      {"   ", NULL},
      {NULL, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const jx_fw_band *b = jx_fw_band_for(fw, cases[i].printed);
    const char *got = b ? b->name : NULL;
    if ((got == NULL) != (cases[i].band == NULL) || (got && strcmp(got, cases[i].band) != 0))
      fail_msg("case %zu “%s”: band %s, want %s", i, cases[i].printed ? cases[i].printed : "(null)",
               got ? got : "(none)", cases[i].band ? cases[i].band : "(none)");
  }
}

static void test_criteria_match(void **state) {
  const jx_framework *fw = *state;
  static const struct {
    const char *text;
    int entry;                   /* index in CRITERIA, -1: no match */
    double step, points, target; /* -1: left unchanged */
  } cases[] = {
      {"每低5%扣2分", 0, 5, 2, -1},
      {"每低 5 % 扣 2 分", 0, 5, 2, -1},
      {"每低５％扣２分", 0, 5, 2, -1},                    /* full-width digits and sign */
      {"每低5%扣2分，扣完为止", 0, 5, 2, -1},            /* trailing text */
      {"每低5%扣2分。", 0, 5, 2, -1},
      {"：每低2.5%扣0.5分", 0, 2.5, 0.5, -1},           /* punctuation before */
      {"每降低10个百分点扣1分", 1, 10, 1, -1},
      {"达到95%得满分，否则不得分", 2, -1, -1, 95},
      {"达到95%得满分,否则不得分", 2, -1, -1, 95},       /* half-width comma */
      {"按实际完成比例计分（四舍五入）", 3, -1, -1, -1},
      {"每低%扣2分", -1, -1, -1, -1},                    /* no number */
      {"每低五%扣2分", -1, -1, -1, -1},                  /* Chinese numerals are not read */
      {"每低于5%扣2分", -1, -1, -1, -1},                 /* another wording */
      {"完成得满分", -1, -1, -1, -1},
      {"", -1, -1, -1, -1},
      {NULL, -1, -1, -1, -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int64_t step = -1, points = -1, target = -1;
    const jx_fw_criteria *c = jx_fw_criteria_match(fw, cases[i].text, &step, &points, &target);
    int entry = c ? (int)(c - fw->criteria.items) : -1;
    const char *t = cases[i].text ? cases[i].text : "(null)";
    if (entry != cases[i].entry) fail_msg("case %zu “%s”: entry %d, want %d", i, t, entry, cases[i].entry);
    int64_t want_step = cases[i].step < 0 ? -1 : N(cases[i].step);
    int64_t want_points = cases[i].points < 0 ? -1 : N(cases[i].points);
    int64_t want_target = cases[i].target < 0 ? -1 : N(cases[i].target);
    if (step != want_step || points != want_points || target != want_target)
      fail_msg("case %zu “%s”: step %lld points %lld target %lld", i, t, (long long)step, (long long)points,
               (long long)target);
  }
  /* the rule and rounding come from the entry; NULL out pointers are allowed */
  const jx_fw_criteria *c = jx_fw_criteria_match(fw, "每降低10个百分点扣1分", NULL, NULL, NULL);
  assert_non_null(c);
  assert_int_equal(c->rule, JX_RULE_STEP_DEDUCTION);
  assert_int_equal(c->step_rounding, JX_STEP_WHOLE);
  c = jx_fw_criteria_match(fw, "每低5%扣2分", NULL, NULL, NULL);
  assert_int_equal(c->step_rounding, JX_STEP_ANY_PART);
  assert_int_equal(fw->criteria.items[3].rule, JX_RULE_RATIO);
  assert_int_equal(fw->execution_denominator, JX_DENOM_ADJUSTED); /* the default */
}

/* Frameworks the loader refuses (JX311) with the message it must give, and ones it takes. */
static void test_loader_checks(void **state) {
  (void)state;
  static const struct {
    const char *yaml, *message; /* message NULL: loads */
  } cases[] = {
      {HEAD "qualitative:\n  - {name: 达成, min: 80%, max: 100%, synonyms: [完成]}\n"
            "  - {name: 未达成, min: 0%, max: 80%, synonyms: [完成]}\n",
       "同义表述“完成”同时列在定性等次“达成”和“未达成”下"},
      {HEAD "qualitative:\n  - {name: 达成, min: 80%, max: 100%, synonyms: [未达成]}\n"
            "  - {name: 未达成, min: 0%, max: 80%}\n",
       "同义表述“未达成”是另一个等次“未达成”的名称"},
      {HEAD "qualitative:\n  - {name: 达成, min: 80%, max: 100%, synonyms: [完成, 完 成]}\n",
       "同义表述“完 成”列了两次"},
      {HEAD "qualitative:\n  - {name: 达成, min: 80%, max: 100%, synonyms: [达成]}\n", "就是等次名称本身"},
      {HEAD "qualitative:\n  - {name: 达成, min: 80%, max: 100%, synonyms: [\"\"]}\n", "同义表述为空"},
      {HEAD "qualitative:\n  - {name: 达成, min: 80%, max: 100%, synonyms: 完成}\n", NULL}, /* one wording */
      {HEAD "criteria:\n  - {pattern: \"每低{step}%扣{points}分\", rule: step_deduction}\n", "须写明 step_rounding"},
      {HEAD "criteria:\n  - {pattern: \"每低{step}%扣{points}分\", rule: step_deduction, step_rounding: half}\n",
       "应为 any_part、whole_steps"},
      {HEAD "criteria:\n  - {pattern: \"每低{step}%扣分\", rule: step_deduction, step_rounding: any_part}\n",
       "须含 {step}（每档宽度）和 {points}"},
      {HEAD "criteria:\n  - {pattern: \"每低{gap}%扣{points}分\", rule: step_deduction, step_rounding: any_part}\n",
       "占位符“{gap}”无效"},
      {HEAD "criteria:\n  - {pattern: \"每低{step%扣分\", rule: ratio}\n", "的“{”没有对应的“}”"},
      {HEAD "criteria:\n  - {pattern: \"每低{step}{points}分\", rule: step_deduction, step_rounding: any_part}\n",
       "两个占位符紧挨着"},
      {HEAD "criteria:\n  - {pattern: \"达到{target}得满分\", rule: all_or_nothing, step_rounding: any_part}\n",
       "不是逐级扣分，不能写 step_rounding"},
      {HEAD "criteria:\n  - {pattern: \"{target}\", rule: all_or_nothing}\n", "只有占位符"},
      {HEAD "criteria:\n  - {pattern: \"达到{target}得满分\", rule: all_or_nothing}\n"
            "  - {pattern: \"达到 {target} 得满分\", rule: all_or_nothing}\n",
       "与第 1 条重复"},
      {HEAD "criteria:\n  - {pattern: 按比例计分, rule: threshold_table}\n", "应为 step_deduction、ratio、all_or_nothing"},
      {HEAD "criteria:\n  - {pattern: \"达到{target}%得满分\", rule: all_or_nothing}\n", NULL},
      {"schema: jixiao-framework/1\nid: t\nname: 测试\nkind: project\nsource: 测试\ntotal: 100\n"
       "execution: {weight: 10, denominator: adjusted_excluding_carried_in}\nindicators: {weight: 90}\n"
       "grades: [{name: 优, min: 0}]\n",
       NULL},
      {"schema: jixiao-framework/1\nid: t\nname: 测试\nkind: project\nsource: 测试\ntotal: 100\n"
       "execution: {weight: 10, denominator: budget}\nindicators: {weight: 90}\ngrades: [{name: 优, min: 0}]\n",
       "执行率分母“budget”无效"},
      {"schema: jixiao-framework/1\nid: t\nname: 测试\nkind: department\nsource: 测试\ntotal: 10\n"
       "indicators: {weight: 100}\ngrades: [{name: 优, min: 0}]\nblocks:\n"
       "  - {name: 预算执行, max: 10, rule: step_deduction, metric: execution_rate, target: 100%, step: 5%, points: 2}\n",
       "评分分项“预算执行”是逐级扣分，须写明 step_rounding"},
      {"schema: jixiao-framework/1\nid: t\nname: 测试\nkind: department\nsource: 测试\ntotal: 10\n"
       "indicators: {weight: 100}\ngrades: [{name: 优, min: 0}]\nblocks:\n"
       "  - {name: 目标管理, max: 10, rule: assessed, step_rounding: whole_steps}\n",
       "评分分项“目标管理”不是逐级扣分"},
      {"schema: jixiao-framework/1\nid: t\nname: 测试\nkind: department\nsource: 测试\ntotal: 10\n"
       "indicators: {weight: 100}\ngrades: [{name: 优, min: 0}]\nblocks:\n"
       "  - {name: 预算执行, max: 10, rule: step_deduction, metric: execution_rate, target: 100%, step: 5%, points: 2,"
       " step_rounding: whole_steps}\n",
       NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    jx_diags d = {0};
    jx_framework *fw = NULL;
    jx_status st = load_text(cases[i].yaml, &fw, &d);
    if (!cases[i].message) {
      if (st != JX_OK) {
        jx_diags_print(&d, stderr);
        fail_msg("case %zu: should load", i);
      }
    } else {
      bool found = false;
      for (size_t k = 0; k < d.n; k++)
        if (strstr(d.items[k].message, cases[i].message)) found = true;
      if (st == JX_OK || !found) {
        jx_diags_print(&d, stderr);
        fail_msg("case %zu: want an error with “%s”", i, cases[i].message);
      }
    }
    if (st == JX_OK && i == sizeof cases / sizeof cases[0] - 1)
      assert_int_equal(fw->blocks.items[0].step_rounding, JX_STEP_WHOLE);
    jx_framework_free(fw);
    jx_diags_free(&d);
  }
}

/* Every .yaml in frameworks/ loads (with the project framework it names) without an error
 * or a warning, its id is its file name, and each band is found by its own name. */
static void test_shipped_frameworks_load(void **state) {
  (void)state;
  DIR *dir = opendir(JX_FRAMEWORKS_DIR);
  assert_non_null(dir);
  struct dirent *e;
  size_t n = 0;
  while ((e = readdir(dir))) {
    size_t len = strlen(e->d_name);
    if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0) continue;
    jx_diags d = {0};
    jx_framework *fw = NULL;
    char id[256];
    snprintf(id, sizeof id, "%.*s", (int)(len - 5), e->d_name);
    jx_status st = jx_framework_find(id, JX_FRAMEWORKS_DIR, &fw, &d); /* with its project_framework */
    if (st != JX_OK || d.n) {
      jx_diags_print(&d, stderr);
      fail_msg("%s does not load cleanly", e->d_name);
    }
    if (strncmp(fw->id, e->d_name, len - 5) != 0 || strlen(fw->id) != len - 5)
      fail_msg("%s: id %s differs from the file name", e->d_name, fw->id);
    for (size_t i = 0; i < fw->bands.n; i++) /* each band is found by its own name */
      assert_ptr_equal(jx_fw_band_for(fw, fw->bands.items[i].name), &fw->bands.items[i]);
    jx_framework_free(fw);
    jx_diags_free(&d);
    n++;
  }
  closedir(dir);
  assert_true(n >= 8);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_band_for, setup_fw, teardown_fw),
      cmocka_unit_test_setup_teardown(test_criteria_match, setup_fw, teardown_fw),
      cmocka_unit_test(test_loader_checks),
      cmocka_unit_test(test_shipped_frameworks_load),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
