/* cells.c — table cells as pdftotext writes them (one per line, split mid-word and at
 * punctuation), glued back together and classified; small UTF-8 helpers. */
#include <string.h>

#include "import/import.h"
#include "parse/bind.h"

/* ---- UTF-8 helpers ------------------------------------------------------------------ */

bool jx_starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

bool jx_ends(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Bytes of a space at s: ASCII space, U+3000, U+00A0; 0 otherwise. */
static size_t space_at(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  if (p[0] == ' ') return 1;
  if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;
  if (p[0] == 0xC2 && p[1] == 0xA0) return 2;
  return 0;
}

static size_t space_before(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  if (n >= 1 && p[n - 1] == ' ') return 1;
  if (n >= 3 && p[n - 3] == 0xE3 && p[n - 2] == 0x80 && p[n - 1] == 0x80) return 3;
  if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0) return 2;
  return 0;
}

char *jx_trim_dup(jx_arena *a, const char *s, size_t n) {
  size_t k;
  while (n && (k = space_at(s)) && k <= n) {
    s += k;
    n -= k;
  }
  while (n && (k = space_before(s, n))) n -= k;
  return jx_arena_strndup(a, s, n);
}

/* A digit at s (ASCII or full-width): its value and bytes. */
static int digit_at(const char *s, size_t *bytes) {
  const unsigned char *p = (const unsigned char *)s;
  if (p[0] >= '0' && p[0] <= '9') {
    *bytes = 1;
    return p[0] - '0';
  }
  if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
    *bytes = 3;
    return p[2] - 0x90;
  }
  return -1;
}

/* A decimal point at s: '.' or U+FF0E. */
static size_t point_at(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  if (p[0] == '.') return 1;
  if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) return 3;
  return 0;
}

size_t jx_scan_number(const char *s, char *buf, size_t cap) {
  size_t i = 0, o = 0, b;
  int dg;
  if (cap < 2 || digit_at(s, &b) < 0) return 0;
  size_t group = 0;
  bool grouped = false;
  for (;;) {
    if ((dg = digit_at(s + i, &b)) >= 0) {
      if (o + 1 >= cap) return 0;
      buf[o++] = (char)('0' + dg);
      i += b;
      group++;
      continue;
    }
    /* a thousands comma: only between groups of exactly three digits */
    if (s[i] == ',' && (grouped ? group == 3 : group >= 1 && group <= 3)) {
      size_t j = i + 1, n3 = 0;
      while (n3 < 4 && digit_at(s + j, &b) >= 0) {
        j += b;
        n3++;
      }
      if (n3 == 3) {
        if (o + 1 >= cap) return 0;
        buf[o++] = ',';
        i++;
        group = 0;
        grouped = true;
        continue;
      }
    }
    break;
  }
  if (grouped && group != 3) return 0;
  size_t pb = point_at(s + i);
  if (pb && digit_at(s + i + pb, &b) >= 0) {
    if (o + 1 >= cap) return 0;
    buf[o++] = '.';
    i += pb;
    while ((dg = digit_at(s + i, &b)) >= 0) {
      if (o + 1 >= cap) return 0;
      buf[o++] = (char)('0' + dg);
      i += b;
    }
  }
  buf[o] = '\0';
  return i;
}

bool jx_number_before(const char *s, size_t n, char *buf, size_t cap, size_t *start) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = n;
  while (i > 0) {
    if ((p[i - 1] >= '0' && p[i - 1] <= '9') || p[i - 1] == ',' || p[i - 1] == '.') i--;
    else if (i >= 3 && p[i - 3] == 0xEF && p[i - 2] == 0xBC && ((p[i - 1] >= 0x90 && p[i - 1] <= 0x99) || p[i - 1] == 0x8E)) i -= 3;
    else break;
  }
  while (i < n) { /* a number starts with a digit */
    size_t b;
    if (digit_at(s + i, &b) >= 0) break;
    i += (p[i] == 0xEF) ? 3 : 1;
  }
  if (i >= n) return false;
  /* the longest number from i that ends at n; a comma or point before it is not part */
  for (size_t st = i; st < n;) {
    size_t used = jx_scan_number(s + st, buf, cap);
    if (used && st + used == n) {
      *start = st;
      return true;
    }
    /* skip one digit/char and retry (e.g. "2023.5" where only "5" ends here? rare) */
    st += (p[st] == 0xEF) ? 3 : 1;
  }
  return false;
}

/* ---- bounded text --------------------------------------------------------------------- */

void jx_sb_add(jx_arena *a, jx_sb *b, const char *t) {
  size_t m = strlen(t);
  if (b->n + m > JX_IMPORT_MAX_TEXT_BYTES) {
    m = JX_IMPORT_MAX_TEXT_BYTES - b->n;
    while (m > 0 && ((unsigned char)t[m] & 0xC0) == 0x80) m--;
  }
  if (!b->s) {
    b->cap = m + 64;
    b->s = jx_arena_take(a, b->cap);
    b->s[0] = '\0';
  }
  if (!m) return;
  if (b->n + m + 1 > b->cap) {
    size_t cap = b->cap * 2;
    while (cap < b->n + m + 1) cap *= 2;
    b->s = jx_arena_grow(a, b->s, b->n + 1, cap, 1);
    b->cap = cap;
  }
  memcpy(b->s + b->n, t, m);
  b->n += m;
  b->s[b->n] = '\0';
}

const char *jx_sb_text(const jx_sb *b) { return b->s ? b->s : ""; }

/* ---- cells ------------------------------------------------------------------------- */

void jx_cells_push(jx_arena *a, jx_cells *c, const char *text, uint32_t line, uint32_t line_end) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    c->items = jx_arena_grow(a, c->items, c->n, cap, sizeof *c->items);
    c->cap = cap;
  }
  c->items[c->n++] = (jx_cell){text, line, line_end, false, NULL};
}

jx_cell jx_cells_join(jx_arena *a, const jx_cells *c, size_t from, size_t to) {
  jx_cell r = {"", 0, 0, false, NULL};
  if (from >= to || to > c->n) return r;
  size_t len = 0;
  for (size_t i = from; i < to; i++) len += strlen(c->items[i].text);
  if (len > JX_IMPORT_MAX_TEXT_BYTES) len = JX_IMPORT_MAX_TEXT_BYTES;
  char *s = jx_arena_take(a, len + 1), *o = s;
  for (size_t i = from; i < to; i++) {
    size_t m = strlen(c->items[i].text);
    if ((size_t)(o - s) + m > len) break;
    memcpy(o, c->items[i].text, m);
    o += m;
  }
  *o = '\0';
  r.text = s;
  r.line = c->items[from].line;
  r.line_end = c->items[to - 1].line_end;
  return r;
}

/* Punctuation that pdftotext sets on a line of its own inside a cell. */
static const char *const glue_both[] = {"、", "，", ",", "/", "／", ".", "．", "·", "：", ":", "～", "~", NULL};
/* "；" ends a list item: kept with its item, so that items keep their own lines */
static const char *const glue_left[] = {"；", ";", "。", "）", ")", "」", "』", "”", "’", "％", "%", "》", "！", "？", "]", "】", NULL};
static const char *const glue_right[] = {"（", "(", "「", "『", "“", "‘", "《", "[", "【", NULL};

static size_t match_any(const char *s, const char *const *set) {
  for (size_t i = 0; set[i]; i++)
    if (jx_starts(s, set[i])) return strlen(set[i]);
  return 0;
}

static bool ends_any(const char *s, const char *const *set) {
  for (size_t i = 0; set[i]; i++)
    if (jx_ends(s, set[i])) return true;
  return false;
}

/* A lone "/" is a cell of its own (不适用) when a neighbour is a number or another "/";
 * between words ("元" "/" "人") it is part of the text. */
static bool lone_slash(const char *t) { return strcmp(t, "/") == 0 || strcmp(t, "／") == 0; }

static bool slash_is_cell(const jx_cell *frag, size_t n, size_t i) {
  if (i == 0 || i + 1 >= n) return true;
  const char *p = frag[i - 1].text, *q = frag[i + 1].text;
  return lone_slash(p) || lone_slash(q) || jx_cell_is_number(p, true) || jx_cell_is_number(q, true);
}

static jx_cells glue(jx_arena *a, const jx_cell *frag, size_t n) {
  jx_cells out = {0};
  bool pending = false;
  jx_sb cur = {0}; /* the last cell's text once something was glued to it */
  for (size_t i = 0; i < n; i++) {
    const char *t = frag[i].text;
    if (lone_slash(t) && slash_is_cell(frag, n, i)) {
      jx_cells_push(a, &out, t, frag[i].line, frag[i].line_end);
      cur = (jx_sb){0};
      pending = false;
      continue;
    }
    /* a whole cell is never glued, nor glued to; a number never joins a label ending in
     * a colon ("年度资金总额：" "0") */
    bool whole = frag[i].whole || (out.n > 0 && out.items[out.n - 1].whole);
    bool after_colon = out.n > 0 && (jx_ends(out.items[out.n - 1].text, "：") || jx_ends(out.items[out.n - 1].text, ":")) &&
                       jx_cell_is_number(t, true);
    bool attach_prev = out.n > 0 && !whole && !after_colon && (pending || match_any(t, glue_both) || match_any(t, glue_left));
    if (attach_prev) {
      jx_cell *last = &out.items[out.n - 1];
      if (!cur.s) jx_sb_add(a, &cur, last->text);
      jx_sb_add(a, &cur, t);
      last->text = cur.s;
      last->line_end = frag[i].line_end;
    } else {
      jx_cells_push(a, &out, t, frag[i].line, frag[i].line_end);
      out.items[out.n - 1].whole = frag[i].whole;
      out.items[out.n - 1].row = frag[i].row;
      cur = (jx_sb){0};
    }
    pending = ends_any(t, glue_both) || ends_any(t, glue_right);
  }
  return out;
}

jx_cells jx_cells_from_lines(jx_arena *a, const jx_src *src, size_t from, size_t to) {
  if (to > src->n) to = src->n;
  size_t n = 0;
  for (size_t i = from; i < to; i++) n += src->lines[i].len > 0;
  if (!n) return (jx_cells){0};
  jx_cell *frag = jx_arena_take(a, n * sizeof *frag);
  size_t k = 0;
  for (size_t i = from; i < to; i++)
    if (src->lines[i].len) frag[k++] = (jx_cell){src->lines[i].text, src->lines[i].no, src->lines[i].no, src->lines[i].cell, src->lines[i].row};
  return glue(a, frag, n);
}

jx_cells jx_cells_glue(jx_arena *a, const char *const *texts, size_t n) {
  if (!n) return (jx_cells){0};
  jx_cell *frag = jx_arena_take(a, n * sizeof *frag);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (*texts[i]) frag[k++] = (jx_cell){texts[i], (uint32_t)(i + 1), (uint32_t)(i + 1), false, NULL};
  return glue(a, frag, k);
}

/* ---- classes of cells --------------------------------------------------------------- */

/* A 指标性质 symbol at the start of s, read by the same table as the YAML reader
 * (parse/bind.c): *used gets the bytes it takes in s.  Values are read by jx_target_read. */
static jx_nature nature_prefix(const char *s, size_t *used) { return jx_nature_parse(s, true, used); }

jx_nature jx_cell_nature(const char *text) {
  size_t used = 0;
  jx_nature n = nature_prefix(text, &used);
  return n != JX_NATURE_NONE && text[used] == '\0' ? n : JX_NATURE_NONE;
}

bool jx_cell_is_number(const char *text, bool pct_ok) {
  char buf[64];
  const char *s = text;
  if (*s == '-' || *s == '+') s++;
  size_t used = jx_scan_number(s, buf, sizeof buf);
  if (!used) return false;
  s += used;
  if (pct_ok && (jx_starts(s, "%") || jx_starts(s, "％"))) s += *s == '%' ? 1 : 3;
  return *s == '\0';
}

bool jx_cell_split_value(jx_arena *a, const char *text, bool nature_ok, jx_nature *nature, char *num, size_t cap,
                         const char **unit) {
  *nature = JX_NATURE_NONE;
  *unit = "";
  /* the one reader of 指标值 (parse/target_text.c); a range stays text for the loader */
  jx_target_reading r;
  if (strstr(text, "，")) return false; /* in extracted text a full-width comma separates cells, never thousands */
  if (!jx_target_read(text, &r) || r.has_hi) return false;
  if (r.nature != JX_NATURE_NONE && !nature_ok) return false;
  char buf[32];
  jx_format_decimal(r.num, 6, buf, sizeof buf);
  if (strlen(buf) >= cap) return false;
  memcpy(num, buf, strlen(buf) + 1);
  *nature = r.nature;
  if (r.percent) *unit = "%";
  else if (*r.unit) *unit = jx_arena_strdup(a, r.unit);
  return true;
}

static const char *const level1_names[] = {"满意度指标", "产出指标", "效益指标", "成本指标", NULL};
static const char *const level2_names[] = {"服务对象满意度指标", "生态环境成本指标", "可持续影响指标", "经济效益指标", "社会效益指标",
                                           "生态效益指标", "经济成本指标", "社会成本指标", "满意度指标", "数量指标",
                                           "质量指标", "时效指标", "成本指标", NULL};

/* A "（50分）" or "(50分)" tail at s: its bytes, else 0. */
static size_t points_tail(const char *s) {
  const char *p = s;
  if (jx_starts(p, "（")) p += 3;
  else if (*p == '(') p++;
  else return 0;
  char buf[32];
  size_t used = jx_scan_number(p, buf, sizeof buf);
  if (!used) return 0;
  p += used;
  if (!jx_starts(p, "分")) return 0;
  p += 3;
  if (jx_starts(p, "）")) p += 3;
  else if (*p == ')') p++;
  else return 0;
  return (size_t)(p - s);
}

static size_t level_prefix(const char *s, const char *const *names) {
  for (size_t i = 0; names[i]; i++)
    if (jx_starts(s, names[i])) {
      size_t n = strlen(names[i]);
      return n + points_tail(s + n);
    }
  return 0;
}

size_t jx_level1_prefix(const char *s) { return level_prefix(s, level1_names); }
size_t jx_level2_prefix(const char *s) { return level_prefix(s, level2_names); }

static const struct {
  const char *label;
  jx_col col;
} header_labels[] = {
    {"一级指标", JX_COL_L1},
    {"二级指标", JX_COL_L2},
    {"三级指标", JX_COL_NAME},
    {"指标名称", JX_COL_NAME},
    {"绩效指标性质", JX_COL_NATURE},
    {"指标性质", JX_COL_NATURE},
    {"绩效指标值", JX_COL_TARGET},
    {"年度指标值", JX_COL_TARGET},
    {"年度目标值", JX_COL_TARGET},
    {"指标值", JX_COL_TARGET},
    {"目标值", JX_COL_TARGET},
    {"绩效度量单位", JX_COL_UNIT},
    {"度量单位", JX_COL_UNIT},
    {"计量单位", JX_COL_UNIT},
    {"全年实际完成值", JX_COL_ACTUAL},
    {"实际完成值", JX_COL_ACTUAL},
    {"完成值", JX_COL_ACTUAL},
    {"实际值", JX_COL_ACTUAL},
    {"指标权重", JX_COL_WEIGHT},
    {"指标分值", JX_COL_WEIGHT},
    {"评分标准", JX_COL_CRITERIA},
    {"评分细则", JX_COL_CRITERIA},
    {"权重", JX_COL_WEIGHT},
    {"分值", JX_COL_WEIGHT},
    {"得分系数", JX_COL_COEF},
    {"自评得分", JX_COL_SCORE},
    {"得分", JX_COL_SCORE},
    {"偏差原因分析及改进措施", JX_COL_NOTE},
    {"未完成原因分析及改进措施", JX_COL_NOTE},
    {"未完成原因分析", JX_COL_NOTE},
    {"偏差原因分析", JX_COL_NOTE},
    {"未完成原因", JX_COL_NOTE},
    {"是否核心指标", JX_COL_CORE},
    {"核心指标", JX_COL_CORE},
};
enum { N_LABELS = sizeof header_labels / sizeof header_labels[0] };

static jx_col label_full(const char *s) {
  for (size_t i = 0; i < N_LABELS; i++)
    if (strcmp(s, header_labels[i].label) == 0) return header_labels[i].col;
  return JX_COL_NONE;
}

static bool label_prefix(const char *s) {
  size_t n = strlen(s);
  for (size_t i = 0; i < N_LABELS; i++)
    if (strlen(header_labels[i].label) > n && strncmp(header_labels[i].label, s, n) == 0) return true;
  return false;
}

jx_col jx_header_label(const char *t) { return label_full(t); }

size_t jx_cells_header(const jx_cells *c, size_t *i, jx_col *cols, size_t max_cols) {
  size_t j = *i, ncol = 0;
  char acc[128];
  while (j < c->n && ncol < max_cols) {
    size_t k = j, best_end = 0;
    jx_col best = JX_COL_NONE;
    acc[0] = '\0';
    for (;;) {
      size_t have = strlen(acc), add = strlen(c->items[k].text);
      if (have + add >= sizeof acc) break;
      memcpy(acc + have, c->items[k].text, add + 1);
      jx_col col = label_full(acc);
      if (col != JX_COL_NONE) {
        best = col;
        best_end = k + 1;
      }
      if (!label_prefix(acc) || k + 1 >= c->n) break;
      k++;
    }
    if (best == JX_COL_NONE) break;
    cols[ncol++] = best;
    j = best_end;
  }
  if (ncol < 3) return 0;
  *i = j;
  return ncol;
}
