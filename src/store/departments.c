/* departments.c — the departments hierarchy (财政局 → 主管部门 → 预算单位) loaded from a CSV file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/yaml_tree.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/text.h"

enum { MAX_CODE = 63, MAX_NAME = 400, MAX_ROWS = 200000 };

static const char *const levels[] = {"bureau", "authority", "unit"}; /* a parent ranks above its child */

static int level_rank(const char *l) {
  for (int i = 0; i < 3; i++)
    if (strcmp(levels[i], l) == 0) return i;
  return -1;
}

typedef struct {
  char *f[4];
  uint32_t line;
  int rank;
} csv_row;

/* One record of RFC 4180 CSV starting at *p; fields are arena copies, unquoted in buf
 * (scratch space as large as the file).  Returns the number of fields, or -1 with *why set. */
static int read_record(jx_arena *a, char *buf, const char **p, const char *end, char **f, int max, uint32_t *line,
                       const char **why) {
  int n = 0;
  const char *s = *p;
  for (;;) {
    size_t k = 0;
    if (s < end && *s == '"') {
      s++;
      for (;;) {
        if (s >= end) {
          *why = "引号没有闭合";
          return -1;
        }
        if (*s == '"') {
          if (s + 1 < end && s[1] == '"') {
            buf[k++] = '"';
            s += 2;
            continue;
          }
          s++;
          break;
        }
        if (*s == '\n') ++*line;
        buf[k++] = *s++;
      }
      if (s < end && *s != ',' && *s != '\n' && *s != '\r') {
        *why = "引号后面应是逗号或行尾";
        return -1;
      }
    } else {
      while (s < end && *s != ',' && *s != '\n' && *s != '\r') {
        if (*s == '"') {
          *why = "不在引号内的字段中出现了引号";
          return -1;
        }
        buf[k++] = *s++;
      }
    }
    if (n < max) f[n] = jx_arena_strndup(a, buf, k);
    n++;
    if (s < end && *s == ',') {
      s++;
      continue;
    }
    if (s < end && *s == '\r') s++;
    if (s < end && *s == '\n') s++;
    break;
  }
  *p = s;
  return n;
}

static int code_cmp(const void *x, const void *y) {
  const csv_row *a = *(const csv_row *const *)x, *b = *(const csv_row *const *)y;
  int c = strcmp(a->f[0], b->f[0]);
  if (c) return c;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* The first row of code in rows sorted by code (by_code), or NULL. */
static const csv_row *row_by_code(csv_row *const *by_code, size_t n, const char *code) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(by_code[mid]->f[0], code) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && strcmp(by_code[lo]->f[0], code) == 0 ? by_code[lo] : NULL;
}

static int row_cmp(const void *x, const void *y) {
  const csv_row *a = x, *b = y;
  if (a->rank != b->rank) return a->rank - b->rank;
  return a->line < b->line ? -1 : a->line > b->line;
}

static jx_status upsert(jx_store *s, const csv_row *rows, size_t n, const char *now) {
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "INSERT INTO department (code, name, parent, level, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent = excluded.parent, level = excluded.level, "
                    "updated_at = excluded.updated_at",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_status r = JX_OK;
  for (size_t i = 0; i < n && r == JX_OK; i++) {
    jx_stmt_reset(st);
    jx_stmt_bind_text(st, 1, rows[i].f[0], -1);
    jx_stmt_bind_text(st, 2, rows[i].f[1], -1);
    jx_stmt_bind_text(st, 3, *rows[i].f[2] ? rows[i].f[2] : NULL, -1);
    jx_stmt_bind_text(st, 4, rows[i].f[3], -1);
    jx_stmt_bind_text(st, 5, now, -1);
    jx_status x = jx_stmt_send(st); /* PostgreSQL: all rows in one round trip, checked by the next */
    if (x != JX_OK) r = jx_store_dbfail(s, x);
  }
  if (r == JX_OK && (r = jx_db_sync(s->db)) != JX_OK) jx_store_dbfail(s, r);
  jx_stmt_finalize(st);
  /* the names the queries print, kept on each department-year (migration 4) */
  if (r == JX_OK &&
      (r = jx_db_exec(s->db,
                      "UPDATE department_year SET dept_name = dep.name, "
                      "authority_name = (SELECT par.name FROM department par WHERE par.code = dep.parent AND par.level = 'authority') "
                      "FROM department dep WHERE dep.code = department_year.department AND "
                      "(COALESCE(department_year.dept_name, '') <> dep.name OR COALESCE(department_year.authority_name, '') <> "
                      "COALESCE((SELECT par.name FROM department par WHERE par.code = dep.parent AND par.level = 'authority'), ''))")) !=
          JX_OK)
    jx_store_dbfail(s, r);
  return r;
}

jx_status jx_store_load_departments(jx_store *s, const char *csv_path, const char *user, size_t *loaded, jx_diags *diags) {
  (void)user;
  if (loaded) *loaded = 0;
  s->err[0] = '\0';
  char *data = NULL;
  size_t len = 0;
  jx_status st = jx_read_file(csv_path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (st != JX_OK) {
    free(data);
    return jx_store_fail(s, st, "%s：无法读取单位表", csv_path);
  }
  size_t bad = 0;
  if (!jx_utf8_valid(data, len, &bad)) {
    jx_diag_add(diags, "JX601", JX_ERROR, (jx_pos){csv_path, 1, 1}, "单位表不是有效的 UTF-8 编码（第 %zu 字节）：请另存为 UTF-8", bad + 1);
    free(data);
    return jx_store_fail(s, JX_ERR_DATA, "%s：单位表有错误，未写入", csv_path);
  }
  jx_arena *a = jx_arena_new();
  const char *p = data, *end = data + len;
  if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* BOM of Excel's "CSV UTF-8" */
  size_t errors_before = diags->n_error;
  uint32_t line = 1;
  char *f[4];
  const char *why = NULL;
  char *scratch = jx_xmalloc(len + 1);
  int nf = read_record(a, scratch, &p, end, f, 4, &line, &why);
  if (nf != 4 || strcmp(f[0], "code") != 0 || strcmp(f[1], "name") != 0 || strcmp(f[2], "parent") != 0 ||
      strcmp(f[3], "level") != 0) {
    jx_diag_add(diags, "JX601", JX_ERROR, (jx_pos){csv_path, 1, 1}, "单位表第一行应是表头 code,name,parent,level");
    nf = -2;
  }
  csv_row *rows = NULL;
  size_t n = 0, cap = 0;
  while (nf != -2 && p < end) {
    line++;
    uint32_t at = line;
    nf = read_record(a, scratch, &p, end, f, 4, &line, &why);
    if (nf == -1) {
      jx_diag_add(diags, "JX601", JX_ERROR, (jx_pos){csv_path, at, 1}, "CSV 格式错误：%s", why);
      break;
    }
    if (nf == 1 && !*f[0]) continue; /* blank line */
    if (nf != 4) {
      jx_diag_add(diags, "JX601", JX_ERROR, (jx_pos){csv_path, at, 1}, "应有 4 列（code,name,parent,level），这一行有 %d 列", nf);
      continue;
    }
    if (n >= MAX_ROWS) {
      jx_diag_add(diags, "JX601", JX_ERROR, (jx_pos){csv_path, at, 1}, "单位表超过 %d 行的上限", MAX_ROWS);
      break;
    }
    for (int i = 0; i < 4; i++) f[i] = jx_text_fold(a, f[i]);
    if (!*f[0] || !*f[1]) {
      jx_diag_add(diags, "JX602", JX_ERROR, (jx_pos){csv_path, at, 1}, "%s不能为空", !*f[0] ? "单位编码（code）" : "单位名称（name）");
      continue;
    }
    if (strlen(f[0]) > MAX_CODE || strlen(f[1]) > MAX_NAME) {
      jx_diag_add(diags, "JX602", JX_ERROR, (jx_pos){csv_path, at, 1}, "%s太长（最多 %d 字节）", strlen(f[0]) > MAX_CODE ? "单位编码" : "单位名称",
                  strlen(f[0]) > MAX_CODE ? MAX_CODE : MAX_NAME);
      continue;
    }
    const char *bad_code = jx_code_problem(a, f[0]);
    if (bad_code) {
      jx_diag_add(diags, "JX602", JX_ERROR, (jx_pos){csv_path, at, 1}, "%s", bad_code);
      continue;
    }
    int rank = level_rank(f[3]);
    if (rank < 0) {
      jx_diag_add(diags, "JX602", JX_ERROR, (jx_pos){csv_path, at, 1}, "单位 %s 的层级“%s”不对：应为 bureau（财政局）、authority（主管部门）或 unit（预算单位）",
                  f[0], f[3]);
      continue;
    }
    if (n == cap) rows = jx_arena_grow(a, rows, n, cap = cap ? cap * 2 : 64, sizeof *rows);
    rows[n++] = (csv_row){{f[0], f[1], f[2], f[3]}, at, rank};
  }
  free(scratch);
  /* duplicates, parents (in the file or already in the database), levels: through an
   * index of the rows by code */
  csv_row **by_code = jx_arena_alloc(a, (n + 1) * sizeof(csv_row *));
  for (size_t i = 0; i < n; i++) by_code[i] = &rows[i];
  if (n) qsort((void *)by_code, n, sizeof(csv_row *), code_cmp);
  jx_dept_list known;
  if (jx_store_departments(s, &known) != JX_OK) {
    jx_arena_free(known.arena);
    jx_arena_free(a);
    free(data);
    return JX_ERR_IO;
  }
  for (size_t i = 0; i < n; i++) {
    const csv_row *first = row_by_code(by_code, n, rows[i].f[0]);
    if (first && first->line != rows[i].line)
      jx_diag_add(diags, "JX604", JX_ERROR, (jx_pos){csv_path, rows[i].line, 1}, "单位编码 %s 重复：第 %u 行已经写过", rows[i].f[0],
                  first->line);
    const char *parent = rows[i].f[2];
    if (rows[i].rank == 0) {
      if (*parent)
        jx_diag_add(diags, "JX605", JX_ERROR, (jx_pos){csv_path, rows[i].line, 1}, "财政局 %s 是最上一级，不能有上级（parent 应为空）",
                    rows[i].f[0]);
      continue;
    }
    if (!*parent) {
      jx_diag_add(diags, "JX603", JX_ERROR, (jx_pos){csv_path, rows[i].line, 1}, "单位 %s 没有写上级（parent）", rows[i].f[0]);
      continue;
    }
    const csv_row *pr = row_by_code(by_code, n, parent);
    int prank = pr ? pr->rank : -1;
    if (prank < 0) {
      const jx_dept *d = jx_dept_find(&known, parent);
      if (d) prank = level_rank(d->level);
    }
    if (prank < 0)
      jx_diag_add(diags, "JX603", JX_ERROR, (jx_pos){csv_path, rows[i].line, 1}, "单位 %s 的上级 %s 既不在这个文件中，也不在数据库中",
                  rows[i].f[0], parent);
    else if (prank >= rows[i].rank)
      jx_diag_add(diags, "JX605", JX_ERROR, (jx_pos){csv_path, rows[i].line, 1}, "单位 %s（%s）的上级 %s 是 %s：上级的层级应更高（bureau → authority → unit）",
                  rows[i].f[0], rows[i].f[3], parent, levels[prank]);
  }
  jx_arena_free(known.arena);
  if (diags->n_error > errors_before) {
    jx_arena_free(a);
    free(data);
    return jx_store_fail(s, JX_ERR_DATA, "%s：单位表有错误，未写入", csv_path);
  }
  if (n) qsort(rows, n, sizeof *rows, row_cmp); /* parents before children (foreign keys) */
  char now[40];
  jx_db_now(now, sizeof now);
  st = JX_DB_RETRY;
  for (int attempt = 0; attempt < JX_STORE_RETRIES && st == JX_DB_RETRY; attempt++) {
    st = jx_db_begin(s->db);
    if (st == JX_OK) st = upsert(s, rows, n, now);
    else jx_store_dbfail(s, st);
    if (st == JX_OK) {
      st = jx_db_commit(s->db);
      if (st != JX_OK) jx_store_dbfail(s, st);
    }
    if (st != JX_OK) jx_db_rollback(s->db);
  }
  if (st == JX_OK) s->written[JX_BULK_DEPARTMENTS] += n;
  if (st == JX_OK && loaded) *loaded = n;
  jx_arena_free(a);
  free(data);
  return st;
}
