/* store.h — what the files of the store share: the jx_store struct, tables, helpers (internal). */
#ifndef JX_STORE_STORE_H
#define JX_STORE_STORE_H

#include "jixiao.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/buf.h"

enum { JX_STORE_RETRIES = 50 };
enum { JX_STORE_MULTI_LG = 6 }; /* multi-row inserts of 1, 2, 4 … 32 rows (jx_store_insert_rows) */
/* The tables written by jx_store_insert_rows: a slot each for their statements. */
typedef enum {
  JX_MULTI_INDICATOR, JX_MULTI_MONEY, JX_MULTI_BLOCK, /* a department-year's rows (import.c) */
  JX_MULTI_MON_REPORT, JX_MULTI_MON_FOLLOWUP,         /* a checkpoint's reports and follow-ups (monitor.c) */
  JX_STORE_MULTI_TABLES
} jx_store_multi;
enum { JX_STORE_ID_BLOCK = 64 }; /* ids reserved at a time inside a batch (import.c) */
/* The tables a bulk load writes: department-years (import.c), departments (departments.c),
 * checkpoint reports (monitor.c, with their follow-ups). */
typedef enum { JX_BULK_YEARS, JX_BULK_DEPARTMENTS, JX_BULK_MONITORING, JX_STORE_BULK_TABLES } jx_store_bulk;

struct jx_store {
  jx_db *db;
  char err[1024];
  void *above;               /* what the layer above keeps per store (app/: its framework cache) */
  void (*above_free)(void *); /* releases it at jx_store_close */
  struct {
    const char *sql; /* a string literal: cached by its address */
    jx_stmt *st;
  } stmts[64];
  size_t n_stmts;
  char *multi_sql[JX_STORE_MULTI_TABLES][JX_STORE_MULTI_LG]; /* INSERT … VALUES (…) × 2^k, per table */
  bool batch;      /* inside jx_store_batch_begin: imports use savepoints */
  bool batch_lost; /* the batch was rolled back after losing a race (jx_store_batch_lost) */
  bool tail_pending; /* PostgreSQL batch: the last file's writes are sent, not yet confirmed */
  size_t written[JX_STORE_BULK_TABLES]; /* rows this store wrote per table of jx_store_bulk (statistics at close) */
  int64_t ids[2][JX_STORE_ID_BLOCK]; /* reserved ids of department_year and version (import.c) */
  size_t n_ids[2];
};

/* A prepared statement for sql (a string literal, or a string the store owns), kept for the life of the store:
 * importing many files prepares each statement once (on PostgreSQL a round trip
 * saved per statement).  Give it back with jx_store_release (never finalize it). */
jx_status jx_store_prepare(jx_store *s, const char *sql, jx_stmt **out);
/* Reset a statement from jx_store_prepare (ends its read, keeps it prepared). */
void jx_store_release(jx_stmt *st);

/* Insert n rows into table: "head VALUES (?, …), (?, …) … tail" (tail NULL: none; e.g. an
 * ON CONFLICT clause), ncols parameters a row, in statements of 32, 16 … 1 rows built once
 * per store; bind(st, base, row, ctx) binds row's parameters base + 1 … base + ncols.  Each
 * statement is queued with jx_stmt_send (on PostgreSQL: sent with the next round trip).  A
 * department-year's ~70 indicators are 3 or 4 statements, not 70; a monitoring sheet's
 * 25,000 reports keep SQLite's cursor between rows, so appends in key order skip the
 * descent from the root.  An upsert must not name one key twice among the n rows
 * (PostgreSQL refuses a statement that touches a row twice). */
typedef void (*jx_store_bind_row_fn)(jx_stmt *st, int base, size_t row, const void *ctx);
jx_status jx_store_insert_rows(jx_store *s, jx_store_multi table, const char *head, const char *tail, int ncols, size_t n,
                               jx_store_bind_row_fn bind, const void *ctx);

/* Store an evaluated department-year file: data (len bytes, named name) as read into doc
 * and evaluated into res (both only read), with errors and warnings the count of its
 * diagnostics, as jx_store_import_bytes describes: one transaction, a new version, its
 * normalized rows and field history.  The caller (app/) has checked o->user and reset
 * info. */
jx_status jx_store_put(jx_store *s, const char *name, const char *data, size_t len, const jx_store_import_opts *o,
                       const jx_doc *doc, const jx_result *res, size_t errors, size_t warnings,
                       jx_store_import_info *info);

/* Set s->err (printf); returns st. */
jx_status jx_store_fail(jx_store *s, jx_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Copy the database's message into s->err; returns st. */
jx_status jx_store_dbfail(jx_store *s, jx_status st);

/* The key of a department-year, validated; kind defaults to "department". */
const char *jx_store_kind(const jx_dy_key *k);

/* A department-year row. */
typedef struct {
  int64_t id;
  char status[16];
  int64_t version;
  int64_t published_version; /* 0: never published */
  int64_t errors;            /* of the current version */
  char sha256[65];           /* of the current version's bytes ("" when none) */
  int64_t size;              /* their length */
} jx_dy_row;

/* Look up a department-year; JX_ERR_DATA when there is none (s->err says so). */
jx_status jx_store_find_dy(jx_store *s, const jx_dy_key *k, jx_dy_row *row);
/* An advisory lock key for a department-year (PostgreSQL writers of one key wait). */
int64_t jx_store_lock_key(const char *department, int year, const char *kind);
/* Append one history row (queued with jx_stmt_send: a failure is returned by the
 * transaction's next round trip or its commit). */
jx_status jx_store_history(jx_store *s, int64_t dy, int64_t version, const char *at, const char *who, const char *field,
                           const char *old_value, const char *new_value);

/* The fields that differ between two YAML texts, flattened to paths ("indicators[名称].target":
 * a list item named by its `name`), in path order (a number written another way, 1072.52
 * for 1,072.52, is no difference): fn gets each one's old value (NULL: added)
 * and new value (NULL: removed); a status other than JX_OK stops the walk and is returned
 * (import.c). */
typedef jx_status (*jx_field_change_fn)(void *ctx, const char *path, const char *old_value, const char *new_value);
jx_status jx_store_diff_fields(const char *old_data, size_t old_len, const char *new_data, size_t new_len,
                               jx_field_change_fn fn, void *ctx);

/* The indicator library (library.c): seed the common frame when the store's frame is
 * empty (jx_store_open), and count what one declaration adds (sign +1) or takes back (-1)
 * inside the caller's transaction. */
jx_status jx_store_library_seed(jx_store *s);
jx_status jx_store_library_count(jx_store *s, const jx_decl *d, const char *sector, int sign);

/* Chinese name of a workflow status (workflow.c). */
const char *jx_store_status_label(const char *status);

/* ---- tables (table.c) ------------------------------------------------------------------ */
struct jx_table {
  jx_arena *arena;
  size_t ncols, nrows, cap;
  const char **headers;
  const char **keys;  /* JSON keys (ASCII) */
  bool *numeric;      /* right-aligned; CSV without the formula prefix */
  const char **cells; /* nrows × ncols (malloc'd; the texts are in the arena or constants) */
  const char *footer; /* text output only */
};

/* A table with columns given as "key:标题" or "#key:标题" (numeric); the specs are copied. */
jx_table *jx_table_new(size_t ncols, const char *const *cols);
/* Append a row; returns its cells (set them with jx_table_set). */
size_t jx_table_add_row(jx_table *t);
void jx_table_set(jx_table *t, size_t row, size_t col, const char *text);                 /* copied */
void jx_table_set_static(jx_table *t, size_t row, size_t col, const char *text);          /* not copied: a constant */
void jx_table_setf(jx_table *t, size_t row, size_t col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void jx_table_footer(jx_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- numbers ----------------------------------------------------------------------------- */
/* A score or rate (× 10^6) with 2 decimals, "98.00"; "" when unknown (n ≥ 32). */
char *jx_store_fmt2(int64_t v, bool known, char *buf, size_t n);
/* v in decimal into buf (at least 24 bytes); returns buf. */
char *jx_store_fmt_int(long long v, char *buf);
/* Money in 元 with exactly 2 decimals from 分 ("10725200.00"), exact. */
char *jx_store_fmt_yuan(int64_t fen, char *buf, size_t n);

/* Days since 1970-01-01 of "YYYY-MM-DD…" (civil calendar); -1 if not a date. */
long jx_store_day_number(const char *s);

/* ---- hashing ------------------------------------------------------------------------------- */
/* SHA-256 of data as 64 lowercase hex digits + NUL. */
void jx_sha256_hex(const void *data, size_t len, char out[65]);

/* ---- departments --------------------------------------------------------------------------- */
typedef struct {
  const char *code, *name, *parent, *level;
} jx_dept;
typedef struct {
  jx_arena *arena;
  jx_dept *items;
  size_t n;
} jx_dept_list;
/* Every department, sorted by code (for lookups with jx_dept_find), in an arena of the
 * list's own (out->arena: the caller frees it). */
jx_status jx_store_departments(jx_store *s, jx_dept_list *out);
/* The same in the caller's arena a (out->arena NULL: nothing of the list's own to free). */
jx_status jx_store_departments_in(jx_store *s, jx_arena *a, jx_dept_list *out);
/* Only the departments' codes (name, parent and level NULL), sorted, in an arena of the
 * list's own: for a check that a code exists (a monitoring sheet of a province). */
jx_status jx_store_department_codes(jx_store *s, jx_dept_list *out);
const jx_dept *jx_dept_find(const jx_dept_list *l, const char *code);
/* The ancestor of code at level ("unit": itself), or NULL. */
const jx_dept *jx_dept_at_level(const jx_dept_list *l, const char *code, const char *level);
/* Is code equal to under or below it? */
bool jx_dept_under(const jx_dept_list *l, const char *code, const char *under);

/* ---- monitoring: a bulk sheet's report as figures (monitor_figures.c) -------------------------- */
/* The stored row of a checkpoint report without a body (a bulk sheet's): its key, names,
 * 偏差原因/纠偏措施 and the `sources` text.  Borrowed strings; NULL counts as "". */
typedef struct {
  const char *unit, *project, *project_name, *day, *file_name, *sources, *cause, *fix;
  int year;
} jx_mon_row;
/* r's money unit, unit name and funding sources as mon_report.sources: one line
 * "money-unit-fen TAB unit-name", then per source "name TAB budget TAB executed TAB
 * forecast TAB adjustment" (amounts in 分, empty when absent; '\\', tab and newline
 * escaped).  Written into *out from its start (out->n is the length); out keeps its
 * memory for the next call, the caller frees out->p. */
void jx_mon_sources_text(const jx_monreport *r, jx_buf *out);
/* The report a row stands for, built as the sheet built it (totals summed); caller frees
 * with jx_monreport_free.  Never NULL. */
jx_monreport *jx_mon_report_of_row(const jx_mon_row *row);

/* A first submission's history detail: "全年预算数 800 万元，累计执行数 400 万元，绿灯" (monitor.c). */
void jx_mon_first_detail(char *out, size_t n, int64_t budget, int64_t executed, int light);

/* ---- monitoring (monitor_query.c) ------------------------------------------------------------ */
/* fn is called for each unit (level unit, under `under` when given) that has not reported
 * its own report at a checkpoint of year whose deadline passed (as of today), with the
 * days since the deadline.  *checkpoints: how many checkpoints' deadlines passed. */
typedef void (*jx_mon_overdue_fn)(void *ctx, const jx_dept *unit, const char *day, long days);
jx_status jx_store_mon_overdue(jx_store *s, int year, const jx_dept_list *depts, const char *under, jx_mon_overdue_fn fn,
                               void *ctx, size_t *checkpoints);

#endif
