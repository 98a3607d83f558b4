/* api_check.c — the JSON API's stateless check (docs/api.md): YAML in, diagnostics
 * and scores out. */
#include "web/web.h"

/* ---- stateless check: YAML in, diagnostics and scores out --------------------------------- */

void jx_h_check(jx_req *r) {
  if (!r->body_len) {
    jx_resp_error(r, 400, "empty", "请求体为空：应为部门年度数据文件（YAML）");
    return;
  }
  jx_evaluated e;
  jx_evaluate_bytes(r, "上传的文件.yaml", r->body, r->body_len, &e);
  json_t *j = jx_evaluated_json(&e);
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}
