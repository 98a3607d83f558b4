/* respcache.c — ready answers of immutable bodies (published pages, charts, scores),
 * built once and queued as they are by every worker thread; see web.h for the lifetime
 * rule that makes sending them without a copy safe: entries are never freed while the
 * daemon runs. */
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

/* Open addressing; a slot, once filled, never changes until jx_rcache_clear.  Readers
 * load slots without a lock (acquire pairs with the writer's release). */
static _Atomic(jx_cached *) slots[JX_WEB_RCACHE_SLOTS];
static pthread_mutex_t put_mu = PTHREAD_MUTEX_INITIALIZER;
static size_t used_bytes, used_slots; /* under put_mu */

static size_t hash(int64_t id, int64_t version, const char *kind) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (int i = 0; i < 8; i++) h = (h ^ (uint64_t)((uint64_t)id >> (8 * i) & 0xff)) * 1099511628211ULL;
  for (int i = 0; i < 8; i++) h = (h ^ (uint64_t)((uint64_t)version >> (8 * i) & 0xff)) * 1099511628211ULL;
  for (const char *p = kind; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return (size_t)(h % JX_WEB_RCACHE_SLOTS);
}

static bool same(const jx_cached *e, int64_t id, int64_t version, const char *kind) {
  return e->id == id && e->version == version && !strcmp(e->kind, kind);
}

const jx_cached *jx_rcache_get(int64_t id, int64_t version, const char *kind) {
  size_t i = hash(id, version, kind);
  for (size_t n = 0; n < JX_WEB_RCACHE_SLOTS; n++, i = (i + 1) % JX_WEB_RCACHE_SLOTS) {
    jx_cached *e = atomic_load_explicit(&slots[i], memory_order_acquire);
    if (!e) return NULL;
    if (same(e, id, version, kind)) return e;
  }
  return NULL;
}

const jx_cached *jx_rcache_put(jx_req *r, int64_t id, int64_t version, const char *kind, const void *body, size_t len) {
  if (strlen(kind) >= sizeof ((jx_cached *)0)->kind) return NULL;
  pthread_mutex_lock(&put_mu);
  const jx_cached *found = jx_rcache_get(id, version, kind);
  /* at most 3/4 of the slots, so that a miss ends at an empty slot soon */
  if (found || used_bytes + len > JX_WEB_RCACHE_BYTES || used_slots + 1 > (size_t)JX_WEB_RCACHE_SLOTS / 4 * 3) {
    pthread_mutex_unlock(&put_mu);
    return found;
  }
  jx_cached *e = jx_xcalloc(1, sizeof *e);
  char *copy = jx_xmalloc(len ? len : 1);
  if (len) memcpy(copy, body, len);
  struct MHD_Response *resp = MHD_create_response_from_buffer(len, copy, MHD_RESPMEM_PERSISTENT);
  if (!resp) {
    free(e);
    free(copy);
    pthread_mutex_unlock(&put_mu);
    return NULL;
  }
  if (r->ctype) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype);
  jx_web_common_headers(resp, r);
  for (size_t k = 0; k < r->n_headers; k++) MHD_add_response_header(resp, r->headers[k].name, r->headers[k].value);
  e->id = id;
  e->version = version;
  snprintf(e->kind, sizeof e->kind, "%s", kind); /* length checked above */
  e->len = len;
  e->resp = resp;
  e->body = copy;
  size_t i = hash(id, version, kind);
  while (atomic_load_explicit(&slots[i], memory_order_relaxed)) i = (i + 1) % JX_WEB_RCACHE_SLOTS;
  atomic_store_explicit(&slots[i], e, memory_order_release);
  used_bytes += len;
  used_slots++;
  pthread_mutex_unlock(&put_mu);
  return e;
}

void jx_rcache_clear(void) {
  pthread_mutex_lock(&put_mu);
  for (size_t i = 0; i < JX_WEB_RCACHE_SLOTS; i++) {
    jx_cached *e = atomic_exchange(&slots[i], NULL);
    if (!e) continue;
    MHD_destroy_response(e->resp);
    free(e->body);
    free(e);
  }
  used_bytes = used_slots = 0;
  pthread_mutex_unlock(&put_mu);
}
