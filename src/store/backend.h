/* backend.h — what a database backend (sqlite.c, pg.c) provides to db.c: a table of functions (internal). */
#ifndef JX_STORE_BACKEND_H
#define JX_STORE_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#define JX_DB_BACKEND_ABI 3

/* Return codes of the backend functions. */
enum { JX_BRC_OK = 0, JX_BRC_ROW = 1, JX_BRC_ERROR = -1, JX_BRC_RETRY = -2 };

/* A bound parameter.  p/len for text and blob (owned by the caller until reset). */
typedef enum { JX_DBV_NULL = 0, JX_DBV_INT, JX_DBV_TEXT, JX_DBV_BLOB } jx_dbv_type;
typedef struct {
  jx_dbv_type type;
  int64_t i;
  const char *p;
  size_t len;
} jx_dbv;

/* Every function that can fail writes a Chinese message into err[errlen]. */
typedef struct {
  int abi;
  const char *name;
  void *(*open)(const char *target, char *err, size_t errlen); /* NULL on failure */
  void (*close)(void *conn);
  int (*exec)(void *conn, const char *sql, char *err, size_t errlen);
  /* sql already in the backend's dialect (placeholders $n for PostgreSQL) */
  void *(*prepare)(void *conn, const char *sql, int nparams, char *err, size_t errlen);
  /* first == 1: bind params and execute; then advance to the next row */
  int (*step)(void *stmt, const jx_dbv *params, int nparams, int first, char *err, size_t errlen);
  void (*reset)(void *stmt);
  void (*finalize)(void *stmt);
  int (*columns)(void *stmt);
  int (*is_null)(void *stmt, int col);
  int64_t (*int64)(void *stmt, int col);
  const char *(*text)(void *stmt, int col);
  const void *(*blob)(void *stmt, int col, size_t *len);
  /* ABI 2.  Execute a statement whose result is not read: it may only be queued (libpq
   * pipeline mode), its outcome reported by the next call that waits for the server
   * (step, exec, sync).  Then the statement is as after reset. */
  int (*send)(void *stmt, const jx_dbv *params, int nparams, char *err, size_t errlen);
  /* Wait for every queued statement; the first failure's code and message. */
  int (*sync)(void *conn, char *err, size_t errlen);
  /* Hand the queued statements to the server now, without waiting for them. */
  int (*flush)(void *conn, char *err, size_t errlen);
  /* ABI 3.  Copy the whole database, consistent as of one moment, to the file (to_file 1:
   * a backup, written to file, which must not exist) or from it into this connection's
   * database (to_file 0: a restore, replacing every table).  NULL where the backend has
   * no such thing (PostgreSQL: pg_dump, src/store/backup.c). */
  int (*copy)(void *conn, const char *file, int to_file, char *err, size_t errlen);
} jx_db_backend;

/* Entry points (a module exports exactly one of them). */
const jx_db_backend *jx_db_backend_sqlite_v1(void);
const jx_db_backend *jx_db_backend_pg_v1(void);

#ifdef JX_STORE_MODULE
#define JX_BACKEND_EXPORT __attribute__((visibility("default")))
#else
#define JX_BACKEND_EXPORT
#endif

#endif
