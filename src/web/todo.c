/* todo.c — the 待办 of the logged-in account as JSON, for the web's 待办 page: its role and
 * department handed to jx_store_todo (src/store/todo.c), the answer jx_todo_json's. */
#include <jansson.h>
#include <stdio.h>

#include "jixiao.h"
#include "store/todo.h"
#include "web/web.h"

json_t *jx_web_todo(struct jx_store *s, const jx_user *u, int before_days, char *err, size_t errlen) {
  if (!u) {
    snprintf(err, errlen, "没有登录");
    return NULL;
  }
  jx_todo_query q = {jx_role_name(u->role), u->department, before_days};
  jx_todo *t;
  size_t n;
  if (jx_store_todo(s, &q, &t, &n) != JX_OK) {
    snprintf(err, errlen, "%s", jx_store_errmsg(s));
    return NULL;
  }
  json_t *j = jx_todo_json(t, n);
  jx_todo_free(t);
  return j;
}
