/* decl_compare.c — a year-end file's targets against its locked declaration and approved adjustments (JX83x). */
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "model/monitor.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/text.h"

/* One declared row as it stands after the approved adjustments. */
typedef struct {
  const char *level2, *name, *text; /* text: the 指标值 in force */
  jx_target_reading read;
  const jx_decl_adjustment *adj; /* the last adjustment that changed it; NULL: as declared */
  const char *declared;          /* the 指标值 as first declared (NULL: added by an adjustment) */
  bool removed, matched;
} row;

typedef struct {
  row *items;
  size_t n, cap;
} rows;

static void rows_push(rows *l, const row *r) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 16;
    l->items = jx_xrealloc(l->items, l->cap * sizeof *l->items);
  }
  l->items[l->n++] = *r;
}

static bool same_name(const char *a, const char *b) {
  char fa[512], fb[512];
  if (!a || !b) return false;
  if (!jx_text_fold_buf(a, fa, sizeof fa) || !jx_text_fold_buf(b, fb, sizeof fb)) return !strcmp(a, b);
  return !strcmp(fa, fb);
}

/* Blank, 不适用: rows that declare nothing to compare. */
static bool declares_nothing(const jx_decl_indicator *d) {
  return d->not_applicable || !d->name || !*d->name || d->read.blank || !d->value || !*d->value;
}

/* The row an adjustment's change names: "三级指标", or "二级指标/三级指标" when the name repeats. */
static row *find_row(rows *l, const char *indicator) {
  for (size_t i = 0; i < l->n; i++)
    if (!l->items[i].removed && same_name(l->items[i].name, indicator)) return &l->items[i];
  const char *slash = strchr(indicator, '/');
  if (!slash) return NULL;
  for (size_t i = 0; i < l->n; i++) {
    row *r = &l->items[i];
    size_t n2 = (size_t)(slash - indicator);
    if (!r->removed && r->level2 && strlen(r->level2) == n2 && !strncmp(r->level2, indicator, n2) &&
        same_name(r->name, slash + 1))
      return r;
  }
  return NULL;
}

/* The year-end indicator's target as a reading, for comparison; false when it has none. */
static bool yearend_reading(const jx_indicator *y, jx_target_reading *out) {
  memset(out, 0, sizeof *out);
  out->nature = y->nature;
  if (y->target.kind == JX_VAL_NUMBER || (y->target.kind == JX_VAL_REF && y->target.resolved)) {
    out->readable = true;
    out->has_digit = true;
    out->num = y->target.num;
    out->has_hi = y->target.has_hi;
    out->num_hi = y->target.num_hi;
    out->percent = y->target.percent;
    const char *unit = y->unit ? y->unit : y->target.unit_read;
    if (unit) {
      size_t n = strlen(unit);
      if (n >= sizeof out->unit) n = sizeof out->unit - 1;
      memcpy(out->unit, unit, n);
      out->unit[n] = 0;
    }
    return true;
  }
  return y->target.kind == JX_VAL_TEXT;
}

static const char *unit_of(const jx_target_reading *r) { return r->percent ? "%" : r->unit; }

static bool same_target(const row *d, const jx_indicator *y) {
  jx_target_reading yr;
  if (!yearend_reading(y, &yr)) return false;
  if (!d->read.readable || !yr.readable) {
    if (d->read.readable != yr.readable) return false;
    const char *yt = y->target.written ? y->target.written : y->target.text;
    return same_name(d->text, yt);
  }
  if (d->read.num != yr.num || d->read.has_hi != yr.has_hi || (d->read.has_hi && d->read.num_hi != yr.num_hi)) return false;
  /* A declared value written without a sign ("100%") leaves the direction to the form. */
  if (d->read.nature != JX_NATURE_NONE && yr.nature != JX_NATURE_QUANT && yr.nature != JX_NATURE_NONE &&
      d->read.nature != yr.nature)
    return false;
  const char *du = unit_of(&d->read), *yu = unit_of(&yr);
  return !*du || !*yu || jx_target_unit_same(du, yu);
}

/* The year-end target as a reader sees it: what was written, else nature, number, unit. */
static const char *yearend_text(jx_arena *a, const jx_indicator *y) {
  if (y->target.written) return y->target.written;
  if (y->target.kind == JX_VAL_TEXT) return y->target.text;
  if (y->target.kind == JX_VAL_NONE) return "（未填）";
  char num[32];
  jx_format_num(y->target.num, num, sizeof num);
  const char *sym = y->nature == JX_NATURE_NONE || y->nature == JX_NATURE_QUANT ? "" : jx_nature_symbol(y->nature);
  return jx_arena_printf(a, "%s%s%s", sym, num, y->target.percent ? "%" : y->unit ? y->unit : "");
}

static const char *adj_text(jx_arena *a, const jx_decl_adjustment *adj) {
  return jx_arena_printf(a, "%s 批准的调整（%s；批准：%s）", adj->date ? adj->date : "未注明日期", adj->reason ? adj->reason : "未注明原因",
                         adj->approver ? adj->approver : "未注明");
}

/* The declaration's rows, then its adjustments applied in order. */
static void effective_rows(const jx_decl *decl, rows *l, const char **amount_to, const jx_decl_adjustment **amount_adj) {
  for (size_t i = 0; i < decl->indicators.n; i++) {
    const jx_decl_indicator *d = &decl->indicators.items[i];
    if (declares_nothing(d)) continue;
    row r = {.level2 = d->level2, .name = d->name, .text = d->value, .read = d->read, .declared = d->value};
    rows_push(l, &r);
  }
  for (size_t a = 0; a < decl->adjustments.n; a++) {
    const jx_decl_adjustment *adj = &decl->adjustments.items[a];
    for (size_t c = 0; c < adj->changes.n; c++) {
      const jx_decl_change *ch = &adj->changes.items[c];
      if (!ch->indicator) { /* the year's amount */
        *amount_to = ch->to;
        *amount_adj = adj;
        continue;
      }
      row *r = find_row(l, ch->indicator);
      if (!r) {
        if (!ch->to) continue;
        const char *slash = strchr(ch->indicator, '/');
        row added = {.name = slash ? slash + 1 : ch->indicator, .text = ch->to, .adj = adj};
        jx_target_read(ch->to, &added.read);
        rows_push(l, &added);
        continue;
      }
      r->adj = adj;
      if (!ch->to) {
        r->removed = true;
        continue;
      }
      r->text = ch->to;
      jx_target_read(ch->to, &r->read);
    }
  }
}

size_t jx_decl_compare(const jx_decl *decl, const jx_doc *doc, jx_diags *diags) {
  jx_arena *a = jx_arena_new();
  size_t differences = 0;
  const jx_indicatorlist *inds = NULL;
  const jx_project *proj = NULL;
  jx_pos where = {.file = doc->path};
  const char *whose = "部门整体";

  if (decl->scope == JX_DECL_DEPARTMENT) {
    inds = &doc->indicators;
  } else {
    if (doc->project && ((decl->code && doc->project->code && !strcmp(decl->code, doc->project->code)) ||
                         same_name(decl->name, doc->project->name)))
      proj = doc->project;
    for (size_t i = 0; !proj && i < doc->projects.n; i++)
      if (decl->code && doc->projects.items[i].code && !strcmp(decl->code, doc->projects.items[i].code))
        proj = &doc->projects.items[i];
    for (size_t i = 0; !proj && i < doc->projects.n; i++)
      if (same_name(decl->name, doc->projects.items[i].name)) proj = &doc->projects.items[i];
    if (!proj) {
      jx_diag_add(diags, "JX835", JX_ERROR, where, "批复的项目“%s”（%s）在年终自评文件中找不到：按项目编码和名称都没有对应的项目",
                  decl->name ? decl->name : "", decl->code ? decl->code : "无编码");
      jx_arena_free(a);
      return 1;
    }
    inds = &proj->indicators;
    where = proj->pos;
    whose = jx_arena_printf(a, "项目“%s”", proj->name ? proj->name : decl->name);
  }
  if (inds->n) where = inds->items[0].pos;

  rows l = {0};
  const char *amount_to = NULL;
  const jx_decl_adjustment *amount_adj = NULL;
  effective_rows(decl, &l, &amount_to, &amount_adj);

  /* each year-end indicator against the first unmatched declared row of its name */
  for (size_t i = 0; i < inds->n; i++) {
    const jx_indicator *y = &inds->items[i];
    row *d = NULL;
    for (size_t k = 0; k < l.n && !d; k++)
      if (!l.items[k].matched && !l.items[k].removed && same_name(l.items[k].name, y->name)) d = &l.items[k];
    if (!d) {
      bool removed = false;
      for (size_t k = 0; k < l.n; k++)
        if (l.items[k].removed && same_name(l.items[k].name, y->name)) removed = true;
      jx_diag_add(diags, "JX833", JX_WARNING, y->pos, "%s的指标“%s”%s", whose, y->name ? y->name : "",
                  removed ? "已由批准的调整删除，年终自评仍保留它" : "不在批复的绩效目标中，也没有批准的调整增加它");
      differences++;
      continue;
    }
    d->matched = true;
    if (!same_target(d, y)) {
      if (d->adj)
        jx_diag_add(diags, "JX831", JX_ERROR, y->target.pos.line ? y->target.pos : y->pos,
                    "指标“%s”的指标值 %s 与批复并调整后的 %s 不一致（批复时为 %s；%s）", y->name, yearend_text(a, y), d->text,
                    d->declared ? d->declared : "无", adj_text(a, d->adj));
      else
        jx_diag_add(diags, "JX831", JX_ERROR, y->target.pos.line ? y->target.pos : y->pos,
                    "指标“%s”的指标值 %s 与批复的 %s 不一致，且没有批准的调整", y->name, yearend_text(a, y), d->text);
      differences++;
    } else if (d->adj && d->declared) {
      jx_diag_add(diags, "JX832", JX_NOTE, y->target.pos.line ? y->target.pos : y->pos, "指标“%s”的指标值按 %s由 %s 改为 %s",
                  y->name, adj_text(a, d->adj), d->declared, d->text);
    } else if (d->adj) {
      jx_diag_add(diags, "JX832", JX_NOTE, y->target.pos.line ? y->target.pos : y->pos, "指标“%s”（指标值 %s）按 %s新增",
                  y->name, d->text, adj_text(a, d->adj));
    }
  }
  for (size_t k = 0; k < l.n; k++) {
    const row *d = &l.items[k];
    if (d->matched || d->removed) continue;
    jx_diag_add(diags, "JX830", JX_ERROR, where, "批复的指标“%s”（指标值 %s）在%s的年终自评中缺失", d->name, d->text, whose);
    differences++;
  }

  /* the year's amount */
  jx_money have = decl->scope == JX_DECL_DEPARTMENT ? doc->budget_total : proj->initial;
  int64_t want = decl->this_year.fen;
  bool want_set = decl->this_year.set;
  const char *why = NULL;
  if (amount_to) want_set = jx_parse_money(amount_to, decl->money_unit_fen, &want, &why);
  if (want_set && have.set && have.fen != want) {
    char s1[32], s2[32];
    jx_diag_add(diags, "JX834", JX_WARNING, have.pos, "%s的年度预算 %s 万元与%s的本年金额 %s 万元不一致", whose,
                jx_format_money_wan(have.fen, s1, sizeof s1), amount_adj ? "批准调整后" : "批复", jx_format_money_wan(want, s2, sizeof s2));
    differences++;
  } else if (amount_adj && have.set) {
    char s1[32];
    jx_diag_add(diags, "JX832", JX_NOTE, have.pos, "%s的本年金额按 %s调整为 %s 万元", whose, adj_text(a, amount_adj),
                jx_format_money_wan(want, s1, sizeof s1));
  }
  free(l.items);
  jx_arena_free(a);
  return differences;
}

void jx_result_set_declaration(jx_result *r, const jx_decl *decl) {
  if (r) r->declaration = decl;
}

/* ---- a checkpoint report's targets against the locked declaration ---------------------------- */

static bool same_reading(const jx_target_reading *a, const jx_target_reading *b, const char *ta, const char *tb) {
  if (!a->readable || !b->readable) return a->readable == b->readable && same_name(ta, tb);
  if (a->num != b->num || a->has_hi != b->has_hi || (a->has_hi && a->num_hi != b->num_hi)) return false;
  if (a->nature != JX_NATURE_NONE && b->nature != JX_NATURE_NONE && a->nature != b->nature) return false;
  const char *ua = unit_of(a), *ub = unit_of(b);
  return !*ua || !*ub || jx_target_unit_same(ua, ub);
}

size_t jx_monitor_apply_decl(jx_monreport *r, const jx_decl *decl, jx_diags *diags) {
  rows l = {0};
  const char *amount_to = NULL;
  const jx_decl_adjustment *amount_adj = NULL;
  effective_rows(decl, &l, &amount_to, &amount_adj);
  size_t changed = 0;
  for (size_t i = 0; i < r->indicators.n; i++) {
    jx_mon_indicator *ind = &r->indicators.items[i];
    row *d = NULL;
    for (size_t k = 0; k < l.n && !d; k++)
      if (!l.items[k].matched && !l.items[k].removed && same_name(l.items[k].name, ind->name)) d = &l.items[k];
    if (!d) {
      jx_diag_add(diags, "JX856", JX_WARNING, ind->pos, "指标“%s”不在批复的绩效目标中（%s %s）", ind->name, decl->code ? decl->code : "",
                  decl->name ? decl->name : "");
      continue;
    }
    d->matched = true;
    if (*ind->target && same_reading(&d->read, &ind->target_read, d->text, ind->target)) continue;
    if (*ind->target)
      jx_diag_add(diags, "JX855", JX_WARNING, ind->pos, "指标“%s”的年度指标值“%s”与批复的“%s”不同：按批复的目标计算进度", ind->name,
                  ind->target, d->text);
    else
      jx_diag_add(diags, "JX855", JX_NOTE, ind->pos, "指标“%s”未填年度指标值：取批复的“%s”", ind->name, d->text);
    ind->target = jx_monreport_str(r, d->text);
    jx_target_read(ind->target, &ind->target_read);
    changed++;
  }
  for (size_t k = 0; k < l.n; k++)
    if (!l.items[k].matched && !l.items[k].removed)
      jx_diag_add(diags, "JX857", JX_WARNING, r->cause_pos, "批复的指标“%s”（%s）没有填报进度", l.items[k].name, l.items[k].text);
  free(l.items);
  return changed;
}
