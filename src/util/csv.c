/* csv.c — writing CSV (RFC 4180) with the formula-injection rule; see csv.h. */
#include "util/csv.h"

#include <string.h>

static bool formula_like(const char *s) { return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'; }

void jx_csv_cell(FILE *out, const char *text, bool first) {
  if (!first) fputc(',', out);
  if (!text || !*text) return;
  size_t n = strlen(text);
  bool quote = strpbrk(text, ",\"\r\n") != NULL || text[0] == ' ' || text[n - 1] == ' ';
  if (quote) fputc('"', out);
  if (formula_like(text)) fputc('\'', out);
  for (const char *p = text; *p; p++) {
    if (*p == '"') fputc('"', out);
    fputc(*p, out);
  }
  if (quote) fputc('"', out);
}

void jx_csv_number(FILE *out, const char *number, bool first) {
  if (!first) fputc(',', out);
  if (number) fputs(number, out);
}

void jx_csv_end(FILE *out) { fputs("\r\n", out); }
