/* xlsx.c — the XLSX reader: libzip opens the package, expat parses each part as a
 * stream of elements (the XML is never searched as a string).
 *
 * What it reads: the package relationships (_rels/.rels → the workbook, the workbook's
 * .rels → sheets, shared strings, styles); the workbook (sheet names and states,
 * date1904, defined names); shared strings, rich-text runs joined and phonetic runs
 * (rPh) left out; styles (each cell format's number format: percent, date, text);
 * every sheet's cells (t="s", "inlineStr", "str", "b", "e", "n", "d"; formulas keep
 * their cached value) and merged ranges.  _xHHHH_ escapes in text are decoded.
 *
 * Numbers stay text: a cell's <v> is decimal text ("1072.52", "9.5E-1"), rewritten as a
 * plain decimal rounded half-up to 15 significant digits (the precision a spreadsheet
 * shows), so "1072.5200000000002" reads as 1072.52.  No double is involved.
 *
 * Every cap of jx_xlsx_limits is checked while reading (bytes are counted as they are
 * inflated, not taken from the zip directory), and a DTD in any part is refused, so a
 * zip bomb, a billion-laughs file, a huge or deep sheet stops with one Chinese
 * sentence and no workbook. */
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "parse/xlsx.h"

enum { CHUNK = 64 << 10, RATIO_FREE = 1 << 20, SIG_DIGITS = 15 };

/* ---- the reader and its errors -------------------------------------------------------- */

typedef struct {
  zip_t *zip;
  const jx_xlsx_limits *lim;
  jx_workbook *wb;
  size_t total;  /* uncompressed bytes so far */
  size_t cells;  /* cells so far, all sheets */
  char *err;
  size_t errlen;
  bool failed;
  /* shared strings and styles */
  const char **sst;
  size_t n_sst, cap_sst;
  uint8_t *xf_format; /* jx_xcell_format of each cellXfs entry */
  size_t n_xf, cap_xf;
  struct numfmt { long id; uint8_t format; } *numfmts;
  size_t n_numfmts, cap_numfmts;
} reader;

static bool __attribute__((format(printf, 2, 3))) fail(reader *r, const char *fmt, ...) {
  if (!r->failed && r->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): va_start above (a clang 14 false positive)
    va_end(ap);
  }
  r->failed = true;
  return false;
}

/* ---- a growable text buffer, capped at max_string ------------------------------------ */

typedef struct {
  char *p;
  size_t n, cap, max;
  bool over;
} textbuf;

static void tb_clear(textbuf *t) {
  t->n = 0;
  t->over = false;
  if (t->p) t->p[0] = '\0';
}

static void tb_add(textbuf *t, const char *s, size_t n) {
  if (t->over) return;
  if (n > t->max - t->n) {
    t->over = true;
    return;
  }
  if (t->n + n + 1 > t->cap) {
    size_t c = t->cap ? t->cap : 256;
    while (c < t->n + n + 1) c *= 2;
    t->p = jx_xrealloc(t->p, c);
    t->cap = c;
  }
  memcpy(t->p + t->n, s, n);
  t->n += n;
  t->p[t->n] = '\0';
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The buffer's text with OOXML escapes _xHHHH_ decoded (a control character or a
 * character XML cannot hold), copied into the arena. */
static const char *tb_take(jx_arena *a, const textbuf *t) {
  if (!t->n) return "";
  if (!memchr(t->p, '_', t->n)) return jx_arena_strndup(a, t->p, t->n);
  char *out = jx_arena_take(a, t->n + 1);
  size_t w = 0;
  for (size_t i = 0; i < t->n;) {
    const char *s = t->p + i;
    if (t->n - i >= 7 && s[0] == '_' && s[1] == 'x' && s[6] == '_' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0 &&
        hexval(s[4]) >= 0 && hexval(s[5]) >= 0) {
      unsigned cp = (unsigned)(hexval(s[2]) << 12 | hexval(s[3]) << 8 | hexval(s[4]) << 4 | hexval(s[5]));
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD; /* no NUL, no lone surrogate */
      if (cp < 0x80) out[w++] = (char)cp;
      else if (cp < 0x800) {
        out[w++] = (char)(0xC0 | cp >> 6);
        out[w++] = (char)(0x80 | (cp & 0x3F));
      } else { /* 3 bytes: never more than the 7 bytes of the escape */
        out[w++] = (char)(0xE0 | cp >> 12);
        out[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[w++] = (char)(0x80 | (cp & 0x3F));
      }
      i += 7;
    } else {
      out[w++] = t->p[i++];
    }
  }
  out[w] = '\0';
  return out;
}

/* ---- numbers as text -------------------------------------------------------------------- */

/* Rewrite the decimal text s ("-1.25E3", "0.30000000000000004", "1072.52") as a plain
 * decimal rounded half-up to 15 significant digits, trailing zeros trimmed, into out.
 * Returns false when s is not a number or the result does not fit (|exponent| > 60). */
static bool plain_decimal(const char *s, char *out, size_t cap) {
  const char *p = s;
  while (*p == ' ') p++;
  bool neg = false;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  char dig[400];
  size_t nd = 0;
  long point = 0; /* the decimal point sits after this many digits of dig */
  bool seen_point = false;
  for (; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      if (nd == sizeof dig) return false;
      dig[nd++] = *p;
      if (!seen_point) point++;
    } else if (*p == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!nd) return false;
  if (*p == 'e' || *p == 'E') {
    p++;
    bool eneg = false;
    if (*p == '+' || *p == '-') eneg = *p++ == '-';
    long e = 0;
    int ed = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
      if (++ed > 4) return false;
      e = e * 10 + (*p - '0');
    }
    if (!ed) return false;
    point += eneg ? -e : e;
  }
  while (*p == ' ') p++;
  if (*p) return false;
  size_t lead = 0;
  while (lead < nd && dig[lead] == '0') lead++;
  memmove(dig, dig + lead, nd - lead);
  nd -= lead;
  point -= (long)lead;
  if (nd == 0) {
    if (cap < 2) return false;
    memcpy(out, "0", 2);
    return true;
  }
  /* round to SIG_DIGITS significant digits, half up */
  if (nd > SIG_DIGITS) {
    bool up = dig[SIG_DIGITS] >= '5';
    nd = SIG_DIGITS;
    for (size_t i = nd; up && i-- > 0;) {
      if (dig[i] == '9') dig[i] = '0';
      else {
        dig[i]++;
        up = false;
      }
    }
    if (up) { /* 999… → 1000… */
      memmove(dig + 1, dig, nd - 1);
      dig[0] = '1';
      point++;
    }
  }
  while (nd > 0 && dig[nd - 1] == '0' && (long)nd > point) nd--;
  if (point > 60 || point < -60) return false;
  size_t w = 0;
#define PUT(ch)                      \
  do {                               \
    if (w + 1 >= cap) return false;  \
    out[w++] = (ch);                 \
  } while (0)
  if (neg) PUT('-');
  if (point <= 0) {
    PUT('0');
    PUT('.');
    for (long i = 0; i < -point; i++) PUT('0');
    for (size_t i = 0; i < nd; i++) PUT(dig[i]);
  } else {
    for (long i = 0; i < point; i++) PUT((size_t)i < nd ? dig[i] : '0');
    if ((long)nd > point) {
      PUT('.');
      for (size_t i = (size_t)point; i < nd; i++) PUT(dig[i]);
    }
  }
#undef PUT
  out[w] = '\0';
  if (neg && strspn(out + 1, "0.") == w - 1) memmove(out, out + 1, w); /* -0 → 0 */
  return true;
}

/* Days since 1970-01-01 → y-m-d (proleptic Gregorian; H. Hinnant's algorithm). */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned)(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = (long)yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (*m <= 2);
}

/* A date serial (plain decimal text) as "YYYY-MM-DD".  1900 system: 1 = 1900-01-01 and
 * the spreadsheet's phantom 1900-02-29 is serial 60; 1904 system: 0 = 1904-01-01.
 * Fractions (the time of day) are dropped.  False when out of 1900..9999. */
static bool serial_to_date(const char *plain, bool date1904, char *out, size_t cap) {
  if (plain[0] == '-') return false;
  long days = 0;
  for (const char *p = plain; *p >= '0' && *p <= '9'; p++) {
    days = days * 10 + (*p - '0');
    if (days > 3000000) return false;
  }
  long unix_days;
  if (date1904) unix_days = days - 24107; /* 1904-01-01 is day -24107 */
  else {
    if (days < 1) return false;
    if (days == 60) {
      snprintf(out, cap, "1900-02-29");
      return true;
    }
    unix_days = days - 25569 + (days < 60 ? 1 : 0); /* 1900-01-01 is serial 1, day -25567 */
  }
  long y;
  unsigned m, d;
  civil_from_days(unix_days, &y, &m, &d);
  if (y < 1900 || y > 9999) return false;
  snprintf(out, cap, "%04ld-%02u-%02u", y, m, d);
  return true;
}

/* ---- number formats ------------------------------------------------------------------- */

/* Built-in number format ids (ECMA-376 18.8.30). */
static uint8_t builtin_format(long id) {
  if (id == 9 || id == 10) return JX_XF_PERCENT;
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return JX_XF_DATE;
  if (id == 49) return JX_XF_TEXT;
  if (id == 0) return JX_XF_GENERAL;
  return JX_XF_OTHER;
}

/* Classify a format code: % outside quotes → percent; y/m/d/h/s outside quotes,
 * brackets and escapes → date; "@" alone → text. */
static uint8_t classify_format(const char *code) {
  bool quote = false, bracket = false, date = false, percent = false;
  for (const char *p = code; *p; p++) {
    char c = *p;
    if (quote) {
      if (c == '"') quote = false;
      continue;
    }
    if (bracket) {
      if (c == ']') bracket = false;
      continue;
    }
    if (c == '"') quote = true;
    else if (c == '[') bracket = true;
    else if (c == '\\' || c == '_' || c == '*') {
      if (p[1]) p++;
    } else if (c == '%') percent = true;
    else if (strchr("yYmMdDhHsS", c)) date = true;
    else if (c == ';') break; /* the positive section decides */
  }
  if (percent) return JX_XF_PERCENT;
  if (date) return JX_XF_DATE;
  if (strcmp(code, "@") == 0) return JX_XF_TEXT;
  if (strcmp(code, "General") == 0) return JX_XF_GENERAL;
  return JX_XF_OTHER;
}

static uint8_t numfmt_format(const reader *r, long id) {
  for (size_t i = 0; i < r->n_numfmts; i++)
    if (r->numfmts[i].id == id) return r->numfmts[i].format;
  return builtin_format(id);
}

/* ---- one part, as a stream of XML elements --------------------------------------------- */

typedef struct xml_part xml_part;
typedef void (*start_fn)(xml_part *x, const char *name, const char **atts);
typedef void (*end_fn)(xml_part *x, const char *name);

struct xml_part {
  reader *r;
  const char *path;
  XML_Parser parser;
  unsigned depth;
  start_fn start;
  end_fn end;
  bool collect;  /* character data goes into text */
  textbuf text;
  void *user;
};

static void stop(xml_part *x) { XML_StopParser(x->parser, XML_FALSE); }

static const char *local(const char *name) {
  const char *c = strrchr(name, ':');
  return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name) {
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(local(atts[i]), name) == 0) return atts[i + 1];
  return NULL;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  xml_part *x = ud;
  if (x->r->failed) return;
  if (++x->depth > x->r->lim->max_depth) {
    fail(x->r, "%s：XML 嵌套超过 %u 层，拒绝读取", x->path, x->r->lim->max_depth);
    stop(x);
    return;
  }
  if (x->start) x->start(x, local(name), atts);
  if (x->r->failed) stop(x);
}

static void XMLCALL on_end(void *ud, const XML_Char *name) {
  xml_part *x = ud;
  if (x->r->failed) return;
  x->depth--;
  if (x->end) x->end(x, local(name));
  if (x->r->failed) stop(x);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len) {
  xml_part *x = ud;
  if (!x->collect || x->r->failed || len <= 0) return;
  tb_add(&x->text, s, (size_t)len);
  if (x->text.over) {
    fail(x->r, "%s：单元格文本超过 %zu 字节，拒绝读取", x->path, x->r->lim->max_string);
    stop(x);
  }
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal) {
  (void)name, (void)sysid, (void)pubid, (void)has_internal;
  xml_part *x = ud;
  fail(x->r, "%s：含有 DTD（<!DOCTYPE>），XLSX 不应有，拒绝读取", x->path);
  stop(x);
}

static const char *join_path(jx_arena *a, const char *base_dir, const char *target);

/* Find a part by name (exactly, then ignoring case: some writers differ in case). */
static zip_int64_t locate(reader *r, const char *path) {
  zip_int64_t i = zip_name_locate(r->zip, path, 0);
  if (i < 0) i = zip_name_locate(r->zip, path, ZIP_FL_NOCASE);
  return i;
}

/* Inflate part path chunk by chunk into an expat parser with the given handlers.
 * required: a missing part is an error (else: nothing happens, true). */
static bool parse_part(reader *r, const char *path, start_fn start, end_fn end, void *user, bool required) {
  if (r->failed) return false;
  zip_int64_t idx = locate(r, path);
  if (idx < 0) return required ? fail(r, "文件中缺少 %s，不是完整的 XLSX 工作簿", path) : true;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &st) != 0) return fail(r, "%s：无法读取压缩目录", path);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > r->lim->max_entry)
    return fail(r, "%s：解压后 %llu 字节，超过单个部件上限 %zu 字节，拒绝读取", path, (unsigned long long)st.size,
                r->lim->max_entry);
  zip_uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  zip_file_t *f = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0);
  if (!f) return fail(r, "%s：无法解压（%s）", path, zip_strerror(r->zip));
  XML_Parser p = XML_ParserCreate("UTF-8");
  if (!p) {
    zip_fclose(f);
    return fail(r, "%s：内存不足", path);
  }
  xml_part x = {r, path, p, 0, start, end, false, {NULL, 0, 0, r->lim->max_string, false}, user};
  XML_SetUserData(p, &x);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  char *buf = jx_xmalloc(CHUNK);
  size_t read = 0;
  bool ok = true;
  for (;;) {
    zip_int64_t n = zip_fread(f, buf, CHUNK);
    if (n < 0) {
      ok = fail(r, "%s：解压失败，文件可能已损坏（%s）", path, zip_file_strerror(f));
      break;
    }
    read += (size_t)n;
    r->total += (size_t)n;
    if (read > r->lim->max_entry) {
      ok = fail(r, "%s：解压后超过单个部件上限 %zu 字节，拒绝读取（疑似压缩炸弹）", path, r->lim->max_entry);
      break;
    }
    if (r->total > r->lim->max_total) {
      ok = fail(r, "解压后总量超过上限 %zu 字节，拒绝读取（疑似压缩炸弹）", r->lim->max_total);
      break;
    }
    if (read > RATIO_FREE && read / (comp ? comp : 1) > r->lim->max_ratio) {
      ok = fail(r, "%s：压缩比超过 %zu 倍，拒绝读取（疑似压缩炸弹）", path, r->lim->max_ratio);
      break;
    }
    if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
      if (!r->failed)
        fail(r, "%s 第 %lu 行第 %lu 列：XML 格式错误（%s）", path, (unsigned long)XML_GetCurrentLineNumber(p),
             (unsigned long)XML_GetCurrentColumnNumber(p) + 1, XML_ErrorString(XML_GetErrorCode(p)));
      ok = false;
      break;
    }
    if (r->failed) {
      ok = false;
      break;
    }
    if (n == 0) break;
  }
  free(buf);
  free(x.text.p);
  XML_ParserFree(p);
  zip_fclose(f);
  return ok && !r->failed;
}

/* ---- relationships ----------------------------------------------------------------------- */

typedef struct {
  const char *dir;  /* directory of the part the .rels belongs to ("" or "xl/") */
  struct rel { const char *id, *type, *target; } *items;
  size_t n, cap;
} rels;

static void rels_start(xml_part *x, const char *name, const char **atts) {
  rels *rs = x->user;
  if (strcmp(name, "Relationship") != 0) return;
  const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
  const char *mode = attr(atts, "TargetMode");
  if (!id || !type || !target || (mode && strcmp(mode, "External") == 0)) return;
  if (rs->n >= 4096) return;
  if (rs->n == rs->cap) {
    rs->cap = rs->cap ? rs->cap * 2 : 8;
    rs->items = jx_arena_grow(x->r->wb->arena, rs->items, rs->n, rs->cap, sizeof *rs->items);
  }
  jx_arena *a = x->r->wb->arena;
  rs->items[rs->n++] = (struct rel){jx_arena_strdup(a, id), jx_arena_strdup(a, type), join_path(a, rs->dir, target)};
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *rel_by_type(const rels *rs, const char *suffix) {
  for (size_t i = 0; i < rs->n; i++)
    if (ends_with(rs->items[i].type, suffix)) return rs->items[i].target;
  return NULL;
}

static const char *rel_by_id(const rels *rs, const char *id) {
  for (size_t i = 0; id && i < rs->n; i++)
    if (strcmp(rs->items[i].id, id) == 0) return rs->items[i].target;
  return NULL;
}

/* A relationship target resolved against the directory of its source part: "/xl/a.xml"
 * is absolute, "worksheets/sheet1.xml" and "../x.xml" relative. */
static const char *join_path(jx_arena *a, const char *base_dir, const char *target) {
  const char *joined = target[0] == '/' ? target + 1 : jx_arena_printf(a, "%s%s", base_dir, target);
  /* normalise "." and ".." segments */
  size_t n = strlen(joined);
  char *out = jx_arena_take(a, n + 1);
  size_t w = 0;
  const char *p = joined;
  while (*p) {
    const char *slash = strchr(p, '/');
    size_t len = slash ? (size_t)(slash - p) : strlen(p);
    if (len == 1 && p[0] == '.') {
    } else if (len == 2 && p[0] == '.' && p[1] == '.') {
      if (w) w--; /* drop the trailing slash, then the last segment */
      while (w && out[w - 1] != '/') w--;
    } else if (len) {
      memcpy(out + w, p, len);
      w += len;
      if (slash) out[w++] = '/';
    }
    p += len + (slash ? 1 : 0);
  }
  out[w] = '\0';
  return out;
}

static const char *dir_of(jx_arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? jx_arena_strndup(a, path, (size_t)(slash - path + 1)) : "";
}

static const char *rels_path_of(jx_arena *a, const char *part) {
  const char *slash = strrchr(part, '/');
  if (!slash) return jx_arena_printf(a, "_rels/%s.rels", part);
  return jx_arena_printf(a, "%.*s_rels/%s.rels", (int)(slash - part + 1), part, slash + 1);
}

/* ---- workbook.xml ---------------------------------------------------------------------- */

typedef struct {
  struct wsheet { const char *name, *rid; jx_sheet_state state; } *items;
  size_t n, cap;
  bool in_name;
  const char *name_name;
  size_t names_cap;
} wbinfo;

static bool truthy(const char *v) { return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0); }

static void workbook_start(xml_part *x, const char *name, const char **atts) {
  wbinfo *w = x->user;
  reader *r = x->r;
  jx_arena *a = r->wb->arena;
  if (strcmp(name, "workbookPr") == 0) {
    r->wb->date1904 = truthy(attr(atts, "date1904"));
  } else if (strcmp(name, "sheet") == 0) {
    const char *nm = attr(atts, "name"), *rid = attr(atts, "id"), *state = attr(atts, "state");
    if (!nm || !rid) return;
    if (w->n >= r->lim->max_sheets) {
      fail(r, "工作表超过 %zu 个，拒绝读取", r->lim->max_sheets);
      return;
    }
    if (w->n == w->cap) {
      w->cap = w->cap ? w->cap * 2 : 8;
      w->items = jx_arena_grow(a, w->items, w->n, w->cap, sizeof *w->items);
    }
    jx_sheet_state s = JX_SHEET_VISIBLE;
    if (state && strcmp(state, "hidden") == 0) s = JX_SHEET_HIDDEN;
    if (state && strcmp(state, "veryHidden") == 0) s = JX_SHEET_VERY_HIDDEN;
    w->items[w->n++] = (struct wsheet){jx_arena_strdup(a, nm), jx_arena_strdup(a, rid), s};
  } else if (strcmp(name, "definedName") == 0) {
    const char *nm = attr(atts, "name");
    if (!nm || attr(atts, "localSheetId") || r->wb->n_names >= 1024) return;
    w->in_name = true;
    w->name_name = jx_arena_strdup(a, nm);
    tb_clear(&x->text);
    x->collect = true;
  }
}

static void workbook_end(xml_part *x, const char *name) {
  wbinfo *w = x->user;
  jx_workbook *wb = x->r->wb;
  if (strcmp(name, "definedName") == 0 && w->in_name) {
    if (wb->n_names == w->names_cap) {
      w->names_cap = w->names_cap ? w->names_cap * 2 : 4;
      wb->names = jx_arena_grow(wb->arena, wb->names, wb->n_names, w->names_cap, sizeof *wb->names);
    }
    wb->names[wb->n_names++] = (jx_xname){w->name_name, tb_take(wb->arena, &x->text)};
    w->in_name = false;
    x->collect = false;
  }
}

/* ---- sharedStrings.xml ------------------------------------------------------------------- */

typedef struct {
  int in_si, in_t, in_rph;
} sstate;

static void sst_start(xml_part *x, const char *name, const char **atts) {
  (void)atts;
  sstate *s = x->user;
  if (strcmp(name, "si") == 0) {
    s->in_si = 1;
    tb_clear(&x->text);
  } else if (strcmp(name, "rPh") == 0) {
    s->in_rph++;
  } else if (strcmp(name, "t") == 0 && s->in_si && !s->in_rph) {
    x->collect = true;
  }
}

static void sst_end(xml_part *x, const char *name) {
  sstate *s = x->user;
  reader *r = x->r;
  if (strcmp(name, "t") == 0) x->collect = false;
  else if (strcmp(name, "rPh") == 0 && s->in_rph) s->in_rph--;
  else if (strcmp(name, "si") == 0 && s->in_si) {
    s->in_si = 0;
    if (r->n_sst >= r->lim->max_cells) {
      fail(r, "%s：共享字符串超过 %zu 个，拒绝读取", x->path, r->lim->max_cells);
      return;
    }
    if (r->n_sst == r->cap_sst) {
      r->cap_sst = r->cap_sst ? r->cap_sst * 2 : 64;
      r->sst = jx_xrealloc(r->sst, r->cap_sst * sizeof *r->sst);
    }
    r->sst[r->n_sst++] = tb_take(r->wb->arena, &x->text);
  }
}

/* ---- styles.xml --------------------------------------------------------------------------- */

typedef struct {
  bool in_cellxfs;
} stylestate;

static long to_long(const char *s, long dflt) {
  if (!s || !*s) return dflt;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (*end || errno) return dflt;
  return v;
}

static void styles_start(xml_part *x, const char *name, const char **atts) {
  stylestate *s = x->user;
  reader *r = x->r;
  if (strcmp(name, "numFmt") == 0) {
    const char *code = attr(atts, "formatCode");
    long id = to_long(attr(atts, "numFmtId"), -1);
    if (!code || id < 0 || r->n_numfmts >= 4096) return;
    if (r->n_numfmts == r->cap_numfmts) {
      r->cap_numfmts = r->cap_numfmts ? r->cap_numfmts * 2 : 16;
      r->numfmts = jx_xrealloc(r->numfmts, r->cap_numfmts * sizeof *r->numfmts);
    }
    r->numfmts[r->n_numfmts++] = (struct numfmt){id, classify_format(code)};
  } else if (strcmp(name, "cellXfs") == 0) {
    s->in_cellxfs = true;
  } else if (strcmp(name, "xf") == 0 && s->in_cellxfs) {
    if (r->n_xf >= 65536) return;
    if (r->n_xf == r->cap_xf) {
      r->cap_xf = r->cap_xf ? r->cap_xf * 2 : 16;
      r->xf_format = jx_xrealloc(r->xf_format, r->cap_xf);
    }
    r->xf_format[r->n_xf++] = numfmt_format(r, to_long(attr(atts, "numFmtId"), 0));
  }
}

static void styles_end(xml_part *x, const char *name) {
  stylestate *s = x->user;
  if (strcmp(name, "cellXfs") == 0) s->in_cellxfs = false;
}

/* ---- a worksheet -------------------------------------------------------------------------- */

typedef struct {
  jx_xsheet *sheet;
  size_t cap_cells, cap_merges;
  long row;       /* current row, 0-based; -1 before the first */
  long col;       /* last column seen in the row */
  /* the cell being read */
  bool in_cell, in_v, in_is, in_t, has_value;
  int in_rph;
  long c_row, c_col;
  char c_type[12];
  long c_style;
  bool c_formula;
} wsstate;

/* "C12" → row 11, column 2.  False when malformed. */
static bool parse_ref(const char *s, long *row, long *col) {
  long c = 0, r = 0;
  int letters = 0, digits = 0;
  for (; *s >= 'A' && *s <= 'Z'; s++) {
    if (++letters > 3) return false;
    c = c * 26 + (*s - 'A' + 1);
  }
  if (*s == '$') s++;
  for (; *s >= '0' && *s <= '9'; s++) {
    if (++digits > 7) return false;
    r = r * 10 + (*s - '0');
  }
  if (*s || !letters || !digits || r < 1) return false;
  *row = r - 1;
  *col = c - 1;
  return true;
}

static bool check_place(xml_part *x, long row, long col) {
  reader *r = x->r;
  if (row >= (long)r->lim->max_rows)
    return fail(r, "工作表“%s”有第 %ld 行，超过 %u 行的上限，拒绝读取", ((wsstate *)x->user)->sheet->name, row + 1,
                r->lim->max_rows);
  if (col >= (long)r->lim->max_cols) {
    char ref[16];
    return fail(r, "工作表“%s”的 %s 超过 %u 列的上限，拒绝读取", ((wsstate *)x->user)->sheet->name,
                jx_cell_ref((uint32_t)row, (uint32_t)col, ref, sizeof ref), r->lim->max_cols);
  }
  return true;
}

static void sheet_start(xml_part *x, const char *name, const char **atts) {
  wsstate *w = x->user;
  reader *r = x->r;
  if (strcmp(name, "row") == 0) {
    long rr = to_long(attr(atts, "r"), 0);
    w->row = rr > 0 ? rr - 1 : w->row + 1;
    w->col = -1;
    if (w->row < 0) w->row = 0;
    check_place(x, w->row, 0);
  } else if (strcmp(name, "c") == 0) {
    const char *ref = attr(atts, "r"), *t = attr(atts, "t");
    long row = w->row < 0 ? 0 : w->row, col = w->col + 1;
    if (ref && !parse_ref(ref, &row, &col)) {
      fail(r, "工作表“%s”：单元格引用“%.20s”无效", w->sheet->name, ref);
      return;
    }
    if (!check_place(x, row, col)) return;
    w->col = col;
    w->in_cell = true;
    w->has_value = false;
    w->c_row = row;
    w->c_col = col;
    snprintf(w->c_type, sizeof w->c_type, "%s", t ? t : "n");
    w->c_style = to_long(attr(atts, "s"), 0);
    w->c_formula = false;
    tb_clear(&x->text);
  } else if (!w->in_cell) {
    if (strcmp(name, "mergeCell") == 0) {
      const char *ref = attr(atts, "ref");
      const char *colon = ref ? strchr(ref, ':') : NULL;
      long r1, c1, r2, c2;
      char a[24];
      if (!colon || (size_t)(colon - ref) >= sizeof a) return;
      memcpy(a, ref, (size_t)(colon - ref));
      a[colon - ref] = '\0';
      if (!parse_ref(a, &r1, &c1) || !parse_ref(colon + 1, &r2, &c2) || r2 < r1 || c2 < c1) return;
      if (!check_place(x, r2, c2)) return;
      jx_xsheet *s = w->sheet;
      if (s->n_merges >= r->lim->max_cells) {
        fail(r, "工作表“%s”的合并单元格过多，拒绝读取", s->name);
        return;
      }
      if (s->n_merges == w->cap_merges) {
        w->cap_merges = w->cap_merges ? w->cap_merges * 2 : 16;
        s->merges = jx_arena_grow(r->wb->arena, s->merges, s->n_merges, w->cap_merges, sizeof *s->merges);
      }
      s->merges[s->n_merges++] = (jx_xrange){(uint32_t)r1, (uint32_t)c1, (uint32_t)r2, (uint32_t)c2};
    }
  } else if (strcmp(name, "v") == 0) {
    w->in_v = true;
    w->has_value = true;
    x->collect = true;
  } else if (strcmp(name, "f") == 0) {
    w->c_formula = true;
  } else if (strcmp(name, "is") == 0) {
    w->in_is = true;
    w->has_value = true;
  } else if (strcmp(name, "rPh") == 0) {
    w->in_rph++;
  } else if (strcmp(name, "t") == 0 && w->in_is && !w->in_rph) {
    x->collect = true;
  }
}

static void add_cell(xml_part *x, wsstate *w) {
  reader *r = x->r;
  jx_arena *a = r->wb->arena;
  jx_xcell c = {(uint32_t)w->c_row, (uint32_t)w->c_col, JX_XC_STRING, JX_XF_GENERAL, w->c_formula, false, ""};
  if (w->c_style >= 0 && (size_t)w->c_style < r->n_xf) c.format = r->xf_format[w->c_style];
  const char *t = w->c_type;
  if (!x->text.n && (w->c_formula || !w->has_value)) { /* a formula whose result was never saved */
    c.text = "";
  } else if (strcmp(t, "s") == 0) {
    long i = to_long(x->text.p, -1);
    if (i < 0 || (size_t)i >= r->n_sst) {
      char ref[16];
      fail(r, "工作表“%s”%s：共享字符串编号“%.20s”不存在", w->sheet->name,
           jx_cell_ref(c.row, c.col, ref, sizeof ref), x->text.n ? x->text.p : "");
      return;
    }
    c.text = r->sst[i];
  } else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
    c.text = tb_take(a, &x->text);
  } else if (strcmp(t, "b") == 0) {
    c.type = JX_XC_BOOL;
    c.text = x->text.n && x->text.p[0] == '1' ? "TRUE" : "FALSE";
  } else if (strcmp(t, "e") == 0) {
    c.type = JX_XC_ERROR;
    c.text = tb_take(a, &x->text);
  } else if (strcmp(t, "d") == 0) { /* ISO 8601 date text */
    c.type = JX_XC_DATE;
    c.text = jx_arena_strndup(a, x->text.n ? x->text.p : "", x->text.n >= 10 ? 10 : x->text.n);
  } else {
    char plain[160];
    if (!x->text.n) return; /* <v/>: nothing */
    if (!plain_decimal(x->text.p, plain, sizeof plain)) {
      char ref[16];
      fail(r, "工作表“%s”%s：数值“%.40s”无效", w->sheet->name, jx_cell_ref(c.row, c.col, ref, sizeof ref), x->text.p);
      return;
    }
    char date[32];
    if (c.format == JX_XF_DATE && serial_to_date(plain, r->wb->date1904, date, sizeof date)) {
      c.type = JX_XC_DATE;
      c.text = jx_arena_strdup(a, date);
    } else {
      c.type = JX_XC_NUMBER;
      c.text = jx_arena_strdup(a, plain);
    }
  }
  jx_xsheet *s = w->sheet;
  if (++r->cells > r->lim->max_cells) {
    fail(r, "单元格总数超过 %zu 个，拒绝读取", r->lim->max_cells);
    return;
  }
  if (s->n_cells == w->cap_cells) {
    w->cap_cells = w->cap_cells ? w->cap_cells * 2 : 256;
    s->cells = jx_arena_grow(a, s->cells, s->n_cells, w->cap_cells, sizeof *s->cells);
  }
  s->cells[s->n_cells++] = c;
}

static void sheet_end(xml_part *x, const char *name) {
  wsstate *w = x->user;
  if (strcmp(name, "v") == 0) {
    w->in_v = false;
    x->collect = false;
  } else if (strcmp(name, "t") == 0) {
    x->collect = false;
  } else if (strcmp(name, "rPh") == 0) {
    if (w->in_rph) w->in_rph--;
  } else if (strcmp(name, "is") == 0) {
    w->in_is = false;
  } else if (strcmp(name, "c") == 0 && w->in_cell) {
    w->in_cell = false;
    x->collect = false;
    if (w->has_value || w->c_formula) add_cell(x, w);
  }
}

/* ---- the whole workbook -------------------------------------------------------------------- */

static bool read_all(reader *r) {
  jx_arena *a = r->wb->arena;
  rels pkg = {"", NULL, 0, 0};
  if (!parse_part(r, "_rels/.rels", rels_start, NULL, &pkg, false)) return false;
  const char *wb_path = rel_by_type(&pkg, "/officeDocument");
  if (!wb_path) wb_path = "xl/workbook.xml";
  rels wrels = {dir_of(a, wb_path), NULL, 0, 0};
  if (!parse_part(r, rels_path_of(a, wb_path), rels_start, NULL, &wrels, false)) return false;
  wbinfo info = {0};
  if (!parse_part(r, wb_path, workbook_start, workbook_end, &info, true)) return false;
  const char *sst = rel_by_type(&wrels, "/sharedStrings");
  sstate ss = {0};
  if (sst && !parse_part(r, sst, sst_start, sst_end, &ss, false)) return false;
  const char *styles = rel_by_type(&wrels, "/styles");
  stylestate sty = {false};
  if (styles && !parse_part(r, styles, styles_start, styles_end, &sty, false)) return false;
  r->wb->sheets = jx_arena_alloc(a, (info.n ? info.n : 1) * sizeof *r->wb->sheets);
  for (size_t i = 0; i < info.n; i++) {
    const char *target = rel_by_id(&wrels, info.items[i].rid);
    if (!target) return fail(r, "工作表“%s”在工作簿关系中找不到（%s）", info.items[i].name, info.items[i].rid);
    jx_xsheet *s = &r->wb->sheets[r->wb->n_sheets++];
    s->name = info.items[i].name;
    s->state = info.items[i].state;
    if (locate(r, target) < 0) continue; /* a chart sheet or a missing part: no cells */
    wsstate w = {.sheet = s, .row = -1, .col = -1};
    if (!parse_part(r, target, sheet_start, sheet_end, &w, true)) return false;
    if (!jx_workbook_finish_sheet(r->wb, s, r->lim->max_cells, &r->cells))
      return fail(r, "工作表“%s”的合并单元格展开后超过 %zu 个单元格，拒绝读取", s->name, r->lim->max_cells);
  }
  return true;
}

static jx_status read_zip(const char *name, zip_t *zip, const jx_xlsx_limits *lim, jx_workbook **out,
                          char *err, // NOLINT(readability-non-const-parameter): written through the reader
                          size_t errlen) {
  jx_arena *a = jx_arena_new();
  jx_workbook *wb = jx_arena_alloc(a, sizeof *wb);
  wb->arena = a;
  wb->source = jx_arena_strdup(a, name);
  reader r = {.zip = zip, .lim = lim ? lim : &jx_xlsx_default_limits, .wb = wb, .err = err, .errlen = errlen};
  bool ok = read_all(&r);
  free(r.sst);
  free(r.xf_format);
  free(r.numfmts);
  if (!ok) {
    jx_arena_free(a);
    return JX_ERR_DATA;
  }
  *out = wb;
  return JX_OK;
}

/* The old binary formats (.xls, WPS .et) are OLE2 compound files: D0 CF 11 E0 A1 B1 1A E1. */
static bool is_ole2(const unsigned char *p, size_t n) {
  static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  return n >= 8 && memcmp(p, magic, 8) == 0;
}
#define OLE2_WHY "这是旧版 Excel（.xls）或 WPS（.et）文件，不是 XLSX：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入"

static const char *zip_why(int code) {
  switch (code) {
  case ZIP_ER_NOZIP: return "不是 XLSX 文件（不是 zip 压缩包）";
  case ZIP_ER_INCONS: return "zip 压缩包已损坏（目录不一致）";
  case ZIP_ER_NOENT:
  case ZIP_ER_OPEN: return "无法打开";
  case ZIP_ER_READ: return "读取失败";
  case ZIP_ER_MEMORY: return "内存不足";
  default: return "不是有效的 XLSX 文件";
  }
}

jx_status jx_xlsx_read_file(const char *path, const jx_xlsx_limits *lim, jx_workbook **out, char *err, size_t errlen) {
  *out = NULL;
  if (errlen) err[0] = '\0';
  struct stat st;
  if (stat(path, &st) != 0) {
    snprintf(err, errlen, "无法打开文件：%s", errno == ENOENT ? "文件不存在" : strerror(errno));
    return JX_ERR_IO;
  }
  if (S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "这是一个目录，不是文件");
    return JX_ERR_IO;
  }
  int code = 0;
  zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
  if (!zip) {
    unsigned char head[8];
    FILE *f = fopen(path, "rb");
    size_t got = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    snprintf(err, errlen, "%s", is_ole2(head, got) ? OLE2_WHY : zip_why(code));
    return code == ZIP_ER_OPEN || code == ZIP_ER_READ ? JX_ERR_IO : JX_ERR_DATA;
  }
  jx_status rs = read_zip(path, zip, lim, out, err, errlen);
  zip_discard(zip);
  return rs;
}

jx_status jx_xlsx_read_mem(const char *name, const void *data, size_t len, const jx_xlsx_limits *lim, jx_workbook **out,
                           char *err, size_t errlen) {
  *out = NULL;
  if (errlen) err[0] = '\0';
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    snprintf(err, errlen, "内存不足");
    return JX_ERR_IO;
  }
  zip_t *zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
  if (!zip) {
    snprintf(err, errlen, "%s", is_ole2(data, len) ? OLE2_WHY : zip_why(zip_error_code_zip(&ze)));
    zip_source_free(src);
    zip_error_fini(&ze);
    return JX_ERR_DATA;
  }
  zip_error_fini(&ze);
  jx_status st = read_zip(name, zip, lim, out, err, errlen);
  zip_discard(zip);
  return st;
}
