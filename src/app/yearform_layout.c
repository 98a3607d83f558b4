/* yearform_layout.c — the layout of the whole-year form as data: its sections in order and
 * which document paths each holds (the web's department-year page, docs/web.md). */
#include "app/yearform.h"

const jx_form_section jx_form_layout_sections[] = {
    {"profile", "部门基本情况与人员", false},
    {"budget", "预算与收支", false},
    {"goals", "目标与任务", false},
    {"indicators", "绩效指标", true},
    {"projects", "项目", true},
    {"blocks", "分项自评得分与理由", true},
    {"analysis", "绩效分析", false},
    {"application", "结果应用", false},
    {"problems", "问题与建议", false},
    {"signer", "落款", false},
};
const size_t jx_form_layout_n_sections = sizeof jx_form_layout_sections / sizeof jx_form_layout_sections[0];

/* The first prefix that matches a field's path places it; a path no prefix matches is not
 * on the form (the work items, monitoring, the file's own settings). */
const jx_form_place jx_form_layout_places[] = {
    {"department", 0},
    {"profile", 0},
    {"budget", 1},
    {"finance.projects", 4},
    {"finance", 1},
    {"goals", 2},
    {"tasks", 2},
    {"project.indicators", 3},
    {"indicators", 3},
    {"project", 4},
    {"assessment.total", 5},
    {"assessment.grade", 5},
    {"assessment.blocks", 5},
    {"analysis", 6},
    {"application", 7},
    {"assessment.conclusion", 8},
    {"problems", 8},
    {"suggestions", 8},
    {"signer", 9},
    {"date", 9},
};
const size_t jx_form_layout_n_places = sizeof jx_form_layout_places / sizeof jx_form_layout_places[0];

const char *const jx_form_layout_hidden[] = {"assumption", "evidence", "describes", "core", "criteria", "execution",
                                             "metric", NULL};
