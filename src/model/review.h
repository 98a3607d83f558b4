/* review.h — a set of review rules (审核口径) in memory: each rule's text, what it looks at, its sense, and the scoring (internal). */
#ifndef JX_MODEL_REVIEW_H
#define JX_MODEL_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao.h"
#include "util/arena.h"

/* What a rule looks at (the 审核对象 interpreted). */
typedef enum {
  JX_RV_T_NONE = 0,
  JX_RV_T_POLICY,      /* 政策依据 */
  JX_RV_T_CALC,        /* 测算依据 */
  JX_RV_T_GOAL,        /* 年度目标 */
  JX_RV_T_TABLE,       /* 绩效目标表 as a whole: at least one real row */
  JX_RV_T_ROW_CELLS,   /* each row's 三级指标, 指标值, 指标解释: none left blank */
  JX_RV_T_LEVEL2,      /* a 二级指标 (level2 below) with a real row */
  JX_RV_T_NAME,        /* 三级指标 of each real row (of level2 when set) */
  JX_RV_T_VALUE,       /* 指标值 of each real row (of level2 when set) */
  JX_RV_T_EXPLANATION, /* 指标解释 of each real row (of level2 when set) */
  JX_RV_T_INDICATORS   /* the indicators in general (manual rules) */
} jx_rv_target;

/* When a pattern finds a problem. */
typedef enum {
  JX_RV_SENSE_NONE = 0, /* no pattern (manual) */
  JX_RV_SENSE_EMPTY,    /* the field is empty or missing */
  JX_RV_SENSE_MATCH,    /* the pattern describes the problem: a match is a finding */
  JX_RV_SENSE_MISMATCH  /* the pattern describes the good form: no match is a finding */
} jx_rv_sense;

/* The built-in checks (mode 内置); their parameters are data (jx_rv_rule.params). */
typedef enum {
  JX_RV_B_NONE = 0,
  JX_RV_B_LEVEL2_PRESENT,      /* params.level2: a real row under this 二级指标 */
  JX_RV_B_LEVEL1_PRESENT,      /* params.level1: a real row under this 一级指标 */
  JX_RV_B_SATISFACTION,        /* params.level1 present when a public-service word appears */
  JX_RV_B_VALUE_MEASURABLE,    /* 指标值 not a placeholder (params.words, params.required) */
  JX_RV_B_UNITS_CONSISTENT,    /* one 三级指标, one unit; % only on rates, counts not in % */
  JX_RV_B_COST_WITHIN_MONEY,   /* sum of 成本 targets in money ≤ the money asked for */
  JX_RV_B_GOAL_NOT_NAME        /* 年度目标 not empty and not the project name again */
} jx_rv_builtin;

/* One rule.  The public part (info) is what a reviewer reads; the rest is how it runs. */
typedef struct {
  jx_review_rule_info info;
  jx_pos pos;             /* where the rule is written (YAML line, or 审核口径!A12) */
  jx_pos pattern_pos;     /* the pattern's cell or line */
  jx_rv_target target;
  const char *level2;     /* filter or subject (prefix of the 二级指标: 社会 → 社会效益); NULL: any */
  jx_rv_sense sense;
  jx_severity severity;   /* of its findings */
  void *re;               /* pcre2_code_8 *; NULL when there is no pattern */
  jx_rv_builtin builtin;
  /* built-in parameters */
  const char *level1;     /* LEVEL1_PRESENT, SATISFACTION */
  jx_strlist words;       /* SATISFACTION: public-service words; VALUE_MEASURABLE: placeholders */
  jx_strlist required;    /* VALUE_MEASURABLE: 二级指标 where 不适用 is a placeholder */
  jx_strlist count_words; /* UNITS_CONSISTENT: name endings of counts; rate_words: of rates */
  jx_strlist rate_words;
  jx_strlist year_words;  /* COST_WITHIN_MONEY: a cost target of the year (年度 …) */
  jx_strlist total_words; /* COST_WITHIN_MONEY: a cost target of the whole project (总成本 …) */
  int64_t max_extra_chars; /* GOAL_NOT_NAME: a goal this much longer than the name is still a copy */
} jx_rv_rule;

/* Money units a cost target may be written in, with their size in 分. */
typedef struct {
  const char *unit;
  int64_t fen;
} jx_rv_money_unit;

struct jx_review_rules {
  jx_arena *arena;        /* owns everything below */
  const char *source;     /* file name, or "内置默认规则" */
  const char *title;
  JX_LIST(jx_rv_rule) rules;
  /* scoring (docs/review.md) */
  jx_strlist points;      /* 审核要点 in report order */
  int64_t full;           /* × JX_NUM_SCALE: each 要点 starts here */
  int64_t deduct_error, deduct_warning; /* per finding */
  int64_t max_per_rule;   /* a rule's deductions in one declaration stop here */
  int64_t fail_below;     /* any 要点 under this: 不通过 */
  JX_LIST(jx_rv_money_unit) money_units;
  void *match_ctx;        /* pcre2_match_context_8 *: the match, depth and heap limits */
  void *general_ctx;      /* pcre2_general_context_8 *: allocation through jx_xmalloc */
  uint32_t match_limit, depth_limit;
};

/* A new, empty rule set with the default scoring; free with jx_review_rules_free. */
jx_review_rules *jx_rv_rules_new(const char *source);
/* Compile pattern for rule r (PCRE2, UTF, \uXXXX escapes, bounded length).  On failure
 * returns false and writes the reason (Chinese, with the offset) into why. */
bool jx_rv_compile(jx_review_rules *set, jx_rv_rule *r, const char *pattern, char *why, size_t n);
/* Names (for messages and the YAML form). */
const char *jx_rv_target_name(jx_rv_target t);
bool jx_rv_target_parse(const char *s, jx_rv_target *t);
const char *jx_rv_sense_name(jx_rv_sense s);
bool jx_rv_sense_parse(const char *s, jx_rv_sense *t);
const char *jx_rv_builtin_name(jx_rv_builtin b);
bool jx_rv_builtin_parse(const char *s, jx_rv_builtin *b);

/* Data compiled in (CMakeLists.txt): frameworks/review/default.yaml and
 * frameworks/review/sheet.yaml. */
extern const unsigned char jx_review_default_yaml[];
extern const size_t jx_review_default_yaml_len;
extern const unsigned char jx_review_sheet_yaml[];
extern const size_t jx_review_sheet_yaml_len;

#endif
