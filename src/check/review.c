/* review.c — 目标审核: one declaration against a rule set (patterns, built-in checks, manual rules), with findings, a score per 审核要点 and a conclusion. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "model/review.h"
#include "util/diag.h"
#include "util/i128.h"
#include "util/text.h"

#define SHOWN_CHARS 30 /* what was found is quoted up to this many characters */

typedef struct {
  jx_review *rv;
  const jx_review_rules *set;
  const jx_decl *d;
  jx_diags *diags;
  pcre2_match_data *md;
  size_t rule;       /* the rule being run */
  int64_t used;      /* its deductions so far in this declaration */
  size_t cap_findings;
} ctx;

/* ---- text helpers ---------------------------------------------------------------------- */

static bool is_space_at(const char *s, size_t *len) {
  if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') return *len = 1, true;
  if (!strncmp(s, "\xE3\x80\x80", 3)) return *len = 3, true;
  return false;
}

/* Empty or only whitespace.  (A 指标值 written as a blank marker such as 未填 or — is
 * also blank: the loader's reading says so, see value_blank.) */
static bool blank(const char *s) {
  if (!s) return true;
  size_t k;
  const char *p = s;
  while (*p && is_space_at(p, &k)) p += k;
  return !*p;
}

static bool value_blank(const jx_decl_indicator *x) { return blank(x->value) || x->read.blank; }

/* Two units read from 指标值 name the same thing: equal, or equal without a leading 个
 * ("工作日" = "个工作日"). */
static bool unit_same(const char *a, const char *b) {
  static const char ge[] = "个";
  if (!strncmp(a, ge, strlen(ge)) && a[strlen(ge)]) a += strlen(ge);
  if (!strncmp(b, ge, strlen(ge)) && b[strlen(ge)]) b += strlen(ge);
  return !strcmp(a, b);
}

/* s is 不适用 (once or repeated, with whitespace between). */
static bool not_applicable_text(const char *s) {
  if (!s) return false;
  bool seen = false;
  size_t k;
  while (*s) {
    if (is_space_at(s, &k)) s += k;
    else if (!strncmp(s, "不适用", strlen("不适用"))) s += strlen("不适用"), seen = true;
    else return false;
  }
  return seen;
}

static bool starts_with(const char *s, const char *prefix) { return s && prefix && !strncmp(s, prefix, strlen(prefix)); }

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !memcmp(s + n - m, suffix, m);
}

/* A row that is an indicator: not 不适用, not entirely blank. */
static bool real_row(const jx_decl_indicator *x) {
  if (x->not_applicable || not_applicable_text(x->name) || not_applicable_text(x->value)) return false;
  return !(blank(x->name) && value_blank(x) && blank(x->explanation));
}

/* The row is in the 二级指标 group named by prefix ("数量", "成本"): its 二级指标 starts so, or —
 * the 2021 common frame (财预〔2021〕101号) made 成本指标 a 一级指标 with 经济成本指标 … under it —
 * its 一级指标 does. */
static bool in_group(const jx_decl_indicator *x, const char *prefix) {
  return starts_with(x->level2, prefix) || starts_with(x->level1, prefix);
}

static bool level2_is(const jx_decl_indicator *x, const char *prefix) { return !prefix || in_group(x, prefix); }

/* s cut to SHOWN_CHARS characters (…), control characters as they are (printing escapes them). */
static const char *shown(jx_arena *a, const char *s) {
  if (!s) return "";
  size_t chars = 0, i = 0;
  while (s[i] && chars < SHOWN_CHARS) {
    i += jx_u8_len(s + i);
    chars++;
  }
  return s[i] ? jx_arena_printf(a, "%.*s…", (int)i, s) : s;
}

/* Letters and digits of s only (whitespace and punctuation dropped), in a. */
static char *bare(jx_arena *a, const char *s) {
  static const char *const punct[] = {"。", "，", "、", "；", "：", "“", "”", "‘", "’", "（", "）", "《", "》", "！", "？", "…", "—", NULL};
  char *out = jx_arena_alloc(a, strlen(s ? s : "") + 1);
  size_t k = 0, n;
  for (const char *p = s ? s : ""; *p;) {
    if (is_space_at(p, &n)) {
      p += n;
      continue;
    }
    if ((unsigned char)*p < 0x80 && !((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
      p++;
      continue;
    }
    bool skip = false;
    for (size_t i = 0; punct[i] && !skip; i++)
      if (starts_with(p, punct[i])) p += strlen(punct[i]), skip = true;
    if (skip) continue;
    n = jx_u8_len(p);
    memcpy(out + k, p, n);
    k += n;
    p += n;
  }
  out[k] = 0;
  return out;
}

/* ---- findings ------------------------------------------------------------------------ */

static const jx_rv_rule *R(const ctx *c) { return &c->set->rules.items[c->rule]; }

static jx_pos file_pos(const ctx *c) {
  jx_pos p = {c->d->path, 0, 0};
  return p;
}

static const char *row_label(const ctx *c, size_t i) {
  const jx_decl_indicator *x = &c->d->indicators.items[i];
  return jx_arena_printf(c->rv->arena, "第 %zu 行指标（%s/%s）", i + 1, blank(x->level1) ? "空" : x->level1,
                         blank(x->level2) ? "空" : x->level2);
}

static void add(ctx *c, jx_finding_kind kind, const char *field, int indicator, const char *found) {
  const jx_rv_rule *r = R(c);
  jx_arena *a = c->rv->arena;
  jx_review_finding *f = JX_VEC_PUSH(a, c->rv->findings, c->cap_findings);
  memset(f, 0, sizeof *f);
  f->rule = c->rule;
  f->info = &r->info;
  f->kind = kind;
  f->severity = kind == JX_FINDING_CANDIDATE ? JX_NOTE : r->severity;
  f->field = field;
  f->indicator = indicator;
  f->found = found;
  f->pos = indicator >= 0 && c->d->indicators.items[indicator].pos.file ? c->d->indicators.items[indicator].pos : file_pos(c);
  if (kind != JX_FINDING_CANDIDATE) {
    int64_t want = r->severity == JX_ERROR ? c->set->deduct_error : c->set->deduct_warning;
    int64_t room = c->set->max_per_rule - c->used;
    f->deduction = want < room ? want : room > 0 ? room : 0;
    c->used += f->deduction;
  }
  f->code = kind == JX_FINDING_PATTERN ? "JX820" : kind == JX_FINDING_BUILTIN ? "JX821" : "JX822";
  const char *where = *r->info.point2 && strcmp(r->info.point2, "/") != 0
                          ? jx_arena_printf(a, "%s·%s", r->info.point, r->info.point2)
                          : r->info.point;
  if (kind == JX_FINDING_CANDIDATE)
    f->message = jx_arena_printf(a, "规则 %s「%s」需人工确认：%s%s。意见：%s", r->info.code, r->info.detail, field, found,
                                 r->info.opinion);
  else
    f->message = jx_arena_printf(a, "规则 %s「%s」（%s）：%s%s。意见：%s", r->info.code, r->info.detail, where, field, found,
                                 r->info.opinion);
  jx_diag_add(c->diags, f->code, f->severity, f->pos, "%s", f->message);
}

/* 1 match, 0 no match, -1 not decided (the match limit, or a subject PCRE2 refuses). */
static int match(ctx *c, const char *subject, const char **matched, size_t *matched_len) {
  int rc = pcre2_match((const pcre2_code *)R(c)->re, (PCRE2_SPTR)subject, strlen(subject), 0, 0, c->md,
                       (pcre2_match_context *)c->set->match_ctx);
  if (rc >= 0) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    *matched = subject + ov[0];
    *matched_len = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
    return 1;
  }
  if (rc == PCRE2_ERROR_NOMATCH) return 0;
  return -1;
}

static void undecided(ctx *c, const char *field, int indicator, int rc_unused) {
  (void)rc_unused;
  c->rv->n_undecided++;
  jx_pos p = indicator >= 0 && c->d->indicators.items[indicator].pos.file ? c->d->indicators.items[indicator].pos : file_pos(c);
  jx_diag_add(c->diags, "JX827", JX_WARNING, p, "规则 %s 的正则表达式在%s上超过匹配上限（%u 步、深度 %u），这一项没有判断", R(c)->info.code,
              field, c->set->match_limit, c->set->depth_limit);
}

/* One text against the current rule's pattern or emptiness. */
static void judge(ctx *c, const char *field, int indicator, const char *text) {
  const jx_rv_rule *r = R(c);
  jx_arena *a = c->rv->arena;
  jx_finding_kind kind = r->info.mode == JX_REVIEW_MANUAL ? JX_FINDING_CANDIDATE : JX_FINDING_PATTERN;
  if (r->sense == JX_RV_SENSE_EMPTY) {
    if (blank(text)) add(c, kind, field, indicator, "未填写");
    return;
  }
  const char *m = NULL;
  size_t mlen = 0;
  int hit = match(c, text ? text : "", &m, &mlen);
  if (hit < 0) {
    undecided(c, field, indicator, hit);
    return;
  }
  if (r->sense == JX_RV_SENSE_MATCH && hit)
    add(c, kind, field, indicator,
        jx_arena_printf(a, "“%s”含“%s”", shown(a, text), shown(a, jx_arena_strndup(a, m, mlen))));
  else if (r->sense == JX_RV_SENSE_MISMATCH && !hit)
    add(c, kind, field, indicator,
        blank(text) ? "未填写" : jx_arena_printf(a, "“%s”不符合要求的写法", shown(a, text)));
}

static void run_rows(ctx *c, jx_rv_target t) {
  const jx_rv_rule *r = R(c);
  for (size_t i = 0; i < c->d->indicators.n; i++) {
    const jx_decl_indicator *x = &c->d->indicators.items[i];
    if (!real_row(x) || !level2_is(x, r->level2)) continue;
    const char *label = row_label(c, i);
    const char *text = t == JX_RV_T_NAME ? x->name : t == JX_RV_T_VALUE ? (x->read.blank ? "" : x->value) : x->explanation;
    const char *what = t == JX_RV_T_NAME ? "三级指标" : t == JX_RV_T_VALUE ? "指标值" : "指标解释";
    if (t != JX_RV_T_NAME && !blank(x->name))
      label = jx_arena_printf(c->rv->arena, "%s“%s”", label, shown(c->rv->arena, x->name));
    judge(c, jx_arena_printf(c->rv->arena, "%s的%s", label, what), (int)i, text);
  }
}

static bool has_real_row(const jx_decl *d, const char *level1, const char *level2) {
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *x = &d->indicators.items[i];
    if (real_row(x) && !blank(x->name) && (!level1 || starts_with(x->level1, level1)) && (!level2 || in_group(x, level2)))
      return true;
  }
  return false;
}

static void run_pattern_rule(ctx *c) {
  const jx_rv_rule *r = R(c);
  const jx_decl *d = c->d;
  switch (r->target) {
  case JX_RV_T_POLICY: judge(c, "政策依据", -1, d->policy_basis); break;
  case JX_RV_T_CALC: judge(c, "测算依据", -1, d->calc_basis); break;
  case JX_RV_T_GOAL: judge(c, "年度目标", -1, d->annual_goal); break;
  case JX_RV_T_TABLE:
    if (r->sense == JX_RV_SENSE_EMPTY && !has_real_row(d, NULL, NULL))
      add(c, JX_FINDING_PATTERN, "绩效目标表", -1, jx_arena_printf(c->rv->arena, "没有实际的指标行（共 %zu 行，都是空行或不适用）", d->indicators.n));
    break;
  case JX_RV_T_ROW_CELLS:
    for (size_t i = 0; i < d->indicators.n; i++) {
      const jx_decl_indicator *x = &d->indicators.items[i];
      const char *empty[3];
      size_t n = 0;
      if (blank(x->name)) empty[n++] = "三级指标";
      if (value_blank(x)) empty[n++] = "指标值";
      if (blank(x->explanation)) empty[n++] = "指标解释";
      if (!n) continue;
      const char *list = n == 3 ? "三级指标、指标值、指标解释" : n == 2 ? jx_arena_printf(c->rv->arena, "%s、%s", empty[0], empty[1]) : empty[0];
      add(c, JX_FINDING_PATTERN, row_label(c, i), (int)i, jx_arena_printf(c->rv->arena, "的%s留空", list));
    }
    break;
  case JX_RV_T_LEVEL2:
    if (!has_real_row(d, NULL, r->level2))
      add(c, JX_FINDING_PATTERN, jx_arena_printf(c->rv->arena, "“%s”二级指标", r->level2), -1, "没有实际的指标行（未填写，或只有不适用、空行）");
    break;
  case JX_RV_T_NAME:
  case JX_RV_T_VALUE:
  case JX_RV_T_EXPLANATION: run_rows(c, r->target); break;
  case JX_RV_T_NONE:
  case JX_RV_T_INDICATORS: break;
  }
}

/* ---- built-in checks ------------------------------------------------------------------ */

static void b_value_measurable(ctx *c) {
  const jx_rv_rule *r = R(c);
  jx_arena *a = c->rv->arena;
  for (size_t i = 0; i < c->d->indicators.n; i++) {
    const jx_decl_indicator *x = &c->d->indicators.items[i];
    char *v = bare(a, x->value);
    bool named = !blank(x->name) && !not_applicable_text(x->name);
    if (real_row(x)) {
      for (size_t k = 0; k < r->words.n; k++)
        if (!strcmp(v, r->words.items[k])) {
          add(c, JX_FINDING_BUILTIN, jx_arena_printf(a, "%s“%s”的指标值", row_label(c, i), shown(a, x->name)), (int)i,
              jx_arena_printf(a, "只写了“%s”，不是可衡量的目标", shown(a, x->value)));
          break;
        }
    } else if (named && not_applicable_text(x->value)) {
      for (size_t k = 0; k < r->required.n; k++)
        if (in_group(x, r->required.items[k])) {
          add(c, JX_FINDING_BUILTIN, jx_arena_printf(a, "%s“%s”的指标值", row_label(c, i), shown(a, x->name)), (int)i,
              jx_arena_printf(a, "写作“不适用”，但“%s”是必填的二级指标", r->required.items[k]));
          break;
        }
    }
  }
}

static bool ends_with_any(const char *s, const jx_strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    if (ends_with(s, l->items[i])) return true;
  return false;
}

static const char *unit_shown(const jx_target_reading *t) { return t->percent ? "%" : *t->unit ? t->unit : "（无单位）"; }

static void b_units_consistent(ctx *c) {
  const jx_rv_rule *r = R(c);
  jx_arena *a = c->rv->arena;
  const jx_decl *d = c->d;
  for (size_t j = 0; j < d->indicators.n; j++) {
    const jx_decl_indicator *y = &d->indicators.items[j];
    if (!real_row(y) || blank(y->name) || !y->read.readable) continue;
    const char *name = bare(a, y->name);
    bool told = false;
    for (size_t i = 0; i < j && !told; i++) {
      const jx_decl_indicator *x = &d->indicators.items[i];
      if (!real_row(x) || !x->read.readable || strcmp(bare(a, x->name), name) != 0) continue;
      if (x->read.percent != y->read.percent || (!x->read.percent && !unit_same(x->read.unit, y->read.unit))) {
        add(c, JX_FINDING_BUILTIN, jx_arena_printf(a, "%s“%s”", row_label(c, j), shown(a, y->name)), (int)j,
            jx_arena_printf(a, "的单位“%s”（%s）与第 %zu 行同名指标的“%s”（%s）不同", unit_shown(&y->read), shown(a, y->value), i + 1,
                            unit_shown(&x->read), shown(a, x->value)));
        told = true;
      }
    }
    if (told) continue;
    bool rate = ends_with_any(name, &r->rate_words), count = !rate && ends_with_any(name, &r->count_words);
    if (count && y->read.percent)
      add(c, JX_FINDING_BUILTIN, jx_arena_printf(a, "%s“%s”", row_label(c, j), shown(a, y->name)), (int)j,
          jx_arena_printf(a, "是数量类指标，指标值却是百分比“%s”", shown(a, y->value)));
    else if (rate && !y->read.percent && *y->read.unit && !y->read.money && !y->read.time_limit)
      add(c, JX_FINDING_BUILTIN, jx_arena_printf(a, "%s“%s”", row_label(c, j), shown(a, y->name)), (int)j,
          jx_arena_printf(a, "是比率类指标，指标值却以“%s”计（%s）", y->read.unit, shown(a, y->value)));
  }
}

/* A cost target's size in 分 × JX_NUM_SCALE when its unit is an amount (元, 万元, "/年"
 * allowed); false for unit prices (元/人) and other units. */
static bool cost_amount(const jx_review_rules *set, const jx_target_reading *t, jx_i128 *out) {
  if (!t->readable || t->percent || !*t->unit) return false;
  char unit[JX_TARGET_UNIT_MAX];
  snprintf(unit, sizeof unit, "%s", t->unit);
  size_t n = strlen(unit);
  if (n > strlen("/年") && !strcmp(unit + n - strlen("/年"), "/年")) unit[n - strlen("/年")] = 0;
  for (size_t i = 0; i < set->money_units.n; i++)
    if (!strcmp(set->money_units.items[i].unit, unit)) {
      *out = (jx_i128)(t->has_hi ? t->num_hi : t->num) * set->money_units.items[i].fen;
      return true;
    }
  return false;
}

static const char *wan(jx_arena *a, jx_i128 fen_scaled) {
  char buf[64];
  if (fen_scaled % JX_NUM_SCALE == 0) return jx_arena_strdup(a, jx_format_decimal(jx_sat64(fen_scaled / JX_NUM_SCALE), 6, buf, sizeof buf));
  return jx_arena_strdup(a, jx_format_decimal(jx_sat64(fen_scaled), 12, buf, sizeof buf));
}

static bool contains_any(const char *s, const jx_strlist *l) {
  for (size_t i = 0; s && i < l->n; i++)
    if (strstr(s, l->items[i])) return true;
  return false;
}

/* The 成本 targets written as amounts, in two sums: those that name the whole project
 * (total_words: 总成本 …, unless year_words: 年度 … or a unit "/年" say it is the year's)
 * against 项目总金额, the others against 本年金额 (项目总金额 when 本年金额 is 0). */
static void b_cost_within_money(ctx *c) {
  const jx_rv_rule *r = R(c);
  jx_arena *a = c->rv->arena;
  const jx_decl *d = c->d;
  const char *level2 = r->level2 ? r->level2 : "成本";
  jx_i128 sum[2] = {0, 0}; /* [0] the year's, [1] the whole project's */
  const char *rows[2] = {"", ""};
  size_t n[2] = {0, 0};
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *x = &d->indicators.items[i];
    jx_i128 v;
    if (!real_row(x) || !in_group(x, level2) || !cost_amount(c->set, &x->read, &v)) continue;
    bool per_year = ends_with(x->read.unit, "/年") || contains_any(x->name, &r->year_words) || contains_any(x->value, &r->year_words);
    int k = !per_year && (contains_any(x->name, &r->total_words) || contains_any(x->value, &r->total_words));
    sum[k] += v;
    rows[k] = jx_arena_printf(a, "%s%s第 %zu 行“%s”", rows[k], n[k]++ ? "、" : "", i + 1, shown(a, x->value));
  }
  bool year = d->this_year.set && d->this_year.fen > 0, total = d->total.set && d->total.fen > 0;
  const char *also = year && d->total.set ? jx_arena_printf(a, "，项目总金额 %s 万元", wan(a, (jx_i128)d->total.fen * JX_NUM_SCALE)) : "";
  for (int k = 0; k < 2; k++) {
    const jx_money *bound = k == 0 && year ? &d->this_year : total ? &d->total : NULL;
    if (!n[k] || !bound || sum[k] <= (jx_i128)bound->fen * JX_NUM_SCALE) continue;
    add(c, JX_FINDING_BUILTIN, k ? "成本指标（项目总成本）" : "成本指标", -1,
        jx_arena_printf(a, "合计 %s 万元（%s），超过%s %s 万元%s", wan(a, sum[k]), rows[k],
                        bound == &d->this_year ? "本年金额" : "项目总金额", wan(a, (jx_i128)bound->fen * JX_NUM_SCALE),
                        bound == &d->this_year ? also : ""));
  }
}

static void b_goal_not_name(ctx *c) {
  const jx_rv_rule *r = R(c);
  jx_arena *a = c->rv->arena;
  const jx_decl *d = c->d;
  if (blank(d->annual_goal)) {
    /* said once: another rule of the set may already look for an empty 年度目标 */
    for (size_t i = 0; i < c->set->rules.n; i++)
      if (c->set->rules.items[i].target == JX_RV_T_GOAL && c->set->rules.items[i].sense == JX_RV_SENSE_EMPTY) return;
    add(c, JX_FINDING_BUILTIN, "年度目标", -1, "未填写");
    return;
  }
  char *goal = bare(a, d->annual_goal), *name = bare(a, d->name);
  if (!*name || !*goal) return;
  size_t gc = jx_u8_chars(goal), nc = jx_u8_chars(name);
  bool copy = strstr(name, goal) || (strstr(goal, name) && gc <= nc + (size_t)r->max_extra_chars);
  if (copy)
    add(c, JX_FINDING_BUILTIN, "年度目标", -1,
        jx_arena_printf(a, "“%s”只是项目名称“%s”的重复", shown(a, d->annual_goal), shown(a, d->name)));
}

static void b_present(ctx *c, const char *level1, const char *level2) {
  if (has_real_row(c->d, level1, level2)) return;
  add(c, JX_FINDING_BUILTIN, jx_arena_printf(c->rv->arena, "“%s”%s", level1 ? level1 : level2, level1 ? "一级指标" : "二级指标"), -1,
      "没有实际的指标行（未填写，或只有不适用、空行）");
}

static void b_satisfaction(ctx *c) {
  const jx_rv_rule *r = R(c);
  const jx_decl *d = c->d;
  const char *word = NULL;
  for (size_t i = 0; i < r->words.n && !word; i++)
    if ((d->name && strstr(d->name, r->words.items[i])) || (d->annual_goal && strstr(d->annual_goal, r->words.items[i])))
      word = r->words.items[i];
  if (!word || has_real_row(d, r->level1, NULL)) return;
  add(c, JX_FINDING_BUILTIN, "满意度指标", -1,
      jx_arena_printf(c->rv->arena, "：项目名称或年度目标含“%s”（面向公众的服务），但没有实际的“%s”指标", word, r->level1));
}

static void run_builtin(ctx *c) {
  const jx_rv_rule *r = R(c);
  switch (r->builtin) {
  case JX_RV_B_LEVEL2_PRESENT: b_present(c, NULL, r->level2); break;
  case JX_RV_B_LEVEL1_PRESENT: b_present(c, r->level1, NULL); break;
  case JX_RV_B_SATISFACTION: b_satisfaction(c); break;
  case JX_RV_B_VALUE_MEASURABLE: b_value_measurable(c); break;
  case JX_RV_B_UNITS_CONSISTENT: b_units_consistent(c); break;
  case JX_RV_B_COST_WITHIN_MONEY: b_cost_within_money(c); break;
  case JX_RV_B_GOAL_NOT_NAME: b_goal_not_name(c); break;
  case JX_RV_B_NONE: break;
  }
}

/* ---- the review ------------------------------------------------------------------------ */

static jx_review_point *point_of(jx_review *rv, const char *name, size_t *cap) {
  for (size_t i = 0; i < rv->points.n; i++)
    if (!strcmp(rv->points.items[i].point, name)) return &rv->points.items[i];
  jx_review_point *p = JX_VEC_PUSH(rv->arena, rv->points, *cap);
  memset(p, 0, sizeof *p);
  p->point = name;
  return p;
}

jx_status jx_review_run(const jx_review_rules *rules, const jx_decl *d, jx_review **out, jx_diags *diags) {
  *out = NULL;
  if (!rules || !d || !diags) return JX_ERR_INVALID;
  jx_arena *a = jx_arena_new();
  jx_review *rv = jx_arena_alloc(a, sizeof *rv);
  rv->arena = a;
  rv->decl = d;
  rv->rules = rules;
  ctx c = {.rv = rv, .set = rules, .d = d, .diags = diags};
  c.md = pcre2_match_data_create(16, (pcre2_general_context *)rules->general_ctx);
  size_t manual_cap = 0;
  for (c.rule = 0; c.rule < rules->rules.n; c.rule++) {
    const jx_rv_rule *r = &rules->rules.items[c.rule];
    c.used = 0;
    if (r->info.mode == JX_REVIEW_MANUAL) *JX_VEC_PUSH(a, rv->manual, manual_cap) = c.rule;
    if (r->info.mode == JX_REVIEW_BUILTIN) run_builtin(&c);
    else if (r->sense != JX_RV_SENSE_NONE) run_pattern_rule(&c);
  }
  pcre2_match_data_free(c.md);
  /* scores per 审核要点 and the conclusion */
  size_t cap = 0;
  for (size_t i = 0; i < rules->points.n; i++) point_of(rv, rules->points.items[i], &cap)->score = rules->full;
  bool any = false;
  for (size_t i = 0; i < rv->findings.n; i++) {
    const jx_review_finding *f = &rv->findings.items[i];
    if (f->kind == JX_FINDING_CANDIDATE) {
      rv->n_candidates++;
      continue;
    }
    any = true;
    const char *name = *f->info->point ? f->info->point : "其他";
    jx_review_point *p = point_of(rv, name, &cap);
    if (!p->n_findings && p->score == 0 && rules->full) p->score = rules->full; /* a 要点 the scoring did not list */
    p->n_findings++;
    p->score = p->score > f->deduction ? p->score - f->deduction : 0;
  }
  rv->conclusion = any ? JX_REVIEW_PASS_AFTER_CHANGES : JX_REVIEW_PASS;
  for (size_t i = 0; i < rv->points.n; i++)
    if (rv->points.items[i].score < rules->fail_below) rv->conclusion = JX_REVIEW_FAIL;
  *out = rv;
  return JX_OK;
}

void jx_review_free(jx_review *r) {
  if (r) jx_arena_free(r->arena);
}
