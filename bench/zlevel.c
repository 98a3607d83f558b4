/* zlevel.c — LD_PRELOAD shim for bench/run: zlib's deflateInit_ with the level in
 * $ZLEVEL instead of the caller's.  cairo 1.16 compresses every PDF stream at the default
 * level 6 and has no setting for it; this measures what a faster level would save.
 * A measurement helper only: jixiao never uses it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <zlib.h>

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
  typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);
  static init2_fn init2;
  if (!init2) init2 = (init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
  const char *z = getenv("ZLEVEL");
  if (z && *z) level = atoi(z);
  return init2(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
