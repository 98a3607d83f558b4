/* report.h — the report as a format-neutral document (internal): built once from the
 * model and the scores (report.c), rendered by one backend per format (md, html,
 * docx, pdf, xlsx).  Every figure in it comes from jx_doc / jx_result, so no number is
 * typed twice.  Everything is owned by the report's arena (jx_report_free). */
#ifndef JX_REPORT_H
#define JX_REPORT_H

#include <string.h>
#include "jixiao.h"
#include "util/arena.h"

typedef enum {
  JX_RB_TITLE,     /* text: the report's title lines (attachment mark, unit, title) */
  JX_RB_HEADING,   /* level 1..4, number "一、" "（一）" "1." "（1）", text */
  JX_RB_PARAGRAPH, /* text (may be long); number set for a numbered item "1." */
  JX_RB_TABLE,     /* table */
  JX_RB_CHART,     /* chart */
  JX_RB_SIGNATURE, /* text = signer, text2 = date written as 2024年6月20日 */
  JX_RB_PAGEBREAK  /* before an appended official table */
} jx_rblock_kind;

typedef enum { JX_ALIGN_LEFT = 0, JX_ALIGN_CENTER, JX_ALIGN_RIGHT } jx_align;

/* What a cell's number is, for XLSX number formats and right alignment. */
typedef enum {
  JX_CELL_TEXT = 0,
  JX_CELL_MONEY,   /* value in 分; shown in 万元 with 2 decimals */
  JX_CELL_NUMBER,  /* value × JX_NUM_SCALE; shown with up to 2 decimals */
  JX_CELL_PERCENT  /* value = percent × JX_NUM_SCALE; shown "92.12%" */
} jx_cell_type;

/* One slot of a table's grid.  An origin cell has rowspan/colspan ≥ 1; the slots it
 * covers have covered = true and nothing else. */
typedef struct {
  const char *text;     /* as displayed (already formatted); never NULL for origins */
  int rowspan, colspan;
  bool covered;
  bool header;          /* a header cell (th) */
  jx_align align;
  jx_cell_type type;
  int64_t value;        /* the exact number behind text, by type */
  bool has_value;
  /* XLSX only: a formula relative to this cell in R1C1 notation, e.g.
   * "=RC[-1]/RC[-2]" (a percent cell holds a fraction) or "=SUM(R[-4]C:R[-1]C)"; its
   * cached result is value. */
  const char *formula;
} jx_rcell;

typedef struct {
  const char *caption;  /* table title, e.g. 部门整体支出绩效目标表 */
  const char *sheet;    /* XLSX sheet name (≤ 31 chars) */
  const char *unit_note;/* e.g. "单位：万元" shown above the table at the right */
  size_t rows, cols;
  size_t header_rows;   /* repeated on each page (PDF) and marked as header (HTML/DOCX) */
  int *col_widths;      /* relative widths, cols entries, sum arbitrary */
  jx_rcell *cells;      /* rows × cols, row-major */
} jx_rtable;

static inline jx_rcell *jx_rtable_at(const jx_rtable *t, size_t r, size_t c) { return &t->cells[r * t->cols + c]; }

/* Merge rows × cols cells from (r, c): the anchor gets the spans, every other cell is
 * cleared to an empty covered cell.  The range must lie inside the table. */
static inline void jx_rtable_span(jx_rtable *t, size_t r, size_t c, int rows, int cols) {
  jx_rtable_at(t, r, c)->rowspan = rows;
  jx_rtable_at(t, r, c)->colspan = cols;
  for (size_t i = r; i < r + (size_t)rows; i++)
    for (size_t k = c; k < c + (size_t)cols; k++)
      if (i != r || k != c) {
        jx_rcell *x = jx_rtable_at(t, i, k);
        memset(x, 0, sizeof *x);
        x->covered = true;
        x->text = "";
      }
}

typedef enum { JX_CHART_ATTAINMENT, JX_CHART_BUDGET } jx_chart_kind;

typedef struct {
  const char *label;     /* indicator name, or 年初预算 / 调整后预算 / 执行数 */
  int64_t value;         /* attainment: actual / target in percent × JX_NUM_SCALE; budget: 分 */
  int status;            /* attainment: 0 met, 1 partly, 2 not met; budget: series index */
} jx_chart_point;

typedef struct {
  jx_chart_kind kind;
  const char *title;
  const char *alt;       /* text alternative (HTML alt, accessibility) */
  JX_LIST(jx_chart_point) points;
  /* budget chart: monitoring checkpoints, cumulative executed by month (分) */
  JX_LIST(jx_chart_point) checkpoints;
  int64_t reference;     /* budget chart: the adjusted budget (分) the checkpoints aim at */
} jx_chart;

typedef struct {
  jx_rblock_kind kind;
  int level;             /* headings */
  const char *number;    /* "一、" … or NULL */
  const char *text;
  const char *text2;
  jx_rtable *table;
  jx_chart *chart;
} jx_rblock;

typedef struct {
  jx_arena *arena;
  const char *title;     /* 政协峨边彝族自治县委员会办公室2023年度部门整体绩效自评报告 */
  const char *unit;      /* the department */
  const char *date;      /* YYYY-MM-DD from the file (creation date of every output) */
  int year;
  JX_LIST(jx_rblock) blocks;
  const char *xlsx_note; /* the closing note of the XLSX 说明 sheet; NULL: the year-end report's
                            (万元, formulas) */
} jx_report;

/* Build the report of a department-year (or project) from its document and result.
 * Never fails for data reasons; missing parts are left out. */
jx_report *jx_report_build(const jx_doc *doc, const jx_result *res);
void jx_report_free(jx_report *r);

/* Backends.  Each writes the whole report deterministically (same input, same
 * bytes).  Return JX_OK, or JX_ERR_IO with a message in *err (static or arena). */
jx_status jx_render_markdown(const jx_report *r, FILE *out);
jx_status jx_render_html(const jx_report *r, FILE *out);
jx_status jx_render_docx(const jx_report *r, const char *path, const char **err);
jx_status jx_render_pdf(const jx_report *r, const char *path, const char **err);
jx_status jx_render_xlsx(const jx_report *r, const char *path, const char **err);

/* Write a built report in format fmt to path ("-": md/html to stdout) through the backend
 * of the format (the render module for the command line): what jx_report_write does once
 * the report is built, for the other documents built as a jx_report (the 绩效目标表 of a
 * declaration, render/decl_form.c).  JX_ERR_INVALID / JX_ERR_IO with a message in err. */
jx_status jx_report_render(const jx_report *rep, jx_format fmt, const char *path, char *err, size_t errlen);

/* The backends that need cairo, pango, libxlsxwriter and libzip are, for the command
 * line, a module loaded only when a report is written (libjixiao-render.so), so that
 * check/score/audit start without loading ~40 shared libraries.  The module hands out
 * this table; JX_RENDER_ABI changes whenever report.h changes shape. */
#define JX_RENDER_ABI 2
typedef struct {
  int abi;
  jx_status (*html)(const jx_report *r, FILE *out);
  jx_status (*docx)(const jx_report *r, const char *path, const char **err);
  jx_status (*pdf)(const jx_report *r, const char *path, const char **err);
  jx_status (*xlsx)(const jx_report *r, const char *path, const char **err);
  void (*cleanup)(void);
} jx_render_plugin;

/* The template writer (render/template.c), behind jx_template_write. */
jx_status jx_render_template(const jx_doc *doc, const jx_result *res, jx_template_kind kind, const char *path,
                             char *err, size_t errlen);
/* The 绩效监控表 template (render/mon_template.c), behind jx_monreport_template_write. */
jx_status jx_render_mon_template(const jx_monreport *rep, const char *path, char *err, size_t errlen);

/* Charts are drawn once, with cairo, for every format: SVG text (HTML), PNG bytes
 * (DOCX) or straight onto a cairo context (PDF).  chart_draw draws in a w × h box
 * (points) at the context's origin. */
struct _cairo;
void jx_chart_draw(const jx_chart *c, struct _cairo *cr, double w, double h);
/* SVG / PNG as malloc'd bytes (caller frees); NULL on failure. */
unsigned char *jx_chart_svg(const jx_chart *c, double w, double h, size_t *len);
unsigned char *jx_chart_png(const jx_chart *c, double w, double h, double dpi, size_t *len);

#endif
