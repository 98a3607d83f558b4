/* store.h — what the web server keeps in the database besides the collection itself:
 * accounts, sessions, login throttling, evidence files and the cache of
 * rendered public pages (internal; src/web/db_accounts.c, db_sessions.c, db_evidence.c,
 * schema in src/web/schema.c).  Everything is in the database so that several `serve`
 * processes share it.  Built on the portable SQL layer (store/db.h). */
#ifndef JX_WEB_STORE_H
#define JX_WEB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao.h"
#include "util/arena.h"

struct jx_db;
struct jx_stmt;

/* Register the web's migration group ("web", schema.c) with the store's registry
 * (store/db.h); idempotent.  jx_web_db_open does it; the command line does it at start,
 * so that `jixiao db` and `jixiao import` create and accept the web's tables too. */
void jx_web_register_migrations(void);
/* Open target (path or postgresql:// URL), register the web's migrations and migrate;
 * NULL with a Chinese message. */
struct jx_db *jx_web_db_open(const char *target, char *err, size_t errlen);
void jx_web_db_close(struct jx_db *db);

/* ---- accounts (db_accounts.c) -------------------------------------------------------- */
typedef struct {
  int64_t id;
  const char *username, *display, *pwhash, *role;
  const char *department;      /* department code, or NULL (bureau staff) */
  const char *department_name; /* its name, or NULL */
} jx_account;

/* Create an account; the password is hashed here (argon2id, crypto_pwhash_str with the
 * interactive limits).  JX_ERR_INVALID when the name is taken (message in err). */
jx_status jx_account_create(struct jx_db *db, const char *username, const char *password, const char *role,
                            const char *department, char *err, size_t errlen);
/* The account of a row whose columns col … col+5 are id, username, display, role,
 * department, department name (ACCOUNT_COLS in db_accounts.c); strings copied into a. */
void jx_account_row(struct jx_stmt *st, jx_arena *a, int col, jx_account *out);
#define JX_ACCOUNT_COLS "a.id, a.username, a.display, a.role, a.department, d.name"
/* By name; JX_OK with out->id == 0 when there is none.  Strings in arena a. */
jx_status jx_account_by_name(struct jx_db *db, jx_arena *a, const char *username, jx_account *out);
/* Check a password against a stored hash (constant time, argon2id). */
bool jx_password_ok(const char *pwhash, const char *password);

/* ---- sessions (db_sessions.c) ------------------------------------------------------------ */
/* New session for account; token and csrf are random (hex) and returned in arena a.  Only
 * a hash of the token is stored, so a copy of the database logs nobody in. */
jx_status jx_session_create(struct jx_db *db, jx_arena *a, int64_t account_id, int ttl_s, const char **token,
                            const char **csrf);
/* The account and csrf token of a live session; out->id == 0 when none. */
jx_status jx_session_lookup(struct jx_db *db, jx_arena *a, const char *token, jx_account *out, const char **csrf);
jx_status jx_session_delete(struct jx_db *db, const char *token);

/* ---- login throttling (db_sessions.c): growing delays instead of a lockout -------------- */
/* The policy of one key: free_failures failed attempts in a row cost nothing; after
 * that, the next attempt must wait base_ms after the last one, twice as long after each
 * further failure, never more than cap_ms.  A key's failures are forgotten forget_ms
 * after its last counted attempt. */
typedef struct {
  const char *key; /* e.g. "user:NAME", "pair:NAME@ADDR", "ip:ADDR" */
  int64_t free_failures, base_ms, cap_ms, forget_ms;
} jx_throttle;
/* Reserve one login attempt under every key (at most 8), atomically: in one transaction
 * (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock per key, so the attempts of
 * several processes are counted one after the other).  When every key allows an attempt
 * now, it is counted as a failure under each of them *before* the password is checked
 * and *wait_ms is 0; otherwise nothing is counted and *wait_ms (> 0) is how long until
 * every key allows one.  The clock is $JIXIAO_NOW when set (tests), else the real time. */
jx_status jx_login_reserve(struct jx_db *db, const jx_throttle *keys, size_t n, int64_t *wait_ms);
/* The password was right: forget every failure of key (the account's keys). */
jx_status jx_login_forget(struct jx_db *db, const char *key);
/* The password was right: take back only the attempt jx_login_reserve counted under key
 * (the address's other failures stay). */
jx_status jx_login_unreserve(struct jx_db *db, const char *key);

/* ---- evidence files (db_evidence.c): bytes stored in the database -------------------- */
typedef struct {
  int64_t id, year_id, indicator, size;
  const char *name, *ctype, *sha256, *created, *uploader;
  const void *data; /* only from jx_evidence_get */
} jx_evidence;

jx_status jx_evidence_add(struct jx_db *db, int64_t year_id, int64_t indicator, const char *name, const char *ctype,
                          const void *data, size_t len, int64_t account_id, int64_t *id);
/* The evidence of one department-year, without the bytes; *items in arena a. */
jx_status jx_evidence_list(struct jx_db *db, jx_arena *a, int64_t year_id, jx_evidence **items, size_t *n);
/* One file with its bytes (copied into a); out->id == 0 when none. */
jx_status jx_evidence_get(struct jx_db *db, jx_arena *a, int64_t id, jx_evidence *out);
/* The department-year of evidence id, without reading the bytes; *year_id 0 when none. */
jx_status jx_evidence_year(struct jx_db *db, int64_t id, int64_t *year_id);
/* Delete evidence id of year_id, only while that year is a draft or returned (checked in
 * the same statement); *deleted says whether a row went. */
jx_status jx_evidence_delete(struct jx_db *db, int64_t id, int64_t year_id, bool *deleted);

/* ---- cache of rendered public pages and score JSON, keyed by (year, version, kind) --- */
jx_status jx_cache_get(struct jx_db *db, jx_arena *a, int64_t year_id, int64_t version, const char *kind,
                       const char **body, size_t *len);
jx_status jx_cache_put(struct jx_db *db, int64_t year_id, int64_t version, const char *kind, const void *body,
                       size_t len);

#endif
