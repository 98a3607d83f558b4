/* framework.h — a 评价框架 (framework) as data: the struct parse/framework.c fills from a file and score/ and check/ read (internal). */
#ifndef JX_FRAMEWORK_H
#define JX_FRAMEWORK_H

#include "jixiao.h"

typedef enum { JX_LE_BANDED = 0, JX_LE_REVERSE = 1 } jx_le_formula;

typedef enum {
  JX_RULE_ASSESSED = 0,         /* typed score within [0, max] */
  JX_RULE_ASSESSED_WITH_REASON, /* typed; a reason is required below max */
  JX_RULE_RATIO,                /* value / target × max, capped (or target / value when lower_better) */
  JX_RULE_STEP_DEDUCTION,       /* max − points × ceil((target − value) / step), floor 0 */
  JX_RULE_THRESHOLD_TABLE,      /* first row with value ≤ upto gives points; else 0 */
  JX_RULE_PER_POINT_DEDUCTION   /* max − points × (value − limit) per percentage point, floor 0 */
} jx_rule_kind;

typedef struct {
  const char *name;
  jx_num min, max; /* percent of the weight */
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
  JX_LIST(jx_fw_threshold) table;
  const char *source;
} jx_fw_block;

struct jx_framework {
  struct jx_arena *arena;
  const char *path;
  const char *id, *name, *source;
  int kind; /* jx_doc_kind */
  jx_num total;
  jx_num execution_weight, execution_reason_below;
  jx_num indicator_weight;
  JX_LIST(jx_named_num) split;
  bool split_required;
  int le_formula;               /* jx_le_formula */
  jx_num note_when_above;       /* percent of target; unset = never */
  JX_LIST(jx_fw_band) bands;
  JX_LIST(jx_fw_grade) grades;
  JX_LIST(jx_fw_block) blocks;
  jx_num staffing_control_max, budget_deviation_max, cost_deviation_max;
  const char *project_framework;
  struct jx_framework *project_fw; /* loaded by jx_framework_find; owned */
};

#endif
