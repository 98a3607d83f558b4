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

/* The longest prefix operator that starts s (for "不低于上年": an operator, no number); its
 * length in *len. */
static jx_nature op_at_start(const char *s, size_t *len) {
  jx_nature best = JX_NATURE_NONE;
  size_t best_len = 0;
  for (size_t i = 0; i < sizeof prefix_ops / sizeof prefix_ops[0]; i++) {
    size_t l = strlen(prefix_ops[i].w);
    if (l > best_len && strncmp(s, prefix_ops[i].w, l) == 0) best = prefix_ops[i].n, best_len = l;
  }
  *len = best_len;
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

/* Why a text was not read (jx_target_reading.why): static strings. */
#define WHY_FORM "不是有效的文字，或太长（超过 512 字节），不像指标值"
#define WHY_LINES "一格中写了几行不同的内容"
#define WHY_LABEL "数值前是说明文字，不是“≥”“不低于”等比较词：变化量或说明不是目标值"
#define WHY_NUMBER "数值读不出或超出范围"
#define WHY_PCT_TAIL "百分数后还有文字"
#define WHY_TAIL "数值后的文字不是单位（含数字、标点或说明）"
#define WHY_RANGE "范围的上限小于下限"
#define WHY_CONTRA "前后两处比较词的方向相反"
#define WHY_SEVERAL "一格中写了几个值或一句说明，以“；”“，”或“。”分开"

static bool starts(const char *s, const char *w) { return strncmp(s, w, strlen(w)) == 0; }

/* Decimal digits at s (at most max of them) into *v; their count, or 0. */
static size_t read_int(const char *s, int *v, size_t max) {
  size_t k = 0;
  *v = 0;
  while (k < max && is_digit(s[k])) *v = *v * 10 + (s[k++] - '0');
  return is_digit(s[k]) ? 0 : k;
}

/* ---- deadlines ("2023年12月30日前", "11月底前完成", "2023/11/30", "每年11月30日前") ---- */

/* Words that may stand before a date. */
static const char *const date_heads[] = {"每年", "当年", "本年度", "本年", "年内", "于", "在", "≤", "<=", "不晚于"};
/* Words after the date that make it a deadline; longest first. */
static const char *const date_ends[] = {"之前", "以前", "为止", "前", "止", "内"};
/* Punctuation a deadline's closing words ("完成验收", "能完成发放") never hold. */
static const char *const date_tail_stop[] = {"，", "。", "；", "：", "、", "(", ")", "“", "”", "《", "》", "年", "月", "日"};

static int days_in(int y, int m) {
  static const int d[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && y && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 28;
  return d[m - 1];
}

/* A deadline: [head] (YYYY年[M月[D日|底|末|上旬|中旬|下旬]] | M月… | YYYY/M/D) [前 之前 …] [a few
 * closing words].  Fills the date fields and ≤; false when s is not one. */
static bool read_date(const char *s, jx_target_reading *out) {
  const char *q = s;
  for (size_t i = 0; i < sizeof date_heads / sizeof date_heads[0]; i++)
    if (starts(q, date_heads[i])) {
      q += strlen(date_heads[i]);
      break;
    }
  int n, y = 0, m = 0, d = 0;
  size_t k = read_int(q, &n, 4);
  if (!k) return false;
  q += k;
  if (k == 4) {
    y = n;
    if (*q == '/' || *q == '-' || *q == '.') { /* 2023/11/30, 2023-11, 2023.11.30 */
      char sep = *q++;
      if (!(k = read_int(q, &m, 2))) return false;
      q += k;
      if (*q == sep) {
        if (!(k = read_int(q + 1, &d, 2))) return false;
        q += 1 + k;
      }
      goto ends;
    }
    if (!starts(q, "年")) return false;
    q += strlen("年");
    if (!(k = read_int(q, &n, 2))) goto ends; /* a year alone: "2023年完成" */
    q += k;
    m = n;
  } else if (k <= 2) {
    m = n;
  } else {
    return false;
  }
  if (!starts(q, "月")) return false;
  q += strlen("月");
  if (starts(q, "份")) q += strlen("份");
  if (starts(q, "底") || starts(q, "末")) q += strlen("底");
  else if (starts(q, "上旬")) q += strlen("上旬"), d = 10;
  else if (starts(q, "中旬")) q += strlen("中旬"), d = 20;
  else if (starts(q, "下旬")) q += strlen("下旬");
  else if ((k = read_int(q, &d, 2))) {
    q += k;
    if (!starts(q, "日") && !starts(q, "号")) return false;
    q += strlen("日");
  }
ends:
  if (y && (y < 1990 || y > 2100)) return false;
  if (m < 0 || m > 12 || (!m && (!y || d)) || (d && d > days_in(y, m))) return false;
  for (size_t i = 0; i < sizeof date_ends / sizeof date_ends[0]; i++)
    if (starts(q, date_ends[i])) {
      q += strlen(date_ends[i]);
      break;
    }
  if (*q) { /* closing words: "完成", "完成验收", "能完成发放" */
    if (jx_u8_chars(q) > 8) return false;
    for (const char *c = q; *c; c++)
      if ((unsigned char)*c < 0x80) return false;
    for (size_t i = 0; i < sizeof date_tail_stop / sizeof date_tail_stop[0]; i++)
      if (strstr(q, date_tail_stop[i])) return false;
  }
  out->has_date = true;
  out->has_digit = true;
  out->nature = JX_NATURE_LE;
  out->date_year = (int16_t)y;
  out->date_month = (int8_t)m;
  out->date_day = (int8_t)d;
  return true;
}

/* ---- numbers in words ("≧两场") ------------------------------------------------------- */

/* A number written in Chinese numerals (一 … 九千九百九十九, 两, 十二) at s: its bytes, or 0. */
static size_t read_cn_number(const char *s, int64_t *v) {
  static const char *const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const struct {
    const char *w;
    int64_t m;
  } mult[] = {{"十", 10}, {"百", 100}, {"千", 1000}};
  const char *p = s;
  int64_t total = 0, cur = -1;
  for (;;) {
    int dv = -1;
    for (int i = 0; i < 10; i++)
      if (starts(p, digit[i])) dv = i;
    if (starts(p, "两")) dv = 2;
    if (dv >= 0) {
      if (cur >= 0) return 0; /* "一二": not a number */
      cur = dv;
      p += 3;
      continue;
    }
    int mi = -1;
    for (int i = 0; i < 3; i++)
      if (starts(p, mult[i].w)) mi = i;
    if (mi < 0) break;
    total += (cur < 0 ? 1 : cur) * mult[mi].m;
    cur = -1;
    p += 3;
  }
  if (p == s) return 0;
  if (cur > 0) total += cur;
  *v = total * JX_NUM_SCALE;
  return (size_t)(p - s);
}

/* ---- one line ---------------------------------------------------------------------- */

/* A text over several lines: a year broken by a line break ("202\n3年10月前") is joined, and
 * the same value on every line ("≥90%\t\n≥90%") is kept once.  False when the lines differ
 * ("102\t\n120").  Tabs left inside the line become spaces. */
static bool one_line(char *s) {
  for (char *p = s; *p; p++) {
    if (!is_digit(*p) || (p > s && is_digit(p[-1]))) continue;
    size_t a = strspn(p, "0123456789"), w = strspn(p + a, " \t\r\n");
    size_t b = strspn(p + a + w, "0123456789");
    bool broken = w && memchr(p + a, '\n', w) != NULL;
    if (broken && a < 4 && a + b == 4 && starts(p + a + w + b, "年")) memmove(p + a, p + a + w, strlen(p + a + w) + 1);
    p += a - 1;
  }
  const char *first = NULL;
  size_t first_n = 0;
  for (const char *p = s; *p;) {
    size_t n = strcspn(p, "\r\n");
    const char *t = p;
    size_t tn = n;
    while (tn && (*t == ' ' || *t == '\t')) t++, tn--;
    tn = trim_end(t, tn);
    if (tn) {
      if (!first) first = t, first_n = tn;
      else if (tn != first_n || memcmp(t, first, tn) != 0) return false;
    }
    p += n;
    p += strspn(p, "\r\n");
  }
  if (first) {
    memmove(s, first, first_n);
    s[first_n] = '\0';
  }
  for (char *p = s; *p; p++)
    if (*p == '\t') *p = ' ';
  return true;
}

/* The unit after the number, n bytes at p, into out; false (with the reason) when it is
 * prose rather than a unit. */
static bool take_unit(jx_target_reading *out, const char *p, size_t n) {
  if (n >= sizeof out->unit) return out->why = WHY_TAIL, false;
  memcpy(out->unit, p, n);
  out->unit[n] = '\0';
  if (!n) return true;
  if (out->percent) return out->why = WHY_PCT_TAIL, false; /* "90%的学生": prose */
  for (size_t i = 0; i < n; i++)
    if (is_digit(out->unit[i])) return out->why = WHY_TAIL, false;
  for (size_t i = 0; i < sizeof not_unit / sizeof not_unit[0]; i++)
    if (strstr(out->unit, not_unit[i])) return out->why = WHY_TAIL, false;
  if (jx_u8_chars(out->unit) > 8) return out->why = WHY_TAIL, false;
  out->money = is_money_unit(out->unit);
  if (strcmp(out->unit, "万") == 0) strcpy(out->unit, "万元"); /* "不超过15万": a bare 万 is 万元 */
  out->time_limit = is_time_unit(out->unit);
  return true;
}

/* A label standing before a number with no operator is read only when it names what is
 * measured ("合格率90%", "满意度90%", "总成本1200万", "培训人数300人") or is a verb of doing
 * ("完成95%", "拆除100个") or a frequency ("每双月2次", "每期三天"); a change ("提升20%",
 * "降低10%") or prose is not a target. */
typedef enum { LABEL_NONE = 0, LABEL_ANY, LABEL_RATE, LABEL_MONEY, LABEL_EVERY } label_kind;
static const struct {
  const char *end;
  label_kind kind;
} bare_labels[] = {
    {"率", LABEL_RATE},   {"度", LABEL_RATE},   {"成本", LABEL_MONEY}, {"经费", LABEL_MONEY}, {"资金", LABEL_MONEY},
    {"金额", LABEL_MONEY}, {"人数", LABEL_ANY},  {"数量", LABEL_ANY},   {"次数", LABEL_ANY},   {"完成", LABEL_ANY},
    {"拆除", LABEL_ANY},  {"开展", LABEL_ANY},  {"举办", LABEL_ANY},   {"新增", LABEL_ANY},   {"建成", LABEL_ANY},
    {"发放", LABEL_ANY},  {"组织", LABEL_ANY},  {"受理", LABEL_ANY},   {"培训", LABEL_ANY},
};

/* What the label s[0..n) (no operator) allows after it. */
static label_kind bare_label(const char *s, size_t n) {
  size_t l;
  if (n > (size_t)3 * 10) return LABEL_NONE; /* more than ten characters or so: prose */
  if (starts(s, "每") && n <= (size_t)3 * 4) return LABEL_EVERY;
  for (size_t i = 0; i < sizeof bare_labels / sizeof bare_labels[0]; i++)
    if (ends_with(s, n, bare_labels[i].end, &l)) return bare_labels[i].kind;
  return LABEL_NONE;
}

/* A text without a digit: a number in words after an operator or a frequency ("≧两场",
 * "每期三天"), else qualitative ("不适用", "及时", "不低于上年": only its operator is kept). */
static bool read_words(const char *s, jx_target_reading *out) {
  size_t l = 0;
  out->nature = op_at_start(s, &l);
  int64_t v = 0;
  size_t d = 0, k = 0;
  while (s[d] && !(k = read_cn_number(s + d, &v))) d += jx_u8_len(s + d);
  if (!k || !s[d + k]) return false;
  size_t hn = d, opl = 0;
  jx_nature pre = op_at_end(prefix_ops, sizeof prefix_ops / sizeof prefix_ops[0], s, hn, &opl);
  if (hn > opl && bare_label(s, hn - opl) != LABEL_EVERY) return false; /* "全年至少提交一件", "进一步" */
  jx_target_reading r = *out;
  r.nature = pre;
  r.num = v;
  if (!take_unit(&r, s + d + k, strlen(s + d + k))) return false;
  if (!hn && !r.time_limit) return false; /* "一般", "一次性": words; "三天" is a time limit */
  r.has_digit = true;
  r.readable = true;
  *out = r;
  return true;
}

/* Numbers on both sides of a ";", a sentence's "," (not a thousands separator) or a "。":
 * "手册3000张；景点10处", "一般故障10分钟内响应，重大故障1小时内到达". */
static bool several(const char *s) {
  for (const char *p = s; *p; p++) {
    size_t l = 0;
    bool thousands = *p == ',' && p > s && is_digit(p[-1]) && is_digit(p[1]); /* "1,200" */
    if (*p == ';' || (*p == ',' && !thousands)) l = 1;
    else if (starts(p, "。")) l = strlen("。");
    if (!l) continue;
    bool before = false;
    for (const char *q = s; q < p && !before; q++) before = is_digit(*q);
    if (before && strpbrk(p + l, "0123456789")) return true;
  }
  return false;
}

/* One line with a digit: [label] operator number[%] [range] [unit] [以上 / 以内 …], or a
 * deadline. */
static bool read_line(const char *s, jx_target_reading *out) {
  /* the head: everything before the first digit, ending with the operator */
  size_t d = 0;
  while (s[d] && !is_digit(s[d])) d++;
  if (!s[d]) return read_words(s, out);
  out->has_digit = true;
  if (read_date(s, out)) return false;
  if (several(s)) return out->why = WHY_SEVERAL, false;
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
  label_kind bare = LABEL_ANY; /* a label with no operator: what must follow it */
  if (hn > opl) { /* a label before the operator ("总成本不超过"); without an operator, only a name */
    if (!opl && (bare = bare_label(s, hn)) == LABEL_NONE) return out->why = WHY_LABEL, false;
    if (bare == LABEL_EVERY) bare = LABEL_ANY;
    for (size_t i = 0; i < hn - opl; i++)
      if (strchr(",;:()%", s[i])) return out->why = WHY_LABEL, false;
    if (memmem(s, hn - opl, "、", strlen("、")) || memmem(s, hn - opl, "。", strlen("。")))
      return out->why = WHY_LABEL, false;
  }
  /* the number, a %, a range */
  const char *p = s + d;
  size_t k = read_number(p, &out->num);
  if (!k) return out->why = WHY_NUMBER, false;
  if (neg) out->num = -out->num;
  p += k;
  p += read_percent(p, &out->percent);
  if (bare == LABEL_RATE && !out->percent) return out->why = WHY_LABEL, false;
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
    else if (direction(pre) != direction(post)) return out->why = WHY_CONTRA, false; /* "不低于90%以下" */
  }
  if (!take_unit(out, p, n)) return false;
  if (bare == LABEL_MONEY && !out->money) return out->why = WHY_LABEL, false;
  if (out->has_hi && out->num_hi < out->num) return out->why = WHY_RANGE, false;
  out->readable = true;
  return true;
}

bool jx_target_read(const char *written, jx_target_reading *out) {
  memset(out, 0, sizeof *out);
  char s[READ_MAX];
  if (!fold(written, s, sizeof s)) {
    out->has_digit = written && strpbrk(written, "0123456789");
    out->why = WHY_FORM;
    return false;
  }
  if (jx_target_blank(s)) {
    out->blank = true;
    return false;
  }
  if (!one_line(s)) {
    out->has_digit = strpbrk(s, "0123456789") != NULL;
    size_t l;
    out->nature = op_at_start(s, &l);
    if (out->has_digit) out->why = WHY_LINES;
    return false;
  }
  size_t n = strlen(s), l;
  if (ends_with(s, n, "。", &l)) s[trim_end(s, n - l)] = '\0'; /* a sentence's full stop */
  return read_line(s, out);
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
