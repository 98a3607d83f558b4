/* monitor.c — `jixiao check` / `jixiao score` of a checkpoint report: load it, compute its lights. */
#include <stdlib.h>

#include "jixiao.h"
#include "parse/yaml_tree.h"

bool jx_monitor_check_file(const char *path, const jx_monrules *rules, jx_status *st, jx_diags *diags, jx_monreport **rep,
                           jx_monresult **res) {
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
