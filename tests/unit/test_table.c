/* test_table.c — the backends' one walk of a table grid (src/render/table.c): the
 * cases of data/tables.txt (spans clipped, owners, header rows), column weights. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "render/table.h"

#define MAXN 16

typedef struct {
  size_t rows, cols, header;
  char names[MAXN * MAXN][8]; /* the origin named in each slot ("" for covered) */
  jx_rtable t;
  jx_rcell cells[MAXN * MAXN];
} grid_case;

/* "a2x3" → name a, rowspan 2, colspan 3; "." → covered. */
static void read_slot(grid_case *g, size_t r, size_t c, const char *word) {
  jx_rcell *x = &g->cells[r * g->cols + c];
  memset(x, 0, sizeof *x);
  if (strcmp(word, ".") == 0) {
    x->covered = true;
    x->text = "";
    return;
  }
  char *name = g->names[r * g->cols + c];
  size_t n = strcspn(word, "0123456789");
  if (n == 0 || n >= sizeof g->names[0]) fail_msg("bad slot \"%s\"", word);
  memcpy(name, word, n);
  name[n] = '\0';
  x->text = name;
  x->rowspan = x->colspan = 1;
  if (word[n] && sscanf(word + n, "%dx%d", &x->rowspan, &x->colspan) != 2) fail_msg("bad span \"%s\"", word); // NOLINT(cert-err34-c): test data
}

static const char *name_of(const jx_tcell *tc) { return tc ? tc->cell->text : "-"; }

static void check_case(grid_case *g, const char *expect, const char *owners, const char *header, int lineno) {
  jx_arena *a = jx_arena_new();
  const jx_tgrid *tg = jx_tgrid_new(a, &g->t);
  char got[1024] = "", buf[64];
  for (size_t i = 0; i < tg->ncells; i++) {
    const jx_tcell *tc = &tg->cells[i];
    snprintf(buf, sizeof buf, "%s%s@%zu,%zu=%zux%zu", i ? " " : "", tc->cell->text, tc->r, tc->c, tc->rs, tc->cs);
    strncat(got, buf, sizeof got - strlen(got) - 1);
  }
  if (strcmp(got, expect) != 0) fail_msg("case at line %d: origins\n  got  %s\n  want %s", lineno, got, expect);
  got[0] = '\0';
  for (size_t r = 0; r < tg->rows; r++)
    for (size_t c = 0; c < tg->cols; c++) {
      snprintf(buf, sizeof buf, "%s%s", r == 0 && c == 0 ? "" : c == 0 ? " / " : " ", name_of(jx_tgrid_owner(tg, r, c)));
      strncat(got, buf, sizeof got - strlen(got) - 1);
    }
  if (strcmp(got, owners) != 0) fail_msg("case at line %d: owners\n  got  %s\n  want %s", lineno, got, owners);
  snprintf(got, sizeof got, "%zu block %zu", tg->header_rows, tg->header_block);
  if (strcmp(got, header) != 0) fail_msg("case at line %d: header %s, want %s", lineno, got, header);
  size_t maxrs = 1;
  for (size_t i = 0; i < tg->ncells; i++)
    if (tg->cells[i].rs > maxrs) maxrs = tg->cells[i].rs;
  assert_int_equal(tg->max_rowspan, maxrs);
  jx_arena_free(a);
}

static void test_table_cases(void **state) {
  (void)state;
  const char *path = JX_SOURCE_DIR "/tests/unit/data/tables.txt";
  FILE *f = fopen(path, "r");
  if (!f) fail_msg("cannot open %s", path);
  grid_case *g = calloc(1, sizeof *g);
  char line[512], expect[1024] = "", owners[1024] = "";
  size_t row = 0;
  int lineno = 0, start = 0, cases = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    line[strcspn(line, "\n")] = '\0';
    if (!line[0] || line[0] == '#') continue;
    if (strncmp(line, "table ", 6) == 0) {
      memset(g, 0, sizeof *g);
      if (sscanf(line + 6, "%zu %zu %zu", &g->rows, &g->cols, &g->header) != 3 || g->rows > MAXN || g->cols > MAXN) // NOLINT(cert-err34-c)
        fail_msg("%s:%d: bad table line", path, lineno);
      g->t = (jx_rtable){.rows = g->rows, .cols = g->cols, .header_rows = g->header, .cells = g->cells};
      row = 0;
      start = lineno;
    } else if (strncmp(line, "expect ", 7) == 0) {
      snprintf(expect, sizeof expect, "%s", line + 7);
    } else if (strncmp(line, "owners ", 7) == 0) {
      snprintf(owners, sizeof owners, "%s", line + 7);
    } else if (strncmp(line, "header ", 7) == 0) {
      if (row != g->rows) fail_msg("%s:%d: %zu rows, want %zu", path, start, row, g->rows);
      check_case(g, expect, owners, line + 7, start);
      cases++;
    } else {
      if (row >= g->rows) fail_msg("%s:%d: too many rows", path, lineno);
      size_t c = 0;
      for (char *save = NULL, *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save), c++) {
        if (c >= g->cols) fail_msg("%s:%d: too many slots", path, lineno);
        read_slot(g, row, c, w);
      }
      if (c != g->cols) fail_msg("%s:%d: %zu slots, want %zu", path, lineno, c, g->cols);
      row++;
    }
  }
  fclose(f);
  free(g);
  assert_true(cases >= 6);
}

/* A table the report builder made (jx_rtable_span) keeps its spans, and a table
 * without cells is an empty grid. */
static void test_table_empty_and_weights(void **state) {
  (void)state;
  jx_arena *a = jx_arena_new();
  jx_rtable empty = {.rows = 3, .cols = 2}; /* no cells */
  const jx_tgrid *g = jx_tgrid_new(a, &empty);
  assert_int_equal(g->rows, 0);
  assert_int_equal(g->ncells, 0);
  assert_int_equal(g->max_rowspan, 1);
  g = jx_tgrid_new(a, NULL);
  assert_int_equal(g->cols, 0);

  jx_rtable t = {.rows = 3, .cols = 3, .header_rows = 1};
  t.cells = jx_arena_alloc(a, 9 * sizeof *t.cells);
  for (size_t i = 0; i < 9; i++) t.cells[i] = (jx_rcell){.text = "x", .rowspan = 1, .colspan = 1};
  jx_rtable_span(&t, 0, 0, 1, 3);
  jx_rtable_span(&t, 1, 0, 2, 1);
  g = jx_tgrid_new(a, &t);
  assert_int_equal(g->ncells, 6);
  assert_int_equal(g->cells[0].cs, 3);
  assert_int_equal(g->cells[1].rs, 2);
  assert_ptr_equal(jx_tgrid_owner(g, 2, 0), &g->cells[1]);

  /* weights: positive widths as they are, others (and no widths) 1 */
  assert_int_equal(jx_rtable_weight_sum(&t), 3);
  int widths[3] = {4, 0, -2};
  t.col_widths = widths;
  assert_int_equal(jx_rtable_col_weight(&t, 0), 4);
  assert_int_equal(jx_rtable_col_weight(&t, 1), 1);
  assert_int_equal(jx_rtable_col_weight(&t, 2), 1);
  assert_int_equal(jx_rtable_weight_sum(&t), 6);
  jx_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table_cases),
      cmocka_unit_test(test_table_empty_and_weights),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
