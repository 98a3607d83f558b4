/* db_accounts.c — web accounts: create with an argon2id hash (libsodium), find by name,
 * check a password.  See web/store.h. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "web/store.h"

jx_status jx_account_create(jx_db *db, const char *username, const char *password, const char *role,
                            const char *department, char *err, size_t errlen) {
  char hash[crypto_pwhash_STRBYTES];
  if (sodium_init() < 0 ||
      crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    snprintf(err, errlen, "无法计算口令散列（内存不足？）");
    return JX_ERR_IO;
  }
  char now[32];
  jx_db_now(now, sizeof now);
  jx_stmt *st = NULL;
  jx_status s = jx_db_begin(db);
  if (s == JX_OK) s = jx_db_prepare(db, "SELECT id FROM web_account WHERE username = ?", &st);
  if (s == JX_OK) {
    jx_stmt_bind_text(st, 1, username, -1);
    s = jx_stmt_step(st);
    jx_stmt_finalize(st);
    st = NULL;
    if (s == JX_DB_ROW) {
      jx_db_rollback(db);
      snprintf(err, errlen, "账号“%s”已存在", username);
      return JX_ERR_INVALID;
    }
  }
  if (s == JX_OK)
    s = jx_db_prepare(db,
                      "INSERT INTO web_account (username, display, pwhash, role, department, created)"
                      " VALUES (?, ?, ?, ?, ?, ?)",
                      &st);
  if (s == JX_OK) {
    jx_stmt_bind_text(st, 1, username, -1);
    jx_stmt_bind_text(st, 2, username, -1);
    jx_stmt_bind_text(st, 3, hash, -1);
    jx_stmt_bind_text(st, 4, role, -1);
    jx_stmt_bind_text(st, 5, department, -1); /* NULL binds NULL */
    jx_stmt_bind_text(st, 6, now, -1);
    s = jx_stmt_step(st);
    jx_stmt_finalize(st);
  }
  if (s == JX_OK) s = jx_db_commit(db);
  if (s != JX_OK) {
    snprintf(err, errlen, "%s", jx_db_errmsg(db));
    jx_db_rollback(db);
    return JX_ERR_IO;
  }
  return JX_OK;
}

static const char *dup_or_null(jx_arena *a, const char *s) { return s ? jx_arena_strdup(a, s) : NULL; }

void jx_account_row(jx_stmt *st, jx_arena *a, int col, jx_account *out) {
  out->id = jx_stmt_int64(st, col);
  out->username = dup_or_null(a, jx_stmt_text(st, col + 1));
  out->display = dup_or_null(a, jx_stmt_text(st, col + 2));
  out->role = dup_or_null(a, jx_stmt_text(st, col + 3));
  out->department = dup_or_null(a, jx_stmt_text(st, col + 4));
  out->department_name = dup_or_null(a, jx_stmt_text(st, col + 5));
}

jx_status jx_account_by_name(jx_db *db, jx_arena *a, const char *username, jx_account *out) {
  memset(out, 0, sizeof *out);
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              "SELECT " JX_ACCOUNT_COLS ", a.pwhash FROM web_account a"
                              " LEFT JOIN department d ON d.code = a.department WHERE a.username = ?",
                              &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_text(st, 1, username, -1);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    jx_account_row(st, a, 0, out);
    out->pwhash = dup_or_null(a, jx_stmt_text(st, 6));
    s = JX_OK;
  }
  jx_stmt_finalize(st);
  return s;
}

bool jx_password_ok(const char *pwhash, const char *password) {
  if (!pwhash || !password) return false;
  return crypto_pwhash_str_verify(pwhash, password, strlen(password)) == 0;
}
