/* evaluate.c — `jixiao check|score|report|import-report|audit`: argument parsing only; the
 * library loads, checks, scores, renders, imports and audits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "jixiao.h"


typedef struct {
  const char *cmd;
  const char *frameworks;
  const char *format;   /* as given: one name, or several separated by commas */
  jx_format formats[8];
  const char *format_names[8];
  int n_formats;
  const char *output;
  const char *declaration; /* --declaration: the locked declaration the targets are compared with */
  const char *monitoring_rules; /* --monitoring-rules: the rules a checkpoint report's lights follow */
  const char *monitoring;       /* --monitoring: checkpoint reports the year end is checked against */
  bool json;
  const char **files;
  int n_files;
} options;

static bool is_directory(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* argv[0] is the command (check, score, report, import-report or audit); --help was
 * answered by main.c before this is called. */
static int parse_args(int argc, char **argv, options *o) {
  o->cmd = argv[0];
  bool import = !strcmp(o->cmd, "import-report");
  o->files = (const char **)jx_xcalloc((size_t)argc + 1, sizeof *o->files);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--json") && !strcmp(o->cmd, "score")) o->json = true;
    else if (!strcmp(a, "--no-color")) continue; /* output is never coloured; accepted for scripts */
    else if (!strcmp(a, "--frameworks") && i + 1 < argc) o->frameworks = argv[++i];
    else if (!strcmp(o->cmd, "report") && (!strcmp(a, "--format") || !strcmp(a, "-f")) && i + 1 < argc) o->format = argv[++i];
    else if (!strcmp(o->cmd, "report") && !strncmp(a, "--format=", 9)) o->format = a + 9;
    else if ((!strcmp(o->cmd, "report") || import) && !strcmp(a, "-o") && i + 1 < argc) o->output = argv[++i];
    else if (!strncmp(a, "--frameworks=", 13)) o->frameworks = a + 13;
    else if (!import && strcmp(o->cmd, "audit") != 0 && !strcmp(a, "--declaration") && i + 1 < argc) o->declaration = argv[++i];
    else if (!import && strcmp(o->cmd, "audit") != 0 && !strcmp(a, "--monitoring-rules") && i + 1 < argc)
      o->monitoring_rules = argv[++i];
    else if (!import && strcmp(o->cmd, "audit") != 0 && !strcmp(a, "--monitoring") && i + 1 < argc)
      o->monitoring = argv[++i];
    else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "jixiao %s: 未知选项“%s”（jixiao %s --help 列出选项）\n", o->cmd, a, o->cmd);
      return EXIT_USAGE;
    } else o->files[o->n_files++] = a;
  }
  if (o->n_files == 0) {
    fprintf(stderr, "jixiao %s: 请给出%s\n", o->cmd,
            import ? "一个报告文件（.txt 或 .pdf）"
                   : !strcmp(o->cmd, "audit") ? "一个报告文件（.txt 或 .pdf）或数据文件（.yaml）" : "至少一个数据文件");
    return EXIT_USAGE;
  }
  if (strcmp(o->cmd, "check") != 0 && o->n_files != 1) {
    fprintf(stderr, "jixiao %s: 一次只能给一个%s\n", o->cmd, import || !strcmp(o->cmd, "audit") ? "文件" : "数据文件");
    return EXIT_USAGE;
  }
  if (!strcmp(o->cmd, "report")) {
    if (!o->format) {
      fprintf(stderr, "jixiao report: 请用 --format 指定格式：md、html、docx、pdf 或 xlsx\n");
      return EXIT_USAGE;
    }
    static char names[256];
    snprintf(names, sizeof names, "%s", o->format);
    char *save = NULL;
    for (char *name = strtok_r(names, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
      if (o->n_formats == (int)(sizeof o->formats / sizeof o->formats[0])) {
        fprintf(stderr, "jixiao report: 格式太多（最多 8 种）\n");
        return EXIT_USAGE;
      }
      if (!jx_format_parse(name, &o->formats[o->n_formats])) {
        fprintf(stderr, "jixiao report: 未知格式“%s”：应为 md、html、docx、pdf 或 xlsx\n", name);
        return EXIT_USAGE;
      }
      o->format_names[o->n_formats++] = name;
    }
    if (o->n_formats == 0) {
      fprintf(stderr, "jixiao report: 请用 --format 指定格式：md、html、docx、pdf 或 xlsx\n");
      return EXIT_USAGE;
    }
    if (o->n_formats == 1 && o->output && !strcmp(o->output, "-") && o->formats[0] != JX_FORMAT_MD &&
        o->formats[0] != JX_FORMAT_HTML) {
      fprintf(stderr, "jixiao report: %s 不能写到标准输出，请用 -o 指定文件\n", o->format);
      return EXIT_USAGE;
    }
    if (o->n_formats > 1 && o->output && !is_directory(o->output)) {
      fprintf(stderr, "jixiao report: 写出多种格式时 -o 应为已存在的目录：“%s”不是目录\n", o->output);
      return EXIT_USAGE;
    }
  }
  return EXIT_OK;
}

/* Where `report` writes format k: -o as given for one format; otherwise md/html of a
 * single format to stdout, and <dir>/<data file name>.<format> (dir: -o, or here). */
static const char *report_output(const options *o, int k, char *buf, size_t n) {
  if (o->n_formats == 1) {
    if (o->output) return o->output;
    if (o->formats[0] == JX_FORMAT_MD || o->formats[0] == JX_FORMAT_HTML) return "-";
  }
  const char *base = strrchr(o->files[0], '/');
  base = base ? base + 1 : o->files[0];
  size_t len = strcspn(base, ".");
  const char *dir = o->n_formats > 1 && o->output ? o->output : ".";
  if (!strcmp(dir, ".")) snprintf(buf, n, "%.*s.%s", (int)len, base, o->format_names[k]);
  else snprintf(buf, n, "%s/%.*s.%s", dir, (int)len, base, o->format_names[k]);
  return buf;
}

static void print_import_summary(const jx_import_result *r, const char *out) {
  jx_import_summary s;
  jx_import_get_summary(r, &s);
  if (strcmp(out, "-") != 0)
    fprintf(stderr, "已写入 %s：%s，取得 %zu 项数据（推定 %zu 项），未能取得 %zu 项（见文末 assumptions）\n", out, s.shape, s.figures,
            s.inferred, s.missing);
  char *cov = jx_import_coverage_text(&s);
  fprintf(stderr, "%s\n", cov);
  free(cov);
}

/* import-report: the report into YAML; a file of several forms into a directory, one
 * file each (NAME-1.yaml, NAME-2.yaml …). */
static int run_import(const options *o) {
  jx_diags d = {0};
  jx_import_result **parts = NULL;
  size_t n = 0;
  jx_status st = jx_import_report_all(o->files[0], &parts, &n, &d);
  jx_diags_sort(&d);
  jx_diags_print(&d, stderr);
  int rc = st == JX_ERR_IO ? EXIT_IO : st == JX_OK ? EXIT_OK : EXIT_DATA;
  struct stat sb;
  bool to_dir = o->output && stat(o->output, &sb) == 0 && S_ISDIR(sb.st_mode);
  if (n > 1 && !to_dir) {
    fprintf(stderr, "jixiao import-report: 原文有 %zu 张表（%zu 个项目或部门），请用 -o 指定一个已存在的目录，每张表写成一个文件\n", n, n);
    jx_import_free_all(parts, n);
    jx_diags_free(&d);
    return EXIT_USAGE;
  }
  const char *base = strrchr(o->files[0], '/');
  base = base ? base + 1 : o->files[0];
  size_t stem = strcspn(base, ".");
  for (size_t k = 0; k < n; k++) {
    char err[512], path[4096];
    const char *out = o->output ? o->output : "-";
    if (to_dir) {
      if (n > 1) snprintf(path, sizeof path, "%s/%.*s-%zu.yaml", o->output, (int)stem, base, k + 1);
      else snprintf(path, sizeof path, "%s/%.*s.yaml", o->output, (int)stem, base);
      out = path;
    }
    if (jx_import_write_yaml(parts[k], out, err, sizeof err) != JX_OK) {
      fprintf(stderr, "jixiao import-report: %s\n", err);
      rc = EXIT_IO;
      continue;
    }
    print_import_summary(parts[k], out);
  }
  jx_import_free_all(parts, n);
  jx_diags_free(&d);
  return rc;
}

/* audit: import, check, explain. */
static int run_audit(const options *o) {
  jx_diags d = {0};
  jx_audit_counts c;
  jx_status st = jx_audit(o->files[0], o->frameworks, stdout, &c, &d);
  jx_diags_sort(&d);
  jx_diags_print(&d, stderr);
  jx_diags_free(&d);
  if (st == JX_ERR_IO) return EXIT_IO;
  if (st != JX_OK) return EXIT_DATA;
  return c.failed || c.refused ? EXIT_DATA : EXIT_OK;
}

static int exit_for(jx_status st, const jx_diags *d) {
  if (st == JX_ERR_IO) return EXIT_IO;
  return d->n_error ? EXIT_DATA : EXIT_OK;
}

/* check, score, report, import-report and audit: argv[0] is the command. */
int cli_evaluate(int argc, char **argv) {
  options o = {0};
  int rc = parse_args(argc, argv, &o);
  if (rc != EXIT_OK) {
    free(o.files);
    return rc;
  }
  if (!strcmp(o.cmd, "import-report") || !strcmp(o.cmd, "audit")) {
    rc = !strcmp(o.cmd, "audit") ? run_audit(&o) : run_import(&o);
    free(o.files);
    return rc;
  }
  int worst = EXIT_OK;
  size_t errors = 0, warnings = 0;
  jx_decl *locked = NULL;
  if (o.declaration) { /* its own problems first; a declaration that cannot be read stops here */
    jx_diags dd = {0};
    jx_status dst = jx_decl_load(o.declaration, &locked, &dd);
    jx_diags_sort(&dd);
    jx_diags_print(&dd, stderr);
    int code = exit_for(dst, &dd);
    jx_diags_free(&dd);
    if (!locked || code != EXIT_OK) {
      fprintf(stderr, "jixiao %s: 批复的绩效目标文件“%s”%s，无法比对\n", o.cmd, o.declaration, locked ? "有错误" : "无法读取");
      jx_decl_free(locked);
      free(o.files);
      return code != EXIT_OK ? code : EXIT_DATA;
    }
  }
  jx_monrules *mrules = NULL;
  if (o.monitoring_rules) {
    jx_diags rd = {0};
    jx_status rst = jx_monrules_load(o.monitoring_rules, &mrules, &rd);
    jx_diags_sort(&rd);
    jx_diags_print(&rd, !strcmp(o.cmd, "check") ? stdout : stderr); /* where check lists every problem */
    int code = exit_for(rst, &rd);
    jx_diags_free(&rd);
    if (!mrules) {
      fprintf(stderr, "jixiao %s: 监控规则文件“%s”%s\n", o.cmd, o.monitoring_rules, code == EXIT_IO ? "无法读取" : "有错误");
      jx_decl_free(locked);
      free(o.files);
      return code != EXIT_OK ? code : EXIT_DATA;
    }
  }
  jx_session *session = jx_session_new(o.frameworks);
  jx_session_set_brief(session, !strcmp(o.cmd, "check"));
  jx_session_set_monitoring(session, o.monitoring, mrules);
  bool progress = o.n_files >= 100 && isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
  for (int i = 0; i < o.n_files; i++) {
    if (progress && i % 100 == 0) fprintf(stderr, "\r已检查 %d / %d 个文件", i, o.n_files);
    jx_diags d = {0};
    jx_doc *doc = NULL;
    const jx_framework *fw = NULL;
    jx_result *res = NULL;
    jx_decl *form = NULL; /* the file itself, when it is a declaration */
    jx_status st = JX_OK;
    /* a declaration (kind: declaration): checked as one, nothing to score; its report is
     * its 绩效目标表, written as loaded even with errors (as a year-end report is) */
    bool is_decl = (!strcmp(o.cmd, "check") && jx_decl_check_file(o.files[i], &st, &d)) ||
                   (!strcmp(o.cmd, "report") && jx_decl_try_load(o.files[i], &form, &st, &d));
    /* a checkpoint report (kind: monitoring): checked, and its lights are its score */
    jx_monreport *mrep = NULL;
    jx_monresult *mres = NULL;
    bool is_mon = !is_decl && strcmp(o.cmd, "report") != 0 &&
                  jx_monitor_check_file(o.files[i], mrules, locked, &st, &d, &mrep, &mres);
    if (is_mon) {
      jx_diags_sort(&d);
      jx_diags_print(&d, !strcmp(o.cmd, "score") ? stderr : stdout);
      if (!strcmp(o.cmd, "score") && mres) {
        if (o.json) jx_monresult_write_json(mres, stdout);
        else jx_monresult_write_text(mres, stdout);
      }
      errors += d.n_error;
      warnings += d.n_warning;
      int code = exit_for(st, &d);
      if (code > worst) worst = code;
      jx_monresult_free(mres);
      jx_monreport_free(mrep);
      jx_diags_free(&d);
      continue;
    }
    if (!is_decl) {
      st = jx_session_evaluate(session, o.files[i], &doc, &fw, &res, &d);
      if (locked && doc) {
        if (jx_decl_compare(locked, doc, &d) && st == JX_OK && d.n_error) st = JX_ERR_DATA;
        jx_result_set_declaration(res, locked);
      }
    }
    jx_diags_sort(&d);
    if (!strcmp(o.cmd, "report")) {
      jx_diags_print(&d, stderr);
      for (int k = 0; (res || form) && k < o.n_formats; k++) {
        char err[512], name[4096];
        const char *out = report_output(&o, k, name, sizeof name);
        jx_status wst = form ? jx_decl_report_write(form, o.formats[k], out, err, sizeof err)
                             : jx_report_write(doc, res, o.formats[k], out, err, sizeof err);
        if (wst != JX_OK) {
          fprintf(stderr, "jixiao report: %s\n", err);
          st = JX_ERR_IO;
        } else if (strcmp(out, "-") != 0) {
          fprintf(stderr, "已写入 %s\n", out);
        }
      }
    } else if (!strcmp(o.cmd, "score") && o.json && res) {
      jx_result_write_json(res, &d, stdout);
    } else {
      jx_diags_print(&d, !strcmp(o.cmd, "score") ? stderr : stdout);
      if (!strcmp(o.cmd, "score") && res) jx_result_write_text(res, stdout);
    }
    errors += d.n_error;
    warnings += d.n_warning;
    int code = exit_for(st, &d);
    if (code > worst) worst = code;
    jx_result_free(res);
    jx_doc_free(doc);
    jx_decl_free(form);
    jx_diags_free(&d);
  }
  jx_session_free(session);
  jx_decl_free(locked);
  jx_monrules_free(mrules);
  if (progress) fprintf(stderr, "\r已检查 %d / %d 个文件\n", o.n_files, o.n_files);
  if (!strcmp(o.cmd, "check")) printf("%d 个文件：%zu 个错误，%zu 个警告\n", o.n_files, errors, warnings);
  free(o.files);
  if (!strcmp(o.cmd, "report")) jx_global_cleanup();
  return worst;
}
