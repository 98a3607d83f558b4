/* template.c — writing the official forms as XLSX templates: jx_template_write and
 * jx_decl_template_write, through the Excel module for the command line (parse/sheet.c
 * loads it), else render/template.c and render/decl_template.c. */
#include "parse/xlsx.h"
#include "render/decl.h"
#include "render/report.h"

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
