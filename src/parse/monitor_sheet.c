/* monitor_sheet.c — the bulk sheet of one checkpoint (CSV or XLSX, a row per unit and funding source) read into checkpoint reports; diagnostics JX866–JX872 at their cells.
 *
 * Headers are found by name (the table `columns`, synonyms allowed) in the first rows;
 * amounts are in 万元 unless the header says （元）.  Rows with the same 单位编码 and 项目编码
 * are the sources of one report.  The amounts get the checks of the YAML loader
 * (jx_monreport_check_source).  Nothing is half-read: with any error no report is
 * returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/monitor.h"
#include "parse/monitor.h"
#include "parse/sheet.h"
#include "parse/xlsx.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/text.h"

typedef enum { M_UNIT, M_UNIT_NAME, M_PROJECT, M_PROJECT_NAME, M_SOURCE, M_BUDGET, M_EXECUTED, M_FORECAST, M_CAUSE, M_FIX,
               M_ADJUST, M_COUNT } mcol;

#define SYN 6
static const struct {
  const char *names[SYN]; /* names[0] is the one messages use */
  bool required;
} columns[M_COUNT] = {
    [M_UNIT] = {{"单位编码", "单位代码", "预算单位编码", "单位编号"}, true},
    [M_UNIT_NAME] = {{"单位名称", "预算单位", "单位", "预算单位名称"}, false},
    [M_PROJECT] = {{"项目编码", "项目代码", "项目编号"}, false},
    [M_PROJECT_NAME] = {{"项目名称"}, false},
    [M_SOURCE] = {{"资金来源", "资金性质", "来源"}, false},
    [M_BUDGET] = {{"全年预算数", "全年预算", "年度预算数", "预算数", "调整后预算数"}, true},
    [M_EXECUTED] = {{"累计执行数", "累计执行", "执行数", "累计支出", "已执行数"}, true},
    [M_FORECAST] = {{"全年预计执行数", "全年预计执行", "预计执行数", "预计全年执行数"}, true},
    [M_CAUSE] = {{"偏差原因", "原因分析", "偏差原因分析"}, false},
    [M_FIX] = {{"纠偏措施", "改进措施", "整改措施"}, false},
    [M_ADJUST] = {{"预算调整", "调整批复", "预算调整批复"}, false},
};
enum { HEAD_ROWS = 10 };

/* One group (a report to be): its rows' sources are items[first .. first + n). */
typedef struct {
  const char *unit, *unit_name, *project, *project_name, *cause, *fix;
  size_t first, n;
  jx_pos pos; /* the 单位编码 cell of its first row */
} group;

typedef struct {
  const char *name, *adjustment;
  jx_money budget, executed, forecast;
} row_source;

typedef struct {
  jx_arena *a;
  jx_diags *d;
  const char *file;
  const jx_xsheet *s;
  bool csv;
  int col[M_COUNT];
  int64_t unit[M_COUNT];
  uint32_t head;
  group *groups;
  size_t n_groups, cap_groups;
  row_source *src;
  size_t n_src, cap_src;
  size_t *slots, n_slots; /* open addressing: group index + 1 */
} rd;

static jx_pos at(rd *m, uint32_t r, uint32_t c) {
  if (m->csv) return (jx_pos){m->file, r + 1, c + 1};
  char ref[16];
  return (jx_pos){jx_arena_printf(m->a, "%s:%s!%s", m->file, m->s->name, jx_cell_ref(r, c, ref, sizeof ref)), 0, 0};
}

static bool blank(const char *s) {
  for (; s && *s; s++)
    if (!strchr(" \t\r\n", *s)) return false;
  return true;
}

static bool find_header(rd *m) {
  char norm[192];
  for (uint32_t r = 0; r < m->s->n_rows && r < HEAD_ROWS; r++) {
    for (int k = 0; k < M_COUNT; k++) m->col[k] = -1, m->unit[k] = 0;
    int found = 0;
    for (size_t i = m->s->row_start[r]; i < m->s->row_start[r + 1]; i++) {
      const jx_xcell *c = &m->s->cells[i];
      const char *unit = NULL;
      if (blank(c->text) || strlen(c->text) >= sizeof norm || !jx_label_norm(c->text, norm, sizeof norm, &unit)) continue;
      for (int k = 0; k < M_COUNT; k++)
        for (int j = 0; j < SYN && columns[k].names[j]; j++)
          if (m->col[k] < 0 && !strcmp(norm, columns[k].names[j])) {
            m->col[k] = (int)c->col;
            m->unit[k] = unit && !strcmp(unit, "元") ? JX_FEN_PER_YUAN : JX_FEN_PER_WAN;
            found++;
            k = M_COUNT;
            break;
          }
    }
    if (m->col[M_UNIT] >= 0 && found >= 3) {
      m->head = r;
      return true;
    }
  }
  return false;
}

/* The trimmed text of a data cell, or "" when blank; NULL (with a JX867 error) when it is
 * too long or an error value. */
static const char *cell(rd *m, uint32_t r, mcol k) {
  if (m->col[k] < 0) return "";
  const jx_xcell *c = jx_xsheet_cell(m->s, r, (uint32_t)m->col[k]);
  if (!c || blank(c->text)) return "";
  size_t len = strlen(c->text);
  if (len > JX_MONSHEET_MAX_CELL) {
    jx_diag_add(m->d, "JX867", JX_ERROR, at(m, r, c->col), "%s有 %zu 字节，超过一格 %d 字节的上限", columns[k].names[0], len,
                JX_MONSHEET_MAX_CELL);
    return NULL;
  }
  if (c->type == JX_XC_ERROR) {
    jx_diag_add(m->d, "JX867", JX_ERROR, at(m, r, c->col), "%s是错误值“%s”：请改为文字或数值", columns[k].names[0], c->text);
    return NULL;
  }
  const char *t = c->text;
  t += strspn(t, " \t\r\n");
  size_t n = strlen(t);
  while (n && strchr(" \t\r\n", t[n - 1])) n--;
  return jx_arena_strndup(m->a, t, n);
}

static void money(rd *m, uint32_t r, mcol k, jx_money *out) {
  const char *t = cell(m, r, k);
  if (!t) return;
  if (!*t) {
    jx_diag_add(m->d, "JX868", JX_ERROR, at(m, r, (uint32_t)m->col[k]), "第 %u 行缺少%s", (unsigned)(r + 1), columns[k].names[0]);
    return;
  }
  const char *why = NULL;
  int64_t fen;
  if (!jx_parse_money(t, m->unit[k], &fen, &why)) {
    jx_diag_add(m->d, "JX868", JX_ERROR, at(m, r, (uint32_t)m->col[k]), "%s“%s”不是有效的金额：%s", columns[k].names[0],
                jx_text_visible(m->a, t), why ? why : "");
    return;
  }
  *out = (jx_money){.fen = fen, .set = true, .pos = at(m, r, (uint32_t)m->col[k])};
}

static uint64_t hash2(const char *a, const char *b) {
  uint64_t h = 1469598103934665603ULL;
  for (; *a; a++) h = (h ^ (unsigned char)*a) * 1099511628211ULL;
  h = (h ^ 0x1f) * 1099511628211ULL;
  for (; *b; b++) h = (h ^ (unsigned char)*b) * 1099511628211ULL;
  return h;
}

/* The group of unit+project, made when new. */
static group *group_of(rd *m, const char *unit, const char *project, bool *fresh) {
  size_t i = (size_t)(hash2(unit, project) & (m->n_slots - 1));
  for (; m->slots[i]; i = (i + 1) & (m->n_slots - 1)) {
    group *g = &m->groups[m->slots[i] - 1];
    if (!strcmp(g->unit, unit) && !strcmp(g->project, project)) {
      *fresh = false;
      return g;
    }
  }
  if (m->n_groups == m->cap_groups) m->groups = jx_xrealloc(m->groups, (m->cap_groups = m->cap_groups * 2 + 64) * sizeof *m->groups);
  group *g = &m->groups[m->n_groups++];
  memset(g, 0, sizeof *g);
  g->unit = unit;
  g->project = project;
  m->slots[i] = m->n_groups;
  *fresh = true;
  return g;
}

static void read_rows(rd *m) {
  size_t data_rows = m->s->n_rows > m->head + 1 ? m->s->n_rows - m->head - 1 : 0;
  m->n_slots = 64;
  while (m->n_slots < data_rows * 2 + 2) m->n_slots *= 2;
  m->slots = jx_xcalloc(m->n_slots, sizeof *m->slots);
  m->src = jx_xmalloc((data_rows ? data_rows : 1) * sizeof *m->src);
  /* at most a group a row: reserved at once, not doubled (each copy touches new pages) */
  m->groups = jx_xrealloc(m->groups, (m->cap_groups = data_rows ? data_rows : 1) * sizeof *m->groups);
  int64_t report_unit = m->unit[M_BUDGET];
  for (uint32_t r = m->head + 1; r < m->s->n_rows; r++) {
    if (m->s->row_start[r] == m->s->row_start[r + 1]) continue; /* a blank row */
    bool any = false;
    for (size_t i = m->s->row_start[r]; i < m->s->row_start[r + 1] && !any; i++) any = !blank(m->s->cells[i].text);
    if (!any) continue;
    size_t errors = m->d->n_error;
    const char *unit = cell(m, r, M_UNIT), *project = cell(m, r, M_PROJECT);
    if (unit && !*unit) {
      jx_diag_add(m->d, "JX869", JX_ERROR, at(m, r, (uint32_t)m->col[M_UNIT]), "第 %u 行缺少单位编码", (unsigned)(r + 1));
      continue;
    }
    if (!unit || !project) continue;
    bool fresh;
    group *g = group_of(m, unit, project, &fresh);
    row_source *s = &m->src[m->n_src];
    memset(s, 0, sizeof *s);
    const char *name = cell(m, r, M_SOURCE);
    s->name = name && *name ? name : "合计";
    const char *adj = cell(m, r, M_ADJUST);
    s->adjustment = adj && *adj ? adj : NULL;
    money(m, r, M_BUDGET, &s->budget);
    money(m, r, M_EXECUTED, &s->executed);
    money(m, r, M_FORECAST, &s->forecast);
    const char *un = cell(m, r, M_UNIT_NAME), *pn = cell(m, r, M_PROJECT_NAME), *ca = cell(m, r, M_CAUSE), *fx = cell(m, r, M_FIX);
    if (fresh) {
      g->first = m->n_src;
      g->pos = at(m, r, (uint32_t)m->col[M_UNIT]);
      g->unit_name = un ? un : "";
      g->project_name = pn ? pn : "";
      g->cause = ca ? ca : "";
      g->fix = fx ? fx : "";
    } else {
      if (g->first + g->n != m->n_src) {
        jx_diag_add(m->d, "JX870", JX_ERROR, at(m, r, (uint32_t)m->col[M_UNIT]),
                    "单位 %s%s%s 的资金来源行应当相邻：第 %u 行与前面的行被别的单位隔开", unit, *project ? " 项目 " : "", project,
                    (unsigned)(r + 1));
        continue;
      }
      if (ca && *ca && !*g->cause) g->cause = ca;
      if (fx && *fx && !*g->fix) g->fix = fx;
    }
    for (size_t k = g->first; k < g->first + g->n; k++)
      if (!strcmp(m->src[k].name, s->name)) {
        jx_diag_add(m->d, "JX870", JX_ERROR, at(m, r, (uint32_t)(m->col[M_SOURCE] >= 0 ? m->col[M_SOURCE] : m->col[M_UNIT])),
                    "单位 %s%s%s 的资金来源“%s”出现了两次", unit, *project ? " 项目 " : "", project, s->name);
        break;
      }
    if (m->d->n_error > errors) {
      if (fresh) g->n = 0;
      continue;
    }
    /* the loader's checks, on this source alone */
    jx_monreport probe = {.money_unit_fen = report_unit};
    jx_mon_source one = {.pos = g->pos, .source = s->name, .budget = s->budget, .executed = s->executed,
                         .forecast = s->forecast, .adjustment = s->adjustment};
    if (!jx_monreport_source_ok(&one)) {
      char label[300];
      snprintf(label, sizeof label, "单位 %s%s%s 资金来源“%s”", unit, *project ? " 项目 " : "", project, s->name);
      jx_monreport_check_source(&probe, &one, label, m->d);
    }
    g->n++;
    m->n_src++;
  }
}

jx_monreport *jx_monsheet_report(const jx_monsheet *x, size_t i) {
  const rd *m = x->priv;
  const group *g = &m->groups[i];
  jx_monreport *r = jx_monreport_new(x->year, x->month, x->day);
  r->path = jx_arena_strdup(r->arena, m->file);
  r->money_unit_fen = m->unit[M_BUDGET];
  r->unit_code = jx_monreport_str(r, g->unit);
  r->unit_name = jx_monreport_str(r, g->unit_name);
  if (*g->project) {
    r->project_code = jx_monreport_str(r, g->project);
    r->project_name = jx_monreport_str(r, g->project_name);
  }
  r->cause = jx_monreport_str(r, g->cause);
  r->fix = jx_monreport_str(r, g->fix);
  r->cause_pos = g->pos;
  for (size_t k = g->first; k < g->first + g->n; k++) {
    const row_source *s = &m->src[k];
    jx_mon_source *o = jx_monreport_add_source(r, s->name);
    o->pos = g->pos;
    o->budget = s->budget;
    o->executed = s->executed;
    o->forecast = s->forecast;
    o->adjustment = s->adjustment ? jx_monreport_str(r, s->adjustment) : NULL;
  }
  jx_monreport_sum(r);
  return r;
}

jx_pos jx_monsheet_pos(const jx_monsheet *x, size_t i) { return ((const rd *)x->priv)->groups[i].pos; }
const char *jx_monsheet_unit(const jx_monsheet *x, size_t i) { return ((const rd *)x->priv)->groups[i].unit; }
const char *jx_monsheet_project(const jx_monsheet *x, size_t i) { return ((const rd *)x->priv)->groups[i].project; }

static bool is_csv(const char *name) {
  size_t n = strlen(name);
  return n >= 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

#ifdef JX_RENDER_PLUGIN
static jx_status xlsx_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t n) {
  const jx_excel_plugin *p = jx_excel_module(err, n);
  return p ? p->xlsx_read_file(path, lim, out, err, n) : JX_ERR_IO;
}
#else
#define xlsx_file jx_xlsx_read_file
#endif

jx_status jx_monsheet_read(const char *path, int year, int month, int day, jx_monsheet *out, jx_diags *diags) {
  memset(out, 0, sizeof *out);
  out->year = year;
  out->month = month;
  out->day = day;
  char err[512];
  jx_workbook *wb = NULL;
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_rows = JX_MONSHEET_MAX_ROWS + HEAD_ROWS + 1;
  lim.max_cells = (size_t)lim.max_rows * 24;
  bool csv = is_csv(path);
  jx_status st = csv ? jx_csv_read_file(path, &lim, &wb, err, sizeof err) : xlsx_file(path, &lim, &wb, err, sizeof err);
  if (st != JX_OK) {
    jx_diag_add(diags, "JX866", JX_ERROR, (jx_pos){path, 0, 0}, "无法读取汇总表：%s（最多 %d 行数据、每格 %d 字节）", err,
                JX_MONSHEET_MAX_ROWS, JX_MONSHEET_MAX_CELL);
    return st == JX_ERR_IO ? JX_ERR_IO : JX_ERR_DATA;
  }
  rd *m = jx_xcalloc(1, sizeof *m);
  out->priv = m;
  m->a = jx_arena_new();
  m->d = diags;
  m->file = jx_arena_strdup(m->a, path);
  m->csv = csv;
  m->s = wb->n_sheets ? &wb->sheets[0] : NULL;
  size_t before = diags->n_error;
  if (!m->s || !find_header(m)) {
    jx_diag_add(diags, "JX866", JX_ERROR, (jx_pos){m->file, 1, 0},
                "汇总表的前 %d 行中找不到表头：应有 单位编码、全年预算数、累计执行数、全年预计执行数 等列", HEAD_ROWS);
  } else {
    for (int k = 0; k < M_COUNT; k++)
      if (columns[k].required && m->col[k] < 0)
        jx_diag_add(diags, "JX866", JX_ERROR, at(m, m->head, 0), "汇总表的表头缺少“%s”列", columns[k].names[0]);
    size_t data_rows = m->s->n_rows - m->head - 1;
    if (data_rows > JX_MONSHEET_MAX_ROWS)
      jx_diag_add(diags, "JX866", JX_ERROR, (jx_pos){m->file, 0, 0}, "汇总表有 %zu 行数据，超过 %d 行的上限：请分成几个文件导入",
                  data_rows, JX_MONSHEET_MAX_ROWS);
    if (diags->n_error == before) read_rows(m);
    out->rows = m->n_src;
  }
  if (diags->n_error == before && m->s && m->n_groups == 0)
    jx_diag_add(diags, "JX866", JX_ERROR, (jx_pos){m->file, 0, 0}, "汇总表没有数据行");
  /* the workbook stays: the groups point into the arena, not into it */
  jx_workbook_free(wb);
  m->s = NULL;
  if (diags->n_error > before) {
    out->n = 0;
    return JX_ERR_DATA;
  }
  out->n = m->n_groups;
  return JX_OK;
}

void jx_monsheet_free(jx_monsheet *x) {
  if (!x || !x->priv) return;
  rd *m = x->priv;
  free(m->groups);
  free(m->src);
  free(m->slots);
  jx_arena_free(m->a);
  free(m);
  memset(x, 0, sizeof *x);
}
