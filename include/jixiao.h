/* jixiao.h — the one public header of libjixiao: budget-performance self-evaluation.
 *
 * Conventions
 * - Every public symbol is prefixed jx_ / JX_.
 * - Functions return jx_status; JX_OK is 0.  Problems found in the user's data are
 *   never a failing status: they are diagnostics (jx_diag) collected in a jx_diags.
 * - Ownership: a jx_doc (one department-year) owns every byte it points to through
 *   its arena; jx_doc_free() releases everything in one call.  A jx_framework owns
 *   its memory the same way (jx_framework_free).  A jx_result borrows the jx_doc
 *   and jx_framework it was computed from and owns its own arena (jx_result_free).
 *   Pointers inside these structs are read-only for callers.
 * - Money (jx_money) is an exact integer number of 分 (1 元 = 100 分, 1 万元 =
 *   1,000,000 分).  Other numbers (counts, targets, weights, scores) are jx_num:
 *   an exact integer of millionths (JX_NUM_SCALE).  No double ever holds money.
 * - Out of memory aborts the process with a message (one policy, in one wrapper).
 */
#ifndef JIXIAO_H
#define JIXIAO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(JX_BUILDING_LIBRARY)
#define JX_API __attribute__((visibility("default")))
#else
#define JX_API
#endif

#define JX_VERSION "0.1.0"
#define JX_NUM_SCALE 1000000LL /* jx_num.v is in millionths */
#define JX_FEN_PER_YUAN 100LL
#define JX_FEN_PER_WAN 1000000LL /* 1 万元 in 分 */

typedef enum {
  JX_OK = 0,
  JX_ERR_IO,      /* file could not be read or written */
  JX_ERR_INVALID, /* caller passed something unusable (not a data problem) */
  JX_ERR_DATA     /* data had errors; see the diagnostics */
} jx_status;

/* ---- memory ------------------------------------------------------------------- */

/* The one out-of-memory policy, for the library and the programs built on it: these
 * never return NULL; when memory runs out they print one line in Chinese to stderr and
 * abort.  Free with free(). */
JX_API void *jx_xmalloc(size_t n);
JX_API void *jx_xcalloc(size_t count, size_t size);
JX_API void *jx_xrealloc(void *p, size_t n);
/* The policy itself, for a library that reports running out of memory by returning NULL
 * or false (jansson's json_dumps, libyaml's initialisers): the same line, then abort.
 * n is the size that could not be had (0 when the library does not say). */
#if defined(__cplusplus)
[[noreturn]]
#else
__attribute__((noreturn)) /* as JX_API, GCC and Clang (and cppcheck reads it) */
#endif
JX_API void jx_out_of_memory(size_t n);

/* ---- positions and diagnostics ------------------------------------------------ */

typedef struct {
  const char *file; /* borrowed from the owning arena; may be NULL */
  uint32_t line;    /* 1-based; 0 = unknown */
  uint32_t col;     /* 1-based; 0 = unknown */
} jx_pos;

typedef enum { JX_NOTE = 0, JX_WARNING = 1, JX_ERROR = 2 } jx_severity;

typedef struct {
  char code[8];        /* "JX201" */
  jx_severity severity;
  jx_pos pos;
  const char *message; /* Chinese, with the numbers that disagree */
} jx_diag;

/* A growable list of diagnostics.  Owns its messages.  Zero-initialise, then
 * jx_diags_free() when done. */
typedef struct {
  jx_diag *items;
  size_t n, cap;
  size_t n_error, n_warning;
  struct jx_arena *arena; /* owns message strings */
} jx_diags;

JX_API void jx_diags_free(jx_diags *d);
/* Sort by file, line, column, code (stable).  Used before printing. */
JX_API void jx_diags_sort(jx_diags *d);
/* Print as a compiler does: "file:line:col: error: JX201 message"; control characters
 * of the file name and the message are written as visible \xHH (jx_fput_visible).  A run
 * of three or more in a row with the same file, severity, code and message (a locked
 * checkpoint refusing every row of a sheet) prints its first and then one line saying how
 * many more and on which lines: "file: error: JX862 同一问题另有 24999 处（第 3–25001 行）". */
JX_API void jx_diags_print(const jx_diags *d, FILE *out);
/* Write s (NULL: nothing) for a terminal: each control character (C0, DEL, C1) and each
 * byte that is not UTF-8 as a visible \xHH, everything else as it is.  Not for CSV or
 * JSON, which escape in their own way. */
JX_API void jx_fput_visible(FILE *out, const char *s);
JX_API const char *jx_severity_name(jx_severity s); /* "error" / "warning" / "note" */

/* ---- exact numbers ----------------------------------------------------------- */

typedef struct {
  int64_t fen;  /* exact amount in 分 */
  bool set;     /* false when the field was absent */
  jx_pos pos;
} jx_money;

typedef struct {
  int64_t v;    /* value × JX_NUM_SCALE, exact */
  bool set;
  jx_pos pos;
} jx_num;

/* Parse decimal text exactly.  Accepts full-width digits and signs, thousands
 * separators ("1,072.52"), a trailing unit (元 / 万元 for money, % for numbers).
 * Money without a unit is taken in default_unit_fen (JX_FEN_PER_WAN or
 * JX_FEN_PER_YUAN).  On failure returns false and writes a Chinese reason (static
 * string) to *why.  Never uses floating point. */
JX_API bool jx_parse_money(const char *text, int64_t default_unit_fen, int64_t *fen,
                           const char **why);
JX_API bool jx_parse_num(const char *text, int64_t *v, bool *percent, const char **why);
/* Format: money as 万元 with 2 decimals ("1,072.52" without separators: "1072.52");
 * num with up to 2 decimals, trailing zeros trimmed ("4.72", "5", "95.5").
 * Write into buf (at least 32 bytes); returns buf. */
JX_API char *jx_format_money_wan(int64_t fen, char *buf, size_t n);
JX_API char *jx_format_num(int64_t v, char *buf, size_t n);
/* Exact: v has `decimals` implied decimal places (6 for a jx_num, 6 for 分 in 万元, 2 for
 * 分 in 元); every digit is kept, trailing zeros of the fraction trimmed ("1072.52",
 * "0.000001", "-3", "95").  buf of at least 32 bytes; returns buf.  Parsing the text
 * back gives v again. */
JX_API char *jx_format_decimal(int64_t v, int decimals, char *buf, size_t n);
/* a / b × mul rounded half away from zero to hundredths.  a and b share any unit;
 * mul and the result are × JX_NUM_SCALE (the result is a multiple of 10000).
 * b must not be 0. */
JX_API int64_t jx_ratio_round2(int64_t a, int64_t b, int64_t mul);
/* v (× JX_NUM_SCALE) rounded half away from zero to `decimals` places (0–6; 6 or more:
 * v itself): how a figure printed with that many decimals is compared with an exact one. */
JX_API int64_t jx_round_decimals(int64_t v, int decimals);

/* ---- the model: one department-year -------------------------------------------- */

#define JX_LIST(T) struct { T *items; size_t n; }

typedef JX_LIST(const char *) jx_strlist;

typedef enum {
  JX_NATURE_NONE = 0,
  JX_NATURE_EQ,  /* = */
  JX_NATURE_GE,  /* ≥ */
  JX_NATURE_GT,  /* > */
  JX_NATURE_LE,  /* ≤ */
  JX_NATURE_LT,  /* < */
  JX_NATURE_QUAL, /* 定性 */
  JX_NATURE_QUANT /* 定量 as printed: direction not yet known; the loader takes it from the
                     target text (target_text.c), else the indicator stays unscored */
} jx_nature;
JX_API const char *jx_nature_symbol(jx_nature n); /* "=", "≥", …, "定性" */

/* A monitoring light (绩效运行监控: 红/黄/绿), see jx_light_name. */
typedef enum { JX_LIGHT_NONE = 0, JX_LIGHT_GREEN, JX_LIGHT_YELLOW, JX_LIGHT_RED } jx_light;

/* A target or an actual: a number, a qualitative text, or a reference expression
 * ("= finance.expenditure.basic + …") that the engine resolves to a number. */
typedef enum { JX_VAL_NONE = 0, JX_VAL_NUMBER, JX_VAL_TEXT, JX_VAL_REF } jx_value_kind;
typedef struct {
  jx_value_kind kind;
  int64_t num;      /* × JX_NUM_SCALE; for JX_VAL_REF valid once resolved */
  bool resolved;    /* JX_VAL_REF: the expression evaluated to num */
  bool percent;     /* written with a % sign */
  const char *text; /* as written (qualitative text, or the expression) */
  jx_pos pos;
  /* What the target-text reader (jx_target_read) found in a text such as "不超过28万元"
   * or "90%-95%"; all zero when the value was a plain number. */
  const char *written; /* the cell exactly as written (full-width kept); NULL: same as text */
  const char *unit_read; /* unit read from the text ("万元", "个", "工作日"); NULL: none */
  bool has_hi;         /* a range: num is the lower end, num_hi the upper */
  int64_t num_hi;
  bool blank;          /* written as a blank marker (未填, —, /): unknown, not an error */
} jx_value;

/* ---- 指标值 as written: the one target-text reader (src/parse/target_text.c) ---------- */

/* What jx_target_read found in a 指标值 such as "达90%以上", "不超过28万元", "3个工作日",
 * "90%-95%" or "≥９０％".  Self-contained (the unit is copied into the struct), so the
 * reader allocates nothing and the caller owns everything. */
#define JX_TARGET_UNIT_MAX 48
typedef struct {
  bool readable;    /* a number (or a range) was read and nothing unexplained is left over */
  bool blank;       /* a blank marker (see jx_target_blank): unknown, not readable */
  bool has_digit;   /* the text holds a digit: false for a qualitative text ("不适用", "及时") */
  jx_nature nature; /* the operator found (≥ 不低于 以上 …); JX_NATURE_NONE when none.  Also
                       set for an unreadable text with an operator word ("不低于上年") */
  int64_t num;      /* × JX_NUM_SCALE, exact; a range's lower end */
  bool has_hi;      /* a range "lo-hi" (- ~ 至 — 到): num_hi is its upper end */
  int64_t num_hi;
  bool percent;     /* written with % (full- or half-width) */
  bool money;       /* the unit is an amount of money (元, 万元, 亿元, 千元, optionally "/年") */
  bool time_limit;  /* the unit is a time limit (天, 日, 工作日, 小时, 个月, 月, 周, 年, 分钟 …) */
  char unit[JX_TARGET_UNIT_MAX]; /* the non-numeric tail after the number, trimmed and folded
                                    ("个", "人次", "万元/年", "个工作日", "万人次": a 万 before a
                                    count stays in the unit); "" for none or % */
  /* A deadline ("2023年12月30日前", "11月底前完成", "2023/11/30", "每年11月30日前"): readable
   * stays false (it is not a number), has_date is set, nature is ≤ and the date is below. */
  bool has_date;
  int16_t date_year; /* 0 when not written ("11月底前") */
  int8_t date_month; /* 1–12; 0 for a year alone ("2023年完成") */
  int8_t date_day;   /* 1–31; 0 for the end of the month ("11月底", "2023年6月") */
  const char *why;   /* not readable though it holds a digit: a static Chinese reason
                        ("一格中写了几行不同的内容"); NULL otherwise */
} jx_target_reading;

/* Read one 指标值 text.  written: the cell as written (NULL is read as empty); it is never
 * changed, and full-width forms are folded for reading only (jx_text_fold).  Returns
 * out->readable; when it is false, only blank, has_digit, nature, has_date (with the date)
 * and why mean anything.
 * Operators before the number: ≥ >= ≧ ⩾ 》 大于等于 不低于 不少于 不小于 至少 达到 达 → ≥;
 * ≤ <= ≦ ⩽ 小于等于 不超过 不超 不高于 不多于 不大于 最多 控制在 → ≤; > 大于 高于 超过 → >;
 * < 小于 低于 少于 → <; = 等于 → =; 约 → none.  After it: 以上 及以上 → ≥; 以下 及以下 以内
 * 之内 内 → ≤ ((含) is dropped).  A label may precede the operator ("总成本不超过42万元/年"),
 * never a bare label ("完成95%" is not read) except a rate's name before a percentage
 * ("合格率90%").  A bare 万 is read as 万元.  Numbers in words follow an operator ("≧两场").
 * The same value on several lines ("≥90%\t\n≥90%") is read once; different lines are not
 * read; a year broken by a line break ("202\n3年10月前") is joined.  The rules, with
 * examples: docs/format.md (指标值); every case: tests/unit/data/target_text.cases.
 * Pure: nothing for the caller to free; thread-safe. */
JX_API bool jx_target_read(const char *written, jx_target_reading *out);
/* True when written is a blank marker: empty, 未填, 未填写, -, --, —, ——, ―, /, ／, －.
 * Not 无 and not 0 (those are answers).  Spaces around are ignored. */
JX_API bool jx_target_blank(const char *written);
/* True when two units name the same thing, ignoring a leading 个 ("工作日" = "个工作日")
 * and full-width forms. */
JX_API bool jx_target_unit_same(const char *a, const char *b);

/* A named count, optionally with the parts that should add up to it. */
/* A name with a number (a count's part, a staff kind). */
typedef struct jx_named_num {
  const char *name;
  jx_num value;
} jx_named_num;

typedef struct {
  const char *key;
  jx_num total;
  JX_LIST(jx_named_num) parts;
  jx_pos pos;
} jx_count;
typedef JX_LIST(jx_count) jx_countlist;

typedef struct {
  jx_pos pos;
  const char *level1, *level2, *name;
  jx_nature nature;
  jx_value target;
  const char *unit;
  jx_num weight;
  jx_value actual;
  const char *assumption;   /* set when the actual is an assumption, with why */
  jx_num score;             /* typed (self-assessed) score, checked never copied */
  const char *deviation_note;
  jx_strlist evidence;
  const char *describes;    /* path of the figure this indicator describes */
  jx_pos describes_pos;
  bool core;                /* 核心指标 */
  const char *criteria;     /* 评分标准 as printed; used where it states a rule the framework knows */
} jx_indicator;
typedef JX_LIST(jx_indicator) jx_indicatorlist;

typedef struct { jx_money initial, adjusted, executed; jx_pos pos; } jx_money_row;

/* Budget execution as a published form prints it (执行率, its 得分, its 分值): checked
 * against the amounts (JX312), and scored from the rate when no amounts exist. */
typedef struct {
  jx_num rate;   /* percent × JX_NUM_SCALE */
  jx_num score;  /* points as printed */
  jx_num weight; /* 分值 as printed (department forms) */
  jx_pos pos;
} jx_printed_execution;

typedef struct {
  jx_pos pos;
  const char *name, *code, *owner; /* owner: 主管部门/实施单位 */
  jx_money initial, adjusted, executed;    /* 年度资金总额 row */
  jx_money_row fiscal, carried_in, other;  /* 财政拨款 / 上年结转 / 其他资金 */
  const char *execution_note;              /* reason when the rate is under the floor */
  jx_printed_execution printed;            /* `execution:` as printed on the form */
  jx_strlist goals;
  const char *goal_results;                /* 年度总体目标完成情况 */
  jx_indicatorlist indicators;
  jx_num stated_total;                     /* self-assessed total */
  const char *stated_grade;
  jx_pos stated_grade_pos;
} jx_project;
typedef JX_LIST(jx_project) jx_projectlist;

typedef struct {
  jx_num total;
  JX_LIST(jx_named_num) by_kind;
  jx_pos pos;
} jx_staff_group;

typedef struct jx_named_money {
  const char *name;
  jx_money amount;
} jx_named_money;

typedef struct jx_work_item {
  jx_pos pos;
  const char *title, *text;
  jx_countlist counts;
} jx_work_item;

typedef struct jx_task {
  jx_pos pos;
  const char *name, *content;
  jx_money budget;
} jx_task;

typedef struct {
  jx_pos pos;
  const char *text;
  const char *metric;  /* optional claim: a metric name, see jx_metric_names */
  jx_nature nature;
  jx_value value;
} jx_analysis_item;

typedef struct {
  jx_analysis_item goal_setting, goal_attainment, spending_control, timely_handling,
      execution_progress, budget_completion, balance_rate, violations;
} jx_analysis;

/* One checkpoint of 绩效运行监控 (cumulative to its date): written in the file's
 * `monitoring:` list, or attached from the unit's stored checkpoint reports
 * (jx_doc_attach_monitoring; then from_records is set and light holds the stored light). */
typedef struct {
  jx_pos pos;
  int month;
  int day;                     /* 0: the month's end */
  jx_money budget;             /* 全年预算数 at the checkpoint; unset: the year's adjusted budget */
  jx_money executed, forecast;
  const char *cause, *fix;
  jx_light light;              /* NONE unless from records */
  bool from_records;
} jx_checkpoint;

typedef struct {
  jx_pos pos;
  const char *name;
  jx_num score;
  const char *reason;
} jx_block;

typedef enum { JX_KIND_DEPARTMENT = 0, JX_KIND_PROJECT } jx_doc_kind;

typedef struct jx_doc {
  struct jx_arena *arena; /* owns everything below */
  const char *path;
  jx_doc_kind kind;
  const char *framework_id;
  jx_pos framework_pos;
  int year;
  int64_t money_unit_fen; /* default unit of money fields */
  const char *department, *unit_name, *department_code;

  /* profile */
  jx_strlist bodies, functions;
  const char *duties; /* 主要职能 summary line */
  jx_staff_group establishment, in_post;
  jx_countlist profile_counts;

  /* work */
  const char *work_summary;
  JX_LIST(jx_work_item) work;

  /* targets: 部门整体支出绩效目标 */
  jx_money budget_total, budget_fiscal, budget_other, budget_carried_in;
  jx_strlist goals;
  JX_LIST(jx_task) tasks;
  jx_indicatorlist indicators;

  /* finance */
  jx_money income_total, income_fiscal, income_other, income_carried_in;
  JX_LIST(jx_named_money) income_by_level;
  jx_money adjusted;
  jx_money expenditure_total, expenditure_basic, expenditure_project;
  jx_projectlist projects;
  jx_money carry_over, balance;
  const char *finance_note;
  jx_printed_execution printed; /* `execution:` as printed (department forms with 执行率 points) */

  JX_LIST(jx_checkpoint) monitoring;
  jx_analysis analysis_department, analysis_projects;
  const char *app_publication, *app_feedback, *app_rectification, *app_internal;

  /* assessment */
  jx_num stated_total;
  const char *stated_grade;
  jx_pos stated_grade_pos;
  JX_LIST(jx_block) blocks;
  const char *conclusion;
  jx_strlist problems, suggestions;
  const char *signer, *date;

  /* kind: project — the project self-evaluated (NULL for a department file) */
  jx_project *project;
  jx_strlist assumptions; /* free notes on what the file assumes */
} jx_doc;

/* Read a department-year file (YAML).  *out is a document whenever the YAML could be
 * read, even if errors were found in it (then JX_ERR_DATA); *out is NULL when the
 * file is unreadable (JX_ERR_IO) or not YAML (JX_ERR_DATA).
 * The caller owns *out (jx_doc_free).  path is copied. */
JX_API jx_status jx_doc_load(const char *path, jx_doc **out, jx_diags *diags);
/* Same, from memory (len bytes; need not be NUL-terminated).  name is used in
 * positions. */
JX_API jx_status jx_doc_parse(const char *name, const char *data, size_t len, jx_doc **out,
                              jx_diags *diags);
JX_API void jx_doc_free(jx_doc *doc);
/* Write doc as a department-year file (YAML, the layout of docs/format.md) that
 * jx_doc_load reads back into the same model: keys in the format's order, money in the
 * document's money_unit with every digit kept, numbers exact, references as
 * "= path", text quoted only where a plain scalar could be misread.  Comments and
 * positions are not kept, nor fields the loader refused (a money or number text that
 * did not parse); a target or actual that did not parse keeps its text.  Deterministic: the same model gives the same bytes.
 * doc is only read.  Returns JX_ERR_IO (reason in err) when out cannot be written. */
JX_API jx_status jx_doc_write_yaml(const jx_doc *doc, FILE *out, char *err, size_t errlen);

/* ---- frameworks (评价框架): rules as data ------------------------------------- */

typedef struct jx_framework jx_framework; /* opaque */

/* Load a framework file.  Caller owns *out (jx_framework_free). */
JX_API jx_status jx_framework_load(const char *path, jx_framework **out, jx_diags *diags);
/* Find "<dir>/<id>.yaml" for each dir in the colon-separated search path. */
JX_API jx_status jx_framework_find(const char *id, const char *search_path, jx_framework **out,
                                   jx_diags *diags);
JX_API void jx_framework_free(jx_framework *fw);
JX_API const char *jx_framework_id(const jx_framework *fw);
JX_API const char *jx_framework_name(const jx_framework *fw);

/* ---- checking and scoring -------------------------------------------------------- */

typedef struct {
  const jx_indicator *indicator;
  const jx_project *project;   /* NULL for the department's own table */
  bool scored;                 /* false when it could not be computed */
  int64_t score;               /* × JX_NUM_SCALE, rounded to hundredths */
  int64_t actual;              /* resolved actual, × JX_NUM_SCALE */
  bool met;                    /* target met */
  const char *attainment;      /* "达成" / "部分达成" / "未达成" */
  const char *derivation;      /* "34 / 36 × 5 = 4.72" */
} jx_indicator_score;

typedef struct {
  const char *name;
  int64_t max;     /* × JX_NUM_SCALE */
  int64_t score;   /* × JX_NUM_SCALE */
  bool computed;   /* true: by formula; false: assessed (typed, checked) */
  bool scored;     /* false: 未计分 (no typed score, or no data for its formula); score is 0 then */
  const char *derivation;
} jx_block_score;

/* A department metric (在职人员控制率 …) computed from the model. */
typedef struct jx_metric_value {
  const char *name;       /* "staffing_control_rate" */
  const char *label;      /* "在职人员控制率" */
  bool known;             /* false when the inputs are missing */
  int64_t value;          /* percent × JX_NUM_SCALE, rounded to hundredths */
  const char *derivation; /* "34 / 25 = 136.00%" */
} jx_metric_value;

typedef struct jx_result {
  struct jx_arena *arena;
  const jx_doc *doc;
  const jx_doc *file_doc;  /* the whole file: differs from doc for a department's project */
  const jx_framework *framework;
  JX_LIST(jx_indicator_score) indicators;
  int64_t indicator_total, indicator_weight; /* × JX_NUM_SCALE */
  bool has_execution;
  int64_t execution_rate;   /* percent × JX_NUM_SCALE, rounded to hundredths */
  int64_t execution_score;  /* × JX_NUM_SCALE */
  int64_t execution_weight;
  const char *execution_derivation;
  JX_LIST(jx_block_score) blocks;
  int64_t total;            /* × JX_NUM_SCALE; meaningful only when complete */
  const char *total_derivation;
  const char *grade;        /* 优/良/中/差; NULL when not complete */
  /* Completeness: false when anything that carries points could not be scored (an
   * indicator with no actual, weight, nature or target; execution without figures; a
   * block without its score).  Then no total and no grade exist: partial_total is the
   * sum of what was scored, unscored_points the points that could not be computed. */
  bool complete;
  size_t n_unscored;        /* parts that carry points and were not scored */
  int64_t partial_total;    /* × JX_NUM_SCALE */
  int64_t unscored_points;  /* × JX_NUM_SCALE */
  bool unscored_at_least;   /* some unscored part had no weight: unscored_points is a lower bound */
  const char *incomplete;   /* NULL when complete; else the sentence every output prints where the
                               total would be: "不完整：N 项未计分，共 X 分无法计算；已计分部分合计 Y（…）" */
  JX_LIST(jx_metric_value) metrics;
  /* department files: one result per project (finance.projects[]) that carries its
   * own indicators or money rows, scored by the framework's project_framework;
   * owned by this result */
  JX_LIST(struct jx_result *) projects;
  /* the locked declaration the targets were compared with (jx_result_set_declaration):
   * borrowed, NULL when none; the report shows its approved adjustments */
  const struct jx_decl *declaration;
} jx_result;

/* Check a document against itself and against fw, and score it.  All problems are
 * appended to diags; nothing stops at the first.  Caller owns *out
 * (jx_result_free); *out borrows doc and fw, which must outlive it. */
JX_API jx_status jx_evaluate(const jx_doc *doc, const jx_framework *fw, jx_result **out,
                             jx_diags *diags);
JX_API void jx_result_free(jx_result *r);

/* The whole job for one file: load it, find the framework it names (in
 * framework_path, a colon-separated list of directories; NULL means
 * $JIXIAO_FRAMEWORKS, then ./frameworks, then the file's ../frameworks, then the
 * installed directory), evaluate.  Outputs not reached are set to NULL; the caller
 * frees each non-NULL output.  Returns JX_ERR_IO when the file could not be read,
 * JX_ERR_DATA when errors were found, JX_OK otherwise.  A framework that cannot be
 * found or read is a data problem (JX_ERR_DATA, with a diagnostic at the file's
 * `framework:` line), the same for every function that looks one up. */
JX_API jx_status jx_evaluate_file(const char *path, const char *framework_path, jx_doc **doc, jx_framework **fw,
                                  jx_result **result, jx_diags *diags);

/* A session checks many files with one framework search path and keeps each
 * framework it loads (by id) until jx_session_free, so a batch parses each framework
 * once.  framework_path as for jx_evaluate_file (copied).  Not thread-safe: one
 * session per thread. */
typedef struct jx_session jx_session;
JX_API jx_session *jx_session_new(const char *framework_path);
JX_API void jx_session_free(jx_session *s);
/* As jx_evaluate_file, but *fw is borrowed from the session (do not free it); *doc
 * and *result are the caller's.  Outputs not reached are NULL. */
JX_API jx_status jx_session_evaluate(jx_session *s, const char *path, jx_doc **doc, const jx_framework **fw,
                                     jx_result **result, jx_diags *diags);
/* Brief sessions do not build the indicators' derivation text (jx_indicator_score
 * .derivation is NULL); the scores and every diagnostic are the same.  For `check`,
 * which prints only diagnostics.  Default: false. */
JX_API void jx_session_set_brief(jx_session *s, bool brief);
typedef struct jx_monrules jx_monrules; /* 绩效运行监控 rules, see below */
/* Attach the unit's checkpoint reports found at path (a file or a directory; see
 * jx_mon_points_load, lights by rules, NULL: the default) to each file evaluated, before
 * it is checked (jx_doc_attach_monitoring).  s borrows path and rules.  NULL: none. */
JX_API void jx_session_set_monitoring(jx_session *s, const char *path, const jx_monrules *rules);

/* Write the score breakdown as text (Chinese) or JSON (jansson, sorted keys,
 * money and scores as strings).  diags may be NULL. */
JX_API jx_status jx_result_write_text(const jx_result *r, FILE *out);
JX_API jx_status jx_result_write_json(const jx_result *r, const jx_diags *diags, FILE *out);

/* ---- reports (自评报告 and the official tables) ------------------------------------ */

typedef enum { JX_FORMAT_MD = 0, JX_FORMAT_HTML, JX_FORMAT_DOCX, JX_FORMAT_PDF, JX_FORMAT_XLSX } jx_format;

/* "md"/"markdown", "html", "docx", "pdf", "xlsx" → *out; false if unknown. */
JX_API bool jx_format_parse(const char *name, jx_format *out);
/* Write the self-evaluation report of doc, with the official tables and charts, from
 * res (jx_evaluate of doc) in format fmt to path; "-" writes md/html to stdout.  Every
 * figure comes from doc and res; the output is deterministic (dates from the file).
 * On failure returns JX_ERR_IO (or JX_ERR_INVALID) and a Chinese message in err. */
JX_API jx_status jx_report_write(const jx_doc *doc, const jx_result *res, jx_format fmt, const char *path, char *err,
                                 size_t errlen);

/* Release process-wide caches (fonts used by charts and PDF) before exit, so leak
 * checkers see none.  Call at most once, when no report is being written. */
JX_API void jx_global_cleanup(void);

/* ---- import and audit: published reports (txt/pdf) back into data ------------------ */

/* An imported report: the source text, the department-year YAML made from it, and a
 * map from each YAML line to the source line its value came from.  Opaque; the result
 * owns every byte it hands out (jx_import_free releases all of it). */
typedef struct jx_import_result jx_import_result;

typedef struct {
  size_t lines;          /* lines of source text (for a PDF: pdftotext's output) */
  size_t figures;        /* values written to the YAML (texts and numbers) */
  size_t inferred;       /* of which inferred (e.g. a weight cut off in the PDF) */
  size_t missing;        /* entries of `assumptions:` about what could not be recovered */
  jx_doc_kind kind;      /* 部门整体 or 项目支出 */
  const char *framework; /* framework id written to the YAML */
  const char *shape;     /* Chinese name of the report shape recognised */
  bool from_pdf;
  const char *format;    /* what was read, in Chinese: "文本", "PDF", "DOCX", "HTML", "XLSX" */
  size_t key_total;      /* key figures the recognised form holds (layouts.yaml) */
  size_t key_filled;     /* of which the import filled */
  const char *key_missing; /* their Chinese names, "、"-separated; NULL when none is missing */
  bool regional;         /* framework chosen by the document's region (else the national one) */
  bool auditable;        /* enough was read for an audit to conclude (layouts.yaml thresholds) */
} jx_import_summary;

/* One Chinese sentence on how much of the recognised form was read, e.g.
 * "覆盖：读取 DOCX，识别为…；表中 24 项关键数据取得 22 项（92%）；未取得：自评总分".
 * malloc'd; the caller frees it. */
JX_API char *jx_import_coverage_text(const jx_import_summary *s);

/* Read a published self-evaluation report, a UTF-8 text file or a PDF (text layer read
 * by `pdftotext`, run as a child process; $JIXIAO_PDFTOTEXT names another program), and
 * write what it holds as a department-year file (docs/format.md), each value followed by
 * a "# L123" comment naming its source line; what could not be recovered is listed under
 * `assumptions:`.  Import problems are JX5xx diagnostics positioned in the source
 * (docs/diagnostics.md).  *out is set whenever YAML could be made (JX_OK, or JX_ERR_DATA
 * when an error was also found); NULL for an unreadable file (JX_ERR_IO: missing,
 * pdftotext not installed) or one that is not a report (JX_ERR_DATA: empty, not UTF-8,
 * a PDF without text, …).  The caller owns *out (jx_import_free). */
JX_API jx_status jx_import_report(const char *path, jx_import_result **out, jx_diags *diags);
/* The same for a file that may hold several forms (several project self-evaluation tables,
 * or a report followed by them): one result per form, in the order of the file (a report
 * before the first form is one too), at most 200; a part that is no form is a JX513
 * warning and left out.  A file of one form gives one result, as jx_import_report.
 * *out is a malloc'd array of *n results, owned by the caller (jx_import_free_all);
 * NULL when nothing could be imported.  Status: the worst of the parts. */
JX_API jx_status jx_import_report_all(const char *path, jx_import_result ***out, size_t *n, jx_diags *diags);
JX_API void jx_import_free_all(jx_import_result **list, size_t n);
/* The diagnostics the import of r added (positions in its source), owned by r. */
JX_API const jx_diags *jx_import_diags(const jx_import_result *r);
/* The same from text in memory (len bytes, need not be NUL-terminated); name is used
 * in positions and the YAML header. */
JX_API jx_status jx_import_text(const char *name, const char *data, size_t len, jx_import_result **out,
                                jx_diags *diags);
/* The YAML text (NUL-terminated, owned by r); *len receives its length if len != NULL. */
JX_API const char *jx_import_yaml(const jx_import_result *r, size_t *len);
/* Write the YAML to path ("-": stdout).  On failure JX_ERR_IO and a Chinese message. */
JX_API jx_status jx_import_write_yaml(const jx_import_result *r, const char *path, char *err, size_t errlen);
/* The source line that YAML line yaml_line (1-based) came from; 0 when none. */
JX_API uint32_t jx_import_source_line(const jx_import_result *r, uint32_t yaml_line);
/* The source's name as given (owned by r). */
JX_API const char *jx_import_source_name(const jx_import_result *r);
JX_API void jx_import_get_summary(const jx_import_result *r, jx_import_summary *out);
JX_API void jx_import_free(jx_import_result *r);

/* What an audit found, by kind. */
typedef struct {
  size_t failed;    /* sums and claims that do not hold (errors and warnings) */
  size_t inferred;  /* values the import had to infer */
  size_t unchecked; /* claims that cannot be checked for lack of data (notes) */
  size_t missing;   /* parts of the report that could not be recovered */
  bool refused;     /* too little was read to audit (below layouts.yaml's thresholds): no
                       conclusion is drawn, and the command line exits 1 */
} jx_audit_counts;

/* Audit one file: a report (txt/pdf, imported as jx_import_report does) or a
 * department-year YAML (an imported one maps back to its source through its "# L123"
 * comments).  Runs the checks of `jixiao check` with the framework the file names
 * (framework_path as for jx_evaluate_file) and writes, in plain Chinese, every sum and
 * claim that does not hold, with the numbers and the source lines, then what was
 * inferred, what cannot be checked and what could not be recovered, kept apart:
 * 不一致 (the document contradicts itself), 无法核对 (the data for a check is missing),
 * 未能读取 (the import did not recover it).  An imported report of which too little was
 * read (jx_import_summary.auditable false) gets no conclusion: counts->refused, and the
 * last line says "只读出 N 项，无法审核".  Output is deterministic.  Returns JX_ERR_IO / JX_ERR_DATA when the file could not be read or
 * imported at all (the reason is in diags, nothing is written), JX_OK otherwise; counts
 * may be NULL. */
JX_API jx_status jx_audit(const char *path, const char *framework_path, FILE *out, jx_audit_counts *counts,
                          jx_diags *diags);

/* ---- collection: many departments and years in SQLite or PostgreSQL ------------------ */
/* docs/collection.md.  A store is a database given as a path (SQLite; created if missing)
 * or a postgresql:// URL.  Opening it brings the schema up to date (versioned migrations,
 * one transaction); a database written by a newer jixiao is refused.  Every change runs
 * in one transaction: a department-year is written completely or not at all.
 * Errors: functions return JX_ERR_IO (database unreachable or failing), JX_ERR_INVALID
 * (bad arguments), JX_ERR_DATA (refused: unknown department, stale version, illegal
 * transition, published data, a file that cannot be evaluated …) and leave a Chinese
 * message in jx_store_errmsg().  Problems inside an imported file are diagnostics. */
typedef struct jx_store jx_store;

/* Open (and migrate) target.  On failure *out is NULL and err holds the reason. */
JX_API jx_status jx_store_open(const char *target, jx_store **out, char *err, size_t errlen);
JX_API void jx_store_close(jx_store *s); /* NULL allowed */
/* The last error's Chinese message ("" when none); owned by s. */
JX_API const char *jx_store_errmsg(const jx_store *s);
/* "sqlite" or "postgresql". */
JX_API const char *jx_store_backend(const jx_store *s);

/* Load the departments hierarchy from a CSV file with the header `code,name,parent,level`
 * (level: bureau | authority | unit; parent empty for the bureau).  Rows are inserted or
 * updated in one transaction; problems of the file are JX6xx diagnostics with their line,
 * and nothing is written when there is an error (JX_ERR_DATA).  *loaded: rows written. */
JX_API jx_status jx_store_load_departments(jx_store *s, const char *csv_path, const char *user, size_t *loaded,
                                           jx_diags *diags);

/* A department-year: department code, year, and kind ("department", or "project:NAME"
 * for a project self-evaluation; NULL means "department"). */
typedef struct {
  const char *department;
  int year;
  const char *kind;
} jx_dy_key;

typedef enum { JX_STORED_NEW = 0, JX_STORED_VERSION, JX_STORED_UNCHANGED } jx_stored;

typedef struct {
  const char *user;           /* who makes the change (required; history keeps it) */
  const char *framework_path; /* as for jx_evaluate_file; NULL: the default search */
  const char *department;     /* department code when the file has none; NULL: the file's
                                 department.code, else its department name looked up */
  int64_t expect_version;     /* > 0: refuse unless the current version is this one */
  const char *correction;     /* reason: required to change a published department-year */
  const jx_dy_key *expect_key; /* non-NULL: refuse (nothing stored) unless the file is this
                                  department-year: its year and kind, and its department.code
                                  when it writes one (the web's save of /api/years/{id}) */
} jx_store_import_opts;

typedef struct {
  jx_stored outcome;
  char department[64];
  int year;
  char kind[256];
  int64_t version;     /* the current version after the import */
  size_t changes;      /* history rows written (fields that changed) */
  size_t errors, warnings;
  char sha256[65];
} jx_store_import_info;

/* Import one department-year file: evaluate it (as `jixiao check`), then in one
 * transaction store its exact bytes as a new version with its normalized rows
 * (indicators, money, scores) and one history row per changed field.  The same bytes as
 * the current version change nothing (outcome JX_STORED_UNCHANGED).  A file with errors
 * is stored as a draft flagged with its error count (it cannot be submitted) and the call
 * returns JX_ERR_DATA; a file that cannot be evaluated at all (not YAML, unknown or
 * unreadable framework) is refused (JX_ERR_DATA).  The file's diagnostics are appended to diags.  info may be
 * NULL. */
JX_API jx_status jx_store_import(jx_store *s, const char *path, const jx_store_import_opts *o, jx_store_import_info *info,
                                 jx_diags *diags);
/* The same from bytes in memory (name is used in positions and kept as the file name). */
JX_API jx_status jx_store_import_bytes(jx_store *s, const char *name, const char *data, size_t len,
                                       const jx_store_import_opts *o, jx_store_import_info *info, jx_diags *diags);

/* Batches: jx_store_batch_begin, then imports, then jx_store_batch_commit.  Each
 * department-year of the batch is still all or nothing (a savepoint each: one refused
 * or failing file does not undo the others), but the batch shares one transaction:
 * SQLite writes each table's pages once instead of once per file, PostgreSQL commits
 * once.  Nothing of the batch is durable, or visible to other connections, before
 * jx_store_batch_commit returns JX_OK; if it fails, or the process dies first, none of
 * the batch is stored.  On PostgreSQL a batch holds the advisory lock of each of its
 * department-years until it commits, so two batches can deadlock: the server then
 * aborts one of them, jx_store_import (or jx_store_batch_commit) fails and
 * jx_store_batch_lost() says so — begin a new batch and import the same files again. */
JX_API jx_status jx_store_batch_begin(jx_store *s);
JX_API jx_status jx_store_batch_commit(jx_store *s);
/* After a failed jx_store_import or jx_store_batch_commit: true when the whole batch was
 * rolled back because it lost a race with another writer (PostgreSQL: deadlock 40P01 or
 * serialization failure 40001), or because the writes of a file already imported in it
 * failed on the server (they are confirmed with the next file's first round trip).
 * Nothing of that batch is stored; the files imported since jx_store_batch_begin should
 * be imported again in a new batch (a bounded number of times).  False otherwise. */
JX_API bool jx_store_batch_lost(const jx_store *s);

/* The exact bytes of a version (0: the current one) written to out. */
JX_API jx_status jx_store_export(jx_store *s, const jx_dy_key *k, int64_t version, FILE *out);

/* A review comment on one indicator (indicator NULL: on the whole department-year). */
typedef struct {
  const char *indicator;
  const char *text;
} jx_review_comment;

typedef struct {
  const char *user;                  /* required */
  int64_t expect_version;            /* > 0: refuse unless the current version is this one */
  const jx_review_comment *comments; /* `return`, `send_back` and `unapprove` require at least one */
  size_t n_comments;
  const char *role;            /* the web account's role (officer, head, reviewer, admin); NULL: the
                                  database operator, who may act at every level */
  const char *role_department; /* the account's department (a head's unit or 主管部门) */
  const char *level;           /* unapprove: the level whose approval is withdrawn (unit, authority,
                                  bureau); NULL: the latest one in force */
} jx_transition_opts;

/* Apply a workflow action to a department-year: "submit", "approve", "return",
 * "unapprove", "publish", "send_back" (the table of transitions and the approval chain by
 * level are in docs/collection.md).  A submitted year awaits the approval of one level of
 * its chain — 单位 (unit), 主管部门 (authority, when the departments table gives the unit
 * one), 财政局 (bureau) — and `approve` moves it to the next level, after the last to
 * approved.  An action not allowed from the current status, or not by this actor at this
 * level, is refused (JX_ERR_DATA, the message names the status and who may act). */
JX_API jx_status jx_store_transition(jx_store *s, const jx_dy_key *k, const char *action, const jx_transition_opts *o);
/* The Chinese name of a level of the approval chain ("unit" → "单位审核"), of a
 * department-year's state ("submitted" awaiting "authority" → "待主管部门审核"; level may be
 * NULL), and of a workflow action ("unapprove" → "撤销审核"); unknown names as given. */
JX_API const char *jx_store_level_label(const char *level);
JX_API const char *jx_store_state_label(const char *status, const char *level);
JX_API const char *jx_store_action_label(const char *action);
/* Where a department-year stands in the workflow: its status and, while submitted, the
 * level whose approval it awaits ("" otherwise). */
typedef struct {
  char status[16];
  char level[16];
  int64_t version;
} jx_dy_row_state;
JX_API jx_status jx_store_dy_state(jx_store *s, const jx_dy_key *k, jx_dy_row_state *out);
/* Rectification items (整改) of a published department-year: open one (*id receives its
 * number), close one with a note. */
JX_API jx_status jx_store_rectify_open(jx_store *s, const jx_dy_key *k, const char *item, const char *user, int64_t *id);
JX_API jx_status jx_store_rectify_close(jx_store *s, int64_t id, const char *note, const char *user);
/* The submission deadline of a year ("YYYY-MM-DD", inclusive). */
JX_API jx_status jx_store_set_deadline(jx_store *s, int year, const char *date, const char *user);

/* Query results: a table of text cells (owned by the table). */
typedef struct jx_table jx_table;
typedef enum { JX_TABLE_TEXT = 0, JX_TABLE_CSV, JX_TABLE_JSON } jx_table_format;

typedef struct {
  const char *what;       /* list status show history rank stats flags yoy missing totals
                             departments rectifications (docs/collection.md) */
  int year;               /* 0: every year where that makes sense */
  const char *level;      /* rank/stats/totals: "unit" (default), "authority", "bureau" */
  const char *by;         /* rank: "total" (default), "execution", "indicators" or a block name */
  const char *under;      /* only departments under this code (inclusive) */
  const jx_dy_key *key;   /* show/history: the department-year */
  size_t top;             /* rank: only the places 1..top (ties at the last place kept); 0: all */
} jx_query;

/* Run a query.  Caller owns *out (jx_table_free). */
JX_API jx_status jx_store_query(jx_store *s, const jx_query *q, jx_table **out);
/* Text: aligned columns (CJK counted as two columns), then a footer line when the query
 * has one.  CSV: RFC 4180, header row, formula-like text cells prefixed with '
 * (docs/opendata.md).  JSON: an array of objects; numbers as strings. */
JX_API jx_status jx_table_write(const jx_table *t, jx_table_format f, FILE *out);
JX_API size_t jx_table_rows(const jx_table *t);
JX_API size_t jx_table_cols(const jx_table *t);
JX_API const char *jx_table_cell(const jx_table *t, size_t row, size_t col); /* NULL: empty */
JX_API const char *jx_table_header(const jx_table *t, size_t col);
JX_API void jx_table_free(jx_table *t);

/* Open data: every published department-year (its published version) written to dir as
 * indicators.csv, money.csv, scores.csv and opendata.json (docs/opendata.md).  *n
 * receives the number of department-years written. */
JX_API jx_status jx_store_opendata(jx_store *s, const char *dir, size_t *n);
/* ---- web: `jixiao serve` (src/web) ------------------------------------------------- */

typedef struct {
  const char *db;              /* SQLite path or postgresql:// URL */
  const char *listen;          /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
  const char *framework_path;  /* as for jx_evaluate_file; NULL: the default search */
  unsigned threads;            /* worker threads (0: number of CPUs) */
  unsigned max_connections;    /* 0: 1024 */
  unsigned timeout_s;          /* idle connection timeout (0: 30 s) */
  bool secure_cookies;         /* add Secure to cookies (behind TLS) */
  FILE *log;                   /* where to say "listening on …" (NULL: stderr) */
  const char *access_log;      /* one line per request: NULL or "" off, "-" stderr, else a file
                                  appended to (reopened on SIGHUP); docs/web.md */
  const char *const *trusted_proxies; /* addresses (IPv4/IPv6) of reverse proxies whose
                                         X-Forwarded-For names the client (at most 16) */
  size_t n_trusted_proxies;
  unsigned max_per_address;    /* connections from one client address (0: 32; UINT_MAX: no limit) */
  unsigned header_timeout_s;   /* seconds a request has to complete its headers, from the connection's
                                  start or the previous answer; not reset by activity (0: 10 s) */
} jx_web_config;

/* Serve the web UI and the JSON API (docs/api.md) until SIGTERM or SIGINT, then stop
 * gracefully (requests in flight finish); SIGHUP reopens the access log file.  Keeps no state of its own: sessions, rate
 * limits, evidence and cached pages live in the database.  Returns JX_ERR_IO with a
 * Chinese message when the address cannot be bound or the database cannot be opened. */
JX_API jx_status jx_web_serve(const jx_web_config *cfg, char *err, size_t errlen);

/* Create an account (role: "officer" 填报人, "head" 审核人, "reviewer" 财政局复核,
 * "admin"), password hashed with argon2id (libsodium).  department names an existing
 * department (required for officer and head; NULL for bureau staff).  The password
 * must be at least 10 bytes.  JX_ERR_INVALID with a Chinese message when the role,
 * department or password is not acceptable or the name is taken. */
JX_API jx_status jx_user_add(const char *db, const char *username, const char *password, const char *role,
                             const char *department, char *err, size_t errlen);

/* Set the e-mail address of the account username (email "" or NULL clears it), used by
 * `jixiao db remind`.  The address must be one mailbox: at most 254 bytes, one '@',
 * no space, control byte (CR, LF …) or < > , ; " ( ) \\ [ ] :, so that it can never
 * add a header or an SMTP command.  JX_ERR_INVALID with a Chinese message when it is
 * not acceptable or there is no such account; JX_ERR_IO when db cannot be opened. */
JX_API jx_status jx_user_email(const char *db, const char *username, const char *email, char *err, size_t errlen);
/* The role ("officer", "head", "reviewer", "admin") and department code ("" for bureau
 * staff) of the account username.  JX_ERR_INVALID when there is none. */
JX_API jx_status jx_user_info(const char *db, const char *username, char *role, size_t rolelen, char *department,
                              size_t deplen, char *err, size_t errlen);

/* ---- limits on untrusted input ---------------------------------------------------- */
#define JX_MAX_FILE_BYTES ((size_t)16 << 20) /* a department-year file */
#define JX_MAX_DEPTH 64                          /* YAML nesting */
#define JX_MAX_NODES 2000000u                    /* YAML nodes in one file */
#define JX_MAX_SCALAR_BYTES ((size_t)256 << 10)       /* one string */
#define JX_MAX_REF_DEPTH 32                      /* reference chain */
#define JX_MAX_MONEY_FEN 100000000000000000LL    /* 10^17 分 = 1,000 万亿元 */
#define JX_MAX_NUM 100000000000000000LL          /* 10^17 millionths = 10^11 */

/* ---- Excel: official templates out, filled sheets in (docs/excel.md) ------------------- */

typedef enum {
  JX_TEMPLATE_TARGET = 0, /* 部门整体支出绩效目标表: budget, goals, tasks, indicators */
  JX_TEMPLATE_SELFEVAL,   /* 部门整体绩效自评表: indicators with actuals, execution, conclusion */
  JX_TEMPLATE_PROJECT,    /* 项目支出绩效自评表: one sheet per project */
  JX_TEMPLATE_MONITORING  /* 绩效运行监控表: checkpoints */
} jx_template_kind;

/* "target", "selfeval", "project", "monitoring" → *out; false if unknown. */
JX_API bool jx_template_kind_parse(const char *name, jx_template_kind *out);
JX_API const char *jx_template_kind_name(jx_template_kind k);

/* Write the official template of kind as an XLSX workbook to path: the form's sheets
 * with Chinese headers and merged header cells, data-validation lists (指标性质,
 * grades, 等级), formulas (执行率, scores, sums) in locked cells on protected sheets
 * (no password; data cells unlocked), a 基本信息 sheet, an instructions sheet (说明)
 * and a hidden version marker (defined name JIXIAO_TEMPLATE = "jixiao-template/1 KIND").
 * doc NULL: a blank template; otherwise pre-filled from doc, with res (may be NULL)
 * giving the formulas' cached values.  Data cells are always written as text or
 * numbers, never as formulas, whatever they start with.  The bytes depend only on the
 * inputs.  On failure JX_ERR_IO (or JX_ERR_INVALID) and a Chinese message in err. */
JX_API jx_status jx_template_write(const jx_doc *doc, const jx_result *res, jx_template_kind kind, const char *path,
                                   char *err, size_t errlen);

/* What jx_sheet_import may be told; zero-initialise.  Values given here replace what
 * the sheet says (or fill what it lacks: a table from another tool has no 基本信息). */
typedef struct {
  const char *framework;  /* 评价框架 id */
  const char *department; /* 部门名称 */
  int year;               /* 0: from the sheet */
  int kind;               /* -1 or 0..3 as jx_template_kind: which form; default: the
                             template's marker, else recognised by its headers */
  bool kind_set;          /* kind is meaningful */
} jx_sheet_options;

/* Read a filled template, or an official table produced by another tool, from an
 * .xlsx or .csv file (by its extension; anything not .csv is read as XLSX) into a
 * department-year.  Every problem is a JX7xx diagnostic positioned at its cell, the
 * position's file being "FILE.xlsx:Sheet!C12" (line 0), in the order of the sheets and
 * of the cells; all are collected.  On success (no error) *out is the document (the
 * caller owns it, jx_doc_free) whose fields carry the same cell positions; on any
 * error *out is NULL (JX_ERR_DATA), or JX_ERR_IO when the file cannot be read: a broken
 * file is never half-imported.  opt may be NULL. */
JX_API jx_status jx_sheet_import(const char *path, const jx_sheet_options *opt, jx_doc **out, jx_template_kind *kind,
                                 jx_diags *diags);
/* The same from bytes in memory; name gives the positions and the format (".csv").
 * *kind (kind may be NULL) receives the form that was read. */
JX_API jx_status jx_sheet_import_mem(const char *name, const void *data, size_t len, const jx_sheet_options *opt,
                                     jx_doc **out, jx_template_kind *kind, jx_diags *diags);

/* Put what form `kind` holds (docs/excel.md, "What each template holds"), read into
 * `form` by jx_sheet_import, into the department-year `base`, keeping every field of base
 * the form does not hold: an indicator (and a project) of the form takes, from the base's
 * one of the same name, the fields the form has no column for (an actual behind a target
 * form, `describes` …).  The lists (indicators, tasks, projects, blocks, checkpoints)
 * become the form's, in its order.  base's department name and year must be the form's
 * (else JX712, nothing changes, JX_ERR_DATA).  base then points into form's memory:
 * free form after base. */
JX_API jx_status jx_sheet_merge(jx_doc *base, const jx_doc *form, jx_template_kind kind, jx_diags *diags);

/* Check a document read by jx_sheet_import (or merged by jx_sheet_merge) as `jixiao check`
 * does — references resolved, the framework it names found (framework_path as for
 * jx_evaluate_file), checked and scored — so that every diagnostic about a value that came
 * from the sheet is at its cell, "FILE.xlsx:Sheet!C12".  Returns JX_ERR_DATA when errors
 * were found (a framework that cannot be found or read among them, at the form's
 * framework cell), JX_OK otherwise. */
JX_API jx_status jx_sheet_check(jx_doc *doc, const char *framework_path, jx_diags *diags);

/* Put a form read by jx_sheet_import into a collection (jx_store): merged by
 * jx_sheet_merge onto the current version of its department-year when the store has
 * one, else stored as it is, then imported as jx_store_import_bytes does (a new version,
 * its field history, its diagnostics), under the file name `name`.  The department-year
 * is o->department (a 单位编码), else the form's 单位编码 (else JX713, JX_ERR_DATA), the
 * form's year, and "department" (a project file: "project:NAME").  form is only read.
 * Store errors: as jx_store_import (message in jx_store_errmsg). */
JX_API jx_status jx_store_import_sheet(jx_store *s, const char *name, const jx_doc *form, jx_template_kind kind,
                                       const jx_store_import_opts *o, jx_store_import_info *info, jx_diags *diags);
/* ---- generator: a synthetic province (jixiao gen, docs/gen.md) ---------------------- */

typedef struct {
  size_t departments;        /* authorities and units, each one file per year (≥ 1) */
  uint64_t seed;             /* same options → byte-identical files on every platform */
  int year_from, year_to;    /* inclusive, 1990–2100 */
  unsigned fault_permille;   /* share of department files with one deliberate mistake */
  unsigned project_permille; /* share of department-years that also get a kind: project file */
  int monitoring_year;       /* 0: none; else a year of year_from–year_to whose checkpoint reports
                                (06-30, 09-30, 11-30) are written into monitoring/ */
} jx_gen_options;

#define JX_GEN_MAX_FAULTS 16
typedef struct {
  size_t departments, counties;           /* rows of departments.csv: units/authorities, bureaus */
  size_t files, department_files, project_files;
  size_t bytes, indicators;
  size_t faulty;                          /* files with a deliberate mistake (faults.tsv) */
  size_t by_fault[JX_GEN_MAX_FAULTS];     /* per kind, see jx_gen_fault_code */
  size_t monitoring_files;                /* checkpoint reports (kind: monitoring) */
} jx_gen_summary;

/* Defaults: 100 departments, seed 2023, year 2023, the table shares of faults and
 * project files (docs/gen.md). */
JX_API void jx_gen_options_init(jx_gen_options *o);
/* Write a province into dir (created if missing): departments.csv (code,name,parent,level;
 * level bureau|authority|unit), dept-NNNNN-YYYY.yaml (kind: department) for every
 * department and year, proj-NNNNN-YYYY.yaml (kind: project) for some, and faults.tsv
 * (file, expected diagnostic code, what is wrong) listing the files made wrong on purpose.
 * With o->monitoring_year, also monitoring/dept-NNNNN-YYYY-MM-DD.yaml (kind: monitoring) for
 * every department at each checkpoint 06-30, 09-30, 11-30 of that year — its budget is the
 * department-year's, execution lags 序时进度 as the lag table says, cumulative and never
 * above the budget, 偏差原因/纠偏措施 wherever the default rules require them — and
 * monitoring/checkpoint-MM-DD.csv (单位编码,单位名称,资金来源,全年预算数,累计执行数,
 * 全年预计执行数,偏差原因,纠偏措施; a row per department and source, 万元 with 2 decimals).
 * Every other file checks without an error.  Deterministic in the options alone.  progress,
 * when not NULL, gets a progress line every 1000 departments.  sum may be NULL.  Returns
 * JX_ERR_INVALID for unusable options, JX_ERR_IO when a file cannot be written (err says
 * which, in Chinese). */
JX_API jx_status jx_generate(const jx_gen_options *o, const char *dir, jx_gen_summary *sum, FILE *progress, char *err,
                             size_t errlen);
/* The kinds of deliberate mistakes: how many, each one's diagnostic code ("JX206") and
 * Chinese description; NULL past the end. */
JX_API size_t jx_gen_fault_kinds(void);
JX_API const char *jx_gen_fault_code(size_t kind);
JX_API const char *jx_gen_fault_what(size_t kind);
/* The generator's distribution tables as Markdown (docs/gen.md shows this output). */
JX_API void jx_gen_write_distributions(FILE *out);

/* ---- backup and restore (jixiao db backup / restore, docs/install.md) ---- */
/* Writes a consistent copy of the database target (as jx_store_open takes it) to file,
 * as of one moment while other processes go on writing: SQLite through its online backup
 * API (file is an SQLite database), PostgreSQL through `pg_dump --format=custom` run as a
 * child process (file is its archive; pg_dump must be on PATH).  Written to file.tmp and
 * renamed, so file is whole or absent.  An existing file is refused unless overwrite.
 * JX_ERR_INVALID (file exists, bad target) or JX_ERR_IO, with a Chinese message in err. */
JX_API jx_status jx_store_backup(const char *target, const char *file, bool overwrite, char *err, size_t errlen);
/* Restores the backup file (of jx_store_backup, same backend) into target, then migrates
 * it to this binary's schema.  A target that already holds a database (an SQLite file
 * that exists and is not empty; a PostgreSQL database with the table schema_version) is
 * refused unless force.  The backup is checked first (a jixiao database, not newer than
 * this binary).  SQLite: the backup API copies it in; PostgreSQL: `pg_restore --clean
 * --if-exists --no-owner --single-transaction`.  Stop `jixiao serve` first.
 * JX_ERR_INVALID (refused), JX_ERR_IO, with a Chinese message in err. */
JX_API jx_status jx_store_restore(const char *target, const char *file, bool force, char *err, size_t errlen);

/* ---- 绩效目标申报 (declarations): the start of the cycle (docs/declaration.md) ------- */
/* A declaration is the year's 绩效目标表 as declared at budget time, for one project or
 * for a department's whole budget.  It is a file of its own (YAML, `kind: declaration`,
 * docs/declaration.md) and a row of the collection with history.  Diagnostics JX8xx:
 * JX80x the file, JX81x a declaration export read in (sheets or CSV), JX82x review
 * findings, JX83x a year-end file against its locked declaration.
 * Ownership: a jx_decl owns every byte it points to through its arena (jx_decl_free). */

typedef enum { JX_DECL_PROJECT = 0, JX_DECL_DEPARTMENT } jx_decl_scope;

/* One 三级指标 row, kept in the order declared, 不适用 and blank rows included. */
typedef struct {
  jx_pos pos;
  const char *level1, *level2, *name; /* as written, outer whitespace trimmed; never NULL ("" when blank) */
  const char *value;                  /* 指标值 as written, outer whitespace trimmed; "" when blank */
  jx_target_reading read;             /* jx_target_read(value): nature, number, unit */
  bool not_applicable;                /* written 不适用 (in name or value) */
  const char *explanation;            /* 指标解释; "" when blank */
  const char *standard, *source;      /* 评分标准, 数据来源; NULL when not given */
  jx_num weight;                      /* 分值/权重 where the region sets one */
} jx_decl_indicator;

/* One change of an approved adjustment (动态调整): an indicator's 指标值 from → to (to
 * NULL: removed; from NULL: added), or the amount (indicator NULL, field "this_year"). */
typedef struct {
  jx_pos pos;
  const char *indicator; /* 三级指标 name (unique within its 二级指标; "二级/三级" when not) */
  const char *from, *to;
} jx_decl_change;

typedef struct {
  jx_pos pos;
  const char *date;     /* YYYY-MM-DD */
  const char *reason, *approver;
  JX_LIST(jx_decl_change) changes;
} jx_decl_adjustment;

typedef struct jx_decl {
  struct jx_arena *arena; /* owns everything below */
  const char *path;
  jx_decl_scope scope;
  int year;               /* the budget year */
  const char *code;       /* 项目编码 (project), 单位编码 (department); may be NULL for a department */
  const char *name;       /* 项目名称, or the department's name */
  const char *unit;       /* 申报单位 */
  const char *department; /* 主管部门 (一级预算单位) */
  int64_t money_unit_fen; /* unit of the amounts as written: JX_FEN_PER_YUAN or JX_FEN_PER_WAN */
  jx_money total;         /* 项目总金额 (may span years) */
  jx_money this_year;     /* 本年金额 */
  JX_LIST(jx_named_money) by_source; /* 本年金额 by source (财政拨款, 其他资金 …) */
  const char *policy_basis, *calc_basis, *annual_goal; /* 政策依据, 测算依据, 年度目标; "" when blank */
  JX_LIST(jx_decl_indicator) indicators;
  JX_LIST(jx_decl_adjustment) adjustments; /* approved 动态调整, in date order */
} jx_decl;

/* Read a declaration file (YAML, `kind: declaration`).  As jx_doc_load: *out is a
 * declaration whenever the YAML could be read, even with errors (JX_ERR_DATA); NULL when
 * unreadable (JX_ERR_IO) or not YAML.  Each 指标值 is read with jx_target_read; one that
 * is neither readable, qualitative nor 不适用 is a diagnostic.  Caller owns *out. */
JX_API jx_status jx_decl_load(const char *path, jx_decl **out, jx_diags *diags);
JX_API jx_status jx_decl_parse(const char *name, const char *data, size_t len, jx_decl **out, jx_diags *diags);
JX_API void jx_decl_free(jx_decl *d); /* NULL allowed */
/* True when data (len bytes) is a declaration file: its top-level `kind` is `declaration`. */
JX_API bool jx_decl_sniff(const char *data, size_t len);
/* Write d as a declaration file that jx_decl_load reads back into the same model, with
 * each indicator's reading written beside its 指标值 (`read: {nature, number, unit}`) for
 * people and other tools; the loader recomputes it.  Deterministic.  JX_ERR_IO on a
 * write error (reason in err). */
JX_API jx_status jx_decl_write_yaml(const jx_decl *d, FILE *out, char *err, size_t errlen);
/* `jixiao check` of one file, when it is a declaration: true when the file at path is one
 * (jx_decl_sniff), after loading it (its diagnostics added to diags, the load's status in
 * *st); false, with nothing added, when it is not one or cannot be read (the year-end
 * path then reports it).  Nothing for the caller to free. */
JX_API bool jx_decl_check_file(const char *path, jx_status *st, jx_diags *diags);

/* ---- declarations: an export of declarations read in (src/parse/decl_sheet.c) ---- */
/* A budget system's export of project declarations (.xlsx or .csv) read into one jx_decl
 * per project (docs/declaration.md, "Import from a budget system's export").  Columns are
 * found by their headers, wherever the header row sits in the first 30 rows (synonyms are
 * a table in decl_sheet.c: 申请单位 = 申报单位 = 实施单位 …; 项目总金额（万元） gives the
 * amounts' unit, else 元).  Layouts: two sheets, projects (项目编码, 项目名称 …) and
 * indicators (项目编码, 一级指标 … 指标值) joined by 项目编码; or one joined sheet (a row per
 * indicator, the project's columns repeated), which is also the CSV layout.  A workbook
 * with both is read from its two sheets.  Every indicator row is kept in order, 不适用 and
 * blank ones included; texts are trimmed, inner line breaks kept.  Diagnostics JX81x at
 * "FILE.xlsx:Sheet!C12"; an unreadable 指标值 is a warning, a missing year a note. */
#define JX_DECL_EXPORT_MAX_ROWS 100000  /* data rows of one sheet */
#define JX_DECL_EXPORT_MAX_SHORT 500    /* characters of a short cell: 指标值, names, codes, amounts */
#define JX_DECL_EXPORT_MAX_TEXT 10000   /* characters of a long text: 政策依据, 测算依据, 年度目标, 指标解释 … */
#define JX_DECL_EXPORT_HEAD_ROWS 30     /* the header row is looked for in the first rows */

typedef struct {
  int year; /* the budget year for every project; 0: from the export (its 年度 column, the
               "2023年度申报预算" of 测算依据, else the 项目编码's year digits, with a note) */
} jx_decl_export_options;

/* What the indicator rows' 指标值 were read as (jx_target_read; each row counts once). */
typedef struct {
  size_t rows;           /* indicator rows */
  size_t readable;       /* a number (or range) with its operator and unit */
  size_t deadlines;      /* a date ("2023年12月30日前", "11月底前完成") */
  size_t qualitative;    /* words without a number ("得到提升", "及时") */
  size_t not_applicable; /* 不适用 */
  size_t blank;          /* no 指标值 */
  size_t unreadable;     /* a number the reader could not place (a warning each) */
} jx_decl_export_counts;

typedef struct {
  bool recognised;     /* the file has the headers of a declaration export */
  const char *layout;  /* static: "两张表" / "合并表" / "CSV"; NULL when not recognised */
  jx_decl **items;     /* the projects, in the order of the projects sheet (or of first
                          appearance in a joined sheet); each owns its memory */
  size_t n;
  jx_decl_export_counts counts;
} jx_decl_export;

/* Read the export at path (.csv by its name, else XLSX).  *out is zeroed first.  A file
 * that is not a declaration export, or that no reader can open, gives JX_OK with
 * out->recognised false and nothing added to diags (the caller may try it as another kind
 * of table).  Otherwise every problem is a diagnostic, and when any is an error the status
 * is JX_ERR_DATA and out holds no declarations: nothing is half-read.  Caller frees with
 * jx_decl_export_free (also after an error). */
JX_API jx_status jx_decl_export_read(const char *path, const jx_decl_export_options *opt, jx_decl_export *out,
                                     jx_diags *diags);
/* The same from bytes in memory (name: for positions, and .csv by its name). */
JX_API jx_status jx_decl_export_read_mem(const char *name, const void *data, size_t len,
                                         const jx_decl_export_options *opt, jx_decl_export *out, jx_diags *diags);
JX_API void jx_decl_export_free(jx_decl_export *x); /* NULL allowed; frees every declaration */
/* Write each declaration of x as dir/<项目编码>.yaml (jx_decl_write_yaml), creating dir (one
 * level) when missing.  All or nothing: every file is written to a temporary name first
 * and renamed into place only when all were written.  A declaration without a code, or
 * with a code that is not a safe file name, is refused (JX_ERR_INVALID).  JX_ERR_IO with a
 * Chinese message in err on a write error. */
JX_API jx_status jx_decl_export_write_dir(const jx_decl_export *x, const char *dir, char *err, size_t errlen);

/* ---- declarations: review (目标审核) by review points kept as data ---- */
/* A rule set (审核口径) is data: a reviewer's XLSX sheet read as it is (header row found by
 * its names, docs/review.md says how each column is read, frameworks/review/sheet.yaml), or
 * a YAML rule set (the default, frameworks/review/default.yaml, is compiled in).  A rule
 * is a pattern (PCRE2, JavaScript style \uXXXX escapes, bounded by match and depth limits),
 * a manual check (人工: listed to the reviewer, not failed) or a built-in check (内置).
 * Review of one declaration gives findings (JX820 pattern, JX821 built-in, JX822 a manual
 * rule's candidate 需人工确认), a score per 审核要点 and a conclusion. */

typedef struct jx_review_rules jx_review_rules; /* opaque; owns its memory (jx_review_rules_free) */

typedef enum { JX_REVIEW_REGEX = 0, JX_REVIEW_MANUAL, JX_REVIEW_BUILTIN } jx_review_mode;

/* What a reviewer reads of one rule.  Strings owned by the rule set; "" when not given. */
typedef struct {
  const char *code;     /* 编码: "11", "B3" */
  const char *object;   /* 审核对象 as written: "二级指标==数量" */
  jx_review_mode mode;  /* 模式: 正则匹配 / 人工 / 内置 */
  const char *point;    /* 审核要点: 完整性 / 相关性 / 适当性 / 可行性 / 可测性 */
  const char *point2;   /* 二级要点 */
  const char *detail;   /* 审核细项: "数量指标未填写" */
  const char *opinion;  /* 审核意见表述（问题+建议）: the text given with each finding */
  const char *pattern;  /* 正则表达式 as written; NULL when none */
  const char *builtin;  /* the built-in check's name ("cost_within_money"); NULL for others */
  const char *looks_at; /* what the rule was read to look at, in Chinese ("数量 二级指标有实际指标行") */
  const char *sense;    /* when it finds: "空时", "匹配时", "不匹配时", "" (manual without a pattern) */
} jx_review_rule_info;

/* Load a rule set: an .xlsx reviewer's sheet (the sheet 审核口径, else the first sheet with
 * the header row) or a YAML rule set (`kind: review-rules`).  Every problem is a
 * diagnostic (JX825 a missing column, an unknown 模式 or 审核对象, a bad YAML field; JX826 a
 * pattern that does not compile, naming the rule code and its cell), all collected.  On
 * any error *out is NULL (nothing half-loaded) and the status is JX_ERR_DATA; JX_ERR_IO
 * when the file cannot be read.  Caller owns *out. */
JX_API jx_status jx_review_rules_load(const char *path, jx_review_rules **out, jx_diags *diags);
/* The same from YAML text in memory (name is used in positions). */
JX_API jx_status jx_review_rules_parse_yaml(const char *name, const char *data, size_t len, jx_review_rules **out,
                                            jx_diags *diags);
/* The default rule set (compiled in from frameworks/review/default.yaml).  Caller owns *out. */
JX_API jx_status jx_review_rules_default(jx_review_rules **out, jx_diags *diags);
JX_API void jx_review_rules_free(jx_review_rules *r); /* NULL allowed */
JX_API size_t jx_review_rules_count(const jx_review_rules *r);
/* Rule i (0-based, in the order written); borrowed from r. */
JX_API const jx_review_rule_info *jx_review_rules_at(const jx_review_rules *r, size_t i);
JX_API const char *jx_review_rules_source(const jx_review_rules *r); /* file name or "内置默认规则" */

typedef enum { JX_REVIEW_PASS = 0, JX_REVIEW_PASS_AFTER_CHANGES, JX_REVIEW_FAIL } jx_review_conclusion;
JX_API const char *jx_review_conclusion_name(jx_review_conclusion c); /* 通过 / 修改后通过 / 不通过 */

typedef enum { JX_FINDING_PATTERN = 0, JX_FINDING_BUILTIN, JX_FINDING_CANDIDATE } jx_finding_kind;

/* One finding.  Strings owned by the review's arena or (rule) by the rule set. */
typedef struct {
  size_t rule;                     /* index in the rule set */
  const jx_review_rule_info *info; /* the rule: code, 审核对象, 要点, 细项, 意见表述 */
  jx_finding_kind kind;
  jx_severity severity;            /* candidates are notes */
  const char *field;               /* "年度目标", "指标 3 三级指标" */
  int indicator;                   /* index in decl->indicators; -1 for a field of the declaration */
  const char *found;               /* what was found: the text (shortened) or the numbers */
  jx_pos pos;                      /* the row's position, else the declaration file */
  int64_t deduction;               /* × JX_NUM_SCALE, after the rule's cap; 0 for candidates */
  const char *code;                /* the diagnostic code: "JX820", "JX821", "JX822" */
  const char *message;             /* the diagnostic's text (Chinese): rule, where, what, 意见表述 */
} jx_review_finding;

typedef struct {
  const char *point;  /* 审核要点 */
  int64_t score;      /* × JX_NUM_SCALE: full minus the deductions, not below 0 */
  size_t n_findings;
} jx_review_point;

typedef struct jx_review {
  struct jx_arena *arena;          /* owns everything below except what is borrowed */
  const jx_decl *decl;             /* borrowed */
  const jx_review_rules *rules;    /* borrowed */
  JX_LIST(jx_review_finding) findings; /* in rule order, then row order */
  JX_LIST(jx_review_point) points;     /* every 要点 of the rule set, in its order */
  JX_LIST(size_t) manual;              /* the 人工 rules (indices): checks to do by hand */
  size_t n_candidates;                 /* findings that are candidates of manual rules */
  jx_review_conclusion conclusion;
  size_t n_undecided;                  /* patterns stopped by the match limit (JX827) */
} jx_review;

/* Review d with rules.  Each finding is also appended to diags (JX820/JX821 with the
 * rule's severity, JX822 as a note, JX827 when a pattern hit its match limit on a
 * field: that field is not decided), positioned at the indicator's row or the file.
 * *out borrows d and rules (keep them alive); caller frees it with jx_review_free. */
JX_API jx_status jx_review_run(const jx_review_rules *rules, const jx_decl *d, jx_review **out, jx_diags *diags);
JX_API void jx_review_free(jx_review *r); /* NULL allowed */

/* Counts over many reviews for the summary at the end of `jixiao review`. */
typedef struct jx_review_tally jx_review_tally; /* opaque; borrows the rule set */
JX_API jx_review_tally *jx_review_tally_new(const jx_review_rules *rules);
JX_API void jx_review_tally_add(jx_review_tally *t, const jx_review *r);
JX_API void jx_review_tally_free(jx_review_tally *t); /* NULL allowed */

/* Output (docs/review.md): one declaration's conclusion, scores, findings and manual checks
 * as text; the tally as text (findings and declarations per rule).  JSON: one object per
 * review and one for the tally, written with jansson (caller joins them).  label names
 * the declaration (its file).  JX_ERR_IO on a write error. */
JX_API jx_status jx_review_write_text(const jx_review *r, const char *label, FILE *out);
JX_API jx_status jx_review_tally_write_text(const jx_review_tally *t, FILE *out);
/* A JSON text (malloc'd, caller frees) for one review / for the tally. */
JX_API char *jx_review_json(const jx_review *r, const char *label);
JX_API char *jx_review_tally_json(const jx_review_tally *t);

/* ---- declarations: collection, workflow and locking, indicator library (src/store) ---- */
/* docs/collection.md (绩效目标申报：申报、审核、批复与调整; 指标库).  A declaration in the
 * collection is keyed by its scope, year and code (项目编码; for scope department the
 * 单位编码 of its 申报单位), and belongs to one unit of the departments table.  Each
 * import stores the file's exact bytes as a version (the same bytes again change
 * nothing), its indicator rows, and one history row per changed field.  Errors as for the
 * collection above: JX_ERR_DATA (refused, nothing stored) with a Chinese message in
 * jx_store_errmsg().
 *
 * Workflow (status → action → status; who may, by the roles of jx_user_add):
 *   declared 已申报 / returned 已退回  —review→  authority_reviewed 主管部门已审   head of the unit's 主管部门
 *   authority_reviewed                 —review→  bureau_reviewed 财政已审          reviewer
 *   bureau_reviewed                    —approve→ approved 已批复 (locked)          reviewer
 *   declared, authority_reviewed, bureau_reviewed —return (comment required)→ returned
 *                                      (declared: the 主管部门 or the bureau; later: the bureau)
 * Importing a changed file is allowed while declared or returned (a returned declaration
 * becomes declared again: resubmitted), refused while under review, and refused once
 * approved: a locked declaration changes only through jx_store_decl_adjust. */

typedef struct {
  const char *code; /* 项目编码, or for scope department the unit's 单位编码 */
  int year;
  int scope;        /* JX_DECL_PROJECT, JX_DECL_DEPARTMENT, or -1: whichever exists
                       (refused as ambiguous when both do) */
} jx_decl_key;

/* Who acts.  role NULL: the operator of the database (the command line, like `jixiao db
 * approve`), allowed every step; otherwise "officer", "head", "reviewer" or "admin" with
 * the account's department code (role_department; NULL for bureau staff), checked
 * against the table above: an officer or head declares for their own unit, the head of
 * the unit's 主管部门 (its ancestor of level authority, else the unit itself) reviews
 * first, a reviewer or admin does the bureau's steps and adjustments. */
typedef struct {
  const char *user;            /* required: kept in the history */
  const char *role;            /* NULL: operator */
  const char *role_department; /* the account's department */
} jx_decl_actor;

typedef struct {
  jx_decl_actor by;
  const char *unit; /* 单位编码 of the 申报单位; NULL: the department whose name is the
                       file's `unit:` (exactly one must match) */
} jx_decl_store_opts;

typedef struct {
  jx_stored outcome;     /* new, new version, unchanged */
  char unit[64];         /* the 申报单位's code */
  char code[256];        /* the key's code */
  int year;
  int scope;
  int64_t version;       /* current version after the call */
  size_t changes;        /* history rows of changed fields */
  size_t indicators;     /* indicator rows stored */
  size_t errors, warnings;
  char sha256[65];
} jx_decl_store_info;

/* Read a declaration file (data, len bytes; name kept as the file name) with jx_decl_parse
 * and store it as above.  A file that cannot be read as a declaration, an unknown unit,
 * a key held by another unit, a change to a declaration under review or locked: refused
 * (JX_ERR_DATA), nothing stored.  A declaration with errors is stored flagged (it cannot
 * be reviewed) and the call returns JX_ERR_DATA.  The file's diagnostics go to diags.
 * info may be NULL. */
JX_API jx_status jx_store_decl_import(jx_store *s, const char *name, const char *data, size_t len,
                                      const jx_decl_store_opts *o, jx_decl_store_info *info, jx_diags *diags);
/* Store declarations already read (e.g. every project of an export workbook), each
 * written as its declaration file (jx_decl_write_yaml), all in ONE transaction: when one
 * is refused nothing of any is stored (JX_ERR_DATA, the message names it).  info: an
 * array of n (may be NULL).  The declarations are only read. */
JX_API jx_status jx_store_decl_import_all(jx_store *s, const jx_decl *const *decls, size_t n, const jx_decl_store_opts *o,
                                          jx_decl_store_info *info);

/* A workflow step: "review", "approve" or "return" (comment required for return; kept
 * with the step otherwise).  Refused (JX_ERR_DATA) when not allowed from the current
 * status or not by this actor's role; the message says what is allowed. */
JX_API jx_status jx_store_decl_step(jx_store *s, const jx_decl_key *k, const char *action, const jx_decl_actor *by,
                                    const char *comment);

/* An approved adjustment (动态调整) of a locked declaration: data is the declaration as it
 * is to be after the adjustment.  Its `adjustments:` must be the locked version's (the
 * new entry is not written by hand): jixiao computes the changes (each indicator's 指标值
 * from → to, indicators added or removed, the amounts), appends one entry {date, reason,
 * approver, changes} and stores the result (written by jx_decl_write_yaml) as a new
 * locked version, with history.  Refused when the declaration is not locked, when nothing
 * differs, or when date (YYYY-MM-DD), reason or approver is missing; only the operator, a
 * reviewer or an admin may.  info may be NULL. */
JX_API jx_status jx_store_decl_adjust(jx_store *s, const char *name, const char *data, size_t len,
                                      const jx_decl_store_opts *o, const char *date, const char *reason,
                                      const char *approver, jx_decl_store_info *info, jx_diags *diags);

/* The current locked (已批复, adjustments included) declaration of scope department for
 * unit code `code`, or of the project `code`, in `year`.  *out is NULL (and JX_OK) when
 * none is locked; otherwise the caller owns it (jx_decl_free).  For the year-end check
 * against the locked targets. */
JX_API jx_status jx_store_decl_locked(jx_store *s, jx_decl_scope scope, const char *code, int year, jx_decl **out);

/* The bytes of a version (0: current) written to out. */
JX_API jx_status jx_store_decl_export(jx_store *s, const jx_decl_key *k, int64_t version, FILE *out);

typedef struct {
  const char *what;      /* "list", "show" (the version's indicators), "history", "summary" */
  int year;              /* 0: every year (list) */
  const char *status;    /* list: only this status (declared …) */
  const char *under;     /* list, summary: only units under this code (inclusive) */
  const jx_decl_key *key; /* show, history */
  int64_t version;       /* show: 0 the current one */
  const char *review_rules; /* summary: the rule set (jx_review_rules_load); NULL: the default */
} jx_decl_query;

/* Run a query (caller owns *out, jx_table_free).  summary: declarations by status, the
 * units with the most returns, then each current version reviewed (jx_review_run): the
 * findings by rule (candidates of manual rules left out) and the units with the most
 * findings. */
JX_API jx_status jx_store_decl_query(jx_store *s, const jx_decl_query *q, jx_table **out);

/* ---- the indicator library (指标库) ---- */
/* Seeded by the migration with the MOF common frame (src/store/indicator_frame.yaml: 一级/
 * 二级 and their common 三级指标), then grown by every declaration stored: each distinct
 * 三级指标 (its name normalized: full-width folded, spaces and trailing punctuation removed)
 * under its 一级/二级, with how many current declarations use it, its values as written
 * with their counts (the most frequent is the typical value), its units and its sectors
 * (the 主管部门: the unit's authority in the departments table, else the file's
 * `department:`).  A new version of a declaration takes back what the previous one
 * added.  不适用 and blank rows are not counted. */

/* Indicators whose normalized name contains every word of `words` (space-separated,
 * at least one), optionally only under 二级指标 level2, most used first (then by name), at
 * most limit (0: 20): 一级, 二级, 三级, 使用次数, 典型指标值, 单位, 主要主管部门. */
JX_API jx_status jx_store_library_search(jx_store *s, const char *words, const char *level2, size_t limit,
                                         jx_table **out);
/* The common frame: 一级, 二级, its note, how many 三级指标 the library holds under it and
 * their uses. */
JX_API jx_status jx_store_library_frame(jx_store *s, jx_table **out);
/* The whole library as a table (the columns jx_store_library_import reads), in 一级, 二级,
 * 三级 order; write it with jx_table_write (CSV). */
JX_API jx_status jx_store_library_table(jx_store *s, jx_table **out);
/* The same table as an XLSX workbook at path (app/template.c, through the Excel module):
 * one sheet 指标库, its header bold, frozen and filtered, every cell text (never a
 * formula) but the whole numbers of 使用次数; jx_store_library_import reads it back.
 * Written beside path and renamed: a failure leaves no file.  path NULL or "" is
 * JX_ERR_INVALID (XLSX cannot go to standard output).  *n (may be NULL): rows written;
 * errors (Chinese) in err. */
JX_API jx_status jx_library_write_xlsx(jx_store *s, const char *path, size_t *n, char *err, size_t errlen);
/* Add an organisation's own library from a CSV (or XLSX) file with the header of
 * jx_store_library_table (一级指标,二级指标,三级指标 required; 使用次数, 典型指标值, 单位,
 * 主管部门, 说明 optional), in one transaction: a problem is a JX84x diagnostic at its
 * row and nothing is written.  A row whose indicator exists adds its counts.  *n: rows read. */
JX_API jx_status jx_store_library_import(jx_store *s, const char *path, const char *user, size_t *n, jx_diags *diags);

/* ---- declarations: the 绩效目标表 out (XLSX template, PDF, DOCX) and the bureau summary ---- */

/* Write the 绩效目标表 of d — the 项目支出绩效目标申报表 (部门整体支出绩效目标申报表 for a
 * department-scope declaration) with its fields, money by source, 政策依据, 测算依据, 年度
 * 绩效目标 and the indicator grid (一级/二级 merged down their rows), then its 动态调整 when
 * it has any — in format fmt (md, html, docx, pdf, xlsx) to path; "-" writes md/html to
 * stdout.  The backends are the year-end report's; the output depends only on d (its
 * creation date is 1 January of d->year).  d is only read.  On failure JX_ERR_IO (or
 * JX_ERR_INVALID) and a Chinese message in err.  docs/declaration-tables.md. */
JX_API jx_status jx_decl_report_write(const jx_decl *d, jx_format fmt, const char *path, char *err, size_t errlen);

/* Write the 绩效目标表 template as an XLSX workbook to path: one printable sheet per
 * declaration in the official layout (A4, print titles, borders, wrap; what
 * jx_decl_report_write draws), then the data sheets a user fills in and `jixiao import`
 * reads back — 项目信息 (项目编码 … 年度目标, 年度, 申报类型, 金额单位), 指标信息 (项目编码,
 * 一级指标 … 分值; 一级/二级 with the MOF common frame as drop-down lists) and 资金来源
 * (项目编码, 资金来源, 金额) — one row per declaration, indicator and source, in order,
 * then spare rows; an instructions sheet 说明 and the hidden marker (defined name
 * JIXIAO_TEMPLATE = "jixiao-template/1 declaration").  n = 0 (decls may be NULL): a blank
 * template.  Cells are text or numbers, never formulas; 项目编码 and 指标值 are always
 * text.  The bytes depend only on the inputs.  decls are only read.  On failure JX_ERR_IO
 * (or JX_ERR_INVALID), a Chinese message in err, and no file (written beside, renamed). */
JX_API jx_status jx_decl_template_write(const jx_decl *const *decls, size_t n, const char *path, char *err,
                                        size_t errlen);
/* `jixiao report` of one file, when it is a declaration: true when the file at path is one
 * (jx_decl_sniff); it is then loaded (jx_decl_parse: *out the declaration, or NULL when the
 * YAML could not be read; *st the load's status; its diagnostics added to diags).  False,
 * with nothing changed, when it is not one or cannot be read (the year-end path then
 * reports it).  The caller owns *out (jx_decl_free). */
JX_API bool jx_decl_try_load(const char *path, jx_decl **out, jx_status *st, jx_diags *diags);
/* The declarations named by paths, in order: each a declaration file, or a directory whose
 * *.yaml / *.yml files that are declarations are loaded in name order (other files there
 * are skipped).  Every readable declaration is loaded, even one with errors; *out is a
 * malloc'd array of *count of them, owned by the caller (jx_decl_list_free).  Status: the
 * worst of JX_ERR_DATA (a file with errors, in diags), JX_ERR_IO (a file or directory that
 * cannot be read) and JX_ERR_INVALID (a named file that is not a declaration; the reason in
 * err). */
JX_API jx_status jx_decl_load_all(const char *const *paths, size_t n, jx_decl ***out, size_t *count, jx_diags *diags,
                                  char *err, size_t errlen);
JX_API void jx_decl_list_free(jx_decl **list, size_t n); /* each declaration, then the array; NULL allowed */

/* ---- declarations: a year-end file against its locked declaration (src/app/decl_compare.c) ---- */

/* Compare the targets of a year-end file with its locked (批复) declaration, after the
 * declaration's approved adjustments (applied in their order): for scope department the
 * department's own indicators and budget (budget.total), for scope project the project
 * whose code (else name) is the declaration's, in a department file or a project file.
 * Indicators are matched by 三级指标 name (folded; repeated names in order).  Appends to
 * diags, at the year-end file's positions:
 *   JX830 error   a declared indicator missing from the year-end file;
 *   JX831 error   a target that differs from the locked (and adjusted) one;
 *   JX832 note    a target that an approved adjustment changed (date, reason, approver);
 *   JX833 warning an indicator the declaration does not have;
 *   JX834 warning the year's amount differs from the declared 本年金额;
 *   JX835 error   no project of the year-end file is the declared project.
 * 不适用 and blank declared rows are not compared.  Returns the number of differences an
 * adjustment does not cover (JX830, JX831, JX833, JX834, JX835).  Both are only read. */
JX_API size_t jx_decl_compare(const jx_decl *decl, const jx_doc *doc, jx_diags *diags);
/* Attach the locked declaration r's targets were compared with, so that the report of r
 * shows its approved adjustments (绩效目标调整情况).  r borrows decl: it must outlive r.
 * NULL detaches. */
JX_API void jx_result_set_declaration(jx_result *r, const jx_decl *decl);

/* ---- 绩效运行监控 (monitoring during the year, 双监控): checkpoint reports and lights ---- */
/* docs/monitoring.md.  At each checkpoint (监控时点) the bureau sets, a unit reports for
 * itself (or one project): execution to date by funding source with the 全年预计执行数,
 * each indicator's progress (完成值 so far, 全年预计完成值, 是否能完成), and the 偏差原因 /
 * 纠偏措施 where it lags.  The report is a file of its own (YAML, `kind: monitoring`),
 * the filled 绩效监控表 template, a web form, or a row of a bulk sheet (one row per unit).
 * Lights (红/黄/绿) come from rules kept as data (frameworks/monitoring/default.yaml),
 * each with its derivation.  Diagnostics JX84x: the report file; JX85x: its lights.
 * Ownership: a jx_monreport, jx_monrules and jx_monresult each own every byte they point
 * to through their arena (their _free function). */

/* "绿", "黄", "红"; "—" for JX_LIGHT_NONE.  Static. */
JX_API const char *jx_light_name(jx_light l);

/* Execution of one funding source (资金来源) to date. */
typedef struct {
  jx_pos pos;
  const char *source;                   /* 财政拨款, 其他资金 …; never NULL */
  jx_money budget, executed, forecast;  /* 全年预算数, 累计执行数, 全年预计执行数 */
  const char *adjustment;               /* 预算调整的批复 (文号 or note) that allows executed >
                                           budget; NULL when none */
} jx_mon_source;

/* One indicator's progress at the checkpoint. */
typedef struct {
  jx_pos pos;
  const char *level1, *level2, *name;    /* never NULL ("" when blank) */
  const char *target;                    /* 年度指标值 as written ("" when blank) */
  jx_target_reading target_read;
  const char *actual;                    /* 完成值 to date as written ("" when blank) */
  jx_target_reading actual_read;
  const char *forecast;                  /* 全年预计完成值 ("" when blank) */
  int can_complete;                      /* 是否能完成: 1 是, 0 否, -1 not given */
  const char *cause, *fix;               /* 偏差原因, 纠偏措施; "" when blank */
} jx_mon_indicator;

typedef struct jx_monreport {
  struct jx_arena *arena; /* owns everything below */
  const char *path;
  int year;
  int month, day;                       /* the checkpoint (监控时点) in year */
  const char *unit_code, *unit_name;    /* the reporting unit; never NULL ("" when blank) */
  const char *project_code, *project_name; /* NULL: the unit's own (部门整体) report */
  int64_t money_unit_fen;               /* unit of the amounts as written */
  JX_LIST(jx_mon_source) sources;
  jx_money budget, executed, forecast;  /* totals over the sources (computed) */
  const char *cause, *fix;              /* 偏差原因, 纠偏措施 of execution; "" when blank */
  jx_pos cause_pos;
  JX_LIST(jx_mon_indicator) indicators;
} jx_monreport;

/* Read a checkpoint report (YAML, `kind: monitoring`).  As jx_decl_load: *out is a
 * report whenever the YAML could be read, even with errors (JX_ERR_DATA); NULL when
 * unreadable (JX_ERR_IO) or not YAML.  Checked here (JX871–JX879): the required fields,
 * amounts, a checkpoint date inside the year, executed never above the budget without
 * an adjustment, no negative figure, 是否能完成 as 是/否.  Caller owns *out. */
JX_API jx_status jx_monreport_load(const char *path, jx_monreport **out, jx_diags *diags);
JX_API jx_status jx_monreport_parse(const char *name, const char *data, size_t len, jx_monreport **out,
                                    jx_diags *diags);
JX_API void jx_monreport_free(jx_monreport *r); /* NULL allowed */
/* True when data's top-level `kind` is `monitoring`. */
JX_API bool jx_monreport_sniff(const char *data, size_t len);
/* Write r as a report file that jx_monreport_load reads back into the same report.
 * Deterministic.  JX_ERR_IO on a write error (reason in err). */
JX_API jx_status jx_monreport_write_yaml(const jx_monreport *r, FILE *out, char *err, size_t errlen);

/* The 绩效监控表 (docs/excel.md, "The checkpoint template"): r as an XLSX form that
 * `jixiao import` reads back into the same report (the YAML jx_monreport_write_yaml writes
 * is the same); r NULL: a blank form.  One sheet 绩效监控表 (header block, execution by
 * source with 执行进度 and 合计 as formulas, indicators with a 是/否 list), 说明, and the
 * hidden marker "jixiao-template/1 checkpoint".  The bytes depend only on r.  Written to
 * path.tmpPID and renamed: path is whole or untouched.  JX_ERR_IO (JX_ERR_INVALID for no
 * path) with a Chinese message in err. */
JX_API jx_status jx_monreport_template_write(const jx_monreport *r, const char *path, char *err, size_t errlen);
/* The same form pre-filled from a department-year (kind: department or project) at the
 * checkpoint month-day of its year: its unit, budget by source (nothing executed) and its
 * indicators with their targets, for the unit to fill in. */
JX_API jx_status jx_doc_checkpoint_template_write(const jx_doc *doc, int month, int day, const char *path, char *err,
                                                  size_t errlen);
/* Read a filled 绩效监控表 (.xlsx).  *recognised is set when the workbook is one (its
 * marker, or a sheet 绩效监控表 whose column A has the label 监控时点); when it is not (or
 * is not an XLSX, or cannot be read as one), *recognised is false, nothing is added to
 * diags and JX_OK is returned, so a caller may try its other readers.  When recognised,
 * every problem is a JX880–JX888 diagnostic at "path:绩效监控表!C12"; *out is the report
 * only when there is no error (caller owns it, jx_monreport_free), else NULL and
 * JX_ERR_DATA: a form is never half-read. */
JX_API jx_status jx_monreport_sheet_read(const char *path, jx_monreport **out, bool *recognised, jx_diags *diags);

/* The rules: checkpoints, deadlines and thresholds, read from a rules file
 * (`kind: monitoring-rules`, frameworks/monitoring/default.yaml is the default and is
 * compiled in).  Thresholds are in percentage points behind the expected progress,
 * checked in order, the first that holds gives the light; none: 绿. */
typedef struct {
  jx_light light;
  int64_t behind;     /* × JX_NUM_SCALE percentage points; the light when behind ≥ this */
  bool fix_required;  /* this light needs 偏差原因 and 纠偏措施 (JX850 when missing) */
} jx_mon_threshold;

typedef JX_LIST(jx_mon_threshold) jx_mon_thresholds;

typedef struct {
  const char *name;      /* a preset of checkpoints ("default", "quarterly") */
  JX_LIST(const char *) days; /* "06-30" … */
} jx_mon_preset;

typedef struct jx_monrules {
  struct jx_arena *arena;
  const char *source;          /* file name */
  const char *name;            /* the rules' title */
  JX_LIST(jx_mon_preset) presets; /* the first is the default set of checkpoints */
  int deadline_days;           /* a report is due this many days after its checkpoint */
  int grace_days;              /* and accepted this many days after the deadline */
  jx_mon_thresholds execution; /* execution (执行进度) behind 序时进度 */
  jx_mon_thresholds indicators; /* an indicator's progress behind the expected progress */
  jx_light cannot_complete;    /* the light of an indicator marked 否 (cannot be completed) */
  jx_light forecast_short;     /* the least light when 全年预计执行数 is below the budget (NONE: no such rule) */
} jx_monrules;

/* The compiled-in default rules.  Caller owns *out (jx_monrules_free). */
JX_API jx_status jx_monrules_default(jx_monrules **out, jx_diags *diags);
/* Read a rules file (YAML).  Problems are JX876 diagnostics; JX_ERR_DATA when any. */
JX_API jx_status jx_monrules_load(const char *path, jx_monrules **out, jx_diags *diags);
JX_API jx_status jx_monrules_parse(const char *name, const char *data, size_t len, jx_monrules **out,
                                   jx_diags *diags);
JX_API void jx_monrules_free(jx_monrules *r);

/* 序时进度 at month/day of year: days elapsed (1 January counts 1) ÷ days of the year ×
 * 100, rounded half up to hundredths, × JX_NUM_SCALE.  days_out/total_out (may be NULL)
 * receive the two day counts.  -1 for a date that does not exist. */
JX_API int64_t jx_schedule_progress(int year, int month, int day, int *days_out, int *total_out);

typedef struct {
  jx_light light;
  bool fix_required, fix_missing;
  bool has_rate;              /* false when the budget is 0 or missing */
  int64_t schedule;           /* 序时进度 (percent × JX_NUM_SCALE, two decimals) */
  int64_t rate;               /* 执行进度 = executed ÷ budget */
  int64_t behind;             /* schedule − rate, percentage points (negative: ahead) */
  const char *derivation;     /* Chinese, with the figures */
} jx_mon_exec_result;

typedef struct {
  const jx_mon_indicator *ind;
  jx_light light;
  bool fix_required, fix_missing;
  bool has_progress;          /* the progress could be computed from target and actual */
  int64_t progress, expected, behind; /* percent × JX_NUM_SCALE */
  const char *derivation;
} jx_mon_ind_result;

typedef struct jx_monresult {
  struct jx_arena *arena;
  const jx_monreport *report;  /* borrowed */
  jx_mon_exec_result exec;
  JX_LIST(jx_mon_ind_result) indicators;
  jx_light light;              /* the worst of all */
  jx_light indicator_light;    /* the worst of the indicators (NONE: no indicator) */
  size_t n_red, n_yellow, n_green; /* indicators by light */
} jx_monresult;

/* Compute the lights of a report by rules: 序时进度, the execution gap, each indicator's
 * progress against the expected progress, and 是否能完成; every light with its
 * derivation.  A light whose threshold requires it and lacks 偏差原因 or 纠偏措施 is a
 * JX850 error at the report; other findings JX851–JX855.  Caller owns *out
 * (jx_monresult_free); out->report borrows report.  JX_ERR_DATA when an error was added. */
JX_API jx_status jx_monitor_evaluate(const jx_monreport *report, const jx_monrules *rules, jx_monresult **out,
                                     jx_diags *diags);
JX_API void jx_monresult_free(jx_monresult *r);
/* Write the lights with their derivations: as text (one line per light, for `jixiao
 * score`) or as JSON (docs/monitoring.md).  JX_ERR_IO on a write error. */
JX_API jx_status jx_monresult_write_text(const jx_monresult *r, FILE *out);
JX_API jx_status jx_monresult_write_json(const jx_monresult *r, FILE *out);
/* `jixiao check` / `jixiao score` of one file when it is a checkpoint report: true when it
 * is one (after loading it and computing its lights with rules, NULL: the default; the
 * diagnostics added to diags, the status in *st); false, nothing added, when it is not
 * one or cannot be read.  When res is non-NULL and the report loaded, *res receives the
 * lights (caller frees it and, after it, *rep).  locked (may be NULL): the unit's locked
 * declaration, whose targets are applied first (jx_monitor_apply_decl). */
JX_API bool jx_monitor_check_file(const char *path, const jx_monrules *rules, const jx_decl *locked, jx_status *st,
                                  jx_diags *diags, jx_monreport **rep, jx_monresult **res);
/* A report's targets against the unit's locked (批复) declaration, after its approved
 * adjustments: the locked target is the one in force, so an indicator whose 年度指标值
 * differs (JX855 warning) or is blank (JX855 note) takes it; an indicator the
 * declaration lacks is JX856, a declared one without progress JX857 (warnings).  Call
 * before jx_monitor_evaluate.  Returns the number of targets taken from decl. */
JX_API size_t jx_monitor_apply_decl(jx_monreport *r, const jx_decl *decl, jx_diags *diags);

/* ---- monitoring in the collection (src/store/monitor.c, docs/collection.md) ---- */
/* One stored checkpoint report of a unit's own (部门整体) budget, as the year end reads it:
 * amounts in 分, percentages × JX_NUM_SCALE.  Strings are owned by the array (free it
 * with jx_mon_points_free). */
typedef struct {
  int month, day;
  int64_t budget, executed, forecast;
  jx_light light, exec_light;
  int64_t schedule, rate;
  char *cause, *fix;
} jx_mon_point;
/* The unit's own checkpoint reports of year (project reports left out), in date order;
 * *n 0 and *out NULL when there are none.  JX_ERR_IO on a database failure. */
JX_API jx_status jx_store_monitor_points(jx_store *s, const char *unit, int year, jx_mon_point **out, size_t *n);
JX_API void jx_mon_points_free(jx_mon_point *p, size_t n);

/* ---- the year end reads the checkpoints (src/app/monitor.c) ---- */
/* A checkpoint report (loaded, its lights computed) as the point the year end reads:
 * strings copied (free the point with jx_mon_points_free(p, 1) or with its array). */
JX_API void jx_mon_point_of(const jx_monreport *r, const jx_monresult *res, jx_mon_point *out);
/* Make the n checkpoint records (date order) doc's `monitoring:` list, so that the
 * claims about execution progress and 及时处置 are checked against them (JX409, JX410)
 * and the report's monitoring section and chart are written from them.  A list the file
 * wrote itself is replaced; each month where it differs from the record is a JX411 note
 * in diags.  Copies into doc's arena; returns n.  n 0 changes nothing. */
JX_API size_t jx_doc_attach_monitoring(jx_doc *doc, const jx_mon_point *p, size_t n, jx_diags *diags);
/* The checkpoint reports (`kind: monitoring`) in path — a file, or a directory read one
 * level deep — of the unit `unit` (its own reports, not its projects') for year, with
 * their lights by rules (NULL: the default), as points in date order (caller frees with
 * jx_mon_points_free).  Files that are not reports are skipped; a report with errors is
 * a diagnostic and left out.  JX_ERR_IO when path cannot be read. */
JX_API jx_status jx_mon_points_load(const char *path, const char *unit, int year, const jx_monrules *rules,
                                    jx_mon_point **out, size_t *n, jx_diags *diags);

/* ---- monitoring in the collection: checkpoints, reports, lights, follow-ups (#18) ---- */
/* docs/collection.md (绩效运行监控).  The bureau sets a year's checkpoints (监控时点), each
 * with its deadline (报送期限) and grace days; after deadline + grace (as of today:
 * $JIXIAO_NOW when set) the checkpoint is locked.  A unit's report at a checkpoint (its
 * own, or one project's) is stored with its exact bytes (a YAML file as read; a bulk
 * sheet's report as jx_monreport_write_yaml writes it), its totals and the lights
 * jx_monitor_evaluate computes at import.  Refused, nothing stored (JX_ERR_DATA, a
 * Chinese message in jx_store_errmsg(), for a sheet a JX86x diagnostic per report):
 * a report with an error diagnostic, a unit not in the departments table, a checkpoint
 * the year does not have, a locked checkpoint (unless the bureau reopened it for that
 * unit: the import uses the reopening up), a 累计执行数 below the unit's earlier checkpoint
 * (or above its later one) for the same project.  The same bytes again change nothing;
 * other bytes are a new version with one history row naming the changed totals.  A red
 * light opens a follow-up (跟进) for the unit/project/year unless one is open; a later
 * checkpoint's report that is not red closes the open ones ("由 MM-DD 监控点数据关闭"). */

typedef struct {
  int year;
  const char *preset;          /* a preset of the rules ("default", "quarterly", "half-year");
                                  NULL: days */
  const char *const *days;     /* "MM-DD" each, when preset is NULL */
  size_t n_days;
  int deadline_days;           /* < 0: the rules' deadline_days */
  int grace_days;              /* < 0: the rules' grace_days */
  const char *user;            /* required */
} jx_mon_checkpoint_opts;

/* Set the checkpoints of o->year (replacing the year's set): deadline = checkpoint +
 * deadline days.  rules NULL: the default rules.  Refused when a day is not a date of the
 * year, is given twice, or when a checkpoint that has reports would be removed.  *n (may
 * be NULL) receives how many were set. */
JX_API jx_status jx_store_checkpoints_set(jx_store *s, const jx_monrules *rules, const jx_mon_checkpoint_opts *o, size_t *n);

typedef struct {
  const char *user;            /* required: kept in the history */
  const jx_monrules *rules;    /* NULL: the default rules */
} jx_mon_store_opts;

typedef struct {
  jx_stored outcome;           /* new, new version, unchanged */
  char unit[64];
  char project[256];           /* "" for the unit's own report */
  int year, month, day;
  int64_t version;
  jx_light light;
  bool reopen_used;            /* a reopening of the locked checkpoint was used up */
  bool followup_opened;        /* a red light opened a follow-up */
  size_t followups_closed;     /* open follow-ups this report closed */
} jx_mon_store_info;

/* Read one checkpoint report (data, len bytes; name kept as the file name) with
 * jx_monreport_parse, compute its lights with o->rules and store it as above, in one
 * transaction.  Its diagnostics go to diags.  info may be NULL. */
JX_API jx_status jx_store_monitor_import(jx_store *s, const char *name, const char *data, size_t len,
                                         const jx_mon_store_opts *o, jx_mon_store_info *info, jx_diags *diags);
/* A bulk sheet (.csv or .xlsx, docs/collection.md) of one checkpoint (year, month, day) for
 * many units, all in ONE transaction: the sheet's problems (JX866–JX870, JX874/JX875 at
 * their cells) and every refusal (JX860–JX863 at the unit's row) are collected, and with
 * any error nothing is stored (JX_ERR_DATA).  On success *infos (malloc'd, caller frees)
 * receives one outcome per report, *n how many. */
JX_API jx_status jx_store_monitor_import_sheet(jx_store *s, const char *path, int year, int month, int day,
                                               const jx_mon_store_opts *o, jx_mon_store_info **infos, size_t *n,
                                               jx_diags *diags);
/* Reopen a locked checkpoint (year, "MM-DD") for one unit: its next import there is
 * accepted once.  reason and user required; refused for an unknown unit or checkpoint. */
JX_API jx_status jx_store_monitor_reopen(jx_store *s, const char *unit, int year, const char *day, const char *reason,
                                         const char *user);
/* A unit's own report at checkpoint day ("MM-DD"; before: the latest one before it) as
 * its report file's bytes: the stored file, or for a bulk sheet's report, kept as its
 * figures, the file jx_monreport_write_yaml writes for it.  *data NULL (JX_OK) when there
 * is none; got_day receives its checkpoint.  Caller frees *data. */
JX_API jx_status jx_store_monitor_body(jx_store *s, const char *unit, int year, const char *day, bool before, char **data,
                                       size_t *len, char got_day[8]);
/* Close an open follow-up by its number, with a reason (required). */
JX_API jx_status jx_store_followup_close(jx_store *s, int64_t id, const char *reason, const char *user);

typedef struct {
  const char *what;       /* "checkpoints", "show", "history", "alerts", "followups" */
  int year;               /* required except for followups (0: every year) */
  const char *day;        /* show: one checkpoint; alerts: the checkpoint (NULL: the latest
                             with reports) */
  const char *unit;       /* show, history */
  const char *project;    /* show: one project ("" the unit's own; NULL: all) */
  const char *under;      /* alerts: only units under this code (inclusive) */
  jx_light light;         /* alerts: only this light (NONE: all) */
  bool open_only;         /* followups: only the open ones */
} jx_mon_query;

/* Run a monitoring query (caller owns *out, jx_table_free):
 *   checkpoints  the year's checkpoints: day, deadline, end of grace, locked today;
 *   show         a unit's reports with figures and each light with its derivation;
 *   history      a unit's history in the year (submitted, updated, reopened, follow-ups);
 *   alerts       the units' own reports at a checkpoint, red then yellow then green, with
 *                their figures, indicator reds and open follow-up; the footer counts the
 *                lights and the units that have not reported;
 *   followups    follow-ups (open and closed). */
JX_API jx_status jx_store_monitor_query(jx_store *s, const jx_mon_query *q, jx_table **out);

/* ---- 待办 (due items) and reminders (#18; src/store/todo.c, docs/collection.md 待办与提醒) ---- */
typedef enum {
  JX_TODO_CHECKPOINT = 0, /* a unit's report at a 监控时点 not sent: 提醒 / 催报 / 逾期 */
  JX_TODO_RETURNED,       /* a department-year or a declaration returned to the unit */
  JX_TODO_REVIEW,         /* a declaration waiting for this role's step */
  JX_TODO_RECTIFICATION,  /* an open rectification item (整改) */
  JX_TODO_FOLLOWUP,       /* an open follow-up of a red light (监控跟进) */
  JX_TODO_APPROVAL,       /* a submitted department-year awaiting this account's level of the approval chain */
  JX_TODO_KINDS
} jx_todo_kind;

typedef struct {
  jx_todo_kind kind;
  char unit[64];         /* department code ("" for a bureau summary) */
  char unit_name[256];
  int year;
  char what[512];        /* 监控时点 06-30 / 部门整体 / the project / the item … */
  char state[64];        /* 提醒 催报 逾期 · 已退回 · 待主管部门审核 待财政复核 待批复 · 整改中 · 跟进中 */
  char date[11];         /* YYYY-MM-DD: the deadline, or when returned / declared / opened */
  char grace_end[11];    /* checkpoints: the end of the grace days; "" otherwise */
  long days;             /* checkpoints: days to the deadline (< 0: days past it); else 0 */
  long count;            /* bureau checkpoint summary: units that have not reported; else 0 */
  int64_t id;            /* rectification, follow-up or declaration id; 0 otherwise */
} jx_todo;

typedef struct {
  const char *role;       /* "officer", "head", "reviewer", "admin" (required) */
  const char *department; /* officer/head: the account's department (its units at or under it) */
  int before_days;        /* checkpoints due within this many days ahead (< 0: 14) */
} jx_todo_query;

/* The items due for a role and department, as of today ($JIXIAO_NOW when set), grouped by
 * kind then unit then date: officer and head — their units' reports not sent at due
 * checkpoints, their department-years and declarations returned, open rectifications and
 * follow-ups; head also the declarations whose 主管部门 is its department waiting for
 * 主管部门审核; reviewer and admin — per checkpoint the number of units that have not
 * reported, declarations waiting for 财政复核 or 批复, every open rectification and
 * follow-up.  At most 2000 items of each kind.  *out malloc'd (jx_todo_free); JX_ERR_INVALID
 * for an unknown role or an officer/head without department. */
JX_API jx_status jx_store_todo(jx_store *s, const jx_todo_query *q, jx_todo **out, size_t *n);
JX_API void jx_todo_free(jx_todo *t);
/* Write the items grouped by kind in Chinese (json false) or as JSON
 * {"items":[{"kind","kind_label","unit","unit_name","year","what","state","date",
 * "grace_end","days","count","id"}…],"counts":{kind: n}} (json true). */
JX_API void jx_todo_write(FILE *f, const jx_todo *t, size_t n, bool json);

typedef struct {
  const char *smtp;       /* "smtp://host:port" (or smtps://); NULL with dry_run */
  const char *from;       /* the sender's address (required unless dry_run) */
  int before_days;        /* 提醒 this many days before the deadline (< 0: 3) */
  bool dry_run;           /* print what would be sent, send and record nothing */
} jx_remind_opts;

/* `jixiao db remind`: for each unit without its own report at a checkpoint whose deadline
 * is at most before_days ahead (提醒), passed within the grace days (催报) or after them
 * (逾期), e-mail the officer and head accounts of that unit (one message to each address)
 * through libcurl SMTP, unless the same (unit, checkpoint, kind, address) was sent before
 * (recorded in web_reminder).  Accounts without an address are listed as 未设邮箱.  Each
 * line of what is done goes to out.  A message that fails is a Chinese line on out and the
 * others are still tried; returns JX_ERR_IO then (JX_ERR_INVALID for bad options, with
 * err). */
JX_API jx_status jx_remind(const char *db, const jx_remind_opts *o, FILE *out, char *err, size_t errlen);

/* ---- version (jixiao --version) ---- */
/* The commit the build was configured from (`git rev-parse --short HEAD`), "unknown"
 * outside git.  Never NULL. */
JX_API const char *jx_version_commit(void);
/* Writes to out: "jixiao VERSION", the commit, then one line per library the process has
 * loaded (libyaml, jansson, utf8proc, libsodium, SQLite, libpq, libmicrohttpd, cairo,
 * pango, libzip, expat, libxlsxwriter, libxml2, libcurl — whichever are loaded): its
 * name, the version it reports at run time and its file.  With load_modules the command
 * line's modules (libjixiao-render.so …) are loaded first, as the commands would find
 * them, and listed with their paths (or why they could not be loaded), so the libraries
 * they bring are listed too.  JX_ERR_INVALID when out is NULL, JX_ERR_IO when writing
 * failed, else JX_OK. */
JX_API jx_status jx_version_write(FILE *out, bool load_modules);

#ifdef __cplusplus
}
#endif
#endif
