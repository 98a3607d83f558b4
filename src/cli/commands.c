/* commands.c — the commands that live in their own src/cli/ file, in `--help` order. */
#include "cli/commands.h"

int cli_gen(int argc, char **argv);

/* Add a command here: its run function and its usage lines. */
const cli_command cli_commands[] = {
    {"gen", cli_gen,
     "  jixiao gen --departments N [--seed S] [--years 2022-2023] -o 目录\n"
     "                                               生成一个虚构的省（财政局、主管部门、预算单位）的部门年度数据文件\n"},
};
const size_t cli_n_commands = sizeof cli_commands / sizeof cli_commands[0];
