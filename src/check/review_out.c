/* review_out.c — a review written out (text as a compiler writes, or JSON) and the counts per rule over many declarations. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/review.h"

struct jx_review_tally {
  const jx_review_rules *rules;
  size_t *findings, *decls, *candidates; /* per rule */
  size_t n_reviews, by_conclusion[3], n_undecided;
};

static const char *score_text(int64_t v, char *buf, size_t n) { return jx_format_num(v, buf, n); }

static void put_pos(FILE *out, jx_pos p) {
  jx_fput_visible(out, p.file ? p.file : "<input>");
  if (p.line) fprintf(out, ":%u:%u", p.line, p.col ? p.col : 1);
}

jx_status jx_review_write_text(const jx_review *r, const char *label, FILE *out) {
  const jx_decl *d = r->decl;
  jx_fput_visible(out, label ? label : d->path);
  fputs(": ", out);
  if (d->code && *d->code) {
    jx_fput_visible(out, d->code);
    fputc(' ', out);
  }
  jx_fput_visible(out, d->name ? d->name : "");
  fprintf(out, "\n  结论：%s（", jx_review_conclusion_name(r->conclusion));
  for (size_t i = 0; i < r->points.n; i++) {
    char b[32];
    fprintf(out, "%s%s %s", i ? "，" : "", r->points.items[i].point, score_text(r->points.items[i].score, b, sizeof b));
  }
  size_t n = r->findings.n - r->n_candidates;
  fprintf(out, "）；发现 %zu 条，需人工确认 %zu 条，人工审核 %zu 条", n, r->n_candidates, r->manual.n);
  if (r->n_undecided) fprintf(out, "；%zu 处超过匹配上限未判断（JX827）", r->n_undecided);
  fputc('\n', out);
  /* each finding on its line; the rule's 意见表述 once, after its last finding */
  for (size_t i = 0; i < r->findings.n; i++) {
    const jx_review_finding *f = &r->findings.items[i];
    const char *m = f->message, *cut = strstr(m, "。意见：");
    put_pos(out, f->pos);
    fprintf(out, ": %s: %s ", jx_severity_name(f->severity), f->code);
    if (cut) {
      char *head = jx_xmalloc((size_t)(cut - m) + 1);
      memcpy(head, m, (size_t)(cut - m));
      head[cut - m] = 0;
      jx_fput_visible(out, head);
      free(head);
    } else jx_fput_visible(out, m);
    fputc('\n', out);
    if (i + 1 == r->findings.n || r->findings.items[i + 1].rule != f->rule) {
      fprintf(out, "    意见（规则 %s）：", f->info->code);
      jx_fput_visible(out, f->info->opinion);
      fputc('\n', out);
    }
  }
  for (size_t i = 0; i < r->manual.n; i++) {
    const jx_review_rule_info *info = jx_review_rules_at(r->rules, r->manual.items[i]);
    fprintf(out, "  人工审核 %s「", info->code);
    jx_fput_visible(out, info->detail);
    fputs("」：", out);
    jx_fput_visible(out, info->opinion);
    fputc('\n', out);
  }
  return ferror(out) ? JX_ERR_IO : JX_OK;
}

jx_review_tally *jx_review_tally_new(const jx_review_rules *rules) {
  jx_review_tally *t = jx_xcalloc(1, sizeof *t);
  size_t n = rules->rules.n ? rules->rules.n : 1;
  t->rules = rules;
  t->findings = jx_xcalloc(n, sizeof *t->findings);
  t->decls = jx_xcalloc(n, sizeof *t->decls);
  t->candidates = jx_xcalloc(n, sizeof *t->candidates);
  return t;
}

void jx_review_tally_add(jx_review_tally *t, const jx_review *r) {
  t->n_reviews++;
  t->by_conclusion[r->conclusion]++;
  t->n_undecided += r->n_undecided;
  size_t last = (size_t)-1;
  for (size_t i = 0; i < r->findings.n; i++) {
    const jx_review_finding *f = &r->findings.items[i];
    if (f->kind == JX_FINDING_CANDIDATE) t->candidates[f->rule]++;
    else t->findings[f->rule]++;
    if (f->rule != last) t->decls[f->rule]++;
    last = f->rule;
  }
}

void jx_review_tally_free(jx_review_tally *t) {
  if (!t) return;
  free(t->findings);
  free(t->decls);
  free(t->candidates);
  free(t);
}

jx_status jx_review_tally_write_text(const jx_review_tally *t, FILE *out) {
  fprintf(out, "审核 %zu 份申报：通过 %zu，修改后通过 %zu，不通过 %zu", t->n_reviews, t->by_conclusion[JX_REVIEW_PASS],
          t->by_conclusion[JX_REVIEW_PASS_AFTER_CHANGES], t->by_conclusion[JX_REVIEW_FAIL]);
  if (t->n_undecided) fprintf(out, "；%zu 处因超过匹配上限未判断", t->n_undecided);
  fputs("\n规则\t发现\t涉及申报\t需人工确认\t审核细项\n", out);
  for (size_t i = 0; i < t->rules->rules.n; i++) {
    const jx_review_rule_info *info = &t->rules->rules.items[i].info;
    if (info->mode == JX_REVIEW_MANUAL && !t->candidates[i]) {
      fprintf(out, "%s\t-\t-\t-\t", info->code);
      jx_fput_visible(out, info->detail);
      fputs("（人工审核）\n", out);
      continue;
    }
    fprintf(out, "%s\t%zu\t%zu\t%zu\t", info->code, t->findings[i], t->decls[i], t->candidates[i]);
    jx_fput_visible(out, info->detail);
    fputc('\n', out);
  }
  return ferror(out) ? JX_ERR_IO : JX_OK;
}

static json_t *str(const char *s) { return json_string(s ? s : ""); }

/* A score or deduction: a JSON integer when whole (they are, with whole deductions), else
 * its exact decimal text — never a double. */
static json_t *num(int64_t v) {
  if (v % JX_NUM_SCALE == 0) return json_integer((json_int_t)(v / JX_NUM_SCALE));
  char b[32];
  return json_string(jx_format_decimal(v, 6, b, sizeof b));
}

static json_t *pos_json(jx_pos p) {
  json_t *o = json_object();
  json_object_set_new(o, "file", str(p.file));
  if (p.line) {
    json_object_set_new(o, "line", json_integer(p.line));
    json_object_set_new(o, "col", json_integer(p.col ? p.col : 1));
  }
  return o;
}

static char *dump(json_t *o) {
  char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!s) jx_out_of_memory(0); /* jansson fails only when memory runs out: the one policy */
  size_t n = strlen(s) + 1;
  char *copy = jx_xmalloc(n);
  memcpy(copy, s, n);
  free(s);
  return copy;
}

char *jx_review_json(const jx_review *r, const char *label) {
  const jx_decl *d = r->decl;
  json_t *o = json_object();
  json_object_set_new(o, "file", str(label ? label : d->path));
  json_object_set_new(o, "code", str(d->code));
  json_object_set_new(o, "name", str(d->name));
  json_object_set_new(o, "conclusion", str(jx_review_conclusion_name(r->conclusion)));
  json_t *scores = json_object();
  for (size_t i = 0; i < r->points.n; i++) {
    json_object_set_new(scores, r->points.items[i].point, num(r->points.items[i].score));
  }
  json_object_set_new(o, "scores", scores);
  json_t *fs = json_array();
  for (size_t i = 0; i < r->findings.n; i++) {
    const jx_review_finding *f = &r->findings.items[i];
    json_t *x = json_object();
    json_object_set_new(x, "rule", str(f->info->code));
    json_object_set_new(x, "diagnostic", str(f->code));
    json_object_set_new(x, "kind", str(f->kind == JX_FINDING_PATTERN ? "pattern" : f->kind == JX_FINDING_BUILTIN ? "builtin" : "candidate"));
    json_object_set_new(x, "severity", str(jx_severity_name(f->severity)));
    json_object_set_new(x, "object", str(f->info->object));
    json_object_set_new(x, "point", str(f->info->point));
    json_object_set_new(x, "detail", str(f->info->detail));
    json_object_set_new(x, "field", str(f->field));
    if (f->indicator >= 0) json_object_set_new(x, "indicator", json_integer(f->indicator + 1));
    json_object_set_new(x, "found", str(f->found));
    json_object_set_new(x, "deduction", num(f->deduction));
    json_object_set_new(x, "position", pos_json(f->pos));
    json_object_set_new(x, "opinion", str(f->info->opinion));
    json_array_append_new(fs, x);
  }
  json_object_set_new(o, "findings", fs);
  json_t *man = json_array();
  for (size_t i = 0; i < r->manual.n; i++) {
    const jx_review_rule_info *info = jx_review_rules_at(r->rules, r->manual.items[i]);
    json_t *x = json_object();
    json_object_set_new(x, "rule", str(info->code));
    json_object_set_new(x, "detail", str(info->detail));
    json_object_set_new(x, "opinion", str(info->opinion));
    json_array_append_new(man, x);
  }
  json_object_set_new(o, "manual", man);
  return dump(o);
}

char *jx_review_tally_json(const jx_review_tally *t) {
  json_t *o = json_object();
  json_object_set_new(o, "declarations", json_integer((json_int_t)t->n_reviews));
  json_t *c = json_object();
  for (int k = 0; k < 3; k++)
    json_object_set_new(c, jx_review_conclusion_name((jx_review_conclusion)k), json_integer((json_int_t)t->by_conclusion[k]));
  json_object_set_new(o, "conclusions", c);
  json_object_set_new(o, "undecided", json_integer((json_int_t)t->n_undecided));
  json_t *rules = json_array();
  for (size_t i = 0; i < t->rules->rules.n; i++) {
    const jx_review_rule_info *info = &t->rules->rules.items[i].info;
    json_t *x = json_object();
    json_object_set_new(x, "rule", str(info->code));
    json_object_set_new(x, "detail", str(info->detail));
    json_object_set_new(x, "mode", str(info->mode == JX_REVIEW_REGEX ? "正则匹配" : info->mode == JX_REVIEW_MANUAL ? "人工" : "内置"));
    json_object_set_new(x, "findings", json_integer((json_int_t)t->findings[i]));
    json_object_set_new(x, "declarations", json_integer((json_int_t)t->decls[i]));
    json_object_set_new(x, "candidates", json_integer((json_int_t)t->candidates[i]));
    json_array_append_new(rules, x);
  }
  json_object_set_new(o, "rules", rules);
  return dump(o);
}
