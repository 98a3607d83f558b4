/* import.c — jx_store_import: evaluate a file, store its bytes as a version with normalized rows and a field history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/yaml_tree.h"
#include "score/score.h"
#include "store/store.h"
#include "util/text.h"

/* ---- frameworks, cached per store ------------------------------------------------------- */

static jx_status framework_for(jx_store *s, const char *path, const jx_doc *doc, const char *fw_path, const jx_framework **out,
                               jx_diags *diags) {
  char search[8192];
  jx_framework_search_path(path, fw_path, search, sizeof search);
  size_t klen = strlen(search) + strlen(doc->framework_id) + 2;
  char *key = jx_xmalloc(klen);
  snprintf(key, klen, "%s\n%s", search, doc->framework_id);
  for (size_t i = 0; i < s->n_fw; i++)
    if (strcmp(s->fws[i].id, key) == 0) {
      free(key);
      *out = s->fws[i].fw;
      return JX_OK;
    }
  jx_framework *fw = NULL;
  size_t before = diags->n;
  jx_status st = jx_framework_find(doc->framework_id, search, &fw, diags);
  for (size_t i = before; i < diags->n; i++)
    if (!diags->items[i].pos.file) diags->items[i].pos = doc->framework_pos;
  if (!fw) {
    free(key);
    return st == JX_OK ? JX_ERR_DATA : st;
  }
  if (s->n_fw == s->cap_fw) {
    s->cap_fw = s->cap_fw ? s->cap_fw * 2 : 4;
    s->fws = jx_xrealloc(s->fws, s->cap_fw * sizeof *s->fws);
  }
  s->fws[s->n_fw++] = (jx_store_fw){key, fw};
  *out = fw;
  return JX_OK;
}

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

/* Write one history row per field that differs between old and new. */
static jx_status write_diff(jx_store *s, int64_t dy, int64_t version, const char *now, const char *who, const char *old_data,
                            size_t old_len, const char *new_data, size_t new_len, size_t *changes) {
  jx_arena *a = jx_arena_new();
  fieldlist o = {a, NULL, 0, 0}, n = {a, NULL, 0, 0};
  flatten_bytes(&o, old_data, old_len);
  flatten_bytes(&n, new_data, new_len);
  jx_status st = JX_OK;
  size_t i = 0, j = 0;
  while (st == JX_OK && (i < o.n || j < n.n)) {
    int c = i >= o.n ? 1 : j >= n.n ? -1 : strcmp(o.items[i].path, n.items[j].path);
    if (c < 0) {
      st = jx_store_history(s, dy, version, now, who, o.items[i].path, o.items[i].value, NULL);
      i++;
      ++*changes;
    } else if (c > 0) {
      st = jx_store_history(s, dy, version, now, who, n.items[j].path, NULL, n.items[j].value);
      j++;
      ++*changes;
    } else {
      if (strcmp(o.items[i].value, n.items[j].value) != 0) {
        st = jx_store_history(s, dy, version, now, who, n.items[j].path, o.items[i].value, n.items[j].value);
        ++*changes;
      }
      i++;
      j++;
    }
  }
  jx_arena_free(a);
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

/* Indicators go in 8 rows per statement (one round trip instead of 8 on PostgreSQL). */
#define IND_COLS "version, seq, project, level1, level2, name, nature, target, unit, weight, actual, actual_value, self_score, score, met, attainment"
#define IND_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
enum { IND_NCOLS = 16, IND_BATCH = 8 };
static const char ind_sql1[] = "INSERT INTO indicator (" IND_COLS ") VALUES " IND_ROW;
static const char ind_sql8[] = "INSERT INTO indicator (" IND_COLS ") VALUES " IND_ROW ", " IND_ROW ", " IND_ROW ", " IND_ROW ", " IND_ROW
                               ", " IND_ROW ", " IND_ROW ", " IND_ROW;

static void bind_indicator(jx_stmt *st, int base, int64_t vid, int64_t seq, const char *project, const jx_indicator_score *sc) {
  const jx_indicator *ind = sc->indicator;
  char tb[48], ab[48];
  jx_stmt_bind_int64(st, base + 1, vid);
  jx_stmt_bind_int64(st, base + 2, seq);
  jx_stmt_bind_text(st, base + 3, project, -1);
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

static jx_status insert_indicators(jx_store *s, int64_t vid, const jx_result *r, const char *project, int64_t *seq) {
  size_t i = 0;
  while (i < r->indicators.n) {
    size_t k = r->indicators.n - i >= IND_BATCH ? IND_BATCH : 1;
    jx_stmt *st;
    if (jx_store_prepare(s, k == IND_BATCH ? ind_sql8 : ind_sql1, &st) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
    for (size_t b = 0; b < k; b++) bind_indicator(st, (int)b * IND_NCOLS, vid, ++*seq, project, &r->indicators.items[i + b]);
    jx_status x = jx_stmt_step(st);
    jx_store_release(st);
    if (x != JX_DB_DONE) return jx_store_dbfail(s, x);
    i += k;
  }
  return JX_OK;
}

typedef struct {
  const char *item;
  jx_money initial, adjusted, executed;
} money_row;

static jx_status insert_money(jx_store *s, int64_t vid, const jx_doc *doc) {
  money_row rows[16];
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
  jx_stmt *st;
  if (jx_store_prepare(s, "INSERT INTO money (version, seq, item, initial, adjusted, executed) VALUES (?, ?, ?, ?, ?, ?)", &st) !=
      JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_status rc = JX_OK;
  int64_t seq = 0;
  for (size_t i = 0; i < n + (doc->kind == JX_KIND_DEPARTMENT ? doc->projects.n : 0) && rc == JX_OK; i++) {
    money_row m;
    if (i < n) {
      m = rows[i];
    } else {
      const jx_project *p = &doc->projects.items[i - n];
      m = (money_row){p->name ? p->name : "", p->initial, p->adjusted, p->executed};
      m.item = jx_arena_printf(doc->arena, "项目：%s", m.item);
    }
    if (!m.initial.set && !m.adjusted.set && !m.executed.set) continue;
    jx_stmt_reset(st);
    jx_stmt_bind_int64(st, 1, vid);
    jx_stmt_bind_int64(st, 2, ++seq);
    jx_stmt_bind_text(st, 3, m.item, -1);
    bind_opt(st, 4, m.initial.set, m.initial.fen);
    bind_opt(st, 5, m.adjusted.set, m.adjusted.fen);
    bind_opt(st, 6, m.executed.set, m.executed.fen);
    jx_status x = jx_stmt_step(st);
    if (x != JX_DB_DONE) rc = jx_store_dbfail(s, x);
  }
  jx_store_release(st);
  return rc;
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
                    "indicator_weight, indicators, scored, met, attainment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  const jx_num *stated = doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->stated_total : &doc->stated_total;
  jx_stmt_bind_int64(st, 1, vid);
  jx_stmt_bind_int64(st, 2, r->total);
  jx_stmt_bind_text(st, 3, r->grade, -1);
  bind_opt(st, 4, stated->set, stated->v);
  bind_opt(st, 5, exec && exec->known, exec ? exec->value : 0);
  bind_opt(st, 6, r->has_execution, r->execution_score);
  jx_stmt_bind_int64(st, 7, r->indicator_total);
  jx_stmt_bind_int64(st, 8, r->indicator_weight);
  jx_stmt_bind_int64(st, 9, (int64_t)r->indicators.n);
  jx_stmt_bind_int64(st, 10, (int64_t)scored);
  jx_stmt_bind_int64(st, 11, (int64_t)met);
  bind_opt(st, 12, scored > 0, scored ? jx_ratio_round2((int64_t)met, (int64_t)scored, 100 * JX_NUM_SCALE) : 0);
  jx_status x = jx_stmt_step(st);
  jx_store_release(st);
  if (x != JX_DB_DONE) return jx_store_dbfail(s, x);
  if (jx_store_prepare(s, "INSERT INTO block_score (version, seq, name, max, score) VALUES (?, ?, ?, ?, ?)", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  for (size_t i = 0; i < r->blocks.n && x == JX_DB_DONE; i++) {
    jx_stmt_reset(st);
    jx_stmt_bind_int64(st, 1, vid);
    jx_stmt_bind_int64(st, 2, (int64_t)i + 1);
    jx_stmt_bind_text(st, 3, r->blocks.items[i].name, -1);
    jx_stmt_bind_int64(st, 4, r->blocks.items[i].max);
    jx_stmt_bind_int64(st, 5, r->blocks.items[i].score);
    x = jx_stmt_step(st);
  }
  jx_store_release(st);
  return x == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, x);
}

/* ---- the key: which department-year a file is -------------------------------------------- */

/* The department code: the option, the file's department.code, else its name in the
 * departments table.  A code not yet in the table is added as a unit (no parent). */
static jx_status resolve_department(jx_store *s, const jx_doc *doc, const char *given, char *code, size_t n) {
  const char *c = given && *given ? given : doc->department_code;
  if (c && *c) {
    if (strlen(c) >= n) return jx_store_fail(s, JX_ERR_DATA, "单位编码“%.40s…”太长（最多 %zu 字节）", c, n - 1);
    snprintf(code, n, "%s", c);
    return JX_OK;
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
  jx_status r = jx_stmt_step(st);
  jx_store_release(st);
  return r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, r);
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

/* One department-year's transaction, or, inside a batch (jx_store_batch_begin), its
 * savepoint: all or nothing either way. */
static jx_status txn_begin(jx_store *s) { return s->batch ? jx_db_exec(s->db, "SAVEPOINT jx_dy") : jx_db_begin(s->db); }
static jx_status txn_commit(jx_store *s) { return s->batch ? jx_db_exec(s->db, "RELEASE jx_dy") : jx_db_commit(s->db); }
static void txn_rollback(jx_store *s) {
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

static jx_status import_txn(jx_store *s, import_job *j) {
  jx_db *db = s->db;
  char now[40];
  jx_db_now(now, sizeof now);
  jx_dy_key key = {j->code, j->doc->year, j->kind};
  jx_status st = txn_begin(s);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  st = jx_db_lock(db, jx_store_lock_key(j->code, j->doc->year, j->kind));
  if (st != JX_OK) goto fail_db;
  jx_dy_row row;
  st = jx_store_find_dy(s, &key, &row);
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
    st = current_bytes(s, row.id, row.version, &old, &old_len);
    if (st != JX_OK) goto fail;
    if (old && old_len == j->len && memcmp(old, j->data, j->len) == 0) {
      free(old);
      txn_rollback(s);
      j->info->outcome = JX_STORED_UNCHANGED;
      j->info->version = row.version;
      return JX_OK;
    }
    if (strcmp(row.status, "submitted") == 0 || strcmp(row.status, "approved") == 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度正在审核（状态：%s）：不能修改；请审核人先退回（return）", j->code, j->doc->year,
                         strcmp(row.status, "submitted") == 0 ? "已提交" : "已审核通过");
      goto fail_free;
    }
    if (strcmp(row.status, "published") == 0 && !(o->correction && *o->correction)) {
      st = jx_store_fail(s, JX_ERR_DATA,
                         "%s %d 年度已公开（第 %lld 版）：公开的数据不能修改；如需更正，请用 --correction \"原因\" 导入，更正作为新版本保留记录",
                         j->code, j->doc->year, (long long)row.published_version);
      goto fail_free;
    }
    if (strcmp(row.status, "returned") == 0) new_status = "returned";
  } else {
    if (o->expect_version > 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度：修改基于第 %lld 版，但数据库中还没有这个单位年度", j->code, j->doc->year,
                         (long long)o->expect_version);
      goto fail;
    }
    st = ensure_department(s, j->code, j->doc, now);
    if (st != JX_OK) goto fail;
    jx_stmt *ins;
    if (jx_store_prepare(s,
                      "INSERT INTO department_year (department, year, kind, status, version, updated_at) "
                      "VALUES (?, ?, ?, 'draft', 0, ?) RETURNING id",
                      &ins) != JX_OK)
      goto fail_db;
    jx_stmt_bind_text(ins, 1, j->code, -1);
    jx_stmt_bind_int64(ins, 2, j->doc->year);
    jx_stmt_bind_text(ins, 3, j->kind, -1);
    jx_stmt_bind_text(ins, 4, now, -1);
    st = jx_stmt_step(ins);
    row.id = jx_stmt_int64(ins, 0);
    jx_store_release(ins);
    if (st != JX_DB_ROW) goto fail_db;
    snprintf(row.status, sizeof row.status, "draft");
  }
  int64_t number = row.version + 1;
  jx_stmt *ver;
  if (jx_store_prepare(s,
                    "INSERT INTO version (dy, number, sha256, size, content, file_name, errors, warnings, correction, created_at, "
                    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    &ver) != JX_OK)
    goto fail_db_free;
  const char *base = strrchr(j->name, '/');
  jx_stmt_bind_int64(ver, 1, row.id);
  jx_stmt_bind_int64(ver, 2, number);
  jx_stmt_bind_text(ver, 3, j->sha, -1);
  jx_stmt_bind_int64(ver, 4, (int64_t)j->len);
  jx_stmt_bind_blob(ver, 5, j->data, j->len);
  jx_stmt_bind_text(ver, 6, base ? base + 1 : j->name, -1);
  jx_stmt_bind_int64(ver, 7, (int64_t)j->errors);
  jx_stmt_bind_int64(ver, 8, (int64_t)j->warnings);
  jx_stmt_bind_text(ver, 9, exists && strcmp(row.status, "published") == 0 ? o->correction : NULL, -1);
  jx_stmt_bind_text(ver, 10, now, -1);
  jx_stmt_bind_text(ver, 11, o->user, -1);
  st = jx_stmt_step(ver);
  int64_t vid = jx_stmt_int64(ver, 0);
  jx_store_release(ver);
  if (st != JX_DB_ROW) goto fail_db_free;

  int64_t seq = 0;
  st = insert_indicators(s, vid, j->res, NULL, &seq);
  for (size_t i = 0; i < j->res->projects.n && st == JX_OK; i++) {
    const jx_result *pr = j->res->projects.items[i];
    st = insert_indicators(s, vid, pr, pr->doc->project && pr->doc->project->name ? pr->doc->project->name : "", &seq);
  }
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
  if (jx_store_prepare(s,
                       "UPDATE department_year SET version = ?, status = ?, updated_at = ?, current_version = ?, errors = ? "
                       "WHERE id = ?",
                       &up) != JX_OK)
    goto fail_db_free;
  jx_stmt_bind_int64(up, 1, number);
  jx_stmt_bind_text(up, 2, new_status, -1);
  jx_stmt_bind_text(up, 3, now, -1);
  jx_stmt_bind_int64(up, 4, vid);
  jx_stmt_bind_int64(up, 5, (int64_t)j->errors);
  jx_stmt_bind_int64(up, 6, row.id);
  st = jx_stmt_step(up);
  jx_store_release(up);
  if (st != JX_DB_DONE) goto fail_db_free;
  free(old);
  st = txn_commit(s);
  if (st != JX_OK) {
    jx_store_dbfail(s, st);
    txn_rollback(s);
    return st;
  }
  j->info->outcome = exists ? JX_STORED_VERSION : JX_STORED_NEW;
  j->info->version = number;
  return JX_OK;

fail_db_free:
  free(old);
  old = NULL;
fail_db:
  st = jx_store_dbfail(s, st == JX_OK || st == JX_DB_ROW || st == JX_DB_DONE ? JX_ERR_IO : st);
  txn_rollback(s);
  return st;
fail_free:
  free(old);
fail:
  txn_rollback(s);
  return st == JX_OK ? JX_ERR_DATA : st;
}

jx_status jx_store_import_bytes(jx_store *s, const char *name, const char *data, size_t len, const jx_store_import_opts *o,
                                jx_store_import_info *info, jx_diags *diags) {
  jx_store_import_info local;
  if (!info) info = &local;
  memset(info, 0, sizeof *info);
  s->err[0] = '\0';
  if (!o || !o->user || !*o->user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  size_t before_err = diags->n_error, before_warn = diags->n_warning;
  jx_doc *doc = NULL;
  jx_result *res = NULL;
  jx_status pst = jx_doc_parse(name, data, len, &doc, diags);
  (void)pst;
  if (!doc || !doc->framework_id) {
    jx_doc_free(doc);
    return jx_store_fail(s, JX_ERR_DATA, "%s：无法读取为部门年度数据文件，未写入数据库（见上面的诊断信息）", name);
  }
  const jx_framework *fw = NULL;
  jx_status st = framework_for(s, name, doc, o->framework_path, &fw, diags);
  if (st == JX_OK) st = jx_evaluate(doc, fw, &res, diags) == JX_ERR_IO ? JX_ERR_IO : JX_OK;
  if (!res) {
    st = jx_store_fail(s, st == JX_ERR_IO ? JX_ERR_IO : JX_ERR_DATA, "%s：找不到或无法读取评价框架“%s”，未写入数据库", name,
                       doc->framework_id);
    jx_doc_free(doc);
    return st;
  }
  if (doc->year <= 0) {
    jx_result_free(res);
    jx_doc_free(doc);
    return jx_store_fail(s, JX_ERR_DATA, "%s：文件没有写年度（year），无法确定是哪一年的数据，未写入数据库", name);
  }
  char code[64], kind[256];
  st = resolve_department(s, doc, o->department, code, sizeof code);
  if (st == JX_OK) {
    if (doc->kind == JX_KIND_PROJECT) {
      const char *pn = doc->project ? (doc->project->code && *doc->project->code ? doc->project->code : doc->project->name) : NULL;
      if (pn && strlen(pn) > 200) {
        jx_result_free(res);
        jx_doc_free(doc);
        return jx_store_fail(s, JX_ERR_DATA, "%s：项目编码或名称超过 200 字节，不能作为数据库中的键：请写一个较短的项目编码（project.code）", name);
      }
      snprintf(kind, sizeof kind, "project:%s", pn ? pn : "");
    } else {
      snprintf(kind, sizeof kind, "department");
    }
    import_job j = {name, data, len, o, doc, res, code, kind, diags->n_error - before_err, diags->n_warning - before_warn, {0}, info};
    jx_sha256_hex(data, len, j.sha);
    for (int attempt = 0; attempt < JX_STORE_RETRIES; attempt++) {
      info->changes = 0;
      st = import_txn(s, &j);
      if (st != JX_DB_RETRY) break;
    }
    snprintf(info->department, sizeof info->department, "%s", code);
    snprintf(info->kind, sizeof info->kind, "%s", kind);
    info->year = doc->year;
    info->errors = j.errors;
    info->warnings = j.warnings;
    memcpy(info->sha256, j.sha, sizeof j.sha);
    if (st == JX_OK && j.errors) st = JX_ERR_DATA; /* stored, flagged */
  }
  jx_result_free(res);
  jx_doc_free(doc);
  return st;
}

jx_status jx_store_import(jx_store *s, const char *path, const jx_store_import_opts *o, jx_store_import_info *info,
                          jx_diags *diags) {
  char *data = NULL;
  size_t len = 0;
  jx_status st = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (st != JX_OK) {
    free(data);
    if (info) memset(info, 0, sizeof *info);
    return jx_store_fail(s, st, "%s：无法读取文件", path);
  }
  st = jx_store_import_bytes(s, path, data, len, o, info, diags);
  free(data);
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
  if (s->batch) return jx_store_fail(s, JX_ERR_INVALID, "内部错误：批次已经开始");
  if (jx_db_kind_of(s->db) != JX_DB_SQLITE) return JX_OK; /* one transaction per department-year */
  jx_status st = JX_DB_RETRY;
  for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = jx_db_begin(s->db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  s->batch = true;
  return JX_OK;
}

jx_status jx_store_batch_commit(jx_store *s) {
  if (!s->batch) return JX_OK;
  s->batch = false;
  jx_status st = jx_db_commit(s->db);
  if (st == JX_OK) return JX_OK;
  jx_store_dbfail(s, st);
  jx_db_rollback(s->db);
  return st == JX_DB_RETRY ? JX_ERR_IO : st;
}
