/* arena.c — region allocator and the single out-of-memory policy. */
#include "util/arena.h" /* and through it jixiao.h: the wrappers are public */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jx_out_of_memory(size_t n) {
  fprintf(stderr, "jixiao: 内存不足（申请 %zu 字节失败），程序终止。\n", n);
  abort();
}

void *jx_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) jx_out_of_memory(n);
  return p;
}

void *jx_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) jx_out_of_memory(count * size);
  return p;
}

void *jx_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) jx_out_of_memory(n);
  return q;
}

typedef struct block {
  struct block *next;
  size_t size, used;
  _Alignas(max_align_t) unsigned char data[];
} block;

struct jx_arena {
  block *head;
};

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JX_NO_SPARES 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define JX_NO_SPARES 1
#endif
#ifdef JX_NO_SPARES /* reused blocks would hide a use after free from ASan */
enum { BLOCK_MIN = 32 * 1024, SPARE_MAX = 0 };
/* Under ASan a block's free tail is poisoned and each allocation is unpoisoned as it is
 * handed out, with a poisoned gap (REDZONE) after it: writing past an allocation is
 * reported even inside a block (a 2-byte body block overflowed by a chunked body went
 * unseen until it left the block, issue #12). */
#include <sanitizer/asan_interface.h>
enum { REDZONE = 16 };
#define JX_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define JX_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
enum { BLOCK_MIN = 32 * 1024, SPARE_MAX = 16, REDZONE = 0 };
#define JX_POISON(p, n) ((void)(p), (void)(n))
#define JX_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* Standard-size blocks of freed arenas are kept for the next arena of the same
 * thread: a batch of department-years then stops churning malloc and the kernel. */
static _Thread_local block *spare[SPARE_MAX ? SPARE_MAX : 1];
static _Thread_local int n_spare;

jx_arena *jx_arena_new(void) { return jx_xcalloc(1, sizeof(jx_arena)); }

void jx_arena_free(jx_arena *a) {
  if (!a) return;
  block *b = a->head;
  while (b) {
    block *next = b->next;
    if (b->size == BLOCK_MIN && n_spare < SPARE_MAX) spare[n_spare++] = b;
    else {
      JX_UNPOISON(b->data, b->size);
      free(b);
    }
    b = next;
  }
  free(a);
}

void jx_arena_release_spares(void) {
  while (n_spare > 0) free(spare[--n_spare]);
}


void *jx_arena_alloc(jx_arena *a, size_t n) {
  void *p = jx_arena_take(a, n);
  memset(p, 0, n);
  return p;
}

void *jx_arena_take(jx_arena *a, size_t n) {
  const size_t align = _Alignof(max_align_t);
  if (n > SIZE_MAX / 2) jx_out_of_memory(n);
  size_t asked = n;
  n = (n + REDZONE + align - 1) & ~(align - 1);
  block *b = a->head;
  if (!b || b->size - b->used < n) {
    size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
    /* Large requests get their own block behind the current one so the current
     * block's free tail is not wasted. */
    block *nb = size == BLOCK_MIN && n_spare > 0 ? spare[--n_spare] : jx_xmalloc(sizeof(block) + size);
    nb->size = size;
    nb->used = 0;
    JX_POISON(nb->data, size);
    if (b && n > BLOCK_MIN) {
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      a->head = nb;
    }
    b = nb;
  }
  void *p = b->data + b->used;
  JX_UNPOISON(p, asked);
  b->used += n;
  return p;
}

char *jx_arena_strndup(jx_arena *a, const char *s, size_t n) {
  char *p = jx_arena_take(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *jx_arena_strdup(jx_arena *a, const char *s) { return s ? jx_arena_strndup(a, s, strlen(s)) : NULL; }

char *jx_arena_vprintf(jx_arena *a, const char *fmt, va_list ap) {
  char small[256]; /* most messages fit: format once, then copy */
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap2); // NOLINT(clang-analyzer-valist.Uninitialized): va_copy above; clang 14 false positive
  va_end(ap2);
  if (n < 0) n = 0;
  if ((size_t)n < sizeof small) return jx_arena_strndup(a, small, (size_t)n);
  char *p = jx_arena_alloc(a, (size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
  return p;
}

char *jx_arena_printf(jx_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = jx_arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

void *jx_arena_grow(jx_arena *a, void *old, size_t old_n, size_t new_cap, size_t elem) {
  if (new_cap && elem > SIZE_MAX / new_cap) jx_out_of_memory(SIZE_MAX);
  void *p = jx_arena_take(a, new_cap * elem); /* the tail past old_n is filled by the caller */
  if (old_n) memcpy(p, old, old_n * elem);
  return p;
}
