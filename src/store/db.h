/* db.h — the portable SQL layer under the store: one interface, SQLite and PostgreSQL backends (internal).
 *
 * Everything above this layer (collection, versions, history, workflow, queries, the web
 * server's accounts and sessions) is written ONCE, in portable SQL:
 *
 * - Placeholders are `?` (SQLite style); for PostgreSQL they are rewritten to $1, $2, …
 *   (a `?` inside a '…' string literal is left alone).
 * - DDL is written in SQLite's STRICT dialect with the types INTEGER, TEXT and BLOB and
 *   `) STRICT`; for PostgreSQL `INTEGER PRIMARY KEY` becomes an identity bigint key,
 *   INTEGER becomes BIGINT (money is always int64 分, never a double), BLOB becomes BYTEA,
 *   COLLATE BINARY (byte order, SQLite's default) becomes COLLATE "C", and STRICT is
 *   dropped.  Use `INSERT … ON CONFLICT … DO NOTHING/UPDATE`, `RETURNING`, `COALESCE`,
 *   `||`; never INSERT OR IGNORE, strftime(), GROUP_CONCAT or AUTOINCREMENT.
 *   Times are TEXT written by the caller (jx_db_now: "2026-11-27T13:45:06Z").
 *   A statement that begins with JX_DB_PG_ONLY (an SQL comment) runs on PostgreSQL only:
 *   storage settings SQLite has no words for.  SQLite skips it up to its `;`, so it must
 *   hold no `;` inside a literal.
 * - Values: int64, text, blob, null.  A column read back as int64 from PostgreSQL is
 *   parsed from its text (sum() of a bigint is numeric there: still an integer).
 * - Errors: every function returns a jx_status (JX_OK, JX_ERR_IO for a database error,
 *   JX_ERR_INVALID for a misuse) and leaves a Chinese message in jx_db_errmsg(db).
 *   JX_DB_RETRY (from step/exec/commit) means "the database was busy or the transaction
 *   lost a serialization race: roll back and run the whole transaction again".
 *
 * SQLite: WAL journal, foreign keys on, a 30 s busy timeout, BEGIN IMMEDIATE (a writer
 * takes the write lock at BEGIN, so two writers never deadlock on an upgrade).
 * PostgreSQL: one transaction per change; jx_db_lock(db, key) takes a transaction-scoped
 * advisory lock (SQLite: a no-op, the write lock is already held).  Writes whose result is
 * not read can be queued with jx_stmt_send: a department-year's import is then three round
 * trips to the server instead of one per statement.
 *
 * ---- migrations: how to add one ----------------------------------------------------
 * The schema is an ordered list of migrations, in groups.  Each group (a "component":
 * "store", "web", …) has its own version sequence 1, 2, 3 …, recorded in the table
 * schema_version(component, version).  jx_db_migrate runs, in one transaction, every
 * migration of every group whose number is above the recorded one, groups in the order
 * of the registry (src/store/migrations.c), so a later group may reference the tables of
 * an earlier one.  A database with a higher version of a component than this binary
 * knows, or a component it does not know, is refused with a Chinese message.
 *
 * To add a migration to an existing group, append an entry to that group's array (never
 * edit or reorder a released one).  To add a group (e.g. the web server's accounts), the
 * module that owns the tables keeps it in a file of its own and registers it before it
 * opens a database (no `extern` reaches into the store):
 *
 *     // src/web/schema.c
 *     #include "store/db.h"
 *     static const jx_migration web_migrations[] = {
 *         {1, "accounts", "CREATE TABLE account (id INTEGER PRIMARY KEY, …) STRICT;"},
 *     };
 *     static const jx_migration_group web_group = {"web", web_migrations,
 *         sizeof web_migrations / sizeof *web_migrations};
 *     void jx_web_register_migrations(void) { jx_db_register_migrations(&web_group); }
 *
 * The store's own group always runs first; the others in the order they were first
 * registered.  A program that opens databases other modules also use (the command line:
 * `jixiao db`, `jixiao import`) registers their groups at start, so that it creates and
 * migrates every part of the schema and does not refuse one as unknown.
 * One migration's sql may hold several statements separated by `;`.
 */
#ifndef JX_STORE_DB_H
#define JX_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao.h"

/* Put first in a statement of a migration that only PostgreSQL runs (see above). */
#define JX_DB_PG_ONLY "/*postgresql*/"

/* A status of its own for "busy / serialization failure: retry the transaction". */
#define JX_DB_RETRY ((jx_status)100)

typedef struct jx_db jx_db;
typedef struct jx_stmt jx_stmt;

typedef enum { JX_DB_SQLITE = 0, JX_DB_POSTGRES = 1 } jx_db_kind;

/* Open target: a `postgresql://` or `postgres://` URL (or a libpq "host=… dbname=…"
 * string starting with "host=" / "dbname="), otherwise a SQLite file path (created if
 * missing).  Migrations are NOT run here (see jx_db_migrate).  On failure *out is NULL,
 * returns JX_ERR_IO and writes a Chinese message into err. */
jx_status jx_db_open(const char *target, jx_db **out, char *err, size_t errlen);
/* Finalizes nothing: finalize statements first.  NULL is allowed. */
void jx_db_close(jx_db *db);
jx_db_kind jx_db_kind_of(const jx_db *db);
/* The message of the last error (Chinese; "" when none).  Owned by db. */
const char *jx_db_errmsg(const jx_db *db);
/* Set the error message (for callers above the layer that fail inside a transaction). */
void jx_db_set_error(jx_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Run one or more statements without parameters or results (DDL, BEGIN …). */
jx_status jx_db_exec(jx_db *db, const char *sql);

/* Transactions.  begin is BEGIN IMMEDIATE on SQLite.  Nested calls are not supported. */
jx_status jx_db_begin(jx_db *db);
jx_status jx_db_commit(jx_db *db);
jx_status jx_db_rollback(jx_db *db); /* safe to call when no transaction is open */
/* Serialize writers of one thing (e.g. a department-year) until the end of the
 * transaction: pg_advisory_xact_lock(key) on PostgreSQL, nothing on SQLite.  The lock is
 * queued as jx_stmt_send does: it is held before any later statement runs, and a
 * failure to get it (a deadlock: JX_DB_RETRY) is returned by the next statement. */
jx_status jx_db_lock(jx_db *db, int64_t key);

/* Prepared statements.  sql uses `?` placeholders (numbered 1…n in order).  Statements
 * belong to db and must be finalized before jx_db_close. */
jx_status jx_db_prepare(jx_db *db, const char *sql, jx_stmt **out);
void jx_stmt_finalize(jx_stmt *st); /* NULL allowed */
/* Bind parameter i (1-based).  Text and blob are copied.  len < 0: strlen(text). */
void jx_stmt_bind_int64(jx_stmt *st, int i, int64_t v);
void jx_stmt_bind_text(jx_stmt *st, int i, const char *text, ptrdiff_t len); /* NULL text binds NULL */
void jx_stmt_bind_blob(jx_stmt *st, int i, const void *data, size_t len);
void jx_stmt_bind_null(jx_stmt *st, int i);
/* Execute (first call after prepare/reset) and advance: JX_DB_ROW, JX_DB_DONE, or an
 * error status (JX_ERR_IO, JX_DB_RETRY) with jx_db_errmsg set. */
#define JX_DB_ROW ((jx_status)101)
#define JX_DB_DONE ((jx_status)JX_OK)
jx_status jx_stmt_step(jx_stmt *st);
/* Execute a statement whose result is not read (INSERT/UPDATE without RETURNING, a lock):
 * on PostgreSQL it is only queued (libpq pipeline mode, sent with the next round trip),
 * and its outcome — an error, JX_DB_RETRY — is returned by the next call that waits for
 * the server: jx_stmt_step, jx_db_exec, jx_db_commit, jx_db_prepare or jx_db_sync (after
 * a failure the statements queued behind it did not run).  SQLite runs it at once.  The
 * statement is then as after jx_stmt_reset; the bound values may be rebound at once. */
jx_status jx_stmt_send(jx_stmt *st);
/* Wait for every statement queued by jx_stmt_send: JX_OK, or the first failure. */
jx_status jx_db_sync(jx_db *db);
/* Hand the queued statements to the server now without waiting for them (it works on
 * them while the caller goes on; their outcome still comes with the next wait). */
jx_status jx_db_flush(jx_db *db);
/* Back to the start; bindings are kept (rebind what changes). */
void jx_stmt_reset(jx_stmt *st);
/* Columns of the current row, 0-based.  Text and blob pointers are valid until the
 * next step/reset/finalize.  A NULL reads as 0 / NULL. */
bool jx_stmt_is_null(jx_stmt *st, int col);
int64_t jx_stmt_int64(jx_stmt *st, int col);
const char *jx_stmt_text(jx_stmt *st, int col); /* NULL for SQL NULL */
const void *jx_stmt_blob(jx_stmt *st, int col, size_t *len);

/* Convenience: prepare, bind nothing, step once, return the first column of the first
 * row as int64 in *v (*v unchanged when there is no row: returns JX_DB_DONE then). */
jx_status jx_db_query_int64(jx_db *db, const char *sql, int64_t *v);

/* The ids of n rows about to be inserted into table (its `id INTEGER PRIMARY KEY`), known
 * before inserting them, so that the rows that refer to them can be queued with
 * jx_stmt_send instead of waiting for a RETURNING.  PostgreSQL: n values of the column's
 * sequence (never given out twice, also to other connections; the unused ones are gaps).
 * SQLite: the n ids after the table's largest: valid only inside the write transaction
 * that inserts them (BEGIN IMMEDIATE holds the lock).  table is a plain identifier. */
jx_status jx_db_reserve_ids(jx_db *db, const char *table, size_t n, int64_t *ids);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (or $JIXIAO_NOW when set, for tests). */
const char *jx_db_now(char *buf, size_t n);

/* ---- migrations --------------------------------------------------------------------- */
typedef struct {
  int version;     /* 1, 2, 3 … within its group */
  const char *name;
  const char *sql; /* portable DDL, see above; several statements allowed */
} jx_migration;

typedef struct {
  const char *component; /* "store", "web" … */
  const jx_migration *items;
  size_t n;
} jx_migration_group;

/* Bring the schema up to date (one transaction; concurrent openers wait for each other).
 * Returns JX_ERR_DATA with a Chinese message when the database is newer than this
 * binary (a component's version above ours, or a component we do not know). */
jx_status jx_db_migrate(jx_db *db);

/* The registry (src/store/migrations.c): the store's group and every group registered.
 * Registering a group twice is a no-op; safe from several threads.  group must live as
 * long as the program (a static const). */
void jx_db_register_migrations(const jx_migration_group *group);
/* The registered groups, in the order they run: up to max into out; returns how many. */
size_t jx_db_migration_groups(const jx_migration_group **out, size_t max);
/* The same with another list of groups (tests: a "newer" schema). */
jx_status jx_db_migrate_groups(jx_db *db, const jx_migration_group *const *groups, size_t n);

/* SQLite: the whole database copied, as of one commit, into file (to_file: a backup; the
 * file must not exist) or from file into db (a restore, replacing its content).
 * JX_ERR_INVALID on PostgreSQL (src/store/backup.c runs pg_dump), JX_ERR_IO on failure;
 * the message in jx_db_errmsg. */
jx_status jx_db_copy(jx_db *db, const char *file, bool to_file);

#endif
