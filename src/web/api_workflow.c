/* api_workflow.c — the JSON API's workflow (docs/api.md): submit, send back, and the
 * approval chain by level (approve, return, unapprove at 单位 / 主管部门 / 财政局, one at a
 * time or a batch), publish, the chain and its thread of steps; rectification items.
 * Every write goes through jx_store, which holds the chain and decides who may act. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/workflow.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

enum { MAX_COMMENTS = 500, MAX_BATCH = 200 };

/* ---- workflow ------------------------------------------------------------------------------ */

/* The caller as the store's actor. */
static jx_transition_opts actor(jx_req *r) {
  return (jx_transition_opts){.user = jx_req_who(r), .role = jx_role_name(r->user->role), .role_department = r->user->department};
}

/* Read body's comments ([{indicator, text}], empty texts dropped) into *out; answers 400
 * and returns false when they are not well formed. */
static bool read_comments(jx_req *r, json_t *body, jx_review_comment **out, size_t *k) {
  json_t *cs = json_object_get(body, "comments");
  size_t n = json_is_array(cs) ? json_array_size(cs) : 0;
  if (n > MAX_COMMENTS) {
    jx_resp_error(r, 400, "too_many", "一次最多 %d 条意见", MAX_COMMENTS);
    return false;
  }
  jx_review_comment *comments = jx_arena_alloc(r->arena, (n ? n : 1) * sizeof *comments);
  *k = 0;
  for (size_t i = 0; i < n; i++) {
    json_t *c = json_array_get(cs, i);
    const char *text = json_is_object(c) ? jx_json_str(r, c, "text", JX_WEB_MAX_COMMENT, true) : NULL;
    if (!text) {
      if (!r->status) jx_resp_error(r, 400, "bad_field", "第 %zu 条意见应为 {indicator, text}", i + 1);
      return false;
    }
    const char *ind = jx_json_str(r, c, "indicator", JX_WEB_MAX_FIELD, false);
    if (r->status) return false;
    if (text[strspn(text, " \t\r\n")]) comments[(*k)++] = (jx_review_comment){ind && *ind ? ind : NULL, text};
  }
  *out = comments;
  return true;
}

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
  jx_transition_opts o = actor(r);
  o.expect_version = json_is_integer(bv) ? json_integer_value(bv) : 0;
  const char *level = !strcmp(action, "unapprove") ? jx_json_str(r, body, "level", 16, false) : NULL;
  bool ok = !r->status && read_comments(r, body, (jx_review_comment **)&o.comments, &o.n_comments);
  o.level = level && *level ? level : NULL;
  json_decref(body);
  if (!ok) return;
  if ((!strcmp(action, "return") || !strcmp(action, "send_back")) && o.n_comments == 0) {
    jx_resp_error(r, 400, "comment_required", "退回时请至少写一条意见");
    return;
  }
  if (!strcmp(action, "unapprove") && o.n_comments == 0) {
    jx_resp_error(r, 400, "comment_required", "撤销审核时请写明理由");
    return;
  }
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
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
/* A level withdraws an approval it or a level below it gave, with a reason ({level, comments}). */
void jx_h_year_unapprove(jx_req *r) { transition(r, "unapprove", false); }
void jx_h_year_publish(jx_req *r) { transition(r, "publish", false); }

/* GET /api/years/{id}/approval: the year's chain by level, what the caller may do, the thread. */
void jx_h_year_approval(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_transition_opts o = actor(r);
  json_t *j = jx_store_workflow_json(s, &(jx_dy_key){y.department, y.year, y.kind}, &o);
  if (!j) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_store_errmsg(s));
    return;
  }
  jx_resp_json(r, 200, j);
}

/* POST /api/years/batch {action: "approve", ids, comment}: each year approved at the level
 * it awaits, on its own (not all or nothing); the answer lists what was done and why the
 * others were not. */
void jx_h_years_batch(jx_req *r) {
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *action = jx_json_str(r, body, "action", 32, true);
  const char *comment = action ? jx_json_str(r, body, "comment", JX_WEB_MAX_COMMENT, false) : NULL;
  json_t *ids = json_incref(json_object_get(body, "ids"));
  json_decref(body);
  if (r->status || !action) { /* a required field missing has set the answer */
    json_decref(ids);
    return;
  }
  if (strcmp(action, "approve") != 0) {
    json_decref(ids);
    jx_resp_error(r, 400, "bad_action", "批量操作只能是审核通过");
    return;
  }
  if (!json_is_array(ids) || !json_array_size(ids) || json_array_size(ids) > MAX_BATCH) {
    json_decref(ids);
    jx_resp_error(r, 400, "bad_ids", "请选择 1 到 %d 个年度", MAX_BATCH);
    return;
  }
  struct jx_store *s = jx_req_store(r);
  if (!s) {
    json_decref(ids);
    return;
  }
  jx_review_comment c = {NULL, comment};
  json_t *results = json_array();
  size_t done = 0, i;
  json_t *v;
  json_array_foreach(ids, i, v) {
    int64_t id = json_is_integer(v) ? json_integer_value(v) : 0;
    json_t *o = json_pack("{s:I}", "id", (json_int_t)id);
    const char *why = NULL;
    jx_year y;
    if (id <= 0) {
      why = "编号不对";
    } else if (!jx_year_load(r, id, &y)) {
      why = r->status == 404 ? "没有这个年度" : "数据库暂时无法访问";
      r->status = 0; /* answered below for the whole batch */
    } else {
      json_object_set_new(o, "department", json_string(y.department));
      json_object_set_new(o, "department_name", json_string(y.department_name));
      json_object_set_new(o, "year", json_integer(y.year));
      jx_transition_opts t = actor(r);
      t.comments = comment && *comment ? &c : NULL;
      t.n_comments = comment && *comment ? 1 : 0;
      if (jx_store_transition(s, &(jx_dy_key){y.department, y.year, y.kind}, "approve", &t) != JX_OK)
        why = jx_arena_strdup(r->arena, jx_store_errmsg(s));
    }
    json_object_set_new(o, "ok", json_boolean(why == NULL));
    if (why) json_object_set_new(o, "message", json_string(why));
    else done++;
    json_array_append_new(results, o);
  }
  json_decref(ids);
  jx_resp_json(r, 200, json_pack("{s:s,s:I,s:I,s:o}", "action", action, "done", (json_int_t)done, "refused",
                                 (json_int_t)(json_array_size(results) - done), "results", results));
}

/* ---- rectification ------------------------------------------------------------------------ */

void jx_h_rect_list(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  jx_resp_json(r, 200, json_pack("{s:o}", "rectifications", jx_rects_json(db, 0)));
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
  jx_status st = jx_store_rectify_open(s, &(jx_dy_key){y.department, y.year, y.kind}, item, jx_req_who(r), &rid);
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
  jx_status st = jx_store_rectify_close(s, id, note, jx_req_who(r));
  if (st != JX_OK) {
    jx_resp_error(r, st == JX_ERR_IO ? 503 : 409, "refused", "%s", jx_store_errmsg(s));
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}
