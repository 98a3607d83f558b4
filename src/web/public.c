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

/* The cache's name of a report page: "v2" since the page has its summary, its download
 * sizes, its cards and the unit's own name, so that pages cached before are made again
 * (and browsers, whose ETag names the kind, fetch them again). */
#define PAGE_KIND "page.v2.html"

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

/* The formats of a published report, with the names a reader knows them by. */
static const struct {
  const char *ext, *label;
} formats[] = {{"html", "网页"}, {"pdf", "PDF"}, {"docx", "Word 文档"}, {"xlsx", "Excel 表格"}, {"md", "Markdown 文本"}};
enum { N_FORMATS = sizeof formats / sizeof formats[0] };

/* A size for people: "1.2 MB", "35.4 KB", "512 字节" (integer arithmetic, rounded half up). */
static const char *size_text(jx_arena *a, size_t n) {
  const size_t mb = (size_t)1024 * 1024;
  if (n >= mb) {
    size_t t = (n * 10 + mb / 2) / mb;
    return jx_arena_printf(a, "%zu.%zu MB", t / 10, t % 10);
  }
  if (n >= 1024) {
    size_t t = (n * 10 + 512) / 1024;
    return jx_arena_printf(a, "%zu.%zu KB", t / 10, t % 10);
  }
  return jx_arena_printf(a, "%zu 字节", n);
}

/* Links to every format (sizes: the byte counts of each, NULL: names only). */
static char *downloads(jx_req *r, int64_t id, const size_t *sizes) {
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  for (size_t i = 0; i < N_FORMATS; i++) {
    jx_sb_printf(&b, "%s<a href=\"/public/%lld/download/%s\" download>%s", i ? (sizes ? " · " : " ") : "", (long long)id,
                 formats[i].ext, formats[i].label);
    if (sizes && sizes[i]) jx_sb_printf(&b, "（%s）", size_text(r->arena, sizes[i]));
    jx_sb_puts(&b, "</a>");
  }
  return b.p;
}

/* Column 6 is the publication date of the published version: when the workflow history
 * records it becoming "published" (the version's creation for a store without that row),
 * never the year's last change, which an unpublished correction moves. */
#define PUBLIC_SQL                                                                                          \
  "SELECT dy.id, d.name, dy.year, dy.kind, s.total, s.grade,"                                               \
  " COALESCE((SELECT MAX(h.at) FROM history h WHERE h.dy = dy.id AND h.version = dy.published_version"      \
  " AND h.field = '状态' AND h.new_value = 'published'), v.created_at), dy.department, COALESCE(s.unscored, 0)," \
  " s.stated_total, s.execution_rate, s.scored, s.met"                                                      \
  " FROM department_year dy JOIN department d ON d.code = dy.department"                                    \
  " JOIN version v ON v.dy = dy.id AND v.number = dy.published_version LEFT JOIN score s ON s.version = v.id" \
  " WHERE dy.published_version IS NOT NULL"

/* The public list's sort keys (?sort=): never SQL from the request. */
static const struct {
  const char *key, *expr, *label;
} pub_sorts[] = {
    {"year", "dy.year", "年度"},
    {"name", "d.name", "部门"},
    {"score", "CASE WHEN COALESCE(s.unscored, 0) = 0 THEN s.total END", "得分"},
    {"published", "dy.published_version", "公开日期"},
};

/* The filters of the public list (?q= a name or a year, ?year=, ?unit= a code), its order
 * (?sort=, ?dir=) and page: the WHERE/ORDER/LIMIT of PUBLIC_SQL. */
typedef struct {
  const char *q, *unit, *sort;
  int year;
  bool desc;
  size_t per, offset;
} pub_filter;

static bool pub_filter_read(jx_req *r, pub_filter *f, size_t per_default, size_t per_max) {
  memset(f, 0, sizeof *f);
  f->q = jx_req_query(r, "q");
  if (f->q && strlen(f->q) > 200) {
    jx_resp_error(r, 400, "field_too_long", "搜索词过长（上限 200 字节）");
    return false;
  }
  long year = jx_req_query_long(r, "year", 1900, 2999, 0, "年度");
  long page = year < 0 ? -1 : jx_req_query_long(r, "page", 1, 1000000, 1, "页码");
  long per = page < 0 ? -1 : jx_req_query_long(r, "per", 1, (long)per_max, (long)per_default, "每页行数");
  if (per < 0) return false;
  f->year = (int)year;
  f->per = (size_t)per;
  f->offset = (size_t)(page - 1) * f->per;
  const char *sort = jx_req_query(r, "sort"), *dir = jx_req_query(r, "dir");
  f->sort = "year";
  f->desc = true;
  if (sort && *sort) {
    bool known = false;
    for (size_t i = 0; i < sizeof pub_sorts / sizeof *pub_sorts; i++) known |= !strcmp(pub_sorts[i].key, sort);
    if (!known) {
      jx_resp_error(r, 400, "bad_sort", "不能按“%.40s”排序：可按年度、部门、得分或公开日期", sort);
      return false;
    }
    f->sort = sort;
    f->desc = dir && !strcmp(dir, "desc");
  }
  return true;
}

static const char *pub_sort_expr(const char *key) {
  for (size_t i = 0; i < sizeof pub_sorts / sizeof *pub_sorts; i++)
    if (!strcmp(pub_sorts[i].key, key)) return pub_sorts[i].expr;
  return "dy.year";
}

static void pub_where(jx_sbuf *sql, const pub_filter *f) {
  if (f->q && *f->q) jx_sb_puts(sql, " AND (d.name LIKE ? OR dy.year = ?)");
  if (f->year) jx_sb_puts(sql, " AND dy.year = ?");
  if (f->unit) jx_sb_puts(sql, " AND dy.department = ?");
}

static void pub_bind(jx_req *r, jx_stmt *st, const pub_filter *f) {
  int i = 1;
  if (f->q && *f->q) {
    jx_stmt_bind_text(st, i++, jx_arena_printf(r->arena, "%%%s%%", f->q), -1);
    jx_stmt_bind_int64(st, i++, strtol(f->q, NULL, 10));
  }
  if (f->year) jx_stmt_bind_int64(st, i++, f->year);
  if (f->unit) jx_stmt_bind_text(st, i++, f->unit, -1);
}

/* The rows of a page of the public list; *total: how many in all (NULL: not counted). */
static jx_stmt *public_query(jx_req *r, jx_db *db, const pub_filter *f, int64_t *total) {
  jx_sbuf sql = {.arena = r->arena};
  if (total) {
    *total = 0;
    jx_sb_puts(&sql, "SELECT COUNT(*) FROM department_year dy JOIN department d ON d.code = dy.department"
                     " JOIN version v ON v.dy = dy.id AND v.number = dy.published_version LEFT JOIN score s ON s.version = v.id"
                     " WHERE dy.published_version IS NOT NULL");
    pub_where(&sql, f);
    jx_stmt *c;
    if (jx_db_prepare(db, sql.p, &c) != JX_OK) {
      jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
      return NULL;
    }
    pub_bind(r, c, f);
    if (jx_stmt_step(c) == JX_DB_ROW) *total = jx_stmt_int64(c, 0);
    jx_stmt_finalize(c);
    sql = (jx_sbuf){.arena = r->arena};
  }
  jx_sb_puts(&sql, PUBLIC_SQL);
  pub_where(&sql, f);
  const char *e = pub_sort_expr(f->sort), *dir = f->desc ? "DESC" : "ASC";
  jx_sb_printf(&sql, " ORDER BY (%s) IS NULL, %s %s, d.name, dy.kind, dy.id LIMIT %zu OFFSET %zu", e, e, dir, f->per, f->offset);
  jx_stmt *st;
  if (jx_db_prepare(db, sql.p, &st) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
    return NULL;
  }
  pub_bind(r, st, f);
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

/* s percent-encoded for a query string (everything but unreserved ASCII). */
static const char *url_encode(jx_arena *a, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  char *out = jx_arena_take(a, strlen(s) * 3 + 1), *o = out;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("-_.~", *p)) *o++ = (char)*p;
    else {
      *o++ = '%';
      *o++ = hex[*p >> 4];
      *o++ = hex[*p & 15];
    }
  }
  *o = '\0';
  return out;
}

/* A link of the public list with its filters kept and some changed (sort, dir, page). */
static const char *pub_href(jx_req *r, const pub_filter *f, const char *sort, bool desc, size_t page) {
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "/public/?");
  if (f->q && *f->q) jx_sb_printf(&b, "q=%s&amp;", url_encode(r->arena, f->q));
  if (f->year) jx_sb_printf(&b, "year=%d&amp;", f->year);
  jx_sb_printf(&b, "sort=%s&amp;dir=%s", sort, desc ? "desc" : "asc");
  if (page > 1) jx_sb_printf(&b, "&amp;page=%zu", page);
  return b.p;
}

/* A column head that sorts the list by key (a second click turns the order round). */
static void sort_head(jx_req *r, jx_sbuf *b, const pub_filter *f, const char *key, const char *label, const char *cls) {
  bool on = !strcmp(f->sort, key);
  bool desc = on ? !f->desc : strcmp(key, "name") != 0; /* names A→Z first, numbers and dates high first */
  jx_sb_printf(b, "<th%s%s%s><a href=\"%s\">%s%s</a></th>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "",
               pub_href(r, f, key, desc, 1), label, on ? (f->desc ? " ▼" : " ▲") : "");
  if (on) { /* said in words too, for a screen reader */
    b->n -= strlen("</th>");
    b->p[b->n] = '\0';
    jx_sb_printf(b, "<span class=\"sr\">（%s）</span></th>", f->desc ? "降序" : "升序");
  }
}

void jx_h_public_index(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  pub_filter f;
  if (!pub_filter_read(r, &f, 20, 100)) return;
  int64_t total = 0;
  jx_stmt *st = public_query(r, db, &f, &total);
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
                   {"downloads", downloads(r, id, NULL)}};
    jx_sb_puts(&rows, jx_page_render(r->arena, tmpl, v, sizeof v / sizeof v[0], NULL));
    n++;
    incomplete += row_incomplete(st);
  }
  jx_stmt_finalize(st);
  /* the years with published reports: the year filter, and the open data of each */
  jx_sbuf years = {.arena = r->arena}, data = {.arena = r->arena};
  jx_sb_printf(&years, "<option value=\"\"%s>全部年度</option>", f.year ? "" : " selected");
  jx_sb_puts(&data, "");
  if (jx_db_prepare(db, "SELECT DISTINCT year FROM department_year WHERE published_version IS NOT NULL ORDER BY year DESC", &st) ==
      JX_OK) {
    while (jx_stmt_step(st) == JX_DB_ROW) {
      int y = (int)jx_stmt_int64(st, 0);
      jx_sb_printf(&years, "<option value=\"%d\"%s>%d 年度</option>", y, y == f.year ? " selected" : "", y);
      jx_sb_printf(&data,
                   "<li>%d 年度全部公开报告的得分：<a href=\"/public/data/year-%d.csv\" download>CSV 表格</a> · "
                   "<a href=\"/public/data/year-%d.json\">JSON 数据</a></li>",
                   y, y, y);
    }
    jx_stmt_finalize(st);
  }
  const char *q = f.q;
  const char *summary = q && *q ? jx_arena_printf(r->arena, "搜索“%s”：共 %lld 份报告", q, (long long)total)
                                : jx_arena_printf(r->arena, "共 %lld 份已公开的报告", (long long)total);
  if (f.year) summary = jx_arena_printf(r->arena, "%s（%d 年度）", summary, f.year);
  if (incomplete) summary = jx_arena_printf(r->arena, "%s，本页其中 %zu 份不完整（有未计分项，没有总分和等级）", summary, incomplete);
  if (!total) summary = q && *q ? jx_arena_printf(r->arena, "没有找到与“%s”有关的已公开报告", q) : "还没有公开的报告";
  jx_sbuf head = {.arena = r->arena};
  jx_sb_puts(&head, "");
  sort_head(r, &head, &f, "name", "部门", NULL);
  sort_head(r, &head, &f, "year", "年度", NULL);
  sort_head(r, &head, &f, "score", "得分", "r");
  jx_sb_puts(&head, "<th class=\"hide-phone\">等级</th>");
  sort_head(r, &head, &f, "published", "公开日期", "hide-phone");
  jx_sb_puts(&head, "<th>下载</th>");
  size_t page = f.offset / f.per + 1, pages = total ? ((size_t)total + f.per - 1) / f.per : 1;
  jx_sbuf pager = {.arena = r->arena};
  jx_sb_printf(&pager, "<nav class=\"pager\" aria-label=\"分页\">");
  if (page > 1) jx_sb_printf(&pager, "<a rel=\"prev\" href=\"%s\">上一页</a> ", pub_href(r, &f, f.sort, f.desc, page - 1));
  jx_sb_printf(&pager, "<span>第 %zu / %zu 页</span>", page, pages);
  if (page < pages) jx_sb_printf(&pager, " <a rel=\"next\" href=\"%s\">下一页</a>", pub_href(r, &f, f.sort, f.desc, page + 1));
  jx_sb_puts(&pager, "</nav>");
  jx_tvar v[] = {{"title", "已公开的绩效自评报告"}, {"q", q ? q : ""}, {"summary", summary}, {"rows", rows.p},
                 {"years", years.p}, {"head", head.p}, {"pager", pager.p}, {"opendata", data.p},
                 {"sort", f.sort}, {"dir", f.desc ? "desc" : "asc"}};
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

/* ---- the report page at phone width: each table row a card ------------------------------ */
enum { MAX_COLS = 64 };

/* The text of a cell from after its start tag to its end tag, tags dropped; NULL when it
 * holds nothing a label can be made of. */
static const char *cell_text(jx_arena *a, const char *p, const char *end) {
  jx_sbuf b = {.arena = a};
  jx_sb_puts(&b, "");
  for (const char *q = p; q < end; q++) {
    if (*q == '<') {
      const char *gt = memchr(q, '>', (size_t)(end - q));
      if (!gt) break;
      q = gt;
      continue;
    }
    jx_sb_put(&b, q, 1);
  }
  return b.n ? b.p : NULL;
}

/* The HTML of a report with a data-label (its column's heading) on each body cell of every
 * table that has a heading, and class jx-cards on those tables, so that a narrow screen
 * shows each row as a card of "heading：value" lines (the CSS is in the page's head).
 * Spans are followed: a cell below a rowspan or after a colspan gets its own column's
 * heading. */
static char *label_tables(jx_arena *a, const char *s, size_t n, size_t *out_n) {
  jx_sbuf b = {.arena = a};
  jx_sb_puts(&b, "");
  const char *end = s + n, *p = s;
  for (;;) {
    const char *t = strstr(p, "<table>");
    const char *te = t ? strstr(t, "</table>") : NULL;
    if (!t || !te || !strstr(t, "<thead>") || strstr(t, "<thead>") > te) {
      if (!t || !te) break;
      jx_sb_put(&b, p, (size_t)(te - p));
      p = te;
      continue;
    }
    jx_sb_put(&b, p, (size_t)(t - p));
    jx_sb_puts(&b, "<table class=\"jx-cards\">");
    p = t + strlen("<table>");
    const char *labels[MAX_COLS] = {0};
    int busy[MAX_COLS] = {0};
    bool covered[MAX_COLS] = {0};
    bool head = false;
    size_t col = 0;
    while (p < te) {
      const char *lt = memchr(p, '<', (size_t)(te - p));
      if (!lt) break;
      const char *gt = memchr(lt, '>', (size_t)(te - lt));
      if (!gt) break;
      jx_sb_put(&b, p, (size_t)(lt - p));
      if (!strncmp(lt, "<thead>", 7)) head = true;
      else if (!strncmp(lt, "</thead>", 8)) head = false;
      else if (!strncmp(lt, "<tr>", 4)) {
        col = 0;
        for (size_t c = 0; c < MAX_COLS; c++) {
          covered[c] = busy[c] > 0;
          if (busy[c] > 0) busy[c]--;
        }
      } else if ((!strncmp(lt, "<td", 3) || !strncmp(lt, "<th", 3)) && (lt[3] == ' ' || lt[3] == '>')) {
        size_t l;
        const char *rs = tag_attr(a, lt + 1, gt, "rowspan", &l), *cs = tag_attr(a, lt + 1, gt, "colspan", &l);
        long rows = rs ? strtol(rs, NULL, 10) : 1, cols = cs ? strtol(cs, NULL, 10) : 1;
        if (rows < 1) rows = 1;
        if (cols < 1) cols = 1;
        while (col < MAX_COLS && covered[col]) col++;
        const char *close = strstr(gt, lt[2] == 'd' ? "</td>" : "</th>");
        if (head && close) {
          const char *text = cell_text(a, gt + 1, close);
          for (long k = 0; k < cols && col + (size_t)k < MAX_COLS; k++)
            if (text) labels[col + (size_t)k] = text;
        }
        jx_sb_put(&b, lt, 3);
        if (!head && col < MAX_COLS && labels[col]) jx_sb_printf(&b, " data-label=\"%s\"", labels[col]);
        jx_sb_put(&b, lt + 3, (size_t)(gt + 1 - (lt + 3)));
        for (long k = 0; k < cols && col < MAX_COLS; k++, col++)
          if (rows > 1) busy[col] = (int)rows - 1;
        p = gt + 1;
        continue;
      }
      jx_sb_put(&b, lt, (size_t)(gt + 1 - lt));
      p = gt + 1;
    }
    jx_sb_put(&b, p, (size_t)(te - p));
    p = te;
  }
  jx_sb_put(&b, p, (size_t)(end - p));
  *out_n = b.n;
  return b.p;
}

/* The page's own style: pictures within the page; at phone width tables become cards. */
static const char PAGE_STYLE[] =
    "<style>figure img{max-width:100%;height:auto}"
    ".jx-summary{font-family:sans-serif;font-size:15px;border:1px solid #c9c9c9;border-radius:6px;padding:.6em .9em;"
    "margin:0 0 1em;text-indent:0;background:#fafafa}.jx-summary p{margin:.2em 0;text-indent:0}"
    ".jx-public-bar a{margin-right:.3em}"
    "@media (max-width:600px){body{margin:1em auto}table.jx-cards,.jx-cards tbody,.jx-cards tr,.jx-cards td,"
    ".jx-cards th{display:block;width:auto !important}.jx-cards colgroup{display:none}"
    ".jx-cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
    ".jx-cards tr{border:1px solid #888;border-radius:6px;margin:.6em 0;padding:.3em .6em}"
    ".jx-cards td,.jx-cards th{border:none;padding:1px 0;text-align:left}"
    ".jx-cards [data-label]::before{content:attr(data-label) \"：\";font-weight:bold;color:#444}"
    ".jx-cards td:empty{display:none}.jx-cards caption{display:block}}</style>\n";

/* The score summary of the published version, for the top of its page. */
static const char *score_summary(jx_req *r, jx_db *db, const jx_year *y) {
  jx_stmt *st;
  if (jx_db_prepare(db,
                    "SELECT s.total, s.grade, s.stated_total, s.execution_rate, s.scored, s.met, COALESCE(s.unscored, 0),"
                    " s.unscored_points FROM version v JOIN score s ON s.version = v.id WHERE v.dy = ? AND v.number = ?",
                    &st) != JX_OK)
    return "";
  jx_stmt_bind_int64(st, 1, y->id);
  jx_stmt_bind_int64(st, 2, y->published_version);
  const char *out = "";
  if (jx_stmt_step(st) == JX_DB_ROW) {
    char b1[40], b2[40], b3[40];
    jx_sbuf b = {.arena = r->arena};
    jx_sb_puts(&b, "<section class=\"jx-summary\" aria-label=\"得分摘要\"><p>");
    if (jx_stmt_int64(st, 6) > 0)
      jx_sb_printf(&b, "<strong>得分不完整</strong>：%lld 项指标未计分%s%s%s，没有总分和等级", (long long)jx_stmt_int64(st, 6),
                   jx_stmt_is_null(st, 7) ? "" : "（共 ", jx_stmt_is_null(st, 7) ? "" : jx_format_num(jx_stmt_int64(st, 7), b1, sizeof b1),
                   jx_stmt_is_null(st, 7) ? "" : " 分）");
    else if (!jx_stmt_is_null(st, 0))
      jx_sb_printf(&b, "<strong>计算得分 %s 分</strong>%s%s%s", jx_format_num(jx_stmt_int64(st, 0), b1, sizeof b1),
                   jx_stmt_text(st, 1) ? "（等级：" : "", jx_stmt_text(st, 1) ? jx_html_escape(r->arena, jx_stmt_text(st, 1)) : "",
                   jx_stmt_text(st, 1) ? "）" : "");
    if (!jx_stmt_is_null(st, 2)) jx_sb_printf(&b, " · 自评得分 %s 分", jx_format_num(jx_stmt_int64(st, 2), b2, sizeof b2));
    if (!jx_stmt_is_null(st, 3)) jx_sb_printf(&b, " · 预算执行率 %s%%", jx_format_num(jx_stmt_int64(st, 3), b3, sizeof b3));
    jx_sb_printf(&b, " · 计分指标 %lld 项，达成 %lld 项</p></section>\n", (long long)jx_stmt_int64(st, 4), (long long)jx_stmt_int64(st, 5));
    out = b.p;
  }
  jx_stmt_finalize(st);
  return out;
}

/* The size in bytes of the published report in format ext (rendered and cached once). */
static size_t report_size(jx_req *r, jx_db *db, const jx_year *y, const char *ext) {
  const char *body;
  size_t len = 0;
  if (jx_cache_get(db, r->arena, y->id, y->published_version, jx_arena_printf(r->arena, "report.%s", ext), &body, &len) == JX_OK &&
      body)
    return len;
  r->params[1] = ext;
  r->n_params = 2;
  size_t n = jx_year_report(r, y, y->published_version, true) ? r->len : 0;
  r->status = 0;
  r->n_headers = 0;
  r->data = NULL;
  r->len = 0;
  return n;
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
  size_t sizes[N_FORMATS];
  for (size_t i = 0; i < N_FORMATS; i++) sizes[i] = !strcmp(formats[i].ext, "html") ? (size_t)(rend - report) : report_size(r, db, y, formats[i].ext);
  jx_tvar v[] = {{"department", y->department_name},
                 {"year", jx_arena_printf(r->arena, "%d", y->year)},
                 {"downloads", downloads(r, id, sizes)},
                 {"code", y->department},
                 {"summary", score_summary(r, db, y)}};
  const char *bar = jx_page_render(r->arena, jx_template("public_report_bar"), v, sizeof v / sizeof v[0], NULL);
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  const char *p = report;
  /* the unit's own name (the departments table), not the file's department.name (its
   * 主管部门 for a unit below one): in the title, and on the report's header */
  const char *unit = jx_html_escape(r->arena, y->department_name);
  const char *t0 = strstr(p, "<title>"), *t1 = t0 ? strstr(t0, "</title>") : NULL;
  const char *u0 = strstr(p, "<p class=\"unit\">"), *u1 = u0 ? strstr(u0, "</p>") : NULL;
  const char *h0 = u1 ? strstr(u1, "<h1>") : NULL, *h1 = h0 ? strstr(h0, "</h1>") : NULL;
  if (t0 && t1 && h0 && h1) {
    jx_sb_put(&b, p, (size_t)(t0 - p));
    jx_sb_printf(&b, "<title>%s", unit);
    jx_sb_put(&b, h0 + 4, (size_t)(h1 - h0 - 4));
    p = t1;
  }
  const char *head_end = strstr(p, "</head>");
  if (head_end) { /* the report's own style sizes inline SVG; an <img> needs the same */
    jx_sb_put(&b, p, (size_t)(head_end - p));
    jx_sb_puts(&b, PAGE_STYLE);
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
  if (u0 && u1 && u0 >= p) {
    jx_sb_put(&b, p, (size_t)(u0 - p));
    jx_sb_printf(&b, "<p class=\"unit\">%s", unit);
    p = u1;
  }
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
  out->page.data = label_tables(r->arena, b.p, b.n, &out->page.len);
  put_piece(r, db, y, PAGE_KIND, &out->page);
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
  pub_kind k = {gz ? PAGE_KIND ".gz" : PAGE_KIND, "text/html; charset=utf-8", REVALIDATE, gz, true};
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

/* A row of PUBLIC_SQL as the open data's object (numbers as strings, as everywhere). */
static json_t *pub_row_json(jx_req *r, jx_stmt *st) {
  json_t *o = json_object();
  bool incomplete = row_incomplete(st);
  json_object_set_new(o, "id", json_integer(jx_stmt_int64(st, 0)));
  json_object_set_new(o, "department_name", json_string(jx_stmt_text(st, 1)));
  json_object_set_new(o, "department", json_string(jx_stmt_text(st, 7)));
  json_object_set_new(o, "year", json_integer(jx_stmt_int64(st, 2)));
  json_object_set_new(o, "kind", json_string(jx_stmt_text(st, 3)));
  json_object_set_new(o, "total", incomplete || jx_stmt_is_null(st, 4) ? json_null() : json_string(score_text(r, st, 4)));
  json_object_set_new(o, "grade", !incomplete && jx_stmt_text(st, 5) ? json_string(jx_stmt_text(st, 5)) : json_null());
  json_object_set_new(o, "complete", json_boolean(!incomplete));
  json_object_set_new(o, "stated_total", jx_stmt_is_null(st, 9) ? json_null() : jx_json_num(jx_stmt_int64(st, 9)));
  json_object_set_new(o, "execution_rate", jx_stmt_is_null(st, 10) ? json_null() : jx_json_num(jx_stmt_int64(st, 10)));
  json_object_set_new(o, "indicators_scored", json_integer(jx_stmt_int64(st, 11)));
  json_object_set_new(o, "indicators_met", json_integer(jx_stmt_int64(st, 12)));
  json_object_set_new(o, "published_at", jx_stmt_text(st, 6) ? json_string(jx_stmt_text(st, 6)) : json_null());
  json_object_set_new(o, "report", json_string(jx_arena_printf(r->arena, "/public/%lld", (long long)jx_stmt_int64(st, 0))));
  return o;
}

void jx_h_public_list(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  pub_filter f;
  if (!pub_filter_read(r, &f, 1000, 1000)) return;
  int64_t total;
  jx_stmt *st = public_query(r, db, &f, &total);
  if (!st) return;
  json_t *arr = json_array();
  while (jx_stmt_step(st) == JX_DB_ROW) json_array_append_new(arr, pub_row_json(r, st));
  jx_stmt_finalize(st);
  jx_resp_json(r, 200, json_pack("{s:o,s:I,s:I,s:I}", "reports", arr, "total", (json_int_t)total, "page",
                                 f.per ? (json_int_t)f.offset / (json_int_t)f.per + 1 : 1, "per", (json_int_t)f.per));
}

/* Open data: /public/data/year-2023.csv (or .json), /public/data/unit-CODE.csv (.json):
 * the published reports of a year or of a unit, one row each, with their scores. */
void jx_h_public_data(jx_req *r) {
  jx_db *db = jx_req_db(r);
  if (!db) return;
  const char *name = r->params[0], *dot = strrchr(name, '.');
  pub_filter f = {.sort = "name", .per = 100000};
  bool json = dot && !strcmp(dot, ".json"), csv = dot && !strcmp(dot, ".csv");
  const char *what = NULL;
  if ((json || csv) && !strncmp(name, "year-", 5) && dot - name == 9) {
    char *end;
    long y = strtol(name + 5, &end, 10);
    if (end == dot && y >= 1900 && y <= 2999) {
      f.year = (int)y;
      what = jx_arena_printf(r->arena, "%ld年度", y);
      f.sort = "name";
    }
  } else if ((json || csv) && !strncmp(name, "unit-", 5) && dot - name > 5 && dot - name <= 5 + 64) {
    f.unit = jx_arena_strndup(r->arena, name + 5, (size_t)(dot - name - 5));
    f.sort = "year";
    what = f.unit;
  }
  if (!what) {
    public_404(r);
    return;
  }
  jx_stmt *st = public_query(r, db, &f, NULL);
  if (!st) return;
  json_t *arr = json_array();
  while (jx_stmt_step(st) == JX_DB_ROW) json_array_append_new(arr, pub_row_json(r, st));
  jx_stmt_finalize(st);
  const char *base = jx_arena_printf(r->arena, "绩效自评公开数据-%s", what);
  if (json) {
    char *text = json_dumps(arr, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(arr);
    const char *body = jx_arena_strdup(r->arena, text ? text : "[]");
    free(text);
    jx_resp_header(r, "Content-Disposition", jx_disposition(r->arena, jx_arena_printf(r->arena, "%s.json", base)));
    jx_resp(r, 200, "application/json; charset=utf-8", body, strlen(body));
    return;
  }
  static const char *const head[] = {"编码", "单位", "年度", "类型", "计算得分", "等级", "自评得分", "预算执行率%", "计分指标数", "达成指标数", "公开日期", "报告"};
  static const char *const keys[] = {"department", "department_name", "year", "kind", "total", "grade", "stated_total", "execution_rate", "indicators_scored", "indicators_met", "published_at", "report"};
  static const bool numeric[] = {false, false, true, false, true, false, true, true, true, true, false, false};
  enum { NC = sizeof head / sizeof *head };
  size_t n = json_array_size(arr);
  const char **cells = jx_arena_alloc(r->arena, (n * NC + 1) * sizeof *cells);
  size_t i;
  json_t *o;
  json_array_foreach(arr, i, o) {
    for (size_t c = 0; c < NC; c++) {
      json_t *v = json_object_get(o, keys[c]);
      cells[i * NC + c] = json_is_string(v) ? jx_arena_strdup(r->arena, json_string_value(v))
                          : json_is_integer(v) ? jx_arena_printf(r->arena, "%lld", (long long)json_integer_value(v))
                                               : NULL;
    }
    const char *kind = cells[i * NC + 3];
    cells[i * NC + 3] = kind && !strcmp(kind, "department") ? "部门整体" : kind && !strncmp(kind, "project:", 8) ? jx_arena_printf(r->arena, "项目：%s", kind + 8) : kind;
    if (!json_is_true(json_object_get(o, "complete"))) cells[i * NC + 4] = "不完整";
  }
  json_decref(arr);
  jx_grid g = {NC, n, head, numeric, cells};
  jx_resp_grid(r, &g, "csv", "公开数据", base);
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
