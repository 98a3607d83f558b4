/* text.c — UTF-8 validation, NFKC folding (utf8proc) and small string helpers. */
#include "util/text.h"

#include "jixiao.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool jx_utf8_valid(const char *s, size_t n, size_t *bad_offset) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) { /* eight ASCII bytes at a time */
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (!(w & 0x8080808080808080ULL)) {
        i += 8;
        continue;
      }
    }
    unsigned c = p[i];
    size_t len;
    unsigned min;
    if (c < 0x80) { i++; continue; }
    if ((c & 0xF0) == 0xE0 && i + 3 <= n) { /* three bytes, the CJK case, unrolled; the same rules as below */
      unsigned c1 = p[i + 1], c2 = p[i + 2];
      unsigned cp = ((c & 0x0FU) << 12) | ((c1 & 0x3FU) << 6) | (c2 & 0x3FU);
      if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 || cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
      i += 3;
      continue;
    }
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

/* Length of the control character or bad byte at p (0: none): C0 and DEL one byte, C1
 * (U+0080..U+009F, C2 80..C2 9F) two bytes, a byte that starts no valid UTF-8 one. */
static size_t control_at(const unsigned char *p) {
  if (*p < 0x20 || *p == 0x7f) return 1;
  if (*p < 0x80) return 0;
  if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0) return 2;
  size_t n = jx_u8_len((const char *)p), bad = 0;
  return n == 1 || !jx_utf8_valid((const char *)p, n, &bad) ? 1 : 0;
}

const char *jx_text_visible(jx_arena *a, const char *s) {
  if (!s) return "";
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (p[i] && !control_at(p + i)) i += jx_u8_len((const char *)p + i);
  if (!p[i]) return s;
  size_t len = strlen(s);
  char *out = jx_arena_take(a, 4 * len + 1), *w = out;
  memcpy(w, s, i);
  w += i;
  while (p[i]) {
    size_t c = control_at(p + i);
    if (c) {
      for (size_t k = 0; k < c; k++) w += snprintf(w, 5, "\\x%02X", p[i + k]);
      i += c;
    } else {
      size_t n = jx_u8_len((const char *)p + i);
      memcpy(w, p + i, n);
      w += n;
      i += n;
    }
  }
  *w = '\0';
  return out;
}

void jx_fput_visible(FILE *out, const char *s) {
  if (!s) return;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t c = control_at(p);
    if (c) {
      for (size_t k = 0; k < c; k++) fprintf(out, "\\x%02X", p[k]);
      p += c;
    } else {
      size_t n = jx_u8_len((const char *)p);
      fwrite(p, 1, n, out);
      p += n;
    }
  }
}

const char *jx_code_problem(jx_arena *a, const char *s) {
  if (!s || !*s) return "单位编码为空：应为 1 到 63 个英文字母、数字或 - _ . 组成的编码";
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
      continue;
    size_t cl = control_at((const unsigned char *)s + i);
    const char *ch = cl ? jx_text_visible(a, jx_arena_strndup(a, s + i, cl))
                        : jx_arena_printf(a, "“%.*s”", (int)jx_u8_len(s + i), s + i);
    size_t cut = 0; /* quote at most about 80 bytes, cut between characters */
    while (cut < 80 && s[cut]) cut += jx_u8_len(s + cut);
    return jx_arena_printf(a, "单位编码“%s%s”中有不允许的字符 %s（第 %zu 个字节）：只能用英文字母、数字和 - _ .，长 1 到 %d 个字符",
                           jx_text_visible(a, jx_arena_strndup(a, s, cut)), s[cut] ? "…" : "", ch, i + 1, JX_CODE_MAX);
  }
  if (n > JX_CODE_MAX) return jx_arena_printf(a, "单位编码“%.40s…”太长：%zu 个字符（最多 %d 个）", s, n, JX_CODE_MAX);
  return NULL;
}
