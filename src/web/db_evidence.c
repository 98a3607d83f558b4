/* db_evidence.c — evidence files (佐证材料) of a department-year's indicators, stored as
 * bytes in the database (never on local disk, so every `serve` process sees them), and
 * the cache of rendered public pages.  See web/store.h. */
#include <sodium.h>
#include <string.h>

#include "store/db.h"
#include "web/store.h"

jx_status jx_evidence_add(jx_db *db, int64_t year_id, int64_t indicator, const char *name, const char *ctype,
                          const void *data, size_t len, int64_t account_id, int64_t *id) {
  unsigned char h[crypto_hash_sha256_BYTES];
  char hex[2 * crypto_hash_sha256_BYTES + 1], now[32];
  crypto_hash_sha256(h, data, len);
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  jx_db_now(now, sizeof now);
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              "INSERT INTO web_evidence (year_id, indicator, name, ctype, size, sha256, data, account_id,"
                              " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, year_id);
  jx_stmt_bind_int64(st, 2, indicator);
  jx_stmt_bind_text(st, 3, name, -1);
  jx_stmt_bind_text(st, 4, ctype, -1);
  jx_stmt_bind_int64(st, 5, (int64_t)len);
  jx_stmt_bind_text(st, 6, hex, -1);
  jx_stmt_bind_blob(st, 7, data, len);
  jx_stmt_bind_int64(st, 8, account_id);
  jx_stmt_bind_text(st, 9, now, -1);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    *id = jx_stmt_int64(st, 0);
    s = JX_OK;
  }
  jx_stmt_finalize(st);
  return s;
}

jx_status jx_evidence_list(jx_db *db, jx_arena *a, int64_t year_id, jx_evidence **items, size_t *n) {
  *items = NULL;
  *n = 0;
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              "SELECT e.id, e.indicator, e.name, e.ctype, e.size, e.sha256, e.created, a.username"
                              " FROM web_evidence e JOIN web_account a ON a.id = e.account_id"
                              " WHERE e.year_id = ? ORDER BY e.indicator, e.id",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, year_id);
  size_t cap = 0;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) {
    if (*n == cap) {
      *items = jx_arena_grow(a, *items, *n, cap = cap ? cap * 2 : 8, sizeof **items);
    }
    jx_evidence *e = &(*items)[(*n)++];
    memset(e, 0, sizeof *e);
    e->id = jx_stmt_int64(st, 0);
    e->year_id = year_id;
    e->indicator = jx_stmt_int64(st, 1);
    e->name = jx_arena_strdup(a, jx_stmt_text(st, 2));
    e->ctype = jx_arena_strdup(a, jx_stmt_text(st, 3));
    e->size = jx_stmt_int64(st, 4);
    e->sha256 = jx_arena_strdup(a, jx_stmt_text(st, 5));
    e->created = jx_arena_strdup(a, jx_stmt_text(st, 6));
    e->uploader = jx_arena_strdup(a, jx_stmt_text(st, 7));
  }
  jx_stmt_finalize(st);
  return s == JX_DB_DONE ? JX_OK : s;
}

jx_status jx_evidence_get(jx_db *db, jx_arena *a, int64_t id, jx_evidence *out) {
  memset(out, 0, sizeof *out);
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, "SELECT year_id, indicator, name, ctype, size, sha256, data FROM web_evidence WHERE id = ?",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, id);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    out->id = id;
    out->year_id = jx_stmt_int64(st, 0);
    out->indicator = jx_stmt_int64(st, 1);
    out->name = jx_arena_strdup(a, jx_stmt_text(st, 2));
    out->ctype = jx_arena_strdup(a, jx_stmt_text(st, 3));
    out->sha256 = jx_arena_strdup(a, jx_stmt_text(st, 5));
    size_t len = 0;
    const void *p = jx_stmt_blob(st, 6, &len);
    void *copy = jx_arena_take(a, len + 1);
    if (len) memcpy(copy, p, len);
    out->data = copy;
    out->size = (int64_t)len;
    s = JX_OK;
  }
  jx_stmt_finalize(st);
  return s;
}

jx_status jx_evidence_year(jx_db *db, int64_t id, int64_t *year_id) {
  *year_id = 0;
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, "SELECT year_id FROM web_evidence WHERE id = ?", &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, id);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) *year_id = jx_stmt_int64(st, 0);
  jx_stmt_finalize(st);
  return s == JX_DB_ROW || s == JX_DB_DONE ? JX_OK : s;
}

jx_status jx_evidence_delete(jx_db *db, int64_t id, int64_t year_id, bool *deleted) {
  *deleted = false;
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              "DELETE FROM web_evidence WHERE id = ? AND year_id = ? AND year_id IN"
                              " (SELECT id FROM department_year WHERE id = ? AND status IN ('draft', 'returned'))"
                              " RETURNING id",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_int64(st, 2, year_id);
  jx_stmt_bind_int64(st, 3, year_id);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) *deleted = true;
  while (s == JX_DB_ROW) s = jx_stmt_step(st);
  jx_stmt_finalize(st);
  return s == JX_DB_DONE ? JX_OK : s;
}

jx_status jx_cache_get(jx_db *db, jx_arena *a, int64_t year_id, int64_t version, const char *kind, const char **body,
                       size_t *len) {
  *body = NULL;
  *len = 0;
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, "SELECT body FROM web_cache WHERE year_id = ? AND version = ? AND kind = ?", &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, year_id);
  jx_stmt_bind_int64(st, 2, version);
  jx_stmt_bind_text(st, 3, kind, -1);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    size_t n = 0;
    const void *p = jx_stmt_blob(st, 0, &n);
    char *copy = jx_arena_take(a, n + 1);
    if (n) memcpy(copy, p, n);
    copy[n] = '\0';
    *body = copy;
    *len = n;
    s = JX_OK;
  }
  jx_stmt_finalize(st);
  return s;
}

jx_status jx_cache_put(jx_db *db, int64_t year_id, int64_t version, const char *kind, const void *body, size_t len) {
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              "INSERT INTO web_cache (year_id, version, kind, body) VALUES (?, ?, ?, ?)"
                              " ON CONFLICT (year_id, version, kind) DO NOTHING",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_int64(st, 1, year_id);
  jx_stmt_bind_int64(st, 2, version);
  jx_stmt_bind_text(st, 3, kind, -1);
  jx_stmt_bind_blob(st, 4, body, len);
  s = jx_stmt_step(st);
  jx_stmt_finalize(st);
  return s;
}
