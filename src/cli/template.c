/* template.c — `jixiao template`: argument parsing only; jx_template_write does the work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "jixiao.h"

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "jixiao template: %s%s%s%s\n", msg, arg ? "“" : "", arg ? arg : "", arg ? "”" : "");
  fputs("用法：jixiao template --kind target|selfeval|project|monitoring -o 模板.xlsx [--frameworks 目录] [数据.yaml]\n", stderr);
  return 2;
}

int cli_template(int argc, char **argv) {
  const char *kind = NULL, *out = NULL, *data = NULL, *frameworks = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "--kind") || !strcmp(a, "-k")) && i + 1 < argc) kind = argv[++i];
    else if (!strncmp(a, "--kind=", 7)) kind = a + 7;
    else if (!strcmp(a, "-o") && i + 1 < argc) out = argv[++i];
    else if (!strcmp(a, "--frameworks") && i + 1 < argc) frameworks = argv[++i];
    else if (!strncmp(a, "--frameworks=", 13)) frameworks = a + 13;
    else if (a[0] == '-' && a[1]) return usage_error("未知选项", a);
    else if (data) return usage_error("只能给一个数据文件，多余的是", a);
    else data = a;
  }
  jx_template_kind k;
  if (!kind) return usage_error("请用 --kind 指定模板：target、selfeval、project 或 monitoring", NULL);
  if (!jx_template_kind_parse(kind, &k)) return usage_error("未知模板种类（应为 target、selfeval、project 或 monitoring）", kind);
  if (!out) return usage_error("请用 -o 指定输出的 .xlsx 文件", NULL);
  if (!strcmp(out, "-")) return usage_error("XLSX 不能写到标准输出，请用 -o 指定文件", NULL);

  jx_diags d = {0};
  jx_session *s = NULL;
  jx_doc *doc = NULL;
  jx_result *res = NULL;
  const jx_framework *fw = NULL;
  int rc = 0;
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
