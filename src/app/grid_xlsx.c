/* grid_xlsx.c — a plain grid of texts as an XLSX workbook (the web's exports of lists),
 * through the Excel module where the build has one, else the render layer directly. */
#include "app/app.h"
#include "parse/xlsx.h"
#include "render/decl.h"

jx_status jx_app_grid_xlsx(const jx_xlsx_grid *g, const char *path, char *err, size_t errlen) {
#ifdef JX_RENDER_PLUGIN
  const jx_excel_plugin *p = jx_excel_module(err, errlen);
  return p ? p->grid_write(g, path, err, errlen) : JX_ERR_IO;
#else
  return jx_render_grid_xlsx(g, path, err, errlen);
#endif
}
