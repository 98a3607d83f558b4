/* workflow.c — the review workflow as data: the approval chain by level (单位 → 主管部门 →
 * 财政局), a table of transitions, who may act at each level; the thread of steps and review
 * comments; rectification items, deadlines. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/workflow.h"

/* ---- the chain ------------------------------------------------------------------------------ */

/* The levels a submitted department-year is approved at, lowest first.  A unit's chain is
 * these levels, less 主管部门 when the departments table gives it none (chain_of). */
static const struct {
  const char *name, *label, *awaiting, *approver;
} levels[] = {
    {"unit", "单位审核", "待单位审核", "单位负责人"},
    {"authority", "主管部门审核", "待主管部门审核", "主管部门审核人"},
    {"bureau", "财政局审核", "待财政局审核", "财政局复核人"},
};
enum { N_LEVELS = sizeof levels / sizeof *levels };

/* Where the level of the year goes with a transition. */
typedef enum {
  TO_NONE,   /* no level: not awaiting an approval */
  TO_FIRST,  /* the chain's first level; a submit by the unit's own head is also its approval there */
  TO_NEXT,   /* the next level; after the last, to_last */
  TO_PICKED, /* the level whose approval is withdrawn (opts->level, else the latest in force) */
} level_move;

/* Who may take a transition. */
typedef enum {
  BY_OWN,     /* the department's own officer or head (the bureau and the operator too) */
  BY_HEAD,    /* the department's own head, inside the department */
  BY_AWAITED, /* whoever may act at the awaited level */
  BY_HIGHER,  /* whoever may act at the awaited level or a higher one */
  BY_LEVEL,   /* whoever may act at some level of the chain (unapprove: at or below it) */
  BY_BUREAU,  /* whoever may act at the bureau's level */
} actor_rule;

typedef struct {
  const char *action, *from, *to;
  const char *to_last; /* TO_NEXT past the last level: this status */
  level_move move;
  actor_rule by;
  bool in_department; /* a step inside the department, on the web only (no `jixiao db` command):
                         not offered in a refusal's list of what `jixiao db` can do */
} transition;

/* Every allowed move.  Anything else is refused.  A published department-year changes
 * only through a correction (an import with a reason), which makes it a draft again while
 * the published version stays public until the correction is published in turn. */
static const transition transitions[] = {
    {"submit", "draft", "submitted", NULL, TO_FIRST, BY_OWN, false},
    {"submit", "returned", "submitted", NULL, TO_FIRST, BY_OWN, false},
    {"approve", "submitted", "submitted", "approved", TO_NEXT, BY_AWAITED, false},
    {"return", "submitted", "returned", NULL, TO_NONE, BY_HIGHER, false},
    {"return", "approved", "returned", NULL, TO_NONE, BY_BUREAU, false},
    {"unapprove", "submitted", "submitted", NULL, TO_PICKED, BY_LEVEL, false},
    {"unapprove", "approved", "submitted", NULL, TO_PICKED, BY_BUREAU, false},
    {"publish", "approved", "published", NULL, TO_NONE, BY_BUREAU, false},
    /* inside the department, before it is submitted: the head (单位负责人) sends the year
     * back to the officer with comments */
    {"send_back", "draft", "returned", NULL, TO_NONE, BY_HEAD, true},
    {"send_back", "returned", "returned", NULL, TO_NONE, BY_HEAD, true},
};

static const struct {
  const char *name, *label;
} statuses[] = {
    {"draft", "草稿"}, {"submitted", "已提交"}, {"returned", "已退回"}, {"approved", "已审核通过"}, {"published", "已公开"},
};

static const struct {
  const char *name, *label;
} actions[] = {{"submit", "提交"},        {"return", "退回"},           {"approve", "审核通过"}, {"unapprove", "撤销审核"},
               {"publish", "公开"},       {"send_back", "退回填报人"}};

const char *jx_store_status_label(const char *status) {
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
    if (strcmp(statuses[i].name, status) == 0) return statuses[i].label;
  return status;
}

static int level_index(const char *name) {
  for (int i = 0; name && i < N_LEVELS; i++)
    if (!strcmp(levels[i].name, name)) return i;
  return -1;
}

const char *jx_store_level_label(const char *level) {
  int i = level_index(level);
  return i >= 0 ? levels[i].label : level && !strcmp(level, "filer") ? "填报" : level ? level : "";
}

const char *jx_store_state_label(const char *status, const char *level) {
  int i = level_index(level);
  if (status && !strcmp(status, "submitted") && i >= 0) return levels[i].awaiting;
  return jx_store_status_label(status ? status : "");
}

const char *jx_store_action_label(const char *a) {
  for (size_t i = 0; a && i < sizeof actions / sizeof *actions; i++)
    if (strcmp(actions[i].name, a) == 0) return actions[i].label;
  return a;
}

/* A state in a refusal: "已提交（待主管部门审核）", or the status's label. */
static const char *state_text(jx_arena *a, const char *status, const char *level) {
  const char *l = jx_store_state_label(status, level), *st = jx_store_status_label(status);
  return strcmp(l, st) != 0 ? jx_arena_printf(a, "%s（%s）", st, l) : st;
}

static const char *action_label(const char *a) {
  for (size_t i = 0; a && i < sizeof actions / sizeof *actions; i++)
    if (strcmp(actions[i].name, a) == 0) return actions[i].label;
  return NULL;
}

/* The chain of department dep: indexes into levels[], lowest first; returns its length.
 * *authority receives the 主管部门's code ("" when the chain has none). */
static int chain_of(const jx_dept_list *l, const char *dep, int chain[N_LEVELS], const char **authority) {
  const jx_dept *a = jx_dept_at_level(l, dep, "authority");
  bool has = a && strcmp(a->code, dep) != 0;
  *authority = has ? a->code : "";
  int n = 0;
  for (int i = 0; i < N_LEVELS; i++)
    if (i != 1 || has) chain[n++] = i;
  return n;
}

/* May the actor approve at levels[lv] for department dep (authority: its 主管部门)? */
static bool may_act(const jx_transition_opts *o, int lv, const char *dep, const char *authority) {
  if (!o->role || !strcmp(o->role, "admin")) return true;
  if (!strcmp(o->role, "reviewer")) return !strcmp(levels[lv].name, "bureau");
  if (!strcmp(o->role, "head") && o->role_department) {
    if (!strcmp(levels[lv].name, "unit")) return !strcmp(o->role_department, dep);
    if (!strcmp(levels[lv].name, "authority")) return *authority && !strcmp(o->role_department, authority);
  }
  return false;
}

/* The highest position in the chain the actor may act at, or -1. */
static int actor_rank(const jx_transition_opts *o, const int *chain, int n, const char *dep, const char *authority) {
  int r = -1;
  for (int i = 0; i < n; i++)
    if (may_act(o, chain[i], dep, authority)) r = i;
  return r;
}

static int chain_pos(const int *chain, int n, const char *level) {
  int lv = level_index(level);
  for (int i = 0; i < n; i++)
    if (chain[i] == lv) return i;
  return -1;
}

/* The state of one year for one actor: what the chain is, where it stands, what may be done. */
typedef struct {
  int chain[N_LEVELS], n;
  const char *authority;
  int awaited;  /* position awaited (status submitted), else -1 */
  int approved; /* how many positions' approvals are in force */
  int rank;     /* the actor's highest position, -1 none */
} chain_state;

static void chain_state_of(const jx_dept_list *l, const char *dep, const char *status, const char *level,
                           const jx_transition_opts *o, chain_state *c) {
  c->n = chain_of(l, dep, c->chain, &c->authority);
  c->awaited = !strcmp(status, "submitted") ? chain_pos(c->chain, c->n, level) : -1;
  if (!strcmp(status, "submitted") && c->awaited < 0) c->awaited = c->n - 1; /* a level no longer in the chain: the bureau */
  c->approved = !strcmp(status, "approved") || !strcmp(status, "published") ? c->n : c->awaited > 0 ? c->awaited : 0;
  c->rank = actor_rank(o, c->chain, c->n, dep, c->authority);
}

static bool own_department(const jx_transition_opts *o, const char *dep) {
  if (!o->role || !strcmp(o->role, "admin") || !strcmp(o->role, "reviewer")) return true;
  return o->role_department && !strcmp(o->role_department, dep);
}

/* May the actor take t on the year?  *who says who may when not. */
static bool allowed(const transition *t, const jx_transition_opts *o, const chain_state *c, const char *dep,
                    const char **who) {
  switch (t->by) {
  case BY_OWN:
    *who = "本单位的填报人或单位负责人";
    return own_department(o, dep) && (!o->role || strcmp(o->role, "head") != 0 || may_act(o, c->chain[0], dep, c->authority));
  case BY_HEAD:
    *who = "本单位的单位负责人";
    return o->role && !strcmp(o->role, "head") && o->role_department && !strcmp(o->role_department, dep);
  case BY_AWAITED:
    *who = c->awaited >= 0 ? levels[c->chain[c->awaited]].approver : "审核人";
    return c->awaited >= 0 && may_act(o, c->chain[c->awaited], dep, c->authority);
  case BY_HIGHER:
    *who = c->awaited >= 0 ? levels[c->chain[c->awaited]].approver : "审核人";
    return c->rank >= 0 && c->rank >= c->awaited;
  case BY_LEVEL:
    *who = "审核链上的审核人";
    return c->rank >= 0;
  case BY_BUREAU:
    *who = levels[N_LEVELS - 1].approver;
    return c->rank == c->n - 1;
  }
  return false;
}

/* "提交（submit）、…": what is allowed from status (the department's own steps only when
 * the refused action was one of them). */
static void allowed_from(const char *status, bool in_department, char *buf, size_t n) {
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++) {
    if (strcmp(transitions[i].from, status) != 0 || (transitions[i].in_department && !in_department)) continue;
    if (strstr(buf, action_label(transitions[i].action))) continue;
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

/* The year's awaited level ("" when none) into buf. */
static jx_status read_level(jx_store *s, int64_t id, char *buf, size_t n) {
  jx_stmt *st;
  if (jx_db_prepare(s->db, "SELECT level FROM department_year WHERE id = ?", &st) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, id);
  jx_status r = jx_stmt_step(st);
  const char *v = r == JX_DB_ROW ? jx_stmt_text(st, 0) : NULL;
  snprintf(buf, n, "%s", v ? v : "");
  jx_stmt_finalize(st);
  return r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, JX_ERR_IO);
}

/* The comments as one text for the thread: "【指标】意见；意见" (arena). */
static const char *thread_text(jx_arena *a, const jx_transition_opts *o) {
  const char *t = "";
  for (size_t i = 0; i < o->n_comments; i++)
    t = o->comments[i].indicator ? jx_arena_printf(a, "%s%s【%s】%s", t, *t ? "；" : "", o->comments[i].indicator, o->comments[i].text)
                                 : jx_arena_printf(a, "%s%s%s", t, *t ? "；" : "", o->comments[i].text);
  return t;
}

static jx_status insert_step(jx_store *s, int64_t dy, int64_t version, const char *action, const char *level,
                             const char *target, const char *comment, const char *who, const char *now) {
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "INSERT INTO approval_step (dy, version, action, level, target, comment, who, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_int64(st, 1, dy);
  jx_stmt_bind_int64(st, 2, version);
  jx_stmt_bind_text(st, 3, action, -1);
  jx_stmt_bind_text(st, 4, level, -1);
  if (target) jx_stmt_bind_text(st, 5, target, -1);
  else jx_stmt_bind_null(st, 5);
  jx_stmt_bind_text(st, 6, comment, -1);
  jx_stmt_bind_text(st, 7, who, -1);
  jx_stmt_bind_text(st, 8, now, -1);
  return step_done(s, st);
}

static jx_status transition_txn(jx_store *s, const jx_dy_key *k, const char *action, const jx_transition_opts *o,
                                const jx_dept_list *l) {
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
  char level[16];
  st = jx_store_find_dy(s, k, &row);
  if (st == JX_OK) st = read_level(s, row.id, level, sizeof level);
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
    char allowed_buf[256];
    bool dept = false;
    for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++)
      dept |= transitions[i].in_department && strcmp(transitions[i].action, action) == 0;
    allowed_from(row.status, dept, allowed_buf, sizeof allowed_buf);
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度当前状态是“%s”，不能%s；此状态下可以：%s", k->department, k->year,
                       state_text(l->arena, row.status, level), action_label(action), allowed_buf);
    goto fail;
  }
  chain_state c;
  chain_state_of(l, k->department, row.status, level, o, &c);
  const char *who;
  if (!allowed(t, o, &c, k->department, &who)) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度当前状态是“%s”，%s不能%s：应由%s操作", k->department, k->year,
                       state_text(l->arena, row.status, level), o->user, action_label(action), who);
    goto fail;
  }
  if (strcmp(action, "submit") == 0 && row.errors > 0) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度第 %lld 版有 %lld 个错误，不能提交：请改正后再提交", k->department, k->year,
                       (long long)row.version, (long long)row.errors);
    goto fail;
  }
  bool needs_comment = !strcmp(action, "return") || !strcmp(action, "send_back") || !strcmp(action, "unapprove");
  if (needs_comment && o->n_comments == 0) {
    st = jx_store_fail(s, JX_ERR_DATA, "%s",
                       !strcmp(action, "unapprove") ? "撤销审核时请写明理由（--comment \"理由\"）"
                                                    : "退回时请写明意见（--comment \"指标名称=意见\" 或 --comment \"意见\"）");
    goto fail;
  }
  /* where the year goes, and the level this step is taken at */
  const char *to = t->to, *to_level = NULL, *at_level = "filer", *target = NULL;
  switch (t->move) {
  case TO_NONE: break;
  case TO_FIRST:
    to_level = levels[c.chain[0]].name;
    /* the unit's own head submitting: that is the unit level's approval too */
    if (o->role && !strcmp(o->role, "head") && may_act(o, c.chain[0], k->department, c.authority)) {
      at_level = levels[c.chain[0]].name;
      to_level = c.n > 1 ? levels[c.chain[1]].name : NULL;
      if (!to_level) to = "approved";
    }
    break;
  case TO_NEXT:
    to_level = c.awaited + 1 < c.n ? levels[c.chain[c.awaited + 1]].name : NULL;
    if (!to_level) to = t->to_last;
    break;
  case TO_PICKED: {
    int p = o->level ? chain_pos(c.chain, c.n, o->level) : c.approved - 1;
    if (o->level && p < 0) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度的审核链中没有“%s”这一级", k->department, k->year, jx_store_level_label(o->level));
      goto fail;
    }
    if (p < 0 || p >= c.approved) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s %d 年度的%s还没有通过，无可撤销", k->department, k->year,
                         p < 0 ? "任何一级" : levels[c.chain[p]].label);
      goto fail;
    }
    if (p > c.rank) {
      st = jx_store_fail(s, JX_ERR_DATA, "%s 不能撤销%s：只能撤销本级或下级的审核", o->user, levels[c.chain[p]].label);
      goto fail;
    }
    to_level = levels[c.chain[p]].name;
    target = to_level;
    break;
  }
  }
  /* the position in the chain acted at (the transition table let the action through, so
   * for approve a level is awaited and for return/unapprove the account has a rank) */
  int at = -1;
  if (!strcmp(action, "approve")) at = c.awaited;
  else if (!strcmp(action, "return") || !strcmp(action, "unapprove"))
    at = c.rank >= c.awaited && c.awaited >= 0 && may_act(o, c.chain[c.awaited], k->department, c.authority) ? c.awaited : c.rank;
  if (at >= 0 && at < c.n) at_level = levels[c.chain[at]].name;
  else if (!strcmp(action, "publish")) at_level = levels[N_LEVELS - 1].name;
  else if (!strcmp(action, "send_back")) at_level = levels[0].name;

  for (size_t i = 0; i < o->n_comments; i++) {
    jx_stmt *cm;
    if (jx_db_prepare(db, "INSERT INTO review_comment (dy, version, indicator, text, who, at) VALUES (?, ?, ?, ?, ?, ?)", &cm) !=
        JX_OK) {
      st = jx_store_dbfail(s, JX_ERR_IO);
      goto fail;
    }
    jx_stmt_bind_int64(cm, 1, row.id);
    jx_stmt_bind_int64(cm, 2, row.version);
    jx_stmt_bind_text(cm, 3, o->comments[i].indicator, -1);
    jx_stmt_bind_text(cm, 4, o->comments[i].text, -1);
    jx_stmt_bind_text(cm, 5, o->user, -1);
    jx_stmt_bind_text(cm, 6, now, -1);
    if ((st = step_done(s, cm)) != JX_OK) goto fail;
  }
  if ((st = insert_step(s, row.id, row.version, action, at_level, target, thread_text(l->arena, o), o->user, now)) != JX_OK)
    goto fail;
  jx_stmt *up;
  if (jx_db_prepare(db,
                    "UPDATE department_year SET status = ?, level = ?, updated_at = ?, "
                    "published_version = CASE WHEN ? = 1 THEN version ELSE published_version END, "
                    "first_submitted_at = CASE WHEN ? = 1 AND first_submitted_at IS NULL THEN ? ELSE first_submitted_at END "
                    "WHERE id = ?",
                    &up) != JX_OK) {
    st = jx_store_dbfail(s, JX_ERR_IO);
    goto fail;
  }
  jx_stmt_bind_text(up, 1, to, -1);
  if (to_level) jx_stmt_bind_text(up, 2, to_level, -1);
  else jx_stmt_bind_null(up, 2);
  jx_stmt_bind_text(up, 3, now, -1);
  jx_stmt_bind_int64(up, 4, strcmp(to, "published") == 0);
  jx_stmt_bind_int64(up, 5, strcmp(action, "submit") == 0);
  jx_stmt_bind_text(up, 6, now, -1);
  jx_stmt_bind_int64(up, 7, row.id);
  if ((st = step_done(s, up)) != JX_OK) goto fail;
  if (strcmp(row.status, to) != 0 && (st = jx_store_history(s, row.id, row.version, now, o->user, "状态", row.status, to)) != JX_OK)
    goto fail;
  if (strcmp(level, to_level ? to_level : "") != 0 &&
      (st = jx_store_history(s, row.id, row.version, now, o->user, "审核级别", *level ? jx_store_level_label(level) : NULL,
                             to_level ? jx_store_level_label(to_level) : NULL)) != JX_OK)
    goto fail;
  st = jx_db_commit(db);
  return st == JX_OK ? JX_OK : jx_store_dbfail(s, st);
fail:;
  char keep[sizeof s->err];
  memcpy(keep, s->err, sizeof keep);
  jx_db_rollback(db);
  memcpy(s->err, keep, sizeof keep);
  return st == JX_OK ? JX_ERR_DATA : st;
}

jx_status jx_store_transition(jx_store *s, const jx_dy_key *k, const char *action, const jx_transition_opts *o) {
  s->err[0] = '\0';
  if (!o || !o->user || !*o->user) return jx_store_fail(s, JX_ERR_INVALID, "没有给出操作人（--user 或 $USER）");
  if (!action_label(action))
    return jx_store_fail(s, JX_ERR_INVALID, "未知的操作“%s”：应为 submit、approve、return、unapprove、publish 或 send_back",
                         action ? action : "");
  if (o->level && level_index(o->level) < 0)
    return jx_store_fail(s, JX_ERR_INVALID, "审核级别“%s”不对：应为 unit、authority 或 bureau", o->level);
  jx_dept_list l;
  jx_status st = jx_store_departments(s, &l);
  if (st != JX_OK) return st;
  st = JX_DB_RETRY;
  for (int i = 0; i < JX_STORE_RETRIES && st == JX_DB_RETRY; i++) st = transition_txn(s, k, action, o, &l);
  jx_arena_free(l.arena);
  return st;
}

jx_status jx_store_dy_state(jx_store *s, const jx_dy_key *k, jx_dy_row_state *out) {
  s->err[0] = '\0';
  memset(out, 0, sizeof *out);
  jx_dy_row row;
  jx_status st = jx_store_find_dy(s, k, &row);
  if (st == JX_OK) st = read_level(s, row.id, out->level, sizeof out->level);
  if (st != JX_OK) return st;
  snprintf(out->status, sizeof out->status, "%s", row.status);
  out->version = row.version;
  return JX_OK;
}

/* ---- the chain of one year, for the web --------------------------------------------------- */

json_t *jx_store_workflow_json(jx_store *s, const jx_dy_key *k, const jx_transition_opts *o) {
  s->err[0] = '\0';
  jx_dy_row row;
  char level[16];
  if (jx_store_find_dy(s, k, &row) != JX_OK || read_level(s, row.id, level, sizeof level) != JX_OK) return NULL;
  jx_dept_list l;
  if (jx_store_departments(s, &l) != JX_OK) return NULL;
  chain_state c;
  chain_state_of(&l, k->department, row.status, level, o, &c);
  json_t *chain = json_array();
  for (int i = 0; i < c.n; i++) {
    const char *state = i < c.approved ? "approved" : i == c.awaited ? "awaiting" : "pending";
    json_array_append_new(chain, json_pack("{s:s,s:s,s:s,s:s,s:b}", "level", levels[c.chain[i]].name, "label",
                                           levels[c.chain[i]].label, "approver", levels[c.chain[i]].approver, "state", state,
                                           "mine", may_act(o, c.chain[i], k->department, c.authority)));
  }
  json_t *can = json_object(), *unapprove = json_array();
  for (size_t i = 0; i < sizeof transitions / sizeof *transitions; i++) {
    const transition *t = &transitions[i];
    const char *who;
    if (strcmp(t->from, row.status) != 0 || !allowed(t, o, &c, k->department, &who)) continue;
    json_object_set_new(can, t->action, json_true());
  }
  if (json_object_get(can, "unapprove"))
    for (int i = 0; i < c.approved && i <= c.rank; i++)
      json_array_append_new(unapprove, json_pack("{s:s,s:s}", "level", levels[c.chain[i]].name, "label", levels[c.chain[i]].label));
  json_object_set_new(can, "unapprove_levels", unapprove);
  json_t *thread = json_array();
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT version, action, level, target, comment, who, at FROM approval_step WHERE dy = ? ORDER BY id",
                    &st) != JX_OK) {
    jx_arena_free(l.arena);
    json_decref(chain);
    json_decref(can);
    json_decref(thread);
    jx_store_dbfail(s, JX_ERR_IO);
    return NULL;
  }
  jx_stmt_bind_int64(st, 1, row.id);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *target = jx_stmt_text(st, 3);
    json_array_append_new(thread, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s?,s:s?,s:s,s:s,s:s}", "version", (json_int_t)jx_stmt_int64(st, 0),
                                            "action", jx_stmt_text(st, 1), "action_label", jx_store_action_label(jx_stmt_text(st, 1)),
                                            "level", jx_stmt_text(st, 2), "level_label", jx_store_level_label(jx_stmt_text(st, 2)),
                                            "target", target, "target_label", target ? jx_store_level_label(target) : NULL,
                                            "comment", jx_stmt_text(st, 4), "who", jx_stmt_text(st, 5), "at", jx_stmt_text(st, 6)));
  }
  jx_stmt_finalize(st);
  jx_arena_free(l.arena);
  if (r != JX_DB_DONE) {
    json_decref(chain);
    json_decref(can);
    json_decref(thread);
    jx_store_dbfail(s, JX_ERR_IO);
    return NULL;
  }
  return json_pack("{s:s,s:s?,s:s,s:I,s:o,s:o,s:o}", "status", row.status, "level", *level ? level : NULL, "state_label",
                   jx_store_state_label(row.status, level), "version", (json_int_t)row.version, "chain", chain, "can", can,
                   "thread", thread);
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
