/* store.c — opening a store, errors, department-year lookups, history rows, number formatting, SHA-256. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/store.h"
#include "util/date.h"
#include "util/text.h"

/* The message is printed by the command line and sent by the web: its control characters
 * (from a file name, a code or a project name) become visible \xHH, cut at a character. */
static void visible_err(jx_store *s) {
  jx_arena *a = jx_arena_new();
  const char *v = jx_text_visible(a, s->err);
  if (v != s->err) {
    size_t n = strlen(v);
    if (n >= sizeof s->err) {
      n = sizeof s->err - 1;
      while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80) n--;
    }
    memcpy(s->err, v, n);
    s->err[n] = '\0';
  }
  jx_arena_free(a);
}

jx_status jx_store_fail(jx_store *s, jx_status st, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->err, sizeof s->err, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): clang 14 false positive
  va_end(ap);
  visible_err(s);
  return st;
}

jx_status jx_store_dbfail(jx_store *s, jx_status st) {
  snprintf(s->err, sizeof s->err, "%s", jx_db_errmsg(s->db));
  visible_err(s);
  return st;
}

jx_status jx_store_open(const char *target, jx_store **out, char *err, size_t errlen) {
  *out = NULL;
  jx_db *db;
  jx_status st = jx_db_open(target, &db, err, errlen);
  if (st != JX_OK) return st;
  st = jx_db_migrate(db);
  if (st != JX_OK) {
    snprintf(err, errlen, "%s", jx_db_errmsg(db));
    jx_db_close(db);
    return st;
  }
  jx_store *s = jx_xcalloc(1, sizeof *s);
  s->db = db;
  st = jx_store_library_seed(s); /* the indicator library's common frame, once */
  if (st != JX_OK) {
    snprintf(err, errlen, "%s", s->err);
    jx_store_close(s);
    return st;
  }
  *out = s;
  return JX_OK;
}

jx_status jx_store_prepare(jx_store *s, const char *sql, jx_stmt **out) {
  for (size_t i = 0; i < s->n_stmts; i++)
    if (s->stmts[i].sql == sql) {
      *out = s->stmts[i].st;
      jx_stmt_reset(*out);
      return JX_OK;
    }
  jx_status st = jx_db_prepare(s->db, sql, out);
  if (st != JX_OK) return st;
  if (s->n_stmts < sizeof s->stmts / sizeof *s->stmts) {
    s->stmts[s->n_stmts].sql = sql;
    s->stmts[s->n_stmts].st = *out;
    s->n_stmts++;
  } else {
    fprintf(stderr, "jixiao: 内部错误：预编译语句缓存已满\n");
    abort(); /* not the OOM policy: a bug (more distinct statements than the cache's fixed size) */
  }
  return JX_OK;
}

void jx_store_release(jx_stmt *st) { jx_stmt_reset(st); }

/* "head VALUES (?, …) × 2^lg tail", built once per store and table */
static const char *multi_sql(jx_store *s, jx_store_multi table, const char *head, const char *tail, int ncols, int lg) {
  if (s->multi_sql[table][lg]) return s->multi_sql[table][lg];
  if (!tail) tail = "";
  size_t rows = (size_t)1 << lg, cap = strlen(head) + strlen(tail) + rows * (size_t)(ncols * 3 + 4) + 16;
  char *q = jx_xmalloc(cap), *p = q;
  p += snprintf(p, cap, "%s VALUES ", head);
  for (size_t r = 0; r < rows; r++) {
    *p++ = r ? ',' : ' ';
    *p++ = '(';
    for (int c = 0; c < ncols; c++) {
      if (c) *p++ = ',';
      *p++ = '?';
    }
    *p++ = ')';
  }
  snprintf(p, cap - (size_t)(p - q), "%s", tail);
  s->multi_sql[table][lg] = q;
  return q;
}

jx_status jx_store_insert_rows(jx_store *s, jx_store_multi table, const char *head, const char *tail, int ncols, size_t n,
                               jx_store_bind_row_fn bind, const void *ctx) {
  for (size_t i = 0; i < n;) {
    int lg = JX_STORE_MULTI_LG - 1;
    while (((size_t)1 << lg) > n - i) lg--;
    size_t k = (size_t)1 << lg;
    jx_stmt *st;
    if (jx_store_prepare(s, multi_sql(s, table, head, tail, ncols, lg), &st) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
    for (size_t b = 0; b < k; b++) bind(st, (int)b * ncols, i + b, ctx);
    jx_status x = jx_stmt_send(st);
    if (x != JX_OK) return jx_store_dbfail(s, x);
    i += k;
  }
  return JX_OK;
}

/* After a bulk load into PostgreSQL (1,000 rows or more of a table through this store),
 * the planner's statistics of what it wrote, before the store is closed: right after a
 * load there are none (autovacuum comes later) and the queries of a whole year were planned
 * as a few rows — a bitmap scan and a sort spilled to disk instead of reading the index in
 * code order (flags on 25,000 department-years: 21 ms instead of 6 in the server; `db
 * alerts` after a sheet of 25,000 units sorted the departments instead of reading their
 * index in byte order).  About 90 ms for 25,000 rows, once; SQLite plans these queries
 * without statistics. */
enum { ANALYZE_AFTER = 1000 };

void jx_store_close(jx_store *s) {
  if (!s) return;
  static const char *const analyze[JX_STORE_BULK_TABLES] = {
      [JX_BULK_YEARS] = "ANALYZE department_year",
      [JX_BULK_DEPARTMENTS] = "ANALYZE department",
      [JX_BULK_MONITORING] = "ANALYZE mon_report, mon_followup",
  };
  for (int t = 0; t < JX_STORE_BULK_TABLES; t++)
    if (s->written[t] >= ANALYZE_AFTER && jx_db_kind_of(s->db) == JX_DB_POSTGRES && !s->batch)
      (void)jx_db_exec(s->db, analyze[t]); /* an optimization: a failure changes nothing */
  for (size_t i = 0; i < s->n_stmts; i++) jx_stmt_finalize(s->stmts[i].st);
  for (size_t t = 0; t < sizeof s->multi_sql / sizeof *s->multi_sql; t++)
    for (size_t k = 0; k < JX_STORE_MULTI_LG; k++) free(s->multi_sql[t][k]);
  if (s->above_free) s->above_free(s->above);
  jx_db_close(s->db);
  free(s);
}

const char *jx_store_errmsg(const jx_store *s) { return s ? s->err : ""; }

const char *jx_store_backend(const jx_store *s) { return jx_db_kind_of(s->db) == JX_DB_POSTGRES ? "postgresql" : "sqlite"; }

const char *jx_store_kind(const jx_dy_key *k) { return k->kind && *k->kind ? k->kind : "department"; }

/* `d.year + 0`: only the unique index (department, year, kind) can serve this lookup.
 * Without statistics (a new database, a bulk import into it) PostgreSQL's plan, cached
 * for the prepared statement, took the index on (year, kind, …) instead and read every
 * department-year of the year for each file: 312 million index entries for 25,000 files. */
jx_status jx_store_find_dy(jx_store *s, const jx_dy_key *k, jx_dy_row *row) {
  memset(row, 0, sizeof *row);
  jx_stmt *st;
  if (jx_store_prepare(s,
                    "SELECT d.id, d.status, d.version, COALESCE(d.published_version, 0), d.errors, v.sha256, v.size "
                    "FROM department_year d LEFT JOIN version v ON v.id = d.current_version "
                    "WHERE d.department = ? AND d.year + 0 = ? AND d.kind = ?",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(st, 1, k->department, -1);
  jx_stmt_bind_int64(st, 2, k->year);
  jx_stmt_bind_text(st, 3, jx_store_kind(k), -1);
  jx_status r = jx_stmt_step(st);
  if (r == JX_DB_ROW) {
    row->id = jx_stmt_int64(st, 0);
    snprintf(row->status, sizeof row->status, "%s", jx_stmt_text(st, 1));
    row->version = jx_stmt_int64(st, 2);
    row->published_version = jx_stmt_int64(st, 3);
    row->errors = jx_stmt_int64(st, 4);
    snprintf(row->sha256, sizeof row->sha256, "%s", jx_stmt_text(st, 5) ? jx_stmt_text(st, 5) : "");
    row->size = jx_stmt_int64(st, 6);
    r = JX_OK;
  } else if (r == JX_DB_DONE) {
    jx_store_fail(s, JX_ERR_DATA, "数据库中没有 %s %d 年度（%s）的数据", k->department, k->year, jx_store_kind(k));
    r = JX_ERR_DATA;
  } else {
    jx_store_dbfail(s, r);
  }
  jx_store_release(st);
  return r;
}

int64_t jx_store_lock_key(const char *department, int year, const char *kind) {
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  for (const char *p = department; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  h = (h ^ (uint64_t)year) * 1099511628211ULL;
  for (const char *p = kind; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
  return (int64_t)(h >> 1);
}

jx_status jx_store_history(jx_store *s, int64_t dy, int64_t version, const char *at, const char *who, const char *field,
                           const char *old_value, const char *new_value) {
  jx_stmt *st;
  if (jx_store_prepare(s, "INSERT INTO history (dy, version, at, who, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, dy);
  jx_stmt_bind_int64(st, 2, version);
  jx_stmt_bind_text(st, 3, at, -1);
  jx_stmt_bind_text(st, 4, who, -1);
  jx_stmt_bind_text(st, 5, field, -1);
  jx_stmt_bind_text(st, 6, old_value, -1);
  jx_stmt_bind_text(st, 7, new_value, -1);
  jx_status r = jx_stmt_send(st); /* queued on PostgreSQL: checked by the transaction's next round trip */
  return r == JX_OK ? JX_OK : jx_store_dbfail(s, r);
}

/* ---- numbers ------------------------------------------------------------------------------- */

char *jx_store_fmt_int(long long v, char *buf) {
  char tmp[24];
  size_t k = 0;
  unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do {
    tmp[k++] = (char)('0' + a % 10);
    a /= 10;
  } while (a);
  char *p = buf;
  if (v < 0) *p++ = '-';
  while (k) *p++ = tmp[--k];
  *p = '\0';
  return buf;
}

char *jx_store_fmt2(int64_t v, bool known, char *buf, size_t n) {
  if (!n) return buf;
  if (!known) {
    buf[0] = '\0';
    return buf;
  }
  /* round half away from zero to hundredths (v is × 10^6); no printf: a province's
   * queries format 100,000 of these */
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t c = (a + 5000) / 10000;
  char tmp[32], *p = tmp;
  if (v < 0 && c) *p++ = '-';
  jx_store_fmt_int((long long)(c / 100), p);
  p += strlen(p);
  *p++ = '.';
  *p++ = (char)('0' + c % 100 / 10);
  *p++ = (char)('0' + c % 10);
  size_t len = (size_t)(p - tmp) < n ? (size_t)(p - tmp) : n - 1;
  memcpy(buf, tmp, len);
  buf[len] = '\0';
  return buf;
}

char *jx_store_fmt_yuan(int64_t fen, char *buf, size_t n) {
  uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
  char tmp[32], *p = tmp; /* no printf, as jx_store_fmt2: a province's alerts format 50,000 */
  if (fen < 0) *p++ = '-';
  jx_store_fmt_int((long long)(a / 100), p);
  p += strlen(p);
  *p++ = '.';
  *p++ = (char)('0' + a % 100 / 10);
  *p++ = (char)('0' + a % 10);
  *p = '\0';
  size_t k = (size_t)(p - tmp);
  if (n) {
    if (k >= n) k = n - 1;
    memcpy(buf, tmp, k);
    buf[k] = '\0';
  }
  return buf;
}

/* ---- dates -------------------------------------------------------------------------------- */

long jx_store_day_number(const char *s) {
  jx_date d;
  return jx_date_scan(s, &d) ? jx_date_days(d) : -1;
}

/* ---- SHA-256 (libsodium) ------------------------------------------------------------------- */

void jx_sha256_hex(const void *data, size_t len, char out[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  if (sodium_init() < 0) { /* idempotent; fails only when the system has no entropy source */
    fputs("jixiao: libsodium 无法初始化，程序终止。\n", stderr);
    abort(); /* not the OOM policy: without libsodium no hash can be trusted; callers have no error path */
  }
  crypto_hash_sha256(h, data, len);
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < sizeof h; i++) {
    out[2 * i] = hex[h[i] >> 4];
    out[2 * i + 1] = hex[h[i] & 15];
  }
  out[64] = '\0';
}

/* ---- departments --------------------------------------------------------------------------- */

static int dept_cmp(const void *a, const void *b) { return strcmp(((const jx_dept *)a)->code, ((const jx_dept *)b)->code); }

jx_status jx_store_departments(jx_store *s, jx_dept_list *out) {
  jx_arena *a = jx_arena_new();
  jx_status r = jx_store_departments_in(s, a, out);
  out->arena = a;
  return r;
}

/* Every department into a (codes_only: the code alone), sorted by code in strcmp's order.
 * Read in the table's order (a scan) and sorted here when it is not already: ORDER BY code
 * read the table through its code index, one look-up a row, and was in the backend's
 * collation; the codes alone come from that index, already in order on SQLite. */
static jx_status load_departments(jx_store *s, jx_arena *a, jx_dept_list *out, bool codes_only) {
  jx_stmt *st;
  if (jx_db_prepare(s->db, codes_only ? "SELECT code FROM department" : "SELECT code, name, parent, level FROM department", &st) !=
      JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  size_t cap = 0;
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    if (out->n == cap) out->items = jx_arena_grow(a, out->items, out->n, cap = cap ? cap * 2 : 256, sizeof *out->items);
    jx_dept *d = &out->items[out->n++];
    *d = (jx_dept){.code = jx_arena_strdup(a, jx_stmt_text(st, 0))};
    if (codes_only) continue;
    d->name = jx_arena_strdup(a, jx_stmt_text(st, 1));
    d->parent = jx_stmt_text(st, 2) ? jx_arena_strdup(a, jx_stmt_text(st, 2)) : NULL;
    d->level = jx_arena_strdup(a, jx_stmt_text(st, 3));
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) return jx_store_dbfail(s, r);
  bool sorted = true;
  for (size_t i = 1; i < out->n && sorted; i++) sorted = strcmp(out->items[i - 1].code, out->items[i].code) < 0;
  if (!sorted) qsort(out->items, out->n, sizeof *out->items, dept_cmp);
  return JX_OK;
}

jx_status jx_store_departments_in(jx_store *s, jx_arena *a, jx_dept_list *out) {
  memset(out, 0, sizeof *out);
  return load_departments(s, a, out, false);
}

jx_status jx_store_department_codes(jx_store *s, jx_dept_list *out) {
  memset(out, 0, sizeof *out);
  out->arena = jx_arena_new();
  return load_departments(s, out->arena, out, true);
}

const jx_dept *jx_dept_find(const jx_dept_list *l, const char *code) {
  if (!code || !l->n) return NULL;
  jx_dept key = {.code = code};
  return bsearch(&key, l->items, l->n, sizeof *l->items, dept_cmp);
}

const jx_dept *jx_dept_at_level(const jx_dept_list *l, const char *code, const char *level) {
  const jx_dept *d = jx_dept_find(l, code);
  for (int depth = 0; d && depth < 64; depth++) {
    if (strcmp(d->level, level) == 0) return d;
    d = jx_dept_find(l, d->parent);
  }
  return NULL;
}

bool jx_dept_under(const jx_dept_list *l, const char *code, const char *under) {
  if (!under) return true;
  const char *c = code;
  for (int depth = 0; c && depth < 64; depth++) {
    if (strcmp(c, under) == 0) return true;
    const jx_dept *d = jx_dept_find(l, c);
    c = d ? d->parent : NULL;
  }
  return false;
}
