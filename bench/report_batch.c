/* report_batch.c — writes one department-year's report N times in one process, the way a
 * finance bureau writes a batch of reports, and prints the time per report (bench/run).
 *
 *   report_batch FORMAT N FILE.yaml OUT_DIR
 *       → "first_ms median_ms mean_ms median_cpu_ms" on stdout (wall clock, except the last:
 *         this process's CPU time, which other processes on the machine disturb less)
 *
 * The file is loaded and scored once; each report is a fresh jx_report_write into
 * OUT_DIR/report-K.FORMAT.  The first report pays the one-off cost of loading fonts, so
 * it is given separately.  A benchmark helper, not part of the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jixiao.h"

static double clock_ms(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s md|html|docx|pdf|xlsx N FILE.yaml OUT_DIR\n", argv[0]);
    return 2;
  }
  jx_format fmt;
  int n = atoi(argv[2]);
  if (!jx_format_parse(argv[1], &fmt) || n < 1) {
    fprintf(stderr, "report_batch: bad format or count\n");
    return 2;
  }
  jx_doc *doc = NULL;
  jx_framework *fw = NULL;
  jx_result *res = NULL;
  jx_diags d = {0};
  jx_status st = jx_evaluate_file(argv[3], NULL, &doc, &fw, &res, &d);
  if (!res) {
    jx_diags_print(&d, stderr);
    fprintf(stderr, "report_batch: %s could not be scored (status %d)\n", argv[3], (int)st);
    return 1;
  }
  double *t = calloc((size_t)n, sizeof *t), *cpu = calloc((size_t)n, sizeof *cpu);
  if (!t || !cpu) return 1;
  char path[4096], err[512];
  int rc = 0;
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/report-%d.%s", argv[4], i, argv[1]);
    double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (jx_report_write(doc, res, fmt, path, err, sizeof err) != JX_OK) {
      fprintf(stderr, "report_batch: %s\n", err);
      rc = 1;
      break;
    }
    t[i] = clock_ms(CLOCK_MONOTONIC) - t0;
    cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
  }
  if (!rc) {
    double first = t[0], sum = 0;
    for (int i = 0; i < n; i++) sum += t[i];
    qsort(t, (size_t)n, sizeof *t, cmp);
    qsort(cpu, (size_t)n, sizeof *cpu, cmp);
    double med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    double cmed = n % 2 ? cpu[n / 2] : (cpu[n / 2 - 1] + cpu[n / 2]) / 2;
    printf("%.3f %.3f %.3f %.3f\n", first, med, sum / n, cmed);
  }
  free(t);
  free(cpu);
  jx_result_free(res);
  jx_framework_free(fw);
  jx_doc_free(doc);
  jx_diags_free(&d);
  jx_global_cleanup();
  return rc;
}
