/* csv.h — writing CSV (RFC 4180) safely for spreadsheets: quoting and the formula-injection rule (internal). */
#ifndef JX_CSV_H
#define JX_CSV_H

#include <stdbool.h>
#include <stdio.h>

/* One data cell (text from users or files).  Writes a comma first unless first.  The
 * cell is quoted ("…", inner quotes doubled) when it contains a comma, a quote, CR or
 * LF, or starts or ends with a space.  A cell starting with = + - @, a tab or a CR would
 * be run as a formula by Excel/LibreOffice: it is written with a leading apostrophe
 * (' then the text), which spreadsheets show as text.  NULL writes an empty cell. */
void jx_csv_cell(FILE *out, const char *text, bool first);
/* A number that jixiao formatted itself ("-12.50", "98"): written as is, never prefixed,
 * so a negative number stays a number.  Never pass user text here. */
void jx_csv_number(FILE *out, const char *number, bool first);
/* End of a record: CRLF, as RFC 4180 says. */
void jx_csv_end(FILE *out);

#endif
