/* main.c — the jixiao command line: finds the command in the table of commands.c and
 * calls it; `--help`, `help COMMAND` and `--version` are answered here. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "jixiao.h"
#include "web/store.h"

static void usage(FILE *out) {
  fputs("用法：\n", out);
  for (size_t i = 0; i < cli_n_commands; i++) fputs(cli_commands[i].synopsis, out);
  fputs("  jixiao help 命令 | 命令 --help                每个命令自己的帮助：全部选项和说明\n"
        "  jixiao --version | --help\n"
        "\n"
        "退出码：0 无错误；1 数据有错误；2 命令用法错误；3 文件无法读取\n"
        "评价框架目录依次查找：--frameworks、$JIXIAO_FRAMEWORKS、./frameworks、数据文件的 ../frameworks\n",
        out);
}

static bool is_help(const char *a) { return !strcmp(a, "--help") || !strcmp(a, "-h"); }

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  const char *name = argv[1];
  if (is_help(name)) {
    usage(stdout);
    return EXIT_OK;
  }
  if (!strcmp(name, "--version") || !strcmp(name, "-V")) /* with the libraries the modules load */
    return jx_version_write(stdout, true) == JX_OK ? EXIT_OK : EXIT_IO;
  if (!strcmp(name, "help")) {
    if (argc == 2) {
      usage(stdout);
      return EXIT_OK;
    }
    const cli_command *c = cli_command_find(argv[2]);
    if (!c) {
      fprintf(stderr, "jixiao help: 没有“%s”这个命令\n\n", argv[2]);
      usage(stderr);
      return EXIT_USAGE;
    }
    cli_command_help(c, stdout);
    return EXIT_OK;
  }
  const cli_command *c = cli_command_find(name);
  if (!c) {
    fprintf(stderr, "jixiao: 未知命令“%s”\n\n", name);
    usage(stderr);
    return EXIT_USAGE;
  }
  /* `jixiao CMD --help` anywhere among its arguments: the command's own page (db's
   * subcommands take theirs from the same page) */
  for (int i = 2; i < argc; i++)
    if (is_help(argv[i])) {
      cli_command_help(c, stdout);
      return EXIT_OK;
    }
  /* the web's tables are part of every database the commands open (`jixiao db init`
   * creates them, none is refused as unknown): register their migrations (store/db.h) */
  jx_web_register_migrations();
  return c->run(argc - 1, argv + 1);
}
