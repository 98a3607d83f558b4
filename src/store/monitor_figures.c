/* monitor_figures.c — a bulk sheet's checkpoint report kept as its figures: the funding
 * sources as one text column (mon_report.sources) instead of a YAML body, and the report
 * rebuilt from a stored row for whoever reads it (show, the web's form, the history). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/monitor.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

/* ---- writing ------------------------------------------------------------------------------- */

static void put(jx_buf *b, const char *s, size_t n) { jx_buf_mem(b, s, n); }

/* text with '\\', tab and newline escaped (they separate the fields and lines) */
static void put_text(jx_buf *b, const char *s) {
  const char *run = s;
  for (; *s; s++) {
    const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;
    if (!esc) continue;
    put(b, run, (size_t)(s - run));
    put(b, esc, 2);
    run = s + 1;
  }
  put(b, run, (size_t)(s - run));
}

static void put_int(jx_buf *b, int64_t v) {
  char d[24];
  size_t i = sizeof d;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do d[--i] = (char)('0' + u % 10);
  while ((u /= 10) && i > 1);
  if (v < 0) d[--i] = '-';
  put(b, d + i, sizeof d - i);
}

static void put_money(jx_buf *b, const jx_money *m) {
  if (m->set) put_int(b, m->fen);
}

void jx_mon_sources_text(const jx_monreport *r, jx_buf *out) {
  jx_buf b = {out->p, 0, out->cap};
  put_int(&b, r->money_unit_fen);
  put(&b, "\t", 1);
  put_text(&b, r->unit_name ? r->unit_name : "");
  for (size_t i = 0; i < r->sources.n; i++) {
    const jx_mon_source *s = &r->sources.items[i];
    put(&b, "\n", 1);
    put_text(&b, s->source);
    put(&b, "\t", 1);
    put_money(&b, &s->budget);
    put(&b, "\t", 1);
    put_money(&b, &s->executed);
    put(&b, "\t", 1);
    put_money(&b, &s->forecast);
    put(&b, "\t", 1);
    if (s->adjustment) put_text(&b, s->adjustment);
  }
  *out = b;
}

/* ---- reading ------------------------------------------------------------------------------- */

/* The next field of *p (up to a tab, a newline or the end), unescaped into r's arena. */
static const char *field(jx_monreport *r, const char **p) {
  const char *s = *p, *e = s;
  while (*e && *e != '\t' && *e != '\n') e++;
  char *out = jx_arena_take(r->arena, (size_t)(e - s) + 1), *o = out;
  for (const char *q = s; q < e; q++) {
    if (*q == '\\' && q + 1 < e) {
      q++;
      char c = *q;
      if (c == 't') c = '\t';
      else if (c == 'n') c = '\n';
      else if (c == 'r') c = '\r';
      *o++ = c;
    } else {
      *o++ = *q;
    }
  }
  *o = '\0';
  *p = *e == '\t' ? e + 1 : e;
  return out;
}

static jx_money money_of(const char *t) {
  jx_money m = {0};
  if (!*t) return m;
  char *end;
  long long v = strtoll(t, &end, 10);
  if (*end) return m;
  m.fen = v;
  m.set = true;
  return m;
}

jx_monreport *jx_mon_report_of_row(const jx_mon_row *row) {
  int month = 0, day = 0;
  if (strlen(row->day) == 5) {
    month = (row->day[0] - '0') * 10 + (row->day[1] - '0');
    day = (row->day[3] - '0') * 10 + (row->day[4] - '0');
  }
  jx_monreport *r = jx_monreport_new(row->year, month, day);
  r->path = jx_monreport_str(r, row->file_name ? row->file_name : "");
  r->unit_code = jx_monreport_str(r, row->unit);
  r->unit_name = "";
  if (row->project && *row->project) {
    r->project_code = jx_monreport_str(r, row->project);
    r->project_name = jx_monreport_str(r, row->project_name ? row->project_name : "");
  }
  r->cause = jx_monreport_str(r, row->cause ? row->cause : "");
  r->fix = jx_monreport_str(r, row->fix ? row->fix : "");
  const char *p = row->sources ? row->sources : "";
  const char *unit_fen = field(r, &p);
  r->money_unit_fen = *unit_fen ? strtoll(unit_fen, NULL, 10) : 1000000;
  if (r->money_unit_fen <= 0) r->money_unit_fen = 1000000;
  r->unit_name = field(r, &p);
  while (*p == '\n') {
    p++;
    jx_mon_source *s = jx_monreport_add_source(r, field(r, &p));
    s->budget = money_of(field(r, &p));
    s->executed = money_of(field(r, &p));
    s->forecast = money_of(field(r, &p));
    const char *adj = field(r, &p);
    s->adjustment = *adj ? adj : NULL;
    while (*p && *p != '\n') p++; /* fields a later version may add */
  }
  jx_monreport_sum(r);
  return r;
}

/* ---- a stored report as its file --------------------------------------------------------------- */

jx_status jx_store_monitor_body(jx_store *s, const char *unit, int year, const char *day, bool before, char **data, size_t *len,
                                char got_day[8]) {
  *data = NULL;
  *len = 0;
  got_day[0] = '\0';
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    before ? "SELECT body, day, sources, project_name, cause, fix, file_name FROM mon_report WHERE unit = ? AND "
                             "project = '' AND year = ? AND day < ? ORDER BY day DESC LIMIT 1"
                           : "SELECT body, day, sources, project_name, cause, fix, file_name FROM mon_report WHERE unit = ? AND "
                             "project = '' AND year = ? AND day = ?",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(st, 1, unit, -1);
  jx_stmt_bind_int64(st, 2, year);
  jx_stmt_bind_text(st, 3, day, -1);
  jx_status r = jx_stmt_step(st), out = JX_OK;
  if (r == JX_DB_ROW) {
    snprintf(got_day, 8, "%s", jx_stmt_text(st, 1));
    if (!jx_stmt_is_null(st, 0)) {
      size_t n = 0;
      const void *p = jx_stmt_blob(st, 0, &n);
      *data = jx_xmalloc(n + 1);
      if (n) memcpy(*data, p, n);
      (*data)[n] = '\0';
      *len = n;
    } else {
      jx_mon_row row = {unit, "", jx_stmt_text(st, 3), got_day, jx_stmt_text(st, 6), jx_stmt_text(st, 2), jx_stmt_text(st, 4),
                        jx_stmt_text(st, 5), year};
      jx_monreport *rep = jx_mon_report_of_row(&row);
      char err[128];
      FILE *m = open_memstream(data, len);
      if (!m || jx_monreport_write_yaml(rep, m, err, sizeof err) != JX_OK) out = jx_store_fail(s, JX_ERR_IO, "无法写出监控报告");
      if (m) fclose(m);
      jx_monreport_free(rep);
      if (out != JX_OK) {
        free(*data);
        *data = NULL;
        *len = 0;
      }
    }
  } else if (r != JX_DB_DONE) {
    out = jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_finalize(st);
  return out;
}
