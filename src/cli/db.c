/* db.c — `jixiao db …`: the collection's commands; parses arguments and calls the store, nothing more. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/import_batch.h"
#include "cli/commands.h"
#include "jixiao.h"
#include "util/arena.h"


typedef struct {
  const char *db, *user, *frameworks, *department, *correction, *kind, *level, *by, *under, *output;
  int year;
  int64_t expect_version, version, batch, top;
  bool quiet;
  jx_table_format format;
  const char **pos;
  int npos;
  jx_review_comment *comments;
  jx_arena *arena; /* the comments' indicator names */
  size_t ncomments;
  bool force; /* backup, restore: overwrite */
} db_opts;

static int exit_of(jx_status st) {
  switch (st) {
  case JX_OK: return EXIT_OK;
  case JX_ERR_IO: return EXIT_IO;
  case JX_ERR_INVALID: return EXIT_USAGE;
  default: return EXIT_DATA;
  }
}

static bool parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out) {
  char *end;
  long long v = strtoll(s, &end, 10);
  if (!*s || *end || v < lo || v > hi) return false;
  *out = v;
  return true;
}

static const char *who(const db_opts *o) {
  if (o->user && *o->user) return o->user;
  const char *u = getenv("USER");
  if (u && *u) return u;
  const struct passwd *pw = getpwuid(getuid());
  return pw && pw->pw_name ? pw->pw_name : "unknown";
}

static int fail(jx_store *s, jx_status st) {
  fprintf(stderr, "jixiao db: %s\n", jx_store_errmsg(s));
  return exit_of(st);
}

static bool key_of(const db_opts *o, jx_dy_key *k) {
  int64_t y;
  if (o->npos < 2 || !parse_int(o->pos[1], 1900, 9999, &y)) {
    fprintf(stderr, "jixiao db: 请给出单位编码和年度，例如 A001 2023\n");
    return false;
  }
  *k = (jx_dy_key){o->pos[0], (int)y, o->kind};
  return true;
}

/* ---- the subcommands -------------------------------------------------------------------- */

static int c_init(jx_store *s, db_opts *o) {
  (void)o;
  printf("数据库已就绪（%s）\n", jx_store_backend(s));
  return EXIT_OK;
}

static int run_query(jx_store *s, db_opts *o, const char *what, const jx_dy_key *k);

static int c_departments(jx_store *s, db_opts *o) {
  if (o->npos == 0) return run_query(s, o, "departments", NULL);
  jx_diags d = {0};
  size_t n = 0;
  jx_status st = jx_store_load_departments(s, o->pos[0], who(o), &n, &d);
  jx_diags_sort(&d);
  jx_diags_print(&d, stderr);
  jx_diags_free(&d);
  if (st != JX_OK) return fail(s, st);
  printf("已写入 %zu 个单位\n", n);
  return EXIT_OK;
}

static const char *outcome_text(const jx_store_import_info *i, char *buf, size_t n) {
  switch (i->outcome) {
  case JX_STORED_NEW: snprintf(buf, n, "新建，第 %lld 版", (long long)i->version); break;
  case JX_STORED_VERSION: snprintf(buf, n, "第 %lld 版，%zu 处修改", (long long)i->version, i->changes); break;
  default: snprintf(buf, n, "未变化（与第 %lld 版内容相同）", (long long)i->version); break;
  }
  return buf;
}

/* `db import`: the files go through jx_import_batches (src/app/import_batch.c: batches,
 * retries); this prints what it reports.  A file is printed stored only once its batch is
 * committed; its diagnostics once, even when its batch is imported again. */
typedef struct {
  size_t counts[3], flagged, failed;
  int worst;
} import_tally;

typedef struct {
  const db_opts *o;
  import_tally t;
} import_run;

static void report_batch(void *ctx, const jx_batch_file *b, size_t n, jx_status commit, const char *why) {
  import_run *run = ctx;
  const db_opts *o = run->o;
  import_tally *t = &run->t;
  for (size_t i = 0; i < n; i++) {
    const jx_store_import_info *info = &b[i].info;
    if (exit_of(b[i].status) > t->worst) t->worst = exit_of(b[i].status);
    if (!b[i].stored) {
      t->failed++;
      continue;
    }
    if (commit != JX_OK) {
      t->failed++;
      fputs("jixiao db import: ", stderr);
      jx_fput_visible(stderr, b[i].path);
      fprintf(stderr, "：未写入（批次提交失败：%s）\n", why);
      continue;
    }
    t->counts[info->outcome]++;
    if (info->errors) t->flagged++;
    char buf[128];
    if (!o->quiet) { /* the path, the code and the project come from the user: made visible */
      jx_fput_visible(stdout, b[i].path);
      fputs("：", stdout);
      jx_fput_visible(stdout, info->department);
      printf(" %d%s", info->year, strcmp(info->kind, "department") ? " " : "");
      if (strcmp(info->kind, "department") != 0) jx_fput_visible(stdout, info->kind);
      printf(" %s%s\n", outcome_text(info, buf, sizeof buf), info->errors ? "（有错误：已存为草稿并标记，改正前不能提交）" : "");
    }
  }
  if (commit != JX_OK && exit_of(commit) > t->worst) t->worst = exit_of(commit);
}

static void print_diags(const db_opts *o, const jx_diags *d) {
  for (size_t k = 0; k < d->n; k++)
    if (!o->quiet || d->items[k].severity == JX_ERROR) {
      jx_diags one = *d;
      one.items = &d->items[k];
      one.n = 1;
      jx_diags_print(&one, stderr);
    }
}

static void report_file(void *ctx, const char *path, const jx_diags *d, const char *why) {
  const import_run *run = ctx;
  (void)path;
  print_diags(run->o, d);
  if (why) fprintf(stderr, "jixiao db import: %s\n", why);
}

static void report_progress(void *ctx, int done, int total) {
  (void)ctx;
  fprintf(stderr, "\r已导入 %d / %d 个文件", done, total);
}

static void report_lost(void *ctx, const char *const *paths, size_t n, const char *why) {
  import_run *run = ctx;
  for (size_t k = 0; k < n; k++) {
    fputs("jixiao db import: ", stderr);
    jx_fput_visible(stderr, paths[k]);
    fprintf(stderr, "：未写入（%s）\n", why);
  }
  run->t.failed += n;
  if (EXIT_IO > run->t.worst) run->t.worst = EXIT_IO;
}

static int c_import(jx_store *s, db_opts *o) {
  jx_store_import_opts io = {who(o), o->frameworks, o->department, o->expect_version, o->correction, NULL};
  import_run run = {o, {{0}, 0, 0, EXIT_OK}};
  bool progress = o->npos >= 100 && isatty(STDERR_FILENO);
  jx_batch_report rep = {&run, report_file, progress ? report_progress : NULL, report_batch, report_lost};
  jx_status st = jx_import_batches(s, o->pos, o->npos, &io, o->batch > 0 ? (size_t)o->batch : 0, &rep);
  if (st != JX_OK) return fail(s, st);
  import_tally t = run.t;
  if (progress) fprintf(stderr, "\r已导入 %d / %d 个文件\n", o->npos, o->npos);
  printf("导入 %d 个文件：新建 %zu，新版本 %zu，未变化 %zu，有错误 %zu，未写入 %zu\n", o->npos, t.counts[JX_STORED_NEW],
         t.counts[JX_STORED_VERSION], t.counts[JX_STORED_UNCHANGED], t.flagged, t.failed);
  return t.worst;
}

static int c_export(jx_store *s, db_opts *o) {
  jx_dy_key k;
  if (!key_of(o, &k)) return EXIT_USAGE;
  FILE *out = stdout;
  if (o->output && strcmp(o->output, "-") != 0 && !(out = fopen(o->output, "wb"))) {
    fprintf(stderr, "jixiao db export: 无法写入 %s\n", o->output);
    return EXIT_IO;
  }
  jx_status st = jx_store_export(s, &k, o->version, out);
  if (out != stdout && fclose(out) != 0 && st == JX_OK) st = JX_ERR_IO;
  return st == JX_OK ? EXIT_OK : fail(s, st);
}

static int run_query(jx_store *s, db_opts *o, const char *what, const jx_dy_key *k) {
  jx_query q = {what, o->year, o->level, o->by, o->under, k, (size_t)o->top};
  jx_table *t;
  jx_status st = jx_store_query(s, &q, &t);
  if (st != JX_OK) return fail(s, st);
  st = jx_table_write(t, o->format, stdout);
  jx_table_free(t);
  return st == JX_OK ? EXIT_OK : EXIT_IO;
}

static int c_query(jx_store *s, db_opts *o, const char *what) { return run_query(s, o, what, NULL); }

static int c_keyed_query(jx_store *s, db_opts *o, const char *what) {
  jx_dy_key k;
  if (!key_of(o, &k)) return EXIT_USAGE;
  return run_query(s, o, what, &k);
}

static int c_transition(jx_store *s, db_opts *o, const char *action) {
  jx_dy_key k;
  if (!key_of(o, &k)) return EXIT_USAGE;
  jx_transition_opts t = {who(o), o->expect_version, o->comments, o->ncomments};
  jx_status st = jx_store_transition(s, &k, action, &t);
  if (st != JX_OK) return fail(s, st);
  jx_fput_visible(stdout, k.department);
  printf(" %d：%s完成\n", k.year,
         !strcmp(action, "submit") ? "提交" : !strcmp(action, "return") ? "退回" : !strcmp(action, "approve") ? "审核通过" : "公开");
  return EXIT_OK;
}

static int c_rectify(jx_store *s, db_opts *o) {
  jx_dy_key k;
  if (!key_of(o, &k)) return EXIT_USAGE;
  int64_t id = 0;
  jx_status st = jx_store_rectify_open(s, &k, o->pos[2], who(o), &id);
  if (st != JX_OK) return fail(s, st);
  printf("整改事项 #%lld 已登记（", (long long)id);
  jx_fput_visible(stdout, k.department);
  printf(" %d）\n", k.year);
  return EXIT_OK;
}

static int c_rectify_close(jx_store *s, db_opts *o) {
  int64_t id;
  if (!parse_int(o->pos[0], 1, INT64_MAX, &id)) {
    fprintf(stderr, "jixiao db rectify-close: 整改事项编号应是正整数：%s\n", o->pos[0]);
    return EXIT_USAGE;
  }
  jx_status st = jx_store_rectify_close(s, id, o->pos[1], who(o));
  if (st != JX_OK) return fail(s, st);
  printf("整改事项 #%lld 已关闭\n", (long long)id);
  return EXIT_OK;
}

static int c_deadline(jx_store *s, db_opts *o) {
  int64_t y;
  if (!parse_int(o->pos[0], 1900, 9999, &y)) {
    fprintf(stderr, "jixiao db deadline: 年度应是四位数字：%s\n", o->pos[0]);
    return EXIT_USAGE;
  }
  jx_status st = jx_store_set_deadline(s, (int)y, o->pos[1], who(o));
  if (st != JX_OK) return fail(s, st);
  printf("%lld 年度的报送截止日期：%s\n", (long long)y, o->pos[1]);
  return EXIT_OK;
}

static int c_opendata(jx_store *s, db_opts *o) {
  size_t n = 0;
  jx_status st = jx_store_opendata(s, o->pos[0], &n);
  if (st != JX_OK) return fail(s, st);
  printf("已写入 %s：%zu 个已公开的单位年度（indicators.csv、money.csv、scores.csv、opendata.json）\n", o->pos[0], n);
  return EXIT_OK;
}

/* ---- the table of subcommands --------------------------------------------------------------- */

typedef struct {
  const char *name;
  int min_pos, max_pos; /* positional arguments; max -1: any number */
  int (*run)(jx_store *, db_opts *);
  int (*run_named)(jx_store *, db_opts *, const char *); /* queries and transitions: called with name */
  const char *usage;
} subcommand;

static const subcommand subs[] = {
    {"init", 0, 0, c_init, NULL, "init                          建立或升级数据库"},
    {"departments", 0, 1, c_departments, NULL,
     "departments [单位表.csv]      导入单位层级（code,name,parent,level）；不给文件则列出单位"},
    {"import", 1, -1, c_import, NULL,
     "import [--user 人] [--department 编码] [--expect-version N] [--correction 原因] [--batch N] 文件...  导入部门年度数据"},
    {"export", 2, 2, c_export, NULL, "export 编码 年度 [--version N] [-o 文件]  导出原文件（逐字节相同）"},
    {"list", 0, 0, NULL, c_query, "list [--year 年度]             列出单位年度"},
    {"status", 0, 0, NULL, c_query, "status [--year 年度]           各审核状态的个数"},
    {"show", 2, 2, NULL, c_keyed_query, "show 编码 年度                 一个单位年度：状态、得分、版本、意见、整改"},
    {"history", 2, 2, NULL, c_keyed_query, "history 编码 年度              修改记录：谁、何时、哪个字段、原值、新值"},
    {"submit", 2, 2, NULL, c_transition, "submit|approve|publish 编码 年度 [--expect-version N]  审核流程"},
    {"approve", 2, 2, NULL, c_transition, NULL},
    {"publish", 2, 2, NULL, c_transition, NULL},
    {"return", 2, 2, NULL, c_transition, "return 编码 年度 --comment \"指标=意见\"...  退回并写明意见"},
    {"rectify", 3, 3, c_rectify, NULL, "rectify 编码 年度 \"整改事项\"     登记整改事项（已公开的年度）"},
    {"rectify-close", 2, 2, c_rectify_close, NULL, "rectify-close 编号 \"整改结果\"    关闭整改事项"},
    {"rectifications", 0, 0, NULL, c_query, "rectifications [--year 年度]   列出整改事项"},
    {"deadline", 2, 2, c_deadline, NULL, "deadline 年度 YYYY-MM-DD       设定报送截止日期"},
    {"rank", 0, 0, NULL, c_query,
     "rank --year 年度 [--by total|execution|indicators|attainment|块名] [--level unit|authority|bureau] [--top N]  排名"},
    {"stats", 0, 0, NULL, c_query, "stats --year 年度              得分分布"},
    {"flags", 0, 0, NULL, c_query, "flags --year 年度              自评与数据不一致的单位"},
    {"yoy", 0, 0, NULL, c_query, "yoy --year 年度                与上年相比"},
    {"missing", 0, 0, NULL, c_query, "missing --year 年度            未报送、未提交、逾期"},
    {"totals", 0, 0, NULL, c_query, "totals --year 年度             按一级/二级指标汇总"},
    {"opendata", 1, 1, c_opendata, NULL, "opendata 目录                  导出已公开数据（CSV 和 JSON）"},
    /* these two never open the database as the others do (cli_db calls them) */
    {"backup", 1, 1, NULL, NULL, "backup 文件 [--force]          运行中也可备份：SQLite 在线备份，PostgreSQL 用 pg_dump"},
    {"restore", 1, 1, NULL, NULL, "restore 文件 [--force]         从备份恢复（已有数据库时须加 --force；先停止 serve）"},
};

/* The page of `jixiao db help`, `jixiao db --help` and `jixiao help db`: the subcommands
 * from the table above, then every option. */
/* The usage line and the subcommands: after a usage error, on stderr. */
static void db_usage(FILE *out) {
  fputs("用法：jixiao db [--db 文件|postgresql://…] 子命令 …（默认 jixiao.db，或 $JIXIAO_DB）\n", out);
  for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
    if (subs[i].usage) fprintf(out, "  jixiao db %s\n", subs[i].usage);
  fputs("全部选项：jixiao db help\n", out);
}

void cli_db_help(FILE *out) {
  fputs("用法：jixiao db [--db 文件|postgresql://…] 子命令 …（默认 jixiao.db，或 $JIXIAO_DB）\n"
        "\n"
        "收集多个单位多个年度的数据：导入（原文件逐字节保存，另存规范化的行和修改记录）、审核流程、\n"
        "排名、统计和公开（docs/collection.md、docs/opendata.md）。SQLite 文件或 PostgreSQL 数据库。\n"
        "\n"
        "子命令：\n",
        out);
  for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
    if (subs[i].usage) fprintf(out, "  jixiao db %s\n", subs[i].usage);
  fputs("\n"
        "选项（放在子命令之前或之后均可；--名称=值 也可以）：\n"
        "  --db 文件|URL            数据库：SQLite 文件（不存在时建立）或 postgresql://… URL\n"
        "  --user 人                记入修改记录和审核记录的人\n"
        "  --department 编码        import：文件没有写明单位编码时使用\n"
        "  --expect-version N       import 和审核：只在当前版本是 N 时执行（防止覆盖别人的修改）\n"
        "  --correction 原因        import：更正已公开的年度，作为新版本并记下原因\n"
        "  --batch N                import：每个事务的文件数\n"
        "  --comment \"指标=意见\"    return：退回意见（可重复）\n"
        "  --version N              export：导出第 N 版\n"
        "  -o 文件                  export：写到文件\n"
        "  --year 年度              查询的年度\n"
        "  --by 依据                rank：total、execution、indicators、attainment 或评分块名\n"
        "  --level 层级             rank：unit、authority 或 bureau\n"
        "  --top N                  rank：只列前 N 个\n"
        "  --under 编码             查询：只看某单位及其下级\n"
        "  --kind 种类              show、history、export 和审核：单位年度的种类（默认 department）\n"
        "  --frameworks 目录        评价框架目录\n"
        "  --force                  backup：覆盖已有的备份文件；restore：覆盖已有的数据库\n"
        "  --csv | --json           查询结果为 CSV 或 JSON（默认对齐的表格）\n"
        "  -q, --quiet              import：不逐个文件报告\n"
        "  -h, --help               显示本帮助\n"
        "\n"
        "退出码：0 成功；1 数据问题或被拒绝；2 用法错误；3 无法读写\n",
        out);
}

static bool num_opt(const char *name, const char *v, int64_t lo, int64_t hi, int64_t *out) {
  if (parse_int(v, lo, hi, out)) return true;
  fprintf(stderr, "jixiao db: %s 的值应是%s：%s\n", name, lo == 1900 ? "四位年度" : "正整数", v);
  return false;
}

/* The option and its value: `--name value` or `--name=value`. */
static const char *opt_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (*i >= argc || !argv[*i] || strncmp(argv[*i], name, n) != 0) return NULL;
  if (argv[*i][n] == '=') return argv[*i] + n + 1;
  if (argv[*i][n] == '\0' && *i + 1 < argc) return argv[++*i];
  return NULL;
}

static int parse(int argc, char **argv, db_opts *o, const char **sub) {
  const char *v;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--csv")) o->format = JX_TABLE_CSV;
    else if (!strcmp(a, "--json")) o->format = JX_TABLE_JSON;
    else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) o->quiet = true;
    else if (!strcmp(a, "--force")) o->force = true;
    else if ((v = opt_value(argc, argv, &i, "--db"))) o->db = v;
    else if ((v = opt_value(argc, argv, &i, "--user"))) o->user = v;
    else if ((v = opt_value(argc, argv, &i, "--frameworks"))) o->frameworks = v;
    else if ((v = opt_value(argc, argv, &i, "--department"))) o->department = v;
    else if ((v = opt_value(argc, argv, &i, "--correction"))) o->correction = v;
    else if ((v = opt_value(argc, argv, &i, "--kind"))) o->kind = v;
    else if ((v = opt_value(argc, argv, &i, "--level"))) o->level = v;
    else if ((v = opt_value(argc, argv, &i, "--by"))) o->by = v;
    else if ((v = opt_value(argc, argv, &i, "--under"))) o->under = v;
    else if ((v = opt_value(argc, argv, &i, "-o"))) o->output = v;
    else if ((v = opt_value(argc, argv, &i, "--comment"))) {
      const char *eq = strchr(v, '=');
      jx_review_comment *c = &o->comments[o->ncomments++];
      c->indicator = eq && eq != v ? jx_arena_strndup(o->arena, v, (size_t)(eq - v)) : NULL;
      c->text = eq && eq != v ? eq + 1 : v;
    } else if ((v = opt_value(argc, argv, &i, "--year"))) {
      int64_t x;
      if (!num_opt("--year", v, 1900, 9999, &x)) return EXIT_USAGE;
      o->year = (int)x;
    } else if ((v = opt_value(argc, argv, &i, "--expect-version"))) {
      if (!num_opt("--expect-version", v, 1, INT64_MAX, &o->expect_version)) return EXIT_USAGE;
    } else if ((v = opt_value(argc, argv, &i, "--top"))) {
      if (!num_opt("--top", v, 1, 1000000, &o->top)) return EXIT_USAGE;
    } else if ((v = opt_value(argc, argv, &i, "--batch"))) {
      if (!num_opt("--batch", v, 1, 100000, &o->batch)) return EXIT_USAGE;
    } else if ((v = opt_value(argc, argv, &i, "--version"))) {
      if (!num_opt("--version", v, 1, INT64_MAX, &o->version)) return EXIT_USAGE;
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "jixiao db: 未知选项或缺少值“%s”\n", a);
      return EXIT_USAGE;
    } else if (!*sub) *sub = a;
    else o->pos[o->npos++] = a;
  }
  return EXIT_OK;
}

int cli_db(int argc, char **argv) {
  db_opts o = {0};
  o.pos = jx_xcalloc((size_t)argc + 1, sizeof *o.pos);
  o.comments = jx_xcalloc((size_t)argc + 1, sizeof *o.comments);
  o.arena = jx_arena_new();
  const char *sub = NULL;
  int rc = parse(argc, argv, &o, &sub);
  const subcommand *sc = NULL;
  if (rc == EXIT_OK) {
    if (!sub || !strcmp(sub, "help") || !strcmp(sub, "--help")) {
      if (sub) cli_db_help(stdout);
      else db_usage(stderr);
      rc = sub ? EXIT_OK : EXIT_USAGE;
      sub = NULL;
    } else {
      for (size_t i = 0; i < sizeof subs / sizeof *subs && !sc; i++)
        if (!strcmp(subs[i].name, sub)) sc = &subs[i];
      if (!sc) {
        fprintf(stderr, "jixiao db: 未知子命令“%s”\n", sub);
        db_usage(stderr);
        rc = EXIT_USAGE;
      } else if (o.npos < sc->min_pos || (sc->max_pos >= 0 && o.npos > sc->max_pos)) {
        fprintf(stderr, "jixiao db %s: 参数个数不对\n用法：jixiao db %s\n", sub, sc->usage ? sc->usage : subs[8].usage);
        rc = EXIT_USAGE;
      }
    }
  }
  if (rc == EXIT_OK && sc) {
    const char *target = o.db ? o.db : getenv("JIXIAO_DB");
    if (!target || !*target) target = "jixiao.db";
    jx_store *s = NULL;
    char err[1024];
    bool backup = !strcmp(sc->name, "backup"), restore = !strcmp(sc->name, "restore");
    jx_status st = backup    ? jx_store_backup(target, o.pos[0], o.force, err, sizeof err)
                   : restore ? jx_store_restore(target, o.pos[0], o.force, err, sizeof err)
                             : jx_store_open(target, &s, err, sizeof err);
    if (st == JX_OK && (backup || restore)) {
      if (backup) fprintf(stderr, "已备份 %s 到 %s\n", target, o.pos[0]);
      else fprintf(stderr, "已从 %s 恢复 %s\n", o.pos[0], target);
      rc = EXIT_OK;
    } else if (st != JX_OK) {
      fprintf(stderr, "jixiao db: %s\n", err);
      rc = exit_of(st);
    } else {
      rc = sc->run ? sc->run(s, &o) : sc->run_named(s, &o, sc->name);
    }
    jx_store_close(s);
  }
  jx_arena_free(o.arena);
  free(o.comments);
  free(o.pos);
  return rc;
}
