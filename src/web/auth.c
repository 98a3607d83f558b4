/* auth.c — roles × permissions (a data table), log in / log out / who am I, the session
 * cookie (HttpOnly, SameSite=Strict, Secure when configured), login throttling by
 * growing delays per account, account and address, and address, kept in the database. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "web/store.h"
#include "web/web.h"

#define OWN (JX_P_LOGGED_IN | JX_P_OWN_READ)

/* Who may do what.  A route names one permission; a role has a set. */
static const struct {
  jx_role role;
  const char *name, *label;
  unsigned perms;
} roles[] = {
    {JX_ROLE_NONE, "", "未登录", JX_P_PUBLIC},
    {JX_ROLE_OFFICER, "officer", "填报人", JX_P_PUBLIC | OWN | JX_P_OWN_EDIT | JX_P_SUBMIT},
    /* the head reads, sends back to the officer, and approves: for a department, approving
     * is submitting to the bureau */
    {JX_ROLE_HEAD, "head", "部门审核人", JX_P_PUBLIC | OWN | JX_P_SUBMIT | JX_P_SEND_BACK | JX_P_APPROVE},
    {JX_ROLE_REVIEWER, "reviewer", "财政局复核人",
     JX_P_PUBLIC | OWN | JX_P_ALL_READ | JX_P_REVIEW | JX_P_PUBLISH | JX_P_RECTIFY | JX_P_DASHBOARD | JX_P_APPROVE},
    {JX_ROLE_ADMIN, "admin", "管理员",
     JX_P_PUBLIC | OWN | JX_P_ALL_READ | JX_P_REVIEW | JX_P_PUBLISH | JX_P_RECTIFY | JX_P_DASHBOARD |
         JX_P_ADMIN | JX_P_APPROVE},
};

const char *jx_role_name(jx_role r) { return r < JX_ROLE_COUNT ? roles[r].name : ""; }
const char *jx_role_label(jx_role r) { return r < JX_ROLE_COUNT ? roles[r].label : "未知"; }
unsigned jx_role_perms(jx_role r) { return r < JX_ROLE_COUNT ? roles[r].perms : JX_P_PUBLIC; }

bool jx_role_parse(const char *s, jx_role *out) {
  for (size_t i = 1; s && i < sizeof roles / sizeof roles[0]; i++)
    if (!strcmp(s, roles[i].name)) {
      *out = roles[i].role;
      return true;
    }
  return false;
}

bool jx_can_read_department(const jx_req *r, const char *department) {
  if (!r->user) return false;
  if (jx_role_perms(r->user->role) & JX_P_ALL_READ) return true;
  return r->user->department && department && !strcmp(r->user->department, department);
}

bool jx_is_authority_head(const jx_req *r, const char *authority) {
  return r->user && r->user->role == JX_ROLE_HEAD && r->user->department && authority && *authority &&
         !strcmp(r->user->department, authority);
}

bool jx_auth_load_user(jx_req *r) {
  if (r->user) return true;
  const char *tok = jx_req_cookie(r, "jx_session");
  if (!tok) return true;
  struct jx_db *db = jx_req_db(r);
  if (!db) return false;
  jx_account a;
  const char *csrf;
  if (jx_session_lookup(db, r->arena, tok, &a, &csrf) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return false;
  }
  jx_role role;
  if (!a.id || !jx_role_parse(a.role, &role)) return true;
  jx_user *u = jx_arena_alloc(r->arena, sizeof *u);
  u->id = a.id;
  u->username = a.username;
  u->display = a.display;
  u->role = role;
  u->department = a.department;
  u->department_name = a.department_name;
  u->csrf = csrf;
  u->session = jx_arena_strdup(r->arena, tok);
  r->user = u;
  return true;
}

static json_t *user_json(const jx_user *u) {
  json_t *j = json_object();
  json_object_set_new(j, "username", json_string(u->username));
  json_object_set_new(j, "display", json_string(u->display));
  json_object_set_new(j, "role", json_string(jx_role_name(u->role)));
  json_object_set_new(j, "role_label", json_string(jx_role_label(u->role)));
  json_object_set_new(j, "department", u->department ? json_string(u->department) : json_null());
  json_object_set_new(j, "department_name", u->department_name ? json_string(u->department_name) : json_null());
  json_object_set_new(j, "csrf", json_string(u->csrf));
  json_t *perms = json_array();
  static const struct {
    unsigned bit;
    const char *name;
  } names[] = {{JX_P_OWN_EDIT, "edit"},       {JX_P_SUBMIT, "submit"},   {JX_P_SEND_BACK, "send_back"}, {JX_P_APPROVE, "approve"},   {JX_P_ALL_READ, "read_all"},
               {JX_P_REVIEW, "review"},       {JX_P_PUBLISH, "publish"}, {JX_P_RECTIFY, "rectify"},
               {JX_P_DASHBOARD, "dashboard"}, {JX_P_ADMIN, "admin"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (jx_role_perms(u->role) & names[i].bit) json_array_append_new(perms, json_string(names[i].name));
  json_object_set_new(j, "permissions", perms);
  return j;
}

/* A real argon2id hash of a random password, made once per process, verified against
 * when the account does not exist. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void) {
  unsigned char raw[16];
  char pw[33];
  randombytes_buf(raw, sizeof raw);
  sodium_bin2hex(pw, sizeof pw, raw, sizeof raw);
  if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    dummy_hash[0] = '\0';
}

static const char *cookie(jx_req *r, const char *value, long max_age) {
  return jx_arena_printf(r->arena, "jx_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", value, max_age,
                         r->web->cfg.secure_cookies ? "; Secure" : "");
}

/* The body is JSON: "application/json", with parameters (charset) or not.  A form or
 * text/plain body, which any site can make a browser send, is not. */
static bool json_body(jx_req *r) {
  const char *ct = jx_req_header(r, "Content-Type");
  static const char want[] = "application/json";
  if (ct) ct += strspn(ct, " \t");
  if (ct && !strncasecmp(ct, want, sizeof want - 1)) {
    const char *rest = ct + sizeof want - 1;
    rest += strspn(rest, " \t");
    if (*rest == '\0' || *rest == ';') return true;
  }
  jx_resp_error(r, 415, "unsupported_media_type", "登录请求须为 JSON：Content-Type 应为 application/json（收到 %.80s）",
                ct && *ct ? ct : "无");
  return false;
}

void jx_h_login(jx_req *r) {
  if (!json_body(r)) return;
  json_t *j = jx_req_json(r);
  if (!j) return;
  const char *user = jx_json_str(r, j, "username", 128, true);
  const char *pass = user ? jx_json_str(r, j, "password", 1024, true) : NULL;
  json_decref(j);
  if (!user || !pass) return;
  struct jx_db *db = jx_req_db(r);
  if (!db) return;
  char addr[JX_ADDR_TEXT];
  jx_req_client_addr(r, addr);
  /* Growing delays, counted before the password is checked (no race past the limit):
   * the account, the account from this address, this address (web.h has the numbers). */
  const jx_throttle keys[] = {
      {jx_arena_printf(r->arena, "user:%s", user), JX_WEB_LOGIN_USER_FREE, JX_WEB_LOGIN_USER_BASE_MS,
       JX_WEB_LOGIN_USER_CAP_MS, JX_WEB_LOGIN_USER_FORGET_MS},
      {jx_arena_printf(r->arena, "pair:%s/%s", addr, user), JX_WEB_LOGIN_PAIR_FREE, JX_WEB_LOGIN_PAIR_BASE_MS,
       JX_WEB_LOGIN_PAIR_CAP_MS, JX_WEB_LOGIN_PAIR_FORGET_MS},
      {jx_arena_printf(r->arena, "ip:%s", addr), JX_WEB_LOGIN_IP_FREE, JX_WEB_LOGIN_IP_BASE_MS, JX_WEB_LOGIN_IP_CAP_MS,
       JX_WEB_LOGIN_IP_FORGET_MS},
  };
  int64_t wait_ms = 0;
  if (jx_login_reserve(db, keys, sizeof keys / sizeof keys[0], &wait_ms) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  if (wait_ms > 0) {
    long long secs = (wait_ms + 999) / 1000;
    jx_resp_header(r, "Retry-After", jx_arena_printf(r->arena, "%lld", secs));
    jx_resp_error(r, 429, "rate_limited", "登录失败次数过多，请 %lld 秒后再试", secs);
    return;
  }
  jx_account a;
  if (jx_account_by_name(db, r->arena, user, &a) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  /* An unknown name costs the same hash as a wrong password: no account enumeration. */
  pthread_once(&dummy_once, make_dummy);
  bool ok = jx_password_ok(a.id ? a.pwhash : dummy_hash, pass);
  jx_role role;
  if (!a.id || !ok || !jx_role_parse(a.role, &role)) {
    jx_resp_error(r, 401, "bad_credentials", "账号或口令不正确"); /* already counted */
    return;
  }
  const char *token, *csrf;
  if (jx_session_create(db, r->arena, a.id, JX_WEB_SESSION_TTL_S, &token, &csrf) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  /* the account's failures are forgotten; the address keeps its others */
  (void)jx_login_forget(db, keys[0].key);
  (void)jx_login_forget(db, keys[1].key);
  (void)jx_login_unreserve(db, keys[2].key);
  jx_user *u = jx_arena_alloc(r->arena, sizeof *u);
  *u = (jx_user){a.id, a.username, a.display, role, a.department, a.department_name, csrf, token};
  r->user = u;
  jx_resp_header(r, "Set-Cookie", cookie(r, token, JX_WEB_SESSION_TTL_S));
  jx_resp_json(r, 200, user_json(u));
}

void jx_h_logout(jx_req *r) {
  struct jx_db *db = jx_req_db(r);
  if (!db) return;
  if (jx_session_delete(db, r->user->session) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  jx_resp_header(r, "Set-Cookie", cookie(r, "", 0));
  jx_resp_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void jx_h_me(jx_req *r) { jx_resp_json(r, 200, user_json(r->user)); }
