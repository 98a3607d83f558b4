/* data.c — what handlers read: department-years and their versions (SQL reads of the
 * collection's tables through store/db.h; every write goes through jx_store), a
 * department-year evaluated from its bytes by the library, and reports rendered into
 * the request's arena. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/db.h"
#include "web/store.h"
#include "web/web.h"

struct jx_store *jx_req_store(jx_req *r) {
  if (r->ctx->store) return r->ctx->store;
  char err[512] = "";
  if (jx_store_open(r->web->cfg.db, &r->ctx->store, err, sizeof err) != JX_OK) {
    r->ctx->store = NULL;
    fprintf(r->web->cfg.log ? r->web->cfg.log : stderr, "jixiao serve: 无法打开数据库：%s\n", err);
    jx_resp_error(r, 503, "db_unavailable", "数据库暂时无法访问，请稍后再试");
  }
  return r->ctx->store;
}

bool jx_req_departments(jx_req *r, jx_dept_list *out) {
  struct jx_store *s = jx_req_store(r);
  if (!s) return false;
  if (jx_store_departments_in(s, r->arena, out) == JX_OK) return true;
  fprintf(r->web->cfg.log ? r->web->cfg.log : stderr, "jixiao serve: 单位表读取失败：%s\n", jx_store_errmsg(s));
  jx_resp_error(r, 503, "db_unavailable", "数据库暂时无法访问，请稍后再试");
  return false;
}

#define YEAR_COLS                                                                                             \
  "SELECT dy.id, dy.department, d.name, dy.year, dy.kind, dy.status, dy.version, COALESCE(dy.published_version, 0)," \
  " dy.updated_at, COALESCE((SELECT p.code FROM department p WHERE p.code = d.parent AND p.level = 'authority'), '')" \
  " FROM department_year dy JOIN department d ON d.code = dy.department"

static void year_row(jx_req *r, jx_stmt *st, jx_year *y) {
  y->id = jx_stmt_int64(st, 0);
  y->department = jx_arena_strdup(r->arena, jx_stmt_text(st, 1));
  y->department_name = jx_arena_strdup(r->arena, jx_stmt_text(st, 2));
  y->year = (int)jx_stmt_int64(st, 3);
  y->kind = jx_arena_strdup(r->arena, jx_stmt_text(st, 4));
  y->status = jx_arena_strdup(r->arena, jx_stmt_text(st, 5));
  y->version = jx_stmt_int64(st, 6);
  y->published_version = jx_stmt_int64(st, 7);
  const char *u = jx_stmt_text(st, 8);
  y->updated_at = u ? jx_arena_strdup(r->arena, u) : "";
  y->authority = jx_arena_strdup(r->arena, jx_stmt_text(st, 9));
}

bool jx_year_load(jx_req *r, int64_t id, jx_year *y) {
  memset(y, 0, sizeof *y);
  jx_db *db = jx_req_db(r);
  if (!db) return false;
  jx_stmt *st;
  if (jx_db_prepare(db, YEAR_COLS " WHERE dy.id = ?", &st) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
    return false;
  }
  jx_stmt_bind_int64(st, 1, id);
  jx_status s = jx_stmt_step(st);
  if (s == JX_DB_ROW) year_row(r, st, y);
  jx_stmt_finalize(st);
  if (s != JX_DB_ROW && s != JX_DB_DONE) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
    return false;
  }
  /* Absent and not yours answer alike: no probing of other departments' ids. */
  bool visible = y->id && (r->route->perm == JX_P_PUBLIC ? y->published_version > 0
                                                         : jx_can_read_department(r, y->department) ||
                                                               jx_is_authority_head(r, y->authority));
  if (!visible) {
    jx_resp_error(r, 404, "not_found", "没有编号为 %lld 的部门年度数据", (long long)id);
    return false;
  }
  return true;
}

bool jx_year_content(jx_req *r, int64_t id, int64_t version, const char **data, size_t *len) {
  jx_db *db = jx_req_db(r);
  if (!db) return false;
  jx_stmt *st;
  if (jx_db_prepare(db, "SELECT content FROM version WHERE dy = ? AND number = ?", &st) != JX_OK) {
    jx_resp_error(r, 503, "db_error", "数据库错误：%s", jx_db_errmsg(db));
    return false;
  }
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_int64(st, 2, version);
  jx_status s = jx_stmt_step(st);
  bool ok = false;
  if (s == JX_DB_ROW) {
    size_t n = 0;
    const void *p = jx_stmt_blob(st, 0, &n);
    char *copy = jx_arena_take(r->arena, n + 1);
    if (n) memcpy(copy, p, n);
    copy[n] = '\0';
    *data = copy;
    *len = n;
    ok = true;
  }
  jx_stmt_finalize(st);
  if (!ok) jx_resp_error(r, 404, "not_found", "找不到第 %lld 版", (long long)version);
  return ok;
}

json_t *jx_year_json(const jx_year *y) {
  json_t *j = json_object();
  json_object_set_new(j, "id", json_integer(y->id));
  json_object_set_new(j, "department", json_string(y->department));
  json_object_set_new(j, "department_name", json_string(y->department_name));
  json_object_set_new(j, "year", json_integer(y->year));
  json_object_set_new(j, "kind", json_string(y->kind));
  json_object_set_new(j, "status", json_string(y->status));
  json_object_set_new(j, "version", json_integer(y->version));
  json_object_set_new(j, "published_version", y->published_version ? json_integer(y->published_version) : json_null());
  json_object_set_new(j, "updated_at", json_string(y->updated_at));
  return j;
}

/* ---- evaluation ---------------------------------------------------------------------- */

jx_status jx_evaluate_bytes(jx_req *r, const char *name, const char *data, size_t len, jx_evaluated *e) {
  memset(e, 0, sizeof *e);
  const jx_framework *fw;
  const char *path = r->web->framework_path[0] ? r->web->framework_path : NULL;
  jx_status st = jx_app_evaluate_bytes(jx_req_fw_cache(r), name, data, len, path, &e->doc, &fw, &e->res, &e->diags);
  jx_diags_sort(&e->diags);
  return st;
}

void jx_evaluated_free(jx_evaluated *e) {
  jx_result_free(e->res);
  jx_doc_free(e->doc);
  jx_diags_free(&e->diags);
  memset(e, 0, sizeof *e);
}

json_t *jx_evaluated_json(const jx_evaluated *e) {
  if (!e->res) {
    json_t *j = json_object(), *ds = json_array();
    for (size_t i = 0; i < e->diags.n; i++) {
      const jx_diag *g = &e->diags.items[i];
      json_array_append_new(ds, json_pack("{s:s,s:s,s:I,s:I,s:s}", "code", g->code, "severity",
                                          jx_severity_name(g->severity), "line", (json_int_t)g->pos.line, "column",
                                          (json_int_t)g->pos.col, "message", g->message));
    }
    json_object_set_new(j, "diagnostics", ds);
    return j;
  }
  char *buf = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  if (!f) return json_object();
  jx_result_write_json(e->res, &e->diags, f);
  fclose(f);
  json_t *j = json_loadb(buf, n, 0, NULL);
  free(buf);
  return j ? j : json_object();
}

/* ---- reports ---------------------------------------------------------------------------- */

static const struct {
  jx_format f;
  const char *ext, *ctype;
} formats[] = {
    {JX_FORMAT_MD, "md", "text/markdown; charset=utf-8"},
    {JX_FORMAT_HTML, "html", "text/html; charset=utf-8"},
    {JX_FORMAT_DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {JX_FORMAT_PDF, "pdf", "application/pdf"},
    {JX_FORMAT_XLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
};

const char *jx_format_ctype(jx_format f) {
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (formats[i].f == f) return formats[i].ctype;
  return "application/octet-stream";
}

const char *jx_format_ext(jx_format f) {
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (formats[i].f == f) return formats[i].ext;
  return "bin";
}

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

bool jx_render_report(jx_req *r, const jx_evaluated *e, jx_format fmt, const char **data, size_t *len) {
  const char *tmpdir = getenv("TMPDIR");
  char path[4096], err[512] = "";
  snprintf(path, sizeof path, "%s/jixiao-web-XXXXXX.%s", tmpdir && *tmpdir ? tmpdir : "/tmp", jx_format_ext(fmt));
  int fd = mkstemps(path, (int)strlen(jx_format_ext(fmt)) + 1);
  if (fd < 0) {
    jx_resp_error(r, 500, "io", "无法建立临时文件：%s", strerror(errno));
    return false;
  }
  close(fd);
  pthread_mutex_lock(&render_lock);
  jx_status st = jx_report_write(e->doc, e->res, fmt, path, err, sizeof err);
  pthread_mutex_unlock(&render_lock);
  bool ok = false;
  FILE *f = st == JX_OK ? fopen(path, "rb") : NULL;
  if (f) {
    jx_sbuf b = {.arena = r->arena};
    jx_sb_puts(&b, "");
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) jx_sb_put(&b, buf, n);
    ok = !ferror(f);
    fclose(f);
    *data = b.p;
    *len = b.n;
  }
  unlink(path);
  if (!ok) jx_resp_error(r, 500, "render", "报告生成失败：%s", err[0] ? err : "无法读取输出");
  return ok;
}
