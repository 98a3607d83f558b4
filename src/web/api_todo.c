/* api_todo.c — GET /api/todo: the logged-in account's 待办 (checkpoints due, years returned, targets to review, rectifications and follow-ups open). */
#include <jansson.h>
#include <stdlib.h>

#include "web/web.h"

void jx_h_todo(jx_req *r) {
  char err[256];
  const char *before = jx_req_query(r, "before");
  int days = -1;
  if (before && *before) {
    char *end = NULL;
    long v = strtol(before, &end, 10);
    if (*end || v < 0 || v > 366) {
      jx_resp_error(r, 400, "bad_before", "提前天数应是 0 到 366 的整数");
      return;
    }
    days = (int)v;
  }
  json_t *j = jx_web_todo(jx_req_store(r), r->user, days, err, sizeof err);
  if (!j) {
    jx_resp_error(r, 500, "store", "%s", err);
    return;
  }
  jx_resp_json(r, 200, j);
}
