/* app.h — the use cases between the command line / web server and the layers below (internal):
 * one framework lookup, one framework cache. */
#ifndef JX_APP_H
#define JX_APP_H

#include "jixiao.h"
#include "parse/xlsx.h"

/* The framework search path for a data file: framework_path if given, else
 * $JIXIAO_FRAMEWORKS, ./frameworks, the file's ../frameworks and the installed directory. */
void jx_framework_search_path(const char *path, const char *framework_path, char *out, size_t cap);

/* The one framework lookup: the framework doc names, searched for the file at path
 * (framework_path as for jx_evaluate_file).  Its diagnostics without a position are put
 * at the file's `framework:` line.  A file naming no framework, or one that cannot be
 * found or read, is a data problem: *out NULL and JX_ERR_DATA (JX_ERR_INVALID for an id
 * that is a path).  Caller owns *out (jx_framework_free). */
jx_status jx_framework_for_doc(const jx_doc *doc, const char *path, const char *framework_path, jx_framework **out,
                               jx_diags *diags);

/* The one framework cache: frameworks loaded by jx_framework_for_doc, kept by search path
 * and id until jx_fw_cache_free.  Not thread-safe: one cache per thread (a session, a
 * store, a web worker).  A lookup that fails is not cached: the next file naming the
 * framework gets the same diagnostic. */
typedef struct jx_fw_cache jx_fw_cache;
jx_fw_cache *jx_fw_cache_new(void);
void jx_fw_cache_free(jx_fw_cache *c); /* NULL allowed */
/* As jx_framework_for_doc; *out is borrowed from the cache. */
jx_status jx_fw_cache_get(jx_fw_cache *c, const jx_doc *doc, const char *path, const char *framework_path,
                          const jx_framework **out, jx_diags *diags);

/* Evaluating a file given as bytes (name: its positions, and the file the framework is
 * searched for, as path for jx_evaluate_file), with c's frameworks: what the web server
 * does with a department-year it stores or shows (it can use this with one cache per
 * worker instead of its own).  As jx_session_evaluate otherwise: *fw is borrowed from c,
 * *doc and *result are the caller's, outputs not reached are NULL. */
jx_status jx_app_evaluate_bytes(jx_fw_cache *c, const char *name, const char *data, size_t len, const char *framework_path,
                                jx_doc **doc, const jx_framework **fw, jx_result **result, jx_diags *diags);

/* `jixiao import --onto`: the department-year file at base_path loaded (its diagnostics in
 * base_diags), then form merged onto it by jx_sheet_merge (diagnostics in diags).  *base
 * is NULL, with the load's status, when the file cannot be read; otherwise the merge's
 * status.  *base points into form's memory: free it first. */
jx_status jx_sheet_onto(const char *base_path, const jx_doc *form, jx_template_kind kind, jx_doc **base,
                        jx_diags *base_diags, jx_diags *diags);

/* A grid of texts (parse/xlsx.h: one sheet, a header row, numeric columns) written as an
 * XLSX workbook at path, through the Excel module when the build has one (the web's
 * exports of lists).  Chinese message in err. */
jx_status jx_app_grid_xlsx(const jx_xlsx_grid *g, const char *path, char *err, size_t errlen);

#endif
