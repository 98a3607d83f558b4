/* doc.c — what the model itself provides: freeing a department-year, the natures' symbols. */
#include "util/arena.h"

void jx_doc_free(jx_doc *doc) {
  if (doc) jx_arena_free(doc->arena);
}

const char *jx_nature_symbol(jx_nature n) {
  switch (n) {
  case JX_NATURE_EQ: return "=";
  case JX_NATURE_GE: return "≥";
  case JX_NATURE_GT: return ">";
  case JX_NATURE_LE: return "≤";
  case JX_NATURE_LT: return "<";
  case JX_NATURE_QUAL: return "定性";
  case JX_NATURE_QUANT: return "定量";
  default: return "?";
  }
}
