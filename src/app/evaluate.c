/* evaluate.c — evaluating a file (load → check → score): jx_evaluate, jx_evaluate_file,
 * jx_session_*, and the one framework lookup and cache they and every other use case share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "check/check.h"
#include "score/score.h"
#include "util/arena.h"
#include "util/module.h"

/* The checks of one scored document (jx_score_evaluate calls it for each). */
static void check_doc(const jx_doc *doc, const jx_framework *fw, const jx_result *r, jx_diags *d) {
  jx_check_sums(doc, fw, d);
  jx_check_consistency(doc, fw, r, d);
}

jx_status jx_evaluate(const jx_doc *doc, const jx_framework *fw, jx_result **out, jx_diags *d) {
  return jx_score_evaluate(doc, doc, fw, true, check_doc, out, d);
}

#ifndef JX_FRAMEWORK_DIR
#define JX_FRAMEWORK_DIR "/usr/share/jixiao/frameworks"
#endif
/* where `make install` / the package put them (PREFIX/share/jixiao/frameworks); the
 * build's own JX_FRAMEWORK_DIR (the checkout's) is searched first */
#ifndef JX_FRAMEWORK_INSTALL_DIR
#define JX_FRAMEWORK_INSTALL_DIR JX_FRAMEWORK_DIR
#endif
#ifndef JX_FRAMEWORK_RELDIR /* from the program's directory to the installed frameworks */
#define JX_FRAMEWORK_RELDIR "../share/jixiao/frameworks"
#endif

void jx_framework_search_path(const char *path, const char *framework_path, char *out, size_t cap) {
  if (framework_path) {
    snprintf(out, cap, "%s", framework_path);
    return;
  }
  const char *env = getenv("JIXIAO_FRAMEWORKS");
  const char *slash = strrchr(path, '/');
  int dir_len = slash ? (int)(slash - path) : 1;
  /* an installed tree's own frameworks (wherever DESTDIR put it) before the build's */
  char exe[4096];
  bool rel = jx_exe_dir(exe, sizeof exe) > 0;
  bool two = strcmp(JX_FRAMEWORK_DIR, JX_FRAMEWORK_INSTALL_DIR) != 0;
  snprintf(out, cap, "%s%sframeworks:%.*s/../frameworks:%s%s%s%s%s", env && *env ? env : "", env && *env ? ":" : "",
           dir_len, slash ? path : ".", rel ? exe : "", rel ? "/" JX_FRAMEWORK_RELDIR ":" : "", JX_FRAMEWORK_DIR,
           two ? ":" : "", two ? JX_FRAMEWORK_INSTALL_DIR : "");
}

/* Load the framework a document names; diagnostics without a position point at the
 * document's `framework` field. */
static jx_status find_for_doc(const jx_doc *doc, const char *search, jx_framework **fw, jx_diags *diags) {
  size_t before = diags->n;
  jx_status st = jx_framework_find(doc->framework_id, search, fw, diags);
  for (size_t i = before; i < diags->n; i++)
    if (!diags->items[i].pos.file) diags->items[i].pos = doc->framework_pos;
  if (*fw) return JX_OK;
  return st == JX_ERR_INVALID ? st : JX_ERR_DATA; /* missing or unreadable: the file names what cannot be used */
}

jx_status jx_framework_for_doc(const jx_doc *doc, const char *path, const char *framework_path, jx_framework **out,
                               jx_diags *diags) {
  *out = NULL;
  if (!doc->framework_id) return JX_ERR_DATA;
  char search[8192];
  jx_framework_search_path(path, framework_path, search, sizeof search);
  return find_for_doc(doc, search, out, diags);
}

typedef struct {
  char *key; /* search path + '\n' + id */
  jx_framework *fw;
} cached_fw;

struct jx_fw_cache {
  cached_fw *items;
  size_t n, cap;
};

jx_fw_cache *jx_fw_cache_new(void) { return jx_xcalloc(1, sizeof(jx_fw_cache)); }

void jx_fw_cache_free(jx_fw_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n; i++) {
    free(c->items[i].key);
    jx_framework_free(c->items[i].fw);
  }
  free(c->items);
  free(c);
}

jx_status jx_fw_cache_get(jx_fw_cache *c, const jx_doc *doc, const char *path, const char *framework_path,
                          const jx_framework **out, jx_diags *diags) {
  *out = NULL;
  if (!doc->framework_id) return JX_ERR_DATA;
  char search[8192];
  jx_framework_search_path(path, framework_path, search, sizeof search);
  size_t klen = strlen(search) + strlen(doc->framework_id) + 2;
  char *key = jx_xmalloc(klen);
  snprintf(key, klen, "%s\n%s", search, doc->framework_id);
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->items[i].key, key) == 0) {
      free(key);
      *out = c->items[i].fw;
      return JX_OK;
    }
  jx_framework *loaded = NULL;
  jx_status st = find_for_doc(doc, search, &loaded, diags);
  if (!loaded) {
    free(key); /* not cached: the next file that names it gets the same diagnostic */
    return st;
  }
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 4;
    c->items = jx_xrealloc(c->items, c->cap * sizeof *c->items);
  }
  c->items[c->n++] = (cached_fw){key, loaded};
  *out = loaded;
  return JX_OK;
}

jx_status jx_evaluate_file(const char *path, const char *framework_path, jx_doc **doc, jx_framework **fw, jx_result **result,
                           jx_diags *diags) {
  *doc = NULL;
  *fw = NULL;
  *result = NULL;
  jx_status st = jx_doc_load(path, doc, diags);
  if (!*doc) return st;
  jx_status fst = jx_framework_for_doc(*doc, path, framework_path, fw, diags);
  if (!*fw) return fst;
  jx_status est = jx_evaluate(*doc, *fw, result, diags);
  return st != JX_OK ? st : est;
}

jx_status jx_app_evaluate_bytes(jx_fw_cache *c, const char *name, const char *data, size_t len, const char *framework_path,
                                jx_doc **doc, const jx_framework **fw, jx_result **result, jx_diags *diags) {
  *doc = NULL;
  *fw = NULL;
  *result = NULL;
  jx_status st = jx_doc_parse(name, data, len, doc, diags);
  if (!*doc) return st;
  jx_status fst = jx_fw_cache_get(c, *doc, name, framework_path, fw, diags);
  if (!*fw) return fst;
  jx_status est = jx_evaluate(*doc, *fw, result, diags);
  return st != JX_OK ? st : est;
}

struct jx_session {
  char *framework_path;
  bool brief;
  jx_fw_cache *cache;
  const char *monitoring;        /* borrowed: checkpoint reports to attach (file or directory) */
  const jx_monrules *mon_rules;  /* borrowed; NULL: the default */
};

jx_session *jx_session_new(const char *framework_path) {
  jx_session *s = jx_xcalloc(1, sizeof *s);
  s->cache = jx_fw_cache_new();
  if (framework_path) {
    size_t n = strlen(framework_path) + 1;
    s->framework_path = memcpy(jx_xmalloc(n), framework_path, n);
  }
  return s;
}

void jx_session_free(jx_session *s) {
  if (!s) return;
  jx_fw_cache_free(s->cache);
  free(s->framework_path);
  free(s);
  jx_arena_release_spares();
}

jx_status jx_session_evaluate(jx_session *s, const char *path, jx_doc **doc, const jx_framework **fw, jx_result **result,
                              jx_diags *diags) {
  *doc = NULL;
  *fw = NULL;
  *result = NULL;
  jx_status st = jx_doc_load(path, doc, diags);
  if (!*doc) return st;
  if (s->monitoring) {
    jx_mon_point *pts = NULL;
    size_t n = 0;
    jx_status mst = jx_mon_points_load(s->monitoring, (*doc)->department_code, (*doc)->year, s->mon_rules, &pts, &n, diags);
    if (mst != JX_OK && st == JX_OK) st = mst;
    jx_doc_attach_monitoring(*doc, pts, n, diags);
    jx_mon_points_free(pts, n);
  }
  jx_status fst = jx_fw_cache_get(s->cache, *doc, path, s->framework_path, fw, diags);
  if (!*fw) return fst;
  jx_status est = jx_score_evaluate(*doc, *doc, *fw, !s->brief, check_doc, result, diags);
  return st != JX_OK ? st : est;
}

void jx_session_set_brief(jx_session *s, bool brief) { s->brief = brief; }

void jx_session_set_monitoring(jx_session *s, const char *path, const jx_monrules *rules) {
  s->monitoring = path;
  s->mon_rules = rules;
}
