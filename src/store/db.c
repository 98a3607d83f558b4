/* db.c — the portable SQL layer: dialect rewriting, parameters, transactions, migrations, backend loading. */
#include "store/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/backend.h"
#include "util/arena.h"

struct jx_db {
  const jx_db_backend *be;
  void *conn;
  jx_db_kind kind;
  int next_stmt;
  struct jx_stmt *lock; /* pg_advisory_xact_lock(?), prepared once */
  char err[1024];
};

struct jx_stmt {
  jx_db *db;
  void *bs;      /* backend statement */
  int nparams;
  jx_dbv *params;
  char **owned;  /* copies of text/blob parameters, kept for the next bind (no malloc per row) */
  size_t *owned_cap;
  int started;
};

/* ---- backends ------------------------------------------------------------------------ */

#ifdef JX_STORE_PLUGIN
/* The command line's build: each backend is a module (libjixiao-sqlite.so, libjixiao-pg.so)
 * loaded on first use, so that `jixiao check` does not pay for libsqlite3 and libpq. */
#include "util/module.h"

/* libjixiao-sqlite.so / libjixiao-pg.so, found as every module is (src/util/module.c). */
static const jx_db_backend *load_backend(const char *name, char *err, size_t errlen) {
  static const jx_db_backend *cache[2];
  int slot = strcmp(name, "pg") == 0;
  if (cache[slot]) return cache[slot];
  char file[64], entry[64];
  snprintf(file, sizeof file, "libjixiao-%s.so", name);
  snprintf(entry, sizeof entry, "jx_db_backend_%s_v1", name);
  cache[slot] = jx_module_load(file, slot ? "JIXIAO_PG_MODULE" : "JIXIAO_SQLITE_MODULE", entry, JX_DB_BACKEND_ABI, err,
                               errlen);
  return cache[slot];
}
#else
static const jx_db_backend *load_backend(const char *name, char *err, size_t errlen) {
  if (errlen) err[0] = '\0'; /* linked in: nothing can fail */
  return strcmp(name, "pg") == 0 ? jx_db_backend_pg_v1() : jx_db_backend_sqlite_v1();
}
#endif

/* ---- errors ---------------------------------------------------------------------------- */

void jx_db_set_error(jx_db *db, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(db->err, sizeof db->err, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): clang 14 false positive
  va_end(ap);
}

const char *jx_db_errmsg(const jx_db *db) { return db ? db->err : ""; }

static jx_status status_of(int rc) {
  switch (rc) {
  case JX_BRC_OK: return JX_OK;
  case JX_BRC_ROW: return JX_DB_ROW;
  case JX_BRC_RETRY: return JX_DB_RETRY;
  default: return JX_ERR_IO;
  }
}

/* ---- open / close ------------------------------------------------------------------------ */

static bool is_pg_target(const char *t) {
  return strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0 || strncmp(t, "host=", 5) == 0 ||
         strncmp(t, "dbname=", 7) == 0;
}

jx_status jx_db_open(const char *target, jx_db **out, char *err, size_t errlen) {
  *out = NULL;
  if (!target || !*target) {
    snprintf(err, errlen, "没有给出数据库（文件路径或 postgresql:// 地址）");
    return JX_ERR_INVALID;
  }
  bool pg = is_pg_target(target);
  const jx_db_backend *be = load_backend(pg ? "pg" : "sqlite", err, errlen);
  if (!be) return JX_ERR_IO;
  void *conn = be->open(target, err, errlen);
  if (!conn) return JX_ERR_IO;
  jx_db *db = jx_xcalloc(1, sizeof *db);
  db->be = be;
  db->conn = conn;
  db->kind = pg ? JX_DB_POSTGRES : JX_DB_SQLITE;
  *out = db;
  return JX_OK;
}

void jx_db_close(jx_db *db) {
  if (!db) return;
  db->be->sync(db->conn, db->err, sizeof db->err); /* nothing sent is left unsent */
  jx_stmt_finalize(db->lock);
  db->be->close(db->conn);
  free(db);
}

jx_db_kind jx_db_kind_of(const jx_db *db) { return db->kind; }

jx_status jx_db_copy(jx_db *db, const char *file, bool to_file) {
  if (!db->be->copy) {
    jx_db_set_error(db, "%s 后端不能直接复制数据库", db->be->name);
    return JX_ERR_INVALID;
  }
  return status_of(db->be->copy(db->conn, file, to_file ? 1 : 0, db->err, sizeof db->err));
}

/* ---- dialect ------------------------------------------------------------------------------- */

static bool word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Does s start with the whole word w (case-sensitive, as the portable SQL is written)? */
static bool word_at(const char *sql, const char *s, const char *w) {
  size_t n = strlen(w);
  return strncmp(s, w, n) == 0 && !word_char(s[n]) && (s == sql || !word_char(s[-1]));
}

typedef struct {
  char *p;
  size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 256;
    b->p = jx_xrealloc(b->p, b->cap);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}
static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* Rewrite portable SQL for the backend; counts the `?` placeholders.  Returns a malloc'd
 * string. */
static char *rewrite(const jx_db *db, const char *sql, int *nparams) {
  sbuf b = {0};
  int n = 0;
  bool pg = db->kind == JX_DB_POSTGRES;
  bool stmt_start = true;
  for (const char *s = sql; *s;) {
    if (stmt_start && strncmp(s, JX_DB_PG_ONLY, sizeof JX_DB_PG_ONLY - 1) == 0 && !pg) { /* not for SQLite: skip it */
      while (*s && *s != ';') s++;
      if (*s) s++;
      continue;
    }
    stmt_start = *s == ';' || (stmt_start && (*s == ' ' || *s == '\n'));
    if (*s == '\'' || *s == '"') { /* literal or quoted identifier: copy as is */
      char q = *s;
      const char *e = s + 1;
      while (*e && !(*e == q && e[1] != q)) e += (*e == q) ? 2 : 1;
      if (*e) e++;
      sb_put(&b, s, (size_t)(e - s));
      s = e;
    } else if (*s == '?') {
      n++;
      if (pg) {
        char num[16];
        snprintf(num, sizeof num, "$%d", n);
        sb_str(&b, num);
      } else {
        sb_put(&b, "?", 1);
      }
      s++;
    } else if (pg && word_at(sql, s, "INTEGER")) {
      if (strncmp(s, "INTEGER PRIMARY KEY", 19) == 0) {
        sb_str(&b, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
        s += 19;
      } else {
        sb_str(&b, "BIGINT");
        s += 7;
      }
    } else if (pg && word_at(sql, s, "BINARY")) { /* COLLATE BINARY: byte order */
      sb_str(&b, "\"C\"");
      s += 6;
    } else if (pg && word_at(sql, s, "BLOB")) {
      sb_str(&b, "BYTEA");
      s += 4;
    } else if (pg && word_at(sql, s, "STRICT")) {
      s += 6; /* and a table option after it, ", WITHOUT ROWID" (PostgreSQL tables are heaps) */
      const char *t = s;
      while (*t == ' ') t++;
      if (*t == ',') {
        t++;
        while (*t == ' ') t++;
        if (!strncmp(t, "WITHOUT ROWID", 13) && !word_char(t[13])) s = t + 13;
      }
    } else {
      sb_put(&b, s, 1);
      s++;
    }
  }
  if (!b.p) sb_put(&b, "", 0);
  *nparams = n;
  return b.p;
}

/* ---- statements ------------------------------------------------------------------------------ */

jx_status jx_db_exec(jx_db *db, const char *sql) {
  int n;
  char *q = rewrite(db, sql, &n);
  int rc = db->be->exec(db->conn, q, db->err, sizeof db->err);
  free(q);
  return status_of(rc);
}

jx_status jx_db_prepare(jx_db *db, const char *sql, jx_stmt **out) {
  *out = NULL;
  int n;
  char *q = rewrite(db, sql, &n);
  void *bs = db->be->prepare(db->conn, q, n, db->err, sizeof db->err);
  free(q);
  if (!bs) return JX_ERR_IO;
  jx_stmt *st = jx_xcalloc(1, sizeof *st);
  st->db = db;
  st->bs = bs;
  st->nparams = n;
  st->params = jx_xcalloc((size_t)(n ? n : 1), sizeof *st->params);
  st->owned = jx_xcalloc((size_t)(n ? n : 1), sizeof *st->owned);
  st->owned_cap = jx_xcalloc((size_t)(n ? n : 1), sizeof *st->owned_cap);
  *out = st;
  return JX_OK;
}

void jx_stmt_finalize(jx_stmt *st) {
  if (!st) return;
  st->db->be->finalize(st->bs);
  for (int i = 0; i < st->nparams; i++) free(st->owned[i]);
  free(st->owned);
  free(st->owned_cap);
  free(st->params);
  free(st);
}

static jx_dbv *param(jx_stmt *st, int i) {
  if (i < 1 || i > st->nparams) {
    fprintf(stderr, "jixiao: 内部错误：SQL 参数序号 %d 超出 1..%d\n", i, st->nparams);
    abort(); /* not the OOM policy: a bug in the caller's SQL, no state to go on from */
  }
  return &st->params[i - 1];
}

void jx_stmt_bind_int64(jx_stmt *st, int i, int64_t v) { *param(st, i) = (jx_dbv){JX_DBV_INT, v, NULL, 0}; }

void jx_stmt_bind_null(jx_stmt *st, int i) { *param(st, i) = (jx_dbv){JX_DBV_NULL, 0, NULL, 0}; }

static void bind_bytes(jx_stmt *st, int i, jx_dbv_type t, const void *data, size_t len) {
  jx_dbv *v = param(st, i);
  size_t have = st->owned_cap[i - 1];
  /* a statement run per row reuses its copies; a large one (a file's body) is not kept for small values */
  if (have < len + 1 || (have > 65536 && len + 1 <= have / 4)) {
    size_t cap = len + 1 < 64 ? 64 : len + 1;
    free(st->owned[i - 1]);
    st->owned[i - 1] = jx_xmalloc(cap);
    st->owned_cap[i - 1] = cap;
  }
  char *copy = st->owned[i - 1];
  if (len) memcpy(copy, data, len);
  copy[len] = '\0';
  *v = (jx_dbv){t, 0, copy, len};
}

void jx_stmt_bind_text(jx_stmt *st, int i, const char *text, ptrdiff_t len) {
  if (!text) {
    jx_stmt_bind_null(st, i);
    return;
  }
  bind_bytes(st, i, JX_DBV_TEXT, text, len < 0 ? strlen(text) : (size_t)len);
}

void jx_stmt_bind_blob(jx_stmt *st, int i, const void *data, size_t len) { bind_bytes(st, i, JX_DBV_BLOB, data, len); }

jx_status jx_stmt_step(jx_stmt *st) {
  int first = !st->started;
  st->started = 1;
  return status_of(st->db->be->step(st->bs, st->params, st->nparams, first, st->db->err, sizeof st->db->err));
}

jx_status jx_stmt_send(jx_stmt *st) {
  st->started = 0;
  return status_of(st->db->be->send(st->bs, st->params, st->nparams, st->db->err, sizeof st->db->err));
}

jx_status jx_db_sync(jx_db *db) { return status_of(db->be->sync(db->conn, db->err, sizeof db->err)); }

jx_status jx_db_flush(jx_db *db) { return status_of(db->be->flush(db->conn, db->err, sizeof db->err)); }

void jx_stmt_reset(jx_stmt *st) {
  st->db->be->reset(st->bs);
  st->started = 0;
}

bool jx_stmt_is_null(jx_stmt *st, int col) { return st->db->be->is_null(st->bs, col) != 0; }
int64_t jx_stmt_int64(jx_stmt *st, int col) { return st->db->be->int64(st->bs, col); }
const char *jx_stmt_text(jx_stmt *st, int col) { return st->db->be->text(st->bs, col); }
const void *jx_stmt_blob(jx_stmt *st, int col, size_t *len) { return st->db->be->blob(st->bs, col, len); }

jx_status jx_db_query_int64(jx_db *db, const char *sql, int64_t *v) {
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, sql, &st);
  if (s != JX_OK) return s;
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) {
    *v = jx_stmt_int64(st, 0);
    s = JX_OK;
  } else if (s == JX_DB_DONE) {
    s = JX_DB_DONE;
  }
  jx_stmt_finalize(st);
  return s;
}

/* ---- transactions ------------------------------------------------------------------------------ */

jx_status jx_db_begin(jx_db *db) { return jx_db_exec(db, db->kind == JX_DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN"); }
jx_status jx_db_commit(jx_db *db) { return jx_db_exec(db, "COMMIT"); }

jx_status jx_db_rollback(jx_db *db) {
  char keep[sizeof db->err];
  memcpy(keep, db->err, sizeof keep); /* the error that made us roll back matters more */
  db->be->exec(db->conn, "ROLLBACK", db->err, sizeof db->err); /* fails harmlessly outside a transaction */
  memcpy(db->err, keep, sizeof keep);
  return JX_OK;
}

jx_status jx_db_lock(jx_db *db, int64_t key) {
  if (db->kind != JX_DB_POSTGRES) return JX_OK;
  jx_status s = db->lock ? JX_OK : jx_db_prepare(db, "SELECT pg_advisory_xact_lock(?)", &db->lock);
  if (s != JX_OK) return s;
  jx_stmt_reset(db->lock);
  jx_stmt_bind_int64(db->lock, 1, key);
  return jx_stmt_send(db->lock); /* waited for by the next statement that reads */
}

jx_status jx_db_reserve_ids(jx_db *db, const char *table, size_t n, int64_t *ids) {
  for (const char *p = table; *p; p++)
    if (!word_char(*p)) {
      jx_db_set_error(db, "内部错误：表名“%s”不对", table);
      return JX_ERR_INVALID;
    }
  char sql[256];
  if (db->kind == JX_DB_POSTGRES)
    snprintf(sql, sizeof sql, "SELECT nextval(pg_get_serial_sequence('%s', 'id')) FROM generate_series(1, %zu)", table, n);
  else
    snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(id), 0) FROM %s", table);
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, sql, &st);
  if (s != JX_OK) return s;
  size_t k = 0;
  while (k < n && (s = jx_stmt_step(st)) == JX_DB_ROW) {
    int64_t v = jx_stmt_int64(st, 0);
    if (db->kind == JX_DB_POSTGRES) {
      ids[k++] = v;
    } else {
      for (; k < n; k++) ids[k] = v + 1 + (int64_t)k;
    }
  }
  jx_stmt_finalize(st);
  if (k == n) return JX_OK;
  if (s == JX_DB_ROW || s == JX_DB_DONE) {
    jx_db_set_error(db, "内部错误：没有取得 %s 的编号", table);
    return JX_ERR_IO;
  }
  return s;
}

const char *jx_db_now(char *buf, size_t n) {
  const char *fixed = getenv("JIXIAO_NOW");
  if (fixed && *fixed) {
    snprintf(buf, n, "%s", fixed);
    return buf;
  }
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/* ---- migrations ------------------------------------------------------------------------------ */

/* The version of each component recorded in the database, compared with ours. */
static jx_status check_versions(jx_db *db, const jx_migration_group *const *groups, size_t ng) {
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, "SELECT component, version FROM schema_version ORDER BY component", &st);
  if (s != JX_OK) return s;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *comp = jx_stmt_text(st, 0);
    int64_t v = jx_stmt_int64(st, 1);
    const jx_migration_group *g = NULL;
    for (size_t i = 0; i < ng && !g; i++)
      if (strcmp(groups[i]->component, comp) == 0) g = groups[i];
    if (!g) {
      jx_db_set_error(db, "数据库含有本程序不认识的部分“%s”（第 %lld 版），是更新版本的 jixiao 建立的：请升级 jixiao 后再打开", comp,
                      (long long)v);
      jx_stmt_finalize(st);
      return JX_ERR_DATA;
    }
    int ours = g->n ? g->items[g->n - 1].version : 0;
    if (v > ours) {
      jx_db_set_error(db, "数据库结构“%s”是第 %lld 版，本程序只认识到第 %d 版（jixiao %s）：请升级 jixiao 后再打开，不要用旧程序写入", comp,
                      (long long)v, ours, JX_VERSION);
      jx_stmt_finalize(st);
      return JX_ERR_DATA;
    }
  }
  jx_stmt_finalize(st);
  return s == JX_DB_DONE ? JX_OK : s;
}

static jx_status recorded_version(jx_db *db, const char *component, int64_t *v) {
  jx_stmt *st;
  *v = 0;
  jx_status s = jx_db_prepare(db, "SELECT version FROM schema_version WHERE component = ?", &st);
  if (s != JX_OK) return s;
  jx_stmt_bind_text(st, 1, component, -1);
  s = jx_stmt_step(st);
  if (s == JX_DB_ROW) *v = jx_stmt_int64(st, 0);
  jx_stmt_finalize(st);
  return s == JX_DB_ROW || s == JX_DB_DONE ? JX_OK : s;
}

static jx_status migrate_once(jx_db *db, const jx_migration_group *const *groups, size_t ng) {
  jx_status s = jx_db_begin(db);
  if (s != JX_OK) return s;
  /* PostgreSQL: concurrent openers wait here (SQLite: BEGIN IMMEDIATE already did). */
  if (s == JX_OK) s = jx_db_lock(db, 0x6a697869616f);
  if (s == JX_OK)
    s = jx_db_exec(db, "CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL, "
                       "updated_at TEXT NOT NULL) STRICT");
  if (s == JX_OK) s = check_versions(db, groups, ng);
  char now[40];
  jx_db_now(now, sizeof now);
  for (size_t g = 0; g < ng && s == JX_OK; g++) {
    int64_t have;
    s = recorded_version(db, groups[g]->component, &have);
    for (size_t i = 0; i < groups[g]->n && s == JX_OK; i++) {
      const jx_migration *m = &groups[g]->items[i];
      if (m->version <= have) continue;
      s = jx_db_exec(db, m->sql);
      if (s != JX_OK) {
        char why[sizeof db->err];
        snprintf(why, sizeof why, "%s", db->err);
        jx_db_set_error(db, "数据库结构升级失败（%s 第 %d 版 %s）：%s", groups[g]->component, m->version, m->name, why);
        break;
      }
      jx_stmt *st;
      s = jx_db_prepare(db, "INSERT INTO schema_version (component, version, updated_at) VALUES (?, ?, ?) "
                            "ON CONFLICT (component) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at",
                        &st);
      if (s != JX_OK) break;
      jx_stmt_bind_text(st, 1, groups[g]->component, -1);
      jx_stmt_bind_int64(st, 2, m->version);
      jx_stmt_bind_text(st, 3, now, -1);
      s = jx_stmt_step(st);
      jx_stmt_finalize(st);
    }
  }
  if (s != JX_OK) {
    jx_db_rollback(db);
    return s;
  }
  return jx_db_commit(db);
}

/* Is every group recorded at our latest version?  A plain read: opening an up-to-date
 * database never waits for the write lock (a bulk import may hold it). */
static bool up_to_date(jx_db *db, const jx_migration_group *const *groups, size_t ng) {
  jx_stmt *st;
  char keep[sizeof db->err];
  memcpy(keep, db->err, sizeof keep);
  bool ok = jx_db_prepare(db, "SELECT component, version FROM schema_version", &st) == JX_OK;
  memcpy(db->err, keep, sizeof keep); /* no table yet: not an error */
  if (!ok) return false;
  size_t matched = 0;
  jx_status r = JX_DB_DONE;
  while (ok && (r = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *comp = jx_stmt_text(st, 0);
    int64_t v = jx_stmt_int64(st, 1);
    bool known = false;
    for (size_t i = 0; i < ng; i++)
      if (strcmp(groups[i]->component, comp) == 0) {
        known = true;
        ok = groups[i]->n && v == groups[i]->items[groups[i]->n - 1].version;
        matched++;
      }
    ok = ok && known;
  }
  jx_stmt_finalize(st);
  return ok && r == JX_DB_DONE && matched == ng;
}

jx_status jx_db_migrate_groups(jx_db *db, const jx_migration_group *const *groups, size_t n) {
  if (up_to_date(db, groups, n)) return JX_OK;
  jx_status s;
  for (int attempt = 0; attempt < 20; attempt++)
    if ((s = migrate_once(db, groups, n)) != JX_DB_RETRY) return s;
  return s;
}

jx_status jx_db_migrate(jx_db *db) {
  enum { MAX_GROUPS = 16 };
  const jx_migration_group *groups[MAX_GROUPS];
  size_t n = jx_db_migration_groups(groups, MAX_GROUPS);
  return jx_db_migrate_groups(db, groups, n);
}
