/* tabletext.h — writing the importer's table text (docread.h), shared by the document readers. */
#ifndef JX_TABLETEXT_H
#define JX_TABLETEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* The text a reader writes: out (the caller frees out.p), and whether an empty line is
 * due before the next line (a break between parts). */
typedef struct {
  jx_buf out;
  bool blank;
} jx_tt;

/* Append raw UTF-8 s[0..n) to b: ASCII blanks and control characters folded into one
 * space, U+00A0 a space, U+200B and U+FEFF dropped, both ends trimmed; '|' becomes '｜'
 * in a cell, and at the start of a line (a paragraph must not read as a row). */
void jx_tt_clean(jx_buf *b, const char *s, size_t n, bool cell);

/* One line of text into w, after an empty line when one is due; a line blank after
 * cleaning writes nothing (when parts is true it makes an empty line due, as an empty
 * paragraph of a document does). */
void jx_tt_line(jx_tt *w, const char *s, size_t n, bool parts);

/* A paragraph buffer into w, a line for each '\n' in it (jx_tt_line); para is emptied. */
void jx_tt_para(jx_tt *w, jx_buf *para, bool parts);

/* One cell " text |" appended to row; returns whether it holds text. */
bool jx_tt_cell(jx_buf *row, const char *s, size_t n);

/* A row "|" + row + "\n" into w when has_text (after a due empty line); row is emptied. */
void jx_tt_row(jx_tt *w, jx_buf *row, bool has_text);

#endif
