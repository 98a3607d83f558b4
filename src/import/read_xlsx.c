/* read_xlsx.c — an XLSX workbook (a form filled in Excel or WPS) as the importer's table text (docread.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/docread.h"
#include "import/tabletext.h"
#include "parse/xlsx.h"
#include "util/buf.h"

/* A cell (tabletext.h); a percent-formatted number shown as the form shows it ("0.95" →
 * "95%"), by moving the decimal point. */
static void put_cell(jx_buf *b, const jx_xcell *c) {
  const char *t = c ? c->text : "";
  if (c && c->type == JX_XC_NUMBER && c->format == JX_XF_PERCENT) {
    char digits[80];
    size_t n = strlen(t);
    const char *dot = strchr(t, '.');
    if (n < 40 && !strchr(t, 'E') && !strchr(t, 'e')) {
      bool neg = t[0] == '-';
      const char *p = t + neg;
      size_t ip = dot ? (size_t)(dot - p) : strlen(p);
      const char *frac = dot ? dot + 1 : "";
      size_t fl = strlen(frac);
      size_t k = 0;
      if (neg) digits[k++] = '-';
      memcpy(digits + k, p, ip);
      k += ip;
      for (size_t i = 0; i < 2; i++) {
        char d = '0';
        if (i < fl) d = frac[i];
        digits[k++] = d;
      }
      size_t start = neg, lead = start;
      while (lead + 1 < k && digits[lead] == '0') lead++;
      memmove(digits + start, digits + lead, k - lead);
      k -= lead - start;
      if (fl > 2) {
        digits[k++] = '.';
        memcpy(digits + k, frac + 2, fl - 2);
        k += fl - 2;
      }
      digits[k++] = '%';
      digits[k] = '\0';
      jx_tt_cell(b, digits, k);
      return;
    }
  }
  jx_tt_cell(b, t, strlen(t)); /* trimmed, blanks and line breaks folded, '|' as '｜' */
}

/* Whether (row, col) is inside a merged range without being its top-left cell. */
static bool covered(const jx_xsheet *s, uint32_t row, uint32_t col) {
  for (size_t i = 0; i < s->n_merges; i++) {
    const jx_xrange *m = &s->merges[i];
    if (row >= m->r1 && row <= m->r2 && col >= m->c1 && col <= m->c2) return !(row == m->r1 && col == m->c1);
  }
  return false;
}

jx_status jx_xlsx_file_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen) {
  *out = NULL;
  *len = 0;
  jx_workbook *wb = NULL;
  jx_status st = jx_xlsx_read_file(path, NULL, &wb, err, errlen);
  if (st != JX_OK) return st;
  jx_buf b = {0};
  for (size_t si = 0; si < wb->n_sheets; si++) {
    const jx_xsheet *s = &wb->sheets[si];
    if (s->state != JX_SHEET_VISIBLE || !s->n_cells) continue;
    if (b.n) jx_buf_puts(&b, "\n");
    for (uint32_t r = 0; r < s->n_rows; r++) {
      /* the row's last column holding text; an empty row is left out */
      uint32_t last = 0;
      bool any = false;
      for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++)
        if (!s->cells[i].merged && s->cells[i].text[0]) {
          any = true;
          if (s->cells[i].col + 1 > last) last = s->cells[i].col + 1;
        }
      if (!any) continue;
      jx_buf_puts(&b, "|");
      for (uint32_t c = 0; c < last; c++) {
        const jx_xcell *cell = covered(s, r, c) ? NULL : jx_xsheet_cell(s, r, c);
        put_cell(&b, cell);
      }
      jx_buf_puts(&b, "\n");
      if (b.n > JX_DOCREAD_MAX_TEXT) {
        free(b.p);
        jx_workbook_free(wb);
        snprintf(err, errlen, "工作簿的文字超过导入上限 %zu MB", JX_DOCREAD_MAX_TEXT >> 20);
        return JX_ERR_DATA;
      }
    }
  }
  jx_workbook_free(wb);
  if (!b.p) jx_buf_puts(&b, "");
  *out = b.p;
  *len = b.n;
  return JX_OK;
}
