/* module.h — the command line's modules: found and loaded on first use (internal). */
#ifndef JX_MODULE_H
#define JX_MODULE_H

#include <stddef.h>

/* The directory of the running program (from /proc/self/exe) into out; its length, or 0
 * (out empty) when it cannot be told or does not fit. */
size_t jx_exe_dir(char *out, size_t cap);

/* dlopen the module `file` (e.g. "libjixiao-web.so") from the path in $env_var, else next
 * to the executable, else at JX_MODULE_RELDIR from it (an installed tree, wherever
 * DESTDIR put it), else the build or install directory.  Never unloaded (glib cannot
 * be).  NULL, with a Chinese message in err, when none loads. */
void *jx_module_open(const char *file, const char *env_var, char *err, size_t errlen);

/* As jx_module_open, then entry() must hand out a table whose first member is an int
 * equal to abi (a module of another build is passed over).  The table, or NULL with a
 * Chinese message in err. */
const void *jx_module_load(const char *file, const char *env_var, const char *entry, int abi, char *err, size_t errlen);

#endif
