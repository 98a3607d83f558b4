/* api_evidence.c — the JSON API's evidence files (docs/api.md): upload, download,
 * delete, stored in the database (web/store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/text.h"
#include "web/store.h"
#include "web/web.h"

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
  jx_doc_parse(jx_year_doc_name(r, y), data, len, &doc, &d);
  jx_diags_free(&d);
  if (doc) *n = jx_doc_editable(doc)->n;
  jx_doc_free(doc);
  return true;
}

void jx_h_evidence_upload(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y) || !jx_year_editable_now(r, &y)) return;
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
    jx_db_fail(r, db);
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
    jx_db_fail(r, db);
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
  jx_resp_header(r, "Content-Disposition", jx_disposition(r->arena, e.name));
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
    jx_db_fail(r, db);
    return;
  }
  jx_year y;
  if (!year_id || !jx_year_load(r, year_id, &y)) { /* absent and not yours answer alike */
    r->status = 0;
    jx_resp_error(r, 404, "not_found", "没有编号为 %lld 的佐证材料", (long long)id);
    return;
  }
  if (!jx_year_editable_now(r, &y)) return;
  bool deleted = false;
  if (jx_evidence_delete(db, id, year_id, &deleted) != JX_OK) {
    jx_db_fail(r, db);
    return;
  }
  if (!deleted) {
    jx_resp_error(r, 409, "not_editable", "数据已提交或已被他人修改，佐证材料不能再删除");
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:b,s:I}", "ok", 1, "id", (json_int_t)id));
}
