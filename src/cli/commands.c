/* commands.c — the commands that live in their own src/cli/ file, in `--help` order. */
#include "cli/commands.h"

int cli_db(int argc, char **argv); /* db.c */

/* Add a command here: its run function and its usage lines. */
const cli_command cli_commands[] = {
    {"db", cli_db,
     "  jixiao db [--db 文件|postgresql://…] init|departments|import|export|list|show|history|status|\n"
     "            submit|return|approve|publish|rectify|rank|stats|flags|yoy|missing|totals|opendata …\n"
     "                                               收集多个单位多个年度：审核流程、修改记录、排名和公开（jixiao db help）\n"},
};
const size_t cli_n_commands = sizeof cli_commands / sizeof *cli_commands;
