/* version.c — `jixiao --version`: the version, the commit it was built from and the
 * versions of the libraries the process has actually loaded (jx_version_write). */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

#include "jixiao.h"
#include "util/module.h"

#ifndef JX_COMMIT
#define JX_COMMIT "unknown" /* set by CMake from git at configure time */
#endif

typedef enum { VER_STRING_FN, VER_INT_FN, VER_STRING_PTR_FN } ver_kind;

/* A library: its name as people know it, the start of its file name, the symbol that
 * tells its version at run time and how to call it. */
typedef struct {
  const char *name, *file, *symbol;
  ver_kind kind;
} lib_row;

static const lib_row libs[] = {
    {"libyaml", "libyaml-0.so", "yaml_get_version_string", VER_STRING_FN},
    {"jansson", "libjansson.so", "jansson_version_str", VER_STRING_FN},
    {"utf8proc", "libutf8proc.so", "utf8proc_version", VER_STRING_FN},
    {"libsodium", "libsodium.so", "sodium_version_string", VER_STRING_FN},
    {"SQLite", "libsqlite3.so", "sqlite3_libversion", VER_STRING_FN},
    {"libpq", "libpq.so", "PQlibVersion", VER_INT_FN},
    {"libmicrohttpd", "libmicrohttpd.so", "MHD_get_version", VER_STRING_FN},
    {"cairo", "libcairo.so", "cairo_version_string", VER_STRING_FN},
    {"pango", "libpango-1.0.so", "pango_version_string", VER_STRING_FN},
    {"libzip", "libzip.so", "zip_libzip_version", VER_STRING_FN},
    {"expat", "libexpat.so", "XML_ExpatVersion", VER_STRING_FN},
    {"libxlsxwriter", "libxlsxwriter.so", "lxw_version", VER_STRING_FN},
    {"libxml2", "libxml2.so", "__xmlParserVersion", VER_STRING_PTR_FN},
    {"libcurl", "libcurl.so", "curl_version", VER_STRING_FN},
};
#define N_LIBS (sizeof libs / sizeof *libs)

/* The command line's modules (util/module.c finds them as the commands do). */
static const char *const modules[][2] = {
    {"libjixiao-render.so", "JIXIAO_RENDER_MODULE"}, {"libjixiao-excel.so", "JIXIAO_EXCEL_MODULE"},
    {"libjixiao-sqlite.so", "JIXIAO_SQLITE_MODULE"}, {"libjixiao-pg.so", "JIXIAO_PG_MODULE"},
    {"libjixiao-web.so", "JIXIAO_WEB_MODULE"},
};
#define N_MODULES (sizeof modules / sizeof *modules)

typedef struct {
  char lib_path[N_LIBS][512];
  char module_path[N_MODULES][512];
} loaded_set;

static int collect(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  loaded_set *set = arg;
  const char *path = info->dlpi_name;
  if (!path || !*path) return 0;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  for (size_t i = 0; i < N_LIBS; i++)
    if (!set->lib_path[i][0] && !strncmp(base, libs[i].file, strlen(libs[i].file)))
      snprintf(set->lib_path[i], sizeof set->lib_path[i], "%s", path);
  for (size_t i = 0; i < N_MODULES; i++)
    if (!set->module_path[i][0] && !strcmp(base, modules[i][0]))
      snprintf(set->module_path[i], sizeof set->module_path[i], "%s", path);
  return 0;
}

/* The version a loaded library reports about itself, into buf; false when it cannot. */
static bool ask_version(const lib_row *l, const char *path, char *buf, size_t cap) {
  void *h = dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
  if (!h) return false;
  void *sym = dlsym(h, l->symbol);
  bool ok = sym != NULL;
  if (ok) {
    if (l->kind == VER_INT_FN) {
      int (*fn)(void) = NULL;
      *(void **)&fn = sym;
      int v = fn(); /* PostgreSQL 10+: major * 10000 + minor */
      snprintf(buf, cap, "%d.%d", v / 10000, v % 10000);
    } else if (l->kind == VER_STRING_PTR_FN) {
      const char **(*fn)(void) = NULL;
      *(void **)&fn = sym;
      const char **p = fn();
      snprintf(buf, cap, "%s", p && *p ? *p : "?");
    } else {
      const char *(*fn)(void) = NULL;
      *(void **)&fn = sym;
      const char *s = fn();
      snprintf(buf, cap, "%s", s ? s : "?");
    }
  }
  dlclose(h);
  return ok;
}

const char *jx_version_commit(void) { return JX_COMMIT; }

jx_status jx_version_write(FILE *out, bool load_modules) {
  if (!out) return JX_ERR_INVALID;
  char errs[N_MODULES][512] = {{0}};
  if (load_modules)
    for (size_t i = 0; i < N_MODULES; i++)
      (void)jx_module_open(modules[i][0], modules[i][1], errs[i], sizeof errs[i]); /* never unloaded */
  loaded_set set;
  memset(&set, 0, sizeof set);
  dl_iterate_phdr(collect, &set);
  fprintf(out, "jixiao %s\n提交：%s\n", JX_VERSION, JX_COMMIT);
  fputs("已加载的库（运行时报告的版本）：\n", out);
  for (size_t i = 0; i < N_LIBS; i++) {
    char v[256];
    if (set.lib_path[i][0] && ask_version(&libs[i], set.lib_path[i], v, sizeof v))
      fprintf(out, "  %-14s %-12s %s\n", libs[i].name, v, set.lib_path[i]);
  }
  if (load_modules) {
    fputs("模块：\n", out);
    for (size_t i = 0; i < N_MODULES; i++) {
      if (set.module_path[i][0]) fprintf(out, "  %-20s %s\n", modules[i][0], set.module_path[i]);
      else fprintf(out, "  %-20s 未加载：%s\n", modules[i][0], errs[i]);
    }
  }
  return ferror(out) ? JX_ERR_IO : JX_OK;
}
