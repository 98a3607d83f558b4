/* decl.h — building a declaration (jx_decl) in memory, for the loader, the export importer
 * and the store (internal).  See jixiao.h, section 绩效目标申报, for the model itself.
 *
 * Everything lives in the declaration's arena: strings given to these helpers are copied,
 * nothing here needs freeing apart from jx_decl_free(d).  A pointer returned by an add
 * helper stays valid until the next add to the same list (the list may move).  The add
 * helpers work on a declaration made by jx_decl_new or read by jx_decl_load/parse (they
 * keep the lists' capacities beside it), never on a jx_decl allocated some other way.
 *
 *   jx_decl *d = jx_decl_new(JX_DECL_PROJECT);
 *   d->name = jx_decl_str(d, "宝安第一课常态化培训经费");
 *   jx_decl_indicator *ind = jx_decl_add_indicator(d);
 *   ind->level1 = jx_decl_str(d, "产出");
 *   ind->value = jx_decl_str(d, " ≥6场 ");        // stored trimmed: "≥6场"
 *   jx_decl_read_value(ind);                        // parse layer and up (src/parse/decl.h)
 */
#ifndef JX_MODEL_DECL_H
#define JX_MODEL_DECL_H

#include "jixiao.h"
#include "util/arena.h"

/* A new, empty declaration with its own arena: money unit 万元, every text "" except code,
 * path (NULL).  Free with jx_decl_free. */
jx_decl *jx_decl_new(jx_decl_scope scope);
/* s copied into d's arena with its outer ASCII whitespace (space, tab, CR, LF) trimmed;
 * NULL gives "". */
const char *jx_decl_str(jx_decl *d, const char *s);
/* Append a zeroed indicator (texts "", standard and source NULL, weight unset). */
jx_decl_indicator *jx_decl_add_indicator(jx_decl *d);
/* Append an adjustment (texts "", no changes), and a change to one (texts NULL). */
jx_decl_adjustment *jx_decl_add_adjustment(jx_decl *d);
jx_decl_change *jx_decl_add_change(jx_decl *d, jx_decl_adjustment *adj);
/* Append a source of 本年金额 (name copied, amount set). */
jx_named_money *jx_decl_add_source(jx_decl *d, const char *name, int64_t fen);

/* True when text, without its whitespace, is 不适用 (once or repeated: "不适用\t\n不适用"). */
bool jx_decl_text_not_applicable(const char *text);

/* What an indicator's `read:` says, derived from ind->read and ind->not_applicable: the one
 * place the loader and the writer take it from.  word is 不适用, 空 or 无法读取 (a scalar
 * `read:`), or NULL for a mapping of the fields below (nature NULL: omitted; 定性 for a
 * qualitative text). */
typedef struct {
  const char *word;
  const char *nature;
  bool has_number;
  int64_t number, number_hi; /* × JX_NUM_SCALE */
  bool has_hi;
  const char *unit; /* NULL: omitted; "%" for a percent */
  char date[16];    /* a deadline (nature ≤): "2023-12-30", "2023-11" (the month's end), "2023",
                       "--11-30" or "--11" when the year is not written; "" for none */
} jx_decl_read_form;
void jx_decl_read_form_of(const jx_decl_indicator *ind, jx_decl_read_form *out);
/* The form as written after `read:` ("{nature: \"≥\", number: 6, unit: 场}", "不适用"), in a. */
char *jx_decl_read_text(jx_arena *a, const jx_decl_indicator *ind);

/* True when a and b hold the same declaration (path, positions and the arena aside);
 * otherwise false with the first difference described in why (may be NULL). */
bool jx_decl_same(const jx_decl *a, const jx_decl *b, char *why, size_t whylen);

#endif
