/* framework.h — a 评价框架 (framework) as data: the struct parse/framework.c fills from a file and score/ and check/ read (internal). */
#ifndef JX_FRAMEWORK_H
#define JX_FRAMEWORK_H

#include "jixiao.h"

typedef enum { JX_LE_BANDED = 0, JX_LE_REVERSE = 1 } jx_le_formula;

/* How a step deduction counts a partial step (每低5%扣2分): any part of a step costs a
 * whole step (⌈gap / step⌉), or only whole steps count (⌊gap / step⌋). */
typedef enum { JX_STEP_ANY_PART = 0, JX_STEP_WHOLE = 1 } jx_step_rounding;

/* The execution rate's denominator: 全年预算数 (adjusted, all sources), or the same without
 * 上年结转 (adjusted − carried_in). */
typedef enum { JX_DENOM_ADJUSTED = 0, JX_DENOM_ADJUSTED_EXCL_CARRIED_IN = 1 } jx_exec_denominator;

typedef enum {
  JX_RULE_ASSESSED = 0,         /* typed score within [0, max] */
  JX_RULE_ASSESSED_WITH_REASON, /* typed; a reason is required below max */
  JX_RULE_RATIO,                /* value / target × max, capped (or target / value when lower_better) */
  JX_RULE_STEP_DEDUCTION,       /* max − points × ceil((target − value) / step), floor 0 */
  JX_RULE_THRESHOLD_TABLE,      /* first row with value ≤ upto gives points; else 0 */
  JX_RULE_PER_POINT_DEDUCTION,  /* max − points × (value − limit) per percentage point, floor 0 */
  JX_RULE_ALL_OR_NOTHING        /* criteria only: target met → full weight, else 0 */
} jx_rule_kind;

typedef struct {
  const char *name;
  jx_num min, max;   /* percent of the weight */
  jx_strlist synonyms; /* other wordings of this band as printed (达成预期指标, 完成, 优 …) */
  jx_pos pos;          /* the band's mapping in the framework file */
} jx_fw_band;

typedef struct {
  const char *name;
  jx_num min;
} jx_fw_grade;

typedef struct {
  jx_num upto;   /* percent */
  jx_num points;
} jx_fw_threshold;

typedef struct {
  jx_pos pos;
  const char *name;
  jx_num max;
  int rule;            /* jx_rule_kind */
  const char *metric;  /* formula rules: which metric */
  jx_num target, step, points, limit;
  bool lower_better;
  int step_rounding;   /* jx_step_rounding; step_deduction only (required there) */
  JX_LIST(jx_fw_threshold) table;
  const char *source;
} jx_fw_block;

/* A wording of 评分标准 the framework knows, e.g. "每低{step}%扣{points}分": an
 * indicator whose criteria text matches is scored by that rule instead of the FASP
 * formula.  pattern holds literal text with {step} {points} {target} placeholders
 * (numbers); rule is a jx_rule_kind (ratio, step_deduction) or JX_RULE_ALL_OR_NOTHING. */
typedef struct {
  const char *pattern;
  int rule;
  int step_rounding;   /* jx_step_rounding; step_deduction only (required there) */
  const char *source;
  jx_pos pos;          /* the entry's mapping in the framework file */
} jx_fw_criteria;

struct jx_framework {
  struct jx_arena *arena;
  const char *path;
  const char *id, *name, *source;
  int kind; /* jx_doc_kind */
  jx_num total;
  jx_num execution_weight, execution_reason_below;
  int execution_denominator;    /* jx_exec_denominator */
  jx_num indicator_weight;
  JX_LIST(jx_named_num) split;
  bool split_required;
  int le_formula;               /* jx_le_formula */
  jx_num note_when_above;       /* percent of target; unset = never */
  JX_LIST(jx_fw_band) bands;
  JX_LIST(jx_fw_grade) grades;
  JX_LIST(jx_fw_block) blocks;
  JX_LIST(jx_fw_criteria) criteria; /* 评分标准 wordings it knows */
  jx_num staffing_control_max, budget_deviation_max, cost_deviation_max;
  const char *project_framework;
  struct jx_framework *project_fw; /* loaded by jx_framework_find; owned */
};

/* ---- lookups for the scorer (model/framework_lookup.c; util only, so score/ and check/
 * may call them) ---------------------------------------------------------------------- */

/* The band of fw whose name or one of whose synonyms is printed, compared after NFKC
 * folding of full-width forms (jx_text_fold) and with all whitespace removed (" 达成 ",
 * "达 成" and "达成" are one wording).  NULL when printed is NULL, empty, longer than
 * 1 KB or not a wording of any band.  fw must be loaded (its synonyms are unique across
 * bands, which the loader checks). */
const jx_fw_band *jx_fw_band_for(const jx_framework *fw, const char *printed);
/* A qualitative actual written exactly as its target ("明显改善" for "明显改善", compared
 * as jx_fw_band_for compares): the department says it reached what it set out to, the
 * framework's top band; NULL otherwise. */
const jx_fw_band *jx_fw_band_met_target(const jx_framework *fw, const char *actual, const char *target);

/* The first of fw->criteria whose pattern matches the 评分标准 text criteria_text, or
 * NULL.  Both are folded (full-width → ASCII) and whitespace is ignored on both sides;
 * the pattern's literal text must then match from the start of the text (punctuation
 * and whitespace before it are skipped) and anything after the pattern is ignored
 * ("每低5%扣2分，扣完为止" matches "每低{step}%扣{points}分").  A placeholder {step},
 * {points} or {target} reads a decimal number (digits, one '.', an optional sign) with
 * jx_parse_num; its value (× JX_NUM_SCALE) goes to *step, *points or *target.  An out
 * pointer may be NULL; one whose placeholder the pattern lacks is left unchanged, so
 * the caller sets a default first.  Texts over 2 KB are not matched. */
const jx_fw_criteria *jx_fw_criteria_match(const jx_framework *fw, const char *criteria_text, int64_t *step,
                                           int64_t *points, int64_t *target);

#endif
