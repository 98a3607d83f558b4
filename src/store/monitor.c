/* monitor.c — 绩效运行监控 in the collection: a year's checkpoints, each unit's checkpoint reports with their lights, history, reopenings, follow-ups (#18). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "model/monitor.h"
#include "parse/monitor.h"
#include "store/store.h"
#include "util/date.h"
#include "util/diag.h"

enum { MAX_CHECKPOINTS = 32, MAX_CODE_BYTES = 200 };

/* ---- dates ----------------------------------------------------------------------------------- */

/* "YYYY-MM-DD" of a day number (days since 1970-01-01), civil calendar. */
static void date_of(long z, char out[32]) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  int yy = (int)(y + (m <= 2)), mm = (int)m, dd = (int)d;
  if (yy < 0 || yy > 9999) yy = 0;
  snprintf(out, 32, "%04d-%02d-%02d", yy, mm % 100, dd % 100);
}

/* "MM-DD" of year as a date: true and *days (its day number) when it exists. */
static bool day_in_year(const char *md, int year, long *days) {
  if (!md || strlen(md) != 5 || md[2] != '-') return false;
  char buf[16];
  snprintf(buf, sizeof buf, "%04d-%s", year, md);
  jx_date d;
  if (!jx_date_parse(buf, &d)) return false;
  if (days) *days = jx_date_days(d);
  return true;
}

static long today_number(char now[40]) {
  jx_db_now(now, 40);
  return jx_store_day_number(now);
}

static const char *wan(int64_t fen, char *buf, size_t n) {
  char d[48];
  snprintf(buf, n, "%s 万元", jx_format_decimal(fen, 6, d, sizeof d));
  return buf;
}

/* ---- checkpoints ------------------------------------------------------------------------------ */

typedef struct {
  char day[8], deadline[32];
  long deadline_n;
  int grace;
} cp_row;

static jx_status load_checkpoints(jx_store *s, int year, cp_row *out, size_t *n) {
  *n = 0;
  jx_stmt *st;
  if (jx_store_prepare(s, "SELECT day, deadline, grace_days FROM mon_checkpoint WHERE year = ? ORDER BY day", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, year);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW && *n < MAX_CHECKPOINTS) {
    cp_row *c = &out[(*n)++];
    snprintf(c->day, sizeof c->day, "%s", jx_stmt_text(st, 0));
    snprintf(c->deadline, sizeof c->deadline, "%s", jx_stmt_text(st, 1));
    c->deadline_n = jx_store_day_number(c->deadline);
    c->grace = (int)jx_stmt_int64(st, 2);
  }
  jx_store_release(st);
  return r == JX_DB_DONE || r == JX_DB_ROW ? JX_OK : jx_store_dbfail(s, r);
}

static const char *cp_list(char *buf, size_t n, const cp_row *c, size_t k) {
  buf[0] = '\0';
  for (size_t i = 0; i < k; i++) {
    size_t used = strlen(buf);
    if (used + 16 >= n) break;
    memcpy(buf + used, i ? "、" : "", i ? 3 : 0);
    memcpy(buf + used + (i ? 3 : 0), c[i].day, strlen(c[i].day) + 1);
  }
  return buf;
}

static int day_cmp(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static jx_status set_txn(jx_store *s, int year, const char **days, size_t n, const long *dn, int deadline_days, int grace,
                         const char *user) {
  jx_db *db = s->db;
  char now[40];
  jx_db_now(now, sizeof now);
  jx_status st = jx_db_begin(db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  jx_stmt *q;
  /* a checkpoint that has reports stays */
  if ((st = jx_store_prepare(s, "SELECT DISTINCT day FROM mon_report WHERE year = ? ORDER BY day", &q)) != JX_OK) goto fail;
  jx_stmt_bind_int64(q, 1, year);
  while ((st = jx_stmt_step(q)) == JX_DB_ROW) {
    const char *d = jx_stmt_text(q, 0);
    bool kept = false;
    for (size_t i = 0; i < n && !kept; i++) kept = !strcmp(days[i], d);
    if (!kept) {
      jx_store_fail(s, JX_ERR_DATA, "%d 年度的监控时点 %s 已有单位报送，不能去掉；新的时点组应包含它", year, d);
      jx_store_release(q);
      jx_db_rollback(db);
      return JX_ERR_DATA;
    }
  }
  jx_store_release(q);
  if (st != JX_DB_DONE) goto fail;
  if ((st = jx_store_prepare(s, "DELETE FROM mon_checkpoint WHERE year = ?", &q)) != JX_OK) goto fail;
  jx_stmt_bind_int64(q, 1, year);
  if ((st = jx_stmt_step(q)) != JX_DB_DONE) {
    jx_store_release(q);
    goto fail;
  }
  jx_store_release(q);
  if ((st = jx_store_prepare(s,
                             "INSERT INTO mon_checkpoint (year, day, deadline, grace_days, set_at, set_by) VALUES (?, ?, ?, ?, ?, ?)",
                             &q)) != JX_OK)
    goto fail;
  for (size_t i = 0; i < n && st == JX_OK; i++) {
    char due[32];
    date_of(dn[i] + deadline_days, due);
    jx_stmt_bind_int64(q, 1, year);
    jx_stmt_bind_text(q, 2, days[i], -1);
    jx_stmt_bind_text(q, 3, due, -1);
    jx_stmt_bind_int64(q, 4, grace);
    jx_stmt_bind_text(q, 5, now, -1);
    jx_stmt_bind_text(q, 6, user, -1);
    st = jx_stmt_send(q);
  }
  if (st == JX_OK) st = jx_db_commit(db);
  if (st == JX_OK) return JX_OK;
fail:
  jx_store_dbfail(s, st == JX_OK ? JX_ERR_IO : st);
  jx_db_rollback(db);
  return st == JX_DB_RETRY ? JX_DB_RETRY : JX_ERR_IO;
}

jx_status jx_store_checkpoints_set(jx_store *s, const jx_monrules *rules, const jx_mon_checkpoint_opts *o, size_t *n) {
  s->err[0] = '\0';
  if (n) *n = 0;
  if (!o || !o->user || !*o->user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (o->year < 1990 || o->year > 2200) return jx_store_fail(s, JX_ERR_INVALID, "年度 %d 不对", o->year);
  jx_monrules *own = NULL;
  if (!rules) {
    jx_diags d = {0};
    jx_status rs = jx_monrules_default(&own, &d);
    jx_diags_free(&d);
    if (rs != JX_OK) return jx_store_fail(s, JX_ERR_DATA, "内置的监控规则无法读取");
    rules = own;
  }
  const char *days[MAX_CHECKPOINTS];
  long dn[MAX_CHECKPOINTS];
  size_t k = 0;
  jx_status st = JX_OK;
  if (o->preset || !o->n_days) {
    const char *want = o->preset ? o->preset : rules->presets.items[0].name;
    const jx_mon_preset *p = NULL;
    for (size_t i = 0; i < rules->presets.n && !p; i++)
      if (!strcmp(rules->presets.items[i].name, want)) p = &rules->presets.items[i];
    if (!p) {
      char names[256] = "";
      for (size_t i = 0; i < rules->presets.n; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? "、" : "", rules->presets.items[i].name);
      st = jx_store_fail(s, JX_ERR_INVALID, "没有名为“%s”的监控时点组：可用 %s，或直接列出 MM-DD", want, names);
    }
    for (size_t i = 0; p && i < p->days.n && k < MAX_CHECKPOINTS; i++) days[k++] = p->days.items[i];
  } else if (o->n_days > MAX_CHECKPOINTS) {
    st = jx_store_fail(s, JX_ERR_INVALID, "一年最多 %d 个监控时点，给出了 %zu 个", MAX_CHECKPOINTS, o->n_days);
  } else {
    for (size_t i = 0; i < o->n_days; i++) days[k++] = o->days[i];
  }
  if (st == JX_OK) qsort(days, k, sizeof *days, day_cmp);
  for (size_t i = 0; i < k && st == JX_OK; i++) {
    if (!day_in_year(days[i], o->year, &dn[i]))
      st = jx_store_fail(s, JX_ERR_INVALID, "监控时点“%s”不是 %d 年的日期（写作 MM-DD，如 06-30）", days[i], o->year);
    else if (i && !strcmp(days[i], days[i - 1]))
      st = jx_store_fail(s, JX_ERR_INVALID, "监控时点 %s 写了两次", days[i]);
  }
  int deadline = o->deadline_days >= 0 ? o->deadline_days : rules->deadline_days;
  int grace = o->grace_days >= 0 ? o->grace_days : rules->grace_days;
  if (st == JX_OK && (deadline > 366 || grace > 366))
    st = jx_store_fail(s, JX_ERR_INVALID, "报送期限和宽限天数应在 0–366 天之内");
  if (st == JX_OK) {
    st = JX_DB_RETRY;
    for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = set_txn(s, o->year, days, k, dn, deadline, grace, o->user);
    if (st == JX_DB_RETRY) st = JX_ERR_IO;
  }
  if (st == JX_OK && n) *n = k;
  jx_monrules_free(own);
  return st;
}

/* ---- what an import knows of the year: reports, follow-ups, reopenings ------------------------ */

typedef struct {
  char day[8];
  const char *sha; /* "" for a bulk sheet's report (kept as figures); else in c->a */
  int64_t version, budget, executed, forecast;
  int light;
  int32_t next; /* the key's next report, -1 */
  /* a sheet's report: what makes it the same (sources, names, texts), and while its own
   * history has not begun (batch != 0) who sent it when, for the row written at its first
   * change (arena strings) */
  const char *sources, *project_name, *cause, *fix, *at, *who, *file;
  int64_t batch;
  size_t queued; /* c->flushes + 1 while its row waits in c->pend */
} rep_entry;

typedef struct {
  int64_t id;
  char day[8];
  bool closed;
  int32_t next;
} fu_entry;

typedef struct {
  const char *unit, *project;
  int32_t first_rep, first_fu;
} key_ent;

typedef struct {
  int64_t id;
  const char *unit, *day, *reason;
  bool used;
} reopen_ent;

typedef struct {
  jx_store *s;
  jx_arena *a;
  int year;
  const char *user;
  char now[40];
  long today;
  cp_row cps[MAX_CHECKPOINTS];
  size_t n_cps;
  jx_dept_list depts;
  key_ent *keys;
  size_t n_keys, cap_keys;
  size_t *slots, n_slots; /* key index + 1 */
  rep_entry *reps;
  size_t n_reps, cap_reps;
  fu_entry *fus;
  size_t n_fus, cap_fus;
  reopen_ent *reopens;
  size_t n_reopens, cap_reopens;
  int64_t fu_last; /* the largest follow-up id: new ones follow it (monitoring writers hold one lock) */
  int64_t batch;   /* a sheet's history row: its first submissions are noted there, not one by one */
  size_t quiet;    /* how many reports the sheet's row stands for */
  struct pend_rep *pend; /* report rows not yet written (flush_pending): many a statement */
  size_t n_pend, cap_pend;
  struct pend_fu *pend_fu; /* follow-ups opened, not yet written */
  size_t n_pend_fu, cap_pend_fu;
  size_t flushes;
  jx_arena *pa; /* the waiting rows' texts, freed by flush_pending */
} mctx;

static uint64_t hash2(const char *a, const char *b) {
  uint64_t h = 1469598103934665603ULL;
  for (; *a; a++) h = (h ^ (unsigned char)*a) * 1099511628211ULL;
  h = (h ^ 0x1f) * 1099511628211ULL;
  for (; *b; b++) h = (h ^ (unsigned char)*b) * 1099511628211ULL;
  return h;
}

static void rehash(mctx *c, size_t want) {
  size_t n = 64;
  while (n < want * 2) n *= 2;
  free(c->slots);
  c->slots = jx_xcalloc(n, sizeof *c->slots);
  c->n_slots = n;
  for (size_t k = 0; k < c->n_keys; k++) {
    size_t i = (size_t)(hash2(c->keys[k].unit, c->keys[k].project) & (n - 1));
    while (c->slots[i]) i = (i + 1) & (n - 1);
    c->slots[i] = k + 1;
  }
}

/* The key unit/project; made (copied) when make and new, else NULL. */
static key_ent *key_of(mctx *c, const char *unit, const char *project, bool make) {
  if (c->n_slots) {
    size_t i = (size_t)(hash2(unit, project) & (c->n_slots - 1));
    for (; c->slots[i]; i = (i + 1) & (c->n_slots - 1)) {
      key_ent *k = &c->keys[c->slots[i] - 1];
      if (!strcmp(k->unit, unit) && !strcmp(k->project, project)) return k;
    }
  }
  if (!make) return NULL;
  if (c->n_keys == c->cap_keys) c->keys = jx_xrealloc(c->keys, (c->cap_keys = c->cap_keys * 2 + 256) * sizeof *c->keys);
  key_ent *k = &c->keys[c->n_keys++];
  k->unit = jx_arena_strdup(c->a, unit);
  k->project = jx_arena_strdup(c->a, project);
  k->first_rep = k->first_fu = -1;
  if (c->n_keys * 2 > c->n_slots) rehash(c, c->n_keys * 2);
  else {
    size_t i = (size_t)(hash2(unit, project) & (c->n_slots - 1));
    while (c->slots[i]) i = (i + 1) & (c->n_slots - 1);
    c->slots[i] = c->n_keys;
  }
  return k;
}

static rep_entry *add_rep(mctx *c, key_ent *k) {
  size_t ki = (size_t)(k - c->keys);
  if (c->n_reps == c->cap_reps) c->reps = jx_xrealloc(c->reps, (c->cap_reps = c->cap_reps * 2 + 256) * sizeof *c->reps);
  k = &c->keys[ki];
  rep_entry *e = &c->reps[c->n_reps];
  memset(e, 0, sizeof *e);
  e->sha = "";
  e->next = k->first_rep;
  k->first_rep = (int32_t)c->n_reps++;
  return e;
}

static fu_entry *add_fu(mctx *c, key_ent *k) {
  if (c->n_fus == c->cap_fus) c->fus = jx_xrealloc(c->fus, (c->cap_fus = c->cap_fus * 2 + 64) * sizeof *c->fus);
  fu_entry *e = &c->fus[c->n_fus];
  memset(e, 0, sizeof *e);
  e->next = k->first_fu;
  k->first_fu = (int32_t)c->n_fus++;
  return e;
}

static void ctx_free(mctx *c) {
  jx_arena_free(c->pa);
  free(c->pend);
  free(c->pend_fu);
  free(c->keys);
  free(c->slots);
  free(c->reps);
  free(c->fus);
  free(c->reopens);
  jx_arena_free(c->a);
  jx_arena_free(c->depts.arena);
  memset(c, 0, sizeof *c);
}

/* Load the year's state (inside the transaction).  unit non-NULL: only that unit's rows. */
static jx_status ctx_load(mctx *c, const char *unit) {
  jx_store *s = c->s;
  c->n_keys = c->n_reps = c->n_fus = c->n_reopens = 0;
  c->n_pend = c->n_pend_fu = 0;
  jx_arena_free(c->pa);
  c->pa = NULL;
  if (c->n_slots) memset(c->slots, 0, c->n_slots * sizeof *c->slots);
  jx_status st = load_checkpoints(s, c->year, c->cps, &c->n_cps);
  if (st != JX_OK) return st;
  jx_stmt *q;
  if (jx_store_prepare(s,
                       "SELECT unit, project, day, sha256, version, budget, executed, COALESCE(forecast, -1), light, "
                       "sources, project_name, cause, fix, COALESCE(batch, 0), submitted_at, submitted_by, file_name "
                       "FROM mon_report WHERE year = ? AND (? = '' OR unit = ?)",
                       &q) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  const char *u = unit ? unit : "";
  c->fu_last = 0;
  if ((st = jx_db_query_int64(s->db, "SELECT COALESCE(MAX(id), 0) FROM mon_followup", &c->fu_last)) != JX_OK) {
    jx_store_release(q);
    return jx_store_dbfail(s, st);
  }
  jx_stmt_bind_int64(q, 1, c->year);
  jx_stmt_bind_text(q, 2, u, -1);
  jx_stmt_bind_text(q, 3, u, -1);
  while ((st = jx_stmt_step(q)) == JX_DB_ROW) {
    key_ent *k = key_of(c, jx_stmt_text(q, 0), jx_stmt_text(q, 1), true);
    rep_entry *e = add_rep(c, k);
    snprintf(e->day, sizeof e->day, "%s", jx_stmt_text(q, 2));
    e->sha = *jx_stmt_text(q, 3) ? jx_arena_strdup(c->a, jx_stmt_text(q, 3)) : "";
    e->version = jx_stmt_int64(q, 4);
    e->budget = jx_stmt_int64(q, 5);
    e->executed = jx_stmt_int64(q, 6);
    e->forecast = jx_stmt_int64(q, 7);
    e->light = (int)jx_stmt_int64(q, 8);
    e->sources = e->project_name = e->cause = e->fix = e->at = e->who = e->file = NULL;
    e->batch = jx_stmt_int64(q, 13);
    if (!e->sha[0]) {
      e->sources = jx_arena_strdup(c->a, jx_stmt_text(q, 9) ? jx_stmt_text(q, 9) : "");
      e->project_name = jx_arena_strdup(c->a, jx_stmt_text(q, 10));
      e->cause = jx_arena_strdup(c->a, jx_stmt_text(q, 11));
      e->fix = jx_arena_strdup(c->a, jx_stmt_text(q, 12));
    }
    if (e->batch) {
      e->at = jx_arena_strdup(c->a, jx_stmt_text(q, 14));
      e->who = jx_arena_strdup(c->a, jx_stmt_text(q, 15));
      e->file = jx_arena_strdup(c->a, jx_stmt_text(q, 16));
    }
  }
  jx_store_release(q);
  if (st != JX_DB_DONE) return jx_store_dbfail(s, st);
  if (jx_store_prepare(s,
                       "SELECT id, unit, project, day FROM mon_followup WHERE year = ? AND closed_at IS NULL AND (? = '' OR unit = ?)",
                       &q) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(q, 1, c->year);
  jx_stmt_bind_text(q, 2, u, -1);
  jx_stmt_bind_text(q, 3, u, -1);
  while ((st = jx_stmt_step(q)) == JX_DB_ROW) {
    key_ent *k = key_of(c, jx_stmt_text(q, 1), jx_stmt_text(q, 2), true);
    fu_entry *f = add_fu(c, k);
    f->id = jx_stmt_int64(q, 0);
    snprintf(f->day, sizeof f->day, "%s", jx_stmt_text(q, 3));
  }
  jx_store_release(q);
  if (st != JX_DB_DONE) return jx_store_dbfail(s, st);
  if (jx_store_prepare(s,
                       "SELECT id, unit, day, reason FROM mon_reopen WHERE year = ? AND used_at IS NULL AND (? = '' OR unit = ?) "
                       "ORDER BY id",
                       &q) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(q, 1, c->year);
  jx_stmt_bind_text(q, 2, u, -1);
  jx_stmt_bind_text(q, 3, u, -1);
  while ((st = jx_stmt_step(q)) == JX_DB_ROW) {
    if (c->n_reopens == c->cap_reopens)
      c->reopens = jx_xrealloc(c->reopens, (c->cap_reopens = c->cap_reopens * 2 + 16) * sizeof *c->reopens);
    reopen_ent *r = &c->reopens[c->n_reopens++];
    r->id = jx_stmt_int64(q, 0);
    r->unit = jx_arena_strdup(c->a, jx_stmt_text(q, 1));
    r->day = jx_arena_strdup(c->a, jx_stmt_text(q, 2));
    r->reason = jx_arena_strdup(c->a, jx_stmt_text(q, 3));
    r->used = false;
  }
  jx_store_release(q);
  return st == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, st);
}

/* ---- one report ---------------------------------------------------------------------------------- */

typedef struct {
  const jx_monreport *r;
  const jx_monresult *res;
  const char *name;    /* file name kept */
  const char *data;    /* the bytes stored; NULL: a sheet's report, kept as its figures */
  size_t len;
  const char *sources; /* the figures (jx_mon_sources_text) when data is NULL */
  const jx_monrules *rules; /* to explain a red light computed without derivations */
  jx_pos pos;       /* where a refusal is reported (sheet) */
  jx_diags *diags;  /* sheet: refusals are diagnostics here; NULL: s->err */
  bool dry;         /* check only (the sheet already has an error) */
} put_job;

static jx_status refuse(mctx *c, const put_job *j, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static jx_status refuse(mctx *c, const put_job *j, const char *code, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): clang 14 false positive
  va_end(ap);
  if (j->diags) jx_diag_add(j->diags, code, JX_ERROR, j->pos, "%s", msg);
  else jx_store_fail(c->s, JX_ERR_DATA, "%s：%s；未写入", j->name, msg);
  return JX_ERR_DATA;
}

static const char *project_key(const jx_monreport *r) {
  if (r->project_code && *r->project_code) return r->project_code;
  if (r->project_name && *r->project_name) return r->project_name;
  return "";
}

/* The red light's derivation for its follow-up; res computed without derivations (a
 * sheet's, jx_monitor_lights) is explained again here, for the red ones alone. */
static const char *red_derivation(jx_arena *a, const jx_monresult *res, const jx_monrules *rules) {
  if (res->exec.light == JX_LIGHT_RED && !res->exec.derivation && rules) {
    jx_monresult *full = NULL;
    jx_diags d = {0};
    (void)jx_monitor_evaluate(res->report, rules, &full, &d);
    const char *t = jx_arena_printf(a, "预算执行：%s", full && full->exec.derivation ? full->exec.derivation : "");
    jx_monresult_free(full);
    jx_diags_free(&d);
    return t;
  }
  if (res->exec.light == JX_LIGHT_RED) return jx_arena_printf(a, "预算执行：%s", res->exec.derivation ? res->exec.derivation : "");
  for (size_t i = 0; i < res->indicators.n; i++)
    if (res->indicators.items[i].light == JX_LIGHT_RED)
      return jx_arena_printf(a, "指标“%s”：%s", res->indicators.items[i].ind->name,
                             res->indicators.items[i].derivation ? res->indicators.items[i].derivation : "");
  return "红灯";
}

static jx_status history_as(mctx *c, const char *at, const char *who, const char *unit, const char *project, const char *day,
                            int64_t version, const char *action, const char *detail) {
  jx_stmt *h;
  if (jx_store_prepare(c->s,
                       "INSERT INTO mon_history (unit, project, year, day, version, at, who, action, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       &h) != JX_OK)
    return jx_store_dbfail(c->s, JX_ERR_IO);
  jx_stmt_bind_text(h, 1, unit, -1);
  jx_stmt_bind_text(h, 2, project, -1);
  jx_stmt_bind_int64(h, 3, c->year);
  jx_stmt_bind_text(h, 4, day, -1);
  jx_stmt_bind_int64(h, 5, version);
  jx_stmt_bind_text(h, 6, at, -1);
  jx_stmt_bind_text(h, 7, who, -1);
  jx_stmt_bind_text(h, 8, action, -1);
  jx_stmt_bind_text(h, 9, detail, -1);
  jx_status st = jx_stmt_send(h);
  return st == JX_OK ? JX_OK : jx_store_dbfail(c->s, st);
}

static jx_status history(mctx *c, const char *unit, const char *project, const char *day, int64_t version, const char *action,
                         const char *detail) {
  return history_as(c, c->now, c->user, unit, project, day, version, action, detail);
}

void jx_mon_first_detail(char *out, size_t n, int64_t budget, int64_t executed, int light) {
  char a[64], b[64];
  snprintf(out, n, "全年预算数 %s，累计执行数 %s，%s灯", wan(budget, a, sizeof a), wan(executed, b, sizeof b),
           jx_light_name((jx_light)light));
}


/* ---- rows written many to a statement ------------------------------------------------------------
 * A sheet of 25,000 reports is 25,000 rows of mon_report: one statement each spends most of its
 * time starting, binding and seeking from the root, so rows wait in c->pend (texts copied into
 * c->pa) and go out by jx_store_insert_rows, in the order they came, before anything reads
 * them (flush_pending: before a follow-up is closed, the sheet's note and the commit).  A key
 * is never twice in one flush (PostgreSQL refuses an upsert that touches a row twice). */

struct pend_rep {
  const char *unit, *project, *pname, *name, *sha, *cause, *fix, *sources;
  const char *body; /* NULL: a sheet's report, kept as its figures (sources) */
  size_t body_len;
  char day[8];
  int64_t version, budget, executed, forecast, schedule, rate, behind, batch, n_red, n_yellow, n_green;
  bool has_forecast, has_rate, has_batch;
  int exec_light, light;
};

struct pend_fu {
  int64_t id;
  const char *unit, *project, *derivation;
  char day[8];
  int light;
};

#define REP_INSERT                                                                                                         \
  "INSERT INTO mon_report (unit, project, year, day, version, project_name, file_name, sha256, body, budget, "            \
  "executed, forecast, schedule, rate, behind, exec_light, light, ind_red, ind_yellow, ind_green, cause, fix, "          \
  "submitted_at, submitted_by, sources, batch)"
#define REP_UPSERT                                                                                                         \
  " ON CONFLICT (year, day, project, unit) DO UPDATE SET version = excluded.version, "                                    \
  "project_name = excluded.project_name, file_name = excluded.file_name, sha256 = excluded.sha256, "                     \
  "body = excluded.body, sources = excluded.sources, batch = excluded.batch, "                                            \
  "budget = excluded.budget, executed = excluded.executed, "                                                              \
  "forecast = excluded.forecast, schedule = excluded.schedule, rate = excluded.rate, "                                    \
  "behind = excluded.behind, exec_light = excluded.exec_light, light = excluded.light, "                                  \
  "ind_red = excluded.ind_red, ind_yellow = excluded.ind_yellow, ind_green = excluded.ind_green, "                        \
  "cause = excluded.cause, fix = excluded.fix, submitted_at = excluded.submitted_at, "                                    \
  "submitted_by = excluded.submitted_by"
#define FU_INSERT "INSERT INTO mon_followup (id, unit, project, year, day, light, derivation, opened_at)"

/* rows waiting at most: a full statement of jx_store_insert_rows */
enum { REP_COLS = 26, FU_COLS = 8, PEND_MAX = 1 << (JX_STORE_MULTI_LG - 1) };

static void bind_opt(jx_stmt *st, int i, bool set, int64_t v) {
  if (set) jx_stmt_bind_int64(st, i, v);
  else jx_stmt_bind_null(st, i);
}

static void bind_rep(jx_stmt *w, int o, size_t row, const void *ctx) {
  const mctx *c = ctx;
  const struct pend_rep *p = &c->pend[row];
  jx_stmt_bind_text(w, o + 1, p->unit, -1);
  jx_stmt_bind_text(w, o + 2, p->project, -1);
  jx_stmt_bind_int64(w, o + 3, c->year);
  jx_stmt_bind_text(w, o + 4, p->day, -1);
  jx_stmt_bind_int64(w, o + 5, p->version);
  jx_stmt_bind_text(w, o + 6, p->pname, -1);
  jx_stmt_bind_text(w, o + 7, p->name, -1);
  jx_stmt_bind_text(w, o + 8, p->sha, -1);
  if (p->body) jx_stmt_bind_blob(w, o + 9, p->body, p->body_len);
  else jx_stmt_bind_null(w, o + 9);
  jx_stmt_bind_int64(w, o + 10, p->budget);
  jx_stmt_bind_int64(w, o + 11, p->executed);
  bind_opt(w, o + 12, p->has_forecast, p->forecast);
  jx_stmt_bind_int64(w, o + 13, p->schedule);
  bind_opt(w, o + 14, p->has_rate, p->rate);
  bind_opt(w, o + 15, p->has_rate, p->behind);
  jx_stmt_bind_int64(w, o + 16, p->exec_light);
  jx_stmt_bind_int64(w, o + 17, p->light);
  jx_stmt_bind_int64(w, o + 18, p->n_red);
  jx_stmt_bind_int64(w, o + 19, p->n_yellow);
  jx_stmt_bind_int64(w, o + 20, p->n_green);
  jx_stmt_bind_text(w, o + 21, p->cause, -1);
  jx_stmt_bind_text(w, o + 22, p->fix, -1);
  jx_stmt_bind_text(w, o + 23, c->now, -1);
  jx_stmt_bind_text(w, o + 24, c->user, -1);
  jx_stmt_bind_text(w, o + 25, p->sources, -1); /* NULL → NULL */
  bind_opt(w, o + 26, p->has_batch, p->batch);
}

static void bind_fu(jx_stmt *w, int o, size_t row, const void *ctx) {
  const mctx *c = ctx;
  const struct pend_fu *p = &c->pend_fu[row];
  jx_stmt_bind_int64(w, o + 1, p->id);
  jx_stmt_bind_text(w, o + 2, p->unit, -1);
  jx_stmt_bind_text(w, o + 3, p->project, -1);
  jx_stmt_bind_int64(w, o + 4, c->year);
  jx_stmt_bind_text(w, o + 5, p->day, -1);
  jx_stmt_bind_int64(w, o + 6, p->light);
  jx_stmt_bind_text(w, o + 7, p->derivation, -1);
  jx_stmt_bind_text(w, o + 8, c->now, -1);
}

/* Write the rows waiting in c->pend and c->pend_fu. */
static jx_status flush_pending(mctx *c) {
  jx_status st = jx_store_insert_rows(c->s, JX_MULTI_MON_REPORT, REP_INSERT, REP_UPSERT, REP_COLS, c->n_pend, bind_rep, c);
  if (st == JX_OK) st = jx_store_insert_rows(c->s, JX_MULTI_MON_FOLLOWUP, FU_INSERT, NULL, FU_COLS, c->n_pend_fu, bind_fu, c);
  if (st != JX_OK) return st;
  c->n_pend = c->n_pend_fu = 0;
  c->flushes++;
  jx_arena_free(c->pa); /* the rows' texts */
  c->pa = NULL;
  return JX_OK;
}

static struct pend_rep *queue_rep(mctx *c) {
  if (c->n_pend == c->cap_pend) c->pend = jx_xrealloc(c->pend, (c->cap_pend = c->cap_pend * 2 + 256) * sizeof *c->pend);
  struct pend_rep *p = &c->pend[c->n_pend++];
  memset(p, 0, sizeof *p);
  return p;
}

static struct pend_fu *queue_fu(mctx *c) {
  if (c->n_pend_fu == c->cap_pend_fu)
    c->pend_fu = jx_xrealloc(c->pend_fu, (c->cap_pend_fu = c->cap_pend_fu * 2 + 64) * sizeof *c->pend_fu);
  struct pend_fu *p = &c->pend_fu[c->n_pend_fu++];
  memset(p, 0, sizeof *p);
  return p;
}

/* strncpy that always terminates (snprintf's "%s" without its cost, in the sheet's loop) */
static void copy_text(char *dst, size_t n, const char *src) {
  size_t k = strlen(src);
  if (k >= n) k = n - 1;
  memcpy(dst, src, k);
  dst[k] = '\0';
}

/* Check one report against the year and, unless j->dry, write it (inside the caller's
 * transaction).  JX_ERR_DATA: refused (a diagnostic or s->err). */
static jx_status put_one(mctx *c, const put_job *j, jx_mon_store_info *info) {
  const jx_monreport *r = j->r;
  const jx_monresult *res = j->res;
  const char *unit = r->unit_code, *project = project_key(r);
  char day[8];
  day[0] = (char)('0' + r->month / 10 % 10), day[1] = (char)('0' + r->month % 10), day[2] = '-';
  day[3] = (char)('0' + r->day / 10 % 10), day[4] = (char)('0' + r->day % 10), day[5] = '\0';
  memset(info, 0, sizeof *info);
  copy_text(info->unit, sizeof info->unit, unit);
  copy_text(info->project, sizeof info->project, project);
  info->year = r->year;
  info->month = r->month;
  info->day = r->day;
  info->light = res->light;
  if (strlen(unit) > MAX_CODE_BYTES || strlen(project) > MAX_CODE_BYTES)
    return refuse(c, j, "JX860", "单位编码或项目编码超过 %d 字节", MAX_CODE_BYTES);
  if (!jx_dept_find(&c->depts, unit))
    return refuse(c, j, "JX860", "单位编码 %s 不在单位表中（先用 jixiao db departments 导入单位）", unit);
  const cp_row *cp = NULL;
  for (size_t i = 0; i < c->n_cps && !cp; i++)
    if (!strcmp(c->cps[i].day, day)) cp = &c->cps[i];
  if (!cp) {
    char list[400];
    if (!c->n_cps)
      return refuse(c, j, "JX861", "%d 年度还没有设定监控时点，%s 不是监控时点（财政局用 jixiao db checkpoint set 设定）", c->year, day);
    return refuse(c, j, "JX861", "%s 不是 %d 年度的监控时点：该年度的监控时点是 %s", day, c->year, cp_list(list, sizeof list, c->cps, c->n_cps));
  }
  char sha[65] = "";
  if (j->data) jx_sha256_hex(j->data, j->len, sha);
  key_ent *k = key_of(c, unit, project, false);
  rep_entry *same = NULL;
  for (int32_t e = k ? k->first_rep : -1; e >= 0; e = c->reps[e].next)
    if (!strcmp(c->reps[e].day, day)) same = &c->reps[e];
  const char *pname = r->project_name ? r->project_name : "", *cause = r->cause ? r->cause : "", *fix = r->fix ? r->fix : "";
  bool unchanged = false;
  if (same && j->data) unchanged = same->sha[0] && !strcmp(same->sha, sha);
  else if (same) /* a sheet's report against the figures kept of the last one */
    unchanged = !same->sha[0] && same->sources && !strcmp(same->sources, j->sources) && !strcmp(same->project_name, pname) &&
                !strcmp(same->cause, cause) && !strcmp(same->fix, fix);
  if (unchanged) {
    info->outcome = JX_STORED_UNCHANGED;
    info->version = same->version;
    return JX_OK;
  }
  reopen_ent *reopen = NULL;
  if (c->today > cp->deadline_n + cp->grace) {
    for (size_t i = 0; i < c->n_reopens && !reopen; i++)
      if (!c->reopens[i].used && !strcmp(c->reopens[i].unit, unit) && !strcmp(c->reopens[i].day, day)) reopen = &c->reopens[i];
    if (!reopen) {
      char end[32], now[32];
      date_of(cp->deadline_n + cp->grace, end);
      date_of(c->today, now);
      return refuse(c, j, "JX862",
                    "监控时点 %s 的数据已锁定：报送期限 %s，宽限 %d 天（至 %s），今天是 %s；如需补报，请财政局重开（jixiao db monitor reopen）",
                    day, cp->deadline, cp->grace, end, now);
    }
  }
  int64_t executed = r->executed.set ? r->executed.fen : 0;
  for (int32_t e = k ? k->first_rep : -1; e >= 0; e = c->reps[e].next) {
    const rep_entry *o = &c->reps[e];
    char a[64], b[64];
    if (strcmp(o->day, day) < 0 && o->executed > executed)
      return refuse(c, j, "JX863", "累计执行数 %s 少于 %s 监控点已报的 %s：累计数不能减少", wan(executed, a, sizeof a), o->day,
                    wan(o->executed, b, sizeof b));
    if (strcmp(o->day, day) > 0 && o->executed < executed)
      return refuse(c, j, "JX863", "累计执行数 %s 多于其后 %s 监控点已报的 %s：累计数不能减少", wan(executed, a, sizeof a), o->day,
                    wan(o->executed, b, sizeof b));
  }
  if (j->dry) return JX_OK;
  /* write */
  jx_store *s = c->s;
  int64_t version = same ? same->version + 1 : 1;
  /* a sheet's first submission is noted in the sheet's one history row (batch) */
  bool quiet = !j->data && !same && !reopen && c->batch;
  if (quiet && k && res->light != JX_LIGHT_RED) /* it closes a follow-up: that goes in its own row */
    for (int32_t f = k->first_fu; f >= 0 && quiet; f = c->fus[f].next)
      quiet = c->fus[f].closed || strcmp(c->fus[f].day, day) >= 0;
  /* the row waits in c->pend (flush_pending); a second row of its key in this run goes out first */
  k = key_of(c, unit, project, true);
  if (same && same->queued == c->flushes + 1) {
    jx_status fst = flush_pending(c);
    if (fst != JX_OK) return fst;
  }
  if (!c->pa) c->pa = jx_arena_new();
  struct pend_rep *p = queue_rep(c);
  p->unit = k->unit;
  p->project = k->project;
  copy_text(p->day, sizeof p->day, day);
  p->version = version;
  p->pname = jx_arena_strdup(c->pa, pname);
  p->name = j->name;
  p->sha = *sha ? jx_arena_strdup(c->pa, sha) : "";
  p->body = j->data;
  p->body_len = j->len;
  p->budget = r->budget.set ? r->budget.fen : 0;
  p->executed = executed;
  p->has_forecast = r->forecast.set;
  p->forecast = r->forecast.fen;
  p->schedule = res->exec.schedule;
  p->has_rate = res->exec.has_rate;
  p->rate = res->exec.rate;
  p->behind = res->exec.behind;
  p->exec_light = (int)res->exec.light;
  p->light = (int)res->light;
  p->n_red = (int64_t)res->n_red;
  p->n_yellow = (int64_t)res->n_yellow;
  p->n_green = (int64_t)res->n_green;
  p->cause = jx_arena_strdup(c->pa, cause);
  p->fix = jx_arena_strdup(c->pa, fix);
  p->sources = j->data ? NULL : jx_arena_strdup(c->pa, j->sources);
  p->has_batch = quiet;
  p->batch = c->batch;
  jx_status st = JX_OK;
  /* the report being replaced came by a sheet and has no history row of its own yet: its
   * submission is written now, as the sheet's row noted it, before its change */
  if (same && same->batch) {
    char first[512];
    jx_mon_first_detail(first, sizeof first, same->budget, same->executed, same->light);
    snprintf(first + strlen(first), sizeof first - strlen(first), "（汇总表 %s）", same->file ? same->file : "");
    if ((st = history_as(c, same->at, same->who, unit, project, day, same->version, "提交", first)) != JX_OK) return st;
    same->batch = 0;
  }
  /* history: one row per report */
  char a[64], b[64], detail[1024];
  if (quiet) {
    detail[0] = '\0';
  } else if (!same) {
    jx_mon_first_detail(detail, sizeof detail, r->budget.set ? r->budget.fen : 0, executed, res->light);
  } else {
    detail[0] = '\0';
    int64_t nb = r->budget.set ? r->budget.fen : 0, nf = r->forecast.set ? r->forecast.fen : -1;
    if (same->budget != nb)
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "全年预算数 %s → %s；", wan(same->budget, a, sizeof a),
               wan(nb, b, sizeof b));
    if (same->executed != executed)
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "累计执行数 %s → %s；", wan(same->executed, a, sizeof a),
               wan(executed, b, sizeof b));
    if (same->forecast != nf && nf >= 0 && same->forecast >= 0)
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "全年预计执行数 %s → %s；", wan(same->forecast, a, sizeof a),
               wan(nf, b, sizeof b));
    if (same->light != (int)res->light)
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "%s灯 → %s灯；", jx_light_name((jx_light)same->light),
               jx_light_name(res->light));
    size_t n = strlen(detail);
    if (n >= 3 && !strcmp(detail + n - 3, "；")) detail[n - 3] = '\0';
    if (!*detail) snprintf(detail, sizeof detail, "合计数和灯未变（说明或指标有修改）");
  }
  if (reopen) snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "（使用重开：%s）", reopen->reason);
  if (reopen) {
    jx_stmt *u;
    if (jx_store_prepare(s, "UPDATE mon_reopen SET used_at = ? WHERE id = ?", &u) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
    jx_stmt_bind_text(u, 1, c->now, -1);
    jx_stmt_bind_int64(u, 2, reopen->id);
    if ((st = jx_stmt_send(u)) != JX_OK) return jx_store_dbfail(s, st);
    reopen->used = true;
    info->reopen_used = true;
  }
  /* follow-ups, noted in the report's one history row */
  bool open = false;
  for (int32_t f = k->first_fu; f >= 0; f = c->fus[f].next) open |= !c->fus[f].closed;
  if (res->light == JX_LIGHT_RED && !open) {
    int64_t id = ++c->fu_last;
    struct pend_fu *pf = queue_fu(c);
    pf->id = id;
    pf->unit = k->unit;
    pf->project = k->project;
    copy_text(pf->day, sizeof pf->day, day);
    pf->light = (int)res->light;
    pf->derivation = red_derivation(c->pa, res, j->rules);
    fu_entry *fe = add_fu(c, k);
    fe->id = id;
    snprintf(fe->day, sizeof fe->day, "%s", day);
    info->followup_opened = true;
    if (!quiet) snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "；开启跟进事项 #%lld", (long long)id);
  } else if (res->light != JX_LIGHT_RED) {
    for (int32_t f = k->first_fu; f >= 0; f = c->fus[f].next) {
      fu_entry *fe = &c->fus[f];
      if (fe->closed || strcmp(fe->day, day) >= 0) continue;
      if (c->n_pend_fu && (st = flush_pending(c)) != JX_OK) return st; /* it may be waiting to be written */
      jx_stmt *fc;
      if (jx_store_prepare(s,
                           "UPDATE mon_followup SET closed_at = ?, closed_by = ?, close_reason = ?, closed_day = ? WHERE id = ?",
                           &fc) != JX_OK)
        return jx_store_dbfail(s, JX_ERR_IO);
      char why[64];
      snprintf(why, sizeof why, "由 %s 监控点数据关闭", day);
      jx_stmt_bind_text(fc, 1, c->now, -1);
      jx_stmt_bind_text(fc, 2, c->user, -1);
      jx_stmt_bind_text(fc, 3, why, -1);
      jx_stmt_bind_text(fc, 4, day, -1);
      jx_stmt_bind_int64(fc, 5, fe->id);
      if ((st = jx_stmt_send(fc)) != JX_OK) return jx_store_dbfail(s, st);
      fe->closed = true;
      info->followups_closed++;
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "；跟进事项 #%lld %s", (long long)fe->id, why);
    }
  }
  if (quiet) {
    c->quiet++;
  } else if ((st = history(c, unit, project, day, version, same ? "更新" : "提交", detail)) != JX_OK) {
    return st;
  }
  /* the year as it is now */
  if (!same) {
    same = add_rep(c, k);
    copy_text(same->day, sizeof same->day, day);
  }
  same->sha = *sha ? jx_arena_strdup(c->a, sha) : "";
  same->sources = NULL; /* a second report of the key in one run is never "unchanged" */
  same->batch = quiet ? c->batch : 0;
  same->at = c->now;
  same->who = c->user;
  same->file = j->name;
  same->version = version;
  same->budget = r->budget.set ? r->budget.fen : 0;
  same->executed = executed;
  same->forecast = r->forecast.set ? r->forecast.fen : -1;
  same->light = res->light;
  same->queued = c->flushes + 1;
  if (c->n_pend >= PEND_MAX && (st = flush_pending(c)) != JX_OK) return st;
  info->outcome = version == 1 ? JX_STORED_NEW : JX_STORED_VERSION;
  info->version = version;
  return JX_OK;
}

/* One lock for every monitoring writer (PostgreSQL): follow-up ids are the largest + 1. */
static int64_t lock_key(int year) {
  (void)year;
  return jx_store_lock_key("monitoring", 0, "mon");
}

static jx_status ctx_open(mctx *c, jx_store *s, int year, const char *user) {
  memset(c, 0, sizeof *c);
  c->s = s;
  c->a = jx_arena_new();
  c->year = year;
  c->user = user;
  c->today = today_number(c->now);
  return jx_store_department_codes(s, &c->depts); /* put_one asks only whether a unit exists */
}

static bool check_user(jx_store *s, const jx_mon_store_opts *o) {
  s->err[0] = '\0';
  if (!o || !o->user || !*o->user) {
    jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
    return false;
  }
  return true;
}

/* Default rules when o has none: *own keeps them (free after). */
static const jx_monrules *rules_of(jx_store *s, const jx_mon_store_opts *o, jx_monrules **own) {
  *own = NULL;
  if (o->rules) return o->rules;
  jx_diags d = {0};
  jx_status st = jx_monrules_default(own, &d);
  jx_diags_free(&d);
  if (st != JX_OK) {
    jx_store_fail(s, JX_ERR_DATA, "内置的监控规则无法读取");
    return NULL;
  }
  return *own;
}

jx_status jx_store_monitor_import(jx_store *s, const char *name, const char *data, size_t len, const jx_mon_store_opts *o,
                                  jx_mon_store_info *info, jx_diags *diags) {
  jx_mon_store_info dummy;
  if (!info) info = &dummy;
  memset(info, 0, sizeof *info);
  if (!check_user(s, o)) return JX_ERR_INVALID;
  if (len > JX_MAX_FILE_BYTES) return jx_store_fail(s, JX_ERR_DATA, "%s：文件超过 %zu 字节；未写入", name, (size_t)JX_MAX_FILE_BYTES);
  jx_monrules *own;
  const jx_monrules *rules = rules_of(s, o, &own);
  if (!rules) return JX_ERR_DATA;
  size_t e0 = diags->n_error;
  jx_monreport *r = NULL;
  (void)jx_monreport_parse(name, data, len, &r, diags);
  jx_monresult *res = NULL;
  jx_status st = JX_OK;
  if (!r) st = jx_store_fail(s, JX_ERR_DATA, "%s：不是可以读取的监控报告（kind: monitoring）；未写入", name);
  else if (diags->n_error == e0) (void)jx_monitor_evaluate(r, rules, &res, diags);
  if (st == JX_OK && diags->n_error > e0)
    st = jx_store_fail(s, JX_ERR_DATA, "%s：监控报告有 %zu 处错误，改正后再导入；未写入", name, diags->n_error - e0);
  mctx c;
  memset(&c, 0, sizeof c);
  if (st == JX_OK && r) st = ctx_open(&c, s, r->year, o->user);
  put_job j = {r, res, name, data, len, NULL, NULL, {name, 1, 1}, NULL, false};
  for (int attempt = 0; st == JX_OK && r && res && attempt < JX_STORE_RETRIES; attempt++) {
    if ((st = jx_db_begin(s->db)) != JX_OK) {
      jx_store_dbfail(s, st);
      break;
    }
    jx_db_lock(s->db, lock_key(r->year));
    st = ctx_load(&c, r->unit_code);
    if (st == JX_OK) st = put_one(&c, &j, info);
    if (st == JX_OK) st = flush_pending(&c);
    if (st == JX_OK) st = jx_db_commit(s->db);
    if (st == JX_OK) break;
    char keep[sizeof s->err];
    snprintf(keep, sizeof keep, "%s", s->err[0] ? s->err : jx_db_errmsg(s->db));
    jx_db_rollback(s->db);
    snprintf(s->err, sizeof s->err, "%s", keep);
    if (st != JX_DB_RETRY) break;
    st = JX_OK;
    if (attempt + 1 == JX_STORE_RETRIES) st = JX_ERR_IO;
  }
  ctx_free(&c);
  jx_monresult_free(res);
  jx_monreport_free(r);
  jx_monrules_free(own);
  return st;
}

/* The sheet's history row (unit ''), its id in c->batch; batch_note fills in its detail. */
static jx_status batch_open(mctx *c, const char *day, const char *path) {
  jx_stmt *h;
  if (jx_store_prepare(c->s,
                       "INSERT INTO mon_history (unit, project, year, day, version, at, who, action, detail) "
                       "VALUES ('', '', ?, ?, 0, ?, ?, '汇总表导入', ?) RETURNING id",
                       &h) != JX_OK)
    return jx_store_dbfail(c->s, JX_ERR_IO);
  jx_stmt_bind_int64(h, 1, c->year);
  jx_stmt_bind_text(h, 2, day, -1);
  jx_stmt_bind_text(h, 3, c->now, -1);
  jx_stmt_bind_text(h, 4, c->user, -1);
  jx_stmt_bind_text(h, 5, path, -1);
  jx_status st = jx_stmt_step(h);
  c->batch = st == JX_DB_ROW ? jx_stmt_int64(h, 0) : 0;
  jx_store_release(h);
  return c->batch ? JX_OK : jx_store_dbfail(c->s, JX_ERR_IO);
}

/* The sheet's history row says what it did: how many reports, how many of them first
 * submissions noted here rather than in their own rows. */
static jx_status batch_note(mctx *c, const char *path, size_t n) {
  char detail[1024];
  snprintf(detail, sizeof detail, "汇总表 %s：%zu 份报告，其中 %zu 份首次报送记在本条（各单位的历史中显示为“提交”）", path, n, c->quiet);
  jx_stmt *u;
  if (jx_store_prepare(c->s, "UPDATE mon_history SET detail = ? WHERE id = ?", &u) != JX_OK) return jx_store_dbfail(c->s, JX_ERR_IO);
  jx_stmt_bind_text(u, 1, detail, -1);
  jx_stmt_bind_int64(u, 2, c->batch);
  jx_status st = jx_stmt_send(u);
  return st == JX_OK ? JX_OK : jx_store_dbfail(c->s, st);
}

jx_status jx_store_monitor_import_sheet(jx_store *s, const char *path, int year, int month, int day,
                                        const jx_mon_store_opts *o, jx_mon_store_info **infos, size_t *n, jx_diags *diags) {
  *infos = NULL;
  *n = 0;
  if (!check_user(s, o)) return JX_ERR_INVALID;
  char md[8];
  snprintf(md, sizeof md, "%02d-%02d", month, day);
  if (!day_in_year(md, year, NULL)) return jx_store_fail(s, JX_ERR_INVALID, "监控时点 %s 不是 %d 年的日期", md, year);
  jx_monrules *own;
  const jx_monrules *rules = rules_of(s, o, &own);
  if (!rules) return JX_ERR_DATA;
  jx_monsheet x;
  size_t e0 = diags->n_error;
  jx_status st = jx_monsheet_read(path, year, month, day, &x, diags);
  if (st != JX_OK) {
    jx_monsheet_free(&x);
    jx_monrules_free(own);
    return jx_store_fail(s, st, "%s：汇总表有 %zu 处错误，全部未写入", path, diags->n_error - e0);
  }
  mctx c;
  st = ctx_open(&c, s, year, o->user);
  jx_mon_store_info *out = jx_xcalloc(x.n ? x.n : 1, sizeof *out);
  jx_buf figures = {0};
  jx_diags keep = *diags;
  for (int attempt = 0; st == JX_OK && attempt < JX_STORE_RETRIES; attempt++) {
    diags->n = keep.n, diags->n_error = keep.n_error, diags->n_warning = keep.n_warning;
    if ((st = jx_db_begin(s->db)) != JX_OK) {
      jx_store_dbfail(s, st);
      break;
    }
    jx_db_lock(s->db, lock_key(year));
    /* SQLite: room for the whole transaction's pages, so that none is spilled to the WAL before the commit */
    if (jx_db_kind_of(s->db) == JX_DB_SQLITE) (void)jx_db_exec(s->db, "PRAGMA cache_size = -262144");
    st = ctx_load(&c, NULL);
    if (st == JX_OK && c.n_slots < x.n * 2) rehash(&c, x.n + c.n_keys);
    /* room for the sheet's keys and reports at once: doubling copies (and, above malloc's
     * mmap threshold, maps afresh) every time, and a page first touched costs about 2 µs */
    if (st == JX_OK && c.cap_keys < c.n_keys + x.n) c.keys = jx_xrealloc(c.keys, (c.cap_keys = c.n_keys + x.n) * sizeof *c.keys);
    if (st == JX_OK && c.cap_reps < c.n_reps + x.n) c.reps = jx_xrealloc(c.reps, (c.cap_reps = c.n_reps + x.n) * sizeof *c.reps);
    /* the sheet's one history row; its first submissions point at it (mon_report.batch) */
    c.quiet = 0;
    if (st == JX_OK) st = batch_open(&c, md, path);
    for (size_t i = 0; i < x.n && st == JX_OK; i++) {
      jx_monreport *r = jx_monsheet_report(&x, i);
      jx_monresult *res = NULL;
      (void)jx_monitor_lights(r, rules, &res, diags);
      jx_mon_sources_text(r, &figures);
      put_job j = {r, res, path, NULL, 0, figures.p, rules, jx_monsheet_pos(&x, i), diags, diags->n_error > e0};
      if (st == JX_OK && res) st = put_one(&c, &j, &out[i]);
      if (st == JX_ERR_DATA) st = JX_OK; /* collected */
      jx_monresult_free(res);
      jx_monreport_free(r);
    }
    if (st == JX_OK && diags->n_error == e0) st = flush_pending(&c);
    if (st == JX_OK && diags->n_error == e0) st = batch_note(&c, path, x.n);
    if (st == JX_OK && diags->n_error > e0) {
      jx_db_rollback(s->db);
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%zu 处错误，全部未写入", path, diags->n_error - e0);
      break;
    }
    if (st == JX_OK) st = jx_db_commit(s->db);
    if (st == JX_OK) break;
    char kept[sizeof s->err];
    snprintf(kept, sizeof kept, "%s", s->err[0] ? s->err : jx_db_errmsg(s->db));
    jx_db_rollback(s->db);
    snprintf(s->err, sizeof s->err, "%s", kept);
    if (st != JX_DB_RETRY) break;
    st = JX_OK;
    if (attempt + 1 == JX_STORE_RETRIES) st = JX_ERR_IO;
  }
  free(figures.p);
  if (st == JX_OK) {
    s->written[JX_BULK_MONITORING] += x.n;
    *infos = out;
    *n = x.n;
  } else {
    free(out);
  }
  ctx_free(&c);
  jx_monsheet_free(&x);
  jx_monrules_free(own);
  return st;
}

/* ---- reopen, close a follow-up ---------------------------------------------------------------------- */

jx_status jx_store_monitor_reopen(jx_store *s, const char *unit, int year, const char *day, const char *reason, const char *user) {
  s->err[0] = '\0';
  if (!user || !*user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!reason || !*reason) return jx_store_fail(s, JX_ERR_INVALID, "重开须写明原因（--reason）");
  if (!unit || !day) return jx_store_fail(s, JX_ERR_INVALID, "请给出单位编码和监控时点（--checkpoint MM-DD）");
  mctx c;
  jx_status st = ctx_open(&c, s, year, user);
  for (int attempt = 0; st == JX_OK && attempt < JX_STORE_RETRIES; attempt++) {
    if ((st = jx_db_begin(s->db)) != JX_OK) {
      jx_store_dbfail(s, st);
      break;
    }
    jx_db_lock(s->db, lock_key(year));
    st = load_checkpoints(s, year, c.cps, &c.n_cps);
    const cp_row *cp = NULL;
    for (size_t i = 0; i < c.n_cps && !cp; i++)
      if (!strcmp(c.cps[i].day, day)) cp = &c.cps[i];
    if (st == JX_OK && !jx_dept_find(&c.depts, unit))
      st = jx_store_fail(s, JX_ERR_DATA, "单位编码 %s 不在单位表中", unit);
    else if (st == JX_OK && !cp) {
      char list[400];
      st = jx_store_fail(s, JX_ERR_DATA, "%s 不是 %d 年度的监控时点（该年度：%s）", day, year,
                         c.n_cps ? cp_list(list, sizeof list, c.cps, c.n_cps) : "未设定");
    }
    jx_stmt *q;
    if (st == JX_OK &&
        jx_store_prepare(s, "INSERT INTO mon_reopen (unit, year, day, reason, by_user, at) VALUES (?, ?, ?, ?, ?, ?)", &q) != JX_OK)
      st = jx_store_dbfail(s, JX_ERR_IO);
    if (st == JX_OK) {
      jx_stmt_bind_text(q, 1, unit, -1);
      jx_stmt_bind_int64(q, 2, year);
      jx_stmt_bind_text(q, 3, day, -1);
      jx_stmt_bind_text(q, 4, reason, -1);
      jx_stmt_bind_text(q, 5, user, -1);
      jx_stmt_bind_text(q, 6, c.now, -1);
      if ((st = jx_stmt_send(q)) != JX_OK) jx_store_dbfail(s, st);
    }
    if (st == JX_OK && cp) {
      char detail[600];
      snprintf(detail, sizeof detail, "重开监控时点 %s（报送期限 %s，宽限 %d 天）：%s", day, cp->deadline, cp->grace, reason);
      st = history(&c, unit, "", day, 0, "重开", detail);
    }
    if (st == JX_OK) st = jx_db_commit(s->db);
    if (st == JX_OK) break;
    char kept[sizeof s->err];
    snprintf(kept, sizeof kept, "%s", s->err[0] ? s->err : jx_db_errmsg(s->db));
    jx_db_rollback(s->db);
    snprintf(s->err, sizeof s->err, "%s", kept);
    if (st != JX_DB_RETRY) break;
    st = JX_OK;
    if (attempt + 1 == JX_STORE_RETRIES) st = JX_ERR_IO;
  }
  ctx_free(&c);
  return st;
}

jx_status jx_store_followup_close(jx_store *s, int64_t id, const char *reason, const char *user) {
  s->err[0] = '\0';
  if (!user || !*user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!reason || !*reason) return jx_store_fail(s, JX_ERR_INVALID, "关闭跟进事项须写明原因（--reason）");
  mctx c;
  memset(&c, 0, sizeof c);
  c.s = s;
  c.a = jx_arena_new();
  c.user = user;
  c.today = today_number(c.now);
  jx_status st = JX_OK;
  for (int attempt = 0; attempt < JX_STORE_RETRIES; attempt++) {
    if ((st = jx_db_begin(s->db)) != JX_OK) {
      jx_store_dbfail(s, st);
      break;
    }
    jx_stmt *q;
    if (jx_store_prepare(s, "SELECT unit, project, year, day, closed_at FROM mon_followup WHERE id = ?", &q) != JX_OK)
      st = jx_store_dbfail(s, JX_ERR_IO);
    char unit[256] = "", project[256] = "", day[8] = "";
    if (st == JX_OK) {
      jx_stmt_bind_int64(q, 1, id);
      st = jx_stmt_step(q);
      if (st == JX_DB_ROW) {
        snprintf(unit, sizeof unit, "%s", jx_stmt_text(q, 0));
        snprintf(project, sizeof project, "%s", jx_stmt_text(q, 1));
        c.year = (int)jx_stmt_int64(q, 2);
        snprintf(day, sizeof day, "%s", jx_stmt_text(q, 3));
        st = jx_stmt_is_null(q, 4) ? JX_OK
                                   : jx_store_fail(s, JX_ERR_DATA, "跟进事项 #%lld 已于 %s 关闭", (long long)id, jx_stmt_text(q, 4));
      } else if (st == JX_DB_DONE) {
        st = jx_store_fail(s, JX_ERR_DATA, "没有编号为 %lld 的跟进事项", (long long)id);
      } else {
        jx_store_dbfail(s, st);
      }
      jx_store_release(q);
    }
    if (st == JX_OK &&
        jx_store_prepare(s, "UPDATE mon_followup SET closed_at = ?, closed_by = ?, close_reason = ? WHERE id = ?", &q) != JX_OK)
      st = jx_store_dbfail(s, JX_ERR_IO);
    if (st == JX_OK) {
      jx_stmt_bind_text(q, 1, c.now, -1);
      jx_stmt_bind_text(q, 2, user, -1);
      jx_stmt_bind_text(q, 3, reason, -1);
      jx_stmt_bind_int64(q, 4, id);
      if ((st = jx_stmt_send(q)) != JX_OK) jx_store_dbfail(s, st);
    }
    if (st == JX_OK) {
      char detail[600];
      snprintf(detail, sizeof detail, "跟进事项 #%lld 由财政局关闭：%s", (long long)id, reason);
      st = history(&c, unit, project, day, 0, "关闭跟进", detail);
    }
    if (st == JX_OK) st = jx_db_commit(s->db);
    if (st == JX_OK) break;
    char kept[sizeof s->err];
    snprintf(kept, sizeof kept, "%s", s->err[0] ? s->err : jx_db_errmsg(s->db));
    jx_db_rollback(s->db);
    snprintf(s->err, sizeof s->err, "%s", kept);
    if (st != JX_DB_RETRY) break;
  }
  jx_arena_free(c.a);
  return st == JX_DB_RETRY ? JX_ERR_IO : st;
}

/* ---- the year end's points ------------------------------------------------------------------------- */

jx_status jx_store_monitor_points(jx_store *s, const char *unit, int year, jx_mon_point **out, size_t *n) {
  *out = NULL;
  *n = 0;
  jx_stmt *q;
  if (jx_store_prepare(s,
                       "SELECT day, budget, executed, COALESCE(forecast, 0), light, exec_light, schedule, COALESCE(rate, 0), cause, fix "
                       "FROM mon_report WHERE unit = ? AND year = ? AND project = '' ORDER BY day",
                       &q) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(q, 1, unit, -1);
  jx_stmt_bind_int64(q, 2, year);
  size_t cap = 0;
  jx_mon_point *p = NULL;
  jx_status st;
  while ((st = jx_stmt_step(q)) == JX_DB_ROW) {
    if (*n == cap) p = jx_xrealloc(p, (cap = cap * 2 + 4) * sizeof *p);
    jx_mon_point *x = &p[(*n)++];
    const char *d = jx_stmt_text(q, 0);
    x->month = (d[0] - '0') * 10 + (d[1] - '0'); /* "MM-DD", as the store writes it */
    x->day = (d[3] - '0') * 10 + (d[4] - '0');
    x->budget = jx_stmt_int64(q, 1);
    x->executed = jx_stmt_int64(q, 2);
    x->forecast = jx_stmt_int64(q, 3);
    x->light = (jx_light)jx_stmt_int64(q, 4);
    x->exec_light = (jx_light)jx_stmt_int64(q, 5);
    x->schedule = jx_stmt_int64(q, 6);
    x->rate = jx_stmt_int64(q, 7);
    const char *cause = jx_stmt_text(q, 8), *fix = jx_stmt_text(q, 9);
    size_t cl = strlen(cause ? cause : ""), fl = strlen(fix ? fix : "");
    x->cause = jx_xmalloc(cl + 1);
    memcpy(x->cause, cause ? cause : "", cl + 1);
    x->fix = jx_xmalloc(fl + 1);
    memcpy(x->fix, fix ? fix : "", fl + 1);
  }
  jx_store_release(q);
  if (st != JX_DB_DONE) {
    jx_mon_points_free(p, *n);
    *n = 0;
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  *out = p;
  return JX_OK;
}
