/* sessions.c — web sessions (only a BLAKE2b hash of the token is stored) and the
 * failed-login counts behind the login rate limit.  See web/store.h. */
#include <sodium.h>
#include <stdio.h>
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

jx_status jx_login_failures(jx_db *db, const char *key, int window_s, int64_t *count) {
  char since[32];
  now_plus(since, sizeof since, -(long)window_s);
  jx_stmt *st;
  *count = 0;
  jx_status s = jx_db_prepare(db, "SELECT COUNT(*) FROM web_login_failure WHERE key = ? AND at > ?", &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_text(st, 1, key, -1);
  jx_stmt_bind_text(st, 2, since, -1);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    *count = jx_stmt_int64(st, 0);
    s = JX_OK;
  }
  jx_stmt_finalize(st);
  return s;
}

jx_status jx_login_failure_add(jx_db *db, const char *key) {
  char now[32];
  jx_db_now(now, sizeof now);
  return exec_text(db, "INSERT INTO web_login_failure (key, at) VALUES (?, ?)", key, now);
}

jx_status jx_login_failures_clear(jx_db *db, const char *key) {
  return exec_text(db, "DELETE FROM web_login_failure WHERE key = ?", key, NULL);
}
