/* decl_out.c — the declaration use cases of the 绩效目标表 out: a file loaded when it is a
 * declaration (for `jixiao report`), and the declarations of files and directories (for
 * `jixiao template --kind declaration`). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jixiao.h"
#include "parse/yaml_tree.h"

bool jx_decl_try_load(const char *path, jx_decl **out, jx_status *st, jx_diags *diags) {
  jx_diags scratch = {0}; /* a file that cannot be read is reported by the year-end path */
  char *data = NULL;
  size_t len = 0;
  jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, &scratch);
  jx_diags_free(&scratch);
  if (rst != JX_OK) return false;
  bool is_decl = jx_decl_sniff(data, len);
  if (is_decl) {
    *out = NULL;
    *st = jx_decl_parse(path, data, len, out, diags);
  }
  free(data);
  return is_decl;
}

typedef struct {
  jx_decl **items;
  size_t n, cap;
} decl_vec;

static void push(decl_vec *v, jx_decl *d) {
  if (v->n == v->cap) {
    v->cap = v->cap ? 2 * v->cap : 16;
    v->items = jx_xrealloc(v->items, v->cap * sizeof *v->items); // NOLINT(bugprone-sizeof-expression): an array of pointers
  }
  v->items[v->n++] = d;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool yaml_name(const char *name) {
  size_t n = strlen(name);
  return name[0] != '.' && ((n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml")));
}

/* Load one file into v; explicit: named on the command line (not a declaration: an error). */
static jx_status load_one(const char *path, bool explicit, decl_vec *v, jx_diags *diags, char *err, size_t errlen) {
  jx_decl *d = NULL;
  jx_status st = JX_OK;
  if (!jx_decl_try_load(path, &d, &st, diags)) {
    if (!explicit) return JX_OK; /* another kind of file in the directory */
    char *data = NULL;
    size_t len = 0;
    jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
    free(data);
    if (rst != JX_OK) return rst;
    snprintf(err, errlen, "“%s”不是绩效目标申报文件（kind: declaration）", path);
    return JX_ERR_INVALID;
  }
  if (d) push(v, d);
  return st == JX_OK || !d ? st : JX_ERR_DATA;
}

static jx_status worse(jx_status a, jx_status b) {
  int rank[] = {[JX_OK] = 0, [JX_ERR_DATA] = 1, [JX_ERR_IO] = 2, [JX_ERR_INVALID] = 3};
  return rank[b] > rank[a] ? b : a;
}

jx_status jx_decl_load_all(const char *const *paths, size_t n, jx_decl ***out, size_t *count, jx_diags *diags, char *err,
                           size_t errlen) {
  if (errlen) err[0] = '\0';
  decl_vec v = {0};
  jx_status st = JX_OK;
  for (size_t i = 0; i < n; i++) {
    struct stat sb;
    if (stat(paths[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
      st = worse(st, load_one(paths[i], true, &v, diags, err, errlen));
      continue;
    }
    DIR *dir = opendir(paths[i]);
    if (!dir) {
      snprintf(err, errlen, "无法读取目录“%s”", paths[i]);
      st = worse(st, JX_ERR_IO);
      continue;
    }
    char **names = NULL;
    size_t nn = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
      if (!yaml_name(e->d_name)) continue;
      if (nn == cap) {
        cap = cap ? 2 * cap : 64;
        names = jx_xrealloc(names, cap * sizeof *names);
      }
      size_t len = strlen(paths[i]) + strlen(e->d_name) + 2;
      names[nn] = jx_xmalloc(len);
      snprintf(names[nn++], len, "%s/%s", paths[i], e->d_name);
    }
    closedir(dir);
    if (nn) qsort(names, nn, sizeof *names, by_name); /* the same order on every file system */
    for (size_t k = 0; k < nn; k++) {
      st = worse(st, load_one(names[k], false, &v, diags, err, errlen));
      free(names[k]);
    }
    free(names);
  }
  *out = v.items;
  *count = v.n;
  return st;
}

void jx_decl_list_free(jx_decl **list, size_t n) {
  for (size_t i = 0; list && i < n; i++) jx_decl_free(list[i]);
  free(list);
}
