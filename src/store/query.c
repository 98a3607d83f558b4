/* query.c — what a bureau asks of its data: lists, rankings, distribution, disagreements, year-over-year, missing, totals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* ---- the current version of every department-year of a year --------------------------------- */

typedef struct {
  const char *code, *name, *kind, *status, *submitted, *grade, *authority;
  int year;
  int64_t version, published, errors;
  int64_t total, stated, exec_rate, ind_total, attainment, by_value;
  bool has_stated, has_exec, has_attainment, has_by;
  int64_t indicators, scored, met;
  int64_t unscored, unscored_points, partial_total; /* how incomplete (migration 5) */
  bool incomplete; /* something that carries points was not scored: no total, no grade */
} cur_row;

/* Left out of rankings and statistics: an incomplete department-year has no total. */
static const char *incomplete_note(jx_arena *a, size_t n, const char *what) {
  return n ? jx_arena_printf(a, "；另有 %zu 个不完整的部门年度未参与%s（有未计分项）", n, what) : "";
}

typedef struct {
  jx_arena *a;
  cur_row *items;
  size_t n;
  jx_dept_list depts;
} cur_set;

static const char *dup_or_null(jx_arena *a, const char *s) { return s ? jx_arena_strdup(a, s) : NULL; }

/* A workflow status as one of the constant strings (no copy per row). */
static const char *status_of(jx_arena *a, const char *s) {
  static const char *const known[] = {"draft", "submitted", "returned", "approved", "published"};
  for (size_t i = 0; s && i < sizeof known / sizeof *known; i++)
    if (strcmp(known[i], s) == 0) return known[i];
  return s ? jx_arena_strdup(a, s) : "";
}

/* What `--by` ranks on: a column kept on department_year (migration 4), or a block name. */
static const struct {
  const char *by, *label, *column;
} by_columns[] = {
    {"total", "得分", "d.total"},
    {"execution", "执行率", "d.execution_rate"},
    {"indicators", "指标得分", "d.indicator_total"},
    {"attainment", "指标完成率", "d.attainment"},
};

static const char *by_column(const char *by, const char **label) {
  for (size_t i = 0; i < sizeof by_columns / sizeof *by_columns; i++)
    if (strcmp(by_columns[i].by, by) == 0) {
      *label = by_columns[i].label;
      return by_columns[i].column;
    }
  *label = by;
  return NULL; /* a block */
}

/* Load rows: year (0: all), kind "department" only when dept_only; by (NULL: total).  The
 * departments table (for --under and the upper levels) only when need_depts: a province's
 * 25,000 units cost a ranking of units nothing then.  One table, no join (the scores and
 * names are kept on department_year, migration 4), read in the order of cur_cmp through
 * the index department_year_code (byte order: COLLATE BINARY on both backends). */
static jx_status load_current(jx_store *s, int year, bool dept_only, const char *by, bool need_depts, cur_set *out) {
  memset(out, 0, sizeof *out);
  out->a = jx_arena_new();
  jx_status st = need_depts ? jx_store_departments(s, &out->depts) : JX_OK;
  if (st != JX_OK) return st;
  const char *label;
  const char *col = by ? by_column(by, &label) : "d.total";
  char sql[2048];
  snprintf(sql, sizeof sql,
           "SELECT d.department, COALESCE(d.dept_name, d.department), d.kind, d.status, d.first_submitted_at, d.grade, d.year, "
           "d.version, COALESCE(d.published_version, 0), d.errors, d.total, d.stated_total, d.execution_rate, "
           "d.indicator_total, d.attainment, %s, d.indicators, d.scored, d.met, d.authority_name, d.unscored, d.unscored_points, "
           "d.partial_total "
           "FROM department_year d %s WHERE d.current_version IS NOT NULL %s %s ORDER BY %s",
           col ? col : "b.score", col ? "" : "LEFT JOIN block_score b ON b.version = d.current_version AND b.name = ?",
           year ? "AND d.year = ?" : "", dept_only ? "AND d.kind = 'department'" : "",
           year ? "d.year, d.department COLLATE BINARY, d.kind COLLATE BINARY"
                : "d.department COLLATE BINARY, d.year, d.kind COLLATE BINARY");
  jx_stmt *q;
  if (jx_db_prepare(s->db, sql, &q) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
  int i = 1;
  if (!col) jx_stmt_bind_text(q, i++, by, -1);
  if (year) jx_stmt_bind_int64(q, i, year);
  size_t cap = 0;
  while ((st = jx_stmt_step(q)) == JX_DB_ROW) {
    if (out->n == cap) out->items = jx_arena_grow(out->a, out->items, out->n, cap = cap ? cap * 2 : 1024, sizeof *out->items);
    cur_row *r = &out->items[out->n++];
    jx_arena *a = out->a;
    r->code = dup_or_null(a, jx_stmt_text(q, 0));
    r->name = dup_or_null(a, jx_stmt_text(q, 1));
    r->kind = dup_or_null(a, jx_stmt_text(q, 2));
    r->status = status_of(a, jx_stmt_text(q, 3));
    r->submitted = dup_or_null(a, jx_stmt_text(q, 4));
    r->grade = dup_or_null(a, jx_stmt_text(q, 5));
    r->year = (int)jx_stmt_int64(q, 6);
    r->version = jx_stmt_int64(q, 7);
    r->published = jx_stmt_int64(q, 8);
    r->errors = jx_stmt_int64(q, 9);
    r->total = jx_stmt_int64(q, 10);
    r->has_stated = !jx_stmt_is_null(q, 11);
    r->stated = jx_stmt_int64(q, 11);
    r->has_exec = !jx_stmt_is_null(q, 12);
    r->exec_rate = jx_stmt_int64(q, 12);
    r->ind_total = jx_stmt_int64(q, 13);
    r->has_attainment = !jx_stmt_is_null(q, 14);
    r->attainment = jx_stmt_int64(q, 14);
    r->has_by = !jx_stmt_is_null(q, 15);
    r->by_value = jx_stmt_int64(q, 15);
    r->indicators = jx_stmt_int64(q, 16);
    r->scored = jx_stmt_int64(q, 17);
    r->met = jx_stmt_int64(q, 18);
    r->authority = dup_or_null(a, jx_stmt_text(q, 19)); /* a unit's parent, when that is a 主管部门 */
    r->unscored = jx_stmt_int64(q, 20); /* NULL (stored before migration 5): not known, taken as complete */
    r->unscored_points = jx_stmt_int64(q, 21);
    r->partial_total = jx_stmt_int64(q, 22);
    r->incomplete = r->unscored > 0;
  }
  jx_stmt_finalize(q);
  if (st != JX_DB_DONE) return jx_store_dbfail(s, st);
  return JX_OK;
}

static const cur_row *find_row(const cur_set *c, const char *code) {
  cur_row key = {.code = code, .year = 0, .kind = ""};
  size_t lo = 0, hi = c->n;
  while (lo < hi) { /* first row of code */
    size_t mid = (lo + hi) / 2;
    if (strcmp(c->items[mid].code, key.code) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < c->n && strcmp(c->items[lo].code, code) == 0 ? &c->items[lo] : NULL;
}

static void free_set(cur_set *c) {
  jx_arena_free(c->a);
  jx_arena_free(c->depts.arena);
}

static const char *F2(int64_t v, bool known, char *buf) { return jx_store_fmt2(v, known, buf, 32); }

static const char *authority_of(const cur_set *c, const char *code) {
  const jx_dept *d = jx_dept_at_level(&c->depts, code, "authority");
  return d ? d->name : NULL;
}

static bool level_ok(const char *level) {
  return !level || strcmp(level, "unit") == 0 || strcmp(level, "authority") == 0 || strcmp(level, "bureau") == 0;
}

/* ---- rank ----------------------------------------------------------------------------------- */

typedef struct {
  const char *code, *name, *extra, *grade, *status;
  int64_t value, min, max;
  size_t count;
} rank_item;

static int rank_cmp(const void *x, const void *y) {
  const rank_item *a = x, *b = y;
  if (a->value != b->value) return a->value > b->value ? -1 : 1;
  return strcmp(a->code, b->code);
}

/* A grade as a constant string (no copy per row). */
static const char *grade_of(jx_table *t, const char *g) {
  static const char *const known[] = {"优", "良", "中", "差"};
  for (size_t i = 0; g && i < sizeof known / sizeof *known; i++)
    if (strcmp(known[i], g) == 0) return known[i];
  return g ? jx_arena_strdup(t->arena, g) : NULL;
}

/* Units ranked by a column kept on department_year (the total, the execution rate …).  The
 * rows come in code order (byte order, the index department_year_code: PostgreSQL reads it
 * in 6 ms, where it chose to sort the whole year by score itself in 25), and are sorted
 * here by value with the code order kept for ties: integers only, no string compared. */
typedef struct {
  int64_t value;
  size_t seq; /* code order */
  const char *code, *name, *authority, *grade, *status;
} unit_rank;

static int unit_rank_cmp(const void *x, const void *y) {
  const unit_rank *a = x, *b = y;
  if (a->value != b->value) return a->value > b->value ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static jx_status rank_units(jx_store *s, const jx_query *q, const char *col, const char *label, jx_table **out) {
  jx_dept_list depts = {0};
  jx_status st = q->under ? jx_store_departments(s, &depts) : JX_OK;
  if (st != JX_OK) {
    jx_arena_free(depts.arena);
    return st;
  }
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT d.department, COALESCE(d.dept_name, d.department), d.authority_name, %s, d.grade, d.status, d.errors, "
           "COALESCE(d.unscored, 0) "
           "FROM department_year d WHERE d.year = ? AND d.kind = 'department' AND d.current_version IS NOT NULL "
           "ORDER BY d.year, d.department COLLATE BINARY, d.kind COLLATE BINARY",
           col);
  jx_stmt *qs;
  if (jx_db_prepare(s->db, sql, &qs) != JX_OK) {
    jx_arena_free(depts.arena);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(qs, 1, q->year);
  const char *cols[] = {"#rank:名次", "code:编码", "name:单位", "authority:主管部门", NULL, "grade:等级", "status:状态"};
  char head[64];
  snprintf(head, sizeof head, "#score:%s", label);
  cols[4] = head;
  jx_table *t = jx_table_new(7, cols);
  unit_rank *u = NULL;
  size_t n = 0, cap = 0, skipped = 0, nvalue = 0, incomplete = 0;
  while ((st = jx_stmt_step(qs)) == JX_DB_ROW) {
    const char *code = jx_stmt_text(qs, 0);
    if (q->under && !jx_dept_under(&depts, code, q->under)) continue;
    if (jx_stmt_int64(qs, 6) > 0) {
      skipped++;
      continue;
    }
    if (jx_stmt_int64(qs, 7) > 0) {
      incomplete++;
      continue;
    }
    if (jx_stmt_is_null(qs, 3)) {
      nvalue++;
      continue;
    }
    if (n == cap) u = jx_xrealloc(u, (cap = cap ? cap * 2 : 1024) * sizeof *u);
    const char *auth = jx_stmt_text(qs, 2);
    u[n] = (unit_rank){jx_stmt_int64(qs, 3), n, jx_arena_strdup(t->arena, code), jx_arena_strdup(t->arena, jx_stmt_text(qs, 1)),
                       auth && *auth ? jx_arena_strdup(t->arena, auth) : NULL, grade_of(t, jx_stmt_text(qs, 4)),
                       jx_store_status_label(status_of(t->arena, jx_stmt_text(qs, 5)))};
    n++;
  }
  jx_stmt_finalize(qs);
  jx_arena_free(depts.arena);
  if (st != JX_DB_DONE) {
    free(u);
    jx_table_free(t);
    return jx_store_dbfail(s, st);
  }
  if (n) qsort(u, n, sizeof *u, unit_rank_cmp);
  size_t place = 0;
  for (size_t k = 0; k < n; k++) {
    if (k == 0 || u[k].value != u[k - 1].value) place = k + 1; /* 1, 2, 2, 4 */
    if (q->top && place > q->top) break;
    char b[32];
    char pl[24];
    size_t r = jx_table_add_row(t);
    jx_table_set(t, r, 0, jx_store_fmt_int((long long)place, pl));
    jx_table_set_static(t, r, 1, u[k].code);
    jx_table_set_static(t, r, 2, u[k].name);
    jx_table_set_static(t, r, 3, u[k].authority);
    jx_table_set(t, r, 4, F2(u[k].value, true, b));
    jx_table_set_static(t, r, 5, u[k].grade);
    jx_table_set_static(t, r, 6, u[k].status);
  }
  free(u);
  jx_table_footer(t, "%d 年度，按%s排名，%zu 个单位%s%s%s%s", q->year, label, n,
                  t->nrows < n ? jx_arena_printf(t->arena, "（列出前 %zu 名，%zu 个）", q->top, t->nrows) : "",
                  skipped ? jx_arena_printf(t->arena, "；%zu 个含错误或不在单位层级中，未计入", skipped) : "",
                  nvalue ? jx_arena_printf(t->arena, "；%zu 个没有“%s”", nvalue, label) : "",
                  incomplete_note(t->arena, incomplete, "排名"));
  *out = t;
  return JX_OK;
}

static jx_status q_rank(jx_store *s, const jx_query *q, jx_table **out) {
  const char *by = q->by && *q->by ? q->by : "total";
  const char *label;
  const char *col = by_column(by, &label);
  const char *level = q->level && *q->level ? q->level : "unit";
  if (col && strcmp(level, "unit") == 0) return rank_units(s, q, col, label, out);
  cur_set c;
  jx_status st = load_current(s, q->year, true, by, q->under || strcmp(level, "unit") != 0, &c);
  if (st != JX_OK) {
    free_set(&c);
    return st;
  }
  rank_item *items = jx_arena_alloc(c.a, (c.n + 1) * sizeof *items);
  size_t n = 0, skipped = 0, nvalue = 0, incomplete = 0;
  bool unit = strcmp(level, "unit") == 0;
  for (size_t i = 0; i < c.n; i++) {
    const cur_row *r = &c.items[i];
    if (!jx_dept_under(&c.depts, r->code, q->under)) continue;
    if (r->errors > 0) {
      skipped++;
      continue;
    }
    if (r->incomplete) {
      incomplete++;
      continue;
    }
    if (!r->has_by) {
      nvalue++;
      continue;
    }
    if (unit) {
      items[n++] = (rank_item){r->code, r->name, r->authority, r->grade, jx_store_status_label(r->status),
                               r->by_value, r->by_value, r->by_value, 1};
      continue;
    }
    const jx_dept *g = jx_dept_at_level(&c.depts, r->code, level);
    if (!g) {
      skipped++;
      continue;
    }
    rank_item *it = NULL;
    for (size_t k = 0; k < n && !it; k++)
      if (strcmp(items[k].code, g->code) == 0) it = &items[k];
    if (!it) {
      it = &items[n++];
      *it = (rank_item){g->code, g->name, NULL, NULL, NULL, 0, r->by_value, r->by_value, 0};
    }
    it->value += r->by_value; /* the sum until averaged below */
    it->count++;
    if (r->by_value < it->min) it->min = r->by_value;
    if (r->by_value > it->max) it->max = r->by_value;
  }
  if (!unit)
    for (size_t k = 0; k < n; k++) items[k].value = jx_ratio_round2(items[k].value, (int64_t)items[k].count, 1);
  if (n) qsort(items, n, sizeof *items, rank_cmp);
  jx_table *t;
  char b1[32], b2[32], b3[32];
  if (unit) {
    const char *cols[] = {"#rank:名次", "code:编码", "name:单位", "authority:主管部门", NULL, "grade:等级", "status:状态"};
    cols[4] = jx_arena_printf(c.a, "#score:%s", label);
    t = jx_table_new(7, cols);
  } else {
    const char *cols[] = {"#rank:名次", "code:编码", "name:名称", "#units:单位数", NULL, "#max:最高", "#min:最低"};
    cols[4] = jx_arena_printf(c.a, "#average:平均%s", label);
    t = jx_table_new(7, cols);
  }
  size_t place = 0;
  for (size_t k = 0; k < n; k++) {
    if (k == 0 || items[k].value != items[k - 1].value) place = k + 1; /* 1, 2, 2, 4 */
    if (q->top && place > q->top) break;
    size_t r = jx_table_add_row(t);
    jx_table_setf(t, r, 0, "%zu", place);
    jx_table_set(t, r, 1, items[k].code);
    jx_table_set(t, r, 2, items[k].name);
    if (unit) {
      jx_table_set(t, r, 3, items[k].extra);
      jx_table_set(t, r, 4, F2(items[k].value, true, b1));
      jx_table_set(t, r, 5, items[k].grade);
      jx_table_set(t, r, 6, items[k].status);
    } else {
      jx_table_setf(t, r, 3, "%zu", items[k].count);
      jx_table_set(t, r, 4, F2(items[k].value, true, b1));
      jx_table_set(t, r, 5, F2(items[k].max, true, b2));
      jx_table_set(t, r, 6, F2(items[k].min, true, b3));
    }
  }
  jx_table_footer(t, "%d 年度，按%s排名，%zu 个%s%s%s%s%s", q->year, label, n, unit ? "单位" : strcmp(level, "authority") == 0 ? "主管部门" : "财政局",
                  t->nrows < n ? jx_arena_printf(c.a, "（列出前 %zu 名，%zu 个）", q->top, t->nrows) : "",
                  skipped ? jx_arena_printf(c.a, "；%zu 个含错误或不在单位层级中，未计入", skipped) : "",
                  nvalue ? jx_arena_printf(c.a, "；%zu 个没有“%s”", nvalue, label) : "", incomplete_note(c.a, incomplete, "排名"));
  free_set(&c);
  *out = t;
  return JX_OK;
}

/* ---- stats: the distribution of totals -------------------------------------------------------- */

static int i64_cmp(const void *x, const void *y) {
  int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
  return a < b ? -1 : a > b;
}

static const struct {
  int64_t lo, hi; /* [lo, hi) × 10^6; the top bin includes 100 */
  const char *label, *grade;
} bins[] = {
    {90 * JX_NUM_SCALE, INT64_MAX, "90–100", "优"}, {80 * JX_NUM_SCALE, 90 * JX_NUM_SCALE, "80–90", "良"},
    {70 * JX_NUM_SCALE, 80 * JX_NUM_SCALE, "70–80", "中"}, {60 * JX_NUM_SCALE, 70 * JX_NUM_SCALE, "60–70", "中"},
    {INT64_MIN, 60 * JX_NUM_SCALE, "0–60", "差"},
};

static jx_status q_stats(jx_store *s, const jx_query *q, jx_table **out) {
  cur_set c;
  jx_status st = load_current(s, q->year, true, NULL, q->under != NULL, &c);
  if (st != JX_OK) {
    free_set(&c);
    return st;
  }
  int64_t *v = jx_arena_alloc(c.a, (c.n + 1) * sizeof *v);
  size_t n = 0, skipped = 0, incomplete = 0;
  int64_t sum = 0; /* at most 10^5 rows of at most 10^11 */
  for (size_t i = 0; i < c.n; i++) {
    if (!jx_dept_under(&c.depts, c.items[i].code, q->under)) continue;
    if (c.items[i].errors > 0) {
      skipped++;
      continue;
    }
    if (c.items[i].incomplete) {
      incomplete++;
      continue;
    }
    v[n++] = c.items[i].total;
    sum += c.items[i].total;
  }
  if (n) qsort(v, n, sizeof *v, i64_cmp);
  const char *cols[] = {"range:区间", "grade:等级", "#count:个数", "#share:占比", "bar:分布"};
  jx_table *t = jx_table_new(5, cols);
  size_t nb = sizeof bins / sizeof *bins;
  for (size_t b = 0; b < nb; b++) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += v[i] >= bins[b].lo && v[i] < bins[b].hi;
    size_t r = jx_table_add_row(t);
    char buf[32], bar[64];
    jx_table_set(t, r, 0, bins[b].label);
    jx_table_set(t, r, 1, bins[b].grade);
    jx_table_setf(t, r, 2, "%zu", k);
    int64_t share = n ? jx_ratio_round2((int64_t)k, (int64_t)n, 100 * JX_NUM_SCALE) : 0;
    jx_table_setf(t, r, 3, "%s%%", F2(share, true, buf));
    size_t w = n ? (k * 40 + n / 2) / n : 0;
    memset(bar, '#', w);
    bar[w] = '\0';
    jx_table_set(t, r, 4, bar);
  }
  char mean[32], med[32], hi[32], lo[32];
  if (n) {
    F2(jx_ratio_round2(sum, (int64_t)n, 1), true, mean);
    F2(n % 2 ? v[n / 2] : jx_ratio_round2(v[n / 2 - 1] + v[n / 2], 2, 1), true, med);
    F2(v[n - 1], true, hi);
    F2(v[0], true, lo);
    jx_table_footer(t, "%d 年度：%zu 个单位，平均 %s，中位数 %s，最高 %s，最低 %s%s%s", q->year, n, mean, med, hi, lo,
                    skipped ? jx_arena_printf(c.a, "；另有 %zu 个含错误，未计入", skipped) : "", incomplete_note(c.a, incomplete, "统计"));
  } else {
    jx_table_footer(t, "%d 年度没有可统计的数据%s%s", q->year, skipped ? jx_arena_printf(c.a, "（%zu 个含错误，未计入）", skipped) : "",
                    incomplete_note(c.a, incomplete, "统计"));
  }
  free_set(&c);
  *out = t;
  return JX_OK;
}

/* ---- flags: self-scores that disagree with the data --------------------------------------------- */

/* Each rule: when it fires and how it explains itself.  Thresholds are data here. */
typedef struct {
  const char *code, *label;
  int64_t stated_at_least; /* the self-score is at least this … */
  int64_t limit;           /* … and the rule's figure is beyond this */
  int kind;                /* 0 unmet indicators, 1 |self − recomputed|, 2 execution rate below, 3 attainment below */
} flag_rule;

static const flag_rule flag_rules[] = {
    {"unmet", "高分但指标未完成", 90 * JX_NUM_SCALE, 0, 0},
    {"recomputed", "自评与复算不符", 0, 5 * JX_NUM_SCALE, 1},
    {"execution", "高分但执行率低", 90 * JX_NUM_SCALE, 90 * JX_NUM_SCALE, 2},
    {"attainment", "高分但指标完成率低", 80 * JX_NUM_SCALE, 80 * JX_NUM_SCALE, 3},
};

/* "自评 98.00 分，…": the explanation, put together without printf (a province has
 * 20,000 of them). */
typedef struct {
  char p[192];
  size_t n;
} why_buf;

static void why_put(why_buf *w, const char *s) {
  size_t k = strlen(s);
  if (w->n + k < sizeof w->p) {
    memcpy(w->p + w->n, s, k);
    w->n += k;
  }
}

static void why_int(why_buf *w, long long v) {
  char b[24];
  jx_store_fmt_int(v, b);
  why_put(w, b);
}

static const char *flag_fires(jx_arena *a, const flag_rule *f, const cur_row *r) {
  char b1[32], b2[32];
  if (!r->has_stated || r->stated < f->stated_at_least) return NULL;
  why_buf w = {.n = 0};
  why_put(&w, "自评 ");
  why_put(&w, F2(r->stated, true, b1));
  switch (f->kind) {
  case 0:
    if (r->scored - r->met <= f->limit) return NULL;
    why_put(&w, " 分，但 ");
    why_int(&w, (long long)(r->scored - r->met));
    why_put(&w, " / ");
    why_int(&w, (long long)r->scored);
    why_put(&w, " 项指标未完成");
    break;
  case 1: {
    if (r->incomplete) return NULL; /* no total to compare with */
    int64_t d = r->stated - r->total;
    if (!(d >= f->limit || -d >= f->limit)) return NULL;
    why_put(&w, " 分，按数据复算 ");
    why_put(&w, F2(r->total, true, b2));
    why_put(&w, " 分");
    break;
  }
  case 2:
    if (!(r->has_exec && r->exec_rate < f->limit)) return NULL;
    why_put(&w, " 分，预算执行率只有 ");
    why_put(&w, F2(r->exec_rate, true, b2));
    why_put(&w, "%");
    break;
  default:
    if (!(r->has_attainment && r->attainment < f->limit)) return NULL;
    why_put(&w, " 分，指标完成率只有 ");
    why_put(&w, F2(r->attainment, true, b2));
    why_put(&w, "%");
    break;
  }
  return jx_arena_strndup(a, w.p, w.n);
}

/* The rows of the year in code order (the index department_year_code), each checked
 * against the rules on the way, straight into the table. */
static jx_status q_flags(jx_store *s, const jx_query *q, jx_table **out) {
  jx_dept_list depts = {0};
  jx_status st = q->under ? jx_store_departments(s, &depts) : JX_OK;
  if (st != JX_OK) {
    jx_arena_free(depts.arena);
    return st;
  }
  jx_stmt *qs;
  if (jx_db_prepare(s->db,
                    "SELECT d.department, COALESCE(d.dept_name, d.department), d.kind, d.total, d.stated_total, "
                    "d.execution_rate, d.attainment, d.scored, d.met, COALESCE(d.unscored, 0) FROM department_year d "
                    "WHERE d.year = ? AND d.current_version IS NOT NULL "
                    "ORDER BY d.year, d.department COLLATE BINARY, d.kind COLLATE BINARY",
                    &qs) != JX_OK) {
    jx_arena_free(depts.arena);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(qs, 1, q->year);
  const char *cols[] = {"code:编码", "name:单位", "kind:类型", "#self:自评", "#recomputed:复算", "flag:问题", "detail:说明"};
  jx_table *t = jx_table_new(7, cols);
  size_t units = 0;
  while ((st = jx_stmt_step(qs)) == JX_DB_ROW) {
    cur_row r = {.code = jx_stmt_text(qs, 0)};
    if (q->under && !jx_dept_under(&depts, r.code, q->under)) continue;
    r.total = jx_stmt_int64(qs, 3);
    r.has_stated = !jx_stmt_is_null(qs, 4);
    r.stated = jx_stmt_int64(qs, 4);
    r.has_exec = !jx_stmt_is_null(qs, 5);
    r.exec_rate = jx_stmt_int64(qs, 5);
    r.has_attainment = !jx_stmt_is_null(qs, 6);
    r.attainment = jx_stmt_int64(qs, 6);
    r.scored = jx_stmt_int64(qs, 7);
    r.met = jx_stmt_int64(qs, 8);
    r.incomplete = jx_stmt_int64(qs, 9) > 0 || jx_stmt_is_null(qs, 3);
    const char *code = NULL, *name = NULL, *kind = NULL; /* copied once, for every flag of the row */
    for (size_t k = 0; k < sizeof flag_rules / sizeof *flag_rules; k++) {
      const char *why = flag_fires(t->arena, &flag_rules[k], &r);
      if (!why) continue;
      if (!code) {
        code = jx_arena_strdup(t->arena, r.code);
        name = jx_arena_strdup(t->arena, jx_stmt_text(qs, 1));
        const char *kd = jx_stmt_text(qs, 2);
        kind = strcmp(kd, "department") == 0 ? "部门整体" : jx_arena_strdup(t->arena, kd);
      }
      char b1[32], b2[32];
      size_t row = jx_table_add_row(t);
      jx_table_set_static(t, row, 0, code);
      jx_table_set_static(t, row, 1, name);
      jx_table_set_static(t, row, 2, kind);
      jx_table_set(t, row, 3, F2(r.stated, r.has_stated, b1));
      jx_table_set(t, row, 4, r.incomplete ? "不完整" : F2(r.total, true, b2));
      jx_table_set_static(t, row, 5, flag_rules[k].label);
      jx_table_set_static(t, row, 6, why);
    }
    units += code != NULL;
  }
  jx_stmt_finalize(qs);
  jx_arena_free(depts.arena);
  if (st != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, st);
  }
  jx_table_footer(t, "%d 年度：%zu 个单位年度的自评与数据不一致，共 %zu 处", q->year, units, t->nrows);
  *out = t;
  return JX_OK;
}

/* ---- year over year --------------------------------------------------------------------------- */

static jx_status q_yoy(jx_store *s, const jx_query *q, jx_table **out) {
  cur_set now, prev;
  jx_status st = load_current(s, q->year, true, NULL, q->under != NULL, &now);
  if (st == JX_OK) st = load_current(s, q->year - 1, true, NULL, false, &prev);
  else memset(&prev, 0, sizeof prev);
  if (st != JX_OK) {
    free_set(&now);
    free_set(&prev);
    return st;
  }
  typedef struct {
    const cur_row *a, *b;
    int64_t d;
  } pair;
  pair *p = jx_arena_alloc(now.a, (now.n + 1) * sizeof *p);
  size_t n = 0, fresh = 0, incomplete = 0;
  for (size_t i = 0, j = 0; i < now.n; i++) { /* both sorted by code */
    const cur_row *b = &now.items[i];
    if (!jx_dept_under(&now.depts, b->code, q->under) || b->errors) continue;
    while (j < prev.n && strcmp(prev.items[j].code, b->code) < 0) j++;
    bool both = j < prev.n && strcmp(prev.items[j].code, b->code) == 0 && !prev.items[j].errors;
    if (b->incomplete || (both && prev.items[j].incomplete)) incomplete++; /* no total to compare */
    else if (both) p[n++] = (pair){&prev.items[j], b, b->total - prev.items[j].total};
    else fresh++;
  }
  for (size_t i = 1; i < n; i++) { /* insertion sort: by change, largest rise first, then code */
    pair x = p[i];
    size_t k = i;
    while (k > 0 && (p[k - 1].d < x.d || (p[k - 1].d == x.d && strcmp(p[k - 1].b->code, x.b->code) > 0))) {
      p[k] = p[k - 1];
      k--;
    }
    p[k] = x;
  }
  const char *cols[] = {"code:编码", "name:单位", "#previous:上年", "#current:本年", "#change:变化", "grades:等级变化"};
  jx_table *t = jx_table_new(6, cols);
  for (size_t i = 0; i < n; i++) {
    char b1[32], b2[32], b3[32];
    size_t r = jx_table_add_row(t);
    jx_table_set(t, r, 0, p[i].b->code);
    jx_table_set(t, r, 1, p[i].b->name);
    jx_table_set(t, r, 2, F2(p[i].a->total, true, b1));
    jx_table_set(t, r, 3, F2(p[i].b->total, true, b2));
    jx_table_setf(t, r, 4, "%s%s", p[i].d > 0 ? "+" : "", F2(p[i].d, true, b3));
    if (p[i].a->grade && p[i].b->grade && strcmp(p[i].a->grade, p[i].b->grade) != 0)
      jx_table_setf(t, r, 5, "%s → %s", p[i].a->grade, p[i].b->grade);
  }
  jx_table_footer(t, "%d 年度与 %d 年度相比：%zu 个单位两年都有数据%s%s", q->year, q->year - 1, n,
                  fresh ? jx_arena_printf(now.a, "；%zu 个只有本年数据", fresh) : "",
                  incomplete ? jx_arena_printf(now.a, "；%zu 个单位有一年不完整（有未计分项），未比较", incomplete) : "");
  free_set(&now);
  free_set(&prev);
  *out = t;
  return JX_OK;
}

/* ---- missing and late submissions -------------------------------------------------------------- */

typedef struct {
  jx_table *t;
  cur_set *c;
  size_t n;
} mon_missing;

static void mon_overdue_row(void *ctx, const jx_dept *u, const char *day, long days) {
  mon_missing *m = ctx;
  size_t row = jx_table_add_row(m->t);
  jx_table_set(m->t, row, 0, u->code);
  jx_table_set(m->t, row, 1, u->name);
  jx_table_set(m->t, row, 2, authority_of(m->c, u->code));
  jx_table_setf(m->t, row, 3, "监控时点 %s 未报，逾期 %ld 天", day, days);
  m->n++;
}

static jx_status q_missing(jx_store *s, const jx_query *q, jx_table **out) {
  cur_set c;
  jx_status st = load_current(s, q->year, true, NULL, true, &c);
  if (st != JX_OK) {
    free_set(&c);
    return st;
  }
  char due[16] = "";
  jx_stmt *d;
  if (jx_db_prepare(s->db, "SELECT due FROM deadline WHERE year = ?", &d) != JX_OK) {
    free_set(&c);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(d, 1, q->year);
  if (jx_stmt_step(d) == JX_DB_ROW) snprintf(due, sizeof due, "%s", jx_stmt_text(d, 0));
  jx_stmt_finalize(d);
  long due_day = jx_store_day_number(due);
  const char *cols[] = {"code:编码", "name:单位", "authority:主管部门", "problem:情况", "submitted:首次提交"};
  jx_table *t = jx_table_new(5, cols);
  size_t expected = 0, none = 0, draft = 0, late = 0;
  for (size_t i = 0; i < c.depts.n; i++) {
    const jx_dept *u = &c.depts.items[i];
    if (strcmp(u->level, "unit") != 0 || !jx_dept_under(&c.depts, u->code, q->under)) continue;
    expected++;
    const cur_row *r = find_row(&c, u->code);
    const char *problem = NULL;
    if (!r) {
      problem = "未报送";
      none++;
    } else if (!r->submitted) {
      problem = jx_arena_printf(c.a, "未提交（%s）", jx_store_status_label(r->status));
      draft++;
    } else if (due_day >= 0 && jx_store_day_number(r->submitted) > due_day) {
      problem = jx_arena_printf(c.a, "逾期 %ld 天", jx_store_day_number(r->submitted) - due_day);
      late++;
    }
    if (!problem) continue;
    size_t row = jx_table_add_row(t);
    jx_table_set(t, row, 0, u->code);
    jx_table_set(t, row, 1, u->name);
    jx_table_set(t, row, 2, authority_of(&c, u->code));
    jx_table_set(t, row, 3, problem);
    jx_table_set(t, row, 4, r ? r->submitted : NULL);
  }
  /* 绩效运行监控: checkpoints whose deadline passed, units that did not report */
  mon_missing mm = {t, &c, 0};
  size_t checkpoints = 0;
  if ((st = jx_store_mon_overdue(s, q->year, &c.depts, q->under, mon_overdue_row, &mm, &checkpoints)) != JX_OK) {
    jx_table_free(t);
    free_set(&c);
    return st;
  }
  jx_table_footer(t, "%d 年度：应报 %zu 个单位，未报送 %zu 个，未提交 %zu 个，%s%s", q->year, expected, none, draft,
                  due_day >= 0 ? jx_arena_printf(c.a, "逾期 %zu 个（截止日期 %s）", late, due)
                               : "没有设截止日期，未判断逾期（jixiao db deadline 年度 日期）",
                  checkpoints ? jx_arena_printf(c.a, "；监控：%zu 个监控时点已过报送期限，%zu 条未报", checkpoints, mm.n) : "");
  free_set(&c);
  *out = t;
  return JX_OK;
}

/* ---- totals by indicator kind ------------------------------------------------------------------ */

static jx_status q_totals(jx_store *s, const jx_query *q, jx_table **out) {
  cur_set c;
  memset(&c, 0, sizeof c); /* only the departments, and only for --under */
  c.a = jx_arena_new();
  jx_status st = q->under ? jx_store_departments(s, &c.depts) : JX_OK;
  if (st != JX_OK) {
    free_set(&c);
    return st;
  }
  jx_stmt *qs;
  if (jx_db_prepare(s->db,
                    "SELECT d.department, COALESCE(i.level1, ''), COALESCE(i.level2, ''), COUNT(*), COALESCE(SUM(i.weight), 0), "
                    "COALESCE(SUM(i.score), 0), COALESCE(SUM(i.met), 0), COUNT(i.score) "
                    "FROM department_year d JOIN indicator i ON i.version = d.current_version "
                    "WHERE d.year = ? AND d.kind = 'department' AND d.errors = 0 "
                    "GROUP BY d.department, COALESCE(i.level1, ''), COALESCE(i.level2, '')",
                    &qs) != JX_OK) {
    free_set(&c);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  typedef struct {
    const char *l1, *l2;
    int64_t n, weight, score, met, scored;
  } agg;
  agg *g = NULL;
  size_t ng = 0, cap = 0;
  jx_stmt_bind_int64(qs, 1, q->year);
  while ((st = jx_stmt_step(qs)) == JX_DB_ROW) {
    if (!jx_dept_under(&c.depts, jx_stmt_text(qs, 0), q->under)) continue;
    const char *l1 = jx_stmt_text(qs, 1), *l2 = jx_stmt_text(qs, 2);
    agg *a = NULL;
    for (size_t k = 0; k < ng && !a; k++)
      if (strcmp(g[k].l1, l1) == 0 && strcmp(g[k].l2, l2) == 0) a = &g[k];
    if (!a) {
      if (ng == cap) g = jx_arena_grow(c.a, g, ng, cap = cap ? cap * 2 : 16, sizeof *g);
      a = &g[ng++];
      *a = (agg){jx_arena_strdup(c.a, l1), jx_arena_strdup(c.a, l2), 0, 0, 0, 0, 0};
    }
    a->n += jx_stmt_int64(qs, 3);
    a->weight += jx_stmt_int64(qs, 4);
    a->score += jx_stmt_int64(qs, 5);
    a->met += jx_stmt_int64(qs, 6);
    a->scored += jx_stmt_int64(qs, 7);
  }
  jx_stmt_finalize(qs);
  if (st != JX_DB_DONE) {
    free_set(&c);
    return jx_store_dbfail(s, st);
  }
  for (size_t i = 1; i < ng; i++) { /* by level1, then level2 (byte order: stable across backends) */
    agg x = g[i];
    size_t k = i;
    while (k > 0 && (strcmp(g[k - 1].l1, x.l1) > 0 || (strcmp(g[k - 1].l1, x.l1) == 0 && strcmp(g[k - 1].l2, x.l2) > 0))) {
      g[k] = g[k - 1];
      k--;
    }
    g[k] = x;
  }
  const char *cols[] = {"level1:一级指标", "level2:二级指标", "#indicators:指标数", "#weight:权重合计",
                        "#score:得分合计",  "#score_rate:得分率", "#met:完成数",      "#met_rate:完成率"};
  jx_table *t = jx_table_new(8, cols);
  agg sub = {0}, all = {0};
  for (size_t i = 0; i <= ng; i++) {
    bool flush = i == ng || (i > 0 && strcmp(g[i].l1, g[i - 1].l1) != 0);
    for (int pass = 0; pass < 2; pass++) {
      const agg *a;
      if (pass == 0) {
        if (!flush || i == 0) continue;
        sub.l1 = g[i - 1].l1;
        sub.l2 = "（小计）";
        a = &sub;
      } else {
        if (i == ng) continue;
        a = &g[i];
      }
      char b1[32], b2[32], b3[32], b4[32];
      size_t r = jx_table_add_row(t);
      jx_table_set(t, r, 0, *a->l1 ? a->l1 : "（未分类）");
      jx_table_set(t, r, 1, *a->l2 ? a->l2 : "（未分类）");
      jx_table_setf(t, r, 2, "%lld", (long long)a->n);
      jx_table_set(t, r, 3, F2(a->weight, true, b1));
      jx_table_set(t, r, 4, F2(a->score, true, b2));
      jx_table_setf(t, r, 5, "%s", a->weight ? jx_arena_printf(c.a, "%s%%", F2(jx_ratio_round2(a->score, a->weight, 100 * JX_NUM_SCALE), true, b3)) : "");
      jx_table_setf(t, r, 6, "%lld", (long long)a->met);
      jx_table_setf(t, r, 7, "%s", a->scored ? jx_arena_printf(c.a, "%s%%", F2(jx_ratio_round2(a->met, a->scored, 100 * JX_NUM_SCALE), true, b4)) : "");
      if (pass == 0) sub = (agg){0};
    }
    if (i < ng) {
      sub.n += g[i].n;
      sub.weight += g[i].weight;
      sub.score += g[i].score;
      sub.met += g[i].met;
      sub.scored += g[i].scored;
      all.n += g[i].n;
      all.scored += g[i].scored;
      all.met += g[i].met;
    }
  }
  jx_table_footer(t, "%d 年度：%lld 项指标，%lld 项已计分，%lld 项完成（不含有错误的单位年度）", q->year, (long long)all.n, (long long)all.scored,
                  (long long)all.met);
  free_set(&c);
  *out = t;
  return JX_OK;
}

/* ---- list, status, departments ------------------------------------------------------------------ */

static jx_status q_list(jx_store *s, const jx_query *q, jx_table **out) {
  cur_set c;
  jx_status st = load_current(s, q->year, false, NULL, q->under != NULL, &c);
  if (st != JX_OK) {
    free_set(&c);
    return st;
  }
  const char *cols[] = {"code:编码",        "name:单位",     "#year:年度",  "kind:类型",    "status:状态",
                        "#version:版本",    "#score:得分",   "grade:等级", "#errors:错误", "#published:公开版本"};
  jx_table *t = jx_table_new(10, cols);
  for (size_t i = 0; i < c.n; i++) {
    const cur_row *r = &c.items[i];
    if (!jx_dept_under(&c.depts, r->code, q->under)) continue;
    char b[32];
    size_t row = jx_table_add_row(t);
    jx_table_set(t, row, 0, r->code);
    jx_table_set(t, row, 1, r->name);
    jx_table_setf(t, row, 2, "%d", r->year);
    jx_table_set(t, row, 3, strcmp(r->kind, "department") == 0 ? "部门整体" : r->kind);
    jx_table_set(t, row, 4, jx_store_status_label(r->status));
    jx_table_setf(t, row, 5, "%lld", (long long)r->version);
    if (r->incomplete) {
      jx_table_set_static(t, row, 6, "不完整");
      jx_table_set_static(t, row, 7, NULL);
    } else {
      jx_table_set(t, row, 6, F2(r->total, true, b));
      jx_table_set(t, row, 7, r->grade);
    }
    jx_table_setf(t, row, 8, "%lld", (long long)r->errors);
    if (r->published) jx_table_setf(t, row, 9, "%lld", (long long)r->published);
  }
  size_t incomplete = 0;
  for (size_t i = 0; i < c.n; i++) incomplete += c.items[i].incomplete && jx_dept_under(&c.depts, c.items[i].code, q->under);
  jx_table_footer(t, "共 %zu 个单位年度%s", t->nrows,
                  incomplete ? jx_arena_printf(c.a, "，其中 %zu 个不完整（有未计分项，不计算总分和等级）", incomplete) : "");
  free_set(&c);
  *out = t;
  return JX_OK;
}

static jx_status q_status(jx_store *s, const jx_query *q, jx_table **out) {
  cur_set c;
  jx_status st = load_current(s, q->year, false, NULL, q->under != NULL, &c);
  if (st != JX_OK) {
    free_set(&c);
    return st;
  }
  static const char *const order[] = {"draft", "submitted", "returned", "approved", "published"};
  const char *cols[] = {"status:状态", "#count:个数", "#with_errors:含错误"};
  jx_table *t = jx_table_new(3, cols);
  size_t total = 0;
  for (size_t k = 0; k < 5; k++) {
    size_t n = 0, e = 0;
    for (size_t i = 0; i < c.n; i++)
      if (strcmp(c.items[i].status, order[k]) == 0 && jx_dept_under(&c.depts, c.items[i].code, q->under)) {
        n++;
        e += c.items[i].errors > 0;
      }
    size_t r = jx_table_add_row(t);
    jx_table_set(t, r, 0, jx_store_status_label(order[k]));
    jx_table_setf(t, r, 1, "%zu", n);
    jx_table_setf(t, r, 2, "%zu", e);
    total += n;
  }
  jx_table_footer(t, "%s共 %zu 个单位年度", q->year ? jx_arena_printf(c.a, "%d 年度：", q->year) : "", total);
  free_set(&c);
  *out = t;
  return JX_OK;
}

static jx_status q_departments(jx_store *s, const jx_query *q, jx_table **out) {
  jx_dept_list l;
  jx_status st = jx_store_departments(s, &l);
  if (st != JX_OK) {
    jx_arena_free(l.arena);
    return st;
  }
  static const struct {
    const char *level, *label;
  } lv[] = {{"bureau", "财政局"}, {"authority", "主管部门"}, {"unit", "预算单位"}};
  const char *cols[] = {"code:编码", "name:名称", "parent:上级", "level:层级"};
  jx_table *t = jx_table_new(4, cols);
  for (size_t i = 0; i < l.n; i++) {
    if (!jx_dept_under(&l, l.items[i].code, q->under)) continue;
    size_t r = jx_table_add_row(t);
    jx_table_set(t, r, 0, l.items[i].code);
    jx_table_set(t, r, 1, l.items[i].name);
    jx_table_set(t, r, 2, l.items[i].parent);
    for (size_t k = 0; k < 3; k++)
      if (strcmp(lv[k].level, l.items[i].level) == 0) jx_table_set(t, r, 3, lv[k].label);
  }
  jx_table_footer(t, "共 %zu 个单位", t->nrows);
  jx_arena_free(l.arena);
  *out = t;
  return JX_OK;
}

/* ---- one department-year: show, history, rectifications ------------------------------------------ */

/* Run sql (parameters: the department-year id) and append every row to t, columns as text. */
static jx_status rows_into(jx_store *s, jx_table *t, const char *sql, int64_t id) {
  jx_stmt *st;
  if (jx_db_prepare(s->db, sql, &st) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, id);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    size_t row = jx_table_add_row(t);
    for (size_t c = 0; c < t->ncols; c++) jx_table_set(t, row, c, jx_stmt_text(st, (int)c));
  }
  jx_stmt_finalize(st);
  return r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, r);
}

static jx_status q_history(jx_store *s, const jx_query *q, jx_table **out) {
  if (!q->key) return jx_store_fail(s, JX_ERR_INVALID, "请给出单位编码和年度");
  jx_dy_row row;
  jx_status st = jx_store_find_dy(s, q->key, &row);
  if (st != JX_OK) return st;
  const char *cols[] = {"at:时间", "who:操作人", "#version:版本", "field:字段", "old:原值", "new:新值"};
  jx_table *t = jx_table_new(6, cols);
  st = rows_into(s, t,
                 "SELECT at, who, CAST(version AS TEXT), field, old_value, new_value FROM history WHERE dy = ? ORDER BY id", row.id);
  if (st != JX_OK) {
    jx_table_free(t);
    return st;
  }
  for (size_t r = 0; r < t->nrows; r++) /* workflow statuses in Chinese */
    if (strcmp(t->cells[r * t->ncols + 3], "状态") == 0)
      for (size_t c = 4; c < 6; c++)
        if (t->cells[r * t->ncols + c]) t->cells[r * t->ncols + c] = jx_store_status_label(t->cells[r * t->ncols + c]);
  jx_table_footer(t, "%s %d 年度：%zu 条修改记录", q->key->department, q->key->year, t->nrows);
  *out = t;
  return JX_OK;
}

static jx_status q_show(jx_store *s, const jx_query *q, jx_table **out) {
  if (!q->key) return jx_store_fail(s, JX_ERR_INVALID, "请给出单位编码和年度");
  jx_dy_row row;
  jx_status st = jx_store_find_dy(s, q->key, &row);
  if (st != JX_OK) return st;
  const char *cols[] = {"item:项目", "value:内容"};
  jx_table *t = jx_table_new(2, cols);
  jx_stmt *qs;
  if (jx_db_prepare(s->db,
                    "SELECT dep.name, s.total, s.grade, s.stated_total, s.execution_rate, s.indicators, s.scored, s.met, v.errors, "
                    "v.warnings, COALESCE(s.unscored, 0), s.unscored_points, s.partial_total FROM department_year d JOIN department dep ON dep.code = d.department "
                    "JOIN version v ON v.dy = d.id AND v.number = d.version JOIN score s ON s.version = v.id WHERE d.id = ?",
                    &qs) != JX_OK) {
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(qs, 1, row.id);
  if (jx_stmt_step(qs) == JX_DB_ROW) {
    char b1[32], b2[32], b3[32], b4[32];
    const char *kv[][2] = {
        {"单位", jx_arena_printf(t->arena, "%s %s", q->key->department, jx_stmt_text(qs, 0))},
        {"年度", jx_arena_printf(t->arena, "%d（%s）", q->key->year, strcmp(jx_store_kind(q->key), "department") == 0 ? "部门整体" : jx_store_kind(q->key))},
        {"状态", jx_store_status_label(row.status)},
        {"当前版本", jx_arena_printf(t->arena, "%lld", (long long)row.version)},
        {"公开版本", row.published_version ? jx_arena_printf(t->arena, "%lld", (long long)row.published_version) : "未公开"},
        {"复算得分", jx_stmt_int64(qs, 10) > 0 || jx_stmt_is_null(qs, 1)
                         ? jx_arena_printf(t->arena, "不完整：%lld 项未计分，共 %s 分无法计算；已计分部分合计 %s（不计算总分和等级）",
                                           (long long)jx_stmt_int64(qs, 10), F2(jx_stmt_int64(qs, 11), true, b1),
                                           F2(jx_stmt_int64(qs, 12), !jx_stmt_is_null(qs, 12), b4))
                         : jx_arena_printf(t->arena, "%s（%s）", F2(jx_stmt_int64(qs, 1), true, b1), jx_stmt_text(qs, 2) ? jx_stmt_text(qs, 2) : "")},
        {"自评得分", F2(jx_stmt_int64(qs, 3), !jx_stmt_is_null(qs, 3), b2)},
        {"预算执行率", jx_stmt_is_null(qs, 4) ? "" : jx_arena_printf(t->arena, "%s%%", F2(jx_stmt_int64(qs, 4), true, b3))},
        {"指标", jx_arena_printf(t->arena, "%lld 项，已计分 %lld 项，完成 %lld 项", (long long)jx_stmt_int64(qs, 5),
                                 (long long)jx_stmt_int64(qs, 6), (long long)jx_stmt_int64(qs, 7))},
        {"检查", jx_arena_printf(t->arena, "%lld 个错误，%lld 个警告", (long long)jx_stmt_int64(qs, 8), (long long)jx_stmt_int64(qs, 9))},
    };
    for (size_t i = 0; i < sizeof kv / sizeof *kv; i++) {
      size_t r = jx_table_add_row(t);
      jx_table_set(t, r, 0, kv[i][0]);
      jx_table_set(t, r, 1, kv[i][1]);
    }
  }
  jx_stmt_finalize(qs);
  static const char *const extra[] = {
      "SELECT '版本 ' || CAST(number AS TEXT), created_at || ' ' || created_by || ' ' || file_name || ' sha256:' || "
      "SUBSTR(sha256, 1, 12) || CASE WHEN correction IS NULL THEN '' ELSE ' 更正：' || correction END "
      "FROM version WHERE dy = ? ORDER BY number",
      "SELECT '审核意见（第 ' || CAST(version AS TEXT) || ' 版）', COALESCE(indicator || '：', '') || text || '（' || who || ' ' || at || '）' "
      "FROM review_comment WHERE dy = ? ORDER BY id",
      "SELECT '整改 #' || CAST(id AS TEXT), item || CASE WHEN closed_at IS NULL THEN '（未关闭）' ELSE '（已关闭 ' || closed_at || "
      "'：' || COALESCE(closing_note, '') || '）' END FROM rectification WHERE dy = ? ORDER BY id",
  };
  for (size_t i = 0; i < 3 && st == JX_OK; i++) st = rows_into(s, t, extra[i], row.id);
  if (st != JX_OK) {
    jx_table_free(t);
    return st;
  }
  *out = t;
  return JX_OK;
}

static jx_status q_rectifications(jx_store *s, const jx_query *q, jx_table **out) {
  const char *cols[] = {"#id:编号", "code:编码", "name:单位", "#year:年度", "item:整改事项", "opened:提出", "state:状态", "note:整改结果"};
  jx_table *t = jx_table_new(8, cols);
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT CAST(r.id AS TEXT), d.department, dep.name, CAST(d.year AS TEXT), r.item, r.opened_at || ' ' || r.opened_by, "
                    "CASE WHEN r.closed_at IS NULL THEN '未关闭' ELSE '已关闭 ' || r.closed_at END, r.closing_note "
                    "FROM rectification r JOIN department_year d ON d.id = r.dy JOIN department dep ON dep.code = d.department "
                    "WHERE (? = 0 OR d.year = ?) ORDER BY r.id",
                    &st) != JX_OK) {
    jx_table_free(t);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(st, 1, q->year);
  jx_stmt_bind_int64(st, 2, q->year);
  jx_status r;
  size_t open = 0;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    size_t row = jx_table_add_row(t);
    for (size_t c = 0; c < 8; c++) jx_table_set(t, row, c, jx_stmt_text(st, (int)c));
    open += strcmp(jx_stmt_text(st, 6), "未关闭") == 0;
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, r);
  }
  jx_table_footer(t, "整改事项 %zu 项，未关闭 %zu 项", t->nrows, open);
  *out = t;
  return JX_OK;
}

/* ---- the table of queries ----------------------------------------------------------------------- */

static const struct {
  const char *what;
  jx_status (*run)(jx_store *, const jx_query *, jx_table **);
  bool needs_year;
} queries[] = {
    {"list", q_list, false},     {"status", q_status, false}, {"show", q_show, false},       {"history", q_history, false},
    {"rank", q_rank, true},      {"stats", q_stats, true},    {"flags", q_flags, true},      {"yoy", q_yoy, true},
    {"missing", q_missing, true}, {"totals", q_totals, true}, {"departments", q_departments, false},
    {"rectifications", q_rectifications, false},
};

jx_status jx_store_query(jx_store *s, const jx_query *q, jx_table **out) {
  *out = NULL;
  s->err[0] = '\0';
  if (!q || !q->what) return jx_store_fail(s, JX_ERR_INVALID, "没有给出查询");
  if (!level_ok(q->level))
    return jx_store_fail(s, JX_ERR_INVALID, "层级“%s”不对：应为 unit（预算单位）、authority（主管部门）或 bureau（财政局）", q->level);
  for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
    if (strcmp(queries[i].what, q->what) != 0) continue;
    if (queries[i].needs_year && q->year <= 0) return jx_store_fail(s, JX_ERR_INVALID, "%s 需要年度（--year）", q->what);
    return queries[i].run(s, q, out);
  }
  return jx_store_fail(s, JX_ERR_INVALID, "未知的查询“%s”", q->what);
}
