/* test_web.c — the web server's pure parts: page templates escape every value once and
 * never re-scan it, the route table matches segments but never "." / ".." or a slash,
 * every route names a permission that some role has, and roles parse both ways. */
#include <string.h>

#include "helpers.h"
#include "web/web.h"

static void test_template_escapes_once(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_tvar v[] = {{"name", "<script>alert('x')</script>\"{{raw}}&"}, {"raw", "<b>RAW</b>"}};
  size_t len;
  char *out = jx_page_render(a, "<p>{{name}}</p>{{{raw}}}", v, 2, &len);
  assert_string_equal(out, "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&#123;&#123;raw&#125;&#125;&amp;</p><b>RAW</b>");
  assert_int_equal(len, strlen(out));
  /* an unknown name is empty; an unclosed placeholder is left as text */
  assert_string_equal(jx_page_render(a, "[{{nope}}] {{open", v, 2, NULL), "[] {{open");
  assert_string_equal(jx_html_escape(a, "a<b"), "a&lt;b");
  jx_arena_free(a);
}

static const jx_route *match(jx_arena *a, const char *method, const char *path, jx_req *r) {
  memset(r, 0, sizeof *r);
  r->arena = a;
  bool known;
  return jx_route_match(r, method, path, &known);
}

static void test_routes_match_segments_only(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_req r;
  const jx_route *rt = match(a, "GET", "/api/years/12/report/pdf", &r);
  assert_non_null(rt);
  assert_int_equal(r.n_params, 2);
  assert_string_equal(r.params[0], "12");
  assert_string_equal(r.params[1], "pdf");
  assert_non_null(match(a, "GET", "/static/app.js", &r));
  rt = match(a, "GET", "/public/7/charts/3/2.svg", &r);
  assert_non_null(rt);
  assert_string_equal(rt->pattern, "/public/{}/charts/{}/{}");
  assert_int_equal(r.n_params, 3);
  assert_string_equal(r.params[2], "2.svg");
  assert_non_null(match(a, "DELETE", "/api/evidence/5", &r));
  static const char *const refused[] = {"/static/../web.h", "/static/..", "/static/.", "/static/", "/static/a/b",
                                        "/public/1/download/../../x", "/api/years//submit", "/api/years/1/",
                                        "/public/1/charts/../1.svg", "/public/1/charts/1/..", "/public/1/charts/1/a/b.svg"};
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    const jx_route *m = match(a, strstr(refused[i], "submit") ? "POST" : "GET", refused[i], &r);
    if (m) fail_msg("%s matched %s", refused[i], m->pattern);
  }
  bool known = false;
  memset(&r, 0, sizeof r);
  r.arena = a;
  assert_null(jx_route_match(&r, "DELETE", "/api/years", &known));
  assert_true(known); /* the path exists: 405, not 404 */
  jx_arena_free(a);
}

static void test_every_route_is_reachable_and_writes_need_csrf(void **state) {
  (void)state;
  for (size_t i = 0; i < jx_n_routes; i++) {
    const jx_route *rt = &jx_routes[i];
    bool someone = false;
    for (jx_role role = JX_ROLE_NONE; role < JX_ROLE_COUNT; role++) someone |= (jx_role_perms(role) & rt->perm) != 0;
    if (!someone) fail_msg("%s %s: no role has its permission", rt->method, rt->pattern);
    bool write = strcmp(rt->method, "GET") != 0;
    bool public_write = rt->perm == JX_P_PUBLIC; /* login: there is no session yet */
    if (write && !public_write && !rt->csrf) fail_msg("%s %s: a write without CSRF", rt->method, rt->pattern);
    if (!write && rt->max_body) fail_msg("%s %s: a GET with a body", rt->method, rt->pattern);
  }
}

static void test_roles(void **state) {
  (void)state;
  jx_role r;
  for (jx_role role = JX_ROLE_OFFICER; role < JX_ROLE_COUNT; role++) {
    assert_true(jx_role_parse(jx_role_name(role), &r));
    assert_int_equal(r, role);
  }
  assert_false(jx_role_parse("root", &r));
  assert_false(jx_role_parse("", &r));
  assert_false(jx_role_perms(JX_ROLE_OFFICER) & JX_P_PUBLISH);
  assert_false(jx_role_perms(JX_ROLE_HEAD) & JX_P_OWN_EDIT);
  assert_true(jx_role_perms(JX_ROLE_REVIEWER) & JX_P_ALL_READ);
  assert_false(jx_role_perms(JX_ROLE_REVIEWER) & JX_P_ADMIN);
  /* inside the department the head sends back; nobody else does; evidence is the officer's */
  for (jx_role role = JX_ROLE_NONE; role < JX_ROLE_COUNT; role++) {
    assert_int_equal(!!(jx_role_perms(role) & JX_P_SEND_BACK), role == JX_ROLE_HEAD);
    assert_int_equal(!!(jx_role_perms(role) & JX_P_OWN_EDIT), role == JX_ROLE_OFFICER);
  }
}

static void test_etag_matches(void **state) {
  (void)state;
  const char *e = "\"3-2-page.html\"";
  assert_true(jx_etag_matches("\"3-2-page.html\"", e));
  assert_true(jx_etag_matches("W/\"3-2-page.html\"", e));
  assert_true(jx_etag_matches("\"x\", W/\"y\" ,  \"3-2-page.html\"  ", e));
  assert_true(jx_etag_matches("*", e));
  assert_false(jx_etag_matches("\"3-2-page.html.gz\"", e));
  assert_false(jx_etag_matches("\"3-2-page.htm\"", e));
  assert_false(jx_etag_matches("3-2-page.html", e));
  assert_false(jx_etag_matches("\"3-1-page.html\", \"x\"", e));
  assert_false(jx_etag_matches("", e));
  assert_false(jx_etag_matches(NULL, e));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_template_escapes_once),
      cmocka_unit_test(test_routes_match_segments_only),
      cmocka_unit_test(test_every_route_is_reachable_and_writes_need_csrf),
      cmocka_unit_test(test_roles),
      cmocka_unit_test(test_etag_matches),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
