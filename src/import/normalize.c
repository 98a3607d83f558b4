/* normalize.c — the importer's normalisation stage: the shapes text takes when a report is
 * copied, crawled or read from a document, made into the one shape the extractors read
 * (a table cell per line, prose a paragraph per line).
 *
 *   - table text rows "| a | b | c |" (the document readers' output, docread.h; web
 *     tables pasted as text) and crawler rows "a |": one line per non-empty cell;
 *   - a form flattened onto one line (a DOCX or XLS pasted as text: cells separated by
 *     spaces), recognised by the form's labels on it, and a table typed with spaces
 *     between its cells (a header holding three labels, then its rows up to a blank
 *     line): one line per cell;
 *   - a whole report run onto one line: a line per heading (" 二、" " (一)" …);
 *   - Markdown's marks (headings' "#", bold "**", table rule rows, "<br>" in cells);
 *   - a form's own instructions ("…(100字以内)") and a web page's own lines (navigation,
 *     banners, footers: layouts.yaml web_chrome) dropped: they are not the report's;
 *   - in a text whose punctuation was made half-width (a crawler's "收入:792.22万元,
 *     其中", half_width_copy), ':' ',' ';' after Chinese text made full-width, never
 *     between digits.
 * A line made into several keeps its source line number, so every position still names
 * the line of the text as read. */
#include <string.h>

#include "import/import.h"
#include "parse/yaml_tree.h"
#include "util/text.h"

/* Labels of the published forms' tables: a line holding three of them, with spaces
 * between, is a flattened form. */
static const char *const form_labels[] = {
    "一级指标", "二级指标", "三级指标", "指标值",   "实际完成值", "完成值",   "年初预算", "全年预算数",
    "全年执行数", "预算执行数", "执行率",   "分值",     "得分",       "权重",     "指标性质", "度量单位",
    "项目名称", "主管部门", "实施单位", "年度总体目标", "绩效指标", "偏差原因", "自评表",  NULL};

static bool is_space_at(const char *p, size_t *n) {
  if (*p == ' ' || *p == '\t') {
    *n = 1;
    return true;
  }
  if ((unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x80) { /* U+3000 */
    *n = 3;
    return true;
  }
  return false;
}

/* A table-text row: starts or ends with '|', or has two " | " separators. */
static bool is_pipe_row(const char *t, size_t n) {
  if (!n) return false;
  if (t[0] == '|' || t[n - 1] == '|') return true;
  const char *p = strstr(t, " | ");
  return p && strstr(p + 3, " | ");
}

static size_t count_spaces(const char *t) {
  size_t spaces = 0, sp;
  for (const char *p = t; *p; p++)
    if (is_space_at(p, &sp)) spaces++;
  return spaces;
}

static size_t count_labels(const char *t) {
  size_t labels = 0;
  for (size_t i = 0; form_labels[i] && labels < 3; i++)
    if (strstr(t, form_labels[i])) labels++;
  return labels;
}

/* A form flattened onto one line, or a table header typed with spaces between its cells
 * ("一级指标 二级指标 三级指标 指标值 …"): three form labels with spaces between them.
 * The rows under a header, up to a blank line, are split at their spaces too. */
static bool is_space_form(const char *t) { return count_spaces(t) >= 2 && count_labels(t) >= 3; }

/* A form's own instruction to whoever fills it in, not a value: a text ending in
 * "(100字以内)" / "（200字以内）" ("对照年度目标，说明相关任务目标的完成情况(100字以内)"). */
static bool form_instruction(const char *t, size_t n) {
  static const char *const tails[] = {"字以内)", "字以内）", "字以内）。", "字以内)。", "字以内).", NULL};
  for (size_t i = 0; tails[i]; i++) {
    size_t m = strlen(tails[i]);
    if (n >= m && !memcmp(t + n - m, tails[i], m)) return true;
  }
  return false;
}

typedef struct {
  jx_arena *a;
  jx_src_line *lines;
  size_t n, cap;
  bool over;
} line_list;

static void push(line_list *l, const char *text, size_t len, uint32_t no, bool cell) {
  if (l->n >= JX_IMPORT_MAX_LINES) {
    l->over = true;
    return;
  }
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 256;
    jx_src_line *nl = jx_arena_alloc(l->a, cap * sizeof *nl);
    if (l->n) memcpy(nl, l->lines, l->n * sizeof *nl);
    l->lines = nl;
    l->cap = cap;
  }
  char *t = jx_trim_dup(l->a, text, len);
  l->lines[l->n++] = (jx_src_line){t, (uint32_t)strlen(t), no, cell, NULL};
}

/* The cells of a row split at sep ('|' or spaces), the non-empty ones pushed. */
static void push_cells(line_list *l, const jx_src_line *src, bool pipes) {
  const char *p = src->text, *e = src->text + src->len, *start = p;
  size_t before = l->n;
  while (p < e) {
    size_t sp = 0;
    if (pipes ? *p == '|' : is_space_at(p, &sp)) {
      if (p > start) push(l, start, (size_t)(p - start), src->no, true);
      if (l->n > before && (!l->lines[l->n - 1].len || form_instruction(l->lines[l->n - 1].text, l->lines[l->n - 1].len))) l->n--;
      p += pipes ? 1 : sp;
      start = p;
    } else {
      p++;
    }
  }
  if (e > start) push(l, start, (size_t)(e - start), src->no, true);
  if (l->n > before && (!l->lines[l->n - 1].len || form_instruction(l->lines[l->n - 1].text, l->lines[l->n - 1].len))) l->n--;
  if (pipes)
    for (size_t i = before; i < l->n; i++) l->lines[i].row = src->text;
}

/* Markdown's own marks (a report written or saved as Markdown): a heading's "## ", bold
 * "**", a table's "| --- | :---: |" rule row (nothing left) and "<br>" inside a cell. */
static const char *strip_markdown(jx_arena *a, const char *t, uint32_t *len) {
  size_t n = *len, h = 0;
  while (h < n && h < 6 && t[h] == '#') h++;
  bool heading = h && h < n && t[h] == ' ';
  bool bold = strstr(t, "**") != NULL, br = strstr(t, "<br>") != NULL;
  /* a rule row: only '|', '-', ':' and spaces, with at least three '-' */
  size_t dashes = 0;
  bool rule = t[0] == '|';
  for (size_t i = 0; rule && i < n; i++) {
    if (t[i] == '-') dashes++;
    else if (t[i] != '|' && t[i] != ':' && t[i] != ' ') rule = false;
  }
  if (rule && dashes >= 3) {
    *len = 0;
    return "";
  }
  if (!heading && !bold && !br) return t;
  char *o = jx_arena_take(a, n + 1), *w = o;
  const char *p = heading ? t + h + 1 : t;
  while (*p) {
    if (bold && p[0] == '*' && p[1] == '*') {
      p += 2;
      continue;
    }
    if (br && !strncmp(p, "<br>", 4)) {
      *w++ = ' ';
      p += 4;
      continue;
    }
    *w++ = *p++;
  }
  *w = '\0';
  *len = (uint32_t)(w - o);
  return o;
}

/* "2023 年" (a PDF's word boxes, pdftotext's spacing) as "2023年": a year is one word. */
static const char *join_year(jx_arena *a, const char *t, uint32_t *len) {
  const char *hit = NULL;
  for (const char *p = t; (p = strstr(p, " 年")); p++)
    if (p - t >= 4 && p[-1] >= '0' && p[-1] <= '9' && p[-4] >= '0' && p[-4] <= '9' && (p - t == 4 || !(p[-5] >= '0' && p[-5] <= '9'))) {
      hit = p;
      break;
    }
  if (!hit) return t;
  char *o = jx_arena_take(a, *len + 1), *w = o;
  for (const char *p = t; *p; p++) {
    if (*p == ' ' && !strncmp(p, " 年", 4) && p - t >= 4 && p[-1] >= '0' && p[-1] <= '9' && p[-4] >= '0' && p[-4] <= '9' &&
        (p - t == 4 || !(p[-5] >= '0' && p[-5] <= '9')))
      continue;
    *w++ = *p;
  }
  *w = '\0';
  *len = (uint32_t)(w - o);
  return o;
}

/* In prose, a space between a number and Chinese text ("立案为39 件", "收入 4.22 万元":
 * pdftotext's and LibreOffice's spacing) dropped, as the PDF reader drops it, so that a
 * report reads the same whichever way its text was taken.  Table rows are split first and
 * never pass here. */
static const char *join_number_spaces(jx_arena *a, const char *t, uint32_t *len) {
  bool any = false;
  for (size_t i = 1; i + 1 < *len && !any; i++)
    if (t[i] == ' ' && (((unsigned char)t[i - 1] & 0x80) || ((unsigned char)t[i + 1] & 0x80)) &&
        ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '%' || (t[i + 1] >= '0' && t[i + 1] <= '9')))
      any = true;
  if (!any) return t;
  char *o = jx_arena_take(a, *len + 1), *w = o;
  for (size_t i = 0; i < *len; i++) {
    if (i && i + 1 < *len && t[i] == ' ' && t[i + 1] != ' ' && t[i - 1] != ' ' &&
        (((unsigned char)t[i - 1] & 0x80) || ((unsigned char)t[i + 1] & 0x80)) &&
        ((t[i - 1] >= '0' && t[i - 1] <= '9') || t[i - 1] == '%' || (t[i + 1] >= '0' && t[i + 1] <= '9')))
      continue;
    *w++ = t[i];
  }
  *w = '\0';
  *len = (uint32_t)(w - o);
  return o;
}

/* Whether the UTF-8 character ending just before p (at or after begin) is not ASCII. */
static bool cjk_before(const char *begin, const char *p) { return p > begin && ((unsigned char)p[-1] & 0x80); }

/* Half-width ':' ',' ';' after Chinese text made full-width, in place into a copy. */
static const char *widen_punct(jx_arena *a, const char *t, size_t n, uint32_t *len) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    if ((t[i] == ':' || t[i] == ',' || t[i] == ';') && cjk_before(t, t + i)) count++;
  if (!count) return t;
  char *o = jx_arena_take(a, n + count * 2 + 1), *w = o;
  for (size_t i = 0; i < n; i++) {
    char c = t[i];
    if ((c == ':' || c == ',' || c == ';') && cjk_before(t, t + i)) {
      const char *full = c == ':' ? "：" : c == ',' ? "，" : "；";
      memcpy(w, full, 3);
      w += 3;
    } else {
      *w++ = c;
    }
  }
  *w = '\0';
  *len = (uint32_t)(w - o);
  return o;
}

/* Whether the text's punctuation was made half-width (a crawler's copy): at least 5
 * half-width ':' ',' ';' after Chinese text, and over 4 times as many as full-width
 * ones.  A report written with full-width punctuation keeps an occasional half-width
 * mark exactly as written. */
static bool half_width_copy(const jx_src *src) {
  size_t half = 0, full = 0;
  for (size_t i = 0; i < src->n; i++) {
    const char *t = src->lines[i].text;
    for (size_t k = 0; k < src->lines[i].len; k++) {
      char c = t[k];
      if ((c == ':' || c == ',' || c == ';') && cjk_before(t, t + k)) half++;
      else if (c == '\xEF' && (t[k + 1] == '\xBC') && (t[k + 2] == '\x9A' || t[k + 2] == '\x8C' || t[k + 2] == '\x9B')) full++;
    }
  }
  return half >= 5 && half > 4 * full;
}

/* A web page's own line (layouts.yaml web_chrome): navigation, banner, footer. */
static bool chrome_line(const jx_node *words, const char *t, size_t n) {
  if (!words || words->type != JX_NODE_SEQ || jx_u8_chars(t) > 120) return false;
  (void)n;
  for (size_t i = 0; i < words->n; i++)
    if (words->items[i]->type == JX_NODE_SCALAR && strstr(t, words->items[i]->text)) return true;
  return false;
}

/* Where, in a whole report run onto one line (a page's text copied without its breaks),
 * a heading starts: " 二、" " (一)" " （二）" " 1、" after a space.  Returns the offsets
 * (at most max), 0 when the line is short or has fewer than three. */
static size_t run_on_headings(const char *t, size_t n, size_t *at, size_t max) {
  if (jx_u8_chars(t) < 200) return 0;
  size_t k = 0;
  for (size_t i = 1; i < n && k < max; i++) {
    if (t[i - 1] != ' ') continue;
    int level = 0;
    size_t m = jx_heading_marker(t + i, &level);
    if (m && level >= 1 && level <= 4) at[k++] = i;
  }
  return k >= 3 ? k : 0;
}

bool jx_src_normalize(jx_arena *a, jx_src *src) {
  line_list l = {a, NULL, 0, 0, false};
  if (!src->layouts) src->layouts = jx_layouts(a);
  const jx_node *chrome = src->layouts ? jx_map_get(src->layouts, "web_chrome") : NULL;
  bool widen = half_width_copy(src);
  bool space_rows = false; /* under a header typed with spaces, until a blank line */
  for (size_t i = 0; i < src->n && !l.over; i++) {
    jx_src_line line = src->lines[i];
    if (!line.len) space_rows = false;
    if (widen) line.text = widen_punct(a, line.text, line.len, &line.len);
    line.text = join_year(a, line.text, &line.len);
    line.text = strip_markdown(a, line.text, &line.len);
    size_t heads[256];
    size_t nh = is_pipe_row(line.text, line.len) || is_space_form(line.text) ? 0 : run_on_headings(line.text, line.len, heads, 256);
    if (nh) {
      /* one line per part, each keeping this line's number */
      size_t from = 0;
      for (size_t h = 0; h <= nh; h++) {
        size_t to = h < nh ? heads[h] : line.len;
        if (to > from) push(&l, line.text + from, to - from, line.no, false);
        from = to;
      }
      continue;
    }
    if (form_instruction(line.text, line.len) || chrome_line(chrome, line.text, line.len)) {
      push(&l, "", 0, line.no, false);
      continue;
    }
    if (is_pipe_row(line.text, line.len)) {
      src->tables = true;
      push_cells(&l, &line, true);
    } else if (space_rows || is_space_form(line.text)) {
      src->tables = space_rows = true;
      push_cells(&l, &line, false);
    } else {
      line.text = join_number_spaces(a, line.text, &line.len);
      push(&l, line.text, line.len, line.no, false);
    }
  }
  if (l.over) return false;
  src->lines = l.lines;
  src->n = l.n;
  return true;
}
