/* score_out.c — the score breakdown as Chinese text and as JSON (jansson, sorted keys). */
#include <jansson.h>
#include <string.h>

#include "model/framework.h"
#include "util/text.h"

#define F(v, buf) jx_format_num((v), (buf), sizeof(buf))

static const char *or_empty(const char *s) { return s ? s : ""; }

/* A target or actual as the reader sees it: the number with its unit when there is one
 * (num_known: the scorer's resolved actual), else the text as written, else 未填. */
static const char *value_text(const jx_value *v, const char *unit, bool num_known, int64_t num, char *buf, size_t n) {
  char b[32];
  if (v->has_hi && v->written) return v->written; /* a range as written: "90%-95%" */
  if (num_known) snprintf(buf, n, "%s%s", F(num, b), unit);
  else if (v->kind == JX_VAL_NUMBER || (v->kind == JX_VAL_REF && v->resolved)) snprintf(buf, n, "%s%s", F(v->num, b), unit);
  else if (v->kind == JX_VAL_REF) snprintf(buf, n, "= %s", v->text);
  else if (v->written && *v->written) return v->written;
  else if (v->text && *v->text) return v->text;
  else return "未填";
  return buf;
}

static void pad(FILE *out, const char *s, size_t width) {
  fputs(s, out);
  for (size_t w = jx_text_width(s); w < width; w++) fputc(' ', out);
}

jx_status jx_result_write_text(const jx_result *r, FILE *out) {
  const jx_doc *doc = r->doc;
  char s1[32], s2[32];
  const char *what = doc->kind == JX_KIND_PROJECT && doc->project ? doc->project->name : "部门整体";
  fprintf(out, "%s %d 年度 %s 绩效自评\n", or_empty(doc->department), doc->year, or_empty(what));
  fprintf(out, "评价框架：%s（%s）\n\n", jx_framework_name(r->framework), jx_framework_id(r->framework));
  fprintf(out, "绩效指标\n");
  for (size_t i = 0; i < r->indicators.n; i++) {
    const jx_indicator_score *s = &r->indicators.items[i];
    const jx_indicator *ind = s->indicator;
    const char *unit = or_empty(ind->unit);
    const char *target = value_text(&ind->target, unit, false, 0, s1, sizeof s1);
    const char *actual = value_text(&ind->actual, unit, s->scored && ind->nature != JX_NATURE_QUAL, s->actual, s2, sizeof s2);
    fprintf(out, "  %zu. ", i + 1);
    const char *path[] = {ind->level1, ind->level2, ind->name};
    bool first = true;
    for (size_t k = 0; k < 3; k++) {
      if (!path[k] || !*path[k]) continue;
      fprintf(out, "%s%s", first ? "" : "／", path[k]);
      first = false;
    }
    fprintf(out, "（%s %s，实际 %s）\n", jx_nature_symbol(ind->nature), target, actual);
    if (s->scored)
      fprintf(out, "     %s / %s  %s  %s%s\n", F(s->score, s1), F(ind->weight.v, s2), or_empty(s->attainment), or_empty(s->derivation),
              ind->assumption ? "  〔实际值为假设〕" : "");
    else
      fprintf(out, "     — / %s  未计分\n", ind->weight.set ? F(ind->weight.v, s2) : "权重未填");
  }
  size_t ind_unscored = 0;
  for (size_t i = 0; i < r->indicators.n; i++) ind_unscored += !r->indicators.items[i].scored;
  if (!ind_unscored) fprintf(out, "  指标合计 %s / %s\n", F(r->indicator_total, s1), F(r->indicator_weight, s2));
  else if (r->indicators.n)
    fprintf(out, "  指标合计：不完整，%zu 项中 %zu 项未计分（已计分部分 %s）\n", r->indicators.n, ind_unscored, F(r->indicator_total, s1));
  if (r->has_execution) fprintf(out, "\n预算执行  %s / %s  %s\n", F(r->execution_score, s1), F(r->execution_weight, s2), r->execution_derivation);
  if (r->blocks.n) {
    fprintf(out, "\n分项得分\n");
    for (size_t i = 0; i < r->blocks.n; i++) {
      const jx_block_score *b = &r->blocks.items[i];
      fputs("  ", out);
      pad(out, b->name, 16);
      if (b->scored) fprintf(out, "%6s / %-5s %s%s\n", F(b->score, s1), F(b->max, s2), b->computed ? "按公式：" : "", or_empty(b->derivation));
      else fprintf(out, "%6s / %-5s 未计分\n", "—", F(b->max, s2));
    }
  }
  bool any = false;
  for (size_t i = 0; i < r->metrics.n; i++) {
    const jx_metric_value *m = &r->metrics.items[i];
    if (!m->known) continue;
    if (!any) fprintf(out, "\n计算指标\n");
    any = true;
    fputs("  ", out);
    pad(out, m->label, 26);
    fprintf(out, "%s\n", m->derivation);
  }
  if (r->complete)
    fprintf(out, "\n总分 %s  等级 %s  （%s）\n", F(r->total, s1), r->grade, or_empty(r->total_derivation));
  else
    fprintf(out, "\n%s\n", r->incomplete);
  for (size_t i = 0; i < r->projects.n; i++) {
    fprintf(out, "\n────────\n项目支出绩效自评：");
    jx_result_write_text(r->projects.items[i], out);
  }
  return ferror(out) ? JX_ERR_IO : JX_OK;
}

static json_t *num_str(int64_t v) {
  char b[32];
  return json_string(jx_format_num(v, b, sizeof b));
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *result_json(const jx_result *r) {
  const jx_doc *doc = r->doc;
  json_t *root = json_object();
  if (doc->kind == JX_KIND_PROJECT && doc->project) json_object_set_new(root, "project", str_or_null(doc->project->name));
  json_object_set_new(root, "file", json_string(doc->path));
  json_object_set_new(root, "department", str_or_null(doc->department));
  json_object_set_new(root, "year", json_integer(doc->year));
  json_object_set_new(root, "kind", json_string(doc->kind == JX_KIND_PROJECT ? "project" : "department"));
  json_object_set_new(root, "framework", json_string(jx_framework_id(r->framework)));
  json_object_set_new(root, "complete", json_boolean(r->complete));
  json_object_set_new(root, "total", r->complete ? num_str(r->total) : json_null());
  json_object_set_new(root, "total_derivation", str_or_null(r->total_derivation));
  json_object_set_new(root, "grade", str_or_null(r->grade));
  json_object_set_new(root, "partial_total", num_str(r->partial_total));
  json_object_set_new(root, "unscored_points", num_str(r->unscored_points));
  json_object_set_new(root, "unscored", json_integer((json_int_t)r->n_unscored));
  size_t ind_unscored = 0;
  for (size_t i = 0; i < r->indicators.n; i++) ind_unscored += !r->indicators.items[i].scored;
  /* a sum over part of the table is not the table's total: null then, the part beside it */
  json_object_set_new(root, "indicator_total", ind_unscored ? json_null() : num_str(r->indicator_total));
  json_object_set_new(root, "indicator_partial_total", num_str(r->indicator_total));
  json_object_set_new(root, "indicator_weight", num_str(r->indicator_weight));
  const jx_metric_value *er = NULL;
  for (size_t i = 0; i < r->metrics.n; i++)
    if (r->metrics.items[i].known && strcmp(r->metrics.items[i].name, "execution_rate") == 0) er = &r->metrics.items[i];
  json_object_set_new(root, "execution_rate", er ? num_str(er->value) : json_null());
  if (r->has_execution) {
    json_t *ex = json_object();
    json_object_set_new(ex, "rate", num_str(r->execution_rate));
    json_object_set_new(ex, "score", num_str(r->execution_score));
    json_object_set_new(ex, "weight", num_str(r->execution_weight));
    json_object_set_new(ex, "derivation", json_string(r->execution_derivation));
    json_object_set_new(root, "execution", ex);
  }
  json_t *inds = json_array();
  for (size_t i = 0; i < r->indicators.n; i++) {
    const jx_indicator_score *s = &r->indicators.items[i];
    const jx_indicator *ind = s->indicator;
    json_t *o = json_object();
    json_object_set_new(o, "level1", str_or_null(ind->level1));
    json_object_set_new(o, "level2", str_or_null(ind->level2));
    json_object_set_new(o, "name", str_or_null(ind->name));
    json_object_set_new(o, "nature", json_string(jx_nature_symbol(ind->nature)));
    json_object_set_new(o, "unit", str_or_null(ind->unit));
    json_object_set_new(o, "weight", ind->weight.set ? num_str(ind->weight.v) : json_null());
    json_object_set_new(o, "target", ind->target.kind == JX_VAL_NUMBER || ind->target.resolved ? num_str(ind->target.num) : str_or_null(ind->target.text));
    if (ind->target.written) json_object_set_new(o, "target_written", json_string(ind->target.written));
    json_object_set_new(o, "actual", ind->nature == JX_NATURE_QUAL ? str_or_null(ind->actual.text)
                                     : s->scored ? num_str(s->actual)
                                     : ind->actual.kind == JX_VAL_NUMBER ? num_str(ind->actual.num)
                                                                          : str_or_null(ind->actual.text));
    json_object_set_new(o, "scored", json_boolean(s->scored));
    json_object_set_new(o, "score", s->scored ? num_str(s->score) : json_null());
    json_object_set_new(o, "met", json_boolean(s->met));
    json_object_set_new(o, "attainment", str_or_null(s->attainment));
    json_object_set_new(o, "derivation", str_or_null(s->derivation));
    json_object_set_new(o, "assumed", json_boolean(ind->assumption != NULL));
    json_object_set_new(o, "line", json_integer(ind->pos.line));
    json_array_append_new(inds, o);
  }
  json_object_set_new(root, "indicators", inds);
  json_t *blocks = json_array();
  for (size_t i = 0; i < r->blocks.n; i++) {
    const jx_block_score *b = &r->blocks.items[i];
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(b->name));
    json_object_set_new(o, "max", num_str(b->max));
    json_object_set_new(o, "score", b->scored ? num_str(b->score) : json_null());
    json_object_set_new(o, "scored", json_boolean(b->scored));
    json_object_set_new(o, "computed", json_boolean(b->computed));
    json_object_set_new(o, "derivation", str_or_null(b->derivation));
    json_array_append_new(blocks, o);
  }
  json_object_set_new(root, "blocks", blocks);
  json_t *metrics = json_object();
  for (size_t i = 0; i < r->metrics.n; i++) {
    const jx_metric_value *m = &r->metrics.items[i];
    if (!m->known) continue;
    json_t *o = json_object();
    json_object_set_new(o, "label", json_string(m->label));
    json_object_set_new(o, "value", num_str(m->value));
    json_object_set_new(o, "derivation", json_string(m->derivation));
    json_object_set_new(metrics, m->name, o);
  }
  json_object_set_new(root, "metrics", metrics);
  json_t *projects = json_array();
  for (size_t i = 0; i < r->projects.n; i++) json_array_append_new(projects, result_json(r->projects.items[i]));
  json_object_set_new(root, "projects", projects);
  return root;
}

jx_status jx_result_write_json(const jx_result *r, const jx_diags *diags, FILE *out) {
  json_t *root = result_json(r);
  json_t *ds = json_array();
  for (size_t i = 0; diags && i < diags->n; i++) {
    const jx_diag *g = &diags->items[i];
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(g->code));
    json_object_set_new(o, "severity", json_string(jx_severity_name(g->severity)));
    json_object_set_new(o, "file", str_or_null(g->pos.file));
    json_object_set_new(o, "line", json_integer(g->pos.line));
    json_object_set_new(o, "column", json_integer(g->pos.col));
    json_object_set_new(o, "message", json_string(g->message));
    json_array_append_new(ds, o);
  }
  json_object_set_new(root, "diagnostics", ds);
  int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENSURE_ASCII * 0);
  fputc('\n', out);
  json_decref(root);
  return rc == 0 && !ferror(out) ? JX_OK : JX_ERR_IO;
}
