/* commands.c — the commands that live in their own src/cli/ file, in `--help` order. */
#include "cli/commands.h"

#include "cli/serve.h"

int cli_template(int argc, char **argv); /* template.c */
int cli_import(int argc, char **argv);   /* import.c */
int cli_db(int argc, char **argv);       /* db.c */
int cli_gen(int argc, char **argv);      /* gen.c */

/* Add a command here: its run function and its usage lines. */
const cli_command cli_commands[] = {
    {"template", cli_template,
     "  jixiao template --kind target|selfeval|project|monitoring -o 模板.xlsx [数据.yaml]\n"
     "                                               写出官方表格的 XLSX 模板（空白，或按数据文件预填）\n"},
    {"import", cli_import,
     "  jixiao import 表格.xlsx|表格.csv [-o 输出.yaml | --onto 数据.yaml | --db 数据库] [--kind 种类] [--framework 框架]\n"
     "                                               把填好的模板或其他软件导出的官方表格读成部门年度数据文件\n"
     "                                               （--onto 并入已有文件，--db 并入数据库中的当前版本，--check 检查并指出单元格）\n"},
    {"db", cli_db,
     "  jixiao db [--db 文件|postgresql://…] init|departments|import|export|list|show|history|status|\n"
     "            submit|return|approve|publish|rectify|rank|stats|flags|yoy|missing|totals|opendata …\n"
     "                                               收集多个单位多个年度：审核流程、修改记录、排名和公开（jixiao db help）\n"},
    {"serve", cli_serve,
     "  jixiao serve [--db 数据库] [--listen 127.0.0.1:8080] [--threads N] [--secure-cookies]\n"
     "               [--max-connections N] [--max-connections-per-address N（默认 32，0 为不限）]\n"
     "               [--timeout 秒] [--header-timeout 秒（默认 10）] [--access-log 文件|-] [--frameworks 目录]\n"
     "                                               网页界面和 JSON 接口（见 docs/web.md、docs/api.md）\n"},
    {"user", cli_user,
     "  jixiao user add 账号 --role officer|head|reviewer|admin [--department 部门代码] [--db 数据库]\n"
     "                                               建立网页账号，口令从终端输入（没有默认口令）\n"},
    {"gen", cli_gen,
     "  jixiao gen --departments N [--seed S] [--years 2022-2023] -o 目录\n"
     "                                               生成一个虚构的省（财政局、主管部门、预算单位）的部门年度数据文件\n"},
};
const size_t cli_n_commands = sizeof cli_commands / sizeof *cli_commands;
