/* import.c — jx_import_report / jx_import_text: a published report (text or PDF) into a
 * department-year file, every value with its source line; the result owns everything. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/text.h"

struct jx_import_result {
  jx_arena *arena;
  jx_src src;
  char *yaml;
  size_t yaml_len;
  uint32_t *linemap; /* YAML line → source line */
  size_t nlines;
  jx_import_summary summary;
  jx_diags diags; /* the import's own diagnostics (a copy of what it added to the caller's) */
};

/* ---- helpers for the extractors ---------------------------------------------------- */

void jx_imp_diag(jx_imp *im, const char *code, jx_severity sev, uint32_t line, uint32_t line_end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = jx_arena_vprintf(im->a, fmt, ap);
  va_end(ap);
  jx_pos pos = {im->src->name, line, line ? 1 : 0};
  if (line_end > line)
    jx_diag_add(im->d, code, sev, pos, "%s（原文第 %u–%u 行）", msg, line, line_end);
  else
    jx_diag_add(im->d, code, sev, pos, "%s", msg);
}

void jx_imp_assume(jx_imp *im, uint32_t line, uint32_t line_end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = jx_arena_vprintf(im->a, fmt, ap);
  va_end(ap);
  jx_y_push(im->a, im->assumptions, msg, line, line_end);
}

/* Cut text to the import's bound on one value, at a character boundary. */
static const char *bounded(jx_imp *im, const char *text) {
  size_t n = strlen(text);
  if (n <= JX_IMPORT_MAX_TEXT_BYTES) return jx_arena_strdup(im->a, text);
  size_t cut = JX_IMPORT_MAX_TEXT_BYTES;
  while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
  return jx_arena_strndup(im->a, text, cut);
}

jx_ynode *jx_imp_set(jx_imp *im, jx_ynode *m, const char *key, const char *text, uint32_t line, uint32_t line_end) {
  if (!text || !*text) return NULL;
  im->figures++;
  return jx_y_set(im->a, m, key, bounded(im, text), line, line_end);
}

jx_ynode *jx_imp_push(jx_imp *im, jx_ynode *s, const char *text, uint32_t line, uint32_t line_end) {
  if (!text || !*text || jx_y_count(s) >= JX_IMPORT_MAX_ITEMS) return NULL;
  im->figures++;
  return jx_y_push(im->a, s, bounded(im, text), line, line_end);
}

bool jx_imp_count_ok(const char *text) {
  int64_t v;
  bool pct;
  const char *why;
  return text && jx_parse_num(text, &v, &pct, &why) && !pct && v >= 0 && v % JX_NUM_SCALE == 0;
}

bool jx_imp_money_ok(const char *text) {
  int64_t fen;
  const char *why;
  return text && jx_parse_money(text, JX_FEN_PER_WAN, &fen, &why) && fen >= 0;
}

bool jx_imp_num_ok(const char *text) {
  int64_t v;
  bool pct;
  const char *why;
  return text && jx_parse_num(text, &v, &pct, &why);
}

/* ---- the whole import ------------------------------------------------------------------ */

static const char *const top_keys[] = {"schema",   "kind",        "framework",  "year",     "money_unit", "department",
                                       "profile",  "work",        "budget",     "goals",    "tasks",      "indicators",
                                       "finance",  "analysis",    "application", "assessment", "problems", "suggestions",
                                       "signer",   "date",        "project",    "assumptions", NULL};
static const jx_ykind top_kinds[] = {JX_Y_SCALAR, JX_Y_SCALAR, JX_Y_SCALAR, JX_Y_SCALAR, JX_Y_SCALAR, JX_Y_MAP,
                                     JX_Y_MAP,    JX_Y_MAP,    JX_Y_MAP,    JX_Y_SEQ,    JX_Y_SEQ,    JX_Y_SEQ,
                                     JX_Y_MAP,    JX_Y_MAP,    JX_Y_MAP,    JX_Y_MAP,    JX_Y_SEQ,    JX_Y_SEQ,
                                     JX_Y_SCALAR, JX_Y_SCALAR, JX_Y_MAP,    JX_Y_SEQ};

/* Nested keys in the order of docs/format.md ("+" a map, "*" a list, else a scalar). */
static const char *const nested[] = {
    "department", "name unit code",
    "profile", "*bodies duties *functions +staffing +counts",
    "work", "summary *items",
    "budget", "total fiscal other carried_in",
    "finance", "+income adjusted +expenditure *projects carry_over balance note",
    "analysis", "+department +projects",
    "application", "publication feedback rectification internal",
    "assessment", "total grade *blocks conclusion",
    "project", "name code owner initial adjusted executed +fiscal +carried_in +other execution_note *goals goal_results *indicators +assessment",
    NULL};

static void skeleton(jx_imp *im) {
  im->root = jx_y_new(im->a, JX_Y_MAP);
  for (size_t i = 0; top_keys[i]; i++) jx_y_child(im->a, im->root, top_keys[i], top_kinds[i]);
  for (size_t i = 0; nested[i]; i += 2) {
    jx_ynode *m = jx_y_find(im->root, nested[i]);
    const char *p = nested[i + 1];
    while (*p) {
      jx_ykind k = *p == '+' ? JX_Y_MAP : *p == '*' ? JX_Y_SEQ : JX_Y_SCALAR;
      if (*p == '+' || *p == '*') p++;
      size_t n = strcspn(p, " ");
      char key[32];
      snprintf(key, sizeof key, "%.*s", (int)n, p);
      jx_y_child(im->a, m, key, k);
      p += n;
      while (*p == ' ') p++;
    }
  }
  jx_ynode *inc = jx_y_find(jx_y_find(im->root, "finance"), "income");
  const char *ik[] = {"total", "fiscal", "other", "carried_in"};
  for (size_t i = 0; i < 4; i++) jx_y_child(im->a, inc, ik[i], JX_Y_SCALAR);
  jx_y_child(im->a, inc, "by_level", JX_Y_MAP);
  jx_ynode *ex = jx_y_find(jx_y_find(im->root, "finance"), "expenditure");
  const char *ek[] = {"total", "basic", "project"};
  for (size_t i = 0; i < 3; i++) jx_y_child(im->a, ex, ek[i], JX_Y_SCALAR);
  im->assumptions = jx_y_find(im->root, "assumptions");
}

static const char *base_name(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* The generated YAML must read back without a JX1xx problem: anything else is a bug of
 * the importer, reported as such (JX509) rather than handed on. */
static void self_check(jx_imp *im, const char *yaml, size_t len) {
  jx_diags d = {0};
  jx_doc *doc = NULL;
  char *name = jx_arena_printf(im->a, "%s.yaml", base_name(im->src->name));
  jx_doc_parse(name, yaml, len, &doc, &d);
  for (size_t i = 0; i < d.n; i++)
    if (d.items[i].code[2] == '1' && d.items[i].severity == JX_ERROR) {
      jx_imp_diag(im, "JX509", JX_ERROR, 0, 0, "导入生成的数据文件无法读回（导入器的缺陷，请报告）：第 %u 行：%s %s", d.items[i].pos.line,
                  d.items[i].code, d.items[i].message);
      break;
    }
  jx_doc_free(doc);
  jx_diags_free(&d);
}

static bool holds(const jx_ynode *m, const char *path) {
  char key[64];
  while (m && *path) {
    size_t n = strcspn(path, ".");
    snprintf(key, sizeof key, "%.*s", (int)n, path);
    m = jx_y_find(m, key);
    path += n + (path[n] == '.');
  }
  if (!m) return false;
  if (m->kind == JX_Y_SCALAR) return m->text && *m->text;
  for (const jx_ynode *c = m->first; c; c = c->next)
    if (c->kind == JX_Y_SCALAR ? c->text && *c->text : c->first != NULL) return true;
  return false;
}

/* What the report does not give (or the import did not find): notes, and entries of
 * `assumptions:`. */
static void gaps(jx_imp *im, bool narrative) {
  static const struct {
    const char *path, *zh;
    int kinds; /* 1 narrative department, 2 department table, 4 project */
  } parts[] = {
      {"department.name", "部门名称", 0},
      {"profile.staffing", "人员编制和在职人数", 1},
      {"budget.total", "年度预算（绩效目标表的资金总额）", 1},
      {"goals", "年度总体目标", 1 | 2},
      {"indicators", "年度绩效指标", 1 | 2},
      {"finance.expenditure", "财政资金支出", 1 | 2},
      {"assessment.total", "自评得分", 1 | 2},
      {"project.executed", "项目资金（全年执行数）", 4},
      {"project.indicators", "绩效指标", 4},
      {"project.assessment.total", "自评总分", 4},
  };
  int kind = im->kind == JX_KIND_PROJECT ? 4 : narrative ? 1 : 2;
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    if (!(parts[i].kinds & kind) || holds(im->root, parts[i].path)) continue;
    jx_imp_diag(im, "JX511", JX_WARNING, 0, 0, "原文中没有找到%s", parts[i].zh);
    jx_imp_assume(im, 0, 0, "原文中没有找到%s。", parts[i].zh);
  }
  /* indicators without an actual value */
  jx_ynode *inds = jx_y_find(im->kind == JX_KIND_PROJECT ? jx_y_find(im->root, "project") : im->root, "indicators");
  size_t n = 0, without = 0;
  uint32_t first = 0, last = 0;
  for (jx_ynode *i = inds ? inds->first : NULL; i; i = i->next, n++)
    if (!holds(i, "actual")) {
      jx_ynode *nm = jx_y_find(i, "name");
      if (!first && nm) first = nm->line;
      if (nm) last = nm->line_end;
      without++;
    }
  if (without) {
    const char *what = without == n ? jx_arena_printf(im->a, "原文的指标表没有实际完成值（%zu 项指标都没有）", n)
                                    : jx_arena_printf(im->a, "原文有 %zu 项指标没有实际完成值", without);
    jx_imp_diag(im, "JX511", JX_NOTE, first, last, "%s：这些指标无法按规则计分", what);
    jx_imp_assume(im, first, last, "%s；actual 不填，不作假设。", what);
  }
  /* projects with their spending only */
  jx_ynode *projects = jx_y_find(jx_y_find(im->root, "finance"), "projects");
  size_t np = 0, spend_only = 0;
  uint32_t pl = 0;
  for (jx_ynode *p = projects ? projects->first : NULL; p; p = p->next, np++)
    if (!holds(p, "initial") && !holds(p, "adjusted")) {
      spend_only++;
      if (!pl && jx_y_find(p, "name")) pl = jx_y_find(p, "name")->line;
    }
  if (spend_only) {
    jx_imp_diag(im, "JX511", JX_NOTE, pl, 0, "原文只载 %zu 个项目的支出数，没有年初预算数和全年预算数：项目的执行率和预决算偏差无法计算", spend_only);
    jx_imp_assume(im, pl, 0, "原文未载 %zu 个项目的年初预算数和全年预算数，finance.projects 只填执行数。", spend_only);
  }
  jx_ynode *tasks = jx_y_find(im->root, "tasks");
  size_t nt = 0, tb = 0;
  for (jx_ynode *t = tasks ? tasks->first : NULL; t; t = t->next, nt++) tb += holds(t, "budget");
  if (nt && !tb) {
    uint32_t tl = jx_y_find(tasks->first, "name") ? jx_y_find(tasks->first, "name")->line : 0;
    jx_imp_diag(im, "JX511", JX_NOTE, tl, 0, "原文未载年度主要任务的预算数");
    jx_imp_assume(im, tl, 0, "原文未载年度主要任务的预算数，tasks 不填 budget。");
  }
}

static void set_body_year(jx_imp *im, int y, uint32_t line, const char *why) {
  im->year = y;
  jx_ynode *n = jx_imp_set(im, im->root, "year", jx_arena_printf(im->a, "%d", y), line, 0);
  if (n) n->comment = jx_arena_printf(im->a, "推定：%s", why);
  jx_imp_diag(im, "JX510", JX_NOTE, line, 0, "标题中没有年度，取%s %d 年", why, y);
}

/* No year in the title: the report's own, from its text — a "2021年度" in its first 40
 * lines, else the year its body names most often ("2021年"; ties go to the later one).
 * Never a placeholder while the text names a year. */
static void body_year(jx_imp *im) {
  int count[211] = {0}; /* 1990 … 2200 */
  uint32_t first_line[211] = {0};
  for (size_t i = 0; i < im->src->n; i++) {
    const char *t = im->src->lines[i].text;
    for (const char *p = t; *p; p += jx_u8_len(p)) {
      char buf[16];
      size_t used = jx_scan_number(p, buf, sizeof buf);
      if (!used) continue;
      if (strlen(buf) == 4 && jx_starts(p + used, "年") && (p == t || !(p[-1] >= '0' && p[-1] <= '9'))) {
        int y = (int)strtol(buf, NULL, 10);
        if (y >= 1990 && y <= 2100) {
          if (i < 40 && jx_starts(p + used, "年度")) {
            set_body_year(im, y, im->src->lines[i].no, "标题附近的年度");
            return;
          }
          if (!count[y - 1990]++) first_line[y - 1990] = im->src->lines[i].no;
        }
      }
      p += used - 1;
    }
  }
  int best = 0;
  for (int k = 0; k < 211; k++)
    if (count[k] && count[k] >= count[best]) best = k;
  if (count[best]) set_body_year(im, 1990 + best, first_line[best], jx_arena_printf(im->a, "正文中出现最多的年份（%d 次）", count[best]));
}

static jx_status finish(jx_arena *a, jx_src *src, jx_import_result **out, jx_diags *diags) {
  jx_imp im = {.a = a, .src = src, .d = diags, .kind = JX_KIND_DEPARTMENT};
  size_t first_diag = diags->n;
  skeleton(&im);
  size_t errors_before = diags->n_error;

  bool table = jx_imp_selfeval_table(&im);
  jx_imp_narrative(&im);
  const jx_node *layouts = src->layouts ? src->layouts : jx_layouts(a);
  if (im.recognised || table) jx_imp_prose(&im, layouts);
  if (!im.recognised && !table) {
    jx_imp_diag(&im, "JX500", JX_ERROR, 0, 0,
                "未能识别为绩效自评报告或自评表：没有找到“自评报告”“自评表”等标题，也没有可读的绩效目标表（支持的格式见 docs/import.md）");
    return JX_ERR_DATA;
  }

  jx_ynode *r = im.root;
  jx_y_set(a, r, "schema", "jixiao/1", 0, 0);
  jx_y_set(a, r, "kind", im.kind == JX_KIND_PROJECT ? "project" : "department", 0, 0);
  /* the framework: the document's region's (layouts.yaml), else the form's own, else the
   * national one of its kind */
  const char *texts[12];
  size_t nt = 0;
  const jx_ynode *dep0 = jx_y_find(r, "department"), *proj0 = jx_y_find(r, "project");
  const char *keys[][2] = {{"name", "d"}, {"unit", "d"}, {"owner", "p"}, {"name", "p"}};
  for (size_t k = 0; k < 4; k++) {
    const jx_ynode *v = jx_y_find(keys[k][1][0] == 'd' ? dep0 : proj0, keys[k][0]);
    if (v && v->kind == JX_Y_SCALAR && v->text) texts[nt++] = v->text;
  }
  for (size_t i = 0, seen = 0; i < src->n && seen < 6 && nt < 12; i++)
    if (src->lines[i].len) {
      texts[nt++] = src->lines[i].text;
      seen++;
    }
  bool regional = false;
  const char *region_fw = jx_layout_region_framework(layouts, im.kind, im.year, texts, nt, &regional);
  const char *fw = regional ? region_fw : im.framework ? im.framework : region_fw;
  /* a framework the form itself names (Chongqing's) is the region's too */
  regional = regional || (fw && region_fw && strcmp(fw, region_fw) != 0);
  jx_y_set(a, r, "framework", fw ? fw : "cn-mof-2020-10-department", 0, 0);
  if (!jx_y_find(r, "year")->text || !*jx_y_find(r, "year")->text) body_year(&im);
  if (!jx_y_find(r, "year")->text || !*jx_y_find(r, "year")->text) {
    jx_ynode *y = jx_y_set(a, r, "year", "1990", 0, 0);
    y->comment = "未能识别年度：占位值，请按原文改正";
    jx_imp_diag(&im, "JX511", JX_WARNING, 0, 0, "未能识别报告的年度，数据文件中暂写 1990，请改正");
    jx_imp_assume(&im, 0, 0, "原文未能识别年度；year 为占位值 1990。");
  }
  if (!jx_y_find(r, "money_unit")->text) jx_y_set(a, r, "money_unit", "万元", 0, 0);
  /* an indicator table in the text that gave no indicator: what was not read, said */
  {
    const jx_ynode *inds = jx_y_find(im.kind == JX_KIND_PROJECT ? jx_y_find(r, "project") : r, "indicators");
    if (!inds || !inds->first)
      for (size_t i = 0; i < src->n; i++) {
        const char *t = src->lines[i].text;
        if (jx_starts(t, "一级指标") || jx_starts(t, "三级指标")) {
          im.unread_table_line = src->lines[i].no;
          jx_imp_diag(&im, "JX512", JX_WARNING, src->lines[i].no, 0, "原文第 %u 行起有一张指标表，未能读出其中的指标（表式不认识）",
                      src->lines[i].no);
          break;
        }
      }
  }
  gaps(&im, !table);
  jx_ynode *dep = jx_y_find(r, "department");
  /* no department in the title: the signature's (落款), never a web page's banner */
  const jx_ynode *signer = jx_y_find(r, "signer");
  if ((!jx_y_find(dep, "name") || !jx_y_find(dep, "name")->text) && signer && signer->text && *signer->text) {
    jx_ynode *n = jx_y_set(a, dep, "name", signer->text, signer->line, signer->line_end);
    n->comment = jx_arena_printf(a, "取自落款（L%u）", signer->line);
  }
  if (!jx_y_find(dep, "name") || !jx_y_find(dep, "name")->text) {
    jx_ynode *n = jx_y_set(a, dep, "name", "（未能识别部门名称）", 0, 0);
    n->comment = "占位值，请按原文改正";
    jx_imp_diag(&im, "JX511", JX_WARNING, 0, 0, "未能识别部门（单位）名称，数据文件中暂写“（未能识别部门名称）”");
    jx_imp_assume(&im, 0, 0, "原文未能识别部门名称；department.name 为占位值。");
  }

  const char *kind_zh = im.kind == JX_KIND_PROJECT ? "项目支出" : "部门整体";
  /* the file's name goes into a YAML comment: printable UTF-8 only */
  char *shown = jx_arena_strdup(a, src->name);
  size_t bad;
  bool utf8 = jx_utf8_valid(shown, strlen(shown), &bad);
  for (unsigned char *p = (unsigned char *)shown; *p; p++)
    if (*p < 0x20 || *p == 0x7F || (!utf8 && *p >= 0x80)) *p = '?';
  char *header = jx_arena_printf(a,
                                 "由 jixiao import-report 从 %s 导入（%s，%s）。\n"
                                 "每个值后的“# L行号”是它在原文中的位置%s；“推定”是原文没有、由其他数字推出的值。\n"
                                 "原文没有的内容不写；未能取得或推定的内容列在文末 assumptions。",
                                 shown, im.shape ? im.shape : kind_zh,
                                 im.kind == JX_KIND_PROJECT ? "项目支出绩效自评" : "部门整体绩效自评",
                                 src->from_pdf ? "（PDF 为 pdftotext 输出文本的行号）" : "");
  jx_import_result *res = jx_arena_alloc(a, sizeof *res);
  res->arena = a;
  res->src = *src;
  res->yaml = jx_y_emit(a, r, header, &res->yaml_len, &res->linemap, &res->nlines);
  self_check(&im, res->yaml, res->yaml_len);
  if (!im.layout) im.layout = im.kind == JX_KIND_PROJECT ? "mof-2020-10-project" : "department-report";
  jx_layout_coverage(&im, jx_layout_find(layouts, im.layout));
  size_t min_share = (size_t)jx_layout_setting(layouts, "audit_min_share", 60);
  size_t min_figures = (size_t)jx_layout_setting(layouts, "audit_min_figures", 5);
  res->summary = (jx_import_summary){
      .lines = src->n ? src->lines[src->n - 1].no : 0, /* lines of the text as read, not cells */
      .figures = im.figures,
      .inferred = im.inferred,
      .missing = jx_y_count(im.assumptions) >= im.inferred ? jx_y_count(im.assumptions) - im.inferred : 0,
      .kind = im.kind,
      .framework = jx_y_find(r, "framework")->text,
      .shape = im.shape ? im.shape : kind_zh,
      .from_pdf = src->from_pdf,
      .format = src->format ? src->format : "文本",
      .key_total = im.cov_total,
      .key_filled = im.cov_filled,
      .key_missing = im.cov_missing,
      .regional = regional,
      .auditable = im.figures >= min_figures && im.cov_total && im.cov_filled * 100 >= min_share * im.cov_total,
  };
  for (size_t i = first_diag; i < diags->n; i++)
    jx_diag_add(&res->diags, diags->items[i].code, diags->items[i].severity, diags->items[i].pos, "%s", diags->items[i].message);
  *out = res;
  return diags->n_error > errors_before ? JX_ERR_DATA : JX_OK;
}

jx_status jx_import_text(const char *name, const char *data, size_t len, jx_import_result **out, jx_diags *diags) {
  *out = NULL;
  if (!data && len) return JX_ERR_INVALID;
  jx_arena *a = jx_arena_new();
  jx_src src;
  jx_status st = jx_src_from_text(a, name, data ? data : "", len, &src, diags);
  if (st == JX_OK) st = finish(a, &src, out, diags);
  if (!*out) jx_arena_free(a);
  return st;
}

jx_status jx_import_report(const char *path, jx_import_result **out, jx_diags *diags) {
  *out = NULL;
  if (!path) return JX_ERR_INVALID;
  jx_arena *a = jx_arena_new();
  jx_src src;
  jx_status st = jx_src_read(a, path, &src, diags);
  if (st == JX_OK) st = finish(a, &src, out, diags);
  if (!*out) jx_arena_free(a);
  return st;
}

/* ---- several forms in one file ----------------------------------------------------------- */

/* Whether line t is the title of a project form of layouts.yaml (a short line holding one
 * of its title words). */
static bool project_title(const jx_node *layouts, const char *t) {
  if (jx_u8_chars(t) > 40) return false;
  const jx_node *list = layouts ? jx_map_get(layouts, "layouts") : NULL;
  for (size_t i = 0; list && list->type == JX_NODE_SEQ && i < list->n; i++) {
    const jx_node *kind = jx_map_get(list->items[i], "kind"), *titles = jx_map_get(list->items[i], "titles");
    if (!kind || kind->type != JX_NODE_SCALAR || strcmp(kind->text, "project") != 0 || !titles || titles->type != JX_NODE_SEQ)
      continue;
    for (size_t k = 0; k < titles->n; k++)
      if (titles->items[k]->type == JX_NODE_SCALAR && strstr(t, titles->items[k]->text)) return true;
  }
  return false;
}

/* Where each project form starts: its title, moved up over the lines printed above a
 * form (报表编号, 附件, the form code). */
static size_t form_starts(const jx_src *src, size_t *starts, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < src->n && n < max; i++) {
    if (!src->lines[i].len || !project_title(src->layouts, src->lines[i].text)) continue;
    size_t s = i;
    for (size_t back = 0; back < 4 && s > 0; back++) {
      const char *t = src->lines[s - 1].text;
      if (src->lines[s - 1].len && !strstr(t, "报表编号") && !strstr(t, "0013zp") && !jx_starts(t, "附件") && !jx_starts(t, "附表"))
        break;
      s--;
    }
    if (n && s <= starts[n - 1]) continue;
    starts[n++] = s;
  }
  return n;
}

static size_t nonempty(const jx_src *src, size_t from, size_t to) {
  size_t k = 0;
  for (size_t i = from; i < to; i++) k += src->lines[i].len > 0;
  return k;
}

/* Lines [from, to) of src as a source of their own, in arena a (line numbers kept). */
static jx_src slice(jx_arena *a, const jx_src *src, size_t from, size_t to) {
  jx_src s = *src;
  s.n = to - from;
  s.lines = jx_arena_alloc(a, (s.n ? s.n : 1) * sizeof *s.lines);
  for (size_t i = 0; i < s.n; i++) {
    s.lines[i] = src->lines[from + i];
    s.lines[i].text = jx_arena_strdup(a, src->lines[from + i].text);
  }
  s.name = jx_arena_strdup(a, src->name);
  s.layouts = jx_layouts(a);
  return s;
}

jx_status jx_import_report_all(const char *path, jx_import_result ***out, size_t *n, jx_diags *diags) {
  *out = NULL;
  *n = 0;
  if (!path) return JX_ERR_INVALID;
  jx_arena *a = jx_arena_new();
  jx_src src;
  jx_status st = jx_src_read(a, path, &src, diags);
  if (st != JX_OK) {
    jx_arena_free(a);
    return st;
  }
  size_t starts[JX_IMPORT_MAX_FORMS];
  size_t nf = form_starts(&src, starts, JX_IMPORT_MAX_FORMS);
  if (nf < 2) {
    jx_import_result *one = NULL;
    st = finish(a, &src, &one, diags);
    if (!one) {
      jx_arena_free(a);
      return st;
    }
    *out = jx_xmalloc(sizeof(jx_import_result *));
    (*out)[0] = one;
    *n = 1;
    return st;
  }
  /* a report before the first form (when it has text of its own), then each form */
  size_t bounds[JX_IMPORT_MAX_FORMS + 2], nb = 0;
  if (nonempty(&src, 0, starts[0]) >= 10) bounds[nb++] = 0;
  for (size_t i = 0; i < nf; i++) bounds[nb++] = starts[i];
  bounds[nb] = src.n;
  *out = jx_xmalloc(nb * sizeof(jx_import_result *));
  jx_status worst = JX_OK;
  for (size_t i = 0; i < nb; i++) {
    jx_arena *sa = jx_arena_new();
    jx_src part = slice(sa, &src, bounds[i], bounds[i + 1]);
    jx_import_result *r = NULL;
    jx_status ps = finish(sa, &part, &r, diags);
    if (!r) {
      jx_arena_free(sa);
      jx_diag_add(diags, "JX513", JX_WARNING, (jx_pos){src.name, src.lines[bounds[i]].no, 1},
                  "原文第 %u–%u 行未能识别为自评表或报告，没有导入", src.lines[bounds[i]].no, src.lines[bounds[i + 1] - 1].no);
      continue;
    }
    if (ps != JX_OK) worst = ps;
    (*out)[(*n)++] = r;
  }
  jx_arena_free(a);
  if (!*n) {
    free(*out);
    *out = NULL;
    return JX_ERR_DATA;
  }
  return worst;
}

void jx_import_free_all(jx_import_result **list, size_t n) {
  for (size_t i = 0; list && i < n; i++) jx_import_free(list[i]);
  free(list);
}

const char *jx_import_yaml(const jx_import_result *r, size_t *len) {
  if (len) *len = r ? r->yaml_len : 0;
  return r ? r->yaml : NULL;
}

uint32_t jx_import_source_line(const jx_import_result *r, uint32_t yaml_line) {
  if (!r || yaml_line == 0 || yaml_line >= r->nlines) return 0;
  return r->linemap[yaml_line];
}

char *jx_import_coverage_text(const jx_import_summary *s) {
  jx_arena *a = jx_arena_new();
  const char *t;
  if (!s->key_total) {
    t = jx_arena_printf(a, "覆盖：读取%s，识别为%s；没有可核对的关键数据", s->format ? s->format : "文本", s->shape);
  } else {
    size_t pct = (s->key_filled * 200 + s->key_total) / (2 * s->key_total); /* half up */
    t = jx_arena_printf(a, "覆盖：读取%s，识别为%s；版式中的 %zu 项关键数据取得 %zu 项（%zu%%）%s%s", s->format ? s->format : "文本",
                        s->shape, s->key_total, s->key_filled, pct, s->key_missing ? "；未取得：" : "",
                        s->key_missing ? s->key_missing : "");
  }
  size_t n = strlen(t) + 1;
  char *out = jx_xmalloc(n);
  memcpy(out, t, n);
  jx_arena_free(a);
  return out;
}

void jx_import_get_summary(const jx_import_result *r, jx_import_summary *out) {
  if (r) *out = r->summary;
  else memset(out, 0, sizeof *out);
}

const char *jx_import_source_name(const jx_import_result *r) { return r ? r->src.name : NULL; }

jx_status jx_import_write_yaml(const jx_import_result *r, const char *path, char *err, size_t errlen) {
  if (!r || !path) return JX_ERR_INVALID;
  if (strcmp(path, "-") == 0) {
    if (fwrite(r->yaml, 1, r->yaml_len, stdout) != r->yaml_len || fflush(stdout) != 0) {
      snprintf(err, errlen, "写入标准输出失败");
      return JX_ERR_IO;
    }
    return JX_OK;
  }
  FILE *f = fopen(path, "wb");
  if (!f) {
    snprintf(err, errlen, "无法写入 %s：%s", path, errno == EACCES ? "没有写入权限" : errno == ENOENT ? "目录不存在" : strerror(errno));
    return JX_ERR_IO;
  }
  bool ok = fwrite(r->yaml, 1, r->yaml_len, f) == r->yaml_len;
  ok &= fclose(f) == 0;
  if (!ok) {
    snprintf(err, errlen, "写入 %s 失败", path);
    return JX_ERR_IO;
  }
  return JX_OK;
}

const jx_diags *jx_import_diags(const jx_import_result *r) { return r ? &r->diags : NULL; }

void jx_import_free(jx_import_result *r) {
  if (!r) return;
  jx_diags_free(&r->diags);
  jx_arena_free(r->arena);
}

/* Headings: "一、" "（一）" "(一)" "（1）" "(1)" "1." "1、" at the start of a line. */
size_t jx_heading_marker(const char *t, int *level) {
  static const char *const cn = "一二三四五六七八九十";
  int lv = 0;
  if (!level) level = &lv;
  *level = 0;
  const char *p = t;
  bool paren = false;
  if (jx_starts(p, "（")) {
    p += 3;
    paren = true;
  } else if (*p == '(') {
    p++;
    paren = true;
  }
  const char *q = p;
  while (*q) {
    bool hit = false;
    for (const char *c = cn; *c; c += 3)
      if (strncmp(q, c, 3) == 0) {
        q += 3;
        hit = true;
        break;
      }
    if (!hit) break;
  }
  bool digits = false;
  if (q == p) {
    while (*q >= '0' && *q <= '9' && q - p < 3) q++;
    digits = q != p;
  }
  if (q == p) return 0;
  if (paren) {
    size_t close = jx_starts(q, "）") ? 3 : *q == ')' ? 1 : 0;
    if (!close) return 0;
    *level = digits ? 3 : 2;
    return (size_t)(q + close - t);
  }
  if (jx_starts(q, "、")) {
    *level = digits ? 4 : 1;
    return (size_t)(q + 3 - t);
  }
  if (digits) {
    size_t pt = *q == '.' ? 1 : jx_starts(q, "．") ? 3 : 0;
    if (pt && !(q[pt] >= '0' && q[pt] <= '9')) {
      *level = 4;
      return (size_t)(q + pt - t);
    }
  }
  return 0;
}

size_t jx_imp_find_heading(const jx_imp *im, size_t from, size_t to, const char *keyword) {
  if (to > im->src->n) to = im->src->n;
  for (size_t i = from; i < to; i++) {
    const char *t = im->src->lines[i].text;
    size_t m = jx_heading_marker(t, NULL);
    const char *rest = t + m;
    const char *hit = strstr(rest, keyword);
    if (!hit) continue;
    /* a heading: a marker and the keyword early in the line, or a short line */
    if ((m && hit - rest <= 40) || (hit == rest && jx_u8_chars(rest) <= 40)) return i;
  }
  return (size_t)-1;
}
