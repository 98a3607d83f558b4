/* schema.c — the department-year file format, field by field (docs/format.md mirrors it). */
#include "model/schema.h"

#include <stddef.h>

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define OFF(T, f) offsetof(T, f)

static const jx_enum_name kind_names[] = {
    {"department", JX_KIND_DEPARTMENT}, {"部门整体", JX_KIND_DEPARTMENT},
    {"project", JX_KIND_PROJECT},       {"项目支出", JX_KIND_PROJECT},
    {NULL, 0}};


/* ---- indicator ---- */
static const jx_field indicator_fields[] = {
    {"level1", "一级指标", F_TEXT, OFF(jx_indicator, level1)},
    {"level2", "二级指标", F_TEXT, OFF(jx_indicator, level2)},
    {"name", "三级指标", F_TEXT, OFF(jx_indicator, name), .required = true},
    {"nature", "指标性质", F_NATURE, OFF(jx_indicator, nature)},
    {"target", "指标值", F_VALUE, OFF(jx_indicator, target)},
    {"unit", "度量单位", F_TEXT, OFF(jx_indicator, unit)},
    {"weight", "权重", F_NUM, OFF(jx_indicator, weight)},
    {"actual", "实际完成值", F_VALUE, OFF(jx_indicator, actual)},
    {"assumption", "假设说明", F_TEXT, OFF(jx_indicator, assumption)},
    {"score", "自评得分", F_NUM, OFF(jx_indicator, score)},
    {"deviation_note", "偏差原因分析及改进措施", F_TEXT, OFF(jx_indicator, deviation_note)},
    {"evidence", "佐证材料", F_TEXTLIST, OFF(jx_indicator, evidence)},
    {"describes", "所描述的数据", F_TEXT, OFF(jx_indicator, describes), .pos_offset = OFF(jx_indicator, describes_pos) + 1},
    {"core", "核心指标", F_BOOL, OFF(jx_indicator, core)},
    {"criteria", "评分标准", F_TEXT, OFF(jx_indicator, criteria)},
    {"", "", F_POS, OFF(jx_indicator, pos)},
};
const jx_schema jx_indicator_schema = {"绩效指标", JX_FIELDS(indicator_fields), 0};

/* ---- project ---- */
static const jx_field money_row_fields[] = {
    {"initial", "年初预算数", F_MONEY, OFF(jx_money_row, initial)},
    {"adjusted", "全年预算数", F_MONEY, OFF(jx_money_row, adjusted)},
    {"executed", "全年执行数", F_MONEY, OFF(jx_money_row, executed)},
    {"", "", F_POS, OFF(jx_money_row, pos)},
};
static const jx_schema money_row_schema = {"资金行", JX_FIELDS(money_row_fields), 0};

static const jx_field printed_execution_fields[] = {
    {"rate", "预算执行率（表中所印）", F_NUM, OFF(jx_printed_execution, rate)},
    {"score", "预算执行得分（表中所印）", F_NUM, OFF(jx_printed_execution, score)},
    {"weight", "预算执行分值（表中所印）", F_NUM, OFF(jx_printed_execution, weight)},
    {"", "", F_POS, OFF(jx_printed_execution, pos)},
};
static const jx_schema printed_execution_schema = {"预算执行（表中所印）", JX_FIELDS(printed_execution_fields), 0};

static const jx_field project_assessment_fields[] = {
    {"total", "自评总分", F_NUM, OFF(jx_project, stated_total)},
    {"grade", "等级", F_TEXT, OFF(jx_project, stated_grade), .pos_offset = OFF(jx_project, stated_grade_pos) + 1},
};
static const jx_schema project_assessment_schema = {"项目自评结论", JX_FIELDS(project_assessment_fields), 0};

static const jx_field project_fields[] = {
    {"name", "项目名称", F_TEXT, OFF(jx_project, name), .required = true},
    {"code", "项目编码", F_TEXT, OFF(jx_project, code)},
    {"owner", "主管部门/实施单位", F_TEXT, OFF(jx_project, owner)},
    {"initial", "年初预算数", F_MONEY, OFF(jx_project, initial)},
    {"adjusted", "全年预算数", F_MONEY, OFF(jx_project, adjusted)},
    {"executed", "全年执行数", F_MONEY, OFF(jx_project, executed)},
    {"fiscal", "财政拨款", F_STRUCT, OFF(jx_project, fiscal), .sub = &money_row_schema},
    {"carried_in", "上年结转", F_STRUCT, OFF(jx_project, carried_in), .sub = &money_row_schema},
    {"other", "其他资金", F_STRUCT, OFF(jx_project, other), .sub = &money_row_schema},
    {"execution_note", "执行率偏低原因", F_TEXT, OFF(jx_project, execution_note)},
    {"execution", "预算执行（表中所印）", F_STRUCT, OFF(jx_project, printed), .sub = &printed_execution_schema},
    {"goals", "年度总体目标", F_TEXTLIST, OFF(jx_project, goals)},
    {"goal_results", "总体目标完成情况", F_TEXT, OFF(jx_project, goal_results)},
    {"indicators", "绩效指标", F_LIST, OFF(jx_project, indicators), .sub = &jx_indicator_schema, .elem_size = sizeof(jx_indicator)},
    {"assessment", "自评结论", F_GROUP, 0, .sub = &project_assessment_schema},
    {"", "", F_POS, OFF(jx_project, pos)},
};
const jx_schema jx_project_schema = {"项目", JX_FIELDS(project_fields), 0};

/* ---- department-year ---- */
static const jx_field department_fields[] = {
    {"name", "部门名称", F_TEXT, OFF(jx_doc, department), .required = true},
    {"unit", "预算单位名称", F_TEXT, OFF(jx_doc, unit_name)},
    {"code", "单位编码", F_TEXT, OFF(jx_doc, department_code)},
};
static const jx_schema department_schema = {"部门", JX_FIELDS(department_fields), 0};

static const jx_field staff_group_fields[] = {
    {"total", "合计", F_COUNT, OFF(jx_staff_group, total), .required = true},
    {"by_kind", "按类别", F_NAMED_NUM, OFF(jx_staff_group, by_kind)},
    {"", "", F_POS, OFF(jx_staff_group, pos)},
};
static const jx_schema staff_group_schema = {"人员", JX_FIELDS(staff_group_fields), 0};

static const jx_field staffing_fields[] = {
    {"establishment", "编制数", F_STRUCT, OFF(jx_doc, establishment), .sub = &staff_group_schema},
    {"in_post", "在职人数", F_STRUCT, OFF(jx_doc, in_post), .sub = &staff_group_schema},
};
static const jx_schema staffing_schema = {"人员情况", JX_FIELDS(staffing_fields), 0};

static const jx_field profile_fields[] = {
    {"bodies", "机构组成", F_TEXTLIST, OFF(jx_doc, bodies)},
    {"duties", "主要职能", F_TEXT, OFF(jx_doc, duties)},
    {"functions", "机构职能", F_TEXTLIST, OFF(jx_doc, functions)},
    {"staffing", "人员情况", F_GROUP, 0, .sub = &staffing_schema},
    {"counts", "其他数量", F_COUNTS, OFF(jx_doc, profile_counts)},
};
static const jx_schema profile_schema = {"部门基本情况", JX_FIELDS(profile_fields), 0};

static const jx_field work_item_fields[] = {
    {"title", "标题", F_TEXT, OFF(jx_work_item, title)},
    {"text", "内容", F_TEXT, OFF(jx_work_item, text)},
    {"counts", "数量", F_COUNTS, OFF(jx_work_item, counts)},
    {"", "", F_POS, OFF(jx_work_item, pos)},
};
static const jx_schema work_item_schema = {"工作事项", JX_FIELDS(work_item_fields), 0};

static const jx_field work_fields[] = {
    {"summary", "总述", F_TEXT, OFF(jx_doc, work_summary)},
    {"items", "工作事项", F_LIST, OFF(jx_doc, work), .sub = &work_item_schema, .elem_size = sizeof(jx_work_item)},
};
static const jx_schema work_schema = {"年度主要工作任务", JX_FIELDS(work_fields), 0};

static const jx_field budget_fields[] = {
    {"total", "资金总额", F_MONEY, OFF(jx_doc, budget_total)},
    {"fiscal", "财政拨款", F_MONEY, OFF(jx_doc, budget_fiscal)},
    {"other", "其他资金", F_MONEY, OFF(jx_doc, budget_other)},
    {"carried_in", "上年结转", F_MONEY, OFF(jx_doc, budget_carried_in)},
};
static const jx_schema budget_schema = {"年度部门整体支出预算", JX_FIELDS(budget_fields), 0};

static const jx_field task_fields[] = {
    {"name", "任务名称", F_TEXT, OFF(jx_task, name), .required = true},
    {"content", "主要内容", F_TEXT, OFF(jx_task, content)},
    {"budget", "预算数", F_MONEY, OFF(jx_task, budget)},
    {"", "", F_POS, OFF(jx_task, pos)},
};
static const jx_schema task_schema = {"年度主要任务", JX_FIELDS(task_fields), 0};

static const jx_field income_fields[] = {
    {"total", "收入合计", F_MONEY, OFF(jx_doc, income_total)},
    {"fiscal", "财政拨款收入", F_MONEY, OFF(jx_doc, income_fiscal)},
    {"other", "其他收入", F_MONEY, OFF(jx_doc, income_other)},
    {"carried_in", "上年结转", F_MONEY, OFF(jx_doc, income_carried_in)},
    {"by_level", "按来源", F_NAMED_MONEY, OFF(jx_doc, income_by_level)},
};
static const jx_schema income_schema = {"收入", JX_FIELDS(income_fields), 0};

static const jx_field expenditure_fields[] = {
    {"total", "支出合计", F_MONEY, OFF(jx_doc, expenditure_total)},
    {"basic", "基本支出", F_MONEY, OFF(jx_doc, expenditure_basic)},
    {"project", "项目支出", F_MONEY, OFF(jx_doc, expenditure_project)},
};
static const jx_schema expenditure_schema = {"支出", JX_FIELDS(expenditure_fields), 0};

static const jx_field finance_fields[] = {
    {"income", "收入", F_GROUP, 0, .sub = &income_schema},
    {"adjusted", "调整后预算", F_MONEY, OFF(jx_doc, adjusted)},
    {"expenditure", "支出", F_GROUP, 0, .sub = &expenditure_schema},
    {"projects", "项目", F_LIST, OFF(jx_doc, projects), .sub = &jx_project_schema, .elem_size = sizeof(jx_project)},
    {"carry_over", "结转", F_MONEY, OFF(jx_doc, carry_over)},
    {"balance", "结余", F_MONEY, OFF(jx_doc, balance)},
    {"note", "说明", F_TEXT, OFF(jx_doc, finance_note)},
    {"execution", "预算执行（表中所印）", F_STRUCT, OFF(jx_doc, printed), .sub = &printed_execution_schema},
};
static const jx_schema finance_schema = {"部门财政资金收支情况", JX_FIELDS(finance_fields), 0};

static const jx_field checkpoint_fields[] = {
    {"month", "月份", F_INT, OFF(jx_checkpoint, month), .required = true, .min = 1, .max = 12},
    {"day", "日", F_INT, OFF(jx_checkpoint, day), .min = 1, .max = 31},
    {"budget", "全年预算数", F_MONEY, OFF(jx_checkpoint, budget)},
    {"executed", "累计执行数", F_MONEY, OFF(jx_checkpoint, executed)},
    {"forecast", "全年预计数", F_MONEY, OFF(jx_checkpoint, forecast)},
    {"cause", "偏差原因", F_TEXT, OFF(jx_checkpoint, cause)},
    {"fix", "纠偏措施", F_TEXT, OFF(jx_checkpoint, fix)},
    {"", "", F_POS, OFF(jx_checkpoint, pos)},
};
static const jx_schema checkpoint_schema = {"监控节点", JX_FIELDS(checkpoint_fields), 0};

static const jx_field analysis_item_fields[] = {
    {"text", "内容", F_TEXT, OFF(jx_analysis_item, text)},
    {"metric", "指标", F_TEXT, OFF(jx_analysis_item, metric)},
    {"nature", "性质", F_NATURE, OFF(jx_analysis_item, nature)},
    {"value", "数值", F_VALUE, OFF(jx_analysis_item, value)},
    {"", "", F_POS, OFF(jx_analysis_item, pos)},
};
static const jx_schema analysis_item_schema = {"分析项", JX_FIELDS(analysis_item_fields),
                                               OFF(jx_analysis_item, text) + 1};

#define ITEM(key, zh, member) \
  {key, zh, F_STRUCT, OFF(jx_analysis, member), .sub = &analysis_item_schema}
static const jx_field analysis_fields[] = {
    ITEM("goal_setting", "目标制定", goal_setting),
    ITEM("goal_attainment", "目标实现", goal_attainment),
    ITEM("spending_control", "支出控制", spending_control),
    ITEM("timely_handling", "及时处置", timely_handling),
    ITEM("execution_progress", "执行进度", execution_progress),
    ITEM("budget_completion", "预算完成情况", budget_completion),
    ITEM("balance_rate", "资金结余率", balance_rate),
    ITEM("violations", "违规记录", violations),
};
#undef ITEM
static const jx_schema analysis_schema = {"绩效分析", JX_FIELDS(analysis_fields), 0};

static const jx_field analysis_group_fields[] = {
    {"department", "部门整体履职绩效分析", F_STRUCT, OFF(jx_doc, analysis_department), .sub = &analysis_schema},
    {"projects", "特定目标类项目绩效分析", F_STRUCT, OFF(jx_doc, analysis_projects), .sub = &analysis_schema},
};
static const jx_schema analysis_group_schema = {"部门整体绩效管理情况", JX_FIELDS(analysis_group_fields), 0};

static const jx_field application_fields[] = {
    {"publication", "自评公开", F_TEXT, OFF(jx_doc, app_publication)},
    {"feedback", "应用反馈", F_TEXT, OFF(jx_doc, app_feedback)},
    {"rectification", "问题整改", F_TEXT, OFF(jx_doc, app_rectification)},
    {"internal", "内部应用", F_TEXT, OFF(jx_doc, app_internal)},
};
static const jx_schema application_schema = {"结果应用情况", JX_FIELDS(application_fields), 0};

static const jx_field block_fields[] = {
    {"name", "分项名称", F_TEXT, OFF(jx_block, name), .required = true},
    {"score", "得分", F_NUM, OFF(jx_block, score), .required = true},
    {"reason", "理由", F_TEXT, OFF(jx_block, reason)},
    {"", "", F_POS, OFF(jx_block, pos)},
};
static const jx_schema block_schema = {"分项得分", JX_FIELDS(block_fields), 0};

static const jx_field assessment_fields[] = {
    {"total", "自评总分", F_NUM, OFF(jx_doc, stated_total)},
    {"grade", "等级", F_TEXT, OFF(jx_doc, stated_grade), .pos_offset = OFF(jx_doc, stated_grade_pos) + 1},
    {"blocks", "分项得分", F_LIST, OFF(jx_doc, blocks), .sub = &block_schema, .elem_size = sizeof(jx_block)},
    {"conclusion", "评价结论", F_TEXT, OFF(jx_doc, conclusion)},
};
static const jx_schema assessment_schema = {"评价结论", JX_FIELDS(assessment_fields), 0};

static const jx_field doc_fields[] = {
    {"schema", "格式版本", F_SKIP, 0, .required = true}, /* checked by the loader */
    {"kind", "评价类型", F_ENUM, OFF(jx_doc, kind), .required = true, .names = kind_names},
    {"framework", "评价框架", F_TEXT, OFF(jx_doc, framework_id), .required = true, .pos_offset = OFF(jx_doc, framework_pos) + 1},
    {"year", "年度", F_INT, OFF(jx_doc, year), .required = true, .min = 1990, .max = 2100},
    {"money_unit", "金额单位", F_SKIP, 0}, /* read by the loader first */
    {"department", "部门", F_GROUP, 0, .required = true, .sub = &department_schema},
    {"profile", "部门基本情况", F_GROUP, 0, .sub = &profile_schema},
    {"work", "年度主要工作任务", F_GROUP, 0, .sub = &work_schema},
    {"budget", "年度部门整体支出预算", F_GROUP, 0, .sub = &budget_schema},
    {"goals", "年度总体目标", F_TEXTLIST, OFF(jx_doc, goals)},
    {"tasks", "年度主要任务", F_LIST, OFF(jx_doc, tasks), .sub = &task_schema, .elem_size = sizeof(jx_task)},
    {"indicators", "年度绩效指标", F_LIST, OFF(jx_doc, indicators), .sub = &jx_indicator_schema, .elem_size = sizeof(jx_indicator)},
    {"finance", "部门财政资金收支情况", F_GROUP, 0, .sub = &finance_schema},
    {"monitoring", "绩效运行监控", F_LIST, OFF(jx_doc, monitoring), .sub = &checkpoint_schema, .elem_size = sizeof(jx_checkpoint)},
    {"analysis", "部门整体绩效管理情况", F_GROUP, 0, .sub = &analysis_group_schema},
    {"application", "结果应用情况", F_GROUP, 0, .sub = &application_schema},
    {"assessment", "评价结论", F_GROUP, 0, .sub = &assessment_schema},
    {"problems", "存在问题", F_TEXTLIST, OFF(jx_doc, problems)},
    {"suggestions", "改进建议", F_TEXTLIST, OFF(jx_doc, suggestions)},
    {"signer", "落款单位", F_TEXT, OFF(jx_doc, signer)},
    {"date", "落款日期", F_DATE, OFF(jx_doc, date)},
    {"project", "项目", F_PTR, OFF(jx_doc, project), .sub = &jx_project_schema, .elem_size = sizeof(jx_project)},
    {"assumptions", "假设说明", F_TEXTLIST, OFF(jx_doc, assumptions)},
};
const jx_schema jx_doc_schema = {"部门年度数据", JX_FIELDS(doc_fields), 0};

/* ---- declaration (绩效目标申报, kind: declaration; docs/declaration.md mirrors it) ---- */
static const jx_enum_name decl_scope_names[] = {
    {"project", JX_DECL_PROJECT},       {"项目支出", JX_DECL_PROJECT},
    {"department", JX_DECL_DEPARTMENT}, {"部门整体", JX_DECL_DEPARTMENT},
    {NULL, 0}};

static const jx_field decl_indicator_fields[] = {
    {"level1", "一级指标", F_TEXT, OFF(jx_decl_indicator, level1)},
    {"level2", "二级指标", F_TEXT, OFF(jx_decl_indicator, level2)},
    {"name", "三级指标", F_TEXT, OFF(jx_decl_indicator, name), .required = true},
    {"value", "指标值", F_TEXT, OFF(jx_decl_indicator, value), .required = true},
    {"read", "读取结果", F_ANY, 0}, /* written by jixiao, recomputed by the loader */
    {"explanation", "指标解释", F_TEXT, OFF(jx_decl_indicator, explanation)},
    {"standard", "评分标准", F_TEXT, OFF(jx_decl_indicator, standard)},
    {"source", "数据来源", F_TEXT, OFF(jx_decl_indicator, source)},
    {"weight", "分值", F_NUM, OFF(jx_decl_indicator, weight)},
    {"", "", F_POS, OFF(jx_decl_indicator, pos)},
};
const jx_schema jx_decl_indicator_schema = {"绩效指标", JX_FIELDS(decl_indicator_fields), 0};

static const jx_field decl_change_fields[] = {
    {"indicator", "三级指标", F_TEXT, OFF(jx_decl_change, indicator)},
    {"field", "调整项", F_SKIP, 0}, /* `this_year` for a change of 本年金额: checked by the loader */
    {"from", "调整前", F_TEXT, OFF(jx_decl_change, from)},
    {"to", "调整后", F_TEXT, OFF(jx_decl_change, to)},
    {"", "", F_POS, OFF(jx_decl_change, pos)},
};
static const jx_schema decl_change_schema = {"调整内容", JX_FIELDS(decl_change_fields), 0};

static const jx_field decl_adjustment_fields[] = {
    {"date", "调整日期", F_DATE, OFF(jx_decl_adjustment, date), .required = true},
    {"reason", "调整原因", F_TEXT, OFF(jx_decl_adjustment, reason), .required = true},
    {"approver", "批准单位", F_TEXT, OFF(jx_decl_adjustment, approver), .required = true},
    {"changes", "调整内容", F_LIST, OFF(jx_decl_adjustment, changes), .required = true, .sub = &decl_change_schema,
     .elem_size = sizeof(jx_decl_change)},
    {"", "", F_POS, OFF(jx_decl_adjustment, pos)},
};
static const jx_schema decl_adjustment_schema = {"动态调整", JX_FIELDS(decl_adjustment_fields), 0};

static const jx_field decl_amount_fields[] = {
    {"total", "项目总金额", F_MONEY, OFF(jx_decl, total)},
    {"this_year", "本年金额", F_MONEY, OFF(jx_decl, this_year), .required = true},
    {"by_source", "本年金额按来源", F_NAMED_MONEY, OFF(jx_decl, by_source)},
};
static const jx_schema decl_amount_schema = {"申报金额", JX_FIELDS(decl_amount_fields), 0};

static const jx_field decl_fields[] = {
    {"schema", "格式版本", F_SKIP, 0, .required = true}, /* checked by the loader */
    {"kind", "文件类型", F_SKIP, 0, .required = true},   /* checked by the loader: declaration */
    {"scope", "申报类型", F_ENUM, OFF(jx_decl, scope), .required = true, .names = decl_scope_names},
    {"year", "预算年度", F_INT, OFF(jx_decl, year), .required = true, .min = 1990, .max = 2100},
    {"money_unit", "金额单位", F_SKIP, 0}, /* read by the loader first */
    {"code", "项目编码", F_TEXT, OFF(jx_decl, code)},
    {"name", "项目名称", F_TEXT, OFF(jx_decl, name), .required = true},
    {"unit", "申报单位", F_TEXT, OFF(jx_decl, unit), .required = true},
    {"department", "主管部门", F_TEXT, OFF(jx_decl, department)},
    {"amounts", "申报金额", F_GROUP, 0, .required = true, .sub = &decl_amount_schema},
    {"policy_basis", "政策依据", F_TEXT, OFF(jx_decl, policy_basis)},
    {"calc_basis", "测算依据", F_TEXT, OFF(jx_decl, calc_basis)},
    {"annual_goal", "年度目标", F_TEXT, OFF(jx_decl, annual_goal)},
    {"indicators", "绩效指标", F_LIST, OFF(jx_decl, indicators), .required = true, .sub = &jx_decl_indicator_schema,
     .elem_size = sizeof(jx_decl_indicator)},
    {"adjustments", "动态调整", F_LIST, OFF(jx_decl, adjustments), .sub = &decl_adjustment_schema,
     .elem_size = sizeof(jx_decl_adjustment)},
};
const jx_schema jx_decl_schema = {"绩效目标申报", JX_FIELDS(decl_fields), 0};

bool jx_field_is_scalar(const jx_field *f) {
  switch (f->type) {
  case F_TEXT:
  case F_MONEY:
  case F_NUM:
  case F_COUNT:
  case F_INT:
  case F_VALUE:
  case F_NATURE:
  case F_DATE: return true;
  default: return false;
  }
}
