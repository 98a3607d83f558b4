/* loader.c — for the command line only (JX_WEB_PLUGIN): `jixiao serve` and `jixiao
 * user` load the web server from libjixiao-web.so on first use, so that `jixiao check`
 * does not load libmicrohttpd (and GnuTLS), libsodium, libsqlite3 and libpq.  The
 * module is the whole library plus src/web; the libraries link src/web directly and
 * this file is empty for them. */
#ifdef JX_WEB_PLUGIN
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jixiao.h"
#include "util/module.h"

static void *module(char *err, size_t errlen) {
  static void *h;
  if (!h) h = jx_module_open("libjixiao-web.so", "JIXIAO_WEB_MODULE", err, errlen);
  return h;
}

jx_status jx_web_serve(const jx_web_config *cfg, char *err, size_t errlen) {
  void *h = module(err, errlen);
  jx_status (*fn)(const jx_web_config *, char *, size_t) = NULL;
  if (h) *(void **)&fn = dlsym(h, "jx_web_serve");
  if (!fn) {
    if (h) snprintf(err, errlen, "网页模块 libjixiao-web.so 缺少 jx_web_serve");
    return JX_ERR_IO;
  }
  return fn(cfg, err, errlen);
}

jx_status jx_user_add(const char *db, const char *username, const char *password, const char *role,
                      const char *department, char *err, size_t errlen) {
  void *h = module(err, errlen);
  jx_status (*fn)(const char *, const char *, const char *, const char *, const char *, char *, size_t) = NULL;
  if (h) *(void **)&fn = dlsym(h, "jx_user_add");
  if (!fn) {
    if (h) snprintf(err, errlen, "网页模块 libjixiao-web.so 缺少 jx_user_add");
    return JX_ERR_IO;
  }
  return fn(db, username, password, role, department, err, errlen);
}
jx_status jx_user_email(const char *db, const char *username, const char *email, char *err, size_t errlen) {
  void *h = module(err, errlen);
  jx_status (*fn)(const char *, const char *, const char *, char *, size_t) = NULL;
  if (h) *(void **)&fn = dlsym(h, "jx_user_email");
  if (!fn) {
    if (h) snprintf(err, errlen, "网页模块 libjixiao-web.so 缺少 jx_user_email");
    return JX_ERR_IO;
  }
  return fn(db, username, email, err, errlen);
}

jx_status jx_user_info(const char *db, const char *username, char *role, size_t rolelen, char *department, size_t deplen,
                       char *err, size_t errlen) {
  void *h = module(err, errlen);
  jx_status (*fn)(const char *, const char *, char *, size_t, char *, size_t, char *, size_t) = NULL;
  if (h) *(void **)&fn = dlsym(h, "jx_user_info");
  if (!fn) {
    if (h) snprintf(err, errlen, "网页模块 libjixiao-web.so 缺少 jx_user_info");
    return JX_ERR_IO;
  }
  return fn(db, username, role, rolelen, department, deplen, err, errlen);
}

jx_status jx_remind(const char *db, const jx_remind_opts *o, FILE *out, char *err, size_t errlen) {
  void *h = module(err, errlen);
  jx_status (*fn)(const char *, const jx_remind_opts *, FILE *, char *, size_t) = NULL;
  if (h) *(void **)&fn = dlsym(h, "jx_remind");
  if (!fn) {
    if (h) snprintf(err, errlen, "网页模块 libjixiao-web.so 缺少 jx_remind");
    return JX_ERR_IO;
  }
  return fn(db, o, out, err, errlen);
}
#else
typedef int jx_web_loader_unused; /* ISO C: a translation unit is never empty */
#endif
