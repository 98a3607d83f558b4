/* emit_stub.c — TEMPORARY until src/model/emit.c lands from main: a weak stand-in. */
#include <stdio.h>

#include "jixiao.h"

JX_API jx_status jx_doc_write_yaml(const jx_doc *doc, FILE *out, char *err, size_t errlen);
__attribute__((weak)) jx_status jx_doc_write_yaml(const jx_doc *doc, FILE *out, char *err, size_t errlen) {
  (void)doc;
  (void)out;
  snprintf(err, errlen, "暂不支持按表格修改（等待 jx_doc_write_yaml）");
  return JX_ERR_IO;
}

/* TEMPORARY until src/store/store.c lands: weak stand-ins so the module loads. */
#define JX_STUB_FAIL(...) return JX_ERR_IO
__attribute__((weak)) jx_status jx_store_open(const char *t, jx_store **o, char *e, size_t n) {
  (void)t;
  *o = NULL;
  snprintf(e, n, "store 未实现");
  return JX_ERR_IO;
}
__attribute__((weak)) const char *jx_store_errmsg(const jx_store *s) { (void)s; return "store 未实现"; }
__attribute__((weak)) jx_status jx_store_import_bytes(jx_store *s, const char *a, const char *b, size_t c,
                                                      const jx_store_import_opts *o, jx_store_import_info *i, jx_diags *d) {
  (void)s, (void)a, (void)b, (void)c, (void)o, (void)i, (void)d;
  JX_STUB_FAIL();
}
__attribute__((weak)) jx_status jx_store_transition(jx_store *s, const jx_dy_key *k, const char *a, const jx_transition_opts *o) {
  (void)s, (void)k, (void)a, (void)o;
  JX_STUB_FAIL();
}
__attribute__((weak)) jx_status jx_store_rectify_open(jx_store *s, const jx_dy_key *k, const char *i, const char *u, int64_t *id) {
  (void)s, (void)k, (void)i, (void)u, (void)id;
  JX_STUB_FAIL();
}
__attribute__((weak)) jx_status jx_store_rectify_close(jx_store *s, int64_t id, const char *n, const char *u) {
  (void)s, (void)id, (void)n, (void)u;
  JX_STUB_FAIL();
}
