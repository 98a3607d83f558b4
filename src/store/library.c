/* library.c — the indicator library (指标库): the common frame, every 三级指标 declared with its uses, values, units and sectors, search, export and import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/xlsx.h"
#include "parse/yaml_tree.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/text.h"

extern const unsigned char jx_indicator_frame_yaml[];
extern const size_t jx_indicator_frame_yaml_len;

enum { MAX_WORDS = 8, MAX_GRAM_CHARS = 200, MAX_NAME_BYTES = 1024, MAX_ROWS = 100000 };

/* ---- normalized names ------------------------------------------------------------------- */

/* A 三级指标 as the library keys it: full-width folded (jx_text_fold), every space removed,
 * ASCII letters in lower case, trailing punctuation dropped ("发放准确率\n" = "发放准确率。"). */
static char *name_key(jx_arena *a, const char *name) {
  char *f = jx_text_fold(a, name ? name : "");
  char *w = f;
  for (const char *p = f; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') continue;
    *w++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  *w = '\0';
  static const char *const tail[] = {"。", "，", "；", "：", "、", ".", ",", ";", ":"};
  for (bool cut = true; cut;) {
    cut = false;
    size_t n = strlen(f);
    for (size_t i = 0; i < sizeof tail / sizeof *tail && !cut; i++) {
      size_t k = strlen(tail[i]);
      if (n >= k && memcmp(f + n - k, tail[i], k) == 0) {
        f[n - k] = '\0';
        cut = true;
      }
    }
  }
  return f;
}

/* 一级/二级 as the frame writes them: trimmed, folded, without a trailing 指标 ("产出指标" = "产出"). */
static char *level_key(jx_arena *a, const char *level) {
  char *f = name_key(a, level);
  size_t n = strlen(f), k = strlen("指标");
  if (n > k && memcmp(f + n - k, "指标", k) == 0) f[n - k] = '\0';
  return f;
}

/* Trimmed copy (outer whitespace), as a value is kept. */
static char *trimmed(jx_arena *a, const char *s) {
  if (!s) return jx_arena_strdup(a, "");
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
  return jx_arena_strndup(a, s, n);
}

/* ---- seeding the frame ------------------------------------------------------------------ */

static jx_status step_done(jx_store *s, jx_stmt *st) {
  jx_status r = jx_stmt_step(st);
  return r == JX_DB_DONE || r == JX_DB_ROW ? JX_OK : jx_store_dbfail(s, r);
}

static jx_status seed_txn(jx_store *s, const jx_node *frame) {
  jx_status st = jx_db_begin(s->db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  jx_stmt *ins = NULL;
  st = jx_db_prepare(s->db, "INSERT INTO library_frame (level1, level2, seq, note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", &ins);
  if (st != JX_OK) {
    jx_store_dbfail(s, st);
    goto out;
  }
  int64_t seq = 0;
  for (size_t i = 0; frame && frame->type == JX_NODE_SEQ && i < frame->n && st == JX_OK; i++) {
    const jx_node *l1 = jx_map_get(frame->items[i], "level1"), *l2s = jx_map_get(frame->items[i], "level2");
    if (!l1 || l1->type != JX_NODE_SCALAR || !l2s || l2s->type != JX_NODE_SEQ) continue;
    for (size_t k = 0; k < l2s->n && st == JX_OK; k++) {
      const jx_node *nm = jx_map_get(l2s->items[k], "name"), *note = jx_map_get(l2s->items[k], "note");
      if (!nm || nm->type != JX_NODE_SCALAR) continue;
      jx_stmt_reset(ins);
      jx_stmt_bind_text(ins, 1, l1->text, -1);
      jx_stmt_bind_text(ins, 2, nm->text, -1);
      jx_stmt_bind_int64(ins, 3, ++seq);
      jx_stmt_bind_text(ins, 4, note && note->type == JX_NODE_SCALAR ? note->text : NULL, -1);
      st = step_done(s, ins);
    }
  }
  jx_stmt_finalize(ins);
  ins = NULL;
  if (st == JX_OK) {
    st = jx_db_commit(s->db);
    if (st != JX_OK) jx_store_dbfail(s, st);
    return st;
  }
out:
  jx_stmt_finalize(ins);
  jx_db_rollback(s->db);
  return st;
}

jx_status jx_store_library_seed(jx_store *s) {
  int64_t n = 0;
  jx_status st = jx_db_query_int64(s->db, "SELECT count(*) FROM library_frame", &n);
  if (st != JX_OK && st != JX_DB_DONE) return jx_store_dbfail(s, JX_ERR_IO);
  if (n > 0) return JX_OK;
  jx_arena *a = jx_arena_new();
  jx_diags d = {0};
  const jx_node *root = jx_yaml_parse(a, "indicator_frame.yaml", (const char *)jx_indicator_frame_yaml,
                                      jx_indicator_frame_yaml_len, &d);
  jx_diags_free(&d);
  const jx_node *frame = root ? jx_map_get(root, "frame") : NULL;
  st = JX_DB_RETRY;
  for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = seed_txn(s, frame);
  jx_arena_free(a);
  return st == JX_OK ? JX_OK : JX_ERR_IO;
}

/* ---- counting a declaration ------------------------------------------------------------- */

/* The grams of a key: each character and each pair of neighbouring characters, at most
 * MAX_GRAM_CHARS characters in. */
static jx_status add_grams(jx_store *s, int64_t id, const char *key) {
  jx_stmt *g;
  if (jx_store_prepare(s, "INSERT INTO library_gram (gram, indicator) VALUES (?, ?) ON CONFLICT DO NOTHING", &g) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  const char *p = key;
  for (int chars = 0; *p && chars < MAX_GRAM_CHARS; chars++) {
    size_t a = jx_u8_len(p), b = p[a] ? jx_u8_len(p + a) : 0;
    for (int pair = 0; pair < 2; pair++) {
      if (pair && !b) break;
      jx_stmt_bind_text(g, 1, p, (ptrdiff_t)(pair ? a + b : a));
      jx_stmt_bind_int64(g, 2, id);
      jx_status st = jx_stmt_send(g);
      if (st != JX_OK) return jx_store_dbfail(s, st);
    }
    p += a;
  }
  return JX_OK;
}

/* Add `uses` to the indicator (level1, level2, key), creating it (origin) when new; *id. */
static jx_status upsert_indicator(jx_store *s, const char *l1, const char *l2, const char *key, const char *name,
                                  const char *origin, const char *note, int64_t uses, int64_t *id) {
  jx_stmt *st;
  if (jx_store_prepare(s,
                       "INSERT INTO library_indicator (level1, level2, key, name, origin, uses, note) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (level1, level2, key) DO UPDATE SET uses = library_indicator.uses + excluded.uses, "
                       "note = COALESCE(library_indicator.note, excluded.note) RETURNING id, uses",
                       &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(st, 1, l1, -1);
  jx_stmt_bind_text(st, 2, l2, -1);
  jx_stmt_bind_text(st, 3, key, -1);
  jx_stmt_bind_text(st, 4, name, -1);
  jx_stmt_bind_text(st, 5, origin, -1);
  jx_stmt_bind_int64(st, 6, uses);
  jx_stmt_bind_text(st, 7, note && *note ? note : NULL, -1);
  jx_status r = jx_stmt_step(st);
  if (r != JX_DB_ROW) {
    jx_store_release(st);
    return jx_store_dbfail(s, r == JX_DB_DONE ? JX_ERR_IO : r);
  }
  *id = jx_stmt_int64(st, 0);
  int64_t now_uses = jx_stmt_int64(st, 1);
  jx_store_release(st);
  return now_uses == uses ? add_grams(s, *id, key) : JX_OK; /* new (or back from 0): its grams */
}

static jx_status add_value(jx_store *s, int64_t id, const char *value, const char *unit, int64_t uses) {
  jx_stmt *st;
  if (jx_store_prepare(s,
                       "INSERT INTO library_value (indicator, value, unit, uses) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (indicator, value) DO UPDATE SET uses = library_value.uses + excluded.uses",
                       &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_text(st, 2, value, -1);
  jx_stmt_bind_text(st, 3, unit ? unit : "", -1);
  jx_stmt_bind_int64(st, 4, uses);
  jx_status r = jx_stmt_send(st);
  return r == JX_OK ? JX_OK : jx_store_dbfail(s, r);
}

static jx_status add_sector(jx_store *s, int64_t id, const char *sector, int64_t uses) {
  jx_stmt *st;
  if (jx_store_prepare(s,
                       "INSERT INTO library_sector (indicator, sector, uses) VALUES (?, ?, ?) "
                       "ON CONFLICT (indicator, sector) DO UPDATE SET uses = library_sector.uses + excluded.uses",
                       &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_text(st, 2, sector, -1);
  jx_stmt_bind_int64(st, 3, uses);
  jx_status r = jx_stmt_send(st);
  return r == JX_OK ? JX_OK : jx_store_dbfail(s, r);
}

/* The unit the library keeps for a value: what jx_target_read found, "%" for a percentage. */
static const char *value_unit(const jx_decl_indicator *ind) {
  if (!ind->read.readable) return "";
  if (ind->read.percent) return "%";
  return ind->read.unit;
}

jx_status jx_store_library_count(jx_store *s, const jx_decl *d, const char *sector, int sign) {
  jx_arena *a = jx_arena_new();
  jx_status st = JX_OK;
  for (size_t i = 0; i < d->indicators.n && st == JX_OK; i++) {
    const jx_decl_indicator *ind = &d->indicators.items[i];
    if (ind->not_applicable || !ind->name || strlen(ind->name) > MAX_NAME_BYTES) continue;
    const char *key = name_key(a, ind->name);
    if (!*key) continue;
    const char *l1 = level_key(a, ind->level1), *l2 = level_key(a, ind->level2);
    const char *value = trimmed(a, ind->value);
    if (sign > 0) {
      int64_t id = 0;
      st = upsert_indicator(s, l1, l2, key, trimmed(a, ind->name), "declared", NULL, 1, &id);
      if (st == JX_OK && *value) st = add_value(s, id, value, value_unit(ind), 1);
      if (st == JX_OK && sector && *sector) st = add_sector(s, id, sector, 1);
      continue;
    }
    /* take back what an earlier version added */
    jx_stmt *q;
    if (jx_store_prepare(s, "UPDATE library_indicator SET uses = uses - 1 WHERE level1 = ? AND level2 = ? AND key = ? AND uses > 0 RETURNING id",
                         &q) != JX_OK) {
      st = jx_store_dbfail(s, JX_ERR_IO);
      break;
    }
    jx_stmt_bind_text(q, 1, l1, -1);
    jx_stmt_bind_text(q, 2, l2, -1);
    jx_stmt_bind_text(q, 3, key, -1);
    jx_status r = jx_stmt_step(q);
    int64_t id = r == JX_DB_ROW ? jx_stmt_int64(q, 0) : 0;
    jx_store_release(q);
    if (r != JX_DB_ROW && r != JX_DB_DONE) {
      st = jx_store_dbfail(s, r);
      break;
    }
    if (!id) continue;
    jx_stmt *u;
    if (*value) {
      if (jx_store_prepare(s, "UPDATE library_value SET uses = uses - 1 WHERE indicator = ? AND value = ? AND uses > 0", &u) != JX_OK) {
        st = jx_store_dbfail(s, JX_ERR_IO);
        break;
      }
      jx_stmt_bind_int64(u, 1, id);
      jx_stmt_bind_text(u, 2, value, -1);
      if ((r = jx_stmt_send(u)) != JX_OK) st = jx_store_dbfail(s, r);
    }
    if (st == JX_OK && sector && *sector) {
      if (jx_store_prepare(s, "UPDATE library_sector SET uses = uses - 1 WHERE indicator = ? AND sector = ? AND uses > 0", &u) != JX_OK) {
        st = jx_store_dbfail(s, JX_ERR_IO);
        break;
      }
      jx_stmt_bind_int64(u, 1, id);
      jx_stmt_bind_text(u, 2, sector, -1);
      if ((r = jx_stmt_send(u)) != JX_OK) st = jx_store_dbfail(s, r);
    }
  }
  jx_arena_free(a);
  return st;
}

/* ---- reading it ------------------------------------------------------------------------- */

static const char *const library_cols[] = {"level1:一级指标", "level2:二级指标", "name:三级指标",  "#uses:使用次数",
                                           "typical:典型指标值", "unit:单位",     "sector:主要主管部门", "origin:来源",
                                           "note:说明"};
enum { LC_LEVEL1, LC_LEVEL2, LC_NAME, LC_USES, LC_TYPICAL, LC_UNIT, LC_SECTOR, LC_ORIGIN, LC_NOTE, LC_N };

/* An indicator counts when declarations use it, or when it came from the frame or an
 * organisation's library. */
#define LIVE "(i.uses > 0 OR i.origin <> 'declared')"

/* The typical value (most used, then bytewise first), the most used unit and sector of indicator id. */
static jx_status fill_details(jx_store *s, jx_table *t, size_t row, int64_t id) {
  static const char *const sql[3] = {
      "SELECT value FROM library_value WHERE indicator = ? AND uses > 0 ORDER BY uses DESC, value COLLATE BINARY LIMIT 1",
      ("SELECT unit FROM library_value WHERE indicator = ? AND uses > 0 AND unit <> '' GROUP BY unit "
       "ORDER BY sum(uses) DESC, unit COLLATE BINARY LIMIT 1"), /* one element: parenthesised for clang */
      "SELECT sector FROM library_sector WHERE indicator = ? AND uses > 0 ORDER BY uses DESC, sector COLLATE BINARY LIMIT 1"};
  static const int col[3] = {LC_TYPICAL, LC_UNIT, LC_SECTOR};
  for (int k = 0; k < 3; k++) {
    jx_stmt *st;
    if (jx_store_prepare(s, sql[k], &st) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
    jx_stmt_bind_int64(st, 1, id);
    jx_status r = jx_stmt_step(st);
    if (r == JX_DB_ROW) jx_table_set(t, row, (size_t)col[k], jx_stmt_text(st, 0));
    jx_store_release(st);
    if (r != JX_DB_ROW && r != JX_DB_DONE) return jx_store_dbfail(s, r);
  }
  return JX_OK;
}

/* Rows of a SELECT of (id, level1, level2, name, uses, origin, note) into t, with details. */
static jx_status read_rows(jx_store *s, jx_stmt *st, jx_table *t) {
  jx_status r;
  int64_t *ids = NULL;
  size_t n = 0, cap = 0;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    size_t row = jx_table_add_row(t);
    if (n == cap) ids = jx_xrealloc(ids, (cap = cap ? cap * 2 : 64) * sizeof *ids);
    ids[n++] = jx_stmt_int64(st, 0);
    jx_table_set(t, row, LC_LEVEL1, jx_stmt_text(st, 1));
    jx_table_set(t, row, LC_LEVEL2, jx_stmt_text(st, 2));
    jx_table_set(t, row, LC_NAME, jx_stmt_text(st, 3));
    jx_table_setf(t, row, LC_USES, "%lld", (long long)jx_stmt_int64(st, 4));
    const char *origin = jx_stmt_text(st, 5);
    jx_table_set_static(t, row, LC_ORIGIN,
                        !strcmp(origin, "declared") ? "declared" : !strcmp(origin, "frame") ? "frame" : "imported");
    jx_table_set(t, row, LC_NOTE, jx_stmt_text(st, 6));
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) {
    free(ids);
    return jx_store_dbfail(s, r);
  }
  jx_status x = JX_OK;
  for (size_t i = 0; i < n && x == JX_OK; i++) x = fill_details(s, t, i, ids[i]);
  free(ids);
  return x;
}

/* "%word%" for LIKE … ESCAPE '\': the word's own % _ \ escaped. */
static char *like_pattern(jx_arena *a, const char *w) {
  char *p = jx_arena_alloc(a, strlen(w) * 2 + 3), *q = p;
  *q++ = '%';
  for (; *w; w++) {
    if (*w == '%' || *w == '_' || *w == '\\') *q++ = '\\';
    *q++ = *w;
  }
  *q++ = '%';
  *q = '\0';
  return p;
}

jx_status jx_store_library_search(jx_store *s, const char *words, const char *level2, size_t limit, jx_table **out) {
  *out = NULL;
  s->err[0] = '\0';
  jx_arena *a = jx_arena_new();
  const char *w[MAX_WORDS];
  size_t nw = 0;
  char *all = jx_text_fold(a, words ? words : ""); /* full-width spaces become spaces */
  for (char *tok = strtok(all, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
    const char *k = name_key(a, tok);
    if (!*k) continue;
    if (nw == MAX_WORDS) {
      jx_arena_free(a);
      return jx_store_fail(s, JX_ERR_INVALID, "检索词最多 %d 个", MAX_WORDS);
    }
    w[nw++] = k;
  }
  if (!nw) {
    jx_arena_free(a);
    return jx_store_fail(s, JX_ERR_INVALID, "请给出检索词，例如：jixiao db library search 满意度");
  }
  char sql[2048];
  size_t len = (size_t)snprintf(sql, sizeof sql,
                                "SELECT i.id, i.level1, i.level2, i.name, i.uses, i.origin, i.note FROM library_indicator i WHERE " LIVE);
  for (size_t i = 0; i < nw; i++)
    len += (size_t)snprintf(sql + len, sizeof sql - len,
                            " AND i.id IN (SELECT g.indicator FROM library_gram g WHERE g.gram = ?) AND i.key LIKE ? ESCAPE '\\'");
  if (level2 && *level2) len += (size_t)snprintf(sql + len, sizeof sql - len, " AND i.level2 = ?");
  snprintf(sql + len, sizeof sql - len,
           " ORDER BY i.uses DESC, i.level1 COLLATE BINARY, i.level2 COLLATE BINARY, i.key COLLATE BINARY LIMIT ?");
  jx_stmt *st;
  if (jx_db_prepare(s->db, sql, &st) != JX_OK) {
    jx_arena_free(a);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  int p = 1;
  for (size_t i = 0; i < nw; i++) {
    size_t c1 = jx_u8_len(w[i]), c2 = w[i][c1] ? jx_u8_len(w[i] + c1) : 0; /* the probe: the word's first pair */
    jx_stmt_bind_text(st, p++, w[i], (ptrdiff_t)(c1 + c2));
    jx_stmt_bind_text(st, p++, like_pattern(a, w[i]), -1);
  }
  if (level2 && *level2) jx_stmt_bind_text(st, p++, level_key(a, level2), -1);
  jx_stmt_bind_int64(st, p, limit ? (int64_t)limit : 20);
  jx_table *t = jx_table_new(LC_N, library_cols);
  jx_status r = read_rows(s, st, t);
  jx_arena_free(a);
  if (r != JX_OK) {
    jx_table_free(t);
    return r;
  }
  jx_table_footer(t, "共 %zu 条", jx_table_rows(t));
  *out = t;
  return JX_OK;
}

jx_status jx_store_library_table(jx_store *s, jx_table **out) {
  *out = NULL;
  s->err[0] = '\0';
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT i.id, i.level1, i.level2, i.name, i.uses, i.origin, i.note FROM library_indicator i "
                    "LEFT JOIN library_frame f ON f.level1 = i.level1 AND f.level2 = i.level2 WHERE " LIVE " "
                    "ORDER BY COALESCE(f.seq, 1000000), i.level1 COLLATE BINARY, i.level2 COLLATE BINARY, i.uses DESC, "
                    "i.key COLLATE BINARY",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_table *t = jx_table_new(LC_N, library_cols);
  jx_status r = read_rows(s, st, t);
  if (r != JX_OK) {
    jx_table_free(t);
    return r;
  }
  *out = t;
  return JX_OK;
}

jx_status jx_store_library_frame(jx_store *s, jx_table **out) {
  static const char *const cols[] = {"level1:一级指标", "level2:二级指标", "note:说明", "#indicators:三级指标数", "#uses:使用次数"};
  *out = NULL;
  s->err[0] = '\0';
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT f.level1, f.level2, f.note, (SELECT count(*) FROM library_indicator i WHERE i.level1 = f.level1 AND "
                    "i.level2 = f.level2 AND " LIVE "), (SELECT COALESCE(sum(i.uses), 0) FROM library_indicator i WHERE "
                    "i.level1 = f.level1 AND i.level2 = f.level2) FROM library_frame f ORDER BY f.seq",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_table *t = jx_table_new(sizeof cols / sizeof *cols, cols);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    size_t row = jx_table_add_row(t);
    for (int c = 0; c < 3; c++) jx_table_set(t, row, (size_t)c, jx_stmt_text(st, c));
    jx_table_setf(t, row, 3, "%lld", (long long)jx_stmt_int64(st, 3));
    jx_table_setf(t, row, 4, "%lld", (long long)jx_stmt_int64(st, 4));
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, r);
  }
  *out = t;
  return JX_OK;
}

/* ---- an organisation's own library in ---------------------------------------------------- */

/* The column of each field in the header row (keys of jx_store_library_table, or its titles). */
static void header_columns(const jx_xsheet *sh, int col[LC_N]) {
  for (int k = 0; k < LC_N; k++) col[k] = -1;
  for (uint32_t c = 0; c < sh->n_cols; c++) {
    const jx_xcell *cell = jx_xsheet_cell(sh, 0, c);
    if (!cell) continue;
    for (int k = 0; k < LC_N; k++) {
      const char *spec = library_cols[k] + (library_cols[k][0] == '#');
      const char *colon = strchr(spec, ':');
      size_t kn = (size_t)(colon - spec);
      char text[128];
      if (!jx_text_fold_buf(cell->text, text, sizeof text)) continue;
      if ((strlen(text) == kn && !memcmp(text, spec, kn)) || !strcmp(text, colon + 1)) col[k] = (int)c;
    }
  }
}

static const char *cell_text(jx_arena *a, const jx_xsheet *sh, uint32_t row, int col) {
  const jx_xcell *c = col >= 0 ? jx_xsheet_cell(sh, row, (uint32_t)col) : NULL;
  const char *t = c ? trimmed(a, c->text) : "";
  if (*t == '\'' && (t[1] == '=' || t[1] == '+' || t[1] == '-' || t[1] == '@')) t++; /* the CSV writer's formula guard */
  return t;
}

typedef struct {
  const char *l1, *l2, *key, *name, *typical, *unit, *sector, *origin, *note;
  int64_t uses;
} lib_row;

static jx_status import_txn(jx_store *s, const lib_row *rows, size_t n) {
  jx_status st = jx_db_begin(s->db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  for (size_t i = 0; i < n && st == JX_OK; i++) {
    const lib_row *r = &rows[i];
    int64_t id;
    st = upsert_indicator(s, r->l1, r->l2, r->key, r->name, r->origin, r->note, r->uses, &id);
    if (st == JX_OK && *r->typical) st = add_value(s, id, r->typical, r->unit, r->uses);
    if (st == JX_OK && *r->sector) st = add_sector(s, id, r->sector, r->uses);
  }
  if (st == JX_OK) {
    st = jx_db_commit(s->db);
    if (st == JX_OK) return JX_OK;
    jx_store_dbfail(s, st);
  }
  jx_db_rollback(s->db);
  return st;
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  if (n < k) return false;
  for (size_t i = 0; i < k; i++) {
    char c = s[n - k + i];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != suffix[i]) return false;
  }
  return true;
}

jx_status jx_store_library_import(jx_store *s, const char *path, const char *user, size_t *n, jx_diags *diags) {
  s->err[0] = '\0';
  if (n) *n = 0;
  if (!user || !*user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  jx_workbook *wb = NULL;
  char err[512];
  jx_xlsx_limits lim = jx_xlsx_default_limits;
  lim.max_rows = MAX_ROWS + 1;
  jx_status st;
  if (has_suffix(path, ".csv")) {
    st = jx_csv_read_file(path, &lim, &wb, err, sizeof err);
  } else if (has_suffix(path, ".xlsx")) {
#ifdef JX_RENDER_PLUGIN /* the command line: the XLSX reader is a module (parse/sheet.c) */
    const jx_excel_plugin *x = jx_excel_module(err, sizeof err);
    st = x ? x->xlsx_read_file(path, &lim, &wb, err, sizeof err) : JX_ERR_IO;
#else
    st = jx_xlsx_read_file(path, &lim, &wb, err, sizeof err);
#endif
  } else {
    return jx_store_fail(s, JX_ERR_INVALID, "%s：指标库文件应是 .csv 或 .xlsx", path);
  }
  if (st != JX_OK) return jx_store_fail(s, st, "%s", err);
  const jx_xsheet *sh = wb->n_sheets ? &wb->sheets[0] : NULL;
  int col[LC_N];
  jx_arena *a = jx_arena_new();
  lib_row *rows = NULL;
  size_t nrows = 0;
  size_t errors = diags->n_error;
  if (!sh || !sh->n_rows) {
    jx_diag_add(diags, "JX840", JX_ERROR, (jx_pos){path, 1, 1}, "指标库文件是空的：第一行应是表头（level1,level2,name,…）");
  } else {
    header_columns(sh, col);
    static const char *const need[] = {"一级指标（level1）", "二级指标（level2）", "三级指标（name）"};
    for (int k = LC_LEVEL1; k <= LC_NAME; k++)
      if (col[k] < 0)
        jx_diag_add(diags, "JX840", JX_ERROR, (jx_pos){path, 1, 1}, "指标库文件的表头缺少“%s”列", need[k]);
    rows = jx_xcalloc(sh->n_rows, sizeof *rows);
  }
  bool header_ok = diags->n_error == errors;
  for (uint32_t r = 1; sh && header_ok && r < sh->n_rows; r++) {
    jx_pos pos = {path, r + 1, 0};
    lib_row *x = &rows[nrows];
    x->l1 = level_key(a, cell_text(a, sh, r, col[LC_LEVEL1]));
    x->l2 = level_key(a, cell_text(a, sh, r, col[LC_LEVEL2]));
    x->name = cell_text(a, sh, r, col[LC_NAME]);
    if (!*x->l1 && !*x->l2 && !*x->name) continue; /* a blank row */
    x->key = name_key(a, x->name);
    if (!*x->l1 || !*x->l2 || !*x->key) {
      jx_diag_add(diags, "JX841", JX_ERROR, pos, "第 %u 行：一级指标、二级指标和三级指标都要填写", (unsigned)(r + 1));
      continue;
    }
    if (strlen(x->name) > MAX_NAME_BYTES) {
      jx_diag_add(diags, "JX841", JX_ERROR, pos, "第 %u 行：三级指标名称超过 %d 字节", (unsigned)(r + 1), MAX_NAME_BYTES);
      continue;
    }
    const char *uses = cell_text(a, sh, r, col[LC_USES]);
    char *end = NULL;
    long long u = *uses ? strtoll(uses, &end, 10) : 0;
    if (*uses && (*end || u < 0 || u > 1000000000LL)) {
      jx_diag_add(diags, "JX842", JX_ERROR, pos, "第 %u 行：使用次数“%s”应是不小于 0 的整数", (unsigned)(r + 1), uses);
      continue;
    }
    x->uses = u;
    x->typical = cell_text(a, sh, r, col[LC_TYPICAL]);
    x->unit = cell_text(a, sh, r, col[LC_UNIT]);
    x->sector = cell_text(a, sh, r, col[LC_SECTOR]);
    x->note = cell_text(a, sh, r, col[LC_NOTE]);
    const char *origin = cell_text(a, sh, r, col[LC_ORIGIN]);
    x->origin = !strcmp(origin, "declared") || !strcmp(origin, "frame") ? origin : "imported";
    nrows++;
  }
  if (diags->n_error > errors) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s：指标库文件有错误，未写入", path);
  } else {
    st = JX_DB_RETRY;
    for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = import_txn(s, rows, nrows);
    if (st == JX_OK && n) *n = nrows;
  }
  free(rows);
  jx_arena_free(a);
  jx_workbook_free(wb);
  return st;
}
