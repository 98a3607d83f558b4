/* fuzz_yaml_edit.c — libFuzzer target: the in-place YAML editor (src/parse/yaml_edit.c).
 *
 * The input is a YAML file, a NUL byte, then edits one a line as PATH=VALUE (VALUE may
 * hold \n as the two bytes "\n"), -PATH (a list item removed) or +LIST=VALUE (a text item
 * added; +LIST=K:V,K:V a mapping item), the list changes made after the scalar edits
 * (jx_yaml_items).  Oracles, each a __builtin_trap() when broken:
 *   - no edits: the output is the input, byte for byte;
 *   - an accepted edit: every edited path reads back as its new value (jx_yaml_values),
 *     and the bytes before the first changed byte are the input's;
 *   - a refusal names an edit in range (or n for the file) with a non-empty message;
 *   - list changes accepted: the output reads back (the editor checks each list's length
 *     and each added value itself).
 * The editor also checks its own result; ASan and UBSan watch the offsets. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/yaml_edit.h"
#include "util/arena.h"

#define CHECK(cond)                \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

enum { MAX_EDITS = 16 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > (size_t)1 << 20) return 0;
  const char *in = (const char *)data;
  const char *nul = memchr(in, '\0', size);
  size_t ylen = nul ? (size_t)(nul - in) : size;
  jx_arena *a = jx_arena_new();
  jx_yaml_set sets[MAX_EDITS];
  jx_yaml_item items[MAX_EDITS];
  const char *keys[MAX_EDITS][4], *kvals[MAX_EDITS][4];
  size_t n = 0, ni = 0;
  if (nul) {
    char *rest = jx_arena_strndup(a, nul + 1, size - ylen - 1), *save = NULL;
    for (char *line = strtok_r(rest, "\n", &save); line && n < MAX_EDITS && ni < MAX_EDITS; line = strtok_r(NULL, "\n", &save)) {
      if (line[0] == '-') {
        items[ni++] = (jx_yaml_item){.remove = line + 1};
        continue;
      }
      char *eq = strchr(line, '=');
      if (!eq) continue;
      *eq = '\0';
      char *v = eq + 1, *w = v;
      for (char *p = v; *p; p++) {
        if (p[0] == '\\' && p[1] == 'n') *w++ = '\n', p++;
        else *w++ = *p;
      }
      *w = '\0';
      if (line[0] != '+') {
        sets[n++] = (jx_yaml_set){line, v};
        continue;
      }
      jx_yaml_item it = {.list = line + 1, .value = v};
      if (strchr(v, ':')) { /* K:V,K:V */
        char *s2 = NULL;
        for (char *kv = strtok_r(v, ",", &s2); kv && it.n_keys < 4; kv = strtok_r(NULL, ",", &s2)) {
          char *c = strchr(kv, ':');
          if (!c) continue;
          *c = '\0';
          keys[ni][it.n_keys] = kv;
          kvals[ni][it.n_keys++] = c + 1;
        }
        it.keys = keys[ni];
        it.values = kvals[ni];
      }
      items[ni++] = it;
    }
  }
  const char *out;
  size_t out_len, failed;
  char err[512];
  jx_status st = jx_yaml_edit(a, in, ylen, sets, n, &out, &out_len, &failed, err, sizeof err);
  if (st == JX_OK) {
    CHECK(out != NULL);
    if (!n) CHECK(out_len == ylen && memcmp(out, in, ylen) == 0);
    const char *paths[MAX_EDITS], *values[MAX_EDITS];
    int kinds[MAX_EDITS];
    for (size_t i = 0; i < n; i++) paths[i] = sets[i].path;
    CHECK(jx_yaml_values(a, out, out_len, paths, n, values, kinds, err, sizeof err));
    for (size_t i = 0; i < n; i++) CHECK(kinds[i] == 1 && strcmp(values[i], sets[i].value) == 0);
    if (ni) {
      const char *o2;
      size_t o2_len;
      st = jx_yaml_items(a, out, out_len, items, ni, &o2, &o2_len, &failed, err, sizeof err);
      if (st == JX_OK) CHECK(o2 != NULL && jx_yaml_values(a, o2, o2_len, paths, 0, values, kinds, err, sizeof err));
      else CHECK(o2 == NULL && failed <= ni && err[0]);
    }
  } else {
    CHECK(out == NULL && failed <= n && err[0]);
  }
  jx_arena_free(a);
  return 0;
}
