/* gen.c — `jixiao gen`: argument parsing for the province generator (jx_generate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "jixiao.h"

static bool parse_count(const char *s, unsigned long long max, unsigned long long *out) {
  char *end;
  if (!s || !*s || *s == '-') return false;
  unsigned long long v = strtoull(s, &end, 10);
  if (*end || v > max) return false;
  *out = v;
  return true;
}

static const char gen_usage[] =
    "用法：jixiao gen --departments N [--seed S] [--years 2022-2023] [--faults ‰] [--projects ‰] [--monitoring [年度]] [-q] -o 目录\n"
    "      jixiao gen --distributions     列出生成所用的分布表（docs/gen.md）\n";

static int usage_error(const char *fmt, const char *arg) {
  fputs("jixiao gen: ", stderr);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  fputs(gen_usage, stderr);
  return 2;
}

/* jixiao gen --departments N --seed S [--years A-B] [--faults PERMILLE] [--projects PERMILLE]
 *            [--monitoring [YEAR]] -o DIR | --distributions */
int cli_gen(int argc, char **argv) {
  jx_gen_options o;
  jx_gen_options_init(&o);
  const char *dir = NULL;
  bool quiet = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    unsigned long long x;
    if (!strcmp(a, "--distributions")) {
      jx_gen_write_distributions(stdout);
      return 0;
    }
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      quiet = true;
    } else if (!strcmp(a, "--departments") || !strcmp(a, "-n")) {
      if (!parse_count(v, 10000000, &x) || x == 0) return usage_error("--departments 应为 1–10000000 的整数，而不是“%s”", v ? v : "");
      o.departments = (size_t)x;
      i++;
    } else if (!strcmp(a, "--seed")) {
      if (!parse_count(v, UINT64_MAX, &x)) return usage_error("--seed 应为非负整数，而不是“%s”", v ? v : "");
      o.seed = x;
      i++;
    } else if (!strcmp(a, "--years")) {
      unsigned long long y1, y2;
      const char *dash = v ? strchr(v, '-') : NULL;
      char first[8] = "";
      if (dash && (size_t)(dash - v) < sizeof first) memcpy(first, v, (size_t)(dash - v));
      bool ok = v && (dash ? parse_count(first, 2100, &y1) && parse_count(dash + 1, 2100, &y2)
                           : parse_count(v, 2100, &y1) && parse_count(v, 2100, &y2));
      if (!ok || y1 < 1990 || y2 < y1) return usage_error("--years 应为“2023”或“2022-2023”（1990–2100），而不是“%s”", v ? v : "");
      o.year_from = (int)y1;
      o.year_to = (int)y2;
      i++;
    } else if (!strcmp(a, "--faults")) {
      if (!parse_count(v, 1000, &x)) return usage_error("--faults 应为 0–1000（‰），而不是“%s”", v ? v : "");
      o.fault_permille = (unsigned)x;
      i++;
    } else if (!strcmp(a, "--projects")) {
      if (!parse_count(v, 1000, &x)) return usage_error("--projects 应为 0–1000（‰），而不是“%s”", v ? v : "");
      o.project_permille = (unsigned)x;
      i++;
    } else if (!strcmp(a, "--monitoring")) { /* the checkpoint reports of YEAR (default: the last year) */
      if (i + 1 < argc && argv[i + 1][0] >= '0' && argv[i + 1][0] <= '9') {
        if (!parse_count(argv[i + 1], 2100, &x) || x < 1990)
          return usage_error("--monitoring 后的年度应为 1990–2100，而不是“%s”", argv[i + 1]);
        o.monitoring_year = (int)x;
        i++;
      } else {
        o.monitoring_year = -1;
      }
    } else if (!strncmp(a, "--monitoring=", 13)) {
      if (!parse_count(a + 13, 2100, &x) || x < 1990) return usage_error("--monitoring 的年度应为 1990–2100，而不是“%s”", a + 13);
      o.monitoring_year = (int)x;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (!v) return usage_error("%s 后应给出输出目录", a);
      dir = v;
      i++;
    } else {
      return usage_error("未知参数“%s”", a);
    }
  }
  if (!dir) return usage_error("请用 -o 指定输出目录%s", "");
  if (o.monitoring_year < 0) o.monitoring_year = o.year_to;
  jx_gen_summary s;
  char err[512];
  bool progress = !quiet && o.departments >= 1000;
  jx_status st = jx_generate(&o, dir, &s, progress ? stderr : NULL, err, sizeof err);
  if (st != JX_OK) {
    fprintf(stderr, "jixiao gen: %s\n", err);
    return st == JX_ERR_INVALID ? 2 : 3;
  }
  if (!quiet) {
    fprintf(stderr, "已生成 %zu 个文件（部门整体 %zu，项目支出 %zu），%zu 个县（财政局），%.1f MB，%zu 个指标 → %s\n", s.files,
            s.department_files, s.project_files, s.counties, (double)s.bytes / 1e6, s.indicators, dir);
    if (s.monitoring_files)
      fprintf(stderr, "监控报告 %zu 个（%d 年 06-30、09-30、11-30，见 %s/monitoring/，每个时点另有一个 checkpoint-MM-DD.csv）\n",
              s.monitoring_files, o.monitoring_year, dir);
    fprintf(stderr, "有意设置错误的文件 %zu 个（见 %s/faults.tsv）", s.faulty, dir);
    const char *sep = "：";
    for (size_t k = 0; k < jx_gen_fault_kinds(); k++)
      if (s.by_fault[k]) {
        fprintf(stderr, "%s%s × %zu", sep, jx_gen_fault_code(k), s.by_fault[k]);
        sep = "，";
      }
    fputc('\n', stderr);
  }
  return 0;
}
