/* narrative.c — the prose of a department's self-evaluation report (the seed's shape):
 * title and department, profile (bodies, functions, staffing), yearly work, finance
 * figures from sentences, the 8-item analyses, result application, the score by
 * block, problems, suggestions, signer and date.  Parts are found by their headings,
 * in the order such reports give them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"

#define NONE ((size_t)-1)

static const jx_src_line *line_at(const jx_imp *im, size_t i) { return &im->src->lines[i]; }

/* A key of map m that holds something (pre-created keys are empty). */
static bool has(const jx_ynode *m, const char *key) {
  const jx_ynode *n = jx_y_find(m, key);
  if (!n) return false;
  if (n->kind == JX_Y_SCALAR) return n->text && *n->text;
  return n->first != NULL;
}

/* ---- joined text with a map back to lines ------------------------------------------- */

typedef struct {
  char *s;
  size_t n;
  size_t *off;   /* start offset of each joined line */
  uint32_t *no;  /* its source line */
  size_t k;
} jtext;

static jtext join(jx_imp *im, size_t from, size_t to, size_t skip_first) {
  jtext j = {0};
  if (to > im->src->n) to = im->src->n;
  size_t total = 0, lines = 0;
  for (size_t i = from; i < to; i++) {
    total += line_at(im, i)->len;
    lines++;
  }
  if (total > JX_IMPORT_MAX_TEXT_BYTES * 8) total = JX_IMPORT_MAX_TEXT_BYTES * 8;
  j.s = jx_arena_take(im->a, total + 1);
  j.off = jx_arena_take(im->a, (lines + 1) * sizeof *j.off);
  j.no = jx_arena_take(im->a, (lines + 1) * sizeof *j.no);
  for (size_t i = from; i < to; i++) {
    const jx_src_line *l = line_at(im, i);
    const char *t = l->text;
    size_t n = l->len;
    if (i == from && skip_first <= n) {
      t += skip_first;
      n -= skip_first;
    }
    if (!n) continue;
    if (j.n + n > total) break;
    j.off[j.k] = j.n;
    j.no[j.k] = l->no;
    j.k++;
    memcpy(j.s + j.n, t, n);
    j.n += n;
  }
  j.s[j.n] = '\0';
  return j;
}

static uint32_t jline(const jtext *j, size_t off) {
  uint32_t no = 0;
  for (size_t i = 0; i < j->k && j->off[i] <= off; i++) no = j->no[i];
  return no;
}

/* The last line of the paragraph that starts at line i (before end): text from a PDF
 * wraps a sentence over lines; a line that does not end a sentence runs on into the
 * next one unless that is blank or a heading. */
static size_t para_last(const jx_imp *im, size_t i, size_t end) {
  size_t j = i;
  while (j + 1 < end && j + 1 < im->src->n) {
    const jx_src_line *l = line_at(im, j), *n = line_at(im, j + 1);
    if (!n->len || jx_heading_marker(n->text, NULL)) break;
    if (jx_ends(l->text, "。") || jx_ends(l->text, "；") || jx_ends(l->text, "！") || jx_ends(l->text, "？")) break;
    j++;
  }
  return j;
}

/* ---- small text tools --------------------------------------------------------------- */

static char *dup(jx_imp *im, const char *s, size_t n) { return jx_trim_dup(im->a, s, n); }

/* s without a trailing "。", "；", ";", "，", ".", "：" (repeatedly). */
static char *strip_end_punct(jx_imp *im, const char *s) {
  size_t n = strlen(s);
  for (;;) {
    if (n >= 3 && (!strncmp(s + n - 3, "。", 3) || !strncmp(s + n - 3, "；", 3) || !strncmp(s + n - 3, "，", 3) ||
                   !strncmp(s + n - 3, "：", 3)))
      n -= 3;
    else if (n >= 1 && (s[n - 1] == ';' || s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ':' || s[n - 1] == ' '))
      n--;
    else
      break;
  }
  return dup(im, s, n);
}

static const char *skip_prefix(const char *s, const char *const *prefixes) {
  for (bool again = true; again;) {
    again = false;
    for (size_t i = 0; prefixes[i]; i++)
      if (jx_starts(s, prefixes[i])) {
        s += strlen(prefixes[i]);
        again = true;
      }
  }
  return s;
}

/* The money at the end of clause c[0..n): a number followed by 万元 or 元 (the last such). */
static bool money_in(jx_imp *im, const char *c, size_t n, char **text, size_t *num_start) {
  const char *best = NULL;
  bool wan = false;
  for (const char *p = c; p < c + n; p += jx_u8_len(p)) {
    if (p + 6 <= c + n && !strncmp(p, "万元", 6)) {
      best = p;
      wan = true;
    } else if (p + 3 <= c + n && !strncmp(p, "元", 3) && !(p >= c + 3 && !strncmp(p - 3, "万", 3))) {
      best = p;
      wan = false;
    }
  }
  if (!best) return false;
  char buf[64];
  size_t st;
  if (!jx_number_before(c, (size_t)(best - c), buf, sizeof buf, &st)) return false;
  *text = wan ? jx_arena_strdup(im->a, buf) : jx_arena_printf(im->a, "%s元", buf);
  *num_start = st;
  return jx_imp_money_ok(*text);
}

/* The first "N" followed by one of the units (名/人) after p; writes the number. */
static const char *count_after(const char *p, const char *end, char *buf, size_t cap) {
  for (; p < end; p += jx_u8_len(p)) {
    size_t used = jx_scan_number(p, buf, cap);
    if (!used) continue;
    const char *q = p + used;
    if (q < end && (jx_starts(q, "名") || jx_starts(q, "人"))) return q + 3;
    p = q - 1;
  }
  return NULL;
}

/* Split s at any of the separators (UTF-8 strings); calls fn for each non-empty piece. */
typedef void (*piece_fn)(jx_imp *im, const char *piece, size_t n, size_t offset, void *ctx);
static void split(jx_imp *im, const char *s, size_t len, const char *const *seps, piece_fn fn, void *ctx) {
  size_t start = 0, i = 0;
  while (i <= len) {
    size_t sep = 0;
    if (i < len)
      for (size_t k = 0; seps[k]; k++)
        if (!strncmp(s + i, seps[k], strlen(seps[k]))) {
          sep = strlen(seps[k]);
          break;
        }
    if (i == len || sep) {
      if (i > start) fn(im, s + start, i - start, start, ctx);
      i += sep ? sep : 1;
      start = i;
    } else {
      i += jx_u8_len(s + i);
    }
  }
}

/* ---- anchors: the parts of the report ------------------------------------------------- */

enum {
  A_BODIES,
  A_FUNCS,
  A_WORK,
  A_TARGET,
  A_FIN,
  A_INCOME,
  A_SPEND,
  A_CARRY,
  A_MGMT,
  A_DEPT_AN,
  A_PROJ_AN,
  A_APP,
  A_CONC_H,
  A_CONC,
  A_PROB,
  A_SUGG,
  A_N
};
static const char *const anchor_words[A_N][4] = {
    [A_BODIES] = {"机构组成", "机构设置", NULL},
    [A_FUNCS] = {"机构职能", "人员概况", "主要职能", NULL},
    [A_WORK] = {"年度主要工作任务", "主要工作任务", "年度工作任务", NULL},
    [A_TARGET] = {"部门整体支出绩效目标", "整体支出绩效目标", "绩效目标表", NULL},
    [A_FIN] = {"资金收支情况", "收支情况", NULL},
    [A_INCOME] = {"收入情况", NULL},
    [A_SPEND] = {"支出情况", NULL},
    [A_CARRY] = {"结转结余", NULL},
    [A_MGMT] = {"绩效管理情况", NULL},
    [A_DEPT_AN] = {"履职绩效分析", "部门整体绩效分析", NULL},
    [A_PROJ_AN] = {"项目绩效分析", NULL},
    [A_APP] = {"结果应用", NULL},
    [A_CONC_H] = {"评价结论及建议", "评价结论和建议", "结论及建议", NULL},
    [A_CONC] = {"评价结论", "自评结论", NULL},
    [A_PROB] = {"存在问题", "存在的问题", NULL},
    [A_SUGG] = {"改进建议", "意见建议", "建议", NULL},
};

typedef struct {
  size_t at[A_N];
  size_t end_text; /* the signer line, or the end */
  const jx_imp *im;
} anchors;

static void find_anchors(jx_imp *im, anchors *an, size_t from) {
  size_t start = from;
  for (int a = 0; a < A_N; a++) {
    an->at[a] = NONE;
    size_t best = NONE;
    for (int k = 0; k < 4 && anchor_words[a][k]; k++) {
      size_t i = jx_imp_find_heading(im, start, im->src->n, anchor_words[a][k]);
      if (i < best) best = i;
    }
    /* "评价结论" is the heading of 评价结论及建议 too: the next one is the part */
    if (a == A_CONC && best != NONE && best == an->at[A_CONC_H]) best = NONE;
    if (best != NONE) {
      an->at[a] = best;
      start = best + 1;
    }
  }
  /* 评价结论 may be the same line as 评价结论及建议 when there is no sub-heading */
  if (an->at[A_CONC] == NONE && an->at[A_CONC_H] != NONE) {
    size_t i = jx_imp_find_heading(im, an->at[A_CONC_H] + 1, im->src->n, "评价结论");
    if (i != NONE) an->at[A_CONC] = i;
  }
}

/* The end of part a: the next anchor found after it, or the end of the text. */
/* The number of a heading marker ("（三）" 3, "十二、" 12, "4." 4), 0 when none. */
static int heading_number(const char *t) {
  static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  const char *p = t;
  if (jx_starts(p, "（")) p += 3;
  else if (*p == '(') p++;
  if (*p >= '0' && *p <= '9') return (int)strtol(p, NULL, 10);
  int n = 0, digit = 0;
  for (;;) {
    int v = 0;
    for (int k = 0; k < 10; k++)
      if (jx_starts(p, cn[k])) v = k + 1;
    if (!v) break;
    p += 3;
    if (v == 10) {
      n += (digit ? digit : 1) * 10;
      digit = 0;
    } else {
      digit = v;
    }
  }
  return n + digit;
}

/* Where part a ends: the next part found, or the next heading of its own level that
 * numbers on from its own ("（二）人员编制情况" ends "（一）机构设置情况", whatever its
 * words; a part with a higher heading inside it ("（三）年度主要工作任务" holding
 * "一、…（一）…") numbers on its own and keeps to the next part found), or the end. */
static size_t part_end(const anchors *an, int a) {
  size_t best = an->end_text;
  for (int b = 0; b < A_N; b++)
    if (an->at[b] != NONE && an->at[b] > an->at[a] && an->at[b] < best) best = an->at[b];
  int own = 0;
  const jx_src_line *h = an->im && an->at[a] < an->im->src->n ? &an->im->src->lines[an->at[a]] : NULL;
  int num = h && jx_heading_marker(h->text, &own) && own > 0 ? heading_number(h->text) : 0;
  if (num)
    for (size_t i = an->at[a] + 1; i < best; i++) {
      const jx_src_line *l = &an->im->src->lines[i];
      int lv = 0;
      if (l->cell || !jx_heading_marker(l->text, &lv) || !lv) continue;
      if (lv < own) break; /* a higher heading inside the part: its numbering restarts under it */
      if (lv == own && heading_number(l->text) == num + 1) return i;
    }
  return best;
}

/* Bytes of the heading line up to and including its title: the marker and the text up
 * to the first "。" or "：" (the rest of the line is content). */
static size_t title_bytes(const char *t) {
  size_t m = jx_heading_marker(t, NULL);
  const char *p = t + m;
  const char *dot = strstr(p, "。"), *colon = strstr(p, "：");
  const char *e = dot && (!colon || dot < colon) ? dot : colon;
  if (!e) return strlen(t);
  return (size_t)(e - t) + 3;
}

/* ---- title, department, year --------------------------------------------------------- */

static bool year_in(const char *s, int *year, const char **at) {
  for (const char *p = s; *p; p += jx_u8_len(p)) {
    char buf[16];
    size_t used = jx_scan_number(p, buf, sizeof buf);
    if (used && strlen(buf) == 4 && jx_starts(p + used, "年")) {
      int y = (buf[0] - '0') * 1000 + (buf[1] - '0') * 100 + (buf[2] - '0') * 10 + (buf[3] - '0');
      if (y >= 1990 && y <= 2100) {
        *year = y;
        if (at) *at = p;
        return true;
      }
    }
    if (used) p += used - 1;
  }
  return false;
}

static void set_year(jx_imp *im, int y, uint32_t line) {
  if (im->year) return;
  im->year = y;
  im->year_line = line;
  jx_imp_set(im, im->root, "year", jx_arena_printf(im->a, "%d", y), line, line);
}

static bool ends_org(const char *s, size_t n);

static void title(jx_imp *im) {
  size_t limit = im->src->n < 120 ? im->src->n : 120;
  for (size_t i = 0; i < limit; i++) {
    const char *t = line_at(im, i)->text;
    if (!strstr(t, "自评报告") && !strstr(t, "评价报告") && !strstr(t, "自评表")) continue;
    if (jx_u8_chars(t) > 60) continue;
    im->recognised = true;
    int y = 0;
    const char *at = NULL;
    bool has_year = year_in(t, &y, &at);
    if (has_year) set_year(im, y, line_at(im, i)->no);
    if (!strstr(t, "项目支出") || strstr(t, "部门整体")) {
      if (!im->shape) im->shape = "部门整体绩效自评报告";
    }
    jx_ynode *dep = jx_y_find(im->root, "department");
    jx_ynode *have = jx_y_find(dep, "name");
    if (have && have->text) return;
    /* the department: text before the year in the title, else the line above */
    if (has_year && at > t) {
      jx_imp_set(im, dep, "name", dup(im, t, (size_t)(at - t)), line_at(im, i)->no, 0);
      return;
    }
    bool named = false;
    for (size_t k = i; k-- > 0;) {
      const jx_src_line *l = line_at(im, k);
      if (!l->len) continue;
      if (jx_starts(l->text, "附件") || jx_u8_chars(l->text) > 40) break;
      jx_imp_set(im, dep, "name", l->text, l->no, 0);
      named = true;
      break;
    }
    /* nothing above the title: the line under it when it names a body ("# 2023年度…报告"
     * then "峨边彝族自治县教育局", as a report written as Markdown or HTML puts it) */
    for (size_t k = i + 1; !named && k < im->src->n && k < i + 3; k++) {
      const jx_src_line *l = line_at(im, k);
      if (!l->len) continue;
      if (!l->cell && jx_u8_chars(l->text) <= 30 && ends_org(l->text, l->len) && !jx_heading_marker(l->text, NULL))
        jx_imp_set(im, dep, "name", l->text, l->no, 0);
      break;
    }
    if (!has_year)
      for (size_t k = i + 1; k < i + 4 && k < im->src->n; k++)
        if (year_in(line_at(im, k)->text, &y, NULL)) {
          set_year(im, y, line_at(im, k)->no);
          break;
        }
    return;
  }
}

/* ---- profile -------------------------------------------------------------------------- */

static const char *const org_suffix[] = {"办公室", "委员会", "中心", "室", "科", "股", "局", "处", "所", "站", "队", "院", "馆", "部", "组", NULL};

static bool ends_org(const char *s, size_t n) {
  for (size_t i = 0; org_suffix[i]; i++) {
    size_t m = strlen(org_suffix[i]);
    if (n >= m && !strncmp(s + n - m, org_suffix[i], m)) return true;
  }
  return false;
}

typedef struct {
  jx_ynode *bodies, *counts;
  uint32_t line;
} bodies_ctx;

/* Split a list at "、", and at "和" where the left part ends as an organisation does. */
static size_t org_list(jx_imp *im, const char *s, size_t n, const char **items, size_t max) {
  size_t k = 0, start = 0;
  for (size_t i = 0; i < n && k < max;) {
    size_t w = 3;
    bool cut = !strncmp(s + i, "、", 3) || !strncmp(s + i, "，", 3) ||
               (!strncmp(s + i, "和", 3) && i > start && ends_org(s + start, i - start));
    if (cut) {
      if (i > start) items[k++] = dup(im, s + start, i - start);
      i += w;
      start = i;
    } else {
      i += jx_u8_len(s + i);
    }
  }
  if (start < n && k < max) items[k++] = dup(im, s + start, n - start);
  return k;
}

static const char *count_key(const char *cat) {
  if (strstr(cat, "专门委员会")) return "专门委员会";
  if (strstr(cat, "事业单位")) return "事业单位";
  if (strstr(cat, "内设机构") || strstr(cat, "科室") || strstr(cat, "股室")) return "内设机构";
  return cat;
}

/* One group of the 机构组成 sentence: "7个专门委员会（A、B…）", "事业单位2个（A和B）",
 * or a name ("办公室"). */
static void body_group(jx_imp *im, const char *g, size_t n, bodies_ctx *bc) {
  const char *open = NULL;
  for (const char *p = g; p < g + n; p += jx_u8_len(p))
    if (jx_starts(p, "（") || *p == '(') {
      open = p;
      break;
    }
  const char *head_end = open ? open : g + n;
  /* the count: "N个" anywhere in the head */
  char num[16] = "";
  const char *cat_s = g, *cat_e = head_end;
  for (const char *p = g; p < head_end; p += jx_u8_len(p)) {
    size_t used = jx_scan_number(p, num, sizeof num);
    if (used && jx_starts(p + used, "个")) {
      if (p == g) cat_s = p + used + 3; /* "7个专门委员会" */
      else cat_e = p;                    /* "事业单位2个" */
      break;
    }
    num[0] = '\0';
  }
  static const char *const cat_pre[] = {"下属", "下设", "直属", "内设", "所属", "设", NULL};
  const char *cs = skip_prefix(dup(im, cat_s, (size_t)(cat_e - cat_s)), cat_pre);
  char *cat = dup(im, cs, strlen(cs));
  if (!open) {
    if (!num[0] && *cat) jx_imp_push(im, bc->bodies, cat, bc->line, 0);
    else if (num[0] && *cat && jx_imp_count_ok(num)) jx_imp_set(im, bc->counts, count_key(cat), num, bc->line, 0);
    return;
  }
  const char *in = open + (*open == '(' ? 1 : 3);
  const char *close = NULL;
  for (const char *p = in; p < g + n; p += jx_u8_len(p))
    if (jx_starts(p, "）") || *p == ')') close = p;
  if (!close) close = g + n;
  /* "信息中心（事业单位）": a name with its kind, as the example file writes it */
  char *inner = dup(im, in, (size_t)(close - in));
  if (!num[0] && jx_ends(inner, "单位") && !strstr(inner, "、") && !strstr(inner, "和")) {
    jx_imp_push(im, bc->bodies, dup(im, g, n), bc->line, 0);
    return;
  }
  const char *items[256];
  size_t k = org_list(im, in, (size_t)(close - in), items, 256);
  /* units (事业单位, 直属单位) are named as such: "信息中心（事业单位）" */
  bool label = strstr(cat, "单位") != NULL;
  for (size_t i = 0; i < k; i++) {
    const char *it = items[i];
    if (!*it) continue;
    if (label && !jx_ends(it, "单位")) it = jx_arena_printf(im->a, "%s（%s）", it, cat);
    jx_imp_push(im, bc->bodies, it, bc->line, 0);
  }
  if (num[0] && *cat && jx_imp_count_ok(num)) {
    jx_imp_set(im, bc->counts, count_key(cat), num, bc->line, 0);
    char *end;
    long want = strtol(num, &end, 10);
    if (want != (long)k)
      jx_imp_diag(im, "JX520", JX_WARNING, bc->line, 0, "机构组成称有 %s 个%s，但括号中列出了 %zu 个", num, cat, k);
  }
}

static void bodies_piece(jx_imp *im, const char *piece, size_t n, size_t off, void *ctx) {
  (void)off;
  /* the part after "设" (设/内设/下设) */
  const char *after = NULL;
  for (const char *p = piece; p < piece + n; p += jx_u8_len(p)) {
    if (jx_starts(p, "（") || *p == '(') break;
    if (jx_starts(p, "设")) after = p + 3;
  }
  const char *s = after ? after : piece;
  size_t len = (size_t)(piece + n - s);
  /* groups at parenthesis depth 0, split at "、"/"，" and at "和" after an organisation */
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= len;) {
    bool end = i == len;
    if (!end) {
      if (jx_starts(s + i, "（") || s[i] == '(') depth++;
      else if (jx_starts(s + i, "）") || s[i] == ')') depth--;
    }
    bool cut = end;
    size_t w = 0;
    if (!end && depth == 0 &&
        (jx_starts(s + i, "、") || (jx_starts(s + i, "和") && i > start && ends_org(s + start, i - start)))) {
      cut = true;
      w = 3;
    }
    if (cut) {
      if (i > start) body_group(im, s + start, i - start, ctx);
      i += end ? 1 : w;
      start = i;
    } else {
      i += jx_u8_len(s + i);
    }
  }
}

static void bodies(jx_imp *im, const anchors *an) {
  size_t a = an->at[A_BODIES];
  if (a == NONE) return;
  size_t tb = title_bytes(line_at(im, a)->text);
  jtext j = join(im, a, part_end(an, A_BODIES), tb);
  if (!j.n) return;
  jx_ynode *prof = jx_y_find(im->root, "profile");
  bodies_ctx bc = {jx_y_child(im->a, prof, "bodies", JX_Y_SEQ), NULL, jline(&j, 0)};
  bc.counts = jx_y_new(im->a, JX_Y_MAP); /* placed under profile after staffing (format order) */
  static const char *const seps[] = {"；", ";", "。", NULL};
  split(im, j.s, j.n, seps, bodies_piece, &bc);
  if (bc.counts->first) {
    jx_ynode *c = jx_y_child(im->a, prof, "counts", JX_Y_MAP);
    for (jx_ynode *x = bc.counts->first; x; x = x->next) jx_y_set_new(im->a, c, x->key, x->text, x->line, x->line_end);
  }
}

/* "…编制25名，其中：行政编制10名，…" → {total, by_kind} */
static bool staff_group(jx_imp *im, const char *clause, size_t n, uint32_t line, const char *after_word, jx_ynode *group) {
  const char *w = NULL;
  for (const char *p = clause; p + strlen(after_word) <= clause + n; p += jx_u8_len(p))
    if (jx_starts(p, after_word)) {
      w = p;
      break;
    }
  if (!w) return false;
  char num[32];
  const char *after = count_after(w, clause + n, num, sizeof num);
  if (!after || !jx_imp_count_ok(num)) return false;
  jx_imp_set(im, group, "total", jx_arena_strdup(im->a, num), line, 0);
  const char *qz = NULL;
  for (const char *p = after; p + 6 <= clause + n; p += jx_u8_len(p))
    if (jx_starts(p, "其中")) {
      qz = p + 6;
      break;
    }
  if (!qz) return true;
  jx_ynode *kinds = jx_y_child(im->a, group, "by_kind", JX_Y_MAP);
  const char *p = qz;
  while (p < clause + n) {
    if (jx_starts(p, "：") || jx_starts(p, "，") || jx_starts(p, "、") || jx_starts(p, "；")) {
      p += 3;
      continue;
    }
    if (*p == ':' || *p == ',' || *p == ' ') {
      p++;
      continue;
    }
    const char *q = count_after(p, clause + n, num, sizeof num);
    if (!q) break;
    /* the kind: text from p to the number */
    const char *numstart = q - 3;
    size_t st;
    char nb[32];
    if (!jx_number_before(p, (size_t)(numstart - p), nb, sizeof nb, &st)) break;
    char *kind = dup(im, p, st);
    if (jx_ends(kind, "编制")) kind[strlen(kind) - 6] = '\0';
    if (jx_ends(kind, "人员")) kind[strlen(kind) - 6] = '\0';
    if (*kind && jx_u8_chars(kind) <= 12 && jx_imp_count_ok(num)) {
      if (!jx_y_set_new(im->a, kinds, kind, jx_arena_strdup(im->a, num), line, 0))
        jx_imp_diag(im, "JX512", JX_WARNING, line, 0, "人员类别“%s”出现两次，只取第一次", kind);
      else
        im->figures++;
    }
    p = q;
  }
  return true;
}

static void functions(jx_imp *im, const anchors *an) {
  size_t a = an->at[A_FUNCS];
  if (a == NONE) return;
  size_t end = part_end(an, A_FUNCS);
  jx_ynode *prof = jx_y_find(im->root, "profile");
  const jx_src_line *h = line_at(im, a);
  size_t tb = title_bytes(h->text);
  if (tb < h->len) {
    char *duties = strip_end_punct(im, h->text + tb);
    if (*duties && jx_u8_chars(duties) <= 200) jx_imp_set(im, prof, "duties", duties, h->no, 0);
  }
  jx_ynode *funcs = jx_y_child(im->a, prof, "functions", JX_Y_SEQ);
  jx_ynode *staffing = jx_y_child(im->a, prof, "staffing", JX_Y_MAP);
  jx_sb cur = {0}; /* the function being read, with its continuation lines */
  for (size_t i = a + 1; i < end; i++) {
    const jx_src_line *l = line_at(im, i);
    if (!l->len) continue;
    bool staff = strstr(l->text, "编制") || strstr(l->text, "在职");
    if (staff) {
      /* sentences: establishment, then in post (a PDF wraps them over lines) */
      size_t last = para_last(im, i, end);
      jtext jt = join(im, i, last + 1, 0);
      i = last;
      const char *t = jt.s;
      size_t tlen = jt.n;
      const char *dot = strstr(t, "。");
      size_t n1 = dot ? (size_t)(dot - t) : tlen;
      const char *est_words[] = {"总编制", "核定编制", "编制数", "编制总数", "编制"};
      for (size_t k = 0; k < 5; k++)
        if (staff_group(im, t, n1, l->no, est_words[k], jx_y_child(im->a, staffing, "establishment", JX_Y_MAP))) break;
      const char *rest = dot ? dot + 3 : t + tlen;
      size_t n2 = strlen(rest);
      if (!n2 || !strstr(rest, "在职")) {
        rest = t;
        n2 = tlen;
      }
      const char *post_words[] = {"在职人员总数", "在职人员", "在职人数", "在职"};
      for (size_t k = 0; k < 4; k++)
        if (staff_group(im, rest, n2, l->no, post_words[k], jx_y_child(im->a, staffing, "in_post", JX_Y_MAP))) break;
      continue;
    }
    int level;
    size_t m = jx_heading_marker(l->text, &level);
    if (m && level == 4) {
      cur = (jx_sb){0};
      jx_sb_add(im->a, &cur, l->text + m);
      if (!jx_imp_push(im, funcs, jx_sb_text(&cur), l->no, 0)) cur = (jx_sb){0};
    } else if (funcs->last && cur.s && !m) { /* a continuation of the previous function */
      jx_sb_add(im->a, &cur, l->text);
      funcs->last->text = cur.s;
      funcs->last->line_end = l->no;
    }
  }
}

/* ---- yearly work -------------------------------------------------------------------- */

static bool shi_item(const char *t) {
  static const char *const cn[] = {"一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", NULL};
  for (size_t i = 0; cn[i]; i++)
    if (jx_starts(t, cn[i])) return true;
  return false;
}

/* "156名县级委员" "157名政协委员" "委员(159人)": the count of committee members. */
static bool members_in(const char *t, char *num, size_t cap) {
  for (const char *p = t; *p; p += jx_u8_len(p)) {
    size_t used = jx_scan_number(p, num, cap);
    if (!used) continue;
    const char *q = p + used;
    if (jx_starts(q, "名")) {
      q += 3;
      if (jx_starts(q, "县级") || jx_starts(q, "政协")) q += 6;
      if (jx_starts(q, "委员") && !jx_starts(q, "委员会")) return true;
    }
    p = q - 1;
  }
  return false;
}

typedef struct {
  jx_ynode *item;
  jx_sb text;
  uint32_t start, end;
} work_item;

static void work_flush(jx_imp *im, work_item *w) {
  if (!w->item) return;
  if (w->text.n) jx_imp_set(im, w->item, "text", w->text.s, w->start, w->end);
  w->item = NULL;
  w->text = (jx_sb){0};
}

static void work_count(jx_imp *im, work_item *w, const char *t, uint32_t no) {
  char num[32];
  if (!w->item || !members_in(t, num, sizeof num) || !jx_imp_count_ok(num)) return;
  jx_ynode *counts = jx_y_child(im->a, w->item, "counts", JX_Y_MAP);
  if (jx_y_set_new(im->a, counts, "政协委员人数", jx_arena_strdup(im->a, num), no, 0)) im->figures++;
}

static void work(jx_imp *im, const anchors *an) {
  size_t a = an->at[A_WORK];
  if (a == NONE) return;
  size_t end = part_end(an, A_WORK);
  jx_ynode *wk = jx_y_find(im->root, "work");
  jx_ynode *items = jx_y_child(im->a, wk, "items", JX_Y_SEQ);
  const char *h1 = NULL;
  jx_sb intro = {0}, summary = {0};
  uint32_t summary_line = 0, summary_end = 0;
  bool has_h2 = false;
  work_item w = {0};
  for (size_t i = a + 1; i < end && jx_y_count(items) < JX_IMPORT_MAX_ITEMS; i++) {
    const jx_src_line *l = line_at(im, i);
    if (!l->len) continue;
    int level;
    size_t m = jx_heading_marker(l->text, &level);
    const char *t = l->text;
    if (m && level == 1) {
      work_flush(im, &w);
      h1 = strip_end_punct(im, t + m);
      has_h2 = false;
      intro = (jx_sb){0};
      continue;
    }
    bool h2 = m && level == 2;
    bool shi = !m && h1 && !has_h2 && shi_item(t);
    bool numbered = m && level >= 3 && !has_h2; /* "1.强化党建引领——坚持党的全面领导。…" */
    if (h2 || shi || numbered) {
      work_flush(im, &w);
      has_h2 |= h2;
      const char *rest = shi ? t + 6 : t + m;
      /* the title ends at the first "。", or before "，一是" */
      const char *dot = strstr(rest, "。");
      const char *yi = NULL;
      for (const char *p = rest; *p && (!dot || p < dot); p += jx_u8_len(p))
        if ((jx_starts(p, "，") || jx_starts(p, "：")) && shi_item(p + 3)) {
          yi = p;
          break;
        }
      const char *te = yi ? yi : dot ? dot : rest + strlen(rest);
      const char *body = yi ? yi + 3 : dot ? dot + 3 : te;
      char *title = dup(im, rest, (size_t)(te - rest));
      if (h1) title = jx_arena_printf(im->a, "%s——%s", h1, title);
      w.item = jx_y_push_map(im->a, items);
      jx_imp_set(im, w.item, "title", title, l->no, 0);
      jx_y_child(im->a, w.item, "text", JX_Y_SCALAR); /* title, text, counts: the format's order */
      w.text = (jx_sb){0};
      jx_sb_add(im->a, &w.text, jx_sb_text(&intro));
      jx_sb_add(im->a, &w.text, body);
      w.start = w.end = l->no;
      intro = (jx_sb){0};
      work_count(im, &w, body, l->no);
      continue;
    }
    if (w.item) {
      jx_sb_add(im->a, &w.text, t);
      w.end = l->no;
      work_count(im, &w, t, l->no);
    } else if (h1) {
      jx_sb_add(im->a, &intro, t);
    } else if (jx_y_count(items) == 0) { /* the opening paragraph, before any heading */
      if (!summary_line) summary_line = l->no;
      summary_end = l->no;
      jx_sb_add(im->a, &summary, t);
    }
  }
  work_flush(im, &w);
  if (summary.n) jx_imp_set(im, wk, "summary", summary.s, summary_line, summary_end);
}

/* ---- finance from sentences ----------------------------------------------------------- */

typedef struct {
  jx_ynode *income, *by_level, *exp, *projects, *fin;
  const jtext *j;
  bool list_mode;
  bool income_part; /* the sentence is about income: 上年结转 is income carried in */
  long projects_stated;
  uint32_t projects_line;
} fin_ctx;

static bool level_source(const char *label) {
  static const char *const lv[] = {"上级", "中央", "省级", "市级", "州级", "县级", "区级", "本级", "乡镇", NULL};
  if (!jx_ends(label, "资金") && !jx_ends(label, "补助")) return false;
  for (size_t i = 0; lv[i]; i++)
    if (strstr(label, lv[i])) return true;
  return false;
}

static void fin_clause(jx_imp *im, const char *c, size_t n, size_t off, void *ctx) {
  fin_ctx *f = ctx;
  uint32_t line = jline(f->j, off);
  char *clause = dup(im, c, n);
  if (strstr(clause, "无结转结余") || strstr(clause, "无结转和结余") || strstr(clause, "无结余结转")) {
    jx_imp_set(im, f->fin, "carry_over", "0", line, 0);
    jx_imp_set(im, f->fin, "balance", "0", line, 0);
    jx_imp_set(im, f->fin, "note", clause, line, 0);
    return;
  }
  if (strstr(clause, "无结转")) jx_imp_set(im, f->fin, "carry_over", "0", line, 0);
  if (strstr(clause, "无结余")) jx_imp_set(im, f->fin, "balance", "0", line, 0);
  char *money = NULL;
  size_t ns = 0;
  bool has_money = money_in(im, clause, strlen(clause), &money, &ns);
  /* "其中项目4个" / "共4个项目" */
  for (const char *p = clause; *p; p += jx_u8_len(p)) {
    char num[16];
    if (jx_starts(p, "项目")) {
      size_t used = jx_scan_number(p + 6, num, sizeof num);
      if (used && jx_starts(p + 6 + used, "个")) {
        f->projects_stated = strtol(num, NULL, 10);
        f->projects_line = line;
        f->list_mode = true;
      }
    } else {
      size_t used = jx_scan_number(p, num, sizeof num);
      if (used && jx_starts(p + used, "个项目")) {
        f->projects_stated = strtol(num, NULL, 10);
        f->projects_line = line;
        f->list_mode = true;
      }
      if (used) p += used - 1;
    }
  }
  if (!has_money) {
    if (jx_ends(clause, "为") || strstr(clause, "具体支出") || strstr(clause, "分别")) f->list_mode = true;
    return;
  }
  static const char *const pre[] = {"其中：", "其中:", "其中", "具体支出为", "分别为", "：", NULL};
  const char *label = skip_prefix(dup(im, clause, ns), pre);
  if (!*label) return;
  bool kw = strstr(label, "支出") || strstr(label, "收入") || strstr(label, "结转") || strstr(label, "结余") || level_source(label);
  if (f->list_mode && !kw) {
    jx_ynode *p = jx_y_push_map(im->a, f->projects);
    jx_imp_set(im, p, "name", label, line, 0);
    jx_imp_set(im, p, "executed", money, line, 0);
    return;
  }
  if (f->income_part && !strstr(label, "收入") && !strstr(label, "支出") && !level_source(label)) {
    if (strstr(label, "上年结转")) jx_imp_set(im, f->income, "carried_in", money, line, 0);
    else if (strstr(label, "其他")) jx_imp_set(im, f->income, "other", money, line, 0);
    else if (strstr(label, "财政拨款")) jx_imp_set(im, f->income, "fiscal", money, line, 0);
    return;
  }
  if (strstr(label, "收入")) {
    if (strstr(label, "其他")) jx_imp_set(im, f->income, "other", money, line, 0);
    else if (strstr(label, "上年结转")) jx_imp_set(im, f->income, "carried_in", money, line, 0);
    else {
      if (!has(f->income, "total")) jx_imp_set(im, f->income, "total", money, line, 0);
      if (strstr(label, "财政拨款") || strstr(label, "财政")) jx_imp_set(im, f->income, "fiscal", money, line, 0);
    }
  } else if (level_source(label)) {
    if (jx_y_set_new(im->a, f->by_level, label, money, line, 0)) im->figures++;
  } else if (strstr(label, "基本支出")) {
    jx_imp_set(im, f->exp, "basic", money, line, 0);
  } else if (strstr(label, "项目支出")) {
    jx_imp_set(im, f->exp, "project", money, line, 0);
  } else if (strstr(label, "支出")) {
    if (!has(f->exp, "total")) jx_imp_set(im, f->exp, "total", money, line, 0);
  } else if (strstr(label, "结转")) {
    jx_imp_set(im, f->fin, "carry_over", money, line, 0);
  } else if (strstr(label, "结余")) {
    jx_imp_set(im, f->fin, "balance", money, line, 0);
  }
}

static void finance(jx_imp *im, const anchors *an) {
  size_t a = an->at[A_FIN];
  if (a == NONE) a = an->at[A_INCOME];
  if (a == NONE) return;
  size_t end = an->end_text; /* finance runs to the next part that is not finance */
  for (int b = A_MGMT; b < A_N; b++)
    if (an->at[b] != NONE && an->at[b] > a && an->at[b] < end) end = an->at[b];
  jx_ynode *fin = jx_y_find(im->root, "finance");
  fin_ctx f = {.fin = fin};
  f.income = jx_y_child(im->a, fin, "income", JX_Y_MAP);
  f.exp = jx_y_child(im->a, fin, "expenditure", JX_Y_MAP);
  f.projects = jx_y_child(im->a, fin, "projects", JX_Y_SEQ);
  jx_y_child(im->a, fin, "carry_over", JX_Y_SCALAR);
  jx_y_child(im->a, fin, "balance", JX_Y_SCALAR);
  jx_y_child(im->a, fin, "note", JX_Y_SCALAR);
  static const char *const seps[] = {"，", "；", "。", "：", "、", ",", ";", ":", NULL};
  for (size_t i = a + 1; i < end; i++) {
    const jx_src_line *l = line_at(im, i);
    if (!l->len) continue;
    f.by_level = jx_y_child(im->a, f.income, "by_level", JX_Y_MAP);
    /* a paragraph; a heading's title carries no figure, text after it on its line does */
    size_t last = para_last(im, i, end);
    jtext j = join(im, i, last + 1, jx_heading_marker(l->text, NULL) ? title_bytes(l->text) : 0);
    i = last;
    f.j = &j;
    f.list_mode = false;
    f.income_part = strstr(j.s, "收入") && !strstr(j.s, "支出");
    split(im, j.s, j.n, seps, fin_clause, &f);
  }
  size_t listed = jx_y_count(f.projects);
  if (f.projects_stated > 0 && (size_t)f.projects_stated != listed && listed)
    jx_imp_diag(im, "JX520", JX_WARNING, f.projects_line, 0, "原文称项目 %ld 个，但列出了 %zu 个项目的支出", f.projects_stated, listed);
}

/* ---- analysis and application -------------------------------------------------------- */

static const struct {
  const char *word, *key, *metric;
} analysis_keys[] = {
    {"目标制定", "goal_setting", NULL},
    {"目标实现", "goal_attainment", "attainment"},
    {"支出控制", "spending_control", "budget_deviation"},
    {"及时处置", "timely_handling", NULL},
    {"执行进度", "execution_progress", "execution_rate"},
    {"预算完成", "budget_completion", NULL},
    {"结余", "balance_rate", "balance_rate"},
    {"违规", "violations", NULL},
};
static const struct {
  const char *word, *key;
} app_keys[] = {{"公开", "publication"}, {"反馈", "feedback"}, {"整改", "rectification"}, {"内部", "internal"}};

/* A checkable claim in an analysis text: "实现目标的98%" "控制在9%以内" "达到了85%以上" "无结余". */
static bool claim_of(jx_imp *im, const char *metric, const char *text, const char **nature, char **value) {
  if (!strcmp(metric, "balance_rate") && (strstr(text, "无结余") || strstr(text, "没有结余"))) {
    *nature = "=";
    *value = "0%";
    return true;
  }
  for (const char *p = text; *p; p += jx_u8_len(p)) {
    char num[32];
    size_t used = jx_scan_number(p, num, sizeof num);
    if (!used) continue;
    const char *q = p + used;
    size_t pct = *q == '%' ? 1 : jx_starts(q, "％") ? 3 : 0;
    if (!pct) {
      p = q - 1;
      continue;
    }
    q += pct;
    const char *before = p;
    bool ge = jx_starts(q, "以上") || jx_starts(q, "及以上");
    bool le = jx_starts(q, "以内") || jx_starts(q, "以下") || jx_starts(q, "及以下");
    (void)before;
    size_t back = (size_t)(p - text);
    if (!ge && !le && back >= 9) {
      if (!strncmp(p - 9, "不低于", 9) || !strncmp(p - 9, "不少于", 9)) ge = true;
      if (!strncmp(p - 9, "不超过", 9) || !strncmp(p - 9, "不高于", 9)) le = true;
    }
    *nature = ge ? "≥" : le ? "≤" : "=";
    *value = jx_arena_printf(im->a, "%s%%", num);
    return jx_imp_num_ok(*value);
  }
  return false;
}

static void analysis_item(jx_imp *im, jx_ynode *m, const char *key, const char *metric, const char *text, uint32_t line,
                          uint32_t line_end) {
  const char *nature;
  char *value;
  if (metric && claim_of(im, metric, text, &nature, &value)) {
    jx_ynode *it = jx_y_child(im->a, m, key, JX_Y_MAP);
    jx_imp_set(im, it, "text", text, line, line_end);
    jx_imp_set(im, it, "metric", metric, line, line_end);
    jx_imp_set(im, it, "nature", nature, line, line_end);
    jx_imp_set(im, it, "value", value, line, line_end);
  } else {
    jx_imp_set(im, m, key, text, line, line_end);
  }
}

/* Items "（1）目标制定。text" over lines [from, to); application when app. */
static void items_section(jx_imp *im, size_t from, size_t to, jx_ynode *m, bool app) {
  const char *key = NULL, *metric = NULL;
  jx_sb text = {0};
  uint32_t line = 0, line_end = 0;
  for (size_t i = from; i <= to; i++) {
    const jx_src_line *l = i < to ? line_at(im, i) : NULL;
    if (l && !l->len) continue;
    int level = 0;
    size_t mk = l ? jx_heading_marker(l->text, &level) : 0;
    bool start = l && mk && level == 3;
    if (!l || start) {
      if (key && text.n) {
        if (app) jx_imp_set(im, m, key, text.s, line, line_end);
        else analysis_item(im, m, key, metric, text.s, line, line_end);
      }
      key = NULL;
      text = (jx_sb){0};
      if (!l) break;
      const char *rest = l->text + mk;
      const char *dot = strstr(rest, "。");
      const char *colon = strstr(rest, "：");
      const char *e = dot && (!colon || dot < colon) ? dot : colon;
      size_t tlen = e ? (size_t)(e - rest) : strlen(rest);
      char *title = dup(im, rest, tlen);
      if (app) {
        for (size_t k = 0; k < sizeof app_keys / sizeof app_keys[0]; k++)
          if (strstr(title, app_keys[k].word)) {
            key = app_keys[k].key;
            break;
          }
      } else {
        for (size_t k = 0; k < sizeof analysis_keys / sizeof analysis_keys[0]; k++)
          if (strstr(title, analysis_keys[k].word)) {
            key = analysis_keys[k].key;
            metric = analysis_keys[k].metric;
            break;
          }
      }
      if (key && has(m, key)) key = NULL; /* the first of two alike */
      if (e) jx_sb_add(im->a, &text, dup(im, e + 3, strlen(e + 3)));
      line = line_end = l->no;
      continue;
    }
    if (key) {
      jx_sb_add(im->a, &text, l->text);
      line_end = l->no;
    }
  }
}

static void analysis(jx_imp *im, const anchors *an) {
  jx_ynode *ana = jx_y_find(im->root, "analysis");
  if (an->at[A_DEPT_AN] != NONE)
    items_section(im, an->at[A_DEPT_AN] + 1, part_end(an, A_DEPT_AN), jx_y_child(im->a, ana, "department", JX_Y_MAP), false);
  if (an->at[A_PROJ_AN] != NONE)
    items_section(im, an->at[A_PROJ_AN] + 1, part_end(an, A_PROJ_AN), jx_y_child(im->a, ana, "projects", JX_Y_MAP), false);
  if (an->at[A_APP] != NONE) items_section(im, an->at[A_APP] + 1, part_end(an, A_APP), jx_y_find(im->root, "application"), true);
}

/* ---- conclusion, problems, suggestions, signer ---------------------------------------- */

static void conclusion(jx_imp *im, const anchors *an) {
  size_t a = an->at[A_CONC] != NONE ? an->at[A_CONC] : an->at[A_CONC_H];
  if (a == NONE) return;
  jtext j = join(im, a, part_end(an, an->at[A_CONC] != NONE ? A_CONC : A_CONC_H), title_bytes(line_at(im, a)->text));
  if (!j.n) return;
  /* a project's score is the project's (project.assessment), a department's the root's */
  jx_ynode *as = im->kind == JX_KIND_PROJECT ? jx_y_child(im->a, jx_y_find(im->root, "project"), "assessment", JX_Y_MAP)
                                            : jx_y_find(im->root, "assessment");
  /* the score: "得分：98分" / "得分为98分" / "自评得分98分" */
  const char *sc = NULL;
  for (const char *p = strstr(j.s, "得分"); p; p = strstr(p + 6, "得分")) {
    const char *q = p + 6;
    if (jx_starts(q, "：") || jx_starts(q, "为")) q += 3;
    else if (*q == ':') q++;
    char num[32];
    size_t used = jx_scan_number(q, num, sizeof num);
    if (used && jx_starts(q + used, "分") && jx_imp_num_ok(num)) {
      uint32_t line = jline(&j, (size_t)(p - j.s));
      jx_imp_set(im, as, "total", jx_arena_strdup(im->a, num), line, 0);
      sc = q + used + 3;
      break;
    }
  }
  /* grade: "等级为优" "评价等级：良" "等级为“优”" */
  const char *g = strstr(j.s, "等级");
  if (g) {
    const char *q = g + 6;
    static const char *const pre[] = {"为", "：", ":", "是", "评定为", "“", "\"", NULL};
    q = skip_prefix(q, pre);
    static const char *const grades[] = {"优", "良", "中", "差", NULL};
    for (size_t k = 0; grades[k]; k++)
      if (jx_starts(q, grades[k])) {
        jx_imp_set(im, as, "grade", grades[k], jline(&j, (size_t)(g - j.s)), 0);
        break;
      }
  }
  /* blocks after "其中", up to the end of the sentence: "目标管理38分、动态调整20分…" */
  if (sc) {
    const char *qz = strstr(sc, "其中");
    const char *stop = qz ? strstr(qz, "。") : NULL;
    if (qz) {
      const char *p = qz + 6;
      const char *end = stop ? stop : j.s + j.n;
      jx_ynode *blocks = jx_y_child(im->a, as, "blocks", JX_Y_SEQ);
      while (p < end) {
        static const char *const pre[] = {"：", ":", "、", "，", ",", "；", " ", NULL};
        p = skip_prefix(p, pre);
        /* the next "N分" */
        const char *q = p;
        char num[32];
        size_t used = 0;
        while (q < end && !((used = jx_scan_number(q, num, sizeof num)) && jx_starts(q + used, "分"))) {
          if (used) q += used;
          else q += jx_u8_len(q);
          used = 0;
        }
        if (q >= end) break;
        char *name = dup(im, p, (size_t)(q - p));
        if (*name && jx_u8_chars(name) <= 20 && jx_imp_num_ok(num)) {
          jx_ynode *b = jx_y_push_map(im->a, blocks);
          uint32_t line = jline(&j, (size_t)(p - j.s));
          jx_imp_set(im, b, "name", name, line, 0);
          jx_imp_set(im, b, "score", jx_arena_strdup(im->a, num), line, 0);
        }
        p = q + used + 3;
      }
    }
  }
  jx_imp_set(im, jx_y_find(im->root, "assessment"), "conclusion", j.s, j.no[0], j.no[j.k - 1]); /* the file's, for a project too */
}

static void list_section(jx_imp *im, size_t from, size_t to, jx_ynode *list) {
  uint32_t line = 0;
  jx_sb cur = {0};
  for (size_t i = from; i < to && jx_y_count(list) < JX_IMPORT_MAX_ITEMS; i++) {
    const jx_src_line *l = line_at(im, i);
    if (!l->len) continue;
    int level;
    size_t m = jx_heading_marker(l->text, &level);
    if (m && (level == 4 || level == 3)) {
      cur = (jx_sb){0};
      jx_sb_add(im->a, &cur, l->text + m);
      jx_imp_push(im, list, strip_end_punct(im, cur.s), l->no, 0);
      line = l->no;
    } else if (list->last && line && cur.s) {
      size_t before = cur.n;
      jx_sb_add(im->a, &cur, l->text);
      if (cur.n != before) list->last->text = strip_end_punct(im, cur.s);
      list->last->line_end = l->no;
    } else if (!m) {
      cur = (jx_sb){0};
      jx_sb_add(im->a, &cur, l->text);
      jx_imp_push(im, list, strip_end_punct(im, cur.s), l->no, 0);
      line = l->no;
    }
  }
}

/* The signer and the date at the end: "政协…办公室" / "2024年6月20日". */
static size_t signer(jx_imp *im) {
  size_t seen = 0;
  for (size_t i = im->src->n; i-- > 0 && seen < 10;) {
    const jx_src_line *l = line_at(im, i);
    if (!l->len) continue;
    seen++;
    const char *t = l->text;
    char y[16], mo[16], d[16];
    size_t u1 = jx_scan_number(t, y, sizeof y);
    if (!u1 || strlen(y) != 4 || !jx_starts(t + u1, "年")) continue;
    const char *p = t + u1 + 3;
    size_t u2 = jx_scan_number(p, mo, sizeof mo);
    if (!u2 || !jx_starts(p + u2, "月")) continue;
    p += u2 + 3;
    size_t u3 = jx_scan_number(p, d, sizeof d);
    if (!u3 || !jx_starts(p + u3, "日")) continue;
    p += u3 + 3;
    while (*p == ' ') p++;
    if (*p) continue;
    int yy = (int)strtol(y, NULL, 10), mm = (int)strtol(mo, NULL, 10), dd = (int)strtol(d, NULL, 10);
    if (yy < 1990 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31) continue;
    jx_imp_set(im, im->root, "date", jx_arena_printf(im->a, "%04d-%02d-%02d", yy, mm, dd), l->no, 0);
    for (size_t k = i; k-- > 0;) {
      const jx_src_line *s = line_at(im, k);
      if (!s->len) continue;
      if (jx_u8_chars(s->text) <= 40 && !jx_heading_marker(s->text, NULL) && !jx_ends(s->text, "。") && !jx_ends(s->text, "；")) {
        jx_imp_set(im, im->root, "signer", s->text, s->no, 0);
        return k;
      }
      return i;
    }
    return i;
  }
  return im->src->n;
}

/* ---- the whole narrative -------------------------------------------------------------- */

void jx_imp_narrative(jx_imp *im) {
  title(im);
  anchors an = {.im = im};
  an.end_text = signer(im);
  find_anchors(im, &an, 0);
  for (int a = 0; a < A_N; a++)
    if (an.at[a] != NONE) im->recognised = true;
  bodies(im, &an);
  functions(im, &an);
  work(im, &an);
  if (an.at[A_TARGET] != NONE) {
    size_t end = an.at[A_FIN] != NONE ? an.at[A_FIN] : part_end(&an, A_TARGET);
    if (jx_imp_target_table(im, an.at[A_TARGET] + 1, end)) im->recognised = true;
  }
  finance(im, &an);
  analysis(im, &an);
  conclusion(im, &an);
  if (an.at[A_PROB] != NONE) list_section(im, an.at[A_PROB] + 1, part_end(&an, A_PROB), jx_y_find(im->root, "problems"));
  if (an.at[A_SUGG] != NONE) list_section(im, an.at[A_SUGG] + 1, part_end(&an, A_SUGG), jx_y_find(im->root, "suggestions"));
  jx_imp_indicators_finish(im, jx_y_find(im->root, "indicators"));
}
