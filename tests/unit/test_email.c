/* test_email.c — src/util/email.c: addresses accepted and refused (nothing that could end or
 * fold a header or an SMTP command), and the reminder's RFC 5322 message: headers, the
 * UTF-8 subject as encoded words cut at characters, line lengths, the base64 body. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "util/email.h"

static const struct {
  const char *addr;
  bool ok;
} addrs[] = {
    {"zhang@u11.example", true},
    {"zhang.san+monitor@czj.gov.cn", true},
    {"张三@财政局.中国", true},
    {"a@b", true},
    {"", false},
    {"ab", false},
    {"no-at.example", false},
    {"a@b@c.example", false},
    {"@u11.example", false},
    {"zhang@", false},
    {"zhang san@u11.example", false},
    {"zhang@u11.example\r\nBcc: x@evil.example", false},
    {"zhang@u11.example\n", false},
    {"zhang@u11.example\r", false},
    {"zhang\t@u11.example", false},
    {"<zhang@u11.example>", false},
    {"zhang@u11.example>", false},
    {"a@b.example, c@d.example", false},
    {"a@b.example;c@d.example", false},
    {"\"a\"@b.example", false},
    {"a(b)@c.example", false},
    {"a\\b@c.example", false},
    {"a@[127.0.0.1]", false},
    {".a@b.example", false},
    {"a.@b.example", false},
    {"a@.b.example", false},
    {"a@b.example.", false},
    {"a@b\x7f.example", false},
    {"a@b\xff.example", false},
};

static void test_addresses(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof addrs / sizeof *addrs; i++) {
    const char *why = NULL;
    bool ok = jx_email_valid(addrs[i].addr, &why);
    if (ok != addrs[i].ok) fail_msg("\"%s\": %s", addrs[i].addr, ok ? "accepted" : why);
    if (!ok) assert_non_null(why);
  }
  assert_false(jx_email_valid(NULL, NULL));
  char longest[256];
  memset(longest, 'a', sizeof longest);
  memcpy(longest + 254 - 7, "@x.cn", 6); /* 252 bytes */
  assert_true(jx_email_valid(longest, NULL));
  memset(longest, 'a', sizeof longest);
  memcpy(longest + 255 - 6, "@x.cn", 6); /* 254 bytes */
  assert_int_equal(strlen(longest), 254);
  assert_true(jx_email_valid(longest, NULL));
  memset(longest, 'a', sizeof longest);
  memcpy(longest + 256 - 6, "@x.cn", 6); /* 255 bytes */
  assert_false(jx_email_valid(longest, NULL));
}

static char *b64decode(const char *s, size_t n) {
  static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char *out = calloc(n + 1, 1);
  size_t o = 0;
  unsigned v = 0;
  int bits = 0;
  for (size_t i = 0; i < n && s[i] != '='; i++) {
    const char *p = strchr(al, s[i]);
    if (!p || !s[i]) continue;
    v = v << 6 | (unsigned)(p - al);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (char)(v >> bits & 0xff);
    }
  }
  return out;
}

static void test_message(void **state) {
  (void)state;
  const char *to[] = {"zhang@u11.example"};
  const char *subject = "【催报】第一中学：2023 年 06-30 监控时点的运行监控报告已过报送期限，请于 2023-07-15 前补报";
  const char *body = "zhang（填报人）：\n\n单位：U11 第一中学\n";
  time_t t = 1689152400; /* 2023-07-12 09:00:00 UTC */
  char *m = jx_email_message("jixiao@czj.example", to, 1, subject, body, t, "jixiao.U11.2023.0630.urge.1");
  assert_non_null(m);
  assert_non_null(strstr(m, "From: <jixiao@czj.example>\r\nTo: <zhang@u11.example>\r\nSubject: =?UTF-8?B?"));
  assert_non_null(strstr(m, "\r\nDate: Wed, 12 Jul 2023 09:00:00 +0000\r\n"));
  assert_non_null(strstr(m, "\r\nMessage-ID: <jixiao.U11.2023.0630.urge.1@czj.example>\r\n"));
  assert_non_null(strstr(m, "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
  /* every line ends in CRLF and is at most 78 characters; no bare CR or LF */
  for (const char *p = m, *e; *p; p = e + 2) {
    e = strstr(p, "\r\n");
    assert_non_null(e);
    assert_true(e - p <= 78);
    for (const char *q = p; q < e; q++) assert_true(*q != '\r' && *q != '\n');
  }
  /* the encoded words, decoded one by one, are whole characters and give the subject back */
  char got[1024] = "";
  const char *p = strstr(m, "Subject:");
  const char *end = strstr(p, "\r\nDate:");
  while ((p = strstr(p, "=?UTF-8?B?")) && p < end) {
    p += 10;
    const char *q = strstr(p, "?=");
    char *w = b64decode(p, (size_t)(q - p));
    assert_true(jx_email_valid("a@b", NULL));
    assert_true(strlen(w) > 0 && ((unsigned char)w[0] & 0xC0) != 0x80); /* starts a character */
    strcat(got, w);
    free(w);
    p = q + 2;
  }
  assert_string_equal(got, subject);
  /* the body in base64, with CRLF line ends */
  const char *b = strstr(m, "\r\n\r\n") + 4;
  char *dec = b64decode(b, strlen(b));
  assert_string_equal(dec, "zhang（填报人）：\r\n\r\n单位：U11 第一中学\r\n");
  free(dec);
  free(m);
}

static void test_refused(void **state) {
  (void)state;
  const char *bad[] = {"zhang@u11.example\r\nBcc: x@evil.example"};
  const char *good[] = {"zhang@u11.example"};
  time_t t = 0;
  assert_null(jx_email_message("jixiao@czj.example", bad, 1, "s", "b", t, "id"));
  assert_null(jx_email_message("jixiao@czj.example>", good, 1, "s", "b", t, "id"));
  assert_null(jx_email_message("jixiao@czj.example", good, 1, "s\r\nBcc: x@evil.example", "b", t, "id"));
  assert_null(jx_email_message("jixiao@czj.example", good, 1, "s", "b", t, "id>\r\nX: y"));
  assert_null(jx_email_message("jixiao@czj.example", good, 0, "s", "b", t, "id"));
  assert_null(jx_email_message("jixiao@czj.example", good, 1, "\xff", "b", t, "id"));
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_addresses), cmocka_unit_test(test_message),
                                     cmocka_unit_test(test_refused)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
