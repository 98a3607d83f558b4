/* server.c — jx_web_serve: libmicrohttpd with a thread pool on epoll, connection,
 * memory and timeout limits; one arena per request; routing through the route table;
 * authorisation and CSRF before any handler runs; security headers; graceful stop on
 * SIGTERM/SIGINT.  The server keeps no state of its own: each worker thread keeps only
 * a database connection and the frameworks it loaded (configuration). */
#include <arpa/inet.h>
#include <errno.h>
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
  for (size_t i = 0; i < c->n_fw; i++) jx_framework_free(c->fw[i]);
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

const jx_framework *jx_req_framework(jx_req *r, const char *id, jx_diags *diags) {
  jx_wctx *c = r->ctx;
  if (!id) return NULL;
  for (size_t i = 0; i < c->n_fw; i++)
    if (!strcmp(c->fw_id[i], id)) return c->fw[i];
  jx_framework *fw = NULL;
  const char *path = r->web->framework_path[0] ? r->web->framework_path : NULL;
  if (jx_framework_find(id, path, &fw, diags) != JX_OK || !fw) {
    jx_framework_free(fw);
    return NULL;
  }
  if (c->n_fw == sizeof c->fw / sizeof c->fw[0] || strlen(id) >= sizeof c->fw_id[0]) return fw; /* leaks: bounded by ids */
  snprintf(c->fw_id[c->n_fw], sizeof c->fw_id[0], "%s", id);
  c->fw[c->n_fw++] = fw;
  return fw;
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

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  (void)version;
  jx_req *r = *con_cls;
  if (!r) { /* first call: headers only.  Queue nothing but early refusals. */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    jx_arena *a = jx_arena_new();
    atomic_fetch_add(&in_flight, 1);
    r = jx_arena_alloc(a, sizeof *r);
    r->arena = a;
    r->t0_ns = (uint64_t)t0.tv_sec * 1000000000ULL + (uint64_t)t0.tv_nsec;
    r->conn = conn;
    r->web = cls;
    r->ctx = thread_ctx();
    r->method = jx_arena_strdup(a, method);
    r->log_method = r->method;
    r->path = jx_arena_strdup(a, url);
    *con_cls = r;
    bool known = false, has_len = false;
    const char *m = !strcmp(method, "HEAD") ? "GET" : method;
    r->route = jx_route_match(r, m, url, &known);
    r->body_limit = r->route ? r->route->max_body : 0;
    size_t len = content_length(conn, &has_len);
    if (r->route && has_len && len > r->body_limit) {
      r->body_too_large = true;
      /* A body up to 64 MiB is read and dropped, so that the client, still sending,
       * gets the answer; a larger one is refused now and the connection closed. */
      if (len <= ((size_t)64 << 20)) return MHD_YES;
      if (r->body_limit == 0) jx_resp_error(r, 413, "too_large", "此接口不接受请求体");
      else jx_resp_error(r, 413, "too_large", "请求体过大：%zu 字节，上限 %zu 字节", len, r->body_limit);
      return send_response(r); /* allowed before the body is read; MHD closes afterwards */
    }
    if (r->route && has_len && len > 0) r->body = jx_arena_take(a, len + 1);
    return MHD_YES;
  }
  if (*upload_data_size) { /* a piece of the body */
    size_t n = *upload_data_size;
    *upload_data_size = 0;
    if (r->body_too_large) return MHD_YES;
    if (r->body_len + n > r->body_limit) {
      r->body_too_large = true;
      return MHD_YES;
    }
    if (!r->body) r->body = jx_arena_take(r->arena, r->body_limit + 1);
    memcpy(r->body + r->body_len, upload_data, n);
    r->body_len += n;
    r->body[r->body_len] = '\0';
    return MHD_YES;
  }
  if (r->status) return MHD_YES; /* already answered */
  if (!strcmp(r->method, "HEAD")) r->method = "GET";
  dispatch(r);
  return send_response(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
  (void)conn;
  (void)toe;
  jx_web *web = cls;
  jx_req *r = *con_cls;
  if (r) {
    if (web->alog) jx_alog_request(web->alog, r);
    jx_arena_free(r->arena);
    atomic_fetch_sub(&in_flight, 1);
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


  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC; /* ITC: quiesce */
  if (v6) flags |= MHD_USE_IPv6;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, NULL, NULL, &on_request, web, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
      threads, MHD_OPTION_CONNECTION_LIMIT, maxconn, MHD_OPTION_CONNECTION_TIMEOUT, timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, JX_WEB_MAX_HEADER_MEM, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
      MHD_OPTION_NOTIFY_COMPLETED, &on_completed, web, MHD_OPTION_END);
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

  /* Wait for SIGTERM/SIGINT; meanwhile write the access log's buffer once a second and
   * reopen its file on SIGHUP. */
  int sig = 0;
  for (;;) {
    struct timespec second = {1, 0};
    sig = sigtimedwait(&sigs, NULL, &second);
    if (sig == SIGTERM || sig == SIGINT) break;
    if (sig == SIGHUP) jx_alog_reopen(web->alog);
    jx_alog_tick(web->alog);
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
