/* store_import.c — importing a file into the collection: read, evaluated (evaluate.c), then
 * stored by jx_store_put with the store's own framework cache. */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "parse/yaml_tree.h"
#include "store/store.h"

static void cache_free(void *c) { jx_fw_cache_free(c); }

/* The framework cache kept with the store (one per store, as the store is per thread). */
static jx_fw_cache *store_cache(jx_store *s) {
  if (!s->above) {
    s->above = jx_fw_cache_new();
    s->above_free = cache_free;
  }
  return s->above;
}

/* The year-end targets against the locked declarations the collection holds for this
 * year (docs/declaration.md): the unit's own (scope department; its code from the import's
 * --department or the file's department.code) and each project's by its code.  JX83x
 * go to diags and count as the file's own.  JX_ERR_IO when the lookup fails. */
static jx_status compare_locked(jx_store *s, const jx_doc *doc, const jx_store_import_opts *o, jx_diags *diags) {
  const char *unit = o->department ? o->department : doc->department_code;
  jx_decl *d = NULL;
  if (doc->kind == JX_KIND_DEPARTMENT && unit && *unit) {
    if (jx_store_decl_locked(s, JX_DECL_DEPARTMENT, unit, doc->year, &d) != JX_OK) return JX_ERR_IO;
    if (d) jx_decl_compare(d, doc, diags);
    jx_decl_free(d);
  }
  size_t n = doc->kind == JX_KIND_PROJECT ? (doc->project ? 1 : 0) : doc->projects.n;
  for (size_t i = 0; i < n; i++) {
    const jx_project *p = doc->kind == JX_KIND_PROJECT ? doc->project : &doc->projects.items[i];
    if (!p->code || !*p->code) continue;
    d = NULL;
    if (jx_store_decl_locked(s, JX_DECL_PROJECT, p->code, doc->year, &d) != JX_OK) return JX_ERR_IO;
    if (d) jx_decl_compare(d, doc, diags);
    jx_decl_free(d);
  }
  return JX_OK;
}

jx_status jx_store_import_bytes(jx_store *s, const char *name, const char *data, size_t len, const jx_store_import_opts *o,
                                jx_store_import_info *info, jx_diags *diags) {
  jx_store_import_info local;
  if (!info) info = &local;
  memset(info, 0, sizeof *info);
  s->err[0] = '\0';
  if (!o || !o->user || !*o->user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  size_t before_err = diags->n_error, before_warn = diags->n_warning;
  jx_doc *doc = NULL;
  jx_result *res = NULL;
  jx_status pst = jx_doc_parse(name, data, len, &doc, diags);
  (void)pst;
  if (!doc || !doc->framework_id) {
    jx_doc_free(doc);
    return jx_store_fail(s, JX_ERR_DATA, "%s：无法读取为部门年度数据文件，未写入数据库（见上面的诊断信息）", name);
  }
  /* the unit's stored checkpoint reports are the year's monitoring records: the claims
   * about execution progress and 及时处置 are checked against them (JX409, JX410) */
  const char *unit = o->department && *o->department ? o->department : doc->department_code;
  if (unit && *unit) {
    jx_mon_point *pts = NULL;
    size_t npts = 0;
    if (jx_store_monitor_points(s, unit, doc->year, &pts, &npts) != JX_OK) {
      jx_doc_free(doc);
      return JX_ERR_IO;
    }
    jx_doc_attach_monitoring(doc, pts, npts, diags);
    jx_mon_points_free(pts, npts);
  }
  const jx_framework *fw = NULL;
  jx_status st = jx_fw_cache_get(store_cache(s), doc, name, o->framework_path, &fw, diags);
  if (st == JX_OK) jx_evaluate(doc, fw, &res, diags);
  if (!res) { /* the one convention: a framework that cannot be found or read is a data problem */
    st = jx_store_fail(s, JX_ERR_DATA, "%s：找不到或无法读取评价框架“%s”，未写入数据库", name, doc->framework_id);
    jx_doc_free(doc);
    return st;
  }
  if (compare_locked(s, doc, o, diags) != JX_OK) {
    jx_result_free(res);
    jx_doc_free(doc);
    return JX_ERR_IO;
  }
  st = jx_store_put(s, name, data, len, o, doc, res, diags->n_error - before_err, diags->n_warning - before_warn, info);
  jx_result_free(res);
  jx_doc_free(doc);
  return st;
}

jx_status jx_store_import(jx_store *s, const char *path, const jx_store_import_opts *o, jx_store_import_info *info,
                          jx_diags *diags) {
  char *data = NULL;
  size_t len = 0;
  jx_status st = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (st != JX_OK) {
    free(data);
    if (info) memset(info, 0, sizeof *info);
    return jx_store_fail(s, st, "%s：无法读取文件", path);
  }
  st = jx_store_import_bytes(s, path, data, len, o, info, diags);
  free(data);
  return st;
}

