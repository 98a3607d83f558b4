/* xlsx_book.h — what the XLSX writers share (internal): xlsx.c's text, sheet-name and date
 * rules, and a workbook written beside its target and renamed into place (xlsx_book.c). */
#ifndef JX_XLSX_BOOK_H
#define JX_XLSX_BOOK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <xlsxwriter.h>

#include "jixiao.h"
#include "util/arena.h"

/* xlsx.c: s as a cell's text (control characters out; cell: also a leading = + - @ kept as
 * text), in a. */
const char *jx_xlsx_clean_text(jx_arena *a, const char *s, bool cell);
/* xlsx.c: a sheet name Excel accepts, from want (else fallback), unlike the nused in used. */
const char *jx_xlsx_sheet_name(jx_arena *a, const char *want, const char *fallback, const char **used, size_t nused);
/* xlsx.c: the creation date of a workbook dated s (YYYY-MM-DD) at 00:00 UTC. */
time_t jx_xlsx_date_utc(const char *s);

/* A workbook being written into a temporary file beside its target.  Ownership: tmp is
 * the book's (freed by jx_xlsx_book_finish); wb is libxlsxwriter's until finished. */
typedef struct {
  lxw_workbook *wb;
  const char *path; /* the target, borrowed */
  char *tmp;
  lxw_error err;     /* the first error of the writing (LXW_NO_ERROR none) … */
  const char *where; /* … and where it happened, in words ("指标表") */
} jx_xlsx_book;

/* Start b for path: a writable temporary file beside it (a failed run leaves no
 * half-written target).  JX_OK, or JX_ERR_IO with a Chinese message in err. */
jx_status jx_xlsx_book_open(jx_xlsx_book *b, const char *path, char *err, size_t errlen);
/* Keep the first error e (not LXW_NO_ERROR) with where it happened. */
void jx_xlsx_book_check(jx_xlsx_book *b, lxw_error e, const char *where);
/* A format of the printed forms in b: 宋体 11 pt, vertically centred, aligned by align;
 * bold, a thin border and wrapped text as asked. */
lxw_format *jx_xlsx_book_format(jx_xlsx_book *b, bool bold, bool border, uint8_t align, bool wrap);
/* Close b's workbook and rename it to its target.  On any error no file is left and err
 * says why ("写 XLSX WHAT“path”失败（where）：…"); JX_ERR_IO.  The temporary name is freed. */
jx_status jx_xlsx_book_finish(jx_xlsx_book *b, const char *what, char *err, size_t errlen);

#endif
