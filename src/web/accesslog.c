/* accesslog.c — `jixiao serve --access-log`: one line per request (time, client
 * address — behind a --trusted-proxy the one it names —, method, path without the
 * query, status, bytes, microseconds, account id).
 * Each worker thread formats its lines by hand straight into a buffer of its own (no
 * printf, no shared lock on the request path); a buffer is written, by whole lines,
 * when it fills, once a second (jx_alog_tick, from the main thread) and at stop.
 * Nothing secret is ever written: no query string, no header (so no cookie, CSRF token
 * or password), no body. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"

#define ALOG_BUF ((size_t)64 << 10)
#define ALOG_PATH 1024 /* bytes of the path written at most (a longer one is cut, marked …) */
#define ALOG_LINE (ALOG_PATH + 256) /* one line at most: the path and every other field */

/* One worker thread's buffer.  Its lock is taken by its thread for every line and by
 * the main thread once a second: practically never contended. */
typedef struct tbuf {
  pthread_mutex_t mu;
  size_t n;
  struct tbuf *next;
  char buf[ALOG_BUF];
} tbuf;

typedef struct jx_alog {
  uint64_t serial;        /* tells this log from an earlier one at the same address */
  pthread_mutex_t list_mu; /* guards bufs */
  tbuf *bufs;
  int fd;                 /* never changes while the log is open: SIGHUP dup2()s over it */
  char *path;             /* NULL: stderr */
} jx_alog;

static atomic_uint_fast64_t serials;
static __thread uint64_t my_serial; /* the log my_buf belongs to */
static __thread tbuf *my_buf;

static int open_file(const char *path) { return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640); }

jx_alog *jx_alog_open(const char *spec, char *err, size_t errlen) {
  if (!spec || !*spec) return NULL;
  jx_alog *l = jx_xcalloc(1, sizeof *l);
  l->serial = atomic_fetch_add(&serials, 1) + 1;
  pthread_mutex_init(&l->list_mu, NULL);
  if (!strcmp(spec, "-")) {
    l->fd = STDERR_FILENO;
    return l;
  }
  l->fd = open_file(spec);
  if (l->fd < 0) {
    snprintf(err, errlen, "无法打开访问日志“%s”：%s", spec, strerror(errno));
    pthread_mutex_destroy(&l->list_mu);
    free(l);
    return NULL;
  }
  size_t n = strlen(spec) + 1;
  l->path = memcpy(jx_xmalloc(n), spec, n);
  return l;
}

/* Write b's lines (under b->mu).  With O_APPEND every write() lands at the end, and a
 * write holds whole lines, so the threads' lines never mix inside a line.  A failed
 * write drops the lines: the server goes on. */
static void flush_locked(const jx_alog *l, tbuf *b) {
  size_t off = 0;
  while (off < b->n) {
    ssize_t w = write(l->fd, b->buf + off, b->n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    off += (size_t)w;
  }
  b->n = 0;
}

/* The calling thread's buffer, made and listed on its first line. */
static tbuf *thread_buf(jx_alog *l) {
  if (my_serial == l->serial) return my_buf;
  tbuf *b = jx_xcalloc(1, sizeof *b);
  pthread_mutex_init(&b->mu, NULL);
  pthread_mutex_lock(&l->list_mu);
  b->next = l->bufs;
  l->bufs = b;
  pthread_mutex_unlock(&l->list_mu);
  my_serial = l->serial;
  my_buf = b;
  return b;
}

/* s without its NUL (the line is not a C string); returns the end. */
static char *put_str(char *p, const char *s) {
  while (*s) *p++ = *s++;
  return p;
}

static char *put_u64(char *p, uint64_t v) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) *p++ = tmp[--n];
  return p;
}

static char *put_2(char *p, int v) {
  *p++ = (char)('0' + v / 10 % 10);
  *p++ = (char)('0' + v % 10);
  return p;
}

/* The path as text on one line: bytes below 0x21, 0x7f, '"' and '\\' as \xHH (a
 * decoded %0a cannot start a forged line); UTF-8 as it is; at most ALOG_PATH bytes. */
static char *put_path(char *p, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  const char *end = p + ALOG_PATH - 4;
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (p + 4 > end) {
      return put_str(p, "\xE2\x80\xA6"); /* … */
    }
    if (c < 0x21 || c == 0x7f || c == '"' || c == '\\') {
      *p++ = '\\';
      *p++ = 'x';
      *p++ = hex[c >> 4];
      *p++ = hex[c & 15];
    } else *p++ = (char)c;
  }
  return p;
}

/* The client's address: the TCP peer, or the client a trusted proxy names (client.c). */
static char *put_addr(char *p, const jx_req *r) {
  char buf[JX_ADDR_TEXT];
  return put_str(p, jx_req_client_addr(r, buf));
}

/* "2026-11-27T16:40:05.123Z"; the part up to the seconds is made once a second per thread. */
static char *put_time(char *p) {
  static __thread time_t last = -1;
  static __thread char secs[20]; /* "2026-11-27T16:40:05" */
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (ts.tv_sec != last) {
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char *q = put_u64(secs, (uint64_t)tm.tm_year + 1900U);
    *q++ = '-';
    q = put_2(q, tm.tm_mon + 1);
    *q++ = '-';
    q = put_2(q, tm.tm_mday);
    *q++ = 'T';
    q = put_2(q, tm.tm_hour);
    *q++ = ':';
    q = put_2(q, tm.tm_min);
    *q++ = ':';
    q = put_2(q, tm.tm_sec);
    *q = '\0';
    last = ts.tv_sec;
  }
  p = put_str(p, secs);
  long ms = ts.tv_nsec / 1000000;
  *p++ = '.';
  *p++ = (char)('0' + ms / 100);
  p = put_2(p, (int)(ms % 100));
  *p++ = 'Z';
  return p;
}

void jx_alog_request(jx_alog *l, const jx_req *r) {
  if (!l || !r) return;
  tbuf *b = thread_buf(l);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t ns = (uint64_t)now.tv_sec * 1000000000ULL + (uint64_t)now.tv_nsec;
  uint64_t us = ns > r->t0_ns ? (ns - r->t0_ns) / 1000 : 0;
  size_t bytes = r->status == 304 || r->status == 204 ? 0 : r->cached ? r->cached->len : r->len;
  pthread_mutex_lock(&b->mu);
  if (b->n + ALOG_LINE > sizeof b->buf) flush_locked(l, b);
  char *p = b->buf + b->n;
  p = put_time(p);
  *p++ = ' ';
  p = put_addr(p, r);
  *p++ = ' ';
  const char *m = r->log_method ? r->log_method : "-";
  p = strlen(m) < 16 ? put_str(p, m) : put_str(p, "?");
  *p++ = ' ';
  p = put_path(p, r->path);
  *p++ = ' ';
  if (r->status) p = put_u64(p, r->status);
  else *p++ = '-'; /* the client left before an answer */
  *p++ = ' ';
  p = put_u64(p, bytes);
  *p++ = ' ';
  p = put_u64(p, us);
  *p++ = ' ';
  if (r->user) p = put_u64(p, (uint64_t)r->user->id);
  else *p++ = '-';
  *p++ = '\n';
  b->n = (size_t)(p - b->buf);
  pthread_mutex_unlock(&b->mu);
}

void jx_alog_tick(jx_alog *l) {
  if (!l) return;
  pthread_mutex_lock(&l->list_mu);
  for (tbuf *b = l->bufs; b; b = b->next) {
    pthread_mutex_lock(&b->mu);
    if (b->n) flush_locked(l, b);
    pthread_mutex_unlock(&b->mu);
  }
  pthread_mutex_unlock(&l->list_mu);
}

void jx_alog_reopen(jx_alog *l) {
  if (!l || !l->path) return;
  jx_alog_tick(l); /* the lines so far go to the old file */
  int fd = open_file(l->path);
  if (fd < 0) return; /* keep writing to the old file */
  /* dup3 replaces the file behind l->fd in one step: a worker writing right now writes
   * to the old file or the new one, never to a closed (or reused) descriptor */
  (void)dup3(fd, l->fd, O_CLOEXEC);
  close(fd);
}

void jx_alog_close(jx_alog *l) {
  if (!l) return;
  jx_alog_tick(l);
  for (tbuf *b = l->bufs, *next; b; b = next) {
    next = b->next;
    pthread_mutex_destroy(&b->mu);
    free(b);
  }
  if (l->path) close(l->fd);
  pthread_mutex_destroy(&l->list_mu);
  free(l->path);
  free(l);
}
