/* opendata.c — every published department-year as open data: indicators.csv, money.csv, scores.csv, opendata.json. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store.h"
#include "util/csv.h"

/* The published versions, in a stable order.  Column 0 is the version id. */
static const char *const published_sql =
    "SELECT v.id, d.department, dep.name, d.year, d.kind, v.number, v.sha256, v.created_at, COALESCE(v.correction, '') "
    "FROM department_year d JOIN department dep ON dep.code = d.department "
    "JOIN version v ON v.dy = d.id AND v.number = d.published_version "
    "WHERE d.published_version IS NOT NULL ORDER BY d.year, d.department, d.kind";

/* One output table: its file, its columns (JSON keys) and its SQL (parameter: version id). */
typedef struct {
  const char *file, *json_key;
  const char *columns; /* comma-separated JSON keys / CSV headers */
  const char *sql;
  const char *kinds; /* per column: t text, i integer, s score or rate (× 10^6, 2 decimals), y 分 as 元 */
} od_table;

static const od_table od_tables[] = {
    {"indicators.csv", "indicators",
     "seq,project,level1,level2,name,nature,target,unit,weight,actual,self_score,score,attainment",
     "SELECT seq, project, level1, level2, name, nature, target, unit, weight, actual, self_score, score, attainment "
     "FROM indicator WHERE version = ? ORDER BY seq",
     "itttttttstsst"},
    {"money.csv", "money", "seq,item,initial_yuan,adjusted_yuan,executed_yuan",
     "SELECT seq, item, initial, adjusted, executed FROM money WHERE version = ? ORDER BY seq", "ityyy"},
    {"scores.csv", "scores",
     "total,grade,self_total,execution_rate,indicator_score,indicator_weight,indicators,scored,met,attainment,unscored,"
     "unscored_points,partial_total",
     "SELECT total, grade, stated_total, execution_rate, indicator_total, indicator_weight, indicators, scored, met, attainment, "
     "unscored, unscored_points, partial_total FROM score WHERE version = ?",
     "stssssiiisiss"},
};

static const char *const key_columns[] = {"department", "department_name", "year", "kind", "version"};

/* Column c of table t as text: numbers formatted exactly, else the text. */
static const char *cell(const od_table *t, jx_stmt *st, int c, char *buf, size_t n) {
  if (jx_stmt_is_null(st, c)) return NULL;
  switch (t->kinds[c]) {
  case 'y': return jx_store_fmt_yuan(jx_stmt_int64(st, c), buf, n);
  case 's': return jx_store_fmt2(jx_stmt_int64(st, c), true, buf, n);
  default: return jx_stmt_text(st, c);
  }
}

static int split_cols(const od_table *t, char cols[][32], bool *num) {
  int n = 0;
  for (const char *p = t->columns; *p && n < 16;) {
    num[n] = t->kinds[n] != 't';
    size_t len = strcspn(p, ",");
    snprintf(cols[n], 32, "%.*s", (int)len, p);
    n++;
    p += len + (p[len] == ',');
  }
  return n;
}

jx_status jx_store_opendata(jx_store *s, const char *dir, size_t *count) {
  s->err[0] = '\0';
  if (count) *count = 0;
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) return jx_store_fail(s, JX_ERR_IO, "无法建立目录 %s：%s", dir, strerror(errno));
  FILE *csv[3] = {NULL, NULL, NULL};
  char path[4200];
  char cols[3][16][32];
  bool num[3][16];
  int ncols[3];
  jx_status rc = JX_OK;
  for (int i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, od_tables[i].file);
    csv[i] = fopen(path, "wb");
    if (!csv[i]) {
      rc = jx_store_fail(s, JX_ERR_IO, "无法写入 %s：%s", path, strerror(errno));
      break;
    }
    ncols[i] = split_cols(&od_tables[i], cols[i], num[i]);
    for (size_t k = 0; k < sizeof key_columns / sizeof *key_columns; k++) jx_csv_cell(csv[i], key_columns[k], k == 0);
    for (int c = 0; c < ncols[i]; c++) jx_csv_cell(csv[i], cols[i][c], false);
    jx_csv_end(csv[i]);
  }
  jx_stmt *pub = NULL, *part[3] = {NULL, NULL, NULL};
  if (rc == JX_OK && jx_db_prepare(s->db, published_sql, &pub) != JX_OK) rc = jx_store_dbfail(s, JX_ERR_IO);
  for (int i = 0; i < 3 && rc == JX_OK; i++)
    if (jx_db_prepare(s->db, od_tables[i].sql, &part[i]) != JX_OK) rc = jx_store_dbfail(s, JX_ERR_IO);
  json_t *all = json_array();
  size_t n = 0;
  jx_status st = JX_DB_DONE;
  while (rc == JX_OK && (st = jx_stmt_step(pub)) == JX_DB_ROW) {
    int64_t vid = jx_stmt_int64(pub, 0);
    char year[16], version[24];
    snprintf(year, sizeof year, "%lld", (long long)jx_stmt_int64(pub, 3));
    snprintf(version, sizeof version, "%lld", (long long)jx_stmt_int64(pub, 5));
    const char *key[5] = {jx_stmt_text(pub, 1), jx_stmt_text(pub, 2), year, jx_stmt_text(pub, 4), version};
    json_t *o = json_object();
    for (int k = 0; k < 5; k++) json_object_set_new(o, key_columns[k], json_string(key[k]));
    json_object_set_new(o, "sha256", json_string(jx_stmt_text(pub, 6)));
    json_object_set_new(o, "created_at", json_string(jx_stmt_text(pub, 7)));
    const char *corr = jx_stmt_text(pub, 8);
    json_object_set_new(o, "correction", corr && *corr ? json_string(corr) : json_null());
    for (int i = 0; i < 3 && rc == JX_OK; i++) {
      json_t *rows = json_array();
      jx_stmt_reset(part[i]);
      jx_stmt_bind_int64(part[i], 1, vid);
      jx_status x;
      while ((x = jx_stmt_step(part[i])) == JX_DB_ROW) {
        json_t *jr = json_object();
        for (int k = 0; k < 5; k++) {
          if (k == 0 || k == 2 || k == 4) jx_csv_number(csv[i], key[k], k == 0);
          else jx_csv_cell(csv[i], key[k], false);
        }
        for (int c = 0; c < ncols[i]; c++) {
          char buf[48];
          const char *v = cell(&od_tables[i], part[i], c, buf, sizeof buf);
          if (num[i][c]) jx_csv_number(csv[i], v, false);
          else jx_csv_cell(csv[i], v, false);
          json_object_set_new(jr, cols[i][c], v ? json_string(v) : json_null());
        }
        jx_csv_end(csv[i]);
        json_array_append_new(rows, jr);
      }
      if (x != JX_DB_DONE) rc = jx_store_dbfail(s, x);
      if (i == 2) {
        json_object_set(o, "scores", json_array_size(rows) ? json_array_get(rows, 0) : json_null());
        json_decref(rows);
      } else {
        json_object_set_new(o, od_tables[i].json_key, rows);
      }
    }
    json_array_append_new(all, o);
    n++;
  }
  if (rc == JX_OK && st != JX_DB_DONE) rc = jx_store_dbfail(s, st);
  for (int i = 0; i < 3; i++) jx_stmt_finalize(part[i]);
  jx_stmt_finalize(pub);
  for (int i = 0; i < 3; i++)
    if (csv[i] && fclose(csv[i]) != 0 && rc == JX_OK) rc = jx_store_fail(s, JX_ERR_IO, "写入 %s 失败", od_tables[i].file);
  if (rc == JX_OK) {
    json_t *doc = json_object();
    json_object_set_new(doc, "format", json_string("jixiao-opendata/1"));
    json_object_set_new(doc, "money_unit", json_string("元"));
    json_object_set_new(doc, "department_years", all);
    all = NULL;
    snprintf(path, sizeof path, "%s/opendata.json", dir);
    if (json_dump_file(doc, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0) rc = jx_store_fail(s, JX_ERR_IO, "无法写入 %s", path);
    json_decref(doc);
  }
  json_decref(all);
  if (rc == JX_OK && count) *count = n;
  return rc;
}
