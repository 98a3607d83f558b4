/* generate.c — jx_generate: a deterministic synthetic province of department-years (jixiao gen).
 *
 * A province is a list of county finance bureaus (财政局), each with its authorities
 * (主管部门, one per domain) and their budget units (预算单位).  Every authority and
 * unit gets one kind: department file per year; some also get a kind: project file for
 * one of their projects.  All figures agree with each other (sums, references, claims,
 * scores), except in a small share of files that carry one deliberate real-world
 * mistake (listed in faults.tsv and on stderr).
 *
 * Determinism: the only source of randomness is xoshiro256** seeded through splitmix64
 * from (seed, department, year); no floating point, no rand(), no locale: the same
 * options give the same bytes on every platform.  Money is int64 分; other numbers are
 * millionths (JX_NUM_SCALE), rounded as jx_ratio_round2 does.
 *
 * The distributions are the tables below (gen_sizes, gen_probs, gen_ranges, gen_faults,
 * gen_units_per_authority, the vocabulary in generate_vocab.h); jx_gen_write_distributions prints them for docs/gen.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jixiao.h"
#include "model/monitor.h"
#include "util/buf.h"
#include "util/i128.h"
#include "gen/generate_vocab.h"
#include "util/arena.h"

#define NUM JX_NUM_SCALE
#define WAN JX_FEN_PER_WAN
#define CENT_WAN (JX_FEN_PER_WAN / 100) /* 0.01 万元 in 分: money is generated on this grid */

/* ---- distribution tables ---------------------------------------------------------- */

/* Size classes of a department-year: how many indicators of each kind, projects, work
 * items and the basic budget.  An authority (主管部门) or a unit (预算单位) draws its class
 * by the shares (‰) below; every count is uniform in [lo, hi]. */
typedef struct {
  const char *name;
  unsigned share_authority, share_unit; /* ‰ */
  int ind[2], quality[2], qual[2], timely[2], benefit[2], sat[2], projects[2], items[2];
  int basic_wan[2]; /* basic expenditure budget, 万元 */
} gen_size;

static const gen_size gen_sizes[] = {
    {"小", 300, 700, {12, 24}, {2, 3}, {1, 2}, {1, 2}, {2, 3}, {1, 1}, {1, 2}, {3, 5}, {60, 600}},
    {"中", 450, 250, {30, 50}, {4, 6}, {2, 4}, {3, 5}, {4, 7}, {1, 2}, {2, 4}, {5, 8}, {200, 1500}},
    {"大", 250, 50, {60, 76}, {7, 10}, {4, 6}, {6, 9}, {8, 12}, {2, 4}, {3, 6}, {8, 13}, {500, 3000}},
};
#define N_SIZES (sizeof gen_sizes / sizeof gen_sizes[0])

/* Probabilities (‰) of the choices made for each file. */
enum {
  P_SEPS, P_FLOW, P_OVER_STAFF, P_ACT_MISS, P_ACT_EXACT, P_COUNT_PARTS, P_COUNT_COMMENT, P_PROFILE_FACT,
  P_PROJ_ADDED, P_PROJ_SLOW, P_PROJ_OTHER, P_BASIC_OVER, P_BALANCE, P_STATE_ADJUSTED, P_EQ_NATURE, P_REF_ACTUAL,
  P_TARGET_MISS, P_PCT_ACTUAL_TEXT, P_PCT_TARGET_TEXT, P_QUAL_MET, P_SURVEY_EVIDENCE, P_EVIDENCE, P_MONITORING,
  P_PROJECT_FILE, P_FAULT, N_PROBS
};
typedef struct {
  const char *key;
  unsigned permille;
  const char *what;
} gen_prob;
static const gen_prob gen_probs[N_PROBS] = {
    [P_SEPS] = {"seps", 300, "金额写千分位（1,072.52）的部门"},
    [P_FLOW] = {"flow", 250, "小映射写成流式（{行政: 6, 事业: 4}）的部门"},
    [P_OVER_STAFF] = {"over_staff", 80, "行政在职人数超过编制（JX401 警告）"},
    [P_ACT_MISS] = {"act_miss", 60, "数量指标未完成（实际为目标的 60%–97%，附偏差说明）"},
    [P_ACT_EXACT] = {"act_exact", 290, "数量指标恰好完成（其余超额 1%–25%）"},
    [P_COUNT_PARTS] = {"count_parts", 120, "工作量按季度分列（各季之和须等于合计）"},
    [P_COUNT_COMMENT] = {"count_comment", 300, "工作量后附注释"},
    [P_PROFILE_FACT] = {"profile_fact", 500, "同一工作量在基本情况中再写一次（两处须一致）"},
    [P_PROJ_ADDED] = {"proj_added", 300, "项目年中追加预算（1%–8%）"},
    [P_PROJ_SLOW] = {"proj_slow", 150, "项目执行率 80%–92%（其余 92%–100%；低于 90% 附原因）"},
    [P_PROJ_OTHER] = {"proj_other", 200, "项目有其他资金（年初预算的 5%–30%）"},
    [P_BASIC_OVER] = {"basic_over", 120, "基本支出超过预算（1%–6%，成本指标未达成）"},
    [P_BALANCE] = {"balance", 500, "基本支出结余列为结余（否则已上缴）"},
    [P_STATE_ADJUSTED] = {"state_adjusted", 500, "写出调整后预算"},
    [P_EQ_NATURE] = {"eq_nature", 400, "恰好完成的数量指标写作“=”"},
    [P_REF_ACTUAL] = {"ref_actual", 450, "数量指标的实际值写成引用（= work.items[i].counts.key）"},
    [P_TARGET_MISS] = {"target_miss", 60, "质量、时效、效益、满意度指标未达成（附偏差说明）"},
    [P_PCT_ACTUAL_TEXT] = {"pct_actual_text", 150, "百分比实际值带 % 号"},
    [P_PCT_TARGET_TEXT] = {"pct_target_text", 100, "百分比目标值带 % 号"},
    [P_QUAL_MET] = {"qual_met", 900, "定性指标“达成”（其余“部分达成”，得权重的 70%）"},
    [P_SURVEY_EVIDENCE] = {"survey_evidence", 500, "满意度指标附问卷说明"},
    [P_EVIDENCE] = {"evidence", 250, "其他指标附佐证材料（1–3 项）"},
    [P_MONITORING] = {"monitoring", 700, "写出绩效运行监控（6、9、11 月）"},
    [P_PROJECT_FILE] = {"project_file", 100, "部门另有一个项目支出绩效自评文件（kind: project）"},
    [P_FAULT] = {"fault", 30, "文件含一处有意设置的错误（默认 --faults 30）"},
};

/* Deliberate mistakes, as real files have them; each gives the diagnostic code listed. */
typedef enum {
  F_NONE = -1, F_WEIGHT, F_EXPENDITURE, F_NOTE, F_QUAL_SCORE, F_BLOCKS, F_STAFF, F_REF, F_INCOME, F_TAB, N_FAULTS
} gen_fault;
static const struct {
  const char *code, *what;
} gen_faults[N_FAULTS] = {
    [F_WEIGHT] = {"JX206", "一项指标权重多写 0.5 分，权重合计不是 100"},
    [F_EXPENDITURE] = {"JX203", "基本支出末两位数字颠倒，支出合计 ≠ 基本支出 + 项目支出"},
    [F_NOTE] = {"JX301", "未达成目标的指标缺少偏差说明"},
    [F_QUAL_SCORE] = {"JX303", "定性指标自评得分超过其权重"},
    [F_BLOCKS] = {"JX207", "自评总分与分项得分之和不符"},
    [F_STAFF] = {"JX201", "在职人数合计比各类人数之和多 1"},
    [F_REF] = {"JX122", "实际完成值引用了不存在的字段"},
    [F_INCOME] = {"JX202", "收入合计 ≠ 财政拨款收入 + 其他收入（少记 1 万元）"},
    [F_TAB] = {"JX102", "一行用 Tab 缩进（YAML 语法错误）"},
};

/* Ranges (uniform, inclusive) of the figures drawn for each file. */
enum {
  R_STAFF_AUTHORITY, R_STAFF_UNIT, R_STAFF_WORKER, R_OVER_STAFF, R_ACT_MISS, R_ACT_EXCEED, R_GE_MISS, R_GE_EXCEED,
  R_LE_MISS_PCT, R_LE_MISS_COUNT, R_BASIC_GROWTH, R_PROJ_INITIAL, R_PROJ_ADDED, R_RATE_SLOW, R_RATE_NORMAL, R_PROJ_OTHER,
  R_BASIC_OVER, R_BASIC_UNDER, R_UPPER_SHARE, N_RANGES
};
typedef struct {
  const char *key;
  int lo, hi;
  const char *what;
} gen_range;
static const gen_range gen_ranges[N_RANGES] = {
    [R_STAFF_AUTHORITY] = {"staff_authority", 4, 30, "主管部门每类（行政、事业）编制数"},
    [R_STAFF_UNIT] = {"staff_unit", 2, 15, "预算单位每类（行政、事业）编制数"},
    [R_STAFF_WORKER] = {"staff_worker", 0, 5, "工勤编制数"},
    [R_OVER_STAFF] = {"over_staff", 1, 6, "超编时行政在职人数多于编制的人数（否则每类空编 0–25%）"},
    [R_ACT_MISS] = {"act_miss", 60, 97, "未完成的数量指标：实际为目标的 %"},
    [R_ACT_EXCEED] = {"act_exceed", 1, 25, "超额完成的数量指标：超出目标的 %"},
    [R_GE_MISS] = {"ge_miss", 80, 97, "未达成的 ≥ 指标：实际为目标的 %"},
    [R_GE_EXCEED] = {"ge_exceed", 0, 20, "达成的 ≥ 计数指标：超出目标的 %（百分比指标：目标到 100% 之间）"},
    [R_LE_MISS_PCT] = {"le_miss_pct", 105, 150, "未达成的 ≤ 百分比指标：实际为目标的 %"},
    [R_LE_MISS_COUNT] = {"le_miss_count", 0, 40, "未达成的 ≤ 计数指标：超出目标 1 加目标的 %"},
    [R_BASIC_GROWTH] = {"basic_growth", 2, 6, "基本支出预算每年增长 %（以 2023 年为基）"},
    [R_PROJ_INITIAL] = {"proj_initial", 5, 600, "项目年初预算（万元）"},
    [R_PROJ_ADDED] = {"proj_added", 1, 8, "项目年中追加 %"},
    [R_RATE_SLOW] = {"rate_slow", 800, 920, "执行偏慢的项目执行率 ‰"},
    [R_RATE_NORMAL] = {"rate_normal", 920, 1000, "其余项目执行率 ‰"},
    [R_PROJ_OTHER] = {"proj_other", 5, 30, "项目其他资金占年初预算 %"},
    [R_BASIC_OVER] = {"basic_over", 1, 6, "基本支出超支 %"},
    [R_BASIC_UNDER] = {"basic_under", 0, 6, "基本支出结余 %"},
    [R_UPPER_SHARE] = {"upper_share", 5, 40, "收入中上级资金 %"},
};
#define RANGE(r, k) rng_int((r), gen_ranges[k].lo, gen_ranges[k].hi)

/* Units (预算单位) under one authority: how many, by share (‰). */
static const struct {
  int units;
  unsigned permille;
} gen_units_per_authority[] = {{0, 350}, {1, 350}, {2, 200}, {3, 100}};

/* Checkpoint reports (--monitoring YEAR): how far a department's execution lags 序时进度 at
 * each checkpoint, by class (‰ of departments; tenths of percentage points behind, uniform
 * in [lo, hi]; negative: ahead).  A department keeps its class from one checkpoint to the
 * next with gen_lag_keep ‰, else draws again. */
static const struct {
  const char *name;
  unsigned permille;
  int lo, hi;           /* tenths of a point behind */
  int forecast_short[2]; /* ‰ of the budget the 全年预计执行数 falls short by */
} gen_lags[] = {
    {"接近序时进度（落后 5 个百分点以内或超前）", 650, -40, 49, {0, 0}},
    {"落后 5–15 个百分点", 250, 50, 149, {0, 30}},
    {"落后 15 个百分点以上", 100, 151, 350, {10, 100}},
};
static const unsigned gen_lag_keep = 700;
static const char *const gen_mon_days[] = {"06-30", "09-30", "11-30"};
/* 偏差原因 and 纠偏措施 written together where execution lags 15 points or more (required by
 * the default rules) and, with gen_mon_note_yellow ‰, where it lags 5–15. */
static const char *const gen_mon_causes[][2] = {
    {"部分项目资金下达较晚，项目尚未完成政府采购，支出进度偏慢", "加快政府采购和合同签订，按进度拨付资金"},
    {"工程项目受雨季影响停工，进度款未能按期支付", "督促施工单位倒排工期，完工一批结算一批"},
    {"项目实施方案调整，资金待重新安排", "尽快完成方案报批，调整后及时支付"},
    {"跨年度项目按合同约定年底集中结算", "与承接单位协商分阶段结算，加快报账"},
};
static const unsigned gen_mon_note_yellow = 400;
/* Indicators of a checkpoint report: up to this many quantity indicators of the year (the
 * acts of work with a target of at least 10), their completion lagging by class as above
 * (at most 9.9 points). */
enum { GEN_MON_INDICATORS = 2 };

/* County names: the first ones as written, then two syllables and a suffix. */
static const char *const gen_syllable1[] = {"安", "宝", "长", "崇", "大", "德", "东", "丰", "福", "广", "汉", "和",
                                            "华", "嘉", "江", "金", "开", "乐", "临", "龙", "隆", "茂", "宁", "平",
                                            "青", "庆", "仁", "荣", "三", "石", "顺", "太", "通", "万", "武", "西",
                                            "兴", "永", "云", "中"};
static const char *const gen_syllable2[] = {"安", "昌", "川", "丹", "定", "丰", "阜", "江", "靖", "康", "林", "陵",
                                            "宁", "平", "山", "泉", "寿", "水", "台", "泰", "乡", "阳", "源", "州"};
static const char *const gen_county_suffix[] = {"县", "县", "县", "区", "市"};

#define ARRAY_N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- PRNG: xoshiro256** seeded by splitmix64 -------------------------------------- */

typedef struct {
  uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL ^ (c + 1) * 0x165667B19E3779F9ULL;
  for (int i = 0; i < 4; i++) r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r) {
  uint64_t *s = r->s;
  uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return out;
}

/* Uniform in [0, n), n ≥ 1, without modulo bias. */
static uint64_t rng_below(rng *r, uint64_t n) {
  uint64_t lim = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do x = rng_next(r);
  while (x >= lim);
  return x % n;
}

/* Uniform integer in [lo, hi]. */
static int64_t rng_int(rng *r, int64_t lo, int64_t hi) { return hi <= lo ? lo : lo + (int64_t)rng_below(r, (uint64_t)(hi - lo + 1)); }
static bool rng_chance(rng *r, unsigned permille) { return rng_below(r, 1000) < permille; }
static bool P(rng *r, int which) { return rng_chance(r, gen_probs[which].permille); }
#define PICK(r, arr, n) ((arr)[rng_below((r), (n))])

/* idx[0..k) becomes a uniform sample of k distinct values of [0, n) in random order. */
static void rng_sample(rng *r, size_t *idx, size_t n, size_t k) {
  for (size_t i = 0; i < n; i++) idx[i] = i;
  if (k > n) k = n;
  for (size_t i = 0; i < k; i++) {
    size_t j = i + (size_t)rng_below(r, n - i);
    size_t t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}

/* ---- output buffer ---------------------------------------------------------------- */

typedef jx_buf buf; /* util/buf.h */
static void b_int(buf *b, int64_t v) {
  char t[24];
  size_t k = sizeof t;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do t[--k] = (char)('0' + u % 10), u /= 10;
  while (u);
  if (v < 0) t[--k] = '-';
  jx_buf_mem(b, t + k, sizeof t - k);
}
static void b_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void b_printf(buf *b, const char *fmt, ...) {
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  jx_buf_reserve(b, 256);
  int n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): va_start above; clang 14 false positive
  va_end(ap);
  if (n > 0 && (size_t)n >= b->cap - b->n) {
    jx_buf_reserve(b, (size_t)n);
    n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, again); // NOLINT(clang-analyzer-valist.Uninitialized): va_copy above
  }
  va_end(again);
  if (n > 0) b->n += (size_t)n;
}
static void b_num(buf *b, int64_t v) { /* millionths, ≤ 2 decimals trimmed */
  char t[48];
  jx_buf_puts(b, jx_format_num(v, t, sizeof t));
}
/* Money in 万元 with 2 decimals, optionally with thousands separators. */
static void b_money(buf *b, int64_t fen, bool seps) {
  char t[48];
  jx_format_money_wan(fen, t, sizeof t);
  if (!seps) {
    jx_buf_puts(b, t);
    return;
  }
  const char *dot = strchr(t, '.');
  const char *s = t;
  if (*s == '-') jx_buf_ch(b, *s++);
  size_t ip = (size_t)(dot - s);
  for (size_t i = 0; i < ip; i++) {
    if (i && (ip - i) % 3 == 0) jx_buf_ch(b, ',');
    jx_buf_ch(b, s[i]);
  }
  jx_buf_puts(b, dot);
}
static void b_indent(buf *b, int n) {
  static const char sp[] = "                                ";
  jx_buf_mem(b, sp, (size_t)n);
}

/* A scalar as plain YAML when it can be, else double-quoted. */
static void b_scalar(buf *b, const char *s, bool flow) {
  bool q = !*s || strchr("-?:,[]{}#&*!|>'\"%@`= ", (unsigned char)s[0]) || strstr(s, ": ") || strstr(s, " #") || strchr(s, '\n') ||
           strchr(s, '\t') || (flow && strpbrk(s, ",[]{}"));
  size_t n = strlen(s);
  if (!q && (s[n - 1] == ' ' || s[n - 1] == ':')) q = true;
  if (!q) {
    jx_buf_mem(b, s, n);
    return;
  }
  jx_buf_ch(b, '"');
  for (const char *c = s; *c; c++) {
    if (*c == '"' || *c == '\\') jx_buf_ch(b, '\\');
    jx_buf_ch(b, *c);
  }
  jx_buf_ch(b, '"');
}
/* "key: " at an indent (the value follows). */
static void b_key(buf *b, int ind, const char *key) {
  b_indent(b, ind);
  jx_buf_puts(b, key);
  jx_buf_puts(b, ": ");
}
static void kv_s(buf *b, int ind, const char *key, const char *v) {
  b_key(b, ind, key);
  b_scalar(b, v, false);
  jx_buf_ch(b, '\n');
}
static void kv_q(buf *b, int ind, const char *key, const char *v) { /* always quoted */
  b_key(b, ind, key);
  jx_buf_ch(b, '"');
  jx_buf_puts(b, v);
  jx_buf_puts(b, "\"\n");
}
static void kv_i(buf *b, int ind, const char *key, int64_t v) {
  b_key(b, ind, key);
  b_int(b, v);
  jx_buf_ch(b, '\n');
}
static void kv_n(buf *b, int ind, const char *key, int64_t v) {
  b_key(b, ind, key);
  b_num(b, v);
  jx_buf_ch(b, '\n');
}
static void kv_m(buf *b, int ind, const char *key, int64_t fen, bool seps) {
  b_key(b, ind, key);
  b_money(b, fen, seps);
  jx_buf_ch(b, '\n');
}
static void b_head(buf *b, int ind, const char *key) { /* "key:" opening a block */
  b_indent(b, ind);
  jx_buf_puts(b, key);
  jx_buf_puts(b, ":\n");
}
static void b_item(buf *b, int ind, const char *s) { /* "- text" */
  b_indent(b, ind);
  jx_buf_puts(b, "- ");
  b_scalar(b, s, false);
  jx_buf_ch(b, '\n');
}

/* ---- the province: bureaus, authorities, units ---------------------------------------- */

typedef struct {
  uint32_t county;
  int16_t domain;
  int16_t unit; /* -1: the authority itself; else an index into the domain's units */
  char code[16];
} gen_dept;

static void county_name(uint32_t c, char *out, size_t n) {
  if (c < ARRAY_N(gen_counties)) {
    snprintf(out, n, "%s", gen_counties[c]);
    return;
  }
  uint32_t k = c - (uint32_t)ARRAY_N(gen_counties);
  uint32_t n1 = (uint32_t)ARRAY_N(gen_syllable1), n2 = (uint32_t)ARRAY_N(gen_syllable2);
  uint32_t a = k % n1, bb = (k / n1) % n2, s = (k / (n1 * n2)) % (uint32_t)ARRAY_N(gen_county_suffix);
  uint32_t round = k / (n1 * n2 * (uint32_t)ARRAY_N(gen_county_suffix));
  if (round)
    snprintf(out, n, "%s%s%s第%u片区", gen_syllable1[a], gen_syllable2[bb], gen_county_suffix[s], round + 1);
  else
    snprintf(out, n, "%s%s%s", gen_syllable1[a], gen_syllable2[bb], gen_county_suffix[s]);
}

/* 部门名称 (the authority) and 预算单位名称 of a department. */
static void dept_names(const gen_dept *d, char *dept, size_t dn, char *unit, size_t un) {
  char county[96];
  county_name(d->county, county, sizeof county);
  const gen_domain *dom = &gen_domains[d->domain];
  snprintf(dept, dn, "%s%s", county, dom->suffix);
  if (d->unit < 0) snprintf(unit, un, "%s%s本级", county, dom->suffix);
  else snprintf(unit, un, "%s%s", county, dom->units.items[d->unit]);
}

/* Lay out the province until n departments (authorities and units) exist. */
static gen_dept *plan_province(uint64_t seed, size_t n, uint32_t *n_counties) {
  gen_dept *v = jx_xcalloc(n, sizeof *v);
  size_t k = 0;
  uint32_t c = 0;
  for (; k < n; c++) {
    rng r;
    rng_seed(&r, seed, 0xC0C0U, c);
    for (size_t dm = 0; dm < ARRAY_N(gen_domains) && k < n; dm++) {
      gen_dept *a = &v[k++];
      a->county = c;
      a->domain = (int16_t)dm;
      a->unit = -1;
      snprintf(a->code, sizeof a->code, "51%04u%02u", (c + 1) % 10000U, (unsigned)dm % 100U + 1);
      unsigned x = (unsigned)rng_below(&r, 1000), acc = 0;
      int units = 0;
      for (size_t i = 0; i < ARRAY_N(gen_units_per_authority); i++) {
        acc += gen_units_per_authority[i].permille;
        if (x < acc) {
          units = gen_units_per_authority[i].units;
          break;
        }
      }
      size_t nu = gen_domains[dm].units.n;
      if ((size_t)units > nu) units = (int)nu;
      size_t idx[8];
      rng_sample(&r, idx, nu, (size_t)units);
      for (int x1 = 1; x1 < units; x1++) /* in the order of the table */
        for (int x2 = x1; x2 > 0 && idx[x2 - 1] > idx[x2]; x2--) {
          size_t t = idx[x2];
          idx[x2] = idx[x2 - 1];
          idx[x2 - 1] = t;
        }
      char prefix[sizeof a->code]; /* a points into v, which d also walks: copy, never overlap */
      memcpy(prefix, a->code, sizeof prefix);
      for (int u = 0; u < units && k < n; u++) {
        gen_dept *d = &v[k++];
        d->county = c;
        d->domain = (int16_t)dm;
        d->unit = (int16_t)idx[u];
        snprintf(d->code, sizeof d->code, "%.10s%02u", prefix, (unsigned)idx[u] % 100U + 1);
      }
    }
  }
  *n_counties = c;
  return v;
}

/* ---- numbers -------------------------------------------------------------------------- */

static int64_t r2(int64_t a, int64_t b, int64_t mul) { return b ? jx_ratio_round2(a, b, mul) : 0; }

/* FASP score of a quantitative indicator (banded ≤), millionths; *met as the checker sees it. */
static int64_t quant_score(const char *nature, int64_t a, int64_t t, int64_t w, bool *met) {
  if (a < 0) a = 0;
  if (strcmp(nature, "≤") != 0) {
    if (t == 0) {
      *met = a <= 0;
      return a <= 0 ? w : 0;
    }
    if (a >= t) {
      *met = strcmp(nature, "=") == 0 ? a == t : true;
      return w;
    }
    *met = false;
    return r2(a, t, w);
  }
  if (a <= t) {
    *met = true;
    return w;
  }
  *met = false;
  if (t <= 0 || a >= 2 * t) return 0;
  return r2(2 * t - a, t, w);
}

/* A target rounded to look typed by a person. */
static int64_t nice_target(rng *r, int lo, int hi) {
  int64_t v = rng_int(r, lo, hi);
  if (v >= 1000) return v - v % 100;
  if (v >= 100) return v - v % 10;
  if (v >= 30) return v - v % 5;
  return v;
}

static int64_t round_tenth(int64_t v) { /* millionths to a multiple of 0.1, half up */
  return (v + 50000) / 100000 * 100000;
}

/* A realistic actual for target t (millionths); about P_TARGET_MISS of them missed. */
static int64_t gen_actual(rng *r, const char *nature, int64_t t, bool pct) {
  bool miss = P(r, P_TARGET_MISS);
  if (!strcmp(nature, "≥")) {
    if (miss && t > 0) {
      int64_t a = t * RANGE(r, R_GE_MISS) / 100;
      a = pct ? round_tenth(a) : a - a % NUM;
      return a < t - NUM / 10 ? a : t - NUM / 10;
    }
    if (pct) return t < 100 * NUM ? t + rng_int(r, 0, (100 * NUM - t) / (NUM / 10)) * (NUM / 10) : t;
    int64_t extra = t * RANGE(r, R_GE_EXCEED) / 100;
    return t + extra - extra % NUM;
  }
  if (!strcmp(nature, "=")) return miss && t > 0 ? (t > NUM ? t - NUM : 0) : t;
  if (miss) {
    if (t == 0) return NUM;
    if (pct) {
      int64_t a = round_tenth(t * RANGE(r, R_LE_MISS_PCT) / 100);
      return a > t + NUM / 10 ? a : t + NUM / 10;
    }
    int64_t extra = t * RANGE(r, R_LE_MISS_COUNT) / 100;
    return t + NUM + extra - extra % NUM;
  }
  if (t == 0) return 0;
  if (pct) return rng_int(r, 0, t / (NUM / 10)) * (NUM / 10);
  return rng_int(r, t / NUM / 2, t / NUM) * NUM;
}

/* n weights in half points (each ≥ 1 point) adding up to total_halves; heavy[i] marks
 * satisfaction and cost indicators, which get more weight, as in published tables. */
static void gen_weights(rng *r, int64_t *w, size_t n, const bool *heavy, int total_halves) {
  int *h = jx_xmalloc(n * sizeof *h);
  size_t *pool = jx_xmalloc(n * sizeof *pool), n_heavy = 0;
  for (size_t i = 0; i < n; i++) {
    h[i] = 2;
    if (heavy[i]) pool[n_heavy++] = i;
  }
  int left = total_halves - 2 * (int)n;
  int cap = 10;
  while (cap * (int)n < total_halves + 2 * (int)n) cap += 2;
  while (left > 0) {
    size_t i = n_heavy && rng_chance(r, 350) ? pool[rng_below(r, n_heavy)] : (size_t)rng_below(r, n);
    int step = rng_below(r, 3) == 0 ? 1 : 2;
    if (step > left) step = left;
    if (h[i] + step > cap) continue;
    h[i] += step;
    left -= step;
  }
  for (size_t i = 0; i < n; i++) w[i] = h[i] * (NUM / 2);
  free(h);
  free(pool);
}

/* ---- one department-year -------------------------------------------------------------- */

typedef struct {
  const char *level1, *level2, *name, *nature, *unit;
  int64_t t;             /* millionths (money: 分 = millionths of 万元) */
  const char *ttext;     /* qualitative target */
  bool a_known;          /* the actual is fixed by other figures */
  int64_t a;
  const char *a_ref;     /* written as a reference */
  const char *describes;
  bool survey, heavy;
} gen_ind;

typedef struct {
  const char *name, *unit, *key;
  int64_t target, actual; /* whole numbers */
  int item;
} gen_row;

typedef struct {
  const char *name;
  int64_t initial, adjusted, executed, other; /* 分 */
} gen_proj;

typedef struct {
  jx_arena *a;
  rng r;
  buf *b;
  gen_fault fault;
  int year;
  const gen_dept *d;
  char dept[160], unit[192];
  bool seps, flow;
  /* results for the project file, the checkpoint reports and the summary */
  gen_proj *projects;
  size_t n_projects, n_indicators;
  int64_t mon_fiscal, mon_other; /* the year's budget by source: basic + adjusted projects */
  const gen_row *rows;           /* the acts of work (quantity indicators) */
  int n_rows;
} gen_ctx;

static const char *aprintf(gen_ctx *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *aprintf(gen_ctx *g, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = jx_arena_vprintf(g->a, fmt, ap);
  va_end(ap);
  return s;
}

static size_t pick_size(rng *r, bool unit) {
  unsigned x = (unsigned)rng_below(r, 1000), acc = 0;
  for (size_t i = 0; i < N_SIZES; i++) {
    acc += unit ? gen_sizes[i].share_unit : gen_sizes[i].share_authority;
    if (x < acc) return i;
  }
  return 0;
}

static int64_t grid(int64_t fen) { return fen - fen % CENT_WAN; } /* down to 0.01 万元 */

/* Sample k entries of a domain list followed by a shuffled generic list: the domain's
 * entries first, in order (a department states its own work before the generic). */
static size_t *pool_order(gen_ctx *g, size_t n_dom, size_t n_gen) {
  size_t *idx = jx_arena_alloc(g->a, (n_dom + n_gen) * sizeof *idx);
  for (size_t i = 0; i < n_dom; i++) idx[i] = i;
  rng_sample(&g->r, idx + n_dom, n_gen, n_gen);
  for (size_t i = 0; i < n_gen; i++) idx[n_dom + i] += n_dom;
  return idx;
}

static void staff_group(gen_ctx *g, int ind, const char *key, const int *by_kind, int total) {
  b_head(g->b, ind, key);
  kv_i(g->b, ind + 2, "total", total);
  if (g->flow) {
    b_key(g->b, ind + 2, "by_kind");
    jx_buf_ch(g->b, '{');
    for (size_t i = 0; i < ARRAY_N(gen_staff_kinds); i++) b_printf(g->b, "%s%s: %d", i ? ", " : "", gen_staff_kinds[i], by_kind[i]);
    jx_buf_puts(g->b, "}\n");
  } else {
    b_head(g->b, ind + 2, "by_kind");
    for (size_t i = 0; i < ARRAY_N(gen_staff_kinds); i++) kv_i(g->b, ind + 4, gen_staff_kinds[i], by_kind[i]);
  }
}

/* A project's money rows: the 年度资金总额 row, then 财政拨款 (and 其他资金 when there is
 * any, executed first from the other money) as flow mappings; always_fiscal writes the
 * fiscal row even without other money. */
static void money_rows(buf *b, int ind, const gen_proj *p, bool always_fiscal) {
  kv_m(b, ind, "initial", p->initial, false);
  kv_m(b, ind, "adjusted", p->adjusted, false);
  kv_m(b, ind, "executed", p->executed, false);
  int64_t o_exec = p->other < p->executed ? p->other : p->executed;
  const struct {
    const char *key;
    int64_t initial, adjusted, executed;
  } rows[2] = {{"fiscal", p->initial - p->other, p->adjusted - p->other, p->executed - o_exec},
               {"other", p->other, p->other, o_exec}};
  for (int k = 0; k < 2; k++) {
    if (!p->other && (k == 1 || !always_fiscal)) continue;
    b_indent(b, ind);
    jx_buf_puts(b, rows[k].key);
    jx_buf_puts(b, ": {initial: ");
    b_money(b, rows[k].initial, false);
    jx_buf_puts(b, ", adjusted: ");
    b_money(b, rows[k].adjusted, false);
    jx_buf_puts(b, ", executed: ");
    b_money(b, rows[k].executed, false);
    jx_buf_puts(b, "}\n");
  }
}

/* A department-year being generated: what the planning steps draw and the writing steps
 * print (money in 分, other numbers as in gen_ind). */
typedef struct {
  const gen_domain *dom;
  const gen_size *sz;
  int est[3], post[3], est_total, post_total; /* staffing: 编制 and 实有 by kind */
  size_t body_idx[16], n_bodies;              /* internal bodies drawn from the domain's */
  int n_projects, n_sat, n_benefit, n_timely, n_quality, n_qual, n_quant;
  gen_row *rows; /* the acts of work: one quantity indicator each */
  int n_items;   /* work items, in n_sections sections */
  size_t n_sections, sec_idx[ARRAY_N(gen_sections)];
  size_t *order; /* the acts in the order the items list them */
  gen_proj *projects;
  int64_t basic_b, basic_exec, p_init, p_adj, proj_exec, budget_total, budget_fiscal, budget_other, carry_over, balance,
      exp_total, income_total, income_fiscal, income_other, upper;
  bool state_adjusted;
  gen_ind *inds;
  size_t ni;
  int64_t *w;      /* the indicators' weights */
  int unmet;       /* indicators whose target was not met */
  int64_t attainment;
} gen_dy;

/* Staffing (编制 and 实有, by kind) and the internal bodies of the profile. */
static void plan_staffing(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  const gen_domain *dom = y->dom;
  bool over = P(r, P_OVER_STAFF);
  for (int k = 0; k < 3; k++) {
    y->est[k] = (int)(k == 2 ? RANGE(r, R_STAFF_WORKER) : RANGE(r, g->d->unit >= 0 ? R_STAFF_UNIT : R_STAFF_AUTHORITY));
    y->est_total += y->est[k];
  }
  for (int k = 0; k < 3; k++) {
    int v = y->est[k] - (int)rng_int(r, 0, y->est[k] / 4);
    if (over && k == 0) v = y->est[k] + (int)RANGE(r, R_OVER_STAFF);
    y->post[k] = v < 0 ? 0 : v;
    y->post_total += y->post[k];
  }
  y->n_bodies = (size_t)rng_int(r, 3, (int64_t)dom->bodies.n);
  rng_sample(r, y->body_idx, dom->bodies.n, y->n_bodies);
}

/* How many of each part, the acts of work with their targets and actuals, and the work
 * items that group them. */
static void plan_work(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  const gen_domain *dom = y->dom;
  const gen_size *sz = y->sz;
  int n_ind = (int)rng_int(r, sz->ind[0], sz->ind[1]);
  y->n_projects = (int)rng_int(r, sz->projects[0], sz->projects[1]);
  if ((size_t)y->n_projects > dom->projects.n) y->n_projects = (int)dom->projects.n;
  y->n_sat = (int)rng_int(r, sz->sat[0], sz->sat[1]);
  y->n_benefit = (int)rng_int(r, sz->benefit[0], sz->benefit[1]);
  y->n_timely = (int)rng_int(r, sz->timely[0], sz->timely[1]);
  y->n_quality = (int)rng_int(r, sz->quality[0], sz->quality[1]);
  y->n_qual = (int)rng_int(r, sz->qual[0], sz->qual[1]);
  size_t n_acts_pool = dom->n_acts + ARRAY_N(gen_generic_acts);
  y->n_quant = n_ind - (y->n_projects + 1) - y->n_sat - y->n_benefit - y->n_timely - y->n_quality - y->n_qual - 2;
  if (y->n_quant < 2) y->n_quant = 2;
  if ((size_t)y->n_quant > n_acts_pool) y->n_quant = (int)n_acts_pool;
  size_t *act_order = pool_order(g, dom->n_acts, ARRAY_N(gen_generic_acts));

  /* acts: targets and actuals */
  y->rows = jx_arena_alloc(g->a, (size_t)y->n_quant * sizeof *y->rows);
  for (int i = 0; i < y->n_quant; i++) {
    size_t k = act_order[i];
    const gen_act *act = k < dom->n_acts ? &dom->acts[k] : &gen_generic_acts[k - dom->n_acts];
    gen_row *row = &y->rows[i];
    row->name = act->name;
    row->unit = act->unit;
    row->key = act->key;
    int64_t t = nice_target(r, act->lo, act->hi), a;
    unsigned x = (unsigned)rng_below(r, 1000);
    if (x < gen_probs[P_ACT_MISS].permille) {
      a = t * RANGE(r, R_ACT_MISS) / 100;
      if (a >= t) a = t - 1;
      if (a < 0) a = 0;
    } else if (x < gen_probs[P_ACT_MISS].permille + gen_probs[P_ACT_EXACT].permille) {
      a = t;
    } else {
      int64_t extra = t * RANGE(r, R_ACT_EXCEED) / 100;
      a = t + (extra < 1 ? 1 : extra);
    }
    row->target = t;
    row->actual = a;
  }

  /* work items group the acts */
  y->n_items = (int)rng_int(r, sz->items[0], sz->items[1]);
  y->n_sections = (size_t)(y->n_items / 3 < 3 ? 3 : y->n_items / 3);
  if (y->n_sections > ARRAY_N(gen_sections)) y->n_sections = ARRAY_N(gen_sections);
  rng_sample(r, y->sec_idx, ARRAY_N(gen_sections), y->n_sections);
  y->order = jx_arena_alloc(g->a, (size_t)y->n_quant * sizeof *y->order);
  rng_sample(r, y->order, (size_t)y->n_quant, (size_t)y->n_quant);
  for (int k = 0; k < y->n_quant; k++) y->rows[y->order[k]].item = k % y->n_items;
}

/* The money: basic and project budgets, execution, income, carry-over and balance. */
static void plan_money(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  const gen_domain *dom = y->dom;
  const gen_size *sz = y->sz;
  const int year = g->year;
  y->basic_b = (rng_int(r, sz->basic_wan[0], sz->basic_wan[1]) * 100 + rng_int(r, 0, 99)) * CENT_WAN;
  y->basic_b = grid(y->basic_b + y->basic_b * (year - 2023) * RANGE(r, R_BASIC_GROWTH) / 100);
  size_t proj_idx[16];
  rng_sample(r, proj_idx, dom->projects.n, (size_t)y->n_projects);
  y->projects = jx_arena_alloc(g->a, (size_t)y->n_projects * sizeof *y->projects);
  for (int i = 0; i < y->n_projects; i++) {
    gen_proj *p = &y->projects[i];
    p->name = dom->projects.items[proj_idx[i]];
    p->initial = (RANGE(r, R_PROJ_INITIAL) * 100 + rng_int(r, 0, 99)) * CENT_WAN;
    p->adjusted = p->initial;
    if (P(r, P_PROJ_ADDED)) p->adjusted = grid(p->initial + p->initial * RANGE(r, R_PROJ_ADDED) / 100);
    int64_t rate = P(r, P_PROJ_SLOW) ? RANGE(r, R_RATE_SLOW) : RANGE(r, R_RATE_NORMAL); /* ‰ */
    p->executed = grid(p->adjusted * rate / 1000);
    p->other = P(r, P_PROJ_OTHER) ? grid(p->initial * RANGE(r, R_PROJ_OTHER) / 100) : 0;
    y->p_init += p->initial;
    y->p_adj += p->adjusted;
    y->proj_exec += p->executed;
    y->budget_other += p->other;
    y->carry_over += p->adjusted - p->executed;
  }
  y->basic_exec = P(r, P_BASIC_OVER) ? grid(y->basic_b + y->basic_b * RANGE(r, R_BASIC_OVER) / 100)
                                      : grid(y->basic_b - y->basic_b * RANGE(r, R_BASIC_UNDER) / 100);
  y->exp_total = y->basic_exec + y->proj_exec;
  y->budget_total = y->basic_b + y->p_init;
  y->budget_fiscal = y->budget_total - y->budget_other;
  y->balance = P(r, P_BALANCE) && y->basic_b > y->basic_exec ? y->basic_b - y->basic_exec : 0;
  y->income_total = y->exp_total + y->carry_over + y->balance;
  y->income_other = y->budget_other < y->income_total ? y->budget_other : y->income_total;
  y->income_fiscal = y->income_total - y->income_other;
  y->upper = grid(y->income_total * RANGE(r, R_UPPER_SHARE) / 100);
  y->state_adjusted = P(r, P_STATE_ADJUSTED);
}

/* The indicators, with their weights. */
static void plan_indicators(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  const gen_domain *dom = y->dom;
  const int year = g->year;
  size_t cap = (size_t)y->n_quant + (size_t)y->n_quality + (size_t)y->n_qual + (size_t)y->n_timely + (size_t)y->n_benefit +
               (size_t)y->n_sat + (size_t)y->n_projects + 4;
  y->inds = jx_arena_alloc(g->a, cap * sizeof *y->inds);
#define ADD(l1, l2, nm, nat, tv, un) \
  (y->inds[y->ni] = (gen_ind){.level1 = (l1), .level2 = (l2), .name = (nm), .nature = (nat), .t = (tv), .unit = (un)}, &y->inds[y->ni++])
  gen_ind *x = ADD("产出指标", "数量指标", "保障在职人员正常运转", "=", (int64_t)y->post_total * NUM, "人");
  x->a_known = true;
  x->a = (int64_t)y->post_total * NUM;
  x->a_ref = "= profile.staffing.in_post.total";
  x->describes = "profile.staffing.in_post.total";
  for (int i = 0; i < y->n_quant; i++) {
    const gen_row *row = &y->rows[i];
    const char *nature = row->actual == row->target && P(r, P_EQ_NATURE) ? "=" : "≥";
    x = ADD("产出指标", "数量指标", row->name, nature, row->target * NUM, row->unit);
    x->a_known = true;
    x->a = row->actual * NUM;
    if (P(r, P_REF_ACTUAL)) x->a_ref = aprintf(g, "= work.items[%d].counts.%s", row->item, row->key);
  }
  size_t *qorder = pool_order(g, dom->n_quality, ARRAY_N(gen_generic_quality));
  for (int i = 0; i < y->n_quality && (size_t)i < dom->n_quality + ARRAY_N(gen_generic_quality); i++) {
    size_t k = qorder[i];
    const gen_target *q = k < dom->n_quality ? &dom->quality[k] : &gen_generic_quality[k - dom->n_quality];
    int64_t t = 0;
    jx_parse_num(q->target, &t, &(bool){0}, &(const char *){NULL});
    ADD("产出指标", "质量指标", q->name, q->nature, t, q->unit);
  }
  size_t *qlorder = pool_order(g, dom->n_qual, ARRAY_N(gen_generic_qual));
  for (int i = 0; i < y->n_qual && (size_t)i < dom->n_qual + ARRAY_N(gen_generic_qual); i++) {
    size_t k = qlorder[i];
    const gen_qual *q = k < dom->n_qual ? &dom->qual[k] : &gen_generic_qual[k - dom->n_qual];
    x = ADD("产出指标", "质量指标", q->name, "定性", 0, NULL);
    x->ttext = q->target;
  }
  x = ADD("产出指标", "时效指标", "全年基本支出和项目支出", "=", (int64_t)year * NUM, "年");
  x->a_known = true;
  x->a = (int64_t)year * NUM;
  size_t torder[ARRAY_N(gen_generic_timely)];
  rng_sample(r, torder, ARRAY_N(gen_generic_timely), (size_t)y->n_timely);
  for (int i = 0; i < y->n_timely; i++) {
    const gen_target *q = &gen_generic_timely[torder[i]];
    int64_t t = 0;
    jx_parse_num(q->target, &t, &(bool){0}, &(const char *){NULL});
    ADD("产出指标", "时效指标", q->name, q->nature, t, q->unit);
  }
  size_t *border = pool_order(g, dom->n_benefits, ARRAY_N(gen_generic_benefits));
  for (int i = 0; i < y->n_benefit && (size_t)i < dom->n_benefits + ARRAY_N(gen_generic_benefits); i++) {
    size_t k = border[i];
    const gen_target *q = k < dom->n_benefits ? &dom->benefits[k] : &gen_generic_benefits[k - dom->n_benefits];
    int64_t t = 0;
    if (strcmp(q->nature, "定性") != 0) jx_parse_num(q->target, &t, &(bool){0}, &(const char *){NULL});
    x = ADD("效益指标", q->level2, q->name, q->nature, t, q->unit);
    if (!strcmp(q->nature, "定性")) x->ttext = q->target;
  }
  static const int sat_targets[] = {85, 90, 90, 95};
  for (int i = 0; i < y->n_sat; i++) {
    static const char *const extra[] = {"干部职工满意度", "群众满意度", "服务对象满意度"};
    const char *nm = (size_t)i < dom->objects.n ? aprintf(g, "%s满意度", dom->objects.items[i]) : extra[((size_t)i - dom->objects.n) % 3];
    x = ADD("满意度指标", "服务对象满意度指标", nm, "≥", (int64_t)PICK(r, sat_targets, 4) * NUM, "%");
    x->survey = true;
    x->heavy = true;
  }
  x = ADD("成本指标", "经济成本指标", "人员经费和公用经费（基本支出）", "≤", y->basic_b, "万元");
  x->a_known = true;
  x->a = y->basic_exec;
  x->a_ref = "= finance.expenditure.basic";
  x->heavy = true;
  for (int i = 0; i < y->n_projects; i++) {
    x = ADD("成本指标", "经济成本指标", aprintf(g, "%s成本控制", y->projects[i].name), "≤", y->projects[i].initial, "万元");
    x->a_known = true;
    x->a = y->projects[i].executed;
    x->a_ref = aprintf(g, "= finance.projects[%d].executed", i);
    x->heavy = true;
  }
#undef ADD
  g->n_indicators = y->ni;

  y->w = jx_arena_alloc(g->a, y->ni * sizeof *y->w);
  bool *heavy = jx_arena_alloc(g->a, y->ni * sizeof *heavy);
  for (size_t i = 0; i < y->ni; i++) heavy[i] = y->inds[i].heavy;
  gen_weights(r, y->w, y->ni, heavy, 200);
}

/* Header comment, schema and department. */
static void write_head(gen_ctx *g) {
  buf *b = g->b;
  const int year = g->year;
  b_printf(b, "# %s %d年度部门整体绩效自评 — department-year file.\n", g->unit, year);
  b_printf(b, "# Synthetic: generated by jixiao gen (department %s); not a real report.\n", g->d->code);
  jx_buf_puts(b, "schema: jixiao/1\nkind: department\nframework: sichuan-ebian-department-2023\n");
  kv_i(b, 0, "year", year);
  jx_buf_puts(b, "money_unit: 万元\n\ndepartment:\n");
  kv_s(b, 2, "name", g->dept);
  kv_s(b, 2, "unit", g->unit);
  kv_q(b, 2, "code", g->d->code);
}

/* profile: bodies, duties, functions, staffing, counts. */
static void write_profile(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  buf *b = g->b;
  const gen_domain *dom = y->dom;
  jx_buf_puts(b, "\nprofile:\n  bodies:\n    - 办公室\n");
  for (size_t i = 0; i < y->n_bodies; i++) b_item(b, 4, dom->bodies.items[y->body_idx[i]]);
  kv_s(b, 2, "duties", dom->duties);
  b_head(b, 2, "functions");
  for (size_t i = 0; i < dom->functions.n; i++) b_item(b, 4, dom->functions.items[i]);
  b_head(b, 2, "staffing");
  staff_group(g, 4, "establishment", y->est, y->est_total);
  staff_group(g, 4, "in_post", y->post, y->post_total + (g->fault == F_STAFF ? 1 : 0));
  b_head(b, 2, "counts");
  kv_i(b, 4, "internal_bodies", (int64_t)y->n_bodies + 1);
  if (y->n_quant && P(r, P_PROFILE_FACT)) {
    const gen_row *row = &y->rows[rng_below(r, (uint64_t)y->n_quant)];
    b_key(b, 4, row->key);
    b_int(b, row->actual);
    jx_buf_puts(b, "  # 与工作事项中所载一致\n");
  }
}

/* work: the summary and the items with their counts. */
static void write_work(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  buf *b = g->b;
  const gen_domain *dom = y->dom;
  const int year = g->year;
  jx_buf_puts(b, "\nwork:\n");
  b_key(b, 2, "summary");
  b_printf(b, "%d年，%s在县委、县政府的坚强领导下，%s认真履行%s职责，较好完成了年度各项目标任务。\n", year, g->unit,
           PICK(r, gen_intros, ARRAY_N(gen_intros)), dom->duties);
  b_head(b, 2, "items");
  for (int it = 0; it < y->n_items; it++) {
    const char *sec = gen_sections[y->sec_idx[(size_t)it * y->n_sections / (size_t)y->n_items]];
    const char *first = "日常工作";
    for (int k = 0; k < y->n_quant; k++)
      if (y->rows[y->order[k]].item == it) {
        first = y->rows[y->order[k]].name;
        break;
      }
    b_indent(b, 4);
    b_printf(b, "- title: %s——%s\n", sec, first);
    b_key(b, 6, "text");
    jx_buf_puts(b, PICK(r, gen_intros, ARRAY_N(gen_intros)));
    int j = 0, in_item = 0;
    for (int k = 0; k < y->n_quant; k++) in_item += y->rows[y->order[k]].item == it;
    for (int k = 0; k < y->n_quant; k++) {
      const gen_row *row = &y->rows[y->order[k]];
      if (row->item != it) continue;
      b_printf(b, "%s%s%lld%s%s", gen_ordinals[j % ARRAY_N(gen_ordinals)], row->name, (long long)row->actual, row->unit,
               j + 1 < in_item ? "；" : "。");
      j++;
    }
    size_t mid[ARRAY_N(gen_middles)], n_mid = (size_t)rng_int(r, 1, 3);
    rng_sample(r, mid, ARRAY_N(gen_middles), n_mid);
    for (size_t m = 0; m < n_mid; m++) {
      const char *s = gen_middles[mid[m]];
      size_t len = strlen(s);
      if (len >= 3 && !strcmp(s + len - 3, "，")) len -= 3;
      jx_buf_mem(b, s, len);
      jx_buf_puts(b, "。");
    }
    jx_buf_puts(b, PICK(r, gen_endings, ARRAY_N(gen_endings)));
    jx_buf_ch(b, '\n');
    if (!in_item) continue;
    b_head(b, 6, "counts");
    for (int k = 0; k < y->n_quant; k++) {
      const gen_row *row = &y->rows[y->order[k]];
      if (row->item != it) continue;
      int64_t v = row->actual;
      if (v >= 4 && P(r, P_COUNT_PARTS)) {
        int64_t q[4] = {v / 4, v / 4, v / 4, v / 4};
        for (int64_t e = 0; e < v - 4 * (v / 4); e++) q[e]++;
        b_head(b, 8, row->key);
        kv_i(b, 10, "total", v);
        b_indent(b, 10);
        b_printf(b, "parts: {一季度: %lld, 二季度: %lld, 三季度: %lld, 四季度: %lld}\n", (long long)q[0], (long long)q[1],
                 (long long)q[2], (long long)q[3]);
      } else if (P(r, P_COUNT_COMMENT)) {
        b_key(b, 8, row->key);
        b_printf(b, "%lld  # %s%lld%s\n", (long long)v, row->name, (long long)v, row->unit);
      } else {
        kv_i(b, 8, row->key, v);
      }
    }
  }
}

/* budget, goals and tasks. */
static void write_budget(gen_ctx *g, gen_dy *y) {
  buf *b = g->b;
  const gen_domain *dom = y->dom;
  const bool seps = g->seps;
  jx_buf_puts(b, "\nbudget:\n");
  kv_m(b, 2, "total", y->budget_total, seps);
  kv_m(b, 2, "fiscal", y->budget_fiscal, seps);
  kv_m(b, 2, "other", y->budget_other, seps);
  jx_buf_puts(b, "\ngoals:\n  - 保障基本支出和单位正常运转\n");
  b_item(b, 2, dom->duties);
  for (int i = 0; i < y->n_projects && i < 3; i++) {
    b_indent(b, 2);
    b_printf(b, "- 完成%s年度目标任务\n", y->projects[i].name);
  }
  jx_buf_puts(b, "\ntasks:\n  - name: 基本支出\n    content: 工资福利支出、对个人和家庭的补助、商品和服务支出等\n");
  kv_m(b, 4, "budget", y->basic_b, seps);
  for (int i = 0; i < y->n_projects; i++) {
    b_indent(b, 2);
    b_printf(b, "- name: %s\n    content: 按照项目实施方案完成%s年度任务\n", y->projects[i].name, y->projects[i].name);
    kv_m(b, 4, "budget", y->projects[i].initial, seps);
  }
}

/* indicators: targets, actuals and scores, with the faults that change them (F_WEIGHT,
 * F_QUAL_SCORE, F_REF, F_NOTE); sets y->unmet and y->attainment. */
static void write_indicators(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  buf *b = g->b;
  size_t fault_ind = (size_t)-1; /* F_WEIGHT, F_QUAL_SCORE, F_NOTE, F_REF: which indicator */
  if (g->fault == F_WEIGHT || g->fault == F_QUAL_SCORE || g->fault == F_REF) {
    for (size_t i = 0; i < y->ni && fault_ind == (size_t)-1; i++) {
      if (g->fault == F_WEIGHT) fault_ind = (size_t)rng_below(r, y->ni);
      else if ((g->fault == F_QUAL_SCORE && !strcmp(y->inds[i].nature, "定性")) || (g->fault == F_REF && y->inds[i].a_ref))
        fault_ind = i;
    }
    if (fault_ind == (size_t)-1) g->fault = F_WEIGHT, fault_ind = 0;
  }
  int64_t total_score = 0;
  bool note_dropped = false;
  jx_buf_puts(b, "\nindicators:\n");
  for (size_t i = 0; i < y->ni; i++) {
    gen_ind *d = &y->inds[i];
    bool qual = !strcmp(d->nature, "定性");
    bool pct = d->unit && !strcmp(d->unit, "%");
    int64_t wi = y->w[i] + (g->fault == F_WEIGHT && i == fault_ind ? NUM / 2 : 0);
    int64_t s;
    bool met;
    b_indent(b, 2);
    jx_buf_puts(b, "- level1: ");
    jx_buf_puts(b, d->level1);
    jx_buf_ch(b, '\n');
    kv_s(b, 4, "level2", d->level2);
    kv_s(b, 4, "name", d->name);
    if (!strcmp(d->nature, "=")) kv_q(b, 4, "nature", "=");
    else kv_s(b, 4, "nature", d->nature);
    if (qual) {
      kv_s(b, 4, "target", d->ttext);
      kv_n(b, 4, "weight", wi);
      if (P(r, P_QUAL_MET)) {
        int64_t lo = r2(y->w[i] * 8, 10 * NUM, NUM); /* 0.8 w: the band of 达成 */
        int64_t c[11];
        int nc = 0;
        for (int k = 0; k < 6; k++) c[nc++] = y->w[i];
        for (int k = 1; k <= 5; k++)
          if (y->w[i] - k * (NUM / 10) >= lo) c[nc++] = y->w[i] - k * (NUM / 10);
        s = c[rng_below(r, (uint64_t)nc)];
        met = true;
        kv_s(b, 4, "actual", "达成");
      } else {
        s = r2(y->w[i] * 7, 10 * NUM, NUM);
        met = false;
        kv_s(b, 4, "actual", "部分达成");
      }
      kv_n(b, 4, "score", g->fault == F_QUAL_SCORE && i == fault_ind ? y->w[i] + NUM : s);
    } else {
      int64_t a = d->a_known ? d->a : gen_actual(r, d->nature, d->t, pct);
      b_key(b, 4, "target");
      b_num(b, d->t);
      if (pct && P(r, P_PCT_TARGET_TEXT)) jx_buf_ch(b, '%');
      jx_buf_ch(b, '\n');
      if (d->unit) {
        if (pct) kv_q(b, 4, "unit", "%");
        else kv_s(b, 4, "unit", d->unit);
      }
      kv_n(b, 4, "weight", wi);
      b_key(b, 4, "actual");
      if (g->fault == F_REF && i == fault_ind) {
        b_printf(b, "\"%s\"", !strncmp(d->a_ref, "= work.items[", 13) ? "= work.items[99].counts.missing" : "= finance.expenditure.basci");
      } else if (d->a_ref) {
        jx_buf_ch(b, '"');
        jx_buf_puts(b, d->a_ref);
        jx_buf_ch(b, '"');
      } else {
        b_num(b, a);
        if (pct && P(r, P_PCT_ACTUAL_TEXT)) jx_buf_ch(b, '%');
      }
      jx_buf_ch(b, '\n');
      s = quant_score(d->nature, a, d->t, y->w[i], &met);
      if (d->describes) kv_s(b, 4, "describes", d->describes);
    }
    if (!met) {
      y->unmet++;
      if (g->fault == F_NOTE && !note_dropped) {
        note_dropped = true;
      } else {
        b_key(b, 4, "deviation_note");
        if (!strcmp(d->level1, "成本指标"))
          b_printf(b, "%s，%s实际支出超过年初指标值。%s\n", PICK(r, gen_cost_causes, ARRAY_N(gen_cost_causes)), d->name,
                   PICK(r, gen_cost_fixes, ARRAY_N(gen_cost_fixes)));
        else
          b_printf(b, "%s，%s未达到年度目标。%s\n", PICK(r, gen_deviation_causes, ARRAY_N(gen_deviation_causes)), d->name,
                   PICK(r, gen_deviation_fixes, ARRAY_N(gen_deviation_fixes)));
      }
    }
    if (d->survey && P(r, P_SURVEY_EVIDENCE)) {
      int64_t n = rng_int(r, 100, 600), m = n - rng_int(r, 0, n / 20);
      jx_buf_puts(b, "    evidence:\n      - ");
      if (rng_below(r, 2)) b_printf(b, "通过问卷调查，发放问卷%lld份，回收有效问卷%lld份\n", (long long)n, (long long)m);
      else b_printf(b, "通过电话回访%lld户，满意%lld户\n", (long long)n, (long long)m);
    } else if (P(r, P_EVIDENCE)) {
      size_t ev[ARRAY_N(gen_evidence)], k = (size_t)rng_int(r, 1, 3);
      rng_sample(r, ev, ARRAY_N(gen_evidence), k);
      b_head(b, 4, "evidence");
      for (size_t e = 0; e < k; e++) b_item(b, 6, gen_evidence[ev[e]]);
    }
    total_score += s;
  }
  if (g->fault == F_NOTE && !note_dropped) g->fault = F_NONE; /* nothing was missed: no note to leave out */
  y->attainment = total_score; /* weights add to 100: the score is the percentage */
}

/* finance: income, expenditure, projects, carry-over and balance. */
static void write_finance(gen_ctx *g, gen_dy *y) {
  buf *b = g->b;
  const bool seps = g->seps;
  jx_buf_puts(b, "\nfinance:\n  income:\n");
  kv_m(b, 4, "total", y->income_total, seps);
  kv_m(b, 4, "fiscal", y->income_fiscal - (g->fault == F_INCOME ? WAN : 0), seps);
  kv_m(b, 4, "other", y->income_other, seps);
  jx_buf_puts(b, "    by_level:\n");
  b_key(b, 6, "上级资金");
  b_money(b, y->upper, seps);
  jx_buf_ch(b, '\n');
  b_key(b, 6, "县级资金");
  b_money(b, y->income_total - y->upper, seps);
  jx_buf_ch(b, '\n');
  if (y->state_adjusted) kv_m(b, 2, "adjusted", y->income_total, seps);
  jx_buf_puts(b, "  expenditure:\n");
  kv_m(b, 4, "total", y->exp_total, seps);
  if (g->fault == F_EXPENDITURE) {
    char t[48];
    jx_format_money_wan(y->basic_exec, t, sizeof t);
    size_t n = strlen(t);
    if (t[n - 1] != t[n - 2]) {
      char c = t[n - 1];
      t[n - 1] = t[n - 2];
      t[n - 2] = c;
    } else {
      t[n - 1] = (char)('0' + (t[n - 1] - '0' + 1) % 10);
    }
    kv_s(b, 4, "basic", t);
  } else {
    kv_m(b, 4, "basic", y->basic_exec, seps);
  }
  kv_m(b, 4, "project", y->proj_exec, seps);
  b_head(b, 2, "projects");
  for (int i = 0; i < y->n_projects; i++) {
    const gen_proj *p = &y->projects[i];
    b_indent(b, 4);
    jx_buf_puts(b, "- name: ");
    jx_buf_puts(b, p->name);
    jx_buf_ch(b, '\n');
    money_rows(b, 6, p, false);
    if (p->executed * 100 < p->adjusted * 90) kv_s(b, 6, "execution_note", "受项目实施进度影响，部分资金结转下年使用。");
  }
  kv_m(b, 2, "carry_over", y->carry_over, seps);
  kv_m(b, 2, "balance", y->balance, seps);
  kv_s(b, 2, "note", y->carry_over + y->balance == 0 ? "全年无结转结余" : "结转资金为项目未完成部分，按规定结转下年使用");
}

/* monitoring (some department-years): cumulative execution in June, September, November. */
static void write_monitoring(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  buf *b = g->b;
  if (P(r, P_MONITORING)) {
    static const int months[3] = {6, 9, 11}, lo[3] = {40, 65, 82}, hi[3] = {55, 80, 95};
    int64_t cum = 0;
    jx_buf_puts(b, "\nmonitoring:\n");
    for (int k = 0; k < 3; k++) {
      int64_t v = grid(y->exp_total * rng_int(r, lo[k], hi[k]) / 100);
      if (v > cum) cum = v;
      b_indent(b, 2);
      b_printf(b, "- month: %d\n", months[k]);
      kv_m(b, 4, "executed", cum, false);
      kv_m(b, 4, "forecast", y->exp_total, false);
      if (months[k] == 6 && cum * 100 < y->exp_total * 45) {
        kv_s(b, 4, "cause", "部分项目资金下达较晚，支出进度偏慢");
        kv_s(b, 4, "fix", "加快项目实施和资金支付进度");
      }
    }
  }
}

/* Whole percentages of a millionths percentage, rounded down and up: the claims of the
 * analysis and the stated total. */
#define FLOOR_PCT(v) ((v) >= 0 ? (v) / NUM : -((-(v) + NUM - 1) / NUM))
#define CEIL_PCT(v) ((v) >= 0 ? ((v) + NUM - 1) / NUM : -(-(v) / NUM))

/* analysis: claims that hold, of the department and of its projects. */
static void write_analysis(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  buf *b = g->b;
  const gen_domain *dom = y->dom;
  const int year = g->year;
  int64_t exec_rate = r2(y->exp_total, y->income_total, 100 * NUM);
  int64_t dev = r2(y->exp_total - y->budget_total, y->budget_total, 100 * NUM);
  int64_t bal_rate = r2(y->carry_over + y->balance, y->exp_total, 100 * NUM);
  int64_t p_dev = r2(y->proj_exec - y->p_init, y->p_init, 100 * NUM);
  int64_t p_rate = r2(y->proj_exec, y->p_adj, 100 * NUM);
  int64_t abs_dev = dev < 0 ? -dev : dev, abs_pdev = p_dev < 0 ? -p_dev : p_dev;
  jx_buf_puts(b, "\nanalysis:\n  department:\n");
  b_key(b, 4, "goal_setting");
  b_printf(b, "以%s为导向，结合年度目标任务，科学合理设置各项绩效目标，将绩效理念和方法融入预算编制、执行、监督全过程。\n", dom->duties);
  b_printf(b, "    goal_attainment:\n      text: 全年部门整体支出绩效实现目标的%lld%%以上。\n      metric: attainment\n"
              "      nature: ≥\n      value: %lld%%\n",
           (long long)FLOOR_PCT(y->attainment), (long long)FLOOR_PCT(y->attainment));
  b_printf(b, "    spending_control:\n      text: 全年部门预决算偏差程度控制在%lld%%以内。\n      metric: budget_deviation\n"
              "      nature: ≤\n      value: %lld%%\n",
           (long long)CEIL_PCT(abs_dev), (long long)CEIL_PCT(abs_dev));
  kv_s(b, 4, "timely_handling", rng_below(r, 2) ? "对监控发现的执行偏差及时采取了纠偏措施。" : "部门开展绩效运行监控未发现问题。");
  b_printf(b, "    execution_progress:\n      text: 全年预算执行率达到%lld%%以上。\n      metric: execution_rate\n"
              "      nature: ≥\n      value: %lld%%\n",
           (long long)FLOOR_PCT(exec_rate), (long long)FLOOR_PCT(exec_rate));
  jx_buf_puts(b, "    budget_completion: 按计划完成了预算目标任务。\n");
  if (y->carry_over + y->balance == 0)
    jx_buf_puts(b, "    balance_rate:\n      text: 无结转结余。\n      metric: balance_rate\n      nature: \"=\"\n      value: 0%\n");
  else
    b_printf(b, "    balance_rate:\n      text: 资金结转结余率控制在%lld%%以内。\n      metric: balance_rate\n"
                "      nature: ≤\n      value: %lld%%\n",
             (long long)CEIL_PCT(bal_rate), (long long)CEIL_PCT(bal_rate));
  jx_buf_puts(b, "    violations: 无违规记录情况。\n  projects:\n");
  b_key(b, 4, "goal_setting");
  b_printf(b, "%s%d年对", g->unit, year);
  for (int i = 0; i < y->n_projects; i++) b_printf(b, "%s%s", i ? "、" : "", y->projects[i].name);
  b_printf(b, "%d个项目开展了绩效自评。\n", y->n_projects);
  jx_buf_puts(b, "    goal_attainment: 各项目年度绩效目标基本实现。\n");
  b_printf(b, "    spending_control:\n      text: 各项目预决算偏差程度控制在%lld%%以内。\n      metric: budget_deviation\n"
              "      nature: ≤\n      value: %lld%%\n",
           (long long)CEIL_PCT(abs_pdev), (long long)CEIL_PCT(abs_pdev));
  jx_buf_puts(b, "    timely_handling: 部门开展项目绩效运行监控未发现重大问题。\n");
  b_printf(b, "    execution_progress:\n      text: 各项目预算执行率达到%lld%%以上。\n      metric: execution_rate\n"
              "      nature: ≥\n      value: %lld%%\n",
           (long long)FLOOR_PCT(p_rate), (long long)FLOOR_PCT(p_rate));
  jx_buf_puts(b, "    budget_completion: 各项目按计划完成了年初预算目标任务。\n    balance_rate: 项目结转资金按规定结转下年继续使用。\n"
           "    violations: 项目无违规记录情况。\n");
}

/* application: how the results were used. */
static void write_application(gen_ctx *g) {
  rng *r = &g->r;
  buf *b = g->b;
  jx_buf_puts(b, "\napplication:\n");
  b_key(b, 2, "publication");
  b_printf(b, "%s严格按照预算信息公开要求，在规定时间内公开了本部门预决算信息和部门整体绩效自评情况。\n", g->unit);
  jx_buf_puts(b, "  feedback: 按要求在规定时间内及时向财政部门反馈结果应用情况。\n");
  kv_s(b, 2, "rectification", rng_below(r, 2) ? "无绩效管理结果整改事项。" : "对上年评价发现的问题已全部整改到位。");
  kv_s(b, 2, "internal", rng_below(r, 2) ? "无内设机构和下属单位自评情况。" : "将自评结果作为下年度预算安排的重要依据。");
}

/* assessment (blocks, conclusion), problems, suggestions, signer and date. */
static void write_assessment(gen_ctx *g, gen_dy *y) {
  rng *r = &g->r;
  buf *b = g->b;
  const int year = g->year;
  int64_t top = y->unmet == 0 ? 100 : FLOOR_PCT(y->attainment) < 100 ? FLOOR_PCT(y->attainment) : 100;
  int64_t stated = top >= 85 ? rng_int(r, top - 8 > 85 ? top - 8 : 85, top) : top;
  int block_scores[ARRAY_N(gen_blocks)];
  for (size_t k = 0; k < ARRAY_N(gen_blocks); k++) block_scores[k] = gen_blocks[k].max;
  for (int64_t ded = 100 - stated; ded > 0;) {
    /* the first three blocks lose points more often */
    size_t k = (size_t)rng_below(r, 9 + ARRAY_N(gen_blocks));
    k = k < 9 ? k % 3 : k - 9;
    if (block_scores[k] > 0) block_scores[k]--, ded--;
  }
  int64_t stated_written = stated + (g->fault == F_BLOCKS ? (stated <= 98 ? 2 : -5) : 0);
  const char *grade = stated >= 90 ? "优" : stated >= 80 ? "良" : stated >= 60 ? "中" : "差";
  jx_buf_puts(b, "\nassessment:\n");
  kv_i(b, 2, "total", stated_written);
  kv_s(b, 2, "grade", stated_written >= 90 ? "优" : stated_written >= 80 ? "良" : stated_written >= 60 ? "中" : grade);
  b_head(b, 2, "blocks");
  for (size_t k = 0; k < ARRAY_N(gen_blocks); k++) {
    const gen_block *bl = &gen_blocks[k];
    if (block_scores[k] < bl->max) {
      b_indent(b, 4);
      b_printf(b, "- name: %s\n      score: %d\n", bl->name, block_scores[k]);
      kv_s(b, 6, "reason", bl->reasons[rng_below(r, bl->n_reasons)]);
    } else if (g->flow) {
      b_indent(b, 4);
      b_printf(b, "- {name: %s, score: %d}\n", bl->name, block_scores[k]);
    } else {
      b_indent(b, 4);
      b_printf(b, "- name: %s\n      score: %d\n", bl->name, block_scores[k]);
    }
  }
  b_key(b, 2, "conclusion");
  b_printf(b, "%s认真组织开展了部门整体绩效自评工作，部门整体自评得分：%lld分，其中：", g->unit, (long long)stated);
  for (size_t k = 0; k < ARRAY_N(gen_blocks); k++) b_printf(b, "%s%s%d分", k ? "、" : "", gen_blocks[k].name, block_scores[k]);
  jx_buf_puts(b, "。总体上完成了各项绩效目标。\n");

  size_t pi[ARRAY_N(gen_problems)], np = (size_t)rng_int(r, 2, 4);
  rng_sample(r, pi, ARRAY_N(gen_problems), np);
  jx_buf_puts(b, "\nproblems:\n");
  for (size_t k = 0; k < np; k++) b_item(b, 2, gen_problems[pi[k]]);
  size_t si[ARRAY_N(gen_suggestions)], ns = (size_t)rng_int(r, 2, 4);
  rng_sample(r, si, ARRAY_N(gen_suggestions), ns);
  jx_buf_puts(b, "\nsuggestions:\n");
  for (size_t k = 0; k < ns; k++) b_item(b, 2, gen_suggestions[si[k]]);
  jx_buf_puts(b, "\n");
  kv_s(b, 0, "signer", g->unit);
  b_printf(b, "date: \"%d-%02d-%02d\"\n", year + 1, (int)rng_int(r, 3, 7), (int)rng_int(r, 1, 28));
}
#undef FLOOR_PCT
#undef CEIL_PCT

/* Write one kind: department file into g->b: the numbers are drawn first, then the parts
 * written in the file's order (the draws of each step in the same order as always: the
 * output depends on it). */
static void gen_department(gen_ctx *g) {
  gen_dy y = {.dom = &gen_domains[g->d->domain]};
  y.sz = &gen_sizes[pick_size(&g->r, g->d->unit >= 0)];
  g->seps = P(&g->r, P_SEPS);
  g->flow = P(&g->r, P_FLOW);
  plan_staffing(g, &y);
  plan_work(g, &y);
  plan_money(g, &y);
  plan_indicators(g, &y);
  write_head(g);
  write_profile(g, &y);
  write_work(g, &y);
  write_budget(g, &y);
  write_indicators(g, &y);
  write_finance(g, &y);
  write_monitoring(g, &y);
  write_analysis(g, &y);
  write_application(g);
  write_assessment(g, &y);
  g->projects = y.projects;
  g->n_projects = (size_t)y.n_projects;
  g->mon_other = y.budget_other;
  g->mon_fiscal = y.basic_b + y.p_adj - y.budget_other;
  g->rows = y.rows;
  g->n_rows = y.n_quant;
}

/* Write one kind: project file (财预〔2020〕10号) for project p of the department-year
 * just generated. */
static void gen_project_file(gen_ctx *g, size_t pidx) {
  rng *r = &g->r;
  buf *b = g->b;
  const gen_domain *dom = &gen_domains[g->d->domain];
  const gen_proj *p = &g->projects[pidx];
  b_printf(b, "# %s %d年度项目支出绩效自评（%s）— synthetic, generated by jixiao gen; not a real report.\n", g->unit, g->year, p->name);
  jx_buf_puts(b, "schema: jixiao/1\nkind: project\nframework: cn-mof-2020-10-project\n");
  kv_i(b, 0, "year", g->year);
  jx_buf_puts(b, "\ndepartment:\n");
  kv_s(b, 2, "name", g->dept);
  kv_s(b, 2, "unit", g->unit);
  kv_q(b, 2, "code", g->d->code);
  jx_buf_puts(b, "\nproject:\n");
  kv_s(b, 2, "name", p->name);
  b_indent(b, 2);
  b_printf(b, "code: \"%s-%d-%02zu\"\n", g->d->code, g->year, pidx + 1);
  kv_s(b, 2, "owner", g->unit);
  money_rows(b, 2, p, true);
  int64_t exec_rate = r2(p->executed, p->adjusted, 100 * NUM);
  if (exec_rate < 90 * NUM) kv_s(b, 2, "execution_note", "受项目实施进度影响，部分资金结转下年使用。");
  jx_buf_puts(b, "  goals:\n");
  b_indent(b, 4);
  b_printf(b, "- 按照项目实施方案完成%s年度任务\n", p->name);
  kv_s(b, 2, "goal_results", "项目年度绩效目标基本实现。");
  /* indicators: 产出 50 (quantity acts, one quality), 效益 30, 满意度 10 */
  size_t na = (size_t)rng_int(r, 2, 4);
  if (na > dom->n_acts) na = dom->n_acts;
  size_t act_idx[16];
  rng_sample(r, act_idx, dom->n_acts, na);
  size_t nb = (size_t)rng_int(r, 1, 2);
  if (nb > dom->n_benefits) nb = dom->n_benefits;
  size_t ben_idx[8];
  rng_sample(r, ben_idx, dom->n_benefits, nb);
  size_t n_out = na + 1, n = n_out + nb + 1;
  int64_t w[24];
  bool heavy[24] = {0};
  gen_weights(r, w, n_out, heavy, 100);
  gen_weights(r, w + n_out, nb, heavy, 60);
  w[n - 1] = 10 * NUM;
  int64_t total = 0;
  jx_buf_puts(b, "  indicators:\n");
  for (size_t i = 0; i < n; i++) {
    const char *l1, *l2, *name, *nature, *unit = NULL, *ttext = NULL;
    int64_t t = 0;
    if (i < na) {
      const gen_act *act = &dom->acts[act_idx[i]];
      l1 = "产出指标", l2 = "数量指标", name = act->name, nature = "≥", unit = act->unit, t = nice_target(r, act->lo, act->hi) * NUM;
    } else if (i == na) {
      l1 = "产出指标", l2 = "质量指标", name = dom->quality[0].name, nature = dom->quality[0].nature, unit = dom->quality[0].unit;
      jx_parse_num(dom->quality[0].target, &t, &(bool){0}, &(const char *){NULL});
    } else if (i < n - 1) {
      const gen_target *q = &dom->benefits[ben_idx[i - n_out]];
      l1 = "效益指标", l2 = q->level2, name = q->name, nature = q->nature, unit = q->unit;
      if (!strcmp(nature, "定性")) ttext = q->target;
      else jx_parse_num(q->target, &t, &(bool){0}, &(const char *){NULL});
    } else {
      l1 = "满意度指标", l2 = "服务对象满意度指标", name = aprintf(g, "%s满意度", dom->objects.items[0]), nature = "≥", unit = "%",
      t = 90 * NUM;
    }
    b_indent(b, 4);
    b_printf(b, "- level1: %s\n", l1);
    kv_s(b, 6, "level2", l2);
    kv_s(b, 6, "name", name);
    if (!strcmp(nature, "=")) kv_q(b, 6, "nature", "=");
    else kv_s(b, 6, "nature", nature);
    int64_t s;
    bool met;
    if (ttext) {
      kv_s(b, 6, "target", ttext);
      kv_n(b, 6, "weight", w[i]);
      kv_s(b, 6, "actual", "达成");
      s = w[i];
      met = true;
      kv_n(b, 6, "score", s);
    } else {
      bool pct = unit && !strcmp(unit, "%");
      int64_t a = gen_actual(r, nature, t, pct);
      kv_n(b, 6, "target", t);
      if (pct) kv_q(b, 6, "unit", "%");
      else if (unit) kv_s(b, 6, "unit", unit);
      kv_n(b, 6, "weight", w[i]);
      kv_n(b, 6, "actual", a);
      s = quant_score(nature, a, t, w[i], &met);
    }
    if (!met) {
      b_key(b, 6, "deviation_note");
      b_printf(b, "%s，%s未达到年度目标。%s\n", PICK(r, gen_deviation_causes, ARRAY_N(gen_deviation_causes)), name,
               PICK(r, gen_deviation_fixes, ARRAY_N(gen_deviation_fixes)));
    }
    total += s;
  }
  int64_t capped = p->executed < p->adjusted ? p->executed : p->adjusted;
  total += r2(capped, p->adjusted, 10 * NUM);
  const char *grade = total >= 90 * NUM ? "优" : total >= 80 * NUM ? "良" : total >= 60 * NUM ? "中" : "差";
  jx_buf_puts(b, "  assessment: {total: ");
  b_num(b, total);
  b_printf(b, ", grade: %s}\n", grade);
  g->n_indicators = n;
}

/* ---- files -------------------------------------------------------------------------------- */

static jx_status write_file(const char *path, const char *data, size_t n, char *err, size_t errlen) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    snprintf(err, errlen, "无法写入 %s：%s", path, strerror(errno));
    return JX_ERR_IO;
  }
  size_t off = 0;
  while (off < n) {
    ssize_t k = write(fd, data + off, n - off);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      snprintf(err, errlen, "无法写入 %s：%s", path, strerror(errno));
      close(fd);
      return JX_ERR_IO;
    }
    off += (size_t)k;
  }
  if (close(fd) != 0) {
    snprintf(err, errlen, "无法写入 %s：%s", path, strerror(errno));
    return JX_ERR_IO;
  }
  return JX_OK;
}

/* Replace the leading spaces of one indented line after line 40 by a tab. */
static void inject_tab(buf *b) {
  size_t line = 1;
  for (size_t i = 0; i + 2 < b->n; i++) {
    if (b->p[i] != '\n') continue;
    line++;
    if (line > 40 && b->p[i + 1] == ' ' && b->p[i + 2] == ' ') {
      size_t k = i + 1, sp = 0;
      while (b->p[k + sp] == ' ') sp++;
      b->p[k] = '\t';
      memmove(b->p + k + 1, b->p + k + sp, b->n - (k + sp) + 1);
      b->n -= sp - 1;
      return;
    }
  }
}

void jx_gen_options_init(jx_gen_options *o) {
  memset(o, 0, sizeof *o);
  o->departments = 100;
  o->seed = 2023;
  o->year_from = o->year_to = 2023;
  o->fault_permille = gen_probs[P_FAULT].permille;
  o->project_permille = gen_probs[P_PROJECT_FILE].permille;
}

size_t jx_gen_fault_kinds(void) { return N_FAULTS; }
const char *jx_gen_fault_code(size_t kind) { return kind < N_FAULTS ? gen_faults[kind].code : NULL; }
const char *jx_gen_fault_what(size_t kind) { return kind < N_FAULTS ? gen_faults[kind].what : NULL; }

static void csv_field(buf *b, const char *s) {
  if (!strpbrk(s, ",\"\n")) {
    jx_buf_puts(b, s);
    return;
  }
  jx_buf_ch(b, '"');
  for (; *s; s++) {
    if (*s == '"') jx_buf_ch(b, '"');
    jx_buf_ch(b, *s);
  }
  jx_buf_ch(b, '"');
}

/* ---- checkpoint reports (--monitoring YEAR) ------------------------------------------------ */

static size_t pick_lag(rng *r) {
  unsigned x = (unsigned)rng_below(r, 1000), acc = 0;
  for (size_t c = 0; c < ARRAY_N(gen_lags); c++) {
    acc += gen_lags[c].permille;
    if (x < acc) return c;
  }
  return 0;
}

/* part × num ÷ den, rounded down (0 ≤ num ≤ den, part ≥ 0; no overflow for any amount). */
static int64_t share(int64_t part, int64_t num, int64_t den) { return (int64_t)((jx_i128)part * num / den); }

/* The department g->d's checkpoint reports of g->year: a YAML file per checkpoint into
 * dir/monitoring/ and its rows of the bulk CSVs csv[k].  Drawn from a stream of their own,
 * so that the other files do not change with --monitoring. */
static jx_status gen_monitoring(gen_ctx *g, uint64_t seed, size_t i, const char *dir, int width, buf *csv,
                                jx_gen_summary *s, char *err, size_t errlen) {
  rng r;
  rng_seed(&r, seed ^ 0x3017A11ULL, (uint64_t)i + 1, (uint64_t)g->year);
  const char *name = g->d->unit < 0 ? g->dept : g->unit;
  struct {
    const char *name;
    int64_t budget, executed;
  } src[2] = {{"财政拨款", g->mon_fiscal, 0}, {"其他资金", g->mon_other, 0}};
  size_t nsrc = g->mon_other > 0 ? 2 : 1;
  const gen_row *rows[GEN_MON_INDICATORS];
  int64_t done[GEN_MON_INDICATORS] = {0};
  size_t nrows = 0;
  for (int k = 0; k < g->n_rows && nrows < GEN_MON_INDICATORS; k++)
    if (g->rows[k].target >= 10) rows[nrows++] = &g->rows[k];
  size_t cls = 0;
  jx_status st = JX_OK;
  for (size_t k = 0; k < ARRAY_N(gen_mon_days) && st == JX_OK; k++) {
    if (k == 0 || !rng_chance(&r, gen_lag_keep)) cls = pick_lag(&r);
    const char *md = gen_mon_days[k]; /* "MM-DD" */
    int month = (md[0] - '0') * 10 + (md[1] - '0'), day = (md[3] - '0') * 10 + (md[4] - '0');
    int64_t sched = jx_schedule_progress(g->year, month, day, NULL, NULL);
    int64_t rate = sched - rng_int(&r, gen_lags[cls].lo, gen_lags[cls].hi) * (NUM / 10);
    rate = rate < 0 ? 0 : rate > 100 * NUM ? 100 * NUM : rate;
    int64_t shortfall = rng_int(&r, gen_lags[cls].forecast_short[0], gen_lags[cls].forecast_short[1]); /* ‰ */
    jx_monreport *rep = jx_monreport_new(g->year, month, day);
    rep->unit_code = jx_monreport_str(rep, g->d->code);
    rep->unit_name = jx_monreport_str(rep, name);
    for (size_t j = 0; j < nsrc; j++) {
      int64_t b = src[j].budget, e = grid(share(b, rate, 100 * NUM));
      if (e < src[j].executed) e = src[j].executed; /* cumulative: never less than before */
      if (e > b) e = b;
      src[j].executed = e;
      int64_t f = b - grid(share(b, shortfall, 1000));
      if (f < e) f = e;
      jx_mon_source *ms = jx_monreport_add_source(rep, src[j].name);
      ms->budget = (jx_money){.fen = b, .set = true};
      ms->executed = (jx_money){.fen = e, .set = true};
      ms->forecast = (jx_money){.fen = f, .set = true};
    }
    jx_monreport_sum(rep);
    /* the lag as the rules compute it: 偏差原因 and 纠偏措施 where they are required */
    int64_t behind = rep->budget.fen > 0 ? sched - jx_ratio_round2(rep->executed.fen, rep->budget.fen, 100 * NUM) : 0;
    if (behind >= 15 * NUM || (behind >= 5 * NUM && rng_chance(&r, gen_mon_note_yellow))) {
      const char *const *note = gen_mon_causes[rng_below(&r, ARRAY_N(gen_mon_causes))];
      rep->cause = note[0];
      rep->fix = note[1];
    }
    for (size_t q = 0; q < nrows; q++) {
      const gen_row *row = rows[q];
      int lo = gen_lags[cls].lo, hi = gen_lags[cls].hi > 99 ? 99 : gen_lags[cls].hi;
      int64_t progress = sched - rng_int(&r, lo > hi ? hi : lo, hi) * (NUM / 10);
      int64_t a = share(row->target, progress < 0 ? 0 : progress > 100 * NUM ? 100 * NUM : progress, 100 * NUM);
      if (a < done[q]) a = done[q];
      done[q] = a;
      jx_mon_indicator *x = jx_monreport_add_indicator(rep);
      x->level1 = "产出指标";
      x->level2 = "数量指标";
      x->name = jx_monreport_str(rep, row->name);
      x->target = jx_arena_printf(rep->arena, "≥%lld%s", (long long)row->target, row->unit);
      x->actual = jx_arena_printf(rep->arena, "%lld%s", (long long)a, row->unit);
      x->forecast = jx_arena_printf(rep->arena, "%lld%s", (long long)row->target, row->unit);
      x->can_complete = 1;
    }
    char *yaml = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&yaml, &len);
    char werr[128] = "";
    if (!f || jx_monreport_write_yaml(rep, f, werr, sizeof werr) != JX_OK) {
      snprintf(err, errlen, "无法写出监控报告：%s", werr);
      st = JX_ERR_IO;
    }
    if (f) fclose(f);
    size_t dirlen = strlen(dir);
    char *path = jx_xmalloc(dirlen + 64);
    snprintf(path, dirlen + 64, "%s/monitoring/dept-%0*zu-%d-%s.yaml", dir, width, i + 1, g->year, gen_mon_days[k]);
    if (st == JX_OK) st = write_file(path, yaml, len, err, errlen);
    if (st == JX_OK) {
      s->files++;
      s->monitoring_files++;
      s->bytes += len;
    }
    free(path);
    free(yaml);
    /* the bulk CSV: a row per source, amounts in 万元 with 2 decimals */
    char t[48];
    for (size_t j = 0; j < rep->sources.n; j++) {
      const jx_mon_source *ms = &rep->sources.items[j];
      buf *b = &csv[k];
      jx_buf_puts(b, g->d->code);
      jx_buf_ch(b, ',');
      csv_field(b, name);
      jx_buf_ch(b, ',');
      csv_field(b, ms->source);
      jx_buf_ch(b, ',');
      jx_buf_puts(b, jx_format_money_wan(ms->budget.fen, t, sizeof t));
      jx_buf_ch(b, ',');
      jx_buf_puts(b, jx_format_money_wan(ms->executed.fen, t, sizeof t));
      jx_buf_ch(b, ',');
      jx_buf_puts(b, jx_format_money_wan(ms->forecast.fen, t, sizeof t));
      jx_buf_ch(b, ',');
      csv_field(b, rep->cause);
      jx_buf_ch(b, ',');
      csv_field(b, rep->fix);
      jx_buf_ch(b, '\n');
    }
    jx_monreport_free(rep);
  }
  return st;
}

jx_status jx_generate(const jx_gen_options *o, const char *dir, jx_gen_summary *sum, FILE *progress, char *err, size_t errlen) {
  jx_gen_summary s;
  memset(&s, 0, sizeof s);
  if (sum) *sum = s;
  if (!o || !dir || o->departments < 1 || o->departments > 10000000 || o->year_from < 1990 || o->year_to > 2100 ||
      o->year_to < o->year_from || o->fault_permille > 1000 || o->project_permille > 1000) {
    snprintf(err, errlen, "参数无效：部门数 1–10000000，年度 1990–2100（起 ≤ 止），比例 0–1000‰");
    return JX_ERR_INVALID;
  }
  if (o->monitoring_year && (o->monitoring_year < o->year_from || o->monitoring_year > o->year_to)) {
    snprintf(err, errlen, "监控年度 %d 应在生成的年度 %d–%d 之内（监控报告的预算取自该年度的部门文件）", o->monitoring_year,
             o->year_from, o->year_to);
    return JX_ERR_INVALID;
  }
  if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "无法创建目录 %s：%s", dir, strerror(errno));
    return JX_ERR_IO;
  }
  buf csv[ARRAY_N(gen_mon_days)];
  memset(csv, 0, sizeof csv);
  if (o->monitoring_year) {
    size_t n = strlen(dir) + 16;
    char *mdir = jx_xmalloc(n);
    snprintf(mdir, n, "%s/monitoring", dir);
    int rc = mkdir(mdir, 0755);
    if (rc != 0 && errno != EEXIST) {
      snprintf(err, errlen, "无法创建目录 %s：%s", mdir, strerror(errno));
      free(mdir);
      return JX_ERR_IO;
    }
    free(mdir);
    for (size_t k = 0; k < ARRAY_N(gen_mon_days); k++)
      jx_buf_puts(&csv[k], "单位编码,单位名称,资金来源,全年预算数,累计执行数,全年预计执行数,偏差原因,纠偏措施\n");
  }
  uint32_t n_counties = 0;
  gen_dept *depts = plan_province(o->seed, o->departments, &n_counties);
  size_t dirlen = strlen(dir);
  char *path = jx_xmalloc(dirlen + 64);
  buf b = {0}, faults = {0};
  jx_status st = JX_OK;

  /* departments.csv: bureaus, authorities, units */
  jx_buf_puts(&b, "code,name,parent,level\n");
  uint32_t last_county = UINT32_MAX;
  char county[96], dname[160], uname[192], bureau_code[16] = "";
  const char *authority_code = "";
  for (size_t i = 0; i < o->departments; i++) {
    const gen_dept *d = &depts[i];
    if (d->county != last_county) {
      last_county = d->county;
      county_name(d->county, county, sizeof county);
      snprintf(bureau_code, sizeof bureau_code, "51%04u", (d->county + 1) % 10000U);
      b_printf(&b, "%s,", bureau_code);
      csv_field(&b, county);
      jx_buf_puts(&b, "财政局,,bureau\n");
    }
    dept_names(d, dname, sizeof dname, uname, sizeof uname);
    jx_buf_puts(&b, d->code);
    jx_buf_ch(&b, ',');
    if (d->unit < 0) {
      authority_code = d->code;
      csv_field(&b, dname);
      b_printf(&b, ",%s,authority\n", bureau_code);
    } else {
      csv_field(&b, uname);
      b_printf(&b, ",%s,unit\n", authority_code);
    }
  }
  snprintf(path, dirlen + 64, "%s/departments.csv", dir);
  st = write_file(path, b.p, b.n, err, errlen);
  b.n = 0;

  int width = o->departments >= 1000000 ? 7 : o->departments >= 100000 ? 6 : 5;
  size_t total_files = o->departments * (size_t)(o->year_to - o->year_from + 1);
  jx_buf_puts(&faults, "file\tcode\twhat\n");
  for (size_t i = 0; i < o->departments && st == JX_OK; i++) {
    for (int year = o->year_from; year <= o->year_to && st == JX_OK; year++) {
      gen_ctx g;
      memset(&g, 0, sizeof g);
      g.a = jx_arena_new();
      g.b = &b;
      g.year = year;
      g.d = &depts[i];
      dept_names(g.d, g.dept, sizeof g.dept, g.unit, sizeof g.unit);
      rng_seed(&g.r, o->seed, (uint64_t)i + 1, (uint64_t)year);
      /* the fault and the project file are drawn from a stream of their own, so that
       * --faults does not change the other files */
      rng side;
      rng_seed(&side, o->seed ^ 0xFA017U, (uint64_t)i + 1, (uint64_t)year);
      g.fault = rng_chance(&side, o->fault_permille) ? (gen_fault)rng_below(&side, N_FAULTS) : F_NONE;
      bool project_file = rng_chance(&side, o->project_permille);
      b.n = 0;
      gen_department(&g);
      if (g.fault == F_TAB) inject_tab(&b);
      snprintf(path, dirlen + 64, "%s/dept-%0*zu-%d.yaml", dir, width, i + 1, year);
      st = write_file(path, b.p, b.n, err, errlen);
      s.files++;
      s.department_files++;
      s.bytes += b.n;
      s.indicators += g.n_indicators;
      if (g.fault != F_NONE) {
        s.faulty++;
        s.by_fault[g.fault]++;
        b_printf(&faults, "%s\t%s\t%s\n", path + dirlen + 1, gen_faults[g.fault].code, gen_faults[g.fault].what);
      }
      if (st == JX_OK && project_file && g.n_projects) {
        size_t pidx = (size_t)rng_below(&side, g.n_projects);
        b.n = 0;
        gen_project_file(&g, pidx);
        snprintf(path, dirlen + 64, "%s/proj-%0*zu-%d.yaml", dir, width, i + 1, year);
        st = write_file(path, b.p, b.n, err, errlen);
        s.files++;
        s.project_files++;
        s.bytes += b.n;
        s.indicators += g.n_indicators;
      }
      if (st == JX_OK && year == o->monitoring_year) st = gen_monitoring(&g, o->seed, i, dir, width, csv, &s, err, errlen);
      jx_arena_free(g.a);
    }
    if (progress && (i + 1) % 1000 == 0)
      fprintf(progress, "\r已生成 %zu / %zu 个部门年度", (i + 1) * (size_t)(o->year_to - o->year_from + 1), total_files);
  }
  if (progress && o->departments >= 1000) fputc('\n', progress);
  if (st == JX_OK) {
    snprintf(path, dirlen + 64, "%s/faults.tsv", dir);
    st = write_file(path, faults.p, faults.n, err, errlen);
  }
  for (size_t k = 0; o->monitoring_year && k < ARRAY_N(gen_mon_days) && st == JX_OK; k++) {
    snprintf(path, dirlen + 64, "%s/monitoring/checkpoint-%s.csv", dir, gen_mon_days[k]);
    st = write_file(path, csv[k].p, csv[k].n, err, errlen);
    s.files++;
    s.bytes += csv[k].n;
  }
  for (size_t k = 0; k < ARRAY_N(gen_mon_days); k++) free(csv[k].p);
  s.departments = o->departments;
  s.counties = n_counties;
  free(b.p);
  free(faults.p);
  free(path);
  free(depts);
  jx_arena_release_spares();
  if (sum) *sum = s;
  return st;
}

/* ---- the tables as Markdown (docs/gen.md) ------------------------------------------- */

void jx_gen_write_distributions(FILE *out) {
  fputs("| 规模 | 主管部门 ‰ | 预算单位 ‰ | 指标数 | 质量（定量） | 质量（定性） | 时效 | 效益 | 满意度 | 项目 | 工作事项 | 基本支出预算（万元） |\n"
        "| --- | ---: | ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
        out);
  for (size_t i = 0; i < N_SIZES; i++) {
    const gen_size *z = &gen_sizes[i];
    fprintf(out, "| %s | %u | %u | %d–%d | %d–%d | %d–%d | %d–%d | %d–%d | %d–%d | %d–%d | %d–%d | %d–%d |\n", z->name, z->share_authority,
            z->share_unit, z->ind[0], z->ind[1], z->quality[0], z->quality[1], z->qual[0], z->qual[1], z->timely[0], z->timely[1],
            z->benefit[0], z->benefit[1], z->sat[0], z->sat[1], z->projects[0], z->projects[1], z->items[0], z->items[1],
            z->basic_wan[0], z->basic_wan[1]);
  }
  fputs("\n| 选择 | ‰ | 含义 |\n| --- | ---: | --- |\n", out);
  for (size_t i = 0; i < N_PROBS; i++) fprintf(out, "| `%s` | %u | %s |\n", gen_probs[i].key, gen_probs[i].permille, gen_probs[i].what);
  fputs("\n| 范围 | 下限 | 上限 | 含义 |\n| --- | ---: | ---: | --- |\n", out);
  for (size_t i = 0; i < N_RANGES; i++)
    fprintf(out, "| `%s` | %d | %d | %s |\n", gen_ranges[i].key, gen_ranges[i].lo, gen_ranges[i].hi, gen_ranges[i].what);
  fputs("\n| 下属预算单位数 | ‰ |\n| ---: | ---: |\n", out);
  for (size_t i = 0; i < ARRAY_N(gen_units_per_authority); i++)
    fprintf(out, "| %d | %u |\n", gen_units_per_authority[i].units, gen_units_per_authority[i].permille);
  fputs("\n| 监控时点执行进度（--monitoring） | ‰ | 落后序时进度（百分点） | 全年预计执行数少于预算 ‰ |\n| --- | ---: | --- | --- |\n", out);
  for (size_t i = 0; i < ARRAY_N(gen_lags); i++)
    fprintf(out, "| %s | %u | %d.%d – %d.%d | %d–%d |\n", gen_lags[i].name, gen_lags[i].permille, gen_lags[i].lo / 10,
            abs(gen_lags[i].lo % 10), gen_lags[i].hi / 10, gen_lags[i].hi % 10, gen_lags[i].forecast_short[0],
            gen_lags[i].forecast_short[1]);
  fprintf(out, "\n监控时点 %s、%s、%s；同一部门下一时点沿用上一时点的类别 %u‰，否则重抽。落后 15 个百分点以上必写偏差原因和纠偏措施，"
               "落后 5–15 个百分点的 %u‰ 也写。\n",
          gen_mon_days[0], gen_mon_days[1], gen_mon_days[2], gen_lag_keep, gen_mon_note_yellow);
  fputs("\n| 有意设置的错误 | 诊断 |\n| --- | --- |\n", out);
  for (size_t i = 0; i < N_FAULTS; i++) fprintf(out, "| %s | %s |\n", gen_faults[i].what, gen_faults[i].code);
  fprintf(out, "\n领域（主管部门）%zu 个：", ARRAY_N(gen_domains));
  for (size_t i = 0; i < ARRAY_N(gen_domains); i++) fprintf(out, "%s%s", i ? "、" : "", gen_domains[i].suffix);
  fputs("。\n", out);
}
