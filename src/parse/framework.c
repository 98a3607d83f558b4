/* framework.c — read 评价框架 files with the same strict reader and binder as department-years (model/framework.h). */
#include "model/framework.h"

#include <stdlib.h>
#include <string.h>

#include "model/schema.h"
#include "parse/bind.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/text.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define OFF(T, f) offsetof(T, f)
typedef struct jx_framework fw_t;

static const jx_enum_name kind_names[] = {{"department", JX_KIND_DEPARTMENT}, {"project", JX_KIND_PROJECT}, {NULL, 0}};
static const jx_enum_name le_names[] = {{"banded", JX_LE_BANDED}, {"reverse", JX_LE_REVERSE}, {NULL, 0}};
static const jx_enum_name rule_names[] = {
    {"assessed", JX_RULE_ASSESSED},           {"assessed_with_reason", JX_RULE_ASSESSED_WITH_REASON},
    {"ratio", JX_RULE_RATIO},                 {"step_deduction", JX_RULE_STEP_DEDUCTION},
    {"threshold_table", JX_RULE_THRESHOLD_TABLE}, {"per_point_deduction", JX_RULE_PER_POINT_DEDUCTION},
    {NULL, 0}};
/* 评分标准 wordings name only the rules a text can state. */
static const jx_enum_name criteria_rule_names[] = {
    {"step_deduction", JX_RULE_STEP_DEDUCTION}, {"ratio", JX_RULE_RATIO}, {"all_or_nothing", JX_RULE_ALL_OR_NOTHING},
    {NULL, 0}};
/* step_rounding is bound as jx_step_rounding + 1, so that 0 means "not written" (it is
 * required on every step deduction); fix_rounding() takes the 1 off after the check. */
static const jx_enum_name rounding_names[] = {
    {"any_part", JX_STEP_ANY_PART + 1}, {"whole_steps", JX_STEP_WHOLE + 1}, {NULL, 0}};
static const jx_enum_name denominator_names[] = {
    {"adjusted", JX_DENOM_ADJUSTED}, {"adjusted_excluding_carried_in", JX_DENOM_ADJUSTED_EXCL_CARRIED_IN}, {NULL, 0}};

static const jx_field execution_fields[] = {
    {"weight", "预算执行分值", F_NUM, OFF(fw_t, execution_weight), .required = true},
    {"reason_below", "需说明原因的执行率下限", F_NUM, OFF(fw_t, execution_reason_below)},
    {"denominator", "执行率分母", F_ENUM, OFF(fw_t, execution_denominator), .names = denominator_names},
};
static const jx_schema execution_schema = {"预算执行", JX_FIELDS(execution_fields), 0};

static const jx_field indicator_fields[] = {
    {"weight", "指标总分值", F_NUM, OFF(fw_t, indicator_weight), .required = true},
    {"split", "一级指标分值", F_NAMED_NUM, OFF(fw_t, split)},
    {"split_required", "一级指标分值是否强制", F_BOOL, OFF(fw_t, split_required)},
    {"le_formula", "反向指标公式", F_ENUM, OFF(fw_t, le_formula), .names = le_names},
    {"note_when_above", "超额需说明的比例", F_NUM, OFF(fw_t, note_when_above)},
};
static const jx_schema indicator_schema = {"绩效指标规则", JX_FIELDS(indicator_fields), 0};

static const jx_field band_fields[] = {
    {"name", "等次", F_TEXT, OFF(jx_fw_band, name), .required = true},
    {"min", "下限", F_NUM, OFF(jx_fw_band, min), .required = true},
    {"max", "上限", F_NUM, OFF(jx_fw_band, max), .required = true},
    {"synonyms", "同义表述", F_TEXTLIST, OFF(jx_fw_band, synonyms)},
    {"", "", F_POS, OFF(jx_fw_band, pos)},
};
static const jx_schema band_schema = {"定性等次", JX_FIELDS(band_fields), 0};

static const jx_field grade_fields[] = {
    {"name", "等级", F_TEXT, OFF(jx_fw_grade, name), .required = true},
    {"min", "最低分", F_NUM, OFF(jx_fw_grade, min), .required = true},
};
static const jx_schema grade_schema = {"等级", JX_FIELDS(grade_fields), 0};

static const jx_field threshold_fields[] = {
    {"upto", "不超过", F_NUM, OFF(jx_fw_threshold, upto), .required = true},
    {"points", "得分", F_NUM, OFF(jx_fw_threshold, points), .required = true},
};
static const jx_schema threshold_schema = {"阈值行", JX_FIELDS(threshold_fields), 0};

static const jx_field block_fields[] = {
    {"name", "分项名称", F_TEXT, OFF(jx_fw_block, name), .required = true},
    {"max", "满分", F_NUM, OFF(jx_fw_block, max), .required = true},
    {"rule", "评分方式", F_ENUM, OFF(jx_fw_block, rule), .required = true, .names = rule_names},
    {"metric", "计算指标", F_TEXT, OFF(jx_fw_block, metric)},
    {"target", "目标值", F_NUM, OFF(jx_fw_block, target)},
    {"step", "步长", F_NUM, OFF(jx_fw_block, step)},
    {"points", "每步扣分", F_NUM, OFF(jx_fw_block, points)},
    {"limit", "限值", F_NUM, OFF(jx_fw_block, limit)},
    {"lower_better", "越低越好", F_BOOL, OFF(jx_fw_block, lower_better)},
    {"step_rounding", "不足一档的计法", F_ENUM, OFF(jx_fw_block, step_rounding), .names = rounding_names},
    {"table", "阈值表", F_LIST, OFF(jx_fw_block, table), .sub = &threshold_schema, .elem_size = sizeof(jx_fw_threshold)},
    {"source", "依据", F_TEXT, OFF(jx_fw_block, source)},
    {"", "", F_POS, OFF(jx_fw_block, pos)},
};
static const jx_schema block_schema = {"评分分项", JX_FIELDS(block_fields), 0};

static const jx_field criteria_fields[] = {
    {"pattern", "评分标准表述", F_TEXT, OFF(jx_fw_criteria, pattern), .required = true},
    {"rule", "评分方式", F_ENUM, OFF(jx_fw_criteria, rule), .required = true, .names = criteria_rule_names},
    {"step_rounding", "不足一档的计法", F_ENUM, OFF(jx_fw_criteria, step_rounding), .names = rounding_names},
    {"source", "依据", F_TEXT, OFF(jx_fw_criteria, source)},
    {"", "", F_POS, OFF(jx_fw_criteria, pos)},
};
static const jx_schema criteria_schema = {"评分标准表述", JX_FIELDS(criteria_fields), 0};

static const jx_field limit_fields[] = {
    {"staffing_control_max", "在职人员控制率上限", F_NUM, OFF(fw_t, staffing_control_max)},
    {"budget_deviation_max", "预决算偏差上限", F_NUM, OFF(fw_t, budget_deviation_max)},
    {"cost_deviation_max", "成本指标偏差上限", F_NUM, OFF(fw_t, cost_deviation_max)},
};
static const jx_schema limit_schema = {"一致性限值", JX_FIELDS(limit_fields), 0};

static const jx_field fw_fields[] = {
    {"schema", "格式版本", F_SKIP, 0, .required = true},
    {"id", "框架编号", F_TEXT, OFF(fw_t, id), .required = true},
    {"name", "框架名称", F_TEXT, OFF(fw_t, name), .required = true},
    {"kind", "评价类型", F_ENUM, OFF(fw_t, kind), .required = true, .names = kind_names},
    {"source", "依据", F_TEXT, OFF(fw_t, source), .required = true},
    {"total", "总分", F_NUM, OFF(fw_t, total), .required = true},
    {"execution", "预算执行", F_GROUP, 0, .sub = &execution_schema},
    {"indicators", "绩效指标规则", F_GROUP, 0, .required = true, .sub = &indicator_schema},
    {"qualitative", "定性等次", F_LIST, OFF(fw_t, bands), .sub = &band_schema, .elem_size = sizeof(jx_fw_band)},
    {"grades", "等级", F_LIST, OFF(fw_t, grades), .required = true, .sub = &grade_schema, .elem_size = sizeof(jx_fw_grade)},
    {"blocks", "评分分项", F_LIST, OFF(fw_t, blocks), .sub = &block_schema, .elem_size = sizeof(jx_fw_block)},
    {"criteria", "评分标准表述", F_LIST, OFF(fw_t, criteria), .sub = &criteria_schema, .elem_size = sizeof(jx_fw_criteria)},
    {"limits", "一致性限值", F_GROUP, 0, .sub = &limit_schema},
    {"project_framework", "项目评价框架", F_TEXT, OFF(fw_t, project_framework)},
};
static const jx_schema fw_schema = {"评价框架", JX_FIELDS(fw_fields), 0};

/* step_rounding: required on a step deduction, refused elsewhere; then bound value − 1. */
static void fix_rounding(jx_diags *d, jx_pos pos, const char *what, const char *name, bool step, int *rounding) {
  if (step && *rounding == 0)
    jx_diag_add(d, "JX311", JX_ERROR, pos,
                "%s“%s”是逐级扣分，须写明 step_rounding（不足一档的计法）：whole_steps（不足一档不扣）或 any_part（不足一档按一档计）",
                what, name);
  if (!step && *rounding != 0)
    jx_diag_add(d, "JX311", JX_ERROR, pos, "%s“%s”不是逐级扣分，不能写 step_rounding", what, name);
  if (*rounding > 0) (*rounding)--;
}

/* A wording as the lookups compare it (model/framework_lookup.c): full-width folded,
 * every ASCII whitespace byte removed. */
static const char *wording(jx_arena *a, const char *s) {
  char *f = jx_text_fold(a, s ? s : "");
  size_t w = 0;
  for (size_t r = 0; f[r]; r++)
    if (!strchr(" \t\r\n\v\f", f[r])) f[w++] = f[r];
  f[w] = '\0';
  return f;
}

/* Band names are distinct; a synonym names one band only, is not another band's name
 * and is listed once. */
static void validate_bands(fw_t *fw, jx_diags *d) {
  jx_arena *a = fw->arena;
  for (size_t i = 0; i < fw->bands.n; i++) {
    const jx_fw_band *bi = &fw->bands.items[i];
    const char *ni = wording(a, bi->name);
    for (size_t j = 0; j < i; j++)
      if (strcmp(ni, wording(a, fw->bands.items[j].name)) == 0)
        jx_diag_add(d, "JX311", JX_ERROR, bi->pos, "定性等次“%s”重复（第 %zu 个和第 %zu 个等次同名）", bi->name, j + 1, i + 1);
    for (size_t k = 0; k < bi->synonyms.n; k++) {
      const char *syn = bi->synonyms.items[k], *sk = wording(a, syn);
      if (!*sk) {
        jx_diag_add(d, "JX311", JX_ERROR, bi->pos, "定性等次“%s”的第 %zu 个同义表述为空", bi->name, k + 1);
        continue;
      }
      if (strcmp(sk, ni) == 0)
        jx_diag_add(d, "JX311", JX_ERROR, bi->pos, "定性等次“%s”的同义表述“%s”就是等次名称本身，不必列出", bi->name, syn);
      for (size_t k2 = 0; k2 < k; k2++)
        if (strcmp(sk, wording(a, bi->synonyms.items[k2])) == 0)
          jx_diag_add(d, "JX311", JX_ERROR, bi->pos, "定性等次“%s”的同义表述“%s”列了两次", bi->name, syn);
      for (size_t j = 0; j < fw->bands.n; j++) {
        if (j == i) continue;
        const jx_fw_band *bj = &fw->bands.items[j];
        if (strcmp(sk, wording(a, bj->name)) == 0)
          jx_diag_add(d, "JX311", JX_ERROR, bi->pos, "定性等次“%s”的同义表述“%s”是另一个等次“%s”的名称", bi->name, syn,
                      bj->name);
        if (j > i) continue; /* a pair is reported once, at the later band */
        for (size_t k2 = 0; k2 < bj->synonyms.n; k2++)
          if (strcmp(sk, wording(a, bj->synonyms.items[k2])) == 0)
            jx_diag_add(d, "JX311", JX_ERROR, bi->pos, "同义表述“%s”同时列在定性等次“%s”和“%s”下，无法判断属于哪个等次", syn,
                        bj->name, bi->name);
      }
    }
  }
}

/* A criteria pattern: placeholders only {step} {points} {target}, each at most once,
 * never two in a row (a number could not be split between them); a step deduction
 * has {step} and {points}. */
static void validate_criteria(fw_t *fw, jx_diags *d) {
  static const char *names[] = {"{step}", "{points}", "{target}"};
  for (size_t i = 0; i < fw->criteria.n; i++) {
    jx_fw_criteria *c = &fw->criteria.items[i];
    const char *p = wording(fw->arena, c->pattern);
    if (!*p) {
      jx_diag_add(d, "JX311", JX_ERROR, c->pos, "第 %zu 条评分标准表述的 pattern 为空", i + 1);
      continue;
    }
    int seen[3] = {0, 0, 0};
    bool literal = false, after_placeholder = false;
    for (const char *q = p; *q;) {
      if (*q == '}') {
        jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”有多余的“}”", c->pattern);
        break;
      }
      if (*q != '{') {
        q++;
        literal = true;
        after_placeholder = false;
        continue;
      }
      size_t len = strcspn(q, "}");
      if (!q[len]) {
        jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”的“{”没有对应的“}”", c->pattern);
        break;
      }
      int which = -1;
      for (int k = 0; k < 3; k++)
        if (strlen(names[k]) == len + 1 && strncmp(q, names[k], len + 1) == 0) which = k;
      if (which < 0) {
        jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”中的占位符“%.*s”无效：只能用 {step}、{points}、{target}",
                    c->pattern, (int)len + 1, q);
      } else {
        if (seen[which]++ == 1)
          jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”中的占位符 %s 出现了不止一次", c->pattern, names[which]);
        if (after_placeholder)
          jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”中两个占位符紧挨着，须用文字隔开", c->pattern);
      }
      after_placeholder = true;
      q += len + 1;
    }
    if (!literal)
      jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”没有任何文字，只有占位符", c->pattern);
    bool step = c->rule == JX_RULE_STEP_DEDUCTION;
    if (step && (!seen[0] || !seen[1]))
      jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”是逐级扣分，须含 {step}（每档宽度）和 {points}（每档扣分）",
                  c->pattern);
    fix_rounding(d, c->pos, "评分标准表述", c->pattern, step, &c->step_rounding);
    for (size_t j = 0; j < i; j++)
      if (strcmp(p, wording(fw->arena, fw->criteria.items[j].pattern)) == 0)
        jx_diag_add(d, "JX311", JX_ERROR, c->pos, "评分标准表述“%s”与第 %zu 条重复", c->pattern, j + 1);
  }
}

static void validate(fw_t *fw, jx_diags *d) {
  jx_pos pos = {fw->path, 1, 1};
  int64_t sum = 0;
  validate_bands(fw, d);
  validate_criteria(fw, d);
  for (size_t i = 0; i < fw->blocks.n; i++) {
    jx_fw_block *b = &fw->blocks.items[i];
    sum += b->max.v;
    fix_rounding(d, b->pos, "评分分项", b->name, b->rule == JX_RULE_STEP_DEDUCTION, &b->step_rounding);
    bool formula = b->rule >= JX_RULE_RATIO;
    if (formula && !b->metric)
      jx_diag_add(d, "JX311", JX_ERROR, b->pos, "评分分项“%s”按公式计分，但没有写 metric（计算指标）", b->name);
    if (b->rule == JX_RULE_STEP_DEDUCTION && (!b->step.set || b->step.v <= 0 || !b->points.set || !b->target.set))
      jx_diag_add(d, "JX311", JX_ERROR, b->pos, "评分分项“%s”是逐级扣分，需要 target、step（>0）和 points", b->name);
    if (b->rule == JX_RULE_PER_POINT_DEDUCTION && (!b->limit.set || !b->points.set))
      jx_diag_add(d, "JX311", JX_ERROR, b->pos, "评分分项“%s”是超限扣分，需要 limit 和 points", b->name);
    if (b->rule == JX_RULE_RATIO && (!b->target.set || b->target.v <= 0))
      jx_diag_add(d, "JX311", JX_ERROR, b->pos, "评分分项“%s”是比率计分，需要大于 0 的 target", b->name);
    if (b->rule == JX_RULE_THRESHOLD_TABLE && !b->table.n)
      jx_diag_add(d, "JX311", JX_ERROR, b->pos, "评分分项“%s”是阈值表计分，需要 table", b->name);
  }
  if (fw->kind == JX_KIND_DEPARTMENT && fw->blocks.n && sum != fw->total.v) {
    char a[32], b[32];
    jx_diag_add(d, "JX311", JX_ERROR, pos, "评价框架各分项满分之和 %s 不等于总分 %s", jx_format_num(sum, a, sizeof a),
                jx_format_num(fw->total.v, b, sizeof b));
  }
  /* a project, or a department scored without blocks but with an execution part (重庆 2021:
   * 执行率 10 + 指标 90): execution + indicators make the total */
  bool two_parts = fw->kind == JX_KIND_PROJECT || (fw->kind == JX_KIND_DEPARTMENT && !fw->blocks.n && fw->execution_weight.set);
  if (two_parts && fw->execution_weight.v + fw->indicator_weight.v != fw->total.v) {
    char a[32], b[32], c[32];
    jx_diag_add(d, "JX311", JX_ERROR, pos, "评价框架预算执行分值 %s 加指标分值 %s 不等于总分 %s",
                jx_format_num(fw->execution_weight.v, a, sizeof a), jx_format_num(fw->indicator_weight.v, b, sizeof b),
                jx_format_num(fw->total.v, c, sizeof c));
  }
}

jx_status jx_framework_load(const char *path, jx_framework **out, jx_diags *diags) {
  *out = NULL;
  size_t len = 0, errors_before = diags->n_error;
  char *data;
  jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (rst != JX_OK) return rst;
  jx_arena *arena = jx_arena_new();
  fw_t *fw = jx_arena_alloc(arena, sizeof *fw);
  fw->arena = arena;
  fw->path = jx_arena_strdup(arena, path);
  jx_node *root = jx_yaml_parse(arena, fw->path, data, len, diags);
  free(data);
  if (!root || root->type != JX_NODE_MAP) {
    if (root) jx_diag_add(diags, "JX110", JX_ERROR, root->pos, "评价框架文件顶层应为映射（键: 值）");
    jx_arena_free(arena);
    return JX_ERR_DATA;
  }
  jx_binder b = {.arena = arena, .diags = diags, .money_unit_fen = JX_FEN_PER_WAN};
  jx_bind_map(&b, &fw_schema, root, fw, "评价框架");
  validate(fw, diags);
  if (diags->n_error > errors_before) {
    jx_arena_free(arena);
    return JX_ERR_DATA;
  }
  *out = fw;
  return JX_OK;
}

static jx_status find_framework(const char *id, const char *search_path, bool nested, jx_framework **out, jx_diags *diags);

jx_status jx_framework_find(const char *id, const char *search_path, jx_framework **out, jx_diags *diags) {
  return find_framework(id, search_path, false, out, diags);
}

static jx_status find_framework(const char *id, const char *search_path, bool nested, jx_framework **out, jx_diags *diags) {
  *out = NULL;
  jx_pos pos = {NULL, 0, 0};
  for (const char *c = id; *c; c++)
    if (*c == '/' || *c == '\\' || (c[0] == '.' && c[1] == '.')) {
      jx_diag_add(diags, "JX311", JX_ERROR, pos, "评价框架编号“%s”无效：不能含有路径", id);
      return JX_ERR_INVALID;
    }
  const char *p = search_path ? search_path : "frameworks";
  while (*p) {
    size_t n = strcspn(p, ":");
    char path[4096];
    if (n > 0 && n + strlen(id) + 7 < sizeof path) {
      snprintf(path, sizeof path, "%.*s/%s.yaml", (int)n, p, id);
      FILE *f = fopen(path, "rb");
      if (f) {
        fclose(f);
        jx_status st = jx_framework_load(path, out, diags);
        jx_framework *fw = *out;
        if (st == JX_OK && fw->kind == JX_KIND_DEPARTMENT && fw->project_framework && !nested) {
          /* nested: a project framework never loads another, so no cycle can form */
          jx_status pst = find_framework(fw->project_framework, search_path, true, &fw->project_fw, diags);
          if (pst == JX_OK && fw->project_fw->kind != JX_KIND_PROJECT) {
            jx_diag_add(diags, "JX311", JX_ERROR, pos, "评价框架“%s”指定的项目评价框架“%s”不是项目支出框架", fw->id, fw->project_framework);
            jx_framework_free(fw->project_fw);
            fw->project_fw = NULL;
          }
        }
        return st;
      }
    }
    p += n;
    if (*p == ':') p++;
  }
  jx_diag_add(diags, "JX311", JX_ERROR, pos, "找不到评价框架“%s”（在 %s 中查找 %s.yaml；可用 --frameworks 或环境变量 JIXIAO_FRAMEWORKS 指定目录）",
              id, search_path ? search_path : "frameworks", id);
  return JX_ERR_IO;
}

void jx_framework_free(jx_framework *fw) {
  if (!fw) return;
  jx_framework_free(fw->project_fw);
  jx_arena_free(fw->arena);
}
const char *jx_framework_id(const jx_framework *fw) { return fw->id; }
const char *jx_framework_name(const jx_framework *fw) { return fw->name; }
