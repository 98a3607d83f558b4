/* decl.c — a declaration's memory: creating, growing and freeing a jx_decl, its `read:` form, comparing two. */
#include "model/decl.h"

#include <stdio.h>
#include <string.h>

/* The declaration with the capacities of its growable lists (the public struct has none). */
typedef struct {
  jx_decl d;
  size_t cap_indicators, cap_adjustments, cap_sources;
} decl_full;

static decl_full *full(jx_decl *d) { return (decl_full *)(void *)d; }

jx_decl *jx_decl_new(jx_decl_scope scope) {
  jx_arena *a = jx_arena_new();
  decl_full *f = jx_arena_alloc(a, sizeof *f);
  jx_decl *d = &f->d;
  d->arena = a;
  d->scope = scope;
  d->money_unit_fen = JX_FEN_PER_WAN;
  d->name = d->unit = d->department = "";
  d->policy_basis = d->calc_basis = d->annual_goal = "";
  return d;
}

void jx_decl_free(jx_decl *d) {
  if (d) jx_arena_free(d->arena);
}

const char *jx_decl_str(jx_decl *d, const char *s) {
  if (!s) return "";
  size_t i = strspn(s, " \t\r\n"), n = strlen(s);
  while (n > i && strchr(" \t\r\n", s[n - 1])) n--;
  return jx_arena_strndup(d->arena, s + i, n - i);
}

/* A list of the declaration grown by one element; cap is its capacity (at least n). */
static void *push(jx_decl *d, void **items, size_t *n, size_t *cap, size_t elem) {
  if (*n == *cap) {
    size_t new_cap = *cap ? *cap * 2 : 8;
    *items = jx_arena_grow(d->arena, *items, *n, new_cap, elem);
    *cap = new_cap;
  }
  void *e = (char *)*items + *n * elem;
  memset(e, 0, elem);
  (*n)++;
  return e;
}

jx_decl_indicator *jx_decl_add_indicator(jx_decl *d) {
  decl_full *f = full(d);
  if (f->cap_indicators < d->indicators.n) f->cap_indicators = d->indicators.n;
  jx_decl_indicator *ind =
      push(d, (void **)&d->indicators.items, &d->indicators.n, &f->cap_indicators, sizeof *d->indicators.items);
  ind->level1 = ind->level2 = ind->name = ind->value = ind->explanation = "";
  return ind;
}

jx_decl_adjustment *jx_decl_add_adjustment(jx_decl *d) {
  decl_full *f = full(d);
  if (f->cap_adjustments < d->adjustments.n) f->cap_adjustments = d->adjustments.n;
  jx_decl_adjustment *adj =
      push(d, (void **)&d->adjustments.items, &d->adjustments.n, &f->cap_adjustments, sizeof *d->adjustments.items);
  adj->date = adj->reason = adj->approver = "";
  return adj;
}

jx_decl_change *jx_decl_add_change(jx_decl *d, jx_decl_adjustment *adj) {
  /* an adjustment changes a few values: grown one by one (its capacity is not kept) */
  size_t cap = adj->changes.n;
  return push(d, (void **)&adj->changes.items, &adj->changes.n, &cap, sizeof *adj->changes.items);
}

jx_named_money *jx_decl_add_source(jx_decl *d, const char *name, int64_t fen) {
  decl_full *f = full(d);
  if (f->cap_sources < d->by_source.n) f->cap_sources = d->by_source.n;
  jx_named_money *m = push(d, (void **)&d->by_source.items, &d->by_source.n, &f->cap_sources, sizeof *d->by_source.items);
  m->name = jx_decl_str(d, name);
  m->amount.fen = fen;
  m->amount.set = true;
  return m;
}

bool jx_decl_text_not_applicable(const char *text) {
  static const char na[] = "不适用";
  const size_t nalen = sizeof na - 1;
  bool any = false;
  for (const char *p = text ? text : ""; *p;) {
    if (strchr(" \t\r\n", *p)) p++;
    else if (!strncmp(p, "\xE3\x80\x80", 3)) p += 3; /* U+3000 ideographic space */
    else if (!strncmp(p, na, nalen)) p += nalen, any = true;
    else return false;
  }
  return any;
}

void jx_decl_read_form_of(const jx_decl_indicator *ind, jx_decl_read_form *out) {
  memset(out, 0, sizeof *out);
  const jx_target_reading *r = &ind->read;
  if (ind->not_applicable) out->word = "不适用";
  else if (r->blank || !ind->value || !*ind->value) out->word = "空";
  else if (r->readable) {
    if (r->nature != JX_NATURE_NONE) out->nature = jx_nature_symbol(r->nature);
    out->has_number = true;
    out->number = r->num;
    out->has_hi = r->has_hi;
    out->number_hi = r->num_hi;
    out->unit = r->percent ? "%" : *r->unit ? r->unit : NULL;
  } else if (r->has_date) {
    out->nature = jx_nature_symbol(r->nature);
    char y[8] = "-";
    if (r->date_year) snprintf(y, sizeof y, "%d", r->date_year);
    /* month 1–12 and day 1–31 by the reader's contract; % 100U says so to the compiler */
    unsigned month = (unsigned)r->date_month % 100U, day = (unsigned)r->date_day % 100U;
    if (!month) snprintf(out->date, sizeof out->date, "%s", y);
    else if (!day) snprintf(out->date, sizeof out->date, "%s-%02u", y, month);
    else snprintf(out->date, sizeof out->date, "%s-%02u-%02u", y, month, day);
  } else if (!r->has_digit) out->nature = jx_nature_symbol(JX_NATURE_QUAL);
  else out->word = "无法读取";
}

/* ---- comparing --------------------------------------------------------------------- */

static bool same_text(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return strcmp(a, b) == 0;
}

static bool same_money(const jx_money *a, const jx_money *b) {
  return a->set == b->set && (!a->set || a->fen == b->fen);
}

static bool same_num(const jx_num *a, const jx_num *b) { return a->set == b->set && (!a->set || a->v == b->v); }

static bool same_reading(const jx_target_reading *a, const jx_target_reading *b) {
  if (a->readable != b->readable || a->blank != b->blank || a->has_digit != b->has_digit || a->nature != b->nature)
    return false;
  if (a->has_date != b->has_date || a->date_year != b->date_year || a->date_month != b->date_month ||
      a->date_day != b->date_day)
    return false;
  if (!a->readable) return true;
  return a->num == b->num && a->has_hi == b->has_hi && (!a->has_hi || a->num_hi == b->num_hi) &&
         a->percent == b->percent && a->money == b->money && a->time_limit == b->time_limit &&
         strcmp(a->unit, b->unit) == 0;
}

#define DIFF(...)                                                 \
  do {                                                            \
    if (why && whylen) snprintf(why, whylen, __VA_ARGS__);        \
    return false;                                                 \
  } while (0)

static bool same_indicator(const jx_decl_indicator *a, const jx_decl_indicator *b, size_t i, char *why, size_t whylen) {
  static const struct {
    const char *what;
    size_t off;
  } texts[] = {
      {"level1", offsetof(jx_decl_indicator, level1)},         {"level2", offsetof(jx_decl_indicator, level2)},
      {"name", offsetof(jx_decl_indicator, name)},             {"value", offsetof(jx_decl_indicator, value)},
      {"explanation", offsetof(jx_decl_indicator, explanation)}, {"standard", offsetof(jx_decl_indicator, standard)},
      {"source", offsetof(jx_decl_indicator, source)},
  };
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    const char *x = *(const char *const *)(const void *)((const char *)a + texts[k].off);
    const char *y = *(const char *const *)(const void *)((const char *)b + texts[k].off);
    if (!same_text(x, y)) DIFF("indicators[%zu].%s: \"%s\" / \"%s\"", i, texts[k].what, x ? x : "(null)", y ? y : "(null)");
  }
  if (!same_reading(&a->read, &b->read)) DIFF("indicators[%zu].read", i);
  if (a->not_applicable != b->not_applicable) DIFF("indicators[%zu].not_applicable", i);
  if (!same_num(&a->weight, &b->weight)) DIFF("indicators[%zu].weight", i);
  return true;
}

bool jx_decl_same(const jx_decl *a, const jx_decl *b, char *why, size_t whylen) {
  if (a->scope != b->scope) DIFF("scope");
  if (a->year != b->year) DIFF("year: %d / %d", a->year, b->year);
  if (a->money_unit_fen != b->money_unit_fen) DIFF("money_unit");
  if (!same_text(a->code, b->code)) DIFF("code");
  if (!same_text(a->name, b->name)) DIFF("name");
  if (!same_text(a->unit, b->unit)) DIFF("unit");
  if (!same_text(a->department, b->department)) DIFF("department");
  if (!same_money(&a->total, &b->total)) DIFF("amounts.total");
  if (!same_money(&a->this_year, &b->this_year)) DIFF("amounts.this_year");
  if (a->by_source.n != b->by_source.n) DIFF("amounts.by_source: %zu / %zu", a->by_source.n, b->by_source.n);
  for (size_t i = 0; i < a->by_source.n; i++)
    if (!same_text(a->by_source.items[i].name, b->by_source.items[i].name) ||
        !same_money(&a->by_source.items[i].amount, &b->by_source.items[i].amount))
      DIFF("amounts.by_source[%zu]", i);
  if (!same_text(a->policy_basis, b->policy_basis)) DIFF("policy_basis");
  if (!same_text(a->calc_basis, b->calc_basis)) DIFF("calc_basis");
  if (!same_text(a->annual_goal, b->annual_goal)) DIFF("annual_goal");
  if (a->indicators.n != b->indicators.n) DIFF("indicators: %zu / %zu", a->indicators.n, b->indicators.n);
  for (size_t i = 0; i < a->indicators.n; i++)
    if (!same_indicator(&a->indicators.items[i], &b->indicators.items[i], i, why, whylen)) return false;
  if (a->adjustments.n != b->adjustments.n) DIFF("adjustments: %zu / %zu", a->adjustments.n, b->adjustments.n);
  for (size_t i = 0; i < a->adjustments.n; i++) {
    const jx_decl_adjustment *x = &a->adjustments.items[i], *y = &b->adjustments.items[i];
    if (!same_text(x->date, y->date) || !same_text(x->reason, y->reason) || !same_text(x->approver, y->approver))
      DIFF("adjustments[%zu]", i);
    if (x->changes.n != y->changes.n) DIFF("adjustments[%zu].changes", i);
    for (size_t k = 0; k < x->changes.n; k++) {
      const jx_decl_change *p = &x->changes.items[k], *q = &y->changes.items[k];
      if (!same_text(p->indicator, q->indicator) || !same_text(p->from, q->from) || !same_text(p->to, q->to))
        DIFF("adjustments[%zu].changes[%zu]", i, k);
    }
  }
  return true;
}
