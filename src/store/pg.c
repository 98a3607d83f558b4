/* pg.c — the PostgreSQL backend of the SQL layer (libpq): prepared statements, text results, bytea, pipelined writes. */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"
#include "util/arena.h"

/* Statements sent with pgb_send are queued in libpq's pipeline mode: the connection enters
 * it at the first one, and leaves it when a call that needs an answer (step, exec,
 * prepare, sync) has read every queued result up to a sync point.  A bulk import thus
 * pays one round trip for a department-year's ~15 writes instead of one each. */
typedef struct {
  PGconn *conn;
  int next_name;
  int queued; /* statements sent in pipeline mode whose results are not read yet */
} pg_conn;

typedef struct {
  pg_conn *c;
  char name[24];
  int nparams;
  PGresult *res;
  int row, nrows;
  unsigned char *blob; /* decoded bytea of the last jx blob() call */
  size_t blob_cap;
  const char **vals; /* parameter texts */
  int *lens, *fmts;
  char (*nums)[24];
} pg_stmt;

/* SQLSTATEs after which the whole transaction should simply run again. */
static int pg_code(const PGresult *r) {
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
    return JX_BRC_RETRY;
  return JX_BRC_ERROR;
}

static void pg_err(const pg_conn *c, const PGresult *r, const char *what, char *err, size_t errlen) {
  const char *msg = r ? PQresultErrorMessage(r) : NULL;
  if (!msg || !*msg) msg = PQerrorMessage(c->conn);
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
  snprintf(err, errlen, "PostgreSQL %s失败：%.*s", what, (int)n, msg);
}

static int pipe_drain(pg_conn *c, PGresult **last, char *err, size_t errlen);

static void notice_quiet(void *arg, const char *message) {
  (void)arg;
  (void)message; /* "relation already exists, skipping" and the like */
}

static void *pgb_open(const char *target, char *err, size_t errlen) {
  PGconn *conn = PQconnectdb(target);
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    const char *msg = conn ? PQerrorMessage(conn) : "无法分配连接";
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) n--;
    snprintf(err, errlen, "无法连接 PostgreSQL 数据库：%.*s", (int)n, msg);
    PQfinish(conn);
    return NULL;
  }
  PQsetNoticeProcessor(conn, notice_quiet, NULL);
  PGresult *r = PQexec(conn, "SET client_encoding = 'UTF8'; SET client_min_messages = warning");
  PQclear(r);
  pg_conn *c = jx_xcalloc(1, sizeof *c);
  c->conn = conn;
  return c;
}

static void pgb_close(void *conn) {
  pg_conn *c = conn;
  if (!c) return;
  PQfinish(c->conn);
  free(c);
}

static int pgb_exec(void *conn, const char *sql, char *err, size_t errlen) {
  pg_conn *c = conn;
  if (c->queued || PQpipelineStatus(c->conn) != PQ_PIPELINE_OFF) {
    int rc = pipe_drain(c, NULL, err, errlen);
    /* a queued write failed: what follows (COMMIT, RELEASE …) must not run as if it had
     * not, except a rollback, which is what the caller does next */
    if (rc != JX_BRC_OK && strncmp(sql, "ROLLBACK", 8) != 0) return rc;
  }
  PGresult *r = PQexec(c->conn, sql);
  ExecStatusType t = PQresultStatus(r);
  int rc = JX_BRC_OK;
  if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK && t != PGRES_EMPTY_QUERY) {
    pg_err(c, r, "执行", err, errlen);
    rc = pg_code(r);
  }
  PQclear(r);
  return rc;
}

static void *pgb_prepare(void *conn, const char *sql, int nparams, char *err, size_t errlen) {
  pg_conn *c = conn;
  if ((c->queued || PQpipelineStatus(c->conn) != PQ_PIPELINE_OFF) && pipe_drain(c, NULL, err, errlen) != JX_BRC_OK) return NULL;
  pg_stmt *s = jx_xcalloc(1, sizeof *s);
  s->c = c;
  s->nparams = nparams;
  snprintf(s->name, sizeof s->name, "jx%d", ++c->next_name);
  PGresult *r = PQprepare(c->conn, s->name, sql, nparams, NULL);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) {
    pg_err(c, r, "准备语句", err, errlen);
    PQclear(r);
    free(s);
    return NULL;
  }
  PQclear(r);
  size_t n = (size_t)(nparams ? nparams : 1);
  s->vals = jx_xcalloc(n, sizeof *s->vals);
  s->lens = jx_xcalloc(n, sizeof *s->lens);
  s->fmts = jx_xcalloc(n, sizeof *s->fmts);
  s->nums = jx_xcalloc(n, sizeof *s->nums);
  return s;
}

/* The parameters as libpq wants them: text, except blobs (binary). */
static void fill_params(pg_stmt *s, const jx_dbv *params, int nparams) {
  for (int i = 0; i < nparams; i++) {
    const jx_dbv *v = &params[i];
    s->fmts[i] = 0;
    s->lens[i] = 0;
    switch (v->type) {
    case JX_DBV_INT:
      snprintf(s->nums[i], sizeof s->nums[i], "%lld", (long long)v->i);
      s->vals[i] = s->nums[i];
      break;
    case JX_DBV_TEXT: s->vals[i] = v->p; break;
    case JX_DBV_BLOB:
      s->vals[i] = v->p;
      s->lens[i] = (int)v->len;
      s->fmts[i] = 1; /* binary */
      break;
    default: s->vals[i] = NULL; break;
    }
  }
}

/* Send a sync point and read every queued result up to it, then leave pipeline mode.  The
 * first failure is the outcome (a statement after it reads as "aborted": it never ran).
 * *last, when given, receives the last queued statement's result (a query sent with the
 * sync).  Bounded even when the connection is lost (libpq then returns NULL). */
static int pipe_drain(pg_conn *c, PGresult **last, char *err, size_t errlen) {
  if (last) *last = NULL;
  if (PQpipelineStatus(c->conn) == PQ_PIPELINE_OFF) {
    c->queued = 0;
    return JX_BRC_OK;
  }
  int rc = JX_BRC_OK, n = c->queued;
  bool synced = false, sent = PQpipelineSync(c->conn) == 1;
  if (!sent) {
    pg_err(c, NULL, "发送", err, errlen);
    rc = JX_BRC_ERROR;
  }
  /* the results of queued statement i end with a NULL; then comes PGRES_PIPELINE_SYNC */
  for (int i = 0, nulls = 0; sent && !synced && PQstatus(c->conn) == CONNECTION_OK;) {
    PGresult *r = PQgetResult(c->conn);
    if (!r) {
      i++;
      if (++nulls > n + 2) break; /* nothing more will come */
      continue;
    }
    nulls = 0;
    ExecStatusType t = PQresultStatus(r);
    if (t == PGRES_PIPELINE_SYNC) {
      synced = true;
    } else if (t == PGRES_FATAL_ERROR && rc == JX_BRC_OK) {
      pg_err(c, r, "执行语句", err, errlen);
      rc = pg_code(r);
    } else if (t == PGRES_PIPELINE_ABORTED && rc == JX_BRC_OK) {
      snprintf(err, errlen, "PostgreSQL 执行语句失败：流水线已中止");
      rc = JX_BRC_ERROR;
    } else if (last && i == n - 1 && !*last && (t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK)) {
      *last = r;
      continue;
    }
    PQclear(r);
  }
  c->queued = 0;
  if (!synced && rc == JX_BRC_OK) {
    pg_err(c, NULL, "读取结果", err, errlen);
    rc = JX_BRC_ERROR;
  }
  if (!PQexitPipelineMode(c->conn)) {
    PGresult *r;
    while ((r = PQgetResult(c->conn)) != NULL) PQclear(r);
    if (!PQexitPipelineMode(c->conn) && rc == JX_BRC_OK) {
      pg_err(c, NULL, "结束流水线", err, errlen);
      rc = JX_BRC_ERROR;
    }
  }
  if (rc != JX_BRC_OK && last && *last) {
    PQclear(*last);
    *last = NULL;
  }
  return rc;
}

static int pgb_sync(void *conn, char *err, size_t errlen) {
  pg_conn *c = conn;
  if (!c->queued && PQpipelineStatus(c->conn) == PQ_PIPELINE_OFF) return JX_BRC_OK;
  return pipe_drain(c, NULL, err, errlen);
}

static int pgb_flush(void *conn, char *err, size_t errlen) {
  pg_conn *c = conn;
  if (!c->queued) return JX_BRC_OK;
  if (PQflush(c->conn) == 0) return JX_BRC_OK; /* the server runs them as they arrive */
  pg_err(c, NULL, "发送", err, errlen);
  return JX_BRC_ERROR;
}

static int pgb_send(void *stmt, const jx_dbv *params, int nparams, char *err, size_t errlen) {
  pg_stmt *s = stmt;
  pg_conn *c = s->c;
  PQclear(s->res);
  s->res = NULL;
  if (PQpipelineStatus(c->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(c->conn)) {
    pg_err(c, NULL, "进入流水线模式", err, errlen);
    return JX_BRC_ERROR;
  }
  fill_params(s, params, nparams);
  if (!PQsendQueryPrepared(c->conn, s->name, nparams, s->vals, s->lens, s->fmts, 0)) {
    pg_err(c, NULL, "发送语句", err, errlen);
    return JX_BRC_ERROR;
  }
  c->queued++;
  return JX_BRC_OK;
}

static int pgb_step(void *stmt, const jx_dbv *params, int nparams, int first, char *err, size_t errlen) {
  pg_stmt *s = stmt;
  if (first) {
    PQclear(s->res);
    s->res = NULL;
    if (s->c->queued) { /* the queued writes, then this query, in one round trip */
      int rc = pgb_send(s, params, nparams, err, errlen);
      if (rc == JX_BRC_OK) rc = pipe_drain(s->c, &s->res, err, errlen);
      if (rc != JX_BRC_OK) return rc;
    } else {
      fill_params(s, params, nparams);
      s->res = PQexecPrepared(s->c->conn, s->name, nparams, s->vals, s->lens, s->fmts, 0);
    }
    ExecStatusType t = PQresultStatus(s->res);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
      pg_err(s->c, s->res, "执行语句", err, errlen);
      int rc = pg_code(s->res);
      PQclear(s->res);
      s->res = NULL;
      return rc;
    }
    s->nrows = PQntuples(s->res);
    s->row = -1;
  }
  if (!s->res) return JX_BRC_OK;
  if (s->row + 1 < s->nrows) {
    s->row++;
    return JX_BRC_ROW;
  }
  return JX_BRC_OK;
}

static void pgb_reset(void *stmt) {
  pg_stmt *s = stmt;
  PQclear(s->res);
  s->res = NULL;
}

static void pgb_finalize(void *stmt) {
  pg_stmt *s = stmt;
  if (!s) return;
  PQclear(s->res);
  char sql[64], ignore[256];
  if (s->c->queued || PQpipelineStatus(s->c->conn) != PQ_PIPELINE_OFF) pipe_drain(s->c, NULL, ignore, sizeof ignore);
  snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
  PGresult *r = PQexec(s->c->conn, sql); /* fails harmlessly inside an aborted transaction */
  PQclear(r);
  free(s->vals);
  free(s->lens);
  free(s->fmts);
  free(s->nums);
  free(s->blob);
  free(s);
}

static int pgb_columns(void *stmt) {
  pg_stmt *s = stmt;
  return s->res ? PQnfields(s->res) : 0;
}

static int valid(const pg_stmt *s, int col) { return s->res && s->row >= 0 && s->row < s->nrows && col < PQnfields(s->res); }

static int pgb_is_null(void *stmt, int col) {
  pg_stmt *s = stmt;
  return !valid(s, col) || PQgetisnull(s->res, s->row, col);
}

static const char *pgb_text(void *stmt, int col) {
  pg_stmt *s = stmt;
  if (pgb_is_null(s, col)) return NULL;
  return PQgetvalue(s->res, s->row, col);
}

/* Integers come back as text; numeric sums ("123") and booleans ("t"/"f") too.  Parsed by
 * hand: a province's query reads 150,000 of them. */
static int64_t pgb_int64(void *stmt, int col) {
  const char *t = pgb_text(stmt, col);
  if (!t) return 0;
  if (t[0] == 't' && t[1] == '\0') return 1;
  bool neg = *t == '-';
  uint64_t v = 0;
  for (const char *p = t + neg; *p >= '0' && *p <= '9'; p++) {
    if (v > (UINT64_MAX - 9) / 10) return strtoll(t, NULL, 10); /* beyond int64: strtoll's answer (saturated) */
    v = v * 10 + (uint64_t)(*p - '0');
  }
  if (v > (uint64_t)INT64_MAX) return strtoll(t, NULL, 10);
  return neg ? -(int64_t)v : (int64_t)v;
}

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* bytea in text form is "\x" and hex digits (bytea_output = hex, the default). */
static const void *pgb_blob(void *stmt, int col, size_t *len) {
  pg_stmt *s = stmt;
  *len = 0;
  const char *t = pgb_text(s, col);
  if (!t) return NULL;
  size_t n = (size_t)PQgetlength(s->res, s->row, col);
  if (n < 2 || t[0] != '\\' || t[1] != 'x') { /* not bytea: the text itself */
    *len = n;
    return t;
  }
  size_t out = (n - 2) / 2;
  if (out + 1 > s->blob_cap) {
    s->blob_cap = out + 1;
    s->blob = jx_xrealloc(s->blob, s->blob_cap);
  }
  for (size_t i = 0; i < out; i++) {
    int hi = hexval((unsigned char)t[2 + 2 * i]), lo = hexval((unsigned char)t[3 + 2 * i]);
    s->blob[i] = (unsigned char)((hi < 0 ? 0 : hi) << 4 | (lo < 0 ? 0 : lo));
  }
  s->blob[out] = 0;
  *len = out;
  return s->blob;
}

JX_BACKEND_EXPORT const jx_db_backend *jx_db_backend_pg_v1(void) {
  static const jx_db_backend be = {
      JX_DB_BACKEND_ABI, "pg",        pgb_open,     pgb_close, pgb_exec, pgb_prepare, pgb_step, pgb_reset,
      pgb_finalize,      pgb_columns, pgb_is_null, pgb_int64, pgb_text, pgb_blob,  pgb_send, pgb_sync, pgb_flush,
      NULL, /* copy: pg_dump / pg_restore as child processes (src/store/backup.c) */
  };
  return &be;
}
