/* public.c — the public pages: published reports listed and searched without logging
 * in, each report as a page and downloadable in every format, and their scores as JSON.
 * Only a department-year's published version is ever read here; nothing unpublished is
 * visible.  Rendered pages are cached in the database by (year, version), with their
 * charts taken out as resources of their own, and kept as ready answers (respcache.c). */
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST /* next_in is const */
#include <zlib.h>

#include "store/db.h"
#include "web/store.h"
#include "web/web.h"

/* The hot path of the public pages: the year's published version (one indexed query on
 * a statement kept by the thread, no body read), then the ready answer of the response
 * cache, or the cached body from the database (kept as a ready answer for the next
 * request).  False (and no answer, no header) when the year is not published, when
 * want_version is given and is not the published one, or when nothing is cached yet:
 * the caller takes the slow path, which answers properly. */
static const char PUBLISHED_VERSION[] =
    "SELECT published_version FROM department_year WHERE id = ? AND published_version IS NOT NULL";
static const char CACHED_BODY[] = "SELECT body FROM web_cache WHERE year_id = ? AND version = ? AND kind = ?";

/* How an answer of the public pages is cached by browsers. */
#define REVALIDATE "public, no-cache" /* pages, scores: a new version may be published */
#define IMMUTABLE "public, max-age=31536000, immutable" /* charts: the URL names the version */

typedef struct {
  const char *kind, *ctype, *cache_control;
  bool gzip, vary; /* the body is gzip; the answer depends on Accept-Encoding */
} pub_kind;

/* ETag, Cache-Control, Vary of an answer; Content-Encoding too when it has a body. */
static void pub_headers(jx_req *r, int64_t id, int64_t version, const pub_kind *k, bool body) {
  /* a published version never changes: its number names the body */
  jx_resp_header(r, "ETag", jx_arena_printf(r->arena, "\"%lld-%lld-%s\"", (long long)id, (long long)version, k->kind));
  jx_resp_header(r, "Cache-Control", k->cache_control);
  if (k->vary) jx_resp_header(r, "Vary", "Accept-Encoding");
  if (body && k->gzip) jx_resp_header(r, "Content-Encoding", "gzip");
}

/* Answer 304 when the client has this version already; true when answered. */
static bool not_modified(jx_req *r, int64_t id, int64_t version, const pub_kind *k) {
  pub_headers(r, id, version, k, false);
  const char *inm = jx_req_header(r, "If-None-Match");
  if (inm && jx_etag_matches(inm, r->headers[0].value)) {
    jx_resp(r, 304, NULL, "", 0);
    return true;
  }
  r->n_headers = 0;
  return false;
}

/* A body answered as a ready answer of the response cache when it takes it, else as a
 * copy in the request's arena. */
static void answer_body(jx_req *r, int64_t id, int64_t version, const pub_kind *k, const void *p, size_t n) {
  pub_headers(r, id, version, k, true);
  r->ctype = k->ctype;
  const jx_cached *c = jx_rcache_put(r, id, version, k->kind, p, n);
  if (c) {
    r->cached = c;
    jx_resp(r, 200, k->ctype, c->body, c->len);
    return;
  }
  char *copy = jx_arena_take(r->arena, n + 1);
  if (n) memcpy(copy, p, n);
  copy[n] = '\0';
  jx_resp(r, 200, k->ctype, copy, n);
}

static bool public_cached(jx_req *r, int64_t id, int64_t want_version, const pub_kind *k) {
  jx_stmt *st = jx_req_stmt(r, PUBLISHED_VERSION);
  if (!st) {
    r->status = 0; /* fall back to the slow path, which answers properly */
    return false;
  }
  jx_stmt_bind_int64(st, 1, id);
  int64_t pv = jx_stmt_step(st) == JX_DB_ROW ? jx_stmt_int64(st, 0) : 0;
  jx_stmt_reset(st);
  if (pv <= 0 || (want_version && want_version != pv)) return false;
  if (not_modified(r, id, pv, k)) return true;
  const jx_cached *c = jx_rcache_get(id, pv, k->kind);
  if (c) {
    r->cached = c;
    r->ctype = k->ctype;
    jx_resp(r, 200, k->ctype, c->body, c->len);
    return true;
  }
  if (!(st = jx_req_stmt(r, CACHED_BODY))) {
    r->status = 0;
    return false;
  }
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_int64(st, 2, pv);
  jx_stmt_bind_text(st, 3, k->kind, -1);
  bool hit = jx_stmt_step(st) == JX_DB_ROW;
  if (hit) {
    size_t n = 0;
    const void *p = jx_stmt_blob(st, 0, &n);
    answer_body(r, id, pv, k, p, n);
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

/* Column 6 is the publication date of the published version: when the workflow history
 * records it becoming "published" (the version's creation for a store without that row),
 * never the year's last change, which an unpublished correction moves. */
#define PUBLIC_SQL                                                                                          \
  "SELECT dy.id, d.name, dy.year, dy.kind, s.total, s.grade,"                                               \
  " COALESCE((SELECT MAX(h.at) FROM history h WHERE h.dy = dy.id AND h.version = dy.published_version"      \
  " AND h.field = '状态' AND h.new_value = 'published'), v.created_at), dy.department, COALESCE(s.unscored, 0)" \
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

/* Whether a row of PUBLIC_SQL is incomplete: something that carries points was not
 * scored, so there is no total and no grade. */
static bool row_incomplete(jx_stmt *st) { return jx_stmt_int64(st, 8) > 0; }

static const char *score_text(jx_req *r, jx_stmt *st, int col) {
  if (row_incomplete(st)) return "不完整";
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
  size_t n = 0, incomplete = 0;
  const char *tmpl = jx_template("public_index_row");
  while (jx_stmt_step(st) == JX_DB_ROW) {
    int64_t id = jx_stmt_int64(st, 0);
    const char *kind = jx_stmt_text(st, 3);
    const char *name = jx_stmt_text(st, 1);
    if (kind && !strncmp(kind, "project:", 8)) name = jx_arena_printf(r->arena, "%s · %s", name, kind + 8);
    const char *published = jx_stmt_text(st, 6);
    jx_tvar v[] = {{"id", jx_arena_printf(r->arena, "%lld", (long long)id)},
                   {"department", name},
                   {"year", jx_arena_printf(r->arena, "%lld", (long long)jx_stmt_int64(st, 2))},
                   {"score", score_text(r, st, 4)},
                   {"grade", jx_stmt_text(st, 5) ? jx_stmt_text(st, 5) : "—"},
                   {"published", published ? jx_arena_strndup(r->arena, published, 10) : ""},
                   {"downloads", downloads(r, id)}};
    jx_sb_puts(&rows, jx_page_render(r->arena, tmpl, v, sizeof v / sizeof v[0], NULL));
    n++;
    incomplete += row_incomplete(st);
  }
  jx_stmt_finalize(st);
  const char *q = jx_req_query(r, "q");
  const char *summary = q && *q ? jx_arena_printf(r->arena, "搜索“%s”：共 %zu 份报告", q, n)
                                : jx_arena_printf(r->arena, "共 %zu 份已公开的报告", n);
  if (incomplete) summary = jx_arena_printf(r->arena, "%s，其中 %zu 份不完整（有未计分项，没有总分和等级）", summary, incomplete);
  if (!n) summary = q && *q ? jx_arena_printf(r->arena, "没有找到与“%s”有关的已公开报告", q) : "还没有公开的报告";
  jx_tvar v[] = {{"title", "已公开的绩效自评报告"}, {"q", q ? q : ""}, {"summary", summary}, {"rows", rows.p}};
  size_t len;
  char *html = jx_page_render(r->arena, jx_template("public_index"), v, sizeof v / sizeof v[0], &len);
  jx_resp(r, 200, "text/html; charset=utf-8", html, len);
}

/* A 404 of the public pages: a page, not JSON. */
static void public_404(jx_req *r) {
  r->n_headers = 0;
  r->cached = NULL;
  jx_tvar v[] = {{"title", "报告不存在或尚未公开"}, {"message", "这份报告不存在，或者还没有公开。"}};
  size_t len;
  char *html = jx_page_render(r->arena, jx_template("error_page"), v, 2, &len);
  jx_resp(r, 404, "text/html; charset=utf-8", html, len);
}

#define MAX_CHARTS 32

typedef struct {
  const char *data, *gz; /* gz: NULL when gzip failed */
  size_t len, gz_len;
} piece;

/* The public page of a published version and its charts, as the slow path makes them. */
typedef struct {
  piece page;
  piece charts[MAX_CHARTS];
  size_t n_charts;
} public_doc;

/* The value of attribute name in the tag [tag, end), or NULL. */
static const char *tag_attr(jx_arena *a, const char *tag, const char *end, const char *name, size_t *len) {
  size_t nl = strlen(name);
  for (const char *p = tag; p + nl + 2 < end; p++) {
    if ((p[-1] == ' ' || p[-1] == '\n') && !strncmp(p, name, nl) && p[nl] == '=' && p[nl + 1] == '"') {
      const char *v = p + nl + 2, *q = memchr(v, '"', (size_t)(end - v));
      if (!q) return NULL;
      *len = (size_t)(q - v);
      return jx_arena_strndup(a, v, *len);
    }
  }
  return NULL;
}

/* An SVG length ("640pt", "480", "12.5px") in CSS pixels, or 0. */
static long svg_px(const char *s) {
  if (!s) return 0;
  char *unit;
  double v = strtod(s, &unit);
  if (v <= 0 || v > 100000) return 0;
  if (!strcmp(unit, "pt")) v = v * 4.0 / 3.0;
  else if (*unit && strcmp(unit, "px") != 0) return 0;
  return (long)(v + 0.5);
}

static void put_piece(jx_req *r, jx_db *db, const jx_year *y, const char *kind, piece *p) {
  (void)jx_cache_put(db, y->id, y->published_version, kind, p->data, p->len);
  p->gz = gzip(r->arena, p->data, p->len, &p->gz_len);
  if (p->gz)
    (void)jx_cache_put(db, y->id, y->published_version, jx_arena_printf(r->arena, "%s.gz", kind), p->gz, p->gz_len);
}

/* The published version's HTML report with a bar of links on top, each chart taken
 * out of it into a resource of its own (/public/ID/charts/VERSION/N.svg, cacheable for
 * ever: the URL names the version) and shown by an <img>; all of it stored in the
 * cache, the charts first (a page in the cache has its charts there).  False with an
 * answer on failure. */
static bool build_public(jx_req *r, const jx_year *y, public_doc *out) {
  memset(out, 0, sizeof *out);
  jx_db *db = jx_req_db(r);
  if (!db) return false;
  int64_t id = y->id, pv = y->published_version;
  r->params[1] = "html";
  r->n_params = 2;
  if (!jx_year_report(r, y, pv, false)) return false;
  const char *report = r->data, *rend = r->data + r->len;
  r->status = 0;
  r->n_headers = 0;
  r->data = NULL;
  r->len = 0;
  jx_tvar v[] = {{"department", y->department_name},
                 {"year", jx_arena_printf(r->arena, "%d", y->year)},
                 {"downloads", downloads(r, id)}};
  const char *bar = jx_page_render(r->arena, jx_template("public_report_bar"), v, 3, NULL);
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  const char *p = report;
  const char *head_end = strstr(p, "</head>");
  if (head_end) { /* the report's own style sizes inline SVG; an <img> needs the same */
    jx_sb_put(&b, p, (size_t)(head_end - p));
    jx_sb_puts(&b, "<style>figure img{max-width:100%;height:auto}</style>\n");
    p = head_end;
  }
  const char *body = strstr(p, "<body>");
  if (body) {
    body += strlen("<body>");
    if (*body == '\n') body++;
    jx_sb_put(&b, p, (size_t)(body - p));
    p = body;
  }
  jx_sb_puts(&b, bar);
  for (;;) {
    const char *svg = strstr(p, "<svg");
    const char *close = svg ? strstr(svg, "</svg>") : NULL;
    const char *tag_end = svg ? strchr(svg, '>') : NULL;
    if (!svg || !close || !tag_end || out->n_charts == MAX_CHARTS) break;
    close += strlen("</svg>");
    piece *c = &out->charts[out->n_charts++];
    c->data = svg;
    c->len = (size_t)(close - svg);
    /* the figure's label (already escaped by the report's writer) is the image's text */
    const char *fig = NULL;
    for (const char *q = svg; q > p && !fig; q--)
      if (!strncmp(q, "<figure", 7)) fig = q;
    size_t n = 0;
    const char *alt = fig ? tag_attr(r->arena, fig + 1, svg, "aria-label", &n) : NULL;
    size_t wl, hl;
    long w = svg_px(tag_attr(r->arena, svg + 1, tag_end, "width", &wl));
    long h = svg_px(tag_attr(r->arena, svg + 1, tag_end, "height", &hl));
    jx_sb_put(&b, p, (size_t)(svg - p));
    jx_sb_printf(&b, "<img src=\"/public/%lld/charts/%lld/%zu.svg\" alt=\"%s\"", (long long)id, (long long)pv,
                 out->n_charts, alt ? alt : "图表");
    if (w > 0 && h > 0) jx_sb_printf(&b, " width=\"%ld\" height=\"%ld\"", w, h);
    jx_sb_puts(&b, " decoding=\"async\">");
    p = close;
  }
  jx_sb_put(&b, p, (size_t)(rend - p));
  for (size_t i = 0; i < out->n_charts; i++)
    put_piece(r, db, y, jx_arena_printf(r->arena, "chart.%zu.svg", i + 1), &out->charts[i]);
  out->page.data = b.p;
  out->page.len = b.n;
  put_piece(r, db, y, "page.html", &out->page);
  return true;
}

/* A piece of the slow path answered as the fast path would have. */
static void answer_piece(jx_req *r, const jx_year *y, const pub_kind *k, const piece *p) {
  r->n_headers = 0;
  if (not_modified(r, y->id, y->published_version, k)) return;
  if (k->gzip && p->gz) answer_body(r, y->id, y->published_version, k, p->gz, p->gz_len);
  else {
    pub_kind plain = *k;
    plain.gzip = false;
    if (k->gzip) plain.kind = jx_arena_strndup(r->arena, k->kind, strlen(k->kind) - 3); /* without ".gz" */
    answer_body(r, y->id, y->published_version, &plain, p->data, p->len);
  }
}

void jx_h_public_page(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  bool gz = wants_gzip(r);
  pub_kind k = {gz ? "page.html.gz" : "page.html", "text/html; charset=utf-8", REVALIDATE, gz, true};
  if (id && public_cached(r, id, 0, &k)) return;
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) {
    if (r->status == 404) public_404(r);
    return;
  }
  public_doc d; /* not cached yet (the fast path above missed): render, keep, answer */
  if (build_public(r, &y, &d)) answer_piece(r, &y, &k, &d.page);
}

/* One chart of a published version's page: /public/ID/charts/VERSION/N.svg.  Only the
 * version published now is served (an older one answers 404, as an unpublished year). */
void jx_h_public_chart(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  if (!id) {
    public_404(r);
    return;
  }
  const char *vs = r->params[1], *ns = r->params[2];
  char *end = NULL;
  long long version = strtoll(vs, &end, 10);
  bool ok = vs[0] >= '1' && vs[0] <= '9' && !*end && strlen(vs) <= 15;
  long n = strtol(ns, &end, 10);
  ok = ok && ns[0] >= '1' && ns[0] <= '9' && !strcmp(end, ".svg") && n >= 1 && n <= MAX_CHARTS;
  if (!ok) {
    public_404(r);
    return;
  }
  bool gz = wants_gzip(r);
  pub_kind k = {jx_arena_printf(r->arena, "chart.%ld.svg%s", n, gz ? ".gz" : ""), "image/svg+xml", IMMUTABLE, gz, true};
  if (public_cached(r, id, version, &k)) return;
  jx_year y;
  if (!jx_year_load(r, id, &y)) {
    if (r->status == 404) public_404(r);
    return;
  }
  public_doc d;
  if (y.published_version == version && !build_public(r, &y, &d)) return; /* answered */
  if (y.published_version != version || (size_t)n > d.n_charts) public_404(r);
  else answer_piece(r, &y, &k, &d.charts[n - 1]);
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
    bool incomplete = row_incomplete(st);
    json_object_set_new(o, "total", incomplete || jx_stmt_is_null(st, 4) ? json_null() : json_string(score_text(r, st, 4)));
    json_object_set_new(o, "grade", !incomplete && jx_stmt_text(st, 5) ? json_string(jx_stmt_text(st, 5)) : json_null());
    json_object_set_new(o, "complete", json_boolean(!incomplete));
    json_object_set_new(o, "published_at", jx_stmt_text(st, 6) ? json_string(jx_stmt_text(st, 6)) : json_null());
    json_array_append_new(arr, o);
  }
  jx_stmt_finalize(st);
  jx_resp_json(r, 200, json_pack("{s:o}", "reports", arr));
}

/* Scores and diagnostics of the published version, as `jixiao score --json`; cached. */
void jx_h_public_score(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  pub_kind k = {"score.json", "application/json; charset=utf-8", REVALIDATE, false, false};
  if (id && public_cached(r, id, 0, &k)) return;
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
  r->n_headers = 0;
  answer_body(r, id, y.published_version, &k, body, len);
}
