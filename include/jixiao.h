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
/* Print as a compiler does: "file:line:col: error: JX201 message". */
JX_API void jx_diags_print(const jx_diags *d, FILE *out);
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
  JX_NATURE_QUAL /* 定性 */
} jx_nature;
JX_API const char *jx_nature_symbol(jx_nature n); /* "=", "≥", …, "定性" */

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
} jx_value;

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
} jx_indicator;
typedef JX_LIST(jx_indicator) jx_indicatorlist;

typedef struct { jx_money initial, adjusted, executed; jx_pos pos; } jx_money_row;

typedef struct {
  jx_pos pos;
  const char *name, *code, *owner; /* owner: 主管部门/实施单位 */
  jx_money initial, adjusted, executed;    /* 年度资金总额 row */
  jx_money_row fiscal, carried_in, other;  /* 财政拨款 / 上年结转 / 其他资金 */
  const char *execution_note;              /* reason when the rate is under the floor */
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

typedef struct {
  jx_pos pos;
  int month;
  jx_money executed, forecast;
  const char *cause, *fix;
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
  int64_t total;            /* × JX_NUM_SCALE */
  const char *total_derivation;
  const char *grade;        /* 优/良/中/差 */
  JX_LIST(jx_metric_value) metrics;
  /* department files: one result per project (finance.projects[]) that carries its
   * own indicators or money rows, scored by the framework's project_framework;
   * owned by this result */
  JX_LIST(struct jx_result *) projects;
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
 * frees each non-NULL output.  Returns JX_ERR_IO when the file or framework could
 * not be read, JX_ERR_DATA when errors were found, JX_OK otherwise. */
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
} jx_import_summary;

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
} jx_audit_counts;

/* Audit one file: a report (txt/pdf, imported as jx_import_report does) or a
 * department-year YAML (an imported one maps back to its source through its "# L123"
 * comments).  Runs the checks of `jixiao check` with the framework the file names
 * (framework_path as for jx_evaluate_file) and writes, in plain Chinese, every sum and
 * claim that does not hold, with the numbers and the source lines, then what was
 * inferred, what cannot be checked and what could not be recovered.  Output is
 * deterministic.  Returns JX_ERR_IO / JX_ERR_DATA when the file could not be read or
 * imported at all (the reason is in diags, nothing is written), JX_OK otherwise; counts
 * may be NULL. */
JX_API jx_status jx_audit(const char *path, const char *framework_path, FILE *out, jx_audit_counts *counts,
                          jx_diags *diags);

/* ---- limits on untrusted input ---------------------------------------------------- */
#define JX_MAX_FILE_BYTES ((size_t)16 << 20) /* a department-year file */
#define JX_MAX_DEPTH 64                          /* YAML nesting */
#define JX_MAX_NODES 2000000u                    /* YAML nodes in one file */
#define JX_MAX_SCALAR_BYTES ((size_t)256 << 10)       /* one string */
#define JX_MAX_REF_DEPTH 32                      /* reference chain */
#define JX_MAX_MONEY_FEN 100000000000000000LL    /* 10^17 分 = 1,000 万亿元 */
#define JX_MAX_NUM 100000000000000000LL          /* 10^17 millionths = 10^11 */

/* ---- generator: a synthetic province (jixiao gen, docs/gen.md) ---------------------- */

typedef struct {
  size_t departments;        /* authorities and units, each one file per year (≥ 1) */
  uint64_t seed;             /* same options → byte-identical files on every platform */
  int year_from, year_to;    /* inclusive, 1990–2100 */
  unsigned fault_permille;   /* share of department files with one deliberate mistake */
  unsigned project_permille; /* share of department-years that also get a kind: project file */
} jx_gen_options;

#define JX_GEN_MAX_FAULTS 16
typedef struct {
  size_t departments, counties;           /* rows of departments.csv: units/authorities, bureaus */
  size_t files, department_files, project_files;
  size_t bytes, indicators;
  size_t faulty;                          /* files with a deliberate mistake (faults.tsv) */
  size_t by_fault[JX_GEN_MAX_FAULTS];     /* per kind, see jx_gen_fault_code */
} jx_gen_summary;

/* Defaults: 100 departments, seed 2023, year 2023, the table shares of faults and
 * project files (docs/gen.md). */
JX_API void jx_gen_options_init(jx_gen_options *o);
/* Write a province into dir (created if missing): departments.csv (code,name,parent,level;
 * level bureau|authority|unit), dept-NNNNN-YYYY.yaml (kind: department) for every
 * department and year, proj-NNNNN-YYYY.yaml (kind: project) for some, and faults.tsv
 * (file, expected diagnostic code, what is wrong) listing the files made wrong on purpose.
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

#ifdef __cplusplus
}
#endif
#endif
