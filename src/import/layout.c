/* layout.c — the known forms as data (layouts.yaml, compiled in): which one a document is,
 * how much of its key figures an import filled, and the framework of the document's region. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "parse/yaml_tree.h"
#include "util/text.h"

extern const unsigned char jx_layouts_yaml[];
extern const size_t jx_layouts_yaml_len;

const jx_node *jx_layouts(jx_arena *a) {
  jx_diags d = {0};
  const jx_node *root = jx_yaml_parse(a, "layouts.yaml", (const char *)jx_layouts_yaml, jx_layouts_yaml_len, &d);
  /* the file is part of the program: a problem in it is a build defect, caught by the tests */
  if (d.n_error) root = NULL;
  jx_diags_free(&d);
  return root;
}

static const char *scalar(const jx_node *m, const char *key) {
  const jx_node *v = m ? jx_map_get(m, key) : NULL;
  return v && v->type == JX_NODE_SCALAR ? v->text : NULL;
}

const jx_node *jx_layout_find(const jx_node *layouts, const char *id) {
  const jx_node *list = layouts ? jx_map_get(layouts, "layouts") : NULL;
  for (size_t i = 0; list && list->type == JX_NODE_SEQ && i < list->n; i++) {
    const char *lid = scalar(list->items[i], "id");
    if (lid && id && !strcmp(lid, id)) return list->items[i];
  }
  return NULL;
}

/* The node at a dotted path under m ("a.b.c"), or NULL. */
static const jx_ynode *at_path(const jx_ynode *m, const char *path, size_t n) {
  char key[64];
  const char *p = path, *e = path + n;
  while (m && p < e) {
    size_t k = 0;
    while (p + k < e && p[k] != '.') k++;
    if (k >= sizeof key) return NULL;
    memcpy(key, p, k);
    key[k] = '\0';
    m = jx_y_find(m, key);
    p += k + (p + k < e);
  }
  return m;
}

static bool filled(const jx_ynode *n) {
  if (!n) return false;
  if (n->kind == JX_Y_SCALAR) return n->text && *n->text;
  for (const jx_ynode *c = n->first; c; c = c->next)
    if (filled(c)) return true;
  return false;
}

void jx_layout_coverage(jx_imp *im, const jx_node *layout) {
  im->cov_total = im->cov_filled = 0;
  im->cov_missing = NULL;
  const jx_node *fields = layout ? jx_map_get(layout, "fields") : NULL;
  jx_sb missing = {0};
  size_t listed = 0;
  for (size_t i = 0; fields && fields->type == JX_NODE_SEQ && i < fields->n; i++) {
    const jx_node *f = fields->items[i];
    if (f->type != JX_NODE_SEQ || f->n < 2 || f->n > 3) continue;
    const char *path = f->items[0]->text, *zh = f->items[1]->text;
    /* "a[]" with a weight: a list the form must have counts as that many figures when
     * nothing of it was read (a whole indicator table is more than one figure) */
    size_t empty_weight = f->n == 3 ? (size_t)strtoul(f->items[2]->text, NULL, 10) : 1;
    /* a table the text shows but the import could not read weighs as a form's would */
    if (im->unread_table_line && empty_weight < 20) empty_weight = 20;
    if (!empty_weight) empty_weight = 1;
    const char *br = strstr(path, "[]");
    size_t want = 0, got = 0;
    if (!br) {
      want = 1;
      got = filled(at_path(im->root, path, strlen(path)));
    } else {
      const jx_ynode *list = at_path(im->root, path, (size_t)(br - path));
      const char *rest = br[2] == '.' ? br + 3 : NULL;
      if (!rest) {
        bool any = list && list->first;
        want = any ? 1 : empty_weight;
        got = any;
      } else if (list) {
        for (const jx_ynode *e = list->first; e; e = e->next) {
          want++;
          got += filled(at_path(e, rest, strlen(rest)));
        }
      }
    }
    im->cov_total += want;
    im->cov_filled += got;
    if (got < want && listed < 40) {
      const char *item = want > 1 ? jx_arena_printf(im->a, "%s（%zu 项缺 %zu 项）", zh, want, want - got) : zh;
      if (missing.s) jx_sb_add(im->a, &missing, "、");
      jx_sb_add(im->a, &missing, item);
      listed++;
    }
  }
  im->cov_missing = missing.s;
}

/* Whether text holds one of the places of a region. */
static bool names_place(const jx_node *places, const char *text) {
  for (size_t i = 0; text && places && places->type == JX_NODE_SEQ && i < places->n; i++)
    if (places->items[i]->type == JX_NODE_SCALAR && *places->items[i]->text && strstr(text, places->items[i]->text)) return true;
  return false;
}

const char *jx_layout_region_framework(const jx_node *layouts, jx_doc_kind kind, int year, const char *const *texts,
                                       size_t ntexts, bool *regional) {
  const char *kind_key = kind == JX_KIND_PROJECT ? "project" : "department";
  *regional = false;
  const jx_node *regions = layouts ? jx_map_get(layouts, "regions") : NULL;
  for (size_t i = 0; regions && regions->type == JX_NODE_SEQ && i < regions->n; i++) {
    const jx_node *r = regions->items[i];
    const char *fw = scalar(r, kind_key);
    if (!fw) continue;
    const char *from = scalar(r, "from_year");
    if (from && year < (int)strtol(from, NULL, 10)) continue;
    const jx_node *places = jx_map_get(r, "places");
    for (size_t k = 0; k < ntexts; k++)
      if (names_place(places, texts[k])) {
        *regional = true;
        return fw;
      }
  }
  return scalar(layouts ? jx_map_get(layouts, "national") : NULL, kind_key);
}

int jx_layout_setting(const jx_node *layouts, const char *key, int fallback) {
  const char *v = scalar(layouts, key);
  return v ? (int)strtol(v, NULL, 10) : fallback;
}
