/* static.c — the front-end files built into the binary (assets.h), the single-page
 * app's shell, the root redirect and the health check.  A file is found by exact name
 * in the table, never by a path on disk: no traversal is possible. */
#include <string.h>

#include "web/assets.h"
#include "web/web.h"

static const jx_asset *find(const char *name) {
  for (size_t i = 0; i < jx_n_assets; i++)
    if (!strcmp(jx_assets[i].name, name)) return &jx_assets[i];
  return NULL;
}

static void send_asset(jx_req *r, const jx_asset *a, const char *cache) {
  const char *inm = jx_req_header(r, "If-None-Match");
  jx_resp_header(r, "ETag", a->etag);
  jx_resp_header(r, "Cache-Control", cache);
  if (inm && !strcmp(inm, a->etag)) {
    jx_resp(r, 304, NULL, "", 0);
    return;
  }
  jx_resp(r, 200, a->type, (const char *)a->data, a->len);
}

void jx_h_asset(jx_req *r) {
  const jx_asset *a = r->n_params ? find(r->params[0]) : NULL;
  if (!a || !strcmp(r->params[0], "index.html")) {
    jx_resp_error(r, 404, "not_found", "没有这个文件");
    return;
  }
  send_asset(r, a, "public, max-age=300");
}

void jx_h_app(jx_req *r) {
  if (!strcmp(r->path, "/app")) {
    jx_resp_header(r, "Location", "/app/");
    jx_resp(r, 302, "text/plain; charset=utf-8", "", 0);
    return;
  }
  const jx_asset *a = find("index.html");
  if (!a) {
    jx_resp_error(r, 500, "internal", "前端文件缺失");
    return;
  }
  send_asset(r, a, "no-cache");
}

void jx_h_root(jx_req *r) {
  jx_resp_header(r, "Location", "/public/");
  jx_resp(r, 302, "text/plain; charset=utf-8", "", 0);
}

void jx_h_health(jx_req *r) { jx_resp(r, 200, "text/plain; charset=utf-8", "ok\n", 3); }

/* Browsers ask for it on every site: an answer without a body, not a 404. */
void jx_h_favicon(jx_req *r) {
  jx_resp_header(r, "Cache-Control", "public, max-age=86400");
  jx_resp(r, 204, NULL, "", 0);
}
