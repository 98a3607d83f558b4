/* target_text.c — the one reader of 指标值 as written ("≥50个", "不超过28万元", "90%-95%", "不适用") and its rules. */
#include <stdio.h>
#include <string.h>

#include "jixiao.h"
#include "parse/bind.h"
#include "util/diag.h"
#include "util/text.h"

/* The longest folded text read; a longer one is prose, never a target. */
#define READ_MAX 512

typedef struct {
  const char *w;
  jx_nature n;
} op_word;

/* Operators written before the number (after folding: ＞＝ is ">=", ≥ stays ≥).  The
 * longest one that ends the text before the number wins, so 不低于 is not read as 低于. */
static const op_word prefix_ops[] = {
    {">=", JX_NATURE_GE},     {"=>", JX_NATURE_GE},     {"≥", JX_NATURE_GE},      {"≧", JX_NATURE_GE},
    {"⩾", JX_NATURE_GE},      {"》", JX_NATURE_GE},     {"大于等于", JX_NATURE_GE}, {"大于或等于", JX_NATURE_GE},
    {"不低于", JX_NATURE_GE}, {"不少于", JX_NATURE_GE}, {"不小于", JX_NATURE_GE}, {"至少", JX_NATURE_GE},
    {"达到", JX_NATURE_GE},   {"达", JX_NATURE_GE},     {"<=", JX_NATURE_LE},     {"=<", JX_NATURE_LE},
    {"≤", JX_NATURE_LE},      {"≦", JX_NATURE_LE},      {"⩽", JX_NATURE_LE},      {"小于等于", JX_NATURE_LE},
    {"小于或等于", JX_NATURE_LE}, {"不超过", JX_NATURE_LE}, {"不高于", JX_NATURE_LE}, {"不多于", JX_NATURE_LE},
    {"不大于", JX_NATURE_LE}, {"最多", JX_NATURE_LE},   {"控制在", JX_NATURE_LE}, {">", JX_NATURE_GT},
    {"大于", JX_NATURE_GT},   {"高于", JX_NATURE_GT},   {"超过", JX_NATURE_GT},   {"<", JX_NATURE_LT},
    {"小于", JX_NATURE_LT},   {"低于", JX_NATURE_LT},   {"少于", JX_NATURE_LT},   {"==", JX_NATURE_EQ},
    {"=", JX_NATURE_EQ},      {"等于", JX_NATURE_EQ},     {"不超", JX_NATURE_LE},
};

/* "约500人", "巡查约65个": an approximate number, read with no operator. */
#define ABOUT "约"

/* Words after the number and its unit ("95%以上", "2个工作日内"), stripped from the end. */
static const op_word suffix_ops[] = {
    {"及以上", JX_NATURE_GE}, {"以上", JX_NATURE_GE}, {"及以下", JX_NATURE_LE}, {"以下", JX_NATURE_LE},
    {"以内", JX_NATURE_LE},   {"之内", JX_NATURE_LE}, {"内", JX_NATURE_LE},
};

/* Range separators between two numbers ("90%-95%", "3~5", "3至5", "3—5"). */
static const char *const range_seps[] = {"-", "~", "至", "——", "—", "–", "到", "〜"};

/* Blank markers, compared after folding and trimming (－ is "-", ／ is "/"). */
static const char *const blank_marks[] = {"", "-", "--", "—", "——", "―", "/", "未填", "未填写"};

/* Units of money and of time (a leading 个 is dropped before comparing: 个月, 个工作日). */
static const char *const money_units[] = {"元", "万元", "亿元", "千元", "百万元", "万"};
static const char *const time_units[] = {"天", "日", "工作日", "小时", "月", "周", "年", "分钟", "秒", "星期", "季度", "自然日"};

/* Text that never belongs to a unit: "2023年完成" is prose, not 2023 of a unit. */
static const char *const not_unit[] = {"的", "前", "底", "完成", "达", "和", "或", "并", "为", "在", "后", "，", "。",
                                       "；", "：", "、", ",", ";", ":", " ", "(", ")", "\"", "“", "”"};

static bool ends_with(const char *s, size_t n, const char *w, size_t *wl) {
  size_t l = strlen(w);
  if (l > n || memcmp(s + n - l, w, l) != 0) return false;
  *wl = l;
  return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The longest operator in table t that ends s[0..n); its length in *len. */
static jx_nature op_at_end(const op_word *t, size_t nt, const char *s, size_t n, size_t *len) {
  jx_nature best = JX_NATURE_NONE;
  size_t best_len = 0, l;
  for (size_t i = 0; i < nt; i++)
    if (ends_with(s, n, t[i].w, &l) && l > best_len) best = t[i].n, best_len = l;
  *len = best_len;
  return best;
}

/* The longest prefix operator that starts s (for "不低于上年": an operator, no number). */
static jx_nature op_at_start(const char *s) {
  jx_nature best = JX_NATURE_NONE;
  size_t best_len = 0;
  for (size_t i = 0; i < sizeof prefix_ops / sizeof prefix_ops[0]; i++) {
    size_t l = strlen(prefix_ops[i].w);
    if (l > best_len && strncmp(s, prefix_ops[i].w, l) == 0) best = prefix_ops[i].n, best_len = l;
  }
  return best;
}

static size_t trim_end(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return n;
}

/* Fold and trim written into buf; false when it does not fit or is not UTF-8. */
static bool fold(const char *written, char *buf, size_t cap) {
  if (!written) written = "";
  if (!jx_text_fold_buf(written, buf, cap)) return false;
  size_t i = strspn(buf, " \t"), n = strlen(buf);
  n = trim_end(buf, n);
  if (i) memmove(buf, buf + i, n - i);
  buf[n > i ? n - i : 0] = '\0';
  return true;
}

bool jx_target_blank(const char *written) {
  char buf[64];
  if (!fold(written, buf, sizeof buf)) return false;
  for (size_t i = 0; i < sizeof blank_marks / sizeof blank_marks[0]; i++)
    if (strcmp(buf, blank_marks[i]) == 0) return true;
  return false;
}

static const char *skip_ge(const char *u) { return strncmp(u, "个", 3) == 0 ? u + 3 : u; }

bool jx_target_unit_same(const char *a, const char *b) {
  char fa[JX_TARGET_UNIT_MAX * 2], fb[JX_TARGET_UNIT_MAX * 2];
  if (!fold(a, fa, sizeof fa) || !fold(b, fb, sizeof fb)) return a && b && strcmp(a, b) == 0;
  return strcmp(skip_ge(fa), skip_ge(fb)) == 0;
}

static bool in_list(const char *s, const char *const *l, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(s, l[i]) == 0) return true;
  return false;
}

static bool is_money_unit(const char *u) {
  char base[JX_TARGET_UNIT_MAX];
  size_t n = strcspn(u, "/");
  if (n >= sizeof base) return false;
  memcpy(base, u, n);
  base[n] = '\0';
  return in_list(base, money_units, sizeof money_units / sizeof money_units[0]);
}

static bool is_time_unit(const char *u) {
  return in_list(skip_ge(u), time_units, sizeof time_units / sizeof time_units[0]);
}

/* One number at s: digits with "," and one "."; its bytes, or 0.  Into v, exactly. */
static size_t read_number(const char *s, int64_t *v) {
  size_t k = 0;
  if (!is_digit(s[0])) return 0;
  while (is_digit(s[k]) || (s[k] == ',' && is_digit(s[k + 1])) || (s[k] == '.' && is_digit(s[k + 1]))) k++;
  char num[64];
  if (k >= sizeof num) return 0;
  memcpy(num, s, k);
  num[k] = '\0';
  const char *why;
  return jx_parse_num(num, v, NULL, &why) ? k : 0;
}

static size_t read_percent(const char *s, bool *pct) {
  size_t k = strspn(s, " ");
  if (s[k] == '%') {
    *pct = true;
    return k + 1;
  }
  return 0;
}

/* Two natures in one text agree when they point the same way ("达90%以上", "控制在5%以内"). */
static int direction(jx_nature n) {
  return n == JX_NATURE_GE || n == JX_NATURE_GT ? 1 : n == JX_NATURE_LE || n == JX_NATURE_LT ? -1 : 0;
}

bool jx_target_read(const char *written, jx_target_reading *out) {
  memset(out, 0, sizeof *out);
  char s[READ_MAX];
  if (!fold(written, s, sizeof s)) return false;
  if (jx_target_blank(s)) {
    out->blank = true;
    return false;
  }
  /* the head: everything before the first digit, ending with the operator */
  size_t d = 0;
  while (s[d] && !is_digit(s[d])) d++;
  if (!s[d]) { /* no number: qualitative ("不适用", "效果明显", "不低于上年") */
    out->nature = op_at_start(s);
    return false;
  }
  out->has_digit = true;
  bool neg = false;
  size_t hn = trim_end(s, d);
  if (hn && s[hn - 1] == '-' && (hn == 1 || s[hn - 2] == ' ' || (unsigned char)s[hn - 2] >= 0x80 || strchr("<>=", s[hn - 2]))) {
    neg = true;
    hn = trim_end(s, hn - 1);
  }
  size_t opl = 0;
  jx_nature pre = op_at_end(prefix_ops, sizeof prefix_ops / sizeof prefix_ops[0], s, hn, &opl);
  if (pre == JX_NATURE_NONE && ends_with(s, hn, ABOUT, &opl)) pre = JX_NATURE_NONE; /* opl counts 约 */
  out->nature = pre;
  if (hn > opl) { /* a label before the operator ("总成本不超过"); without an operator it is prose */
    if (!opl) return false;
    for (size_t i = 0; i < hn - opl; i++)
      if (strchr(",;:()%", s[i])) return false;
  }
  /* the number, a %, a range */
  const char *p = s + d;
  size_t k = read_number(p, &out->num);
  if (!k) return false;
  if (neg) out->num = -out->num;
  p += k;
  p += read_percent(p, &out->percent);
  const char *q = p + strspn(p, " ");
  for (size_t i = 0; i < sizeof range_seps / sizeof range_seps[0]; i++) {
    size_t l = strlen(range_seps[i]);
    if (strncmp(q, range_seps[i], l) != 0) continue;
    const char *r = q + l;
    r += strspn(r, " ");
    size_t k2 = read_number(r, &out->num_hi);
    if (!k2) break;
    out->has_hi = true;
    p = r + k2;
    p += read_percent(p, &out->percent);
    break;
  }
  /* the tail: a unit, then words such as 以上 / 以内 / (含) */
  p += strspn(p, " ");
  size_t n = strlen(p);
  jx_nature post = JX_NATURE_NONE;
  for (bool again = true; again && n;) {
    again = false;
    size_t l;
    n = trim_end(p, n);
    if (ends_with(p, n, "(含)", &l)) {
      n -= l;
      again = true;
      continue;
    }
    jx_nature sn = op_at_end(suffix_ops, sizeof suffix_ops / sizeof suffix_ops[0], p, n, &l);
    if (sn != JX_NATURE_NONE && post == JX_NATURE_NONE) {
      post = sn;
      n -= l;
      again = true;
    }
  }
  n = trim_end(p, n);
  if (post != JX_NATURE_NONE) {
    if (pre == JX_NATURE_NONE) out->nature = post;
    else if (direction(pre) != direction(post)) return false; /* "不低于90%以下": contradicts itself */
  }
  if (n >= sizeof out->unit) return false;
  memcpy(out->unit, p, n);
  out->unit[n] = '\0';
  if (n) {
    if (out->percent) return false; /* "90%的学生": prose */
    for (size_t i = 0; i < n; i++)
      if (is_digit(out->unit[i])) return false;
    for (size_t i = 0; i < sizeof not_unit / sizeof not_unit[0]; i++)
      if (strstr(out->unit, not_unit[i])) return false;
    if (jx_u8_chars(out->unit) > 8) return false;
    out->money = is_money_unit(out->unit);
    if (strcmp(out->unit, "万") == 0) strcpy(out->unit, "万元"); /* "不超过15万": a bare 万 is 万元 */
    out->time_limit = is_time_unit(out->unit);
  }
  if (out->has_hi && out->num_hi < out->num) return false;
  out->readable = true;
  return true;
}

static bool quantitative(jx_nature n) { return n != JX_NATURE_NONE && n != JX_NATURE_QUAL; }

/* The direction a 定量 indicator takes when its target names none: ≤ for a time limit or
 * a cost (时效指标, 成本指标), else ≥.  *why gets the reason for the note. */
static jx_nature quant_default(const jx_indicator *ind, const char **why) {
  jx_target_reading r;
  const jx_value *t = &ind->target;
  const char *w = t->written ? t->written : t->text;
  char one[128]; /* the declared unit after a number, read as a target would be */
  bool time_unit = (t->kind == JX_VAL_NUMBER && w && jx_target_read(w, &r) && r.time_limit) ||
                   (ind->unit && snprintf(one, sizeof one, "1%s", ind->unit) < (int)sizeof one &&
                    jx_target_read(one, &r) && r.time_limit);
  if (time_unit) return *why = "度量单位是时限", JX_NATURE_LE;
  if (ind->level2 && strstr(ind->level2, "时效")) return *why = "二级指标是时效指标", JX_NATURE_LE;
  if ((ind->level2 && strstr(ind->level2, "成本")) || (ind->level1 && strstr(ind->level1, "成本")))
    return *why = "属于成本指标", JX_NATURE_LE;
  return *why = "未写方向时按不低于目标计", JX_NATURE_GE;
}

/* ---- the rules of 指标值 and 指标性质 together (parse/bind.h), for the YAML loader and the sheets */

void jx_target_settle(jx_arena *a, jx_diags *d, jx_indicator *ind) {
  jx_value *t = &ind->target;
  const char *what = ind->name ? ind->name : "";
  if (t->kind == JX_VAL_TEXT) {
    jx_target_reading r;
    if (jx_target_read(t->text, &r)) {
      if (r.nature != JX_NATURE_NONE) {
        if (ind->nature == JX_NATURE_NONE || ind->nature == JX_NATURE_QUANT) ind->nature = r.nature;
        else if (ind->nature != r.nature) {
          jx_diag_add(d, "JX114", JX_ERROR, t->pos, "指标值“%s”中的性质“%s”与指标性质“%s”不一致", t->text,
                      jx_nature_symbol(r.nature), jx_nature_symbol(ind->nature));
          return;
        }
      }
      t->kind = JX_VAL_NUMBER;
      t->written = t->text;
      t->num = r.num;
      t->percent = r.percent;
      t->has_hi = r.has_hi;
      t->num_hi = r.num_hi;
      if (*r.unit) t->unit_read = jx_arena_strdup(a, r.unit);
    } else if (quantitative(ind->nature)) {
      jx_diag_add(d, "JX116", JX_WARNING, t->pos,
                  "指标“%s”的性质是“%s”，但指标值“%s”读不出数值，按定性指标处理", what, jx_nature_symbol(ind->nature),
                  t->text);
      ind->nature = JX_NATURE_QUAL;
    } else if (ind->nature == JX_NATURE_NONE) {
      ind->nature = JX_NATURE_QUAL; /* "效果明显" with no nature: a qualitative target */
    }
  }
  if (ind->nature == JX_NATURE_QUANT && (t->kind == JX_VAL_NUMBER || t->kind == JX_VAL_REF)) {
    const char *why;
    ind->nature = quant_default(ind, &why);
    jx_diag_add(d, "JX117", JX_NOTE, t->pos, "指标“%s”的性质是“定量”，指标值“%s”没有写方向，按“%s”计（%s）", what,
                t->written ? t->written : t->text ? t->text : "", jx_nature_symbol(ind->nature), why);
  }
  if (t->unit_read) {
    if (!ind->unit) ind->unit = t->unit_read;
    else if (!jx_target_unit_same(ind->unit, t->unit_read))
      jx_diag_add(d, "JX118", JX_WARNING, t->pos, "指标“%s”的指标值“%s”中的单位“%s”与度量单位“%s”不一致", what,
                  t->written ? t->written : t->text, t->unit_read, ind->unit);
  }
}
