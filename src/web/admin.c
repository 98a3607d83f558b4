/* admin.c — jx_user_add (the first account and every other one: no default password
 * exists) and jx_web_db_open (open + migrate). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "util/email.h"
#include "web/store.h"
#include "web/web.h"

struct jx_db *jx_web_db_open(const char *target, char *err, size_t errlen) {
  jx_db *db = NULL;
  jx_web_register_migrations();
  if (jx_db_open(target, &db, err, errlen) != JX_OK) return NULL;
  if (jx_db_migrate(db) != JX_OK) {
    snprintf(err, errlen, "%s", jx_db_errmsg(db));
    jx_db_close(db);
    return NULL;
  }
  return db;
}

void jx_web_db_close(struct jx_db *db) { jx_db_close(db); }

/* The department's code from a code or an exact name; NULL when there is none. */
static char *department_code(jx_db *db, const char *dep, char *buf, size_t n) {
  jx_stmt *st;
  if (jx_db_prepare(db, "SELECT code FROM department WHERE code = ? OR name = ? ORDER BY code = ? DESC", &st) != JX_OK)
    return NULL;
  jx_stmt_bind_text(st, 1, dep, -1);
  jx_stmt_bind_text(st, 2, dep, -1);
  jx_stmt_bind_text(st, 3, dep, -1);
  char *out = NULL;
  if (jx_stmt_step(st) == JX_DB_ROW) {
    snprintf(buf, n, "%s", jx_stmt_text(st, 0));
    out = buf;
  }
  jx_stmt_finalize(st);
  return out;
}

jx_status jx_web_user_add(struct jx_db *db, const char *username, const char *password, const char *role,
                          const char *department, char *err, size_t errlen) {
  jx_role r;
  if (!role || !jx_role_parse(role, &r)) {
    snprintf(err, errlen, "角色“%s”不对：应为 officer（填报人）、head（部门审核人）、reviewer（财政局复核人）或 admin",
             role ? role : "");
    return JX_ERR_INVALID;
  }
  size_t ulen = username ? strlen(username) : 0;
  if (ulen == 0 || ulen > 64 || strpbrk(username, " \t\r\n\"'<>&/\\")) {
    snprintf(err, errlen, "账号名应为 1–64 字节，不含空白、引号、尖括号、& 和斜杠");
    return JX_ERR_INVALID;
  }
  if (!password || strlen(password) < 10) {
    snprintf(err, errlen, "口令太短：至少 10 个字符");
    return JX_ERR_INVALID;
  }
  if (strlen(password) > 1024) {
    snprintf(err, errlen, "口令过长：上限 1024 字节");
    return JX_ERR_INVALID;
  }
  bool needs_dep = r == JX_ROLE_OFFICER || r == JX_ROLE_HEAD;
  if (needs_dep && (!department || !*department)) {
    snprintf(err, errlen, "%s账号必须指明所属部门（部门代码或名称）", jx_role_label(r));
    return JX_ERR_INVALID;
  }
  if (sodium_init() < 0) {
    snprintf(err, errlen, "libsodium 初始化失败");
    return JX_ERR_IO;
  }
  char code[256];
  const char *dep = NULL;
  if (department && *department) {
    dep = department_code(db, department, code, sizeof code);
    if (!dep) {
      snprintf(err, errlen, "没有部门“%s”（先用 jixiao db 导入部门）", department);
      return JX_ERR_INVALID;
    }
  }
  return jx_account_create(db, username, password, role, dep, err, errlen);
}

jx_status jx_user_add(const char *target, const char *username, const char *password, const char *role,
                      const char *department, char *err, size_t errlen) {
  jx_db *db = jx_web_db_open(target, err, errlen);
  if (!db) return JX_ERR_IO;
  jx_status st = jx_web_user_add(db, username, password, role, department, err, errlen);
  jx_db_close(db);
  return st;
}

jx_status jx_web_user_email(struct jx_db *db, const char *username, const char *email, char *err, size_t errlen) {
  const char *why = NULL;
  if (email && *email && !jx_email_valid(email, &why)) {
    snprintf(err, errlen, "邮箱地址不对：%s", why);
    return JX_ERR_INVALID;
  }
  jx_stmt *st;
  if (jx_db_prepare(db, "UPDATE web_account SET email = ? WHERE username = ? RETURNING id", &st) != JX_OK) {
    snprintf(err, errlen, "%s", jx_db_errmsg(db));
    return JX_ERR_IO;
  }
  jx_stmt_bind_text(st, 1, email && *email ? email : NULL, -1);
  jx_stmt_bind_text(st, 2, username ? username : "", -1);
  jx_status s = jx_stmt_step(st);
  jx_stmt_finalize(st);
  if (s == JX_DB_ROW) return JX_OK;
  if (s == JX_DB_DONE) {
    snprintf(err, errlen, "没有账号“%s”", username ? username : "");
    return JX_ERR_INVALID;
  }
  snprintf(err, errlen, "%s", jx_db_errmsg(db));
  return JX_ERR_IO;
}

jx_status jx_user_email(const char *target, const char *username, const char *email, char *err, size_t errlen) {
  jx_db *db = jx_web_db_open(target, err, errlen);
  if (!db) return JX_ERR_IO;
  jx_status st = jx_web_user_email(db, username, email, err, errlen);
  jx_db_close(db);
  return st;
}

jx_status jx_user_info(const char *target, const char *username, char *role, size_t rolelen, char *department,
                       size_t deplen, char *err, size_t errlen) {
  jx_db *db = jx_web_db_open(target, err, errlen);
  if (!db) return JX_ERR_IO;
  jx_stmt *st;
  jx_status s = jx_db_prepare(db, "SELECT role, COALESCE(department, '') FROM web_account WHERE username = ?", &st);
  if (s == JX_OK) {
    jx_stmt_bind_text(st, 1, username ? username : "", -1);
    s = jx_stmt_step(st);
    if (s == JX_DB_ROW) {
      snprintf(role, rolelen, "%s", jx_stmt_text(st, 0));
      snprintf(department, deplen, "%s", jx_stmt_text(st, 1));
      s = JX_OK;
    } else if (s == JX_DB_DONE) {
      snprintf(err, errlen, "没有账号“%s”", username ? username : "");
      s = JX_ERR_INVALID;
    }
    jx_stmt_finalize(st);
  }
  if (s != JX_OK && s != JX_ERR_INVALID) {
    snprintf(err, errlen, "%s", jx_db_errmsg(db));
    s = JX_ERR_IO;
  }
  jx_db_close(db);
  return s;
}

void jx_h_users(jx_req *r) {
  jx_stmt *st = jx_req_stmt(r, "SELECT " JX_ACCOUNT_COLS ", a.created FROM web_account a"
                               " LEFT JOIN department d ON d.code = a.department ORDER BY a.username LIMIT 5000");
  if (!st) return;
  json_t *arr = json_array();
  while (jx_stmt_step(st) == JX_DB_ROW) {
    jx_account a;
    jx_account_row(st, r->arena, 0, &a);
    jx_role role = JX_ROLE_NONE;
    (void)jx_role_parse(a.role, &role);
    json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:o,s:o,s:s}", "username", a.username, "role", a.role, "role_label",
                                         jx_role_label(role), "department", a.department ? json_string(a.department) : json_null(),
                                         "department_name", a.department_name ? json_string(a.department_name) : json_null(),
                                         "created", jx_stmt_text(st, 6) ? jx_stmt_text(st, 6) : ""));
  }
  jx_stmt_reset(st);
  jx_resp_json(r, 200, json_pack("{s:o}", "users", arr));
}

void jx_h_user_add(jx_req *r) {
  json_t *j = jx_req_json(r);
  if (!j) return;
  const char *name = jx_json_str(r, j, "username", 64, true);
  const char *pw = name ? jx_json_str(r, j, "password", 1024, true) : NULL;
  const char *role = pw ? jx_json_str(r, j, "role", 32, true) : NULL;
  const char *dep = role ? jx_json_str(r, j, "department", 256, false) : NULL;
  json_decref(j);
  if (r->status) return;
  struct jx_db *db = jx_req_db(r);
  if (!db) return;
  char err[512] = "";
  jx_status st = jx_web_user_add(db, name, pw, role, dep, err, sizeof err);
  if (st != JX_OK) {
    jx_resp_error(r, st == JX_ERR_INVALID ? 400 : 503, st == JX_ERR_INVALID ? "refused" : "db_error", "%s", err);
    return;
  }
  jx_resp_json(r, 201, json_pack("{s:s,s:s}", "username", name, "role", role));
}
