/* monitor.c — `jixiao check` / `jixiao score` of a checkpoint report: load it, compute its lights. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jixiao.h"
#include "util/arena.h"
#include "util/diag.h"
#include "parse/yaml_tree.h"

bool jx_monitor_check_file(const char *path, const jx_monrules *rules, const jx_decl *locked, jx_status *st, jx_diags *diags,
                           jx_monreport **rep, jx_monresult **res) {
  if (rep) *rep = NULL;
  if (res) *res = NULL;
  jx_diags scratch = {0}; /* a file that cannot be read is reported by the year-end path */
  char *data = NULL;
  size_t len = 0;
  jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, &scratch);
  jx_diags_free(&scratch);
  if (rst != JX_OK) return false;
  bool is_mon = jx_monreport_sniff(data, len);
  if (is_mon) {
    jx_monreport *r = NULL;
    *st = jx_monreport_parse(path, data, len, &r, diags);
    jx_monrules *own = NULL;
    if (!rules && jx_monrules_default(&own, diags) != JX_OK) *st = JX_ERR_DATA;
    const jx_monrules *use = rules ? rules : own;
    jx_monresult *result = NULL;
    if (r && locked) jx_monitor_apply_decl(r, locked, diags);
    if (r && use && r->month) {
      jx_status est = jx_monitor_evaluate(r, use, &result, diags);
      if (*st == JX_OK) *st = est;
    }
    jx_monrules_free(own);
    if (res) *res = result;
    else jx_monresult_free(result);
    if (rep) *rep = r;
    else jx_monreport_free(r);
  }
  free(data);
  return is_mon;
}

/* ---- the year end reads the checkpoints ------------------------------------------------- */

static char *dup_or_null(const char *s) {
  if (!s || !*s) return NULL;
  size_t n = strlen(s) + 1;
  char *c = jx_xmalloc(n);
  memcpy(c, s, n);
  return c;
}

void jx_mon_point_of(const jx_monreport *r, const jx_monresult *res, jx_mon_point *out) {
  memset(out, 0, sizeof *out);
  out->month = r->month;
  out->day = r->day;
  out->budget = r->budget.set ? r->budget.fen : 0;
  out->executed = r->executed.set ? r->executed.fen : 0;
  out->forecast = r->forecast.set ? r->forecast.fen : 0;
  out->light = res ? res->light : JX_LIGHT_NONE;
  out->exec_light = res ? res->exec.light : JX_LIGHT_NONE;
  out->schedule = res ? res->exec.schedule : jx_schedule_progress(r->year, r->month, r->day, NULL, NULL);
  out->rate = res && res->exec.has_rate ? res->exec.rate : 0;
  out->cause = dup_or_null(r->cause);
  out->fix = dup_or_null(r->fix);
}

size_t jx_doc_attach_monitoring(jx_doc *doc, const jx_mon_point *p, size_t n, jx_diags *diags) {
  if (!n) return 0;
  jx_checkpoint *list = jx_arena_alloc(doc->arena, n * sizeof *list);
  jx_pos at = {jx_arena_strdup(doc->arena, "监控记录"), 0, 0};
  for (size_t i = 0; i < n; i++) {
    jx_checkpoint *cp = &list[i];
    memset(cp, 0, sizeof *cp);
    cp->pos = at;
    cp->month = p[i].month;
    cp->day = p[i].day;
    cp->budget = (jx_money){.fen = p[i].budget, .set = p[i].budget > 0, .pos = at};
    cp->executed = (jx_money){.fen = p[i].executed, .set = true, .pos = at};
    cp->forecast = (jx_money){.fen = p[i].forecast, .set = p[i].forecast > 0, .pos = at};
    cp->cause = p[i].cause ? jx_arena_strdup(doc->arena, p[i].cause) : NULL;
    cp->fix = p[i].fix ? jx_arena_strdup(doc->arena, p[i].fix) : NULL;
    cp->light = p[i].light;
    cp->from_records = true;
    for (size_t k = 0; k < doc->monitoring.n; k++) { /* the file's own figure for that month */
      const jx_checkpoint *own = &doc->monitoring.items[k];
      char a[32], b[32];
      if (own->month == cp->month && own->executed.set && own->executed.fen != cp->executed.fen)
        jx_diag_add(diags, "JX411", JX_NOTE, own->executed.pos, "文件写 %d 月累计执行数 %s 万元，监控记录为 %s 万元：按监控记录核对", cp->month,
                    jx_format_money_wan(own->executed.fen, a, sizeof a), jx_format_money_wan(cp->executed.fen, b, sizeof b));
    }
  }
  doc->monitoring.items = list;
  doc->monitoring.n = n;
  return n;
}

static int point_order(const void *a, const void *b) {
  const jx_mon_point *x = a, *y = b;
  return (x->month * 32 + x->day) - (y->month * 32 + y->day);
}

/* One file: a report of the unit for year, added to the points when it is one. */
static void load_one(const char *path, const char *unit, int year, const jx_monrules *rules, jx_mon_point **pts, size_t *n,
                     size_t *cap, jx_diags *diags) {
  jx_status st = JX_OK;
  jx_monreport *r = NULL;
  jx_monresult *res = NULL;
  jx_diags own = {0};
  if (!jx_monitor_check_file(path, rules, NULL, &st, &own, &r, &res)) {
    jx_diags_free(&own);
    return;
  }
  bool mine = r && r->year == year && r->month && !r->project_code && !r->project_name && unit && !strcmp(r->unit_code, unit);
  if (mine && own.n_error) {
    jx_diag_add(diags, "JX411", JX_WARNING, (jx_pos){r->path, 1, 1}, "监控报告有 %zu 个错误（jixiao check 列出），未用于核对", own.n_error);
  } else if (mine) {
    if (*n == *cap) *pts = jx_xrealloc(*pts, (*cap = *cap ? *cap * 2 : 8) * sizeof **pts);
    jx_mon_point_of(r, res, &(*pts)[(*n)++]);
  }
  jx_diags_free(&own);
  jx_monresult_free(res);
  jx_monreport_free(r);
}

jx_status jx_mon_points_load(const char *path, const char *unit, int year, const jx_monrules *rules, jx_mon_point **out,
                             size_t *n, jx_diags *diags) {
  *out = NULL;
  *n = 0;
  size_t cap = 0;
  struct stat sb;
  if (stat(path, &sb) != 0) {
    jx_diag_add(diags, "JX100", JX_ERROR, (jx_pos){path, 0, 0}, "无法读取监控报告：%s", strerror(errno));
    return JX_ERR_IO;
  }
  if (!S_ISDIR(sb.st_mode)) {
    load_one(path, unit, year, rules, out, n, &cap, diags);
  } else {
    struct dirent **names = NULL;
    int k = scandir(path, &names, NULL, alphasort);
    if (k < 0) {
      jx_diag_add(diags, "JX100", JX_ERROR, (jx_pos){path, 0, 0}, "无法读取目录：%s", strerror(errno));
      return JX_ERR_IO;
    }
    for (int i = 0; i < k; i++) {
      size_t len = strlen(names[i]->d_name);
      if (len > 5 && (!strcmp(names[i]->d_name + len - 5, ".yaml") || !strcmp(names[i]->d_name + len - 4, ".yml"))) {
        char *full = jx_xmalloc(strlen(path) + len + 2);
        sprintf(full, "%s/%s", path, names[i]->d_name);
        load_one(full, unit, year, rules, out, n, &cap, diags);
        free(full);
      }
      free(names[i]);
    }
    free(names);
  }
  if (*n) qsort(*out, *n, sizeof **out, point_order);
  return JX_OK;
}
