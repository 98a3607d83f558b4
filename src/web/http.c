/* http.c — request and response helpers for handlers: headers, query, cookies, JSON in
 * and out with bounds, Chinese errors, HTML escaping, arena strings, the JSON API's
 * shared helpers. */
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/text.h"
#include "web/web.h"

const char *jx_req_header(jx_req *r, const char *name) {
  return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *jx_req_query(jx_req *r, const char *name) {
  return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *jx_req_cookie(jx_req *r, const char *name) {
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

void jx_resp_header(jx_req *r, const char *name, const char *value) {
  if (r->n_headers < sizeof r->headers / sizeof r->headers[0])
    r->headers[r->n_headers++] = (jx_header){name, value};
}

void jx_resp(jx_req *r, unsigned status, const char *ctype, const char *data, size_t len) {
  r->status = status;
  r->ctype = ctype;
  r->data = data;
  r->len = len;
}

void jx_resp_json(jx_req *r, unsigned status, json_t *j) {
  char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(j);
  if (!s) {
    jx_resp(r, 500, "application/json", "{\"error\":\"internal\",\"message\":\"内部错误\"}", 40);
    return;
  }
  size_t n = strlen(s);
  char *copy = jx_arena_strndup(r->arena, s, n);
  free(s);
  jx_resp(r, status, "application/json; charset=utf-8", copy, n);
}

void jx_resp_error(jx_req *r, unsigned status, const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = jx_arena_vprintf(r->arena, fmt, ap);
  va_end(ap);
  json_t *j = json_object();
  json_object_set_new(j, "error", json_string(code));
  json_object_set_new(j, "message", json_string(msg));
  jx_resp_json(r, status, j);
}

json_t *jx_req_json(jx_req *r) {
  if (!r->body || r->body_len == 0) {
    jx_resp_error(r, 400, "bad_request", "请求体为空：应为 JSON 对象");
    return NULL;
  }
  json_error_t e;
  json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &e);
  if (!j) {
    jx_resp_error(r, 400, "bad_json", "请求体不是合法的 JSON（第 %d 行第 %d 列：%s）", e.line, e.column, e.text);
    return NULL;
  }
  if (!json_is_object(j)) {
    json_decref(j);
    jx_resp_error(r, 400, "bad_json", "请求体应为 JSON 对象");
    return NULL;
  }
  return j;
}

const char *jx_json_str(jx_req *r, json_t *obj, const char *key, size_t max, bool required) {
  json_t *v = json_object_get(obj, key);
  if (!v || json_is_null(v)) {
    if (required) jx_resp_error(r, 400, "missing_field", "缺少字段“%s”", key);
    return NULL;
  }
  if (!json_is_string(v)) {
    jx_resp_error(r, 400, "bad_field", "字段“%s”应为字符串", key);
    return NULL;
  }
  size_t n = json_string_length(v);
  if (n > max) {
    jx_resp_error(r, 400, "field_too_long", "字段“%s”过长：%zu 字节，上限 %zu 字节", key, n, max);
    return NULL;
  }
  const char *s = json_string_value(v);
  if (strlen(s) != n) {
    jx_resp_error(r, 400, "bad_field", "字段“%s”含有 NUL 字符", key);
    return NULL;
  }
  return jx_arena_strndup(r->arena, s, n);
}

int64_t jx_param_id(jx_req *r, size_t i) {
  const char *s = i < r->n_params ? r->params[i] : NULL;
  int64_t v = 0;
  if (!s || !*s || strlen(s) > 15) goto bad;
  for (const char *p = s; *p; p++) {
    if (*p < '0' || *p > '9') goto bad;
    v = v * 10 + (*p - '0');
  }
  if (v > 0) return v;
bad:
  jx_resp_error(r, 404, "not_found", "没有这个编号：%s", s ? s : "");
  return 0;
}

/* ---- strings ------------------------------------------------------------------------ */

void jx_sb_put(jx_sbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + n + 1) cap *= 2;
    b->p = jx_arena_grow(b->arena, b->p, b->n, cap, 1);
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

void jx_sb_puts(jx_sbuf *b, const char *s) { jx_sb_put(b, s, strlen(s)); }

void jx_sb_printf(jx_sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = jx_arena_vprintf(b->arena, fmt, ap);
  va_end(ap);
  jx_sb_puts(b, s);
}

void jx_sb_html(jx_sbuf *b, const char *s) {
  if (!s) return;
  const char *run = s;
  for (const char *p = s; *p; p++) {
    const char *rep = NULL;
    switch (*p) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    case '{': rep = "&#123;"; break; /* never a template placeholder once escaped */
    case '}': rep = "&#125;"; break;
    default: continue;
    }
    jx_sb_put(b, run, (size_t)(p - run));
    jx_sb_puts(b, rep);
    run = p + 1;
  }
  jx_sb_puts(b, run);
}

char *jx_html_escape(jx_arena *a, const char *s) {
  jx_sbuf b = {.arena = a};
  jx_sb_puts(&b, "");
  jx_sb_html(&b, s);
  return b.p;
}

/* ---- shared by the JSON API's handlers (api_*.c) ---------------------------------------- */

json_t *jx_json_num(int64_t v) {
  char b[40];
  return json_string(jx_format_num(v, b, sizeof b));
}

bool jx_db_fail(jx_req *r, jx_db *db) {
  jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
  return false;
}

const char *jx_req_who(const jx_req *r) { return r->user ? r->user->username : "web"; }

/* Content-Disposition of an attachment named `name` (any bytes: a department code or an
 * uploaded name may hold quotes, CR/LF or escapes): RFC 6266 with the UTF-8 name
 * percent-encoded as RFC 5987's filename*, and an ASCII fallback filename of letters,
 * digits and - . _ only (every other character one '_'), so that the header is one line
 * and has exactly one filename and one filename*. */
const char *jx_disposition(jx_arena *a, const char *name) {
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

