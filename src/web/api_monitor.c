/* api_monitor.c — the JSON API of 绩效运行监控 (docs/api.md, "Monitoring"): the officer's
 * checkpoint form (fields in, a report file out through jx_monreport_write_yaml and
 * jx_store_monitor_import), its live check (the report read back and its lights computed
 * with jx_monitor_evaluate, each problem at its field, nothing stored), and the bureau's
 * desk: units by light at a checkpoint with their figures, one unit's checkpoints over the
 * year, its follow-ups (关闭) and the reopening of a locked checkpoint (重新开放).  Reads of
 * the monitoring tables are SQL through store/db.h; every write goes through jx_store. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/monitor.h"
#include "store/db.h"
#include "util/text.h"
#include "web/web.h"

#define MAX_SOURCES 20     /* funding sources of one report */
#define MAX_INDICATORS 200 /* indicator rows of one report */
#define MAX_REASON 600     /* a reason (关闭, 重新开放), in bytes */

/* ---- the rules: the compiled-in default, loaded once --------------------------------------- */

static jx_monrules *rules_default;
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void rules_load(void) {
  jx_diags d = {0};
  if (jx_monrules_default(&rules_default, &d) != JX_OK) rules_default = NULL;
  jx_diags_free(&d);
}

static const jx_monrules *mon_rules(void) {
  pthread_once(&rules_once, rules_load);
  return rules_default;
}

static bool bureau_staff(const jx_req *r) { return r->user->role == JX_ROLE_REVIEWER || r->user->role == JX_ROLE_ADMIN; }

/* Who sees a unit's monitoring: the bureau all; the officer and the head their own unit,
 * the head also the units under it (a 主管部门's head); the departments table is read once
 * per request (jx_req_departments). */
static bool can_see(const jx_req *r, const jx_dept_list *l, const char *unit) {
  if (bureau_staff(r)) return true;
  if (!r->user->department) return false;
  if (r->user->role == JX_ROLE_HEAD) return jx_dept_under(l, unit, r->user->department);
  return !strcmp(r->user->department, unit);
}

static bool year_ok(int y) { return y >= 2000 && y <= 2100; }

/* "MM-DD" of a real date of year. */
static bool day_ok(int year, const char *day, int *m, int *d) {
  if (!day || strlen(day) != 5 || day[2] != '-') return false;
  for (int i = 0; i < 5; i++)
    if (i != 2 && (day[i] < '0' || day[i] > '9')) return false;
  *m = (day[0] - '0') * 10 + (day[1] - '0');
  *d = (day[3] - '0') * 10 + (day[4] - '0');
  return jx_schedule_progress(year, *m, *d, NULL, NULL) >= 0;
}

/* A message for people: fullwidth-parenthesised groups naming the file's keys
 * ("（deviation 的 cause 和 fix）", "（can_complete: 是/否）", "（--under）") are left out. */
static const char *plain(jx_arena *a, const char *msg) {
  jx_sbuf b = {.arena = a};
  jx_sb_puts(&b, "");
  const char *open = "（", *close = "）";
  for (const char *p = msg; *p;) {
    if (!strncmp(p, open, strlen(open))) {
      const char *end = strstr(p, close);
      bool latin = false;
      for (const char *q = p + strlen(open); end && q < end; q++)
        if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_' || *q == '-') latin = true;
      if (latin) {
        p = end + strlen(close);
        continue;
      }
    }
    jx_sb_put(&b, p, 1);
    p++;
  }
  return b.p;
}

/* A percentage (× JX_NUM_SCALE, already to hundredths) with two decimals: "50.00", "-0.41". */
static const char *pct_text(jx_arena *a, int64_t v) {
  int64_t h = v / (JX_NUM_SCALE / 100), m = h < 0 ? -h : h;
  return jx_arena_printf(a, "%s%lld.%02lld", h < 0 ? "-" : "", (long long)(m / 100), (long long)(m % 100));
}

static const char *wan_text(jx_arena *a, int64_t fen) {
  char b[48];
  return jx_arena_strdup(a, jx_format_money_wan(fen, b, sizeof b));
}

static const char *light_key(jx_light l) {
  return l == JX_LIGHT_RED ? "red" : l == JX_LIGHT_YELLOW ? "yellow" : l == JX_LIGHT_GREEN ? "green" : "none";
}

/* ---- the form: fields in, a report out -------------------------------------------------------- */

typedef struct {
  const char *unit, *unit_name, *day;
  int year, month, mday;
} form_key;

static json_t *finding(const char *field, const char *severity, const char *message) {
  return json_pack("{s:s,s:s,s:s}", "field", field, "severity", severity, "message", message);
}

/* A string member (absent: ""); false (answered 400) when not a string or too long. */
static bool member(jx_req *r, json_t *o, const char *key, const char **out) {
  json_t *v = json_object_get(o, key);
  if (!v || json_is_null(v)) {
    *out = "";
    return true;
  }
  if (json_is_integer(v) || json_is_real(v)) {
    jx_resp_error(r, 400, "bad_field", "“%s”应以文字（字符串）传送，金额和数值不用 JSON 数字", key);
    return false;
  }
  *out = jx_json_str(r, o, key, JX_WEB_MAX_FIELD, false);
  if (!*out) {
    if (!r->status) jx_resp_error(r, 400, "bad_field", "“%s”应为文字", key);
    return false;
  }
  return true;
}

/* An amount in 万元 (blank: unset); a problem goes to errors at field. */
static void amount(jx_req *r, const char *text, const char *field, const char *label, bool required, jx_money *m, json_t *errors) {
  m->set = false;
  if (!*text) {
    if (required) json_array_append_new(errors, finding(field, "error", jx_arena_printf(r->arena, "请填写%s", label)));
    return;
  }
  int64_t fen = 0;
  const char *why = "";
  if (!jx_parse_money(text, JX_FEN_PER_WAN, &fen, &why)) {
    json_array_append_new(errors, finding(field, "error",
                                          jx_arena_printf(r->arena, "%s“%s”不是金额%s%s（以万元计，例如 24.71）", label, text,
                                                          *why ? "：" : "", why)));
    return;
  }
  if (fen < 0) {
    json_array_append_new(errors, finding(field, "error", jx_arena_printf(r->arena, "%s不能为负数", label)));
    return;
  }
  m->fen = fen;
  m->set = true;
}

/* The report of the form (body) in *out, its field problems in errors.  A body that is not
 * a form is answered 400 and false returned. */
static bool form_report(jx_req *r, json_t *body, const form_key *k, jx_monreport **out, json_t *errors) {
  *out = NULL;
  json_t *srcs = json_object_get(body, "sources"), *inds = json_object_get(body, "indicators");
  if ((srcs && !json_is_array(srcs)) || (inds && !json_is_array(inds))) {
    jx_resp_error(r, 400, "bad_field", "“sources”和“indicators”应为数组");
    return false;
  }
  if (json_array_size(srcs) > MAX_SOURCES || json_array_size(inds) > MAX_INDICATORS) {
    jx_resp_error(r, 400, "too_many", "一份监控报告最多 %d 个资金来源、%d 行指标", MAX_SOURCES, MAX_INDICATORS);
    return false;
  }
  const char *cause, *fix;
  if (!member(r, body, "cause", &cause) || !member(r, body, "fix", &fix)) return false;
  jx_monreport *rep = jx_monreport_new(k->year, k->month, k->mday);
  rep->unit_code = jx_monreport_str(rep, k->unit);
  rep->unit_name = jx_monreport_str(rep, k->unit_name);
  rep->cause = jx_monreport_str(rep, cause);
  rep->fix = jx_monreport_str(rep, fix);
  size_t i;
  json_t *x;
  json_array_foreach(srcs, i, x) {
    const char *name, *b, *e, *f, *adj;
    if (!json_is_object(x)) {
      jx_resp_error(r, 400, "bad_field", "第 %zu 个资金来源应为对象", i + 1);
      goto bad;
    }
    if (!member(r, x, "source", &name) || !member(r, x, "budget", &b) || !member(r, x, "executed", &e) ||
        !member(r, x, "forecast", &f) || !member(r, x, "adjustment", &adj))
      goto bad;
    jx_mon_source *s = jx_monreport_add_source(rep, *name ? name : "合计");
    s->adjustment = *adj ? jx_monreport_str(rep, adj) : NULL;
    const char *fb = jx_arena_printf(r->arena, "ms-%zu-budget", i), *fe = jx_arena_printf(r->arena, "ms-%zu-executed", i),
               *ff = jx_arena_printf(r->arena, "ms-%zu-forecast", i);
    amount(r, b, fb, "全年预算数", true, &s->budget, errors);
    amount(r, e, fe, "累计执行数", true, &s->executed, errors);
    amount(r, f, ff, "全年预计执行数", false, &s->forecast, errors);
    char a1[48], a2[48];
    if (s->budget.set && s->executed.set && s->executed.fen > s->budget.fen && !s->adjustment)
      json_array_append_new(errors, finding(fe, "error",
                                            jx_arena_printf(r->arena, "累计执行数 %s 万元超过全年预算数 %s 万元：有预算调整的，请填写调整批复",
                                                            jx_format_money_wan(s->executed.fen, a1, sizeof a1),
                                                            jx_format_money_wan(s->budget.fen, a2, sizeof a2))));
    if (s->forecast.set && s->executed.set && s->forecast.fen < s->executed.fen)
      json_array_append_new(errors, finding(ff, "error",
                                            jx_arena_printf(r->arena, "全年预计执行数 %s 万元小于已累计执行的 %s 万元",
                                                            jx_format_money_wan(s->forecast.fen, a1, sizeof a1),
                                                            jx_format_money_wan(s->executed.fen, a2, sizeof a2))));
  }
  if (!json_array_size(srcs)) json_array_append_new(errors, finding("ms-0-budget", "error", "请至少填写一个资金来源的预算执行情况"));
  json_array_foreach(inds, i, x) {
    if (!json_is_object(x)) {
      jx_resp_error(r, 400, "bad_field", "第 %zu 行指标应为对象", i + 1);
      goto bad;
    }
    static const char *const keys[] = {"level1", "level2", "name", "target", "actual", "forecast", "can_complete", "cause", "fix"};
    const char *v[9];
    for (size_t k2 = 0; k2 < 9; k2++)
      if (!member(r, x, keys[k2], &v[k2])) goto bad;
    bool blank = true;
    for (size_t k2 = 0; k2 < 9; k2++)
      if (*v[k2]) blank = false;
    jx_mon_indicator *ind = jx_monreport_add_indicator(rep);
    ind->level1 = jx_monreport_str(rep, v[0]);
    ind->level2 = jx_monreport_str(rep, v[1]);
    ind->name = jx_monreport_str(rep, v[2]);
    ind->target = jx_monreport_str(rep, v[3]);
    ind->actual = jx_monreport_str(rep, v[4]);
    ind->forecast = jx_monreport_str(rep, v[5]);
    ind->cause = jx_monreport_str(rep, v[7]);
    ind->fix = jx_monreport_str(rep, v[8]);
    jx_target_read(ind->target, &ind->target_read);
    jx_target_read(ind->actual, &ind->actual_read);
    int yn = jx_mon_yes_no(v[6]);
    ind->can_complete = yn == -2 ? -1 : yn;
    if (blank) continue;
    if (!*v[2]) json_array_append_new(errors, finding(jx_arena_printf(r->arena, "mi-%zu-name", i), "error", "请填写三级指标"));
    if (!*v[3]) json_array_append_new(errors, finding(jx_arena_printf(r->arena, "mi-%zu-target", i), "error", "请填写年度指标值"));
    if (yn == -2)
      json_array_append_new(errors, finding(jx_arena_printf(r->arena, "mi-%zu-can_complete", i), "error", "是否能完成请选“是”或“否”"));
  }
  jx_monreport_sum(rep);
  *out = rep;
  return true;
bad:
  jx_monreport_free(rep);
  return false;
}

/* The report as file bytes (in the arena). */
static const char *report_yaml(jx_req *r, const jx_monreport *rep, size_t *len) {
  char *buf = NULL, err[512] = "";
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  jx_status st = f ? jx_monreport_write_yaml(rep, f, err, sizeof err) : JX_ERR_IO;
  if (f) fclose(f);
  const char *out = st == JX_OK ? jx_arena_strndup(r->arena, buf, n) : NULL;
  *len = n;
  free(buf);
  if (!out) jx_resp_error(r, 500, "emit", "无法写出监控报告：%s", err);
  return out;
}

/* The form's field a diagnostic of the report read back is about: by the row its position
 * falls in (indicators, then sources), else the report's 偏差原因/纠偏措施. */
static const char *diag_field(jx_arena *a, const jx_monreport *rep, const jx_diag *g) {
  uint32_t line = g->pos.line;
  int row = -1;
  for (size_t i = 0; line && i < rep->indicators.n; i++)
    if (rep->indicators.items[i].pos.line && rep->indicators.items[i].pos.line <= line) row = (int)i;
  if (row >= 0) {
    const jx_mon_indicator *x = &rep->indicators.items[row];
    const char *key = !strcmp(g->code, "JX850") ? (*x->cause ? "fix" : "cause")
                      : !strcmp(g->code, "JX852") || !strcmp(g->code, "JX854") ? "can_complete"
                                                                                 : "actual";
    return jx_arena_printf(a, "mi-%d-%s", row, key);
  }
  for (size_t i = 0; line && i < rep->sources.n; i++)
    if (rep->sources.items[i].pos.line && rep->sources.items[i].pos.line <= line) row = (int)i;
  if (row >= 0 && strcmp(g->code, "JX850") != 0)
    return jx_arena_printf(a, "ms-%d-%s", row, !strcmp(g->code, "JX851") ? "budget" : "executed");
  if (!strcmp(g->code, "JX850")) return *rep->cause ? "mf-fix" : "mf-cause";
  return "mf-report";
}

static json_t *exec_json(jx_arena *a, const jx_mon_exec_result *e) {
  return json_pack("{s:s,s:s,s:s,s:s,s:s,s:b,s:b,s:b}", "light", light_key(e->light), "light_label", jx_light_name(e->light),
                   "schedule", pct_text(a, e->schedule), "rate", e->has_rate ? pct_text(a, e->rate) : "", "behind",
                   e->has_rate ? pct_text(a, e->behind) : "", "fix_required", e->fix_required, "fix_missing", e->fix_missing,
                   "has_rate", e->has_rate);
}

/* Read back the file of the form and compute its lights: {findings, light, exec, indicators,
 * totals}; the form's own field problems (errors, taken) first. */
static json_t *evaluate(jx_req *r, const char *name, const char *yaml, size_t len, json_t *errors) {
  jx_monreport *rep = NULL;
  jx_monresult *res = NULL;
  jx_diags d = {0};
  jx_monreport_parse(name, yaml, len, &rep, &d);
  const jx_monrules *rules = mon_rules();
  if (rep && rules) jx_monitor_evaluate(rep, rules, &res, &d);
  json_t *findings = errors ? errors : json_array();
  for (size_t i = 0; rep && i < d.n; i++) {
    const jx_diag *g = &d.items[i];
    /* the form's own checks said it already, at the field */
    if (errors && json_array_size(errors) && (!strcmp(g->code, "JX873") || !strcmp(g->code, "JX874") || !strcmp(g->code, "JX875")))
      continue;
    json_array_append_new(findings, finding(diag_field(r->arena, rep, g), jx_severity_name(g->severity),
                                            plain(r->arena, g->message)));
  }
  json_t *j = json_pack("{s:o}", "findings", findings);
  if (res) {
    json_t *inds = json_array();
    for (size_t i = 0; i < res->indicators.n; i++) {
      const jx_mon_ind_result *x = &res->indicators.items[i];
      json_array_append_new(inds, json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:b,s:b}", "row", (int)(x->ind - rep->indicators.items),
                                            "light", light_key(x->light), "light_label", jx_light_name(x->light), "derivation",
                                            x->derivation ? x->derivation : "", "progress",
                                            x->has_progress ? pct_text(r->arena, x->progress) : "", "expected",
                                            x->has_progress ? pct_text(r->arena, x->expected) : "", "fix_required",
                                            x->fix_required, "fix_missing", x->fix_missing));
    }
    json_t *ex = exec_json(r->arena, &res->exec);
    json_object_set_new(ex, "derivation", json_string(res->exec.derivation ? plain(r->arena, res->exec.derivation) : ""));
    json_object_set_new(j, "light", json_string(light_key(res->light)));
    json_object_set_new(j, "light_label", json_string(jx_light_name(res->light)));
    json_object_set_new(j, "exec", ex);
    json_object_set_new(j, "indicators", inds);
    json_object_set_new(j, "totals", json_pack("{s:s,s:s,s:s}", "budget", rep->budget.set ? wan_text(r->arena, rep->budget.fen) : "",
                                               "executed", rep->executed.set ? wan_text(r->arena, rep->executed.fen) : "",
                                               "forecast", rep->forecast.set ? wan_text(r->arena, rep->forecast.fen) : ""));
  } else {
    json_object_set_new(j, "light", json_null());
  }
  size_t n_err = 0, k;
  json_t *f;
  json_array_foreach(findings, k, f) if (!strcmp(json_string_value(json_object_get(f, "severity")), "error")) n_err++;
  json_object_set_new(j, "errors", json_integer((json_int_t)n_err));
  jx_monresult_free(res);
  jx_monreport_free(rep);
  jx_diags_free(&d);
  return j;
}

/* The form's key from the body (unit, year, day) checked against who may report for it:
 * the unit's own officer (save) or anyone who may see it (check).  Answered when false. */
static bool form_key_of(jx_req *r, json_t *body, const jx_dept_list *l, bool save, form_key *k) {
  const char *unit = jx_json_str(r, body, "unit", 64, false), *day = jx_json_str(r, body, "day", 16, false);
  if (r->status) return false;
  if (!unit || !*unit) unit = r->user->department ? r->user->department : "";
  json_t *yv = json_object_get(body, "year");
  k->year = json_is_integer(yv) ? (int)json_integer_value(yv) : 0;
  if (!year_ok(k->year)) {
    jx_resp_error(r, 400, "bad_year", "请给出年度（2000 到 2100 之间的年份）");
    return false;
  }
  if (!day_ok(k->year, day, &k->month, &k->mday)) {
    jx_resp_error(r, 400, "bad_day", "监控时点应为该年度的一个日期，写作 月-日，例如 06-30");
    return false;
  }
  const jx_dept *d = jx_dept_find(l, unit);
  if (!*unit || !d || !can_see(r, l, unit)) {
    jx_resp_error(r, 403, "forbidden", "只能填报本单位的监控报告");
    return false;
  }
  if (save && (r->user->role != JX_ROLE_OFFICER || !r->user->department || strcmp(r->user->department, unit) != 0)) {
    jx_resp_error(r, 403, "forbidden", "只有本单位的填报人可以保存监控报告");
    return false;
  }
  k->unit = d->code;
  k->unit_name = d->name;
  k->day = day;
  return true;
}

/* The form in the request's body as the report file it makes and its evaluation (lights,
 * each problem at its field); for_save: the caller must be the unit's officer.  NULL when
 * the answer (an error) was already given. */
static json_t *form_evaluated(jx_req *r, bool for_save, form_key *key, const char **yaml_out, size_t *len_out) {
  json_t *body = jx_req_json(r);
  if (!body) return NULL;
  jx_dept_list l;
  form_key k;
  json_t *errors = json_array();
  jx_monreport *rep = NULL;
  if (!jx_req_departments(r, &l) || !form_key_of(r, body, &l, for_save, &k) || !form_report(r, body, &k, &rep, errors)) {
    json_decref(body);
    json_decref(errors);
    return NULL;
  }
  json_decref(body);
  size_t len = 0;
  const char *yaml = report_yaml(r, rep, &len);
  jx_monreport_free(rep);
  if (!yaml) {
    json_decref(errors);
    return NULL;
  }
  if (key) *key = k;
  if (yaml_out) *yaml_out = yaml;
  if (len_out) *len_out = len;
  return evaluate(r, "监控表单.yaml", yaml, len, errors); /* takes errors */
}

/* POST /api/monitor/check: the lights of what the form holds, each problem at its field; nothing stored. */
void jx_h_mon_check(jx_req *r) {
  json_t *ev = form_evaluated(r, false, NULL, NULL, NULL);
  if (ev) jx_resp_json(r, 200, ev);
}

/* POST /api/monitor/reports: the officer's report stored (jx_store_monitor_import). */
void jx_h_mon_save(jx_req *r) {
  form_key k;
  const char *yaml = NULL;
  size_t len = 0;
  json_t *ev = form_evaluated(r, true, &k, &yaml, &len);
  if (!ev) return;
  if (json_integer_value(json_object_get(ev, "errors")) > 0) {
    json_t *first = NULL, *f;
    size_t i;
    json_array_foreach(json_object_get(ev, "findings"), i, f) if (!first && !strcmp(json_string_value(json_object_get(f, "severity")), "error")) first = f;
    json_t *j = json_pack("{s:s,s:s,s:O}", "error", "bad_field", "message",
                          jx_arena_printf(r->arena, "未保存：%s", first ? json_string_value(json_object_get(first, "message")) : "报告有错误"),
                          "findings", json_object_get(ev, "findings"));
    json_decref(ev);
    jx_resp_json(r, 400, j);
    return;
  }
  json_decref(ev);
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_mon_store_opts o = {.user = jx_req_who(r), .rules = mon_rules()};
  jx_mon_store_info info;
  memset(&info, 0, sizeof info);
  jx_diags d = {0};
  jx_status st = jx_store_monitor_import(s, jx_arena_printf(r->arena, "%s-%d-%s.monitor.yaml", k.unit, k.year, k.day), yaml, len, &o,
                                         &info, &d);
  jx_diags_free(&d);
  if (st == JX_ERR_IO) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  if (st != JX_OK) { /* the store names the file first ("NAME：…"): the form has none */
    const char *msg = jx_store_errmsg(s), *colon = strstr(msg, "：");
    if (colon && strstr(msg, ".monitor.yaml") && strstr(msg, ".monitor.yaml") < colon) msg = colon + strlen("：");
    jx_resp_error(r, 409, "refused", "未保存：%s", plain(r->arena, msg));
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:s,s:I,s:b,s:s,s:s,s:b,s:b,s:I}", "outcome",
                                 info.outcome == JX_STORED_UNCHANGED ? "unchanged" : info.version > 1 ? "updated" : "new", "version",
                                 (json_int_t)info.version, "unchanged", info.outcome == JX_STORED_UNCHANGED, "light",
                                 light_key(info.light), "light_label", jx_light_name(info.light), "reopen_used", info.reopen_used,
                                 "followup_opened", info.followup_opened, "followups_closed", (json_int_t)info.followups_closed));
}

/* ---- checkpoints ---------------------------------------------------------------------------------- */

/* The year's checkpoints with their state today (the store's query): [{day, deadline, grace_end, state, locked}]. */
static json_t *checkpoints_json(jx_req *r, int year) {
  json_t *arr = json_array();
  struct jx_store *s = jx_req_store(r);
  jx_table *t = NULL;
  jx_mon_query q = {.what = "checkpoints", .year = year};
  if (s && jx_store_monitor_query(s, &q, &t) == JX_OK && t) {
    for (size_t i = 0; i < jx_table_rows(t); i++) {
      const char *c[5];
      for (size_t k = 0; k < 5; k++) c[k] = jx_table_cell(t, i, k) ? jx_table_cell(t, i, k) : "";
      json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:b,s:I}", "day", c[0], "deadline", c[1], "grace_end", c[2], "state",
                                           c[3], "locked", !strcmp(c[3], "已锁定"), "reports", (json_int_t)strtoll(c[4], NULL, 10)));
    }
  }
  jx_table_free(t);
  r->status = r->status == 503 ? r->status : 0;
  return arr;
}

/* ?year= or the latest year with checkpoints (else this year of the reports, else 0). */
static int year_param(jx_req *r) {
  const char *ys = jx_req_query(r, "year");
  if (ys && *ys) return (int)strtol(ys, NULL, 10);
  int64_t y = 0;
  jx_db *db = jx_req_db(r);
  if (db) (void)jx_db_query_int64(db, "SELECT COALESCE(MAX(year), 0) FROM mon_checkpoint", &y);
  return (int)y;
}

/* ---- the form's starting point --------------------------------------------------------------------- */

static json_t *empty_source(const char *name) {
  return json_pack("{s:s,s:s,s:s,s:s,s:s}", "source", name, "budget", "", "executed", "", "forecast", "", "adjustment", "");
}

static json_t *ind_row(const char *l1, const char *l2, const char *name, const char *target) {
  return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "level1", l1 ? l1 : "", "level2", l2 ? l2 : "", "name", name ? name : "",
                   "target", target ? target : "", "actual", "", "forecast", "", "can_complete", "", "cause", "", "fix", "");
}

/* A stored report's fields as the form holds them. */
static json_t *report_fields(jx_req *r, const jx_monreport *rep) {
  json_t *srcs = json_array(), *inds = json_array();
  for (size_t i = 0; i < rep->sources.n; i++) {
    const jx_mon_source *s = &rep->sources.items[i];
    json_array_append_new(srcs, json_pack("{s:s,s:s,s:s,s:s,s:s}", "source", s->source, "budget",
                                          s->budget.set ? wan_text(r->arena, s->budget.fen) : "", "executed",
                                          s->executed.set ? wan_text(r->arena, s->executed.fen) : "", "forecast",
                                          s->forecast.set ? wan_text(r->arena, s->forecast.fen) : "", "adjustment",
                                          s->adjustment ? s->adjustment : ""));
  }
  for (size_t i = 0; i < rep->indicators.n; i++) {
    const jx_mon_indicator *x = &rep->indicators.items[i];
    json_t *o = ind_row(x->level1, x->level2, x->name, x->target);
    json_object_set_new(o, "actual", json_string(x->actual));
    json_object_set_new(o, "forecast", json_string(x->forecast));
    json_object_set_new(o, "can_complete", json_string(x->can_complete == 1 ? "是" : x->can_complete == 0 ? "否" : ""));
    json_object_set_new(o, "cause", json_string(x->cause));
    json_object_set_new(o, "fix", json_string(x->fix));
    json_array_append_new(inds, o);
  }
  return json_pack("{s:o,s:s,s:s,s:o}", "sources", srcs, "cause", rep->cause, "fix", rep->fix, "indicators", inds);
}

/* The unit's report at (year, day) — the exact day, or (before) the latest one before it —
 * as its file's bytes (jx_store_monitor_body), copied into the request's arena. */
static bool stored_report(jx_req *r, const char *unit, int year, const char *day, bool before, const char **data, size_t *len,
                          const char **at) {
  struct jx_store *s = jx_req_store(r);
  char *bytes = NULL, got[8];
  *data = NULL;
  if (!s || jx_store_monitor_body(s, unit, year, day, before, &bytes, len, got) != JX_OK || !bytes) return false;
  char *out = jx_arena_take(r->arena, *len + 1);
  memcpy(out, bytes, *len + 1);
  free(bytes);
  *data = out;
  *at = jx_arena_strdup(r->arena, got);
  return true;
}

static const char *value_text(jx_arena *a, const jx_indicator *x) {
  const jx_value *v = &x->target;
  if (v->written) return v->written;
  if (v->kind == JX_VAL_TEXT && v->text) return v->text;
  if (v->kind != JX_VAL_NUMBER) return "";
  char b[48];
  const char *op = x->nature == JX_NATURE_NONE ? "" : jx_nature_symbol(x->nature);
  return jx_arena_printf(a, "%s%s%s", strcmp(op, "定性") ? op : "", jx_format_num(v->num, b, sizeof b),
                         v->percent ? "%" : x->unit ? x->unit : "");
}

/* The targets to start from: the unit's locked declaration, else its stored year-end file. */
static json_t *target_rows(jx_req *r, const char *unit, int year, const char **from) {
  json_t *inds = json_array();
  struct jx_store *s = jx_req_store(r);
  jx_decl *d = NULL;
  if (s && jx_store_decl_locked(s, JX_DECL_DEPARTMENT, unit, year, &d) == JX_OK && d) {
    for (size_t i = 0; i < d->indicators.n; i++) {
      const jx_decl_indicator *x = &d->indicators.items[i];
      if (!x->not_applicable) json_array_append_new(inds, ind_row(x->level1, x->level2, x->name, x->value));
    }
    *from = "已批复的绩效目标";
    jx_decl_free(d);
    return inds;
  }
  r->status = r->status == 503 ? r->status : 0;
  jx_db *db = jx_req_db(r);
  jx_stmt *st;
  int64_t id = 0, version = 0;
  if (db && jx_db_prepare(db, "SELECT id, version FROM department_year WHERE department = ? AND year = ? ORDER BY id LIMIT 1", &st) == JX_OK) {
    jx_stmt_bind_text(st, 1, unit, -1);
    jx_stmt_bind_int64(st, 2, year);
    if (jx_stmt_step(st) == JX_DB_ROW) {
      id = jx_stmt_int64(st, 0);
      version = jx_stmt_int64(st, 1);
    }
    jx_stmt_finalize(st);
  }
  const char *data = NULL;
  size_t len = 0;
  jx_evaluated e = {0};
  if (id && jx_year_content(r, id, version, &data, &len) &&
      jx_evaluate_bytes(r, jx_arena_printf(r->arena, "%s-%d.yaml", unit, year), data, len, &e) != JX_ERR_IO && e.doc) {
    jx_indicatorlist *l = jx_doc_editable(e.doc);
    for (size_t i = 0; l && i < l->n; i++) {
      const jx_indicator *x = &l->items[i];
      json_array_append_new(inds, ind_row(x->level1, x->level2, x->name, value_text(r->arena, x)));
    }
    *from = "年度自评数据";
  }
  jx_evaluated_free(&e);
  r->status = r->status == 503 ? r->status : 0;
  return inds;
}

/* GET /api/monitor/form?unit=&year=&day=: the form of a unit at a checkpoint — its stored
 * report with its lights, else targets to start from (locked declaration, year-end file,
 * the unit's earlier checkpoint). */
void jx_h_mon_form(jx_req *r) {
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) return;
  const char *unit = jx_req_query(r, "unit");
  if (!unit || !*unit) unit = r->user->department ? r->user->department : "";
  const jx_dept *u = jx_dept_find(&l, unit);
  if (!*unit || !u || !can_see(r, &l, unit)) {
    jx_resp_error(r, *unit && u ? 403 : 404, *unit && u ? "forbidden" : "not_found", *unit ? "没有可查看的单位 %s" : "请选择单位",
                  unit);
    return;
  }
  int year = year_param(r);
  if (!year) year = 2000;
  if (!year_ok(year)) {
    jx_resp_error(r, 400, "bad_year", "年度应在 2000 到 2100 之间");
    return;
  }
  json_t *cps = checkpoints_json(r, year);
  if (r->status) {
    json_decref(cps);
    return;
  }
  const char *day = jx_req_query(r, "day");
  int m, dd;
  if (day && *day && !day_ok(year, day, &m, &dd)) {
    json_decref(cps);
    jx_resp_error(r, 400, "bad_day", "监控时点应写作 月-日，例如 06-30");
    return;
  }
  if (!day || !*day) { /* the first checkpoint still open, else the last */
    size_t i;
    json_t *c;
    day = NULL;
    json_array_foreach(cps, i, c) if (!day && !json_is_true(json_object_get(c, "locked"))) day = json_string_value(json_object_get(c, "day"));
    if (!day && json_array_size(cps)) day = json_string_value(json_object_get(json_array_get(cps, json_array_size(cps) - 1), "day"));
    day = day ? jx_arena_strdup(r->arena, day) : "";
  }
  json_t *j = json_pack("{s:s,s:s,s:i,s:s,s:o,s:b}", "unit", u->code, "unit_name", u->name, "year", year, "day", day, "checkpoints",
                        cps, "can_save", r->user->role == JX_ROLE_OFFICER && r->user->department && !strcmp(r->user->department, u->code));
  const char *data, *at;
  size_t len;
  if (*day && stored_report(r, u->code, year, day, false, &data, &len, &at)) {
    jx_monreport *rep = NULL;
    jx_diags d = {0};
    jx_monreport_parse("stored.yaml", data, len, &rep, &d);
    jx_diags_free(&d);
    if (rep) {
      json_object_set_new(j, "fields", report_fields(r, rep));
      json_object_set_new(j, "from", json_string("已报送的本时点报告"));
      json_object_set_new(j, "stored", json_true());
      json_object_set_new(j, "check", evaluate(r, "stored.yaml", data, len, NULL));
    }
    jx_monreport_free(rep);
  }
  if (!json_object_get(j, "fields")) {
    json_object_set_new(j, "stored", json_false());
    const char *from = NULL;
    json_t *inds = target_rows(r, u->code, year, &from);
    json_t *srcs = json_array();
    if (*day && stored_report(r, u->code, year, day, true, &data, &len, &at)) { /* budgets from the earlier checkpoint */
      jx_monreport *rep = NULL;
      jx_diags d = {0};
      jx_monreport_parse("earlier.yaml", data, len, &rep, &d);
      jx_diags_free(&d);
      if (rep) {
        json_t *f = report_fields(r, rep);
        json_array_extend(srcs, json_object_get(f, "sources"));
        if (!json_array_size(inds)) {
          const json_t *earlier = json_object_get(f, "indicators");
          for (size_t i = 0; i < json_array_size(earlier); i++) {
            const json_t *x = json_array_get(earlier, i);
            json_array_append_new(inds, ind_row(json_string_value(json_object_get(x, "level1")), json_string_value(json_object_get(x, "level2")),
                                                json_string_value(json_object_get(x, "name")), json_string_value(json_object_get(x, "target"))));
          }
          if (json_array_size(inds)) from = jx_arena_printf(r->arena, "%s 监控点的报告", at);
        }
        json_decref(f);
      }
      jx_monreport_free(rep);
    }
    if (!json_array_size(srcs)) json_array_append_new(srcs, empty_source("财政拨款"));
    json_object_set_new(j, "fields", json_pack("{s:o,s:s,s:s,s:o}", "sources", srcs, "cause", "", "fix", "", "indicators", inds));
    json_object_set_new(j, "from", from ? json_string(from) : json_null());
  }
  if (r->status) {
    json_decref(j);
    return;
  }
  jx_resp_json(r, 200, j);
}

/* ---- the bureau's desk ------------------------------------------------------------------------------ */

typedef struct {
  const char *unit, *day;
  int64_t budget, executed, rate, schedule, behind;
  bool has_rate;
  int light, exec_light, ind_red;
} mrow;

static const char *LIGHT_FILTER[] = {"", "green", "yellow", "red"};

/* GET /api/monitor/desk?year=&day=&under=&light=: the units' own reports at a checkpoint by
 * light with their figures, the children of `under` (drill-down), counts, open follow-ups. */
/* One unit's row of the desk, as read; sorted and cut to a page here. */
typedef struct {
  const char *code, *name, *parent;
  int light, exec_light;
  int64_t budget, executed, rate, schedule, behind, ind_red, followup;
  bool has_rate, has_behind, has_followup;
} desk_row;

static const char *const DESK_SORTS[] = {"light", "name", "budget", "executed", "rate", "schedule", "behind", "ind_red", "followup", NULL};
/* qsort has no context argument: the order of the request being sorted, per thread */
static _Thread_local int desk_key; /* index into DESK_SORTS */
static _Thread_local int desk_dir; /* 1 ascending, -1 descending */

static int cmp_i64(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

/* The desk's order: the key (a missing figure last, either way), then the code. */
static int desk_cmp(const void *x, const void *y) {
  const desk_row *a = x, *b = y;
  int c = 0;
  bool ma = false, mb = false; /* no figure */
  switch (desk_key) {
  case 0: c = -cmp_i64(a->light, b->light); break; /* red first ascending */
  case 1: c = strcmp(a->name, b->name); break;
  case 2: c = cmp_i64(a->budget, b->budget); break;
  case 3: c = cmp_i64(a->executed, b->executed); break;
  case 4: ma = !a->has_rate, mb = !b->has_rate, c = cmp_i64(a->rate, b->rate); break;
  case 5: c = cmp_i64(a->schedule, b->schedule); break;
  case 6: ma = !a->has_behind, mb = !b->has_behind, c = cmp_i64(a->behind, b->behind); break;
  case 7: c = cmp_i64(a->ind_red, b->ind_red); break;
  default: ma = !a->has_followup, mb = !b->has_followup, c = cmp_i64(a->followup, b->followup); break;
  }
  if (ma != mb) return ma ? 1 : -1;
  if (ma || !c) return strcmp(a->code, b->code);
  return desk_dir * c;
}

/* At most this many of the units that have not reported are listed (missing_total counts all). */
enum { DESK_MISSING_MAX = 200 };

void jx_h_mon_desk(jx_req *r) {
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) return;
  int year = year_param(r);
  if (!year_ok(year)) year = 2000;
  const char *under = jx_req_query(r, "under"), *lf = jx_req_query(r, "light"), *day = jx_req_query(r, "day");
  if (under && *under && !jx_dept_find(&l, under)) {
    jx_resp_error(r, 404, "not_found", "单位表中没有 %s", under);
    return;
  }
  int want = 0;
  for (int i = 1; lf && *lf && i < 4; i++)
    if (!strcmp(lf, LIGHT_FILTER[i])) want = i;
  if (lf && *lf && !want) {
    jx_resp_error(r, 400, "bad_light", "灯应为 red、yellow 或 green");
    return;
  }
  jx_list_page pg;
  if (!jx_req_list_page(r, 50, &pg)) return;
  int key = 0;
  for (int i = 0; pg.sort && *pg.sort && DESK_SORTS[i]; i++)
    if (!strcmp(pg.sort, DESK_SORTS[i])) key = i + 1;
  if (pg.sort && *pg.sort && !key) {
    jx_resp_error(r, 400, "bad_sort", "不能按“%s”排序", jx_text_visible(r->arena, pg.sort));
    return;
  }
  int m, dd;
  if (day && *day && !day_ok(year, day, &m, &dd)) {
    jx_resp_error(r, 400, "bad_day", "监控时点应写作 月-日，例如 06-30");
    return;
  }
  json_t *cps = checkpoints_json(r, year);
  if (r->status) {
    json_decref(cps);
    return;
  }
  jx_db *db = jx_req_db(r);
  jx_stmt *st;
  if (!day || !*day) {
    day = "";
    if (jx_db_prepare(db, "SELECT MAX(day) FROM mon_report WHERE year = ? AND project = ''", &st) == JX_OK) {
      jx_stmt_bind_int64(st, 1, year);
      if (jx_stmt_step(st) == JX_DB_ROW && !jx_stmt_is_null(st, 0)) day = jx_arena_strdup(r->arena, jx_stmt_text(st, 0));
      jx_stmt_finalize(st);
    }
  }
  if (jx_db_prepare(db,
                    "SELECT r.unit, r.budget, r.executed, r.rate, r.schedule, r.behind, r.light, r.exec_light, r.ind_red,"
                    " (SELECT MIN(f.id) FROM mon_followup f WHERE f.year = r.year AND f.unit = r.unit AND f.project = '' AND"
                    " f.closed_at IS NULL) FROM mon_report r WHERE r.year = ? AND r.day = ? AND r.project = ''",
                    &st) != JX_OK) {
    json_decref(cps);
    jx_db_fail(r, db);
    return;
  }
  jx_stmt_bind_int64(st, 1, year);
  jx_stmt_bind_text(st, 2, day, -1);
  desk_row *rows = NULL;
  size_t n = 0, cap = 0, counts[4] = {0}, reported = 0;
  char *seen = jx_arena_alloc(r->arena, l.n + 1);
  memset(seen, 0, l.n + 1);
  jx_status s;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *unit = jx_stmt_text(st, 0);
    const jx_dept *d = jx_dept_find(&l, unit);
    if (under && *under && !jx_dept_under(&l, unit, under)) continue;
    if (d) seen[d - l.items] = 1;
    reported++;
    int light = (int)jx_stmt_int64(st, 6);
    if (light < 0 || light > 3) light = 0;
    counts[light]++;
    if (want && light != want) continue;
    if (n == cap) rows = jx_arena_grow(r->arena, rows, n, cap = cap ? cap * 2 : 256, sizeof *rows);
    desk_row *w = &rows[n++];
    *w = (desk_row){.code = d ? d->code : jx_arena_strdup(r->arena, unit), .name = d ? d->name : NULL,
                    .parent = d && d->parent ? d->parent : "", .light = light, .exec_light = (int)jx_stmt_int64(st, 7),
                    .budget = jx_stmt_int64(st, 1), .executed = jx_stmt_int64(st, 2), .rate = jx_stmt_int64(st, 3),
                    .schedule = jx_stmt_int64(st, 4), .behind = jx_stmt_int64(st, 5), .ind_red = jx_stmt_int64(st, 8),
                    .followup = jx_stmt_int64(st, 9), .has_rate = !jx_stmt_is_null(st, 3), .has_behind = !jx_stmt_is_null(st, 5),
                    .has_followup = !jx_stmt_is_null(st, 9)};
    if (!w->name) w->name = w->code;
  }
  jx_stmt_finalize(st);
  if (s != JX_DB_DONE) {
    json_decref(cps);
    jx_db_fail(r, db);
    return;
  }
  /* sorted here (the order of the page), then the page cut */
  desk_key = key ? key - 1 : 0;
  desk_dir = pg.desc ? -1 : 1;
  if (n > 1) qsort(rows, n, sizeof *rows, desk_cmp);
  json_t *units = json_array();
  for (size_t i = pg.offset; i < n && i < pg.offset + pg.per; i++) {
    const desk_row *u = &rows[i];
    json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:s}", "code", u->code, "name", u->name, "parent", u->parent,
                          "light", light_key((jx_light)u->light), "light_label", jx_light_name((jx_light)u->light), "budget",
                          wan_text(r->arena, u->budget), "executed", wan_text(r->arena, u->executed), "rate",
                          u->has_rate ? pct_text(r->arena, u->rate) : "", "schedule", pct_text(r->arena, u->schedule), "behind",
                          u->has_behind ? pct_text(r->arena, u->behind) : "", "ind_red", (json_int_t)u->ind_red, "exec_light",
                          light_key((jx_light)u->exec_light));
    json_object_set_new(o, "followup", u->has_followup ? json_integer(u->followup) : json_null());
    json_array_append_new(units, o);
  }
  json_t *missing = json_array(), *children = json_array(), *path = json_array();
  size_t missing_total = 0;
  for (size_t i = 0; i < l.n; i++) {
    const jx_dept *d = &l.items[i];
    bool in = !under || !*under || jx_dept_under(&l, d->code, under);
    if (in && !strcmp(d->level, "unit") && !seen[i] && missing_total++ < DESK_MISSING_MAX)
      json_array_append_new(missing, json_pack("{s:s,s:s}", "code", d->code, "name", d->name));
    if (strcmp(d->level, "unit") != 0 && ((under && *under) ? d->parent && !strcmp(d->parent, under) : !d->parent))
      json_array_append_new(children, json_pack("{s:s,s:s,s:s}", "code", d->code, "name", d->name, "level", d->level));
  }
  for (const jx_dept *d = under && *under ? jx_dept_find(&l, under) : NULL; d; d = jx_dept_find(&l, d->parent)) {
    json_array_insert_new(path, 0, json_pack("{s:s,s:s,s:s}", "code", d->code, "name", d->name, "level", d->level));
    if (json_array_size(path) > 32) break;
  }
  json_t *j = json_pack("{s:i,s:s,s:s,s:o,s:o,s:{s:I,s:I,s:I,s:I},s:o,s:o,s:o}", "year", year, "day", day, "under",
                        under ? under : "", "checkpoints", cps, "units", units, "counts", "reported", (json_int_t)reported, "red",
                        (json_int_t)counts[JX_LIGHT_RED], "yellow", (json_int_t)counts[JX_LIGHT_YELLOW], "green",
                        (json_int_t)counts[JX_LIGHT_GREEN], "missing", missing, "children", children, "path", path);
  json_object_set_new(j, "missing_total", json_integer((json_int_t)missing_total));
  json_object_set_new(j, "total", json_integer((json_int_t)n));
  json_object_set_new(j, "page", json_integer(pg.per ? (json_int_t)(pg.offset / pg.per) + 1 : 1));
  json_object_set_new(j, "per", json_integer((json_int_t)pg.per));
  jx_resp_json(r, 200, j);
}

/* The follow-ups of a unit in year (open first), as JSON. */
static json_t *followups_json(jx_req *r, const char *unit, int year) {
  json_t *arr = json_array();
  jx_db *db = jx_req_db(r);
  jx_stmt *st;
  if (!db || jx_db_prepare(db,
                           "SELECT id, project, day, light, derivation, opened_at, closed_at, closed_by, close_reason FROM mon_followup"
                           " WHERE unit = ? AND year = ? ORDER BY (closed_at IS NULL) DESC, id",
                           &st) != JX_OK)
    return arr;
  jx_stmt_bind_text(st, 1, unit, -1);
  jx_stmt_bind_int64(st, 2, year);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    const char *t[8];
    for (int c = 1; c <= 8; c++) t[c - 1] = jx_stmt_text(st, c) ? jx_stmt_text(st, c) : "";
    json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:s}", "id", (json_int_t)jx_stmt_int64(st, 0), "project",
                                         t[0], "day", t[1], "light", jx_light_name((jx_light)jx_stmt_int64(st, 3)), "derivation",
                                         plain(r->arena, t[3]), "opened_at", t[4], "open", jx_stmt_is_null(st, 6), "closed_at", t[5],
                                         "closed_by", t[6], "reason", t[7]));
  }
  jx_stmt_finalize(st);
  return arr;
}

/* GET /api/monitor/units/{code}?year=: one unit over the year's checkpoints (the chart),
 * its follow-ups and its history. */
void jx_h_mon_unit(jx_req *r) {
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) return;
  const char *unit = r->params[0];
  const jx_dept *u = jx_dept_find(&l, unit);
  if (!u || !can_see(r, &l, unit)) {
    jx_resp_error(r, 404, "not_found", "没有可查看的单位 %s", unit);
    return;
  }
  int year = year_param(r);
  if (!year_ok(year)) year = 2000;
  json_t *cps = checkpoints_json(r, year);
  if (r->status) {
    json_decref(cps);
    return;
  }
  jx_db *db = jx_req_db(r);
  jx_stmt *st;
  if (jx_db_prepare(db,
                    "SELECT day, budget, executed, rate, schedule, behind, light, exec_light, ind_red, ind_yellow, ind_green, version,"
                    " submitted_at, submitted_by, cause, fix FROM mon_report WHERE unit = ? AND year = ? AND project = '' ORDER BY day",
                    &st) != JX_OK) {
    json_decref(cps);
    jx_db_fail(r, db);
    return;
  }
  jx_stmt_bind_text(st, 1, unit, -1);
  jx_stmt_bind_int64(st, 2, year);
  json_t *points = json_array();
  while (jx_stmt_step(st) == JX_DB_ROW) {
    bool has_rate = !jx_stmt_is_null(st, 3);
    json_array_append_new(
        points, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:s,s:s,s:s,s:s}", "day", jx_stmt_text(st, 0), "budget",
                          wan_text(r->arena, jx_stmt_int64(st, 1)), "executed", wan_text(r->arena, jx_stmt_int64(st, 2)), "rate",
                          has_rate ? pct_text(r->arena, jx_stmt_int64(st, 3)) : "", "schedule", pct_text(r->arena, jx_stmt_int64(st, 4)),
                          "behind", jx_stmt_is_null(st, 5) ? "" : pct_text(r->arena, jx_stmt_int64(st, 5)), "light",
                          light_key((jx_light)jx_stmt_int64(st, 6)), "light_label", jx_light_name((jx_light)jx_stmt_int64(st, 6)),
                          "ind_red", (json_int_t)jx_stmt_int64(st, 8), "ind_yellow", (json_int_t)jx_stmt_int64(st, 9), "ind_green",
                          (json_int_t)jx_stmt_int64(st, 10), "version", (json_int_t)jx_stmt_int64(st, 11), "submitted_at",
                          jx_stmt_text(st, 12), "submitted_by", jx_stmt_text(st, 13), "cause", jx_stmt_text(st, 14), "fix",
                          jx_stmt_text(st, 15)));
  }
  jx_stmt_finalize(st);
  /* the history as the store tells it (a bulk sheet's submissions included), newest first */
  json_t *history = json_array();
  jx_mon_query hq = {.what = "history", .year = year, .unit = unit};
  jx_table *ht = NULL;
  if (jx_store_monitor_query(jx_req_store(r), &hq, &ht) == JX_OK && ht) {
    for (size_t i = jx_table_rows(ht), k = 0; i > 0 && k < 200; i--, k++) {
      const char *c[7];
      for (size_t j = 0; j < 7; j++) c[j] = jx_table_cell(ht, i - 1, j) ? jx_table_cell(ht, i - 1, j) : "";
      json_array_append_new(history, json_pack("{s:s,s:s,s:s,s:s,s:s}", "at", c[0], "who", c[1], "day", c[2], "action", c[5],
                                               "detail", plain(r->arena, c[6])));
    }
  }
  jx_table_free(ht);
  const jx_dept *p = jx_dept_find(&l, u->parent);
  jx_resp_json(r, 200, json_pack("{s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:o,s:o}", "unit", u->code, "name", u->name, "parent", p ? p->code : "",
                                 "parent_name", p ? p->name : "", "year", year, "checkpoints", cps, "points", points, "followups",
                                 followups_json(r, unit, year), "history", history));
}

/* A required reason from the body ("reason"); NULL when answered. */
static const char *reason_of(jx_req *r, json_t *body) {
  const char *why = jx_json_str(r, body, "reason", MAX_REASON, false);
  if (r->status) return NULL;
  if (!why || !*why) {
    jx_resp_error(r, 400, "reason_required", "请写明原因");
    return NULL;
  }
  return why;
}

/* POST /api/monitor/followups/{id}/close {reason}. */
void jx_h_mon_followup_close(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  if (!id) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *why = reason_of(r, body);
  json_decref(body);
  if (!why) return;
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_status st = jx_store_followup_close(s, id, why, jx_req_who(r));
  if (st == JX_ERR_IO) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  if (st != JX_OK) {
    jx_resp_error(r, 409, "refused", "未关闭：%s", plain(r->arena, jx_store_errmsg(s)));
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "closed", 1));
}

/* POST /api/monitor/units/{code}/reopen {year, day, reason}. */
void jx_h_mon_reopen(jx_req *r) {
  const char *unit = r->params[0];
  json_t *body = jx_req_json(r);
  if (!body) return;
  json_t *yv = json_object_get(body, "year");
  int year = json_is_integer(yv) ? (int)json_integer_value(yv) : 0;
  const char *day = jx_json_str(r, body, "day", 16, false);
  const char *why = r->status ? NULL : reason_of(r, body);
  json_decref(body);
  if (!why) return;
  int m, dd;
  if (!year_ok(year) || !day_ok(year, day, &m, &dd)) {
    jx_resp_error(r, 400, "bad_day", "请给出年度和监控时点（月-日，例如 06-30）");
    return;
  }
  struct jx_store *s = jx_req_store(r);
  if (!s) return;
  jx_status st = jx_store_monitor_reopen(s, unit, year, day, why, jx_req_who(r));
  if (st == JX_ERR_IO) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  if (st != JX_OK) {
    jx_resp_error(r, 409, "refused", "未重新开放：%s", plain(r->arena, jx_store_errmsg(s)));
    return;
  }
  jx_resp_json(r, 200, json_pack("{s:s,s:i,s:s,s:b}", "unit", unit, "year", year, "day", day, "reopened", 1));
}
