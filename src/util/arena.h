/* arena.h — region allocator (one per department-year, framework, result or request) and the OOM policy. */
#ifndef JX_ARENA_H
#define JX_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/* Out of memory: jx_xmalloc, jx_xcalloc and jx_xrealloc (declared in jixiao.h, public,
 * so that the programs follow the same policy) print one line in Chinese to stderr and
 * abort.  Every allocation in the library goes through them. */
#include "jixiao.h"

typedef struct jx_arena jx_arena;

jx_arena *jx_arena_new(void);
/* Frees every block of the arena and the arena itself.  NULL is allowed.  Up to 16
 * standard blocks are kept per thread for the next arena (see jx_arena_release_spares). */
void jx_arena_free(jx_arena *a);
/* Return the kept blocks of this thread to malloc (end of a batch, thread exit). */
void jx_arena_release_spares(void);
/* Zeroed memory, aligned for any type, owned by the arena. */
void *jx_arena_alloc(jx_arena *a, size_t n);
/* The same, not zeroed: for callers that write every byte. */
void *jx_arena_take(jx_arena *a, size_t n);
char *jx_arena_strdup(jx_arena *a, const char *s);
char *jx_arena_strndup(jx_arena *a, const char *s, size_t n);
char *jx_arena_printf(jx_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *jx_arena_vprintf(jx_arena *a, const char *fmt, va_list ap);
/* Grow an arena-owned array: returns a new block of new_cap elements holding the
 * first old_n elements of old (old is left in the arena); the rest is not zeroed. */
void *jx_arena_grow(jx_arena *a, void *old, size_t old_n, size_t new_cap, size_t elem);

/* Append one element to an arena-backed JX_LIST-shaped vector.  cap is tracked by
 * the caller in a size_t. */
#define JX_VEC_PUSH(arena, list, capvar)                                                   \
  (((list).n == (capvar)                                                                   \
        ? ((list).items = jx_arena_grow((arena), (list).items, (list).n,                   \
                                        (capvar) = (capvar) ? (capvar) * 2 : 4,            \
                                        sizeof *(list).items))                             \
        : 0),                                                                              \
   &(list).items[(list).n++])

#endif
