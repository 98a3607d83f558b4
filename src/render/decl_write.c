/* decl_write.c — jx_decl_report_write: the 绩效目标表 of a declaration built once as a report
 * (decl_form.c) and handed to the backend of a format, as the year-end report is. */
#include <stdio.h>

#include "render/decl.h"

jx_status jx_decl_report_write(const jx_decl *d, jx_format fmt, const char *path, char *err, size_t errlen) {
  if (errlen) err[0] = '\0';
  if (!d || !path) {
    snprintf(err, errlen, "没有可写的绩效目标表");
    return JX_ERR_INVALID;
  }
  jx_report *rep = jx_decl_report_build(d);
  jx_status st = jx_report_render(rep, fmt, path, err, errlen);
  jx_report_free(rep);
  return st;
}
