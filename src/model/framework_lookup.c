/* framework_lookup.c — find a qualitative band by a printed wording and a 评分标准 text's rule among a framework's criteria patterns. */
#include <stdio.h>
#include <string.h>

#include "model/framework.h"
#include "util/text.h"

#define BAND_CAP 1024
#define CRITERIA_CAP 2048

/* s folded (full-width → ASCII, jx_text_fold_buf) with every ASCII whitespace byte
 * removed, into out; false when it does not fit. */
static bool squeeze(const char *s, char *out, size_t cap) {
  if (!s || !jx_text_fold_buf(s, out, cap)) return false;
  size_t w = 0;
  for (size_t r = 0; out[r]; r++)
    if (!strchr(" \t\r\n\v\f", out[r])) out[w++] = out[r];
  out[w] = '\0';
  return true;
}

static bool same_wording(const char *framework_text, const char *folded) {
  char buf[BAND_CAP];
  return squeeze(framework_text, buf, sizeof buf) && strcmp(buf, folded) == 0;
}

const jx_fw_band *jx_fw_band_met_target(const jx_framework *fw, const char *actual, const char *target) {
  char a[BAND_CAP], t[BAND_CAP];
  if (!fw || !fw->bands.n || !squeeze(actual, a, sizeof a) || !squeeze(target, t, sizeof t) || !*a) return NULL;
  return strcmp(a, t) == 0 ? &fw->bands.items[0] : NULL;
}

const jx_fw_band *jx_fw_band_for(const jx_framework *fw, const char *printed) {
  char want[BAND_CAP];
  if (!fw || !squeeze(printed, want, sizeof want) || !*want) return NULL;
  for (size_t i = 0; i < fw->bands.n; i++) {
    const jx_fw_band *b = &fw->bands.items[i];
    if (same_wording(b->name, want)) return b;
    for (size_t k = 0; k < b->synonyms.n; k++)
      if (same_wording(b->synonyms.items[k], want)) return b;
  }
  return NULL;
}

/* Which placeholder "{name}" starts at p (p[0] == '{'): 0 step, 1 points, 2 target, -1
 * none; *len gets its length in bytes. */
static int placeholder(const char *p, size_t *len) {
  static const char *names[] = {"{step}", "{points}", "{target}"};
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(names[i]);
    if (strncmp(p, names[i], n) == 0) {
      *len = n;
      return i;
    }
  }
  return -1;
}

/* A decimal number at t: optional sign, digits, at most one '.' followed by digits.
 * Its value (× JX_NUM_SCALE) to *v and its length to *len; false when there is none. */
static bool read_number(const char *t, int64_t *v, size_t *len) {
  size_t n = 0;
  if (t[n] == '+' || t[n] == '-') n++;
  size_t digits = 0;
  while (t[n] >= '0' && t[n] <= '9') n++, digits++;
  if (t[n] == '.' && t[n + 1] >= '0' && t[n + 1] <= '9') {
    n++;
    while (t[n] >= '0' && t[n] <= '9') n++;
  }
  if (!digits || n >= 64) return false;
  char num[64];
  memcpy(num, t, n);
  num[n] = '\0';
  bool percent = false;
  const char *why = NULL;
  if (!jx_parse_num(num, v, &percent, &why)) return false;
  *len = n;
  return true;
}

/* Does the squeezed pattern match the start of the squeezed text?  Values read go to
 * vals[0..2], seen[i] marks which were read. */
static bool match_at(const char *pat, const char *t, int64_t vals[3], bool seen[3]) {
  char p[CRITERIA_CAP];
  if (!squeeze(pat, p, sizeof p)) return false;
  const char *q = p;
  while (*q) {
    size_t plen = 0;
    int which = *q == '{' ? placeholder(q, &plen) : -1;
    if (which >= 0) {
      size_t tlen = 0;
      if (!read_number(t, &vals[which], &tlen)) return false;
      seen[which] = true;
      q += plen;
      t += tlen;
      continue;
    }
    if (*q != *t) return false;
    q++;
    t++;
  }
  return true;
}

/* Skip punctuation and whitespace before the wording: ASCII ,.;:!? and 、。 */
static const char *skip_lead(const char *t) {
  for (;;) {
    if (*t && strchr(",.;:!?", *t)) t++;
    else if (strncmp(t, "、", strlen("、")) == 0) t += strlen("、");
    else if (strncmp(t, "。", strlen("。")) == 0) t += strlen("。");
    else return t;
  }
}

const jx_fw_criteria *jx_fw_criteria_match(const jx_framework *fw, const char *criteria_text, int64_t *step,
                                           int64_t *points, int64_t *target) {
  char text[CRITERIA_CAP];
  if (!fw || !squeeze(criteria_text, text, sizeof text)) return NULL;
  const char *t = skip_lead(text);
  if (!*t) return NULL;
  for (size_t i = 0; i < fw->criteria.n; i++) {
    const jx_fw_criteria *c = &fw->criteria.items[i];
    int64_t vals[3] = {0, 0, 0};
    bool seen[3] = {false, false, false};
    if (!c->pattern || !match_at(c->pattern, t, vals, seen)) continue;
    int64_t *outs[3] = {step, points, target};
    for (int k = 0; k < 3; k++)
      if (seen[k] && outs[k]) *outs[k] = vals[k];
    return c;
  }
  return NULL;
}
