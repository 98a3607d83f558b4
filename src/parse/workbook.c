/* workbook.c — the in-memory workbook both readers fill: cell index, merged ranges, lookups. */
#include <stdlib.h>
#include <string.h>

#include "parse/xlsx.h"

const jx_xlsx_limits jx_xlsx_default_limits = {
    .max_total = (size_t)256 << 20,
    .max_entry = (size_t)64 << 20,
    .max_ratio = 200,
    .max_rows = 100000,
    .max_cols = 256,
    .max_string = (size_t)128 << 10,
    .max_depth = 64,
    .max_cells = (size_t)4 << 20,
    .max_sheets = 256,
};

static int cmp_cell(const void *a, const void *b) {
  const jx_xcell *x = a, *y = b;
  if (x->row != y->row) return x->row < y->row ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return 0; /* the same cell twice (a damaged file): one of them is kept */
}

static bool sorted(const jx_xcell *c, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (c[i - 1].row > c[i].row || (c[i - 1].row == c[i].row && c[i - 1].col >= c[i].col)) return false;
  return true;
}

static void dedupe(jx_xsheet *s) {
  size_t w = 0;
  for (size_t i = 0; i < s->n_cells; i++)
    if (w == 0 || s->cells[w - 1].row != s->cells[i].row || s->cells[w - 1].col != s->cells[i].col)
      s->cells[w++] = s->cells[i];
  s->n_cells = w;
}

static const jx_xcell *find(const jx_xsheet *s, uint32_t row, uint32_t col) {
  if (row >= s->n_rows || !s->row_start) return NULL;
  size_t lo = s->row_start[row], hi = s->row_start[row + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->cells[mid].col == col) return &s->cells[mid];
    if (s->cells[mid].col < col) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

static void index_rows(jx_workbook *wb, jx_xsheet *s) {
  s->n_rows = s->n_cells ? s->cells[s->n_cells - 1].row + 1 : 0;
  s->n_cols = 0;
  s->row_start = jx_arena_alloc(wb->arena, ((size_t)s->n_rows + 1) * sizeof *s->row_start);
  size_t i = 0;
  for (uint32_t r = 0; r <= s->n_rows; r++) {
    while (i < s->n_cells && s->cells[i].row < r) i++;
    s->row_start[r] = i;
  }
  for (size_t k = 0; k < s->n_cells; k++)
    if (s->cells[k].col + 1 > s->n_cols) s->n_cols = s->cells[k].col + 1;
}

bool jx_workbook_finish_sheet(jx_workbook *wb, jx_xsheet *s, size_t max_cells, size_t *cells) {
  if (!sorted(s->cells, s->n_cells)) {
    qsort(s->cells, s->n_cells, sizeof *s->cells, cmp_cell);
    dedupe(s);
  }
  if (s->n_merges == 0) {
    index_rows(wb, s);
    return true;
  }
  /* Copy each merged range's top-left cell into the rest of the range, so that a lookup
   * anywhere in the range finds it.  The copies count against max_cells. */
  size_t extra = 0;
  for (size_t m = 0; m < s->n_merges; m++) {
    const jx_xrange *r = &s->merges[m];
    size_t area = ((size_t)r->r2 - r->r1 + 1) * ((size_t)r->c2 - r->c1 + 1);
    if (area > max_cells || extra > max_cells - area) return false;
    extra += area - 1;
  }
  if (*cells > max_cells || extra > max_cells - *cells) return false;
  *cells += extra;
  index_rows(wb, s);
  jx_xcell *all = jx_arena_take(wb->arena, (s->n_cells + extra + 1) * sizeof *all);
  if (s->n_cells) memcpy(all, s->cells, s->n_cells * sizeof *all); /* a sheet of merges only has no cells */
  size_t n = s->n_cells;
  for (size_t m = 0; m < s->n_merges; m++) {
    const jx_xrange *r = &s->merges[m];
    const jx_xcell *tl = find(s, r->r1, r->c1);
    if (!tl) continue;
    for (uint32_t row = r->r1; row <= r->r2; row++)
      for (uint32_t col = r->c1; col <= r->c2; col++) {
        if (row == r->r1 && col == r->c1) continue;
        /* a stray value under a merge is hidden by the spreadsheet: the copy replaces it */
        const jx_xcell *under = find(s, row, col);
        jx_xcell *c = under ? &all[under - s->cells] : &all[n++];
        *c = all[tl - s->cells];
        c->row = row;
        c->col = col;
        c->merged = true;
        c->formula = false;
      }
  }
  s->cells = all;
  s->n_cells = n;
  qsort(s->cells, s->n_cells, sizeof *s->cells, cmp_cell);
  dedupe(s); /* overlapping ranges (a damaged file) copy into one cell twice */
  index_rows(wb, s);
  return true;
}

const jx_xcell *jx_xsheet_cell(const jx_xsheet *s, uint32_t row, uint32_t col) { return s ? find(s, row, col) : NULL; }

const jx_xsheet *jx_workbook_sheet(const jx_workbook *wb, const char *name) {
  for (size_t i = 0; wb && name && i < wb->n_sheets; i++)
    if (strcmp(wb->sheets[i].name, name) == 0) return &wb->sheets[i];
  return NULL;
}

char *jx_cell_ref(uint32_t row, uint32_t col, char *buf, size_t n) {
  char letters[8];
  size_t k = 0;
  for (uint64_t v = (uint64_t)col + 1; v > 0 && k < sizeof letters; v = (v - 1) / 26) letters[k++] = (char)('A' + (v - 1) % 26);
  char rev[8] = {0};
  for (size_t i = 0; i < k; i++) rev[i] = letters[k - 1 - i];
  snprintf(buf, n, "%.*s%lu", (int)k, rev, (unsigned long)row + 1);
  return buf;
}

void jx_workbook_free(jx_workbook *wb) {
  if (wb) jx_arena_free(wb->arena);
}
