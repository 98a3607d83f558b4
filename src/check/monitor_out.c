/* monitor_out.c — a checkpoint report's lights written out: text for `jixiao score`, JSON for tools. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

static void put_money(FILE *out, const char *label, jx_money m) {
  char b[32];
  fprintf(out, "  %s：%s 万元\n", label, m.set ? jx_format_money_wan(m.fen, b, sizeof b) : "未填");
}

jx_status jx_monresult_write_text(const jx_monresult *r, FILE *out) {
  const jx_monreport *rep = r->report;
  fputs("监控报告：", out);
  jx_fput_visible(out, rep->unit_code);
  fputc(' ', out);
  jx_fput_visible(out, rep->unit_name);
  if (rep->project_code || rep->project_name) {
    fputs(" / 项目 ", out);
    jx_fput_visible(out, rep->project_code ? rep->project_code : "");
    fputc(' ', out);
    jx_fput_visible(out, rep->project_name ? rep->project_name : "");
  }
  fprintf(out, "，监控时点 %04d-%02d-%02d\n", rep->year, rep->month, rep->day);
  fprintf(out, "总体：%s灯（预算执行 %s，指标 红 %zu、黄 %zu、绿 %zu）\n", jx_light_name(r->light), jx_light_name(r->exec.light),
          r->n_red, r->n_yellow, r->n_green);
  fprintf(out, "预算执行：%s灯\n", jx_light_name(r->exec.light));
  put_money(out, "全年预算数", rep->budget);
  put_money(out, "累计执行数", rep->executed);
  put_money(out, "全年预计执行数", rep->forecast);
  fputs("  计算：", out);
  jx_fput_visible(out, r->exec.derivation);
  fputc('\n', out);
  for (size_t i = 0; i < r->indicators.n; i++) {
    const jx_mon_ind_result *x = &r->indicators.items[i];
    if (x->light == JX_LIGHT_NONE) fputs("指标 未定灯：", out);
    else fprintf(out, "指标 %s灯：", jx_light_name(x->light));
    jx_fput_visible(out, x->ind->name);
    fputs("\n  计算：", out);
    jx_fput_visible(out, x->derivation);
    fputc('\n', out);
  }
  return ferror(out) ? JX_ERR_IO : JX_OK;
}

static json_t *str(const char *s) { return json_string(s ? s : ""); }

/* A percentage (× JX_NUM_SCALE) as its exact decimal text: never a double. */
static json_t *pct(int64_t v) {
  char b[32];
  return json_string(jx_format_decimal(v, 6, b, sizeof b));
}

static json_t *money(jx_money m) {
  char b[32];
  return m.set ? json_string(jx_format_money_wan(m.fen, b, sizeof b)) : json_null();
}

jx_status jx_monresult_write_json(const jx_monresult *r, FILE *out) {
  const jx_monreport *rep = r->report;
  json_t *o = json_object();
  char date[16];
  snprintf(date, sizeof date, "%04d-%02d-%02d", rep->year, rep->month, rep->day);
  json_object_set_new(o, "checkpoint", json_string(date));
  json_object_set_new(o, "unit", json_pack("{s:o,s:o}", "code", str(rep->unit_code), "name", str(rep->unit_name)));
  if (rep->project_code || rep->project_name)
    json_object_set_new(o, "project", json_pack("{s:o,s:o}", "code", str(rep->project_code), "name", str(rep->project_name)));
  json_object_set_new(o, "light", str(jx_light_name(r->light)));
  json_t *e = json_object();
  json_object_set_new(e, "light", str(jx_light_name(r->exec.light)));
  json_object_set_new(e, "budget", money(rep->budget));
  json_object_set_new(e, "executed", money(rep->executed));
  json_object_set_new(e, "forecast", money(rep->forecast));
  json_object_set_new(e, "schedule", r->exec.schedule >= 0 ? pct(r->exec.schedule) : json_null());
  json_object_set_new(e, "rate", r->exec.has_rate ? pct(r->exec.rate) : json_null());
  json_object_set_new(e, "behind", r->exec.has_rate ? pct(r->exec.behind) : json_null());
  json_object_set_new(e, "fix_required", json_boolean(r->exec.fix_required));
  json_object_set_new(e, "derivation", str(r->exec.derivation));
  json_object_set_new(o, "execution", e);
  json_t *list = json_array();
  for (size_t i = 0; i < r->indicators.n; i++) {
    const jx_mon_ind_result *x = &r->indicators.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "name", str(x->ind->name));
    json_object_set_new(j, "light", str(jx_light_name(x->light)));
    json_object_set_new(j, "progress", x->has_progress ? pct(x->progress) : json_null());
    json_object_set_new(j, "expected", x->has_progress ? pct(x->expected) : json_null());
    json_object_set_new(j, "behind", x->has_progress ? pct(x->behind) : json_null());
    json_object_set_new(j, "fix_required", json_boolean(x->fix_required));
    json_object_set_new(j, "derivation", str(x->derivation));
    json_array_append_new(list, j);
  }
  json_object_set_new(o, "indicators", list);
  char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!s) jx_out_of_memory(0); /* jansson fails only when memory runs out: the one policy */
  fputs(s, out);
  fputc('\n', out);
  free(s);
  return ferror(out) ? JX_ERR_IO : JX_OK;
}
