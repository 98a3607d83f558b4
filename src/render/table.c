/* table.c — the one walk of a report table's grid (spans clipped, owners, header
 * rows, column weights) that the PDF, DOCX, XLSX and HTML backends render from. */
#include "render/table.h"

jx_tgrid *jx_tgrid_new(jx_arena *a, const jx_rtable *t) {
  jx_tgrid *g = jx_arena_alloc(a, sizeof *g);
  g->table = t;
  g->max_rowspan = 1;
  if (!t || !t->rows || !t->cols || !t->cells) {
    g->owner = jx_arena_alloc(a, sizeof *g->owner);
    g->cells = jx_arena_alloc(a, sizeof *g->cells);
    return g;
  }
  size_t R = t->rows, C = t->cols;
  g->rows = R;
  g->cols = C;
  g->owner = jx_arena_alloc(a, R * C * sizeof *g->owner);
  g->cells = jx_arena_alloc(a, R * C * sizeof *g->cells);
  for (size_t r = 0; r < R; r++)
    for (size_t c = 0; c < C; c++) {
      const jx_rcell *x = jx_rtable_at(t, r, c);
      if (x->covered || g->owner[r * C + c]) continue;
      size_t rs = x->rowspan > 1 ? (size_t)x->rowspan : 1, cs = x->colspan > 1 ? (size_t)x->colspan : 1;
      if (rs > R - r) rs = R - r;
      if (cs > C - c) cs = C - c;
      for (size_t k = 1; k < cs; k++) /* stop at a slot of this row already taken */
        if (g->owner[r * C + c + k]) {
          cs = k;
          break;
        }
      jx_tcell *tc = &g->cells[g->ncells++];
      *tc = (jx_tcell){x, r, c, rs, cs};
      for (size_t i = r; i < r + rs; i++)
        for (size_t k = c; k < c + cs; k++) g->owner[i * C + k] = g->ncells;
      if (rs > g->max_rowspan) g->max_rowspan = rs;
    }
  size_t hdr = t->header_rows < R ? t->header_rows : R;
  g->header_rows = hdr;
  for (bool grew = true; grew && hdr > 0;) {
    grew = false;
    for (size_t i = 0; i < g->ncells; i++)
      if (g->cells[i].r < hdr && g->cells[i].r + g->cells[i].rs > hdr) {
        hdr = g->cells[i].r + g->cells[i].rs;
        grew = true;
      }
  }
  g->header_block = hdr;
  return g;
}

long jx_rtable_col_weight(const jx_rtable *t, size_t c) {
  return t->col_widths && t->col_widths[c] > 0 ? t->col_widths[c] : 1;
}

long jx_rtable_weight_sum(const jx_rtable *t) {
  long sum = 0;
  for (size_t c = 0; c < t->cols; c++) sum += jx_rtable_col_weight(t, c);
  return sum;
}
