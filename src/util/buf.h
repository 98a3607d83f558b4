/* buf.h — a growable, NUL-terminated byte buffer on the heap (internal; header-only so
 * that every module that writes text or bytes can use it). */
#ifndef JX_BUF_H
#define JX_BUF_H

#include <stddef.h>
#include <string.h>

#include "util/arena.h"

/* Zero-initialise; p is owned by the caller afterwards (free(b.p)).  Out of memory
 * aborts through jx_xrealloc, the one OOM policy. */
typedef struct {
  char *p;
  size_t n, cap;
} jx_buf;

static inline void jx_buf_reserve(jx_buf *b, size_t more) {
  if (b->n + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + more + 1) cap *= 2;
  b->p = jx_xrealloc(b->p, cap);
  b->cap = cap;
}

static inline void jx_buf_mem(jx_buf *b, const void *s, size_t n) {
  jx_buf_reserve(b, n);
  if (n) memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static inline void jx_buf_puts(jx_buf *b, const char *s) { jx_buf_mem(b, s, strlen(s)); }
static inline void jx_buf_ch(jx_buf *b, char c) { jx_buf_mem(b, &c, 1); }

#endif
