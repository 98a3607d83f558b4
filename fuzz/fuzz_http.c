/* fuzz_http.c — libFuzzer target: raw HTTP requests from untrusted bytes against the whole
 * `jixiao serve` (libmicrohttpd, routing, authorisation, handlers), run in this process.
 *
 *   first input ─► a seeded SQLite database in a temporary directory, jx_web_serve on
 *                  127.0.0.1:0 in a thread of its own, two sessions logged in over HTTP
 *   each input  ─► one TCP connection: the bytes as they are (split where the head ends,
 *                  so that a body may come in a read of its own), the answers read until
 *                  each request has one, the server closes or goes quiet; then a reset
 *
 * Placeholders in the input are replaced before sending: @S1@ / @C1@ by the session
 * cookie and CSRF token of an officer of U1, @S2@ / @C2@ by those of a reviewer (so
 * mutations reach the handlers behind the login); a request to /api/logout keeps them
 * as they are (the sessions live for the whole run).  The accounts' password is random,
 * so a successful login (an argon2id hash: slow) is never found by mutation.
 * Besides any sanitizer report in the server's threads, a finding is an answer that is
 * not HTTP/1.x or a 500 "internal" answer (a handler that set no answer, a statement
 * cache overflow).  A request that gets no answer is not one: the harness cannot tell a
 * body still expected from a hang (tests/web/limits.test.mjs checks the known one).
 * Per input: a loopback connection, one request, its answer (up to 3 s for a complete
 * request: a password hash under ASan takes up to a second), or 5 ms of quiet for an
 * incomplete one. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem, strncasecmp */
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jixiao.h"
#include "util/arena.h"

#ifndef JX_SOURCE_DIR
#define JX_SOURCE_DIR "."
#endif

#define ANSWER_MAX ((size_t)256 << 10) /* bytes of an answer kept for the checks */

static unsigned short port;
static char session[2][128], csrf[2][128];
static char dir[] = "/tmp/jx-fuzz-http-XXXXXX";
static char db_path[256];
static jx_web_config cfg;

static void die(const char *what, const char *why) {
  fprintf(stderr, "fuzz_http: %s: %s\n", what, why);
  abort();
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) die("read", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (n < 0) die("read", path);
  char *buf = jx_xmalloc((size_t)n + 1);
  if (fread(buf, 1, (size_t)n, f) != (size_t)n) die("read", path);
  fclose(f);
  buf[n] = '\0';
  *len = (size_t)n;
  return buf;
}

/* s with "name: X\n" followed by a deviation note, for each unmet indicator of the
 * example (as tests/web/seed.c): it can then be submitted and published. */
static char *with_notes(char *s) {
  static const char *const names[] = {"保障职工基本支出和单位正常运转", "人员工资和保险等以及工会福利车贴等公用费用",
                                      "委员培训、调研考察、文史资料编撰、专委会工作"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char from[512];
    snprintf(from, sizeof from, "name: %s\n", names[i]);
    const char *at = strstr(s, from);
    if (!at) continue;
    static const char note[] = "    deviation_note: 测试数据：偏差原因已说明\n";
    size_t n = strlen(s), head = (size_t)(at - s) + strlen(from);
    char *t = jx_xmalloc(n + sizeof note);
    memcpy(t, s, head);
    memcpy(t + head, note, sizeof note - 1);
    memcpy(t + head + sizeof note - 1, s + head, n - head + 1);
    free(s);
    s = t;
  }
  return s;
}

static void seed(const char *password) {
  char err[1024], csv[300];
  jx_store *s = NULL;
  if (jx_store_open(db_path, &s, err, sizeof err) != JX_OK) die("open", err);
  snprintf(csv, sizeof csv, "%s/departments.csv", dir);
  FILE *f = fopen(csv, "w");
  if (!f) die("write", csv);
  fputs("code,name,parent,level\nB,某县财政局,,bureau\nU1,政协峨边彝族自治县委员会办公室,B,unit\n", f);
  fclose(f);
  jx_diags d = {0};
  size_t loaded = 0;
  if (jx_store_load_departments(s, csv, "seed", &loaded, &d) != JX_OK) die("departments", jx_store_errmsg(s));
  jx_diags_free(&d);
  size_t len;
  char *y = with_notes(slurp(JX_SOURCE_DIR "/examples/ebian-cppcc-2023.yaml", &len));
  /* filed under U1: the example's own 单位编码 becomes a comment (a file and a department
   * naming two codes are refused) */
  char *code = strstr(y, "  code: \"511132001\"");
  if (code) code[2] = '#';
  char *at = strstr(y, "year: 202");
  if (!at || !at[9]) die("seed", "no year in the example");
  for (int year = 2022; year <= 2023; year++) { /* 2022 published, 2023 a draft */
    at[9] = (char)('0' + year % 10);
    jx_store_import_opts o = {.user = "seed", .department = "U1"};
    jx_store_import_info info;
    jx_store_import_bytes(s, "U1.yaml", y, strlen(y), &o, &info, &d);
    jx_diags_free(&d);
    if (info.version == 0) die("import", jx_store_errmsg(s));
  }
  free(y);
  jx_review_comment c = {NULL, "种子数据"};
  jx_transition_opts t = {.user = "seed", .comments = &c, .n_comments = 1};
  /* the unit's own approval, then the bureau's (no 主管部门 above U1), then publication */
  for (const char *const *a = (const char *const[]){"submit", "approve", "approve", "publish", NULL}; *a; a++)
    if (jx_store_transition(s, &(jx_dy_key){"U1", 2022, NULL}, *a, &t) != JX_OK) die(*a, jx_store_errmsg(s));
  jx_store_close(s);
  if (jx_user_add(db_path, "officer1", password, "officer", "U1", err, sizeof err) != JX_OK ||
      jx_user_add(db_path, "reviewer", password, "reviewer", NULL, err, sizeof err) != JX_OK)
    die("account", err);
}

static void *serve_thread(void *arg) {
  (void)arg;
  char err[1024] = "";
  if (jx_web_serve(&cfg, err, sizeof err) != JX_OK) die("serve", err);
  return NULL;
}

/* The complete final answers in a[0..n) (a 1xx is not one; a HEAD's answer, whose body
 * never comes, stays incomplete: the caller's short wait for quiet ends it). */
static size_t answers(const char *a, size_t n) {
  size_t pos = 0, done = 0;
  while (pos < n) {
    const char *end = memmem(a + pos, n - pos, "\r\n\r\n", 4);
    if (!end || n - pos < 12) break;
    size_t head = (size_t)(end - (a + pos)) + 4;
    unsigned status = (unsigned)strtoul(a + pos + 9, NULL, 10);
    if (status >= 100 && status < 200) {
      pos += head;
      continue;
    }
    size_t body = 0;
    bool known = status == 204 || status == 304;
    for (const char *h = a + pos; !known && h < end; h++)
      if ((h[0] == '\n') && !strncasecmp(h + 1, "Content-Length:", 15)) {
        body = (size_t)strtoull(h + 16, NULL, 10);
        known = true;
      }
    if (!known || body > n - pos - head) break;
    pos += head + body;
    done++;
  }
  return done;
}

/* One exchange: send req (len bytes; split at split when 0 < split < len), then read the
 * answers until the server closes, or every request (counted by the ends of heads in
 * req) has its complete answer, or the server is quiet: 5 ms once an answer began, and
 * before that first byte wait ms.  The socket is then reset (SO_LINGER 0), so that the
 * server sees the end at once: libmicrohttpd 0.9.75 on epoll misses an end of stream that
 * comes with the last bytes of a request (a half-closed client) until a deadline cuts it.
 * Returns the bytes read (NUL-terminated, at most ANSWER_MAX kept, *n of them). */
static char *exchange(const char *req, size_t len, size_t split, int wait, size_t *n) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket", strerror(errno));
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    /* libFuzzer's timer signal may interrupt it: the connection goes on being made */
    if (errno != EINTR) die("connect (the server is gone?)", strerror(errno));
    struct pollfd w = {.fd = fd, .events = POLLOUT};
    int e = 0;
    socklen_t el = sizeof e;
    while (poll(&w, 1, 1000) < 0 && errno == EINTR) continue;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el) != 0 || e) die("connect (the server is gone?)", strerror(e));
  }
  if (!split || split >= len) split = len;
  size_t expected = 0;
  for (const char *p = req; (p = memmem(p, len - (size_t)(p - req), "\r\n\r\n", 4)); p += 4) expected++;
  size_t bounds[3] = {0, split, len};
  for (int i = 0; i < 2; i++)
    for (size_t off = bounds[i]; off < bounds[i + 1];) {
      ssize_t w = send(fd, req + off, bounds[i + 1] - off, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) goto sent; /* the server closed early (an early refusal): read its answer */
      off += (size_t)w;
    }
sent:;
  char *out = jx_xmalloc(ANSWER_MAX + 1);
  size_t got = 0;
  for (;;) {
    if (expected && answers(out, got) >= expected) break;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int k = poll(&p, 1, got ? 5 : wait);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    char buf[65536];
    ssize_t r = recv(fd, buf, sizeof buf, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break; /* closed (or reset: also a close) */
    size_t keep = (size_t)r < ANSWER_MAX - got ? (size_t)r : ANSWER_MAX - got;
    memcpy(out + got, buf, keep);
    got += keep;
  }
  struct linger reset = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  close(fd);
  out[got] = '\0';
  *n = got;
  return out;
}

/* Log in name over HTTP; keeps the cookie value and the CSRF token in slot i. */
static void login(int i, const char *name, const char *password) {
  char body[256], req[512];
  int bl = snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", name, password);
  int rl = snprintf(req, sizeof req,
                    "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
                    bl, body);
  size_t n;
  char *a = exchange(req, (size_t)rl, 0, 30000, &n);
  const char *c = strstr(a, "Set-Cookie: "), *t = strstr(a, "\"csrf\":\"");
  if (strncmp(a, "HTTP/1.1 200", 12) != 0 || !c || !t) die("login", a);
  c += strlen("Set-Cookie: ");
  snprintf(session[i], sizeof session[i], "%.*s", (int)strcspn(c, ";\r\n"), c);
  t += strlen("\"csrf\":\"");
  snprintf(csrf[i], sizeof csrf[i], "%.*s", (int)strcspn(t, "\""), t);
  free(a);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *f) {
  (void)st;
  (void)flag;
  (void)f;
  return remove(path);
}

/* At exit: the temporary directory goes (the server's thread may still hold the open
 * database: on Linux the files go all the same). */
static void remove_dir(void) { nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS); }

static void start(void) {
  if (!mkdtemp(dir)) die("mkdtemp", strerror(errno));
  atexit(remove_dir);
  snprintf(db_path, sizeof db_path, "%s/web.db", dir);
  char password[33];
  FILE *r = fopen("/dev/urandom", "rb");
  unsigned char raw[16];
  if (!r || fread(raw, 1, sizeof raw, r) != sizeof raw) die("urandom", strerror(errno));
  fclose(r);
  for (size_t i = 0; i < sizeof raw; i++) snprintf(password + 2 * i, 3, "%02x", raw[i]);
  seed(password);
  int pipefd[2];
  if (pipe(pipefd) != 0) die("pipe", strerror(errno));
  cfg = (jx_web_config){.db = db_path, .listen = "127.0.0.1:0", .framework_path = JX_SOURCE_DIR "/frameworks",
                        .threads = 2, .log = fdopen(pipefd[1], "w"), .max_per_address = UINT_MAX};
  pthread_t th;
  if (pthread_create(&th, NULL, serve_thread, NULL) != 0) die("thread", "pthread_create");
  pthread_detach(th);
  char line[512];
  size_t n = 0;
  while (n < sizeof line - 1) { /* "jixiao serve: 正在监听 http://127.0.0.1:PORT/ …" */
    ssize_t k = read(pipefd[0], line + n, 1);
    if (k <= 0) die("serve", "no listening line");
    if (line[n++] == '\n') break;
  }
  line[n] = '\0';
  const char *p = strstr(line, "http://127.0.0.1:");
  if (!p) die("serve", line);
  port = (unsigned short)strtoul(p + strlen("http://127.0.0.1:"), NULL, 10);
  login(0, "officer1", password);
  login(1, "reviewer", password);
}

/* req with the placeholders replaced (jx_xmalloc'd, *len bytes). */
static char *substitute(const uint8_t *data, size_t size, size_t *len) {
  static const char *const keys[] = {"@S1@", "@C1@", "@S2@", "@C2@"};
  const char *vals[] = {session[0], csrf[0], session[1], csrf[1]};
  bool logout = memmem(data, size, "/api/logout", 11) != NULL;
  size_t at = 0;
  for (size_t i = 0; i < size; i++) at += data[i] == '@';
  char *out = jx_xmalloc(size + at * 128 + 1); /* a key becomes at most 127 bytes */
  size_t o = 0;
  for (size_t i = 0; i < size;) {
    size_t k = 0;
    if (!logout && data[i] == '@' && size - i >= 4)
      for (; k < 4; k++)
        if (!memcmp(data + i, keys[k], 4)) break;
    if (!logout && data[i] == '@' && k < 4) {
      size_t vl = strlen(vals[k]);
      memcpy(out + o, vals[k], vl);
      o += vl;
      i += 4;
    } else {
      out[o++] = (char)data[i++];
    }
  }
  *len = o;
  return out;
}

/* The chunked body at p[0..n) reaches its last chunk (or is malformed: refused at once). */
static bool chunks_complete(const char *p, size_t n) {
  for (;;) {
    const char *eol = memmem(p, n, "\r\n", 2);
    if (!eol) return false;
    char *end;
    unsigned long long size = strtoull(p, &end, 16);
    if (end == p) return true; /* malformed */
    if (size == 0) return true;
    size_t line = (size_t)(eol - p) + 2;
    if (size > n - line || n - line - size < 2) return false;
    p += line + size + 2;
    n -= line + size + 2;
  }
}

/* The first request of req is complete as HTTP/1.1 frames it: a head, and the body its
 * Content-Length declares, or a chunked body up to its last chunk.  Such a request must
 * be answered; the harness then waits. */
static bool request_complete(const char *req, size_t len) {
  const char *end = memmem(req, len, "\r\n\r\n", 4);
  if (!end) return false;
  const char *body = end + 4;
  size_t have = len - (size_t)(body - req);
  for (const char *h = req; h < end; h++) {
    if (*h != '\n') continue;
    if (!strncasecmp(h + 1, "Transfer-Encoding:", 18)) return chunks_complete(body, have);
    if (!strncasecmp(h + 1, "Content-Length:", 15)) return strtoull(h + 16, NULL, 10) <= have;
  }
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bool started;
  if (!started) {
    start();
    started = true;
  }
  if (size == 0 || size > ((size_t)256 << 10)) return 0;
  size_t len;
  char *req = substitute(data, size, &len);
  const char *end = memmem(req, len, "\r\n\r\n", 4);
  size_t split = end ? (size_t)(end - req) + 4 : 0;
  size_t n;
  /* a complete request is answered, perhaps after a slow handler (a report, a password
   * hash); an incomplete one is not (unless refused at once) */
  char *ans = exchange(req, len, split, request_complete(req, len) ? 3000 : 5, &n);
  if (n && (n < 9 || memcmp(ans, "HTTP/1.", 7) != 0)) {
    fprintf(stderr, "fuzz_http: an answer that is not HTTP/1.x:\n%.*s\n", (int)(n < 2000 ? n : 2000), ans);
    abort();
  }
  if (n > 12 && !memcmp(ans + 9, "500", 3) && strstr(ans, "\"error\":\"internal\"")) {
    fprintf(stderr, "fuzz_http: an internal error:\n%.*s\n", (int)(n < 2000 ? n : 2000), ans);
    abort();
  }
  free(ans);
  free(req);
  return 0;
}
