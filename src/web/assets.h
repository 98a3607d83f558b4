/* assets.h — the front-end files compiled into the binary (generated table, see
 * src/web/gen/embed_assets.c and CMakeLists.txt). */
#ifndef JX_WEB_ASSETS_H
#define JX_WEB_ASSETS_H

#include <stddef.h>

typedef struct {
  const char *name;          /* "app.js", "echarts.min.js": a flat name, never a path */
  const char *type;          /* Content-Type */
  const unsigned char *data; /* NUL-terminated copy of the bytes */
  size_t len;
  const char *etag;          /* "\"<fnv64 hex>\"" */
} jx_asset;

extern const jx_asset jx_assets[];
extern const size_t jx_n_assets;

#endif
