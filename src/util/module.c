/* module.c — where the command line finds its modules (render, excel, sqlite, pg, web). */
#include "util/module.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef JX_RENDER_DIR
#define JX_RENDER_DIR "/usr/lib/jixiao"
#endif
/* where `make install` / the package put the modules (LIBDIR/jixiao), absolute and
 * relative to the program's directory (BINDIR) */
#ifndef JX_MODULE_INSTALL_DIR
#define JX_MODULE_INSTALL_DIR JX_RENDER_DIR
#endif
#ifndef JX_MODULE_RELDIR
#define JX_MODULE_RELDIR "../lib/jixiao"
#endif

size_t jx_exe_dir(char *out, size_t cap) {
  if (!out || cap == 0) return 0;
  out[0] = '\0';
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return 0;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash || (size_t)(slash - exe) >= cap) return 0;
  *slash = '\0';
  snprintf(out, cap, "%s", exe);
  return strlen(out);
}

typedef bool (*accept_fn)(void *handle, const void *arg, const void **out);

/* Each candidate path in order; the first that loads and that accept takes. */
static void *search(const char *file, const char *env_var, accept_fn accept, const void *arg, const void **out,
                    char *err, size_t errlen) {
  char exe[4096], paths[5][4300];
  size_t n_paths = 0;
  const char *env = getenv(env_var);
  if (env && *env) snprintf(paths[n_paths++], sizeof paths[0], "%s", env);
  if (jx_exe_dir(exe, sizeof exe)) {
    snprintf(paths[n_paths++], sizeof paths[0], "%s/%s", exe, file);
    snprintf(paths[n_paths++], sizeof paths[0], "%s/%s/%s", exe, JX_MODULE_RELDIR, file);
  }
  snprintf(paths[n_paths++], sizeof paths[0], "%s/%s", JX_RENDER_DIR, file);
  if (strcmp(JX_RENDER_DIR, JX_MODULE_INSTALL_DIR) != 0)
    snprintf(paths[n_paths++], sizeof paths[0], "%s/%s", JX_MODULE_INSTALL_DIR, file);
  for (size_t i = 0; i < n_paths; i++) {
    void *h = dlopen(paths[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) continue;
    if (!accept || accept(h, arg, out)) return h;
    dlclose(h);
  }
  const char *why = dlerror();
  snprintf(err, errlen, "找不到模块 %s（在 $%s、程序所在目录、其 %s、%s 和 %s 中查找%s%s）", file, env_var,
           JX_MODULE_RELDIR, JX_RENDER_DIR, JX_MODULE_INSTALL_DIR, why ? "：" : "", why ? why : "");
  return NULL;
}

void *jx_module_open(const char *file, const char *env_var, char *err, size_t errlen) {
  return search(file, env_var, NULL, NULL, NULL, err, errlen);
}

typedef struct {
  const char *entry;
  int abi;
} table_want;

static bool has_table(void *h, const void *arg, const void **out) {
  const table_want *w = arg;
  const void *(*fn)(void) = NULL;
  *(void **)&fn = dlsym(h, w->entry);
  const int *table = fn ? fn() : NULL; /* every table starts with its abi */
  if (!table || *table != w->abi) return false;
  *out = table;
  return true;
}

const void *jx_module_load(const char *file, const char *env_var, const char *entry, int abi, char *err, size_t errlen) {
  table_want w = {entry, abi};
  const void *table = NULL;
  return search(file, env_var, has_table, &w, &table, err, errlen) ? table : NULL;
}
