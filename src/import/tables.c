/* tables.c — tables written one cell per line (pdftotext without -layout):
 *   - the department's target table (部门整体支出绩效目标表: budget, goals, tasks,
 *     indicators with nature / target / unit / weight), as in the seed;
 *   - project self-evaluation tables: 财预〔2020〕10号 附件1 (年度指标值 with the nature
 *     in it, 实际完成值, 分值, 得分, 偏差原因分析及改进措施) and the Sichuan table
 *     510000_0013zp (预算执行情况(10分), 绩效指标(90分), 指标性质 / 指标值 / 度量单位 /
 *     完成值 / 权重 / 得分 / 未完成原因分析);
 *   - the Chongqing department self-evaluation table (权重, 得分系数, 得分 = 得分系数 ×
 *     权重, 是否核心指标).
 * Rows are found by anchors that every row has (the nature cell, or the run of numbers
 * at its end); the cells between two rows' anchors are the previous row's trailing
 * note and this row's level and name, split by the known level names and by the
 * sentence end of a note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "util/i128.h"
#include "util/text.h"

#define NONE ((size_t)-1)

static bool has_text(const jx_ynode *m, const char *key) {
  const jx_ynode *n = jx_y_find(m, key);
  return n && n->kind == JX_Y_SCALAR && n->text && *n->text;
}

static const char *txt(const jx_cells *c, size_t i) { return i < c->n ? c->items[i].text : ""; }

static size_t find_cell(const jx_cells *c, size_t from, size_t to, const char *text, bool prefix) {
  if (to > c->n) to = c->n;
  for (size_t i = from; i < to; i++)
    if (prefix ? jx_starts(c->items[i].text, text) : strcmp(c->items[i].text, text) == 0) return i;
  return NONE;
}

/* A label split by pdftotext over up to four cells ("年度总" "体目标"): the index of its
 * first cell (NONE when absent); *after receives the index after its last. */
static size_t find_label(const jx_cells *c, size_t from, size_t to, const char *label, bool prefix, size_t *after) {
  if (to > c->n) to = c->n;
  char acc[256];
  for (size_t i = from; i < to; i++) {
    acc[0] = '\0';
    for (size_t k = i; k < to && k < i + 4; k++) {
      size_t have = strlen(acc), add = strlen(c->items[k].text);
      if (have + add >= sizeof acc) break;
      memcpy(acc + have, c->items[k].text, add + 1);
      if (prefix ? jx_starts(acc, label) : !strcmp(acc, label)) {
        if (after) *after = k + 1;
        return i;
      }
      if (!jx_starts(label, acc)) break;
    }
  }
  return NONE;
}

static bool dash(const char *t) {
  static const char *const d[] = {"—", "——", "-", "－", "/", "／", "--", "—/—", "不适用", "无", NULL};
  for (size_t i = 0; d[i]; i++)
    if (!strcmp(t, d[i])) return true;
  return false;
}

/* A "（90分）" or "(10分)" cell: its points (ASCII) in buf. */
static bool points_cell(const char *t, char *buf, size_t cap) {
  const char *p = t;
  if (jx_starts(p, "（")) p += 3;
  else if (*p == '(') p++;
  else return false;
  size_t used = jx_scan_number(p, buf, cap);
  if (!used || !jx_starts(p + used, "分")) return false;
  p += used + 3;
  if (jx_starts(p, "）")) p += 3;
  else if (*p == ')') p++;
  else return false;
  return *p == '\0';
}

/* Text of s without a "（…）" tail (the level's points, a column's unit). */
static char *strip_paren(jx_arena *a, const char *s) {
  const char *p = strstr(s, "（");
  const char *q = strchr(s, '(');
  if (q && (!p || q < p)) p = q;
  return jx_trim_dup(a, s, p ? (size_t)(p - s) : strlen(s));
}

/* A number in a cell as exact millionths (percent sign dropped); false when not one. */
static bool cell_num(const char *t, int64_t *v, int *decimals) {
  char buf[64];
  const char *s = t;
  bool neg = *s == '-';
  if (neg) s++;
  size_t used = jx_scan_number(s, buf, sizeof buf);
  if (!used) return false;
  s += used;
  if (*s == '%') s++;
  else if (jx_starts(s, "％")) s += 3;
  if (*s) return false;
  const char *why;
  bool pct;
  if (!jx_parse_num(buf, v, &pct, &why)) return false;
  if (neg) *v = -*v;
  if (decimals) {
    const char *dot = strchr(buf, '.');
    *decimals = dot ? (int)strlen(dot + 1) : 0;
  }
  return true;
}

/* Round millionths v to d decimals (d ≤ 6), half away from zero. */

static char *fmtnum(jx_imp *im, int64_t v) {
  char b[32];
  return jx_arena_strdup(im->a, jx_format_num(v, b, sizeof b));
}

/* A text value for a `value` field that the reader takes as written: not a reference
 * ("= …"), and either a number it reads exactly or text that does not look like one. */
static const char *safe_value(jx_imp *im, const char *t) {
  const char *f = jx_text_fold(im->a, t);
  if (f[0] == '=') return NULL;
  if (jx_imp_num_ok(f)) return t;
  const char *s = f + (*f == '+' || *f == '-');
  if ((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')) return NULL;
  return t;
}

/* ---- indicator rows ------------------------------------------------------------------ */

typedef struct {
  jx_cell c[JX_COL_COUNT]; /* .text NULL: absent */
  size_t lab_from, lab_to; /* the level/name cells */
  bool weight_missing;
} irow;

typedef struct {
  jx_col cols[16];
  size_t ncol;
  bool has[JX_COL_COUNT];
  jx_col nums[4]; /* WEIGHT / COEF / SCORE in header order */
  size_t nnum;
  jx_col trail[4]; /* NOTE / CORE after them */
  size_t ntrail;
  jx_col before[4]; /* TARGET / ACTUAL (tables without a nature column) */
  size_t nbefore;
  size_t actual_at; /* how many of nums the header puts before 实际完成值 (权重 | 实际完成值 | 得分: 1) */
} layout;

static void make_layout(layout *L, const jx_col *cols, size_t n) {
  memset(L, 0, sizeof *L);
  for (size_t i = 0; i < n && i < 16; i++) {
    L->cols[L->ncol++] = cols[i];
    L->has[cols[i]] = true;
    jx_col c = cols[i];
    if (c == JX_COL_ACTUAL) L->actual_at = L->nnum;
    if ((c == JX_COL_WEIGHT || c == JX_COL_COEF || c == JX_COL_SCORE) && L->nnum < 4) L->nums[L->nnum++] = c;
    else if ((c == JX_COL_NOTE || c == JX_COL_CORE) && L->nnum && L->ntrail < 4) L->trail[L->ntrail++] = c;
    else if ((c == JX_COL_TARGET || c == JX_COL_ACTUAL) && L->nbefore < 4) L->before[L->nbefore++] = c;
  }
}

static bool stop_cell(const char *t) {
  static const char *const stops[] = {"总分", "合计", "总计", "自评总分", "评价等级", "自评等级", "等级", "填报人", "填表人", "审核人",
                                      "备注", "说明", "联系电话", "单位负责人", "财务负责人", "项目负责人", NULL};
  for (size_t i = 0; stops[i]; i++)
    if (!strcmp(t, stops[i]) || (jx_starts(t, stops[i]) && (jx_starts(t + strlen(stops[i]), "：") || t[strlen(stops[i])] == ':')))
      return true;
  int level;
  return jx_heading_marker(t, &level) && level <= 2;
}

static bool level_cell(const char *t) { return jx_level1_prefix(t) || jx_level2_prefix(t); }

static bool core_cell(const char *t) {
  static const char *const y[] = {"是", "否", "√", "✓", "✔", "★", "☆", "×", "核心", "非核心", NULL};
  for (size_t i = 0; y[i]; i++)
    if (!strcmp(t, y[i])) return true;
  return false;
}

static bool sentence_end(const char *t) {
  return jx_ends(t, "。") || jx_ends(t, "；") || jx_ends(t, ";") || jx_ends(t, "！") || jx_ends(t, ".");
}

/* Cells [from, to) between two rows: the previous row's trailing columns, then this
 * row's labels.  Returns where the labels start (to, for the last row). */
static size_t split_trailing(jx_imp *im, const jx_cells *c, size_t from, size_t to, irow *prev, const layout *L, bool last) {
  if (!prev || !L->ntrail) return from;
  size_t b = from;
  for (size_t t = 0; t < L->ntrail; t++) {
    if (L->trail[t] == JX_COL_CORE) {
      if (b < to && core_cell(txt(c, b))) prev->c[JX_COL_CORE] = c->items[b++];
      continue;
    }
    /* the note */
    size_t e = b;
    if (last) {
      e = to;
      if (L->has[JX_COL_CORE] && t + 1 < L->ntrail && e > b && core_cell(txt(c, e - 1))) e--;
      /* level names after the last row: a row the text breaks off in (a truncated page
       * or excerpt), not part of the note */
      for (size_t k = b; k < e; k++)
        if (level_cell(txt(c, k))) {
          jx_cell rest = jx_cells_join(im->a, c, k, to);
          const char *shown = jx_u8_chars(rest.text) > 60 ? jx_arena_printf(im->a, "%.60s…", rest.text) : rest.text;
          jx_imp_diag(im, "JX512", JX_WARNING, rest.line, rest.line_end,
                      "指标表在最后一行之后中断：“%s”不是完整的指标行（没有指标值和分值），未能导入", shown);
          e = k;
          break;
        }
    } else {
      size_t lv = NONE;
      for (size_t k = b; k < to; k++)
        if (level_cell(txt(c, k))) {
          lv = k;
          break;
        }
      if (lv != NONE) {
        e = lv;
      } else {
        size_t se = NONE;
        for (size_t k = b; k < to; k++)
          if (sentence_end(txt(c, k))) se = k;
        if (se != NONE) e = se + 1;
        else if (b < to && dash(txt(c, b))) e = b + 1;
      }
    }
    if (e > b) {
      jx_cell note = jx_cells_join(im->a, c, b, e);
      if (!dash(note.text)) prev->c[JX_COL_NOTE] = note;
      b = e;
    }
  }
  return b;
}

static bool short_cell(const char *t, size_t max) { return jx_u8_chars(t) <= max; }

/* Rows of a table with a nature column: each row's nature cell is its anchor. */
static size_t rows_by_nature(jx_imp *im, const jx_cells *c, size_t i, size_t end, const layout *L, irow *rows, size_t max) {
  size_t nr = 0, from = i;
  while (nr < max) {
    size_t k = from;
    while (k < end && jx_cell_nature(txt(c, k)) == JX_NATURE_NONE) k++;
    if (k >= end) break;
    irow *r = &rows[nr];
    memset(r, 0, sizeof *r);
    r->lab_from = split_trailing(im, c, from, k, nr ? &rows[nr - 1] : NULL, L, false);
    r->lab_to = k;
    r->c[JX_COL_NATURE] = c->items[k];
    jx_nature nat = jx_cell_nature(txt(c, k));
    size_t q = k + 1;
    bool after_nature = false;
    for (size_t ci = 0; ci < L->ncol; ci++) {
      jx_col col = L->cols[ci];
      if (col == JX_COL_NATURE) {
        after_nature = true;
        continue;
      }
      if (!after_nature || q >= end) continue;
      const char *t = txt(c, q);
      if (stop_cell(t) || jx_cell_nature(t) != JX_NATURE_NONE) break;
      if (col == JX_COL_TARGET) r->c[col] = c->items[q++];
      else if (col == JX_COL_UNIT) {
        if (nat != JX_NATURE_QUAL && !jx_cell_is_number(t, true) && short_cell(t, 6) && !level_cell(t)) r->c[col] = c->items[q++];
      } else if (col == JX_COL_ACTUAL) {
        if (!jx_cell_is_number(t, true) && short_cell(t, 12) && !level_cell(t)) r->c[col] = c->items[q++];
      } else {
        break; /* the numbers and what follows them */
      }
    }
    /* the run of numbers: actual (when still open), then WEIGHT / COEF / SCORE */
    bool want_actual = L->has[JX_COL_ACTUAL] && !r->c[JX_COL_ACTUAL].text;
    size_t cap = L->nnum + (want_actual ? 1 : 0), s = q;
    while (q < end && q - s < cap && jx_cell_is_number(txt(c, q), true)) q++;
    size_t run = q - s;
    if (want_actual && run > L->nnum) {
      /* the actual where the header puts it among the numbers */
      size_t at = L->actual_at < run ? L->actual_at : 0;
      r->c[JX_COL_ACTUAL] = c->items[s + at];
      for (size_t m = 0, at_i = 0; m < L->nnum; m++, at_i++) {
        if (at_i == at) at_i++;
        r->c[L->nums[m]] = c->items[s + at_i];
      }
      run--;
      s++;
    } else if (want_actual && L->actual_at && run == L->actual_at && q < end && !jx_cell_is_number(txt(c, q), true) &&
               short_cell(txt(c, q), 12) && !level_cell(txt(c, q)) && !stop_cell(txt(c, q))) {
      /* 权重 | 实际完成值 | 得分 with a graded actual ("达成"): numbers, the grade, numbers */
      for (size_t m = 0; m < run; m++) r->c[L->nums[m]] = c->items[s + m];
      r->c[JX_COL_ACTUAL] = c->items[q++];
      size_t more = 0;
      while (q < end && run + more < L->nnum && jx_cell_is_number(txt(c, q), true)) {
        r->c[L->nums[run + more]] = c->items[q++];
        more++;
      }
      run = L->nnum; /* consumed up to q */
      s = q - L->nnum;
    } else {
      for (size_t m = 0; m < L->nnum; m++) {
        if (m < run) r->c[L->nums[m]] = c->items[s + m];
        else if (L->nums[m] == JX_COL_WEIGHT) r->weight_missing = true;
      }
    }
    from = s + (run < L->nnum ? run : L->nnum);
    nr++;
  }
  if (nr) split_trailing(im, c, from, end, &rows[nr - 1], L, true);
  return nr;
}

/* Rows of a table without a nature column (财预〔2020〕10号 附件1): each row ends in a
 * run of plain numbers (分值, 得分); 年度指标值 and 实际完成值 stand just before them. */
static size_t rows_by_numbers(jx_imp *im, const jx_cells *c, size_t i, size_t end, const layout *L, irow *rows, size_t max) {
  size_t nr = 0, from = i;
  if (!L->nnum) return 0;
  while (nr < max) {
    /* the next run of at least nnum plain numbers, with a label before it */
    size_t q = from + 1, run = 0;
    while (q < end) {
      run = 0;
      while (q + run < end && run < L->nnum + L->nbefore && jx_cell_is_number(txt(c, q + run), false)) run++;
      if (run >= L->nnum) break;
      q += run ? run : 1;
    }
    if (q >= end || run < L->nnum) break;
    irow *r = &rows[nr];
    memset(r, 0, sizeof *r);
    size_t nums_at = q + run - L->nnum;
    for (size_t m = 0; m < L->nnum; m++) r->c[L->nums[m]] = c->items[nums_at + m];
    /* TARGET / ACTUAL from the end, leaving at least one label cell */
    size_t idx = nums_at;
    for (size_t b = L->nbefore; b-- > 0;) {
      if (idx <= from + 1) break;
      idx--;
      r->c[L->before[b]] = c->items[idx];
    }
    /* "≥6000人" "次": a value whose unit pdftotext wrapped onto a line of its own */
    const char *tt = r->c[JX_COL_TARGET].text;
    if (tt && idx > from + 1 && jx_u8_chars(tt) <= 2) {
      jx_nature nn;
      char nb[64];
      const char *u;
      if (!jx_cell_split_value(im->a, tt, true, &nn, nb, sizeof nb, &u) &&
          jx_cell_split_value(im->a, txt(c, idx - 1), true, &nn, nb, sizeof nb, &u) && nn != JX_NATURE_NONE) {
        r->c[JX_COL_TARGET] = jx_cells_join(im->a, c, idx - 1, idx + 1);
        idx--;
      }
    }
    r->lab_from = split_trailing(im, c, from, idx, nr ? &rows[nr - 1] : NULL, L, false);
    r->lab_to = idx;
    from = q + run;
    nr++;
  }
  if (nr) split_trailing(im, c, from, end, &rows[nr - 1], L, true);
  return nr;
}

/* Take the level names off the start of a row's label text. */
static size_t take_level(const char *s, bool one, const char *cur_l1) {
  size_t k = one ? jx_level1_prefix(s) : jx_level2_prefix(s);
  if (!k || !one) return k;
  /* 成本指标 / 满意度指标 are level-2 names too: under a level 1, without a level 2
   * after them, they are the level 2 */
  if (cur_l1 && jx_level2_prefix(s) == k && !jx_level2_prefix(s + k)) return 0;
  return k;
}

typedef struct {
  const char *l1, *l2;
  uint32_t l1_line, l1_end, l2_line, l2_end;
  jx_ynode *list;
  size_t skipped;
} rows_ctx;

static void put_value(jx_imp *im, jx_ynode *ind, const char *key, const char *text, const jx_cell *cell) {
  const char *v = safe_value(im, text);
  if (!v) {
    jx_imp_diag(im, "JX512", JX_WARNING, cell->line, cell->line_end, "“%s”无法读作数值，未写入 %s", text, key);
    return;
  }
  jx_imp_set(im, ind, key, v, cell->line, cell->line_end);
}

/* A row into an indicator map; returns false when it is not an indicator. */
/* A report that prints its indicators twice — in the target table (指标值, 权重) and in
 * the self-evaluation table (实际完成值, 得分) — gives one indicator: the row just written
 * (ind, the list's last) is folded into an earlier one of the same name and levels, which
 * gains the values it lacked; a value both give once is counted once. */
static void merge_same_indicator(jx_imp *im, jx_ynode *list, jx_ynode *ind) {
  const jx_ynode *nm = jx_y_find(ind, "name");
  if (!nm || !nm->text || list->last != ind) return;
  for (jx_ynode *e = list->first; e && e != ind; e = e->next) {
    const jx_ynode *en = jx_y_find(e, "name");
    if (!en || !en->text || strcmp(en->text, nm->text) != 0) continue;
    const jx_ynode *l1 = jx_y_find(ind, "level1"), *el1 = jx_y_find(e, "level1");
    if (l1 && el1 && l1->text && el1->text && strcmp(l1->text, el1->text) != 0) continue;
    for (jx_ynode *k = ind->first; k; k = k->next) {
      if (k->kind != JX_Y_SCALAR || !k->text || !*k->text) continue;
      const jx_ynode *have = jx_y_find(e, k->key);
      if (have && have->text && *have->text) {
        if (im->figures) im->figures--;
        continue;
      }
      jx_ynode *n = jx_y_set(im->a, e, k->key, k->text, k->line, k->line_end);
      n->comment = k->comment;
      n->above = k->above;
    }
    jx_y_drop_last(list);
    return;
  }
}

static bool write_row(jx_imp *im, rows_ctx *rc, const jx_cells *c, const irow *r) {
  jx_cell lab = jx_cells_join(im->a, c, r->lab_from, r->lab_to);
  const char *s = lab.text;
  /* level cells keep their own lines */
  size_t k1 = take_level(s, true, rc->l1);
  if (k1) {
    rc->l1 = strip_paren(im->a, jx_arena_strndup(im->a, s, k1));
    rc->l1_line = lab.line;
    rc->l1_end = lab.line;
    rc->l2 = NULL;
    s += k1;
  }
  size_t k2 = take_level(s, false, rc->l1);
  if (k2) {
    rc->l2 = strip_paren(im->a, jx_arena_strndup(im->a, s, k2));
    /* the line of the cell where the level 2 starts */
    size_t off = (size_t)(s - lab.text), acc = 0;
    rc->l2_line = lab.line;
    for (size_t i = r->lab_from; i < r->lab_to; i++) {
      size_t n = strlen(c->items[i].text);
      if (acc + n > off) {
        rc->l2_line = c->items[i].line;
        break;
      }
      acc += n;
    }
    rc->l2_end = rc->l2_line;
    s += k2;
  }
  char *name = jx_trim_dup(im->a, s, strlen(s));
  const jx_cell *nat_cell = &r->c[JX_COL_NATURE], *tgt = &r->c[JX_COL_TARGET];
  uint32_t first = lab.line ? lab.line : tgt->line;
  if (!*name || !tgt->text) {
    jx_imp_diag(im, "JX512", JX_WARNING, first, r->c[JX_COL_WEIGHT].line_end ? r->c[JX_COL_WEIGHT].line_end : tgt->line_end,
                "指标行缺少%s，未能导入", !*name ? "三级指标名称" : "指标值");
    rc->skipped++;
    return false;
  }
  /* the name's own lines: the cells after the level names */
  uint32_t name_line = lab.line, name_end = lab.line_end;
  {
    size_t off = (size_t)(s - lab.text), acc = 0;
    for (size_t i = r->lab_from; i < r->lab_to; i++) {
      size_t n = strlen(c->items[i].text);
      if (acc + n > off) {
        name_line = c->items[i].line;
        break;
      }
      acc += n;
    }
  }
  /* nature and target (both required: a row without a readable target is left out) */
  jx_nature nat = nat_cell->text ? jx_cell_nature(nat_cell->text) : JX_NATURE_NONE;
  char num[64];
  const char *unit = "";
  jx_nature in_target;
  bool numeric = jx_cell_split_value(im->a, tgt->text, true, &in_target, num, sizeof num, &unit);
  bool nature_inferred = false;
  if (nat == JX_NATURE_NONE) {
    nat = in_target != JX_NATURE_NONE ? in_target : numeric ? JX_NATURE_EQ : JX_NATURE_QUAL;
    nature_inferred = in_target == JX_NATURE_NONE && numeric;
    nat_cell = tgt;
  }
  if (nat == JX_NATURE_QUAL) numeric = false;
  const char *target = safe_value(im, numeric ? num : tgt->text);
  if (!target) {
    jx_imp_diag(im, "JX512", JX_WARNING, first, tgt->line_end, "指标“%s”的指标值“%s”无法读取，未能导入", name, tgt->text);
    rc->skipped++;
    return false;
  }
  jx_ynode *ind = jx_y_push_map(im->a, rc->list);
  if (rc->l1) jx_imp_set(im, ind, "level1", rc->l1, rc->l1_line, rc->l1_end);
  if (rc->l2) jx_imp_set(im, ind, "level2", rc->l2, rc->l2_line, rc->l2_end);
  jx_imp_set(im, ind, "name", name, name_line, name_end);
  jx_ynode *nn = jx_imp_set(im, ind, "nature", jx_nature_symbol(nat), nat_cell->line, nat_cell->line_end);
  if (nature_inferred) {
    nn->comment = "推定：指标值未写性质，按“=”记";
    im->inferred++;
    jx_imp_diag(im, "JX510", JX_WARNING, tgt->line, tgt->line_end, "指标“%s”的指标值“%s”没有写性质（=、≥、≤ 等），按“=”记", name, tgt->text);
  }
  jx_imp_set(im, ind, "target", target, tgt->line, tgt->line_end);
  const jx_cell *uc = &r->c[JX_COL_UNIT];
  if (uc->text) jx_imp_set(im, ind, "unit", uc->text, uc->line, uc->line_end);
  else if (*unit) jx_imp_set(im, ind, "unit", unit, tgt->line, tgt->line_end);
  const char *unit_now = has_text(ind, "unit") ? jx_y_find(ind, "unit")->text : "";

  const jx_cell *w = &r->c[JX_COL_WEIGHT];
  if (w->text && jx_imp_num_ok(w->text)) jx_imp_set(im, ind, "weight", w->text, w->line, w->line_end);
  else jx_y_child(im->a, ind, "weight", JX_Y_SCALAR)->line = r->c[JX_COL_TARGET].line_end; /* to infer */

  const jx_cell *ac = &r->c[JX_COL_ACTUAL];
  if (ac->text && !dash(ac->text)) {
    jx_nature an;
    const char *au = "";
    char anum[64];
    if (nat != JX_NATURE_QUAL && jx_cell_split_value(im->a, ac->text, false, &an, anum, sizeof anum, &au) &&
        (!*au || !strcmp(au, unit_now) || !strcmp(au, "%")))
      put_value(im, ind, "actual", anum, ac);
    else
      put_value(im, ind, "actual", ac->text, ac);
  }
  const jx_cell *sc = &r->c[JX_COL_SCORE];
  if (sc->text && jx_imp_num_ok(sc->text)) jx_imp_set(im, ind, "score", sc->text, sc->line, sc->line_end);
  const jx_cell *note = &r->c[JX_COL_NOTE];
  if (note->text && *note->text) jx_imp_set(im, ind, "deviation_note", note->text, note->line, note->line_end);
  const jx_cell *core = &r->c[JX_COL_CORE];
  if (core->text) {
    bool yes = strcmp(core->text, "否") != 0 && strcmp(core->text, "×") != 0 && strcmp(core->text, "非核心") != 0;
    jx_imp_set(im, ind, "core", yes ? "true" : "false", core->line, core->line_end);
  }
  /* 得分 = 得分系数 × 权重 (Chongqing) */
  const jx_cell *coef = &r->c[JX_COL_COEF];
  if (coef->text) {
    int64_t cv, wv, sv;
    int sd = 2;
    jx_ynode *sn = jx_y_find(ind, "score");
    if (sn) sn->comment = jx_arena_printf(im->a, "得分系数 %s（L%u）", coef->text, coef->line);
    if (cell_num(coef->text, &cv, NULL) && w->text && cell_num(w->text, &wv, NULL) && sc->text && cell_num(sc->text, &sv, &sd)) {
      jx_i128 p = (jx_i128)cv * wv; /* × 10^12 */
      jx_i128 h = (p >= 0 ? p + 5000000000LL : p - 5000000000LL) / 10000000000LL; /* hundredths */
      int64_t want = (int64_t)(h * 10000);
      im->table_checks++;
      if (jx_round_decimals(want, sd < 2 ? sd : 2) != sv)
        jx_imp_diag(im, "JX530", JX_WARNING, sc->line, 0, "指标“%s”的得分写作 %s，但得分系数 %s × 权重 %s = %s", name, sc->text, coef->text,
                    w->text, fmtnum(im, want));
    }
  }
  merge_same_indicator(im, rc->list, ind);
  return true;
}

/* The cells of a '|' row as read, empty ones included ("" for them), at most max. */
static size_t split_row(jx_arena *a, const char *row, const char **cells, size_t max) {
  const char *p = row;
  while (*p == ' ') p++;
  if (*p == '|') p++;
  size_t n = 0;
  while (*p && n < max) {
    const char *e = strchr(p, '|');
    if (!e) {
      const char *q = p;
      while (*q == ' ') q++;
      if (*q) cells[n++] = jx_trim_dup(a, p, strlen(p));
      break;
    }
    cells[n++] = jx_trim_dup(a, p, (size_t)(e - p));
    p = e + 1;
  }
  return n;
}

/* A table whose rows the source gives whole ('|' rows: a document reader's table, a web
 * table): each row's cells taken by the header's columns, so that a blank cell stays in
 * its column and a table without numbers (年度指标值 | 实际完成值 only) reads as well as
 * one with them.  Level cells left blank continue the row above (merged cells).  Returns
 * the rows read (0 when the header is not a '|' row of at least three columns). */
static size_t rows_by_columns(jx_imp *im, const jx_cells *c, size_t head, size_t end, jx_ynode *list) {
  const char *hrow = c->items[head].row;
  if (!hrow) return 0;
  const char *hc[32];
  size_t nh = split_row(im->a, hrow, hc, 32);
  /* the header's columns: each non-blank header cell's label */
  jx_col at[32];
  size_t labelled = 0;
  for (size_t k = 0; k < nh; k++) {
    at[k] = JX_COL_NONE;
    if (!*hc[k]) continue;
    at[k] = jx_header_label(hc[k]);
    labelled += at[k] != JX_COL_NONE;
  }
  bool has_name = false, has_target = false;
  for (size_t k = 0; k < nh; k++) {
    has_name |= at[k] == JX_COL_NAME;
    has_target |= at[k] == JX_COL_TARGET;
  }
  if (labelled < 3 || !has_name || !has_target) return 0;
  rows_ctx rc = {.list = list};
  size_t nr = 0;
  uint32_t last_no = c->items[head].line;
  for (size_t i = head + 1; i < end && i < c->n; i++) {
    const jx_cell *cell = &c->items[i];
    if (cell->line == last_no) continue; /* the rest of a row already read */
    last_no = cell->line;
    if (!cell->row) break; /* the table ended */
    const char *rc_cells[32];
    size_t n = split_row(im->a, cell->row, rc_cells, 32);
    /* a footer row (总分, 合计 …) ends the table */
    size_t first = 0;
    while (first < n && !*rc_cells[first]) first++;
    if (first < n && stop_cell(rc_cells[first])) break;
    irow r;
    memset(&r, 0, sizeof r);
    jx_cells lab = {0};
    for (size_t k = 0; k < n && k < nh; k++) {
      if (!*rc_cells[k] || at[k] == JX_COL_NONE) continue;
      jx_cell v = {rc_cells[k], cell->line, cell->line, true, cell->row};
      if (at[k] == JX_COL_L1 || at[k] == JX_COL_L2 || at[k] == JX_COL_NAME) jx_cells_push(im->a, &lab, rc_cells[k], cell->line, cell->line);
      else r.c[at[k]] = v;
    }
    if (!lab.n && !r.c[JX_COL_TARGET].text) continue; /* a blank or wrapped row */
    r.lab_from = 0;
    r.lab_to = lab.n;
    write_row(im, &rc, &lab, &r);
    nr++;
  }
  return nr;
}

/* A scoring table (安徽's 部门整体支出绩效自评评分表: 一级指标 | 二级指标 | 三级指标 |
 * 指标分值 | 评分标准 | 自评得分), one cell per line: each row is its labels, then a
 * number (the points), a text (the rule), a number (the score).  The last label is the
 * indicator's name, those before it its levels ("投入(20分)" a level 1 by its points).
 * There is no target: the indicators carry weight, criteria and score. */
static size_t rows_by_criteria(jx_imp *im, const jx_cells *c, size_t i, size_t end, jx_ynode *list) {
  size_t nr = 0, from = i;
  const char *l1 = NULL, *l2 = NULL;
  uint32_t l1_line = 0, l2_line = 0;
  for (size_t k = i; k + 2 < end && nr < JX_IMPORT_MAX_ITEMS; k++) {
    if (!jx_cell_is_number(txt(c, k), false) || jx_cell_is_number(txt(c, k + 1), true) ||
        !jx_cell_is_number(txt(c, k + 2), false) || k == from)
      continue;
    /* labels [from, k): up to three; the last is the name */
    size_t nlab = k - from;
    if (nlab > 3) from = k - 3, nlab = 3;
    const jx_cell *name = &c->items[k - 1];
    if (nlab == 3) {
      l1 = strip_paren(im->a, txt(c, from));
      l1_line = c->items[from].line;
      l2 = txt(c, from + 1);
      l2_line = c->items[from + 1].line;
    } else if (nlab == 2) {
      char pts[32];
      const char *t = txt(c, from);
      const char *paren = strstr(t, "（") ? strstr(t, "（") : strchr(t, '(');
      if (paren && points_cell(paren, pts, sizeof pts)) {
        l1 = strip_paren(im->a, t);
        l1_line = c->items[from].line;
        l2 = NULL;
      } else {
        l2 = t;
        l2_line = c->items[from].line;
      }
    }
    jx_ynode *ind = jx_y_push_map(im->a, list);
    if (l1) jx_imp_set(im, ind, "level1", l1, l1_line, 0);
    if (l2) jx_imp_set(im, ind, "level2", l2, l2_line, 0);
    jx_imp_set(im, ind, "name", name->text, name->line, name->line_end);
    if (jx_imp_num_ok(txt(c, k))) jx_imp_set(im, ind, "weight", txt(c, k), c->items[k].line, 0);
    jx_imp_set(im, ind, "criteria", txt(c, k + 1), c->items[k + 1].line, c->items[k + 1].line_end);
    if (jx_imp_num_ok(txt(c, k + 2))) jx_imp_set(im, ind, "score", txt(c, k + 2), c->items[k + 2].line, 0);
    merge_same_indicator(im, list, ind);
    nr++;
    from = k + 3;
    k += 2;
  }
  return nr;
}

/* Read an indicator table: header at cells[*i], rows until end (or a footer cell). */
static size_t indicator_table(jx_imp *im, const jx_cells *c, size_t i, size_t end, jx_ynode *list, size_t *stop) {
  size_t head = i;
  jx_col cols[16];
  size_t ncol = jx_cells_header(c, &i, cols, 16);
  if (!ncol) return 0;
  if (c->items[head].row) {
    size_t k = head;
    while (k < end && !stop_cell(txt(c, k))) k++;
    size_t nr = rows_by_columns(im, c, head, k, list);
    if (nr) {
      if (stop) *stop = k;
      return nr;
    }
  }
  layout L;
  make_layout(&L, cols, ncol);
  if (L.has[JX_COL_NAME] && L.has[JX_COL_CRITERIA] && L.has[JX_COL_SCORE] && !L.has[JX_COL_TARGET]) {
    size_t k = i;
    while (k < end && !stop_cell(txt(c, k))) k++;
    if (stop) *stop = k;
    return rows_by_criteria(im, c, i, k, list);
  }
  if (!L.has[JX_COL_NAME] || !L.has[JX_COL_TARGET]) return 0;
  for (size_t k = i; k < end; k++)
    if (stop_cell(txt(c, k))) {
      end = k;
      break;
    }
  if (stop) *stop = end;
  /* a row takes at least two cells (its name and its value) */
  size_t max = (end > i ? (end - i) / 2 : 0) + 1;
  if (max > JX_IMPORT_MAX_ITEMS) max = JX_IMPORT_MAX_ITEMS;
  irow *rows = jx_arena_alloc(im->a, max * sizeof *rows);
  size_t nr = L.has[JX_COL_NATURE] ? rows_by_nature(im, c, i, end, &L, rows, max) : rows_by_numbers(im, c, i, end, &L, rows, max);
  rows_ctx rc = {.list = list};
  for (size_t r = 0; r < nr; r++) write_row(im, &rc, c, &rows[r]);
  return nr;
}

/* ---- the department's target table (部门整体支出绩效目标表) ---------------------------------- */

static void target_budget(jx_imp *im, const jx_cells *c, size_t from, size_t to) {
  static const struct {
    const char *label, *key;
  } labels[] = {{"年度资金总额", "total"}, {"资金总额", "total"}, {"财政拨款", "fiscal"}, {"其他资金", "other"},
                {"上年结转资金", "carried_in"}, {"上年结转", "carried_in"}};
  const char *keys[8];
  size_t nk = 0, i = from;
  for (; i < to && nk < 8; i++) {
    const char *t = txt(c, i);
    bool hit = false;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
      if (!strcmp(t, labels[k].label)) {
        keys[nk++] = labels[k].key;
        hit = true;
        break;
      }
    if (!hit && nk) break;
  }
  if (!nk) return;
  jx_ynode *b = jx_y_find(im->root, "budget");
  size_t got = 0;
  for (; i < to && got < nk && jx_cell_is_number(txt(c, i), false); i++, got++) {
    if (!jx_imp_money_ok(txt(c, i))) continue;
    jx_imp_set(im, b, keys[got], txt(c, i), c->items[i].line, c->items[i].line_end);
  }
  if (got < nk)
    jx_imp_diag(im, "JX512", JX_WARNING, c->items[from].line, 0, "预算表有 %zu 栏，只读到 %zu 个金额", nk, got);
}

/* Goals: "一是…；" "二是…；" "三是…。" → items without the ordinal and the end mark. */
static void goals_from(jx_imp *im, const jx_cells *c, size_t from, size_t to, jx_ynode *goals) {
  static const char *const ord[] = {"一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", NULL};
  size_t start = from;
  for (size_t i = from; i < to; i++) {
    bool end = i + 1 == to || sentence_end(txt(c, i));
    if (!end) continue;
    jx_cell g = jx_cells_join(im->a, c, start, i + 1);
    const char *t = g.text;
    int level;
    size_t m = jx_heading_marker(t, &level);
    if (m && level >= 3) t += m;
    for (size_t k = 0; ord[k]; k++)
      if (jx_starts(t, ord[k])) {
        t += strlen(ord[k]);
        break;
      }
    size_t n = strlen(t);
    while (n >= 3 && (!strncmp(t + n - 3, "。", 3) || !strncmp(t + n - 3, "；", 3))) n -= 3;
    while (n && (t[n - 1] == ';' || t[n - 1] == '.')) n--;
    char *goal = jx_trim_dup(im->a, t, n);
    if (*goal) jx_imp_push(im, goals, goal, g.line, g.line_end);
    start = i + 1;
  }
}

static void target_tasks(jx_imp *im, const jx_cells *c, size_t from, size_t to) {
  size_t i = from;
  bool with_budget = false;
  while (i < to && (!strcmp(txt(c, i), "任务名称") || !strcmp(txt(c, i), "主要内容") || jx_starts(txt(c, i), "预算"))) {
    with_budget |= jx_starts(txt(c, i), "预算");
    i++;
  }
  jx_ynode *tasks = jx_y_find(im->root, "tasks");
  while (i < to && jx_y_count(tasks) < JX_IMPORT_MAX_ITEMS) {
    size_t n0 = i++;
    /* a name wrapped over two cells: a long first part and a one- or two-character rest */
    size_t n1 = i;
    if (i < to && jx_u8_chars(txt(c, n0)) >= 6 && jx_u8_chars(txt(c, i)) <= 2 && !jx_cell_is_number(txt(c, i), false)) n1 = ++i;
    if (i >= to) {
      jx_imp_diag(im, "JX512", JX_WARNING, c->items[n0].line, 0, "年度主要任务“%s”没有主要内容", txt(c, n0));
      jx_cell nm = jx_cells_join(im->a, c, n0, n1);
      jx_ynode *t = jx_y_push_map(im->a, tasks);
      jx_imp_set(im, t, "name", nm.text, nm.line, nm.line_end);
      break;
    }
    size_t c0 = i++;
    /* the content absorbs the short rest of a wrapped line ("联络服" "务") */
    while (i < to && !with_budget && jx_u8_chars(txt(c, i)) <= 2 && !jx_cell_is_number(txt(c, i), false)) i++;
    if (with_budget)
      while (i < to && !jx_cell_is_number(txt(c, i), false)) i++;
    jx_cell nm = jx_cells_join(im->a, c, n0, n1 > n0 + 1 ? n1 : n0 + 1);
    jx_cell ct = jx_cells_join(im->a, c, c0, i);
    jx_ynode *t = jx_y_push_map(im->a, tasks);
    jx_imp_set(im, t, "name", nm.text, nm.line, nm.line_end);
    jx_imp_set(im, t, "content", ct.text, ct.line, ct.line_end);
    if (with_budget && i < to) {
      if (jx_imp_money_ok(txt(c, i))) jx_imp_set(im, t, "budget", txt(c, i), c->items[i].line, c->items[i].line_end);
      i++;
    }
  }
}

bool jx_imp_target_table(jx_imp *im, size_t from, size_t to) {
  jx_cells c = jx_cells_from_lines(im->a, im->src, from, to);
  if (c.n < 3) return false;
  size_t goals_after = 0, tasks_after = 0, ind_after = 0;
  size_t goals_at = find_label(&c, 0, c.n, "年度总体目标", true, &goals_after);
  size_t tasks_at = find_label(&c, 0, c.n, "年度主要任务", true, &tasks_after);
  size_t ind_at = find_label(&c, 0, c.n, "年度绩效指标", true, &ind_after);
  if (ind_at == NONE) ind_at = find_label(&c, 0, c.n, "绩效指标", false, &ind_after);
  if (goals_at == NONE && tasks_at == NONE && ind_at == NONE) return false;
  size_t head_end = goals_at != NONE ? goals_at : tasks_at != NONE ? tasks_at : ind_at;
  /* the table's own header: 单位：万元, 部门名称 */
  for (size_t i = 0; i < head_end; i++) {
    const char *t = txt(&c, i);
    if (jx_starts(t, "单位：") || jx_starts(t, "单位:")) {
      const char *u = t + (t[6] == ':' ? 7 : 9);
      if (!strcmp(u, "元")) jx_imp_set(im, im->root, "money_unit", "元", c.items[i].line, c.items[i].line_end);
      else if (!strcmp(u, "万元")) jx_imp_set(im, im->root, "money_unit", "万元", c.items[i].line, c.items[i].line_end);
    }
    if ((!strcmp(t, "部门名称") || !strcmp(t, "单位名称") || !strcmp(t, "预算单位")) && i + 1 < head_end) {
      jx_ynode *dep = jx_y_find(im->root, "department");
      const jx_cell *v = &c.items[i + 1];
      if (!has_text(dep, "name")) jx_imp_set(im, dep, "name", v->text, v->line, v->line_end);
      else if (strcmp(jx_y_find(dep, "name")->text, v->text) != 0) jx_imp_set(im, dep, "unit", v->text, v->line, v->line_end);
    }
  }
  if (!im->year)
    for (size_t i = 0; i < head_end; i++) {
      char y[16];
      size_t used = jx_scan_number(txt(&c, i), y, sizeof y);
      if (used && strlen(y) == 4 && (jx_starts(txt(&c, i) + used, "年") || jx_starts(txt(&c, i + 1), "年"))) {
        int yy = (int)strtol(y, NULL, 10);
        if (yy >= 1990 && yy <= 2100) {
          im->year = yy;
          jx_imp_set(im, im->root, "year", jx_arena_strdup(im->a, y), c.items[i].line, 0);
        }
        break;
      }
    }
  target_budget(im, &c, 0, head_end);
  if (goals_at != NONE) {
    size_t g_end = tasks_at != NONE && tasks_at > goals_at ? tasks_at : ind_at != NONE && ind_at > goals_at ? ind_at : c.n;
    goals_from(im, &c, goals_after, g_end, jx_y_find(im->root, "goals"));
  }
  if (tasks_at != NONE) target_tasks(im, &c, tasks_after, ind_at != NONE && ind_at > tasks_at ? ind_at : c.n);
  if (ind_at != NONE) {
    if (!im->weight_total) im->weight_total = 100 * JX_NUM_SCALE; /* a department's target table: weights make 100 */
    indicator_table(im, &c, ind_after, c.n, jx_y_find(im->root, "indicators"), NULL);
  }
  if (!im->shape) im->shape = "部门整体绩效自评报告";
  return true;
}

/* ---- self-evaluation tables --------------------------------------------------------------- */

static bool value_cell(const char *t) { return jx_cell_is_number(t, true) || dash(t); }

/* The money block: a header of 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分
 * (Chongqing: 全年预算数（A） / 全年执行数（B） / 执行率（B/A）) and rows by label. */
typedef enum { M_NONE, M_INITIAL, M_ADJUSTED, M_EXECUTED, M_POINTS, M_RATE, M_SCORE } mcol;
typedef struct {
  const char *label; /* row label as in the source */
  const char *key;   /* total / fiscal / carried_in / other / basic / project */
  jx_cell v[8];      /* by mcol */
  uint32_t line;
} mrow;

/* t equals word, or word followed by a "（…）" tail (spaces before it allowed). */
static bool is_word(const char *t, const char *word) {
  size_t n = strlen(word);
  if (strncmp(t, word, n) != 0) return false;
  while (t[n] == ' ') n++;
  return !t[n] || jx_starts(t + n, "（") || t[n] == '(';
}

static mcol money_col(const char *t) {
  if (is_word(t, "年初预算数") || is_word(t, "年初预算")) return M_INITIAL;
  if (is_word(t, "全年预算数") || is_word(t, "调整后预算数") || is_word(t, "调整后预算") || is_word(t, "全年预算")) return M_ADJUSTED;
  if (is_word(t, "全年执行数") || is_word(t, "执行数") || is_word(t, "全年执行") || is_word(t, "预算执行数")) return M_EXECUTED;
  if (is_word(t, "分值") || is_word(t, "权重")) return M_POINTS;
  if (is_word(t, "执行率") || is_word(t, "预算执行率")) return M_RATE;
  if (is_word(t, "得分")) return M_SCORE;
  return M_NONE;
}

static const char *money_row_key(const char *t) {
  if (strstr(t, "资金总额") || !strcmp(t, "合计") || !strcmp(t, "总额") || strstr(t, "总金额") || strstr(t, "预算总额"))
    return "total";
  if (strstr(t, "财政拨款") || strstr(t, "财政资金")) return "fiscal";
  if (strstr(t, "上年结转")) return "carried_in";
  if (strstr(t, "其他资金")) return "other";
  if (strstr(t, "基本支出")) return "basic";
  if (strstr(t, "项目支出")) return "project";
  return NULL;
}

static size_t money_block(const jx_cells *c, size_t from, size_t to, mrow *rows, size_t max, mcol *cols, size_t *ncols) {
  size_t h = NONE;
  for (size_t i = from; i < to; i++)
    if (money_col(txt(c, i)) == M_INITIAL || money_col(txt(c, i)) == M_ADJUSTED) {
      h = i;
      break;
    }
  if (h == NONE) return 0;
  *ncols = 0;
  size_t i = h;
  while (i < to && *ncols < 8) {
    mcol m = money_col(txt(c, i));
    if (m == M_NONE) break;
    cols[(*ncols)++] = m;
    i++;
  }
  /* a last column of reasons (Sichuan 510000_0013zp: 原因), never filled with numbers */
  if (i < to && (is_word(txt(c, i), "原因") || is_word(txt(c, i), "偏差原因") || is_word(txt(c, i), "备注"))) i++;
  size_t nr = 0;
  while (i < to && nr < max) {
    const char *key = money_row_key(txt(c, i));
    if (!key) {
      /* a row the model has no place for (财政专户管理资金, 单位资金) when numbers follow
       * its label; a form's note (long text) between rows is passed over too */
      if (i + 1 < to && value_cell(txt(c, i + 1)) && jx_u8_chars(txt(c, i)) <= 20) {
        i++;
        while (i < to && value_cell(txt(c, i))) i++;
        continue;
      }
      if (jx_u8_chars(txt(c, i)) > 40 && i + 1 < to && money_row_key(txt(c, i + 1))) {
        i++;
        continue;
      }
      break;
    }
    mrow *r = &rows[nr++];
    memset(r, 0, sizeof *r);
    r->label = txt(c, i);
    r->key = key;
    r->line = c->items[i].line;
    i++;
    for (size_t k = 0; k < *ncols && i < to && value_cell(txt(c, i)); k++, i++)
      if (!dash(txt(c, i))) r->v[cols[k]] = c->items[i];
  }
  return nr;
}

/* 执行率 and its points, as stated, against executed / adjusted (JX530): for the rows the
 * model has no place for (基本支出, 项目支出 of a department form).  The total row's are
 * written under `execution:` (put_printed_execution) and checked by the scorer (JX312). */
static void check_execution(jx_imp *im, const mrow *r, const char *what) {
  const jx_cell *adj = &r->v[M_ADJUSTED], *exe = &r->v[M_EXECUTED], *rate = &r->v[M_RATE];
  int64_t a, e;
  const char *why;
  if (!adj->text || !exe->text || !jx_parse_money(adj->text, JX_FEN_PER_WAN, &a, &why) ||
      !jx_parse_money(exe->text, JX_FEN_PER_WAN, &e, &why) || a <= 0)
    return;
  int64_t computed = jx_ratio_round2(e, a, 100 * JX_NUM_SCALE);
  int64_t stated;
  int d;
  if (rate->text && cell_num(rate->text, &stated, &d)) {
    im->table_checks++;
    if (jx_round_decimals(computed, d < 2 ? d : 2) != stated)
      jx_imp_diag(im, "JX530", JX_WARNING, rate->line, 0, "%s执行率写作 %s，但全年执行数 %s / 全年预算数 %s = %s%%", what, rate->text, exe->text,
                  adj->text, fmtnum(im, computed));
  }
  const jx_cell *pts = &r->v[M_POINTS], *sc = &r->v[M_SCORE];
  int64_t pv, sv;
  if (pts->text && sc->text && cell_num(pts->text, &pv, NULL) && cell_num(sc->text, &sv, &d)) {
    int64_t want = jx_ratio_round2(e < a ? e : a, a, pv);
    im->table_checks++;
    if (jx_round_decimals(want, d < 2 ? d : 2) != sv)
      jx_imp_diag(im, "JX530", JX_WARNING, sc->line, 0, "预算执行得分写作 %s，但执行率 %s%% × 分值 %s = %s", sc->text, fmtnum(im, computed), pts->text,
                  fmtnum(im, want));
  }
}

/* The 执行率 and its 得分 (and, for a department, its 分值) as the form prints them, kept
 * under `execution:` so that the scorer checks them (JX312) or scores from the rate when
 * the amounts are missing. */
static void put_printed_execution(jx_imp *im, jx_ynode *at, const mrow *r, bool with_weight) {
  const jx_cell *rate = &r->v[M_RATE], *sc = &r->v[M_SCORE], *pts = &r->v[M_POINTS];
  int64_t v;
  int d;
  bool has_rate = rate->text && cell_num(rate->text, &v, &d), has_score = sc->text && cell_num(sc->text, &v, &d),
       has_pts = with_weight && pts->text && cell_num(pts->text, &v, &d);
  if (!has_rate && !has_score && !has_pts) return;
  jx_ynode *ex = jx_y_child(im->a, at, "execution", JX_Y_MAP);
  if (has_rate)
    jx_imp_set(im, ex, "rate", strchr(rate->text, '%') ? rate->text : jx_arena_printf(im->a, "%s%%", rate->text), rate->line, 0);
  if (has_score) jx_imp_set(im, ex, "score", sc->text, sc->line, 0);
  if (has_pts) jx_imp_set(im, ex, "weight", pts->text, pts->line, 0);
}

/* Two text cells after their headers (预期目标 / 实际完成情况), each maybe wrapped over
 * several lines: the first ends at its short last line (or its first sentence end). */
static void two_texts(jx_imp *im, const jx_cells *c, size_t from, size_t to, jx_cell *a, jx_cell *b) {
  memset(a, 0, sizeof *a);
  memset(b, 0, sizeof *b);
  if (from >= to) return;
  if (to - from == 1) {
    *a = c->items[from];
    return;
  }
  size_t wmax = 0;
  for (size_t i = from; i < to; i++) {
    size_t w = jx_u8_chars(txt(c, i));
    if (w > wmax) wmax = w;
  }
  size_t cut = NONE;
  for (size_t i = from; i + 1 < to; i++)
    if (jx_u8_chars(txt(c, i)) * 5 < wmax * 4 && sentence_end(txt(c, i))) {
      cut = i + 1;
      break;
    }
  if (cut == NONE)
    for (size_t i = from; i + 1 < to; i++)
      if (sentence_end(txt(c, i))) {
        cut = i + 1;
        break;
      }
  if (cut == NONE) cut = from + 1;
  *a = jx_cells_join(im->a, c, from, cut);
  *b = jx_cells_join(im->a, c, cut, to);
}

/* Goals of a self-evaluation table: numbered items, else sentences. */
static void goals_text(jx_imp *im, const jx_cell *g, jx_ynode *goals) {
  const char *t = g->text;
  const char *seps = strstr(t, "；") ? "；" : "。";
  while (*t) {
    int level;
    size_t m = jx_heading_marker(t, &level);
    if (m && level >= 3) t += m;
    const char *e = strstr(t, seps);
    size_t n = e ? (size_t)(e - t) + 3 : strlen(t);
    char *item = jx_trim_dup(im->a, t, e && !strcmp(seps, "；") ? n - 3 : n);
    if (*item) jx_imp_push(im, goals, item, g->line, g->line_end);
    t += n;
  }
}

static const char *const field_labels[] = {"项目名称", "项目编码", "主管部门", "实施单位", "部门名称", "部门（单位）名称", "单位名称",
                                           "项目资金", "预算执行情况", NULL};

/* "项目名称：农村公路…    主管部门：…": the value after "label：" inside one cell, up to a
 * run of spaces or the next field label; NULL when the cell holds none. */
static const jx_cell *inline_field(jx_arena *a, const jx_cell *cell, const char *label) {
  const char *t = cell->text;
  const char *p = strstr(t, label);
  if (!p || (p != t && p[-1] != ' ')) return NULL;
  p += strlen(label);
  if (jx_starts(p, "：")) p += 3;
  else if (*p == ':') p++;
  else return NULL;
  while (*p == ' ') p++;
  const char *e = p + strlen(p);
  const char *gap = strstr(p, "  ");
  if (gap && gap < e) e = gap;
  for (size_t k = 0; field_labels[k]; k++) {
    const char *q = strstr(p, field_labels[k]);
    if (q && q < e && q > p) e = q;
  }
  jx_cell *v = jx_arena_alloc(a, sizeof *v);
  *v = (jx_cell){jx_trim_dup(a, p, (size_t)(e - p)), cell->line, cell->line_end, cell->whole, NULL};
  return *v->text ? v : NULL;
}

/* The cell after label (exact, or with a "(盖章)" tail: is_word), unless it is itself a
 * label; or the value written after "label：" in one cell. */
static const jx_cell *field(jx_arena *a, const jx_cells *c, size_t from, size_t to, const char *label) {
  size_t after = 0;
  size_t i = find_label(c, from, to, label, false, &after);
  if (i == NONE)
    for (size_t k = from; k < to && k < c->n; k++) {
      const jx_cell *v = inline_field(a, &c->items[k], label);
      if (v) return v;
    }
  if (i == NONE)
    for (size_t k = from; k < to && k < c->n; k++)
      if (is_word(txt(c, k), label)) {
        i = k;
        after = k + 1;
        break;
      }
  if (i == NONE || after >= to) return NULL;
  const jx_cell *v = &c->items[after];
  for (size_t k = 0; field_labels[k]; k++)
    if (!strcmp(v->text, field_labels[k])) return NULL;
  return v;
}

/* Whether any indicator of the list has a score. */
static bool any_score(const jx_ynode *inds) {
  for (const jx_ynode *i = inds ? inds->first : NULL; i; i = i->next)
    if (has_text(i, "score")) return true;
  return false;
}

/* 总分 and 评价等级 after the indicator rows.  A 合计 row is the total score only when the
 * table scores its indicators: on a form whose 得分 column is blank (Sichuan 510000_0013zp
 * filled in only up to 权重), "合计 | 100" is the sum of the weights, and is checked as
 * that instead. */
static void footer(jx_imp *im, const jx_cells *c, size_t from, const jx_ynode *inds, jx_ynode *assessment,
                   int64_t *stated_total, bool *have_total) {
  size_t i = find_cell(c, from, c->n, "总分", false);
  bool sum_row = false;
  if (i == NONE) {
    i = find_cell(c, from, c->n, "合计", false);
    sum_row = i != NONE;
  }
  if (i == NONE) i = find_cell(c, from, c->n, "自评总分", false);
  *have_total = false;
  if (i != NONE && sum_row && !any_score(inds)) {
    size_t k = i + 1;
    int64_t stated, weights = 0;
    bool all = inds && inds->first;
    for (const jx_ynode *n = inds ? inds->first : NULL; n && all; n = n->next) {
      const jx_ynode *w = jx_y_find(n, "weight");
      int64_t v;
      if (w && w->text && cell_num(w->text, &v, NULL)) weights += v;
      else all = false;
    }
    if (k < c->n && jx_cell_is_number(txt(c, k), false) && cell_num(txt(c, k), &stated, NULL) && all) {
      im->table_checks++;
      if (stated != weights && stated != weights + (100 * JX_NUM_SCALE - im->weight_total))
        jx_imp_diag(im, "JX530", JX_WARNING, c->items[k].line, 0, "合计写作 %s，但 %zu 项指标的权重之和为 %s（表中没有得分，合计按权重合计核对）",
                    txt(c, k), jx_y_count(inds), fmtnum(im, weights));
    }
    i = NONE;
  }
  if (i != NONE) {
    size_t k = i + 1, last = NONE;
    while (k < c->n && k < i + 4 && jx_cell_is_number(txt(c, k), false)) last = k++;
    if (last != NONE && jx_imp_num_ok(txt(c, last))) {
      jx_imp_set(im, assessment, "total", txt(c, last), c->items[last].line, 0);
      *have_total = cell_num(txt(c, last), stated_total, NULL);
    }
  }
  for (size_t k = from; k + 1 < c->n; k++) {
    const char *t = txt(c, k);
    if (strcmp(t, "评价等级") != 0 && strcmp(t, "自评等级") != 0 && strcmp(t, "等级") != 0) continue;
    const char *g = txt(c, k + 1);
    if (!strcmp(g, "优") || !strcmp(g, "良") || !strcmp(g, "中") || !strcmp(g, "差"))
      jx_imp_set(im, assessment, "grade", g, c->items[k + 1].line, 0);
    break;
  }
}

/* Stated total against the scores the table itself gives (JX530). */
static void check_total(jx_imp *im, const jx_ynode *inds, const jx_cell *exec_score, int64_t stated, uint32_t line) {
  jx_i128 sum = 0;
  size_t n = 0;
  for (const jx_ynode *i = inds->first; i; i = i->next) {
    const jx_ynode *s = jx_y_find(i, "score");
    int64_t v;
    if (!s || !s->text || !cell_num(s->text, &v, NULL)) return; /* not every row scored */
    sum += v;
    n++;
  }
  int64_t ev = 0;
  if (exec_score && exec_score->text && !cell_num(exec_score->text, &ev, NULL)) return;
  if (!n) return;
  sum += ev;
  im->table_checks++;
  if ((int64_t)sum != stated) {
    char *parts = exec_score && exec_score->text
                      ? jx_arena_printf(im->a, "预算执行得分 %s + %zu 项指标得分 %s", fmtnum(im, ev), n, fmtnum(im, (int64_t)sum - ev))
                      : jx_arena_printf(im->a, "%zu 项指标得分之和", n);
    jx_imp_diag(im, "JX530", JX_WARNING, line, 0, "总分写作 %s，但%s = %s", fmtnum(im, stated), parts, fmtnum(im, (int64_t)sum));
  }
}

static size_t find_title(const jx_imp *im, const char *const *words) {
  size_t limit = im->src->n;
  for (size_t i = 0; i < limit; i++)
    for (size_t k = 0; words[k]; k++)
      if (strstr(im->src->lines[i].text, words[k]) && jx_u8_chars(im->src->lines[i].text) <= 40) return i;
  return NONE;
}

static void table_year(jx_imp *im, const jx_cells *c) {
  for (size_t i = 0; i < c->n && i < 12 && !im->year; i++) {
    const char *t = txt(c, i);
    for (const char *p = t; *p; p += jx_u8_len(p)) {
      char y[16];
      size_t used = jx_scan_number(p, y, sizeof y);
      if (used && strlen(y) == 4 && (jx_starts(p + used, "年") || (!p[used] && jx_starts(txt(c, i + 1), "年")))) {
        int yy = (int)strtol(y, NULL, 10);
        if (yy >= 1990 && yy <= 2100) {
          im->year = yy;
          jx_imp_set(im, im->root, "year", jx_arena_strdup(im->a, y), c->items[i].line, 0);
          return;
        }
      }
      if (used) p += used - 1;
    }
  }
}

static bool project_table(jx_imp *im, size_t title_at) {
  jx_cells c = jx_cells_from_lines(im->a, im->src, title_at + 1, im->src->n);
  if (c.n < 5) return false;
  size_t ind_after = 0;
  size_t ind_label = find_label(&c, 0, c.n, "绩效指标", true, &ind_after);
  if (ind_label == NONE) {
    /* a form without its 绩效指标 row: the indicator table starts at its header */
    ind_label = find_cell(&c, 0, c.n, "一级指标", false);
    ind_after = ind_label;
  }
  /* the form's title and its 项目名称 with no indicator table (a form filled in only up to
   * its money block): still this project's form, its indicators missing */
  if (ind_label == NONE && field(im->a, &c, 0, c.n, "项目名称")) ind_label = ind_after = c.n;
  if (ind_label == NONE) return false;
  im->kind = JX_KIND_PROJECT;
  im->framework = "cn-mof-2020-10-project";
  im->recognised = true;
  /* the form code sits above the title (报表编号：510000_0013zp) or below it */
  bool sichuan = false;
  for (size_t i = title_at > 8 ? title_at - 8 : 0; i < im->src->n && i < title_at + 40 && !sichuan; i++)
    sichuan = strstr(im->src->lines[i].text, "510000_0013zp") != NULL;
  im->shape = sichuan ? "四川省项目支出绩效自评表（510000_0013zp）" : "项目支出绩效自评表（财预〔2020〕10号附件1）";
  im->layout = sichuan ? "sichuan-510000-0013zp" : "mof-2020-10-project";
  table_year(im, &c);
  jx_ynode *proj = jx_y_find(im->root, "project");
  jx_ynode *dep = jx_y_find(im->root, "department");
  const jx_cell *v;
  if ((v = field(im->a, &c, 0, ind_label, "项目名称"))) jx_imp_set(im, proj, "name", v->text, v->line, v->line_end);
  if ((v = field(im->a, &c, 0, ind_label, "项目编码"))) jx_imp_set(im, proj, "code", v->text, v->line, v->line_end);
  const jx_cell *owner = field(im->a, &c, 0, ind_label, "主管部门"), *unit = field(im->a, &c, 0, ind_label, "实施单位");
  if (owner) jx_imp_set(im, dep, "name", owner->text, owner->line, owner->line_end);
  if (unit) jx_imp_set(im, dep, "unit", unit->text, unit->line, unit->line_end);
  if (owner && unit)
    jx_imp_set(im, proj, "owner", jx_arena_printf(im->a, "%s（主管部门）／%s（实施单位）", owner->text, unit->text), owner->line, unit->line_end);
  else if (owner)
    jx_imp_set(im, proj, "owner", owner->text, owner->line, owner->line_end);
  if (!has_text(proj, "name")) {
    jx_imp_diag(im, "JX511", JX_WARNING, c.items[0].line, 0, "自评表中没有找到项目名称");
    jx_ynode *n = jx_y_set(im->a, proj, "name", "（未能识别项目名称）", 0, 0);
    n->comment = "占位值，请按原文改正";
    jx_imp_assume(im, 0, 0, "原文未能识别项目名称；project.name 为占位值。");
  }
  /* money */
  mrow rows[8];
  mcol cols[8];
  size_t ncols = 0;
  size_t nm = money_block(&c, 0, ind_label, rows, 8, cols, &ncols);
  const jx_cell *exec_score = NULL;
  static const char *const mkeys[] = {NULL, "initial", "adjusted", "executed"};
  for (size_t r = 0; r < nm; r++) {
    mrow *m = &rows[r];
    jx_ynode *target = !strcmp(m->key, "total") ? proj : jx_y_child(im->a, proj, m->key, JX_Y_MAP);
    if (!strcmp(m->key, "basic") || !strcmp(m->key, "project")) continue;
    for (int k = M_INITIAL; k <= M_EXECUTED; k++)
      if (m->v[k].text && jx_imp_money_ok(m->v[k].text)) jx_imp_set(im, target, mkeys[k], m->v[k].text, m->v[k].line, m->v[k].line_end);
    if (!strcmp(m->key, "total")) {
      im->table_checks += m->v[M_RATE].text != NULL;
      put_printed_execution(im, proj, m, false);
      if (m->v[M_SCORE].text) exec_score = &m->v[M_SCORE];
    }
  }
  if (!nm) jx_imp_diag(im, "JX511", JX_WARNING, c.items[0].line, 0, "自评表中没有找到项目资金（年初预算数、全年预算数、全年执行数）");
  /* goals */
  size_t g_after = 0;
  size_t g = find_label(&c, 0, ind_label, "年度总体目标", true, &g_after);
  if (g != NONE) {
    size_t k = g_after;
    while (k < ind_label && (!strcmp(txt(&c, k), "预期目标") || strstr(txt(&c, k), "完成情况"))) k++;
    jx_cell a, b;
    two_texts(im, &c, k, ind_label, &a, &b);
    if (a.text && *a.text) goals_text(im, &a, jx_y_child(im->a, proj, "goals", JX_Y_SEQ));
    if (b.text && *b.text) jx_imp_set(im, proj, "goal_results", b.text, b.line, b.line_end);
  }
  /* indicators */
  size_t i = ind_after;
  char pts[32];
  if (points_cell(txt(&c, i), pts, sizeof pts)) {
    int64_t pv;
    if (cell_num(pts, &pv, NULL)) {
      im->weight_total = pv;
      im->weight_total_stated = true;
    }
    i++;
  }
  if (!im->weight_total) im->weight_total = 90 * JX_NUM_SCALE; /* 财预〔2020〕10号: indicators 90 of 100 */
  jx_ynode *inds = jx_y_child(im->a, proj, "indicators", JX_Y_SEQ);
  size_t stop = c.n;
  if (!indicator_table(im, &c, i, c.n, inds, &stop))
    jx_imp_diag(im, "JX511", JX_WARNING, ind_label < c.n ? c.items[ind_label].line : 0, 0,
                "自评表的绩效指标部分没有可读的表头（一级指标、二级指标、三级指标……）");
  jx_ynode *as = jx_y_child(im->a, proj, "assessment", JX_Y_MAP);
  int64_t total;
  bool have_total;
  footer(im, &c, stop, inds, as, &total, &have_total);
  if (have_total) check_total(im, inds, exec_score, total, jx_y_find(as, "total")->line);
  jx_imp_indicators_finish(im, inds);
  return true;
}

static bool department_table(jx_imp *im, size_t title_at) {
  jx_cells c = jx_cells_from_lines(im->a, im->src, title_at + 1, im->src->n);
  if (c.n < 5) return false;
  size_t ind_after = 0;
  size_t ind_label = find_label(&c, 0, c.n, "绩效指标", true, &ind_after);
  if (ind_label == NONE) {
    /* no 绩效指标 row: the indicator table starts at its header */
    ind_label = find_cell(&c, 0, c.n, "一级指标", false);
    ind_after = ind_label;
  }
  if (ind_label == NONE) return false;
  /* the table with 得分系数 is Chongqing's; any other with 实际完成值 or 得分 is the
   * 部门整体支出绩效自评表 of 财预〔2020〕10号 (and the forms modelled on it) */
  jx_col cols[16];
  size_t hi = ind_after, ncol = jx_cells_header(&c, &hi, cols, 16);
  bool coef = false, selfeval = false;
  for (size_t k = 0; k < ncol; k++) {
    coef |= cols[k] == JX_COL_COEF;
    selfeval |= cols[k] == JX_COL_ACTUAL || cols[k] == JX_COL_SCORE;
  }
  if (!coef && !selfeval) return false;
  im->kind = JX_KIND_DEPARTMENT;
  im->recognised = true;
  if (coef) {
    im->framework = "chongqing-department-2023";
    im->shape = "重庆市部门整体绩效自评表（得分系数 × 权重）";
    im->layout = "chongqing-department";
  } else {
    im->shape = "部门整体支出绩效自评表";
    im->layout = "department-selfeval-table";
  }
  table_year(im, &c);
  jx_ynode *dep = jx_y_find(im->root, "department");
  const jx_cell *v;
  if ((v = field(im->a, &c, 0, ind_label, "部门名称")) || (v = field(im->a, &c, 0, ind_label, "部门（单位）名称")) || (v = field(im->a, &c, 0, ind_label, "单位名称")))
    jx_imp_set(im, dep, "name", v->text, v->line, v->line_end);
  mrow rows[8];
  mcol mcols[8];
  size_t ncols = 0;
  size_t nm = money_block(&c, 0, ind_label, rows, 8, mcols, &ncols);
  jx_ynode *fin = jx_y_find(im->root, "finance");
  jx_ynode *exp = jx_y_child(im->a, fin, "expenditure", JX_Y_MAP);
  for (size_t r = 0; r < nm; r++) {
    mrow *m = &rows[r];
    const jx_cell *adj = &m->v[M_ADJUSTED], *exe = &m->v[M_EXECUTED], *ini = &m->v[M_INITIAL];
    if (!strcmp(m->key, "total")) {
      if (ini->text && jx_imp_money_ok(ini->text)) jx_imp_set(im, jx_y_find(im->root, "budget"), "total", ini->text, ini->line, 0);
      if (adj->text && jx_imp_money_ok(adj->text)) jx_imp_set(im, fin, "adjusted", adj->text, adj->line, 0);
      if (exe->text && jx_imp_money_ok(exe->text)) jx_imp_set(im, exp, "total", exe->text, exe->line, 0);
      im->table_checks += m->v[M_RATE].text != NULL;
      put_printed_execution(im, fin, m, true);
    } else if (!strcmp(m->key, "basic") || !strcmp(m->key, "project")) {
      if (exe->text && jx_imp_money_ok(exe->text)) {
        jx_ynode *n = jx_imp_set(im, exp, m->key, exe->text, exe->line, 0);
        if (adj->text) n->comment = jx_arena_printf(im->a, "全年预算数 %s（L%u）", adj->text, adj->line);
      }
      check_execution(im, m, !strcmp(m->key, "basic") ? "基本支出" : "项目支出");
    }
  }
  size_t g_after = 0;
  size_t g = find_label(&c, 0, ind_label, "年度总体目标", true, &g_after);
  if (g != NONE) {
    size_t k = g_after;
    while (k < ind_label && (!strcmp(txt(&c, k), "预期目标") || strstr(txt(&c, k), "完成情况"))) k++;
    jx_cell a, b;
    two_texts(im, &c, k, ind_label, &a, &b);
    if (a.text && *a.text) goals_text(im, &a, jx_y_find(im->root, "goals"));
    if (b.text && *b.text) {
      jx_imp_diag(im, "JX511", JX_NOTE, b.line, b.line_end, "原文的“目标完成情况”在部门整体的数据文件中没有对应的栏目，只记入 assumptions");
      jx_imp_assume(im, b.line, b.line_end, "原文“目标完成情况”（部门整体的数据文件没有此栏，未写入）：%s", b.text);
    }
  }
  im->weight_total = 100 * JX_NUM_SCALE;
  jx_ynode *inds = jx_y_find(im->root, "indicators");
  size_t stop = c.n;
  indicator_table(im, &c, ind_after, c.n, inds, &stop);
  jx_ynode *as = jx_y_find(im->root, "assessment");
  int64_t total;
  bool have_total;
  footer(im, &c, stop, inds, as, &total, &have_total);
  if (have_total) check_total(im, inds, NULL, total, jx_y_find(as, "total")->line);
  return true;
}

/* A report (not a form) that shows its indicators' results in a table of its own under a
 * heading ("三、绩效指标完成情况" … 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
 * 分值 | 得分): read into the department's indicators; the report's other parts are the
 * narrative's.  Only a header with 实际完成值 or 得分 counts (a target table is the
 * narrative's own). */
static void untitled_indicator_table(jx_imp *im) {
  jx_cells c = jx_cells_from_lines(im->a, im->src, 0, im->src->n);
  for (size_t i = 0; i < c.n; i++) {
    if (strcmp(txt(&c, i), "一级指标") != 0) continue;
    jx_col cols[16];
    size_t hi = i, ncol = jx_cells_header(&c, &hi, cols, 16);
    bool results = false;
    for (size_t k = 0; k < ncol; k++) results |= cols[k] == JX_COL_ACTUAL || cols[k] == JX_COL_SCORE;
    if (!results) continue;
    if (!im->weight_total) im->weight_total = 100 * JX_NUM_SCALE;
    jx_ynode *inds = jx_y_find(im->root, "indicators");
    size_t stop = c.n;
    if (indicator_table(im, &c, i, c.n, inds, &stop)) {
      jx_ynode *as = jx_y_find(im->root, "assessment");
      int64_t total;
      bool have_total;
      footer(im, &c, stop, inds, as, &total, &have_total);
      return;
    }
  }
}

bool jx_imp_selfeval_table(jx_imp *im) {
  static const char *const project_titles[] = {"项目支出绩效自评表", "项目绩效自评表", NULL};
  static const char *const dept_titles[] = {"部门整体绩效自评表", "整体绩效目标自评表", "部门整体支出绩效自评表", "部门（单位）整体绩效自评表", NULL};
  size_t t = find_title(im, project_titles);
  if (t != NONE && project_table(im, t)) return true;
  t = find_title(im, dept_titles);
  if (t != NONE && department_table(im, t)) return true;
  untitled_indicator_table(im);
  return false;
}

/* ---- after the tables ----------------------------------------------------------------- */

static jx_ynode *profile_total(jx_imp *im, const char *group) {
  jx_ynode *st = jx_y_find(jx_y_find(im->root, "profile"), "staffing");
  jx_ynode *g = jx_y_find(st, group);
  return g && has_text(g, "total") ? jx_y_find(g, "total") : NULL;
}

static bool money_unit(const jx_ynode *ind) {
  const jx_ynode *u = jx_y_find(ind, "unit");
  return u && u->text && (!strcmp(u->text, "万元") || !strcmp(u->text, "元"));
}

static void describe(jx_imp *im, jx_ynode *ind, const char *path, const char *why) {
  jx_ynode *n = jx_y_set(im->a, ind, "describes", path, jx_y_find(ind, "name")->line, 0);
  n->comment = jx_arena_printf(im->a, "推定：%s", why);
}

void jx_imp_indicators_finish(jx_imp *im, jx_ynode *list) {
  if (!list || !list->first) return;
  /* one weight missing (cut off in the PDF): the others' remainder to the total */
  jx_i128 sum = 0;
  size_t missing = 0, n = 0;
  jx_ynode *gap = NULL;
  for (jx_ynode *i = list->first; i; i = i->next, n++) {
    jx_ynode *w = jx_y_find(i, "weight");
    int64_t v;
    if (w && w->text && cell_num(w->text, &v, NULL)) sum += v;
    else {
      missing++;
      gap = i;
    }
  }
  int64_t total = im->weight_total ? im->weight_total : (im->kind == JX_KIND_PROJECT ? 90 : 100) * JX_NUM_SCALE;
  if (missing == 1 && (jx_i128)total > sum) {
    int64_t inferred = (int64_t)((jx_i128)total - sum);
    jx_ynode *name = jx_y_find(gap, "name");
    jx_ynode *w = jx_y_find(gap, "weight");
    uint32_t line = name ? name->line : 0, end = w && w->line ? w->line : name ? name->line_end : 0;
    char *val = fmtnum(im, inferred);
    jx_ynode *wn = jx_y_set(im->a, gap, "weight", val, 0, 0);
    wn->above = jx_arena_printf(im->a, "推定：原文本行没有权重（可能在 PDF 中被截断）；其余 %zu 项合计 %s，按权重合计 %s 推定为 %s", n - 1,
                                fmtnum(im, (int64_t)sum), fmtnum(im, total), val);
    wn->comment = jx_arena_printf(im->a, "推定（本行 L%u–%u 无权重）", line, end);
    im->figures++;
    im->inferred++;
    jx_imp_diag(im, "JX510", JX_WARNING, line, end,
                "第 %zu 项指标“%s”的权重在原文中缺失（可能在 PDF 中被截断）；其余 %zu 项权重合计 %s，按合计 %s 推定为 %s", n, name ? name->text : "",
                n - 1, fmtnum(im, (int64_t)sum), fmtnum(im, total), val);
    jx_imp_assume(im, line, end, "第 %zu 项指标“%s”的权重在原文中缺失，按权重合计 %s 推定为 %s（其余 %zu 项合计 %s）。", n, name ? name->text : "",
                  fmtnum(im, total), val, n - 1, fmtnum(im, (int64_t)sum));
  } else if (missing) {
    size_t k = 0;
    for (jx_ynode *i = list->first; i; i = i->next, k++) {
      jx_ynode *w = jx_y_find(i, "weight");
      if (w && w->text) continue;
      jx_ynode *name = jx_y_find(i, "name");
      jx_ynode *wn = jx_y_set(im->a, i, "weight", "0", 0, 0);
      wn->comment = "原文缺失，暂记为 0";
      jx_imp_diag(im, "JX511", JX_WARNING, name ? name->line : 0, name ? name->line_end : 0,
                  "第 %zu 项指标“%s”的权重在原文中缺失，且无法由合计推出（缺失 %zu 项），暂记为 0", k + 1, name ? name->text : "", missing);
      jx_imp_assume(im, name ? name->line : 0, 0, "第 %zu 项指标“%s”的权重在原文中缺失，暂记为 0。", k + 1, name ? name->text : "");
    }
  }
  if (list != jx_y_find(im->root, "indicators")) return;
  /* what department indicators speak of (推定, for the consistency checks) */
  jx_ynode *fin = jx_y_find(im->root, "finance"), *exp = jx_y_find(fin, "expenditure");
  bool basic = has_text(exp, "basic"), project = has_text(exp, "project");
  jx_ynode *open_cost = NULL;
  size_t open_costs = 0;
  bool basic_taken = false;
  for (jx_ynode *i = list->first; i; i = i->next) {
    jx_ynode *nm = jx_y_find(i, "name"), *u = jx_y_find(i, "unit"), *l1 = jx_y_find(i, "level1"), *nat = jx_y_find(i, "nature");
    if (!nm || !nm->text) continue;
    const char *name = nm->text;
    /* "政协委员(159人)": the number of members, a count of the profile */
    char num[32];
    for (const char *p = strstr(name, "委员"); p; p = strstr(p + 6, "委员")) {
      const char *q = p + 6;
      if (jx_starts(q, "（")) q += 3;
      else if (*q == '(') q++;
      else continue;
      size_t used = jx_scan_number(q, num, sizeof num);
      if (used && jx_starts(q + used, "人") && jx_imp_count_ok(num)) {
        jx_ynode *counts = jx_y_child(im->a, jx_y_find(im->root, "profile"), "counts", JX_Y_MAP);
        jx_ynode *cn = jx_y_set_new(im->a, counts, "政协委员人数", jx_arena_strdup(im->a, num), nm->line, nm->line_end);
        if (cn) {
          cn->comment = "指标名称中的委员人数";
          im->figures++;
        }
        break;
      }
    }
    /* only a "=" target claims to be the figure itself */
    if (!nat || !nat->text || strcmp(nat->text, "=") != 0) continue;
    if (u && u->text && !strcmp(u->text, "人") && (strstr(name, "职工") || strstr(name, "在职") || strstr(name, "人员")) &&
        profile_total(im, "in_post") && !jx_y_find(i, "describes"))
      describe(im, i, "profile.staffing.in_post.total", "人数指标，对应在职人员总数");
    if (l1 && l1->text && strstr(l1->text, "成本") && money_unit(i)) {
      if (basic && !basic_taken && (strstr(name, "工资") || strstr(name, "基本支出") || strstr(name, "人员") || strstr(name, "公用"))) {
        describe(im, i, "finance.expenditure.basic", "人员和公用经费，对应基本支出");
        basic_taken = true;
      } else if (project && strstr(name, "项目")) {
        describe(im, i, "finance.expenditure.project", "对应项目支出");
        project = false;
      } else {
        open_cost = i;
        open_costs++;
      }
    }
  }
  if (basic_taken && project && open_costs == 1)
    describe(im, open_cost, "finance.expenditure.project", "另一项成本指标对应基本支出，本项对应项目支出");
}
