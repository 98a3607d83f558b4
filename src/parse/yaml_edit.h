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

/* The values now at the n paths of data[0..len) (as the reader sees them, arena memory):
 * values[i] is the scalar's text, or NULL when the file has nothing at paths[i]; kinds[i]
 * is 0 for nothing, 1 for a scalar, 2 for a mapping or list (values[i] NULL).  Returns
 * false with a Chinese message in err when the file cannot be read or a path is malformed. */
bool jx_yaml_values(jx_arena *a, const char *data, size_t len, const char *const *paths, size_t n, const char **values,
                    int *kinds, char *err, size_t errcap);

#endif
