/* server.c — jx_web_serve: libmicrohttpd with a thread pool on epoll, connection (in all
 * and per client address), memory, header-deadline and timeout limits; request bodies
 * grown by what arrives; one arena per request; routing through the route table;
 * authorisation, CSRF and the same-origin check before any handler runs; security headers; graceful stop on
 * SIGTERM/SIGINT.  The server keeps no state of its own: each worker thread keeps only
 * a database connection and the frameworks it loaded (configuration). */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "store/db.h"
#include "web/store.h"
#include "web/web.h"

/* ---- per-thread context -------------------------------------------------------------- */

/* Requests between their first byte and their completion (not idle keep-alive
 * connections): a graceful stop waits for these. */
static atomic_int in_flight;

/* ---- connections: the deadline for a request's headers ------------------------------ *
 * MHD's connection timeout counts idleness, so a client sending one byte every few
 * seconds keeps a connection forever.  Each connection is registered here (MHD's
 * NOTIFY_CONNECTION) with the time it started waiting for a request's headers: its start,
 * then the end of each answer.  Once the headers are complete (on_request's first call)
 * it is not waiting; the main thread's sweep shuts down (SHUT_RDWR) every connection that
 * has been waiting longer than the deadline, however many bytes it sent meanwhile.  The
 * worker thread then sees the end of the stream and closes it.  The list is guarded by
 * conns_lock; MHD reports CLOSED (which unregisters, under the lock) before it closes
 * the socket, so the sweep never shuts down a descriptor that has been reused. */
typedef struct jx_conn {
  struct jx_conn *prev, *next;
  int fd;
  atomic_llong waiting_ms; /* CLOCK_MONOTONIC ms since when it waits for headers; 0: not waiting */
  bool cut;                /* shut down by the sweep (under conns_lock) */
} jx_conn;

static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static jx_conn *conns;

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000 + 1; /* never 0: 0 means "not waiting" */
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
  (void)cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    jx_conn *c = jx_xcalloc(1, sizeof *c);
    c->fd = ci ? ci->connect_fd : -1;
    atomic_store(&c->waiting_ms, now_ms());
    pthread_mutex_lock(&conns_lock);
    c->next = conns;
    if (conns) conns->prev = c;
    conns = c;
    pthread_mutex_unlock(&conns_lock);
    *socket_context = c;
    return;
  }
  jx_conn *c = *socket_context; /* MHD_CONNECTION_NOTIFY_CLOSED */
  if (!c) return;
  pthread_mutex_lock(&conns_lock);
  if (c->prev) c->prev->next = c->next;
  else conns = c->next;
  if (c->next) c->next->prev = c->prev;
  pthread_mutex_unlock(&conns_lock);
  free(c);
  *socket_context = NULL;
}

/* The connection's entry, or NULL (not registered). */
static jx_conn *conn_entry(struct MHD_Connection *conn) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : NULL;
}

/* Shut down the connections that have waited for their headers more than limit_ms;
 * returns how many (main thread, once a second). */
static unsigned sweep_slow_headers(long long limit_ms) {
  long long now = now_ms();
  unsigned n = 0;
  pthread_mutex_lock(&conns_lock);
  for (jx_conn *c = conns; c; c = c->next) {
    long long since = atomic_load(&c->waiting_ms);
    if (since && !c->cut && c->fd >= 0 && now - since > limit_ms) {
      (void)shutdown(c->fd, SHUT_RDWR);
      c->cut = true;
      n++;
    }
  }
  pthread_mutex_unlock(&conns_lock);
  return n;
}

static pthread_key_t ctx_key;
static pthread_once_t ctx_once = PTHREAD_ONCE_INIT;

/* Close the thread's connections (they are reopened by the next request that needs one). */
static void ctx_disconnect(jx_wctx *c) {
  for (size_t i = 0; i < c->n_stmts; i++) jx_stmt_finalize(c->stmts[i].st);
  c->n_stmts = 0;
  jx_web_db_close(c->db);
  c->db = NULL;
  jx_store_close(c->store);
  c->store = NULL;
}

static void ctx_free(void *p) {
  jx_wctx *c = p;
  if (!c) return;
  ctx_disconnect(c);
  jx_fw_cache_free(c->fws);
  free(c);
  jx_arena_release_spares();
  /* pango keeps one default font map per thread: a worker that rendered a report frees
   * its own before it exits (jx_global_cleanup acts on the calling thread's) */
  jx_global_cleanup();
}

static void ctx_key_make(void) { (void)pthread_key_create(&ctx_key, ctx_free); }

static jx_wctx *thread_ctx(void) {
  pthread_once(&ctx_once, ctx_key_make);
  jx_wctx *c = pthread_getspecific(ctx_key);
  if (!c) {
    c = jx_xcalloc(1, sizeof *c);
    (void)pthread_setspecific(ctx_key, c);
  }
  return c;
}

struct jx_db *jx_req_db(jx_req *r) {
  if (r->ctx->db) return r->ctx->db;
  char err[512] = "";
  r->ctx->db = jx_web_db_open(r->web->cfg.db, err, sizeof err);
  if (!r->ctx->db) {
    fprintf(r->web->cfg.log ? r->web->cfg.log : stderr, "jixiao serve: 无法打开数据库：%s\n", err);
    jx_resp_error(r, 503, "db_unavailable", "数据库暂时无法访问，请稍后再试");
  }
  return r->ctx->db;
}

struct jx_stmt *jx_req_stmt(jx_req *r, const char *sql) {
  jx_wctx *c = r->ctx;
  for (size_t i = 0; i < c->n_stmts; i++)
    if (c->stmts[i].sql == sql) {
      jx_stmt_reset(c->stmts[i].st);
      return c->stmts[i].st;
    }
  if (c->n_stmts == sizeof c->stmts / sizeof c->stmts[0]) { /* a programming error: bounded by the code */
    jx_resp_error(r, 500, "internal", "内部错误：语句缓存已满");
    return NULL;
  }
  jx_db *db = jx_req_db(r);
  jx_stmt *st = NULL;
  if (!db) return NULL;
  if (jx_db_prepare(db, sql, &st) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
    return NULL;
  }
  c->stmts[c->n_stmts].sql = sql;
  c->stmts[c->n_stmts++].st = st;
  return st;
}

struct jx_fw_cache *jx_req_fw_cache(jx_req *r) {
  if (!r->ctx->fws) r->ctx->fws = jx_fw_cache_new();
  return r->ctx->fws;
}

/* ---- one request ---------------------------------------------------------------------- */

void jx_web_common_headers(struct MHD_Response *resp, const jx_req *r) {
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
  MHD_add_response_header(resp, "Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                          "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  bool api = r->path && !strncmp(r->path, "/api/", 5);
  bool own = false; /* the handler said how to cache (the public score JSON: public, revalidated) */
  for (size_t i = 0; i < r->n_headers; i++)
    if (!strcasecmp(r->headers[i].name, "Cache-Control")) own = true;
  if (api && !own) MHD_add_response_header(resp, "Cache-Control", "no-store");
}

bool jx_etag_matches(const char *inm, const char *etag) {
  if (!inm || !etag) return false;
  size_t n = strlen(etag);
  for (const char *p = inm; *p;) {
    while (*p == ' ' || *p == '\t' || *p == ',') p++;
    if (*p == '*') return true;
    if (p[0] == 'W' && p[1] == '/') p += 2;
    const char *end = p;
    while (*end && *end != ',') end++;
    const char *e = end;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t')) e--;
    if ((size_t)(e - p) == n && !memcmp(p, etag, n)) return true;
    p = end;
  }
  return false;
}

static enum MHD_Result send_response(jx_req *r) {
  if (!r->status) jx_resp_error(r, 500, "internal", "内部错误：处理程序没有给出应答");
  /* a database error: the connection may be broken (PostgreSQL restarted); start afresh */
  if (r->status == 503) ctx_disconnect(r->ctx);
  if (r->cached) return MHD_queue_response(r->conn, 200, r->cached->resp); /* the cache keeps its reference */
  /* MHD takes a non-const pointer but never writes through a persistent buffer */
  union {
    const char *c;
    void *p;
  } body = {.c = r->data ? r->data : ""};
  struct MHD_Response *resp = MHD_create_response_from_buffer(r->len, body.p, MHD_RESPMEM_PERSISTENT);
  if (!resp) return MHD_NO;
  if (r->ctype) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype);
  jx_web_common_headers(resp, r);
  for (size_t i = 0; i < r->n_headers; i++) MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
  enum MHD_Result ok = MHD_queue_response(r->conn, r->status, resp);
  MHD_destroy_response(resp);
  return ok;
}

static bool api_path(const char *url) { return !strncmp(url, "/api/", 5) || !strcmp(url, "/api"); }

static void not_found(jx_req *r) {
  if (api_path(r->path)) {
    jx_resp_error(r, 404, "not_found", "没有这个接口：%s", r->path);
    return;
  }
  jx_tvar v[] = {{"title", "页面不存在"}, {"message", "您要找的页面不存在或尚未公开。"}};
  size_t len;
  char *html = jx_page_render(r->arena, jx_template("error_page"), v, 2, &len);
  jx_resp(r, 404, "text/html; charset=utf-8", html, len);
}

/* Authorisation from the route table and the roles × permissions table, then CSRF. */
static bool authorise(jx_req *r) {
  const jx_route *rt = r->route;
  /* a write without the CSRF token (login): only from our own pages, or from no browser */
  if (!rt->csrf && strcmp(rt->method, "GET") != 0 && !jx_req_same_origin(r)) return false;
  if (rt->perm == JX_P_PUBLIC) return true;
  if (!jx_auth_load_user(r)) return false;
  if (!r->user) {
    jx_resp_error(r, 401, "unauthenticated", "请先登录");
    return false;
  }
  if (!(jx_role_perms(r->user->role) & rt->perm)) {
    jx_resp_error(r, 403, "forbidden", "您的角色（%s）无权%s", jx_role_label(r->user->role), rt->what);
    return false;
  }
  if (rt->csrf) {
    const char *tok = jx_req_header(r, "X-CSRF-Token");
    size_t n = r->user->csrf ? strlen(r->user->csrf) : 0;
    if (!tok || !n || strlen(tok) != n || sodium_memcmp(tok, r->user->csrf, n) != 0) {
      jx_resp_error(r, 403, "csrf", "缺少或错误的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试");
      return false;
    }
  }
  return true;
}

static void dispatch(jx_req *r) {
  if (!r->route) {
    bool known = false;
    r->route = jx_route_match(r, r->method, r->path, &known);
    if (!r->route) {
      if (known) jx_resp_error(r, 405, "method_not_allowed", "此地址不支持 %s 方法", r->method);
      else not_found(r);
      return;
    }
  }
  if (r->body_too_large) {
    if (r->body_limit == 0) jx_resp_error(r, 413, "too_large", "此接口不接受请求体");
    else jx_resp_error(r, 413, "too_large", "请求体过大：上限 %zu 字节", r->body_limit);
    return;
  }
  if (!authorise(r)) return;
  r->route->fn(r);
}

static size_t content_length(struct MHD_Connection *c, bool *present) {
  const char *s = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  *present = s != NULL;
  if (!s) return 0;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) return SIZE_MAX;
  return v > SIZE_MAX ? SIZE_MAX : (size_t)v;
}

/* Append a piece of the body.  The block grows by what actually arrives (doubling, up
 * to the route's limit + 1), never by a declared Content-Length, which libmicrohttpd
 * ignores under Transfer-Encoding anyway.  False, and nothing written, past the limit. */
static bool body_append(jx_req *r, const char *data, size_t n) {
  if (r->body_len > r->body_limit || n > r->body_limit - r->body_len) return false;
  size_t need = r->body_len + n; /* <= body_limit */
  if (need == SIZE_MAX) return false;
  need++; /* the NUL */
  if (need > r->body_cap) {
    size_t cap = r->body_cap ? r->body_cap : 4096;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
    size_t most = r->body_limit < SIZE_MAX ? r->body_limit + 1 : SIZE_MAX; /* >= need */
    if (cap > most) cap = most;
    r->body = jx_arena_grow(r->arena, r->body, r->body_len, cap, 1);
    r->body_cap = cap;
  }
  memcpy(r->body + r->body_len, data, n);
  r->body_len += n;
  r->body[r->body_len] = '\0';
  return true;
}

/* The request line as soon as MHD has it (MHD_OPTION_URI_LOG_CALLBACK), before MHD splits
 * the query into its connection memory: the request's arena starts here (the return value
 * is the request's con_cls).  A query of more than JX_WEB_MAX_QUERY_PARAMS parameters or a
 * target over JX_WEB_MAX_URI bytes is answered 414 when the headers are complete; its query
 * is cut here so that MHD does not split it: MHD 0.9.75 runs out of connection memory on
 * ~500 parameters and then neither answers nor closes (issue #12).  libmicrohttpd hands us
 * the target inside its own writable read buffer and looks for the '?' before this call. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
  jx_arena *a = jx_arena_new();
  jx_req *r = jx_arena_alloc(a, sizeof *r);
  r->arena = a;
  r->conn = conn;
  r->web = cls;
  size_t len = strlen(uri), params = 0;
  const char *q = strchr(uri, '?');
  if (q) {
    params = 1;
    for (const char *p = q + 1; *p; p++) params += *p == '&';
  }
  if (len > JX_WEB_MAX_URI || params > JX_WEB_MAX_QUERY_PARAMS) {
    r->uri_too_long = true;
    r->uri_len = len;
    r->uri_params = params;
    if (q && q[1]) {
      union {
        const char *c;
        char *w;
      } cut = {.c = q + 1};
      *cut.w = '\0';
    }
  }
  return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  (void)version;
  jx_req *r = *con_cls;
  if (!r || !r->started) { /* first call: headers only.  Queue nothing but early refusals. */
    if (!r) *con_cls = r = on_uri(cls, url, conn);
    jx_conn *ce = conn_entry(conn);
    if (ce) atomic_store(&ce->waiting_ms, 0); /* the headers are in: the deadline is met */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    jx_arena *a = r->arena;
    atomic_fetch_add(&in_flight, 1);
    r->started = true;
    r->t0_ns = (uint64_t)t0.tv_sec * 1000000000ULL + (uint64_t)t0.tv_nsec;
    r->ctx = thread_ctx();
    r->method = jx_arena_strdup(a, method);
    r->log_method = r->method;
    r->path = jx_arena_strdup(a, url);
    if (r->uri_too_long) {
      jx_resp_error(r, 414, "uri_too_long", "请求地址过长：%zu 字节、%zu 个查询参数，上限 %zu 字节、%d 个参数", r->uri_len,
                    r->uri_params, JX_WEB_MAX_URI, JX_WEB_MAX_QUERY_PARAMS);
      return send_response(r); /* MHD closes a connection answered before its body */
    }
    const union MHD_ConnectionInfo *hs = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (hs && hs->header_size > JX_WEB_MAX_HEAD) {
      jx_resp_error(r, 431, "headers_too_large", "请求头过大：%zu 字节，上限 %zu 字节", hs->header_size, JX_WEB_MAX_HEAD);
      return send_response(r);
    }
    /* libmicrohttpd 0.9.75 reads a body of any other coding (gzip, "gzip, chunked") until
     * the client closes, so that it would never be answered: refuse it now (RFC 9112 6.1) */
    const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    if (te && strcasecmp(te, "chunked") != 0) {
      jx_resp_error(r, 400, "bad_transfer_encoding", "不支持的 Transfer-Encoding“%.64s”：请求体只接受 chunked 或 Content-Length", te);
      return send_response(r);
    }
    bool known = false, has_len = false;
    const char *m = !strcmp(method, "HEAD") ? "GET" : method;
    r->route = jx_route_match(r, m, url, &known);
    r->body_limit = r->route ? r->route->max_body : 0;
    size_t len = content_length(conn, &has_len);
    if (r->route && has_len && len > r->body_limit) {
      r->body_too_large = true;
      /* A body up to 64 MiB is read and dropped, so that the client, still sending,
       * gets the answer; a larger one is refused now and the connection closed. */
      if (len <= JX_WEB_MAX_DROPPED) return MHD_YES;
      if (r->body_limit == 0) jx_resp_error(r, 413, "too_large", "此接口不接受请求体");
      else jx_resp_error(r, 413, "too_large", "请求体过大：%zu 字节，上限 %zu 字节", len, r->body_limit);
      return send_response(r); /* allowed before the body is read; MHD closes afterwards */
    }
    /* The declared length sizes nothing: the body's block grows with what arrives. */
    return MHD_YES;
  }
  if (*upload_data_size) { /* a piece of the body */
    size_t n = *upload_data_size;
    *upload_data_size = 0;
    if (!r->body_too_large && !body_append(r, upload_data, n)) r->body_too_large = true;
    if (r->body_too_large) {
      /* read and dropped, for the answer to reach a client still sending; a chunked body
       * has no declared end, so past JX_WEB_MAX_DROPPED the connection is closed */
      if (n > JX_WEB_MAX_DROPPED - r->body_dropped) return MHD_NO;
      r->body_dropped += n;
    }
    return MHD_YES;
  }
  if (r->status) return MHD_YES; /* already answered */
  if (!strcmp(r->method, "HEAD")) r->method = "GET";
  dispatch(r);
  return send_response(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
  (void)toe;
  jx_web *web = cls;
  jx_req *r = *con_cls;
  jx_conn *ce = conn_entry(conn);
  if (ce) atomic_store(&ce->waiting_ms, now_ms()); /* the next request's headers are due from now */
  if (r) {
    if (r->started) {
      if (web->alog) jx_alog_request(web->alog, r);
      atomic_fetch_sub(&in_flight, 1);
    }
    jx_arena_free(r->arena);
  }
  *con_cls = NULL;
}

/* ---- the daemon ------------------------------------------------------------------------ */

static bool parse_listen(const char *s, struct sockaddr_storage *ss, bool *v6, char *err, size_t errlen) {
  memset(ss, 0, sizeof *ss);
  char host[128];
  const char *colon;
  if (s[0] == '[') {
    const char *close = strchr(s, ']');
    if (!close || close[1] != ':' || (size_t)(close - s - 1) >= sizeof host) goto bad;
    snprintf(host, sizeof host, "%.*s", (int)(close - s - 1), s + 1);
    colon = close + 1;
  } else {
    colon = strrchr(s, ':');
    if (!colon || (size_t)(colon - s) >= sizeof host) goto bad;
    snprintf(host, sizeof host, "%.*s", (int)(colon - s), s);
  }
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end || port < 0 || port > 65535 || colon[1] == '\0') goto bad;
  struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
  if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
    in4->sin_family = AF_INET;
    in4->sin_port = htons((uint16_t)port);
    *v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t)port);
    *v6 = true;
    return true;
  }
bad:
  snprintf(err, errlen, "监听地址“%s”不对：应为 IP:端口，如 127.0.0.1:8080 或 [::1]:8080", s);
  return false;
}

jx_status jx_web_serve(const jx_web_config *cfg, char *err, size_t errlen) {
  if (!cfg || !cfg->db || !cfg->listen) {
    snprintf(err, errlen, "缺少数据库或监听地址");
    return JX_ERR_INVALID;
  }
  jx_ipaddr proxies[JX_WEB_MAX_PROXIES];
  size_t n_proxies = 0;
  if (!jx_web_proxies_parse(cfg, proxies, JX_WEB_MAX_PROXIES, &n_proxies, err, errlen)) return JX_ERR_INVALID;
  if (sodium_init() < 0) {
    snprintf(err, errlen, "libsodium 初始化失败");
    return JX_ERR_IO;
  }
  json_set_alloc_funcs(jx_xmalloc, free); /* jansson too follows the one out-of-memory policy */
  /* SIGTERM/SIGINT are taken by this thread with sigwait; every thread started from here
   * on (workers, libraries' own) inherits the mask. */
  sigset_t sigs, old;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGHUP); /* reopens the access log (logrotate) */
  pthread_sigmask(SIG_BLOCK, &sigs, &old);
  signal(SIGPIPE, SIG_IGN);
  jx_web *web = jx_xcalloc(1, sizeof *web);
  web->cfg = *cfg;
  memcpy(web->proxies, proxies, sizeof proxies);
  web->n_proxies = n_proxies;
  FILE *log = cfg->log ? cfg->log : stderr;
  /* the search of the command line: --frameworks, $JIXIAO_FRAMEWORKS, ./frameworks, installed */
  jx_framework_search_path("./serve", cfg->framework_path, web->framework_path, sizeof web->framework_path);

  if (cfg->access_log && *cfg->access_log && !(web->alog = jx_alog_open(cfg->access_log, err, errlen))) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    free(web);
    return JX_ERR_IO;
  }
  /* Open (and migrate) the database once before listening, so a bad URL fails now. */
  struct jx_db *probe = jx_web_db_open(cfg->db, err, errlen);
  if (!probe) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    jx_alog_close(web->alog);
    free(web);
    return JX_ERR_IO;
  }
  jx_web_db_close(probe);

  struct sockaddr_storage ss;
  bool v6 = false;
  if (!parse_listen(cfg->listen, &ss, &v6, err, errlen)) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    jx_alog_close(web->alog);
    free(web);
    return JX_ERR_INVALID;
  }
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned threads = cfg->threads ? cfg->threads : (unsigned)(ncpu > 0 ? ncpu : 1);
  unsigned maxconn = cfg->max_connections ? cfg->max_connections : 1024;
  unsigned timeout = cfg->timeout_s ? cfg->timeout_s : 30;
  /* Behind a trusted proxy every connection comes from the proxy's address: unless asked
   * for, no per-address limit there (the proxy limits its clients, e.g. nginx limit_conn). */
  unsigned per_address = cfg->max_per_address          ? cfg->max_per_address
                         : cfg->n_trusted_proxies > 0 ? UINT_MAX
                                                      : JX_WEB_PER_ADDRESS;
  if (per_address == UINT_MAX) per_address = 0; /* MHD: 0 is no limit */
  unsigned header_timeout = cfg->header_timeout_s ? cfg->header_timeout_s : JX_WEB_HEADER_TIMEOUT_S;

  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC; /* ITC: quiesce */
  if (v6) flags |= MHD_USE_IPv6;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, NULL, NULL, &on_request, web, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
      threads, MHD_OPTION_CONNECTION_LIMIT, maxconn, MHD_OPTION_CONNECTION_TIMEOUT, timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, JX_WEB_MAX_HEADER_MEM, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address, MHD_OPTION_URI_LOG_CALLBACK, &on_uri, web,
      MHD_OPTION_NOTIFY_CONNECTION, &on_connection, web, MHD_OPTION_NOTIFY_COMPLETED, &on_completed, web,
      MHD_OPTION_END);
  if (!d) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    snprintf(err, errlen, "无法在 %s 上监听（地址被占用或无权限？）", cfg->listen);
    jx_alog_close(web->alog);
    free(web);
    return JX_ERR_IO;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  unsigned port = info ? info->port : 0;
  char host[64] = "";
  if (v6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
  else inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
  fprintf(log, "jixiao serve: 正在监听 http://%s%s%s:%u/ （%u 个线程；Ctrl-C 或 SIGTERM 停止）\n", v6 ? "[" : "", host,
          v6 ? "]" : "", port, threads);
  fflush(log);

  /* Wait for SIGTERM/SIGINT; meanwhile, once a second, write the access log's buffer and
   * cut the connections past their header deadline; reopen the log's file on SIGHUP. */
  int sig = 0;
  for (;;) {
    struct timespec second = {1, 0};
    sig = sigtimedwait(&sigs, NULL, &second);
    if (sig == SIGTERM || sig == SIGINT) break;
    if (sig == SIGHUP) jx_alog_reopen(web->alog);
    jx_alog_tick(web->alog);
    (void)sweep_slow_headers((long long)header_timeout * 1000);
  }
  fprintf(log, "jixiao serve: 收到信号 %d，正在停止\n", sig);
  fflush(log);
  /* Graceful: stop accepting, let the requests in flight finish (up to 30 s), then stop
   * the workers (idle keep-alive connections are simply closed). */
  MHD_socket ls = MHD_quiesce_daemon(d);
  if (ls != MHD_INVALID_SOCKET) close(ls);
  for (int i = 0; i < 3000 && atomic_load(&in_flight) > 0; i++) usleep(10000);
  MHD_stop_daemon(d);
  jx_rcache_clear(); /* no response is in flight any more */
  jx_alog_close(web->alog);
  jx_global_cleanup(); /* font caches of the report backends */
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  free(web);
  return JX_OK;
}
