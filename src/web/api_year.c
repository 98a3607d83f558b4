/* api.c — the JSON API of department-years (docs/api.md): list, open, edit targets and
 * actuals with live diagnostics and scores (the library's check + score, as the CLI),
 * save as a new version, workflow actions, reports, evidence files, the bureau's desk,
 * dashboard and rectification.  Every write goes through jx_store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

static json_t *num_json(int64_t v) {
  char b[40];
  return json_string(jx_format_num(v, b, sizeof b));
}

static bool db_fail(jx_req *r, jx_db *db) {
  jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
  return false;
}

static const char *who(const jx_req *r) { return r->user ? r->user->username : "web"; }

/* ---- list ------------------------------------------------------------------------------ */

#define LIST_SQL                                                                                                  \
  "SELECT dy.id, dy.department, d.name, dy.year, dy.kind, dy.status, dy.version, COALESCE(dy.published_version, 0)," \
  " dy.updated_at, s.total, s.stated_total, s.execution_rate, s.scored, s.met, v.errors, v.warnings,"              \
  " dy.first_submitted_at, dl.due, s.grade"                                                                        \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                                           \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.version LEFT JOIN score s ON s.version = v.id"                \
  " LEFT JOIN deadline dl ON dl.year = dy.year"

/* Flags of one row: the bureau's reasons to look twice. */
static json_t *row_flags(jx_stmt *st) {
  json_t *f = json_array();
  bool has_total = !jx_stmt_is_null(st, 9), has_stated = !jx_stmt_is_null(st, 10);
  int64_t total = jx_stmt_int64(st, 9), stated = jx_stmt_int64(st, 10);
  if (has_total && has_stated && llabs(total - stated) > 5 * JX_NUM_SCALE)
    json_array_append_new(f, json_string("自评分与计算分相差超过 5 分"));
  if (has_stated && stated >= 90 * JX_NUM_SCALE && jx_stmt_int64(st, 13) < jx_stmt_int64(st, 12))
    json_array_append_new(f, json_string("指标未全部达成却自评 90 分以上"));
  if (!jx_stmt_is_null(st, 11) && jx_stmt_int64(st, 11) < 90 * JX_NUM_SCALE)
    json_array_append_new(f, json_string("预算执行率低于 90%"));
  if (jx_stmt_int64(st, 14) > 0) json_array_append_new(f, json_string("数据有错误"));
  const char *sub = jx_stmt_text(st, 16), *due = jx_stmt_text(st, 17);
  if (sub && due && strncmp(sub, due, 10) > 0) json_array_append_new(f, json_string("逾期提交"));
  return f;
}

static json_t *list_row(jx_req *r, jx_stmt *st) {
  jx_year y;
  y.id = jx_stmt_int64(st, 0);
  y.department = jx_stmt_text(st, 1);
  y.department_name = jx_stmt_text(st, 2);
  y.year = (int)jx_stmt_int64(st, 3);
  y.kind = jx_stmt_text(st, 4);
  y.status = jx_stmt_text(st, 5);
  y.version = jx_stmt_int64(st, 6);
  y.published_version = jx_stmt_int64(st, 7);
  y.updated_at = jx_stmt_text(st, 8) ? jx_stmt_text(st, 8) : "";
  (void)r;
  json_t *j = jx_year_json(&y);
  json_object_set_new(j, "total", jx_stmt_is_null(st, 9) ? json_null() : num_json(jx_stmt_int64(st, 9)));
  json_object_set_new(j, "stated_total", jx_stmt_is_null(st, 10) ? json_null() : num_json(jx_stmt_int64(st, 10)));
  json_object_set_new(j, "execution_rate", jx_stmt_is_null(st, 11) ? json_null() : num_json(jx_stmt_int64(st, 11)));
  json_object_set_new(j, "indicators_scored", json_integer(jx_stmt_int64(st, 12)));
  json_object_set_new(j, "indicators_met", json_integer(jx_stmt_int64(st, 13)));
  json_object_set_new(j, "errors", json_integer(jx_stmt_int64(st, 14)));
  json_object_set_new(j, "warnings", json_integer(jx_stmt_int64(st, 15)));
  json_object_set_new(j, "submitted_at", jx_stmt_text(st, 16) ? json_string(jx_stmt_text(st, 16)) : json_null());
  json_object_set_new(j, "grade", jx_stmt_text(st, 18) ? json_string(jx_stmt_text(st, 18)) : json_null());
  json_object_set_new(j, "flags", row_flags(st));
  return j;
}

static const char *const statuses[] = {"draft", "submitted", "returned", "approved", "published"};

static bool status_ok(const char *s) {
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
    if (!strcmp(s, statuses[i])) return true;
  return false;
}

/* Rows visible to the caller, filtered by year (0: ?year=, else every year), ?status=
 * and ?q= (department name or code). */
static json_t *list_years(jx_req *r, int year, bool *ok) {
  *ok = false;
  jx_db *db = jx_req_db(r);
  if (!db) return NULL;
  const char *ys = jx_req_query(r, "year"), *status = jx_req_query(r, "status"), *q = jx_req_query(r, "q");
  if (!year) year = ys && *ys ? (int)strtol(ys, NULL, 10) : 0;
  if (status && *status && !status_ok(status)) {
    jx_resp_error(r, 400, "bad_status", "状态“%s”不对：应为 draft、submitted、returned、approved 或 published", status);
    return NULL;
  }
  if (q && strlen(q) > 200) {
    jx_resp_error(r, 400, "field_too_long", "搜索词过长（上限 200 字节）");
    return NULL;
  }
  bool all = jx_role_perms(r->user->role) & JX_P_ALL_READ;
  jx_sbuf sql = {.arena = r->arena};
  jx_sb_puts(&sql, LIST_SQL " WHERE 1 = 1");
  if (!all) jx_sb_puts(&sql, " AND dy.department = ?");
  if (year) jx_sb_puts(&sql, " AND dy.year = ?");
  if (status && *status) jx_sb_puts(&sql, " AND dy.status = ?");
  if (q && *q) jx_sb_puts(&sql, " AND (d.name LIKE ? OR dy.department LIKE ?)");
  jx_sb_puts(&sql, " ORDER BY dy.year DESC, d.name, dy.kind LIMIT 2000");
  jx_stmt *st;
  if (jx_db_prepare(db, sql.p, &st) != JX_OK) {
    db_fail(r, db);
    return NULL;
  }
  int i = 1;
  if (!all) jx_stmt_bind_text(st, i++, r->user->department ? r->user->department : "", -1);
  if (year) jx_stmt_bind_int64(st, i++, year);
  if (status && *status) jx_stmt_bind_text(st, i++, status, -1);
  if (q && *q) {
    const char *like = jx_arena_printf(r->arena, "%%%s%%", q);
    jx_stmt_bind_text(st, i++, like, -1);
    jx_stmt_bind_text(st, i++, like, -1);
  }
  json_t *arr = json_array();
  jx_status s;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) json_array_append_new(arr, list_row(r, st));
  jx_stmt_finalize(st);
  if (s != JX_DB_DONE) {
    json_decref(arr);
    db_fail(r, db);
    return NULL;
  }
  *ok = true;
  return arr;
}

void jx_h_years(jx_req *r) {
  bool ok;
  json_t *arr = list_years(r, 0, &ok);
  if (ok) jx_resp_json(r, 200, json_pack("{s:o}", "years", arr));
}

/* ---- one department-year ---------------------------------------------------------------- */

static const char *value_text(jx_arena *a, const jx_value *v) {
  if (v->kind == JX_VAL_REF && v->text && v->text[0] != '=') return jx_arena_printf(a, "= %s", v->text);
  if (v->text) return v->text;
  if (v->kind != JX_VAL_NUMBER) return "";
  char b[40];
  jx_format_num(v->num, b, sizeof b);
  return jx_arena_printf(a, "%s%s", b, v->percent ? "%" : "");
}

static const char *num_text(jx_arena *a, const jx_num *n) {
  if (!n->set) return "";
  char b[40];
  return jx_arena_strdup(a, jx_format_num(n->v, b, sizeof b));
}

static jx_indicatorlist *editable(jx_doc *doc) {
  return doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->indicators : &doc->indicators;
}

static json_t *indicators_json(jx_req *r, jx_doc *doc) {
  json_t *arr = json_array();
  jx_indicatorlist *l = editable(doc);
  for (size_t i = 0; i < l->n; i++) {
    const jx_indicator *ind = &l->items[i];
    json_t *o = json_object();
    json_object_set_new(o, "index", json_integer((json_int_t)i));
    json_object_set_new(o, "level1", json_string(ind->level1 ? ind->level1 : ""));
    json_object_set_new(o, "level2", json_string(ind->level2 ? ind->level2 : ""));
    json_object_set_new(o, "name", json_string(ind->name ? ind->name : ""));
    json_object_set_new(o, "nature", json_string(jx_nature_symbol(ind->nature)));
    json_object_set_new(o, "target", json_string(value_text(r->arena, &ind->target)));
    json_object_set_new(o, "unit", json_string(ind->unit ? ind->unit : ""));
    json_object_set_new(o, "weight", json_string(num_text(r->arena, &ind->weight)));
    json_object_set_new(o, "actual", json_string(value_text(r->arena, &ind->actual)));
    json_object_set_new(o, "score", json_string(num_text(r->arena, &ind->score)));
    json_object_set_new(o, "deviation_note", json_string(ind->deviation_note ? ind->deviation_note : ""));
    json_object_set_new(o, "assumed", json_boolean(ind->assumption != NULL));
    json_object_set_new(o, "line", json_integer(ind->pos.line));
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *comments_json(jx_req *r, jx_db *db, int64_t id) {
  json_t *arr = json_array();
  jx_stmt *st;
  if (jx_db_prepare(db, "SELECT id, version, indicator, text, who, at FROM review_comment WHERE dy = ? ORDER BY id", &st) !=
      JX_OK)
    return arr;
  jx_stmt_bind_int64(st, 1, id);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    const char *ind = jx_stmt_text(st, 2);
    json_array_append_new(arr, json_pack("{s:I,s:I,s:o,s:s,s:s,s:s}", "id", (json_int_t)jx_stmt_int64(st, 0), "version",
                                         (json_int_t)jx_stmt_int64(st, 1), "indicator",
                                         ind ? json_string(ind) : json_null(), "text", jx_stmt_text(st, 3), "who",
                                         jx_stmt_text(st, 4), "at", jx_stmt_text(st, 5)));
  }
  jx_stmt_finalize(st);
  (void)r;
  return arr;
}

#define RECT_SQL                                                                                               \
  "SELECT r.id, r.item, r.opened_by, r.opened_at, r.closed_by, r.closed_at, r.closing_note, dy.id, d.name, dy.year" \
  " FROM rectification r JOIN department_year dy ON dy.id = r.dy JOIN department d ON d.code = dy.department"

/* The rectification items of year id, or (id 0) the latest 500 of all, open ones first. */
static json_t *rects_json(jx_db *db, int64_t id) {
  json_t *arr = json_array();
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              id ? RECT_SQL " WHERE r.dy = ? ORDER BY r.id"
                                 : RECT_SQL " ORDER BY r.closed_at IS NOT NULL, r.id DESC LIMIT 500",
                              &st);
  if (s != JX_OK) return arr;
  if (id) jx_stmt_bind_int64(st, 1, id);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(jx_stmt_int64(st, 0)));
    json_object_set_new(o, "item", json_string(jx_stmt_text(st, 1)));
    json_object_set_new(o, "opened_by", json_string(jx_stmt_text(st, 2)));
    json_object_set_new(o, "opened_at", json_string(jx_stmt_text(st, 3)));
    for (int c = 4; c <= 6; c++) {
      static const char *const names[] = {"closed_by", "closed_at", "closing_note"};
      const char *t = jx_stmt_text(st, c);
      json_object_set_new(o, names[c - 4], t ? json_string(t) : json_null());
    }
    json_object_set_new(o, "year_id", json_integer(jx_stmt_int64(st, 7)));
    json_object_set_new(o, "department_name", json_string(jx_stmt_text(st, 8)));
    json_object_set_new(o, "year", json_integer(jx_stmt_int64(st, 9)));
    json_array_append_new(arr, o);
  }
  jx_stmt_finalize(st);
  return arr;
}

static json_t *evidence_json(jx_req *r, jx_db *db, int64_t id) {
  json_t *arr = json_array();
  jx_evidence *items;
  size_t n;
  if (jx_evidence_list(db, r->arena, id, &items, &n) != JX_OK) return arr;
  for (size_t i = 0; i < n; i++)
    json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)items[i].id, "indicator",
                                         (json_int_t)items[i].indicator, "name", items[i].name, "size",
                                         (json_int_t)items[i].size, "sha256", items[i].sha256, "uploaded_at",
                                         items[i].created, "uploader", items[i].uploader));
  return arr;
}

/* A query of the store (history, flags, missing …) as {columns, rows, total} of text, at
 * most the last `max` rows; null when the store cannot answer (the page still opens). */
static json_t *store_table_json(jx_req *r, const jx_query *q, size_t max) {
  struct jx_store *s = jx_req_store(r);
  if (!s) {
    r->status = 0; /* not fatal here */
    return json_null();
  }
  jx_table *t = NULL;
  if (jx_store_query(s, q, &t) != JX_OK || !t) return json_null();
  json_t *cols = json_array(), *rows = json_array();
  for (size_t c = 0; c < jx_table_cols(t); c++) json_array_append_new(cols, json_string(jx_table_header(t, c)));
  size_t n = jx_table_rows(t), first = n > max ? n - max : 0;
  for (size_t i = first; i < n; i++) {
    json_t *row = json_array();
    for (size_t c = 0; c < jx_table_cols(t); c++) {
      const char *cell = jx_table_cell(t, i, c);
      json_array_append_new(row, json_string(cell ? cell : ""));
    }
    json_array_append_new(rows, row);
  }
  jx_table_free(t);
  return json_pack("{s:o,s:o,s:I}", "columns", cols, "rows", rows, "total", (json_int_t)n);
}

/* The field history of the year: who changed which field, from what to what. */
static json_t *history_json(jx_req *r, const jx_year *y) {
  jx_dy_key k = {y->department, y->year, y->kind};
  jx_query q = {.what = "history", .key = &k};
  return store_table_json(r, &q, 500);
}

static const char *doc_name(jx_req *r, const jx_year *y) {
  return jx_arena_printf(r->arena, "%s-%d.yaml", y->department, y->year);
}

void jx_h_year(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  const char *data;
  size_t len;
  if (!id || !jx_year_load(r, id, &y) || !jx_year_content(r, id, y.version, &data, &len)) return;
  jx_db *db = jx_req_db(r);
  jx_evaluated e;
  jx_evaluate_bytes(r, doc_name(r, &y), data, len, &e);
  json_t *j = json_object();
  json_object_set_new(j, "year", jx_year_json(&y));
  json_object_set_new(j, "yaml", json_stringn(data, len));
  json_object_set_new(j, "evaluation", jx_evaluated_json(&e));
  json_object_set_new(j, "indicators", e.doc ? indicators_json(r, e.doc) : json_array());
  json_object_set_new(j, "comments", comments_json(r, db, id));
  json_object_set_new(j, "evidence", evidence_json(r, db, id));
  json_object_set_new(j, "rectifications", rects_json(db, id));
  json_object_set_new(j, "history", history_json(r, &y));
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}

/* ---- edits: JSON changes applied to the model, written back as YAML ------------------- */

static bool set_value(jx_doc *doc, jx_value *v, const char *text) {
  jx_pos pos = v->pos;
  memset(v, 0, sizeof *v);
  v->pos = pos;
  if (!*text) return true;
  int64_t num;
  bool pct = false;
  const char *why = "";
  v->text = jx_arena_strdup(doc->arena, text);
  if (jx_parse_num(text, &num, &pct, &why)) {
    v->kind = JX_VAL_NUMBER;
    v->num = num;
    v->percent = pct;
  } else if (text[0] == '=') { /* a reference: the model keeps the expression without "=" */
    v->kind = JX_VAL_REF;
    const char *e = text + 1;
    while (*e == ' ') e++;
    v->text = jx_arena_strdup(doc->arena, e);
  } else {
    v->kind = JX_VAL_TEXT;
  }
  return true;
}

static bool set_num(jx_req *r, jx_doc *doc, jx_num *n, const char *text, size_t idx, const char *what) {
  (void)doc;
  if (!*text) {
    n->set = false;
    n->v = 0;
    return true;
  }
  int64_t v;
  bool pct = false;
  const char *why = "";
  if (!jx_parse_num(text, &v, &pct, &why) || pct) {
    jx_resp_error(r, 400, "bad_number", "第 %zu 项指标的%s“%s”不是数字%s%s", idx + 1, what, text, pct ? "" : "：",
                  pct ? "（不能带 %）" : why);
    return false;
  }
  n->v = v;
  n->set = true;
  return true;
}

/* Apply {"indicators":[{"index":N, "target"|"actual"|"weight"|"score"|"deviation_note": "…"}]}. */
static bool apply_edits(jx_req *r, jx_doc *doc, json_t *body) {
  json_t *edits = json_object_get(body, "indicators");
  if (!edits) return true;
  if (!json_is_array(edits)) {
    jx_resp_error(r, 400, "bad_field", "字段“indicators”应为数组");
    return false;
  }
  if (json_array_size(edits) > JX_WEB_MAX_EDITS) {
    jx_resp_error(r, 400, "too_many", "一次最多修改 %d 项指标", JX_WEB_MAX_EDITS);
    return false;
  }
  jx_indicatorlist *l = editable(doc);
  size_t k;
  json_t *e;
  json_array_foreach(edits, k, e) {
    json_t *ix = json_object_get(e, "index");
    if (!json_is_object(e) || !json_is_integer(ix) || json_integer_value(ix) < 0 ||
        (size_t)json_integer_value(ix) >= l->n) {
      jx_resp_error(r, 400, "bad_index", "第 %zu 个修改的指标序号不对（应为 0 到 %zu）", k + 1, l->n ? l->n - 1 : 0);
      return false;
    }
    size_t i = (size_t)json_integer_value(ix);
    jx_indicator *ind = &l->items[i];
    const char *t;
    if ((t = jx_json_str(r, e, "target", JX_WEB_MAX_FIELD, false))) set_value(doc, &ind->target, t);
    if ((t = jx_json_str(r, e, "actual", JX_WEB_MAX_FIELD, false))) set_value(doc, &ind->actual, t);
    if ((t = jx_json_str(r, e, "weight", 64, false)) && !set_num(r, doc, &ind->weight, t, i, "权重")) return false;
    if ((t = jx_json_str(r, e, "score", 64, false)) && !set_num(r, doc, &ind->score, t, i, "自评得分")) return false;
    if ((t = jx_json_str(r, e, "deviation_note", JX_WEB_MAX_FIELD, false)))
      ind->deviation_note = *t ? jx_arena_strdup(doc->arena, t) : NULL;
    if (r->status) return false; /* a field was refused */
  }
  return true;
}

/* The stored version with the edits of body applied, as YAML in the arena. */
static bool edited_yaml(jx_req *r, const jx_year *y, json_t *body, const char **yaml, size_t *len) {
  const char *data;
  size_t n;
  if (!jx_year_content(r, y->id, y->version, &data, &n)) return false;
  json_t *raw = json_object_get(body, "yaml");
  if (raw) { /* the whole file, edited as text */
    if (!json_is_string(raw) || json_string_length(raw) > JX_WEB_MAX_BODY) {
      jx_resp_error(r, 400, "bad_field", "字段“yaml”应为字符串（上限 %zu 字节）", JX_WEB_MAX_BODY);
      return false;
    }
    *yaml = jx_arena_strndup(r->arena, json_string_value(raw), json_string_length(raw));
    *len = json_string_length(raw);
    return true;
  }
  jx_diags d = {0};
  jx_doc *doc = NULL;
  jx_doc_parse(doc_name(r, y), data, n, &doc, &d);
  jx_diags_free(&d);
  if (!doc) {
    jx_resp_error(r, 409, "unreadable", "当前版本无法读取，请改用整份文件修改");
    return false;
  }
  bool ok = apply_edits(r, doc, body);
  if (ok) {
    char *buf = NULL, err[512] = "";
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    jx_status st = f ? jx_doc_write_yaml(doc, f, err, sizeof err) : JX_ERR_IO;
    if (f) fclose(f);
    if (st != JX_OK) {
      jx_resp_error(r, 500, "emit", "无法写出修改后的文件：%s", err);
      ok = false;
    } else {
      *yaml = jx_arena_strndup(r->arena, buf, blen);
      *len = blen;
    }
    free(buf);
  }
  jx_doc_free(doc);
  return ok;
}

static bool editable_now(jx_req *r, const jx_year *y) {
  if (!r->user->department || strcmp(r->user->department, y->department) != 0) {
    jx_resp_error(r, 403, "forbidden", "只能修改本部门的数据");
    return false;
  }
  if (strcmp(y->status, "draft") != 0 && strcmp(y->status, "returned") != 0) {
    jx_resp_error(r, 409, "not_editable", "当前状态为“%s”，只有草稿或退回修改的数据可以修改", y->status);
    return false;
  }
  return true;
}

void jx_h_year_check(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *yaml;
  size_t len;
  bool ok = edited_yaml(r, &y, body, &yaml, &len);
  json_decref(body);
  if (!ok) return;
  jx_evaluated e;
  jx_evaluate_bytes(r, doc_name(r, &y), yaml, len, &e);
  json_t *j = json_object();
  json_object_set_new(j, "evaluation", jx_evaluated_json(&e));
  json_object_set_new(j, "indicators", e.doc ? indicators_json(r, e.doc) : json_array());
  json_object_set_new(j, "yaml", json_stringn(yaml, len));
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}

void jx_h_year_save(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y) || !editable_now(r, &y)) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  json_t *bv = json_object_get(body, "base_version");
  if (!json_is_integer(bv)) {
    json_decref(body);
    jx_resp_error(r, 400, "missing_field", "缺少字段“base_version”（修改所依据的版本号）");
    return;
  }
  int64_t base = json_integer_value(bv);
  if (base != y.version) {
    json_decref(body);
    jx_resp_error(r, 409, "stale", "数据已被他人修改（您依据第 %lld 版，当前为第 %lld 版），请重新打开后再改", (long long)base,
                  (long long)y.version);
    return;
  }
  const char *yaml;
  size_t len;
  bool ok = edited_yaml(r, &y, body, &yaml, &len);
  json_decref(body);
  if (!ok) return;
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_store_import_opts o = {.user = who(r),
                            .framework_path = r->web->framework_path[0] ? r->web->framework_path : NULL,
                            .department = y.department,
                            .expect_version = base,
                            .expect_key = &(jx_dy_key){y.department, y.year, y.kind}};
  jx_store_import_info info;
  memset(&info, 0, sizeof info);
  jx_diags d = {0};
  jx_status st = jx_store_import_bytes(s, doc_name(r, &y), yaml, len, &o, &info, &d);
  jx_diags_free(&d);
  if (st != JX_OK && info.version <= base) {
    jx_resp_error(r, 409, "refused", "未保存：%s", jx_store_errmsg(s));
    return;
  }
  json_t *j = json_object();
  json_object_set_new(j, "version", json_integer(info.version));
  json_object_set_new(j, "unchanged", json_boolean(info.outcome == JX_STORED_UNCHANGED));
  json_object_set_new(j, "errors", json_integer((json_int_t)info.errors));
  json_object_set_new(j, "warnings", json_integer((json_int_t)info.warnings));
  jx_resp_json(r, 200, j);
}

/* ---- workflow ------------------------------------------------------------------------------ */

static void transition(jx_req *r, const char *action, bool own_only) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  if (own_only && (!r->user->department || strcmp(r->user->department, y.department) != 0)) {
    jx_resp_error(r, 403, "forbidden", "只能处理本部门的数据");
    return;
  }
  json_t *body = r->body_len ? jx_req_json(r) : json_object();
  if (!body) return;
  json_t *bv = json_object_get(body, "version");
  int64_t expect = json_is_integer(bv) ? json_integer_value(bv) : 0;
  json_t *cs = json_object_get(body, "comments");
  size_t n = json_is_array(cs) ? json_array_size(cs) : 0;
  if (n > 500) {
    json_decref(body);
    jx_resp_error(r, 400, "too_many", "一次最多 500 条意见");
    return;
  }
  jx_review_comment *comments = jx_arena_alloc(r->arena, (n ? n : 1) * sizeof *comments);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    json_t *c = json_array_get(cs, i);
    const char *text = json_is_object(c) ? jx_json_str(r, c, "text", JX_WEB_MAX_COMMENT, true) : NULL;
    if (!text) {
      json_decref(body);
      if (!r->status) jx_resp_error(r, 400, "bad_field", "第 %zu 条意见应为 {indicator, text}", i + 1);
      return;
    }
    const char *ind = jx_json_str(r, c, "indicator", JX_WEB_MAX_FIELD, false);
    if (r->status) {
      json_decref(body);
      return;
    }
    if (*text) comments[k++] = (jx_review_comment){ind && *ind ? ind : NULL, text};
  }
  json_decref(body);
  if ((!strcmp(action, "return") || !strcmp(action, "send_back")) && k == 0) {
    jx_resp_error(r, 400, "comment_required", "退回时请至少写一条意见");
    return;
  }
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_transition_opts o = {.user = who(r), .expect_version = expect, .comments = comments, .n_comments = k};
  jx_status st = jx_store_transition(s, &(jx_dy_key){y.department, y.year, y.kind}, action, &o);
  if (st == JX_ERR_IO) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_store_errmsg(s));
    return;
  }
  if (st != JX_OK) {
    jx_resp_error(r, 409, "refused", "%s", jx_store_errmsg(s));
    return;
  }
  if (!jx_year_load(r, id, &y)) return;
  jx_resp_json(r, 200, json_pack("{s:o}", "year", jx_year_json(&y)));
}

void jx_h_year_submit(jx_req *r) { transition(r, "submit", !(jx_role_perms(r->user->role) & JX_P_ALL_READ)); }
void jx_h_year_return(jx_req *r) { transition(r, "return", false); }
/* The department head sends a draft or returned year back to the officer, with comments. */
void jx_h_year_send_back(jx_req *r) { transition(r, "send_back", true); }
void jx_h_year_approve(jx_req *r) { transition(r, "approve", false); }
void jx_h_year_publish(jx_req *r) { transition(r, "publish", false); }

/* Content-Disposition of an attachment named `name` (any bytes: a department code or an
 * uploaded name may hold quotes, CR/LF or escapes): RFC 6266 with the UTF-8 name
 * percent-encoded as RFC 5987's filename*, and an ASCII fallback filename of letters,
 * digits and - . _ only (every other character one '_'), so that the header is one line
 * and has exactly one filename and one filename*. */
static const char *disposition(jx_arena *a, const char *name) {
  jx_sbuf b = {.arena = a};
  jx_sb_puts(&b, "attachment; filename=\"");
  bool any = false, under = false;
  for (const char *p = name; *p;) {
    unsigned char c = (unsigned char)*p;
    bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c && strchr("-._", c));
    if (safe) {
      jx_sb_put(&b, p, 1);
      any = any || c != '.';
      under = false;
      p++;
      continue;
    }
    if (!under) jx_sb_put(&b, "_", 1);
    under = true;
    p += c < 0x80 ? 1 : jx_u8_len(p);
  }
  if (!any) jx_sb_puts(&b, "download");
  jx_sb_puts(&b, "\"; filename*=UTF-8''");
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
      jx_sb_put(&b, (const char *)p, 1);
    else jx_sb_printf(&b, "%%%02X", *p);
  }
  return b.p;
}

/* ---- reports ------------------------------------------------------------------------------- */

/* The report of version `version` of y in the format named by path parameter 1,
 * cached in the database (versions never change, so neither do their reports). */
bool jx_year_report(jx_req *r, const jx_year *y, int64_t version, bool attach);
bool jx_year_report(jx_req *r, const jx_year *y, int64_t version, bool attach) {
  jx_format fmt;
  const char *fname = r->n_params > 1 ? r->params[1] : "";
  if (!jx_format_parse(fname, &fmt) || !strcmp(fname, "markdown")) {
    jx_resp_error(r, 404, "bad_format", "没有“%s”格式：应为 md、html、docx、pdf 或 xlsx", fname);
    return false;
  }
  jx_db *db = jx_req_db(r);
  if (!db) return false;
  const char *kind = jx_arena_printf(r->arena, "report.%s", jx_format_ext(fmt));
  const char *out;
  size_t len;
  if (jx_cache_get(db, r->arena, y->id, version, kind, &out, &len) != JX_OK) return db_fail(r, db);
  if (!out) {
    const char *data;
    size_t n;
    if (!jx_year_content(r, y->id, version, &data, &n)) return false;
    jx_evaluated e;
    jx_evaluate_bytes(r, doc_name(r, y), data, n, &e);
    if (!e.res) {
      jx_evaluated_free(&e);
      jx_resp_error(r, 409, "not_evaluable", "这份数据有错误，无法生成报告");
      return false;
    }
    bool ok = jx_render_report(r, &e, fmt, &out, &len);
    jx_evaluated_free(&e);
    if (!ok) return false;
    (void)jx_cache_put(db, y->id, version, kind, out, len);
  }
  if (attach || (fmt != JX_FORMAT_HTML && fmt != JX_FORMAT_MD)) {
    const char *name = jx_arena_printf(r->arena, "%s-%d-v%lld.%s", y->department, y->year, (long long)version,
                                       jx_format_ext(fmt));
    jx_resp_header(r, "Content-Disposition", disposition(r->arena, name));
  }
  jx_resp(r, 200, fmt == JX_FORMAT_MD && !attach ? "text/plain; charset=utf-8" : jx_format_ctype(fmt), out, len);
  return true;
}

void jx_h_year_report(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  const char *dl = jx_req_query(r, "download");
  jx_year_report(r, &y, y.version, dl && !strcmp(dl, "1"));
}

/* ---- evidence --------------------------------------------------------------------------- */

/* The reason the uploaded file name cannot be stored (a Chinese message), or NULL: it
 * must be valid UTF-8 of 1 to JX_EVIDENCE_MAX_NAME bytes without control characters
 * (C0, DEL, C1).  Checked before anything is stored. */
#define JX_EVIDENCE_MAX_NAME 255
static const char *bad_name(jx_arena *a, const char *name) {
  size_t n = strlen(name), bad = 0;
  if (!n) return "请用 ?name=文件名 给出文件名";
  if (n > JX_EVIDENCE_MAX_NAME)
    return jx_arena_printf(a, "文件名过长：%zu 字节（上限 %d 字节）", n, JX_EVIDENCE_MAX_NAME);
  if (!jx_utf8_valid(name, n, &bad))
    return jx_arena_printf(a, "文件名不是有效的 UTF-8 文本（第 %zu 个字节 0x%02X 不对）", bad + 1, (unsigned char)name[bad]);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    bool c1 = c == 0xC2 && i + 1 < n && (unsigned char)name[i + 1] >= 0x80 && (unsigned char)name[i + 1] < 0xA0;
    if (c < 0x20 || c == 0x7f || c1)
      return jx_arena_printf(a, "文件名含有控制字符（第 %zu 个字节 0x%02X）", i + 1, c1 ? (unsigned char)name[i + 1] : c);
  }
  return NULL;
}

/* A valid file name (bad_name) reduced to its last component, without quotes, semicolons
 * or backslashes. */
static char *clean_name(jx_arena *a, const char *name) {
  const char *base = name;
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == '\\') base = p + 1;
  char *out = jx_arena_strdup(a, base);
  size_t w = 0;
  for (size_t i = 0; out[i]; i++) {
    unsigned char c = (unsigned char)out[i];
    if (c < 0x20 || c == 0x7f || c == '"' || c == ';') continue;
    out[w++] = (char)c;
  }
  out[w] = '\0';
  if (w > 200) {
    w = 200;
    while (w > 0 && ((unsigned char)out[w] & 0xC0) == 0x80) w--;
    out[w] = '\0';
  }
  if (!strcmp(out, ".") || !strcmp(out, "..") || !*out) return jx_arena_strdup(a, "未命名文件");
  return out;
}

/* The number of editable indicators of y's current version (the numbering of
 * indicators_json); false (an answer sent) when the version cannot be read. */
static bool indicator_count(jx_req *r, const jx_year *y, size_t *n) {
  *n = 0;
  const char *data;
  size_t len;
  if (!jx_year_content(r, y->id, y->version, &data, &len)) return false;
  jx_diags d = {0};
  jx_doc *doc = NULL;
  jx_doc_parse(doc_name(r, y), data, len, &doc, &d);
  jx_diags_free(&d);
  if (doc) *n = editable(doc)->n;
  jx_doc_free(doc);
  return true;
}

void jx_h_evidence_upload(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y) || !editable_now(r, &y)) return;
  const char *is = jx_req_query(r, "indicator"), *name = jx_req_query(r, "name");
  char *end = NULL;
  long ind = is ? strtol(is, &end, 10) : -1;
  if (!is || *end || ind < 0 || ind > 100000) {
    jx_resp_error(r, 400, "bad_index", "请用 ?indicator=序号 指明佐证材料属于哪一项指标");
    return;
  }
  const char *why = bad_name(r->arena, name ? name : "");
  if (why) {
    jx_resp_error(r, 400, "bad_name", "%s", why);
    return;
  }
  if (r->body_len == 0) {
    jx_resp_error(r, 400, "empty", "文件是空的");
    return;
  }
  size_t n_ind = 0;
  if (!indicator_count(r, &y, &n_ind)) return;
  if ((size_t)ind >= n_ind) {
    if (n_ind)
      jx_resp_error(r, 400, "bad_index", "没有第 %ld 项指标：当前第 %lld 版的指标序号为 0 到 %zu", ind, (long long)y.version,
                    n_ind - 1);
    else jx_resp_error(r, 400, "bad_index", "没有第 %ld 项指标：当前第 %lld 版没有可读的指标", ind, (long long)y.version);
    return;
  }
  jx_db *db = jx_req_db(r);
  if (!db) return;
  int64_t eid = 0;
  char *clean = clean_name(r->arena, name);
  if (jx_evidence_add(db, id, ind, clean, "application/octet-stream", r->body, r->body_len, r->user->id, &eid) != JX_OK) {
    db_fail(r, db);
    return;
  }
  jx_resp_json(r, 201, json_pack("{s:I,s:s,s:I}", "id", (json_int_t)eid, "name", clean, "size", (json_int_t)r->body_len));
}

void jx_h_evidence_get(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  if (!id) return;
  jx_db *db = jx_req_db(r);
  if (!db) return;
  jx_evidence e;
  if (jx_evidence_get(db, r->arena, id, &e) != JX_OK) {
    db_fail(r, db);
    return;
  }
  jx_year y;
  if (!e.id) {
    jx_resp_error(r, 404, "not_found", "没有编号为 %lld 的佐证材料", (long long)id);
    return;
  }
  if (!jx_year_load(r, e.year_id, &y)) {
    r->status = 0;
    jx_resp_error(r, 404, "not_found", "没有编号为 %lld 的佐证材料", (long long)id);
    return;
  }
  /* Never rendered by the browser: a file cannot run script in our origin. */
  jx_resp_header(r, "Content-Disposition", disposition(r->arena, e.name));
  jx_resp(r, 200, "application/octet-stream", e.data, (size_t)e.size);
}

/* Delete an evidence file: an officer of its department, while the year is a draft or
 * returned.  The status is checked again in the DELETE itself, so a submit that comes
 * between the check and the delete still wins. */
void jx_h_evidence_delete(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  if (!id) return;
  jx_db *db = jx_req_db(r);
  if (!db) return;
  int64_t year_id = 0;
  if (jx_evidence_year(db, id, &year_id) != JX_OK) {
    db_fail(r, db);
    return;
  }
  jx_year y;
  if (!year_id || !jx_year_load(r, year_id, &y)) { /* absent and not yours answer alike */
    r->status = 0;
    jx_resp_error(r, 404, "not_found", "没有编号为 %lld 的佐证材料", (long long)id);
    return;
  }
  if (!editable_now(r, &y)) return;
  bool deleted = false;
  if (jx_evidence_delete(db, id, year_id, &deleted) != JX_OK) {
    db_fail(r, db);
    return;
  }
  if (!deleted) {
    jx_resp_error(r, 409, "not_editable", "数据已提交或已被他人修改，佐证材料不能再删除");
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:b,s:I}", "ok", 1, "id", (json_int_t)id));
}

/* ---- stateless check: YAML in, diagnostics and scores out --------------------------------- */

void jx_h_check(jx_req *r) {
  if (!r->body_len) {
    jx_resp_error(r, 400, "empty", "请求体为空：应为部门年度数据文件（YAML）");
    return;
  }
  jx_evaluated e;
  jx_evaluate_bytes(r, "上传的文件.yaml", r->body, r->body_len, &e);
  json_t *j = jx_evaluated_json(&e);
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}

/* ---- the bureau's desk and dashboard --------------------------------------------------------- */

static int req_year(jx_req *r, jx_db *db) {
  const char *ys = jx_req_query(r, "year");
  if (ys && *ys) return (int)strtol(ys, NULL, 10);
  int64_t y = 0;
  (void)jx_db_query_int64(db, "SELECT MAX(year) FROM department_year", &y);
  return (int)y;
}

void jx_h_desk(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  bool ok;
  int year = req_year(r, db); /* the desk shows one year: the latest unless asked */
  json_t *rows = list_years(r, year, &ok);
  if (!ok) return;
  json_t *missing = json_array();
  jx_stmt *st;
  if (jx_db_prepare(db,
                    "SELECT code, name FROM department WHERE level = 'unit' AND code NOT IN"
                    " (SELECT department FROM department_year WHERE year = ?) ORDER BY code",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW)
      json_array_append_new(missing, json_pack("{s:s,s:s}", "department", jx_stmt_text(st, 0), "name", jx_stmt_text(st, 1)));
    jx_stmt_finalize(st);
  }
  json_t *counts = json_object();
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    const char *s = json_string_value(json_object_get(row, "status"));
    json_object_set_new(counts, s, json_integer(json_integer_value(json_object_get(counts, s)) + 1));
  }
  /* the store's own reviews of the year: self-score vs indicators, missing and late */
  jx_query qf = {.what = "flags", .year = year}, qm = {.what = "missing", .year = year};
  json_t *store_flags = store_table_json(r, &qf, 2000), *store_missing = store_table_json(r, &qm, 2000);
  jx_resp_json(r, 200, json_pack("{s:o,s:o,s:o,s:i,s:o,s:o}", "years", rows, "missing", missing, "counts", counts, "year",
                                 year, "store_flags", store_flags, "store_missing", store_missing));
}

#define CURRENT_SCORES                                                                                 \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                               \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.version JOIN score s ON s.version = v.id"

void jx_h_dashboard(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  int year = req_year(r, db);
  jx_stmt *st;
  /* score distribution in 10-point bins below 100 (60 and under in one) */
  static const char *const bins[] = {"60 分以下", "60–70", "70–80", "80–90", "90–100"};
  int64_t counts[5] = {0};
  if (jx_db_prepare(db, "SELECT s.total" CURRENT_SCORES " WHERE dy.year = ? AND dy.kind = 'department' AND s.total IS NOT NULL",
                    &st) != JX_OK) {
    db_fail(r, db);
    return;
  }
  jx_stmt_bind_int64(st, 1, year);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    int64_t t = jx_stmt_int64(st, 0) / JX_NUM_SCALE;
    counts[t < 60 ? 0 : t >= 90 ? 4 : (t - 50) / 10]++;
  }
  jx_stmt_finalize(st);
  json_t *dist = json_array();
  for (int i = 0; i < 5; i++) json_array_append_new(dist, json_pack("{s:s,s:I}", "bin", bins[i], "count", (json_int_t)counts[i]));

  json_t *exec = json_array();
  if (jx_db_prepare(db, "SELECT d.name, s.execution_rate, s.total" CURRENT_SCORES
                        " WHERE dy.year = ? AND dy.kind = 'department' AND s.execution_rate IS NOT NULL"
                        " ORDER BY s.execution_rate DESC, d.name LIMIT 200",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW)
      json_array_append_new(exec, json_pack("{s:s,s:o,s:o}", "department", jx_stmt_text(st, 0), "rate",
                                            num_json(jx_stmt_int64(st, 1)), "total", num_json(jx_stmt_int64(st, 2))));
    jx_stmt_finalize(st);
  }

  json_t *kinds = json_array();
  if (jx_db_prepare(db,
                    "SELECT COALESCE(i.level1, '（未分类）'), COUNT(*), SUM(CASE WHEN i.met = 1 THEN 1 ELSE 0 END)"
                    " FROM indicator i JOIN version v ON v.id = i.version"
                    " JOIN department_year dy ON dy.id = v.dy AND v.number = dy.version"
                    " WHERE dy.year = ? AND i.score IS NOT NULL GROUP BY COALESCE(i.level1, '（未分类）') ORDER BY 1",
                    &st) == JX_OK) {
    jx_stmt_bind_int64(st, 1, year);
    while (jx_stmt_step(st) == JX_DB_ROW) {
      int64_t n = jx_stmt_int64(st, 1), met = jx_stmt_int64(st, 2);
      json_array_append_new(kinds, json_pack("{s:s,s:I,s:I,s:o}", "level1", jx_stmt_text(st, 0), "indicators", (json_int_t)n,
                                             "met", (json_int_t)met, "rate",
                                             num_json(n ? jx_ratio_round2(met, n, 100 * JX_NUM_SCALE) : 0)));
    }
    jx_stmt_finalize(st);
  }

  json_t *yoy = json_array();
  if (jx_db_prepare(db, "SELECT dy.year, COUNT(s.total), SUM(s.total), SUM(CASE WHEN dy.status = 'published' THEN 1 ELSE 0 END)"
                        CURRENT_SCORES " WHERE dy.kind = 'department' GROUP BY dy.year ORDER BY dy.year",
                    &st) == JX_OK) {
    while (jx_stmt_step(st) == JX_DB_ROW) {
      int64_t n = jx_stmt_int64(st, 1), sum = jx_stmt_int64(st, 2);
      json_array_append_new(yoy, json_pack("{s:I,s:I,s:o,s:I}", "year", (json_int_t)jx_stmt_int64(st, 0), "departments",
                                           (json_int_t)n, "average", num_json(n ? jx_ratio_round2(sum, n, 1) : 0),
                                           "published", (json_int_t)jx_stmt_int64(st, 3)));
    }
    jx_stmt_finalize(st);
  }
  jx_resp_json(r, 200, json_pack("{s:i,s:o,s:o,s:o,s:o}", "year", year, "distribution", dist, "execution", exec,
                                 "attainment", kinds, "years", yoy));
}

/* ---- rectification ------------------------------------------------------------------------ */

void jx_h_rect_list(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  jx_resp_json(r, 200, json_pack("{s:o}", "rectifications", rects_json(db, 0)));
}

void jx_h_rect_open(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *item = jx_json_str(r, body, "item", JX_WEB_MAX_COMMENT, true);
  json_decref(body);
  if (!item) return;
  if (!*item) {
    jx_resp_error(r, 400, "empty", "整改事项不能为空");
    return;
  }
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  int64_t rid = 0;
  jx_status st = jx_store_rectify_open(s, &(jx_dy_key){y.department, y.year, y.kind}, item, who(r), &rid);
  if (st != JX_OK) {
    jx_resp_error(r, st == JX_ERR_IO ? 503 : 409, "refused", "%s", jx_store_errmsg(s));
    return;
  }
  jx_resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)rid));
}

void jx_h_rect_close(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  if (!id) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *note = jx_json_str(r, body, "note", JX_WEB_MAX_COMMENT, true);
  json_decref(body);
  if (!note) return;
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_status st = jx_store_rectify_close(s, id, note, who(r));
  if (st != JX_OK) {
    jx_resp_error(r, st == JX_ERR_IO ? 503 : 409, "refused", "%s", jx_store_errmsg(s));
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}
