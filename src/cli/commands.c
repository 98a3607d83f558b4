/* commands.c — the commands that live in their own src/cli/ file, in `--help` order. */
#include "cli/commands.h"

/* Add a command here: its run function and its usage lines. */
const cli_command cli_commands[] = {
    {NULL, NULL, ""}, /* placeholder so the table is never empty; skipped by name == NULL */
};
const size_t cli_n_commands = 0;
