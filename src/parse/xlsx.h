/* xlsx.h — spreadsheets read into memory (internal): the XLSX reader (libzip + expat,
 * xlsx.c) and the CSV reader (csv_read.c) both give a jx_workbook of text cells. */
#ifndef JX_XLSX_H
#define JX_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jixiao.h"
#include "util/arena.h"

typedef enum {
  JX_XC_STRING = 0, /* shared string, inlineStr, t="str" (a formula's text), CSV field */
  JX_XC_NUMBER,     /* t="n": text is a plain decimal ("1072.52", "-0.000001"), never E-notation */
  JX_XC_BOOL,       /* text "TRUE" / "FALSE" */
  JX_XC_ERROR,      /* text as stored ("#DIV/0!") */
  JX_XC_DATE        /* a number under a date format: text "YYYY-MM-DD" */
} jx_xcell_type;

typedef enum {
  JX_XF_GENERAL = 0,
  JX_XF_PERCENT, /* the number format shows a percentage: 0.95 is shown as 95% */
  JX_XF_DATE,
  JX_XF_TEXT,    /* "@" */
  JX_XF_OTHER
} jx_xcell_format;

typedef struct {
  uint32_t row, col;  /* 0-based */
  uint8_t type;       /* jx_xcell_type */
  uint8_t format;     /* jx_xcell_format */
  bool formula;       /* the cell holds a formula; text is its cached value */
  bool merged;        /* inside a merged range, not its top-left cell: text is the top-left's */
  const char *text;   /* never NULL; UTF-8, as stored (not trimmed) */
} jx_xcell;

typedef struct {
  uint32_t r1, c1, r2, c2; /* 0-based, inclusive */
} jx_xrange;

typedef enum { JX_SHEET_VISIBLE = 0, JX_SHEET_HIDDEN, JX_SHEET_VERY_HIDDEN } jx_sheet_state;

typedef struct {
  const char *name;
  jx_sheet_state state;
  jx_xcell *cells;     /* sorted by row, then column; one per (row, col) */
  size_t n_cells;
  uint32_t n_rows;     /* 1 + the last row holding a cell (0 when empty) */
  uint32_t n_cols;
  size_t *row_start;   /* n_rows + 1 offsets into cells */
  jx_xrange *merges;
  size_t n_merges;
} jx_xsheet;

typedef struct {
  const char *name, *value; /* a workbook-level defined name and its formula text */
} jx_xname;

typedef struct jx_workbook {
  jx_arena *arena;     /* owns everything */
  const char *source;  /* the file name as given */
  bool date1904;
  jx_xsheet *sheets;   /* in workbook order */
  size_t n_sheets;
  jx_xname *names;
  size_t n_names;
} jx_workbook;

/* Caps on untrusted input.  Exceeding any of them refuses the whole file. */
typedef struct jx_xlsx_limits {
  size_t max_total;     /* uncompressed bytes read from all the parts together */
  size_t max_entry;     /* uncompressed bytes of one part */
  size_t max_ratio;     /* uncompressed / compressed of one part (beyond the first MiB) */
  uint32_t max_rows;    /* rows of one sheet */
  uint32_t max_cols;    /* columns of one sheet */
  size_t max_string;    /* bytes of one cell's text */
  unsigned max_depth;   /* XML element nesting */
  size_t max_cells;     /* cells of the whole workbook, merged-cell copies included */
  size_t max_sheets;
} jx_xlsx_limits;

/* The defaults: 256 MiB total, 64 MiB a part, ratio 200, 100,000 rows, 256 columns,
 * 32,767 characters' worth of bytes (128 KiB) a cell, depth 64, 4 M cells, 256 sheets. */
extern const jx_xlsx_limits jx_xlsx_default_limits;

/* Read an XLSX file (path) or XLSX bytes in memory (data, len; name is used in
 * messages).  lim may be NULL (defaults).  On success *out owns the workbook
 * (jx_workbook_free).  On failure *out is NULL, the status is JX_ERR_IO (unreadable)
 * or JX_ERR_DATA (not an XLSX, damaged, or over a cap) and err holds one Chinese
 * sentence naming the part and the reason. */
jx_status jx_xlsx_read_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t errlen);
jx_status jx_xlsx_read_mem(const char *name, const void *data, size_t len, const jx_xlsx_limits *lim, jx_workbook **out,
                           char *err, size_t errlen);

/* Read CSV (RFC 4180: comma separated, "quoted" fields with "" inside, CRLF or LF; a
 * UTF-8 BOM is skipped) as a workbook of one sheet named after the file.  Same
 * contract and caps (rows, columns, string length, cells) as the XLSX reader. */
jx_status jx_csv_read_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t errlen);
jx_status jx_csv_read_mem(const char *name, const char *data, size_t len, const jx_xlsx_limits *lim,
                          jx_workbook **out, char *err, size_t errlen);

void jx_workbook_free(jx_workbook *wb);

/* The cell at (row, col) of s, or NULL when empty.  Inside a merged range the copy
 * of the top-left cell (merged == true) is returned. */
const jx_xcell *jx_xsheet_cell(const jx_xsheet *s, uint32_t row, uint32_t col);

/* The sheet named name, or NULL. */
const jx_xsheet *jx_workbook_sheet(const jx_workbook *wb, const char *name);

/* "C12" for row 11, column 2 (0-based) into buf (at least 16 bytes). */
char *jx_cell_ref(uint32_t row, uint32_t col, char *buf, size_t n);

/* For the command line, the XLSX reader and the template writer are a module of their
 * own, libjixiao-excel.so (libzip, expat, libxlsxwriter), loaded only by `import` of an
 * XLSX and by `template`; it hands out this table (app/excel_plugin.c). */
#define JX_EXCEL_ABI 5
/* A plain grid for one sheet (grid_write): a header row and rows × cols texts (NULL or ""
 * empty), row by row; numeric[c] true: column c's whole-number texts become numbers. */
typedef struct {
  const char *sheet;           /* the sheet's name (指标库) */
  size_t cols, rows;
  const char *const *header;   /* cols labels */
  const bool *numeric;         /* cols flags, or NULL: all text */
  const char *const *cells;    /* rows × cols */
} jx_xlsx_grid;
typedef struct {
  int abi;
  jx_status (*xlsx_read_file)(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t errlen);
  jx_status (*xlsx_read_mem)(const char *name, const void *data, size_t len, const jx_xlsx_limits *lim, jx_workbook **out,
                             char *err, size_t errlen);
  jx_status (*template_write)(const jx_doc *doc, const jx_result *res, jx_template_kind kind, const char *path, char *err,
                              size_t errlen);
  /* the document readers of import-report (import/docread.h, same contracts) */
  jx_status (*docx_to_text)(const char *path, char **out, size_t *len, char *err, size_t errlen);
  jx_status (*html_to_text)(const char *name, const char *data, size_t n, char **out, size_t *len, char *err,
                            size_t errlen);
  jx_status (*pdf_layout_to_text)(const char *path, char **out, size_t *len, char *err, size_t errlen);
  jx_status (*xlsx_file_to_text)(const char *path, char **out, size_t *len, char *err, size_t errlen);
  /* the 绩效目标表 template (render/decl_template.c, jx_decl_template_write) */
  jx_status (*decl_template_write)(const jx_decl *const *decls, size_t n, const char *path, char *err, size_t errlen);
  /* one grid as a one-sheet workbook (render/decl_template.c, jx_render_grid_xlsx; ABI 4) */
  jx_status (*grid_write)(const jx_xlsx_grid *g, const char *path, char *err, size_t errlen);
  /* the 绩效监控表 template (render/mon_template.c, jx_monreport_template_write; ABI 5) */
  jx_status (*mon_template_write)(const jx_monreport *rep, const char *path, char *err, size_t errlen);
} jx_excel_plugin;
/* The command line's build (JX_RENDER_PLUGIN): the module's table, loaded on first use
 * (parse/sheet.c); NULL with the reason in err when it cannot be loaded. */
const jx_excel_plugin *jx_excel_module(char *err, size_t errlen);

/* Shared by both readers (workbook.c): index a sheet whose cells have been appended
 * (sort, row offsets, merged-cell copies; counts against lim->max_cells via *cells). */
bool jx_workbook_finish_sheet(jx_workbook *wb, jx_xsheet *s, size_t max_cells, size_t *cells);

#endif
