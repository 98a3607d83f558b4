/* test_store.c — the collection through its C API (jixiao.h), on SQLite and PostgreSQL alike. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "store/db.h"
#include "store/store.h"
#include "store_env.h"
#include "util/text.h"

#define DATA(f) JX_SOURCE_DIR "/tests/store/data/" f

/* A file name in the temporary directory, for this process. */
static void scratch(char *buf, size_t n, const char *name) {
  const char *tmp = getenv("TMPDIR");
  snprintf(buf, n, "%s/jx-test-store-%d-%s", tmp && *tmp ? tmp : "/tmp", (int)getpid(), name);
}

static jx_store *open_store(const store_target *t) {
  jx_store *s = NULL;
  char err[1024];
  if (jx_store_open(t->target, &s, err, sizeof err) != JX_OK) fail_msg("%s: %s", t->name, err);
  return s;
}

static jx_status import_file(jx_store *s, const char *path, int64_t expect, const char *correction, jx_store_import_info *info) {
  jx_store_import_opts o = {"测试员", JX_FRAMEWORKS_DIR, NULL, expect, correction, NULL};
  jx_diags d = {0};
  jx_status st = jx_store_import(s, path, &o, info, &d);
  jx_diags_free(&d);
  return st;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = test_malloc((size_t)n + 1);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

/* The row of a table whose column col is value, or SIZE_MAX. */
static size_t row_where(const jx_table *t, size_t col, const char *value) {
  for (size_t r = 0; r < jx_table_rows(t); r++)
    if (jx_table_cell(t, r, col) && strcmp(jx_table_cell(t, r, col), value) == 0) return r;
  return SIZE_MAX;
}

static jx_table *query(jx_store *s, const char *what, int year, const char *level, const jx_dy_key *k) {
  jx_query q = {what, year, level, NULL, NULL, k, 0};
  jx_table *t = NULL;
  if (jx_store_query(s, &q, &t) != JX_OK) fail_msg("query %s: %s", what, jx_store_errmsg(s));
  return t;
}

/* ---- import: new, unchanged, new version with its field history, stale --------------------- */

static void test_import_versions_history(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("versions", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_store_import_info info;
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 0, NULL, &info), JX_OK);
    assert_int_equal(info.outcome, JX_STORED_NEW);
    assert_int_equal(info.version, 1);
    assert_string_equal(info.department, "A001");
    assert_int_equal(info.year, 2023);
    /* the same bytes: nothing changes */
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 0, NULL, &info), JX_OK);
    assert_int_equal(info.outcome, JX_STORED_UNCHANGED);
    assert_int_equal(info.version, 1);
    /* changed: version 2, with one history row per changed field */
    assert_int_equal(import_file(s, DATA("A001-2023-v2.yaml"), 1, NULL, &info), JX_OK);
    assert_int_equal(info.outcome, JX_STORED_VERSION);
    assert_int_equal(info.version, 2);
    assert_int_equal(info.changes, 2);
    jx_dy_key key = {"A001", 2023, NULL};
    jx_table *h = query(s, "history", 0, NULL, &key);
    size_t r = row_where(h, 3, "indicators[建设高标准农田].actual");
    assert_true(r != SIZE_MAX);
    assert_string_equal(jx_table_cell(h, r, 1), "测试员");
    assert_string_equal(jx_table_cell(h, r, 2), "2");
    assert_string_equal(jx_table_cell(h, r, 4), "25616");
    assert_string_equal(jx_table_cell(h, r, 5), "26010");
    assert_true(row_where(h, 3, "profile.duties") != SIZE_MAX);
    jx_table_free(h);
    /* an edit based on version 1 is stale now: refused, nothing written */
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 1, NULL, &info), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "当前已是第 2 版"));
    jx_table *l = query(s, "list", 2023, NULL, NULL);
    assert_int_equal(jx_table_rows(l), 1);
    assert_string_equal(jx_table_cell(l, 0, 5), "2");
    jx_table_free(l);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* export writes back the exact bytes of any version, and they check as before */
static void test_export_byte_stable(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("export", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_store_import_info info;
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 0, NULL, &info), JX_OK);
    assert_int_equal(import_file(s, DATA("A001-2023-v2.yaml"), 0, NULL, &info), JX_OK);
    const char *files[] = {DATA("A001-2023.yaml"), DATA("A001-2023-v2.yaml")};
    for (int v = 1; v <= 2; v++) {
      size_t want_len, got_len;
      char *want = slurp(files[v - 1], &want_len);
      char path[256];
      scratch(path, sizeof path, fmt("export%d.yaml", v));
      FILE *f = fopen(path, "wb");
      jx_dy_key key = {"A001", 2023, "department"};
      assert_int_equal(jx_store_export(s, &key, v, f), JX_OK);
      fclose(f);
      char *got = slurp(path, &got_len);
      assert_int_equal(got_len, want_len);
      assert_memory_equal(got, want, want_len);
      jx_diags d = {0};
      jx_doc *doc;
      jx_framework *fw;
      jx_result *res;
      assert_int_equal(jx_evaluate_file(path, JX_FRAMEWORKS_DIR, &doc, &fw, &res, &d), JX_OK);
      assert_int_equal(d.n_error, 0);
      jx_result_free(res);
      jx_framework_free(fw);
      jx_doc_free(doc);
      jx_diags_free(&d);
      unlink(path);
      test_free(want);
      test_free(got);
    }
    jx_dy_key key = {"A001", 2023, NULL};
    FILE *devnull = fopen("/dev/null", "wb");
    assert_int_equal(jx_store_export(s, &key, 3, devnull), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "没有第 3 版"));
    fclose(devnull);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* A file with errors is stored as a flagged draft that cannot be submitted; a file that is
 * not a department-year at all is refused and leaves nothing. */
static void test_errors_flagged_or_refused(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("flagged", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_store_import_info info;
    assert_int_equal(import_file(s, DATA("A001-2023-bad.yaml"), 0, NULL, &info), JX_ERR_DATA);
    assert_int_equal(info.outcome, JX_STORED_NEW);
    assert_int_equal(info.errors, 1);
    jx_dy_key key = {"A001", 2023, NULL};
    jx_transition_opts o = {.user = "测试员"};
    assert_int_equal(jx_store_transition(s, &key, "submit", &o), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "1 个错误"));
    jx_store_import_opts io = {"测试员", JX_FRAMEWORKS_DIR, "Z001", 0, NULL, NULL};
    jx_diags d = {0};
    const char junk[] = "schema: jixiao/1\nkind: [unclosed\n";
    assert_int_equal(jx_store_import_bytes(s, "junk.yaml", junk, sizeof junk - 1, &io, &info, &d), JX_ERR_DATA);
    assert_true(d.n_error > 0);
    jx_diags_free(&d);
    const char noyear[] = "schema: jixiao/1\nkind: department\nframework: sichuan-ebian-department-2023\n";
    assert_int_equal(jx_store_import_bytes(s, "noyear.yaml", noyear, sizeof noyear - 1, &io, &info, &d), JX_ERR_DATA);
    assert_non_null(strstr(jx_store_errmsg(s), "年度"));
    jx_diags_free(&d);
    jx_table *l = query(s, "list", 0, NULL, NULL);
    assert_int_equal(jx_table_rows(l), 1); /* only the flagged draft */
    assert_string_equal(jx_table_cell(l, 0, 8), "1");
    jx_table_free(l);
    /* no user: refused before anything happens */
    jx_store_import_opts nouser = {NULL, NULL, NULL, 0, NULL, NULL};
    assert_int_equal(jx_store_import(s, DATA("A001-2023.yaml"), &nouser, &info, &d), JX_ERR_INVALID);
    jx_diags_free(&d);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* ---- workflow: the table of transitions, step by step --------------------------------------- */

typedef struct {
  const char *action; /* a transition, or "import" / "correct" (the v2 file) */
  jx_status want;
  const char *status_after; /* Chinese label in `list` */
  const char *message;      /* part of the refusal */
} wf_step;

static const wf_step workflow[] = {
    {"approve", JX_ERR_DATA, "草稿", "不能审核通过"},
    {"publish", JX_ERR_DATA, "草稿", "此状态下可以：提交（submit）"},
    {"return", JX_ERR_DATA, "草稿", "不能退回"},
    {"submit", JX_OK, "已提交", NULL},
    {"submit", JX_ERR_DATA, "已提交", "不能提交"},
    {"import", JX_ERR_DATA, "已提交", "正在审核"},
    {"return", JX_OK, "已退回", NULL},
    {"import", JX_OK, "已退回", NULL},
    {"submit", JX_OK, "已提交", NULL},
    {"unapprove", JX_ERR_DATA, "已提交", "还没有通过"},  /* awaiting the unit: nothing approved yet */
    {"approve", JX_OK, "已提交", NULL},                  /* 单位审核: on to the bureau (no 主管部门 here) */
    {"approve", JX_OK, "已审核通过", NULL},              /* 财政局审核 */
    {"unapprove", JX_OK, "已提交", NULL},                /* the bureau withdraws its approval, with a reason */
    {"approve", JX_OK, "已审核通过", NULL},
    {"publish", JX_OK, "已公开", NULL},
    {"return", JX_ERR_DATA, "已公开", "只能以更正导入新版本"},
    {"import", JX_ERR_DATA, "已公开", "--correction"},
    {"correct", JX_OK, "草稿", NULL},
    {"frobnicate", JX_ERR_INVALID, "草稿", "未知的操作"},
};

static void test_workflow(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("workflow", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_store_import_info info;
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 0, NULL, &info), JX_OK);
    jx_dy_key key = {"A001", 2023, NULL};
    const jx_review_comment comments[] = {{"建设高标准农田", "请补充验收报告"}, {NULL, "总体意见"}};
    bool v2 = false;
    for (size_t i = 0; i < sizeof workflow / sizeof *workflow; i++) {
      const wf_step *w = &workflow[i];
      jx_status st;
      if (!strcmp(w->action, "import") || !strcmp(w->action, "correct")) {
        v2 = !v2;
        st = import_file(s, v2 ? DATA("A001-2023-v2.yaml") : DATA("A001-2023.yaml"), 0,
                         !strcmp(w->action, "correct") ? "更正" : NULL, &info);
        if (st != JX_OK) v2 = !v2;
      } else {
        /* a return with both comments; an unapproval with its reason (the general one) */
        bool un = !strcmp(w->action, "unapprove");
        jx_transition_opts o = {.user = "审核人", .comments = un ? comments + 1 : comments,
                                .n_comments = !strcmp(w->action, "return") ? 2 : un ? 1 : 0};
        st = jx_store_transition(s, &key, w->action, &o);
      }
      if (st != w->want) fail_msg("%s step %zu (%s): status %d, want %d: %s", t[k].name, i, w->action, st, w->want, jx_store_errmsg(s));
      if (w->message && !strstr(jx_store_errmsg(s), w->message))
        fail_msg("%s step %zu (%s): message \"%s\" lacks \"%s\"", t[k].name, i, w->action, jx_store_errmsg(s), w->message);
      jx_table *l = query(s, "list", 2023, NULL, NULL);
      assert_string_equal(jx_table_cell(l, 0, 4), w->status_after);
      jx_table_free(l);
    }
    /* the correction is a new version; the published one stays public until republished */
    jx_table *l = query(s, "list", 2023, NULL, NULL);
    assert_string_equal(jx_table_cell(l, 0, 5), "3");
    assert_string_equal(jx_table_cell(l, 0, 9), "2");
    jx_table_free(l);
    jx_table *show = query(s, "show", 0, NULL, &key);
    size_t found = 0;
    for (size_t r = 0; r < jx_table_rows(show); r++)
      found += strstr(jx_table_cell(show, r, 1) ? jx_table_cell(show, r, 1) : "", "建设高标准农田：请补充验收报告") != NULL;
    assert_int_equal(found, 1);
    assert_true(row_where(show, 1, "未公开") == SIZE_MAX);
    jx_table_free(show);
    /* rectification follows the published year until closed */
    int64_t id = 0;
    assert_int_equal(jx_store_rectify_open(s, &key, "佐证材料归档不规范", "审核人", &id), JX_OK);
    assert_true(id > 0);
    assert_int_equal(jx_store_rectify_close(s, id, "", "单位"), JX_ERR_INVALID);
    assert_int_equal(jx_store_rectify_close(s, id, "已归档", "单位"), JX_OK);
    assert_int_equal(jx_store_rectify_close(s, id, "已归档", "单位"), JX_ERR_DATA);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* ---- departments CSV: each problem a diagnostic with its line --------------------------------- */

static void test_departments_csv(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("depts", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_diags d = {0};
    size_t loaded = 99;
    assert_int_equal(jx_store_load_departments(s, JX_SOURCE_DIR "/tests/store/bad-departments.csv", "u", &loaded, &d), JX_ERR_DATA);
    assert_int_equal(loaded, 0);
    /* one per bad line of the file; lines 3 and 5 are good; the file opens with a BOM */
    static const struct {
      const char *code;
      uint32_t line;
    } want[] = {{"JX605", 2}, {"JX602", 4}, {"JX603", 6}, {"JX603", 7}, {"JX605", 8}, {"JX604", 9}, {"JX602", 10}, {"JX601", 11}};
    assert_int_equal(d.n_error, sizeof want / sizeof *want);
    jx_diags_sort(&d);
    for (size_t i = 0; i < d.n; i++) {
      assert_string_equal(d.items[i].code, want[i].code);
      assert_int_equal(d.items[i].pos.line, want[i].line);
    }
    jx_diags_free(&d);
    jx_table *l = query(s, "departments", 0, NULL, NULL);
    assert_int_equal(jx_table_rows(l), 0); /* nothing written */
    jx_table_free(l);
    assert_int_equal(jx_store_load_departments(s, JX_SOURCE_DIR "/tests/store/departments.csv", "u", &loaded, &d), JX_OK);
    assert_int_equal(loaded, 7);
    assert_int_equal(d.n, 0);
    /* loading again updates in place */
    assert_int_equal(jx_store_load_departments(s, JX_SOURCE_DIR "/tests/store/departments.csv", "u", &loaded, &d), JX_OK);
    l = query(s, "departments", 0, NULL, NULL);
    assert_int_equal(jx_table_rows(l), 7);
    size_t r = row_where(l, 0, "G02");
    assert_string_equal(jx_table_cell(l, r, 2), "F000");
    assert_string_equal(jx_table_cell(l, r, 3), "主管部门");
    jx_table_free(l);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* ---- queries -------------------------------------------------------------------------------------- */

/* The score column of code in a table (col), as hundredths. */
static long long hundredths(const jx_table *t, size_t col, const char *code, size_t code_col) {
  size_t r = row_where(t, code_col, code);
  assert_true(r != SIZE_MAX);
  long long a = 0, b = 0;
  assert_int_equal(sscanf(jx_table_cell(t, r, col), "%lld.%lld", &a, &b), 2);
  return a * 100 + (a < 0 ? -b : b);
}

static void test_queries(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("queries", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_diags d = {0};
    assert_int_equal(jx_store_load_departments(s, JX_SOURCE_DIR "/tests/store/departments.csv", "u", NULL, &d), JX_OK);
    jx_diags_free(&d);
    const char *files[] = {DATA("A001-2023.yaml"), DATA("A002-2023.yaml"), DATA("B001-2023.yaml"), DATA("A001-2022.yaml"),
                           DATA("B001-2022.yaml")};
    jx_store_import_info info;
    for (size_t i = 0; i < 5; i++) assert_int_equal(import_file(s, files[i], 0, NULL, &info), JX_OK);
    jx_table *list23 = query(s, "list", 2023, NULL, NULL), *list22 = query(s, "list", 2022, NULL, NULL);
    long long a001 = hundredths(list23, 6, "A001", 0), a002 = hundredths(list23, 6, "A002", 0), b001 = hundredths(list23, 6, "B001", 0);
    /* rank by total: descending, places 1..3 */
    jx_table *rank = query(s, "rank", 2023, NULL, NULL);
    assert_int_equal(jx_table_rows(rank), 3);
    for (size_t r = 1; r < 3; r++) assert_true(hundredths(rank, 4, jx_table_cell(rank, r - 1, 1), 1) >= hundredths(rank, 4, jx_table_cell(rank, r, 1), 1));
    assert_string_equal(jx_table_cell(rank, 0, 0), "1");
    jx_table_free(rank);
    /* by authority: the mean of its units, half up to hundredths */
    rank = query(s, "rank", 2023, "authority", NULL);
    assert_int_equal(jx_table_rows(rank), 2);
    assert_int_equal(hundredths(rank, 4, "G02", 1), (a002 + b001 + 1) / 2);
    assert_int_equal(hundredths(rank, 4, "G01", 1), a001);
    assert_string_equal(jx_table_cell(rank, row_where(rank, 1, "G02"), 3), "2");
    jx_table_free(rank);
    rank = query(s, "rank", 2023, "bureau", NULL);
    assert_int_equal(jx_table_rows(rank), 1);
    assert_int_equal(hundredths(rank, 4, "F000", 1), (2 * (a001 + a002 + b001) + 3) / 6); /* sum / 3, half up */
    jx_table_free(rank);
    /* year over year: this year minus last, for the two units with both */
    jx_table *yoy = query(s, "yoy", 2023, NULL, NULL);
    assert_int_equal(jx_table_rows(yoy), 2);
    assert_int_equal(hundredths(yoy, 4, "A001", 0), a001 - hundredths(list22, 6, "A001", 0));
    assert_int_equal(hundredths(yoy, 4, "B001", 0), b001 - hundredths(list22, 6, "B001", 0));
    jx_table_free(yoy);
    /* missing: C001 never reported; with a deadline, a late first submission counts */
    assert_int_equal(jx_store_set_deadline(s, 2023, "2024-03-31", "u"), JX_OK);
    assert_int_equal(jx_store_set_deadline(s, 2023, "31.03.2024", "u"), JX_ERR_INVALID);
    setenv("JIXIAO_NOW", "2024-04-02T10:00:00Z", 1);
    jx_dy_key key = {"A002", 2023, NULL};
    jx_transition_opts o = {.user = "u"};
    assert_int_equal(jx_store_transition(s, &key, "submit", &o), JX_OK);
    unsetenv("JIXIAO_NOW");
    jx_table *miss = query(s, "missing", 2023, NULL, NULL);
    assert_string_equal(jx_table_cell(miss, row_where(miss, 0, "C001"), 3), "未报送");
    assert_string_equal(jx_table_cell(miss, row_where(miss, 0, "A002"), 3), "逾期 2 天");
    assert_non_null(strstr(jx_table_cell(miss, row_where(miss, 0, "A001"), 3), "未提交"));
    jx_table_free(miss);
    /* totals: the indicator counts add up to what the units hold */
    jx_table *tot = query(s, "totals", 2023, NULL, NULL);
    long long sum = 0;
    for (size_t r = 0; r < jx_table_rows(tot); r++)
      if (strcmp(jx_table_cell(tot, r, 1), "（小计）") != 0) sum += atoll(jx_table_cell(tot, r, 2));
    long long per_unit = 0;
    for (size_t i = 0; i < 3; i++) {
      jx_dy_key kk = {i == 0 ? "A001" : i == 1 ? "A002" : "B001", 2023, NULL};
      jx_table *sh = query(s, "show", 0, NULL, &kk);
      per_unit += atoll(jx_table_cell(sh, row_where(sh, 0, "指标"), 1));
      jx_table_free(sh);
    }
    assert_int_equal(sum, per_unit);
    jx_table_free(tot);
    /* flags: every flagged unit has unmet indicators and a self-score of at least 90 */
    jx_table *fl = query(s, "flags", 2023, NULL, NULL);
    assert_true(jx_table_rows(fl) > 0);
    for (size_t r = 0; r < jx_table_rows(fl); r++)
      if (!strcmp(jx_table_cell(fl, r, 5), "高分但指标未完成")) assert_true(hundredths(fl, 3, jx_table_cell(fl, r, 0), 0) >= 9000);
    jx_table_free(fl);
    /* bad arguments */
    jx_query bad = {"rank", 2023, "province", NULL, NULL, NULL, 0};
    jx_table *none = NULL;
    assert_int_equal(jx_store_query(s, &bad, &none), JX_ERR_INVALID);
    assert_null(none);
    bad = (jx_query){"stats", 0, NULL, NULL, NULL, NULL, 0};
    assert_int_equal(jx_store_query(s, &bad, &none), JX_ERR_INVALID);
    jx_table_free(list23);
    jx_table_free(list22);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* ---- open data and CSV safety ----------------------------------------------------------------- */

static void test_opendata_and_formula_cells(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("opendata", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    char csv[512];
    scratch(csv, sizeof csv, "depts.csv");
    FILE *f = fopen(csv, "w");
    fputs("code,name,parent,level\nF000,\"=HYPERLINK(\"\"http://x\"\")\",,bureau\nA001,\"-1+2, 单位\",F000,unit\n", f);
    fclose(f);
    jx_diags d = {0};
    assert_int_equal(jx_store_load_departments(s, csv, "u", NULL, &d), JX_OK);
    jx_diags_free(&d);
    unlink(csv);
    jx_store_import_info info;
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 0, NULL, &info), JX_OK);
    jx_dy_key key = {"A001", 2023, NULL};
    jx_transition_opts o = {.user = "u"};
    assert_int_equal(jx_store_transition(s, &key, "submit", &o), JX_OK);
    /* the chain: 单位审核, then 主管部门 when the departments table gives one, then 财政局 */
    jx_dy_row_state ds;
    while (jx_store_dy_state(s, &key, &ds) == JX_OK && !strcmp(ds.status, "submitted"))
      assert_int_equal(jx_store_transition(s, &key, "approve", &o), JX_OK);
    assert_string_equal(ds.status, "approved");
    char dir[512];
    scratch(dir, sizeof dir, "od");
    size_t count = 0;
    assert_int_equal(jx_store_opendata(s, dir, &count), JX_OK);
    assert_int_equal(count, 0); /* approved is not published */
    assert_int_equal(jx_store_transition(s, &key, "publish", &o), JX_OK);
    assert_int_equal(jx_store_opendata(s, dir, &count), JX_OK);
    assert_int_equal(count, 1);
    char path[600];
    size_t len;
    snprintf(path, sizeof path, "%s/indicators.csv", dir);
    char *ind = slurp(path, &len);
    size_t lines = 0;
    for (char *p = ind; *p; p++) lines += *p == '\n';
    jx_table *sh = query(s, "show", 0, NULL, &key);
    assert_int_equal((long long)lines - 1, atoll(jx_table_cell(sh, row_where(sh, 0, "指标"), 1)));
    jx_table_free(sh);
    assert_non_null(strstr(ind, "\r\n"));                        /* RFC 4180 line ends */
    assert_non_null(strstr(ind, "A001,\"'-1+2, 单位\",2023,")); /* quoted, and a formula-like name made text */
    test_free(ind);
    snprintf(path, sizeof path, "%s/money.csv", dir);
    char *money = slurp(path, &len);
    /* 部门整体 money in 元 with exactly two decimals, from the file's 万元 */
    assert_non_null(strstr(money, ",部门整体,"));
    test_free(money);
    snprintf(path, sizeof path, "%s/opendata.json", dir);
    char *json = slurp(path, &len);
    assert_non_null(strstr(json, "\"format\": \"jixiao-opendata/1\""));
    assert_non_null(strstr(json, "\"department\": \"A001\""));
    test_free(json);
    /* query CSV: the same rule */
    jx_query q = {"departments", 0, NULL, NULL, NULL, NULL, 0};
    jx_table *tb;
    assert_int_equal(jx_store_query(s, &q, &tb), JX_OK);
    scratch(path, sizeof path, "q.csv");
    f = fopen(path, "wb");
    assert_int_equal(jx_table_write(tb, JX_TABLE_CSV, f), JX_OK);
    fclose(f);
    jx_table_free(tb);
    char *qcsv = slurp(path, &len);
    assert_non_null(strstr(qcsv, "F000,\"'=HYPERLINK(\"\"http://x\"\")\",,财政局\r\n"));
    test_free(qcsv);
    unlink(path);
    const char *names[] = {"indicators.csv", "money.csv", "scores.csv", "opendata.json"};
    for (size_t i = 0; i < 4; i++) {
      snprintf(path, sizeof path, "%s/%s", dir, names[i]);
      unlink(path);
    }
    rmdir(dir);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* ---- batches: one refused file undoes only itself; nothing is stored before the commit --- */

static void test_batch_savepoints(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("batch", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_store_import_info info;
    assert_int_equal(import_file(s, DATA("A001-2023.yaml"), 0, NULL, &info), JX_OK);
    assert_int_equal(jx_store_batch_begin(s), JX_OK);
    assert_int_equal(import_file(s, DATA("B001-2023.yaml"), 0, NULL, &info), JX_OK);
    assert_int_equal(import_file(s, DATA("A001-2023-v2.yaml"), 7, NULL, &info), JX_ERR_DATA); /* stale: refused */
    assert_int_equal(import_file(s, DATA("A001-2023-v2.yaml"), 1, NULL, &info), JX_OK);      /* then the right one */
    assert_int_equal(info.version, 2);
    assert_int_equal(import_file(s, DATA("A002-2023.yaml"), 0, NULL, &info), JX_OK);
    /* another connection sees none of the batch yet (one transaction on both backends) */
    jx_store *other = open_store(&t[k]);
    jx_table *l = query(other, "list", 2023, NULL, NULL);
    assert_int_equal(jx_table_rows(l), 1);
    jx_table_free(l);
    jx_store_close(other);
    assert_int_equal(jx_store_batch_commit(s), JX_OK);
    l = query(s, "list", 2023, NULL, NULL);
    assert_int_equal(jx_table_rows(l), 3);
    assert_string_equal(jx_table_cell(l, row_where(l, 0, "A001"), 5), "2");
    jx_table_free(l);
    jx_dy_key key = {"A001", 2023, NULL};
    jx_table *h = query(s, "history", 0, NULL, &key);
    assert_int_equal(jx_table_rows(h), 4); /* versions 1 and 2 and the two changed fields: the refused file left nothing */
    jx_table_free(h);
    jx_store_close(s);
  }
  store_targets_cleanup(t, n);
}

/* ---- schema: an older binary refuses a newer database ------------------------------------------ */

static void test_newer_schema_refused(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("newer", t);
  for (size_t k = 0; k < n; k++) {
    jx_store *s = open_store(&t[k]);
    jx_store_close(s);
    jx_db *db;
    char err[1024];
    assert_int_equal(jx_db_open(t[k].target, &db, err, sizeof err), JX_OK);
    assert_int_equal(jx_db_exec(db, "UPDATE schema_version SET version = 99 WHERE component = 'store'"), JX_OK);
    jx_db_close(db);
    s = (jx_store *)1;
    assert_int_equal(jx_store_open(t[k].target, &s, err, sizeof err), JX_ERR_DATA);
    assert_null(s);
    assert_non_null(strstr(err, "第 99 版"));
  }
  store_targets_cleanup(t, n);
}

/* ---- text tables: the widths measured without utf8proc are utf8proc's ---------------------- */

/* Every character the table writer measures by itself (table.c, wide_fast) in a column of
 * its own rows, a "|" after it: on each printed line the "|" must sit at the same terminal
 * column by utf8proc's widths (jx_text_width), and the neighbours of those ranges too. */
static void test_text_widths(void **state) {
  (void)state;
  static const unsigned ranges[][2] = {{0x4e00, 0x9fa5}, {0x2ff0, 0x303f}, {0xff00, 0xff61}, {0xffe0, 0xffe7}, {0x4d00, 0x4e01}, {0x9fa4, 0x9fb0}};
  const char *cols[] = {"c:字", "bar:|"};
  jx_table *t = jx_table_new(2, cols);
  for (size_t k = 0; k < sizeof ranges / sizeof *ranges; k++)
    for (unsigned c = ranges[k][0]; c <= ranges[k][1]; c++) {
      char u[8] = {(char)(0xe0 | c >> 12), (char)(0x80 | (c >> 6 & 0x3f)), (char)(0x80 | (c & 0x3f)), 'a', 0};
      size_t r = jx_table_add_row(t);
      jx_table_set(t, r, 0, u);
      jx_table_set(t, r, 1, "|");
    }
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_int_equal(jx_table_write(t, JX_TABLE_TEXT, f), JX_OK);
  fclose(f);
  size_t lines = 0, at = 0;
  for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
    char *bar = strchr(line, '|');
    if (!bar || line[0] == '-') continue;
    *bar = '\0';
    size_t w = jx_text_width(line);
    if (!lines++) at = w;
    if (w != at) fail_msg("line %zu: \"%s|\" puts the bar at column %zu, not %zu", lines, line, w, at);
  }
  assert_true(lines > 20000);
  free(buf);
  jx_table_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text_widths),
      cmocka_unit_test(test_import_versions_history),
      cmocka_unit_test(test_export_byte_stable),
      cmocka_unit_test(test_errors_flagged_or_refused),
      cmocka_unit_test(test_workflow),
      cmocka_unit_test(test_departments_csv),
      cmocka_unit_test(test_queries),
      cmocka_unit_test(test_opendata_and_formula_cells),
      cmocka_unit_test(test_batch_savepoints),
      cmocka_unit_test(test_newer_schema_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
