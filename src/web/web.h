/* web.h — internals of `jixiao serve`: the request (one arena per HTTP request), the
 * route table, roles × permissions, the per-thread context, and the helpers handlers
 * use to read input and write JSON or HTML.  Public entry points are in jixiao.h. */
#ifndef JX_WEB_H
#define JX_WEB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao.h"
#include "store/store.h"
#include "util/arena.h"

struct MHD_Connection;
struct jx_db;

/* ---- limits (every one answered with a clear Chinese error) ------------------------ */
#define JX_WEB_MAX_BODY ((size_t)2 << 20)      /* JSON bodies (a department-year YAML fits) */
#define JX_WEB_MAX_UPLOAD ((size_t)8 << 20)    /* one evidence file */
#define JX_WEB_MAX_HEADER_MEM ((size_t)64 << 10) /* per-connection memory of MHD (request head) */
#define JX_WEB_MAX_HEAD ((size_t)16 << 10)       /* request line and headers, in bytes: 431 past it */
#define JX_WEB_MAX_URI ((size_t)8 << 10)         /* request target with its query: 414 past it */
#define JX_WEB_MAX_QUERY_PARAMS 64               /* query parameters: 414 past it */
#define JX_WEB_MAX_DROPPED ((size_t)64 << 20)    /* body read and dropped past the limit, then closed */
#define JX_WEB_PER_ADDRESS 32                    /* default: connections from one client address */
#define JX_WEB_HEADER_TIMEOUT_S 10               /* default: seconds to complete a request's headers */
#define JX_WEB_MAX_FIELD ((size_t)4096)         /* one text field of a JSON body */
#define JX_WEB_MAX_COMMENT ((size_t)2000)       /* one comment, in bytes */
#define JX_WEB_MAX_EDITS 2000                   /* indicator edits in one request */
/* Login throttling (auth.c, docs/web.md "Security model"): after the free failures in a
 * row, the next attempt waits BASE after the last one, doubled per further failure, at
 * most CAP; failures are forgotten FORGET after the last one.  The account's wait is
 * always at most half its wait from one address, so an attacker at one address leaves
 * the owner a window, and the owner waits at most 60 s. */
#define JX_WEB_LOGIN_USER_FREE 5      /* per account: 5 free, then 2 s, 4 s … at most 60 s */
#define JX_WEB_LOGIN_USER_BASE_MS 2000
#define JX_WEB_LOGIN_USER_CAP_MS 60000
#define JX_WEB_LOGIN_USER_FORGET_MS 900000
#define JX_WEB_LOGIN_PAIR_FREE 5      /* per account from one address: 4 s, 8 s … at most 5 min */
#define JX_WEB_LOGIN_PAIR_BASE_MS 4000
#define JX_WEB_LOGIN_PAIR_CAP_MS 300000
#define JX_WEB_LOGIN_PAIR_FORGET_MS 3600000
#define JX_WEB_LOGIN_IP_FREE 20       /* per address (an office behind one NAT): 2 s … 15 min */
#define JX_WEB_LOGIN_IP_BASE_MS 2000
#define JX_WEB_LOGIN_IP_CAP_MS 900000
#define JX_WEB_LOGIN_IP_FORGET_MS 3600000
#define JX_WEB_MAX_PROXIES 16                   /* --trusted-proxy addresses */
#define JX_WEB_SESSION_TTL_S 28800              /* session lifetime: 8 hours */

/* ---- roles and permissions (data: see auth.c) --------------------------------------- */
typedef enum { JX_ROLE_NONE = 0, JX_ROLE_OFFICER, JX_ROLE_HEAD, JX_ROLE_REVIEWER, JX_ROLE_ADMIN, JX_ROLE_COUNT } jx_role;

typedef enum {
  JX_P_PUBLIC = 1U << 0,     /* anyone, logged in or not */
  JX_P_LOGGED_IN = 1U << 1,  /* any account */
  JX_P_OWN_READ = 1U << 2,   /* read the department-years of one's own department */
  JX_P_OWN_EDIT = 1U << 3,   /* edit targets/actuals, upload evidence */
  JX_P_SUBMIT = 1U << 4,     /* submit a draft or returned year */
  JX_P_ALL_READ = 1U << 5,   /* read every department-year */
  JX_P_REVIEW = 1U << 6,     /* comment, return, approve */
  JX_P_PUBLISH = 1U << 7,    /* publish an approved year */
  JX_P_RECTIFY = 1U << 8,    /* open and close rectification items */
  JX_P_DASHBOARD = 1U << 9,  /* jurisdiction statistics */
  JX_P_SEND_BACK = 1U << 10, /* send a draft/returned year back to the officer, inside the department */
  JX_P_ADMIN = 1U << 11,     /* accounts */
  JX_P_APPROVE = 1U << 12    /* approve, return, unapprove at a level of the approval chain (which level: the store) */
} jx_perm;

const char *jx_role_name(jx_role r);           /* "officer" … */
const char *jx_role_label(jx_role r);          /* "填报人" … */
bool jx_role_parse(const char *s, jx_role *out);
unsigned jx_role_perms(jx_role r);             /* bit set of jx_perm */

/* ---- the logged-in account ------------------------------------------------------------ */
typedef struct {
  int64_t id;
  const char *username;
  const char *display;      /* shown in the UI */
  jx_role role;
  const char *department;      /* department code, NULL for bureau staff */
  const char *department_name; /* its name, or NULL */
  const char *csrf;         /* the session's CSRF token */
  const char *session;      /* the session id (cookie value) */
} jx_user;

/* ---- server-wide configuration and per-thread context ------------------------------- */
struct jx_alog;
/* An IP address in binary: family AF_INET (4 bytes used) or AF_INET6 (16). */
typedef struct {
  int family;
  unsigned char a[16];
} jx_ipaddr;
typedef struct jx_web {
  jx_web_config cfg;
  char framework_path[4096];
  struct jx_alog *alog; /* the access log, or NULL (off) */
  jx_ipaddr proxies[JX_WEB_MAX_PROXIES]; /* --trusted-proxy */
  size_t n_proxies;
} jx_web;

/* One per MHD worker thread, created lazily: a database connection and the app layer's
 * framework cache (frameworks are configuration, not state). */
typedef struct jx_wctx {
  struct jx_db *db;
  struct jx_store *store;
  struct {
    const char *sql; /* a static string: the cache is keyed by its address */
    struct jx_stmt *st;
  } stmts[16];
  size_t n_stmts;
  struct jx_fw_cache *fws; /* app/app.h: the one framework cache, one per worker */
} jx_wctx;

/* ---- one HTTP request ------------------------------------------------------------------ */
typedef struct {
  const char *name, *value;
} jx_header;

struct jx_cached;
typedef struct jx_req {
  jx_arena *arena;              /* everything of this request; freed in one call at its end */
  uint64_t t0_ns;               /* CLOCK_MONOTONIC at the first byte (access log) */
  const char *log_method;       /* the method as the client sent it (HEAD stays HEAD) */
  struct MHD_Connection *conn;
  jx_web *web;
  jx_wctx *ctx;
  const char *method, *path;    /* path as MHD decoded it */
  const char *params[4];        /* path segments captured by the route's "{}" */
  size_t n_params;
  char *body;                   /* NUL-terminated request body */
  size_t body_len, body_limit;
  size_t body_cap;              /* bytes of the body's block: grown by what arrives, never by Content-Length */
  size_t body_dropped;          /* bytes read and dropped once the body was too large */
  bool body_too_large;
  bool started;                 /* the headers are complete (on_request's first call ran) */
  size_t uri_len, uri_params;   /* the request target, when over JX_WEB_MAX_URI or JX_WEB_MAX_QUERY_PARAMS */
  bool uri_too_long;
  const jx_user *user;          /* NULL: not logged in */
  const struct jx_route *route;
  /* response */
  unsigned status;
  const char *ctype;
  const char *data;
  size_t len;
  jx_header headers[6];
  size_t n_headers;
  const struct jx_cached *cached; /* a ready answer of the response cache: sent as it is */
} jx_req;

typedef void (*jx_handler)(jx_req *r);

/* A route: method, pattern ("/api/years/{}/submit": each {} is one path segment of
 * digits or letters), permission needed, whether a CSRF token is required, body limit. */
typedef struct jx_route {
  const char *method;
  const char *pattern;
  jx_handler fn;
  unsigned perm;      /* one jx_perm bit: the caller's role must have it */
  bool csrf;          /* a write: X-CSRF-Token must match the session */
  size_t max_body;    /* 0: no body allowed */
  const char *what;   /* Chinese, for docs and errors */
} jx_route;

extern const jx_route jx_routes[];
extern const size_t jx_n_routes;

/* Match method + path against the table; fills r->params.  Returns the route or NULL;
 * *path_known is set when the path matched some route with another method. */
const jx_route *jx_route_match(jx_req *r, const char *method, const char *path, bool *path_known);

/* ---- request helpers (http.c) ------------------------------------------------------- */
const char *jx_req_header(jx_req *r, const char *name);
const char *jx_req_query(jx_req *r, const char *name);
const char *jx_req_cookie(jx_req *r, const char *name);
void jx_resp_header(jx_req *r, const char *name, const char *value);
/* Set the response (data owned by the request's arena or static). */
void jx_resp(jx_req *r, unsigned status, const char *ctype, const char *data, size_t len);
/* JSON response: takes the reference of j (json_decref'd here). */
void jx_resp_json(jx_req *r, unsigned status, json_t *j);
/* {"error": code, "message": Chinese text} with status. */
void jx_resp_error(jx_req *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Parse the body as a JSON object; on failure answers 400 and returns NULL.  The result
 * is owned by the caller (json_decref). */
json_t *jx_req_json(jx_req *r);
/* A string member of a JSON object, checked against max bytes and UTF-8; NULL (and a
 * 400 answer) when required and missing or too long.  The string is copied into the
 * request arena. */
const char *jx_json_str(jx_req *r, json_t *obj, const char *key, size_t max, bool required);
/* Parse a decimal id path parameter; answers 404 and returns 0 when it is not one. */
int64_t jx_param_id(jx_req *r, size_t i);
/* Shared by the JSON API's handlers (http.c).  An int64 as a JSON string of its decimal
 * digits (money and scores: never a double). */
json_t *jx_json_num(int64_t v);
/* Answer 503 with db's message; returns false. */
bool jx_db_fail(jx_req *r, struct jx_db *db);
/* Who writes (history, comments): the account's name, or "web". */
const char *jx_req_who(const jx_req *r);
/* A Content-Disposition: attachment header value for a file named name (any bytes), in
 * the arena: RFC 6266, the name as RFC 5987's filename* plus an ASCII fallback. */
const char *jx_disposition(jx_arena *a, const char *name);

/* HTML-escape (& < > " ' and {{ made harmless) into the arena. */
char *jx_html_escape(jx_arena *a, const char *s);
/* A growable string in an arena. */
typedef struct {
  jx_arena *arena;
  char *p;
  size_t n, cap;
} jx_sbuf;
void jx_sb_put(jx_sbuf *b, const char *s, size_t n);
void jx_sb_puts(jx_sbuf *b, const char *s);
void jx_sb_printf(jx_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void jx_sb_html(jx_sbuf *b, const char *s); /* escaped */

/* Page templates (data, templates.c): "{{name}}" is replaced by the escaped value of
 * name, "{{{name}}}" by the raw value (HTML built by the caller from escaped parts). */
typedef struct {
  const char *name, *value;
} jx_tvar;
const char *jx_template(const char *name);
char *jx_page_render(jx_arena *a, const char *tmpl, const jx_tvar *vars, size_t n, size_t *len);

/* ---- ready answers of immutable bodies (respcache.c) ---------------------------------- */
/* A 200 answer built once (status line aside: body, Content-Type, every header) for a
 * body that never changes — a published version's page, chart or score — and queued
 * as it is for every later request, by every worker thread: libmicrohttpd sends from
 * the entry's bytes without copying them (MHD_RESPMEM_PERSISTENT).  That is safe
 * because an entry is never freed while the daemon runs: the cache only grows, up to
 * JX_WEB_RCACHE_BYTES of bodies and JX_WEB_RCACHE_SLOTS entries, and past that bound
 * answers are just not kept (the caller sends its own copy).  Keys are (year id,
 * version, kind); the caller must have checked against the database that this version
 * is still the one to serve — the cache says nothing about what is published. */
#define JX_WEB_RCACHE_BYTES ((size_t)64 << 20)
#define JX_WEB_RCACHE_SLOTS 4096
typedef struct jx_cached {
  int64_t id, version;
  char kind[32];
  size_t len;                   /* body bytes (the access log's size) */
  struct MHD_Response *resp;    /* owned by the cache */
  char *body;
} jx_cached;
/* The entry of (id, version, kind), or NULL.  Lock-free; safe from any thread. */
const jx_cached *jx_rcache_get(int64_t id, int64_t version, const char *kind);
/* Keep body (copied) with r's Content-Type and headers as they are now, plus the
 * server's common headers; returns the entry (an existing one when another thread was
 * first), or NULL when the cache is full or kind is too long. */
const jx_cached *jx_rcache_put(jx_req *r, int64_t id, int64_t version, const char *kind, const void *body, size_t len);
/* Free every entry.  Only after MHD_stop_daemon (no response may be in flight). */
void jx_rcache_clear(void);
/* The headers every answer carries (server.c): security headers, and Cache-Control:
 * no-store on /api/ answers whose handler set no Cache-Control of its own. */
struct MHD_Response;
void jx_web_common_headers(struct MHD_Response *resp, const jx_req *r);
/* An If-None-Match header that names etag (a list, weak or not, or "*"). */
bool jx_etag_matches(const char *if_none_match, const char *etag);

/* ---- the client and its origin (client.c) --------------------------------------------- */
/* Parse cfg's trusted proxies (IPv4 or IPv6 addresses) into out[max]; false with a
 * Chinese message when one is not an address or there are more than max. */
bool jx_web_proxies_parse(const jx_web_config *cfg, jx_ipaddr *out, size_t max, size_t *n, char *err, size_t errlen);
/* The TCP peer of r is one of the trusted proxies. */
bool jx_req_from_proxy(const jx_req *r);
#define JX_ADDR_TEXT 64 /* room for any address as text */
/* The client's address as text (IPv4-mapped IPv6 as IPv4) into buf[JX_ADDR_TEXT]: the TCP
 * peer, or, when the peer is a trusted proxy, the rightmost X-Forwarded-For entry that is
 * not a trusted proxy (the leftmost when all are; the peer when the header is absent or
 * that entry is not an address).  "-" when unknown.  Returns buf. */
const char *jx_req_client_addr(const jx_req *r, char *buf);
/* A request without a CSRF token comes from our own pages (or from no browser): refused
 * with 403 (answer set, false returned) when Sec-Fetch-Site says another site, or when
 * Origin names another origin than the request's Host (behind a trusted proxy:
 * X-Forwarded-Host and X-Forwarded-Proto).  Without either header (curl, scripts) true. */
bool jx_req_same_origin(jx_req *r);

/* ---- access log (accesslog.c) --------------------------------------------------------- */
/* One line per request: time (UTC), client address, method, path (never the query),
 * status, body bytes, microseconds from the first byte to completion, account id or -.
 * Each worker thread buffers its lines (64 KiB) and writes them by whole lines: when its
 * buffer fills, once a second (jx_alog_tick from the main thread), and at stop; so lines
 * of different threads may be out of order by up to a second. */
/* Open spec: "-" for stderr, else a file appended to; NULL and a Chinese message in err
 * when the file cannot be opened. */
struct jx_alog *jx_alog_open(const char *spec, char *err, size_t errlen);
/* Log request r (at its completion; from any worker thread). */
void jx_alog_request(struct jx_alog *l, const jx_req *r);
void jx_alog_tick(struct jx_alog *l);    /* write what is buffered */
void jx_alog_reopen(struct jx_alog *l);  /* SIGHUP: reopen the file (after logrotate moved it) */
void jx_alog_close(struct jx_alog *l);   /* write what is buffered, close; after the workers stopped */

/* ---- the request's database and frameworks ------------------------------------------- */
/* The thread's database connection (opened on first use); NULL with a 503 answer when
 * the database cannot be opened. */
struct jx_db *jx_req_db(jx_req *r);
/* A prepared statement of the thread's connection for sql (a string literal), kept for
 * the next request: reset, bindings cleared by rebinding.  Never finalize it; copy what
 * it returns before the next call.  NULL with a 503 answer on a database error. */
struct jx_stmt *jx_req_stmt(jx_req *r, const char *sql);
/* The thread's jx_store (the collection API, for every write of the collection); NULL
 * with a 503 answer when it cannot be opened. */
struct jx_store *jx_req_store(jx_req *r);
/* The departments table in the request's arena (store/store.h's jx_dept_list, looked up
 * with jx_dept_find, jx_dept_under and jx_dept_at_level); false with a 503 answer. */
bool jx_req_departments(jx_req *r, jx_dept_list *out);
/* The thread's framework cache (app/app.h: the one lookup and cache, searched in the
 * server's framework path), created on first use. */
struct jx_fw_cache *jx_req_fw_cache(jx_req *r);

/* ---- department-years (data.c: reads of the collection's tables) ---------------------- */
typedef struct {
  int64_t id;
  const char *department, *department_name, *kind, *status, *updated_at;
  const char *authority; /* the department's 主管部门 (code; "" when none): its head approves */
  int year;
  int64_t version, published_version; /* published_version 0: never published */
} jx_year;

/* Load department-year id; answers 404 (absent, or not readable by the caller unless
 * public) or 503 and returns false. */
bool jx_year_load(jx_req *r, int64_t id, jx_year *y);
/* The exact bytes of version number `version` of department-year id (in the arena). */
bool jx_year_content(jx_req *r, int64_t id, int64_t version, const char **data, size_t *len);
json_t *jx_year_json(const jx_year *y);

/* A department-year evaluated from bytes: document, result, diagnostics (caller frees
 * with jx_evaluated_free). */
typedef struct {
  jx_doc *doc;
  jx_result *res;
  jx_diags diags;
} jx_evaluated;
jx_status jx_evaluate_bytes(jx_req *r, const char *name, const char *data, size_t len, jx_evaluated *e);
void jx_evaluated_free(jx_evaluated *e);
/* Scores and diagnostics as JSON (jx_result_write_json's shape; money and scores as
 * strings); diagnostics only when res is NULL. */
json_t *jx_evaluated_json(const jx_evaluated *e);
/* Render a report of e in fmt into the arena (serialised: the backends share caches). */
bool jx_render_report(jx_req *r, const jx_evaluated *e, jx_format fmt, const char **data, size_t *len);
const char *jx_format_ctype(jx_format f);
const char *jx_format_ext(jx_format f);

/* The report of version `version` of y in the format named by path parameter 1, cached
 * in the database (api_year.c; also the public pages'). */
bool jx_year_report(jx_req *r, const jx_year *y, int64_t version, bool attach);

/* ---- shared by the JSON API's files (api_year.c, api_years.c) -------------------------- */
/* The file name of y's document ("CODE-YEAR.yaml", in the arena). */
const char *jx_year_doc_name(jx_req *r, const jx_year *y);
/* The indicators a department-year's officer edits: the project's or the department's. */
jx_indicatorlist *jx_doc_editable(jx_doc *doc);
/* The caller may change y now (own department, draft or returned); else answered 403/409. */
bool jx_year_editable_now(jx_req *r, const jx_year *y);
/* The rectification items of year id, or (id 0) the latest 500 of all, open ones first. */
json_t *jx_rects_json(struct jx_db *db, int64_t id);
/* A query of the store as {columns, rows, total} of text, at most the last max rows; null
 * when the store cannot answer. */
json_t *jx_store_table_json(jx_req *r, const jx_query *q, size_t max);
/* A page of a list: sorted by a key the list names (NULL: its own order), descending when
 * desc, only rows with a flag when flags; per rows from offset. */
typedef struct {
  const char *sort;
  bool desc, flags;
  size_t per, offset;
} jx_list_page;
/* One page of the department-years visible to the caller (a head: also its units' when its
 * department is their 主管部门), filtered by year (0: ?year=, else every year), ?status=
 * and ?q=, sorted and cut by the database (by year, then code, without a sort key);
 * *total: the rows of the whole list.  *ok false when answered with an error (400 for an
 * unknown sort key) (api_years.c). */
json_t *jx_years_page(jx_req *r, int year, const jx_list_page *pg, int64_t *total, bool *ok);
/* Query parameter name as a whole number in [lo, hi] (def when absent); -1 with a 400
 * answer naming label when it is not one. */
long jx_req_query_long(jx_req *r, const char *name, long lo, long hi, long def, const char *label);
/* ?sort=, ?dir=desc, ?page= (from 1) and ?per= (at most 200, default def) into pg; false
 * with a 400 answer. */
bool jx_req_list_page(jx_req *r, size_t def, jx_list_page *pg);

/* ---- exports (export.c): any list as CSV or XLSX ------------------------------------ */
/* A grid of texts: a header row and rows × cols cells (NULL: empty); numeric[c]: the
 * column holds numbers (right-aligned, no formula guard in CSV, whole numbers as numbers
 * in XLSX). */
typedef struct {
  size_t cols, rows;
  const char *const *header;
  const bool *numeric;
  const char *const *cells;
} jx_grid;
/* Is fmt an export format ("csv" or "xlsx")? */
bool jx_export_format_ok(const char *fmt);
/* Answer g as a download named base.csv or base.xlsx (fmt "csv": UTF-8 with a byte-order
 * mark for Excel, RFC 4180, text cells that look like formulas prefixed with '; "xlsx":
 * one sheet named sheet, through the render layer's grid writer). */
void jx_resp_grid(jx_req *r, const jx_grid *g, const char *fmt, const char *sheet, const char *base);
/* A store table (jx_store_query) as a grid in the arena, rows in the order of idx (n
 * indexes; idx NULL: the table's order).  In api_analysis.c, which reads the table's
 * columns (store/store.h). */
jx_grid jx_table_grid(jx_req *r, const jx_table *t, const size_t *idx, size_t n);

/* ---- handlers (auth.c, api_*.c, public.c, assets) ------------------------------------- */
/* Resolve the session cookie into r->user (NULL when absent/expired).  Returns false when
 * the database failed (answer set). */
bool jx_auth_load_user(jx_req *r);
/* The caller may read the department-years of department (a code). */
bool jx_can_read_department(const jx_req *r, const char *department);
/* Is the caller the head of 主管部门 authority (a code; "" never is)?  That head reads and
 * approves the department-years of the units under it. */
bool jx_is_authority_head(const jx_req *r, const char *authority);

void jx_h_login(jx_req *r);
void jx_h_logout(jx_req *r);
void jx_h_me(jx_req *r);
void jx_h_todo(jx_req *r); /* api_todo.c: the account's 待办 (jx_web_todo) */
void jx_h_asset(jx_req *r);
void jx_h_app(jx_req *r);
void jx_h_health(jx_req *r);
void jx_h_favicon(jx_req *r);
void jx_h_root(jx_req *r);
void jx_h_years(jx_req *r);
void jx_h_year(jx_req *r);
void jx_h_year_check(jx_req *r);
void jx_h_year_save(jx_req *r);
void jx_h_year_submit(jx_req *r);
void jx_h_year_return(jx_req *r);
void jx_h_year_approve(jx_req *r);
void jx_h_year_publish(jx_req *r);
void jx_h_year_unapprove(jx_req *r);
void jx_h_year_approval(jx_req *r);
void jx_h_years_batch(jx_req *r);
void jx_h_year_report(jx_req *r);
void jx_h_evidence_upload(jx_req *r);
void jx_h_evidence_get(jx_req *r);
void jx_h_evidence_delete(jx_req *r);
void jx_h_year_send_back(jx_req *r);
void jx_h_public_chart(jx_req *r);
void jx_h_check(jx_req *r);
void jx_h_desk(jx_req *r);
void jx_h_dashboard(jx_req *r);
void jx_h_analysis(jx_req *r);      /* api_analysis.c: the store's queries, a page at a time */
void jx_h_public_data(jx_req *r);   /* public.c: open data of a year or a unit */
void jx_h_rect_list(jx_req *r);
void jx_h_rect_open(jx_req *r);
void jx_h_rect_close(jx_req *r);
void jx_h_public_index(jx_req *r);
void jx_h_public_page(jx_req *r);
void jx_h_public_download(jx_req *r);
void jx_h_public_list(jx_req *r);
void jx_h_public_score(jx_req *r);
void jx_h_users(jx_req *r);
/* 绩效目标申报 (api_decl.c) */
void jx_h_decls(jx_req *r);
void jx_h_decl(jx_req *r);
void jx_h_decl_new(jx_req *r);
void jx_h_decl_save(jx_req *r);
void jx_h_decl_check(jx_req *r);
void jx_h_decl_review(jx_req *r);
void jx_h_decl_return(jx_req *r);
void jx_h_decl_approve(jx_req *r);
void jx_h_decl_batch(jx_req *r);
void jx_h_library(jx_req *r);
/* 绩效运行监控 (api_monitor.c) */
void jx_h_mon_form(jx_req *r);
void jx_h_mon_check(jx_req *r);
void jx_h_mon_save(jx_req *r);
void jx_h_mon_desk(jx_req *r);
void jx_h_mon_unit(jx_req *r);
void jx_h_mon_followup_close(jx_req *r);
void jx_h_mon_reopen(jx_req *r);
void jx_h_user_add(jx_req *r);
/* The 待办 of the logged-in account u (its role and department) as of today: the JSON of
 * jx_todo_json (src/store/todo.h), a new reference —
 *   {"items": [{"kind": "checkpoint"|"returned"|"review"|"rectification"|"followup",
 *               "kind_label", "unit", "unit_name", "year", "what", "state", "date",
 *               "grace_end", "days", "count", "id"}…],
 *    "counts": {"checkpoint": n, "returned": n, "review": n, "rectification": n, "followup": n}}
 * (the same as `jixiao db todo --json`; docs/collection.md 待办与提醒).  before_days: the
 * checkpoints due within that many days (< 0: 14).  NULL with a Chinese message in err
 * (an officer or head without department, a database error). */
json_t *jx_web_todo(struct jx_store *s, const jx_user *u, int before_days, char *err, size_t errlen);
/* Set (email "" or NULL: clear) the e-mail address of an account on an open database,
 * after jx_email_valid (src/util/email.h).  JX_ERR_INVALID with a Chinese message in err
 * for an address it refuses or an unknown account. */
jx_status jx_web_user_email(struct jx_db *db, const char *username, const char *email, char *err, size_t errlen);
/* Create an account on an open database (jx_user_add's checks: role, name, password of at
 * least 10 bytes, department by code or name).  Chinese message in err. */
jx_status jx_web_user_add(struct jx_db *db, const char *username, const char *password, const char *role,
                          const char *department, char *err, size_t errlen);

#endif
