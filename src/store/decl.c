/* decl.c — declarations (绩效目标申报) in the collection: versions, indicator rows, history, the review workflow, locking at 批复, approved adjustments, queries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/text.h"

enum { MAX_CODE_BYTES = 200 };

/* ---- statuses, steps and who may take them ------------------------------------------------ */

static const struct {
  const char *name, *label;
} statuses[] = {
    {"declared", "已申报"},  {"authority_reviewed", "主管部门已审"}, {"bureau_reviewed", "财政已审"},
    {"approved", "已批复"}, {"returned", "已退回"},
};

static const char *status_label(const char *st) {
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
    if (!strcmp(statuses[i].name, st)) return statuses[i].label;
  return st;
}

enum { BY_AUTHORITY = 1, BY_BUREAU = 2 };

/* Every allowed step; anything else is refused.  A locked (approved) declaration changes
 * only through jx_store_decl_adjust. */
static const struct {
  const char *action, *from, *to;
  int by;
} steps[] = {
    {"review", "declared", "authority_reviewed", BY_AUTHORITY}, {"review", "authority_reviewed", "bureau_reviewed", BY_BUREAU},
    {"approve", "bureau_reviewed", "approved", BY_BUREAU},      {"return", "declared", "returned", BY_AUTHORITY | BY_BUREAU},
    {"return", "authority_reviewed", "returned", BY_BUREAU},    {"return", "bureau_reviewed", "returned", BY_BUREAU},
};

static const char *action_label(const char *a) {
  return !strcmp(a, "review") ? "审核通过" : !strcmp(a, "approve") ? "批复" : !strcmp(a, "return") ? "退回" : a;
}

static const char *scope_name(int scope) { return scope == JX_DECL_DEPARTMENT ? "department" : "project"; }
static const char *scope_label(const char *scope) { return !strcmp(scope, "department") ? "部门整体" : "项目"; }

/* The unit's 主管部门 in the departments table: its ancestor of level authority, else itself. */
static const char *authority_of(const jx_dept_list *l, const char *unit) {
  const jx_dept *a = jx_dept_at_level(l, unit, "authority");
  return a ? a->code : unit;
}

/* May `by` take a step done by `who` (BY_*) for `unit`?  *why says who may when not. */
static bool actor_may(const jx_decl_actor *by, int who, const jx_dept_list *l, const char *unit, const char **why) {
  *why = who & BY_AUTHORITY ? (who & BY_BUREAU ? "主管部门审核人或财政局复核人" : "主管部门审核人") : "财政局复核人";
  if (!by->role || !strcmp(by->role, "admin")) return true;
  if (!strcmp(by->role, "reviewer")) return (who & BY_BUREAU) != 0;
  if (!strcmp(by->role, "head") && (who & BY_AUTHORITY))
    return by->role_department && !strcmp(by->role_department, authority_of(l, unit));
  return false;
}

static const char *role_label(const char *role) {
  if (!role) return "数据库操作员";
  return !strcmp(role, "officer") ? "填报人" : !strcmp(role, "head") ? "部门审核人" : !strcmp(role, "reviewer") ? "财政局复核人"
                                                                                                              : role;
}

/* ---- the declaration's row ---------------------------------------------------------------- */

typedef struct {
  int64_t id;
  char unit[64], scope[16], status[24];
  char code[256];
  int year;
  int64_t version, current_version, locked_version, errors;
  char sha256[65];
  int64_t size;
  char sector[512];
} decl_row;

/* Find by key; JX_ERR_DATA with a message when there is none (or two, scope -1). */
static jx_status find_decl(jx_store *s, const char *code, int year, int scope, decl_row *row) {
  memset(row, 0, sizeof *row);
  jx_stmt *st;
  if (jx_store_prepare(s,
                       "SELECT d.id, d.unit, d.scope, d.status, d.version, COALESCE(d.current_version, 0), "
                       "COALESCE(d.locked_version, 0), d.errors, v.sha256, v.size, COALESCE(d.authority, ''), d.code, d.year "
                       "FROM declaration d LEFT JOIN declaration_version v ON v.id = d.current_version "
                       "WHERE d.year = ? AND d.code = ? AND (? = '' OR d.scope = ?) ORDER BY d.scope",
                       &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  const char *sc = scope < 0 ? "" : scope_name(scope);
  jx_stmt_bind_int64(st, 1, year);
  jx_stmt_bind_text(st, 2, code, -1);
  jx_stmt_bind_text(st, 3, sc, -1);
  jx_stmt_bind_text(st, 4, sc, -1);
  jx_status r = jx_stmt_step(st);
  int found = 0;
  while (r == JX_DB_ROW) {
    if (++found == 1) {
      row->id = jx_stmt_int64(st, 0);
      snprintf(row->unit, sizeof row->unit, "%s", jx_stmt_text(st, 1));
      snprintf(row->scope, sizeof row->scope, "%s", jx_stmt_text(st, 2));
      snprintf(row->status, sizeof row->status, "%s", jx_stmt_text(st, 3));
      row->version = jx_stmt_int64(st, 4);
      row->current_version = jx_stmt_int64(st, 5);
      row->locked_version = jx_stmt_int64(st, 6);
      row->errors = jx_stmt_int64(st, 7);
      snprintf(row->sha256, sizeof row->sha256, "%s", jx_stmt_text(st, 8) ? jx_stmt_text(st, 8) : "");
      row->size = jx_stmt_int64(st, 9);
      snprintf(row->sector, sizeof row->sector, "%s", jx_stmt_text(st, 10));
      snprintf(row->code, sizeof row->code, "%s", jx_stmt_text(st, 11));
      row->year = (int)jx_stmt_int64(st, 12);
    }
    r = jx_stmt_step(st);
  }
  jx_store_release(st);
  if (r != JX_DB_DONE) return jx_store_dbfail(s, r);
  if (found == 0) return jx_store_fail(s, JX_ERR_DATA, "数据库中没有 %s %d 年度的绩效目标申报", code, year);
  if (found > 1)
    return jx_store_fail(s, JX_ERR_DATA, "%s %d 年度既有项目申报也有部门整体申报：请用 --scope project 或 --scope department 指明",
                         code, year);
  return JX_OK;
}

/* The bytes of version number (of declaration id); malloc'd. */
static jx_status version_bytes(jx_store *s, int64_t id, int64_t number, char **data, size_t *len) {
  jx_stmt *st;
  if (jx_store_prepare(s, "SELECT content FROM declaration_version WHERE decl = ? AND number = ?", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_int64(st, 2, number);
  jx_status r = jx_stmt_step(st);
  if (r == JX_DB_ROW) {
    const void *b = jx_stmt_blob(st, 0, len);
    *data = jx_xmalloc(*len + 1);
    if (*len) memcpy(*data, b, *len);
    (*data)[*len] = '\0';
    r = JX_OK;
  } else if (r == JX_DB_DONE) {
    r = jx_store_fail(s, JX_ERR_DATA, "没有第 %lld 版", (long long)number);
  } else {
    r = jx_store_dbfail(s, r);
  }
  jx_store_release(st);
  return r;
}

static jx_status decl_history(jx_store *s, int64_t id, int64_t version, const char *now, const char *who, const char *field,
                              const char *old_value, const char *new_value) {
  jx_stmt *st;
  if (jx_store_prepare(s,
                       "INSERT INTO declaration_history (decl, version, at, who, field, old_value, new_value) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, id);
  jx_stmt_bind_int64(st, 2, version);
  jx_stmt_bind_text(st, 3, now, -1);
  jx_stmt_bind_text(st, 4, who, -1);
  jx_stmt_bind_text(st, 5, field, -1);
  jx_stmt_bind_text(st, 6, old_value, -1);
  jx_stmt_bind_text(st, 7, new_value, -1);
  jx_status r = jx_stmt_send(st);
  return r == JX_OK ? JX_OK : jx_store_dbfail(s, r);
}

typedef struct {
  jx_store *s;
  int64_t id, version;
  const char *now, *who;
  size_t changes;
} hist_ctx;

/* A field the loader recomputes (an indicator's `read:` beside its 指标值) is not history. */
static bool derived_field(const char *path) {
  size_t n = strlen(path);
  return strstr(path, "].read.") != NULL || (n >= 6 && !strcmp(path + n - 6, "].read"));
}

static jx_status field_changed(void *ctx, const char *path, const char *old_value, const char *new_value) {
  hist_ctx *c = ctx;
  if (derived_field(path)) return JX_OK;
  c->changes++;
  return decl_history(c->s, c->id, c->version, c->now, c->who, path, old_value, new_value);
}

/* ---- what one import writes --------------------------------------------------------------- */

typedef struct {
  const char *name;      /* file name kept */
  const char *data;      /* the bytes stored */
  size_t len;
  const jx_decl *d;
  size_t errors, warnings;
  const char *adjustment; /* an approved adjustment: its reason (the declaration stays locked) */
} put_job;

static void bind_opt(jx_stmt *st, int i, bool set, int64_t v) {
  if (set) jx_stmt_bind_int64(st, i, v);
  else jx_stmt_bind_null(st, i);
}

static jx_status insert_indicators(jx_store *s, int64_t vid, const jx_decl *d) {
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *ind = &d->indicators.items[i];
    jx_stmt *st;
    if (jx_store_prepare(s,
                         "INSERT INTO declaration_indicator (version, seq, level1, level2, name, value, nature, number, number_hi, "
                         "percent, unit, not_applicable, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         &st) != JX_OK)
      return jx_store_dbfail(s, JX_ERR_IO);
    const jx_target_reading *rd = &ind->read;
    jx_stmt_bind_int64(st, 1, vid);
    jx_stmt_bind_int64(st, 2, (int64_t)i + 1);
    jx_stmt_bind_text(st, 3, ind->level1 ? ind->level1 : "", -1);
    jx_stmt_bind_text(st, 4, ind->level2 ? ind->level2 : "", -1);
    jx_stmt_bind_text(st, 5, ind->name ? ind->name : "", -1);
    jx_stmt_bind_text(st, 6, ind->value ? ind->value : "", -1);
    jx_stmt_bind_text(st, 7, rd->nature ? jx_nature_symbol(rd->nature) : NULL, -1);
    bind_opt(st, 8, rd->readable, rd->num);
    bind_opt(st, 9, rd->readable && rd->has_hi, rd->num_hi);
    jx_stmt_bind_int64(st, 10, rd->percent);
    jx_stmt_bind_text(st, 11, rd->readable && rd->unit[0] ? rd->unit : NULL, -1);
    jx_stmt_bind_int64(st, 12, ind->not_applicable);
    jx_stmt_bind_text(st, 13, ind->explanation && *ind->explanation ? ind->explanation : NULL, -1);
    jx_status r = jx_stmt_send(st);
    if (r != JX_OK) return jx_store_dbfail(s, r);
  }
  return JX_OK;
}

/* The key, unit and sector of a declaration read from a file. */
typedef struct {
  char unit[64];
  char code[256];
  int year, scope;
  const char *sector; /* in arena */
} decl_key;

static const char *trim_copy(jx_arena *a, const char *s) {
  if (!s) return "";
  return jx_text_fold(a, s);
}

static jx_status resolve(jx_store *s, const jx_dept_list *l, jx_arena *a, const jx_decl *d, const char *given, const char *name,
                         decl_key *k) {
  memset(k, 0, sizeof *k);
  if (d->year < 1900 || d->year > 9999)
    return jx_store_fail(s, JX_ERR_DATA, "%s：申报没有写有效的年度（year），未写入", name);
  const jx_dept *u = NULL;
  const char *unit_name = trim_copy(a, d->unit);
  if (given && *given) {
    u = jx_dept_find(l, given);
    if (!u)
      return jx_store_fail(s, JX_ERR_DATA, "%s：单位编码“%s”不在单位表中：请先用 jixiao db departments 导入单位表；未写入", name,
                           given);
  } else {
    size_t hits = 0;
    for (size_t i = 0; i < l->n; i++)
      if (!strcmp(jx_text_fold(a, l->items[i].name), unit_name) && ++hits == 1) u = &l->items[i];
    if (hits == 0)
      return jx_store_fail(s, JX_ERR_DATA,
                           "%s：申报单位“%s”不在单位表中：请先用 jixiao db departments 导入单位表，或用 --department 指明单位编码；未写入",
                           name, unit_name);
    if (hits > 1)
      return jx_store_fail(s, JX_ERR_DATA, "%s：单位表中有 %zu 个单位名为“%s”：请用 --department 指明单位编码；未写入", name, hits,
                           unit_name);
  }
  snprintf(k->unit, sizeof k->unit, "%s", u->code);
  k->year = d->year;
  k->scope = d->scope == JX_DECL_DEPARTMENT ? JX_DECL_DEPARTMENT : JX_DECL_PROJECT;
  const char *code = d->code ? trim_copy(a, d->code) : "";
  if (k->scope == JX_DECL_DEPARTMENT) {
    if (*code && strcmp(code, u->code) != 0)
      return jx_store_fail(s, JX_ERR_DATA, "%s：部门整体申报的编码“%s”不是申报单位“%s”的单位编码 %s；未写入", name, code, u->name,
                           u->code);
    code = u->code;
  } else if (!*code) {
    return jx_store_fail(s, JX_ERR_DATA, "%s：项目申报没有写项目编码（code）；未写入", name);
  }
  if (strlen(code) > MAX_CODE_BYTES)
    return jx_store_fail(s, JX_ERR_DATA, "%s：项目编码超过 %d 字节；未写入", name, MAX_CODE_BYTES);
  snprintf(k->code, sizeof k->code, "%s", code);
  /* the sector of the library: the unit's 主管部门 in the departments table, else the file's */
  const jx_dept *auth = jx_dept_at_level(l, u->code, "authority");
  k->sector = auth ? auth->name : trim_copy(a, d->department);
  return JX_OK;
}

static bool may_declare(const jx_decl_actor *by, const jx_dept_list *l, const char *unit) {
  if (!by->role || !strcmp(by->role, "admin") || !strcmp(by->role, "reviewer")) return true;
  if (!by->role_department) return false;
  if (!strcmp(by->role, "officer")) return !strcmp(by->role_department, unit);
  if (!strcmp(by->role, "head")) return !strcmp(by->role_department, unit) || !strcmp(by->role_department, authority_of(l, unit));
  return false;
}

static jx_status put_txn(jx_store *s, const decl_key *k, const put_job *j, const jx_decl_actor *by, jx_decl_store_info *info,
                         bool own_txn) {
  jx_db *db = s->db;
  char now[40], sha[65];
  jx_db_now(now, sizeof now);
  jx_sha256_hex(j->data, j->len, sha);
  jx_status st = JX_OK;
  if (own_txn && (st = jx_db_begin(db)) != JX_OK) return jx_store_dbfail(s, st);
  char *old = NULL;
  size_t old_len = 0;
  jx_decl *old_decl = NULL;
  if ((st = jx_db_lock(db, jx_store_lock_key(k->code, k->year, scope_name(k->scope)))) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  decl_row row;
  st = find_decl(s, k->code, k->year, k->scope, &row);
  if (st != JX_OK && st != JX_ERR_DATA) goto fail;
  bool exists = st == JX_OK;
  const char *new_status = "declared";
  if (exists) {
    if (strcmp(row.unit, k->unit) != 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%s %d 年度的申报属于单位 %s，不是 %s；未写入", j->name, k->code, k->year, row.unit,
                         k->unit);
      goto fail;
    }
    if (row.size == (int64_t)j->len && !strcmp(row.sha256, sha) && !j->adjustment) {
      /* the same bytes: nothing to store; a returned declaration is declared again as it is */
      if (!strcmp(row.status, "returned")) {
        jx_stmt *re;
        if (jx_store_prepare(s, "UPDATE declaration SET status = 'declared', updated_at = ? WHERE id = ?", &re) != JX_OK) {
          st = jx_store_dbfail(s, JX_ERR_IO);
          goto fail;
        }
        jx_stmt_bind_text(re, 1, now, -1);
        jx_stmt_bind_int64(re, 2, row.id);
        if ((st = jx_stmt_send(re)) != JX_OK) {
          jx_store_dbfail(s, st);
          goto fail;
        }
        if ((st = decl_history(s, row.id, row.version, now, by->user, "状态", row.status, "declared")) != JX_OK) goto fail;
        if (own_txn && (st = jx_db_commit(db)) != JX_OK) {
          jx_store_dbfail(s, st);
          goto fail;
        }
      } else if (own_txn) {
        jx_db_rollback(db);
      }
      info->outcome = JX_STORED_UNCHANGED;
      info->version = row.version;
      return JX_OK;
    }
    if (!strcmp(row.status, "approved") && !j->adjustment) {
      st = jx_store_fail(s, JX_ERR_DATA,
                         "%s：%s %d 年度的绩效目标已批复（第 %lld 版，已锁定）：已批复的绩效目标不能修改；如需调整，请按动态调整提出"
                         "（jixiao db decl adjust 文件 --date 日期 --reason 原因 --approver 批准人）；未写入",
                         j->name, k->code, k->year, (long long)row.version);
      goto fail;
    }
    if (j->adjustment && strcmp(row.status, "approved") != 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%s %d 年度的绩效目标尚未批复（状态：%s）：动态调整只用于已批复的目标；请直接导入修改后的文件",
                         j->name, k->code, k->year, status_label(row.status));
      goto fail;
    }
    if (!strcmp(row.status, "authority_reviewed") || !strcmp(row.status, "bureau_reviewed")) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%s %d 年度的申报正在审核（状态：%s）：不能修改；请审核人先退回（return）；未写入", j->name,
                         k->code, k->year, status_label(row.status));
      goto fail;
    }
    if (j->adjustment) new_status = "approved";
    if ((st = version_bytes(s, row.id, row.version, &old, &old_len)) != JX_OK) goto fail;
    jx_diags ignore = {0};
    (void)jx_decl_parse("old", old, old_len, &old_decl, &ignore);
    jx_diags_free(&ignore);
  } else if (j->adjustment) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s：数据库中没有 %s %d 年度的申报：动态调整只用于已批复的目标", j->name, k->code, k->year);
    goto fail;
  }
  int64_t number = exists ? row.version + 1 : 1, vid = 0;
  if ((st = jx_db_reserve_ids(db, "declaration_version", 1, &vid)) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  if (!exists) {
    jx_stmt *ins;
    if (jx_store_prepare(s,
                         "INSERT INTO declaration (unit, year, scope, code, name, authority, status, version, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, 'declared', 0, ?) RETURNING id",
                         &ins) != JX_OK) {
      st = jx_store_dbfail(s, JX_ERR_IO);
      goto fail;
    }
    jx_stmt_bind_text(ins, 1, k->unit, -1);
    jx_stmt_bind_int64(ins, 2, k->year);
    jx_stmt_bind_text(ins, 3, scope_name(k->scope), -1);
    jx_stmt_bind_text(ins, 4, k->code, -1);
    jx_stmt_bind_text(ins, 5, j->d->name ? j->d->name : "", -1);
    jx_stmt_bind_text(ins, 6, k->sector, -1);
    jx_stmt_bind_text(ins, 7, now, -1);
    jx_status r = jx_stmt_step(ins);
    row.id = r == JX_DB_ROW ? jx_stmt_int64(ins, 0) : 0;
    jx_store_release(ins);
    if (r != JX_DB_ROW) {
      st = jx_store_dbfail(s, r == JX_DB_DONE ? JX_ERR_IO : r);
      goto fail;
    }
    snprintf(row.status, sizeof row.status, "declared");
  }
  jx_stmt *ver;
  if (jx_store_prepare(s,
                       "INSERT INTO declaration_version (id, decl, number, sha256, size, content, file_name, errors, warnings, "
                       "adjustment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       &ver) != JX_OK) {
    st = jx_store_dbfail(s, JX_ERR_IO);
    goto fail;
  }
  const char *base = strrchr(j->name, '/');
  jx_stmt_bind_int64(ver, 1, vid);
  jx_stmt_bind_int64(ver, 2, row.id);
  jx_stmt_bind_int64(ver, 3, number);
  jx_stmt_bind_text(ver, 4, sha, -1);
  jx_stmt_bind_int64(ver, 5, (int64_t)j->len);
  jx_stmt_bind_blob(ver, 6, j->data, j->len);
  jx_stmt_bind_text(ver, 7, base ? base + 1 : j->name, -1);
  jx_stmt_bind_int64(ver, 8, (int64_t)j->errors);
  jx_stmt_bind_int64(ver, 9, (int64_t)j->warnings);
  jx_stmt_bind_text(ver, 10, j->adjustment, -1);
  jx_stmt_bind_text(ver, 11, now, -1);
  jx_stmt_bind_text(ver, 12, by->user, -1);
  if ((st = jx_stmt_send(ver)) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  if ((st = insert_indicators(s, vid, j->d)) != JX_OK) goto fail;
  /* the library: what the previous version added is taken back, this one's added */
  if (old_decl && (st = jx_store_library_count(s, old_decl, row.sector, -1)) != JX_OK) goto fail;
  if ((st = jx_store_library_count(s, j->d, k->sector, +1)) != JX_OK) goto fail;

  char vb[2][24];
  jx_store_fmt_int(row.version, vb[0]);
  jx_store_fmt_int(number, vb[1]);
  st = decl_history(s, row.id, number, now, by->user, j->adjustment ? "动态调整" : "版本", exists ? vb[0] : NULL,
                    j->adjustment ? jx_arena_printf(j->d->arena, "第 %lld 版：%s", (long long)number, j->adjustment) : vb[1]);
  hist_ctx hc = {s, row.id, number, now, by->user, 0};
  if (st == JX_OK && exists) st = jx_store_diff_fields(old, old_len, j->data, j->len, field_changed, &hc);
  if (st == JX_OK && strcmp(row.status, new_status) != 0)
    st = decl_history(s, row.id, number, now, by->user, "状态", row.status, new_status);
  if (st != JX_OK) goto fail;
  jx_stmt *up;
  if (jx_store_prepare(s,
                       "UPDATE declaration SET name = ?, authority = ?, status = ?, version = ?, current_version = ?, "
                       "locked_version = CASE WHEN ? = 1 THEN ? ELSE locked_version END, errors = ?, total = ?, this_year = ?, "
                       "updated_at = ? WHERE id = ?",
                       &up) != JX_OK) {
    st = jx_store_dbfail(s, JX_ERR_IO);
    goto fail;
  }
  jx_stmt_bind_text(up, 1, j->d->name ? j->d->name : "", -1);
  jx_stmt_bind_text(up, 2, k->sector, -1);
  jx_stmt_bind_text(up, 3, new_status, -1);
  jx_stmt_bind_int64(up, 4, number);
  jx_stmt_bind_int64(up, 5, vid);
  jx_stmt_bind_int64(up, 6, j->adjustment != NULL);
  jx_stmt_bind_int64(up, 7, vid);
  jx_stmt_bind_int64(up, 8, (int64_t)j->errors);
  bind_opt(up, 9, j->d->total.set, j->d->total.fen);
  bind_opt(up, 10, j->d->this_year.set, j->d->this_year.fen);
  jx_stmt_bind_text(up, 11, now, -1);
  jx_stmt_bind_int64(up, 12, row.id);
  if ((st = jx_stmt_send(up)) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  if (own_txn && (st = jx_db_commit(db)) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  free(old);
  jx_decl_free(old_decl);
  info->outcome = exists ? JX_STORED_VERSION : JX_STORED_NEW;
  info->version = number;
  info->changes = hc.changes;
  info->indicators = j->d->indicators.n;
  return JX_OK;
fail:
  free(old);
  jx_decl_free(old_decl);
  if (own_txn) {
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    jx_db_rollback(db);
    memcpy(s->err, keep, sizeof keep);
  }
  return st == JX_OK ? JX_ERR_DATA : st;
}

static void fill_info(jx_decl_store_info *info, const decl_key *k, const put_job *j) {
  snprintf(info->unit, sizeof info->unit, "%s", k->unit);
  snprintf(info->code, sizeof info->code, "%s", k->code);
  info->year = k->year;
  info->scope = k->scope;
  info->errors = j->errors;
  info->warnings = j->warnings;
  jx_sha256_hex(j->data, j->len, info->sha256);
}

/* Resolve, check the actor, store with retries (own transaction). */
static jx_status put_one(jx_store *s, const put_job *j, const jx_decl_store_opts *o, jx_decl_store_info *info) {
  jx_dept_list l;
  jx_status st = jx_store_departments(s, &l);
  jx_arena *a = jx_arena_new();
  decl_key k;
  if (st == JX_OK) st = resolve(s, &l, a, j->d, o->unit, j->name, &k);
  if (st == JX_OK) {
    fill_info(info, &k, j);
    if (j->adjustment ? o->by.role && strcmp(o->by.role, "reviewer") != 0 && strcmp(o->by.role, "admin") != 0
                      : !may_declare(&o->by, &l, k.unit))
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%s（%s）不能%s单位 %s 的绩效目标；未写入", j->name, o->by.user, role_label(o->by.role),
                         j->adjustment ? "调整" : "申报", k.unit);
  }
  if (st == JX_OK) {
    st = JX_DB_RETRY;
    for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = put_txn(s, &k, j, &o->by, info, true);
    if (st == JX_OK && j->errors) st = JX_ERR_DATA; /* stored, flagged */
  }
  jx_arena_free(a);
  jx_arena_free(l.arena);
  return st;
}

static bool check_opts(jx_store *s, const jx_decl_store_opts *o) {
  s->err[0] = '\0';
  if (!o || !o->by.user || !*o->by.user) {
    jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
    return false;
  }
  return true;
}

jx_status jx_store_decl_import(jx_store *s, const char *name, const char *data, size_t len, const jx_decl_store_opts *o,
                               jx_decl_store_info *info, jx_diags *diags) {
  jx_decl_store_info dummy;
  if (!info) info = &dummy;
  memset(info, 0, sizeof *info);
  if (!check_opts(s, o)) return JX_ERR_INVALID;
  if (len > JX_MAX_FILE_BYTES) return jx_store_fail(s, JX_ERR_DATA, "%s：文件超过 %zu 字节；未写入", name, (size_t)JX_MAX_FILE_BYTES);
  size_t e0 = diags->n_error, w0 = diags->n_warning;
  jx_decl *d = NULL;
  (void)jx_decl_parse(name, data, len, &d, diags);
  if (!d) return jx_store_fail(s, JX_ERR_DATA, "%s：不是可以读取的绩效目标申报文件（kind: declaration）；未写入", name);
  put_job j = {name, data, len, d, diags->n_error - e0, diags->n_warning - w0, NULL};
  jx_status st = put_one(s, &j, o, info);
  jx_decl_free(d);
  return st;
}

jx_status jx_store_decl_import_all(jx_store *s, const jx_decl *const *decls, size_t n, const jx_decl_store_opts *o,
                                   jx_decl_store_info *info) {
  if (!check_opts(s, o)) return JX_ERR_INVALID;
  jx_dept_list l;
  jx_status st = jx_store_departments(s, &l);
  if (st != JX_OK) return st;
  jx_arena *a = jx_arena_new();
  decl_key *keys = jx_arena_alloc(a, (n ? n : 1) * sizeof *keys);
  put_job *jobs = jx_arena_alloc(a, (n ? n : 1) * sizeof *jobs);
  /* every declaration written as its file and resolved before the transaction */
  for (size_t i = 0; i < n && st == JX_OK; i++) {
    char *buf = NULL;
    size_t blen = 0;
    FILE *m = open_memstream(&buf, &blen);
    char err[256];
    if (!m || jx_decl_write_yaml(decls[i], m, err, sizeof err) != JX_OK) {
      if (m) fclose(m);
      free(buf);
      st = jx_store_fail(s, JX_ERR_IO, "无法写出第 %zu 个申报（%s）", i + 1, decls[i]->code ? decls[i]->code : "");
      break;
    }
    fclose(m);
    const char *name = jx_arena_printf(a, "%s-%d.yaml", decls[i]->code ? decls[i]->code : "declaration", decls[i]->year);
    jobs[i] = (put_job){name, jx_arena_strndup(a, buf, blen), blen, decls[i], 0, 0, NULL};
    free(buf);
    st = resolve(s, &l, a, decls[i], o->unit, name, &keys[i]);
    if (st == JX_OK && !may_declare(&o->by, &l, keys[i].unit))
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%s（%s）不能申报单位 %s 的绩效目标；未写入", name, o->by.user, role_label(o->by.role),
                         keys[i].unit);
    for (size_t k = 0; k < i && st == JX_OK; k++)
      if (keys[k].year == keys[i].year && keys[k].scope == keys[i].scope && !strcmp(keys[k].code, keys[i].code))
        st = jx_store_fail(s, JX_ERR_DATA, "项目编码 %s 在 %d 年度出现了两次（第 %zu 个和第 %zu 个申报）；全部未写入", keys[i].code,
                           keys[i].year, k + 1, i + 1);
    if (st != JX_OK) {
      char keep[sizeof s->err];
      snprintf(keep, sizeof keep, "%s", s->err);
      jx_store_fail(s, st, "第 %zu 个申报：%s（全部未写入）", i + 1, keep);
    }
  }
  for (int attempt = 0; st == JX_OK && attempt < JX_STORE_RETRIES; attempt++) {
    st = jx_db_begin(s->db);
    if (st != JX_OK) {
      jx_store_dbfail(s, st);
      break;
    }
    for (size_t i = 0; i < n && st == JX_OK; i++) {
      jx_decl_store_info one = {0};
      st = put_txn(s, &keys[i], &jobs[i], &o->by, &one, false);
      if (st == JX_OK && info) {
        fill_info(&one, &keys[i], &jobs[i]);
        info[i] = one;
      }
      if (st != JX_OK && st != JX_DB_RETRY) {
        char keep[sizeof s->err];
        snprintf(keep, sizeof keep, "%s", s->err);
        jx_store_fail(s, st, "%s（全部未写入）", keep);
      }
    }
    if (st == JX_OK) st = jx_db_commit(s->db);
    if (st == JX_OK) break;
    if (st == JX_DB_RETRY || st == JX_ERR_IO) {
      char keep[sizeof s->err];
      snprintf(keep, sizeof keep, "%s", s->err[0] ? s->err : jx_db_errmsg(s->db));
      jx_db_rollback(s->db);
      snprintf(s->err, sizeof s->err, "%s", keep);
    } else {
      char keep[sizeof s->err];
      snprintf(keep, sizeof keep, "%s", s->err);
      jx_db_rollback(s->db);
      snprintf(s->err, sizeof s->err, "%s", keep);
    }
    if (st != JX_DB_RETRY) break;
  }
  jx_arena_free(a);
  jx_arena_free(l.arena);
  return st == JX_DB_RETRY ? JX_ERR_IO : st;
}

/* ---- workflow steps ------------------------------------------------------------------------ */

static jx_status step_txn(jx_store *s, const jx_decl_key *k, const char *action, const jx_decl_actor *by, const char *comment,
                          const jx_dept_list *l) {
  jx_db *db = s->db;
  char now[40];
  jx_db_now(now, sizeof now);
  jx_status st = jx_db_begin(db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  decl_row row;
  if ((st = find_decl(s, k->code, k->year, k->scope, &row)) != JX_OK) goto fail;
  if ((st = jx_db_lock(db, jx_store_lock_key(row.code, row.year, row.scope))) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  if ((st = find_decl(s, k->code, k->year, k->scope, &row)) != JX_OK) goto fail; /* again, under the lock */
  size_t t = sizeof steps / sizeof *steps;
  for (size_t i = 0; i < sizeof steps / sizeof *steps && t == sizeof steps / sizeof *steps; i++)
    if (!strcmp(steps[i].action, action) && !strcmp(steps[i].from, row.status)) t = i;
  if (t == sizeof steps / sizeof *steps) {
    char allowed[256] = "";
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
      if (!strcmp(steps[i].from, row.status)) {
        size_t n = strlen(allowed);
        snprintf(allowed + n, sizeof allowed - n, "%s%s（%s）", n ? "、" : "", action_label(steps[i].action), steps[i].action);
      }
    if (!allowed[0])
      snprintf(allowed, sizeof allowed, "%s", !strcmp(row.status, "approved") ? "无（已锁定：只能按动态调整 adjust 修改）"
                                                                             : "无（请重新导入修改后的申报）");
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度的申报当前状态是“%s”，不能%s；此状态下可以：%s", row.code, row.year,
                       status_label(row.status), action_label(action), allowed);
    goto fail;
  }
  const char *who_may;
  if (!actor_may(by, steps[t].by, l, row.unit, &who_may)) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s（%s）不能在“%s”状态下%s %s %d 年度的申报：应由%s操作", by->user, role_label(by->role),
                       status_label(row.status), action_label(action), row.code, row.year, who_may);
    goto fail;
  }
  if (!strcmp(action, "review") && row.errors > 0) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度的申报第 %lld 版有 %lld 个错误，不能审核通过：请退回改正", row.code, row.year,
                       (long long)row.version, (long long)row.errors);
    goto fail;
  }
  if (!strcmp(action, "return") && (!comment || !*comment)) {
    st = jx_store_fail(s, JX_ERR_DATA, "退回时请写明意见（--comment \"意见\"）");
    goto fail;
  }
  if (comment && *comment) {
    jx_stmt *c;
    if (jx_store_prepare(s, "INSERT INTO declaration_comment (decl, version, step, text, who, at) VALUES (?, ?, ?, ?, ?, ?)", &c) !=
        JX_OK) {
      st = jx_store_dbfail(s, JX_ERR_IO);
      goto fail;
    }
    jx_stmt_bind_int64(c, 1, row.id);
    jx_stmt_bind_int64(c, 2, row.version);
    jx_stmt_bind_text(c, 3, action, -1);
    jx_stmt_bind_text(c, 4, comment, -1);
    jx_stmt_bind_text(c, 5, by->user, -1);
    jx_stmt_bind_text(c, 6, now, -1);
    if ((st = jx_stmt_send(c)) != JX_OK) {
      jx_store_dbfail(s, st);
      goto fail;
    }
  }
  jx_stmt *up;
  if (jx_store_prepare(s,
                       "UPDATE declaration SET status = ?, updated_at = ?, returns = returns + ?, "
                       "locked_version = CASE WHEN ? = 1 THEN current_version ELSE locked_version END WHERE id = ?",
                       &up) != JX_OK) {
    st = jx_store_dbfail(s, JX_ERR_IO);
    goto fail;
  }
  jx_stmt_bind_text(up, 1, steps[t].to, -1);
  jx_stmt_bind_text(up, 2, now, -1);
  jx_stmt_bind_int64(up, 3, !strcmp(action, "return"));
  jx_stmt_bind_int64(up, 4, !strcmp(steps[t].to, "approved"));
  jx_stmt_bind_int64(up, 5, row.id);
  if ((st = jx_stmt_send(up)) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  const char *who = by->role ? jx_arena_printf(l->arena, "%s（%s）", by->user, role_label(by->role)) : by->user;
  st = decl_history(s, row.id, row.version, now, who, "状态", row.status, steps[t].to);
  if (st == JX_OK && comment && *comment) st = decl_history(s, row.id, row.version, now, who, "意见", NULL, comment);
  if (st != JX_OK) goto fail;
  st = jx_db_commit(db);
  return st == JX_OK ? JX_OK : jx_store_dbfail(s, st);
fail:;
  char keep[sizeof s->err];
  memcpy(keep, s->err, sizeof keep);
  jx_db_rollback(db);
  memcpy(s->err, keep, sizeof keep);
  return st == JX_OK ? JX_ERR_DATA : st;
}

jx_status jx_store_decl_step(jx_store *s, const jx_decl_key *k, const char *action, const jx_decl_actor *by,
                             const char *comment) {
  s->err[0] = '\0';
  if (!by || !by->user || !*by->user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!action || (strcmp(action, "review") != 0 && strcmp(action, "approve") != 0 && strcmp(action, "return") != 0))
    return jx_store_fail(s, JX_ERR_INVALID, "未知的操作“%s”：应为 review、approve 或 return", action ? action : "");
  if (!k || !k->code || !*k->code) return jx_store_fail(s, JX_ERR_INVALID, "请给出项目编码（或部门整体申报的单位编码）和 --year");
  jx_dept_list l;
  jx_status st = jx_store_departments(s, &l);
  if (st != JX_OK) return st;
  st = JX_DB_RETRY;
  for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = step_txn(s, k, action, by, comment, &l);
  jx_arena_free(l.arena);
  return st;
}

/* ---- approved adjustments (动态调整) -------------------------------------------------------- */

static bool same_text(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

/* An indicator's label in an adjustment: its name, or "二级/三级" when the name is used
 * under two 二级指标 of d. */
static const char *change_label(jx_arena *a, const jx_decl *d, const jx_decl_indicator *ind) {
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *o = &d->indicators.items[i];
    if (o != ind && o->name && ind->name && !strcmp(o->name, ind->name) && !same_text(o->level2, ind->level2))
      return jx_arena_printf(a, "%s/%s", ind->level2 ? ind->level2 : "", ind->name);
  }
  return ind->name;
}

static bool real_indicator(const jx_decl_indicator *ind) { return ind->name && *ind->name && !ind->not_applicable; }

/* The occurrence number of ind among the real indicators of d with the same level2 and name. */
static size_t occurrence(const jx_decl *d, size_t at) {
  const jx_decl_indicator *ind = &d->indicators.items[at];
  size_t k = 0;
  for (size_t i = 0; i < at; i++) {
    const jx_decl_indicator *o = &d->indicators.items[i];
    if (real_indicator(o) && !strcmp(o->name, ind->name) && same_text(o->level2, ind->level2)) k++;
  }
  return k;
}

static const jx_decl_indicator *match(const jx_decl *d, const jx_decl *from, size_t at) {
  const jx_decl_indicator *ind = &from->indicators.items[at];
  size_t want = occurrence(from, at), k = 0;
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *o = &d->indicators.items[i];
    if (real_indicator(o) && !strcmp(o->name, ind->name) && same_text(o->level2, ind->level2) &&
        k++ == want)
      return o;
  }
  return NULL;
}

/* Money in 元 as written in a declaration: no trailing zeros ("3000", "3000.5"). */
static const char *yuan_text(jx_arena *a, jx_money m) {
  if (!m.set) return NULL;
  char buf[48];
  jx_store_fmt_yuan(m.fen, buf, sizeof buf);
  size_t n = strlen(buf);
  while (n && buf[n - 1] == '0') buf[--n] = '\0';
  if (n && buf[n - 1] == '.') buf[--n] = '\0';
  return jx_arena_strdup(a, buf);
}

typedef JX_LIST(jx_decl_change) change_list;

static void add_change(jx_arena *a, change_list *l, size_t *cap, const char *ind, const char *from, const char *to) {
  if (l->n == *cap) l->items = jx_arena_grow(a, l->items, l->n, *cap = *cap ? *cap * 2 : 8, sizeof *l->items);
  l->items[l->n++] = (jx_decl_change){{0}, ind, from, to};
}

/* The changes from the locked declaration old to d (in d's arena). */
static change_list changes_of(const jx_decl *old, jx_decl *d) {
  jx_arena *a = d->arena;
  change_list l = {0};
  size_t cap = 0;
  for (size_t i = 0; i < old->indicators.n; i++) {
    const jx_decl_indicator *o = &old->indicators.items[i];
    if (!real_indicator(o)) continue;
    const jx_decl_indicator *n = match(d, old, i);
    if (!n) add_change(a, &l, &cap, change_label(a, old, o), o->value, NULL);
    else if (strcmp(o->value ? o->value : "", n->value ? n->value : "") != 0)
      add_change(a, &l, &cap, change_label(a, d, n), o->value, n->value);
  }
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *n = &d->indicators.items[i];
    if (real_indicator(n) && !match(old, d, i)) add_change(a, &l, &cap, change_label(a, d, n), NULL, n->value);
  }
  if (old->this_year.set != d->this_year.set || old->this_year.fen != d->this_year.fen)
    add_change(a, &l, &cap, NULL, yuan_text(a, old->this_year), yuan_text(a, d->this_year));
  return l;
}

static bool same_adjustment(const jx_decl_adjustment *a, const jx_decl_adjustment *b) {
  if (!same_text(a->date, b->date) || !same_text(a->reason, b->reason) || !same_text(a->approver, b->approver) ||
      a->changes.n != b->changes.n)
    return false;
  for (size_t i = 0; i < a->changes.n; i++) {
    const jx_decl_change *x = &a->changes.items[i], *y = &b->changes.items[i];
    if (!same_text(x->indicator, y->indicator) || !same_text(x->from, y->from) || !same_text(x->to, y->to)) return false;
  }
  return true;
}

static bool valid_date(const char *s) { return s && strlen(s) == 10 && jx_store_day_number(s) >= 0; }

jx_status jx_store_decl_adjust(jx_store *s, const char *name, const char *data, size_t len, const jx_decl_store_opts *o,
                               const char *date, const char *reason, const char *approver, jx_decl_store_info *info,
                               jx_diags *diags) {
  jx_decl_store_info dummy;
  if (!info) info = &dummy;
  memset(info, 0, sizeof *info);
  if (!check_opts(s, o)) return JX_ERR_INVALID;
  if (!valid_date(date)) return jx_store_fail(s, JX_ERR_INVALID, "调整日期“%s”应写成 YYYY-MM-DD（--date）", date ? date : "");
  if (!reason || !*reason) return jx_store_fail(s, JX_ERR_INVALID, "请写明调整原因（--reason）");
  if (!approver || !*approver) return jx_store_fail(s, JX_ERR_INVALID, "请写明批准人（--approver）");
  if (len > JX_MAX_FILE_BYTES) return jx_store_fail(s, JX_ERR_DATA, "%s：文件超过 %zu 字节；未写入", name, (size_t)JX_MAX_FILE_BYTES);
  size_t e0 = diags->n_error, w0 = diags->n_warning;
  jx_decl *d = NULL, *old = NULL;
  (void)jx_decl_parse(name, data, len, &d, diags);
  if (!d) return jx_store_fail(s, JX_ERR_DATA, "%s：不是可以读取的绩效目标申报文件（kind: declaration）；未写入", name);
  if (diags->n_error > e0) {
    jx_decl_free(d);
    return jx_store_fail(s, JX_ERR_DATA, "%s：调整后的申报有错误，未写入：请改正后再提出调整", name);
  }
  jx_dept_list l;
  jx_arena *a = jx_arena_new();
  decl_key k;
  jx_status st = jx_store_departments(s, &l);
  if (st == JX_OK) st = resolve(s, &l, a, d, o->unit, name, &k);
  jx_arena_free(l.arena);
  char *locked = NULL, *buf = NULL;
  size_t locked_len = 0, blen = 0;
  if (st == JX_OK) { /* the locked version, compared with the file */
    decl_row row;
    st = find_decl(s, k.code, k.year, k.scope, &row);
    if (st == JX_OK && strcmp(row.status, "approved") != 0)
      st = jx_store_fail(s, JX_ERR_DATA, "%s：%s %d 年度的绩效目标尚未批复（状态：%s）：动态调整只用于已批复的目标；请直接导入修改后的文件",
                         name, k.code, k.year, status_label(row.status));
    if (st == JX_OK) st = version_bytes(s, row.id, row.version, &locked, &locked_len);
    if (st == JX_OK) {
      jx_diags ignore = {0};
      (void)jx_decl_parse("locked", locked, locked_len, &old, &ignore);
      jx_diags_free(&ignore);
      if (!old) st = jx_store_fail(s, JX_ERR_IO, "已批复的版本无法读取");
    }
  }
  if (st == JX_OK && !old) {
    jx_store_fail(s, JX_ERR_IO, "已批复的版本无法读取");
    st = JX_ERR_IO;
  }
  if (st == JX_OK && old && d->adjustments.n != old->adjustments.n)
    st = jx_store_fail(s, JX_ERR_DATA,
                       "%s：文件的 adjustments 有 %zu 条，已批复的版本有 %zu 条：本次调整由 jixiao 记入，请不要手写新的调整记录；未写入", name,
                       d->adjustments.n, old->adjustments.n);
  for (size_t i = 0; st == JX_OK && old && i < d->adjustments.n; i++)
    if (!same_adjustment(&d->adjustments.items[i], &old->adjustments.items[i]))
      st = jx_store_fail(s, JX_ERR_DATA, "%s：文件的第 %zu 条调整记录与已批复版本的不同：已记入的调整不能修改；未写入", name, i + 1);
  change_list ch = {0};
  if (st == JX_OK && old) {
    ch = changes_of(old, d);
    if (!ch.n)
      st = jx_store_fail(s, JX_ERR_DATA, "%s：与已批复的版本相比，指标值和本年金额都没有变化：没有需要调整的内容；未写入", name);
  }
  if (st == JX_OK) { /* the file with its new adjustment, as jixiao writes it */
    size_t n = d->adjustments.n;
    jx_decl_adjustment *adj = jx_arena_alloc(d->arena, (n + 1) * sizeof *adj);
    if (n) memcpy(adj, d->adjustments.items, n * sizeof *adj);
    adj[n] = (jx_decl_adjustment){{0}, jx_arena_strdup(d->arena, date), jx_arena_strdup(d->arena, reason),
                                  jx_arena_strdup(d->arena, approver), {ch.items, ch.n}};
    d->adjustments.items = adj;
    d->adjustments.n = n + 1;
    FILE *m = open_memstream(&buf, &blen);
    char err[256];
    if (!m || jx_decl_write_yaml(d, m, err, sizeof err) != JX_OK) st = jx_store_fail(s, JX_ERR_IO, "无法写出调整后的申报");
    if (m) fclose(m);
  }
  if (st == JX_OK) {
    const char *note = jx_arena_printf(a, "%s %s（批准人：%s）", date, reason, approver);
    put_job j = {name, buf, blen, d, 0, diags->n_warning - w0, note};
    st = put_one(s, &j, o, info);
  }
  free(buf);
  free(locked);
  jx_decl_free(old);
  jx_decl_free(d);
  jx_arena_free(a);
  return st;
}

/* ---- reading ------------------------------------------------------------------------------ */

jx_status jx_store_decl_locked(jx_store *s, jx_decl_scope scope, const char *code, int year, jx_decl **out) {
  *out = NULL;
  s->err[0] = '\0';
  if (!code || !*code) return jx_store_fail(s, JX_ERR_INVALID, "没有给出编码");
  jx_stmt *st;
  if (jx_store_prepare(s,
                       "SELECT v.content, v.file_name FROM declaration d JOIN declaration_version v ON v.id = d.locked_version "
                       "WHERE d.year = ? AND d.scope = ? AND d.code = ? AND d.status = 'approved'",
                       &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, year);
  jx_stmt_bind_text(st, 2, scope_name((int)scope), -1);
  jx_stmt_bind_text(st, 3, code, -1);
  jx_status r = jx_stmt_step(st);
  if (r == JX_DB_ROW) {
    size_t len;
    const char *b = jx_stmt_blob(st, 0, &len);
    jx_diags ignore = {0};
    (void)jx_decl_parse(jx_stmt_text(st, 1), b, len, out, &ignore);
    jx_diags_free(&ignore);
    r = *out ? JX_OK : jx_store_fail(s, JX_ERR_IO, "已批复的 %s %d 年度申报无法读取", code, year);
  } else if (r == JX_DB_DONE) {
    r = JX_OK;
  } else {
    r = jx_store_dbfail(s, r);
  }
  jx_store_release(st);
  return r;
}

jx_status jx_store_decl_export(jx_store *s, const jx_decl_key *k, int64_t version, FILE *out) {
  s->err[0] = '\0';
  decl_row row;
  jx_status st = find_decl(s, k->code, k->year, k->scope, &row);
  if (st != JX_OK) return st;
  int64_t number = version > 0 ? version : row.version;
  if (number > row.version)
    return jx_store_fail(s, JX_ERR_DATA, "%s %d 年度的申报只有 %lld 个版本，没有第 %lld 版", row.code, row.year, (long long)row.version,
                         (long long)number);
  char *data = NULL;
  size_t len = 0;
  if ((st = version_bytes(s, row.id, number, &data, &len)) != JX_OK) return st;
  size_t w = fwrite(data, 1, len, out);
  free(data);
  if (w != len || fflush(out) != 0) return jx_store_fail(s, JX_ERR_IO, "写出失败");
  return JX_OK;
}

/* ---- queries ------------------------------------------------------------------------------- */

static jx_status q_list(jx_store *s, const jx_decl_query *q, jx_table **out) {
  static const char *const cols[] = {"#year:年度", "unit:单位编码", "unit_name:申报单位", "scope:范围", "code:编码", "name:名称",
                                     "status:状态", "#version:版本", "#this_year:本年金额（元）", "#returns:退回次数"};
  jx_dept_list l = {0};
  jx_status st = jx_store_departments(s, &l);
  if (st != JX_OK) return st;
  jx_stmt *p;
  if (jx_db_prepare(s->db,
                    "SELECT d.year, d.unit, COALESCE(u.name, ''), d.scope, d.code, d.name, d.status, d.version, d.this_year, "
                    "d.returns FROM declaration d LEFT JOIN department u ON u.code = d.unit "
                    "WHERE (? = 0 OR d.year = ?) AND (? = '' OR d.status = ?) "
                    "ORDER BY d.year, d.unit COLLATE BINARY, d.scope COLLATE BINARY, d.code COLLATE BINARY",
                    &p) != JX_OK) {
    jx_arena_free(l.arena);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(p, 1, q->year);
  jx_stmt_bind_int64(p, 2, q->year);
  const char *status = q->status ? q->status : "";
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
    if (!strcmp(statuses[i].label, status)) status = statuses[i].name; /* 已批复 = approved */
  jx_stmt_bind_text(p, 3, status, -1);
  jx_stmt_bind_text(p, 4, status, -1);
  jx_table *t = jx_table_new(sizeof cols / sizeof *cols, cols);
  jx_status r;
  while ((r = jx_stmt_step(p)) == JX_DB_ROW) {
    if (!jx_dept_under(&l, jx_stmt_text(p, 1), q->under)) continue;
    size_t row = jx_table_add_row(t);
    jx_table_setf(t, row, 0, "%lld", (long long)jx_stmt_int64(p, 0));
    jx_table_set(t, row, 1, jx_stmt_text(p, 1));
    jx_table_set(t, row, 2, jx_stmt_text(p, 2));
    jx_table_set_static(t, row, 3, scope_label(jx_stmt_text(p, 3)));
    jx_table_set(t, row, 4, jx_stmt_text(p, 4));
    jx_table_set(t, row, 5, jx_stmt_text(p, 5));
    jx_table_set_static(t, row, 6, status_label(jx_stmt_text(p, 6)));
    jx_table_setf(t, row, 7, "%lld", (long long)jx_stmt_int64(p, 7));
    if (!jx_stmt_is_null(p, 8)) {
      char b[48];
      jx_table_set(t, row, 8, jx_store_fmt_yuan(jx_stmt_int64(p, 8), b, sizeof b));
    }
    jx_table_setf(t, row, 9, "%lld", (long long)jx_stmt_int64(p, 9));
  }
  jx_stmt_finalize(p);
  jx_arena_free(l.arena);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, r);
  }
  jx_table_footer(t, "共 %zu 个申报", jx_table_rows(t));
  *out = t;
  return JX_OK;
}

static jx_status q_show(jx_store *s, const jx_decl_query *q, jx_table **out) {
  static const char *const cols[] = {"#seq:序号", "level1:一级指标", "level2:二级指标", "name:三级指标", "value:指标值",
                                     "nature:性质", "number:数值",   "unit:单位",       "explanation:指标解释"};
  decl_row row;
  jx_status st = find_decl(s, q->key->code, q->key->year, q->key->scope, &row);
  if (st != JX_OK) return st;
  int64_t number = q->version > 0 ? q->version : row.version;
  if (number > row.version)
    return jx_store_fail(s, JX_ERR_DATA, "%s %d 年度的申报只有 %lld 个版本，没有第 %lld 版", row.code, row.year, (long long)row.version,
                         (long long)number);
  jx_stmt *p;
  if (jx_db_prepare(s->db,
                    "SELECT i.seq, i.level1, i.level2, i.name, i.value, i.nature, i.number, i.number_hi, i.percent, i.unit, "
                    "i.explanation, v.created_at, v.created_by, v.adjustment, v.id FROM declaration_version v "
                    "LEFT JOIN declaration_indicator i ON i.version = v.id WHERE v.decl = ? AND v.number = ? ORDER BY i.seq",
                    &p) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(p, 1, row.id);
  jx_stmt_bind_int64(p, 2, number);
  jx_table *t = jx_table_new(sizeof cols / sizeof *cols, cols);
  jx_status r;
  char at[64] = "", by[256] = "";
  bool locked_one = false;
  while ((r = jx_stmt_step(p)) == JX_DB_ROW) {
    snprintf(at, sizeof at, "%s", jx_stmt_text(p, 11));
    snprintf(by, sizeof by, "%s", jx_stmt_text(p, 12));
    locked_one = row.locked_version == jx_stmt_int64(p, 14);
    if (jx_stmt_is_null(p, 0)) continue;
    size_t i = jx_table_add_row(t);
    jx_table_setf(t, i, 0, "%lld", (long long)jx_stmt_int64(p, 0));
    for (int c = 1; c <= 5; c++) jx_table_set(t, i, (size_t)c, jx_stmt_text(p, c));
    if (!jx_stmt_is_null(p, 6)) {
      char a[48], b[48];
      jx_format_num(jx_stmt_int64(p, 6), a, sizeof a);
      if (!jx_stmt_is_null(p, 7)) jx_format_num(jx_stmt_int64(p, 7), b, sizeof b);
      jx_table_setf(t, i, 6, "%s%s%s%s", a, jx_stmt_is_null(p, 7) ? "" : "-", jx_stmt_is_null(p, 7) ? "" : b,
                    jx_stmt_int64(p, 8) ? "%" : "");
    }
    jx_table_set(t, i, 7, jx_stmt_text(p, 9));
    jx_table_set(t, i, 8, jx_stmt_text(p, 10));
  }
  jx_stmt_finalize(p);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, r);
  }
  jx_table_footer(t, "%s %d 年度%s申报（单位 %s）：第 %lld 版（共 %lld 版，%s %s 导入），状态：%s%s", row.code, row.year,
                  scope_label(row.scope), row.unit, (long long)number, (long long)row.version, at, by, status_label(row.status),
                  locked_one ? "，此版本为已批复（锁定）的目标" : "");
  *out = t;
  return JX_OK;
}

static jx_status q_history(jx_store *s, const jx_decl_query *q, jx_table **out) {
  static const char *const cols[] = {"at:时间", "who:操作人", "#version:版本", "field:字段", "old:原值", "new:新值"};
  decl_row row;
  jx_status st = find_decl(s, q->key->code, q->key->year, q->key->scope, &row);
  if (st != JX_OK) return st;
  jx_stmt *p;
  if (jx_db_prepare(s->db, "SELECT at, who, version, field, old_value, new_value FROM declaration_history WHERE decl = ? ORDER BY id",
                    &p) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(p, 1, row.id);
  jx_table *t = jx_table_new(sizeof cols / sizeof *cols, cols);
  jx_status r;
  while ((r = jx_stmt_step(p)) == JX_DB_ROW) {
    size_t i = jx_table_add_row(t);
    jx_table_set(t, i, 0, jx_stmt_text(p, 0));
    jx_table_set(t, i, 1, jx_stmt_text(p, 1));
    jx_table_setf(t, i, 2, "%lld", (long long)jx_stmt_int64(p, 2));
    const char *field = jx_stmt_text(p, 3);
    jx_table_set(t, i, 3, field);
    bool status = !strcmp(field, "状态");
    jx_table_set(t, i, 4, status && jx_stmt_text(p, 4) ? status_label(jx_stmt_text(p, 4)) : jx_stmt_text(p, 4));
    jx_table_set(t, i, 5, status && jx_stmt_text(p, 5) ? status_label(jx_stmt_text(p, 5)) : jx_stmt_text(p, 5));
  }
  jx_stmt_finalize(p);
  if (r != JX_DB_DONE) {
    jx_table_free(t);
    return jx_store_dbfail(s, r);
  }
  *out = t;
  return JX_OK;
}

static jx_status q_summary(jx_store *s, const jx_decl_query *q, jx_table **out) {
  static const char *const cols[] = {"part:分类", "item:项目", "#count:数量"};
  jx_dept_list l = {0};
  jx_status st = jx_store_departments(s, &l);
  if (st != JX_OK) return st;
  jx_stmt *p;
  jx_review_rules *rules = NULL;
  jx_diags rd = {0};
  st = q->review_rules ? jx_review_rules_load(q->review_rules, &rules, &rd) : jx_review_rules_default(&rules, &rd);
  jx_diags_free(&rd);
  if (st != JX_OK || !rules) {
    jx_arena_free(l.arena);
    return jx_store_fail(s, st == JX_ERR_IO ? JX_ERR_IO : JX_ERR_DATA, "审核规则“%s”无法读取（jixiao review --rules 列出其问题）",
                         q->review_rules ? q->review_rules : "内置默认规则");
  }
  size_t nrules = jx_review_rules_count(rules);
  size_t *by_rule = jx_xcalloc(nrules ? nrules : 1, sizeof *by_rule), *decls_by_rule = jx_xcalloc(nrules ? nrules : 1, sizeof *by_rule);
  size_t reviewed = 0, findings = 0;
  if (jx_db_prepare(s->db,
                    "SELECT d.unit, COALESCE(u.name, d.unit), d.status, d.returns, v.content, d.code FROM declaration d "
                    "LEFT JOIN department u ON u.code = d.unit LEFT JOIN declaration_version v ON v.id = d.current_version "
                    "WHERE (? = 0 OR d.year = ?) ORDER BY d.unit COLLATE BINARY, d.code COLLATE BINARY",
                    &p) != JX_OK) {
    jx_arena_free(l.arena);
    jx_review_rules_free(rules);
    free(by_rule);
    free(decls_by_rule);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  jx_stmt_bind_int64(p, 1, q->year);
  jx_stmt_bind_int64(p, 2, q->year);
  size_t by_status[sizeof statuses / sizeof *statuses] = {0}, total = 0;
  typedef struct {
    const char *code, *name;
    int64_t returns;
    size_t decls, findings;
  } unit_count;
  unit_count *units = NULL;
  size_t nu = 0, cap = 0;
  jx_status r;
  while ((r = jx_stmt_step(p)) == JX_DB_ROW) {
    const char *code = jx_stmt_text(p, 0);
    if (!jx_dept_under(&l, code, q->under)) continue;
    total++;
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
      if (!strcmp(statuses[i].name, jx_stmt_text(p, 2))) by_status[i]++;
    if (!nu || strcmp(units[nu - 1].code, code) != 0) {
      if (nu == cap) units = jx_xrealloc(units, (cap = cap ? cap * 2 : 16) * sizeof *units);
      units[nu++] = (unit_count){jx_arena_strdup(l.arena, code), jx_arena_strdup(l.arena, jx_stmt_text(p, 1)), 0, 0, 0};
    }
    units[nu - 1].returns += jx_stmt_int64(p, 3);
    units[nu - 1].decls++;
    /* the current version reviewed by the rules: findings by rule and by unit (candidates
     * of manual rules are not findings) */
    size_t len = 0;
    const char *bytes = jx_stmt_blob(p, 4, &len);
    jx_decl *d = NULL;
    jx_diags ignore = {0};
    if (bytes) (void)jx_decl_parse(jx_stmt_text(p, 5), bytes, len, &d, &ignore);
    jx_review *rv = NULL;
    if (d && jx_review_run(rules, d, &rv, &ignore) == JX_OK && rv) {
      reviewed++;
      for (size_t i = 0; i < rv->findings.n; i++) {
        const jx_review_finding *f = &rv->findings.items[i];
        if (f->kind == JX_FINDING_CANDIDATE || f->rule >= nrules) continue;
        bool first = true; /* this declaration's first finding of the rule */
        for (size_t j = 0; j < i && first; j++) first = rv->findings.items[j].rule != f->rule;
        by_rule[f->rule]++;
        if (first) decls_by_rule[f->rule]++;
        units[nu - 1].findings++;
        findings++;
      }
    }
    jx_review_free(rv);
    jx_decl_free(d);
    jx_diags_free(&ignore);
  }
  jx_stmt_finalize(p);
  if (r != JX_DB_DONE) {
    free(units);
    free(by_rule);
    free(decls_by_rule);
    jx_review_rules_free(rules);
    jx_arena_free(l.arena);
    return jx_store_dbfail(s, r);
  }
  jx_table *t = jx_table_new(sizeof cols / sizeof *cols, cols);
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
    size_t row = jx_table_add_row(t);
    jx_table_set_static(t, row, 0, "按状态");
    jx_table_set_static(t, row, 1, statuses[i].label);
    jx_table_setf(t, row, 2, "%zu", by_status[i]);
  }
  /* the units with the most returns (most first, then by code), at most 10, only those returned */
  for (size_t k = 0; k < 10; k++) {
    size_t best = nu;
    for (size_t i = 0; i < nu; i++)
      if (units[i].returns > 0 && (best == nu || units[i].returns > units[best].returns)) best = i;
    if (best == nu) break;
    size_t row = jx_table_add_row(t);
    jx_table_set_static(t, row, 0, "退回最多的单位");
    jx_table_setf(t, row, 1, "%s %s（%zu 个申报）", units[best].code, units[best].name, units[best].decls);
    jx_table_setf(t, row, 2, "%lld", (long long)units[best].returns);
    units[best].returns = -1;
  }
  /* findings by rule, most first (then in the rule set's order) */
  for (;;) {
    size_t best = nrules;
    for (size_t i = 0; i < nrules; i++)
      if (by_rule[i] && (best == nrules || by_rule[i] > by_rule[best])) best = i;
    if (best == nrules) break;
    const jx_review_rule_info *ri = jx_review_rules_at(rules, best);
    size_t row = jx_table_add_row(t);
    jx_table_set_static(t, row, 0, "按审核规则的问题");
    jx_table_setf(t, row, 1, "规则 %s %s（%zu 个申报）", ri->code, *ri->detail ? ri->detail : ri->point, decls_by_rule[best]);
    jx_table_setf(t, row, 2, "%zu", by_rule[best]);
    by_rule[best] = 0;
  }
  for (size_t k = 0; k < 10; k++) {
    size_t best = nu;
    for (size_t i = 0; i < nu; i++)
      if (units[i].findings > 0 && (best == nu || units[i].findings > units[best].findings)) best = i;
    if (best == nu) break;
    size_t row = jx_table_add_row(t);
    jx_table_set_static(t, row, 0, "问题最多的单位");
    jx_table_setf(t, row, 1, "%s %s（%zu 个申报）", units[best].code, units[best].name, units[best].decls);
    jx_table_setf(t, row, 2, "%zu", units[best].findings);
    units[best].findings = 0;
  }
  jx_table_footer(t, "共 %zu 个申报，%zu 个单位；按%s审核当前版本：%zu 个申报，%zu 个问题", total, nu, jx_review_rules_source(rules),
                  reviewed, findings);
  free(by_rule);
  free(decls_by_rule);
  jx_review_rules_free(rules);
  free(units);
  jx_arena_free(l.arena);
  *out = t;
  return JX_OK;
}

jx_status jx_store_decl_query(jx_store *s, const jx_decl_query *q, jx_table **out) {
  *out = NULL;
  s->err[0] = '\0';
  if (!q || !q->what) return jx_store_fail(s, JX_ERR_INVALID, "没有给出查询");
  if (!strcmp(q->what, "list")) return q_list(s, q, out);
  if (!strcmp(q->what, "summary")) return q_summary(s, q, out);
  if (!strcmp(q->what, "show") || !strcmp(q->what, "history")) {
    if (!q->key || !q->key->code || !q->key->year)
      return jx_store_fail(s, JX_ERR_INVALID, "请给出项目编码（或部门整体申报的单位编码）和 --year 年度");
    return !strcmp(q->what, "show") ? q_show(s, q, out) : q_history(s, q, out);
  }
  return jx_store_fail(s, JX_ERR_INVALID, "未知的查询“%s”：应为 list、show、history 或 summary", q->what);
}
