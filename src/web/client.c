/* client.c — who the client is: its address (X-Forwarded-For only from a --trusted-proxy
 * peer), and whether a request without a CSRF token comes from our own origin (Origin,
 * Sec-Fetch-Site; behind a trusted proxy X-Forwarded-Host and X-Forwarded-Proto). */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "web/web.h"

/* An address from text ("192.0.2.1", "2001:db8::1"); IPv4-mapped IPv6 becomes IPv4. */
static bool addr_parse(const char *s, size_t len, jx_ipaddr *out) {
  char buf[JX_ADDR_TEXT];
  if (len == 0 || len >= sizeof buf) return false;
  memcpy(buf, s, len);
  buf[len] = '\0';
  memset(out, 0, sizeof *out);
  if (inet_pton(AF_INET, buf, out->a) == 1) {
    out->family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, buf, out->a) != 1) return false;
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (!memcmp(out->a, mapped, sizeof mapped)) {
    memmove(out->a, out->a + 12, 4);
    memset(out->a + 4, 0, 12);
    out->family = AF_INET;
  } else out->family = AF_INET6;
  return true;
}

static bool addr_eq(const jx_ipaddr *x, const jx_ipaddr *y) {
  return x->family == y->family && !memcmp(x->a, y->a, x->family == AF_INET ? 4 : 16);
}

static const char *addr_text(const jx_ipaddr *a, char *buf) {
  if (!inet_ntop(a->family, a->a, buf, JX_ADDR_TEXT)) snprintf(buf, JX_ADDR_TEXT, "-");
  return buf;
}

bool jx_web_proxies_parse(const jx_web_config *cfg, jx_ipaddr *out, size_t max, size_t *n, char *err, size_t errlen) {
  *n = 0;
  if (cfg->n_trusted_proxies > max) {
    snprintf(err, errlen, "--trusted-proxy 最多 %zu 个，给了 %zu 个", max, cfg->n_trusted_proxies);
    return false;
  }
  for (size_t i = 0; i < cfg->n_trusted_proxies; i++) {
    const char *s = cfg->trusted_proxies[i];
    if (!s || !addr_parse(s, strlen(s), &out[i])) {
      snprintf(err, errlen, "--trusted-proxy “%s”不是 IP 地址：应为 IPv4 或 IPv6 地址，如 127.0.0.1 或 ::1",
               s ? s : "");
      return false;
    }
  }
  *n = cfg->n_trusted_proxies;
  return true;
}

static bool peer_addr(const jx_req *r, jx_ipaddr *out) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const struct sockaddr *sa = ci ? ci->client_addr : NULL;
  memset(out, 0, sizeof *out);
  if (sa && sa->sa_family == AF_INET) {
    out->family = AF_INET;
    memcpy(out->a, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
    return true;
  }
  if (sa && sa->sa_family == AF_INET6) {
    char buf[JX_ADDR_TEXT];
    const struct in6_addr *a6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    return inet_ntop(AF_INET6, a6, buf, sizeof buf) && addr_parse(buf, strlen(buf), out); /* unmaps IPv4 */
  }
  return false;
}

static bool is_proxy(const jx_web *w, const jx_ipaddr *a) {
  for (size_t i = 0; i < w->n_proxies; i++)
    if (addr_eq(&w->proxies[i], a)) return true;
  return false;
}

bool jx_req_from_proxy(const jx_req *r) {
  jx_ipaddr peer;
  return r->web->n_proxies && peer_addr(r, &peer) && is_proxy(r->web, &peer);
}

/* One X-Forwarded-For entry: "192.0.2.1", "2001:db8::1", "[2001:db8::1]:443", "192.0.2.1:80". */
static bool xff_entry(const char *s, size_t len, jx_ipaddr *out) {
  while (len && (*s == ' ' || *s == '\t')) {
    s++;
    len--;
  }
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
  if (len && s[0] == '[') {
    const char *close = memchr(s, ']', len);
    return close && addr_parse(s + 1, (size_t)(close - s - 1), out);
  }
  if (addr_parse(s, len, out)) return true;
  const char *colon = memchr(s, ':', len); /* IPv4 with a port: one colon only */
  return colon && !memchr(colon + 1, ':', len - (size_t)(colon - s) - 1) && addr_parse(s, (size_t)(colon - s), out);
}

#define XFF_MAX 16 /* X-Forwarded-For headers looked at */
typedef struct {
  const char *v[XFF_MAX];
  size_t n;
} xff_list;

static enum MHD_Result xff_collect(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  (void)kind;
  xff_list *l = cls;
  if (key && value && !strcasecmp(key, "X-Forwarded-For")) {
    if (l->n == XFF_MAX) { /* keep the last ones: the right end is what counts */
      memmove(l->v, l->v + 1, sizeof l->v[0] * (XFF_MAX - 1));
      l->n--;
    }
    l->v[l->n++] = value;
  }
  return MHD_YES;
}

const char *jx_req_client_addr(const jx_req *r, char *buf) {
  jx_ipaddr peer, a;
  if (!peer_addr(r, &peer)) {
    snprintf(buf, JX_ADDR_TEXT, "-");
    return buf;
  }
  if (!r->web->n_proxies || !is_proxy(r->web, &peer)) return addr_text(&peer, buf);
  xff_list l = {.n = 0};
  MHD_get_connection_values(r->conn, MHD_HEADER_KIND, xff_collect, &l);
  bool any = false;
  /* from the right: every entry our proxies appended, then the one they saw connect */
  for (size_t h = l.n; h-- > 0;) {
    const char *v = l.v[h], *end = v + strlen(v);
    while (end > v) {
      const char *start = end;
      while (start > v && start[-1] != ',') start--;
      size_t len = (size_t)(end - start);
      end = start > v ? start - 1 : v;
      bool blank = strspn(start, " \t") >= len;
      if (blank) continue;
      if (!xff_entry(start, len, &a)) return addr_text(&peer, buf); /* not written by our proxy */
      if (!is_proxy(r->web, &a)) return addr_text(&a, buf);
      any = true;
    }
  }
  return addr_text(any ? &a : &peer, buf); /* every entry a proxy: the leftmost one */
}

/* The first entry of a comma-separated header, trimmed, into buf (false when empty). */
static bool first_entry(const char *v, char *buf, size_t n) {
  if (!v) return false;
  v += strspn(v, " \t");
  size_t len = strcspn(v, ",");
  while (len && (v[len - 1] == ' ' || v[len - 1] == '\t')) len--;
  if (!len || len >= n) return false;
  memcpy(buf, v, len);
  buf[len] = '\0';
  return true;
}

/* host[:port] equal to other host[:port], case-insensitive, a default port of the
 * scheme ("http": 80, "https": 443) the same as none. */
static bool authority_eq(const char *x, const char *y, const char *scheme) {
  const char *dflt = !strcasecmp(scheme, "https") ? ":443" : ":80";
  size_t lx = strlen(x), ly = strlen(y), ld = strlen(dflt);
  if (lx > ld && !strcmp(x + lx - ld, dflt) && x[lx - ld - 1] != ':') lx -= ld;
  if (ly > ld && !strcmp(y + ly - ld, dflt) && y[ly - ld - 1] != ':') ly -= ld;
  return lx == ly && !strncasecmp(x, y, lx);
}

bool jx_req_same_origin(jx_req *r) {
  const char *site = jx_req_header(r, "Sec-Fetch-Site");
  if (site && strcasecmp(site, "same-origin") != 0 && strcasecmp(site, "none") != 0) {
    jx_resp_error(r, 403, "cross_origin", "拒绝跨站请求：请求来自其他网站（Sec-Fetch-Site: %.40s），请从本站页面操作", site);
    return false;
  }
  const char *origin = jx_req_header(r, "Origin");
  if (!origin) return true;
  bool proxy = jx_req_from_proxy(r);
  char host[256] = "", proto[16] = "";
  if (!(proxy && first_entry(jx_req_header(r, "X-Forwarded-Host"), host, sizeof host)))
    (void)first_entry(jx_req_header(r, "Host"), host, sizeof host);
  bool known = proxy && first_entry(jx_req_header(r, "X-Forwarded-Proto"), proto, sizeof proto);
  const char *sep = strstr(origin, "://");
  bool ok = false;
  if (sep && host[0]) {
    size_t sl = (size_t)(sep - origin);
    char scheme[16] = "";
    if (sl < sizeof scheme) memcpy(scheme, origin, sl);
    bool web = !strcasecmp(scheme, "http") || !strcasecmp(scheme, "https");
    /* the scheme is known only from a trusted proxy; directly, this server speaks http,
     * but an undeclared TLS proxy in front may make it https */
    ok = web && (!known || !strcasecmp(scheme, proto)) && !strchr(sep + 3, '/') && authority_eq(sep + 3, host, scheme);
  }
  if (!ok) {
    jx_resp_error(r, 403, "cross_origin", "拒绝跨站请求：来源 %.200s 不是本站（%s%s%.200s），请从本站页面操作", origin,
                  known ? proto : "", known ? "://" : "", host[0] ? host : "未知");
    return false;
  }
  return true;
}
