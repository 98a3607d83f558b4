/* diag.h — adding diagnostics (internal). */
#ifndef JX_DIAG_H
#define JX_DIAG_H

#include "jixiao.h"

/* Append a diagnostic.  The message is formatted into the diags' own arena.
 * code is "JXnnn"; see docs/diagnostics.md for the catalogue. */
void jx_diag_add(jx_diags *d, const char *code, jx_severity sev, jx_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
