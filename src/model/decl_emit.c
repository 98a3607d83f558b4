/* decl_emit.c — jx_decl_write_yaml: a declaration written as its file (docs/declaration.md), deterministically. */
#include <stdio.h>
#include <string.h>

#include "jixiao.h"
#include "model/decl.h"
#include "model/emit.h"
#include "util/arena.h"

typedef struct {
  FILE *out;
  jx_arena *a; /* scratch for quoted scalars */
  int money_decimals;
} writer;

static void put_text(writer *w, int ind, const char *key, const char *text) {
  fprintf(w->out, "%*s%s: %s\n", ind, "", key, jx_yaml_quote_text(w->a, text ? text : ""));
}

static void put_plain(writer *w, int ind, const char *key, const char *text) {
  fprintf(w->out, "%*s%s: %s\n", ind, "", key, jx_yaml_quote(w->a, text));
}

static void put_money(writer *w, int ind, const char *key, const jx_money *m) {
  char buf[48];
  if (m->set) put_plain(w, ind, key, jx_format_decimal(m->fen, w->money_decimals, buf, sizeof buf));
}

char *jx_decl_read_text(jx_arena *a, const jx_decl_indicator *ind) {
  jx_decl_read_form f;
  jx_decl_read_form_of(ind, &f);
  if (f.word) return jx_arena_strdup(a, f.word);
  char buf[48];
  char *t = jx_arena_strdup(a, "{");
  const char *sep = "";
  /* a new field of jx_decl_read_form is one more line here */
#define add(...) (t = jx_arena_printf(a, "%s%s%s", t, sep, jx_arena_printf(a, __VA_ARGS__)), sep = ", ")
  if (f.nature) add(strcmp(f.nature, "定性") ? "nature: \"%s\"" : "nature: %s", f.nature); /* a sign quoted */
  if (f.has_number) add("number: %s", jx_format_decimal(f.number, 6, buf, sizeof buf));
  if (f.has_hi) add("number_hi: %s", jx_format_decimal(f.number_hi, 6, buf, sizeof buf));
  if (f.unit) add("unit: %s", jx_yaml_quote_flow(a, f.unit));
  if (*f.date) add("date: \"%s\"", f.date);
#undef add
  return jx_arena_printf(a, "%s}", t);
}

static void put_read(writer *w, int ind, const jx_decl_indicator *d) {
  fprintf(w->out, "%*sread: %s\n", ind, "", jx_decl_read_text(w->a, d));
}

static void put_indicator(writer *w, const jx_decl_indicator *d) {
  char buf[48];
  fprintf(w->out, "  - level1: %s\n", jx_yaml_quote_text(w->a, d->level1 ? d->level1 : ""));
  put_text(w, 4, "level2", d->level2);
  put_text(w, 4, "name", d->name);
  put_text(w, 4, "value", d->value);
  put_read(w, 4, d);
  if (d->explanation && *d->explanation) put_text(w, 4, "explanation", d->explanation);
  if (d->standard) put_text(w, 4, "standard", d->standard);
  if (d->source) put_text(w, 4, "source", d->source);
  if (d->weight.set) put_plain(w, 4, "weight", jx_format_decimal(d->weight.v, 6, buf, sizeof buf));
}

static void put_adjustment(writer *w, const jx_decl_adjustment *adj) {
  fprintf(w->out, "  - date: %s\n", jx_yaml_quote(w->a, adj->date ? adj->date : ""));
  put_text(w, 4, "reason", adj->reason);
  put_text(w, 4, "approver", adj->approver);
  fputs(adj->changes.n ? "    changes:\n" : "    changes: []\n", w->out);
  for (size_t k = 0; k < adj->changes.n; k++) {
    const jx_decl_change *c = &adj->changes.items[k];
    if (c->indicator) fprintf(w->out, "      - indicator: %s\n", jx_yaml_quote_text(w->a, c->indicator));
    else fputs("      - field: this_year\n", w->out);
    if (c->from) put_text(w, 8, "from", c->from);
    if (c->to) put_text(w, 8, "to", c->to);
  }
}

jx_status jx_decl_write_yaml(const jx_decl *d, FILE *out, char *err, size_t errlen) {
  if (!d || !out) {
    if (err && errlen) snprintf(err, errlen, "没有可写出的申报");
    return JX_ERR_INVALID;
  }
  writer w = {.out = out, .a = jx_arena_new(), .money_decimals = d->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6};
  fputs("schema: jixiao/1\nkind: declaration\n", out);
  fprintf(out, "scope: %s\n", d->scope == JX_DECL_DEPARTMENT ? "department" : "project");
  fprintf(out, "year: %d\n", d->year);
  fprintf(out, "money_unit: %s\n", d->money_unit_fen == JX_FEN_PER_YUAN ? "元" : "万元");
  if (d->code) put_text(&w, 0, "code", d->code);
  put_text(&w, 0, "name", d->name);
  put_text(&w, 0, "unit", d->unit);
  put_text(&w, 0, "department", d->department);
  fputs(d->total.set || d->this_year.set || d->by_source.n ? "amounts:\n" : "amounts: {}\n", out);
  put_money(&w, 2, "total", &d->total);
  put_money(&w, 2, "this_year", &d->this_year);
  if (d->by_source.n) {
    fputs("  by_source:\n", out);
    for (size_t i = 0; i < d->by_source.n; i++) {
      const jx_named_money *m = &d->by_source.items[i];
      char buf[48];
      if (m->amount.set)
        fprintf(out, "    %s: %s\n", jx_yaml_quote_text(w.a, m->name ? m->name : ""),
                jx_format_decimal(m->amount.fen, w.money_decimals, buf, sizeof buf));
    }
  }
  put_text(&w, 0, "policy_basis", d->policy_basis);
  put_text(&w, 0, "calc_basis", d->calc_basis);
  put_text(&w, 0, "annual_goal", d->annual_goal);
  fputs(d->indicators.n ? "indicators:\n" : "indicators: []\n", out);
  for (size_t i = 0; i < d->indicators.n; i++) put_indicator(&w, &d->indicators.items[i]);
  if (d->adjustments.n) fputs("adjustments:\n", out);
  for (size_t i = 0; i < d->adjustments.n; i++) put_adjustment(&w, &d->adjustments.items[i]);
  jx_arena_free(w.a);
  if (fflush(out) != 0 || ferror(out)) {
    if (err && errlen) snprintf(err, errlen, "写出失败");
    return JX_ERR_IO;
  }
  return JX_OK;
}
