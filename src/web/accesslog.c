/* accesslog.c — `jixiao serve --access-log`: one line per request (time, client
 * address, method, path without the query, status, bytes, microseconds, account id),
 * buffered and written by whole lines, so that logging costs a formatted line and a
 * copy under a lock, not a system call, per request.  Nothing secret is ever written:
 * no query string, no header (so no cookie, CSRF token or password), no body. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"

#define ALOG_BUF ((size_t)64 << 10)
#define ALOG_LINE 2048 /* one line at most (a longer path is cut, marked with …) */

typedef struct jx_alog {
  pthread_mutex_t mu;
  int fd;
  char *path; /* NULL: stderr */
  size_t n;
  char buf[ALOG_BUF];
} jx_alog;

static int open_file(const char *path) { return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640); }

jx_alog *jx_alog_open(const char *spec, char *err, size_t errlen) {
  if (!spec || !*spec) return NULL;
  jx_alog *l = calloc(1, sizeof *l);
  if (!l) {
    snprintf(err, errlen, "内存不足");
    return NULL;
  }
  pthread_mutex_init(&l->mu, NULL);
  if (!strcmp(spec, "-")) {
    l->fd = STDERR_FILENO;
    return l;
  }
  l->fd = open_file(spec);
  if (l->fd < 0) {
    snprintf(err, errlen, "无法打开访问日志“%s”：%s", spec, strerror(errno));
    pthread_mutex_destroy(&l->mu);
    free(l);
    return NULL;
  }
  l->path = strdup(spec);
  return l;
}

/* Write the buffer (under l->mu).  A failed write drops the lines: the server goes on. */
static void flush_locked(jx_alog *l) {
  size_t off = 0;
  while (off < l->n) {
    ssize_t w = write(l->fd, l->buf + off, l->n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    off += (size_t)w;
  }
  l->n = 0;
}

/* The path as text on one line: bytes below 0x21, 0x7f, '"' and '\\' as \xHH (a
 * decoded %0a cannot start a forged line); UTF-8 as it is. */
static size_t put_path(char *out, size_t cap, const char *p) {
  size_t n = 0;
  for (; p && *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (n + 8 >= cap) {
      out[n++] = '\xE2'; /* … */
      out[n++] = '\x80';
      out[n++] = '\xA6';
      return n;
    }
    if (c < 0x21 || c == 0x7f || c == '"' || c == '\\') n += (size_t)snprintf(out + n, cap - n, "\\x%02X", c);
    else out[n++] = (char)c;
  }
  return n;
}

static void client_addr(const jx_req *r, char *buf, size_t n) {
  snprintf(buf, n, "-");
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (!ci || !ci->client_addr) return;
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, (socklen_t)n);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, (socklen_t)n);
}

/* "2026-11-27T16:40:05.123Z"; the date part is formatted once a second per thread. */
static size_t stamp(char *out, size_t cap) {
  static __thread time_t last = -1;
  static __thread char secs[24];
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (ts.tv_sec != last) {
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    strftime(secs, sizeof secs, "%Y-%m-%dT%H:%M:%S", &tm);
    last = ts.tv_sec;
  }
  return (size_t)snprintf(out, cap, "%s.%03ldZ", secs, ts.tv_nsec / 1000000);
}

void jx_alog_request(jx_alog *l, const jx_req *r) {
  if (!l || !r) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t ns = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
  uint64_t us = ns > r->t0_ns ? (ns - r->t0_ns) / 1000 : 0;
  size_t bytes = r->status == 304 || r->status == 204 ? 0 : r->cached ? r->cached->len : r->len;
  char line[ALOG_LINE], addr[64], status[12];
  client_addr(r, addr, sizeof addr);
  if (r->status) snprintf(status, sizeof status, "%u", r->status);
  else snprintf(status, sizeof status, "-"); /* the client left before an answer */
  size_t n = stamp(line, sizeof line);
  n += (size_t)snprintf(line + n, sizeof line - n, " %s %s ", addr, r->log_method ? r->log_method : "-");
  n += put_path(line + n, sizeof line - n - 96, r->path);
  if (r->user) n += (size_t)snprintf(line + n, sizeof line - n, " %s %zu %llu %lld\n", status, bytes, (unsigned long long)us,
                                     (long long)r->user->id);
  else n += (size_t)snprintf(line + n, sizeof line - n, " %s %zu %llu -\n", status, bytes, (unsigned long long)us);
  if (n >= sizeof line) n = sizeof line - 1; /* cannot happen: the path was cut with room to spare */
  pthread_mutex_lock(&l->mu);
  if (l->n + n > sizeof l->buf) flush_locked(l);
  memcpy(l->buf + l->n, line, n);
  l->n += n;
  pthread_mutex_unlock(&l->mu);
}

void jx_alog_tick(jx_alog *l) {
  if (!l) return;
  pthread_mutex_lock(&l->mu);
  if (l->n) flush_locked(l);
  pthread_mutex_unlock(&l->mu);
}

void jx_alog_reopen(jx_alog *l) {
  if (!l || !l->path) return;
  pthread_mutex_lock(&l->mu);
  flush_locked(l);
  int fd = open_file(l->path);
  if (fd >= 0) { /* else keep writing to the old file */
    close(l->fd);
    l->fd = fd;
  }
  pthread_mutex_unlock(&l->mu);
}

void jx_alog_close(jx_alog *l) {
  if (!l) return;
  pthread_mutex_lock(&l->mu);
  flush_locked(l);
  pthread_mutex_unlock(&l->mu);
  if (l->path) close(l->fd);
  pthread_mutex_destroy(&l->mu);
  free(l->path);
  free(l);
}
