/* table.h — one walk of a report table for every backend (internal): the origin cells
 * with their spans clipped, which origin covers each slot, the header rows, the
 * column weights.  The backends say only how a cell looks. */
#ifndef JX_RENDER_TABLE_H
#define JX_RENDER_TABLE_H

#include "render/report.h"
#include "util/arena.h"

/* An origin cell of the grid and the slots it covers: rows r..r+rs-1, columns
 * c..c+cs-1. */
typedef struct {
  const jx_rcell *cell;
  size_t r, c;
  size_t rs, cs; /* ≥ 1 */
} jx_tcell;

typedef struct {
  const jx_rtable *table;
  size_t rows, cols;    /* the grid; 0 × 0 when the table has no cells */
  jx_tcell *cells;      /* the origins, in row-major order */
  size_t ncells;
  size_t *owner;        /* rows × cols: 1 + the index in cells of the origin covering
                         * the slot; 0 for a covered slot that no span covers */
  size_t max_rowspan;   /* the largest rs (1 for an empty grid) */
  size_t header_rows;   /* table->header_rows, at most rows: marked as header */
  size_t header_block;  /* header_rows extended until no merged cell crosses its
                         * bottom: the rows repeated on each page as a unit */
} jx_tgrid;

/* Walk t once, in row-major order.  A slot that is covered, or that lies inside an
 * earlier span, is not an origin.  An origin's span is clipped to the grid, then its
 * columns stop before the first slot of its row already taken by an earlier span (an
 * earlier span cannot reach its later rows without crossing that row).  So the spans
 * never overlap and every slot has at most one owner; a well-formed table
 * (jx_rtable_span) keeps its spans exactly.  Allocated in a (never NULL). */
jx_tgrid *jx_tgrid_new(jx_arena *a, const jx_rtable *t);

/* The origin covering slot (r, c), or NULL. */
static inline const jx_tcell *jx_tgrid_owner(const jx_tgrid *g, size_t r, size_t c) {
  size_t o = g->owner[r * g->cols + c];
  return o ? &g->cells[o - 1] : NULL;
}

/* The relative width of column c: table->col_widths[c] when positive, else 1 (no
 * widths: equal columns). */
long jx_rtable_col_weight(const jx_rtable *t, size_t c);
/* The sum of the weights of t's columns (≥ 1 when t has columns). */
long jx_rtable_weight_sum(const jx_rtable *t);

#endif
