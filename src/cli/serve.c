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


/* The database when --db is not given: $JIXIAO_DB, else jixiao.db (as `jixiao db`). */
static const char *default_db(void) {
  const char *env = getenv("JIXIAO_DB");
  return env && *env ? env : "jixiao.db";
}

/* The value of option opt as a whole decimal number in [lo, hi]; false with a Chinese
 * message on stderr otherwise. */
static bool parse_count(const char *opt, const char *v, unsigned long lo, unsigned long hi, unsigned *out) {
  char *end;
  errno = 0;
  unsigned long n = strtoul(v, &end, 10);
  if (errno || end == v || *end || v[0] == '-' || n < lo || n > hi) {
    fprintf(stderr, "jixiao serve: %s 的值“%s”不对：应为 %lu 到 %lu 之间的整数\n", opt, v, lo, hi);
    return false;
  }
  *out = (unsigned)n;
  return true;
}

int cli_serve(int argc, char **argv) {
  jx_web_config cfg = {.db = default_db(), .listen = "127.0.0.1:8080"};
  const char *proxies[16];
  size_t n_proxies = 0;
  for (int i = 1; i < argc && argv[i]; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--db") && v) cfg.db = argv[++i];
    else if (!strcmp(a, "--listen") && v) cfg.listen = argv[++i];
    else if (!strcmp(a, "--frameworks") && v) cfg.framework_path = argv[++i];
    else if (!strcmp(a, "--threads") && v) cfg.threads = (unsigned)strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--max-connections") && v) cfg.max_connections = (unsigned)strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--timeout") && v) cfg.timeout_s = (unsigned)strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--secure-cookies")) cfg.secure_cookies = true;
    else if (!strcmp(a, "--access-log") && v) cfg.access_log = argv[++i];
    else if (!strcmp(a, "--trusted-proxy") && v) {
      if (n_proxies == sizeof proxies / sizeof proxies[0]) {
        fprintf(stderr, "jixiao serve: --trusted-proxy 最多 %zu 个\n", sizeof proxies / sizeof proxies[0]);
        return EXIT_USAGE;
      }
      proxies[n_proxies++] = argv[++i];
    } else if (!strcmp(a, "--max-connections-per-address") && v) {
      if (!parse_count(a, argv[++i], 0, 100000, &cfg.max_per_address)) return EXIT_USAGE;
      if (cfg.max_per_address == 0) cfg.max_per_address = UINT_MAX; /* 0: no limit (behind a proxy) */
    } else if (!strcmp(a, "--header-timeout") && v) {
      if (!parse_count(a, argv[++i], 1, 3600, &cfg.header_timeout_s)) return EXIT_USAGE;
    } else {
      fprintf(stderr, "jixiao serve: 未知选项“%s”\n", a);
      return EXIT_USAGE;
    }
  }
  cfg.trusted_proxies = proxies;
  cfg.n_trusted_proxies = n_proxies;
  char err[1024] = "";
  jx_status st = jx_web_serve(&cfg, err, sizeof err);
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

int cli_user(int argc, char **argv) {
  if (argc < 3 || strcmp(argv[1], "add") != 0) {
    fprintf(stderr, "用法：jixiao user add 账号 --role officer|head|reviewer|admin [--department 部门代码] [--db 数据库]\n");
    return EXIT_USAGE;
  }
  const char *name = argv[2], *role = NULL, *dep = NULL, *db = default_db();
  for (int i = 3; i < argc && argv[i]; i++) {
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(argv[i], "--role") && v) role = argv[++i];
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
  fprintf(stderr, "已建立账号 %s（%s）\n", name, role);
  return EXIT_OK;
}
