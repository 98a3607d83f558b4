/* monitor_emit.c — jx_monreport_write_yaml: a checkpoint report written as its file (docs/monitoring.md), deterministically. */
#include <stdio.h>
#include <string.h>

#include "jixiao.h"
#include "model/emit.h"
#include "util/arena.h"

typedef struct {
  FILE *out;
  jx_arena *a; /* scratch for quoted scalars */
  int money_decimals;
} writer;

static void put_text(writer *w, int ind, const char *key, const char *text) {
  if (text && *text) fprintf(w->out, "%*s%s: %s\n", ind, "", key, jx_yaml_quote_text(w->a, text));
}

static void put_money(writer *w, int ind, const char *key, const jx_money *m) {
  char buf[48];
  if (m->set) fprintf(w->out, "%*s%s: %s\n", ind, "", key, jx_format_decimal(m->fen, w->money_decimals, buf, sizeof buf));
}

static void put_party(writer *w, const char *key, const char *code, const char *name) {
  fprintf(w->out, "%s:\n", key);
  fprintf(w->out, "  code: %s\n", jx_yaml_quote(w->a, code ? code : ""));
  fprintf(w->out, "  name: %s\n", jx_yaml_quote_text(w->a, name ? name : ""));
}

jx_status jx_monreport_write_yaml(const jx_monreport *r, FILE *out, char *err, size_t errlen) {
  writer w = {out, jx_arena_new(), r->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6};
  fputs("schema: jixiao/1\nkind: monitoring\n", out);
  fprintf(out, "year: %d\ncheckpoint: \"%04d-%02d-%02d\"\n", r->year, r->year, r->month, r->day);
  put_party(&w, "unit", r->unit_code, r->unit_name);
  if (r->project_code || r->project_name) put_party(&w, "project", r->project_code, r->project_name);
  fprintf(out, "money_unit: %s\n", r->money_unit_fen == JX_FEN_PER_YUAN ? "元" : "万元");
  fputs("execution:\n", out);
  for (size_t i = 0; i < r->sources.n; i++) {
    const jx_mon_source *s = &r->sources.items[i];
    fprintf(out, "  - source: %s\n", jx_yaml_quote_text(w.a, s->source));
    put_money(&w, 4, "budget", &s->budget);
    put_money(&w, 4, "executed", &s->executed);
    put_money(&w, 4, "forecast", &s->forecast);
    put_text(&w, 4, "adjustment", s->adjustment);
  }
  if (*r->cause || *r->fix) {
    fputs("deviation:\n", out);
    put_text(&w, 2, "cause", r->cause);
    put_text(&w, 2, "fix", r->fix);
  }
  if (r->indicators.n) fputs("indicators:\n", out);
  for (size_t i = 0; i < r->indicators.n; i++) {
    const jx_mon_indicator *ind = &r->indicators.items[i];
    fprintf(out, "  - name: %s\n", jx_yaml_quote_text(w.a, ind->name));
    put_text(&w, 4, "level1", ind->level1);
    put_text(&w, 4, "level2", ind->level2);
    put_text(&w, 4, "target", ind->target);
    put_text(&w, 4, "actual", ind->actual);
    put_text(&w, 4, "forecast", ind->forecast);
    if (ind->can_complete >= 0) fprintf(out, "    can_complete: %s\n", ind->can_complete ? "是" : "否");
    put_text(&w, 4, "cause", ind->cause);
    put_text(&w, 4, "fix", ind->fix);
  }
  jx_arena_free(w.a);
  if (fflush(out) != 0 || ferror(out)) {
    snprintf(err, errlen, "写入失败");
    return JX_ERR_IO;
  }
  return JX_OK;
}
