/* excel_plugin.c — the entry point of the Excel module (libjixiao-excel.so), loaded by parse/sheet.c. */
#include "parse/xlsx.h"
#include "render/report.h"

const jx_excel_plugin *jx_excel_plugin_v1(void) __attribute__((visibility("default")));

const jx_excel_plugin *jx_excel_plugin_v1(void) {
  static const jx_excel_plugin table = {JX_EXCEL_ABI, jx_xlsx_read_file, jx_xlsx_read_mem, jx_render_template};
  return &table;
}
