/* text.c — UTF-8 validation, NFKC folding (utf8proc) and small string helpers. */
#include "util/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool jx_utf8_valid(const char *s, size_t n, size_t *bad_offset) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned c = p[i];
    size_t len;
    unsigned min;
    if (c < 0x80) { i++; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; c &= 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; c &= 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; c &= 0x07; }
    else goto bad;
    if (i + len > n) goto bad;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xC0) != 0x80) goto bad;
      c = (c << 6) | (p[i + k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) goto bad;
    i += len;
  }
  return true;
bad:
  if (bad_offset) *bad_offset = i;
  return false;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Text without full-width forms (U+FF00–U+FFEF, UTF-8 EF BC/BD/BE/BF ..) or the
 * ideographic space (U+3000, E3 80 80) needs no folding: only trim it.  Returns NULL
 * when s does need NFKC. */
static const char *ascii_trim(const char *s, size_t *len) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++) {
    if (p[0] == 0xEF && p[1] >= 0xBC && p[1] <= 0xBF) return NULL;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return NULL;
  }
  size_t start = 0;
  while (start < n && is_space(s[start])) start++;
  while (n > start && is_space(s[n - 1])) n--;
  *len = n - start;
  return s + start;
}

static char *fold_malloc(const char *s) {
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                        UTF8PROC_COMPAT);
  if (n < 0) return NULL;
  /* trim ASCII whitespace (NFKC already turned U+3000 into a space) */
  char *str = (char *)out;
  size_t len = (size_t)n, start = 0;
  while (start < len && (str[start] == ' ' || str[start] == '\t' || str[start] == '\n' || str[start] == '\r')) start++;
  while (len > start && (str[len - 1] == ' ' || str[len - 1] == '\t' || str[len - 1] == '\n' || str[len - 1] == '\r')) len--;
  memmove(str, str + start, len - start);
  str[len - start] = '\0';
  return str;
}

char *jx_text_fold(jx_arena *a, const char *s) {
  if (!s) return NULL;
  size_t len;
  const char *t = ascii_trim(s, &len);
  if (t) return jx_arena_strndup(a, t, len);
  char *f = fold_malloc(s);
  if (!f) return jx_arena_strdup(a, s);
  char *r = jx_arena_strdup(a, f);
  free(f);
  return r;
}

bool jx_text_fold_buf(const char *s, char *out, size_t cap) {
  size_t len;
  const char *t = ascii_trim(s, &len);
  if (t) {
    if (len >= cap) return false;
    memcpy(out, t, len);
    out[len] = '\0';
    return true;
  }
  char *f = fold_malloc(s);
  if (!f) return false;
  size_t n = strlen(f);
  bool ok = n < cap;
  if (ok) memcpy(out, f, n + 1);
  free(f);
  return ok;
}

size_t jx_edit_distance(const char *a, const char *b, size_t limit) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return limit + 1;
  if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
  size_t prev[65], cur[65];
  for (size_t j = 0; j <= lb; j++) prev[j] = j;
  for (size_t i = 1; i <= la; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t v = prev[j - 1] + cost;
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v;
    }
    memcpy(prev, cur, (lb + 1) * sizeof *prev);
  }
  return prev[lb];
}

size_t jx_text_width(const char *s) {
  size_t w = 0;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  utf8proc_int32_t cp;
  while (*p) {
    utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
    if (n <= 0) { p++; w++; continue; }
    int cw = utf8proc_charwidth(cp);
    w += cw > 0 ? (size_t)cw : 0;
    p += n;
  }
  return w;
}

size_t jx_u8_len(const char *s) {
  unsigned char c = (unsigned char)*s;
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  for (size_t k = 1; k < n; k++)
    if (((unsigned char)s[k] & 0xC0) != 0x80) return 1;
  return n;
}

size_t jx_u8_chars(const char *s) {
  size_t n = 0;
  for (; *s; s += jx_u8_len(s)) n++;
  return n;
}
