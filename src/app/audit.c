/* audit.c — jx_audit: import a published report (or read a department-year file), run
 * every check of `jixiao check`, and say in plain Chinese what does not hold, with the
 * numbers and the lines of the original text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "import/import.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"

#ifndef JX_FRAMEWORK_DIR
#define JX_FRAMEWORK_DIR "/usr/share/jixiao/frameworks"
#endif

typedef enum { G_FAILED, G_INFERRED, G_UNCHECKED, G_MISSING, G_N } group;

typedef struct {
  group g;
  uint32_t line, line_end; /* source lines (0: none) */
  const char *code;
  const char *text;
} finding;

typedef struct {
  jx_arena *a;
  finding *items;
  size_t n, cap;
  const uint32_t *map; /* YAML line → source line, or NULL */
  size_t map_n;
} findings;

static void add(findings *f, group g, uint32_t line, uint32_t line_end, const char *code, const char *text) {
  if (f->n == f->cap) {
    size_t cap = f->cap ? f->cap * 2 : 32;
    f->items = jx_arena_grow(f->a, f->items, f->n, cap, sizeof *f->items);
    f->cap = cap;
  }
  f->items[f->n++] = (finding){g, line, line_end, jx_arena_strdup(f->a, code), text};
}

static uint32_t map_line(const findings *f, uint32_t yaml_line) {
  if (!f->map) return yaml_line;
  return yaml_line < f->map_n ? f->map[yaml_line] : 0;
}

/* The check names fields and metrics as the file format does; the audit speaks of them
 * as the report does. */
static const char *const plain_words[][2] = {
    {"profile.staffing.in_post.total", "在职人员总数"},
    {"profile.staffing.establishment.total", "编制总数"},
    {"finance.expenditure.basic", "基本支出"},
    {"finance.expenditure.project", "项目支出"},
    {"finance.expenditure.total", "支出合计"},
    {"finance.income.total", "收入合计"},
    {"“budget_deviation”", "“预决算偏差率”"},
    {"“execution_rate”", "“预算执行率”"},
    {"“balance_rate”", "“结转结余率”"},
    {"“attainment”", "“目标实现率”"},
    {"“staffing_control_rate”", "“在职人员控制率”"},
    {"“budget_adjustment_rate”", "“预算调整率”"},
};

static const char *plain(jx_arena *a, const char *msg) {
  for (size_t i = 0; i < sizeof plain_words / sizeof plain_words[0]; i++) {
    const char *hit;
    while ((hit = strstr(msg, plain_words[i][0])))
      msg = jx_arena_printf(a, "%.*s%s%s", (int)(hit - msg), msg, plain_words[i][1], hit + strlen(plain_words[i][0]));
  }
  return msg;
}

/* "第 68 行" in a check message names a YAML line: name the source line instead. */
static const char *remap_message(findings *f, const char *msg) {
  if (!f->map) return msg;
  const char *p = strstr(msg, "第 ");
  if (!p) return msg;
  char *out = jx_arena_strdup(f->a, "");
  const char *s = msg;
  while ((p = strstr(s, "第 "))) {
    char *end;
    long n = strtol(p + 4, &end, 10);
    if (end == p + 4 || strncmp(end, " 行", 4) != 0 || n <= 0) {
      out = jx_arena_printf(f->a, "%s%.*s", out, (int)(p + 4 - s), s);
      s = p + 4;
      continue;
    }
    uint32_t src = map_line(f, (uint32_t)n);
    if (src) out = jx_arena_printf(f->a, "%s%.*s第 %u 行", out, (int)(p - s), s, src);
    else out = jx_arena_printf(f->a, "%s%.*s数据文件第 %ld 行", out, (int)(p - s), s, n);
    s = end + 4;
  }
  return jx_arena_printf(f->a, "%s%s", out, s);
}

/* The check's words for an indicator without an actual value (未计分: JX313). */
static bool no_actual_msg(const jx_diag *g) {
  if (!strcmp(g->code, "JX304")) return strstr(g->message, "没有填写实际完成值") || strstr(g->message, "缺少实际完成等次");
  return !strcmp(g->code, "JX313") && strstr(g->message, "未计分：缺少") &&
         (strstr(g->message, "实际完成值") || strstr(g->message, "实际完成等次"));
}

/* Unknown is a value: a part that could not be scored (JX313) and the incomplete total
 * it leaves (JX314) are things that could not be checked, not claims that fail. */
static bool unscored_msg(const jx_diag *g) { return !strcmp(g->code, "JX313") || !strcmp(g->code, "JX314"); }

/* A check that could not be made for lack of data ("缺少…", "未填…"): never a contradiction. */
static bool lacks_data_msg(const jx_diag *g) {
  return strstr(g->message, "缺少") || strstr(g->message, "未填") || strstr(g->message, "没有填写") || strstr(g->message, "无法核对") ||
         strstr(g->message, "无法计算");
}

/* A check over all the indicators (their weights, their scores): it says nothing about
 * the document when the import left some of its indicator rows out. */
static bool indicator_sum_msg(const jx_diag *g) {
  return !strcmp(g->code, "JX206") || (!strcmp(g->code, "JX530") && (strstr(g->message, "之和") || strstr(g->message, "合计")));
}

static group group_of(const jx_diag *g, bool from_import, bool rows_lost) {
  if (from_import) {
    if (!strcmp(g->code, "JX510")) return G_INFERRED;
    /* a blank column the import saw (a note) is missing data; a part it did not find is
     * what it could not read */
    if (!strcmp(g->code, "JX511") || !strcmp(g->code, "JX512")) return g->severity == JX_NOTE ? G_UNCHECKED : G_MISSING;
    if (rows_lost && indicator_sum_msg(g)) return G_UNCHECKED;
    return g->severity == JX_NOTE ? G_UNCHECKED : G_FAILED;
  }
  if (g->severity == JX_NOTE) return G_UNCHECKED;
  if (no_actual_msg(g) || unscored_msg(g) || lacks_data_msg(g)) return G_UNCHECKED;
  if (rows_lost && indicator_sum_msg(g)) return G_UNCHECKED;
  return G_FAILED;
}

static int cmp_finding(const void *x, const void *y) {
  const finding *a = x, *b = y;
  if (a->g != b->g) return a->g < b->g ? -1 : 1;
  uint32_t la = a->line ? a->line : UINT32_MAX, lb = b->line ? b->line : UINT32_MAX;
  if (la != lb) return la < lb ? -1 : 1;
  int c = strcmp(a->code, b->code);
  if (c) return c;
  return strcmp(a->text, b->text);
}

/* The "# L123" comments of an imported YAML: line map for a YAML audited on its own. */
static uint32_t *comment_map(jx_arena *a, const char *text, size_t len, size_t *n) {
  size_t lines = 2;
  for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
  uint32_t *map = jx_arena_alloc(a, lines * sizeof *map);
  size_t k = 1, start = 0;
  bool any = false;
  for (size_t i = 0; i <= len && k < lines; i++) {
    if (i < len && text[i] != '\n') continue;
    const char *best = NULL;
    for (size_t j = start; j + 5 <= i; j++)
      if (!memcmp(text + j, "  # L", 5) && text[j + 5] >= '0' && text[j + 5] <= '9') best = text + j + 5;
    if (best) {
      map[k] = (uint32_t)strtoul(best, NULL, 10);
      any = true;
    }
    k++;
    start = i + 1;
  }
  *n = k;
  if (!any) return NULL;
  /* a list item's dash line stands for the item: use its name's line, as the import does */
  const char **at = jx_arena_alloc(a, (k + 1) * sizeof *at);
  size_t li = 1;
  at[li] = text;
  for (size_t i = 0; i < len && li + 1 <= k; i++)
    if (text[i] == '\n') at[++li] = text + i + 1;
  for (size_t y = 1; y < k; y++) {
    const char *t = at[y];
    size_t ind = 0;
    while (t[ind] == ' ') ind++;
    if (t[ind] != '-' || t[ind + 1] != ' ') continue;
    for (size_t z = y; z < k; z++) {
      const char *u = at[z];
      size_t uind = 0;
      while (u[uind] == ' ') uind++;
      if (z > y && (uind <= ind || u[uind] == '\n')) break;
      const char *body = z == y ? u + ind + 2 : u + uind;
      if (!strncmp(body, "name: ", 6) && map[z]) {
        map[y] = map[z];
        break;
      }
    }
  }
  return map;
}

static bool has_yaml_name(const char *path) {
  size_t n = strlen(path);
  return (n >= 5 && !strcasecmp(path + n - 5, ".yaml")) || (n >= 4 && !strcasecmp(path + n - 4, ".yml"));
}


static const char *const group_title[G_N] = {"不一致（原文自相矛盾的加总和表述）", "推定的数据", "无法核对（缺少核对所需的数据）",
                                             "未能读取（导入没有取得的内容）"};

static void print_line_ref(FILE *out, const finding *x, bool source) {
  if (!x->line) {
    fputs(source ? "全文：" : "全文件：", out);
    return;
  }
  if (x->line_end > x->line) fprintf(out, "第 %u–%u 行：", x->line, x->line_end);
  else fprintf(out, "第 %u 行：", x->line);
}

/* One department-year or project: its import's findings (imp, idiags; NULL for a YAML
 * file audited on its own, whose "# L123" comments give map), the checks, the report. */
static void audit_part(const char *path, const char *framework_path, FILE *out, jx_audit_counts *counts,
                       jx_import_result *imp, const jx_diags *idiags, const char *yaml, size_t len, const char *yaml_name,
                       bool yaml_comments) {
  jx_arena *a = jx_arena_new();
  findings f = {.a = a};
  if (yaml_comments) f.map = comment_map(a, yaml, len, &f.map_n);
  /* indicator rows the import could not read: sums over the indicators prove nothing */
  bool rows_lost = false;
  for (size_t i = 0; idiags && i < idiags->n; i++)
    rows_lost |= !strcmp(idiags->items[i].code, "JX512") && strstr(idiags->items[i].message, "未能导入") != NULL;
  /* the import's own findings, positioned in the source */
  for (size_t i = 0; idiags && i < idiags->n; i++) {
    const jx_diag *g = &idiags->items[i];
    uint32_t end = g->pos.line;
    const char *m = g->message;
    const char *range = strstr(m, "（原文第 ");
    if (range) { /* "（原文第 a–b 行）" closes the message: it becomes the line range */
      char *e1, *e2;
      unsigned long x = strtoul(range + strlen("（原文第 "), &e1, 10);
      if (x && !strncmp(e1, "–", strlen("–"))) {
        unsigned long y = strtoul(e1 + strlen("–"), &e2, 10);
        if (y >= x && !strcmp(e2, " 行）")) {
          end = (uint32_t)y;
          m = jx_arena_strndup(a, m, (size_t)(range - m));
        }
      }
    }
    add(&f, group_of(g, true, rows_lost), g->pos.line, end, g->code, m);
  }
  /* the checks */
  jx_diags cd = {0};
  jx_doc *doc = NULL;
  jx_framework *fw = NULL;
  jx_result *res = NULL;
  jx_doc_parse(yaml_name, yaml, len, &doc, &cd);
  if (doc && doc->framework_id) {
    jx_framework_for_doc(doc, path, framework_path, &fw, &cd);
    if (fw) jx_evaluate(doc, fw, &res, &cd);
  }
  /* map check diagnostics back to source lines */
  uint32_t *imap = NULL;
  size_t imap_n = 0;
  if (imp) {
    size_t lines = 2;
    for (size_t i = 0; i < len; i++) lines += yaml[i] == '\n';
    imap = jx_arena_alloc(a, lines * sizeof *imap);
    for (size_t y = 1; y < lines; y++) imap[y] = jx_import_source_line(imp, (uint32_t)y);
    imap_n = lines;
    f.map = imap;
    f.map_n = imap_n;
  }
  bool national = false;
  if (imp) {
    jx_import_summary sum0;
    jx_import_get_summary(imp, &sum0);
    /* the national project form (财预〔2020〕10号 附件1) states its own points; a department
     * report's national framework is a presumption */
    national = !sum0.regional && sum0.kind == JX_KIND_DEPARTMENT;
  }
  size_t no_actual = 0;
  char *no_actual_lines = jx_arena_strdup(a, "");
  uint32_t first_no_actual = 0;
  jx_diags_sort(&cd);
  for (size_t i = 0; i < cd.n; i++) {
    const jx_diag *g = &cd.items[i];
    uint32_t line = g->pos.line ? map_line(&f, g->pos.line) : 0;
    if (no_actual_msg(g)) {
      no_actual++;
      if (!first_no_actual) first_no_actual = line;
      no_actual_lines = jx_arena_printf(a, "%s%s%u", no_actual_lines, *no_actual_lines ? "、" : "", line);
      continue;
    }
    const char *msg = plain(a, remap_message(&f, g->message));
    if (!f.map && g->pos.line == 0 && g->pos.file && strcmp(g->pos.file, yaml_name) != 0)
      msg = jx_arena_printf(a, "%s（%s）", msg, g->pos.file); /* a framework file */
    /* a file-format problem in what the import wrote is the import's, not the report's */
    group gr = imp && !strncmp(g->code, "JX1", 3) ? G_MISSING : group_of(g, false, rows_lost);
    /* a weight sum held to the national framework, for a report of a region whose own
     * framework is unknown: the report's own structure may differ; not a contradiction */
    if (gr == G_FAILED && national && (!strcmp(g->code, "JX206") || !strcmp(g->code, "JX205"))) {
      gr = G_UNCHECKED;
      msg = jx_arena_printf(a, "%s（按全国通用口径核对；原文地区的口径未知，不作为矛盾）", msg);
    }
    add(&f, gr, line, line, g->code, msg);
  }
  if (no_actual)
    add(&f, G_UNCHECKED, first_no_actual, 0, "JX313",
        jx_arena_printf(a, "%zu 项指标没有实际完成值，无法按规则计分，也无法核对自评得分（指标在第 %s 行）", no_actual, no_actual_lines));
  if (f.n) qsort(f.items, f.n, sizeof *f.items, cmp_finding);

  /* write */
  size_t per[G_N] = {0};
  for (size_t i = 0; i < f.n; i++) per[f.items[i].g]++;
  counts->failed = per[G_FAILED];
  counts->inferred = per[G_INFERRED];
  counts->unchecked = per[G_UNCHECKED];
  counts->missing = per[G_MISSING];
  fprintf(out, "审计：%s\n", path);
  if (doc) {
    const char *what = doc->kind == JX_KIND_PROJECT ? "项目支出绩效自评" : "部门整体绩效自评";
    if (doc->kind == JX_KIND_PROJECT && doc->project && doc->project->name)
      fprintf(out, "对象：%s %d 年度%s（%s）\n", doc->department ? doc->department : "", doc->year, what, doc->project->name);
    else
      fprintf(out, "对象：%s %d 年度%s\n", doc->department ? doc->department : "", doc->year, what);
  }
  jx_import_summary s = {0};
  if (imp) {
    jx_import_get_summary(imp, &s);
    fprintf(out, "导入：%s，原文 %zu 行（%s），取得 %zu 项数据（其中推定 %zu 项）\n", s.shape, s.lines, s.format, s.figures, s.inferred);
    char *cov = jx_import_coverage_text(&s);
    fprintf(out, "%s\n", cov);
    free(cov);
    counts->refused = !s.auditable;
  }
  if (fw)
    fprintf(out, "核对：按评价框架 %s（%s）%s\n", jx_framework_id(fw), jx_framework_name(fw),
            imp && !s.regional ? "，原文的地区没有专门的框架，按全国通用口径" : "");
  else if (doc && doc->framework_id) fprintf(out, "核对：找不到评价框架 %s，只核对了文件本身\n", doc->framework_id);
  if (!doc) fprintf(out, "核对：数据文件无法读取，见下文\n");
  for (int g = 0; g < G_N; g++) {
    fprintf(out, "\n%s、%s", (const char *[]){"一", "二", "三", "四"}[g], group_title[g]);
    if (!per[g]) {
      fputs("：无\n", out);
      continue;
    }
    fprintf(out, "（%zu 处）\n", per[g]);
    size_t k = 0;
    for (size_t i = 0; i < f.n; i++) {
      const finding *x = &f.items[i];
      if ((int)x->g != g) continue;
      fprintf(out, "%3zu. ", ++k);
      print_line_ref(out, x, imp != NULL || f.map != NULL);
      fprintf(out, "%s〔%s〕\n", x->text, x->code);
    }
  }
  fputc('\n', out);
  if (counts->refused) {
    size_t pct = s.key_total ? (s.key_filled * 200 + s.key_total) / (2 * s.key_total) : 0;
    fprintf(out, "结论：只读出 %zu 项，无法审核（版式中的 %zu 项关键数据只取得 %zu 项，%zu%%）。以上所列不代表原文其余部分成立。\n", s.figures,
            s.key_total, s.key_filled, pct);
  } else if (!counts->failed && counts->missing)
    fprintf(out, "结论：在读出的 %zu 项数据中，加总和表述均成立%s；另有 %zu 处未能读取，未经核对。\n", s.figures,
            counts->unchecked ? jx_arena_printf(a, "（另有 %zu 处无法核对）", counts->unchecked) : "", counts->missing);
  else if (!counts->failed)
    fprintf(out, "结论：加总和表述均成立%s。\n", counts->unchecked ? jx_arena_printf(a, "（另有 %zu 处无法核对）", counts->unchecked) : "");
  else
    fprintf(out, "结论：%zu 处加总或表述不成立；推定 %zu 处，无法核对 %zu 处，未能读取 %zu 处。\n", counts->failed, counts->inferred,
            counts->unchecked, counts->missing);

  jx_result_free(res);
  jx_framework_free(fw);
  jx_doc_free(doc);
  jx_diags_free(&cd);
  jx_arena_free(a);
}

jx_status jx_audit(const char *path, const char *framework_path, FILE *out, jx_audit_counts *counts, jx_diags *diags) {
  jx_audit_counts local = {0};
  if (!counts) counts = &local;
  memset(counts, 0, sizeof *counts);
  if (!path || !out) return JX_ERR_INVALID;
  if (has_yaml_name(path)) {
    char *yaml;
    size_t len;
    jx_status st = jx_read_file(path, JX_MAX_FILE_BYTES, &yaml, &len, diags);
    if (st != JX_OK) return st;
    audit_part(path, framework_path, out, counts, NULL, NULL, yaml, len, path, true);
    free(yaml);
    return JX_OK;
  }
  jx_import_result **parts = NULL;
  size_t n = 0;
  jx_diags idiags = {0};
  jx_status st = jx_import_report_all(path, &parts, &n, &idiags);
  if (!n) {
    for (size_t i = 0; i < idiags.n; i++)
      jx_diag_add(diags, idiags.items[i].code, idiags.items[i].severity, idiags.items[i].pos, "%s", idiags.items[i].message);
    jx_diags_free(&idiags);
    return st;
  }
  const char *b = strrchr(path, '/');
  for (size_t k = 0; k < n; k++) {
    if (n > 1) fprintf(out, "%s======== 第 %zu 张（共 %zu 张） ========\n", k ? "\n" : "", k + 1, n);
    jx_audit_counts one = {0};
    size_t len;
    const char *yaml = jx_import_yaml(parts[k], &len);
    char name[512];
    snprintf(name, sizeof name, "%s.yaml", b ? b + 1 : path);
    audit_part(path, framework_path, out, &one, parts[k], jx_import_diags(parts[k]), yaml, len, name, false);
    counts->failed += one.failed;
    counts->inferred += one.inferred;
    counts->unchecked += one.unchecked;
    counts->missing += one.missing;
    counts->refused |= one.refused;
  }
  /* the parts' positions are the file's: a JX513 (a part that is no form) is reported too */
  for (size_t i = 0; i < idiags.n; i++)
    if (!strcmp(idiags.items[i].code, "JX513"))
      jx_diag_add(diags, idiags.items[i].code, idiags.items[i].severity, idiags.items[i].pos, "%s", idiags.items[i].message);
  jx_diags_free(&idiags);
  jx_import_free_all(parts, n);
  return JX_OK;
}
