/* test_rules.c — the scoring rule kinds at their edges: jx_rule_quantitative (FASP
 * formulas), jx_rule_block (ratio, step deduction, threshold table, per-point
 * deduction) and jx_grade_for. */
#include <string.h>

#include "helpers.h"
#include "score/score.h"
#include "util/arena.h"

static int setup_arena(void **state) {
  *state = jx_arena_new();
  return 0;
}

static int teardown_arena(void **state) {
  jx_arena_free(*state);
  return 0;
}

/* Quantitative: a, t, w given as decimals. */
static jx_rule_out q(void **state, jx_nature n, double a, double t, double w, jx_le_formula le) {
  return jx_rule_quantitative(*state, n, N(a), N(t), N(w), le);
}

static void assert_derivation_has(const jx_rule_out *o, const char *needle) {
  assert_non_null(o->derivation);
  if (!strstr(o->derivation, needle)) fail_msg("derivation “%s” lacks “%s”", o->derivation, needle);
}

static void assert_no_null_text(const jx_rule_out *o) {
  assert_non_null(o->derivation);
  assert_null(strstr(o->derivation, "(null)"));
}

/* ---- ≥ > = -------------------------------------------------------------------------- */

static void test_ge_zero_target(void **state) {
  jx_rule_out o = q(state, JX_NATURE_GE, 0, 0, 5, JX_LE_BANDED);
  assert_true(o.scored);
  assert_true(o.met);
  assert_int_equal(o.score, N(5));
  assert_no_null_text(&o);

  o = q(state, JX_NATURE_GE, 1, 0, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, 0);
  assert_no_null_text(&o);

  o = q(state, JX_NATURE_GE, 0.01, 0, 5, JX_LE_BANDED);
  assert_int_equal(o.score, 0);

  o = q(state, JX_NATURE_EQ, 0, 0, 10, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(10));
  o = q(state, JX_NATURE_EQ, 3, 0, 10, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, 0);

  o = q(state, JX_NATURE_GT, 0, 0, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(10));
  o = q(state, JX_NATURE_GT, 2, 0, 10, JX_LE_BANDED);
  assert_int_equal(o.score, 0);
}

static void test_ge_at_target(void **state) {
  jx_rule_out o = q(state, JX_NATURE_GE, 36, 36, 5, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(5));
  assert_derivation_has(&o, "36");
  assert_derivation_has(&o, "5");

  o = q(state, JX_NATURE_GE, 72, 60, 10, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(10));

  o = q(state, JX_NATURE_EQ, 18, 18, 10, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(10));

  /* '>' at the target: full marks by the formula (a ≥ t → w) but not met */
  o = q(state, JX_NATURE_GT, 36, 36, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(5));
  o = q(state, JX_NATURE_GT, 36.01, 36, 5, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(5));

  /* '=' above the target: full marks by the formula, but not met */
  o = q(state, JX_NATURE_EQ, 2, 1, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(5));
}

static void test_ge_below_target(void **state) {
  jx_rule_out o = q(state, JX_NATURE_GE, 34, 36, 5, JX_LE_BANDED);
  assert_true(o.scored);
  assert_false(o.met);
  assert_int_equal(o.score, N(4.72));
  assert_derivation_has(&o, "34 / 36 × 5 = 4.72");

  o = q(state, JX_NATURE_EQ, 34, 36, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(4.72));
  assert_derivation_has(&o, "34 / 36 × 5 = 4.72");

  o = q(state, JX_NATURE_GE, 7350, 8000, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(9.19));
  assert_derivation_has(&o, "7350 / 8000 × 10 = 9.19");

  /* a hair under the target */
  o = q(state, JX_NATURE_GE, 35.99, 36, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(5)); /* 4.9986… rounds to 5.00, still not met */

  o = q(state, JX_NATURE_GE, 0, 36, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, 0);
}

static void test_ge_rounding(void **state) {
  /* 201 / 400 × 10 = 5.025 exactly → 5.03 (half away from zero) */
  jx_rule_out o = q(state, JX_NATURE_GE, 201, 400, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(5.03));
  assert_derivation_has(&o, "= 5.03");
  /* 2009 / 4000 × 10 = 5.0225 → 5.02 */
  o = q(state, JX_NATURE_GE, 2009, 4000, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(5.02));
  /* 1 / 200 × 1 = 0.005 → 0.01 */
  o = q(state, JX_NATURE_GE, 1, 200, 1, JX_LE_BANDED);
  assert_int_equal(o.score, N(0.01));
}

/* ---- ≤ < ------------------------------------------------------------------------------ */

static void test_le_zero_target(void **state) {
  jx_rule_out o = q(state, JX_NATURE_LE, 0, 0, 5, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(5));
  o = q(state, JX_NATURE_LE, 0.5, 0, 5, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, 0);
  assert_no_null_text(&o);
  o = q(state, JX_NATURE_LE, 0.5, 0, 5, JX_LE_REVERSE);
  assert_false(o.met);
  assert_int_equal(o.score, 0);
  /* '<' with t = 0 and a = 0: within the target by the published formula */
  o = q(state, JX_NATURE_LT, 0, 0, 5, JX_LE_BANDED);
  assert_int_equal(o.score, N(5));
  o = q(state, JX_NATURE_LT, 1, 0, 5, JX_LE_BANDED);
  assert_int_equal(o.score, 0);
}

static void test_le_at_and_under_target(void **state) {
  jx_rule_out o = q(state, JX_NATURE_LE, 30, 30, 10, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(10));
  o = q(state, JX_NATURE_LE, 1.6, 2, 15, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(15));
  o = q(state, JX_NATURE_LT, 1.6, 2, 15, JX_LE_BANDED);
  assert_true(o.met);
  assert_int_equal(o.score, N(15));
  /* '<' at the target: full marks by the formula, not met */
  o = q(state, JX_NATURE_LT, 2, 2, 15, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(15));
  assert_no_null_text(&o);
}

static void test_le_banded(void **state) {
  /* t < a < 2t: (1 − (a − t) / t) × w */
  jx_rule_out o = q(state, JX_NATURE_LE, 36, 30, 10, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(8));
  assert_derivation_has(&o, "36");
  assert_derivation_has(&o, "30");
  assert_derivation_has(&o, "= 8");
  o = q(state, JX_NATURE_LT, 36, 30, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(8));
  /* a = 2t → 0 */
  o = q(state, JX_NATURE_LE, 60, 30, 10, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, 0);
  assert_derivation_has(&o, "60");
  o = q(state, JX_NATURE_LE, 61, 30, 10, JX_LE_BANDED);
  assert_int_equal(o.score, 0);
  /* just below 2t: (60 − 59.85) / 30 × 10 = 0.05 */
  o = q(state, JX_NATURE_LE, 59.85, 30, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(0.05));
  /* (60 − 59.99) / 30 × 10 = 0.00333… → 0 */
  o = q(state, JX_NATURE_LE, 59.99, 30, 10, JX_LE_BANDED);
  assert_int_equal(o.score, 0);
  /* just above t: (1 − 0.01/30) × 10 = 9.99666… → 10.00, still not met */
  o = q(state, JX_NATURE_LE, 30.01, 30, 10, JX_LE_BANDED);
  assert_false(o.met);
  assert_int_equal(o.score, N(10));
  /* rounding at .005: (800 − 599) / 400 × 10 = 5.025 → 5.03 */
  o = q(state, JX_NATURE_LE, 599, 400, 10, JX_LE_BANDED);
  assert_int_equal(o.score, N(5.03));
}

/* Regression (fixed): src/score/rules.c jx_rule_quantitative, ≤ banded: `2 * t - a` is computed in
 * int64 and overflows (undefined behaviour; UBSan aborts) for targets over
 * 4,611,686,018,427.39 — a value the parser accepts.  The guard before it already
 * compares in 128 bits; the subtraction should too.  (1e19 − 6e18) / 5e18 × 90 = 72. */
static void test_le_banded_huge_target(void **state) {
  jx_rule_out o = jx_rule_quantitative(*state, JX_NATURE_LE, 6000000000000000000LL, 5000000000000000000LL, N(90), JX_LE_BANDED);
  assert_true(o.scored);
  assert_false(o.met);
  assert_int_equal(o.score, N(72));
}

static void test_le_reverse(void **state) {
  /* t / a × w */
  jx_rule_out o = q(state, JX_NATURE_LE, 36, 30, 10, JX_LE_REVERSE);
  assert_false(o.met);
  assert_int_equal(o.score, N(8.33));
  assert_derivation_has(&o, "30 / 36 × 10 = 8.33");
  /* no cliff at 2t */
  o = q(state, JX_NATURE_LE, 60, 30, 10, JX_LE_REVERSE);
  assert_int_equal(o.score, N(5));
  o = q(state, JX_NATURE_LE, 300, 30, 10, JX_LE_REVERSE);
  assert_int_equal(o.score, N(1));
  o = q(state, JX_NATURE_LE, 30, 30, 10, JX_LE_REVERSE);
  assert_true(o.met);
  assert_int_equal(o.score, N(10));
  /* rounding at .005: 1 / 200 × 1 = 0.005 → 0.01 */
  o = q(state, JX_NATURE_LE, 200, 1, 1, JX_LE_REVERSE);
  assert_int_equal(o.score, N(0.01));
}

static void test_qualitative_is_not_quantitative(void **state) {
  jx_rule_out o = q(state, JX_NATURE_QUAL, 1, 1, 10, JX_LE_BANDED);
  assert_false(o.scored);
  o = q(state, JX_NATURE_NONE, 1, 1, 10, JX_LE_BANDED);
  assert_false(o.scored);
}

/* ---- formula blocks --------------------------------------------------------------------- */

static jx_fw_block block(int rule, double max) {
  jx_fw_block b;
  memset(&b, 0, sizeof b);
  b.name = "测试分项";
  b.rule = rule;
  b.max.v = N(max);
  b.max.set = true;
  return b;
}

static jx_num num(double v) {
  jx_num x = {.v = N(v), .set = true};
  return x;
}

static int64_t bscore(void **state, const jx_fw_block *b, double v) {
  jx_rule_out o = jx_rule_block(*state, b, N(v));
  assert_true(o.scored);
  assert_no_null_text(&o);
  return o.score;
}

static void test_block_step_deduction(void **state) {
  jx_fw_block b = block(JX_RULE_STEP_DEDUCTION, 10);
  b.target = num(100);
  b.step = num(5);
  b.points = num(2);
  assert_int_equal(bscore(state, &b, 100), N(10));
  assert_int_equal(bscore(state, &b, 120), N(10));
  assert_int_equal(bscore(state, &b, 99.99), N(8));
  assert_int_equal(bscore(state, &b, 96), N(8));
  assert_int_equal(bscore(state, &b, 95), N(8));
  assert_int_equal(bscore(state, &b, 94.99), N(6));
  assert_int_equal(bscore(state, &b, 90), N(6));
  assert_int_equal(bscore(state, &b, 89.99), N(4));
  assert_int_equal(bscore(state, &b, 80.01), N(2));
  assert_int_equal(bscore(state, &b, 80), N(2));
  assert_int_equal(bscore(state, &b, 79.99), 0);
  assert_int_equal(bscore(state, &b, 50), 0); /* floored at 0 */
  assert_int_equal(bscore(state, &b, 0), 0);
  jx_rule_out o = jx_rule_block(*state, &b, N(94.99));
  assert_derivation_has(&o, "100%");
  assert_derivation_has(&o, "5.01");
}

/* The same block under both step roundings (framework key step_rounding): value → score. */
static void test_block_step_rounding(void **state) {
  static const struct {
    int rounding;
    double v, score;
    const char *says;
  } cases[] = {
      {JX_STEP_ANY_PART, 100, 10, "≥"},         {JX_STEP_WHOLE, 100, 10, "≥"},
      {JX_STEP_ANY_PART, 99.99, 8, "不足一档按一档计"}, {JX_STEP_WHOLE, 99.99, 10, "不足一档不扣"},
      {JX_STEP_ANY_PART, 95, 8, "扣 1 档"},      {JX_STEP_WHOLE, 95, 8, "扣 1 档"},
      {JX_STEP_ANY_PART, 94.99, 6, "扣 2 档"},   {JX_STEP_WHOLE, 94.99, 8, "扣 1 档"},
      {JX_STEP_ANY_PART, 80.01, 2, "扣 4 档"},   {JX_STEP_WHOLE, 80.01, 4, "扣 3 档"},
      {JX_STEP_ANY_PART, 79.99, 0, "扣 5 档"},   {JX_STEP_WHOLE, 79.99, 2, "扣 4 档"},
      {JX_STEP_WHOLE, 75, 0, "扣 5 档"},         {JX_STEP_WHOLE, 0, 0, "扣 20 档"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    jx_fw_block b = block(JX_RULE_STEP_DEDUCTION, 10);
    b.target = num(100);
    b.step = num(5);
    b.points = num(2);
    b.step_rounding = cases[i].rounding;
    jx_rule_out o = jx_rule_block(*state, &b, N(cases[i].v));
    assert_true(o.scored);
    if (o.score != N(cases[i].score))
      fail_msg("case %zu: %s at %.2f: %lld, want %.2f (%s)", i, cases[i].rounding ? "whole_steps" : "any_part",
               cases[i].v, (long long)o.score, cases[i].score, o.derivation);
    assert_derivation_has(&o, cases[i].says);
  }
}

static void test_block_threshold_table(void **state) {
  jx_fw_block b = block(JX_RULE_THRESHOLD_TABLE, 8);
  jx_fw_threshold rows[] = {{num(0), num(8)}, {num(10), num(6)}, {num(20), num(4)}, {num(30), num(2)}};
  b.table.items = rows;
  b.table.n = 4;
  assert_int_equal(bscore(state, &b, 0), N(8));
  assert_int_equal(bscore(state, &b, -5), N(8)); /* a budget cut is below every row */
  assert_int_equal(bscore(state, &b, 0.01), N(6));
  assert_int_equal(bscore(state, &b, 10), N(6));
  assert_int_equal(bscore(state, &b, 10.01), N(4));
  assert_int_equal(bscore(state, &b, 20), N(4));
  assert_int_equal(bscore(state, &b, 30), N(2));
  assert_int_equal(bscore(state, &b, 30.01), 0);
  assert_int_equal(bscore(state, &b, 31), 0);
  jx_rule_out o = jx_rule_block(*state, &b, N(10.01));
  assert_derivation_has(&o, "10.01%");
  assert_derivation_has(&o, "20%");
  /* an empty table gives 0 */
  b.table.n = 0;
  assert_int_equal(bscore(state, &b, 0), 0);
}

static void test_block_per_point_deduction(void **state) {
  jx_fw_block b = block(JX_RULE_PER_POINT_DEDUCTION, 5);
  b.limit = num(100);
  b.points = num(0.5);
  assert_int_equal(bscore(state, &b, 80), N(5));
  assert_int_equal(bscore(state, &b, 100), N(5));
  assert_int_equal(bscore(state, &b, 101), N(4.5));
  assert_int_equal(bscore(state, &b, 100.5), N(4.75));
  assert_int_equal(bscore(state, &b, 100.01), N(4.99)); /* 0.005 deduction rounds to 0.01 */
  assert_int_equal(bscore(state, &b, 109.97), N(0.01)); /* deduction 4.985 → 4.99 */
  assert_int_equal(bscore(state, &b, 109.99), 0);       /* deduction 4.995 → 5.00 */
  assert_int_equal(bscore(state, &b, 110), 0);
  assert_int_equal(bscore(state, &b, 136), 0); /* 36 × 0.5 = 18 > 5: floored at 0 */
  jx_rule_out o = jx_rule_block(*state, &b, N(136));
  assert_derivation_has(&o, "36");
  assert_derivation_has(&o, "0.5");
}

static void test_block_ratio(void **state) {
  jx_fw_block b = block(JX_RULE_RATIO, 7);
  b.target = num(5);
  b.lower_better = true;
  assert_int_equal(bscore(state, &b, 0), N(7));
  assert_int_equal(bscore(state, &b, 5), N(7));
  assert_int_equal(bscore(state, &b, 10), N(3.5));
  assert_int_equal(bscore(state, &b, 5.26), N(6.65)); /* 5 / 5.26 × 7 = 6.6539… */
  jx_rule_out o = jx_rule_block(*state, &b, N(10));
  assert_derivation_has(&o, "5% / 10% × 7 = 3.5");

  jx_fw_block h = block(JX_RULE_RATIO, 10);
  h.target = num(100);
  assert_int_equal(bscore(state, &h, 100), N(10));
  assert_int_equal(bscore(state, &h, 120), N(10)); /* capped */
  assert_int_equal(bscore(state, &h, 92.12), N(9.21));
  assert_int_equal(bscore(state, &h, 0), 0);
  assert_int_equal(bscore(state, &h, -3), 0);
  o = jx_rule_block(*state, &h, N(92.12));
  assert_derivation_has(&o, "92.12% / 100% × 10 = 9.21");
}

static void test_block_assessed_is_not_a_formula(void **state) {
  jx_fw_block b = block(JX_RULE_ASSESSED, 40);
  jx_rule_out o = jx_rule_block(*state, &b, N(50));
  assert_false(o.scored);
  b = block(JX_RULE_ASSESSED_WITH_REASON, 40);
  o = jx_rule_block(*state, &b, N(50));
  assert_false(o.scored);
}

/* A block value can be any int64 (a metric of a hostile file saturates): every rule kind
   scores it within [0, max] without overflow (UBSan fails this test otherwise; found by fuzz_yaml). */
static void test_block_extreme_values(void **state) {
  jx_fw_threshold rows[] = {{num(0), num(8)}, {num(10), num(6)}};
  const int64_t values[] = {INT64_MIN, INT64_MIN + 1, -1, 0, INT64_MAX - 1, INT64_MAX};
  const int rules[] = {JX_RULE_STEP_DEDUCTION, JX_RULE_THRESHOLD_TABLE, JX_RULE_PER_POINT_DEDUCTION, JX_RULE_RATIO};
  for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
    for (int lower = 0; lower <= 1; lower++) {
      jx_fw_block b = block(rules[r], 10);
      b.target = num(100);
      b.step = num(5);
      b.points = num(2);
      b.limit = num(100);
      b.lower_better = lower;
      b.table.items = rows;
      b.table.n = 2;
      for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        jx_rule_out o = jx_rule_block(*state, &b, values[i]);
        assert_true(o.scored);
        assert_no_null_text(&o);
        assert_in_range(o.score, 0, N(10));
      }
    }
  }
  jx_fw_block b = block(JX_RULE_STEP_DEDUCTION, 10);
  b.target = num(100);
  b.step = num(5);
  b.points = num(2);
  assert_int_equal(bscore(state, &b, 0), 0);
  assert_int_equal(jx_rule_block(*state, &b, INT64_MIN).score, 0);
}

/* ---- grades --------------------------------------------------------------------------- */

static void test_grades(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_framework *fw = NULL;
  assert_int_equal(jx_framework_load(FW("cn-mof-2020-10-project.yaml"), &fw, &d), JX_OK);
  assert_non_null(fw);
  assert_int_equal(d.n_error, 0);
  assert_string_equal(jx_grade_for(fw, N(100)), "优");
  assert_string_equal(jx_grade_for(fw, N(90)), "优");
  assert_string_equal(jx_grade_for(fw, N(89.99)), "良");
  assert_string_equal(jx_grade_for(fw, 89999999), "良");
  assert_string_equal(jx_grade_for(fw, N(80)), "良");
  assert_string_equal(jx_grade_for(fw, N(79.99)), "中");
  assert_string_equal(jx_grade_for(fw, N(60)), "中");
  assert_string_equal(jx_grade_for(fw, N(59.99)), "差");
  assert_string_equal(jx_grade_for(fw, 0), "差");
  jx_framework_free(fw);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_ge_zero_target, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_ge_at_target, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_ge_below_target, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_ge_rounding, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_le_zero_target, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_le_at_and_under_target, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_le_banded, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_le_banded_huge_target, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_le_reverse, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_qualitative_is_not_quantitative, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_step_deduction, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_step_rounding, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_threshold_table, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_per_point_deduction, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_ratio, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_assessed_is_not_a_formula, setup_arena, teardown_arena),
      cmocka_unit_test_setup_teardown(test_block_extreme_values, setup_arena, teardown_arena),
      cmocka_unit_test(test_grades),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
