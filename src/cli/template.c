/* template.c — `jixiao template`: argument parsing only; jx_template_write (and, for
 * --kind declaration, jx_decl_load_all and jx_decl_template_write; for --kind checkpoint,
 * jx_monreport_load and jx_monreport_template_write) do the work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "jixiao.h"

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "jixiao template: %s%s%s%s\n", msg, arg ? "“" : "", arg ? arg : "", arg ? "”" : "");
  fputs("用法：jixiao template --kind target|selfeval|project|monitoring -o 模板.xlsx [--frameworks 目录] [数据.yaml]\n"
        "      jixiao template --kind declaration -o 模板.xlsx [申报.yaml|目录 ...]\n"
        "      jixiao template --kind checkpoint [-o 绩效监控表.xlsx] [监控报告.yaml | --checkpoint MM-DD 数据.yaml]\n", stderr);
  return 2;
}

/* --kind declaration: the 绩效目标表 template, blank or from declaration files and directories. */
static int declaration_template(const char *out, const char *const *inputs, size_t n) {
  jx_diags d = {0};
  jx_decl **decls = NULL;
  size_t count = 0;
  char err[512] = "";
  int rc = 0;
  jx_status st = n ? jx_decl_load_all(inputs, n, &decls, &count, &d, err, sizeof err) : JX_OK;
  jx_diags_sort(&d);
  if (st == JX_ERR_IO) jx_diags_print(&d, stderr); /* why a file could not be read; the rest: jixiao check */
  if (st == JX_ERR_INVALID || st == JX_ERR_IO) {
    if (*err) fprintf(stderr, "jixiao template: %s\n", err);
    rc = st == JX_ERR_INVALID ? 2 : 3;
  } else if (n && !count) {
    fprintf(stderr, "jixiao template: 给出的文件和目录中没有绩效目标申报文件（kind: declaration）\n");
    rc = 1;
  } else {
    if (d.n_error) fprintf(stderr, "jixiao template: 申报文件有 %zu 个错误（jixiao check 可列出），仍按其内容预填模板\n", d.n_error);
    st = jx_decl_template_write((const jx_decl *const *)decls, count, out, err, sizeof err);
    if (st != JX_OK) {
      fprintf(stderr, "jixiao template: %s\n", err);
      rc = st == JX_ERR_INVALID ? 2 : 3;
    } else if (count) {
      fprintf(stderr, "已写入 %s（绩效目标申报表模板，已按 %zu 个申报预填）\n", out, count);
    } else {
      fprintf(stderr, "已写入 %s（绩效目标申报表模板，空白）\n", out);
    }
  }
  jx_decl_list_free(decls, count);
  jx_diags_free(&d);
  return rc;
}

/* True when the file at path says `kind: monitoring` (its first 64 KiB). */
static bool is_report(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return true; /* the report loader says why it cannot be read */
  char buf[65536];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  return jx_monreport_sniff(buf, n);
}

/* --kind checkpoint: the 绩效监控表 of one unit at one checkpoint, blank, from a report
 * (kind: monitoring), or from a department-year's targets at --checkpoint MM-DD (default
 * 06-30); -o defaults to 绩效监控表.xlsx. */
static int checkpoint_template(const char *out, const char *const *inputs, size_t n, const char *frameworks,
                               const char *checkpoint) {
  if (n > 1) return usage_error("只能给一个数据文件，多余的是", inputs[1]);
  int month = 6, day = 30;
  if (checkpoint) {
    const char *c = checkpoint;
    bool digits = strlen(c) == 5 && c[2] == '-';
    for (int i = 0; digits && i < 5; i++) digits = i == 2 || (c[i] >= '0' && c[i] <= '9');
    month = digits ? (c[0] - '0') * 10 + (c[1] - '0') : 0;
    day = digits ? (c[3] - '0') * 10 + (c[4] - '0') : 0;
    if (jx_schedule_progress(2000, month, day, NULL, NULL) < 0) /* a leap year: 02-29 passes here */
      return usage_error("--checkpoint 应写作 MM-DD（如 06-30），而不是", checkpoint);
  }
  jx_diags d = {0};
  jx_monreport *rep = NULL;
  jx_session *s = NULL;
  jx_doc *doc = NULL;
  jx_result *res = NULL;
  const jx_framework *fw = NULL;
  int rc = 0;
  bool from_doc = n && !is_report(inputs[0]);
  if (n && !from_doc) {
    jx_status st = jx_monreport_load(inputs[0], &rep, &d);
    jx_diags_sort(&d);
    if (!rep) {
      jx_diags_print(&d, stderr);
      rc = st == JX_ERR_IO ? 3 : 1;
    } else if (d.n_error) {
      fprintf(stderr, "jixiao template: %s 有 %zu 个错误（jixiao check 可列出），仍按其内容预填模板\n", inputs[0], d.n_error);
    }
  } else if (from_doc) { /* a department-year: its unit, budget and targets */
    s = jx_session_new(frameworks);
    jx_status st = jx_session_evaluate(s, inputs[0], &doc, &fw, &res, &d);
    jx_diags_sort(&d);
    if (!doc) {
      jx_diags_print(&d, stderr);
      rc = st == JX_ERR_IO ? 3 : 1;
    } else if (d.n_error) {
      fprintf(stderr, "jixiao template: %s 有 %zu 个错误（jixiao check 可列出），仍按其内容预填模板\n", inputs[0], d.n_error);
    }
    if (doc && jx_schedule_progress(doc->year, month, day, NULL, NULL) < 0) {
      fprintf(stderr, "jixiao template: %d 年没有 %02d-%02d 这一天\n", doc->year, month, day);
      rc = 2;
    }
  }
  if (rc == 0) {
    char err[512];
    jx_status st = from_doc ? jx_doc_checkpoint_template_write(doc, month, day, out, err, sizeof err)
                            : jx_monreport_template_write(rep, out, err, sizeof err);
    if (st != JX_OK) {
      fprintf(stderr, "jixiao template: %s\n", err);
      rc = st == JX_ERR_INVALID ? 2 : 3;
    } else if (from_doc) {
      fprintf(stderr, "已写入 %s（绩效监控表模板，%d-%02d-%02d，已按单位年度的预算和绩效目标预填）\n", out, doc->year, month, day);
    } else {
      fprintf(stderr, "已写入 %s（绩效监控表模板%s）\n", out, rep ? "，已按监控报告预填" : "，空白");
    }
  }
  jx_monreport_free(rep);
  jx_result_free(res);
  jx_doc_free(doc);
  jx_session_free(s);
  jx_diags_free(&d);
  return rc;
}

int cli_template(int argc, char **argv) {
  const char *kind = NULL, *out = NULL, *data = NULL, *frameworks = NULL, *extra = NULL, *checkpoint = NULL;
  const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
  size_t n_inputs = 0;
  if (!inputs) return 3;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "--kind") || !strcmp(a, "-k")) && i + 1 < argc) kind = argv[++i];
    else if (!strncmp(a, "--kind=", 7)) kind = a + 7;
    else if (!strcmp(a, "-o") && i + 1 < argc) out = argv[++i];
    else if (!strcmp(a, "--frameworks") && i + 1 < argc) frameworks = argv[++i];
    else if (!strcmp(a, "--checkpoint") && i + 1 < argc) checkpoint = argv[++i];
    else if (!strncmp(a, "--frameworks=", 13)) frameworks = a + 13;
    else if (a[0] == '-' && a[1]) {
      free(inputs);
      return usage_error("未知选项", a);
    } else {
      inputs[n_inputs++] = a;
      if (data && !extra) extra = a;
      if (!data) data = a;
    }
  }
  int rc = 0;
  jx_template_kind k = JX_TEMPLATE_TARGET;
  bool decl = kind && (!strcmp(kind, "declaration") || !strcmp(kind, "申报表"));
  bool checkpoint_kind = kind && (!strcmp(kind, "checkpoint") || !strcmp(kind, "绩效监控表"));
  if (checkpoint_kind && !out) out = "绩效监控表.xlsx";
  if (!kind) rc = usage_error("请用 --kind 指定模板：target、selfeval、project、monitoring、declaration 或 checkpoint", NULL);
  else if (!decl && !checkpoint_kind && !jx_template_kind_parse(kind, &k))
    rc = usage_error("未知模板种类（应为 target、selfeval、project、monitoring、declaration 或 checkpoint）", kind);
  else if (!out) rc = usage_error("请用 -o 指定输出的 .xlsx 文件", NULL);
  else if (!strcmp(out, "-")) rc = usage_error("XLSX 不能写到标准输出，请用 -o 指定文件", NULL);
  else if (decl) rc = declaration_template(out, inputs, n_inputs);
  else if (checkpoint_kind) rc = checkpoint_template(out, inputs, n_inputs, frameworks, checkpoint);
  else if (checkpoint) rc = usage_error("--checkpoint 只用于 --kind checkpoint", NULL);
  else if (extra) rc = usage_error("只能给一个数据文件，多余的是", extra);
  else rc = -1;
  free(inputs);
  if (rc >= 0) return rc;
  rc = 0;

  jx_diags d = {0};
  jx_session *s = NULL;
  jx_doc *doc = NULL;
  jx_result *res = NULL;
  const jx_framework *fw = NULL;
  if (data) {
    s = jx_session_new(frameworks);
    jx_status st = jx_session_evaluate(s, data, &doc, &fw, &res, &d);
    jx_diags_sort(&d);
    if (!doc) {
      jx_diags_print(&d, stderr);
      rc = st == JX_ERR_IO ? 3 : 1;
    } else if (d.n_error) {
      fprintf(stderr, "jixiao template: %s 有 %zu 个错误（jixiao check 可列出），仍按其内容预填模板\n", data, d.n_error);
    }
  }
  if (rc == 0) {
    char err[512];
    jx_status st = jx_template_write(doc, res, k, out, err, sizeof err);
    if (st != JX_OK) {
      fprintf(stderr, "jixiao template: %s\n", err);
      rc = st == JX_ERR_INVALID ? 2 : 3;
    } else {
      fprintf(stderr, "已写入 %s（%s模板%s）\n", out, jx_template_kind_name(k), doc ? "，已按数据预填" : "，空白");
    }
  }
  jx_result_free(res);
  jx_doc_free(doc);
  jx_session_free(s);
  jx_diags_free(&d);
  return rc;
}
