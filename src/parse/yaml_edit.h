/* yaml_edit.h — editing scalars of a YAML file in place, every other byte kept (internal). */
#ifndef JX_YAML_EDIT_H
#define JX_YAML_EDIT_H

#include "jixiao.h"
#include "util/arena.h"

/* One edit: the scalar at path gets the text value.  A path is keys joined by "." with
 * list items as [N] (0-based): "budget.fiscal", "indicators[3].actual", "goals[0]". */
typedef struct {
  const char *path;
  const char *value; /* the new value as the reader should see it (not YAML), UTF-8 */
} jx_yaml_set;

#define JX_YAML_EDIT_MAX_PATH 512 /* bytes of one path */

/* Apply the n edits to the YAML file data[0..len) (a leading UTF-8 BOM kept) and put the
 * result in *out (arena memory, NUL-terminated, *out_len bytes).  Only the bytes of each
 * edited scalar change: comments, order, blank lines, line endings (CRLF kept) and every
 * other scalar stay as they were.  The scalar keeps its style where the new text allows it
 * (plain, '…', "…", or a | block), and is written in double quotes where YAML needs quotes.
 * A missing last key is added as a `key: value` line after the last entry of its block
 * mapping (or as `, key: value` in a flow mapping); a missing mapping above it is not.
 * Returns JX_OK; JX_ERR_INVALID when data is not a YAML file this can edit (unreadable,
 * or anchors/aliases, which would make one edit change several places): *failed is n;
 * JX_ERR_DATA when edit number *failed cannot be made (a bad or repeated path, a path
 * naming a list or mapping, a key that cannot be added).  On error err holds a Chinese
 * message and *out is NULL.  The result is read back and each edited path checked to
 * hold its new value, so a successful edit is exactly the edit asked for. */
jx_status jx_yaml_edit(jx_arena *a, const char *data, size_t len, const jx_yaml_set *sets, size_t n, const char **out,
                       size_t *out_len, size_t *failed, char *err, size_t errcap);

/* One change to a list: an item removed, or an item added at the end. */
typedef struct {
  const char *remove;            /* the item removed: "goals[2]", "tasks[0]"; or NULL */
  const char *list;              /* an item added to this list: "goals", "indicators"; or NULL */
  const char *value;             /* added: a text item ("- value") … */
  const char *const *keys;       /* … or a mapping item, its n_keys keys and values */
  const char *const *values;
  size_t n_keys;
} jx_yaml_item;

#define JX_YAML_ITEMS_MAX_KEYS 64 /* keys of one added mapping item */

/* Apply the n list changes to the YAML file data[0..len) in place, like jx_yaml_edit:
 * every other byte kept.  Indices name the items of data (two removals of one list name
 * its items as they are before either).  A removed item loses the lines from its "- " to
 * its last content line with that line's comment; the comment lines above it stay.  An
 * added item goes after the list's last item, at its column, its values quoted where YAML
 * needs it; a list not in the file (or written `key:` or `key: []`) is written as a block
 * list under its key, which is added to its block mapping as jx_yaml_edit adds one.  A list
 * left with no item is written `key: []`.  Block lists only: an item of a list written on
 * one line ([a, b]) cannot be removed or added after.  Returns JX_OK with *out the new file
 * (arena memory, NUL-terminated); JX_ERR_INVALID when data cannot be edited (*failed n);
 * JX_ERR_DATA when change *failed cannot be made (no such item or list, a path that is not
 * a list, a key that would need quotes, a repeated removal), with a Chinese message in err
 * and *out NULL.  The result is read back: each list's new length and each added value. */
jx_status jx_yaml_items(jx_arena *a, const char *data, size_t len, const jx_yaml_item *items, size_t n, const char **out,
                        size_t *out_len, size_t *failed, char *err, size_t errcap);

/* The values now at the n paths of data[0..len) (as the reader sees them, arena memory):
 * values[i] is the scalar's text, or NULL when the file has nothing at paths[i]; kinds[i]
 * is 0 for nothing, 1 for a scalar, 2 for a mapping or list (values[i] NULL).  Returns
 * false with a Chinese message in err when the file cannot be read or a path is malformed. */
bool jx_yaml_values(jx_arena *a, const char *data, size_t len, const char *const *paths, size_t n, const char **values,
                    int *kinds, char *err, size_t errcap);

#endif
