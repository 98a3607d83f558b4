/* api_workflow.c — the JSON API's workflow (docs/api.md): submit, return, send back,
 * approve, publish with review comments, and rectification items.  Every write goes
 * through jx_store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

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
  jx_transition_opts o = {.user = jx_req_who(r), .expect_version = expect, .comments = comments, .n_comments = k};
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
