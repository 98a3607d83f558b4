/* sheet_layout.c — the labels of the official forms (绩效目标表, 自评表, 项目支出绩效自评表,
 * 绩效运行监控表) as data: what the template writes first, then what other tools write. */
#include <string.h>

#include "parse/sheet.h"
#include "util/text.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

const jx_icol_def jx_icols[JX_IC_COUNT] = {
    {JX_IC_LEVEL1, {{"一级指标"}}, 10, false},
    {JX_IC_LEVEL2, {{"二级指标"}}, 12, false},
    {JX_IC_NAME, {{"三级指标", "指标名称", "绩效指标名称"}}, 28, false},
    {JX_IC_NATURE, {{"指标性质", "性质", "指标方向"}}, 8, false},
    {JX_IC_TARGET, {{"指标值", "年度指标值", "目标值", "年度目标值", "预期指标值", "指标目标值"}}, 12, false},
    {JX_IC_UNIT, {{"度量单位", "计量单位", "单位", "指标单位"}}, 8, false},
    {JX_IC_WEIGHT, {{"权重", "分值", "权重分值", "权重(分值)", "指标分值"}}, 7, false},
    {JX_IC_ACTUAL, {{"实际完成值", "全年实际值", "实际值", "完成值", "实际完成情况", "全年完成值"}}, 12, false},
    {JX_IC_SCORE, {{"自评得分", "得分"}}, 8, false},
    {JX_IC_COMPUTED, {{"计算得分"}}, 8, true},
    {JX_IC_NOTE, {{"偏差原因分析及改进措施", "偏差原因分析及改进", "偏差原因分析", "偏差原因及改进措施", "未完成原因分析"}}, 30, false},
    {JX_IC_EVIDENCE, {{"佐证材料", "佐证资料"}}, 18, false},
    {JX_IC_ASSUMPTION, {{"假设说明"}}, 18, false},
    {JX_IC_CORE, {{"核心指标", "是否核心指标"}}, 8, false},
};

const jx_icol jx_target_icols[] = {JX_IC_LEVEL1, JX_IC_LEVEL2, JX_IC_NAME,   JX_IC_NATURE,
                                   JX_IC_TARGET, JX_IC_UNIT,   JX_IC_WEIGHT, JX_IC_CORE, JX_IC_COUNT};
const jx_icol jx_selfeval_icols[] = {JX_IC_LEVEL1, JX_IC_LEVEL2,   JX_IC_NAME, JX_IC_NATURE,   JX_IC_TARGET,
                                     JX_IC_UNIT,   JX_IC_WEIGHT,   JX_IC_ACTUAL, JX_IC_SCORE,  JX_IC_COMPUTED,
                                     JX_IC_NOTE,   JX_IC_EVIDENCE, JX_IC_ASSUMPTION, JX_IC_COUNT};

const jx_label jx_info_labels[JX_INFO_COUNT] = {
    {{"部门名称", "部门（单位）名称", "部门(单位)名称", "单位名称"}},
    {{"预算单位名称", "预算单位"}},
    {{"单位编码", "部门编码", "预算单位编码"}},
    {{"年度", "评价年度", "预算年度"}},
    {{"评价类型"}},
    {{"评价框架"}},
    {{"金额单位"}},
    {{"落款单位"}},
    {{"落款日期", "填报日期"}},
};

const char *const jx_info_help[JX_INFO_COUNT] = {
    "必填",
    "可空",
    "可空，按文本填写（保留前导 0）",
    "必填，四位数字，如 2023",
    "部门整体 或 项目支出",
    "评价框架编号，见 frameworks/ 目录，如 sichuan-ebian-department-2023",
    "万元（默认）或 元：各表中未注明单位的金额按此读取",
    "可空",
    "可空，如 2024-03-15",
};

const jx_label jx_money_rows[JX_MR_COUNT] = {
    {{"年度资金总额", "资金总额", "合计", "年度资金总额合计"}},
    {{"其中：当年财政拨款", "当年财政拨款", "财政拨款", "其中:当年财政拨款", "其中:财政拨款"}},
    {{"上年结转资金", "上年结转", "其中:上年结转资金"}},
    {{"其他资金", "其他资金来源"}},
};

const jx_label jx_money_cols[JX_MC_COUNT] = {
    {{"年初预算数", "年初预算", "预算数"}},
    {{"全年预算数", "调整后预算数", "全年预算", "调整后预算", "全年(调整后)预算数"}},
    {{"全年执行数", "执行数", "实际执行数", "全年实际执行数"}},
};

const jx_labels_t jx_labels = {
    .info_sheet = {{"基本信息"}},
    .instructions_sheet = {{"说明"}},
    .target_sheet = {{"绩效目标表"}},
    .selfeval_sheet = {{"绩效自评表"}},
    .conclusion_sheet = {{"评价结论"}},
    .project_sheet = {{"项目自评表"}},
    .monitoring_sheet = {{"绩效运行监控表"}},
    .department = {{"部门名称", "部门(单位)名称", "单位名称", "主管部门"}},
    .budget_section = {{"年度部门整体支出预算", "年度预算"}},
    .budget_total = {{"资金总额", "预算总额"}},
    .budget_fiscal = {{"财政拨款"}},
    .budget_carried = {{"上年结转"}},
    .budget_other = {{"其他资金"}},
    .goals = {{"年度总体目标", "总体目标", "年度绩效目标"}},
    .tasks_section = {{"年度主要任务"}},
    .task_name = {{"任务名称"}},
    .task_content = {{"主要内容"}},
    .task_budget = {{"预算数", "预算金额", "任务预算"}},
    .indicators_section = {{"年度绩效指标", "绩效指标"}},
    .execution_rate = {{"执行率", "预算执行率"}},
    .execution_weight = {{"分值"}},
    .execution_score = {{"得分"}},
    .block_name = {{"评价分项", "分项", "评价内容"}},
    .block_score = {{"得分", "自评得分"}},
    .block_reason = {{"理由", "计分依据", "扣分原因"}},
    .stated_total = {{"自评总分", "项目自评总分", "部门自评总分"}},
    .stated_grade = {{"自评等级", "等级", "评价等级"}},
    .conclusion = {{"评价结论", "自评结论"}},
    .project_name = {{"项目名称"}},
    .project_code = {{"项目编码"}},
    .project_department = {{"主管部门"}},
    .project_owner = {{"实施单位"}},
    .project_money = {{"项目资金", "项目资金(万元)"}},
    .execution_note = {{"执行率偏低原因", "执行偏差原因"}},
    .goal_section = {{"年度总体目标"}},
    .goal_expected = {{"预期目标"}},
    .goal_results = {{"实际完成情况", "目标实际完成情况"}},
    .adjusted = {{"全年预算数", "调整后预算数", "全年预算"}},
    .month = {{"月份", "监控月份"}},
    .cp_executed = {{"累计执行数", "1-N月执行数", "执行数"}},
    .cp_rate = {{"执行率", "预算执行率"}},
    .cp_forecast = {{"全年预计执行数", "全年预计数", "预计全年执行数"}},
    .cp_cause = {{"偏差原因", "偏差原因分析"}},
    .cp_fix = {{"纠偏措施", "改进措施"}},
    .unit_note = {{"单位：万元"}},
    .total_row = {{"合计", "总分", "总计"}},
};

const char *const jx_table_stops[] = {"合计", "总计", "总分", "评价结论", "自评总分", "自评等级", "填表人", "填报人", NULL};

const char *const jx_nature_list[] = {"=", "≥", ">", "≤", "<", "定性", NULL};
const char *const jx_grade_list[] = {"达成", "部分达成", "未达成", NULL};
const char *const jx_level_list[] = {"优", "良", "中", "差", NULL};
const char *const jx_level1_list[] = {"产出指标", "效益指标", "满意度指标", "成本指标", NULL};
const char *const jx_kind_list[] = {"部门整体", "项目支出", NULL};
const char *const jx_unit_list[] = {"万元", "元", NULL};
const char *const jx_bool_list[] = {"是", "否", NULL};

bool jx_label_norm(const char *text, char *out, size_t cap, const char **unit) {
  char folded[512];
  if (unit) *unit = NULL;
  if (!text || !jx_text_fold_buf(text, folded, sizeof folded)) return false;
  size_t w = 0;
  for (const char *p = folded; *p; p++) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') continue;
    if (w + 1 >= cap) return false;
    out[w++] = *p;
  }
  out[w] = '\0';
  while (w && out[w - 1] == ':') out[--w] = '\0';
  /* NFKC turned （） into (): a trailing "(万元)" names the unit of the column */
  static const struct { const char *suffix, *unit; } units[] = {
      {"(万元)", "万元"}, {"(元)", "元"}, {"(%)", "%"}, {"(分)", NULL}, {"(单位:万元)", "万元"}, {"(单位:元)", "元"},
  };
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    size_t m = strlen(units[i].suffix);
    if (w > m && strcmp(out + w - m, units[i].suffix) == 0) {
      w -= m;
      out[w] = '\0';
      if (unit) *unit = units[i].unit;
      break;
    }
  }
  return true;
}

/* A label that normalising would not change: no space, no full-width form (EF BC–BF),
 * no ideographic space (E3 80 80). */
static bool plain_label(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p == ' ' || *p == 0xEF || *p == 0xE3) return false;
  return true;
}

bool jx_label_match(const jx_label *l, const char *norm) {
  char buf[256];
  for (size_t i = 0; i < JX_SYN_MAX && l->labels[i]; i++) {
    const char *want = l->labels[i];
    if (!plain_label(want)) {
      if (!jx_label_norm(want, buf, sizeof buf, NULL)) continue;
      want = buf;
    }
    if (strcmp(want, norm) == 0) return true;
  }
  return false;
}

bool jx_template_kind_parse(const char *name, jx_template_kind *out) {
  static const struct { const char *name; jx_template_kind k; } table[] = {
      {"target", JX_TEMPLATE_TARGET}, {"selfeval", JX_TEMPLATE_SELFEVAL}, {"project", JX_TEMPLATE_PROJECT},
      {"monitoring", JX_TEMPLATE_MONITORING}, {"目标表", JX_TEMPLATE_TARGET}, {"自评表", JX_TEMPLATE_SELFEVAL},
      {"项目自评表", JX_TEMPLATE_PROJECT}, {"监控表", JX_TEMPLATE_MONITORING},
  };
  for (size_t i = 0; name && i < sizeof table / sizeof table[0]; i++)
    if (!strcmp(name, table[i].name)) {
      *out = table[i].k;
      return true;
    }
  return false;
}

const char *jx_template_kind_name(jx_template_kind k) {
  static const char *names[] = {"target", "selfeval", "project", "monitoring"};
  return (unsigned)k < 4 ? names[k] : "?";
}
