/* commands.c — every command of the command line in `--help` order, with its help page. */
#include "cli/commands.h"

#include <string.h>

#define FRAMEWORKS_OPT                                                                                      \
  "  --frameworks 目录        评价框架目录；不给时依次查找 $JIXIAO_FRAMEWORKS、./frameworks、\n"                  \
  "                           数据文件的 ../frameworks 和安装目录\n"
#define HELP_OPT "  -h, --help               显示本帮助\n"
#define DECLARATION_OPT                                                                                     \
  "  --declaration 申报.yaml  与批复的绩效目标比对（docs/declaration.md）：指标值、缺少或多出的指标、\n"          \
  "                           本年金额，经批准的调整除外；报告列出绩效目标调整情况\n"
#define MONITORING_OPT                                                                                      \
  "  --monitoring 文件|目录   监控记录（kind: monitoring 的报告）：自评中执行进度和及时处置的说法与之比对\n"    \
  "                           （JX409、JX410，docs/monitoring.md），报告的绩效运行监控情况按它写\n"          \
  "  --monitoring-rules 文件  监控规则（默认内置 frameworks/monitoring/default.yaml）\n"
#define EXIT_CODES "退出码：0 无错误；1 数据有错误；2 命令用法错误；3 文件无法读取或写入\n"

/* Add a command here: its run function, its lines in `jixiao --help` and its own page. */
const cli_command cli_commands[] = {
    {"check", cli_evaluate,
     "  jixiao check [--frameworks 目录] [--declaration 申报.yaml] 文件...\n"
     "                                               检查部门年度数据文件或绩效目标申报文件，按编译器格式列出所有问题\n",
     "用法：jixiao check [--frameworks 目录] [--declaration 申报.yaml] 文件...\n"
     "\n"
     "检查部门年度数据文件（docs/format.md）：语法、加总、评分规则、各部分之间的一致性。\n"
     "绩效目标申报文件（kind: declaration，docs/declaration.md）按申报的格式检查。\n"
     "每个问题一行，按编译器的格式：文件:行:列: 严重程度: 代码 说明（代码见 docs/diagnostics.md），\n"
     "最后一行给出文件数、错误数和警告数。一次可检查很多文件（100 个以上时在终端显示进度）。\n"
     "\n"
     "选项：\n" FRAMEWORKS_OPT DECLARATION_OPT MONITORING_OPT
     "  --no-color               不着色（输出从不着色；为脚本保留）\n" HELP_OPT "\n" EXIT_CODES,
     NULL},
    {"score", cli_evaluate,
     "  jixiao score [--json] [--frameworks 目录] 文件  按评价框架计分，列出每项得分及其计算过程\n",
     "用法：jixiao score [--json] [--frameworks 目录] [--declaration 申报.yaml] 文件\n"
     "\n"
     "按数据文件指明的评价框架计分：预算执行、每个指标、每个评分块、总分和等级，\n"
     "每个得分都给出计算过程（docs/score.md）。问题写到标准错误，得分写到标准输出。\n"
     "\n"
     "选项：\n"
     "  --json                   以 JSON 输出得分（结构见 docs/score.md）\n" FRAMEWORKS_OPT DECLARATION_OPT MONITORING_OPT
     "  --no-color               不着色（为脚本保留）\n" HELP_OPT "\n" EXIT_CODES,
     NULL},
    {"report", cli_evaluate,
     "  jixiao report 文件 --format md|html|docx|pdf|xlsx [-o 输出文件]\n"
     "  jixiao report 文件 --format pdf,docx,xlsx,html [-o 目录]  一次计分，写出多种格式（文件名取数据文件名）\n"
     "                                               写出自评报告和公开表格（md/html 默认写到标准输出）\n",
     "用法：jixiao report 文件 --format 格式[,格式...] [-o 输出文件|目录] [--frameworks 目录] [--declaration 申报.yaml]\n"
     "\n"
     "写出自评报告和公开表格（docs/report.md）。格式：md、html、docx、pdf、xlsx。\n"
     "文件是绩效目标申报文件（kind: declaration）时，写出它的绩效目标申报表（docs/declaration-tables.md）。\n"
     "一种格式时 -o 为输出文件（md 和 html 不给 -o 则写到标准输出，\"-\" 也表示标准输出）；\n"
     "多种格式（逗号分隔）时只计分一次，-o 为已存在的目录，文件名取数据文件名，如 seed.pdf。\n"
     "\n"
     "选项：\n"
     "  -f, --format 格式        md、html、docx、pdf、xlsx，或用逗号分隔的几种（最多 8 种）\n"
     "  -o 文件|目录             输出位置（见上）\n" FRAMEWORKS_OPT DECLARATION_OPT MONITORING_OPT
     "  --no-color               不着色（为脚本保留）\n" HELP_OPT "\n" EXIT_CODES,
     NULL},
    {"import-report", cli_evaluate,
     "  jixiao import-report 报告文件 [-o 输出.yaml|目录]\n"
     "                                               把公开的自评报告读成部门年度数据文件（默认写到标准输出）\n",
     "用法：jixiao import-report 报告文件 [-o 输出.yaml|目录]\n"
     "\n"
     "把已公开的自评报告或自评表读成部门年度数据文件（docs/import.md）。报告文件可以是文本\n"
     "（网页复制、爬取的文字均可）、PDF（按版面读取表格）、Word（.docx）、网页（.html）或\n"
     "Excel（.xlsx）。读不出的项目列在输出文件末尾的 assumptions 中；在标准错误报告取得\n"
     "和未能取得的项数，以及识别出的表式中关键数据取得了多少。一个文件有几张自评表时，\n"
     "-o 须为已存在的目录，每张表写成一个文件（名称-1.yaml、名称-2.yaml……）。\n"
     "\n"
     "选项：\n"
     "  -o 输出.yaml|目录        写到文件或目录（默认标准输出）\n"
     "  --no-color               不着色（为脚本保留）\n" HELP_OPT "\n" EXIT_CODES,
     NULL},
    {"audit", cli_evaluate,
     "  jixiao audit [--frameworks 目录] 报告文件|数据.yaml\n"
     "                                               导入并核对，用中文列出不成立的加总和表述及其原文行号\n",
     "用法：jixiao audit [--frameworks 目录] 报告文件|数据.yaml\n"
     "\n"
     "导入一份已公开的报告（文本、PDF、.docx、.html、.xlsx，或一个数据文件），检查并计分，\n"
     "分三类列出：不一致（原文自相矛盾）、无法核对（缺少数据）、未能读取（导入没有取得），\n"
     "每条注明原文的行号（docs/import.md）。有不一致时退出码为 1；读出的关键数据太少\n"
     "（少于版式的 60%）时不下结论，说明“只读出 N 项，无法审核”，退出码也为 1。\n"
     "\n"
     "选项：\n" FRAMEWORKS_OPT
     "  --no-color               不着色（为脚本保留）\n" HELP_OPT "\n" EXIT_CODES,
     NULL},
    {"template", cli_template,
     "  jixiao template --kind target|selfeval|project|monitoring -o 模板.xlsx [数据.yaml]\n"
     "                                               写出官方表格的 XLSX 模板（空白，或按数据文件预填）\n"
     "  jixiao template --kind declaration -o 模板.xlsx [申报.yaml|目录 ...]\n"
     "                                               写出绩效目标申报表的 XLSX 模板（空白，或按申报文件预填）\n"
     "  jixiao template --kind checkpoint [-o 绩效监控表.xlsx] [监控报告.yaml]\n"
     "                                               写出一个单位在一个监控时点的绩效监控表（空白，或按监控报告预填）\n",
     "用法：jixiao template --kind target|selfeval|project|monitoring -o 模板.xlsx [--frameworks 目录] [数据.yaml]\n"
     "      jixiao template --kind declaration -o 模板.xlsx [申报.yaml|目录 ...]\n"
     "      jixiao template --kind checkpoint [-o 绩效监控表.xlsx] [监控报告.yaml | --checkpoint MM-DD 数据.yaml]\n"
     "\n"
     "写出官方表格的 XLSX 模板（docs/excel.md）：绩效目标表（target）、部门整体自评表（selfeval）、\n"
     "项目支出自评表（project）、绩效监控表（monitoring）。给出数据文件时按它预填，否则为空白模板。\n"
     "declaration：项目支出（部门整体支出）绩效目标申报表（docs/declaration-tables.md），可按一个或多个\n"
     "申报文件（kind: declaration）或目录中的申报文件预填：项目信息、指标信息、资金来源三张数据表，\n"
     "每个申报一张可打印的申报表。\n"
     "checkpoint：一个单位（或一个项目）在一个监控时点的绩效监控表（docs/excel.md）：表头（年度、监控时点、\n"
     "单位、金额单位）、按资金来源的预算执行情况（执行进度为公式）和绩效指标完成情况（是否能完成为是/否\n"
     "下拉列表），可按一个监控报告（kind: monitoring）预填，或按部门年度数据文件在 --checkpoint 时点预填\n"
     "单位、预算和绩效目标（供单位填写执行数和完成值）；不给 -o 时写到 绩效监控表.xlsx。\n"
     "填好的模板用 jixiao import 读回。\n"
     "\n"
     "选项：\n"
     "  -k, --kind 种类          target、selfeval、project、monitoring、declaration 或 checkpoint\n"
     "  -o 模板.xlsx             输出文件（XLSX 不能写到标准输出）\n"
     "  --checkpoint MM-DD       与 --kind checkpoint 和部门年度数据文件同用：监控时点（默认 06-30）\n" FRAMEWORKS_OPT HELP_OPT
     "\n" EXIT_CODES,
     NULL},
    {"import", cli_import,
     "  jixiao import 表格.xlsx|表格.csv [-o 输出.yaml | --onto 数据.yaml | --db 数据库] [--kind 种类] [--framework 框架]\n"
     "                                               把填好的模板或其他软件导出的官方表格读成部门年度数据文件\n"
     "                                               （--onto 并入已有文件，--db 并入数据库中的当前版本，--check 检查并指出单元格）\n",
     "用法：jixiao import 表格.xlsx|表格.csv [-o 输出.yaml | --onto 数据.yaml [-o 输出.yaml] | --db 数据库 [--user 人]]\n"
     "                    [--check [--frameworks 目录]] [--kind 种类] [--framework 框架] [--year 年度]\n"
     "                    [--department 部门名称] [--code 单位编码]\n"
     "      jixiao import 绩效监控表.xlsx [-o 监控报告.yaml]\n"
     "\n"
     "把填好的模板，或其他软件导出的官方表格（.xlsx 或 .csv），读成部门年度数据文件\n"
     "（docs/excel.md）。填好的绩效监控表（jixiao template --kind checkpoint）读成监控报告\n"
     "（kind: monitoring）。表格中的问题指向单元格，如 自评表!C12。读取失败时不写出任何文件。\n"
     "\n"
     "选项：\n"
     "  -o 输出.yaml             写到文件（默认标准输出；经临时文件改名写入，失败不留半个文件）\n"
     "  --onto 数据.yaml         把表格并入已有的完整数据文件（表格之外的部分保留）\n"
     "  --db 数据库              并入数据库中该单位年度的当前版本，作为新版本保存；项目申报导出：\n"
     "                           每个项目存为一个申报，全部在一个事务中（有一个被拒绝则都不存入）\n"
     "  --user 人                与 --db 同用：记入修改记录的人\n"
     "  --check                  同时检查并计分，问题指向单元格（退出码按检查结果）\n" FRAMEWORKS_OPT
     "  --kind 种类              表格种类：target、selfeval、project 或 monitoring（默认按表头识别）\n"
     "  --framework 框架         数据文件使用的评价框架\n"
     "  --year 年度              表格没有写明年度时使用（1990–2100）\n"
     "  --department 部门名称    表格没有写明部门时使用\n"
     "  --code 单位编码          单位编码（与 --db 同用时用来找到单位年度）\n" HELP_OPT "\n" EXIT_CODES,
     NULL},
    {"review", cli_review,
     "  jixiao review [--rules 审核口径.xlsx|规则.yaml] [--json] 申报.yaml|目录...\n"
     "                                               目标审核：按审核口径审核绩效目标申报，给出发现、各审核要点得分和结论\n",
     "用法：jixiao review [--rules 审核口径.xlsx|规则.yaml] [--json] [--list-rules] 申报.yaml|目录...\n"
     "\n"
     "按审核口径审核绩效目标申报文件（docs/review.md）：每份申报给出结论（通过、修改后通过、\n"
     "不通过）、每个审核要点的得分、每条发现（规则编码、位置、审核意见表述）和要人工审核的规则；\n"
     "最后按规则汇总发现条数。给出目录时审核其中所有 .yaml 文件。\n"
     "\n"
     "选项：\n"
     "  --rules 文件             审核规则：审核人的审核口径表（.xlsx，原样读取）或规则文件（.yaml）；\n"
     "                           不给时用内置默认规则（frameworks/review/default.yaml）\n"
     "  --json                   以 JSON 输出（结构见 docs/review.md）\n"
     "  --list-rules             先列出所用的每条规则：模式、审核要点、看哪一项、何时为发现\n" HELP_OPT
     "\n"
     "退出码：0 无错误且没有不通过的申报；1 有申报不通过、申报文件有错误或审核规则有错误；\n"
     "2 命令用法错误；3 文件无法读取\n",
     NULL},
    {"db", cli_db,
     "  jixiao db [--db 文件|postgresql://…] init|departments|import|export|list|show|history|status|\n"
     "            submit|return|approve|publish|rectify|rank|stats|flags|yoy|missing|totals|opendata|backup|restore …\n"
     "                                               收集多个单位多个年度：审核流程、修改记录、排名和公开（jixiao db help）\n",
     NULL, cli_db_help},
    {"serve", cli_serve,
     "  jixiao serve [--config 文件] [--db 数据库] [--listen 127.0.0.1:8080] [选项...]\n"
     "                                               网页界面和 JSON 接口（见 docs/web.md、docs/api.md）\n",
     "用法：jixiao serve [--config 文件] [--db 数据库] [--listen IP:端口] [选项...]\n"
     "\n"
     "网页界面（登录后在 /app/）、公开页面（/public/）和 JSON 接口（/api/，docs/api.md），\n"
     "从一个数据库提供服务（docs/web.md）。运行到收到 SIGTERM 或 Ctrl-C 为止，然后平稳停止。\n"
     "\n"
     "选项：\n"
     "  --config 文件            先读这个配置文件（每行“设置 = 值”，设置即下面的长选项名去掉 --，\n"
     "                           如 listen = 127.0.0.1:8080；# 开头为注释；secure-cookies = yes|no）；\n"
     "                           命令行上的选项优先。软件包的配置文件是 /etc/jixiao/jixiao.conf\n"
     "  --db 文件|URL            数据库：SQLite 文件或 postgresql://… URL（默认 $JIXIAO_DB，否则 jixiao.db）\n"
     "  --listen IP:端口         监听地址（默认 127.0.0.1:8080；端口 0 表示任选一个空闲端口并打印出来）\n"
     "  --threads N              工作线程数（默认 CPU 个数）\n"
     "  --max-connections N      同时连接数上限（默认 1024）\n"
     "  --max-connections-per-address N\n"
     "                           同一客户地址的同时连接数上限（默认 32；0 为不限）\n"
     "  --timeout 秒             连接空闲多久后关闭（默认 30）\n"
     "  --header-timeout 秒      请求须在连接开始（或上一个应答）后这么多秒内发完请求头，\n"
     "                           不因陆续发来字节而延长（默认 10）\n" FRAMEWORKS_OPT
     "  --secure-cookies         会话 cookie 加 Secure（在 TLS 反向代理之后运行时）\n"
     "  --access-log 文件|-      每个请求记一行访问日志（\"-\" 为标准错误；SIGHUP 重新打开文件）\n"
     "  --trusted-proxy 地址     只在连接来自这个反向代理（IP 地址，可重复，最多 16 个）时采信它的\n"
     "                           X-Forwarded-For，作为登录限速和访问日志的客户地址\n" HELP_OPT
     "\n"
     "退出码：0 正常停止；2 用法错误（配置文件的错误指出 文件:行）；3 数据库、监听地址或配置文件无法打开\n",
     NULL},
    {"user", cli_user,
     "  jixiao user add 账号 --role officer|head|reviewer|admin [--department 部门代码] [--email 邮箱] [--db 数据库]\n"
     "                                               建立网页账号，口令从终端输入（没有默认口令）\n"
     "  jixiao user email 账号 邮箱地址 [--db 数据库]  设定账号的邮箱（jixiao db remind 发提醒用）\n",
     "用法：jixiao user add 账号 --role officer|head|reviewer|admin [--department 单位编码] [--email 邮箱] [--db 数据库]\n"
     "      jixiao user email 账号 邮箱地址 [--db 数据库]\n"
     "\n"
     "建立网页账号。没有默认账号，也没有默认口令：第一个账号也由这个命令建立。\n"
     "user email 设定（地址为 \"\" 则清除）账号的邮箱，jixiao db remind 的提醒发到这里。\n"
     "邮箱地址：一个 @，不含空格、控制字符（回车、换行）和 < > , ; \" ( ) \\ [ ] :，不超过 254 字节。\n"
     "口令至少 10 个字符：在终端上不回显地输入两次；标准输入不是终端时（脚本），\n"
     "读标准输入的一行，例如  echo '口令至少十个字符' | jixiao user add li --role reviewer\n"
     "\n"
     "角色：officer 填报人、head 部门审核人（二者须用 --department 指明单位）、\n"
     "reviewer 财政局复核人、admin 管理员。\n"
     "\n"
     "选项：\n"
     "  --role 角色              officer、head、reviewer 或 admin\n"
     "  --department 单位编码    填报人和部门审核人所属的单位\n"
     "  --email 邮箱             账号的邮箱（也可以之后用 jixiao user email 设定）\n"
     "  --db 文件|URL            数据库（默认 $JIXIAO_DB，否则 jixiao.db）\n" HELP_OPT
     "\n"
     "退出码：0 已建立；1 被拒绝（口令太短、账号已存在、单位不存在…）；2 用法错误；3 数据库无法打开\n",
     NULL},
    {"gen", cli_gen,
     "  jixiao gen --departments N [--seed S] [--years 2022-2023] -o 目录\n"
     "                                               生成一个虚构的省（财政局、主管部门、预算单位）的部门年度数据文件\n",
     "用法：jixiao gen --departments N [--seed S] [--years 2022-2023] [--faults ‰] [--projects ‰]\n"
     "                [--monitoring [年度]] [-q] -o 目录\n"
     "      jixiao gen --distributions\n"
     "\n"
     "生成一个虚构的省：财政局、主管部门、预算单位和它们的部门整体及项目支出数据文件，\n"
     "其中按比例有意设置错误（列在 目录/faults.tsv），供测试和基准使用（docs/gen.md）。\n"
     "同样的参数总是生成逐字节相同的文件。\n"
     "\n"
     "选项：\n"
     "  -n, --departments N      预算单位个数（1–10000000，默认 100）\n"
     "  --seed S                 随机种子（默认 2023）\n"
     "  --years A-B              年度或年度范围（如 2023 或 2022-2023；默认 2023）\n"
     "  --faults ‰               有意设置错误的文件比例（0–1000‰）\n"
     "  --projects ‰             有项目支出文件的单位比例（0–1000‰）\n"
     "  --monitoring [年度]      另写该年度（默认最后一年）6-30、9-30、11-30 的监控报告：每个单位每个时点\n"
     "                           一个 monitoring/dept-…-MM-DD.yaml，每个时点一个 monitoring/checkpoint-MM-DD.csv\n"
     "  -o, --output 目录        输出目录\n"
     "  -q, --quiet              不显示进度和汇总\n"
     "  --distributions          列出生成所用的分布表\n" HELP_OPT "\n"
     "退出码：0 已生成；2 用法错误；3 无法写入\n",
     NULL},
};
const size_t cli_n_commands = sizeof cli_commands / sizeof *cli_commands;

const cli_command *cli_command_find(const char *name) {
  for (size_t i = 0; name && i < cli_n_commands; i++)
    if (!strcmp(cli_commands[i].name, name)) return &cli_commands[i];
  return NULL;
}

void cli_command_help(const cli_command *c, FILE *out) {
  if (c->help_fn) c->help_fn(out);
  else fputs(c->help, out);
}
