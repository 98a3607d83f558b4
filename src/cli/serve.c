/* serve.c — `jixiao serve` and `jixiao user add`: argument parsing only; the server
 * and the accounts are library code (src/web). */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/commands.h"
#include "jixiao.h"
#include "util/arena.h"
#include "util/email.h"


/* The database when --db is not given: $JIXIAO_DB, else jixiao.db (as `jixiao db`). */
static const char *default_db(void) {
  const char *env = getenv("JIXIAO_DB");
  return env && *env ? env : "jixiao.db";
}

/* The value of option opt as a whole decimal number in [lo, hi]; false with a Chinese
 * message on stderr otherwise (prefixed by where, "文件:行: ", for a config file's line). */
static bool parse_count(const char *where, const char *opt, const char *v, unsigned long lo, unsigned long hi,
                        unsigned *out) {
  char *end;
  errno = 0;
  unsigned long n = strtoul(v, &end, 10);
  if (errno || end == v || *end || v[0] == '-' || n < lo || n > hi) {
    fprintf(stderr, "jixiao serve: %s%s 的值“%s”不对：应为 %lu 到 %lu 之间的整数\n", where ? where : "", opt, v, lo, hi);
    return false;
  }
  *out = (unsigned)n;
  return true;
}

typedef struct {
  jx_web_config cfg;
  const char *proxies[16];
  size_t n_proxies;
  jx_arena *mem; /* the config file's strings, freed when the server has stopped */
} serve_opts;

/* The options in args[0..n) (as on the command line; where[i], when not NULL, is the
 * "文件:行: " a config file's setting came from).  EXIT_OK, or EXIT_USAGE with a message. */
static int apply_options(serve_opts *o, int n, char **args, char *const *where) {
  jx_web_config *cfg = &o->cfg;
  for (int i = 0; i < n && args[i]; i++) {
    const char *a = args[i];
    const char *v = i + 1 < n ? args[i + 1] : NULL;
    const char *at = where && where[i] ? where[i] : "";
    if (!strcmp(a, "--config") && v) i++; /* read before the others (cli_serve) */
    else if (!strcmp(a, "--db") && v) cfg->db = args[++i];
    else if (!strcmp(a, "--listen") && v) cfg->listen = args[++i];
    else if (!strcmp(a, "--frameworks") && v) cfg->framework_path = args[++i];
    else if (!strcmp(a, "--threads") && v) {
      if (!parse_count(at, a, args[++i], 0, 1024, &cfg->threads)) return EXIT_USAGE;
    } else if (!strcmp(a, "--max-connections") && v) cfg->max_connections = (unsigned)strtoul(args[++i], NULL, 10);
    else if (!strcmp(a, "--timeout") && v) cfg->timeout_s = (unsigned)strtoul(args[++i], NULL, 10);
    else if (!strcmp(a, "--secure-cookies")) cfg->secure_cookies = true;
    else if (!strcmp(a, "--access-log") && v) cfg->access_log = args[++i];
    else if (!strcmp(a, "--trusted-proxy") && v) {
      if (o->n_proxies == sizeof o->proxies / sizeof o->proxies[0]) {
        fprintf(stderr, "jixiao serve: %s--trusted-proxy 最多 %zu 个\n", at, sizeof o->proxies / sizeof o->proxies[0]);
        return EXIT_USAGE;
      }
      o->proxies[o->n_proxies++] = args[++i];
    } else if (!strcmp(a, "--max-connections-per-address") && v) {
      if (!parse_count(at, a, args[++i], 0, 100000, &cfg->max_per_address)) return EXIT_USAGE;
      if (cfg->max_per_address == 0) cfg->max_per_address = UINT_MAX; /* 0: no limit (behind a proxy) */
    } else if (!strcmp(a, "--header-timeout") && v) {
      if (!parse_count(at, a, args[++i], 1, 3600, &cfg->header_timeout_s)) return EXIT_USAGE;
    } else {
      fprintf(stderr, "jixiao serve: %s未知选项“%s”%s\n", at, a, v || a[0] != '-' ? "" : "（缺少它的值）");
      return EXIT_USAGE;
    }
  }
  return EXIT_OK;
}

/* The settings a config file may have: the serve options that take a value, and
 * secure-cookies (yes/no). */
static const char *const config_keys[] = {"db", "listen", "frameworks", "threads", "max-connections",
                                          "max-connections-per-address", "timeout", "header-timeout",
                                          "access-log", "trusted-proxy", "secure-cookies"};

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = '\0';
  return s;
}

/* Reads the config file (`key = value` lines; `#` comments and blank lines skipped) and
 * applies its settings to o, each as its option.  Its strings live in o->mem (the
 * server keeps pointers into them).  EXIT_OK, EXIT_IO when the file cannot be
 * read, EXIT_USAGE (with 文件:行) for a line that is not a known setting. */
static int read_config(serve_opts *o, const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "jixiao serve: 无法读取配置文件 %s：%s\n", path, strerror(errno));
    return EXIT_IO;
  }
  enum { MAX_SETTINGS = 64 };
  o->mem = jx_arena_new();
  char **args = jx_arena_alloc(o->mem, sizeof(char *) * 2 * MAX_SETTINGS);
  char **where = jx_arena_alloc(o->mem, sizeof(char *) * 2 * MAX_SETTINGS);
  int n = 0, rc = EXIT_OK;
  char line[4096];
  for (unsigned lineno = 1; rc == EXIT_OK && fgets(line, sizeof line, f); lineno++) {
    char at[4200];
    snprintf(at, sizeof at, "%s:%u: ", path, lineno);
    if (!strchr(line, '\n') && !feof(f)) {
      fprintf(stderr, "jixiao serve: %s这一行太长（最多 %zu 字节）\n", at, sizeof line - 2);
      rc = EXIT_USAGE;
      break;
    }
    char *s = trim(line);
    if (!*s || *s == '#') continue;
    char *eq = strchr(s, '=');
    if (!eq) {
      fprintf(stderr, "jixiao serve: %s应为“设置 = 值”，如 listen = 127.0.0.1:8080\n", at);
      rc = EXIT_USAGE;
      break;
    }
    *eq = '\0';
    char *key = trim(s), *val = trim(eq + 1);
    bool known = false;
    for (size_t k = 0; k < sizeof config_keys / sizeof *config_keys; k++) known |= !strcmp(key, config_keys[k]);
    if (!known) {
      fprintf(stderr, "jixiao serve: %s没有“%s”这个设置（可用：db、listen、threads、access-log、trusted-proxy、"
                      "secure-cookies、frameworks、timeout、header-timeout、max-connections、"
                      "max-connections-per-address）\n", at, key);
      rc = EXIT_USAGE;
      break;
    }
    if (!*val) {
      fprintf(stderr, "jixiao serve: %s“%s”没有值\n", at, key);
      rc = EXIT_USAGE;
      break;
    }
    if (n + 2 > 2 * MAX_SETTINGS) {
      fprintf(stderr, "jixiao serve: %s设置太多（最多 %d 个）\n", at, MAX_SETTINGS);
      rc = EXIT_USAGE;
      break;
    }
    char opt[128];
    snprintf(opt, sizeof opt, "--%s", key);
    if (!strcmp(key, "secure-cookies")) {
      bool yes = !strcmp(val, "yes") || !strcmp(val, "true") || !strcmp(val, "1");
      if (!yes && strcmp(val, "no") != 0 && strcmp(val, "false") != 0 && strcmp(val, "0") != 0) {
        fprintf(stderr, "jixiao serve: %ssecure-cookies 的值“%s”不对：应为 yes 或 no\n", at, val);
        rc = EXIT_USAGE;
        break;
      }
      if (!yes) continue;
      where[n] = jx_arena_strdup(o->mem, at);
      args[n++] = jx_arena_strdup(o->mem, opt);
      continue;
    }
    where[n] = jx_arena_strdup(o->mem, at);
    args[n++] = jx_arena_strdup(o->mem, opt);
    where[n] = where[n - 1];
    args[n++] = jx_arena_strdup(o->mem, val);
  }
  if (rc == EXIT_OK && ferror(f)) {
    fprintf(stderr, "jixiao serve: 读取配置文件 %s 出错\n", path);
    rc = EXIT_IO;
  }
  fclose(f);
  return rc == EXIT_OK ? apply_options(o, n, args, where) : rc;
}

int cli_serve(int argc, char **argv) {
  serve_opts o = {.cfg = {.db = default_db(), .listen = "127.0.0.1:8080"}};
  /* the config file first, whatever its place: the command line's options override it */
  for (int i = 1; i + 1 < argc; i++)
    if (!strcmp(argv[i], "--config")) {
      int rc = read_config(&o, argv[i + 1]);
      if (rc != EXIT_OK) {
        jx_arena_free(o.mem);
        return rc;
      }
      break;
    }
  int rc = apply_options(&o, argc - 1, argv + 1, NULL);
  if (rc != EXIT_OK) {
    jx_arena_free(o.mem);
    return rc;
  }
  o.cfg.trusted_proxies = o.proxies;
  o.cfg.n_trusted_proxies = o.n_proxies;
  char err[1024] = "";
  jx_status st = jx_web_serve(&o.cfg, err, sizeof err);
  jx_arena_free(o.mem);
  if (st != JX_OK) {
    fprintf(stderr, "jixiao serve: %s\n", err);
    return st == JX_ERR_INVALID ? EXIT_USAGE : EXIT_IO;
  }
  return EXIT_OK;
}

/* One line from the terminal without echo, or from stdin when it is not a terminal. */
static bool read_password(const char *prompt, char *buf, size_t n) {
  bool tty = isatty(STDIN_FILENO);
  struct termios old, quiet;
  if (tty) {
    fputs(prompt, stderr);
    fflush(stderr);
    tcgetattr(STDIN_FILENO, &old);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  bool ok = fgets(buf, (int)n, stdin) != NULL;
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
  }
  if (ok) buf[strcspn(buf, "\r\n")] = '\0';
  return ok;
}

/* `jixiao user email 账号 地址`: set (or with "" clear) an account's e-mail address. */
static int user_email(int argc, char **argv) {
  const char *db = default_db(), *pos[2] = {NULL, NULL};
  int npos = 0;
  for (int i = 2; i < argc && argv[i]; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else if (npos < 2 && (argv[i][0] != '-' || !argv[i][1])) pos[npos++] = argv[i];
    else {
      fprintf(stderr, "jixiao user email: 未知选项或多余的参数“%s”\n", argv[i]);
      return EXIT_USAGE;
    }
  }
  if (npos != 2) {
    fprintf(stderr, "用法：jixiao user email 账号 邮箱地址 [--db 数据库]（地址为 \"\" 则清除）\n");
    return EXIT_USAGE;
  }
  char err[1024] = "";
  jx_status st = jx_user_email(db, pos[0], pos[1], err, sizeof err);
  if (st != JX_OK) {
    fprintf(stderr, "jixiao user email: %s\n", err);
    return st == JX_ERR_INVALID ? EXIT_DATA : EXIT_IO;
  }
  if (*pos[1]) fprintf(stderr, "账号 %s 的邮箱已设为 %s\n", pos[0], pos[1]);
  else fprintf(stderr, "已清除账号 %s 的邮箱\n", pos[0]);
  return EXIT_OK;
}

int cli_user(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "email")) return user_email(argc, argv);
  if (argc < 3 || strcmp(argv[1], "add") != 0) {
    fprintf(stderr, "用法：jixiao user add 账号 --role officer|head|reviewer|admin [--department 部门代码] [--email 邮箱] [--db 数据库]\n"
                    "      jixiao user email 账号 邮箱地址 [--db 数据库]\n");
    return EXIT_USAGE;
  }
  const char *name = argv[2], *role = NULL, *dep = NULL, *email = NULL, *db = default_db();
  for (int i = 3; i < argc && argv[i]; i++) {
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(argv[i], "--role") && v) role = argv[++i];
    else if (!strcmp(argv[i], "--email") && v) email = argv[++i];
    else if (!strcmp(argv[i], "--department") && v) dep = argv[++i];
    else if (!strcmp(argv[i], "--db") && v) db = argv[++i];
    else {
      fprintf(stderr, "jixiao user add: 未知选项“%s”\n", argv[i]);
      return EXIT_USAGE;
    }
  }
  if (!role) {
    fprintf(stderr, "jixiao user add: 请用 --role 指明角色\n");
    return EXIT_USAGE;
  }
  const char *why = NULL;
  if (email && !jx_email_valid(email, &why)) {
    fprintf(stderr, "jixiao user add: 邮箱地址不对：%s\n", why);
    return EXIT_DATA;
  }
  char pw[1100], again[1100];
  if (!read_password("口令（至少 10 个字符）：", pw, sizeof pw)) {
    fprintf(stderr, "jixiao user add: 没有读到口令\n");
    return EXIT_USAGE;
  }
  if (isatty(STDIN_FILENO)) {
    if (!read_password("再输入一次：", again, sizeof again) || strcmp(pw, again) != 0) {
      fprintf(stderr, "jixiao user add: 两次输入的口令不一致\n");
      return EXIT_USAGE;
    }
  }
  char err[1024] = "";
  jx_status st = jx_user_add(db, name, pw, role, dep, err, sizeof err);
  memset(pw, 0, sizeof pw);
  memset(again, 0, sizeof again);
  if (st != JX_OK) {
    fprintf(stderr, "jixiao user add: %s\n", err);
    return st == JX_ERR_INVALID ? EXIT_DATA : EXIT_IO;
  }
  if (email) {
    st = jx_user_email(db, name, email, err, sizeof err);
    if (st != JX_OK) {
      fprintf(stderr, "jixiao user add: 账号已建立，但邮箱没有设上：%s\n", err);
      return st == JX_ERR_INVALID ? EXIT_DATA : EXIT_IO;
    }
  }
  fprintf(stderr, "已建立账号 %s（%s）%s%s\n", name, role, email ? "，邮箱 " : "", email ? email : "");
  return EXIT_OK;
}
