/* db.c — `jixiao db …`: the collection's commands; parses arguments and calls the store, nothing more. */
#include <dirent.h>
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
  jx_table_format format_table;
  const char **pos;
  int npos;
  jx_review_comment *comments;
  jx_arena *arena; /* the comments' indicator names */
  size_t ncomments;
  bool force; /* backup, restore: overwrite */
  /* decl, library (#17) */
  const char *status, *date, *reason, *approver, *level2, *format, *role, *scope, *rules;
  int64_t limit;
  /* monitoring (#18) */
  const char *checkpoint, *preset, *project, *light;
  int64_t deadline_days, grace_days; /* -1: from the rules */
  bool open_only;
  /* 待办与提醒 (#18) */
  const char *target, *smtp, *from;
  int64_t before; /* -1: the default */
  bool dry_run;
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

/* d on stderr (errors only with -q), a run of one problem said once (jx_diags_print). */
static void print_diags(const db_opts *o, const jx_diags *d) {
  if (!o->quiet) {
    jx_diags_print(d, stderr);
    return;
  }
  jx_diags errors = {0}; /* a view of d's errors: the diagnostics stay d's */
  errors.items = jx_xrealloc(NULL, (d->n ? d->n : 1) * sizeof *errors.items);
  for (size_t k = 0; k < d->n; k++)
    if (d->items[k].severity == JX_ERROR) errors.items[errors.n++] = d->items[k];
  jx_diags_print(&errors, stderr);
  free(errors.items);
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
  st = jx_table_write(t, o->format_table, stdout);
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
  jx_transition_opts t = {.user = who(o), .expect_version = o->expect_version, .comments = o->comments,
                          .n_comments = o->ncomments, .level = !strcmp(action, "unapprove") ? o->level : NULL};
  jx_status st = jx_store_transition(s, &k, action, &t);
  if (st != JX_OK) return fail(s, st);
  jx_fput_visible(stdout, k.department);
  printf(" %d：%s完成", k.year, jx_store_action_label(action));
  jx_dy_row_state now;
  if (jx_store_dy_state(s, &k, &now) == JX_OK) printf("，现为：%s", jx_store_state_label(now.status, now.level));
  putchar('\n');
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

/* ---- declarations (jixiao db decl …) and the indicator library (jixiao db library …) ----- */

/* A file's bytes, at most JX_MAX_FILE_BYTES; malloc'd. */
static bool read_bytes(const char *cmd, const char *path, char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "jixiao db %s: 无法读取 ", cmd);
    jx_fput_visible(stderr, path);
    fputc('\n', stderr);
    return false;
  }
  size_t cap = 65536, n = 0;
  char *b = jx_xmalloc(cap + 1);
  size_t k;
  while ((k = fread(b + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      if (cap > JX_MAX_FILE_BYTES) break;
      b = jx_xrealloc(b, (cap *= 2) + 1);
    }
  }
  bool bad = ferror(f) != 0;
  fclose(f);
  if (bad || n > JX_MAX_FILE_BYTES) {
    fprintf(stderr, "jixiao db %s: %s：%s\n", cmd, path, bad ? "读取失败" : "文件太大");
    free(b);
    return false;
  }
  b[n] = '\0';
  *data = b;
  *len = n;
  return true;
}

static int path_cmp(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The files named: a directory gives its *.yaml files in name order.  In o->arena. */
static const char **decl_files(db_opts *o, const char *const *args, int n, size_t *count) {
  size_t cap = 16, k = 0;
  const char **out = jx_arena_alloc(o->arena, cap * sizeof *out);
  for (int i = 0; i < n; i++) {
    DIR *d = opendir(args[i]);
    size_t first = k;
    if (!d) {
      if (k == cap) out = jx_arena_grow(o->arena, out, k, cap *= 2, sizeof *out);
      out[k++] = args[i];
      continue;
    }
    for (struct dirent *e; (e = readdir(d));) {
      size_t len = strlen(e->d_name);
      if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.') continue;
      if (k == cap) out = jx_arena_grow(o->arena, out, k, cap *= 2, sizeof *out);
      out[k++] = jx_arena_printf(o->arena, "%s/%s", args[i], e->d_name);
    }
    closedir(d);
    qsort(out + first, k - first, sizeof *out, path_cmp);
  }
  *count = k;
  return out;
}

static jx_decl_actor actor(const db_opts *o) { return (jx_decl_actor){who(o), o->role, o->department}; }

static bool decl_key_of(const db_opts *o, jx_decl_key *k) {
  if (o->npos < 2 || !o->year) {
    fprintf(stderr, "jixiao db decl %s: 请给出项目编码（部门整体申报：单位编码）和 --year 年度\n", o->pos[0]);
    return false;
  }
  int scope = -1;
  if (o->scope && !strcmp(o->scope, "project")) scope = JX_DECL_PROJECT;
  else if (o->scope && !strcmp(o->scope, "department")) scope = JX_DECL_DEPARTMENT;
  else if (o->scope) {
    fprintf(stderr, "jixiao db decl: --scope 应为 project 或 department：%s\n", o->scope);
    return false;
  }
  *k = (jx_decl_key){o->pos[1], o->year, scope};
  return true;
}

static void print_decl_outcome(const char *path, const jx_decl_store_info *i) {
  jx_fput_visible(stdout, path);
  fputs("：", stdout);
  jx_fput_visible(stdout, i->code);
  printf(" %d（单位 ", i->year);
  jx_fput_visible(stdout, i->unit);
  fputs("）", stdout);
  if (i->outcome == JX_STORED_NEW) printf("新建，第 %lld 版，%zu 行指标", (long long)i->version, i->indicators);
  else if (i->outcome == JX_STORED_VERSION) printf("第 %lld 版，%zu 处修改", (long long)i->version, i->changes);
  else printf("未变化（与第 %lld 版内容相同）", (long long)i->version);
  printf("%s\n", i->errors ? "（有错误：已保存并标记，改正前不能审核通过）" : "");
}

static int decl_import(jx_store *s, db_opts *o) {
  size_t n = 0;
  const char **files = decl_files(o, o->pos + 1, o->npos - 1, &n);
  jx_decl_store_opts so = {actor(o), o->department};
  size_t counts[3] = {0}, failed = 0;
  int worst = EXIT_OK;
  for (size_t i = 0; i < n; i++) {
    char *data;
    size_t len;
    if (!read_bytes("decl import", files[i], &data, &len)) {
      failed++;
      worst = EXIT_IO;
      continue;
    }
    jx_diags d = {0};
    jx_decl_store_info info;
    jx_status st = jx_store_decl_import(s, files[i], data, len, &so, &info, &d);
    free(data);
    print_diags(o, &d);
    jx_diags_free(&d);
    bool stored = st == JX_OK || (st == JX_ERR_DATA && info.version > 0 && info.errors);
    if (stored) {
      counts[info.outcome]++;
      if (!o->quiet) print_decl_outcome(files[i], &info);
    } else {
      failed++;
      fprintf(stderr, "jixiao db decl import: %s\n", jx_store_errmsg(s));
    }
    if (exit_of(st) > worst) worst = exit_of(st);
  }
  printf("导入 %zu 个申报：新建 %zu，新版本 %zu，未变化 %zu，未写入 %zu\n", n, counts[JX_STORED_NEW], counts[JX_STORED_VERSION],
         counts[JX_STORED_UNCHANGED], failed);
  return worst;
}

static int decl_table(jx_store *s, db_opts *o, const char *what, const jx_decl_key *k) {
  jx_decl_query q = {what, o->year, o->status, o->under, k, o->version, o->rules};
  jx_table *t;
  jx_status st = jx_store_decl_query(s, &q, &t);
  if (st != JX_OK) return fail(s, st);
  st = jx_table_write(t, o->format_table, stdout);
  jx_table_free(t);
  return st == JX_OK ? EXIT_OK : EXIT_IO;
}

/* The --comment texts as one ("指标：意见；…"). */
static const char *comment_text(db_opts *o) {
  const char *all = NULL;
  for (size_t i = 0; i < o->ncomments; i++) {
    const jx_review_comment *c = &o->comments[i];
    const char *one = c->indicator ? jx_arena_printf(o->arena, "%s：%s", c->indicator, c->text) : c->text;
    all = all ? jx_arena_printf(o->arena, "%s；%s", all, one) : one;
  }
  return all;
}

static int decl_step(jx_store *s, db_opts *o, const char *action) {
  jx_decl_key k;
  if (!decl_key_of(o, &k)) return EXIT_USAGE;
  jx_decl_actor by = actor(o);
  jx_status st = jx_store_decl_step(s, &k, action, &by, comment_text(o));
  if (st != JX_OK) return fail(s, st);
  jx_fput_visible(stdout, k.code);
  printf(" %d：%s完成\n", k.year, !strcmp(action, "review") ? "审核通过" : !strcmp(action, "approve") ? "批复（已锁定）" : "退回");
  return EXIT_OK;
}

static int decl_adjust(jx_store *s, db_opts *o) {
  if (o->npos != 2) {
    fprintf(stderr, "jixiao db decl adjust: 请给出一个调整后的申报文件\n");
    return EXIT_USAGE;
  }
  char *data;
  size_t len;
  if (!read_bytes("decl adjust", o->pos[1], &data, &len)) return EXIT_IO;
  jx_decl_store_opts so = {actor(o), o->department};
  jx_diags d = {0};
  jx_decl_store_info info;
  jx_status st = jx_store_decl_adjust(s, o->pos[1], data, len, &so, o->date, o->reason, o->approver, &info, &d);
  free(data);
  print_diags(o, &d);
  jx_diags_free(&d);
  if (st != JX_OK) return fail(s, st);
  jx_fput_visible(stdout, info.code);
  printf(" %d：动态调整已记入，第 %lld 版（已批复，锁定），%zu 处修改\n", info.year, (long long)info.version, info.changes);
  return EXIT_OK;
}

static int decl_export(jx_store *s, db_opts *o) {
  jx_decl_key k;
  if (!decl_key_of(o, &k)) return EXIT_USAGE;
  FILE *out = stdout;
  if (o->output && strcmp(o->output, "-") != 0 && !(out = fopen(o->output, "wb"))) {
    fprintf(stderr, "jixiao db decl export: 无法写入 %s\n", o->output);
    return EXIT_IO;
  }
  jx_status st = jx_store_decl_export(s, &k, o->version, out);
  if (out != stdout && fclose(out) != 0 && st == JX_OK) st = JX_ERR_IO;
  return st == JX_OK ? EXIT_OK : fail(s, st);
}

static int c_decl(jx_store *s, db_opts *o) {
  const char *what = o->pos[0];
  jx_decl_key k;
  if (!strcmp(what, "import")) {
    if (o->npos < 2) {
      fprintf(stderr, "jixiao db decl import: 请给出申报文件或目录\n");
      return EXIT_USAGE;
    }
    return decl_import(s, o);
  }
  if (!strcmp(what, "list") || !strcmp(what, "summary")) {
    if (o->npos != 1) {
      fprintf(stderr, "jixiao db decl %s: 参数个数不对\n", what);
      return EXIT_USAGE;
    }
    return decl_table(s, o, what, NULL);
  }
  if (!strcmp(what, "show") || !strcmp(what, "history"))
    return o->npos == 2 && decl_key_of(o, &k) ? decl_table(s, o, what, &k) : EXIT_USAGE;
  if (!strcmp(what, "review") || !strcmp(what, "approve") || !strcmp(what, "return")) return decl_step(s, o, what);
  if (!strcmp(what, "adjust")) return decl_adjust(s, o);
  if (!strcmp(what, "export")) return decl_export(s, o);
  fprintf(stderr, "jixiao db decl: 未知的操作“%s”：应为 import、list、show、history、review、approve、return、adjust、export 或 summary\n",
          what);
  return EXIT_USAGE;
}

static int c_library(jx_store *s, db_opts *o) {
  const char *what = o->pos[0];
  jx_table *t = NULL;
  jx_status st;
  if (!strcmp(what, "search")) {
    if (o->npos < 2) {
      fprintf(stderr, "jixiao db library search: 请给出检索词\n");
      return EXIT_USAGE;
    }
    const char *words = o->pos[1];
    for (int i = 2; i < o->npos; i++) words = jx_arena_printf(o->arena, "%s %s", words, o->pos[i]);
    st = jx_store_library_search(s, words, o->level2, (size_t)o->limit, &t);
  } else if (!strcmp(what, "frame")) {
    st = jx_store_library_frame(s, &t);
  } else if (!strcmp(what, "export")) {
    bool xlsx = o->format && !strcmp(o->format, "xlsx");
    if (o->format && !xlsx && strcmp(o->format, "csv") != 0) {
      fprintf(stderr, "jixiao db library export: 未知的格式“%s”：应为 csv 或 xlsx\n", o->format);
      return EXIT_USAGE;
    }
    if (xlsx) {
      if (!o->output || !*o->output || !strcmp(o->output, "-")) {
        fprintf(stderr, "jixiao db library export: XLSX 不能写到标准输出：请用 -o 文件.xlsx 给出文件\n");
        return EXIT_USAGE;
      }
      char err[512];
      size_t rows = 0;
      st = jx_library_write_xlsx(s, o->output, &rows, err, sizeof err);
      if (st != JX_OK) {
        fprintf(stderr, "jixiao db library export: %s\n", err);
        return exit_of(st);
      }
      fprintf(stderr, "已导出 %zu 个指标到 %s\n", rows, o->output);
      return EXIT_OK;
    }
    st = jx_store_library_table(s, &t);
    if (st != JX_OK) return fail(s, st);
    FILE *out = stdout;
    if (o->output && strcmp(o->output, "-") != 0 && !(out = fopen(o->output, "wb"))) {
      jx_table_free(t);
      fprintf(stderr, "jixiao db library export: 无法写入 %s\n", o->output);
      return EXIT_IO;
    }
    st = jx_table_write(t, JX_TABLE_CSV, out);
    size_t rows = jx_table_rows(t);
    jx_table_free(t);
    if (out != stdout && fclose(out) != 0) st = JX_ERR_IO;
    if (st != JX_OK) return EXIT_IO;
    if (out != stdout) fprintf(stderr, "已导出 %zu 个指标到 %s\n", rows, o->output);
    return EXIT_OK;
  } else if (!strcmp(what, "import")) {
    if (o->npos != 2) {
      fprintf(stderr, "jixiao db library import: 请给出一个 .csv 或 .xlsx 文件\n");
      return EXIT_USAGE;
    }
    jx_diags d = {0};
    size_t n = 0;
    st = jx_store_library_import(s, o->pos[1], who(o), &n, &d);
    jx_diags_print(&d, stderr);
    jx_diags_free(&d);
    if (st != JX_OK) return fail(s, st);
    printf("已导入 %zu 个指标\n", n);
    return EXIT_OK;
  } else {
    fprintf(stderr, "jixiao db library: 未知的操作“%s”：应为 search、frame、export 或 import\n", what);
    return EXIT_USAGE;
  }
  if (st != JX_OK) return fail(s, st);
  st = jx_table_write(t, o->format_table, stdout);
  jx_table_free(t);
  return st == JX_OK ? EXIT_OK : EXIT_IO;
}

/* ---- 绩效运行监控 (jixiao db checkpoint|monitor|alerts|followup …) ------------------------- */

static int mon_table(jx_store *s, db_opts *o, const jx_mon_query *q) {
  jx_table *t;
  jx_status st = jx_store_monitor_query(s, q, &t);
  if (st != JX_OK) return fail(s, st);
  st = jx_table_write(t, o->format_table, stdout);
  jx_table_free(t);
  return st == JX_OK ? EXIT_OK : EXIT_IO;
}

static bool need_year(const db_opts *o, const char *cmd) {
  if (o->year) return true;
  fprintf(stderr, "jixiao db %s: 请给出 --year 年度\n", cmd);
  return false;
}

/* "MM-DD" → month, day (the date itself is checked by the store). */
static bool checkpoint_of(const char *cmd, const char *v, int *month, int *day) {
  if (v && strlen(v) == 5 && v[2] == '-' && v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[1] <= '9' && v[3] >= '0' &&
      v[3] <= '9' && v[4] >= '0' && v[4] <= '9') {
    *month = (v[0] - '0') * 10 + (v[1] - '0');
    *day = (v[3] - '0') * 10 + (v[4] - '0');
    return true;
  }
  fprintf(stderr, "jixiao db %s: 监控时点应写作 MM-DD（如 06-30）：%s\n", cmd, v ? v : "（未给出 --checkpoint）");
  return false;
}

static int c_checkpoint(jx_store *s, db_opts *o) {
  const char *what = o->pos[0];
  if (!need_year(o, "checkpoint")) return EXIT_USAGE;
  if (!strcmp(what, "list")) {
    if (o->npos != 1) {
      fprintf(stderr, "jixiao db checkpoint list: 参数个数不对\n");
      return EXIT_USAGE;
    }
    jx_mon_query q = {.what = "checkpoints", .year = o->year};
    return mon_table(s, o, &q);
  }
  if (strcmp(what, "set") != 0) {
    fprintf(stderr, "jixiao db checkpoint: 未知的操作“%s”：应为 set 或 list\n", what);
    return EXIT_USAGE;
  }
  if (o->preset && o->npos > 1) {
    fprintf(stderr, "jixiao db checkpoint set: --preset 与列出的 MM-DD 只能给一种\n");
    return EXIT_USAGE;
  }
  jx_mon_checkpoint_opts co = {o->year, o->preset, o->pos + 1, (size_t)(o->npos - 1), (int)o->deadline_days, (int)o->grace_days,
                               who(o)};
  size_t n = 0;
  jx_status st = jx_store_checkpoints_set(s, NULL, &co, &n);
  if (st != JX_OK) return fail(s, st);
  printf("%d 年度已设定 %zu 个监控时点\n", o->year, n);
  jx_mon_query q = {.what = "checkpoints", .year = o->year};
  return mon_table(s, o, &q);
}

static bool has_suffix_ci(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  if (n < k) return false;
  for (size_t i = 0; i < k; i++) {
    char c = s[n - k + i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != suffix[i]) return false;
  }
  return true;
}

static void print_mon_outcome(const char *what, const jx_mon_store_info *i) {
  jx_fput_visible(stdout, what);
  fputs("：", stdout);
  jx_fput_visible(stdout, i->unit);
  if (*i->project) {
    fputs(" 项目 ", stdout);
    jx_fput_visible(stdout, i->project);
  }
  printf(" %d-%02d-%02d %s灯 ", i->year, i->month, i->day, jx_light_name(i->light));
  if (i->outcome == JX_STORED_NEW) printf("新建，第 %lld 版", (long long)i->version);
  else if (i->outcome == JX_STORED_VERSION) printf("第 %lld 版", (long long)i->version);
  else printf("未变化（与第 %lld 版内容相同）", (long long)i->version);
  if (i->reopen_used) fputs("，使用了重开", stdout);
  if (i->followup_opened) fputs("，开启跟进", stdout);
  if (i->followups_closed) printf("，关闭 %zu 个跟进", i->followups_closed);
  fputc('\n', stdout);
}

static int monitor_import(jx_store *s, db_opts *o) {
  jx_mon_store_opts so = {who(o), NULL};
  bool sheet = o->npos == 2 && (has_suffix_ci(o->pos[1], ".csv") || has_suffix_ci(o->pos[1], ".xlsx"));
  if (sheet) {
    int month, day;
    if (!need_year(o, "monitor import") || !checkpoint_of("monitor import", o->checkpoint, &month, &day)) return EXIT_USAGE;
    jx_diags d = {0};
    jx_mon_store_info *infos = NULL;
    size_t n = 0;
    jx_status st = jx_store_monitor_import_sheet(s, o->pos[1], o->year, month, day, &so, &infos, &n, &d);
    jx_diags_sort(&d);
    print_diags(o, &d);
    jx_diags_free(&d);
    if (st != JX_OK) return fail(s, st);
    size_t counts[3] = {0}, lights[4] = {0};
    for (size_t i = 0; i < n; i++) {
      counts[infos[i].outcome]++;
      lights[infos[i].light]++;
      if (!o->quiet) print_mon_outcome(o->pos[1], &infos[i]);
    }
    free(infos);
    printf("汇总表导入 %zu 份报告：新建 %zu，新版本 %zu，未变化 %zu；红灯 %zu，黄灯 %zu，绿灯 %zu\n", n, counts[JX_STORED_NEW],
           counts[JX_STORED_VERSION], counts[JX_STORED_UNCHANGED], lights[JX_LIGHT_RED], lights[JX_LIGHT_YELLOW],
           lights[JX_LIGHT_GREEN]);
    return EXIT_OK;
  }
  if (o->checkpoint) {
    fprintf(stderr, "jixiao db monitor import: --checkpoint 只用于汇总表（.csv 或 .xlsx）；报告文件写明了自己的监控时点\n");
    return EXIT_USAGE;
  }
  size_t n = 0;
  const char **files = decl_files(o, o->pos + 1, o->npos - 1, &n);
  size_t counts[3] = {0}, failed = 0;
  int worst = EXIT_OK;
  for (size_t i = 0; i < n; i++) {
    char *data;
    size_t len;
    if (!read_bytes("monitor import", files[i], &data, &len)) {
      failed++;
      worst = EXIT_IO;
      continue;
    }
    jx_diags d = {0};
    jx_mon_store_info info;
    jx_status st = jx_store_monitor_import(s, files[i], data, len, &so, &info, &d);
    free(data);
    print_diags(o, &d);
    jx_diags_free(&d);
    if (st == JX_OK) {
      counts[info.outcome]++;
      if (!o->quiet) print_mon_outcome(files[i], &info);
    } else {
      failed++;
      fprintf(stderr, "jixiao db monitor import: %s\n", jx_store_errmsg(s));
    }
    if (exit_of(st) > worst) worst = exit_of(st);
  }
  printf("导入 %zu 份监控报告：新建 %zu，新版本 %zu，未变化 %zu，未写入 %zu\n", n, counts[JX_STORED_NEW], counts[JX_STORED_VERSION],
         counts[JX_STORED_UNCHANGED], failed);
  return worst;
}

static int c_monitor(jx_store *s, db_opts *o) {
  const char *what = o->pos[0];
  if (!strcmp(what, "import")) {
    if (o->npos < 2) {
      fprintf(stderr, "jixiao db monitor import: 请给出监控报告文件、目录或汇总表\n");
      return EXIT_USAGE;
    }
    return monitor_import(s, o);
  }
  if (!strcmp(what, "show") || !strcmp(what, "history")) {
    if (o->npos != 2 || !need_year(o, "monitor")) {
      if (o->npos != 2) fprintf(stderr, "jixiao db monitor %s: 请给出一个单位编码和 --year 年度\n", what);
      return EXIT_USAGE;
    }
    int month, day;
    if (o->checkpoint && !checkpoint_of("monitor show", o->checkpoint, &month, &day)) return EXIT_USAGE;
    jx_mon_query q = {.what = !strcmp(what, "show") ? "show" : "history", .year = o->year, .day = o->checkpoint,
                      .unit = o->pos[1], .project = o->project};
    return mon_table(s, o, &q);
  }
  if (!strcmp(what, "reopen")) {
    int month, day;
    if (o->npos != 2 || !need_year(o, "monitor reopen") || !checkpoint_of("monitor reopen", o->checkpoint, &month, &day)) {
      if (o->npos != 2) fprintf(stderr, "jixiao db monitor reopen: 请给出一个单位编码\n");
      return EXIT_USAGE;
    }
    if (!o->reason || !*o->reason) {
      fprintf(stderr, "jixiao db monitor reopen: 请用 --reason 写明重开的原因\n");
      return EXIT_USAGE;
    }
    jx_status st = jx_store_monitor_reopen(s, o->pos[1], o->year, o->checkpoint, o->reason, who(o));
    if (st != JX_OK) return fail(s, st);
    jx_fput_visible(stdout, o->pos[1]);
    printf(" %d 年度监控时点 %s 已重开，可补报一次\n", o->year, o->checkpoint);
    return EXIT_OK;
  }
  fprintf(stderr, "jixiao db monitor: 未知的操作“%s”：应为 import、show、history 或 reopen\n", what);
  return EXIT_USAGE;
}

static int c_alerts(jx_store *s, db_opts *o) {
  if (!need_year(o, "alerts")) return EXIT_USAGE;
  int month, day;
  if (o->checkpoint && !checkpoint_of("alerts", o->checkpoint, &month, &day)) return EXIT_USAGE;
  jx_light light = JX_LIGHT_NONE;
  if (o->light) light = !strcmp(o->light, "红") ? JX_LIGHT_RED : !strcmp(o->light, "黄") ? JX_LIGHT_YELLOW
                       : !strcmp(o->light, "绿")                                        ? JX_LIGHT_GREEN
                                                                                       : JX_LIGHT_NONE;
  if (o->light && light == JX_LIGHT_NONE) {
    fprintf(stderr, "jixiao db alerts: --light 应为 红、黄 或 绿：%s\n", o->light);
    return EXIT_USAGE;
  }
  jx_mon_query q = {.what = "alerts", .year = o->year, .day = o->checkpoint, .under = o->under, .light = light};
  return mon_table(s, o, &q);
}

static int c_followup(jx_store *s, db_opts *o) {
  const char *what = o->pos[0];
  if (!strcmp(what, "list")) {
    if (o->npos != 1) {
      fprintf(stderr, "jixiao db followup list: 参数个数不对\n");
      return EXIT_USAGE;
    }
    jx_mon_query q = {.what = "followups", .year = o->year, .open_only = o->open_only};
    return mon_table(s, o, &q);
  }
  if (!strcmp(what, "close")) {
    int64_t id;
    if (o->npos != 2 || !parse_int(o->pos[1], 1, INT64_MAX, &id)) {
      fprintf(stderr, "jixiao db followup close: 请给出跟进事项的编号（正整数）\n");
      return EXIT_USAGE;
    }
    if (!o->reason || !*o->reason) {
      fprintf(stderr, "jixiao db followup close: 请用 --reason 写明关闭的原因\n");
      return EXIT_USAGE;
    }
    jx_status st = jx_store_followup_close(s, id, o->reason, who(o));
    if (st != JX_OK) return fail(s, st);
    printf("跟进事项 #%lld 已关闭\n", (long long)id);
    return EXIT_OK;
  }
  fprintf(stderr, "jixiao db followup: 未知的操作“%s”：应为 list 或 close\n", what);
  return EXIT_USAGE;
}

/* ---- 待办与提醒 (#18) -------------------------------------------------------------------------- */

static int c_todo(jx_store *s, db_opts *o) {
  char role[32] = "", dep[256] = "", err[1024] = "";
  if (o->user && (o->role || o->department)) {
    fprintf(stderr, "jixiao db todo: --user 与 --role/--department 只能二选一\n");
    return EXIT_USAGE;
  }
  if (o->user) {
    jx_status st = jx_user_info(o->target, o->user, role, sizeof role, dep, sizeof dep, err, sizeof err);
    if (st != JX_OK) {
      fprintf(stderr, "jixiao db todo: %s\n", err);
      return exit_of(st == JX_ERR_INVALID ? JX_ERR_DATA : st);
    }
  } else if (o->role) {
    snprintf(role, sizeof role, "%s", o->role);
    snprintf(dep, sizeof dep, "%s", o->department ? o->department : "");
  } else {
    fprintf(stderr, "jixiao db todo: 请用 --user 账号，或 --role 角色 [--department 编码] 指明谁的待办\n");
    return EXIT_USAGE;
  }
  jx_todo_query q = {role, dep[0] ? dep : NULL, (int)o->before};
  jx_todo *t;
  size_t n;
  jx_status st = jx_store_todo(s, &q, &t, &n);
  if (st != JX_OK) return fail(s, st);
  jx_todo_write(stdout, t, n, o->format_table == JX_TABLE_JSON);
  jx_todo_free(t);
  return EXIT_OK;
}

static int c_remind(jx_store *s, db_opts *o) {
  (void)s;
  jx_remind_opts r = {o->smtp, o->from, (int)o->before, o->dry_run};
  char err[1024] = "";
  fflush(stdout);
  jx_status st = jx_remind(o->target, &r, stdout, err, sizeof err);
  fflush(stdout);
  if (st != JX_OK) {
    fprintf(stderr, "jixiao db remind: %s\n", err);
    return exit_of(st);
  }
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
    {"submit", 2, 2, NULL, c_transition,
     "submit|approve|publish 编码 年度 [--expect-version N]  审核流程（approve：审核通过当前待审的一级：单位、主管部门、财政局）"},
    {"approve", 2, 2, NULL, c_transition, NULL},
    {"publish", 2, 2, NULL, c_transition, NULL},
    {"return", 2, 2, NULL, c_transition, "return 编码 年度 --comment \"指标=意见\"...  退回并写明意见"},
    {"unapprove", 2, 2, NULL, c_transition,
     "unapprove 编码 年度 --comment \"理由\" [--level unit|authority|bureau]  撤销某一级的审核通过（默认最近一级），回到该级待审"},
    {"rectify", 3, 3, c_rectify, NULL, "rectify 编码 年度 \"整改事项\"     登记整改事项（已公开的年度）"},
    {"rectify-close", 2, 2, c_rectify_close, NULL, "rectify-close 编号 \"整改结果\"    关闭整改事项"},
    {"rectifications", 0, 0, NULL, c_query, "rectifications [--year 年度]   列出整改事项"},
    {"deadline", 2, 2, c_deadline, NULL, "deadline 年度 YYYY-MM-DD       设定报送截止日期"},
    {"rank", 0, 0, NULL, c_query,
     "rank --year 年度 [--by total|execution|indicators|attainment|块名] [--level unit|authority|bureau] [--top N]  排名"},
    {"stats", 0, 0, NULL, c_query, "stats --year 年度              得分分布"},
    {"flags", 0, 0, NULL, c_query, "flags --year 年度              自评与数据不一致的单位"},
    {"yoy", 0, 0, NULL, c_query, "yoy --year 年度                与上年相比"},
    {"missing", 0, 0, NULL, c_query, "missing --year 年度            未报送、未提交、逾期；已过报送期限未报的监控时点"},
    {"totals", 0, 0, NULL, c_query, "totals --year 年度             按一级/二级指标汇总"},
    {"opendata", 1, 1, c_opendata, NULL, "opendata 目录                  导出已公开数据（CSV 和 JSON）"},
    {"decl", 1, -1, c_decl, NULL,
     "decl import [--user 人] [--role 角色] [--department 单位编码] 文件.yaml|目录...  导入绩效目标申报\n"
     "  jixiao db decl list [--year 年度] [--status 状态] [--under 编码]  列出申报\n"
     "  jixiao db decl show|history 编码 --year 年度 [--version N] [--scope project|department]  指标或修改记录\n"
     "  jixiao db decl review|approve 编码 --year 年度 [--comment 意见]  主管部门审核、财政审核、批复（锁定）\n"
     "  jixiao db decl return 编码 --year 年度 --comment 意见  退回\n"
     "  jixiao db decl adjust 文件 --date YYYY-MM-DD --reason 原因 --approver 批准人  已批复目标的动态调整\n"
     "  jixiao db decl export 编码 --year 年度 [--version N] [-o 文件]  导出申报原文件\n"
     "  jixiao db decl summary [--year 年度] [--under 编码] [--rules 审核口径]  财政汇总：各状态的申报数、退回最多的单位、\n"
     "                                          按审核规则的问题数和问题最多的单位"},
    {"library", 1, -1, c_library, NULL,
     "library search 词... [--level2 二级指标] [--limit N]  检索指标库（按使用次数排序）\n"
     "  jixiao db library frame                 通用指标框架（一级/二级）及其下的指标数\n"
     "  jixiao db library export [--format csv|xlsx] [-o 文件]  导出指标库（CSV；XLSX 须给 -o）\n"
     "  jixiao db library import 文件.csv|.xlsx  导入本单位的指标库"},
    {"checkpoint", 1, -1, c_checkpoint, NULL,
     "checkpoint set --year 年度 [--preset default|quarterly|half-year | MM-DD ...] [--deadline-days N] [--grace-days N]\n"
     "                                          设定监控时点（报送期限 = 时点 + N 天，之后宽限 N 天）\n"
     "  jixiao db checkpoint list --year 年度     监控时点、报送期限、宽限至、今天是否锁定"},
    {"monitor", 1, -1, c_monitor, NULL,
     "monitor import [--user 人] 报告.yaml|目录...  导入监控报告（红黄绿灯在导入时计算）\n"
     "  jixiao db monitor import --year 年度 --checkpoint MM-DD [--user 人] 汇总表.csv|.xlsx  多个单位一张表\n"
     "  jixiao db monitor show 单位编码 --year 年度 [--checkpoint MM-DD] [--project 编码]  数据和各灯的依据\n"
     "  jixiao db monitor history 单位编码 --year 年度  报送、更新、重开、跟进的记录\n"
     "  jixiao db monitor reopen 单位编码 --year 年度 --checkpoint MM-DD --reason 原因  重开已锁定的时点（补报一次）"},
    {"alerts", 0, 0, c_alerts, NULL,
     "alerts --year 年度 [--checkpoint MM-DD] [--under 编码] [--light 红|黄|绿] [--json]  按红、黄、绿列出各单位"},
    {"followup", 1, 2, c_followup, NULL,
     "followup list [--year 年度] [--open]     红灯开启的跟进事项\n"
     "  jixiao db followup close 编号 --reason 原因  财政局关闭跟进事项"},
    {"todo", 0, 0, c_todo, NULL,
     "todo --user 账号 | --role 角色 [--department 编码] [--before N天] [--json]  待办：未报的监控时点、被退回、\n"
     "                                          待审核的申报、整改、监控跟进"},
    {"remind", 0, 0, c_remind, NULL,
     "remind [--dry-run] [--smtp smtp://主机:端口] [--from 地址] [--before N天]  邮件提醒（期限前 N 天，默认 3）、\n"
     "                                          催报（已过期限）、逾期（宽限期满），每项每人只发一次"},
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
        "  --level 层级             rank：unit、authority 或 bureau；unapprove：撤销哪一级的审核\n"
        "  --top N                  rank：只列前 N 个\n"
        "  --under 编码             查询：只看某单位及其下级\n"
        "  --kind 种类              show、history、export 和审核：单位年度的种类（默认 department）\n"
        "  --frameworks 目录        评价框架目录\n"
        "  --force                  backup：覆盖已有的备份文件；restore：覆盖已有的数据库\n"
        "  --role 角色              decl：操作人的角色（officer、head、reviewer、admin），与 --department\n"
        "                           （其所属单位）一起按审核流程检查权限；不给则为数据库操作员，不检查\n"
        "  --status 状态            decl list：declared、authority_reviewed、bureau_reviewed、approved、returned\n"
        "                           （或 已申报、主管部门已审、财政已审、已批复、已退回）\n"
        "  --scope 范围             decl：project（项目）或 department（部门整体），编码两者都有时指明\n"
        "  --date 日期              decl adjust：调整批准日期 YYYY-MM-DD\n"
        "  --reason 原因            decl adjust：调整原因\n"
        "  --approver 批准人        decl adjust：批准人\n"
        "  --level2 二级指标        library search：只在这个二级指标下检索\n"
        "  --limit N                library search：最多列出 N 条（默认 20）\n"
        "  --format csv|xlsx        library export：导出格式（默认 csv；xlsx 须用 -o 给出文件）\n"
        "  --rules 文件             decl summary：审核规则（.xlsx 审核口径或 YAML；默认内置规则，见 jixiao review）\n"
        "  --checkpoint MM-DD       monitor、alerts：监控时点\n"
        "  --preset 名称            checkpoint set：规则中的监控时点组（default、quarterly、half-year）\n"
        "  --deadline-days N        checkpoint set：报送期限为时点后 N 天（默认按规则）\n"
        "  --grace-days N           checkpoint set：报送期限后再宽限 N 天（默认按规则），之后锁定\n"
        "  --project 编码           monitor show：只看这个项目（部门整体：\"\"）\n"
        "  --light 红|黄|绿         alerts：只列这种灯\n"
        "  --open                   followup list：只列未关闭的\n"
        "  --reason 原因            monitor reopen、followup close：原因（必填）\n"
        "  --before N天             todo：列出 N 天内到期的监控时点（默认 14）；remind：期限前 N 天提醒（默认 3）\n"
        "  --smtp URL               remind：发信服务器 smtp://主机:端口 或 smtps://…（可带 用户:口令@）\n"
        "  --from 地址              remind：发信地址\n"
        "  --dry-run                remind：只列出将发的邮件，不发送也不记录\n"
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
    if (!strcmp(a, "--csv")) o->format_table = JX_TABLE_CSV;
    else if (!strcmp(a, "--json")) o->format_table = JX_TABLE_JSON;
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
    else if ((v = opt_value(argc, argv, &i, "--status"))) o->status = v;
    else if ((v = opt_value(argc, argv, &i, "--date"))) o->date = v;
    else if ((v = opt_value(argc, argv, &i, "--reason"))) o->reason = v;
    else if ((v = opt_value(argc, argv, &i, "--approver"))) o->approver = v;
    else if ((v = opt_value(argc, argv, &i, "--level2"))) o->level2 = v;
    else if ((v = opt_value(argc, argv, &i, "--format"))) o->format = v;
    else if ((v = opt_value(argc, argv, &i, "--role"))) o->role = v;
    else if ((v = opt_value(argc, argv, &i, "--scope"))) o->scope = v;
    else if ((v = opt_value(argc, argv, &i, "--rules"))) o->rules = v;
    else if (!strcmp(a, "--open")) o->open_only = true;
    else if (!strcmp(a, "--dry-run")) o->dry_run = true;
    else if ((v = opt_value(argc, argv, &i, "--smtp"))) o->smtp = v;
    else if ((v = opt_value(argc, argv, &i, "--from"))) o->from = v;
    else if ((v = opt_value(argc, argv, &i, "--before"))) {
      char num[32];
      size_t k = strlen(v);
      if (k > 3 && !strcmp(v + k - 3, "天")) k -= 3; /* "3天" */
      snprintf(num, sizeof num, "%.*s", (int)(k < sizeof num ? k : sizeof num - 1), v);
      if (!num_opt("--before", num, 0, 366, &o->before)) return EXIT_USAGE;
    }
    else if ((v = opt_value(argc, argv, &i, "--checkpoint"))) o->checkpoint = v;
    else if ((v = opt_value(argc, argv, &i, "--preset"))) o->preset = v;
    else if ((v = opt_value(argc, argv, &i, "--project"))) o->project = v;
    else if ((v = opt_value(argc, argv, &i, "--light"))) o->light = v;
    else if ((v = opt_value(argc, argv, &i, "--deadline-days"))) {
      if (!num_opt("--deadline-days", v, 0, 366, &o->deadline_days)) return EXIT_USAGE;
    } else if ((v = opt_value(argc, argv, &i, "--grace-days"))) {
      if (!num_opt("--grace-days", v, 0, 366, &o->grace_days)) return EXIT_USAGE;
    }
    else if ((v = opt_value(argc, argv, &i, "--limit"))) {
      if (!num_opt("--limit", v, 1, 100000, &o->limit)) return EXIT_USAGE;
    }
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
  o.deadline_days = o.grace_days = o.before = -1;
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
    o.target = target;
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
