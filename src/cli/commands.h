/* commands.h — the table of commands that live in their own src/cli/ file. */
#ifndef JX_CLI_COMMANDS_H
#define JX_CLI_COMMANDS_H

#include <stddef.h>

/* One command: `jixiao NAME ...` calls run(argc, argv) with argv[0] == NAME and returns
 * its exit code (0 ok, 1 data errors, 2 usage, 3 I/O — as documented in the README).
 * usage is one or more lines for `jixiao --help`, each starting "  jixiao NAME". */
typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *usage;
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_n_commands;

#endif
