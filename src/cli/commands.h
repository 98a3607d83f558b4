/* commands.h — the table of every command of the command line, with its help page. */
#ifndef JX_CLI_COMMANDS_H
#define JX_CLI_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

/* Exit codes of every command (README, docs/check.md). */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* One command: `jixiao NAME ...` calls run(argc, argv) with argv[0] == NAME and returns
 * its exit code.  synopsis is one or more lines for `jixiao --help`, each starting
 * "  jixiao NAME".  help is the command's own page, complete (every option), printed by
 * `jixiao NAME --help`, `jixiao NAME -h` and `jixiao help NAME`; help_fn, when set,
 * prints a page made from data (db: its table of subcommands) instead.  Both run before
 * run, which never sees --help. */
typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *synopsis;
  const char *help;
  void (*help_fn)(FILE *out);
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_n_commands;

/* The command named name, or NULL. */
const cli_command *cli_command_find(const char *name);
/* Print a command's own help page to out. */
void cli_command_help(const cli_command *c, FILE *out);

/* The commands' run functions, one file each (evaluate.c serves five). */
int cli_evaluate(int argc, char **argv); /* check, score, report, import-report, audit */
int cli_template(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_review(int argc, char **argv);
int cli_db(int argc, char **argv);
void cli_db_help(FILE *out);
int cli_serve(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_gen(int argc, char **argv);

#endif
