/* seed.c — fills a database for the web tests through the public API (jx_store_*,
 * jx_user_add): a bureau with four units (one with a hostile name), department-years of
 * the seed example (one with a hostile indicator name, published), a 2022 year for the
 * year-over-year chart, a 2021 draft (the department head's send-back and approval), a deadline,
 * 绩效运行监控 for 2023 (the default checkpoints 06-30, 09-30, 11-30; at 06-30 U1 red with its
 * follow-up, U3 green, U4 yellow; imported as of 2023-07-05, so that a server run with
 * JIXIAO_NOW in October finds 06-30 locked and 09-30 open), one account per role, and for the
 * approval chain a 主管部门 (A 某县教育局) with a unit (U5 某县实验小学) whose 2021–2023 years are
 * drafts, with U5's officer and head and A's head.
 * Usage: seed DB SOURCE_DIR.  Prints nothing on success; exit 1 with a reason otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"

#define PASSWORD "test-password-1"
#define HOSTILE_DEP "<script>alert(\"d\")</script>'\"{{x}}&amp;"
#define HOSTILE_IND "<img src=x onerror=alert(1)>\\\"{{y}}'"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) n = 0;
  fclose(f);
  if (buf) buf[n] = '\0';
  *len = (size_t)n;
  return buf;
}

/* s with the first occurrence of from replaced by to (malloc'd). */
static char *replace(const char *s, const char *from, const char *to) {
  const char *at = strstr(s, from);
  if (!at) return strdup(s);
  size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
  char *out = malloc(n);
  snprintf(out, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
  return out;
}

/* The seed example leaves three unmet indicators without a deviation note (JX301 errors:
 * it cannot be submitted as it is); give each one. */
static char *with_notes(char *s) {
  static const char *const names[] = {"保障职工基本支出和单位正常运转", "人员工资和保险等以及工会福利车贴等公用费用",
                                      "委员培训、调研考察、文史资料编撰、专委会工作"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char from[512], to[1024];
    snprintf(from, sizeof from, "name: %s\n", names[i]);
    snprintf(to, sizeof to, "name: %s\n    deviation_note: 测试数据：偏差原因已说明\n", names[i]);
    char *t = replace(s, from, to);
    free(s);
    s = t;
  }
  return s;
}

static int fail(const char *what, const char *why) {
  fprintf(stderr, "seed: %s: %s\n", what, why);
  return 1;
}

static int import(jx_store *s, const char *dep, const char *name, const char *yaml) {
  jx_store_import_opts o = {.user = "seed", .department = dep};
  jx_store_import_info info;
  jx_diags d = {0};
  jx_status st = jx_store_import_bytes(s, name, yaml, strlen(yaml), &o, &info, &d);
  jx_diags_free(&d);
  if (st == JX_ERR_IO || (st != JX_OK && info.version == 0)) return fail(name, jx_store_errmsg(s));
  return 0;
}

/* One checkpoint report of unit at 2023-06-30: amounts in 万元, one indicator. */
static int monitor(jx_store *s, const char *unit, const char *name, const char *executed, const char *actual, const char *deviation) {
  char yaml[2048];
  snprintf(yaml, sizeof yaml,
           "schema: jixiao/1\nkind: monitoring\nyear: 2023\ncheckpoint: 2023-06-30\nunit: {code: \"%s\", name: \"%s\"}\n"
           "execution:\n  - source: 财政拨款\n    budget: 1000.00\n    executed: %s\n    forecast: 1000.00\n%s"
           "indicators:\n  - level1: 产出指标\n    level2: 数量指标\n    name: 借阅服务人次\n    target: ≥20000人次\n"
           "    actual: %s\n    forecast: 20000人次\n    can_complete: 是\n"
           "  - level1: 满意度指标\n    level2: 服务对象满意度指标\n    name: 读者满意度\n    target: ≥90%%\n    actual: 95%%\n"
           "    can_complete: 是\n",
           unit, name, executed, deviation, actual);
  jx_mon_store_opts o = {.user = "seed"};
  jx_mon_store_info info;
  jx_diags d = {0};
  jx_status st = jx_store_monitor_import(s, "seed-monitor.yaml", yaml, strlen(yaml), &o, &info, &d);
  jx_diags_print(&d, stderr);
  jx_diags_free(&d);
  if (st != JX_OK) return fail("monitor", jx_store_errmsg(s));
  return 0;
}

static int monitoring(jx_store *s) {
  setenv("JIXIAO_NOW", "2023-07-05T02:00:00Z", 1);
  jx_mon_checkpoint_opts c = {.year = 2023, .preset = "default", .deadline_days = -1, .grace_days = -1, .user = "seed"};
  int bad = jx_store_checkpoints_set(s, NULL, &c, NULL) != JX_OK ? fail("checkpoints", jx_store_errmsg(s)) : 0;
  if (!bad)
    bad = monitor(s, "U1", "政协峨边彝族自治县委员会办公室", "200.00", "6000人次",
                  "deviation: {cause: 采购项目招标延后, fix: 加快政府采购进度}\n") ||
          monitor(s, "U3", "某县图书馆", "500.00", "10000人次", "") || monitor(s, "U4", "某县档案馆", "420.00", "9500人次", "");
  unsetenv("JIXIAO_NOW");
  return bad;
}

static int move(jx_store *s, const char *dep, int year, const char *action, const char *user) {
  jx_review_comment c = {NULL, "种子数据"};
  jx_transition_opts o = {.user = user, .comments = &c, .n_comments = 1};
  if (jx_store_transition(s, &(jx_dy_key){dep, year, NULL}, action, &o) != JX_OK) return fail(action, jx_store_errmsg(s));
  return 0;
}

int main(int argc, char **argv) {
  /* --without-chain: the world before the approval chain's 主管部门 A and unit U5 (the
   * analysis test counts the units of that world) */
  if (argc != 3 && !(argc == 4 && !strcmp(argv[3], "--without-chain"))) return fail("usage", "seed DB SOURCE_DIR [--without-chain]");
  const char *db = argv[1], *root = argv[2];
  bool chain = argc == 3;
  char path[4096], err[1024];
  jx_store *s = NULL;
  if (jx_store_open(db, &s, err, sizeof err) != JX_OK) return fail("open", err);

  char csv[4096];
  snprintf(csv, sizeof csv, "%s.departments.csv", db[0] == 'p' ? "/tmp/jx-web-seed" : db);
  FILE *f = fopen(csv, "w");
  if (!f) return fail("csv", csv);
  fprintf(f, "code,name,parent,level\n"
             "B,某县财政局,,bureau\n"
             "U1,政协峨边彝族自治县委员会办公室,B,unit\n"
             "U2,\"" "<script>alert(\"\"d\"\")</script>'\"\"{{x}}&amp;" "\",B,unit\n"
             "U3,某县图书馆,B,unit\n"
             "U4,某县档案馆,B,unit\n"
             "%s",
          chain ? "A,某县教育局,B,authority\nU5,某县实验小学,A,unit\n" : "");
  fclose(f);
  jx_diags d = {0};
  size_t loaded = 0;
  jx_status st = jx_store_load_departments(s, csv, "seed", &loaded, &d);
  jx_diags_print(&d, stderr);
  jx_diags_free(&d);
  remove(csv);
  if (st != JX_OK) return fail("departments", jx_store_errmsg(s));

  size_t len;
  snprintf(path, sizeof path, "%s/examples/ebian-cppcc-2023.yaml", root);
  char *seed = slurp(path, &len);
  if (!seed) return fail("read", path);
  seed = with_notes(seed);
  /* filed under the test's own codes (U1, U2): the example's own 单位编码 out, as a file
   * and a --department naming two codes are refused */
  char *uncoded = replace(seed, "  code: \"511132001\"", "  # code: given by the test");
  free(seed);
  seed = uncoded;
  char *hostile = replace(seed, "name: 保障职工基本支出和单位正常运转\n", "name: \"" HOSTILE_IND "\"\n");
  char *y2022 = replace(seed, "year: 2023", "year: 2022");
  char *y2021 = replace(seed, "year: 2023", "year: 2021"); /* a draft for the department head's tests */
  int bad = import(s, "U1", "U1-2023.yaml", seed) || import(s, "U2", "U2-2023.yaml", hostile) ||
            import(s, "U1", "U1-2022.yaml", y2022) || import(s, "U1", "U1-2021.yaml", y2021);
  for (int year = 2021; chain && !bad && year <= 2023; year++) { /* the approval chain's unit: three drafts */
    char from[32], to[32], name[32];
    snprintf(to, sizeof to, "year: %d", year);
    snprintf(name, sizeof name, "U5-%d.yaml", year);
    snprintf(from, sizeof from, "year: 2023");
    char *y = replace(seed, from, to);
    bad = import(s, "U5", name, y);
    free(y);
  }
  /* published through the chain: the unit's approval, then the bureau's (no 主管部门 above) */
  if (!bad) bad = move(s, "U2", 2023, "submit", "seed") || move(s, "U2", 2023, "approve", "seed") ||
                  move(s, "U2", 2023, "approve", "seed") || move(s, "U2", 2023, "publish", "seed") ||
                  move(s, "U1", 2022, "submit", "seed") || move(s, "U1", 2022, "approve", "seed") ||
                  move(s, "U1", 2022, "approve", "seed") || move(s, "U1", 2022, "publish", "seed");
  if (!bad && jx_store_set_deadline(s, 2023, "2024-03-31", "seed") != JX_OK) bad = fail("deadline", jx_store_errmsg(s));
  if (!bad) bad = monitoring(s);
  free(seed);
  free(hostile);
  free(y2022);
  free(y2021);
  jx_store_close(s);
  if (bad) return 1;

  static const struct {
    const char *name, *role, *dep;
  } users[] = {{"officer1", "officer", "U1"}, {"head1", "head", "U1"}, {"officer2", "officer", "U2"},
               {"librarian", "officer", "U3"},
               {"officer5", "officer", "U5"}, {"head5", "head", "U5"}, {"authhead", "head", "A"},
               {"reviewer", "reviewer", NULL}, {"admin", "admin", NULL}};
  for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
    if ((chain || !users[i].dep || (strcmp(users[i].dep, "U5") && strcmp(users[i].dep, "A"))) &&
        jx_user_add(db, users[i].name, PASSWORD, users[i].role, users[i].dep, err, sizeof err) != JX_OK)
      return fail(users[i].name, err);
  return 0;
}
