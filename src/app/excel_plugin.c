/* excel_plugin.c — the entry point of the Excel and documents module (libjixiao-excel.so),
 * loaded by parse/sheet.c: the XLSX reader, the template writers, the grid writer (指标库) and
 * the document readers of import-report (it sits in app/ because it hands out render/ and
 * import/ functions). */
#include "import/docread.h"
#include "parse/xlsx.h"
#include "render/decl.h"
#include "render/report.h"

const jx_excel_plugin *jx_excel_plugin_v1(void) __attribute__((visibility("default")));

const jx_excel_plugin *jx_excel_plugin_v1(void) {
  static const jx_excel_plugin table = {JX_EXCEL_ABI,        jx_xlsx_read_file,     jx_xlsx_read_mem,
                                         jx_render_template,  jx_docx_to_text,       jx_html_to_text,
                                         jx_pdf_layout_to_text, jx_xlsx_file_to_text, jx_render_decl_template,
                                         jx_render_grid_xlsx,   jx_render_mon_template};
  return &table;
}
