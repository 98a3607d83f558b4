/* report_build.h — building a jx_report by hand in the render tests (test_docx, test_pdf). */
#ifndef JX_TEST_REPORT_BUILD_H
#define JX_TEST_REPORT_BUILD_H

#include <string.h>

#include "render/report.h"
#include "util/arena.h"

/* A report under construction: blocks are appended to r->blocks in r->arena. */
typedef struct {
  jx_report *r;
  size_t cap;
} rb;

/* Append a zeroed block of the given kind; it lives in the report's arena. */
static inline jx_rblock *add(rb *b, jx_rblock_kind kind) {
  jx_rblock *blk = JX_VEC_PUSH(b->r->arena, b->r->blocks, b->cap);
  memset(blk, 0, sizeof *blk);
  blk->kind = kind;
  return blk;
}

static inline jx_rblock *heading(rb *b, int level, const char *number, const char *text) {
  jx_rblock *h = add(b, JX_RB_HEADING);
  h->level = level;
  h->number = number;
  h->text = text;
  return h;
}

/* Set cell (r, c) to a plain 1×1 cell with the given text. */
static inline jx_rcell *cell(jx_rtable *t, size_t r, size_t c, const char *text) {
  jx_rcell *x = jx_rtable_at(t, r, c);
  x->text = text;
  x->rowspan = x->colspan = 1;
  return x;
}

#endif
