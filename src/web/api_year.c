/* api_year.c — the JSON API of one department-year (docs/api.md): open it, edit targets
 * and actuals with live diagnostics and scores (the library's check + score, as the CLI),
 * save as a new version, its reports.  Every write goes through jx_store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/text.h"
#include "web/api_yearform.h"
#include "web/store.h"
#include "web/web.h"

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

jx_indicatorlist *jx_doc_editable(jx_doc *doc) {
  return doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->indicators : &doc->indicators;
}

static json_t *indicators_json(jx_req *r, jx_doc *doc) {
  json_t *arr = json_array();
  jx_indicatorlist *l = jx_doc_editable(doc);
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
json_t *jx_rects_json(jx_db *db, int64_t id) {
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
json_t *jx_store_table_json(jx_req *r, const jx_query *q, size_t max) {
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
  return jx_store_table_json(r, &q, 500);
}

const char *jx_year_doc_name(jx_req *r, const jx_year *y) {
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
  jx_evaluate_bytes(r, jx_year_doc_name(r, &y), data, len, &e);
  json_t *j = json_object();
  json_object_set_new(j, "year", jx_year_json(&y));
  json_object_set_new(j, "yaml", json_stringn(data, len));
  json_object_set_new(j, "evaluation", jx_evaluated_json(&e));
  json_object_set_new(j, "indicators", e.doc ? indicators_json(r, e.doc) : json_array());
  json_object_set_new(j, "form", jx_year_form_json(r, &e));
  json_object_set_new(j, "comments", comments_json(r, db, id));
  json_object_set_new(j, "evidence", evidence_json(r, db, id));
  json_object_set_new(j, "rectifications", jx_rects_json(db, id));
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
  jx_indicatorlist *l = jx_doc_editable(doc);
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
  jx_doc_parse(jx_year_doc_name(r, y), data, n, &doc, &d);
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

bool jx_year_editable_now(jx_req *r, const jx_year *y) {
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
  jx_evaluate_bytes(r, jx_year_doc_name(r, &y), yaml, len, &e);
  json_t *j = json_object();
  json_object_set_new(j, "evaluation", jx_evaluated_json(&e));
  json_object_set_new(j, "indicators", e.doc ? indicators_json(r, e.doc) : json_array());
  json_object_set_new(j, "form", jx_year_form_json(r, &e));
  json_object_set_new(j, "yaml", json_stringn(yaml, len));
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}

void jx_h_year_save(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y) || !jx_year_editable_now(r, &y)) return;
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
  jx_store_import_opts o = {.user = jx_req_who(r),
                            .framework_path = r->web->framework_path[0] ? r->web->framework_path : NULL,
                            .department = y.department,
                            .expect_version = base,
                            .expect_key = &(jx_dy_key){y.department, y.year, y.kind}};
  jx_store_import_info info;
  memset(&info, 0, sizeof info);
  jx_diags d = {0};
  jx_status st = jx_store_import_bytes(s, jx_year_doc_name(r, &y), yaml, len, &o, &info, &d);
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


/* ---- reports ------------------------------------------------------------------------------- */

/* The report of version `version` of y in the format named by path parameter 1,
 * cached in the database (versions never change, so neither do their reports). */
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
  if (jx_cache_get(db, r->arena, y->id, version, kind, &out, &len) != JX_OK) return jx_db_fail(r, db);
  if (!out) {
    const char *data;
    size_t n;
    if (!jx_year_content(r, y->id, version, &data, &n)) return false;
    jx_evaluated e;
    jx_evaluate_bytes(r, jx_year_doc_name(r, y), data, n, &e);
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
    jx_resp_header(r, "Content-Disposition", jx_disposition(r->arena, name));
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
