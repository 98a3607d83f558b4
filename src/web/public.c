/* public.c — the public pages: published reports listed and searched without logging
 * in, each report as a page and downloadable in every format, and their scores as JSON.
 * Only a department-year's published version is ever read here; nothing unpublished is
 * visible.  Rendered pages are cached in the database by (year, version). */
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST /* next_in is const */
#include <zlib.h>

#include "store/db.h"
#include "web/store.h"
#include "web/web.h"

bool jx_year_report(jx_req *r, const jx_year *y, int64_t version, bool attach); /* api.c */

/* The hot path of the public pages: the cached body of a published year's published
 * version in one query on a statement kept by the thread.  False (and no answer) when
 * it is not cached yet, or the year is not published: the caller takes the slow path. */
static const char PUBLIC_CACHED[] =
    "SELECT c.body, dy.published_version FROM department_year dy JOIN web_cache c ON c.year_id = dy.id AND c.version = dy.published_version"
    " AND c.kind = ? WHERE dy.id = ? AND dy.published_version IS NOT NULL";

static bool public_cached(jx_req *r, int64_t id, const char *kind, const char *ctype) {
  jx_stmt *st = jx_req_stmt(r, PUBLIC_CACHED);
  if (!st) {
    r->status = 0; /* fall back to the slow path, which answers properly */
    return false;
  }
  jx_stmt_bind_text(st, 1, kind, -1);
  jx_stmt_bind_int64(st, 2, id);
  bool hit = false;
  if (jx_stmt_step(st) == JX_DB_ROW) {
    /* a published version never changes: its number names the body (ETag, 304) */
    const char *etag = jx_arena_printf(r->arena, "\"%lld-%lld-%s\"", (long long)id, (long long)jx_stmt_int64(st, 1), kind);
    const char *inm = jx_req_header(r, "If-None-Match");
    jx_resp_header(r, "ETag", etag);
    jx_resp_header(r, "Cache-Control", "public, no-cache"); /* revalidate: a new version may be published */
    if (inm && !strcmp(inm, etag)) {
      jx_stmt_reset(st);
      jx_resp(r, 304, NULL, "", 0);
      return true;
    }
    size_t n = 0;
    const void *p = jx_stmt_blob(st, 0, &n);
    char *copy = jx_arena_take(r->arena, n + 1);
    if (n) memcpy(copy, p, n);
    copy[n] = '\0';
    jx_resp(r, 200, ctype, copy, n);
    hit = true;
  }
  jx_stmt_reset(st);
  return hit;
}

/* The client takes gzip (every browser says so). */
static bool wants_gzip(jx_req *r) {
  const char *ae = jx_req_header(r, "Accept-Encoding");
  return ae && strstr(ae, "gzip");
}

/* gzip of data (level 9, once per published version), in the arena; NULL on failure. */
static char *gzip(jx_arena *a, const char *data, size_t len, size_t *out_len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
  size_t cap = deflateBound(&z, (uLong)len) + 32;
  char *out = jx_arena_take(a, cap);
  z.next_in = (const Bytef *)data;
  z.avail_in = (uInt)len;
  z.next_out = (Bytef *)out;
  z.avail_out = (uInt)cap;
  int rc = deflate(&z, Z_FINISH);
  *out_len = z.total_out;
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : NULL;
}

static const char *const formats[] = {"html", "pdf", "docx", "xlsx", "md"};

static char *downloads(jx_req *r, int64_t id) {
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    jx_sb_printf(&b, "%s<a href=\"/public/%lld/download/%s\">%s</a>", i ? " " : "", (long long)id, formats[i],
                 formats[i]);
  return b.p;
}

#define PUBLIC_SQL                                                                                          \
  "SELECT dy.id, d.name, dy.year, dy.kind, s.total, s.grade, dy.updated_at, dy.department"                  \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                                    \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.published_version LEFT JOIN score s ON s.version = v.id" \
  " WHERE dy.published_version IS NOT NULL"

static jx_stmt *public_query(jx_req *r, jx_db *db) {
  const char *q = jx_req_query(r, "q");
  if (q && strlen(q) > 200) {
    jx_resp_error(r, 400, "field_too_long", "搜索词过长（上限 200 字节）");
    return NULL;
  }
  int year = q ? (int)strtol(q, NULL, 10) : 0;
  jx_sbuf sql = {.arena = r->arena};
  jx_sb_puts(&sql, PUBLIC_SQL);
  if (q && *q) jx_sb_puts(&sql, " AND (d.name LIKE ? OR dy.year = ?)");
  jx_sb_puts(&sql, " ORDER BY dy.year DESC, d.name LIMIT 1000");
  jx_stmt *st;
  if (jx_db_prepare(db, sql.p, &st) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
    return NULL;
  }
  if (q && *q) {
    jx_stmt_bind_text(st, 1, jx_arena_printf(r->arena, "%%%s%%", q), -1);
    jx_stmt_bind_int64(st, 2, year);
  }
  return st;
}

static const char *score_text(jx_req *r, jx_stmt *st, int col) {
  if (jx_stmt_is_null(st, col)) return "—";
  char b[40];
  return jx_arena_strdup(r->arena, jx_format_num(jx_stmt_int64(st, col), b, sizeof b));
}

void jx_h_public_index(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  jx_stmt *st = public_query(r, db);
  if (!st) return;
  jx_sbuf rows = {.arena = r->arena};
  jx_sb_puts(&rows, "");
  size_t n = 0;
  const char *tmpl = jx_template("public_index_row");
  while (jx_stmt_step(st) == JX_DB_ROW) {
    int64_t id = jx_stmt_int64(st, 0);
    const char *kind = jx_stmt_text(st, 3);
    const char *name = jx_stmt_text(st, 1);
    if (kind && !strncmp(kind, "project:", 8)) name = jx_arena_printf(r->arena, "%s · %s", name, kind + 8);
    const char *updated = jx_stmt_text(st, 6);
    jx_tvar v[] = {{"id", jx_arena_printf(r->arena, "%lld", (long long)id)},
                   {"department", name},
                   {"year", jx_arena_printf(r->arena, "%lld", (long long)jx_stmt_int64(st, 2))},
                   {"score", score_text(r, st, 4)},
                   {"grade", jx_stmt_text(st, 5) ? jx_stmt_text(st, 5) : "—"},
                   {"published", updated ? jx_arena_strndup(r->arena, updated, 10) : ""},
                   {"downloads", downloads(r, id)}};
    jx_sb_puts(&rows, jx_page_render(r->arena, tmpl, v, sizeof v / sizeof v[0], NULL));
    n++;
  }
  jx_stmt_finalize(st);
  const char *q = jx_req_query(r, "q");
  const char *summary = q && *q ? jx_arena_printf(r->arena, "搜索“%s”：共 %zu 份报告", q, n)
                                : jx_arena_printf(r->arena, "共 %zu 份已公开的报告", n);
  if (!n) summary = q && *q ? jx_arena_printf(r->arena, "没有找到与“%s”有关的已公开报告", q) : "还没有公开的报告";
  jx_tvar v[] = {{"title", "已公开的绩效自评报告"}, {"q", q ? q : ""}, {"summary", summary}, {"rows", rows.p}};
  size_t len;
  char *html = jx_page_render(r->arena, jx_template("public_index"), v, sizeof v / sizeof v[0], &len);
  jx_resp(r, 200, "text/html; charset=utf-8", html, len);
}

/* The published version's HTML report with a bar of links on top; cached. */
void jx_h_public_page(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  bool gz = wants_gzip(r);
  jx_resp_header(r, "Vary", "Accept-Encoding");
  if (id && public_cached(r, id, gz ? "public.html.gz" : "public.html", "text/html; charset=utf-8")) {
    if (gz) jx_resp_header(r, "Content-Encoding", "gzip");
    return;
  }
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) {
    if (r->status == 404) { /* a page, not JSON */
      jx_tvar v[] = {{"title", "报告不存在或尚未公开"}, {"message", "这份报告不存在，或者还没有公开。"}};
      size_t len;
      char *html = jx_page_render(r->arena, jx_template("error_page"), v, 2, &len);
      jx_resp(r, 404, "text/html; charset=utf-8", html, len);
    }
    return;
  }
  /* not cached yet (the fast path above missed): render, keep, answer */
  jx_db *db = jx_req_db(r);
  const char *page;
  size_t len;
  r->params[1] = "html";
  r->n_params = 2;
  if (!jx_year_report(r, &y, y.published_version, false)) return;
  const char *report = r->data;
  size_t rlen = r->len;
  r->status = 0;
  r->n_headers = 0;
  jx_resp_header(r, "Vary", "Accept-Encoding");
  jx_tvar v[] = {{"department", y.department_name},
                 {"year", jx_arena_printf(r->arena, "%d", y.year)},
                 {"downloads", downloads(r, id)}};
  const char *bar = jx_page_render(r->arena, jx_template("public_report_bar"), v, 3, NULL);
  const char *body = strstr(report, "<body>");
  jx_sbuf b = {.arena = r->arena};
  if (body) {
    body += strlen("<body>\n");
    jx_sb_put(&b, report, (size_t)(body - report));
    jx_sb_puts(&b, bar);
    jx_sb_put(&b, body, rlen - (size_t)(body - report));
  } else {
    jx_sb_puts(&b, bar);
    jx_sb_put(&b, report, rlen);
  }
  page = b.p;
  len = b.n;
  (void)jx_cache_put(db, id, y.published_version, "public.html", page, len);
  size_t zlen = 0;
  const char *z = gzip(r->arena, page, len, &zlen);
  if (z) (void)jx_cache_put(db, id, y.published_version, "public.html.gz", z, zlen);
  jx_resp(r, 200, "text/html; charset=utf-8", page, len);
}

void jx_h_public_download(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  jx_year_report(r, &y, y.published_version, true);
}

void jx_h_public_list(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  jx_stmt *st = public_query(r, db);
  if (!st) return;
  json_t *arr = json_array();
  while (jx_stmt_step(st) == JX_DB_ROW) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(jx_stmt_int64(st, 0)));
    json_object_set_new(o, "department_name", json_string(jx_stmt_text(st, 1)));
    json_object_set_new(o, "department", json_string(jx_stmt_text(st, 7)));
    json_object_set_new(o, "year", json_integer(jx_stmt_int64(st, 2)));
    json_object_set_new(o, "kind", json_string(jx_stmt_text(st, 3)));
    json_object_set_new(o, "total", jx_stmt_is_null(st, 4) ? json_null() : json_string(score_text(r, st, 4)));
    json_object_set_new(o, "grade", jx_stmt_text(st, 5) ? json_string(jx_stmt_text(st, 5)) : json_null());
    json_array_append_new(arr, o);
  }
  jx_stmt_finalize(st);
  jx_resp_json(r, 200, json_pack("{s:o}", "reports", arr));
}

/* Scores and diagnostics of the published version, as `jixiao score --json`; cached. */
void jx_h_public_score(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  if (id && public_cached(r, id, "score.json", "application/json; charset=utf-8")) return;
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  jx_db *db = jx_req_db(r);
  const char *body;
  size_t len;
  const char *data;
  size_t n;
  if (!jx_year_content(r, id, y.published_version, &data, &n)) return;
  jx_evaluated e;
  jx_evaluate_bytes(r, jx_arena_printf(r->arena, "%s-%d.yaml", y.department, y.year), data, n, &e);
  json_t *j = jx_evaluated_json(&e);
  jx_evaluated_free(&e);
  json_object_del(j, "file");
  char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(j);
  len = s ? strlen(s) : 0;
  body = jx_arena_strndup(r->arena, s ? s : "", len);
  free(s);
  (void)jx_cache_put(db, id, y.published_version, "score.json", body, len);
  jx_resp(r, 200, "application/json; charset=utf-8", body, len);
}
