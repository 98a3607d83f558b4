/* prose.c — figures a report states in a sentence, by the patterns of layouts.yaml's
 * `prose:` ("1、收入：792.22万元", "综合评分为97分"), read anywhere in the text when the
 * report's parts did not give them; and the sums of `infer:`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "parse/yaml_tree.h"
#include "util/text.h"

/* Punctuation (and list markers, and the openers of layouts.yaml prose_openers: "其中",
 * "本部门" …) after which a clause starts. */
static const jx_node *openers;

static bool clause_start(const char *line, const char *at) {
  if (at == line) return true;
  for (size_t i = 0; openers && openers->type == JX_NODE_SEQ && i < openers->n; i++) {
    const char *w = openers->items[i]->text;
    size_t n = strlen(w);
    if ((size_t)(at - line) >= n && !memcmp(at - n, w, n) && clause_start(line, at - n)) return true;
  }
  unsigned char prev = (unsigned char)at[-1];
  if (prev < 0x80) return prev == ' ' || prev == ',' || prev == '.' || prev == ';' || prev == ':' || prev == '(' || prev == ')';
  static const char *const punct[] = {"，", "。", "；", "：", "、", "（", "）", "　", "）", "】", "＞", NULL};
  for (size_t i = 0; punct[i]; i++) {
    size_t n = strlen(punct[i]);
    if ((size_t)(at - line) >= n && !memcmp(at - n, punct[i], n)) return true;
  }
  /* "一是" "二是" …: a clause too; so is what follows a year ("2021年收入合计…") */
  if ((size_t)(at - line) >= 3 && !memcmp(at - 3, "是", 3)) return true;
  size_t back = (size_t)(at - line) >= 6 && !memcmp(at - 6, "年度", 6) ? 6 : (size_t)(at - line) >= 3 && !memcmp(at - 3, "年", 3) ? 3 : 0;
  return back && (size_t)(at - line) > back && at[-(long)back - 1] >= '0' && at[-(long)back - 1] <= '9';
}

static const char *skip_joiners(const char *p) {
  static const char *const joiners[] = {"为", "是", "达到", "达", "共计", "合计", "总计", "共", "约", "：", ":", "，", " ", NULL};
  for (int round = 0; round < 3; round++) {
    bool any = false;
    for (size_t i = 0; joiners[i]; i++)
      if (jx_starts(p, joiners[i])) {
        p += strlen(joiners[i]);
        any = true;
        break;
      }
    if (!any) break;
  }
  return p;
}

/* num (an exact ASCII decimal) in unit, as 万元: 元 moves the point 4 left, 亿元 4 right. */
static const char *to_wan(jx_arena *a, const char *num, const char *unit) {
  int shift = !strcmp(unit, "元") ? -4 : !strcmp(unit, "亿元") ? 4 : 0;
  if (!shift) return jx_arena_strdup(a, num);
  const char *dot = strchr(num, '.');
  size_t ip = dot ? (size_t)(dot - num) : strlen(num);
  const char *frac = dot ? dot + 1 : "";
  char digits[96];
  size_t nd = 0;
  for (size_t i = 0; i < ip && nd < 60; i++) digits[nd++] = num[i];
  size_t fl = strlen(frac);
  for (size_t i = 0; i < fl && nd < 90; i++) digits[nd++] = frac[i];
  long point = (long)ip + shift; /* digits before the point */
  char out[128];
  size_t k = 0;
  if (point <= 0) {
    out[k++] = '0';
    out[k++] = '.';
    for (long i = 0; i < -point; i++) out[k++] = '0';
    for (size_t i = 0; i < nd; i++) out[k++] = digits[i];
  } else {
    for (long i = 0; i < point; i++) {
      char d = '0';
      if ((size_t)i < nd) d = digits[i];
      out[k++] = d;
    }
    if ((size_t)point < nd) {
      out[k++] = '.';
      for (size_t i = (size_t)point; i < nd; i++) out[k++] = digits[i];
    }
  }
  out[k] = '\0';
  /* trailing zeros of a fraction, and leading zeros of the integer part */
  if (strchr(out, '.')) {
    while (k && out[k - 1] == '0') out[--k] = '\0';
    if (k && out[k - 1] == '.') out[--k] = '\0';
  }
  const char *s = out;
  while (s[0] == '0' && s[1] && s[1] != '.') s++;
  return jx_arena_strdup(a, s);
}

/* The map at a dotted path, created; *leaf receives the last key. */
static jx_ynode *parent_of(jx_imp *im, const char *path, const char **leaf) {
  jx_ynode *m = im->root;
  const char *p = path;
  const char *dot;
  while ((dot = strchr(p, '.'))) {
    m = jx_y_child(im->a, m, jx_arena_strndup(im->a, p, (size_t)(dot - p)), JX_Y_MAP);
    p = dot + 1;
  }
  *leaf = p;
  return m;
}

static bool has_value(jx_imp *im, const char *path) {
  jx_ynode *m = im->root;
  const char *p = path, *dot;
  while (m && (dot = strchr(p, '.'))) {
    m = jx_y_find(m, jx_arena_strndup(im->a, p, (size_t)(dot - p)));
    p = dot + 1;
  }
  const jx_ynode *v = m ? jx_y_find(m, p) : NULL;
  return v && v->kind == JX_Y_SCALAR && v->text && *v->text;
}

typedef struct {
  const char *field, *value;
  uint32_t line;
} found;

static bool kind_applies(const jx_node *pat, jx_doc_kind kind) {
  const jx_node *k = jx_map_get(pat, "kind");
  if (!k || k->type != JX_NODE_SCALAR || !strcmp(k->text, "any")) return true;
  return !strcmp(k->text, kind == JX_KIND_PROJECT ? "project" : "department");
}

/* The first statement of pat in the text: its value (万元 for money) and line. */
static bool first_match(jx_imp *im, const jx_node *pat, found *out) {
  const jx_node *labels = jx_map_get(pat, "labels"), *units = jx_map_get(pat, "units");
  if (!labels || labels->type != JX_NODE_SEQ || !units || units->type != JX_NODE_SEQ) return false;
  for (size_t i = 0; i < im->src->n; i++) {
    const jx_src_line *l = &im->src->lines[i];
    if (!l->len) continue;
    /* the earliest label in the line that is followed by a number and a unit */
    for (const char *p = l->text; *p; p += jx_u8_len(p)) {
      for (size_t k = 0; k < labels->n; k++) {
        const char *lab = labels->items[k]->text;
        if (!jx_starts(p, lab) || !clause_start(l->text, p)) continue;
        const char *q = skip_joiners(p + strlen(lab));
        char num[64];
        size_t used = jx_scan_number(q, num, sizeof num);
        if (!used) continue;
        const char *after = q + used;
        if (*after == ' ') after++; /* "1592.72 万元": a PDF's word spacing */
        for (size_t u = 0; u < units->n; u++) {
          const char *unit = units->items[u]->text;
          if (!jx_starts(after, unit)) continue;
          /* "万元" must not be read as "元" of a longer unit, nor "人" of "人次" */
          if (!strcmp(unit, "元") && after > q && jx_starts(after - 3, "万")) continue;
          if ((!strcmp(unit, "人") || !strcmp(unit, "名")) && jx_starts(after + strlen(unit), "次")) continue;
          out->value = (!strcmp(unit, "元") || !strcmp(unit, "亿元") || !strcmp(unit, "万元")) ? to_wan(im->a, num, unit)
                                                                                            : jx_arena_strdup(im->a, num);
          out->line = l->no;
          return true;
        }
      }
    }
  }
  return false;
}

void jx_imp_prose(jx_imp *im, const jx_node *layouts) {
  const jx_node *prose = layouts ? jx_map_get(layouts, "prose") : NULL;
  if (!prose || prose->type != JX_NODE_SEQ) return;
  openers = jx_map_get(layouts, "prose_openers");
  found kept[16];
  size_t nkept = 0;
  for (size_t i = 0; i < prose->n; i++) {
    const jx_node *pat = prose->items[i];
    const jx_node *f = jx_map_get(pat, "field");
    if (!f || f->type != JX_NODE_SCALAR || !kind_applies(pat, im->kind)) continue;
    bool temp = f->text[0] == '~';
    if (!temp && has_value(im, f->text)) continue;
    found m = {f->text, NULL, 0};
    if (!first_match(im, pat, &m)) continue;
    if (temp) {
      if (nkept < 16) kept[nkept++] = m;
      continue;
    }
    if (!strcmp(f->text, "assessment.total") || !strcmp(f->text, "project.assessment.total")) {
      if (!jx_imp_num_ok(m.value)) continue;
    } else if (strstr(f->text, "staffing")) {
      if (!jx_imp_count_ok(m.value)) continue;
    } else if (!jx_imp_money_ok(m.value)) {
      continue;
    }
    const char *leaf;
    jx_ynode *parent = parent_of(im, f->text, &leaf);
    jx_imp_set(im, parent, leaf, m.value, m.line, 0);
  }
  /* infer: a figure given only in its parts */
  const jx_node *infer = jx_map_get(layouts, "infer");
  for (size_t i = 0; infer && infer->type == JX_NODE_SEQ && i < infer->n; i++) {
    const jx_node *r = infer->items[i], *f = jx_map_get(r, "field"), *sum = jx_map_get(r, "sum"), *why = jx_map_get(r, "why"),
                  *name = jx_map_get(r, "name");
    if (!f || !sum || sum->type != JX_NODE_SEQ || has_value(im, f->text)) continue;
    int64_t total = 0;
    size_t have = 0;
    uint32_t line = 0;
    char *parts = jx_arena_strdup(im->a, "");
    for (size_t k = 0; k < sum->n; k++)
      for (size_t q = 0; q < nkept; q++)
        if (!strcmp(kept[q].field, sum->items[k]->text)) {
          int64_t v;
          const char *err;
          if (!jx_parse_money(kept[q].value, JX_FEN_PER_WAN, &v, &err)) continue;
          total += v;
          have++;
          if (!line) line = kept[q].line;
          parts = jx_arena_printf(im->a, "%s%s%s", parts, *parts ? " + " : "", kept[q].value);
        }
    if (have != sum->n) continue;
    char buf[64];
    const char *val = jx_format_money_wan(total, buf, sizeof buf);
    const char *leaf;
    jx_ynode *parent = parent_of(im, f->text, &leaf);
    jx_ynode *n = jx_y_set(im->a, parent, leaf, jx_arena_strdup(im->a, val), 0, 0);
    const char *reason = why && why->type == JX_NODE_SCALAR ? why->text : "各部分之和";
    n->comment = jx_arena_printf(im->a, "推定：%s %s（L%u）", reason, parts, line);
    im->figures++;
    im->inferred++;
    const char *zh = name && name->type == JX_NODE_SCALAR ? name->text : f->text;
    jx_imp_diag(im, "JX510", JX_NOTE, line, 0, "原文没有直接写出%s，按%s %s 推定为 %s 万元", zh, reason, parts, val);
    jx_imp_assume(im, line, 0, "%s（%s）按%s %s 推定为 %s 万元。", zh, f->text, reason, parts, val);
  }
}
