/* mon_layout.c — the 绩效监控表's labels, columns and help as data (parse/mon_sheet.h), shared by the template writer and the reader. */
#include "parse/mon_sheet.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

static const char *const sources[] = {"财政拨款", "其他资金", "上年结转", "一般公共预算", "政府性基金", "国有资本经营预算", "单位自筹",
                                      NULL};

static const char *const help[] = {
    "本工作簿由 jixiao 生成（jixiao template --kind checkpoint），是一个单位（或一个项目）在一个监控时点的绩效运行监控表。"
    "填好后用 jixiao import 绩效监控表.xlsx -o 报告.yaml 读回，写成监控报告文件（kind: monitoring）。",
    "1. 只读取“绩效监控表”一张表。表头区：年度写四位数字；监控时点写 YYYY-MM-DD（如 2023-06-30），须在年度内；"
    "单位编码、单位名称必填；项目编码、项目名称只在监控一个项目时填写；金额单位为 万元 或 元，各金额按此读取。",
    "2. 预算执行情况：每个资金来源一行，填写全年预算数、累计执行数（年初至监控时点）、全年预计执行数。执行进度和合计行是公式，不必填写。"
    "累计执行数超过全年预算数时，须在“预算调整批复”中写明调整的批复文号。",
    "3. 执行进度落后序时进度较多时，在合计行填写偏差原因和纠偏措施（各资金来源行中填写的也会读入，按行合并）。",
    "4. 绩效指标完成情况：每个三级指标一行，写明年度指标值、累计完成值（至监控时点）、全年预计完成值；"
    "是否能完成从下拉列表选“是”或“否”；不能完成或明显滞后的，填写偏差原因和纠偏措施。",
    "5. 需要更多行时可在表内插入行；空行读取时跳过。金额写数字，不要写负数；单元格只写文字或数字，不要写公式。",
    "6. 读取时发现的问题会指出具体单元格，例如“绩效监控表.xlsx:绩效监控表!C12”，全部问题一次列出；有错误时不写出任何文件。",
    NULL,
};

const jx_mon_layout jx_mon_form = {
    .sheet = {{"绩效监控表", "预算绩效运行监控表", "绩效监控情况表"}}, /* not 绩效运行监控表: the year-end form's */
    .title = "预算绩效运行监控表",
    .exec_section = {{"一、预算执行情况", "预算执行情况", "一、预算执行进度"}},
    .ind_section = {{"二、绩效指标完成情况", "绩效指标完成情况", "二、绩效目标完成情况"}},
    .total_row = {{"合计", "总计"}},
    .head =
        {
            [JX_MH_YEAR] = {{{"年度", "监控年度", "预算年度"}}, "必填，四位数字，如 2023"},
            [JX_MH_CHECKPOINT] = {{{"监控时点", "监控日期", "截止日期"}}, "必填，YYYY-MM-DD，如 2023-06-30"},
            [JX_MH_UNIT_CODE] = {{{"单位编码", "预算单位编码"}}, "必填，按文本填写（保留前导 0）"},
            [JX_MH_UNIT_NAME] = {{{"单位名称", "预算单位名称", "预算单位"}}, "必填"},
            [JX_MH_PROJECT_CODE] = {{{"项目编码"}}, "监控一个项目时填写，否则留空"},
            [JX_MH_PROJECT_NAME] = {{{"项目名称"}}, "监控一个项目时填写，否则留空"},
            [JX_MH_MONEY_UNIT] = {{{"金额单位"}}, "万元（默认）或 元"},
        },
    .exec =
        {
            [JX_ME_SOURCE] = {{{"资金来源"}}, NULL, 16},
            [JX_ME_BUDGET] = {{{"全年预算数", "调整后预算数", "全年预算"}}, NULL, 14},
            [JX_ME_EXECUTED] = {{{"累计执行数", "执行数", "1-N月执行数"}}, NULL, 14},
            [JX_ME_RATE] = {{{"执行进度", "执行率", "预算执行率"}}, NULL, 10, true},
            [JX_ME_FORECAST] = {{{"全年预计执行数", "预计全年执行数", "全年预计数"}}, NULL, 14},
            [JX_ME_CAUSE] = {{{"偏差原因", "偏差原因分析"}}, NULL, 30, false, true},
            [JX_ME_FIX] = {{{"纠偏措施", "改进措施"}}, NULL, 30, false, true},
            [JX_ME_ADJUSTMENT] = {{{"预算调整批复", "预算调整", "调整批复文号"}}, NULL, 18},
        },
    .ind =
        {
            [JX_MI_LEVEL1] = {{{"一级指标"}}, NULL, 10},
            [JX_MI_LEVEL2] = {{{"二级指标"}}, NULL, 12},
            [JX_MI_NAME] = {{{"三级指标", "指标名称"}}, NULL, 26},
            [JX_MI_TARGET] = {{{"年度指标值", "指标值", "年度目标值"}}, NULL, 12},
            [JX_MI_ACTUAL] = {{{"累计完成值", "完成值", "1-N月完成值"}}, NULL, 12},
            [JX_MI_FORECAST] = {{{"全年预计完成值", "预计全年完成值"}}, NULL, 14},
            [JX_MI_CAN_COMPLETE] = {{{"是否能完成", "能否完成", "全年能否完成"}}, NULL, 10},
            [JX_MI_CAUSE] = {{{"偏差原因", "偏差原因分析"}}, NULL, 30, false, true},
            [JX_MI_FIX] = {{{"纠偏措施", "改进措施"}}, NULL, 30, false, true},
        },
    .sources = sources,
    .help_lines = help,
};
