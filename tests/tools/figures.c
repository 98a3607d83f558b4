/* figures.c — test tool: compare the key figures of a department-year file with those of its import.
 *
 *   jx_figures SOURCE.yaml IMPORTED.yaml [--json]
 *
 * Both files are read through the public API (jx_doc_load, references resolved).  The key
 * figures (issue #16) are those the source states:
 *   year        the year
 *   name        the department's name; for a project file also the project's name
 *   finance     department: budget.{total,fiscal,other,carried_in}, finance.income.{total,
 *               fiscal,other,carried_in}, income.by_level (by name), finance.adjusted,
 *               finance.expenditure.{total,basic,project}, carry_over, balance;
 *               project file: project.{initial,adjusted,executed} and the rows
 *               project.{fiscal,carried_in,other}.{initial,adjusted,executed}
 *   nature target unit weight actual score
 *               of every indicator (the department's table, the project's, and those of
 *               finance.projects[] that carry indicators)
 *   total       the stated total score (assessment.total; a project's own when it has one)
 * A figure the source does not state is not counted; one the import adds is not either.
 * Money is compared as integer 分, numbers as the model's exact millionths; a target or an
 * actual compares its number (a reference by its resolved number, a range by both ends) or,
 * for a qualitative value, its trimmed text; a unit is the indicator's unit, else the unit
 * read from its target text, else "%" for a percentage target.  Indicators are matched by
 * name (trimmed), failing that by position within their level (一级指标 + 二级指标).
 *
 * Output: one line per figure that is missing (缺失) or differs (不同), with both values,
 * then "figures: matched N of M (P%); year a/b, name a/b, …".  --json: the same as one JSON
 * object.  Exit 0 whenever both files could be compared (the threshold is the caller's),
 * 2 on wrong usage, 3 when a file cannot be read as a department-year. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

enum { C_YEAR, C_NAME, C_FINANCE, C_NATURE, C_TARGET, C_UNIT, C_WEIGHT, C_ACTUAL, C_SCORE, C_TOTAL, C_COUNT };
static const char *const cat_names[C_COUNT] = {"year",   "name",   "finance", "nature", "target",
                                               "unit",   "weight", "actual",  "score",  "total"};

typedef struct {
  int cat;
  const char *figure, *source, *imported; /* imported NULL: missing */
} difference;

typedef struct {
  size_t matched[C_COUNT], total[C_COUNT];
  difference *diffs;
  size_t n_diffs, cap_diffs;
} tally;

/* ---- strings kept until exit ------------------------------------------------------------ */

static void **pool;
static size_t pool_n, pool_cap;

static char *keep(char *p) {
  if (pool_n == pool_cap) {
    pool_cap = pool_cap ? pool_cap * 2 : 256;
    pool = jx_xrealloc(pool, pool_cap * sizeof *pool);
  }
  pool[pool_n++] = p;
  return p;
}

static void pool_free(void) {
  for (size_t i = 0; i < pool_n; i++) free(pool[i]);
  free(pool);
}

__attribute__((format(printf, 1, 2))) static const char *fmt(const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  int n = vsnprintf(NULL, 0, f, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *s = keep(jx_xmalloc((size_t)n + 1));
  va_start(ap, f);
  (void)vsnprintf(s, (size_t)n + 1, f, ap);
  va_end(ap);
  return s;
}

/* s without leading and trailing ASCII white space and U+3000; NULL when nothing is left */
static const char *trimmed(const char *s) {
  if (!s) return NULL;
  for (;;) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    else if (!strncmp(s, "\xe3\x80\x80", 3)) s += 3;
    else break;
  }
  size_t n = strlen(s);
  for (;;) {
    if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    else if (n >= 3 && !strncmp(s + n - 3, "\xe3\x80\x80", 3)) n -= 3;
    else break;
  }
  if (n == 0) return NULL;
  return fmt("%.*s", (int)n, s);
}

static bool same_text(const char *a, const char *b) {
  const char *x = trimmed(a), *y = trimmed(b);
  return x && y && strcmp(x, y) == 0;
}

static const char *decimal(int64_t v) {
  char buf[48];
  return fmt("%s", jx_format_decimal(v, 6, buf, sizeof buf));
}

/* ---- recording ---------------------------------------------------------------------------- */

/* One figure the source states: src its text; imp the import's text (NULL: missing); equal
 * whether the two are the same figure. */
static void record(tally *t, int cat, const char *figure, const char *src, const char *imp, bool equal) {
  t->total[cat]++;
  if (imp && equal) {
    t->matched[cat]++;
    return;
  }
  if (t->n_diffs == t->cap_diffs) {
    t->cap_diffs = t->cap_diffs ? t->cap_diffs * 2 : 64;
    t->diffs = jx_xrealloc(t->diffs, t->cap_diffs * sizeof *t->diffs);
  }
  t->diffs[t->n_diffs++] = (difference){cat, figure, src, imp};
}

static void cmp_money(tally *t, int cat, const char *figure, const jx_money *s, const jx_money *m) {
  if (!s->set) return;
  const char *src = fmt("%s万元", decimal(s->fen));
  const char *imp = m && m->set ? fmt("%s万元", decimal(m->fen)) : NULL;
  record(t, cat, figure, src, imp, imp && m->fen == s->fen);
}

static void cmp_num(tally *t, int cat, const char *figure, const jx_num *s, const jx_num *m) {
  if (!s->set) return;
  const char *imp = m && m->set ? decimal(m->v) : NULL;
  record(t, cat, figure, decimal(s->v), imp, imp && m->v == s->v);
}

static void cmp_text(tally *t, int cat, const char *figure, const char *s, const char *m) {
  const char *src = trimmed(s);
  if (!src) return;
  const char *imp = trimmed(m);
  record(t, cat, figure, src, imp, imp && strcmp(src, imp) == 0);
}

static bool numeric(const jx_value *v) { return v->kind == JX_VAL_NUMBER || (v->kind == JX_VAL_REF && v->resolved); }

/* the value as text; NULL when it is not there (none, or a blank marker) */
static const char *value_text(const jx_value *v) {
  if (!v || v->kind == JX_VAL_NONE || v->blank) return NULL;
  if (numeric(v)) {
    const char *lo = decimal(v->num);
    return v->has_hi ? fmt("%s–%s", lo, decimal(v->num_hi)) : lo;
  }
  if (v->kind == JX_VAL_REF) return fmt("%s（引用未解析）", v->text ? v->text : "");
  return trimmed(v->text);
}

static void cmp_value(tally *t, int cat, const char *figure, const jx_value *s, const jx_value *m) {
  const char *src = value_text(s);
  if (!src) return;
  const char *imp = value_text(m);
  bool equal = false;
  if (imp && m) {
    if (numeric(s) && numeric(m))
      equal = s->num == m->num && s->has_hi == m->has_hi && (!s->has_hi || s->num_hi == m->num_hi);
    else if (s->kind == JX_VAL_TEXT && m->kind == JX_VAL_TEXT)
      equal = strcmp(src, imp) == 0;
  }
  record(t, cat, figure, src, imp, equal);
}

static const char *unit_of(const jx_indicator *in) {
  if (!in) return NULL;
  const char *u = trimmed(in->unit);
  if (!u && in->target.kind != JX_VAL_NONE && !in->target.blank) {
    u = trimmed(in->target.unit_read);
    if (!u && in->target.percent) u = "%";
  }
  return u;
}

/* ---- indicators ------------------------------------------------------------------------- */

static void cmp_indicator(tally *t, const char *label, const jx_indicator *s, const jx_indicator *m) {
  if (s->nature != JX_NATURE_NONE) {
    bool has = m && m->nature != JX_NATURE_NONE;
    record(t, C_NATURE, fmt("%s.nature", label), jx_nature_symbol(s->nature), has ? jx_nature_symbol(m->nature) : NULL,
           has && m->nature == s->nature);
  }
  cmp_value(t, C_TARGET, fmt("%s.target", label), &s->target, m ? &m->target : NULL);
  cmp_text(t, C_UNIT, fmt("%s.unit", label), unit_of(s), unit_of(m));
  cmp_num(t, C_WEIGHT, fmt("%s.weight", label), &s->weight, m ? &m->weight : NULL);
  cmp_value(t, C_ACTUAL, fmt("%s.actual", label), &s->actual, m ? &m->actual : NULL);
  cmp_num(t, C_SCORE, fmt("%s.score", label), &s->score, m ? &m->score : NULL);
}

static bool same_level(const jx_indicator *a, const jx_indicator *b) {
  const char *a1 = trimmed(a->level1), *b1 = trimmed(b->level1), *a2 = trimmed(a->level2), *b2 = trimmed(b->level2);
  return (a1 ? b1 && !strcmp(a1, b1) : !b1) && (a2 ? b2 && !strcmp(a2, b2) : !b2);
}

/* Match each source indicator to an imported one: by name, then by position in its level. */
static void cmp_indicators(tally *t, const char *prefix, const jx_indicatorlist *s, const jx_indicatorlist *m) {
  if (s->n == 0) return;
  size_t mn = m ? m->n : 0;
  bool *used = jx_xcalloc(mn + 1, sizeof *used);
  size_t *match = jx_xmalloc(s->n * sizeof *match); /* index into m, or SIZE_MAX */
  for (size_t i = 0; i < s->n; i++) {
    match[i] = SIZE_MAX;
    for (size_t j = 0; j < mn; j++)
      if (!used[j] && same_text(s->items[i].name, m->items[j].name)) {
        used[j] = true;
        match[i] = j;
        break;
      }
  }
  for (size_t i = 0; i < s->n; i++) {
    if (match[i] != SIZE_MAX) continue;
    size_t k = 0; /* the place of source indicator i within its level */
    for (size_t p = 0; p < i; p++) k += same_level(&s->items[p], &s->items[i]);
    for (size_t j = 0; j < mn; j++) {
      if (!same_level(&m->items[j], &s->items[i])) continue;
      if (k-- > 0) continue;
      if (!used[j]) {
        used[j] = true;
        match[i] = j;
      }
      break;
    }
  }
  for (size_t i = 0; i < s->n; i++) {
    const jx_indicator *mi = match[i] == SIZE_MAX ? NULL : &m->items[match[i]];
    const char *name = trimmed(s->items[i].name);
    const char *label = fmt("%s[%zu]「%s」", prefix, i, name ? name : "");
    if (mi && !same_text(s->items[i].name, mi->name)) {
      const char *mname = trimmed(mi->name);
      label = fmt("%s（按位置对应导入的「%s」）", label, mname ? mname : "");
    }
    cmp_indicator(t, label, &s->items[i], mi);
  }
  free(match);
  free(used);
}

/* ---- the document ------------------------------------------------------------------------- */

static const jx_project *find_project(const jx_projectlist *l, const jx_project *s, size_t pos) {
  if (!l) return NULL;
  for (size_t j = 0; j < l->n; j++)
    if (same_text(l->items[j].name, s->name)) return &l->items[j];
  return pos < l->n ? &l->items[pos] : NULL;
}

static void cmp_row(tally *t, const char *prefix, const jx_money_row *s, const jx_money_row *m) {
  cmp_money(t, C_FINANCE, fmt("%s.initial", prefix), &s->initial, m ? &m->initial : NULL);
  cmp_money(t, C_FINANCE, fmt("%s.adjusted", prefix), &s->adjusted, m ? &m->adjusted : NULL);
  cmp_money(t, C_FINANCE, fmt("%s.executed", prefix), &s->executed, m ? &m->executed : NULL);
}

static void cmp_project_file(tally *t, const jx_project *s, const jx_project *m, const jx_doc *md) {
  cmp_text(t, C_NAME, "project.name", s->name, m ? m->name : NULL);
  cmp_money(t, C_FINANCE, "project.initial", &s->initial, m ? &m->initial : NULL);
  cmp_money(t, C_FINANCE, "project.adjusted", &s->adjusted, m ? &m->adjusted : NULL);
  cmp_money(t, C_FINANCE, "project.executed", &s->executed, m ? &m->executed : NULL);
  cmp_row(t, "project.fiscal", &s->fiscal, m ? &m->fiscal : NULL);
  cmp_row(t, "project.carried_in", &s->carried_in, m ? &m->carried_in : NULL);
  cmp_row(t, "project.other", &s->other, m ? &m->other : NULL);
  cmp_indicators(t, "project.indicators", &s->indicators, m ? &m->indicators : NULL);
  /* the import may hold the project's total at the top level */
  const jx_num *mt = m && m->stated_total.set ? &m->stated_total : &md->stated_total;
  cmp_num(t, C_TOTAL, "project.assessment.total", &s->stated_total, mt);
}

static void compare(tally *t, const jx_doc *s, const jx_doc *m) {
  if (s->year) {
    const char *imp = m->year ? fmt("%d", m->year) : NULL;
    record(t, C_YEAR, "year", fmt("%d", s->year), imp, m->year == s->year);
  }
  cmp_text(t, C_NAME, "department.name", s->department, m->department);

  cmp_money(t, C_FINANCE, "budget.total", &s->budget_total, &m->budget_total);
  cmp_money(t, C_FINANCE, "budget.fiscal", &s->budget_fiscal, &m->budget_fiscal);
  cmp_money(t, C_FINANCE, "budget.other", &s->budget_other, &m->budget_other);
  cmp_money(t, C_FINANCE, "budget.carried_in", &s->budget_carried_in, &m->budget_carried_in);
  cmp_money(t, C_FINANCE, "finance.income.total", &s->income_total, &m->income_total);
  cmp_money(t, C_FINANCE, "finance.income.fiscal", &s->income_fiscal, &m->income_fiscal);
  cmp_money(t, C_FINANCE, "finance.income.other", &s->income_other, &m->income_other);
  cmp_money(t, C_FINANCE, "finance.income.carried_in", &s->income_carried_in, &m->income_carried_in);
  for (size_t i = 0; i < s->income_by_level.n; i++) {
    const jx_named_money *sl = &s->income_by_level.items[i], *ml = NULL;
    for (size_t j = 0; j < m->income_by_level.n && !ml; j++)
      if (same_text(sl->name, m->income_by_level.items[j].name)) ml = &m->income_by_level.items[j];
    const char *name = trimmed(sl->name);
    cmp_money(t, C_FINANCE, fmt("finance.income.by_level「%s」", name ? name : ""), &sl->amount, ml ? &ml->amount : NULL);
  }
  cmp_money(t, C_FINANCE, "finance.adjusted", &s->adjusted, &m->adjusted);
  cmp_money(t, C_FINANCE, "finance.expenditure.total", &s->expenditure_total, &m->expenditure_total);
  cmp_money(t, C_FINANCE, "finance.expenditure.basic", &s->expenditure_basic, &m->expenditure_basic);
  cmp_money(t, C_FINANCE, "finance.expenditure.project", &s->expenditure_project, &m->expenditure_project);
  cmp_money(t, C_FINANCE, "finance.carry_over", &s->carry_over, &m->carry_over);
  cmp_money(t, C_FINANCE, "finance.balance", &s->balance, &m->balance);

  cmp_indicators(t, "indicators", &s->indicators, &m->indicators);
  for (size_t i = 0; i < s->projects.n; i++) {
    const jx_project *sp = &s->projects.items[i];
    if (sp->indicators.n == 0) continue;
    const jx_project *mp = find_project(&m->projects, sp, i);
    cmp_indicators(t, fmt("finance.projects[%zu].indicators", i), &sp->indicators, mp ? &mp->indicators : NULL);
  }
  if (s->project) cmp_project_file(t, s->project, m->project, m);
  else cmp_num(t, C_TOTAL, "assessment.total", &s->stated_total, &m->stated_total);
}

/* ---- output ------------------------------------------------------------------------------- */

static size_t sum(const size_t *v) {
  size_t n = 0;
  for (int c = 0; c < C_COUNT; c++) n += v[c];
  return n;
}

/* the share in tenths of a percent, rounded down (97.96% is 97.9, never 98.0) */
static const char *share(size_t matched, size_t total) {
  if (total == 0) return "—";
  unsigned long long p = (unsigned long long)matched * 1000ULL / total;
  return fmt("%llu.%llu%%", p / 10, p % 10);
}

static void json_string(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') fprintf(out, "\\%c", *p);
    else if (*p == '\n') fputs("\\n", out);
    else if (*p < 0x20 || *p == 0x7f) fprintf(out, "\\u%04x", *p);
    else fputc(*p, out);
  }
  fputc('"', out);
}

static void write_text(const tally *t, FILE *out) {
  for (size_t i = 0; i < t->n_diffs; i++) {
    const difference *d = &t->diffs[i];
    fputs(d->imported ? "不同 " : "缺失 ", out);
    jx_fput_visible(out, d->figure);
    fputs("：源 ", out);
    jx_fput_visible(out, d->source);
    fputs("，导入 ", out);
    jx_fput_visible(out, d->imported ? d->imported : "无");
    fputc('\n', out);
  }
  size_t matched = sum(t->matched), total = sum(t->total);
  fprintf(out, "figures: matched %zu of %zu (%s)", matched, total, share(matched, total));
  for (int c = 0; c < C_COUNT; c++) fprintf(out, "%s %s %zu/%zu", c ? "," : ";", cat_names[c], t->matched[c], t->total[c]);
  fputc('\n', out);
}

static void write_json(const tally *t, const char *src, const char *imp, FILE *out) {
  size_t matched = sum(t->matched), total = sum(t->total);
  fputs("{\"source\": ", out);
  json_string(out, src);
  fputs(", \"imported\": ", out);
  json_string(out, imp);
  fprintf(out, ", \"matched\": %zu, \"total\": %zu, \"share\": ", matched, total);
  json_string(out, share(matched, total));
  fputs(", \"categories\": {", out);
  for (int c = 0; c < C_COUNT; c++)
    fprintf(out, "%s\"%s\": {\"matched\": %zu, \"total\": %zu}", c ? ", " : "", cat_names[c], t->matched[c], t->total[c]);
  fputs("}, \"differences\": [", out);
  for (size_t i = 0; i < t->n_diffs; i++) {
    const difference *d = &t->diffs[i];
    fprintf(out, "%s\n  {\"kind\": \"%s\", \"category\": \"%s\", \"figure\": ", i ? "," : "", d->imported ? "不同" : "缺失",
            cat_names[d->cat]);
    json_string(out, d->figure);
    fputs(", \"source\": ", out);
    json_string(out, d->source);
    fputs(", \"imported\": ", out);
    json_string(out, d->imported);
    fputc('}', out);
  }
  fputs(t->n_diffs ? "\n]}\n" : "]}\n", out);
}

static jx_doc *load(const char *path) {
  jx_diags d = {0};
  jx_doc *doc = NULL;
  (void)jx_doc_load(path, &doc, &d); /* errors in the data do not stop a comparison */
  if (!doc) {
    fprintf(stderr, "jx_figures: 无法读取 %s：\n", path);
    jx_diags_print(&d, stderr);
  }
  jx_diags_free(&d);
  return doc;
}

int main(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL};
  size_t np = 0;
  bool json = false;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json")) json = true;
    else if (np < 2 && argv[i][0] != '-') paths[np++] = argv[i];
    else np = 3;
  }
  if (np != 2) {
    fprintf(stderr, "用法：jx_figures 源文件.yaml 导入结果.yaml [--json]\n");
    return 2;
  }
  jx_doc *src = load(paths[0]);
  jx_doc *imp = src ? load(paths[1]) : NULL;
  if (!src || !imp) {
    jx_doc_free(src);
    return 3;
  }
  tally t = {0};
  compare(&t, src, imp);
  if (json) write_json(&t, paths[0], paths[1], stdout);
  else write_text(&t, stdout);
  free(t.diffs);
  jx_doc_free(src);
  jx_doc_free(imp);
  pool_free();
  return fflush(stdout) == 0 ? 0 : 3;
}
