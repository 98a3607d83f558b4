/* import.c — `jixiao import`: argument parsing only; jx_sheet_import reads (jx_decl_export_read an export of declarations, jx_monreport_sheet_read a filled 绩效监控表), app/ merges, checks and stores, jx_doc_write_yaml writes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/commands.h"
#include "jixiao.h"

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "jixiao import: %s%s%s%s\n", msg, arg ? "“" : "", arg ? arg : "", arg ? "”" : "");
  fputs("用法：jixiao import 表格.xlsx|表格.csv [-o 输出.yaml | --onto 数据.yaml [-o 输出.yaml] | --db 数据库 [--user 人]]\n"
        "       jixiao import 申报导出.xlsx|申报导出.csv -o 目录 [--year 年度]   （项目申报导出：每个项目一个申报文件）\n"
        "       jixiao import 绩效监控表.xlsx [-o 监控报告.yaml]   （填好的绩效监控表：写成监控报告）\n"
        "                     [--check [--frameworks 目录]] [--kind 种类] [--framework 框架] [--year 年度]\n"
        "                     [--department 部门名称] [--code 单位编码]\n",
        stderr);
  return 2;
}

/* Write the document to path through a temporary file renamed into place, so that a
 * failed write never leaves a partial file. */
static int write_out(const jx_doc *doc, const char *path) {
  char err[512];
  if (!strcmp(path, "-")) {
    if (jx_doc_write_yaml(doc, stdout, err, sizeof err) != JX_OK || fflush(stdout) != 0) {
      fprintf(stderr, "jixiao import: %s\n", err);
      return 3;
    }
    return 0;
  }
  size_t n = strlen(path) + 32;
  char *tmp = jx_xmalloc(n);
  snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  int rc = 0;
  if (!f) {
    fprintf(stderr, "jixiao import: 无法写入“%s”：%s\n", path, strerror(errno));
    rc = 3;
  } else {
    jx_status st = jx_doc_write_yaml(doc, f, err, sizeof err);
    if (fclose(f) != 0 && st == JX_OK) {
      st = JX_ERR_IO;
      snprintf(err, sizeof err, "写入“%s”失败", path);
    }
    if (st == JX_OK && rename(tmp, path) != 0) {
      st = JX_ERR_IO;
      snprintf(err, sizeof err, "无法写入“%s”：%s", path, strerror(errno));
    }
    if (st != JX_OK) {
      fprintf(stderr, "jixiao import: %s\n", err);
      remove(tmp);
      rc = 3;
    }
  }
  free(tmp);
  return rc;
}

/* A filled 绩效监控表: the checkpoint report (kind: monitoring) to path ("-": stdout), through
 * a temporary file renamed into place; nothing written when it has errors. */
static int import_checkpoint(const char *in, const char *path, jx_monreport *rep, jx_status st, jx_diags *d) {
  jx_diags_print(d, stderr);
  int rc = 0;
  char err[512] = "";
  if (st != JX_OK || !rep) {
    fprintf(stderr, "jixiao import: %zu 个错误，未写出文件\n", d->n_error ? d->n_error : 1);
    rc = st == JX_ERR_IO ? 3 : 1;
  } else if (!strcmp(path, "-")) {
    if (jx_monreport_write_yaml(rep, stdout, err, sizeof err) != JX_OK || fflush(stdout) != 0) {
      fprintf(stderr, "jixiao import: %s\n", *err ? err : "写入失败");
      rc = 3;
    }
  } else {
    size_t n = strlen(path) + 32;
    char *tmp = jx_xmalloc(n);
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    jx_status wst = f ? jx_monreport_write_yaml(rep, f, err, sizeof err) : JX_ERR_IO;
    if (!f) snprintf(err, sizeof err, "无法写入“%s”：%s", path, strerror(errno));
    if (f && fclose(f) != 0 && wst == JX_OK) {
      wst = JX_ERR_IO;
      snprintf(err, sizeof err, "写入“%s”失败", path);
    }
    if (wst == JX_OK && rename(tmp, path) != 0) {
      wst = JX_ERR_IO;
      snprintf(err, sizeof err, "无法写入“%s”：%s", path, strerror(errno));
    }
    if (wst != JX_OK) {
      fprintf(stderr, "jixiao import: %s\n", err);
      remove(tmp);
      rc = 3;
    } else {
      fprintf(stderr, "%s：绩效监控表（%s %04d-%02d-%02d，%zu 个资金来源，%zu 项指标），已写入 %s\n", in, rep->unit_name, rep->year,
              rep->month, rep->day, rep->sources.n, rep->indicators.n, path);
    }
    free(tmp);
  }
  jx_monreport_free(rep);
  jx_diags_free(d);
  return rc;
}

/* --db: the form into the collection (merged onto the current version there). */
static int into_store(const char *target, const char *user, const char *in, jx_doc *doc, jx_template_kind found,
                      jx_status st, jx_diags *d) {
  int rc = st == JX_ERR_IO ? 3 : 1;
  if (doc) {
    char err[512];
    jx_store *s = NULL;
    st = jx_store_open(target, &s, err, sizeof err);
    if (st != JX_OK) {
      fprintf(stderr, "jixiao import: %s\n", err);
      rc = 3;
    } else {
      const char *who = user ? user : getenv("USER");
      jx_store_import_opts io = {who && *who ? who : "unknown", NULL, NULL, 0, NULL, NULL};
      jx_store_import_info info;
      memset(&info, 0, sizeof info);
      /* stored as a YAML file: positions of its checks are lines of `jixiao db export` */
      const char *dot = strrchr(in, '.');
      size_t stem = dot && dot > in && !strchr(dot, '/') ? (size_t)(dot - in) : strlen(in);
      char name[4096];
      snprintf(name, sizeof name, "%.*s.yaml", (int)stem, in);
      st = jx_store_import_sheet(s, name, doc, found, &io, &info, d);
      jx_diags_print(d, stderr);
      static const char *what[] = {"新建", "新版本", "内容未变"};
      if (info.version > 0)
        fprintf(stderr, "已存入 %s：%s %d 年度第 %lld 版（%s，改动 %zu 项，%zu 个错误、%zu 个警告）\n", target, info.department,
                info.year, (long long)info.version, what[info.outcome], info.changes, info.errors, info.warnings);
      else if (*jx_store_errmsg(s))
        fprintf(stderr, "jixiao import: %s\n", jx_store_errmsg(s));
      rc = st == JX_OK ? 0 : st == JX_ERR_IO ? 3 : 1;
    }
    jx_store_close(s);
  } else {
    jx_diags_print(d, stderr);
    if (st == JX_ERR_DATA) fprintf(stderr, "jixiao import: %zu 个错误，未存入\n", d->n_error);
  }
  jx_doc_free(doc);
  jx_diags_free(d);
  return rc;
}

/* A budget system's export of declarations (jx_decl_export_read): one declaration file per
 * project into the directory out. */
static int declarations_into_store(const char *target, const char *user, const char *in, const jx_decl_export *x) {
  char err[512];
  jx_store *s = NULL;
  jx_status st = jx_store_open(target, &s, err, sizeof err);
  if (st != JX_OK) {
    fprintf(stderr, "jixiao import: %s\n", err);
    return 3;
  }
  const char *who = user ? user : getenv("USER");
  jx_decl_store_opts so = {{who && *who ? who : "unknown", NULL, NULL}, NULL};
  jx_decl_store_info *info = jx_xcalloc(x->n ? x->n : 1, sizeof *info);
  /* every project of the export in one transaction: all or nothing */
  st = jx_store_decl_import_all(s, (const jx_decl *const *)x->items, x->n, &so, info);
  if (st == JX_OK) {
    size_t counts[3] = {0};
    for (size_t i = 0; i < x->n; i++) counts[info[i].outcome]++;
    fprintf(stderr, "%s：%zu 个项目申报已存入数据库（新建 %zu，新版本 %zu，未变化 %zu）\n", in, x->n, counts[JX_STORED_NEW],
            counts[JX_STORED_VERSION], counts[JX_STORED_UNCHANGED]);
  } else {
    fprintf(stderr, "jixiao import: %s\n", jx_store_errmsg(s));
  }
  free(info);
  jx_store_close(s);
  return st == JX_OK ? 0 : st == JX_ERR_IO ? 3 : st == JX_ERR_INVALID ? 2 : 1;
}

static int import_declarations(const char *in, const char *out, const char *db, const char *user, jx_decl_export *x,
                               jx_status st, jx_diags *d) {
  jx_diags_print(d, stderr);
  int rc = 0;
  if (db && st != JX_OK) {
    fprintf(stderr, "jixiao import: %zu 个错误，未存入\n", d->n_error ? d->n_error : 1);
    rc = st == JX_ERR_IO ? 3 : 1;
  } else if (db) {
    rc = declarations_into_store(db, user, in, x);
  } else if (!out || !strcmp(out, "-")) {
    rc = usage_error("这是项目申报导出，按项目写成多个文件：请用 -o 目录", NULL);
  } else if (st != JX_OK) {
    fprintf(stderr, "jixiao import: %zu 个错误，未写出文件\n", d->n_error ? d->n_error : 1);
    rc = st == JX_ERR_IO ? 3 : 1;
  } else {
    char err[512];
    jx_status wst = jx_decl_export_write_dir(x, out, err, sizeof err);
    if (wst != JX_OK) {
      fprintf(stderr, "jixiao import: %s\n", err);
      rc = wst == JX_ERR_INVALID ? 2 : 3;
    } else {
      const jx_decl_export_counts *k = &x->counts;
      fprintf(stderr,
              "%s：%s，%zu 个项目，%zu 行指标（可读 %zu，期限 %zu，定性 %zu，不适用 %zu，空白 %zu，无法读取 %zu），已写入 %s/\n",
              in, x->layout, x->n, k->rows, k->readable, k->deadlines, k->qualitative, k->not_applicable, k->blank,
              k->unreadable, out);
    }
  }
  jx_decl_export_free(x);
  jx_diags_free(d);
  return rc;
}

int cli_import(int argc, char **argv) {
  const char *in = NULL, *out = NULL, *kind = NULL, *year = NULL, *onto = NULL, *db = NULL, *user = NULL,
             *code = NULL, *frameworks = NULL;
  bool check = false;
  jx_sheet_options opt = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-o") && i + 1 < argc) out = argv[++i];
    else if (!strcmp(a, "--kind") && i + 1 < argc) kind = argv[++i];
    else if (!strcmp(a, "--framework") && i + 1 < argc) opt.framework = argv[++i];
    else if (!strcmp(a, "--year") && i + 1 < argc) year = argv[++i];
    else if (!strcmp(a, "--department") && i + 1 < argc) opt.department = argv[++i];
    else if (!strcmp(a, "--onto") && i + 1 < argc) onto = argv[++i];
    else if (!strcmp(a, "--db") && i + 1 < argc) db = argv[++i];
    else if (!strcmp(a, "--user") && i + 1 < argc) user = argv[++i];
    else if (!strcmp(a, "--code") && i + 1 < argc) code = argv[++i];
    else if (!strcmp(a, "--check")) check = true;
    else if (!strcmp(a, "--frameworks") && i + 1 < argc) frameworks = argv[++i];
    else if (a[0] == '-' && a[1]) return usage_error("未知选项", a);
    else if (in) return usage_error("一次只能导入一个文件，多余的是", a);
    else in = a;
  }
  if (!in) return usage_error("请给出一个 .xlsx 或 .csv 文件", NULL);
  if (db && (onto || out)) return usage_error("--db 存入数据库，不与 --onto、-o 同用", NULL);
  if (kind) {
    jx_template_kind k;
    if (!jx_template_kind_parse(kind, &k)) return usage_error("未知表格种类（应为 target、selfeval、project 或 monitoring）", kind);
    opt.kind = (int)k;
    opt.kind_set = true;
  }
  if (year) {
    char *end;
    long y = strtol(year, &end, 10);
    if (*end || y < 1990 || y > 2100) return usage_error("年度应为 1990 到 2100 的年份，这里是", year);
    opt.year = (int)y;
  }
  jx_diags d = {0};
  if (!kind && !onto) { /* a filled 绩效监控表: by its marker, or its sheet and labels */
    jx_monreport *rep = NULL;
    bool recognised = false;
    jx_status mst = jx_monreport_sheet_read(in, &rep, &recognised, &d);
    if (recognised && db) {
      jx_monreport_free(rep);
      jx_diags_free(&d);
      return usage_error("这是绩效监控表，不能用 --db 导入：请用 -o 写成监控报告文件（kind: monitoring）", NULL);
    }
    if (recognised) {
      if (opt.framework || opt.department || code || check || year)
        fprintf(stderr, "jixiao import: 这是绩效监控表，--framework、--department、--code、--check、--year 不适用，已忽略\n");
      return import_checkpoint(in, out ? out : "-", rep, mst, &d);
    }
  }
  if (!kind && !onto) { /* an export of declarations is recognised by its headers */
    jx_decl_export_options dopt = {opt.year};
    jx_decl_export x;
    jx_status dst = jx_decl_export_read(in, &dopt, &x, &d);
    if (x.recognised) {
      if (opt.framework || opt.department || code || check)
        fprintf(stderr, "jixiao import: 这是项目申报导出，--framework、--department、--code、--check 不适用，已忽略\n");
      return import_declarations(in, out, db, user, &x, dst, &d);
    }
    jx_decl_export_free(&x);
  }
  if (!out) out = "-";
  jx_doc *doc = NULL, *base = NULL;
  jx_template_kind found = JX_TEMPLATE_TARGET;
  jx_status st = jx_sheet_import(in, &opt, &doc, &found, &d);
  if (doc && code) doc->department_code = code;
  if (db) return into_store(db, user, in, doc, found, st, &d);
  if (doc && onto) { /* the form's fields into the full department-year */
    jx_diags bd = {0};
    st = jx_sheet_onto(onto, doc, found, &base, &bd, &d);
    if (!base) jx_diags_print(&bd, stderr);
    jx_diags_free(&bd);
  }
  jx_diags_print(&d, stderr); /* in sheet and cell order, as found */
  int rc = st == JX_ERR_IO ? 3 : st == JX_OK ? 0 : 1;
  if (doc && st == JX_OK) {
    rc = write_out(base ? base : doc, out);
    if (rc == 0 && strcmp(out, "-") != 0) fprintf(stderr, "已写入 %s\n", out);
    if (rc == 0 && check) { /* as `jixiao check` would, at the cells */
      jx_diags cd = {0};
      jx_status cst = jx_sheet_check(base ? base : doc, frameworks, &cd);
      for (size_t i = 0; i < cd.n; i++) /* about the whole file: at the file */
        if (!cd.items[i].pos.file) cd.items[i].pos.file = in;
      jx_diags_print(&cd, stderr);
      fprintf(stderr, "检查：%zu 个错误，%zu 个警告\n", cd.n_error, cd.n_warning);
      rc = cst == JX_ERR_IO ? 3 : cd.n_error ? 1 : 0;
      jx_diags_free(&cd);
    }
  } else if (st == JX_ERR_DATA) {
    fprintf(stderr, "jixiao import: %zu 个错误，未写出文件\n", d.n_error ? d.n_error : 1);
  }
  jx_doc_free(base); /* base points into doc: freed first */
  jx_doc_free(doc);
  jx_diags_free(&d);
  return rc;
}
