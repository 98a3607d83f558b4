/* auth.c — roles × permissions (a data table), log in / log out / who am I, the session
 * cookie (HttpOnly, SameSite=Strict, Secure when configured), login rate limiting by
 * account and by client address, all kept in the database. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

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
    {JX_ROLE_HEAD, "head", "部门审核人", JX_P_PUBLIC | OWN | JX_P_SUBMIT | JX_P_SEND_BACK},
    {JX_ROLE_REVIEWER, "reviewer", "财政局复核人",
     JX_P_PUBLIC | OWN | JX_P_ALL_READ | JX_P_REVIEW | JX_P_PUBLISH | JX_P_RECTIFY | JX_P_DASHBOARD},
    {JX_ROLE_ADMIN, "admin", "管理员",
     JX_P_PUBLIC | OWN | JX_P_ALL_READ | JX_P_REVIEW | JX_P_PUBLISH | JX_P_RECTIFY | JX_P_DASHBOARD |
         JX_P_ADMIN},
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
  } names[] = {{JX_P_OWN_EDIT, "edit"},       {JX_P_SUBMIT, "submit"},   {JX_P_SEND_BACK, "send_back"},   {JX_P_ALL_READ, "read_all"},
               {JX_P_REVIEW, "review"},       {JX_P_PUBLISH, "publish"}, {JX_P_RECTIFY, "rectify"},
               {JX_P_DASHBOARD, "dashboard"}, {JX_P_ADMIN, "admin"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (jx_role_perms(u->role) & names[i].bit) json_array_append_new(perms, json_string(names[i].name));
  json_object_set_new(j, "permissions", perms);
  return j;
}

static const char *client_ip(jx_req *r) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char buf[64] = "?";
  if (ci && ci->client_addr) {
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, sizeof buf);
    else if (sa->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, sizeof buf);
  }
  return jx_arena_strdup(r->arena, buf);
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

void jx_h_login(jx_req *r) {
  json_t *j = jx_req_json(r);
  if (!j) return;
  const char *user = jx_json_str(r, j, "username", 128, true);
  const char *pass = user ? jx_json_str(r, j, "password", 1024, true) : NULL;
  json_decref(j);
  if (!user || !pass) return;
  struct jx_db *db = jx_req_db(r);
  if (!db) return;
  const char *kuser = jx_arena_printf(r->arena, "user:%s", user);
  const char *kip = jx_arena_printf(r->arena, "ip:%s", client_ip(r));
  int64_t fu = 0, fi = 0;
  if (jx_login_failures(db, kuser, JX_WEB_LOGIN_WINDOW_S, &fu) != JX_OK ||
      jx_login_failures(db, kip, JX_WEB_LOGIN_WINDOW_S, &fi) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  if (fu >= JX_WEB_LOGIN_MAX_FAILS || fi >= JX_WEB_LOGIN_MAX_FAILS_IP) {
    jx_resp_header(r, "Retry-After", "900");
    jx_resp_error(r, 429, "rate_limited", "登录失败次数过多，请 %d 分钟后再试", JX_WEB_LOGIN_WINDOW_S / 60);
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
    (void)jx_login_failure_add(db, kuser);
    (void)jx_login_failure_add(db, kip);
    jx_resp_error(r, 401, "bad_credentials", "账号或口令不正确");
    return;
  }
  const char *token, *csrf;
  if (jx_session_create(db, r->arena, a.id, JX_WEB_SESSION_TTL_S, &token, &csrf) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return;
  }
  (void)jx_login_failures_clear(db, kuser);
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
