/* db_sessions.c — web sessions (only a BLAKE2b hash of the token is stored) and the
 * login throttle (growing delays per account, account and address, and address).
 * See web/store.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "web/store.h"

static void token_hash(const char *token, char out[65]) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
  sodium_bin2hex(out, 65, h, sizeof h);
}

static char *random_hex(jx_arena *a, size_t bytes) {
  unsigned char buf[32];
  randombytes_buf(buf, bytes);
  char *out = jx_arena_alloc(a, bytes * 2 + 1);
  sodium_bin2hex(out, bytes * 2 + 1, buf, bytes);
  return out;
}

/* jx_db_now shifted by delta seconds (same format, so TEXT comparison orders time). */
static const char *now_plus(char *buf, size_t n, long delta) {
  char now[32];
  jx_db_now(now, sizeof now);
  struct tm tm = {0};
  if (!strptime(now, "%Y-%m-%dT%H:%M:%SZ", &tm)) return jx_db_now(buf, n);
  time_t t = timegm(&tm) + delta;
  gmtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/* Run a statement of one or two text parameters (b may be NULL: one parameter). */
static jx_status exec_text(jx_db *db, const char *sql, const char *a, const char *b) {
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, sql, &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_text(st, 1, a, -1);
  if (b) jx_stmt_bind_text(st, 2, b, -1);
  s = jx_stmt_step(st);
  jx_stmt_finalize(st);
  return s;
}

jx_status jx_session_create(jx_db *db, jx_arena *a, int64_t account_id, int ttl_s, const char **token,
                            const char **csrf) {
  char *tok = random_hex(a, 32), *cs = random_hex(a, 24), hash[65], now[32], exp[32];
  token_hash(tok, hash);
  jx_db_now(now, sizeof now);
  now_plus(exp, sizeof exp, ttl_s);
  jx_stmt *st;
  /* expired sessions go when new ones come: no background job, no state in the server */
  jx_status s = exec_text(db, "DELETE FROM web_session WHERE expires <= ?", now, NULL);
  if (s != JX_OK) return s;
  s = jx_db_prepare(db, "INSERT INTO web_session (token_hash, account_id, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                    &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_text(st, 1, hash, -1);
  jx_stmt_bind_int64(st, 2, account_id);
  jx_stmt_bind_text(st, 3, cs, -1);
  jx_stmt_bind_text(st, 4, now, -1);
  jx_stmt_bind_text(st, 5, exp, -1);
  s = jx_stmt_step(st);
  jx_stmt_finalize(st);
  if (s != JX_OK) return s;
  *token = tok;
  *csrf = cs;
  return JX_OK;
}

jx_status jx_session_lookup(jx_db *db, jx_arena *a, const char *token, jx_account *out, const char **csrf) {
  memset(out, 0, sizeof *out);
  *csrf = NULL;
  if (!token || strlen(token) != 64) return JX_OK;
  char hash[65], now[32];
  token_hash(token, hash);
  jx_db_now(now, sizeof now);
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              "SELECT " JX_ACCOUNT_COLS ", s.csrf"
                              " FROM web_session s JOIN web_account a ON a.id = s.account_id"
                              " LEFT JOIN department d ON d.code = a.department"
                              " WHERE s.token_hash = ? AND s.expires > ?",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_text(st, 1, hash, -1);
  jx_stmt_bind_text(st, 2, now, -1);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    jx_account_row(st, a, 0, out);
    *csrf = jx_arena_strdup(a, jx_stmt_text(st, 6));
    s = JX_OK;
  }
  jx_stmt_finalize(st);
  return s;
}

jx_status jx_session_delete(jx_db *db, const char *token) {
  if (!token) return JX_OK;
  char hash[65];
  token_hash(token, hash);
  return exec_text(db, "DELETE FROM web_session WHERE token_hash = ?", hash, NULL);
}

/* ---- login throttling ------------------------------------------------------------------ */

/* Milliseconds since 1970: $JIXIAO_NOW (whole seconds, as jx_db_now) when set, so that
 * tests can stop the clock; else the real time. */
static int64_t now_ms(void) {
  const char *fixed = getenv("JIXIAO_NOW");
  if (fixed && *fixed) {
    struct tm tm = {0};
    if (strptime(fixed, "%Y-%m-%dT%H:%M:%SZ", &tm)) return (int64_t)timegm(&tm) * 1000;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The advisory lock of a throttle key (FNV-1a of a name space and the key). */
static int64_t throttle_lock_key(const char *key) {
  uint64_t h = 1469598103934665603ULL;
  for (const char *p = "jx-login-throttle:"; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  for (const char *p = key; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return (int64_t)(h >> 1);
}

/* The wait after `failures` failures in a row under policy t (0: none). */
static int64_t throttle_delay(const jx_throttle *t, int64_t failures) {
  if (failures < t->free_failures) return 0;
  int64_t d = t->base_ms;
  for (int64_t i = t->free_failures; i < failures && d < t->cap_ms; i++) d *= 2;
  return d < t->cap_ms ? d : t->cap_ms;
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

#define THROTTLE_MAX_KEYS 8

/* One try of jx_login_reserve's transaction. */
static jx_status reserve_once(jx_db *db, const jx_throttle *keys, size_t n, int64_t now, int64_t *wait_ms) {
  jx_status s = jx_db_begin(db);
  if (s != JX_OK) return s;
  /* PostgreSQL: the keys' advisory locks, in one order (no deadlock between two logins);
   * SQLite: BEGIN IMMEDIATE already holds the database's write lock */
  int64_t locks[THROTTLE_MAX_KEYS] = {0};
  for (size_t i = 0; i < n; i++) locks[i] = throttle_lock_key(keys[i].key);
  qsort(locks, n, sizeof *locks, cmp_i64);
  for (size_t i = 0; i < n && s == JX_OK; i++) s = jx_db_lock(db, locks[i]);
  int64_t forget = 0;
  for (size_t i = 0; i < n; i++)
    if (keys[i].forget_ms > forget) forget = keys[i].forget_ms;
  jx_stmt *st = NULL;
  /* rows nobody remembers any more go as new attempts come: no background job */
  if (s == JX_OK) s = jx_db_prepare(db, "DELETE FROM web_login_throttle WHERE last_ms < ?", &st);
  if (s == JX_OK) {
    jx_stmt_bind_int64(st, 1, now - forget);
    s = jx_stmt_step(st);
  }
  jx_stmt_finalize(st);
  st = NULL;
  int64_t failures[THROTTLE_MAX_KEYS] = {0}, last[THROTTLE_MAX_KEYS] = {0};
  *wait_ms = 0;
  if (s == JX_OK) s = jx_db_prepare(db, "SELECT failures, last_ms FROM web_login_throttle WHERE key = ?", &st);
  for (size_t i = 0; i < n && s == JX_OK; i++) {
    jx_stmt_reset(st);
    jx_stmt_bind_text(st, 1, keys[i].key, -1);
    s = jx_stmt_step(st);
    if (s == JX_DB_ROW) {
      failures[i] = jx_stmt_int64(st, 0);
      last[i] = jx_stmt_int64(st, 1);
      s = JX_OK;
    }
    if (s != JX_OK) break;
    if (now - last[i] >= keys[i].forget_ms) failures[i] = 0; /* forgotten */
    int64_t until = last[i] + throttle_delay(&keys[i], failures[i]);
    if (failures[i] >= keys[i].free_failures && until - now > *wait_ms) *wait_ms = until - now;
  }
  jx_stmt_finalize(st);
  st = NULL;
  /* allowed under every key: count it now, before the password is checked */
  if (s == JX_OK && *wait_ms == 0)
    s = jx_db_prepare(db,
                      "INSERT INTO web_login_throttle (key, failures, last_ms, prev_ms) VALUES (?, ?, ?, ?)"
                      " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_ms = excluded.last_ms,"
                      " prev_ms = excluded.prev_ms",
                      &st);
  for (size_t i = 0; i < n && s == JX_OK && *wait_ms == 0; i++) {
    jx_stmt_reset(st);
    jx_stmt_bind_text(st, 1, keys[i].key, -1);
    jx_stmt_bind_int64(st, 2, failures[i] + 1);
    jx_stmt_bind_int64(st, 3, now);
    jx_stmt_bind_int64(st, 4, last[i]);
    s = jx_stmt_step(st);
  }
  jx_stmt_finalize(st);
  if (s == JX_OK) s = jx_db_commit(db);
  if (s != JX_OK) jx_db_rollback(db);
  return s;
}

jx_status jx_login_reserve(jx_db *db, const jx_throttle *keys, size_t n, int64_t *wait_ms) {
  *wait_ms = 0;
  if (n > THROTTLE_MAX_KEYS) {
    jx_db_set_error(db, "内部错误：登录限速的键多于 %d 个", THROTTLE_MAX_KEYS);
    return JX_ERR_INVALID;
  }
  int64_t now = now_ms();
  jx_status s = JX_DB_RETRY;
  for (int i = 0; i < 5 && s == JX_DB_RETRY; i++) s = reserve_once(db, keys, n, now, wait_ms);
  return s;
}

jx_status jx_login_forget(jx_db *db, const char *key) {
  return exec_text(db, "DELETE FROM web_login_throttle WHERE key = ?", key, NULL);
}

jx_status jx_login_unreserve(jx_db *db, const char *key) {
  return exec_text(db,
                   "UPDATE web_login_throttle SET failures = failures - 1, last_ms = prev_ms"
                   " WHERE key = ? AND failures > 0",
                   key, NULL);
}
