/* text.h — UTF-8 helpers: validation, NFKC folding of full-width text, edit distance,
 * the 单位编码 rule and control characters made visible for a terminal. */
#ifndef JX_TEXT_H
#define JX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/arena.h"

/* Returns true when s[0..n) is valid UTF-8; otherwise *bad_offset is the first bad byte. */
bool jx_utf8_valid(const char *s, size_t n, size_t *bad_offset);
/* Byte length of the code point at s (1 for a bad byte). */
size_t jx_u8_len(const char *s);
/* Number of code points in the NUL-terminated s (a bad byte counts as one). */
size_t jx_u8_chars(const char *s);
/* Fold full-width forms (digits, signs, letters → ASCII, by NFKC) and trim spaces;
 * text without full-width forms is only trimmed.
 * Result owned by the arena.  Invalid UTF-8 returns a copy unchanged. */
char *jx_text_fold(jx_arena *a, const char *s);
/* Same into a caller buffer; returns false if it does not fit. */
bool jx_text_fold_buf(const char *s, char *out, size_t cap);
/* Levenshtein distance on bytes, capped at limit+1. */
size_t jx_edit_distance(const char *a, const char *b, size_t limit);
/* Display width of a UTF-8 string in terminal columns (CJK = 2). */
size_t jx_text_width(const char *s);

/* The longest 单位编码 (department code), in characters (= bytes: codes are ASCII). */
#define JX_CODE_MAX 63
/* NULL when s is a valid 单位编码 (docs/format.md): 1 to JX_CODE_MAX (63, the store's limit) ASCII letters,
 * digits, '-', '_' or '.'.  Otherwise a Chinese reason that quotes s with its control
 * characters made visible (jx_text_visible), in the arena. */
const char *jx_code_problem(jx_arena *a, const char *s);
/* s with every control character (C0, DEL, C1) and every byte that is not UTF-8 written
 * as a visible escape \xHH (a backslash itself stays one), for a terminal; s itself
 * when it has none.  In the arena; NULL gives "". */
const char *jx_text_visible(jx_arena *a, const char *s);
/* jx_fput_visible (jixiao.h) writes s to out as jx_text_visible would make it. */

#endif
