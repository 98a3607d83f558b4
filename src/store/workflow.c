/* workflow.c — the review workflow as a table of transitions, review comments, rectification items, deadlines. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

typedef struct {
  const char *action, *from, *to;
  bool in_department; /* a step inside the department, on the web only (no `jixiao db` command):
                         not offered in a refusal's list of what `jixiao db` can do */
} transition;

/* Every allowed move.  Anything else is refused.  A published department-year changes
 * only through a correction (an import with a reason), which makes it a draft again while
 * the published version stays public until the correction is published in turn. */
static const transition transitions[] = {
    {"submit", "draft", "submitted", false},    {"submit", "returned", "submitted", false},
    {"return", "submitted", "returned", false}, {"approve", "submitted", "approved", false},
    {"return", "approved", "returned", false},  {"publish", "approved", "published", false},
    /* inside the department, before it is submitted: the head (部门审核人) sends the year
     * back to the officer with comments; the head's approval is the submit above */
    {"send_back", "draft", "returned", true},   {"send_back", "returned", "returned", true},
};

static const struct {
  const char *name, *label;
} statuses[] = {
    {"draft", "草稿"}, {"submitted", "已提交"}, {"returned", "已退回"}, {"approved", "已审核通过"}, {"published", "已公开"},
};

static const struct {
  const char *name, *label;
} actions[] = {{"submit", "提交"},
               {"return", "退回"},
               {"approve", "审核通过"},
               {"publish", "公开"},
               {"send_back", "退回填报人"}};

const char *jx_store_status_label(const char *status) {
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
    if (strcmp(statuses[i].name, status) == 0) return statuses[i].label;
  return status;
}

static const char *action_label(const char *a) {
  for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
    if (strcmp(actions[i].name, a) == 0) return actions[i].label;
  return NULL;
}

/* "提交（submit）、…": what is allowed from status (the department's own steps only when
 * the refused action was one of them). */
static void allowed_from(const char *status, bool in_department, char *buf, size_t n) {
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++) {
    if (strcmp(transitions[i].from, status) != 0 || (transitions[i].in_department && !in_department)) continue;
    size_t len = strlen(buf);
    snprintf(buf + len, n - len, "%s%s（%s）", len ? "、" : "", action_label(transitions[i].action), transitions[i].action);
  }
  if (!buf[0]) snprintf(buf, n, "无（只能以更正导入新版本）");
}

static jx_status step_done(jx_store *s, jx_stmt *st) {
  jx_status r = jx_stmt_step(st);
  jx_stmt_finalize(st);
  return r == JX_DB_DONE || r == JX_DB_ROW ? JX_OK : jx_store_dbfail(s, r);
}

static jx_status transition_txn(jx_store *s, const jx_dy_key *k, const char *action, const jx_transition_opts *o) {
  jx_db *db = s->db;
  char now[40];
  jx_db_now(now, sizeof now);
  jx_status st = jx_db_begin(db);
  if (st != JX_OK) return jx_store_dbfail(s, st);
  if ((st = jx_db_lock(db, jx_store_lock_key(k->department, k->year, jx_store_kind(k)))) != JX_OK) {
    jx_store_dbfail(s, st);
    goto fail;
  }
  jx_dy_row row;
  st = jx_store_find_dy(s, k, &row);
  if (st != JX_OK) goto fail;
  if (o->expect_version > 0 && o->expect_version != row.version) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度：操作基于第 %lld 版，但当前已是第 %lld 版（其他人已修改）：未执行，请先查看第 %lld 版",
                       k->department, k->year, (long long)o->expect_version, (long long)row.version, (long long)row.version);
    goto fail;
  }
  const transition *t = NULL;
  for (size_t i = 0; i < sizeof transitions / sizeof *transitions && !t; i++)
    if (strcmp(transitions[i].action, action) == 0 && strcmp(transitions[i].from, row.status) == 0) t = &transitions[i];
  if (!t) {
    char allowed[256];
    bool dept = false;
    for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++)
      dept |= transitions[i].in_department && strcmp(transitions[i].action, action) == 0;
    allowed_from(row.status, dept, allowed, sizeof allowed);
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度当前状态是“%s”，不能%s；此状态下可以：%s", k->department, k->year,
                       jx_store_status_label(row.status), action_label(action), allowed);
    goto fail;
  }
  if (strcmp(action, "submit") == 0 && row.errors > 0) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度第 %lld 版有 %lld 个错误，不能提交：请改正后重新导入（jixiao check 列出错误）",
                       k->department, k->year, (long long)row.version, (long long)row.errors);
    goto fail;
  }
  if ((strcmp(action, "return") == 0 || strcmp(action, "send_back") == 0) && o->n_comments == 0) {
    st = jx_store_fail(s, JX_ERR_DATA, "退回时请写明意见（--comment \"指标名称=意见\" 或 --comment \"意见\"）");
    goto fail;
  }
  for (size_t i = 0; i < o->n_comments; i++) {
    jx_stmt *c;
    if (jx_db_prepare(db, "INSERT INTO review_comment (dy, version, indicator, text, who, at) VALUES (?, ?, ?, ?, ?, ?)", &c) !=
        JX_OK) {
      st = jx_store_dbfail(s, JX_ERR_IO);
      goto fail;
    }
    jx_stmt_bind_int64(c, 1, row.id);
    jx_stmt_bind_int64(c, 2, row.version);
    jx_stmt_bind_text(c, 3, o->comments[i].indicator, -1);
    jx_stmt_bind_text(c, 4, o->comments[i].text, -1);
    jx_stmt_bind_text(c, 5, o->user, -1);
    jx_stmt_bind_text(c, 6, now, -1);
    if ((st = step_done(s, c)) != JX_OK) goto fail;
  }
  jx_stmt *up;
  if (jx_db_prepare(db,
                    "UPDATE department_year SET status = ?, updated_at = ?, "
                    "published_version = CASE WHEN ? = 1 THEN version ELSE published_version END, "
                    "first_submitted_at = CASE WHEN ? = 1 AND first_submitted_at IS NULL THEN ? ELSE first_submitted_at END "
                    "WHERE id = ?",
                    &up) != JX_OK) {
    st = jx_store_dbfail(s, JX_ERR_IO);
    goto fail;
  }
  jx_stmt_bind_text(up, 1, t->to, -1);
  jx_stmt_bind_text(up, 2, now, -1);
  jx_stmt_bind_int64(up, 3, strcmp(t->to, "published") == 0);
  jx_stmt_bind_int64(up, 4, strcmp(t->to, "submitted") == 0);
  jx_stmt_bind_text(up, 5, now, -1);
  jx_stmt_bind_int64(up, 6, row.id);
  if ((st = step_done(s, up)) != JX_OK) goto fail;
  if ((st = jx_store_history(s, row.id, row.version, now, o->user, "状态", row.status, t->to)) != JX_OK) goto fail;
  st = jx_db_commit(db);
  return st == JX_OK ? JX_OK : jx_store_dbfail(s, st);
fail:
  jx_db_rollback(db);
  return st == JX_OK ? JX_ERR_DATA : st;
}

jx_status jx_store_transition(jx_store *s, const jx_dy_key *k, const char *action, const jx_transition_opts *o) {
  s->err[0] = '\0';
  if (!o || !o->user || !*o->user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!action_label(action))
    return jx_store_fail(s, JX_ERR_INVALID, "未知的操作“%s”：应为 submit、return、approve、publish 或 send_back", action ? action : "");
  jx_status st = JX_DB_RETRY;
  for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = transition_txn(s, k, action, o);
  return st;
}

/* ---- rectification (整改) ------------------------------------------------------------------ */

jx_status jx_store_rectify_open(jx_store *s, const jx_dy_key *k, const char *item, const char *user, int64_t *id) {
  s->err[0] = '\0';
  if (!user || !*user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!item || !*item) return jx_store_fail(s, JX_ERR_INVALID, "请写明整改事项");
  jx_dy_row row;
  jx_status st = jx_store_find_dy(s, k, &row);
  if (st != JX_OK) return st;
  if (row.published_version == 0)
    return jx_store_fail(s, JX_ERR_DATA, "%s %d 年度还没有公开（状态：%s）：整改事项只跟踪已公开的年度", k->department, k->year,
                         jx_store_status_label(row.status));
  char now[40];
  jx_db_now(now, sizeof now);
  jx_stmt *ins;
  if (jx_db_prepare(s->db, "INSERT INTO rectification (dy, item, opened_by, opened_at) VALUES (?, ?, ?, ?) RETURNING id", &ins) !=
      JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(ins, 1, row.id);
  jx_stmt_bind_text(ins, 2, item, -1);
  jx_stmt_bind_text(ins, 3, user, -1);
  jx_stmt_bind_text(ins, 4, now, -1);
  st = jx_stmt_step(ins);
  if (st == JX_DB_ROW && id) *id = jx_stmt_int64(ins, 0);
  jx_stmt_finalize(ins);
  return st == JX_DB_ROW ? JX_OK : jx_store_dbfail(s, st);
}

jx_status jx_store_rectify_close(jx_store *s, int64_t id, const char *note, const char *user) {
  s->err[0] = '\0';
  if (!user || !*user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!note || !*note) return jx_store_fail(s, JX_ERR_INVALID, "请写明整改结果（关闭说明）");
  char now[40];
  jx_db_now(now, sizeof now);
  jx_stmt *up;
  if (jx_db_prepare(s->db,
                    "UPDATE rectification SET closed_by = ?, closed_at = ?, closing_note = ? WHERE id = ? AND closed_at IS NULL "
                    "RETURNING id",
                    &up) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(up, 1, user, -1);
  jx_stmt_bind_text(up, 2, now, -1);
  jx_stmt_bind_text(up, 3, note, -1);
  jx_stmt_bind_int64(up, 4, id);
  jx_status st = jx_stmt_step(up);
  jx_stmt_finalize(up);
  if (st == JX_DB_ROW) return JX_OK;
  if (st != JX_DB_DONE) return jx_store_dbfail(s, st);
  return jx_store_fail(s, JX_ERR_DATA, "没有未关闭的第 %lld 号整改事项（不存在或已关闭）", (long long)id);
}

jx_status jx_store_set_deadline(jx_store *s, int year, const char *date, const char *user) {
  s->err[0] = '\0';
  (void)user;
  if (!date || strlen(date) != 10 || jx_store_day_number(date) < 0)
    return jx_store_fail(s, JX_ERR_INVALID, "截止日期“%s”应写成 YYYY-MM-DD（如 2024-03-31）", date ? date : "");
  if (year < 1900 || year > 9999) return jx_store_fail(s, JX_ERR_INVALID, "年度 %d 不对", year);
  jx_stmt *st;
  if (jx_db_prepare(s->db, "INSERT INTO deadline (year, due) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET due = excluded.due",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, year);
  jx_stmt_bind_text(st, 2, date, -1);
  return step_done(s, st);
}
