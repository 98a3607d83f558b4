/* sheet.c — a filled template, or an official table from another tool, read into a
 * department-year (jx_sheet_import): tables found by their header labels, values
 * parsed exactly, every problem a JX7xx diagnostic at its cell "FILE.xlsx:Sheet!C12".
 *
 * How cells become values (docs/excel.md says the same):
 * - Tables are found by their labels (sheet.h), wherever they sit: extra title rows,
 *   blank rows and unknown columns are skipped; a table ends at a row holding 合计 /
 *   总分 / … or the next table's header.
 * - Numbers are read from the cell's text, exactly: a number cell's decimal text, or a
 *   text cell ("1,072.52", "１０７２．５２万元", "95%").  No double is involved.
 * - Money is in the unit its column header names ("预算数（元）"), else the sheet's
 *   "单位：元" note, else 基本信息's 金额单位, else 万元; a text cell may carry its own
 *   unit ("10725200元").
 * - Percentages: a number cell under a percent format is a percentage (0.95 → 95%); text
 *   with "%" is one; a column headed "（%）" holds percentages; an actual written as a
 *   plain fraction 0 < a ≤ 1 against a target of at least 50% with = ≥ > is read as a
 *   percentage, with a note (JX709).  Nothing else is rescaled.
 * - 指标性质 may be written inside the value cell ("≥95%"); a unit after the number
 *   ("20000页") fills an empty 度量单位.  A text target without a nature is 定性. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bind.h"
#include "parse/sheet.h"
#include "parse/xlsx.h"
#include "util/diag.h"
#include "util/module.h"
#include "util/text.h"

#define NORM_MAX 192

/* ---- the import and its sheets ------------------------------------------------------ */

typedef struct {
  jx_doc *doc;
  jx_arena *a;
  jx_diags *d;
  const jx_workbook *wb;
  const char *file;
  int64_t unit; /* money unit of the workbook (基本信息 金额单位) */
  int kind;     /* the form read, -1 until known */
} imp;

/* A sheet with the normalised text of its short text cells (labels), computed once. */
typedef struct {
  const jx_xsheet *s;
  const char **norm;   /* per cell, NULL when not a label candidate */
  const char **nunit;  /* the unit a header's "(万元)" named */
  int64_t unit;        /* the sheet's "单位：元" note, else the workbook's */
} sheetx;

static void sheetx_init(imp *m, sheetx *x, const jx_xsheet *s) {
  x->s = s;
  x->norm = jx_arena_alloc(m->a, (s->n_cells + 1) * sizeof *x->norm);
  x->nunit = jx_arena_alloc(m->a, (s->n_cells + 1) * sizeof *x->nunit);
  x->unit = m->unit;
  char buf[NORM_MAX];
  for (size_t i = 0; i < s->n_cells; i++) {
    const jx_xcell *c = &s->cells[i];
    if (c->type != JX_XC_STRING || strlen(c->text) >= NORM_MAX) continue;
    if (c->merged && i > 0 && s->cells[i - 1].text == c->text && s->cells[i - 1].row == c->row) {
      x->norm[i] = x->norm[i - 1]; /* a merged copy in the same row: same label */
      x->nunit[i] = x->nunit[i - 1];
      continue;
    }
    const char *unit;
    if (jx_label_norm(c->text, buf, sizeof buf, &unit) && buf[0]) {
      x->norm[i] = jx_arena_strdup(m->a, buf);
      x->nunit[i] = unit;
    }
  }
  /* "单位：元" / "金额单位：万元" anywhere in the first rows */
  for (size_t i = 0; i < s->n_cells && s->cells[i].row < 8; i++) {
    const char *n = x->norm[i];
    const char *p = n ? strstr(n, "单位:") : NULL;
    if (!p) continue;
    p += strlen("单位:");
    if (strncmp(p, "万元", strlen("万元")) == 0) x->unit = JX_FEN_PER_WAN;
    else if (strncmp(p, "元", strlen("元")) == 0) x->unit = JX_FEN_PER_YUAN;
  }
}

static size_t cell_index(const sheetx *x, const jx_xcell *c) { return (size_t)(c - x->s->cells); }

static jx_pos pos_at(imp *m, const sheetx *x, uint32_t r, uint32_t c) {
  char ref[16];
  jx_pos p = {jx_arena_printf(m->a, "%s:%s!%s", m->file, x->s->name, jx_cell_ref(r, c, ref, sizeof ref)), 0, 0};
  return p;
}

static jx_pos pos_sheet(imp *m, const jx_xsheet *s) {
  jx_pos p = {jx_arena_printf(m->a, "%s:%s", m->file, s->name), 0, 0};
  return p;
}

/* The merged range that holds (r, c), or the cell itself. */
static jx_xrange extent(const jx_xsheet *s, uint32_t r, uint32_t c) {
  for (size_t i = 0; i < s->n_merges; i++) {
    const jx_xrange *g = &s->merges[i];
    if (r >= g->r1 && r <= g->r2 && c >= g->c1 && c <= g->c2) return *g;
  }
  return (jx_xrange){r, c, r, c};
}

/* The first cell (row by row, from row `from`) whose label matches l; merged copies are
 * skipped. */
static bool find_label(const sheetx *x, const jx_label *l, uint32_t from, uint32_t *r, uint32_t *c) {
  const jx_xsheet *s = x->s;
  size_t start = from < s->n_rows ? s->row_start[from] : s->n_cells;
  for (size_t i = start; i < s->n_cells; i++) {
    if (!x->norm[i] || s->cells[i].merged) continue;
    if (jx_label_match(l, x->norm[i])) {
      *r = s->cells[i].row;
      *c = s->cells[i].col;
      return true;
    }
  }
  return false;
}

static bool row_has(const sheetx *x, uint32_t r, const jx_label *l, uint32_t *col) {
  const jx_xsheet *s = x->s;
  if (r >= s->n_rows) return false;
  for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++)
    if (x->norm[i] && jx_label_match(l, x->norm[i])) {
      if (col) *col = s->cells[i].col;
      return true;
    }
  return false;
}

/* A row that ends a table: 合计, 总分, … in any cell. */
static bool row_stops(const sheetx *x, uint32_t r) {
  const jx_xsheet *s = x->s;
  for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++) {
    const char *n = x->norm[i];
    if (!n) continue;
    for (size_t k = 0; jx_table_stops[k]; k++)
      if (strcmp(n, jx_table_stops[k]) == 0) return true;
  }
  return false;
}

/* ---- cells to values ------------------------------------------------------------------ */

static bool is_blank(const char *s) {
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
  return true;
}

/* A data cell, or NULL when empty.  An error value is a diagnostic (and NULL); a formula
 * in a data cell gives its cached value with a warning. */
static const jx_xcell *data_cell(imp *m, const sheetx *x, uint32_t r, uint32_t c, const char *what) {
  const jx_xcell *cell = jx_xsheet_cell(x->s, r, c);
  if (cell && cell->formula && !cell->merged && !*cell->text) {
    jx_diag_add(m->d, "JX708", JX_WARNING, pos_at(m, x, r, c),
                "%s是公式，但文件没有保存它的计算结果，无法读取：请在 Excel 或 WPS 中打开并保存后再导入", what);
    return NULL;
  }
  if (!cell || is_blank(cell->text)) return NULL;
  if (cell->type == JX_XC_ERROR) {
    jx_diag_add(m->d, "JX711", JX_ERROR, pos_at(m, x, r, c), "%s是错误值“%s”：请改为数值或文字", what, cell->text);
    return NULL;
  }
  if (cell->formula && !cell->merged)
    jx_diag_add(m->d, "JX708", JX_WARNING, pos_at(m, x, r, c), "%s是公式，按其计算结果“%s”读取", what, cell->text);
  return cell;
}

/* Text as written, trimmed (no NFKC: names keep their own punctuation). */
static const char *trim_copy(imp *m, const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
  return jx_arena_strndup(m->a, s, n);
}

static const char *get_text(imp *m, const sheetx *x, uint32_t r, uint32_t c, const char *what, jx_pos *pos) {
  const jx_xcell *cell = data_cell(m, x, r, c, what);
  if (!cell) return NULL;
  if (pos) *pos = pos_at(m, x, r, c);
  return trim_copy(m, cell->text);
}

/* "0.95" → "95" (the point moved two places right), for a number under a percent format. */
static bool times100(const char *plain, char *out, size_t cap) {
  char digits[160];
  bool neg = plain[0] == '-';
  const char *p = plain + neg;
  const char *dot = strchr(p, '.');
  size_t ip = dot ? (size_t)(dot - p) : strlen(p);
  const char *frac = dot ? dot + 1 : "";
  size_t fl = strlen(frac);
  if (ip + fl + 4 > sizeof digits) return false;
  memcpy(digits, p, ip);
  for (size_t k = 0; k < 2; k++) {
    if (k < fl) digits[ip + k] = frac[k];
    else digits[ip + k] = '0';
  }
  size_t n = ip + 2;
  digits[n] = '\0';
  const char *rest = fl > 2 ? frac + 2 : "";
  const char *d = digits;
  while (d[0] == '0' && d[1]) d++;
  int w = snprintf(out, cap, "%s%s%s%s", neg ? "-" : "", d, *rest ? "." : "", rest);
  return w > 0 && (size_t)w < cap;
}

static void set_num(imp *m, const sheetx *x, uint32_t r, uint32_t c, const char *what, bool count, jx_num *out) {
  const jx_xcell *cell = data_cell(m, x, r, c, what);
  if (!cell) return;
  jx_pos pos = pos_at(m, x, r, c);
  out->pos = pos; /* also when the text is refused: the value was written, not missing */
  char buf[176];
  const char *text = cell->text;
  if (cell->type == JX_XC_STRING && jx_target_blank(text)) return; /* 未填, —, /: unknown, not an error */
  if (cell->type == JX_XC_NUMBER && cell->format == JX_XF_PERCENT && times100(cell->text, buf, sizeof buf)) text = buf;
  const char *why;
  int64_t v;
  if (!jx_parse_num(text, &v, NULL, &why)) {
    jx_diag_add(m->d, "JX704", JX_ERROR, pos, "%s“%s”不是有效的数值：%s", what, cell->text, why);
    return;
  }
  if (count && (v < 0 || v % JX_NUM_SCALE)) {
    jx_diag_add(m->d, "JX704", JX_ERROR, pos, "%s“%s”应为不小于 0 的整数", what, cell->text);
    return;
  }
  out->v = v;
  out->set = true;
  out->pos = pos;
}

static void set_money(imp *m, const sheetx *x, uint32_t r, uint32_t c, int64_t unit, const char *what, jx_money *out) {
  const jx_xcell *cell = data_cell(m, x, r, c, what);
  if (!cell) return;
  jx_pos pos = pos_at(m, x, r, c);
  out->pos = pos;
  const char *why;
  int64_t fen;
  const char *text = cell->text;
  size_t tl = strlen(text);
  if (tl > 3 && !strcmp(text + tl - 3, "万")) text = jx_arena_printf(m->a, "%s元", text); /* "13万" is 13 万元 */
  if (!jx_parse_money(text, unit, &fen, &why)) {
    jx_diag_add(m->d, "JX705", JX_ERROR, pos, "%s“%s”不是有效的金额（%s）：%s", what, cell->text,
                unit == JX_FEN_PER_YUAN ? "元" : "万元", why);
    return;
  }
  out->fen = fen;
  out->set = true;
  out->pos = pos;
}

static bool looks_numeric(const char *s) {
  if (*s == '+' || *s == '-') s++;
  return (*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9');
}

/* A target or an actual, text read by jx_target_read.  *nature_out receives a nature written
 * with the number ("≥95%", "95%以上"); a unit written after it ("20000页") is v->unit_read. */
static void set_value(imp *m, const sheetx *x, uint32_t r, uint32_t c, const char *what, bool pct_col, jx_value *v,
                      jx_nature *nature_out) {
  memset(v, 0, sizeof *v);
  const jx_xcell *cell = data_cell(m, x, r, c, what);
  if (!cell) return;
  v->pos = pos_at(m, x, r, c);
  char buf[176];
  const char *why;
  if (cell->type == JX_XC_NUMBER) {
    bool pct = cell->format == JX_XF_PERCENT && times100(cell->text, buf, sizeof buf);
    const char *text = pct ? buf : cell->text;
    if (!jx_parse_num(text, &v->num, NULL, &why)) {
      jx_diag_add(m->d, "JX704", JX_ERROR, v->pos, "%s“%s”不是有效的数值：%s", what, cell->text, why);
      return;
    }
    v->kind = JX_VAL_NUMBER;
    v->percent = pct || pct_col;
    v->text = jx_arena_printf(m->a, "%s%s", text, v->percent ? "%" : "");
    return;
  }
  char *t = jx_text_fold(m->a, cell->text);
  const char *written = jx_arena_strdup(m->a, cell->text);
  v->text = written; /* as written: full-width brackets stay full-width */
  if (cell->type != JX_XC_STRING) {
    v->kind = JX_VAL_TEXT;
    return;
  }
  if (t[0] == '=' && t[1] != '\0' && !looks_numeric(t + 1 + strspn(t + 1, " "))) {
    v->kind = JX_VAL_REF;
    v->text = t + 1 + strspn(t + 1, " ");
    return;
  }
  if (jx_target_blank(cell->text)) { /* 未填, —, /: unknown, not an error */
    v->blank = true;
    v->written = written;
    return;
  }
  /* the one reader of 指标值 (target_text.c): "≥95%", "20000页", "1,200万元", "90%-95%" */
  jx_target_reading rd;
  if (jx_target_read(cell->text, &rd)) {
    v->kind = JX_VAL_NUMBER;
    v->num = rd.num;
    v->percent = rd.percent || pct_col;
    v->has_hi = rd.has_hi;
    v->num_hi = rd.num_hi;
    v->text = t;
    if (strcmp(t, written) != 0) v->written = written;
    if (*rd.unit) {
      v->unit_read = jx_arena_strdup(m->a, rd.unit);
    }
    if (rd.nature != JX_NATURE_NONE && nature_out) *nature_out = rd.nature;
    return;
  }
  if (looks_numeric(t)) { /* a number followed by what no reading explains: "1.2.3", "2023年完成" */
    why = "数字后有无法识别的文字";
    int64_t ignored;
    (void)jx_parse_num(t, &ignored, NULL, &why); /* its reason when it has one */
    jx_diag_add(m->d, "JX704", JX_ERROR, v->pos, "%s“%s”不是有效的数值：%s", what, cell->text, why);
    v->kind = JX_VAL_NONE;
    v->text = NULL;
    return;
  }
  v->kind = JX_VAL_TEXT;
}

static bool parse_bool(const char *t, bool *out) {
  static const char *yes[] = {"是", "true", "TRUE", "1", "√", "Y", "y"}, *no[] = {"否", "false", "FALSE", "0", "×", "N", "n"};
  for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
    if (strcmp(t, yes[i]) == 0) return *out = true, true;
    if (strcmp(t, no[i]) == 0) return *out = false, true;
  }
  return false;
}

/* Lines of a cell ("一是…\n二是…") as a list. */
static void set_lines(imp *m, const char *text, jx_strlist *out, bool semicolons) {
  if (!text) return;
  size_t cap = 0;
  const char *p = text;
  while (*p) {
    size_t n = strcspn(p, "\n");
    const char *end = p + n;
    if (semicolons) {
      const char *semi = strstr(p, "；");
      if (semi && semi < end) end = semi, n = (size_t)(semi - p);
    }
    const char *line = trim_copy(m, jx_arena_strndup(m->a, p, n));
    if (*line) *JX_VEC_PUSH(m->a, *out, cap) = line;
    p = end;
    if (*p == '\n') p++;
    else if (*p) p += strlen("；");
  }
}

/* ---- label → value ---------------------------------------------------------------------- */

/* The cell right of a label (after its merged range) or below it. */
static bool beside(const sheetx *x, const jx_label *l, bool below, uint32_t from, uint32_t *r, uint32_t *c) {
  uint32_t lr, lc;
  if (!find_label(x, l, from, &lr, &lc)) return false;
  jx_xrange e = extent(x->s, lr, lc);
  *r = below ? e.r2 + 1 : lr;
  *c = below ? lc : e.c2 + 1;
  return true;
}

static const char *text_beside(imp *m, const sheetx *x, const jx_label *l, bool below, jx_pos *pos) {
  uint32_t r, c;
  if (!beside(x, l, below, 0, &r, &c)) return NULL;
  return get_text(m, x, r, c, l->labels[0], pos);
}

/* ---- tables ---------------------------------------------------------------------------- */

typedef struct {
  uint32_t header;       /* header row */
  int32_t col[JX_IC_COUNT];
  const char *unit[JX_IC_COUNT]; /* unit named in the header */
} icols_map;

/* The indicator table's header: the first row from `from` with a 三级指标 label and a
 * 指标值 or 权重 label. */
static bool find_indicator_header(const sheetx *x, uint32_t from, icols_map *map) {
  const jx_xsheet *s = x->s;
  for (uint32_t r = from; r < s->n_rows; r++) {
    if (!row_has(x, r, &jx_icols[JX_IC_NAME].label, NULL)) continue;
    if (!row_has(x, r, &jx_icols[JX_IC_TARGET].label, NULL) && !row_has(x, r, &jx_icols[JX_IC_WEIGHT].label, NULL)) continue;
    map->header = r;
    for (size_t k = 0; k < JX_IC_COUNT; k++) map->col[k] = -1, map->unit[k] = NULL;
    for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++) {
      if (!x->norm[i]) continue;
      for (size_t k = 0; k < JX_IC_COUNT; k++)
        if (map->col[k] < 0 && jx_label_match(&jx_icols[k].label, x->norm[i])) {
          map->col[k] = (int32_t)s->cells[i].col;
          map->unit[k] = x->nunit[i];
          break;
        }
    }
    return true;
  }
  return false;
}

static bool row_empty(const sheetx *x, uint32_t r, const int32_t *cols, size_t n, const bool *ignore) {
  for (size_t k = 0; k < n; k++) {
    if (cols[k] < 0 || (ignore && ignore[k])) continue;
    const jx_xcell *c = jx_xsheet_cell(x->s, r, (uint32_t)cols[k]);
    if (c && !is_blank(c->text) && !(c->merged && k <= JX_IC_LEVEL2)) return false;
  }
  return true;
}

static void read_indicator(imp *m, const sheetx *x, const icols_map *map, uint32_t r, jx_indicator *ind) {
  const int32_t *col = map->col;
#define COL(k) ((uint32_t)col[k])
#define HAS(k) (col[k] >= 0)
  if (HAS(JX_IC_LEVEL1)) ind->level1 = get_text(m, x, r, COL(JX_IC_LEVEL1), "一级指标", NULL);
  if (HAS(JX_IC_LEVEL2)) ind->level2 = get_text(m, x, r, COL(JX_IC_LEVEL2), "二级指标", NULL);
  if (HAS(JX_IC_NAME)) ind->name = get_text(m, x, r, COL(JX_IC_NAME), "三级指标", NULL);
  jx_pos rowpos = pos_at(m, x, r, HAS(JX_IC_NAME) ? COL(JX_IC_NAME) : 0);
  ind->pos = rowpos;
  if (!ind->name)
    jx_diag_add(m->d, "JX703", JX_ERROR, rowpos, "第 %lu 行填了指标数据，但三级指标（指标名称）为空", (unsigned long)r + 1);
  const char *what = ind->name ? ind->name : "";
  char label[256];
  jx_nature from_value = JX_NATURE_NONE;
  bool nature_written = false;
  if (HAS(JX_IC_NATURE)) {
    jx_pos np;
    const char *t = get_text(m, x, r, COL(JX_IC_NATURE), "指标性质", &np);
    if (t && !jx_target_blank(t)) { /* a blank marker (—, /, 未填): not written */
      nature_written = true;
      ind->nature = jx_nature_parse(t, false, NULL);
      if (ind->nature == JX_NATURE_NONE)
        jx_diag_add(m->d, "JX706", JX_ERROR, np, "指标“%s”的指标性质“%s”无效：应为 =、≥、>、≤、<、定性 或 定量", what, t);
    }
  }
  if (HAS(JX_IC_UNIT)) ind->unit = get_text(m, x, r, COL(JX_IC_UNIT), "度量单位", NULL);
  bool unit_pct = ind->unit && strcmp(ind->unit, "%") == 0;
  if (HAS(JX_IC_TARGET)) {
    snprintf(label, sizeof label, "指标“%s”的指标值", what);
    set_value(m, x, r, COL(JX_IC_TARGET), label, map->unit[JX_IC_TARGET] && !strcmp(map->unit[JX_IC_TARGET], "%"),
              &ind->target, &from_value);
  }
  if (from_value != JX_NATURE_NONE) {
    if (ind->nature == JX_NATURE_NONE || ind->nature == JX_NATURE_QUANT) ind->nature = from_value;
    else if (ind->nature != from_value)
      jx_diag_add(m->d, "JX706", JX_ERROR, ind->target.pos, "指标“%s”的指标值中的性质“%s”与指标性质“%s”不一致", what,
                  jx_nature_symbol(from_value), jx_nature_symbol(ind->nature));
  }
  jx_target_settle(m->a, m->d, ind); /* the rules of 指标值 shared with the YAML loader (JX116/JX117/JX118) */
  bool named = ind->name != NULL; /* without a name, that is the one error of the row */
  if (named && ind->target.kind == JX_VAL_NONE && !ind->target.pos.file)
    jx_diag_add(m->d, "JX703", JX_WARNING, HAS(JX_IC_TARGET) ? pos_at(m, x, r, COL(JX_IC_TARGET)) : rowpos,
                "指标“%s”的指标值未填：按未知处理，该指标未计分", what);
  if (ind->nature == JX_NATURE_NONE && ind->target.kind == JX_VAL_TEXT) ind->nature = JX_NATURE_QUAL;
  if (named && !nature_written && ind->nature == JX_NATURE_NONE && ind->target.kind != JX_VAL_NONE)
    jx_diag_add(m->d, "JX703", JX_WARNING, HAS(JX_IC_NATURE) ? pos_at(m, x, r, COL(JX_IC_NATURE)) : ind->target.pos,
                "指标“%s”的指标性质未填（=、≥、>、≤、<、定性 或 定量）：按未知处理，该指标未计分", what);
  if (HAS(JX_IC_WEIGHT)) {
    snprintf(label, sizeof label, "指标“%s”的权重", what);
    set_num(m, x, r, COL(JX_IC_WEIGHT), label, false, &ind->weight);
  }
  if (named && !ind->weight.set && !ind->weight.pos.file)
    jx_diag_add(m->d, "JX703", JX_WARNING, HAS(JX_IC_WEIGHT) ? pos_at(m, x, r, COL(JX_IC_WEIGHT)) : rowpos,
                "指标“%s”的权重（分值）未填：按未知处理，该指标未计分", what);
  if (HAS(JX_IC_ACTUAL)) {
    snprintf(label, sizeof label, "指标“%s”的实际完成值", what);
    set_value(m, x, r, COL(JX_IC_ACTUAL), label, map->unit[JX_IC_ACTUAL] && !strcmp(map->unit[JX_IC_ACTUAL], "%"),
              &ind->actual, NULL);
    jx_value *a = &ind->actual, *t = &ind->target;
    bool target_pct = t->kind == JX_VAL_NUMBER && (t->percent || unit_pct);
    if (a->kind == JX_VAL_NUMBER && !a->percent && target_pct && t->num >= 50 * JX_NUM_SCALE && a->num > 0 &&
        a->num <= JX_NUM_SCALE &&
        (ind->nature == JX_NATURE_GE || ind->nature == JX_NATURE_GT || ind->nature == JX_NATURE_EQ)) {
      char b1[32], b2[32];
      jx_diag_add(m->d, "JX709", JX_NOTE, a->pos, "指标“%s”的实际完成值 %s 按百分数读作 %s%%（指标值为 %s%%）", what,
                  jx_format_num(a->num, b1, sizeof b1), jx_format_num(a->num * 100, b2, sizeof b2),
                  jx_format_num(t->num, label, sizeof label));
      a->num *= 100;
      a->percent = true;
      a->text = jx_arena_printf(m->a, "%s%%", b2);
    }
  }
  if (!ind->unit && (ind->target.percent || ind->actual.percent)) ind->unit = "%";
  if (HAS(JX_IC_SCORE)) {
    snprintf(label, sizeof label, "指标“%s”的自评得分", what);
    set_num(m, x, r, COL(JX_IC_SCORE), label, false, &ind->score);
  }
  if (HAS(JX_IC_NOTE)) ind->deviation_note = get_text(m, x, r, COL(JX_IC_NOTE), "偏差原因分析及改进措施", NULL);
  if (HAS(JX_IC_EVIDENCE)) set_lines(m, get_text(m, x, r, COL(JX_IC_EVIDENCE), "佐证材料", NULL), &ind->evidence, true);
  if (HAS(JX_IC_ASSUMPTION)) ind->assumption = get_text(m, x, r, COL(JX_IC_ASSUMPTION), "假设说明", NULL);
  if (HAS(JX_IC_CORE)) {
    jx_pos cp;
    const char *t = get_text(m, x, r, COL(JX_IC_CORE), "核心指标", &cp);
    if (t && !parse_bool(t, &ind->core))
      jx_diag_add(m->d, "JX707", JX_ERROR, cp, "指标“%s”的核心指标“%s”应为“是”或“否”", what, t);
  }
#undef COL
#undef HAS
}

/* Read the indicator table that starts at or after row `from`; returns the row after it. */
static uint32_t read_indicators(imp *m, const sheetx *x, uint32_t from, jx_indicatorlist *out, bool *found) {
  icols_map map;
  *found = find_indicator_header(x, from, &map);
  if (!*found) return from;
  bool ignore[JX_IC_COUNT] = {0};
  ignore[JX_IC_COMPUTED] = true;
  size_t cap = 0;
  uint32_t r = map.header + 1;
  /* a second header row (a merged header over two rows) holds labels only */
  while (r < x->s->n_rows && row_has(x, r, &jx_icols[JX_IC_NAME].label, NULL)) r++;
  for (; r < x->s->n_rows; r++) {
    if (row_stops(x, r)) break;
    if (row_empty(x, r, map.col, JX_IC_COUNT, ignore)) continue;
    jx_indicator *ind = JX_VEC_PUSH(m->a, *out, cap);
    memset(ind, 0, sizeof *ind);
    read_indicator(m, x, &map, r, ind);
    /* 一级/二级指标 left blank under the first row of their group (a merged cell that
     * another tool wrote out once) are the group's */
    if (out->n > 1) {
      const jx_indicator *prev = &out->items[out->n - 2];
      if (!ind->level1 && map.col[JX_IC_LEVEL1] >= 0) ind->level1 = prev->level1;
      if (!ind->level2 && map.col[JX_IC_LEVEL2] >= 0 && ind->level1 == prev->level1) ind->level2 = prev->level2;
    }
  }
  return r;
}

/* A small table: header row with `anchor`, columns by labels, rows until a stop (a
 * row holding one of `stops`, 合计/总分…, or the end).  Calls row_fn for each row with
 * data. */
typedef void (*row_fn)(imp *m, const sheetx *x, uint32_t r, const int32_t *cols, const char *const *units, void *ud);

static bool read_table(imp *m, const sheetx *x, const jx_label *const *labels, size_t n, const jx_label *const *stops,
                       row_fn fn, void *ud) {
  uint32_t hr, hc;
  if (!find_label(x, labels[0], 0, &hr, &hc)) return false;
  int32_t cols[8];
  const char *units[8];
  for (size_t k = 0; k < n && k < 8; k++) {
    cols[k] = -1;
    units[k] = NULL;
    const jx_xsheet *s = x->s;
    for (size_t i = s->row_start[hr]; i < s->row_start[hr + 1]; i++)
      if (x->norm[i] && !s->cells[i].merged && jx_label_match(labels[k], x->norm[i])) {
        cols[k] = (int32_t)s->cells[i].col;
        units[k] = x->nunit[i];
        break;
      }
  }
  for (uint32_t r = hr + 1; r < x->s->n_rows; r++) {
    if (row_stops(x, r)) break;
    bool stop = false;
    for (size_t k = 0; stops && stops[k]; k++)
      if (row_has(x, r, stops[k], NULL)) stop = true;
    if (stop) break;
    if (row_empty(x, r, cols, n, NULL)) continue;
    fn(m, x, r, cols, units, ud);
  }
  return true;
}

static int64_t unit_of(const sheetx *x, const char *header_unit) {
  if (header_unit && !strcmp(header_unit, "元")) return JX_FEN_PER_YUAN;
  if (header_unit && !strcmp(header_unit, "万元")) return JX_FEN_PER_WAN;
  return x->unit;
}

/* ---- money table: rows 年度资金总额 …, columns 年初预算数 … ----------------------------------- */

static bool read_money(imp *m, const sheetx *x, jx_money_row rows[JX_MR_COUNT]) {
  const jx_xsheet *s = x->s;
  uint32_t hr = 0;
  int32_t cols[JX_MC_COUNT] = {-1, -1, -1};
  const char *units[JX_MC_COUNT] = {NULL, NULL, NULL};
  bool found = false;
  for (uint32_t r = 0; r < s->n_rows && !found; r++) {
    if (!row_has(x, r, &jx_money_cols[JX_MC_EXECUTED], NULL)) continue;
    found = true;
    hr = r;
    for (size_t i = s->row_start[r]; i < s->row_start[r + 1]; i++)
      for (size_t k = 0; k < JX_MC_COUNT; k++)
        if (x->norm[i] && cols[k] < 0 && jx_label_match(&jx_money_cols[k], x->norm[i])) {
          cols[k] = (int32_t)s->cells[i].col;
          units[k] = x->nunit[i];
        }
  }
  if (!found) return false;
  static const char *const what[JX_MR_COUNT][JX_MC_COUNT] = {
      {"年度资金总额的年初预算数", "年度资金总额的全年预算数", "年度资金总额的全年执行数"},
      {"当年财政拨款的年初预算数", "当年财政拨款的全年预算数", "当年财政拨款的全年执行数"},
      {"上年结转资金的年初预算数", "上年结转资金的全年预算数", "上年结转资金的全年执行数"},
      {"其他资金的年初预算数", "其他资金的全年预算数", "其他资金的全年执行数"},
  };
  for (uint32_t r = hr + 1; r < s->n_rows && r <= hr + 8; r++) {
    for (size_t k = 0; k < JX_MR_COUNT; k++) {
      if (!row_has(x, r, &jx_money_rows[k], NULL) || rows[k].pos.file) continue;
      rows[k].pos = pos_at(m, x, r, 0);
      jx_money *dst[JX_MC_COUNT] = {&rows[k].initial, &rows[k].adjusted, &rows[k].executed};
      for (size_t c = 0; c < JX_MC_COUNT; c++)
        if (cols[c] >= 0) set_money(m, x, r, (uint32_t)cols[c], unit_of(x, units[c]), what[k][c], dst[c]);
      break;
    }
  }
  return true;
}

/* ---- the forms --------------------------------------------------------------------------- */

static void task_row(imp *m, const sheetx *x, uint32_t r, const int32_t *cols, const char *const *units, void *ud) {
  jx_doc *doc = m->doc;
  size_t *cap = ud;
  jx_task *t = JX_VEC_PUSH(m->a, doc->tasks, *cap);
  memset(t, 0, sizeof *t);
  t->pos = pos_at(m, x, r, cols[0] >= 0 ? (uint32_t)cols[0] : 0);
  if (cols[0] >= 0) t->name = get_text(m, x, r, (uint32_t)cols[0], "任务名称", NULL);
  if (cols[1] >= 0) t->content = get_text(m, x, r, (uint32_t)cols[1], "主要内容", NULL);
  if (cols[2] >= 0) set_money(m, x, r, (uint32_t)cols[2], unit_of(x, units[2]), "任务预算数", &t->budget);
  if (!t->name) jx_diag_add(m->d, "JX703", JX_ERROR, t->pos, "第 %lu 行填了任务内容，但任务名称为空", (unsigned long)r + 1);
}

static void import_target(imp *m, const sheetx *x) {
  jx_doc *doc = m->doc;
  uint32_t r, c;
  const jx_labels_t *L = &jx_labels;
  struct { const jx_label *l; jx_money *dst; const char *what; } budget[] = {
      {&L->budget_total, &doc->budget_total, "资金总额"},
      {&L->budget_fiscal, &doc->budget_fiscal, "财政拨款"},
      {&L->budget_carried, &doc->budget_carried_in, "上年结转"},
      {&L->budget_other, &doc->budget_other, "其他资金"},
  };
  for (size_t i = 0; i < sizeof budget / sizeof budget[0]; i++) {
    uint32_t lr, lc;
    if (!find_label(x, budget[i].l, 0, &lr, &lc)) continue;
    jx_xrange e = extent(x->s, lr, lc);
    const char *unit = x->nunit[cell_index(x, jx_xsheet_cell(x->s, lr, lc))]; /* "资金总额（元）" */
    set_money(m, x, e.r2 + 1, lc, unit_of(x, unit), budget[i].what, budget[i].dst);
  }
  if (beside(x, &L->goals, false, 0, &r, &c)) set_lines(m, get_text(m, x, r, c, "年度总体目标", NULL), &doc->goals, false);
  size_t cap = 0;
  const jx_label *tl[] = {&L->task_name, &L->task_content, &L->task_budget};
  const jx_label *tstops[] = {&L->indicators_section, &jx_icols[JX_IC_NAME].label, &jx_icols[JX_IC_LEVEL1].label, NULL};
  read_table(m, x, tl, 3, tstops, task_row, &cap);
  bool found;
  read_indicators(m, x, 0, &doc->indicators, &found);
  if (!found)
    jx_diag_add(m->d, "JX702", JX_ERROR, pos_sheet(m, x->s), "找不到绩效指标表：应有一行表头含“三级指标”和“指标值”（或“权重”）");
}

static void block_row(imp *m, const sheetx *x, uint32_t r, const int32_t *cols, const char *const *units, void *ud) {
  (void)units;
  size_t *cap = ud;
  jx_block *b = JX_VEC_PUSH(m->a, m->doc->blocks, *cap);
  memset(b, 0, sizeof *b);
  b->pos = pos_at(m, x, r, cols[0] >= 0 ? (uint32_t)cols[0] : 0);
  if (cols[0] >= 0) b->name = get_text(m, x, r, (uint32_t)cols[0], "评价分项", NULL);
  const char *what = b->name ? jx_arena_printf(m->a, "分项“%s”的得分", b->name) : "分项得分";
  if (cols[1] >= 0) set_num(m, x, r, (uint32_t)cols[1], what, false, &b->score);
  if (cols[2] >= 0) b->reason = get_text(m, x, r, (uint32_t)cols[2], "理由", NULL);
  if (!b->name) jx_diag_add(m->d, "JX703", JX_ERROR, b->pos, "第 %lu 行填了得分，但评价分项名称为空", (unsigned long)r + 1);
  else if (!b->score.set && !b->score.pos.file)
    jx_diag_add(m->d, "JX703", JX_ERROR, b->pos, "评价分项“%s”缺少得分", b->name);
}

static void set_num_beside(imp *m, const sheetx *x, const jx_label *l, const char *what, jx_num *out) {
  uint32_t r, c;
  if (beside(x, l, false, 0, &r, &c)) set_num(m, x, r, c, what, false, out);
}

static const char *grade_beside(imp *m, const sheetx *x, const jx_label *l, jx_pos *pos) {
  const char *g = text_beside(m, x, l, false, pos);
  if (!g) return NULL;
  for (size_t i = 0; jx_level_list[i]; i++)
    if (!strcmp(g, jx_level_list[i])) return g;
  jx_diag_add(m->d, "JX707", JX_ERROR, *pos, "等级“%s”无效：应为 优、良、中 或 差", g);
  return g;
}

static void import_selfeval(imp *m, const sheetx *x, const sheetx *concl) {
  jx_doc *doc = m->doc;
  jx_money_row rows[JX_MR_COUNT] = {0};
  if (read_money(m, x, rows)) {
    doc->budget_total = rows[JX_MR_TOTAL].initial;
    doc->adjusted = rows[JX_MR_TOTAL].adjusted;
    doc->expenditure_total = rows[JX_MR_TOTAL].executed;
  }
  bool found;
  read_indicators(m, x, 0, &doc->indicators, &found);
  if (!found)
    jx_diag_add(m->d, "JX702", JX_ERROR, pos_sheet(m, x->s), "找不到绩效指标表：应有一行表头含“三级指标”和“指标值”（或“权重”）");
  const sheetx *c = concl ? concl : x;
  const jx_labels_t *L = &jx_labels;
  size_t cap = 0;
  const jx_label *bl[] = {&L->block_name, &L->block_score, &L->block_reason};
  read_table(m, c, bl, 3, NULL, block_row, &cap);
  set_num_beside(m, c, &L->stated_total, "自评总分", &doc->stated_total);
  doc->stated_grade = grade_beside(m, c, &L->stated_grade, &doc->stated_grade_pos);
  doc->conclusion = text_beside(m, c, &L->conclusion, false, NULL);
}

static void import_project(imp *m, const sheetx *x, jx_project *p) {
  const jx_labels_t *L = &jx_labels;
  p->pos = pos_sheet(m, x->s);
  p->name = text_beside(m, x, &L->project_name, false, NULL);
  if (!p->name) jx_diag_add(m->d, "JX703", JX_ERROR, p->pos, "缺少项目名称：应在“项目名称”右边的单元格填写");
  p->code = text_beside(m, x, &L->project_code, false, NULL);
  p->owner = text_beside(m, x, &L->project_owner, false, NULL);
  jx_money_row rows[JX_MR_COUNT] = {0};
  if (!read_money(m, x, rows))
    jx_diag_add(m->d, "JX702", JX_ERROR, p->pos, "找不到项目资金表：应有一行表头含“全年执行数”");
  p->initial = rows[JX_MR_TOTAL].initial;
  p->adjusted = rows[JX_MR_TOTAL].adjusted;
  p->executed = rows[JX_MR_TOTAL].executed;
  p->fiscal = rows[JX_MR_FISCAL];
  p->carried_in = rows[JX_MR_CARRIED];
  p->other = rows[JX_MR_OTHER];
  p->fiscal.pos = p->carried_in.pos = p->other.pos = (jx_pos){0};
  p->execution_note = text_beside(m, x, &L->execution_note, false, NULL);
  set_lines(m, text_beside(m, x, &L->goal_expected, true, NULL), &p->goals, false);
  p->goal_results = text_beside(m, x, &L->goal_results, true, NULL);
  bool found;
  read_indicators(m, x, 0, &p->indicators, &found);
  if (!found)
    jx_diag_add(m->d, "JX702", JX_ERROR, p->pos, "找不到绩效指标表：应有一行表头含“三级指标”和“指标值”（或“权重”）");
  set_num_beside(m, x, &L->stated_total, "自评总分", &p->stated_total);
  p->stated_grade = grade_beside(m, x, &L->stated_grade, &p->stated_grade_pos);
}

static void checkpoint_row(imp *m, const sheetx *x, uint32_t r, const int32_t *cols, const char *const *units,
                           void *ud) {
  size_t *cap = ud;
  jx_checkpoint *cp = JX_VEC_PUSH(m->a, m->doc->monitoring, *cap);
  memset(cp, 0, sizeof *cp);
  cp->pos = pos_at(m, x, r, cols[0] >= 0 ? (uint32_t)cols[0] : 0);
  jx_pos mp;
  const char *month = cols[0] >= 0 ? get_text(m, x, r, (uint32_t)cols[0], "月份", &mp) : NULL;
  if (!month) {
    jx_diag_add(m->d, "JX703", JX_ERROR, cp->pos, "第 %lu 行填了监控数据，但月份为空", (unsigned long)r + 1);
  } else {
    char buf[32];
    int v = 0;
    bool ok = jx_text_fold_buf(month, buf, sizeof buf);
    size_t k = 0;
    while (ok && buf[k] >= '0' && buf[k] <= '9' && k < 3) v = v * 10 + (buf[k++] - '0');
    const char *rest = buf + k;
    ok = ok && k > 0 && (!*rest || !strcmp(rest, "月")) && v >= 1 && v <= 12;
    if (!ok) jx_diag_add(m->d, "JX707", JX_ERROR, mp, "月份“%s”无效：应为 1 到 12", month);
    else cp->month = v;
  }
  if (cols[1] >= 0) set_money(m, x, r, (uint32_t)cols[1], unit_of(x, units[1]), "累计执行数", &cp->executed);
  if (cols[2] >= 0) set_money(m, x, r, (uint32_t)cols[2], unit_of(x, units[2]), "全年预计执行数", &cp->forecast);
  if (cols[3] >= 0) cp->cause = get_text(m, x, r, (uint32_t)cols[3], "偏差原因", NULL);
  if (cols[4] >= 0) cp->fix = get_text(m, x, r, (uint32_t)cols[4], "纠偏措施", NULL);
}

static void import_monitoring(imp *m, const sheetx *x) {
  const jx_labels_t *L = &jx_labels;
  uint32_t r, c;
  if (beside(x, &L->adjusted, false, 0, &r, &c)) set_money(m, x, r, c, x->unit, "全年预算数", &m->doc->adjusted);
  size_t cap = 0;
  const jx_label *cl[] = {&L->month, &L->cp_executed, &L->cp_forecast, &L->cp_cause, &L->cp_fix};
  if (!read_table(m, x, cl, 5, NULL, checkpoint_row, &cap))
    jx_diag_add(m->d, "JX702", JX_ERROR, pos_sheet(m, x->s), "找不到监控表：应有一行表头含“月份”和“累计执行数”");
}

/* ---- 基本信息 and the marker ------------------------------------------------------------ */

static void import_info(imp *m, const sheetx *x, const jx_sheet_options *opt) {
  jx_doc *doc = m->doc;
  const char *v[JX_INFO_COUNT] = {0};
  jx_pos pos[JX_INFO_COUNT] = {{0}};
  for (size_t i = 0; x && i < JX_INFO_COUNT; i++) v[i] = text_beside(m, x, &jx_info_labels[i], false, &pos[i]);
  if (v[JX_INFO_MONEY_UNIT]) {
    char *u = jx_text_fold(m->a, v[JX_INFO_MONEY_UNIT]);
    if (!strcmp(u, "万元")) m->unit = JX_FEN_PER_WAN;
    else if (!strcmp(u, "元")) m->unit = JX_FEN_PER_YUAN;
    else jx_diag_add(m->d, "JX707", JX_ERROR, pos[JX_INFO_MONEY_UNIT], "金额单位“%s”无效：应为 万元 或 元", u);
  }
  doc->money_unit_fen = m->unit;
  doc->department = v[JX_INFO_DEPARTMENT];
  doc->unit_name = v[JX_INFO_UNIT];
  doc->department_code = v[JX_INFO_CODE];
  const char *why = v[JX_INFO_CODE] ? jx_code_problem(m->a, v[JX_INFO_CODE]) : NULL;
  if (why) jx_diag_add(m->d, "JX707", JX_ERROR, pos[JX_INFO_CODE], "%s", why);
  doc->framework_id = v[JX_INFO_FRAMEWORK];
  doc->framework_pos = pos[JX_INFO_FRAMEWORK];
  doc->signer = v[JX_INFO_SIGNER];
  if (v[JX_INFO_DATE]) {
    char *d = jx_text_fold(m->a, v[JX_INFO_DATE]);
    char *e1 = NULL, *e2 = NULL, *e3 = NULL;
    long y = strtol(d, &e1, 10), mo = *e1 == '-' ? strtol(e1 + 1, &e2, 10) : 0,
         da = e2 && *e2 == '-' ? strtol(e2 + 1, &e3, 10) : 0;
    if (e3 && !*e3 && e1 - d == 4 && y >= 1900 && mo >= 1 && mo <= 12 && da >= 1 && da <= 31)
      doc->date = jx_arena_printf(m->a, "%04ld-%02ld-%02ld", y, mo, da);
    else jx_diag_add(m->d, "JX707", JX_ERROR, pos[JX_INFO_DATE], "落款日期“%s”无效：应写作 2024-03-15", d);
  }
  if (v[JX_INFO_YEAR]) {
    char *y = jx_text_fold(m->a, v[JX_INFO_YEAR]);
    char *end;
    long n = strtol(y, &end, 10);
    if (!strcmp(end, "年") || !strcmp(end, "年度")) end += strlen(end);
    if (*end || n < 1990 || n > 2100) jx_diag_add(m->d, "JX707", JX_ERROR, pos[JX_INFO_YEAR], "年度“%s”无效：应为 1990 到 2100 的年份", y);
    else doc->year = (int)n;
  }
  if (v[JX_INFO_KIND]) {
    char *k = jx_text_fold(m->a, v[JX_INFO_KIND]);
    if (!strcmp(k, "部门整体") || !strcmp(k, "department")) doc->kind = JX_KIND_DEPARTMENT;
    else if (!strcmp(k, "项目支出") || !strcmp(k, "project")) doc->kind = JX_KIND_PROJECT;
    else jx_diag_add(m->d, "JX707", JX_ERROR, pos[JX_INFO_KIND], "评价类型“%s”无效：应为 部门整体 或 项目支出", k);
  }
  if (opt && opt->framework) doc->framework_id = jx_arena_strdup(m->a, opt->framework);
  if (opt && opt->department) doc->department = jx_arena_strdup(m->a, opt->department);
  if (opt && opt->year) doc->year = opt->year;
}

/* The template's marker ("jixiao-template/1 target"), or NULL. */
static const char *marker(const jx_workbook *wb) {
  for (size_t i = 0; i < wb->n_names; i++)
    if (!strcmp(wb->names[i].name, JX_TEMPLATE_NAME)) return wb->names[i].value;
  const jx_xsheet *s = jx_workbook_sheet(wb, JX_TEMPLATE_SHEET);
  const jx_xcell *a1 = jx_xsheet_cell(s, 0, 0), *b1 = jx_xsheet_cell(s, 0, 1);
  if (a1 && b1) return jx_arena_printf(wb->arena, "%s %s", a1->text, b1->text);
  return NULL;
}

/* Guess the form from the tables a sheet holds. */
static int guess_kind(const sheetx *x) {
  uint32_t r, c;
  if (find_label(x, &jx_labels.project_name, 0, &r, &c)) return JX_TEMPLATE_PROJECT;
  if (find_label(x, &jx_labels.month, 0, &r, &c) && find_label(x, &jx_labels.cp_executed, 0, &r, &c))
    return JX_TEMPLATE_MONITORING;
  icols_map map;
  if (find_indicator_header(x, 0, &map)) return map.col[JX_IC_ACTUAL] >= 0 ? JX_TEMPLATE_SELFEVAL : JX_TEMPLATE_TARGET;
  return -1;
}

static bool starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* A year written "2023年" inside a title, or 0. */
static int year_in(const char *n) {
  for (const char *p = n; p && *p; p++) {
    if (!(p[0] == '1' || p[0] == '2') || strspn(p, "0123456789") != 4 || !starts_with(p + 4, "年")) continue;
    if (p > n && p[-1] >= '0' && p[-1] <= '9') continue;
    int y = (int)strtol(p, NULL, 10);
    if (y >= 1990 && y <= 2100) return y;
  }
  return 0;
}

static void import_workbook(imp *m, const jx_sheet_options *opt) {
  const jx_workbook *wb = m->wb;
  jx_doc *doc = m->doc;
  const jx_labels_t *L = &jx_labels;
  int kind = -1;
  const char *mk = marker(wb);
  jx_pos file_pos = {m->file, 0, 0};
  if (mk) {
    char buf[96];
    snprintf(buf, sizeof buf, "%s", mk + (mk[0] == '"')); /* ="…": a string constant */
    size_t bl = strlen(buf);
    if (bl && buf[bl - 1] == '"') buf[--bl] = '\0';
    char *sp = strchr(buf, ' ');
    if (sp) *sp++ = '\0';
    jx_template_kind k;
    if (strcmp(buf, JX_TEMPLATE_MARKER) != 0 || !sp || !jx_template_kind_parse(sp, &k))
      jx_diag_add(m->d, "JX710", JX_WARNING, file_pos, "模板版本标记“%s”不是本程序写的（%s），按表头识别", mk,
                  JX_TEMPLATE_MARKER);
    else kind = (int)k;
  }
  if (opt && opt->kind_set) kind = opt->kind;
  const jx_xsheet *info = NULL;
  for (size_t i = 0; i < wb->n_sheets; i++)
    if (jx_label_match(&L->info_sheet, wb->sheets[i].name)) info = &wb->sheets[i];
  sheetx ix;
  if (info) sheetx_init(m, &ix, info);
  import_info(m, info ? &ix : NULL, opt);
  /* the sheets of the form, visible ones first: by name, else by what they hold */
  sheetx *xs = jx_arena_alloc(m->a, (wb->n_sheets + 1) * sizeof *xs);
  size_t nx = 0;
  for (size_t i = 0; i < wb->n_sheets; i++) {
    const jx_xsheet *s = &wb->sheets[i];
    if (s == info || s->state != JX_SHEET_VISIBLE || jx_label_match(&L->instructions_sheet, s->name)) continue;
    sheetx_init(m, &xs[nx++], s);
  }
  if (kind < 0)
    for (size_t i = 0; i < nx && kind < 0; i++) kind = guess_kind(&xs[i]);
  if (kind < 0) {
    jx_diag_add(m->d, "JX702", JX_ERROR, file_pos,
                "没有找到可读取的表格：不是 jixiao 模板，也没有绩效目标表、自评表、项目自评表或监控表的表头（如“三级指标”“指标值”）");
    return;
  }
  m->kind = kind;
  const sheetx *main = NULL, *concl = NULL;
  const jx_label *want = kind == JX_TEMPLATE_TARGET ? &L->target_sheet
                         : kind == JX_TEMPLATE_SELFEVAL ? &L->selfeval_sheet
                                                        : &L->monitoring_sheet;
  for (size_t i = 0; i < nx; i++) {
    if (jx_label_match(want, xs[i].s->name) && !main) main = &xs[i];
    if (jx_label_match(&L->conclusion_sheet, xs[i].s->name)) concl = &xs[i];
  }
  for (size_t i = 0; i < nx && !main; i++)
    if (guess_kind(&xs[i]) == kind) main = &xs[i];
  if (!main && kind != JX_TEMPLATE_PROJECT) main = nx ? &xs[0] : NULL;
  if (!doc->department && main) {
    const char *d = text_beside(m, main, &L->department, false, NULL);
    if (d) doc->department = d;
  }
  const sheetx *titled = main ? main : nx ? &xs[0] : NULL;
  if (!doc->year && titled) /* "2023年度部门整体支出绩效目标表", "（2023年度）" in a title row */
    for (size_t i = 0; i < titled->s->n_cells && titled->s->cells[i].row < 4 && !doc->year; i++)
      doc->year = year_in(titled->norm[i]);
  switch (kind) {
  case JX_TEMPLATE_TARGET: if (main) import_target(m, main); break;
  case JX_TEMPLATE_SELFEVAL: if (main) import_selfeval(m, main, concl); break;
  case JX_TEMPLATE_MONITORING: if (main) import_monitoring(m, main); break;
  default: {
    size_t cap = 0, n_project_sheets = 0;
    bool *is_project = jx_arena_alloc(m->a, nx + 1);
    for (size_t i = 0; i < nx; i++) {
      is_project[i] = !jx_label_match(&L->conclusion_sheet, xs[i].s->name) &&
                      (starts_with(xs[i].s->name, "项目自评") || guess_kind(&xs[i]) == JX_TEMPLATE_PROJECT);
      n_project_sheets += is_project[i];
    }
    /* another tool's one project table, without 基本信息: a project self-evaluation */
    if (!info && n_project_sheets == 1 && !(opt && opt->kind_set)) doc->kind = JX_KIND_PROJECT;
    for (size_t i = 0; i < nx; i++) {
      if (!is_project[i]) continue;
      jx_project p = {0};
      /* read into scratch diagnostics: an untouched blank project sheet is no project */
      jx_diags *real = m->d, scratch = {0};
      m->d = &scratch;
      import_project(m, &xs[i], &p);
      m->d = real;
      bool empty = !p.name && !p.code && !p.owner && !p.initial.set && !p.adjusted.set && !p.executed.set &&
                   !p.indicators.n && !p.goals.n && !p.goal_results && !p.stated_total.set;
      for (size_t k = 0; !empty && k < scratch.n; k++)
        jx_diag_add(real, scratch.items[k].code, scratch.items[k].severity, scratch.items[k].pos, "%s",
                    scratch.items[k].message);
      jx_diags_free(&scratch);
      if (empty) continue;
      if (doc->kind == JX_KIND_PROJECT) {
        if (doc->project) {
          jx_diag_add(m->d, "JX707", JX_ERROR, p.pos, "评价类型为项目支出，只能有一张项目自评表；这是第二张");
          continue;
        }
        doc->project = jx_arena_alloc(m->a, sizeof *doc->project);
        *doc->project = p;
      } else {
        *JX_VEC_PUSH(m->a, doc->projects, cap) = p;
      }
    }
    if (doc->kind == JX_KIND_PROJECT && !doc->project)
      jx_diag_add(m->d, "JX702", JX_ERROR, file_pos, "评价类型为项目支出，但没有找到项目自评表");
    break;
  }
  }
  if (!doc->department) jx_diag_add(m->d, "JX703", JX_ERROR, file_pos, "缺少部门名称：在“基本信息”表填写，或用 --department 指定");
  if (!doc->year) jx_diag_add(m->d, "JX703", JX_ERROR, file_pos, "缺少年度：在“基本信息”表填写，或用 --year 指定");
  if (!doc->framework_id)
    jx_diag_add(m->d, "JX703", JX_ERROR, file_pos, "缺少评价框架：在“基本信息”表填写，或用 --framework 指定");
}

/* ---- entry points ----------------------------------------------------------------------- */

static bool is_csv(const char *name) {
  size_t n = strlen(name);
  return n >= 4 && (strcasecmp(name + n - 4, ".csv") == 0);
}

/* The command line's build keeps libzip, expat and libxlsxwriter out of its start-up:
 * the reader and the writer live in libjixiao-excel.so, loaded on first use. */
#ifdef JX_RENDER_PLUGIN
static const jx_excel_plugin *module(char *err, size_t errlen) {
  static const jx_excel_plugin *loaded;
  if (!loaded)
    loaded = jx_module_load("libjixiao-excel.so", "JIXIAO_EXCEL_MODULE", "jx_excel_plugin_v1", JX_EXCEL_ABI, err, errlen);
  return loaded;
}
const jx_excel_plugin *jx_excel_module(char *err, size_t errlen) { return module(err, errlen); }
#define XLSX_READ_FILE(path, lim, out, err, n) \
  (module(err, n) ? module(err, n)->xlsx_read_file(path, lim, out, err, n) : JX_ERR_IO)
#define XLSX_READ_MEM(name, data, len, lim, out, err, n) \
  (module(err, n) ? module(err, n)->xlsx_read_mem(name, data, len, lim, out, err, n) : JX_ERR_IO)
#else
#define XLSX_READ_FILE jx_xlsx_read_file
#define XLSX_READ_MEM jx_xlsx_read_mem
#endif

static jx_status import_wb(const char *name, jx_workbook *wb, const jx_sheet_options *opt, jx_doc **out,
                           jx_template_kind *kind, jx_diags *diags) {
  jx_arena *a = jx_arena_new();
  jx_doc *doc = jx_arena_alloc(a, sizeof *doc);
  doc->arena = a;
  doc->path = jx_arena_strdup(a, name);
  doc->money_unit_fen = JX_FEN_PER_WAN;
  size_t before = diags->n_error;
  imp m = {doc, a, diags, wb, doc->path, JX_FEN_PER_WAN, -1};
  import_workbook(&m, opt);
  if (kind && m.kind >= 0) *kind = (jx_template_kind)m.kind;
  if (diags->n_error > before) {
    jx_arena_free(a);
    return JX_ERR_DATA;
  }
  *out = doc;
  return JX_OK;
}

static jx_status reader_failed(const char *name, jx_status st, const char *err, jx_diags *diags) {
  jx_pos p = {name, 0, 0};
  jx_diag_add(diags, "JX701", JX_ERROR, p, "无法读取 %s：%s", is_csv(name) ? "CSV 文件" : "XLSX 工作簿", err);
  return st;
}

jx_status jx_sheet_import(const char *path, const jx_sheet_options *opt, jx_doc **out, jx_template_kind *kind,
                          jx_diags *diags) {
  *out = NULL;
  char err[512];
  jx_workbook *wb = NULL;
  jx_status st = is_csv(path) ? jx_csv_read_file(path, NULL, &wb, err, sizeof err)
                              : XLSX_READ_FILE(path, NULL, &wb, err, sizeof err);
  if (st != JX_OK) return reader_failed(path, st, err, diags);
  st = import_wb(path, wb, opt, out, kind, diags);
  jx_workbook_free(wb);
  return st;
}

jx_status jx_sheet_import_mem(const char *name, const void *data, size_t len, const jx_sheet_options *opt,
                              jx_doc **out, jx_template_kind *kind, jx_diags *diags) {
  *out = NULL;
  char err[512];
  jx_workbook *wb = NULL;
  jx_status st = is_csv(name) ? jx_csv_read_mem(name, data, len, NULL, &wb, err, sizeof err)
                              : XLSX_READ_MEM(name, data, len, NULL, &wb, err, sizeof err);
  if (st != JX_OK) return reader_failed(name, st, err, diags);
  st = import_wb(name, wb, opt, out, kind, diags);
  jx_workbook_free(wb);
  return st;
}

