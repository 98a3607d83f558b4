/* docread.h — published documents (PDF by layout, DOCX, HTML, XLSX) as the importer's text.
 *
 * Every reader turns its format into one UTF-8 text, the importer's common input
 * ("table text"), which the rest of the pipeline (source.c onwards) reads:
 *
 *   - a paragraph is one line;
 *   - a table row is one line "| c1 | c2 | … |": a cell's own line breaks become one
 *     space, a '|' inside a cell becomes '｜' (U+FF5C), spaces at both ends of a cell are
 *     dropped, an empty cell is "| |";
 *   - a merged cell (DOCX gridSpan / vMerge, HTML colspan / rowspan, a PDF cell spanning
 *     several grid cells) is written once, in its first row and column; the cells it
 *     covers are written empty;
 *   - a line "" (empty) separates tables and paragraphs that were apart in the source
 *     (not required between a paragraph and the next one);
 *   - nothing else: no markup, no page headers or footers the format marks as such, no
 *     navigation, banners or scripts of a web page.
 *
 * Ownership: *out is malloc'd and NUL-terminated (the caller frees it), *len its bytes;
 * on failure *out is NULL.  Errors: JX_ERR_IO (cannot open, cannot run a program),
 * JX_ERR_DATA (damaged, encrypted, over a bound), with one Chinese sentence in err.
 * Bounds: nothing untrusted sets a size — a zip entry's declared size, a row count, a
 * page count are bounded by what arrives, and every reader stops with an error past
 * JX_DOCREAD_MAX_TEXT bytes of text or JX_DOCREAD_MAX_INPUT bytes read (decompressed).
 *
 * The readers need libzip, expat and libxml2: for the command line they live in the
 * documents module (libjixiao-excel.so, app/excel_plugin.c), reached through
 * jx_excel_module(); tests and fuzzers link them directly. */
#ifndef JX_DOCREAD_H
#define JX_DOCREAD_H

#include <stddef.h>

#include "jixiao.h"

#define JX_DOCREAD_MAX_TEXT ((size_t)16 << 20)  /* text written by one reader */
#define JX_DOCREAD_MAX_INPUT ((size_t)64 << 20) /* bytes read, decompressed, or from a child */
#define JX_DOCREAD_MAX_PAGES 500u               /* PDF pages read by layout */
#define JX_DOCREAD_TIMEOUT_MS 60000             /* a child process (pdftotext, LibreOffice) */

/* A DOCX file (WordprocessingML): w:body's w:p and w:tbl in order (tables inside
 * tables are flattened into their cell's text). */
jx_status jx_docx_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen);

/* An HTML page (a saved web page, or the HTML a word processor writes), through libxml2's
 * HTML parser: <table> into rows, block elements into paragraphs; <nav>, <header>,
 * <footer>, <script>, <style>, <aside>, forms and elements whose id/class name a
 * navigation, banner, breadcrumb or footer are dropped.  The charset is the page's own
 * (meta charset / http-equiv), UTF-8 when it names none; GBK pages are converted. */
jx_status jx_html_to_text(const char *name, const char *data, size_t n, char **out, size_t *len, char *err,
                          size_t errlen);

/* A PDF by layout: the words with their positions from `pdftotext -bbox-layout` (a
 * child process, argv only, bounded in time and output), lines rebuilt from the words'
 * boxes, and tables rebuilt from the geometry (column edges shared by several rows,
 * ruling when present) rather than from line breaks.  A PDF with no text gives
 * JX_ERR_DATA with the scanned-document sentence; an encrypted one its own sentence. */
jx_status jx_pdf_layout_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen);

/* The text of an XLSX workbook in the same form (the XLSX reader of parse/xlsx.c, its
 * bounds): each sheet's used rows as table rows, merged ranges written once, sheets
 * separated by an empty line. */
jx_status jx_xlsx_file_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen);

#endif
