/* yaml_tree.h — a strict YAML reader: libyaml events into a positioned node tree (internal). */
#ifndef JX_YAML_TREE_H
#define JX_YAML_TREE_H

#include "jixiao.h"
#include "util/arena.h"

typedef enum { JX_NODE_SCALAR, JX_NODE_MAP, JX_NODE_SEQ } jx_node_type;

typedef struct jx_node jx_node;
typedef struct {
  const char *key;
  jx_pos key_pos;
  jx_node *value;
} jx_pair;

struct jx_node {
  jx_node_type type;
  jx_pos pos;
  bool quoted;          /* scalar written in quotes or block style */
  const char *text;     /* scalar */
  size_t len;           /* scalar length in bytes */
  jx_pair *pairs;       /* map */
  jx_node **items;      /* seq */
  size_t n;             /* pairs or items */
};

/* Parse data[0..len) into a node tree owned by arena (a leading UTF-8 BOM skipped,
 * positions counted after it).  Problems become JX1xx
 * diagnostics; returns NULL when nothing usable was read.  name is the file name
 * used in positions (not copied: must live as long as the arena). */
jx_node *jx_yaml_parse(jx_arena *arena, const char *name, const char *data, size_t len,
                       jx_diags *diags);
/* Read a whole file (bounded by max_bytes) into *out, a malloc'd NUL-terminated
 * buffer of *len bytes.  On failure adds a JX100 diagnostic and returns JX_ERR_IO
 * (cannot be opened or read) or JX_ERR_DATA (a directory, or over max_bytes). */
jx_status jx_read_file(const char *path, size_t max_bytes, char **out, size_t *len, jx_diags *diags);

/* Lookup helpers. */
jx_node *jx_map_get(const jx_node *map, const char *key);
const char *jx_node_type_name(const jx_node *n); /* Chinese: 映射 / 列表 / 文本 */

#endif
