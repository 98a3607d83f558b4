/* pdf_layout.h — the geometry stage of the PDF reader (internal): pdftotext's
 * -bbox-layout XHTML into table text, apart from the child process so that it can be
 * fuzzed and tested on its own. */
#ifndef JX_PDF_LAYOUT_H
#define JX_PDF_LAYOUT_H

#include <stddef.h>

#include "jixiao.h"

/* xhtml[0..n): the output of `pdftotext -bbox-layout` (<page width height> <flow> <block>
 * <line> <word xMin yMin xMax yMax>text</word>); need not be NUL-terminated nor valid.
 * Writes the table text of import/docread.h to *out (malloc'd, NUL-terminated; *len its
 * bytes).  JX_ERR_DATA with one Chinese sentence in err: not that XHTML, more than
 * JX_DOCREAD_MAX_PAGES pages, more than JX_PDF_MAX_WORDS words, nesting deeper than 64,
 * no word at all (the scanned-document sentence), text over JX_DOCREAD_MAX_TEXT. */
jx_status jx_pdf_bbox_to_text(const char *xhtml, size_t n, char **out, size_t *len, char *err, size_t errlen);

/* The same, with svg[0..svg_n) the output of `pdftocairo -svg` of the same document (NULL
 * for none): tables drawn with rules are read by their cells, a wrapped cell's lines
 * joined; an SVG that cannot be read, or of another page count, is left out. */
jx_status jx_pdf_bbox_svg_to_text(const char *xhtml, size_t n, const char *svg, size_t svg_n, char **out, size_t *len,
                                  char *err, size_t errlen);

#define JX_PDF_MAX_WORDS 2000000u /* words of one document */

#endif
