/* review.c — a rule set (审核口径) in memory: creation, the bounded PCRE2 compile of a pattern, names, accessors, free. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "model/review.h"

/* Bounds on what a rule sheet can ask of the program (docs/review.md). */
#define PATTERN_MAX_BYTES 2000  /* a pattern longer than this is refused */
#define MATCH_LIMIT 200000      /* pcre2_set_match_limit: backtracking steps per match */
#define DEPTH_LIMIT 2000        /* pcre2_set_depth_limit: nested backtracking */
#define HEAP_LIMIT_KIB 8192     /* pcre2_set_heap_limit: 8 MiB of backtracking memory */

/* PCRE2 allocates through the one out-of-memory policy. */
static void *rv_malloc(PCRE2_SIZE n, void *unused) {
  (void)unused;
  return jx_xmalloc(n);
}
static void rv_free(void *p, void *unused) {
  (void)unused;
  free(p);
}

jx_review_rules *jx_rv_rules_new(const char *source) {
  jx_arena *a = jx_arena_new();
  jx_review_rules *s = jx_arena_alloc(a, sizeof *s);
  s->arena = a;
  s->source = jx_arena_strdup(a, source ? source : "");
  s->title = "";
  s->full = 100 * JX_NUM_SCALE;
  s->deduct_error = 20 * JX_NUM_SCALE;
  s->deduct_warning = 5 * JX_NUM_SCALE;
  s->max_per_rule = 20 * JX_NUM_SCALE;
  s->fail_below = 60 * JX_NUM_SCALE;
  s->match_limit = MATCH_LIMIT;
  s->depth_limit = DEPTH_LIMIT;
  pcre2_general_context *gc = pcre2_general_context_create(rv_malloc, rv_free, NULL);
  pcre2_match_context *mc = pcre2_match_context_create(gc);
  pcre2_set_match_limit(mc, MATCH_LIMIT);
  pcre2_set_depth_limit(mc, DEPTH_LIMIT);
  pcre2_set_heap_limit(mc, HEAP_LIMIT_KIB);
  s->match_ctx = mc;
  s->general_ctx = gc;
  return s;
}

void jx_review_rules_free(jx_review_rules *s) {
  if (!s) return;
  for (size_t i = 0; i < s->rules.n; i++) pcre2_code_free((pcre2_code *)s->rules.items[i].re);
  pcre2_match_context_free((pcre2_match_context *)s->match_ctx);
  pcre2_general_context_free((pcre2_general_context *)s->general_ctx);
  jx_arena_free(s->arena);
}

bool jx_rv_compile(jx_review_rules *set, jx_rv_rule *r, const char *pattern, char *why, size_t n) {
  size_t len = strlen(pattern);
  if (len > PATTERN_MAX_BYTES) {
    snprintf(why, n, "正则表达式太长（%zu 字节，上限 %d）", len, PATTERN_MAX_BYTES);
    return false;
  }
  int err = 0;
  PCRE2_SIZE off = 0;
  pcre2_compile_context *cc = pcre2_compile_context_create((pcre2_general_context *)set->general_ctx);
  pcre2_set_max_pattern_length(cc, PATTERN_MAX_BYTES);
  pcre2_set_parens_nest_limit(cc, 50);
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_NEVER_BACKSLASH_C, &err,
                                 &off, cc);
  pcre2_compile_context_free(cc);
  if (!re) {
    PCRE2_UCHAR msg[256];
    if (pcre2_get_error_message(err, msg, sizeof msg) < 0) snprintf((char *)msg, sizeof msg, "%s", "unknown error");
    /* the offset in characters, as a reader counts them */
    size_t chars = 0;
    for (size_t i = 0; i < off && i < len; i++)
      if (((unsigned char)pattern[i] & 0xC0) != 0x80) chars++;
    snprintf(why, n, "正则表达式无法编译：第 %zu 个字符处 %s", chars + 1, (const char *)msg);
    return false;
  }
  pcre2_code_free((pcre2_code *)r->re);
  r->re = re;
  return true;
}

static const char *const target_names[] = {"", "policy_basis", "calc_basis", "annual_goal", "table", "row_cells", "level2",
                                           "name", "value", "explanation", "indicators"};
static const char *const sense_names[] = {"none", "empty", "match", "mismatch"};
static const char *const builtin_names[] = {"", "level2_present", "level1_present", "satisfaction_for_public_service",
                                            "value_measurable", "units_consistent", "cost_within_money", "goal_not_name"};

#define N(a) (sizeof(a) / sizeof *(a))
static bool lookup(const char *const *names, size_t n, const char *s, int *out) {
  for (size_t i = 1; s && i < n; i++)
    if (!strcmp(names[i], s)) {
      *out = (int)i;
      return true;
    }
  return false;
}

const char *jx_rv_target_name(jx_rv_target t) { return (size_t)t < N(target_names) ? target_names[t] : ""; }
bool jx_rv_target_parse(const char *s, jx_rv_target *t) {
  int i;
  if (!lookup(target_names, N(target_names), s, &i)) return false;
  *t = (jx_rv_target)i;
  return true;
}
const char *jx_rv_sense_name(jx_rv_sense s) { return (size_t)s < N(sense_names) ? sense_names[s] : ""; }
bool jx_rv_sense_parse(const char *s, jx_rv_sense *t) {
  if (s && !strcmp(s, "none")) {
    *t = JX_RV_SENSE_NONE;
    return true;
  }
  int i;
  if (!lookup(sense_names, N(sense_names), s, &i)) return false;
  *t = (jx_rv_sense)i;
  return true;
}
const char *jx_rv_builtin_name(jx_rv_builtin b) { return (size_t)b < N(builtin_names) ? builtin_names[b] : ""; }
bool jx_rv_builtin_parse(const char *s, jx_rv_builtin *b) {
  int i;
  if (!lookup(builtin_names, N(builtin_names), s, &i)) return false;
  *b = (jx_rv_builtin)i;
  return true;
}

size_t jx_review_rules_count(const jx_review_rules *r) { return r ? r->rules.n : 0; }
const jx_review_rule_info *jx_review_rules_at(const jx_review_rules *r, size_t i) {
  return r && i < r->rules.n ? &r->rules.items[i].info : NULL;
}
const char *jx_review_rules_source(const jx_review_rules *r) { return r ? r->source : ""; }

const char *jx_review_conclusion_name(jx_review_conclusion c) {
  switch (c) {
  case JX_REVIEW_PASS: return "通过";
  case JX_REVIEW_PASS_AFTER_CHANGES: return "修改后通过";
  case JX_REVIEW_FAIL: return "不通过";
  }
  return "";
}
