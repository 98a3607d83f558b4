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

#ifndef JX_RENDER_DIR
#define JX_RENDER_DIR "/usr/lib/jixiao"
#endif

static void *module(char *err, size_t errlen) {
  static void *h;
  if (h) return h;
  const char *env = getenv("JIXIAO_WEB_MODULE");
  if (env && *env && (h = dlopen(env, RTLD_NOW | RTLD_LOCAL))) return h;
  char exe[4096], path[4200];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      snprintf(path, sizeof path, "%s/libjixiao-web.so", exe);
      if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL))) return h;
    }
  }
  snprintf(path, sizeof path, "%s/libjixiao-web.so", JX_RENDER_DIR);
  if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL))) return h;
  const char *why = dlerror();
  snprintf(err, errlen, "找不到网页模块 libjixiao-web.so（在程序所在目录和 %s 中查找%s%s）", JX_RENDER_DIR, why ? "：" : "",
           why ? why : "");
  return NULL;
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
#else
typedef int jx_web_loader_unused; /* ISO C: a translation unit is never empty */
#endif
