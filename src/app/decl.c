/* decl.c — the declaration use cases of the command line and the web: checking a declaration file. */
#include <stdlib.h>

#include "jixiao.h"
#include "parse/yaml_tree.h"

bool jx_decl_check_file(const char *path, jx_status *st, jx_diags *diags) {
  jx_diags scratch = {0}; /* a file that cannot be read is reported by the year-end path */
  char *data = NULL;
  size_t len = 0;
  jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, &scratch);
  jx_diags_free(&scratch);
  if (rst != JX_OK) return false;
  bool is_decl = jx_decl_sniff(data, len);
  if (is_decl) {
    jx_decl *d = NULL;
    *st = jx_decl_parse(path, data, len, &d, diags);
    jx_decl_free(d);
  }
  free(data);
  return is_decl;
}
