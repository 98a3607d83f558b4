/* template.c — writing workbooks: the official forms as XLSX templates (jx_template_write,
 * jx_decl_template_write, jx_monreport_template_write) and the indicator library (jx_library_write_xlsx), through the
 * Excel module for the command line (parse/sheet.c loads it), else render/template.c and
 * render/decl_template.c. */
#include <stdlib.h>

#include "model/monitor.h"
#include "parse/xlsx.h"
#include "render/decl.h"
#include "render/report.h"
#include "store/store.h"

jx_status jx_template_write(const jx_doc *doc, const jx_result *res, jx_template_kind kind, const char *path,
                            char *err, size_t errlen) {
#ifdef JX_RENDER_PLUGIN
  const jx_excel_plugin *p = jx_excel_module(err, errlen);
  if (!p) return JX_ERR_IO;
  return p->template_write(doc, res, kind, path, err, errlen);
#else
  return jx_render_template(doc, res, kind, path, err, errlen);
#endif
}

jx_status jx_decl_template_write(const jx_decl *const *decls, size_t n, const char *path, char *err, size_t errlen) {
#ifdef JX_RENDER_PLUGIN
  const jx_excel_plugin *p = jx_excel_module(err, errlen);
  if (!p) return JX_ERR_IO;
  return p->decl_template_write(decls, n, path, err, errlen);
#else
  return jx_render_decl_template(decls, n, path, err, errlen);
#endif
}

jx_status jx_monreport_template_write(const jx_monreport *rep, const char *path, char *err, size_t errlen) {
#ifdef JX_RENDER_PLUGIN
  const jx_excel_plugin *p = jx_excel_module(err, errlen);
  if (!p) return JX_ERR_IO;
  return p->mon_template_write(rep, path, err, errlen);
#else
  return jx_render_mon_template(rep, path, err, errlen);
#endif
}

jx_status jx_doc_checkpoint_template_write(const jx_doc *doc, int month, int day, const char *path, char *err,
                                           size_t errlen) {
  jx_monreport *r = jx_monreport_from_doc(doc, month, day);
  for (size_t i = 0; r && i < r->indicators.n; i++)
    jx_target_read(r->indicators.items[i].target, &r->indicators.items[i].target_read);
  jx_status st = jx_monreport_template_write(r, path, err, errlen);
  jx_monreport_free(r);
  return st;
}

jx_status jx_library_write_xlsx(jx_store *s, const char *path, size_t *n, char *err, size_t errlen) {
  if (n) *n = 0;
  if (errlen) err[0] = '\0';
  if (!path || !*path) {
    snprintf(err, errlen, "XLSX 不能写到标准输出：请用 -o 给出文件");
    return JX_ERR_INVALID;
  }
  jx_table *t = NULL;
  jx_status st = jx_store_library_table(s, &t);
  if (st != JX_OK) {
    snprintf(err, errlen, "%s", jx_store_errmsg(s));
    return st;
  }
  jx_xlsx_grid g = {"指标库", t->ncols, t->nrows, t->keys, t->numeric, t->cells}; /* the CSV's header */
#ifdef JX_RENDER_PLUGIN
  const jx_excel_plugin *p = jx_excel_module(err, errlen);
  st = p ? p->grid_write(&g, path, err, errlen) : JX_ERR_IO;
#else
  st = jx_render_grid_xlsx(&g, path, err, errlen);
#endif
  if (st == JX_OK && n) *n = t->nrows;
  jx_table_free(t);
  return st;
}
