/* test_store_todo.c — 待办 (src/store/todo.c) and its JSON for the web (src/web/todo.c,
 * jx_web_todo) on SQLite and PostgreSQL: a unit's checkpoint before the deadline, within
 * the grace days and after them; the bureau's count per checkpoint; a head of the 主管部门
 * sees its units; refusals (an unknown role, an officer without department). */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "store_env.h"
#include "web/web.h"

#define DEPTS JX_SOURCE_DIR "/tests/store/remind-data/departments.csv"

static json_t *todo(jx_store *s, jx_role role, const char *dep) {
  jx_user u = {.id = 1, .username = "t", .role = role, .department = dep};
  char err[256] = "";
  json_t *j = jx_web_todo(s, &u, -1, err, sizeof err);
  if (!j) fail_msg("jx_web_todo: %s", err);
  return j;
}

static json_t *item(json_t *j, size_t i) { return json_array_get(json_object_get(j, "items"), i); }
static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static json_int_t num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

static void test_todo(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("todo", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s;
    char err[1024];
    assert_int_equal(jx_store_open(t[k].target, &s, err, sizeof err), JX_OK);
    jx_diags d = {0};
    size_t loaded = 0;
    assert_int_equal(jx_store_load_departments(s, DEPTS, "测试员", &loaded, &d), JX_OK);
    jx_diags_free(&d);
    jx_mon_checkpoint_opts o = {.year = 2023, .preset = "default", .deadline_days = -1, .grace_days = -1, .user = "财政局"};
    setenv("JIXIAO_NOW", "2023-06-01T09:00:00Z", 1);
    assert_int_equal(jx_store_checkpoints_set(s, NULL, &o, NULL), JX_OK);
    /* 06-01: the 06-30 deadline (07-10) is 39 days ahead: nothing within 14 days */
    json_t *j = todo(s, JX_ROLE_OFFICER, "U11");
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    static const struct {
      const char *now, *state;
      long days;
    } days[] = {{"2023-07-01T09:00:00Z", "提醒", 9}, {"2023-07-10T23:00:00Z", "提醒", 0},
                {"2023-07-12T09:00:00Z", "催报", -2}, {"2023-07-16T09:00:00Z", "逾期", -6}};
    for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
      setenv("JIXIAO_NOW", days[i].now, 1);
      j = todo(s, JX_ROLE_OFFICER, "U11");
      assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
      json_t *x = item(j, 0);
      assert_string_equal(str(x, "kind"), "checkpoint");
      assert_string_equal(str(x, "unit"), "U11");
      assert_string_equal(str(x, "state"), days[i].state);
      assert_string_equal(str(x, "date"), "2023-07-10");
      assert_string_equal(str(x, "grace_end"), "2023-07-15");
      assert_int_equal(num(x, "days"), days[i].days);
      assert_int_equal(num(json_object_get(j, "counts"), "checkpoint"), 1);
      json_decref(j);
    }
    /* the 主管部门's head: its two schools; the bureau: one line, four units */
    j = todo(s, JX_ROLE_HEAD, "A10");
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    assert_string_equal(str(item(j, 1), "unit"), "U12");
    json_decref(j);
    j = todo(s, JX_ROLE_REVIEWER, NULL);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    assert_int_equal(num(item(j, 0), "count"), 4);
    assert_string_equal(str(item(j, 0), "unit"), "");
    json_decref(j);
    /* refusals */
    jx_user u = {.id = 1, .username = "t", .role = JX_ROLE_OFFICER, .department = NULL};
    assert_null(jx_web_todo(s, &u, -1, err, sizeof err));
    assert_non_null(strstr(err, "须指明部门"));
    jx_todo_query q = {"boss", NULL, -1};
    jx_todo *items = NULL;
    size_t ni = 0;
    assert_int_equal(jx_store_todo(s, &q, &items, &ni), JX_ERR_INVALID);
    assert_null(items);
    jx_todo_query q2 = {"officer", "NOPE", -1};
    assert_int_equal(jx_store_todo(s, &q2, &items, &ni), JX_ERR_INVALID);
    unsetenv("JIXIAO_NOW");
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_todo)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
