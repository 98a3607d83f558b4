/* import.h — reading published self-evaluation reports back into data (internal).
 *
 * The pipeline (jx_import_report / jx_import_text in import.c):
 *
 *   file ─► source.c (text, or pdftotext as a child process; UTF-8 check; bounded lines)
 *        ─► narrative.c (the report's prose: profile, finance, analysis, conclusion …)
 *        ─► tables.c    (target tables and self-evaluation tables, one cell per line,
 *                        reassembled by cells.c)
 *        ─► ytree.c     (a small ordered tree of YAML values, each with its source lines;
 *                        written in the docs/format.md layout with `# L123` comments and a
 *                        map from YAML line to source line)
 *
 * Everything lives in the import's arena. */
#ifndef JX_IMPORT_H
#define JX_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao.h"
#include "util/arena.h"
#include "util/text.h"

/* ---- limits on untrusted input (besides JX_MAX_FILE_BYTES) ---------------------- */
#define JX_IMPORT_MAX_LINES 200000u                  /* lines of text */
#define JX_IMPORT_MAX_LINE_BYTES ((size_t)64 << 10)  /* one line */
#define JX_IMPORT_MAX_PDF_BYTES ((size_t)64 << 20)   /* a PDF handed to pdftotext */
#define JX_IMPORT_PDF_TIMEOUT_MS 60000               /* pdftotext may run this long */
#define JX_IMPORT_MAX_TEXT_BYTES ((size_t)32 << 10)  /* one value written to YAML */
#define JX_IMPORT_MAX_ITEMS 5000u                    /* entries of one list (rows, items) */
#define JX_IMPORT_MAX_FORMS 200u                     /* forms (tables) read from one file */

/* ---- source text ------------------------------------------------------------------ */

typedef struct {
  const char *text; /* trimmed, control characters replaced by spaces; never NULL */
  uint32_t len;     /* bytes */
  uint32_t no;      /* 1-based line number in the text (pdftotext's output for a PDF) */
  bool cell;        /* a whole table cell (split from a table-text row): never glued to a neighbour */
  const char *row;  /* for a cell of a '|' row: the whole row as read, empty cells included */
} jx_src_line;

typedef struct {
  const char *name;   /* the path as given, for positions */
  bool from_pdf;
  const char *format; /* what was read, in Chinese: "文本", "PDF", "DOCX", "HTML", "XLSX" … */
  bool tables;        /* table rows were split into cells by the normalisation stage */
  const struct jx_node *layouts; /* layouts.yaml, parsed once per import (in the arena) */
  jx_src_line *lines; /* every line, empty ones included: lines[i].no == i + 1 */
  size_t n;
} jx_src;

/* Read path by what it is (its first bytes, then its name): a PDF by layout (the
 * documents module, docread.h; pdftotext's plain text when the module or poppler's
 * layout mode is missing), a DOCX, an XLSX, an HTML page (each through its reader into
 * table text), anything else as UTF-8 text.  A .doc/.xls is refused with the way out.
 * Problems are JX100 (cannot open) or JX500–JX504. */
jx_status jx_src_read(jx_arena *a, const char *path, jx_src *out, jx_diags *d);
/* Text already in memory (len bytes, need not be NUL-terminated). */
jx_status jx_src_from_text(jx_arena *a, const char *name, const char *data, size_t len, jx_src *out,
                           jx_diags *d);
/* The normalisation stage (normalize.c), run by jx_src_from_text: table-text rows and
 * forms flattened onto one line become one line per cell (each keeping its source line
 * number), and in a crawler's half-width copy ':' ',' ';' after Chinese text become full-width.  False when the
 * lines would pass JX_IMPORT_MAX_LINES (src is then unchanged). */
bool jx_src_normalize(jx_arena *a, jx_src *src);
/* Run pdftotext (or $JIXIAO_PDFTOTEXT) on path; *out is malloc'd, NUL-terminated. */
jx_status jx_pdf_to_text(const char *path, char **out, size_t *len, jx_diags *d);

/* ---- small UTF-8 helpers (cells.c) --------------------------------------------------- */

bool jx_starts(const char *s, const char *prefix);
bool jx_ends(const char *s, const char *suffix);
/* A copy of s[0..n) without the spaces (ASCII, U+3000, U+00A0) at both ends. */
char *jx_trim_dup(jx_arena *a, const char *s, size_t n);
/* Scan a decimal number at s: ASCII or full-width digits, thousands commas between
 * groups of three, one decimal point.  Writes the ASCII form to buf and returns the
 * bytes consumed (0 when s does not start with a digit). */
size_t jx_scan_number(const char *s, char *buf, size_t cap);
/* The last number in s[0..n) that ends exactly at s + n; *start receives its start. */
bool jx_number_before(const char *s, size_t n, char *buf, size_t cap, size_t *start);

/* ---- table cells --------------------------------------------------------------------- */

/* A table cell (or a fragment of one): text and the source lines it spans. */
typedef struct {
  const char *text;
  uint32_t line, line_end;
  bool whole; /* a whole cell as the source gave it (jx_src_line.cell) */
  const char *row; /* its '|' row as read (jx_src_line.row), or NULL */
} jx_cell;

typedef struct {
  jx_cell *items;
  size_t n, cap;
} jx_cells;

void jx_cells_push(jx_arena *a, jx_cells *c, const char *text, uint32_t line, uint32_t line_end);
/* Join cells [from, to) into one (no separator); line range spans them all. */
jx_cell jx_cells_join(jx_arena *a, const jx_cells *c, size_t from, size_t to);

/* The non-empty lines [from, to) of src (0-based indexes) as fragments, with the
 * punctuation that pdftotext puts on lines of its own glued back to its neighbours:
 * "民主监督" "、" "参政议政" → "民主监督、参政议政"; "(350" "元" "/" "人" → "(350" "元/人". */
jx_cells jx_cells_from_lines(jx_arena *a, const jx_src *src, size_t from, size_t to);
/* The same gluing on fragments given as texts (for tests): lines are 1, 2, … */
jx_cells jx_cells_glue(jx_arena *a, const char *const *texts, size_t n);

/* Cell classes. */
/* 指标性质 in a cell ("＝", "≥", ">=", "定性" …): JX_NATURE_NONE when it is not one. */
jx_nature jx_cell_nature(const char *text);
/* A plain number ("5", "1,072.52", "９５"), optionally with "%" when pct_ok. */
bool jx_cell_is_number(const char *text, bool pct_ok);
/* A number followed by a short unit ("60场", "95%", "≥60场", "不少于60场", "95%以上" when
 * nature_ok: the nature is returned in *nature), read by jx_target_read; a range is not
 * one.  Writes the number (exact ASCII decimal, no separators) and the unit (arena copy). */
bool jx_cell_split_value(jx_arena *a, const char *text, bool nature_ok, jx_nature *nature, char *num, size_t cap,
                         const char **unit);
/* Indicator levels: the known names of 一级/二级 指标 at the start of s, with a
 * "（50分）" tail allowed.  Returns the bytes of s the level takes (0: not a level). */
size_t jx_level1_prefix(const char *s);
size_t jx_level2_prefix(const char *s);
/* Table header labels of indicator tables. */
typedef enum {
  JX_COL_NONE = 0,
  JX_COL_L1,
  JX_COL_L2,
  JX_COL_NAME,
  JX_COL_NATURE,
  JX_COL_TARGET,
  JX_COL_UNIT,
  JX_COL_ACTUAL,
  JX_COL_WEIGHT,
  JX_COL_COEF,
  JX_COL_SCORE,
  JX_COL_NOTE,
  JX_COL_CORE,
  JX_COL_CRITERIA, /* 评分标准 (a scoring table: 指标分值 | 评分标准 | 自评得分) */
  JX_COL_COUNT
} jx_col;
/* Read the header of an indicator table starting at cells[*i]: labels, each possibly
 * split over several cells ("绩效度量单" "位").  Returns the number of columns (0 when
 * cells[*i] does not start a header); *i moves past the header. */
size_t jx_cells_header(const jx_cells *c, size_t *i, jx_col *cols, size_t max_cols);
/* The column one header label names ("三级指标" JX_COL_NAME), JX_COL_NONE when none. */
jx_col jx_header_label(const char *t);

/* ---- the YAML tree written by the importer -------------------------------------------- */

typedef struct jx_ynode jx_ynode;
typedef enum { JX_Y_MAP, JX_Y_SEQ, JX_Y_SCALAR } jx_ykind;
struct jx_ynode {
  jx_ykind kind;
  const char *key;     /* in a map */
  const char *text;    /* scalar */
  uint32_t line, line_end; /* source lines (0: none) */
  const char *comment; /* after the value, besides the line ("推定：…") */
  const char *above;   /* a comment line written above the entry */
  jx_ynode *first, *last, *next;
  size_t count;        /* children */
};

jx_ynode *jx_y_new(jx_arena *a, jx_ykind kind);
/* The child of map m named key, created (of kind) when missing. */
jx_ynode *jx_y_child(jx_arena *a, jx_ynode *m, const char *key, jx_ykind kind);
jx_ynode *jx_y_find(const jx_ynode *m, const char *key);
/* Set a scalar in map m (replacing an earlier one); returns it.  A key already present
 * in a map of source-given keys is left alone and false-ish: see jx_y_set_new. */
jx_ynode *jx_y_set(jx_arena *a, jx_ynode *m, const char *key, const char *text, uint32_t line, uint32_t line_end);
/* As jx_y_set, but only when the key is not there yet (NULL otherwise). */
jx_ynode *jx_y_set_new(jx_arena *a, jx_ynode *m, const char *key, const char *text, uint32_t line, uint32_t line_end);
/* Append to sequence s: a scalar, or a new map. */
jx_ynode *jx_y_push(jx_arena *a, jx_ynode *s, const char *text, uint32_t line, uint32_t line_end);
jx_ynode *jx_y_push_map(jx_arena *a, jx_ynode *s);
size_t jx_y_count(const jx_ynode *n);
/* Take the last entry off list s (it stays in the arena, written nowhere). */
void jx_y_drop_last(jx_ynode *s);

/* YAML text of the tree (the first lines are header, each line prefixed "# ").  Empty
 * maps and lists are left out.  Scalars are plain when that is safe, else
 * double-quoted with escapes.  *linemap (arena) receives, for each YAML line (1-based
 * index; [0] unused), the first source line of what it holds, *nlines its size. */
char *jx_y_emit(jx_arena *a, const jx_ynode *root, const char *header, size_t *len, uint32_t **linemap,
                size_t *nlines);

/* ---- a bounded string builder ------------------------------------------------------------ */

/* Text grown line by line, in the arena, never past JX_IMPORT_MAX_TEXT_BYTES (cut at a
 * character boundary): appending stays linear however many lines a paragraph has. */
typedef struct {
  char *s; /* NUL-terminated once anything was added; NULL before */
  size_t n, cap;
} jx_sb;
void jx_sb_add(jx_arena *a, jx_sb *b, const char *t);
/* b's text ("" when empty). */
const char *jx_sb_text(const jx_sb *b);

/* ---- extraction ---------------------------------------------------------------------- */

typedef struct jx_imp {
  jx_arena *a;
  const jx_src *src;
  jx_diags *d;
  jx_ynode *root;
  jx_doc_kind kind;
  const char *framework;
  const char *shape;       /* a short Chinese name of the shape recognised */
  bool recognised;         /* something of a report was found */
  int year;
  uint32_t year_line;
  int64_t weight_total;    /* indicator points the table's weights should make (× JX_NUM_SCALE) */
  bool weight_total_stated;
  size_t figures;          /* values written */
  size_t inferred;         /* of which inferred */
  jx_ynode *assumptions;   /* root's assumptions list */
  /* stated figures that the model has no place for, checked at import (JX530) */
  size_t table_checks;
  const char *layout;      /* the id in layouts.yaml of the form recognised */
  uint32_t unread_table_line; /* an indicator table's header the import could not read (0: none) */
  size_t cov_total, cov_filled; /* the layout's key figures, and how many were filled */
  const char *cov_missing; /* their Chinese names, "、"-separated (NULL: none missing) */
} jx_imp;

/* ---- the known forms (layout.c, layouts.yaml compiled in) ----------------------------- */

typedef struct jx_node jx_node;
/* The parsed layouts.yaml, in arena a (NULL only if the compiled-in file is broken, which
 * the tests catch). */
const jx_node *jx_layouts(jx_arena *a);
/* The layout with this id, or NULL. */
const jx_node *jx_layout_find(const jx_node *layouts, const char *id);
/* Fill im->cov_*: how many of layout's key figures im->root holds, and the names of the
 * rest.  A NULL layout gives 0 of 0. */
void jx_layout_coverage(jx_imp *im, const jx_node *layout);
/* The framework a document of this kind and year is checked against: the first region
 * one of whose places occurs in one of texts (*regional = true), else the national
 * framework of the kind. */
const char *jx_layout_region_framework(const jx_node *layouts, jx_doc_kind kind, int year, const char *const *texts,
                                       size_t ntexts, bool *regional);
/* Figures stated in sentences (layouts.yaml `prose:`), for the fields still empty, and
 * the sums of `infer:` (prose.c). */
void jx_imp_prose(jx_imp *im, const jx_node *layouts);
/* An integer setting at the top of layouts.yaml, or fallback. */
int jx_layout_setting(const jx_node *layouts, const char *key, int fallback);

/* A diagnostic at source line(s) of the import. */
void jx_imp_diag(jx_imp *im, const char *code, jx_severity sev, uint32_t line, uint32_t line_end, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* An entry of `assumptions:` (what could not be recovered, or was inferred). */
void jx_imp_assume(jx_imp *im, uint32_t line, uint32_t line_end, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A value recovered from the source. */
jx_ynode *jx_imp_set(jx_imp *im, jx_ynode *m, const char *key, const char *text, uint32_t line, uint32_t line_end);
jx_ynode *jx_imp_push(jx_imp *im, jx_ynode *s, const char *text, uint32_t line, uint32_t line_end);
/* Money / number text as it appears in the source, accepted only when jx_parse_money /
 * jx_parse_num reads it exactly. */
bool jx_imp_money_ok(const char *text);
/* A whole number ≥ 0 (a count). */
bool jx_imp_count_ok(const char *text);
bool jx_imp_num_ok(const char *text);

/* Find the report's parts and fill im->root (narrative.c). */
void jx_imp_narrative(jx_imp *im);
/* Tables (tables.c): the department's target table (部门整体支出绩效目标表) inside lines
 * [from, to); returns true when found. */
bool jx_imp_target_table(jx_imp *im, size_t from, size_t to);
/* A project self-evaluation table (财预〔2020〕10号 附件1 or Sichuan 510000_0013zp) or
 * a department self-evaluation table (Chongqing, 得分系数 × 权重) anywhere in the text;
 * returns true when one was read. */
bool jx_imp_selfeval_table(jx_imp *im);
/* After the tables: infer a single missing weight, link indicators to the figures
 * they describe. */
void jx_imp_indicators_finish(jx_imp *im, jx_ynode *list);

/* The heading marker at the start of t ("一、" level 1, "（一）" 2, "（1）" 3, "1." or
 * "1、" 4): its bytes, 0 when there is none. */
size_t jx_heading_marker(const char *t, int *level);
/* Heading lines: "一、", "（一）", "(一)", "1.", "（1）" … followed by keyword. */
size_t jx_imp_find_heading(const jx_imp *im, size_t from, size_t to, const char *keyword);

#endif
