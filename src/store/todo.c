/* todo.c — 待办: what is due for a role and a department (checkpoints not reported,
 * years and declarations returned, declarations to review, years awaiting this role's
 * level of the approval chain, open rectifications and follow-ups), read from the collection; and the units due at a checkpoint, which the
 * reminders of src/web/remind.c are sent for. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jixiao.h"
#include "store/store.h"
#include "store/todo.h"

enum { MAX_PER_KIND = 2000, MAX_CHECKPOINTS = 64 };

/* "YYYY-MM-DD" of a day number (days since 1970-01-01), into buf (11 bytes). */
static void day_text(long z, char buf[11]) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
  snprintf(buf, 11, "%.10s", tmp);
}

static long today(void) {
  char now[40];
  jx_db_now(now, sizeof now);
  return jx_store_day_number(now);
}

jx_status jx_store_due_checkpoints(jx_store *s, const jx_dept_list *depts, const char *under, int before_days, jx_due_fn fn,
                                   void *ctx) {
  long t = today();
  struct {
    int year;
    char day[8], deadline[11], grace_end[11];
    long due, end;
  } cp[MAX_CHECKPOINTS];
  size_t n = 0;
  jx_stmt *st;
  if (jx_db_prepare(s->db, "SELECT year, day, deadline, grace_days FROM mon_checkpoint ORDER BY year, day", &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *dl = jx_stmt_text(st, 2);
    long due = jx_store_day_number(dl);
    if (due < 0 || due - t > before_days || t - due > 366) continue;
    if (n == MAX_CHECKPOINTS) memmove(cp, cp + 1, sizeof cp[0] * --n); /* the latest ones */
    cp[n].year = (int)jx_stmt_int64(st, 0);
    snprintf(cp[n].day, sizeof cp[n].day, "%s", jx_stmt_text(st, 1));
    snprintf(cp[n].deadline, sizeof cp[n].deadline, "%.10s", dl);
    cp[n].due = due;
    cp[n].end = due + jx_stmt_int64(st, 3);
    day_text(cp[n].end, cp[n].grace_end);
    n++;
  }
  jx_stmt_finalize(st);
  if (r != JX_DB_DONE) return jx_store_dbfail(s, JX_ERR_IO);
  if (!n) return JX_OK;
  char *seen = jx_xcalloc(depts->n ? depts->n : 1, 1);
  if (jx_db_prepare(s->db, "SELECT unit FROM mon_report WHERE year = ? AND day = ? AND project = ''", &st) != JX_OK) {
    free(seen);
    return jx_store_dbfail(s, JX_ERR_IO);
  }
  for (size_t k = 0; k < n && r == JX_DB_DONE; k++) {
    memset(seen, 0, depts->n ? depts->n : 1);
    jx_stmt_reset(st);
    jx_stmt_bind_int64(st, 1, cp[k].year);
    jx_stmt_bind_text(st, 2, cp[k].day, -1);
    while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
      const jx_dept *d = jx_dept_find(depts, jx_stmt_text(st, 0));
      if (d) seen[d - depts->items] = 1;
    }
    if (r != JX_DB_DONE) break;
    const char *kind = t <= cp[k].due ? "提醒" : t <= cp[k].end ? "催报" : "逾期";
    for (size_t i = 0; i < depts->n; i++) {
      const jx_dept *u = &depts->items[i];
      if (seen[i] || strcmp(u->level, "unit") != 0 || (under && !jx_dept_under(depts, u->code, under))) continue;
      jx_due_checkpoint d = {u, cp[k].year, cp[k].day, cp[k].deadline, cp[k].grace_end, cp[k].due - t, kind};
      fn(ctx, &d);
    }
  }
  jx_stmt_finalize(st);
  free(seen);
  return r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, JX_ERR_IO);
}

/* ---- the list ------------------------------------------------------------------------------ */

typedef struct {
  jx_todo *items;
  size_t n, cap;
  size_t per_kind[JX_TODO_KINDS];
  const jx_dept_list *depts;
} list;

static jx_todo *add(list *l, jx_todo_kind kind, const char *unit) {
  if (l->per_kind[kind] >= MAX_PER_KIND) return NULL;
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 32;
    l->items = jx_xrealloc(l->items, l->cap * sizeof *l->items);
  }
  jx_todo *t = &l->items[l->n++];
  memset(t, 0, sizeof *t);
  t->kind = kind;
  l->per_kind[kind]++;
  if (unit) {
    snprintf(t->unit, sizeof t->unit, "%s", unit);
    const jx_dept *d = jx_dept_find(l->depts, unit);
    snprintf(t->unit_name, sizeof t->unit_name, "%s", d ? d->name : unit);
  }
  return t;
}

static void on_due(void *ctx, const jx_due_checkpoint *d) {
  jx_todo *t = add(ctx, JX_TODO_CHECKPOINT, d->unit->code);
  if (!t) return;
  t->year = d->year;
  snprintf(t->what, sizeof t->what, "监控时点 %d-%s 的运行监控报告未报送", d->year, d->day);
  snprintf(t->state, sizeof t->state, "%s", d->kind);
  snprintf(t->date, sizeof t->date, "%s", d->deadline);
  snprintf(t->grace_end, sizeof t->grace_end, "%s", d->grace_end);
  t->days = d->days;
}

/* The bureau's view of the checkpoints: one line per checkpoint, the units not reported. */
static void on_due_summary(void *ctx, const jx_due_checkpoint *d) {
  list *l = ctx;
  jx_todo *last = l->n ? &l->items[l->n - 1] : NULL;
  char what[512];
  snprintf(what, sizeof what, "监控时点 %d-%s", d->year, d->day);
  if (last && last->kind == JX_TODO_CHECKPOINT && !strcmp(last->what, what)) {
    last->count++;
    return;
  }
  jx_todo *t = add(l, JX_TODO_CHECKPOINT, NULL);
  if (!t) return;
  t->year = d->year;
  snprintf(t->what, sizeof t->what, "%s", what);
  snprintf(t->state, sizeof t->state, "%s", d->kind);
  snprintf(t->date, sizeof t->date, "%s", d->deadline);
  snprintf(t->grace_end, sizeof t->grace_end, "%s", d->grace_end);
  t->days = d->days;
  t->count = 1;
}

/* Run sql (text columns: unit, year, what, state, date, id as described at each call);
 * rows kept when filter (may be NULL) says so. */
static jx_status rows(jx_store *s, list *l, jx_todo_kind kind, const char *sql, const char *under,
                      const char *authority) {
  jx_stmt *st;
  if (jx_db_prepare(s->db, sql, &st) != JX_OK) return jx_store_dbfail(s, JX_ERR_IO);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *unit = jx_stmt_text(st, 0);
    if (!unit) continue;
    if (under && !jx_dept_under(l->depts, unit, under)) continue;
    if (authority) { /* the unit's 主管部门: its ancestor of level authority, else itself */
      const jx_dept *a = jx_dept_at_level(l->depts, unit, "authority");
      if (strcmp(a ? a->code : unit, authority) != 0) continue;
    }
    jx_todo *t = add(l, kind, unit);
    if (!t) break;
    t->year = (int)jx_stmt_int64(st, 1);
    const char *what = jx_stmt_text(st, 2), *state = jx_stmt_text(st, 3), *date = jx_stmt_text(st, 4);
    snprintf(t->what, sizeof t->what, "%s", what ? what : "");
    snprintf(t->state, sizeof t->state, "%s", state ? state : "");
    snprintf(t->date, sizeof t->date, "%.10s", date ? date : "");
    t->id = jx_stmt_int64(st, 5);
  }
  jx_stmt_finalize(st);
  return r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, JX_ERR_IO);
}

static const char SQL_RETURNED[] =
    "SELECT dy.department, dy.year, CASE WHEN dy.kind = 'department' THEN '部门整体自评'"
    " ELSE '项目自评 ' || substr(dy.kind, 9) END, '已退回', dy.updated_at, dy.id"
    " FROM department_year dy WHERE dy.status = 'returned'"
    " UNION ALL SELECT d.unit, d.year, '绩效目标申报 ' || d.code || ' ' || d.name, '已退回', d.updated_at, d.id"
    " FROM declaration d WHERE d.status = 'returned' ORDER BY 1, 2, 3";
static const char SQL_DECL_AUTHORITY[] =
    "SELECT d.unit, d.year, '绩效目标申报 ' || d.code || ' ' || d.name, '待主管部门审核', d.updated_at, d.id"
    " FROM declaration d WHERE d.status = 'declared' ORDER BY d.unit, d.year, d.code";
static const char SQL_DECL_BUREAU[] =
    "SELECT d.unit, d.year, '绩效目标申报 ' || d.code || ' ' || d.name,"
    " CASE WHEN d.status = 'authority_reviewed' THEN '待财政复核' ELSE '待批复' END, d.updated_at, d.id"
    " FROM declaration d WHERE d.status IN ('authority_reviewed', 'bureau_reviewed') ORDER BY d.unit, d.year, d.code";
static const char SQL_RECTIFICATION[] =
    "SELECT dy.department, dy.year, r.item, '整改中', r.opened_at, r.id"
    " FROM rectification r JOIN department_year dy ON dy.id = r.dy WHERE r.closed_at IS NULL"
    " ORDER BY dy.department, dy.year, r.id";
static const char SQL_FOLLOWUP[] =
    "SELECT f.unit, f.year, CASE WHEN f.project = '' THEN '监控时点 ' || f.day || ' 红灯：' ELSE"
    " '监控时点 ' || f.day || ' 项目 ' || f.project || ' 红灯：' END || f.derivation, '跟进中', f.opened_at, f.id"
    " FROM mon_followup f WHERE f.closed_at IS NULL ORDER BY f.unit, f.year, f.id";

/* The department-years awaiting approval at level: of department dep itself (level unit),
 * of the units whose 主管部门 is dep (level authority), of every unit (dep NULL). */
static jx_status approvals(jx_store *s, list *l, const char *level, const char *dep) {
  jx_stmt *st;
  if (jx_db_prepare(s->db,
                    "SELECT dy.department, dy.year, CASE WHEN dy.kind = 'department' THEN '部门整体自评'"
                    " ELSE '项目自评 ' || substr(dy.kind, 9) END, dy.updated_at, dy.id"
                    " FROM department_year dy WHERE dy.status = 'submitted' AND dy.level = ? ORDER BY dy.department, dy.year, dy.kind",
                    &st) != JX_OK)
    return jx_store_dbfail(s, JX_ERR_IO);
  jx_stmt_bind_text(st, 1, level, -1);
  jx_status r;
  while ((r = jx_stmt_step(st)) == JX_DB_ROW) {
    const char *unit = jx_stmt_text(st, 0);
    if (!unit) continue;
    if (dep && !strcmp(level, "unit") && strcmp(unit, dep) != 0) continue;
    if (dep && !strcmp(level, "authority")) {
      const jx_dept *a = jx_dept_at_level(l->depts, unit, "authority");
      if (!a || strcmp(a->code, dep) != 0 || !strcmp(a->code, unit)) continue;
    }
    jx_todo *t = add(l, JX_TODO_APPROVAL, unit);
    if (!t) break;
    t->year = (int)jx_stmt_int64(st, 1);
    const char *what = jx_stmt_text(st, 2), *date = jx_stmt_text(st, 3);
    snprintf(t->what, sizeof t->what, "%s", what ? what : "");
    snprintf(t->state, sizeof t->state, "%s", jx_store_state_label("submitted", level));
    snprintf(t->date, sizeof t->date, "%.10s", date ? date : "");
    t->id = jx_stmt_int64(st, 4);
  }
  jx_stmt_finalize(st);
  return r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : jx_store_dbfail(s, JX_ERR_IO);
}

jx_status jx_store_todo(jx_store *s, const jx_todo_query *q, jx_todo **out, size_t *n) {
  *out = NULL;
  *n = 0;
  s->err[0] = '\0';
  const char *role = q && q->role ? q->role : "";
  bool unit_side = !strcmp(role, "officer") || !strcmp(role, "head");
  if (!unit_side && strcmp(role, "reviewer") != 0 && strcmp(role, "admin") != 0)
    return jx_store_fail(s, JX_ERR_INVALID, "角色“%s”不对：应为 officer、head、reviewer 或 admin", role);
  const char *dep = q->department && *q->department ? q->department : NULL;
  if (unit_side && !dep) return jx_store_fail(s, JX_ERR_INVALID, "填报人和部门审核人的待办须指明部门");
  jx_dept_list depts;
  jx_status st = jx_store_departments(s, &depts);
  if (st != JX_OK) return st;
  if (dep && !jx_dept_find(&depts, dep)) {
    jx_arena_free(depts.arena);
    return jx_store_fail(s, JX_ERR_INVALID, "没有部门“%s”", dep);
  }
  list l = {.depts = &depts};
  int before = q->before_days < 0 ? 14 : q->before_days;
  if (unit_side) {
    st = jx_store_due_checkpoints(s, &depts, dep, before, on_due, &l);
    if (st == JX_OK) st = rows(s, &l, JX_TODO_RETURNED, SQL_RETURNED, dep, NULL);
    if (st == JX_OK && !strcmp(role, "head")) /* the head's department is the 主管部门 whose reviews are due */
      st = rows(s, &l, JX_TODO_REVIEW, SQL_DECL_AUTHORITY, NULL, dep); // NOLINT(readability-suspicious-call-argument)
    /* the years awaiting the head's approval: its own unit's, and as 主管部门 its units' */
    if (st == JX_OK && !strcmp(role, "head")) st = approvals(s, &l, "unit", dep);
    if (st == JX_OK && !strcmp(role, "head")) st = approvals(s, &l, "authority", dep);
    if (st == JX_OK) st = rows(s, &l, JX_TODO_RECTIFICATION, SQL_RECTIFICATION, dep, NULL);
    if (st == JX_OK) st = rows(s, &l, JX_TODO_FOLLOWUP, SQL_FOLLOWUP, dep, NULL);
  } else {
    st = jx_store_due_checkpoints(s, &depts, NULL, before, on_due_summary, &l);
    if (st == JX_OK) st = rows(s, &l, JX_TODO_REVIEW, SQL_DECL_BUREAU, NULL, NULL);
    if (st == JX_OK) st = approvals(s, &l, "bureau", NULL);
    if (st == JX_OK) st = rows(s, &l, JX_TODO_RECTIFICATION, SQL_RECTIFICATION, NULL, NULL);
    if (st == JX_OK) st = rows(s, &l, JX_TODO_FOLLOWUP, SQL_FOLLOWUP, NULL, NULL);
  }
  jx_arena_free(depts.arena);
  if (st != JX_OK) {
    free(l.items);
    return st;
  }
  *out = l.items;
  *n = l.n;
  return JX_OK;
}

void jx_todo_free(jx_todo *t) { free(t); }

/* ---- out ------------------------------------------------------------------------------------- */

static const char *const kind_key[JX_TODO_KINDS] = {"checkpoint", "returned", "review", "rectification", "followup", "approval"};
static const char *const kind_label[JX_TODO_KINDS] = {"监控报送", "被退回", "待审核", "整改事项", "监控跟进", "年度待审核"};

json_t *jx_todo_json(const jx_todo *t, size_t n) {
  json_t *items = json_array(), *counts = json_object();
  size_t per[JX_TODO_KINDS] = {0};
  for (size_t i = 0; i < n; i++) {
    const jx_todo *x = &t[i];
    per[x->kind]++;
    json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:I,s:I,s:I}", "kind", kind_key[x->kind],
                                           "kind_label", kind_label[x->kind], "unit", x->unit, "unit_name", x->unit_name,
                                           "year", x->year, "what", x->what, "state", x->state, "date", x->date,
                                           "grace_end", x->grace_end, "days", (json_int_t)x->days, "count",
                                           (json_int_t)x->count, "id", (json_int_t)x->id));
  }
  for (int k = 0; k < JX_TODO_KINDS; k++) json_object_set_new(counts, kind_key[k], json_integer((json_int_t)per[k]));
  return json_pack("{s:o,s:o}", "items", items, "counts", counts);
}

void jx_todo_write(FILE *f, const jx_todo *t, size_t n, bool json) {
  if (json) {
    json_t *j = jx_todo_json(t, n);
    json_dumpf(j, f, JSON_INDENT(2));
    fputc('\n', f);
    json_decref(j);
    return;
  }
  if (!n) {
    fputs("没有待办事项。\n", f);
    return;
  }
  for (int k = 0; k < JX_TODO_KINDS; k++) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += t[i].kind == (jx_todo_kind)k;
    if (!c) continue;
    fprintf(f, "【%s】%zu 项\n", kind_label[k], c);
    for (size_t i = 0; i < n; i++) {
      const jx_todo *x = &t[i];
      if (x->kind != (jx_todo_kind)k) continue;
      if (x->kind == JX_TODO_CHECKPOINT) {
        char when[64];
        if (x->days > 0) snprintf(when, sizeof when, "还有 %ld 天", x->days);
        else if (x->days == 0) snprintf(when, sizeof when, "今天截止");
        else snprintf(when, sizeof when, "已过期限 %ld 天", -x->days);
        if (x->unit[0])
          fprintf(f, "  [%s] %s %s：%s；报送期限 %s，宽限至 %s，%s\n", x->state, x->unit, x->unit_name, x->what, x->date,
                  x->grace_end, when);
        else
          fprintf(f, "  [%s] %s：%ld 个单位未报送；报送期限 %s，宽限至 %s，%s\n", x->state, x->what, x->count, x->date,
                  x->grace_end, when);
      } else {
        fprintf(f, "  [%s] %s %s %d 年度：%s（%s", x->state, x->unit, x->unit_name, x->year, x->what, x->date);
        if (x->id && (x->kind == JX_TODO_RECTIFICATION || x->kind == JX_TODO_FOLLOWUP)) fprintf(f, "，编号 %lld", (long long)x->id);
        fputs("）\n", f);
      }
    }
  }
}
