/* read_tabletext.c — the table-text writer the document readers share (tabletext.h). */
#include "import/tabletext.h"

void jx_tt_clean(jx_buf *b, const char *s, size_t n, bool cell) {
  bool space = false, any = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    size_t skip = 0;
    bool blank = c <= 0x20 || c == 0x7f;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) blank = true, skip = 1; /* U+00A0 */
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x8B) {
      i += 2; /* U+200B */
      continue;
    }
    if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF) {
      i += 2; /* U+FEFF */
      continue;
    }
    i += skip;
    if (blank) {
      space = any;
      continue;
    }
    if (space) jx_buf_ch(b, ' ');
    space = false;
    if (c == '|' && (cell || !any)) jx_buf_puts(b, "｜");
    else jx_buf_ch(b, (char)c);
    any = true;
  }
}

void jx_tt_line(jx_tt *w, const char *s, size_t n, bool parts) {
  size_t mark = w->out.n;
  if (w->blank && w->out.n) jx_buf_ch(&w->out, '\n');
  size_t start = w->out.n;
  jx_tt_clean(&w->out, s, n, false);
  if (w->out.n == start) {
    w->out.n = mark;
    if (w->out.p) w->out.p[mark] = '\0';
    if (parts) w->blank = mark > 0;
    return;
  }
  w->blank = false;
  jx_buf_ch(&w->out, '\n');
}

void jx_tt_para(jx_tt *w, jx_buf *para, bool parts) {
  const char *s = para->p ? para->p : "";
  size_t n = para->n, a = 0;
  for (size_t i = 0; i <= n; i++)
    if (i == n || s[i] == '\n') {
      jx_tt_line(w, s + a, i - a, parts);
      a = i + 1;
    }
  para->n = 0;
}

bool jx_tt_cell(jx_buf *row, const char *s, size_t n) {
  size_t start = row->n;
  jx_buf_ch(row, ' ');
  jx_tt_clean(row, s, n, true);
  bool text = row->n > start + 1;
  if (text) jx_buf_ch(row, ' ');
  jx_buf_ch(row, '|');
  return text;
}

void jx_tt_row(jx_tt *w, jx_buf *row, bool has_text) {
  if (has_text) {
    if (w->out.n && w->blank) jx_buf_ch(&w->out, '\n');
    w->blank = false;
    jx_buf_ch(&w->out, '|');
    jx_buf_mem(&w->out, row->p, row->n);
    jx_buf_ch(&w->out, '\n');
  }
  row->n = 0;
}
