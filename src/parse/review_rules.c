/* review_rules.c — review rules (审核口径) read in: a YAML rule set, or a reviewer's XLSX sheet as it is, interpreted by frameworks/review/sheet.yaml. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/review.h"
#include "parse/xlsx.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/text.h"

#define MAX_RULES 1000          /* a rule set with more rules is refused */
#define MAX_RULE_FILE (4u << 20) /* bytes of a YAML rule set */
#define HEADER_SEARCH_ROWS 20   /* the header row of a sheet is among its first rows */

/* ---- small helpers ------------------------------------------------------------------ */

static const char *scalar(const jx_node *n) { return n && n->type == JX_NODE_SCALAR ? n->text : NULL; }

/* s without outer whitespace (ASCII, tabs, line breaks, the ideographic space), in a. */
static char *trim(jx_arena *a, const char *s) {
  if (!s) return jx_arena_strdup(a, "");
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || !strncmp(s, "\xE3\x80\x80", 3)) s += *s & 0x80 ? 3 : 1;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
  while (n >= 3 && !memcmp(s + n - 3, "\xE3\x80\x80", 3)) n -= 3;
  return jx_arena_strndup(a, s, n);
}

static bool contains_any(const char *s, const jx_strlist *words) {
  for (size_t i = 0; s && i < words->n; i++)
    if (strstr(s, words->items[i])) return true;
  return false;
}

static jx_strlist strlist_of(jx_arena *a, const jx_node *n, const char *what, jx_diags *d, bool *ok) {
  jx_strlist l = {0};
  if (!n) return l;
  if (n->type == JX_NODE_SCALAR) {
    l.items = jx_arena_alloc(a, sizeof *l.items);
    l.items[l.n++] = jx_arena_strdup(a, n->text);
    return l;
  }
  if (n->type != JX_NODE_SEQ) {
    if (d) jx_diag_add(d, "JX825", JX_ERROR, n->pos, "%s应为文本列表", what);
    *ok = false;
    return l;
  }
  l.items = jx_arena_alloc(a, (n->n ? n->n : 1) * sizeof *l.items);
  for (size_t i = 0; i < n->n; i++) {
    const char *s = scalar(n->items[i]);
    if (!s) {
      if (d) jx_diag_add(d, "JX825", JX_ERROR, n->items[i]->pos, "%s的每一项应为文本", what);
      *ok = false;
      continue;
    }
    l.items[l.n++] = jx_arena_strdup(a, s);
  }
  return l;
}

/* A whole number ≥ 0 written in YAML (points, 分). */
static bool whole(const jx_node *n, int64_t *out) {
  const char *s = scalar(n);
  if (!s || !*s) return false;
  int64_t v = 0;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9' || v > INT64_MAX / 10 - 10) return false;
    v = v * 10 + (*p - '0');
  }
  *out = v;
  return true;
}

static const char *level2_words(jx_rv_target t) {
  switch (t) {
  case JX_RV_T_NAME: return "三级指标";
  case JX_RV_T_VALUE: return "指标值";
  case JX_RV_T_EXPLANATION: return "指标解释";
  default: return "";
  }
}

/* What the rule was read to look at, and when it finds, in Chinese (for reviewers). */
static void describe(jx_arena *a, jx_rv_rule *r) {
  const char *what = "";
  switch (r->target) {
  case JX_RV_T_NONE: what = ""; break;
  case JX_RV_T_POLICY: what = "政策依据"; break;
  case JX_RV_T_CALC: what = "测算依据"; break;
  case JX_RV_T_GOAL: what = "年度目标"; break;
  case JX_RV_T_TABLE: what = "绩效目标表（至少一行实际指标）"; break;
  case JX_RV_T_ROW_CELLS: what = "每行的三级指标、指标值、指标解释（不能留空）"; break;
  case JX_RV_T_LEVEL2: what = jx_arena_printf(a, "“%s”二级指标下的实际指标行", r->level2 ? r->level2 : ""); break;
  case JX_RV_T_NAME:
  case JX_RV_T_VALUE:
  case JX_RV_T_EXPLANATION:
    what = r->level2 ? jx_arena_printf(a, "二级指标为“%s”的各行的%s", r->level2, level2_words(r->target))
                     : jx_arena_printf(a, "各行的%s", level2_words(r->target));
    break;
  case JX_RV_T_INDICATORS: what = "绩效指标（人工审核）"; break;
  }
  if (r->builtin) what = jx_arena_printf(a, "内置检查 %s", jx_rv_builtin_name(r->builtin));
  r->info.looks_at = what;
  static const char *const senses[] = {"", "空时", "匹配时", "不匹配时"};
  r->info.sense = r->builtin ? "" : senses[r->sense];
  r->info.builtin = r->builtin ? jx_rv_builtin_name(r->builtin) : NULL;
}

/* The checks every rule passes, however it was written.  Adds diagnostics; false when
 * the rule cannot run. */
static bool finish_rule(jx_review_rules *set, jx_rv_rule *r, const char *pattern, jx_diags *d) {
  bool ok = true;
  if (r->info.mode == JX_REVIEW_BUILTIN) {
    if (!r->builtin) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s 为内置检查，但没有写明检查名（builtin）", r->info.code);
      ok = false;
    }
    if ((r->builtin == JX_RV_B_LEVEL1_PRESENT || r->builtin == JX_RV_B_SATISFACTION) && !r->level1) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s（%s）须写明一级指标（level1）", r->info.code, jx_rv_builtin_name(r->builtin));
      ok = false;
    }
    if (r->builtin == JX_RV_B_LEVEL2_PRESENT && !r->level2) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s（level2_present）须写明二级指标（level2）", r->info.code);
      ok = false;
    }
    r->info.pattern = NULL;
  } else {
    bool has_pattern = pattern && *pattern;
    if (r->info.mode == JX_REVIEW_MANUAL && !has_pattern) r->sense = JX_RV_SENSE_NONE;
    if ((r->sense == JX_RV_SENSE_MATCH || r->sense == JX_RV_SENSE_MISMATCH) && !has_pattern) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s 按正则表达式判断（%s），但没有正则表达式", r->info.code, jx_rv_sense_name(r->sense));
      ok = false;
    }
    if (r->info.mode == JX_REVIEW_REGEX && r->sense == JX_RV_SENSE_NONE) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s 的模式为正则匹配，但没有可用的正则表达式", r->info.code);
      ok = false;
    }
    if (r->sense != JX_RV_SENSE_NONE && (r->target == JX_RV_T_NONE || r->target == JX_RV_T_INDICATORS)) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s 要自动判断，但没有说明看哪一项（审核对象“%s”）", r->info.code, r->info.object);
      ok = false;
    }
    if (r->target == JX_RV_T_LEVEL2 && !r->level2) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "规则 %s 看一个二级指标，但没有写明是哪一个（level2）", r->info.code);
      ok = false;
    }
    if (ok && (r->sense == JX_RV_SENSE_MATCH || r->sense == JX_RV_SENSE_MISMATCH)) {
      char why[512];
      if (!jx_rv_compile(set, r, pattern, why, sizeof why)) {
        jx_diag_add(d, "JX826", JX_ERROR, r->pattern_pos, "规则 %s 的%s", r->info.code, why);
        ok = false;
      }
    }
    r->info.pattern = has_pattern ? jx_arena_strdup(set->arena, pattern) : NULL;
  }
  describe(set->arena, r);
  return ok;
}

static jx_rv_rule *new_rule(jx_review_rules *set, size_t *cap) {
  jx_rv_rule *r = JX_VEC_PUSH(set->arena, set->rules, *cap);
  memset(r, 0, sizeof *r);
  r->info.code = r->info.object = r->info.point = r->info.point2 = r->info.detail = r->info.opinion = "";
  r->severity = JX_WARNING;
  r->max_extra_chars = 4;
  return r;
}

static bool mode_parse(const char *s, jx_review_mode *m) {
  if (!s) return false;
  if (!strcmp(s, "正则匹配") || !strcmp(s, "regex")) *m = JX_REVIEW_REGEX;
  else if (!strcmp(s, "人工") || !strcmp(s, "manual")) *m = JX_REVIEW_MANUAL;
  else if (!strcmp(s, "内置") || !strcmp(s, "builtin")) *m = JX_REVIEW_BUILTIN;
  else return false;
  return true;
}

/* scoring: and money_units: of a rule set or of sheet.yaml. */
static bool read_scoring(jx_review_rules *set, const jx_node *sc, const jx_node *mu, jx_diags *d) {
  bool ok = true;
  if (sc && sc->type == JX_NODE_MAP) {
    set->points = strlist_of(set->arena, jx_map_get(sc, "points"), "scoring.points", d, &ok);
    struct {
      const char *key;
      int64_t *dst;
    } nums[] = {{"full", &set->full}, {"max_per_rule", &set->max_per_rule}, {"fail_below", &set->fail_below}};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
      const jx_node *n = jx_map_get(sc, nums[i].key);
      int64_t v;
      if (!n) continue;
      if (!whole(n, &v) || v > 1000000) {
        jx_diag_add(d, "JX825", JX_ERROR, n->pos, "scoring.%s 应为 0–1000000 的整数", nums[i].key);
        ok = false;
      } else *nums[i].dst = v * JX_NUM_SCALE;
    }
    const jx_node *de = jx_map_get(sc, "deduct");
    if (de) {
      int64_t v;
      const jx_node *e = jx_map_get(de, "error"), *w = jx_map_get(de, "warning");
      if (e && whole(e, &v) && v <= 1000000) set->deduct_error = v * JX_NUM_SCALE;
      else if (e) ok = false, jx_diag_add(d, "JX825", JX_ERROR, e->pos, "scoring.deduct.error 应为整数");
      if (w && whole(w, &v) && v <= 1000000) set->deduct_warning = v * JX_NUM_SCALE;
      else if (w) ok = false, jx_diag_add(d, "JX825", JX_ERROR, w->pos, "scoring.deduct.warning 应为整数");
    }
  }
  if (mu && mu->type == JX_NODE_MAP) {
    size_t cap = 0;
    for (size_t i = 0; i < mu->n; i++) {
      int64_t v;
      if (!whole(mu->pairs[i].value, &v) || v == 0) {
        jx_diag_add(d, "JX825", JX_ERROR, mu->pairs[i].value->pos, "money_units.%s 应为正整数（分）", mu->pairs[i].key);
        ok = false;
        continue;
      }
      jx_rv_money_unit *m = JX_VEC_PUSH(set->arena, set->money_units, cap);
      m->unit = jx_arena_strdup(set->arena, mu->pairs[i].key);
      m->fen = v;
    }
  }
  if (!set->points.n) {
    static const char *const def[] = {"完整性", "相关性", "适当性", "可行性", "可测性"};
    set->points.items = jx_arena_alloc(set->arena, sizeof def);
    for (size_t i = 0; i < 5; i++) set->points.items[set->points.n++] = def[i];
  }
  return ok;
}

/* ---- the YAML rule set ------------------------------------------------------------- */

static const char *const rule_keys[] = {"code", "object", "mode", "point", "point2", "detail", "opinion", "pattern", "target",
                                        "level2", "sense", "severity", "builtin", "level1", "words", "required",
                                        "count_words", "rate_words", "year_words", "total_words", "max_extra_chars", "note", NULL};

static bool read_yaml_rule(jx_review_rules *set, const jx_node *m, size_t *cap, jx_diags *d) {
  if (m->type != JX_NODE_MAP) {
    jx_diag_add(d, "JX825", JX_ERROR, m->pos, "rules 的每一项应为映射（code、object、mode …）");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < m->n; i++) {
    bool known = false;
    for (size_t k = 0; rule_keys[k]; k++) known |= !strcmp(rule_keys[k], m->pairs[i].key);
    if (!known) {
      jx_diag_add(d, "JX825", JX_ERROR, m->pairs[i].key_pos, "规则中有未知字段“%s”", m->pairs[i].key);
      ok = false;
    }
  }
  jx_arena *a = set->arena;
  jx_rv_rule *r = new_rule(set, cap);
  r->pos = m->pos;
  const char *code = scalar(jx_map_get(m, "code"));
  if (!code || !*code) {
    jx_diag_add(d, "JX825", JX_ERROR, m->pos, "规则缺少编码（code）");
    ok = false;
    code = "?";
  }
  r->info.code = jx_arena_strdup(a, code);
#define TEXT(key, dst) \
  do {             \
    const char *s_ = scalar(jx_map_get(m, key)); \
    if (s_) (dst) = trim(a, s_); \
  } while (0)
  TEXT("object", r->info.object);
  TEXT("point", r->info.point);
  TEXT("point2", r->info.point2);
  TEXT("detail", r->info.detail);
  TEXT("opinion", r->info.opinion);
#undef TEXT
  if (!*r->info.opinion) {
    jx_diag_add(d, "JX825", JX_ERROR, m->pos, "规则 %s 缺少审核意见表述（opinion）", r->info.code);
    ok = false;
  }
  const jx_node *n = jx_map_get(m, "mode");
  if (!mode_parse(scalar(n), &r->info.mode)) {
    jx_diag_add(d, "JX825", JX_ERROR, n ? n->pos : m->pos, "规则 %s 的模式“%s”不认识：应为 正则匹配、人工 或 内置", r->info.code,
                scalar(n) ? scalar(n) : "");
    ok = false;
  }
  if ((n = jx_map_get(m, "target")) && !jx_rv_target_parse(scalar(n), &r->target)) {
    jx_diag_add(d, "JX825", JX_ERROR, n->pos,
                "规则 %s 的 target“%s”不认识：应为 policy_basis、calc_basis、annual_goal、table、row_cells、level2、name、value、explanation 或 indicators",
                r->info.code, scalar(n) ? scalar(n) : "");
    ok = false;
  }
  r->sense = r->info.mode == JX_REVIEW_MANUAL ? JX_RV_SENSE_MATCH : JX_RV_SENSE_NONE;
  if ((n = jx_map_get(m, "sense")) && !jx_rv_sense_parse(scalar(n), &r->sense)) {
    jx_diag_add(d, "JX825", JX_ERROR, n->pos, "规则 %s 的 sense“%s”不认识：应为 empty、match、mismatch 或 none", r->info.code,
                scalar(n) ? scalar(n) : "");
    ok = false;
  }
  if ((n = jx_map_get(m, "severity"))) {
    const char *s = scalar(n);
    if (s && !strcmp(s, "error")) r->severity = JX_ERROR;
    else if (s && !strcmp(s, "warning")) r->severity = JX_WARNING;
    else {
      jx_diag_add(d, "JX825", JX_ERROR, n->pos, "规则 %s 的 severity 应为 error 或 warning", r->info.code);
      ok = false;
    }
  }
  if ((n = jx_map_get(m, "builtin")) && !jx_rv_builtin_parse(scalar(n), &r->builtin)) {
    jx_diag_add(d, "JX825", JX_ERROR, n->pos,
                "规则 %s 的内置检查“%s”不存在：应为 level2_present、level1_present、satisfaction_for_public_service、value_measurable、units_consistent、cost_within_money 或 goal_not_name",
                r->info.code, scalar(n) ? scalar(n) : "");
    ok = false;
  }
  if (r->builtin && r->info.mode != JX_REVIEW_BUILTIN) {
    jx_diag_add(d, "JX825", JX_ERROR, m->pos, "规则 %s 写了内置检查，模式应为 内置", r->info.code);
    ok = false;
  }
  const char *s;
  if ((s = scalar(jx_map_get(m, "level2"))) && *s) r->level2 = jx_arena_strdup(a, s);
  if ((s = scalar(jx_map_get(m, "level1"))) && *s) r->level1 = jx_arena_strdup(a, s);
  r->words = strlist_of(a, jx_map_get(m, "words"), "words", d, &ok);
  r->required = strlist_of(a, jx_map_get(m, "required"), "required", d, &ok);
  r->count_words = strlist_of(a, jx_map_get(m, "count_words"), "count_words", d, &ok);
  r->rate_words = strlist_of(a, jx_map_get(m, "rate_words"), "rate_words", d, &ok);
  r->year_words = strlist_of(a, jx_map_get(m, "year_words"), "year_words", d, &ok);
  r->total_words = strlist_of(a, jx_map_get(m, "total_words"), "total_words", d, &ok);
  if ((n = jx_map_get(m, "max_extra_chars")) && (!whole(n, &r->max_extra_chars) || r->max_extra_chars > 1000)) {
    jx_diag_add(d, "JX825", JX_ERROR, n->pos, "规则 %s 的 max_extra_chars 应为 0–1000 的整数", r->info.code);
    ok = false;
  }
  n = jx_map_get(m, "pattern");
  r->pattern_pos = n ? n->pos : m->pos;
  if (!ok) return false;
  return finish_rule(set, r, scalar(n), d);
}

jx_status jx_review_rules_parse_yaml(const char *name, const char *data, size_t len, jx_review_rules **out,
                                     jx_diags *diags) {
  *out = NULL;
  jx_review_rules *set = jx_rv_rules_new(name);
  size_t errors = diags->n_error;
  jx_node *root = jx_yaml_parse(set->arena, set->source, data, len, diags);
  if (!root || root->type != JX_NODE_MAP) {
    if (root) jx_diag_add(diags, "JX825", JX_ERROR, root->pos, "审核规则文件顶层应为映射（kind: review-rules …）");
    jx_review_rules_free(set);
    return JX_ERR_DATA;
  }
  const char *kind = scalar(jx_map_get(root, "kind"));
  if (!kind || strcmp(kind, "review-rules") != 0) {
    jx_diag_add(diags, "JX825", JX_ERROR, root->pos, "不是审核规则文件：应写明 kind: review-rules（现为“%s”）", kind ? kind : "");
    jx_review_rules_free(set);
    return JX_ERR_DATA;
  }
  const char *title = scalar(jx_map_get(root, "title"));
  set->title = jx_arena_strdup(set->arena, title ? title : "");
  read_scoring(set, jx_map_get(root, "scoring"), jx_map_get(root, "money_units"), diags);
  const jx_node *rules = jx_map_get(root, "rules");
  if (!rules || rules->type != JX_NODE_SEQ || rules->n == 0) {
    jx_diag_add(diags, "JX825", JX_ERROR, rules ? rules->pos : root->pos, "审核规则文件没有规则（rules: 列表）");
  } else if (rules->n > MAX_RULES) {
    jx_diag_add(diags, "JX825", JX_ERROR, rules->pos, "规则太多：%zu 条（上限 %d 条）", rules->n, MAX_RULES);
  } else {
    size_t cap = 0;
    for (size_t i = 0; i < rules->n; i++) read_yaml_rule(set, rules->items[i], &cap, diags);
  }
  if (diags->n_error > errors) {
    jx_review_rules_free(set);
    return JX_ERR_DATA;
  }
  *out = set;
  return JX_OK;
}

jx_status jx_review_rules_default(jx_review_rules **out, jx_diags *diags) {
  jx_status st = jx_review_rules_parse_yaml("frameworks/review/default.yaml", (const char *)jx_review_default_yaml,
                                            jx_review_default_yaml_len, out, diags);
  if (*out) (*out)->source = "内置默认规则";
  return st;
}

/* ---- the reviewer's XLSX sheet --------------------------------------------------------- */

enum { COL_CODE, COL_OBJECT, COL_MODE, COL_POINT, COL_POINT2, COL_DETAIL, COL_OPINION, COL_PATTERN, COL_NOTE, COL_N };
static const char *const col_keys[COL_N] = {"code", "object", "mode", "point", "point2", "detail", "opinion", "pattern", "note"};

typedef struct {
  const jx_node *root;
  jx_strlist names[COL_N];
  bool required[COL_N];
} sheet_conf;

#ifdef JX_RENDER_PLUGIN
#define XLSX_READ_FILE(path, lim, out, err, n) \
  (jx_excel_module(err, n) ? jx_excel_module(err, n)->xlsx_read_file(path, lim, out, err, n) : JX_ERR_IO)
#else
#define XLSX_READ_FILE jx_xlsx_read_file
#endif

/* Header cell text with every space removed, into buf. */
static const char *squeeze(const char *s, char *buf, size_t n) {
  size_t k = 0;
  for (; s && *s && k + 4 < n; s++) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') continue;
    if (!strncmp(s, "\xE3\x80\x80", 3)) {
      s += 2;
      continue;
    }
    buf[k++] = *s;
  }
  buf[k] = 0;
  return buf;
}

static int header_col(const sheet_conf *c, const char *cell) {
  char buf[256];
  squeeze(cell, buf, sizeof buf);
  if (!*buf) return -1;
  for (int k = 0; k < COL_N; k++)
    for (size_t i = 0; i < c->names[k].n; i++)
      if (!strncmp(buf, c->names[k].items[i], strlen(c->names[k].items[i]))) return k;
  return -1;
}

/* The row of s holding every required column (cols filled), or -1. */
static int find_header(const sheet_conf *c, const jx_xsheet *s, int cols[COL_N], int *best_row, int *best_found) {
  for (uint32_t r = 0; r < s->n_rows && r < HEADER_SEARCH_ROWS; r++) {
    int found[COL_N];
    for (int k = 0; k < COL_N; k++) found[k] = -1;
    int n = 0;
    for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++) {
      int k = header_col(c, s->cells[i].text);
      if (k >= 0 && found[k] < 0) found[k] = (int)s->cells[i].col, n++;
    }
    bool all = true;
    for (int k = 0; k < COL_N; k++) all &= !c->required[k] || found[k] >= 0;
    if (all) {
      memcpy(cols, found, sizeof found);
      return (int)r;
    }
    if (n > *best_found) *best_found = n, *best_row = (int)r;
  }
  return -1;
}

static const char *cell_text(jx_arena *a, const jx_xsheet *s, uint32_t r, int c) {
  if (c < 0) return "";
  const jx_xcell *x = jx_xsheet_cell(s, r, (uint32_t)c);
  return x ? trim(a, x->text) : "";
}

static jx_pos cell_pos(jx_arena *a, const char *file, const jx_xsheet *s, uint32_t r, int c) {
  char ref[16];
  jx_pos p = {jx_arena_printf(a, "%s:%s!%s", file, s->name, jx_cell_ref(r, (uint32_t)(c < 0 ? 0 : c), ref, sizeof ref)), 0, 0};
  return p;
}

/* Interpret 审核对象 (and 审核细项) by sheet.yaml's objects table. */
static bool interpret_object(jx_review_rules *set, const jx_node *objects, jx_rv_rule *r) {
  for (size_t i = 0; objects && objects->type == JX_NODE_SEQ && i < objects->n; i++) {
    const jx_node *e = objects->items[i];
    const char *obj = scalar(jx_map_get(e, "object")), *prefix = scalar(jx_map_get(e, "prefix"));
    const char *rest = NULL;
    if (obj && !strcmp(obj, r->info.object)) rest = "";
    else if (prefix && !strncmp(r->info.object, prefix, strlen(prefix))) rest = r->info.object + strlen(prefix);
    if (!rest) continue;
    const jx_node *dw = jx_map_get(e, "detail");
    if (dw) {
      bool ok = true;
      jx_strlist words = strlist_of(set->arena, dw, "detail", NULL, &ok);
      if (!contains_any(r->info.detail, &words)) continue;
    }
    jx_rv_target_parse(scalar(jx_map_get(e, "target")), &r->target);
    const char *l2 = scalar(jx_map_get(e, "level2"));
    if (*rest) r->level2 = trim(set->arena, rest);
    else if (l2) r->level2 = jx_arena_strdup(set->arena, l2);
    return true;
  }
  return false;
}

/* Decide the sense of the pattern by sheet.yaml's senses table. */
static void interpret_sense(jx_review_rules *set, const jx_node *senses, jx_rv_rule *r, const char *pattern) {
  for (size_t i = 0; senses && senses->type == JX_NODE_SEQ && i < senses->n; i++) {
    const jx_node *e = senses->items[i];
    bool ok = true;
    const jx_node *pn = jx_map_get(e, "patterns"), *dn = jx_map_get(e, "detail");
    if (pn) {
      jx_strlist pats = strlist_of(set->arena, pn, "patterns", NULL, &ok);
      bool hit = false;
      for (size_t k = 0; k < pats.n; k++) hit |= !strcmp(pats.items[k], pattern);
      if (!hit) continue;
    }
    if (dn) {
      jx_strlist words = strlist_of(set->arena, dn, "detail", NULL, &ok);
      if (!contains_any(r->info.detail, &words)) continue;
    }
    jx_rv_sense_parse(scalar(jx_map_get(e, "sense")), &r->sense);
    const char *sev = scalar(jx_map_get(e, "severity"));
    r->severity = sev && !strcmp(sev, "error") ? JX_ERROR : JX_WARNING;
    return;
  }
}

static bool read_sheet_conf(jx_arena *a, sheet_conf *c, jx_diags *d) {
  jx_node *root = jx_yaml_parse(a, "frameworks/review/sheet.yaml", (const char *)jx_review_sheet_yaml, jx_review_sheet_yaml_len, d);
  if (!root || root->type != JX_NODE_MAP) return false;
  c->root = root;
  const jx_node *cols = jx_map_get(root, "columns");
  bool ok = true;
  for (int k = 0; k < COL_N; k++) {
    c->names[k] = strlist_of(a, jx_map_get(cols, col_keys[k]), "columns", d, &ok);
    for (size_t i = 0; i < c->names[k].n; i++) {
      char buf[256];
      c->names[k].items[i] = jx_arena_strdup(a, squeeze(c->names[k].items[i], buf, sizeof buf));
    }
  }
  jx_strlist req = strlist_of(a, jx_map_get(root, "required"), "required", d, &ok);
  for (size_t i = 0; i < req.n; i++)
    for (int k = 0; k < COL_N; k++)
      if (!strcmp(req.items[i], col_keys[k])) c->required[k] = true;
  return ok;
}

static bool sheet_mode(const jx_node *modes, const char *text, jx_review_mode *m) {
  const char *v = scalar(jx_map_get(modes, text));
  return v && mode_parse(v, m);
}

static void read_sheet_rules(jx_review_rules *set, const sheet_conf *c, const jx_xsheet *s, const char *file, int hdr,
                             const int cols[COL_N], jx_diags *d) {
  jx_arena *a = set->arena;
  const jx_node *modes = jx_map_get(c->root, "modes"), *objects = jx_map_get(c->root, "objects"),
                *senses = jx_map_get(c->root, "senses");
  size_t cap = 0;
  for (uint32_t row = (uint32_t)hdr + 1; row < s->n_rows; row++) {
    const char *t[COL_N];
    bool any = false;
    for (int k = 0; k < COL_N; k++) any |= *(t[k] = cell_text(a, s, row, cols[k])) != 0;
    if (!any) continue;
    if (set->rules.n == MAX_RULES) {
      jx_diag_add(d, "JX825", JX_ERROR, cell_pos(a, file, s, row, cols[COL_CODE]), "规则太多（上限 %d 条）", MAX_RULES);
      return;
    }
    jx_rv_rule *r = new_rule(set, &cap);
    r->pos = cell_pos(a, file, s, row, cols[COL_CODE]);
    r->pattern_pos = cell_pos(a, file, s, row, cols[COL_PATTERN]);
    r->info.code = *t[COL_CODE] ? t[COL_CODE] : jx_arena_printf(a, "第%u行", row + 1);
    r->info.object = t[COL_OBJECT];
    r->info.point = t[COL_POINT];
    r->info.point2 = t[COL_POINT2];
    r->info.detail = t[COL_DETAIL];
    r->info.opinion = t[COL_OPINION];
    bool ok = true;
    if (!*t[COL_CODE]) {
      jx_diag_add(d, "JX825", JX_ERROR, r->pos, "第 %u 行的规则没有编码", row + 1);
      ok = false;
    }
    if (!sheet_mode(modes, t[COL_MODE], &r->info.mode)) {
      jx_diag_add(d, "JX825", JX_ERROR, cell_pos(a, file, s, row, cols[COL_MODE]),
                  "规则 %s 的模式“%s”不认识：应为 正则匹配、人工 或 内置", r->info.code, t[COL_MODE]);
      ok = false;
    }
    if (!*r->info.opinion) {
      jx_diag_add(d, "JX825", JX_ERROR, cell_pos(a, file, s, row, cols[COL_OPINION]), "规则 %s 没有审核意见表述", r->info.code);
      ok = false;
    }
    const char *pattern = t[COL_PATTERN];
    if (ok && r->info.mode == JX_REVIEW_BUILTIN) {
      /* 内置: the pattern column names the check */
      if (!jx_rv_builtin_parse(pattern, &r->builtin)) {
        jx_diag_add(d, "JX825", JX_ERROR, r->pattern_pos, "规则 %s 的内置检查“%s”不存在", r->info.code, pattern);
        ok = false;
      }
      interpret_object(set, objects, r);
      if (r->target == JX_RV_T_LEVEL2) r->builtin = r->builtin ? r->builtin : JX_RV_B_LEVEL2_PRESENT;
      r->level1 = r->info.object;
    } else if (ok) {
      interpret_sense(set, senses, r, pattern);
      if (!interpret_object(set, objects, r) && r->sense != JX_RV_SENSE_NONE) {
        jx_diag_add(d, "JX825", JX_ERROR, cell_pos(a, file, s, row, cols[COL_OBJECT]),
                    "规则 %s 的审核对象“%s”无法理解（可用的写法见 docs/review.md）", r->info.code, r->info.object);
        ok = false;
      }
      if (r->info.mode == JX_REVIEW_MANUAL && r->sense == JX_RV_SENSE_EMPTY) r->sense = JX_RV_SENSE_NONE;
    }
    if (ok) finish_rule(set, r, pattern, d);
  }
}

static jx_status load_sheet(const char *path, jx_review_rules **out, jx_diags *d) {
  char err[512];
  jx_workbook *wb = NULL;
  jx_status st = XLSX_READ_FILE(path, NULL, &wb, err, sizeof err);
  jx_review_rules *set = jx_rv_rules_new(path);
  jx_pos file_pos = {set->source, 0, 0};
  if (st != JX_OK) {
    jx_diag_add(d, "JX825", JX_ERROR, file_pos, "审核口径表无法读取：%s", err);
    jx_review_rules_free(set);
    return st == JX_ERR_IO ? JX_ERR_IO : JX_ERR_DATA;
  }
  size_t errors = d->n_error;
  sheet_conf c = {0};
  if (!read_sheet_conf(set->arena, &c, d)) {
    jx_workbook_free(wb);
    jx_review_rules_free(set);
    return JX_ERR_DATA;
  }
  read_scoring(set, jx_map_get(c.root, "scoring"), jx_map_get(c.root, "money_units"), d);
  const char *want = scalar(jx_map_get(c.root, "sheet"));
  int cols[COL_N], hdr = -1, best_row = -1, best_found = 0;
  const jx_xsheet *s = want ? jx_workbook_sheet(wb, want) : NULL, *best_sheet = s;
  if (s) hdr = find_header(&c, s, cols, &best_row, &best_found);
  for (size_t i = 0; hdr < 0 && i < wb->n_sheets; i++) {
    int br = -1, bf = 0;
    hdr = find_header(&c, &wb->sheets[i], cols, &br, &bf);
    if (hdr >= 0) s = &wb->sheets[i];
    else if (bf > best_found) best_found = bf, best_row = br, best_sheet = &wb->sheets[i];
  }
  if (hdr < 0) {
    /* name the columns that are missing from the row that came closest */
    char missing[512] = "";
    if (best_sheet && best_row >= 0) {
      int found[COL_N];
      for (int k = 0; k < COL_N; k++) found[k] = -1;
      for (size_t i = best_sheet->row_start[best_row]; i < best_sheet->row_start[best_row + 1]; i++) {
        int k = header_col(&c, best_sheet->cells[i].text);
        if (k >= 0) found[k] = 1;
      }
      for (int k = 0; k < COL_N; k++)
        if (c.required[k] && found[k] < 0 && c.names[k].n) {
          size_t len = strlen(missing);
          snprintf(missing + len, sizeof missing - len, "%s“%s”", len ? "、" : "", c.names[k].items[0]);
        }
      jx_diag_add(d, "JX825", JX_ERROR, cell_pos(set->arena, set->source, best_sheet, (uint32_t)best_row, 0),
                  "审核口径表缺少列 %s（表头在第 %d 行）", missing, best_row + 1);
    } else {
      jx_diag_add(d, "JX825", JX_ERROR, file_pos,
                  "没有找到审核口径表：前 %d 行中没有含“编码、审核对象、模式、审核细项、审核意见表述、正则表达式”的表头行",
                  HEADER_SEARCH_ROWS);
    }
  } else {
    const jx_xcell *title = NULL;
    for (uint32_t r = 0; r < (uint32_t)hdr && !title; r++)
      if (s->row_start[r + 1] > s->row_start[r]) title = &s->cells[s->row_start[r]];
    set->title = title ? trim(set->arena, title->text) : s->name;
    read_sheet_rules(set, &c, s, set->source, hdr, cols, d);
    if (!set->rules.n && d->n_error == errors)
      jx_diag_add(d, "JX825", JX_ERROR, cell_pos(set->arena, set->source, s, (uint32_t)hdr, 0), "审核口径表表头下没有规则");
  }
  jx_workbook_free(wb);
  if (d->n_error > errors) {
    jx_review_rules_free(set);
    return JX_ERR_DATA;
  }
  *out = set;
  return JX_OK;
}

jx_status jx_review_rules_load(const char *path, jx_review_rules **out, jx_diags *diags) {
  *out = NULL;
  size_t n = strlen(path);
  if (n >= 5 && !strcasecmp(path + n - 5, ".xlsx")) return load_sheet(path, out, diags);
  char *data;
  size_t len;
  jx_status st = jx_read_file(path, MAX_RULE_FILE, &data, &len, diags);
  if (st != JX_OK) return st;
  st = jx_review_rules_parse_yaml(path, data, len, out, diags);
  free(data);
  return st;
}
