/* import.c — jx_store_put: an evaluated file's bytes stored as a version with normalized rows and a field history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/metrics.h"
#include "parse/yaml_tree.h"
#include "store/store.h"
#include "util/text.h"

/* ---- the field history: both versions flattened to sorted (path, value) lists ----------- */

typedef struct {
  const char *path, *value;
  size_t order;
} field;

typedef struct {
  jx_arena *a;
  field *items;
  size_t n, cap;
} fieldlist;

static void emit(fieldlist *l, const char *path, const char *value) {
  if (l->n == l->cap) l->items = jx_arena_grow(l->a, l->items, l->n, l->cap = l->cap ? l->cap * 2 : 256, sizeof *l->items);
  l->items[l->n] = (field){path, value, l->n};
  l->n++;
}

/* A list item is named by its `name` (or `title`) when it has one: an indicator inserted
 * in the middle does not renumber every indicator after it. */
static const char *item_label(jx_arena *a, const jx_node *item, size_t i) {
  if (item->type == JX_NODE_MAP) {
    const jx_node *n = jx_map_get(item, "name");
    if (!n) n = jx_map_get(item, "title");
    if (n && n->type == JX_NODE_SCALAR && n->text[0]) return jx_arena_printf(a, "[%s]", n->text);
  }
  return jx_arena_printf(a, "[%zu]", i + 1);
}

static void flatten(fieldlist *l, const jx_node *n, const char *prefix, int depth) {
  if (depth > JX_MAX_DEPTH) return;
  switch (n->type) {
  case JX_NODE_SCALAR: emit(l, prefix, n->text); break;
  case JX_NODE_MAP:
    if (!n->n) emit(l, prefix, "{}");
    for (size_t i = 0; i < n->n; i++)
      flatten(l, n->pairs[i].value, *prefix ? jx_arena_printf(l->a, "%s.%s", prefix, n->pairs[i].key) : n->pairs[i].key,
              depth + 1);
    break;
  case JX_NODE_SEQ:
    if (!n->n) emit(l, prefix, "[]");
    for (size_t i = 0; i < n->n; i++)
      flatten(l, n->items[i], jx_arena_printf(l->a, "%s%s", prefix, item_label(l->a, n->items[i], i)), depth + 1);
    break;
  }
}

static int field_cmp(const void *x, const void *y) {
  const field *a = x, *b = y;
  int c = strcmp(a->path, b->path);
  if (c) return c;
  return a->order < b->order ? -1 : a->order > b->order;
}

static void flatten_bytes(fieldlist *l, const char *data, size_t len) {
  jx_diags ignore = {0};
  const jx_node *root = jx_yaml_parse(l->a, "v", data, len, &ignore);
  jx_diags_free(&ignore);
  if (root) flatten(l, root, "", 0);
  if (l->n) qsort(l->items, l->n, sizeof *l->items, field_cmp);
  /* the same path twice (two indicators of one name): number the later ones */
  const char *run = NULL;
  size_t k = 2;
  for (size_t i = 1; i < l->n; i++) {
    const char *prev = run ? run : l->items[i - 1].path;
    if (strcmp(l->items[i].path, prev) == 0) {
      run = prev;
      l->items[i].path = jx_arena_printf(l->a, "%s#%zu", prev, k++);
    } else {
      run = NULL;
      k = 2;
    }
  }
}

/* Two texts of one field are the same value: equal, or the same number written two ways
 * (1,072.52 and 1072.52, 5 and 5.00): a change of formatting is not history. */
static bool same_value(const char *a, const char *b) {
  if (!strcmp(a, b)) return true;
  int64_t x, y;
  bool px = false, py = false;
  const char *why;
  return jx_parse_num(a, &x, &px, &why) && jx_parse_num(b, &y, &py, &why) && x == y && px == py;
}

jx_status jx_store_diff_fields(const char *old_data, size_t old_len, const char *new_data, size_t new_len,
                               jx_field_change_fn fn, void *ctx) {
  jx_arena *a = jx_arena_new();
  fieldlist o = {a, NULL, 0, 0}, n = {a, NULL, 0, 0};
  flatten_bytes(&o, old_data, old_len);
  flatten_bytes(&n, new_data, new_len);
  jx_status st = JX_OK;
  size_t i = 0, j = 0;
  while (st == JX_OK && (i < o.n || j < n.n)) {
    int c = i >= o.n ? 1 : j >= n.n ? -1 : strcmp(o.items[i].path, n.items[j].path);
    if (c < 0) {
      st = fn(ctx, o.items[i].path, o.items[i].value, NULL);
      i++;
    } else if (c > 0) {
      st = fn(ctx, n.items[j].path, NULL, n.items[j].value);
      j++;
    } else {
      if (!same_value(o.items[i].value, n.items[j].value)) st = fn(ctx, n.items[j].path, o.items[i].value, n.items[j].value);
      i++;
      j++;
    }
  }
  jx_arena_free(a);
  return st;
}

typedef struct {
  jx_store *s;
  int64_t dy, version;
  const char *now, *who;
  size_t changes;
} diff_ctx;

static jx_status history_change(void *ctx, const char *path, const char *old_value, const char *new_value) {
  diff_ctx *c = ctx;
  c->changes++;
  return jx_store_history(c->s, c->dy, c->version, c->now, c->who, path, old_value, new_value);
}

/* Write one history row per field that differs between old and new. */
static jx_status write_diff(jx_store *s, int64_t dy, int64_t version, const char *now, const char *who, const char *old_data,
                            size_t old_len, const char *new_data, size_t new_len, size_t *changes) {
  diff_ctx c = {s, dy, version, now, who, 0};
  jx_status st = jx_store_diff_fields(old_data, old_len, new_data, new_len, history_change, &c);
  *changes += c.changes;
  return st;
}

/* ---- normalized rows ---------------------------------------------------------------------- */

static void bind_opt(jx_stmt *st, int i, bool set, int64_t v) {
  if (set) jx_stmt_bind_int64(st, i, v);
  else jx_stmt_bind_null(st, i);
}

static const char *value_text(const jx_value *v, char *buf, size_t n) {
  if (v->kind == JX_VAL_NONE) return NULL;
  if (v->text) return v->text;
  jx_format_num(v->num, buf, n);
  if (v->percent) strncat(buf, "%", n - strlen(buf) - 1);
  return buf;
}




typedef struct {
  const jx_indicator_score *sc;
  const char *project;
} ind_row;

typedef struct {
  int64_t vid;
  const ind_row *rows;
} ind_ctx;

static void bind_indicator(jx_stmt *st, int base, size_t row, const void *ctx) {
  const ind_ctx *c = ctx;
  const jx_indicator_score *sc = c->rows[row].sc;
  const jx_indicator *ind = sc->indicator;
  char tb[48], ab[48];
  jx_stmt_bind_int64(st, base + 1, c->vid);
  jx_stmt_bind_int64(st, base + 2, (int64_t)row + 1);
  jx_stmt_bind_text(st, base + 3, c->rows[row].project, -1);
  jx_stmt_bind_text(st, base + 4, ind->level1, -1);
  jx_stmt_bind_text(st, base + 5, ind->level2, -1);
  jx_stmt_bind_text(st, base + 6, ind->name ? ind->name : "", -1);
  jx_stmt_bind_text(st, base + 7, ind->nature ? jx_nature_symbol(ind->nature) : NULL, -1);
  jx_stmt_bind_text(st, base + 8, value_text(&ind->target, tb, sizeof tb), -1);
  jx_stmt_bind_text(st, base + 9, ind->unit, -1);
  bind_opt(st, base + 10, ind->weight.set, ind->weight.v);
  jx_stmt_bind_text(st, base + 11, value_text(&ind->actual, ab, sizeof ab), -1);
  bind_opt(st, base + 12, sc->scored, sc->actual);
  bind_opt(st, base + 13, ind->score.set, ind->score.v);
  bind_opt(st, base + 14, sc->scored, sc->score);
  bind_opt(st, base + 15, sc->scored, sc->met);
  jx_stmt_bind_text(st, base + 16, sc->attainment, -1);
}

/* Every indicator of the department-year and of its projects, numbered 1…n in that order. */
static jx_status insert_indicators(jx_store *s, int64_t vid, const jx_result *r) {
  size_t n = r->indicators.n;
  for (size_t p = 0; p < r->projects.n; p++) n += r->projects.items[p]->indicators.n;
  ind_row *rows = jx_xmalloc((n ? n : 1) * sizeof *rows);
  size_t k = 0;
  for (size_t i = 0; i < r->indicators.n; i++) rows[k++] = (ind_row){&r->indicators.items[i], NULL};
  for (size_t p = 0; p < r->projects.n; p++) {
    const jx_result *pr = r->projects.items[p];
    const char *name = pr->doc->project && pr->doc->project->name ? pr->doc->project->name : "";
    for (size_t i = 0; i < pr->indicators.n; i++) rows[k++] = (ind_row){&pr->indicators.items[i], name};
  }
  ind_ctx c = {vid, rows};
  jx_status st = jx_store_insert_rows(s, JX_MULTI_INDICATOR,
                             "INSERT INTO indicator (version, seq, project, level1, level2, name, nature, target, unit, weight, "
                             "actual, actual_value, self_score, score, met, attainment)",
                                      NULL, 16, n, bind_indicator, &c);
  free(rows);
  return st;
}

typedef struct {
  const char *item;
  jx_money initial, adjusted, executed;
} money_row;

typedef struct {
  int64_t vid;
  const money_row *rows;
} money_ctx;

static void bind_money(jx_stmt *st, int base, size_t row, const void *ctx) {
  const money_ctx *c = ctx;
  const money_row *m = &c->rows[row];
  jx_stmt_bind_int64(st, base + 1, c->vid);
  jx_stmt_bind_int64(st, base + 2, (int64_t)row + 1);
  jx_stmt_bind_text(st, base + 3, m->item, -1);
  bind_opt(st, base + 4, m->initial.set, m->initial.fen);
  bind_opt(st, base + 5, m->adjusted.set, m->adjusted.fen);
  bind_opt(st, base + 6, m->executed.set, m->executed.fen);
}

static jx_status insert_money(jx_store *s, int64_t vid, const jx_doc *doc) {
  size_t nproj = doc->kind == JX_KIND_DEPARTMENT ? doc->projects.n : 0;
  money_row *rows = jx_xmalloc((8 + nproj) * sizeof *rows);
  size_t n = 0;
  jx_money none = {0};
  if (doc->kind == JX_KIND_PROJECT && doc->project) {
    const jx_project *p = doc->project;
    rows[n++] = (money_row){"项目资金", p->initial, p->adjusted, p->executed};
    rows[n++] = (money_row){"财政拨款", p->fiscal.initial, p->fiscal.adjusted, p->fiscal.executed};
    rows[n++] = (money_row){"上年结转", p->carried_in.initial, p->carried_in.adjusted, p->carried_in.executed};
    rows[n++] = (money_row){"其他资金", p->other.initial, p->other.adjusted, p->other.executed};
  } else {
    jx_money adjusted = doc->adjusted.set ? doc->adjusted : doc->income_total;
    rows[n++] = (money_row){"部门整体", doc->budget_total, adjusted, doc->expenditure_total};
    rows[n++] = (money_row){"财政拨款", doc->budget_fiscal, doc->income_fiscal, none};
    rows[n++] = (money_row){"其他资金", doc->budget_other, doc->income_other, none};
    rows[n++] = (money_row){"上年结转", doc->budget_carried_in, doc->income_carried_in, none};
    rows[n++] = (money_row){"基本支出", none, none, doc->expenditure_basic};
    rows[n++] = (money_row){"项目支出", none, none, doc->expenditure_project};
    rows[n++] = (money_row){"结转", none, none, doc->carry_over};
    rows[n++] = (money_row){"结余", none, none, doc->balance};
  }
  for (size_t i = 0; i < nproj; i++) {
    const jx_project *p = &doc->projects.items[i];
    rows[n++] = (money_row){jx_arena_printf(doc->arena, "项目：%s", p->name ? p->name : ""), p->initial, p->adjusted, p->executed};
  }
  size_t kept = 0; /* rows with no amount at all are not stored */
  for (size_t i = 0; i < n; i++)
    if (rows[i].initial.set || rows[i].adjusted.set || rows[i].executed.set) rows[kept++] = rows[i];
  money_ctx c = {vid, rows};
  jx_status st = jx_store_insert_rows(s, JX_MULTI_MONEY, "INSERT INTO money (version, seq, item, initial, adjusted, executed)", NULL, 6, kept, bind_money, &c);
  free(rows);
  return st;
}

typedef struct {
  int64_t vid;
  const jx_result *r;
} block_ctx;

static void bind_block(jx_stmt *st, int base, size_t row, const void *ctx) {
  const block_ctx *c = ctx;
  jx_stmt_bind_int64(st, base + 1, c->vid);
  jx_stmt_bind_int64(st, base + 2, (int64_t)row + 1);
  jx_stmt_bind_text(st, base + 3, c->r->blocks.items[row].name, -1);
  jx_stmt_bind_int64(st, base + 4, c->r->blocks.items[row].max);
  jx_stmt_bind_int64(st, base + 5, c->r->blocks.items[row].score);
}

/* What the queries read of a version, kept on its department_year row too (migrations 4
 * and 5): total, grade, stated_total, execution_rate, indicator_total, attainment,
 * indicators, scored, met, unscored, unscored_points, partial_total — bound as parameters
 * base+1 … base+12.  An incomplete result has no total and no grade (NULL). */
enum { SUMMARY_COLS = 12 };
#define SUMMARY_NAMES                                                                                                  \
  "total, grade, stated_total, execution_rate, indicator_total, attainment, indicators, scored, met, unscored, " \
  "unscored_points, partial_total"
#define SUMMARY_SET                                                                                                     \
  "total = ?, grade = ?, stated_total = ?, execution_rate = ?, indicator_total = ?, attainment = ?, indicators = ?, " \
  "scored = ?, met = ?, unscored = ?, unscored_points = ?, partial_total = ?"

/* How complete r is, bound as parameters base+1 … base+3: unscored (the parts that carry
 * points and were not scored), unscored_points, partial_total (the sum of what was scored;
 * the total when complete). */
static void bind_completeness(jx_stmt *st, int base, const jx_result *r) {
  jx_stmt_bind_int64(st, base + 1, (int64_t)r->n_unscored);
  jx_stmt_bind_int64(st, base + 2, r->complete ? 0 : r->unscored_points);
  jx_stmt_bind_int64(st, base + 3, r->complete ? r->total : r->partial_total);
}

static void bind_summary(jx_stmt *st, int base, const jx_doc *doc, const jx_result *r) {
  size_t scored = 0, met = 0;
  for (size_t i = 0; i < r->indicators.n; i++) {
    scored += r->indicators.items[i].scored;
    met += r->indicators.items[i].scored && r->indicators.items[i].met;
  }
  const jx_metric_value *exec = jx_result_metric(r, "execution_rate");
  const jx_num *stated = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->stated_total : &doc->stated_total;
  bind_opt(st, base + 1, r->complete, r->total);
  jx_stmt_bind_text(st, base + 2, r->complete ? r->grade : NULL, -1);
  bind_opt(st, base + 3, stated->set, stated->v);
  bind_opt(st, base + 4, exec && exec->known, exec ? exec->value : 0);
  jx_stmt_bind_int64(st, base + 5, r->indicator_total);
  bind_opt(st, base + 6, scored > 0, scored ? jx_ratio_round2((int64_t)met, (int64_t)scored, 100 * JX_NUM_SCALE) : 0);
  jx_stmt_bind_int64(st, base + 7, (int64_t)r->indicators.n);
  jx_stmt_bind_int64(st, base + 8, (int64_t)scored);
  jx_stmt_bind_int64(st, base + 9, (int64_t)met);
  bind_completeness(st, base + 9, r);
}

static jx_status insert_scores(jx_store *s, int64_t vid, const jx_doc *doc, const jx_result *r) {
  size_t scored = 0, met = 0;
  for (size_t i = 0; i < r->indicators.n; i++) {
    scored += r->indicators.items[i].scored;
    met += r->indicators.items[i].scored && r->indicators.items[i].met;
  }
  const jx_metric_value *exec = jx_result_metric(r, "execution_rate");
  jx_stmt *st;
  if (jx_store_prepare(s,
                    "INSERT INTO score (version, total, grade, stated_total, execution_rate, execution_score, indicator_total, "
                    "indicator_weight, indicators, scored, met, attainment, unscored, unscored_points, partial_total) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  const jx_num *stated = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->stated_total : &doc->stated_total;
  jx_stmt_bind_int64(st, 1, vid);
  bind_opt(st, 2, r->complete, r->total);
  jx_stmt_bind_text(st, 3, r->complete ? r->grade : NULL, -1);
  bind_opt(st, 4, stated->set, stated->v);
  bind_opt(st, 5, exec && exec->known, exec ? exec->value : 0);
  bind_opt(st, 6, r->has_execution, r->execution_score);
  jx_stmt_bind_int64(st, 7, r->indicator_total);
  jx_stmt_bind_int64(st, 8, r->indicator_weight);
  jx_stmt_bind_int64(st, 9, (int64_t)r->indicators.n);
  jx_stmt_bind_int64(st, 10, (int64_t)scored);
  jx_stmt_bind_int64(st, 11, (int64_t)met);
  bind_opt(st, 12, scored > 0, scored ? jx_ratio_round2((int64_t)met, (int64_t)scored, 100 * JX_NUM_SCALE) : 0);
  bind_completeness(st, 12, r);
  jx_status x = jx_stmt_send(st);
  if (x != JX_OK) return jx_store_dbfail(s, x);
  block_ctx c = {vid, r};
  return jx_store_insert_rows(s, JX_MULTI_BLOCK, "INSERT INTO block_score (version, seq, name, max, score)", NULL, 5, r->blocks.n, bind_block, &c);
}

/* ---- the key: which department-year a file is -------------------------------------------- */

/* The department code: the file's department.code, else the option, else its name in
 * the departments table.  A code not yet in the table is added as a unit (no parent).  A
 * file whose own code differs from the option's is refused: stored under either code, it
 * would be silently filed under a department it does not name. */
static jx_status resolve_department(jx_store *s, const jx_doc *doc, const char *given, char *code, size_t n) {
  const char *own = doc->department_code && *doc->department_code ? doc->department_code : NULL;
  if (own && given && *given && strcmp(own, given) != 0) {
    jx_arena *a = jx_arena_new();
    const char *why = jx_code_problem(a, given);
    jx_status st = why ? jx_store_fail(s, JX_ERR_DATA, "%s", why) : jx_store_fail(s, JX_ERR_DATA, "文件写明的单位编码是 %s，与指定的单位编码 %s 不一致：未写入（去掉 --department，或改正文件的 department.code）",
                                 jx_text_visible(a, own), jx_text_visible(a, given));
    jx_arena_free(a);
    return st;
  }
  const char *c = own ? own : given;
  if (c && *c) {
    jx_arena *a = jx_arena_new();
    const char *why = jx_code_problem(a, c);
    if (why) jx_store_fail(s, JX_ERR_DATA, "%s", why);
    jx_arena_free(a);
    if (why) return JX_ERR_DATA;
    if (strlen(c) >= n) return jx_store_fail(s, JX_ERR_DATA, "单位编码“%.40s…”太长（最多 %zu 字节）", c, n - 1);
    snprintf(code, n, "%s", c);
    return JX_OK;
  }
  if (s->tail_pending) { /* the lookup below would be the round trip that confirms it */
    s->tail_pending = false;
    jx_status t = jx_db_sync(s->db);
    if (t != JX_OK) return jx_store_dbfail(s, JX_DB_RETRY);
  }
  const char *names[2] = {doc->unit_name, doc->department};
  for (int i = 0; i < 2; i++) {
    if (!names[i] || !*names[i]) continue;
    jx_stmt *st;
    if (jx_store_prepare(s, "SELECT code FROM department WHERE name = ? ORDER BY code", &st) != JX_OK)
      return jx_store_dbfail(s, JX_ERR_IO);
    jx_stmt_bind_text(st, 1, names[i], -1);
    jx_status r = jx_stmt_step(st);
    if (r == JX_DB_ROW) {
      snprintf(code, n, "%s", jx_stmt_text(st, 0));
      bool twice = jx_stmt_step(st) == JX_DB_ROW;
      jx_store_release(st);
      if (twice) return jx_store_fail(s, JX_ERR_DATA, "单位名称“%s”在单位表中出现不止一次：请用 --department 指定单位编码", names[i]);
      return JX_OK;
    }
    jx_store_release(st);
    if (r != JX_DB_DONE) return jx_store_dbfail(s, r);
  }
  return jx_store_fail(s, JX_ERR_DATA,
                       "文件没有写单位编码（department.code），单位表中也没有名为“%s”的单位：请用 --department 指定编码，或先用 "
                       "jixiao db departments 导入单位表",
                       doc->unit_name ? doc->unit_name : doc->department ? doc->department : "");
}

static jx_status ensure_department(jx_store *s, const char *code, const jx_doc *doc, const char *now) {
  jx_stmt *st;
  if (jx_store_prepare(s,
                    "INSERT INTO department (code, name, parent, level, updated_at) VALUES (?, ?, NULL, 'unit', ?) "
                    "ON CONFLICT (code) DO NOTHING",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  const char *name = doc->unit_name ? doc->unit_name : doc->department ? doc->department : code;
  jx_stmt_bind_text(st, 1, code, -1);
  jx_stmt_bind_text(st, 2, name, -1);
  jx_stmt_bind_text(st, 3, now, -1);
  jx_status r = jx_stmt_send(st);
  return r == JX_OK ? JX_OK : jx_store_dbfail(s, r);
}

/* ---- the transaction ------------------------------------------------------------------------ */

typedef struct {
  const char *name, *data;
  size_t len;
  const jx_store_import_opts *o;
  const jx_doc *doc;
  const jx_result *res;
  const char *code, *kind;
  size_t errors, warnings;
  char sha[65];
  jx_store_import_info *info;
} import_job;

static jx_status current_bytes(jx_store *s, int64_t dy, int64_t number, char **data, size_t *len) {
  jx_stmt *st;
  if (jx_store_prepare(s, "SELECT content FROM version WHERE dy = ? AND number = ?", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, dy);
  jx_stmt_bind_int64(st, 2, number);
  jx_status r = jx_stmt_step(st);
  if (r == JX_DB_ROW) {
    const void *p = jx_stmt_blob(st, 0, len);
    *data = jx_xmalloc(*len + 1);
    if (*len) memcpy(*data, p, *len);
    (*data)[*len] = '\0';
    r = JX_OK;
  } else {
    r = jx_store_fail(s, JX_ERR_IO, "第 %lld 版的内容不见了（数据库不完整）", (long long)number);
  }
  jx_store_release(st);
  return r;
}

/* In a batch, the previous department-year's writes are confirmed by the next round trip.
 * When that fails the failure cannot be told apart from the new file's own, and the
 * previous file was already counted stored: the batch is given up and imported again
 * (JX_DB_RETRY here; batch_lost).  st is the outcome of the round trip. */
static jx_status tail_checked(bool tail, jx_status st) {
  if (tail && st != JX_OK && st != JX_DB_ROW && st != JX_DB_DONE && st != JX_ERR_DATA) return JX_DB_RETRY;
  return st;
}

/* One department-year's transaction, or, inside a batch (jx_store_batch_begin), a part
 * of the batch's: all or nothing either way.
 * - SQLite: a savepoint per department-year.
 * - PostgreSQL: no savepoint.  Every refusal (stale version, published, unchanged …) is
 *   decided before the department-year's first write, and any failure after it gives up
 *   the whole batch (batch_lost: it is rolled back and imported again), so a savepoint
 *   would never be rolled back to; it would cost two statements and a subtransaction
 *   per file.  The last write is not waited for: the server stores this department-year
 *   while the next file is read and checked, and the next round trip (or the commit)
 *   confirms it (tail_checked). */
static bool pg_batch(const jx_store *s) { return s->batch && jx_db_kind_of(s->db) == JX_DB_POSTGRES; }

static jx_status txn_begin(jx_store *s) {
  if (!s->batch) return jx_db_begin(s->db);
  if (pg_batch(s)) return JX_OK;
  return jx_db_exec(s->db, "SAVEPOINT jx_dy");
}
static jx_status txn_commit(jx_store *s) {
  if (!s->batch) return jx_db_commit(s->db);
  if (!pg_batch(s)) return jx_db_exec(s->db, "RELEASE jx_dy");
  jx_status r = jx_db_flush(s->db);
  s->tail_pending = r == JX_OK;
  return r;
}
static void txn_rollback(jx_store *s) {
  if (pg_batch(s)) return; /* nothing written yet, or the caller gives up the batch */
  if (s->batch) {
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    jx_db_exec(s->db, "ROLLBACK TO jx_dy");
    jx_db_exec(s->db, "RELEASE jx_dy");
    memcpy(s->err, keep, sizeof keep);
  } else {
    jx_db_rollback(s->db);
  }
}
/* A failure's status: in a PostgreSQL batch every failure of the database (not a refusal,
 * JX_ERR_DATA) gives up the batch. */
static jx_status txn_failed(jx_store *s, jx_status st) {
  txn_rollback(s);
  if (st == JX_OK) return JX_ERR_DATA;
  return pg_batch(s) && st != JX_ERR_DATA ? JX_DB_RETRY : st;
}

/* The id of the next department_year (which 0) or version (1) row.  Inside a batch they
 * are reserved 64 at a time (one round trip); outside, one at a time.  The pool lives as
 * long as the batch's transaction (SQLite's reservation is only good inside it). */
static jx_status take_id(jx_store *s, int which, int64_t *id) {
  static const char *const tables[2] = {"department_year", "version"};
  if (!s->n_ids[which]) {
    size_t n = s->batch ? JX_STORE_ID_BLOCK : 1;
    jx_status st = jx_db_reserve_ids(s->db, tables[which], n, s->ids[which]);
    if (st != JX_OK) return jx_store_dbfail(s, st);
    for (size_t i = 0; i < n / 2; i++) { /* taken from the end: keep them in order */
      int64_t t = s->ids[which][i];
      s->ids[which][i] = s->ids[which][n - 1 - i];
      s->ids[which][n - 1 - i] = t;
    }
    s->n_ids[which] = n;
  }
  *id = s->ids[which][--s->n_ids[which]];
  return JX_OK;
}

static void drop_ids(jx_store *s) { s->n_ids[0] = s->n_ids[1] = 0; }

/* Round trips to a PostgreSQL server in a batch, each carrying every statement queued
 * before it: (1) the lock and the lookup (with the previous file's writes); (2) [the
 * department, the department-year,] the version, RETURNING its id; then the rows, the
 * history and the department-year's update are sent without waiting. */
static jx_status import_txn(jx_store *s, import_job *j) {
  jx_db *db = s->db;
  char now[40];
  jx_db_now(now, sizeof now);
  jx_dy_key key = {j->code, j->doc->year, j->kind};
  bool tail = s->tail_pending;
  s->tail_pending = false;
  jx_status st = tail_checked(tail, txn_begin(s));
  if (st != JX_OK) return jx_store_dbfail(s, st);
  st = tail_checked(tail, jx_db_lock(db, jx_store_lock_key(j->code, j->doc->year, j->kind)));
  if (st != JX_OK) goto fail_db;
  jx_dy_row row;
  st = tail_checked(tail, jx_store_find_dy(s, &key, &row));
  if (st != JX_OK && st != JX_ERR_DATA) goto fail;
  bool exists = st == JX_OK;
  const jx_store_import_opts *o = j->o;
  char *old = NULL;
  size_t old_len = 0;
  const char *new_status = "draft";
  if (exists) {
    if (o->expect_version > 0 && o->expect_version != row.version) {
      st = jx_store_fail(s, JX_ERR_DATA,
                         "%s %d 年度：修改基于第 %lld 版，但当前已是第 %lld 版（其他人已修改）：未写入，也不合并；请先导出第 %lld 版再修改",
                         j->code, j->doc->year, (long long)o->expect_version, (long long)row.version, (long long)row.version);
      goto fail;
    }
    /* the same bytes as the current version (same SHA-256 and size): nothing to write */
    if (row.size == (int64_t)j->len && strcmp(row.sha256, j->sha) == 0) {
      txn_rollback(s);
      j->info->outcome = JX_STORED_UNCHANGED;
      j->info->version = row.version;
      return JX_OK;
    }
    if (strcmp(row.status, "submitted") == 0 || strcmp(row.status, "approved") == 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度正在审核（状态：%s）：不能修改；请审核人先退回（return）", j->code, j->doc->year,
                         strcmp(row.status, "submitted") == 0 ? "已提交" : "已审核通过");
      goto fail;
    }
    if (strcmp(row.status, "published") == 0 && !(o->correction && *o->correction)) {
      st = jx_store_fail(s, JX_ERR_DATA,
                         "%s %d 年度已公开（第 %lld 版）：公开的数据不能修改；如需更正，请用 --correction \"原因\" 导入，更正作为新版本保留记录",
                         j->code, j->doc->year, (long long)row.published_version);
      goto fail;
    }
    if (strcmp(row.status, "returned") == 0) new_status = "returned";
    st = current_bytes(s, row.id, row.version, &old, &old_len); /* for the history of fields */
    if (st != JX_OK) goto fail;
  } else {
    if (o->expect_version > 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度：修改基于第 %lld 版，但数据库中还没有这个单位年度", j->code, j->doc->year,
                         (long long)o->expect_version);
      goto fail;
    }
    snprintf(row.status, sizeof row.status, "draft");
  }
  /* From here on the department-year is written: its ids first, so that every row can be
   * queued without waiting for a RETURNING. */
  int64_t number = row.version + 1, vid = 0;
  if ((st = take_id(s, 1, &vid)) != JX_OK) goto fail_free;
  if (!exists) {
    if ((st = take_id(s, 0, &row.id)) != JX_OK) goto fail_free;
    st = ensure_department(s, j->code, j->doc, now);
    if (st != JX_OK) goto fail;
    jx_stmt *ins;
    if (jx_store_prepare(s,
                      "INSERT INTO department_year (id, department, year, kind, status, version, updated_at, current_version, "
                      "errors, dept_name, authority_name, " SUMMARY_NAMES ") VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, "
                      "(SELECT name FROM department WHERE code = ?), "
                      "(SELECT p.name FROM department c JOIN department p ON p.code = c.parent WHERE c.code = ? AND p.level = 'authority'), "
                      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      &ins) != JX_OK)
      goto fail_db;
    jx_stmt_bind_int64(ins, 1, row.id);
    jx_stmt_bind_text(ins, 2, j->code, -1);
    jx_stmt_bind_int64(ins, 3, j->doc->year);
    jx_stmt_bind_text(ins, 4, j->kind, -1);
    jx_stmt_bind_int64(ins, 5, number);
    jx_stmt_bind_text(ins, 6, now, -1);
    jx_stmt_bind_int64(ins, 7, vid);
    jx_stmt_bind_int64(ins, 8, (int64_t)j->errors);
    jx_stmt_bind_text(ins, 9, j->code, -1);
    jx_stmt_bind_text(ins, 10, j->code, -1);
    bind_summary(ins, 10, j->doc, j->res);
    if ((st = jx_stmt_send(ins)) != JX_OK) goto fail_db;
  }
  jx_stmt *ver;
  if (jx_store_prepare(s,
                    "INSERT INTO version (id, dy, number, sha256, size, content, file_name, errors, warnings, correction, created_at, "
                    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    &ver) != JX_OK)
    goto fail_db_free;
  const char *base = strrchr(j->name, '/');
  jx_stmt_bind_int64(ver, 1, vid);
  jx_stmt_bind_int64(ver, 2, row.id);
  jx_stmt_bind_int64(ver, 3, number);
  jx_stmt_bind_text(ver, 4, j->sha, -1);
  jx_stmt_bind_int64(ver, 5, (int64_t)j->len);
  jx_stmt_bind_blob(ver, 6, j->data, j->len);
  jx_stmt_bind_text(ver, 7, base ? base + 1 : j->name, -1);
  jx_stmt_bind_int64(ver, 8, (int64_t)j->errors);
  jx_stmt_bind_int64(ver, 9, (int64_t)j->warnings);
  jx_stmt_bind_text(ver, 10, exists && strcmp(row.status, "published") == 0 ? o->correction : NULL, -1);
  jx_stmt_bind_text(ver, 11, now, -1);
  jx_stmt_bind_text(ver, 12, o->user, -1);
  st = jx_stmt_send(ver);
  if (st != JX_OK) goto fail_db_free;

  st = insert_indicators(s, vid, j->res);
  if (st == JX_OK) st = insert_money(s, vid, j->doc);
  if (st == JX_OK) st = insert_scores(s, vid, j->doc, j->res);
  if (st != JX_OK) goto fail_free;

  char vbuf[2][32];
  snprintf(vbuf[0], sizeof vbuf[0], "%lld", (long long)row.version);
  snprintf(vbuf[1], sizeof vbuf[1], "%lld", (long long)number);
  st = jx_store_history(s, row.id, number, now, o->user, "版本", exists ? vbuf[0] : NULL, vbuf[1]);
  if (st == JX_OK && exists) st = write_diff(s, row.id, number, now, o->user, old, old_len, j->data, j->len, &j->info->changes);
  if (st == JX_OK && strcmp(row.status, new_status) != 0)
    st = jx_store_history(s, row.id, number, now, o->user, "状态", row.status, new_status);
  if (st != JX_OK) goto fail_free;

  jx_stmt *up;
  if (exists && jx_store_prepare(s,
                       "UPDATE department_year SET version = ?, status = ?, updated_at = ?, current_version = ?, errors = ?, "
                       SUMMARY_SET " WHERE id = ?",
                       &up) != JX_OK)
    goto fail_db_free;
  if (exists) {
    jx_stmt_bind_int64(up, 1, number);
    jx_stmt_bind_text(up, 2, new_status, -1);
    jx_stmt_bind_text(up, 3, now, -1);
    jx_stmt_bind_int64(up, 4, vid);
    jx_stmt_bind_int64(up, 5, (int64_t)j->errors);
    bind_summary(up, 5, j->doc, j->res);
    jx_stmt_bind_int64(up, 6 + SUMMARY_COLS, row.id);
    st = jx_stmt_send(up);
    if (st != JX_OK) goto fail_db_free;
  }
  free(old);
  st = txn_commit(s);
  if (st != JX_OK) return txn_failed(s, jx_store_dbfail(s, st));
  j->info->outcome = exists ? JX_STORED_VERSION : JX_STORED_NEW;
  j->info->version = number;
  s->written[JX_BULK_YEARS]++;
  return JX_OK;

fail_db_free:
  free(old);
  old = NULL;
fail_db:
  st = jx_store_dbfail(s, st == JX_OK || st == JX_DB_ROW || st == JX_DB_DONE ? JX_ERR_IO : st);
  return txn_failed(s, st);
fail_free:
  free(old);
fail:
  return txn_failed(s, st);
}

/* A batch that lost a race with another writer (a deadlock between the advisory locks of
 * two batches, a serialization failure), or whose last file's writes failed after it was
 * counted stored: roll all of it back; the caller imports it again. */
static void batch_lost(jx_store *s) {
  jx_db_rollback(s->db);
  drop_ids(s);
  s->batch = false;
  s->tail_pending = false;
  s->batch_lost = true;
  jx_store_fail(s, JX_ERR_IO, "本批未能写入（%s），已全部回滚：请重新导入本批文件", jx_db_errmsg(s->db));
}

jx_status jx_store_put(jx_store *s, const char *name, const char *data, size_t len, const jx_store_import_opts *o,
                       const jx_doc *doc, const jx_result *res, size_t errors, size_t warnings,
                       jx_store_import_info *info) {
  jx_status st;
  if (doc->year <= 0) {
    return jx_store_fail(s, JX_ERR_DATA, "%s：文件没有写年度（year），无法确定是哪一年的数据，未写入数据库", name);
  }
  char code[64], kind[256];
  /* a save to a known department-year (expect_key) whose file names its own code: the
   * check below says how the file differs from that department-year */
  bool own_code = doc->department_code && *doc->department_code;
  st = resolve_department(s, doc, o->expect_key && own_code ? NULL : o->department, code, sizeof code);
  if (st == JX_DB_RETRY && s->batch) {
    batch_lost(s);
    st = JX_ERR_IO;
  }
  if (st == JX_OK) {
    if (doc->kind == JX_KIND_PROJECT) {
      const char *pn = doc->project ? (doc->project->code && *doc->project->code ? doc->project->code : doc->project->name) : NULL;
      if (pn && strlen(pn) > 200) {
        return jx_store_fail(s, JX_ERR_DATA, "%s：项目编码或名称超过 200 字节，不能作为数据库中的键：请写一个较短的项目编码（project.code）", name);
      }
      snprintf(kind, sizeof kind, "project:%s", pn ? pn : "");
    } else {
      snprintf(kind, sizeof kind, "department");
    }
    const jx_dy_key *ek = o->expect_key;
    const char *ekind = ek ? jx_store_kind(ek) : "";
    if (ek && ((doc->department_code && *doc->department_code && strcmp(doc->department_code, ek->department) != 0) ||
               doc->year != ek->year || strcmp(kind, ekind) != 0)) {
      bool fp = !strncmp(kind, "project:", 8), ep = !strncmp(ekind, "project:", 8);
      st = jx_store_fail(s, JX_ERR_DATA, "%s：文件是单位 %s %d 年度%s%s的数据，不是单位 %s %d 年度%s%s的，未保存", name,
                         doc->department_code && *doc->department_code ? doc->department_code : code, doc->year,
                         fp ? "项目 " : "部门整体", fp ? kind + 8 : "", ek->department, ek->year, ep ? "项目 " : "部门整体",
                         ep ? ekind + 8 : "");
      return st;
    }
    import_job j = {name, data, len, o, doc, res, code, kind, errors, warnings, {0}, info};
    jx_sha256_hex(data, len, j.sha);
    for (int attempt = 0; attempt < JX_STORE_RETRIES; attempt++) {
      info->changes = 0;
      st = import_txn(s, &j);
      if (st != JX_DB_RETRY) break;
      if (s->batch) { /* the whole batch lost the race (its locks are held until commit) */
        batch_lost(s);
        st = JX_ERR_IO;
        break;
      }
    }
    snprintf(info->department, sizeof info->department, "%s", code);
    snprintf(info->kind, sizeof info->kind, "%s", kind);
    info->year = doc->year;
    info->errors = j.errors;
    info->warnings = j.warnings;
    memcpy(info->sha256, j.sha, sizeof j.sha);
    if (st == JX_OK && j.errors) st = JX_ERR_DATA; /* stored, flagged */
  }
  return st;
}

jx_status jx_store_export(jx_store *s, const jx_dy_key *k, int64_t version, FILE *out) {
  jx_dy_row row;
  jx_status st = jx_store_find_dy(s, k, &row);
  if (st != JX_OK) return st;
  int64_t number = version > 0 ? version : row.version;
  if (number > row.version)
    return jx_store_fail(s, JX_ERR_DATA, "%s %d 年度只有 %lld 个版本，没有第 %lld 版", k->department, k->year, (long long)row.version,
                         (long long)number);
  char *data = NULL;
  size_t len = 0;
  st = current_bytes(s, row.id, number, &data, &len);
  if (st != JX_OK) return st;
  size_t w = fwrite(data, 1, len, out);
  free(data);
  if (w != len || fflush(out) != 0) return jx_store_fail(s, JX_ERR_IO, "写出失败");
  return JX_OK;
}

/* ---- batches ------------------------------------------------------------------------------- */

jx_status jx_store_batch_begin(jx_store *s) {
  s->err[0] = '\0';
  s->batch_lost = false;
  if (s->batch) return jx_store_fail(s, JX_ERR_INVALID, "内部错误：批次已经开始");
  jx_status st = JX_DB_RETRY;
  for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = jx_db_begin(s->db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  s->batch = true;
  drop_ids(s);
  return JX_OK;
}

jx_status jx_store_batch_commit(jx_store *s) {
  if (!s->batch) return s->batch_lost ? JX_ERR_IO : JX_OK;
  s->batch = false;
  s->tail_pending = false; /* the commit waits for it */
  drop_ids(s);
  jx_status st = jx_db_commit(s->db);
  if (st == JX_OK) return JX_OK;
  jx_store_dbfail(s, st);
  jx_db_rollback(s->db);
  if (st == JX_DB_RETRY) {
    s->batch_lost = true;
    return JX_ERR_IO;
  }
  return st;
}

bool jx_store_batch_lost(const jx_store *s) { return s && s->batch_lost; }
