/* plugin.c — the entry point of the report module (libjixiao-render.so), loaded by report_write.c. */
#include "render/report.h"

const jx_render_plugin *jx_render_plugin_v1(void) __attribute__((visibility("default")));

const jx_render_plugin *jx_render_plugin_v1(void) {
  static const jx_render_plugin table = {
      JX_RENDER_ABI, jx_render_html, jx_render_docx, jx_render_pdf, jx_render_xlsx, jx_global_cleanup,
  };
  return &table;
}
