/* email.c — e-mail addresses validated (no header or SMTP command injection) and the
 * reminders' RFC 5322 messages: UTF-8 subject as RFC 2047 encoded words, base64 body. */
#include "util/email.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "util/buf.h"
#include "util/text.h"

bool jx_email_valid(const char *addr, const char **why) {
  const char *dummy;
  if (!why) why = &dummy;
  size_t n = addr ? strlen(addr) : 0;
  if (n < 3) return *why = "邮箱地址太短", false;
  if (n > JX_EMAIL_MAX) return *why = "邮箱地址过长：上限 254 字节", false;
  const char *at = NULL;
  for (const unsigned char *p = (const unsigned char *)addr; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) return *why = "邮箱地址含控制字符（回车、换行等）", false;
    if (*p == ' ') return *why = "邮箱地址不能含空格", false;
    if (strchr("<>,;\"()\\[]:", *p)) return *why = "邮箱地址含不允许的字符（< > , ; \" ( ) \\ [ ] :）", false;
    if (*p == '@') {
      if (at) return *why = "邮箱地址只能有一个 @", false;
      at = (const char *)p;
    }
  }
  if (!at) return *why = "邮箱地址缺少 @", false;
  if (at == addr || !at[1]) return *why = "邮箱地址的 @ 两边都要有内容", false;
  if (addr[0] == '.' || at[-1] == '.' || at[1] == '.' || addr[n - 1] == '.')
    return *why = "邮箱地址的用户名或域名不能以点开头或结尾", false;
  if (!jx_utf8_valid(addr, n, NULL)) return *why = "邮箱地址不是有效的 UTF-8", false;
  return true;
}

static void bprintf(jx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(jx_buf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized)
  va_end(ap);
  if (k > 0) jx_buf_mem(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_b64(jx_buf *o, const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
    char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], '=', '='};
    if (i + 1 < n) q[2] = b64[v >> 6 & 63];
    if (i + 2 < n) q[3] = b64[v & 63];
    jx_buf_mem(o, q, 4);
  }
}

static bool has_crlf(const char *s) { return s && strpbrk(s, "\r\n"); }

char *jx_email_message(const char *from, const char *const *to, size_t n_to, const char *subject, const char *body,
                       time_t t, const char *id) {
  if (!jx_email_valid(from, NULL) || !n_to || has_crlf(subject) || !id || !*id) return NULL;
  for (size_t i = 0; i < n_to; i++)
    if (!jx_email_valid(to[i], NULL)) return NULL;
  if (strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(id)) return NULL;
  if (!subject) subject = "";
  if (!body) body = "";
  if (!jx_utf8_valid(subject, strlen(subject), NULL) || !jx_utf8_valid(body, strlen(body), NULL)) return NULL;
  jx_buf o = {0};
  bprintf(&o, "From: <%s>\r\nTo: ", from);
  for (size_t i = 0; i < n_to; i++) bprintf(&o, "%s<%s>", i ? ",\r\n " : "", to[i]);
  jx_buf_puts(&o, "\r\nSubject:");
  /* encoded words of at most 39 bytes (52 base64 characters: a word of 64, a line under 78), each
   * ending at a character's boundary */
  const unsigned char *s = (const unsigned char *)subject;
  size_t len = strlen(subject), i = 0;
  if (!len) jx_buf_puts(&o, " ");
  while (i < len) {
    size_t k = len - i < 39 ? len - i : 39;
    while (k && i + k < len && (s[i + k] & 0xC0) == 0x80) k--;
    jx_buf_puts(&o, i ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
    put_b64(&o, s + i, k);
    jx_buf_puts(&o, "?=");
    i += k;
  }
  struct tm tm;
  gmtime_r(&t, &tm);
  static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  bprintf(&o, "\r\nDate: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", wd[tm.tm_wday], tm.tm_mday, mo[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  bprintf(&o, "Message-ID: <%s@%s>\r\n", id, strchr(from, '@') + 1);
  jx_buf_puts(&o, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
  /* the body with CRLF line ends, in base64 lines of 76 characters (57 bytes) */
  jx_buf crlf = {0};
  for (const char *p = body; *p; p++) {
    if (*p == '\n' && (p == body || p[-1] != '\r')) jx_buf_mem(&crlf, "\r", 1);
    jx_buf_mem(&crlf, p, 1);
  }
  for (size_t j = 0; j < crlf.n; j += 57) {
    put_b64(&o, (const unsigned char *)crlf.p + j, crlf.n - j < 57 ? crlf.n - j : 57);
    jx_buf_puts(&o, "\r\n");
  }
  free(crlf.p);
  return o.p;
}
