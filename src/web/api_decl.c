/* api_decl.c — the JSON API of 绩效目标申报 (docs/api.md, "Declarations"): the officer's form
 * (fields in, a declaration file out through jx_decl_write_yaml and jx_store_decl_import),
 * the live review of what is typed (jx_review_run, nothing stored), the workflow steps and
 * the bureau's batch 批复 (jx_store_decl_step), and suggestions from the indicator library.
 * Reads of the declaration tables are SQL through store/db.h; every write goes through
 * jx_store. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/decl.h"
#include "store/db.h"
#include "web/web.h"

#define MAX_INDICATORS 200 /* rows of one declaration's 绩效目标表 */
#define MAX_BATCH 200      /* declarations of one batch */
#define MAX_LIST 500       /* rows of the list */

/* ---- the review rules: the compiled-in default, loaded once, read by every thread ------- */

static jx_review_rules *rules_default;
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void rules_load(void) {
  jx_diags d = {0};
  if (jx_review_rules_default(&rules_default, &d) != JX_OK) rules_default = NULL;
  jx_diags_free(&d);
}

static const jx_review_rules *review_rules(void) {
  pthread_once(&rules_once, rules_load);
  return rules_default;
}

/* ---- statuses and who may do what --------------------------------------------------------- */

static const struct {
  const char *name, *label;
} statuses[] = {{"declared", "已申报"},       {"authority_reviewed", "主管部门已审"}, {"bureau_reviewed", "财政已审"},
                {"approved", "已批复"},       {"returned", "已退回"}};

static const char *status_label(const char *s) {
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
    if (!strcmp(statuses[i].name, s)) return statuses[i].label;
  return s;
}

static bool status_known(const char *s) {
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
    if (!strcmp(statuses[i].name, s)) return true;
  return false;
}

/* The unit's 主管部门: its nearest ancestor (itself included) of level authority, else the unit (as the store). */
static const char *authority_of(const jx_dept_list *l, const char *unit) {
  const jx_dept *d = jx_dept_at_level(l, unit, "authority");
  return d ? d->code : unit;
}

static bool bureau_staff(const jx_req *r) { return r->user->role == JX_ROLE_REVIEWER || r->user->role == JX_ROLE_ADMIN; }

static bool own_unit(const jx_req *r, const char *unit) { return r->user->department && !strcmp(r->user->department, unit); }

/* The head of the unit's 主管部门 (the first review). */
static bool authority_head(const jx_req *r, const jx_dept_list *l, const char *unit) {
  return r->user->role == JX_ROLE_HEAD && r->user->department && !strcmp(r->user->department, authority_of(l, unit));
}

/* Who sees a declaration: the bureau all, the unit its own, the head of its 主管部门 its units'. */
static bool can_see(const jx_req *r, const jx_dept_list *l, const char *unit) {
  return bureau_staff(r) || own_unit(r, unit) || authority_head(r, l, unit);
}

/* ---- one declaration's row ---------------------------------------------------------------- */

typedef struct {
  int64_t id;
  const char *unit, *unit_name, *scope, *code, *name, *status, *updated_at;
  int year;
  int64_t version, returns, this_year;
  bool has_this_year;
} decl_row;

#define DECL_COLS                                                                                                    \
  "SELECT d.id, d.unit, COALESCE(u.name, d.unit), d.scope, d.code, d.name, d.status, d.updated_at, d.year, d.version," \
  " d.returns, d.this_year FROM declaration d LEFT JOIN department u ON u.code = d.unit"

static void row_read(jx_req *r, jx_stmt *st, decl_row *d) {
  d->id = jx_stmt_int64(st, 0);
  for (int c = 1; c <= 7; c++) {
    const char *t = jx_stmt_text(st, c);
    const char **dst[] = {&d->unit, &d->unit_name, &d->scope, &d->code, &d->name, &d->status, &d->updated_at};
    *dst[c - 1] = jx_arena_strdup(r->arena, t ? t : "");
  }
  d->year = (int)jx_stmt_int64(st, 8);
  d->version = jx_stmt_int64(st, 9);
  d->returns = jx_stmt_int64(st, 10);
  d->has_this_year = !jx_stmt_is_null(st, 11);
  d->this_year = jx_stmt_int64(st, 11);
}

/* Load declaration id; 404 when absent or not visible to the caller (alike: no probing). */
static bool decl_load(jx_req *r, const jx_dept_list *l, int64_t id, decl_row *d) {
  memset(d, 0, sizeof *d);
  jx_db *db = jx_req_db(r);
  if (!db) return false;
  jx_stmt *st;
  if (jx_db_prepare(db, DECL_COLS " WHERE d.id = ?", &st) != JX_OK) return jx_db_fail(r, db);
  jx_stmt_bind_int64(st, 1, id);
  jx_status s = jx_stmt_step(st);
  if (s == JX_DB_ROW) row_read(r, st, d);
  jx_stmt_finalize(st);
  if (s != JX_DB_ROW && s != JX_DB_DONE) return jx_db_fail(r, db);
  if (!d->id || !can_see(r, l, d->unit)) {
    jx_resp_error(r, 404, "not_found", "没有编号为 %lld 的绩效目标申报", (long long)id);
    return false;
  }
  return true;
}

/* The bytes of the current version (in the arena); NULL with an answer when missing. */
static const char *decl_bytes(jx_req *r, const decl_row *d, size_t *len) {
  jx_db *db = jx_req_db(r);
  if (!db) return NULL;
  jx_stmt *st;
  if (jx_db_prepare(db, "SELECT content FROM declaration_version WHERE decl = ? AND number = ?", &st) != JX_OK) {
    jx_db_fail(r, db);
    return NULL;
  }
  jx_stmt_bind_int64(st, 1, d->id);
  jx_stmt_bind_int64(st, 2, d->version);
  char *out = NULL;
  if (jx_stmt_step(st) == JX_DB_ROW) {
    size_t n = 0;
    const void *p = jx_stmt_blob(st, 0, &n);
    out = jx_arena_take(r->arena, n + 1);
    if (n) memcpy(out, p, n);
    out[n] = '\0';
    *len = n;
  }
  jx_stmt_finalize(st);
  if (!out) jx_resp_error(r, 404, "not_found", "找不到这份申报的第 %lld 版", (long long)d->version);
  return out;
}

static const char *doc_name(jx_req *r, const decl_row *d) {
  return jx_arena_printf(r->arena, "%s-%d.decl.yaml", d->code, d->year);
}

static bool editable(const jx_req *r, const decl_row *d) {
  bool who = r->user->role == JX_ROLE_OFFICER && own_unit(r, d->unit); /* the officer fills, the head reviews */
  return who && (!strcmp(d->status, "declared") || !strcmp(d->status, "returned"));
}

/* The steps the caller may take now (as the store's table; the store checks again). */
static json_t *steps_json(const jx_req *r, const jx_dept_list *l, const decl_row *d) {
  bool head = authority_head(r, l, d->unit), bureau = bureau_staff(r);
  bool declared = !strcmp(d->status, "declared"), mid = !strcmp(d->status, "authority_reviewed"),
       late = !strcmp(d->status, "bureau_reviewed");
  return json_pack("{s:b,s:b,s:b,s:b}", "edit", editable(r, d), "review", (declared && (head || bureau)) || (mid && bureau),
                   "return", (declared && (head || bureau)) || ((mid || late) && bureau), "approve", late && bureau);
}

static json_t *row_json(const decl_row *d) {
  char b[48] = "";
  if (d->has_this_year) jx_format_money_wan(d->this_year, b, sizeof b);
  return json_pack("{s:I,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:s,s:s}", "id", (json_int_t)d->id, "year", d->year, "scope",
                   d->scope, "code", d->code, "name", d->name, "unit", d->unit, "unit_name", d->unit_name, "status", d->status,
                   "status_label", status_label(d->status), "version", (json_int_t)d->version, "returns", (json_int_t)d->returns,
                   "this_year", b, "updated_at", d->updated_at);
}

/* ---- a declaration and its review as JSON ------------------------------------------------- */

static const char *money_text(jx_arena *a, const jx_money *m, int64_t unit_fen) {
  if (!m->set) return "";
  char b[48];
  if (unit_fen == JX_FEN_PER_WAN) return jx_arena_strdup(a, jx_format_money_wan(m->fen, b, sizeof b));
  /* in 元: shown in 万元, the form's unit, exactly (up to 6 decimals) */
  int64_t v = m->fen * (JX_NUM_SCALE / JX_FEN_PER_WAN); /* 万元 × 10^6 */
  return jx_arena_strdup(a, jx_format_num(v, b, sizeof b));
}

static const char *reading_text(jx_arena *a, const jx_decl_indicator *x) {
  if (x->not_applicable) return "不适用";
  if (!x->read.readable) return x->read.blank ? "" : (x->read.has_digit ? "无法读取" : "定性");
  char n[48], hi[48] = "";
  jx_format_num(x->read.num, n, sizeof n);
  if (x->read.has_hi) jx_format_num(x->read.num_hi, hi, sizeof hi);
  const char *op = x->read.nature == JX_NATURE_NONE ? "" : jx_nature_symbol(x->read.nature);
  return jx_arena_printf(a, "%s%s%s%s%s", op, n, x->read.has_hi ? "-" : "", hi, x->read.percent ? "%" : x->read.unit);
}

static json_t *fields_json(jx_req *r, const jx_decl *d) {
  json_t *inds = json_array();
  for (size_t i = 0; i < d->indicators.n; i++) {
    const jx_decl_indicator *x = &d->indicators.items[i];
    json_array_append_new(inds, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "level1", x->level1, "level2", x->level2, "name", x->name,
                                          "value", x->value, "explanation", x->explanation, "read", reading_text(r->arena, x)));
  }
  return json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "scope",
                   d->scope == JX_DECL_DEPARTMENT ? "department" : "project", "year", d->year, "code", d->code ? d->code : "",
                   "name", d->name ? d->name : "", "unit", d->unit ? d->unit : "", "department", d->department ? d->department : "",
                   "total", money_text(r->arena, &d->total, d->money_unit_fen), "this_year",
                   money_text(r->arena, &d->this_year, d->money_unit_fen), "policy_basis", d->policy_basis ? d->policy_basis : "",
                   "calc_basis", d->calc_basis ? d->calc_basis : "", "annual_goal", d->annual_goal ? d->annual_goal : "",
                   "indicators", inds);
}

/* The form's field a finding is about: a field of the declaration, or a column of row i. */
static const char *finding_key(const jx_review_finding *f) {
  const char *obj = f->info && f->info->object ? f->info->object : "";
  const char *field = f->field ? f->field : "";
  if (f->indicator >= 0) {
    if (strstr(obj, "指标解释") || strstr(field, "的指标解释")) return "explanation";
    if (strstr(obj, "指标值") || strstr(field, "的指标值")) return "value";
    return "name";
  }
  static const struct {
    const char *field, *key;
  } keys[] = {{"政策依据", "policy_basis"}, {"测算依据", "calc_basis"}, {"年度目标", "annual_goal"}, {"项目名称", "name"},
              {"本年金额", "this_year"},    {"项目总金额", "total"}};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    if (!strcmp(field, keys[i].field) || !strcmp(obj, keys[i].field)) return keys[i].key;
  return "indicators";
}

/* The row of d a position is on (the last row starting at or before it); -1 when before the rows. */
static int row_at(const jx_decl *d, uint32_t line) {
  int at = -1;
  for (size_t i = 0; line && i < d->indicators.n; i++)
    if (d->indicators.items[i].pos.line && d->indicators.items[i].pos.line <= line) at = (int)i;
  return at;
}

/* The file's fields as the form names them (a loader's message names the file's key). */
static const struct {
  const char *key, *label;
} file_keys[] = {{"this_year", "本年金额"}, {"total", "项目总金额"}, {"annual_goal", "年度目标"}, {"policy_basis", "政策依据"},
                 {"calc_basis", "测算依据"}, {"code", "项目编码"},    {"name", "项目名称"},     {"year", "申报年度"}};

/* A loader's diagnostic for the form: the field it is about (by the key it names, else the
 * row it is on), and its message with the file's key replaced by the field's name. */
static json_t *load_finding(jx_arena *a, const jx_decl *d, const jx_diag *g) {
  const char *key = NULL, *msg = g->message;
  int row = -1;
  for (size_t k = 0; k < sizeof file_keys / sizeof *file_keys; k++) {
    const char *quoted = jx_arena_printf(a, "“%s”", file_keys[k].key);
    const char *at = strstr(msg, quoted);
    if (!at) continue;
    if (!key) key = file_keys[k].key;
    const char *with = jx_arena_printf(a, "%s（%s）", quoted, file_keys[k].label);
    const char *skip = !strncmp(at, with, strlen(with)) ? with : quoted;
    msg = jx_arena_printf(a, "%.*s“%s”%s", (int)(at - msg), msg, file_keys[k].label, at + strlen(skip));
  }
  if (!strcmp(g->code, "JX802")) key = "code";
  if (!key) {
    row = row_at(d, g->pos.line);
    key = row >= 0 ? "value" : "indicators";
  }
  return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s}", "code", g->code, "severity", jx_severity_name(g->severity), "rule",
                   "", "point", "完整性", "detail", "填写检查", "key", key, "indicator", row, "opinion", "", "message", msg, "found",
                   msg);
}

/* The review of d: conclusion, scores per 审核要点, findings with the form field each is
 * about, and the loader's own diagnostics (an unreadable 指标值) placed the same way. */
static json_t *review_json(jx_arena *a, const jx_decl *d, const jx_diags *load) {
  json_t *out = json_object(), *findings = json_array(), *points = json_array();
  for (size_t i = 0; load && i < load->n; i++) json_array_append_new(findings, load_finding(a, d, &load->items[i]));
  const jx_review_rules *rules = review_rules();
  jx_review *rv = NULL;
  jx_diags rd = {0};
  if (rules && jx_review_run(rules, d, &rv, &rd) == JX_OK && rv) {
    for (size_t i = 0; i < rv->findings.n; i++) {
      const jx_review_finding *f = &rv->findings.items[i];
      json_array_append_new(
          findings, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s}", "code", f->code, "severity", jx_severity_name(f->severity),
                              "rule", f->info->code, "point", f->info->point, "detail", f->info->detail, "key", finding_key(f),
                              "indicator", f->indicator, "opinion", f->info->opinion, "message", f->message, "found",
                              f->found ? f->found : ""));
    }
    for (size_t i = 0; i < rv->points.n; i++) {
      char b[48];
      json_array_append_new(points, json_pack("{s:s,s:s,s:I}", "point", rv->points.items[i].point, "score",
                                              jx_format_num(rv->points.items[i].score, b, sizeof b), "findings",
                                              (json_int_t)rv->points.items[i].n_findings));
    }
    json_object_set_new(out, "conclusion", json_string(jx_review_conclusion_name(rv->conclusion)));
  } else {
    json_object_set_new(out, "conclusion", json_null());
  }
  jx_review_free(rv);
  jx_diags_free(&rd);
  bool errors = load && load->n_error > 0;
  if (errors) json_object_set_new(out, "conclusion", json_string("不通过"));
  json_object_set_new(out, "findings", findings);
  json_object_set_new(out, "points", points);
  return out;
}

/* Parse a stored or written declaration and review it: {fields, review}; NULL when it cannot be read. */
static json_t *evaluate(jx_req *r, const char *name, const char *data, size_t len, bool with_fields) {
  jx_decl *d = NULL;
  jx_diags diags = {0};
  jx_decl_parse(name, data, len, &d, &diags);
  json_t *j = NULL;
  if (d) {
    j = json_object();
    if (with_fields) json_object_set_new(j, "fields", fields_json(r, d));
    json_object_set_new(j, "review", review_json(r->arena, d, &diags));
  }
  jx_decl_free(d);
  jx_diags_free(&diags);
  return j;
}

/* Findings and conclusion of a stored declaration, for the list (counts only). */
static void list_review(jx_req *r, const decl_row *row, json_t *o) {
  size_t len = 0;
  const char *data = decl_bytes(r, row, &len);
  if (!data) {
    r->status = 0; /* not fatal for the list */
    return;
  }
  json_t *ev = evaluate(r, doc_name(r, row), data, len, false);
  json_t *rv = ev ? json_object_get(ev, "review") : NULL;
  size_t n = 0, errors = 0;
  json_t *f;
  size_t i;
  json_array_foreach(json_object_get(rv, "findings"), i, f) {
    n++;
    if (!strcmp(json_string_value(json_object_get(f, "severity")), "error")) errors++;
  }
  json_object_set_new(o, "findings", json_integer((json_int_t)n));
  json_object_set_new(o, "finding_errors", json_integer((json_int_t)errors));
  json_t *c = json_object_get(rv, "conclusion");
  json_object_set_new(o, "conclusion", c ? json_incref(c) : json_null());
  json_decref(ev);
}

/* ---- handlers: list, one ------------------------------------------------------------------ */

void jx_h_decls(jx_req *r) {
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) return;
  jx_db *db = jx_req_db(r);
  const char *ys = jx_req_query(r, "year"), *status = jx_req_query(r, "status"), *q = jx_req_query(r, "q");
  int year = ys && *ys ? (int)strtol(ys, NULL, 10) : 0;
  if (status && *status && !status_known(status)) {
    jx_resp_error(r, 400, "bad_status", "状态“%s”不对：应为已申报、主管部门已审、财政已审、已批复或已退回之一", status);
    return;
  }
  if (q && strlen(q) > 200) {
    jx_resp_error(r, 400, "field_too_long", "搜索词过长（上限 200 字节）");
    return;
  }
  jx_sbuf sql = {.arena = r->arena};
  jx_sb_puts(&sql, DECL_COLS " WHERE 1 = 1");
  if (year) jx_sb_puts(&sql, " AND d.year = ?");
  if (q && *q) jx_sb_puts(&sql, " AND (d.name LIKE ? OR d.code LIKE ? OR u.name LIKE ?)");
  jx_sb_puts(&sql, " ORDER BY d.year DESC, d.unit, d.code");
  jx_stmt *st;
  if (jx_db_prepare(db, sql.p, &st) != JX_OK) {
    jx_db_fail(r, db);
    return;
  }
  int i = 1;
  if (year) jx_stmt_bind_int64(st, i++, year);
  if (q && *q) {
    const char *like = jx_arena_printf(r->arena, "%%%s%%", q);
    for (int k = 0; k < 3; k++) jx_stmt_bind_text(st, i++, like, -1);
  }
  decl_row *rows = NULL;
  size_t n = 0, cap = 0, counts[sizeof statuses / sizeof *statuses] = {0};
  jx_status s;
  while ((s = jx_stmt_step(st)) == JX_DB_ROW) {
    decl_row d;
    row_read(r, st, &d);
    if (!can_see(r, &l, d.unit)) continue;
    for (size_t k = 0; k < sizeof statuses / sizeof *statuses; k++)
      if (!strcmp(statuses[k].name, d.status)) counts[k]++;
    if ((status && *status && strcmp(d.status, status) != 0) || n == MAX_LIST) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      decl_row *grown = jx_arena_alloc(r->arena, cap * sizeof *grown);
      if (n) memcpy(grown, rows, n * sizeof *grown);
      rows = grown;
    }
    rows[n++] = d;
  }
  jx_stmt_finalize(st);
  if (s != JX_DB_DONE) {
    jx_db_fail(r, db);
    return;
  }
  json_t *arr = json_array(), *cj = json_object();
  for (size_t k = 0; k < n; k++) {
    json_t *o = row_json(&rows[k]);
    json_object_set_new(o, "can", steps_json(r, &l, &rows[k]));
    list_review(r, &rows[k], o);
    json_array_append_new(arr, o);
  }
  for (size_t k = 0; k < sizeof statuses / sizeof *statuses; k++)
    json_object_set_new(cj, statuses[k].name, json_integer((json_int_t)counts[k]));
  jx_resp_json(r, 200, json_pack("{s:o,s:o,s:b}", "declarations", arr, "counts", cj, "truncated", n == MAX_LIST));
}

static json_t *comments_json(jx_req *r, int64_t id) {
  json_t *arr = json_array();
  jx_db *db = jx_req_db(r);
  jx_stmt *st;
  if (!db || jx_db_prepare(db, "SELECT step, text, who, at, version FROM declaration_comment WHERE decl = ? ORDER BY id", &st) != JX_OK)
    return arr;
  jx_stmt_bind_int64(st, 1, id);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    const char *step = jx_stmt_text(st, 0);
    const char *label = !strcmp(step, "return") ? "退回" : !strcmp(step, "approve") ? "批复" : "审核通过";
    json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:I}", "step", step, "step_label", label, "text", jx_stmt_text(st, 1),
                                         "who", jx_stmt_text(st, 2), "at", jx_stmt_text(st, 3), "version",
                                         (json_int_t)jx_stmt_int64(st, 4)));
  }
  jx_stmt_finalize(st);
  return arr;
}

/* A field of the store's history (the file's key path: "amounts.this_year",
 * "indicators[培训场次].value") in the form's words; NULL for a row that only says a
 * whole list or mapping came or went (its parts have rows of their own). */
static const char *history_field(jx_arena *a, const char *path, const char *old_value, const char *new_value) {
  static const struct {
    const char *key, *label;
  } top[] = {{"amounts.this_year", "本年金额"}, {"amounts.total", "项目总金额"}, {"annual_goal", "年度目标"},
             {"policy_basis", "政策依据"},     {"calc_basis", "测算依据"},      {"name", "项目名称"},
             {"code", "项目编码"},             {"unit", "申报单位"},            {"department", "主管部门"},
             {"year", "申报年度"},             {"money_unit", "金额单位"},      {"scope", "申报范围"}},
    cols[] = {{"level1", "一级指标"}, {"level2", "二级指标"}, {"name", "三级指标"},   {"value", "指标值"},
              {"explanation", "指标解释"}, {"standard", "评分标准"}, {"source", "数据来源"}, {"weight", "权重"}};
  bool structural = (old_value && (!strcmp(old_value, "{}") || !strcmp(old_value, "[]"))) ||
                    (new_value && (!strcmp(new_value, "{}") || !strcmp(new_value, "[]")));
  if ((unsigned char)path[0] >= 0x80) return path; /* 版本, 状态, 意见: already words */
  for (size_t i = 0; i < sizeof top / sizeof *top; i++)
    if (!strcmp(path, top[i].key)) return top[i].label;
  if (!strncmp(path, "amounts.by_source.", 18)) return jx_arena_printf(a, "本年金额（%s）", path + 18);
  const char *close = strrchr(path, ']');
  if (!strncmp(path, "indicators[", 11) && close && close[1] == '.') {
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
      if (!strcmp(close + 2, cols[i].key))
        return jx_arena_printf(a, "指标“%.*s”的%s", (int)(close - path - 11), path + 11, cols[i].label);
    return NULL; /* the reading beside a 指标值: derived */
  }
  if (structural) return NULL;
  return "其他内容";
}

static json_t *history_json(jx_req *r, const decl_row *d) {
  struct jx_store *s = jx_req_store(r);
  if (!s) {
    r->status = 0;
    return json_null();
  }
  jx_decl_key k = {d->code, d->year, !strcmp(d->scope, "department") ? JX_DECL_DEPARTMENT : JX_DECL_PROJECT};
  jx_decl_query q = {.what = "history", .key = &k};
  jx_table *t = NULL;
  if (jx_store_decl_query(s, &q, &t) != JX_OK || !t) return json_null();
  json_t *cols = json_array(), *rows = json_array();
  for (size_t c = 0; c < jx_table_cols(t); c++) json_array_append_new(cols, json_string(jx_table_header(t, c)));
  size_t n = jx_table_rows(t), first = n > 500 ? n - 500 : 0, kept = 0;
  for (size_t i = first; i < n; i++) {
    const char *field = jx_table_cols(t) > 5 ? jx_table_cell(t, i, 3) : NULL;
    const char *label = field ? history_field(r->arena, field, jx_table_cell(t, i, 4), jx_table_cell(t, i, 5)) : "";
    if (!label) continue;
    json_t *row = json_array();
    for (size_t c = 0; c < jx_table_cols(t); c++) {
      const char *cell = c == 3 && field ? label : jx_table_cell(t, i, c);
      json_array_append_new(row, json_string(cell ? cell : ""));
    }
    json_array_append_new(rows, row);
    kept++;
  }
  jx_table_free(t);
  return json_pack("{s:o,s:o,s:I}", "columns", cols, "rows", rows, "total", (json_int_t)kept);
}

void jx_h_decl(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_dept_list l;
  decl_row d;
  if (!id || !jx_req_departments(r, &l) || !decl_load(r, &l, id, &d)) return;
  size_t len = 0;
  const char *data = decl_bytes(r, &d, &len);
  if (!data) return;
  json_t *j = evaluate(r, doc_name(r, &d), data, len, true);
  if (!j) j = json_pack("{s:n,s:n}", "fields", "review");
  json_object_set_new(j, "declaration", row_json(&d));
  json_object_set_new(j, "can", steps_json(r, &l, &d));
  json_object_set_new(j, "comments", comments_json(r, id));
  json_object_set_new(j, "history", history_json(r, &d));
  jx_resp_json(r, 200, j);
}

/* ---- the form: JSON fields → a declaration file --------------------------------------------- */

/* A text field of obj (bounded, UTF-8); "" when absent.  NULL with an answer when refused. */
static const char *field(jx_req *r, json_t *obj, const char *key, const char *label) {
  json_t *v = json_object_get(obj, key);
  if (!v || json_is_null(v)) return "";
  if (!json_is_string(v)) {
    jx_resp_error(r, 400, "bad_field", "“%s”应为文字", label);
    return NULL;
  }
  if (json_string_length(v) > JX_WEB_MAX_FIELD) {
    jx_resp_error(r, 400, "field_too_long", "“%s”过长（%zu 字节，上限 %zu 字节）", label, json_string_length(v), JX_WEB_MAX_FIELD);
    return NULL;
  }
  const char *s = jx_json_str(r, obj, key, JX_WEB_MAX_FIELD, false);
  return s ? s : (r->status ? NULL : "");
}

/* An amount in 万元 typed in the form: set, or a message beside the field (not a refusal). */
static void money_field(jx_req *r, jx_decl *d, jx_money *m, const char *text, const char *key, const char *label, json_t *errors) {
  if (!*text) return;
  int64_t fen;
  const char *why = "";
  if (jx_parse_money(text, JX_FEN_PER_WAN, &fen, &why) && fen >= 0) {
    m->fen = fen;
    m->set = true;
    return;
  }
  json_array_append_new(errors, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s}", "code", "", "severity", "error", "rule", "",
                                          "point", "完整性", "detail", "金额", "key", key, "indicator", -1, "opinion",
                                          "请填写以万元计的金额，例如 24.71。", "message",
                                          jx_arena_printf(r->arena, "%s“%s”不是金额%s%s", label, text, *why ? "：" : "",
                                                          fen < 0 && !*why ? "（不能为负数）" : why)));
  (void)d;
}

typedef struct {
  int year;
  jx_decl_scope scope;
  const char *code;
} form_key;

/* Build the declaration file of the form's fields (body) for unit (code, name), as bytes in
 * the arena.  Field problems a person fixes (an amount that is not one) go to errors; a
 * request that is not a form (wrong types, too long) is answered 400 and false returned. */
static bool form_yaml(jx_req *r, json_t *body, const form_key *k, const char *unit_name, const char *authority_name,
                      json_t *errors, const char **yaml, size_t *len) {
  jx_decl *d = jx_decl_new(k->scope);
  bool ok = false;
  d->year = k->year;
  d->code = jx_decl_str(d, k->code);
  d->unit = jx_decl_str(d, unit_name);
  d->department = jx_decl_str(d, authority_name);
  const char *name = field(r, body, "name", "项目名称"), *total = name ? field(r, body, "total", "项目总金额") : NULL,
             *this_year = total ? field(r, body, "this_year", "本年金额") : NULL,
             *policy = this_year ? field(r, body, "policy_basis", "政策依据") : NULL,
             *calc = policy ? field(r, body, "calc_basis", "测算依据") : NULL,
             *goal = calc ? field(r, body, "annual_goal", "年度目标") : NULL;
  if (!goal) goto done;
  d->name = jx_decl_str(d, name);
  d->policy_basis = jx_decl_str(d, policy);
  d->calc_basis = jx_decl_str(d, calc);
  d->annual_goal = jx_decl_str(d, goal);
  money_field(r, d, &d->total, total, "total", "项目总金额", errors);
  money_field(r, d, &d->this_year, this_year, "this_year", "本年金额", errors);
  json_t *inds = json_object_get(body, "indicators");
  if (inds && !json_is_array(inds)) {
    jx_resp_error(r, 400, "bad_field", "“indicators”应为指标行的数组");
    goto done;
  }
  if (json_array_size(inds) > MAX_INDICATORS) {
    jx_resp_error(r, 400, "too_many", "一份申报最多 %d 行指标", MAX_INDICATORS);
    goto done;
  }
  size_t i;
  json_t *x;
  json_array_foreach(inds, i, x) {
    if (!json_is_object(x)) {
      jx_resp_error(r, 400, "bad_field", "第 %zu 行指标应为对象", i + 1);
      goto done;
    }
    const char *l1 = field(r, x, "level1", "一级指标"), *l2 = l1 ? field(r, x, "level2", "二级指标") : NULL,
               *nm = l2 ? field(r, x, "name", "三级指标") : NULL, *val = nm ? field(r, x, "value", "指标值") : NULL,
               *ex = val ? field(r, x, "explanation", "指标解释") : NULL;
    if (!ex) goto done;
    jx_decl_indicator *ind = jx_decl_add_indicator(d);
    ind->level1 = jx_decl_str(d, l1);
    ind->level2 = jx_decl_str(d, l2);
    ind->name = jx_decl_str(d, nm);
    ind->value = jx_decl_str(d, val);
    ind->explanation = jx_decl_str(d, ex);
    ind->not_applicable = jx_decl_text_not_applicable(ind->value) || jx_decl_text_not_applicable(ind->name);
    jx_target_read(ind->value, &ind->read);
  }
  char *buf = NULL, err[512] = "";
  size_t n = 0;
  FILE *f = open_memstream(&buf, &n);
  jx_status st = f ? jx_decl_write_yaml(d, f, err, sizeof err) : JX_ERR_IO;
  if (f) fclose(f);
  if (st != JX_OK) {
    jx_resp_error(r, 500, "emit", "无法写出申报：%s", err);
  } else {
    *yaml = jx_arena_strndup(r->arena, buf, n);
    *len = n;
    ok = true;
  }
  free(buf);
done:
  jx_decl_free(d);
  return ok;
}

static bool year_ok(int y) { return y >= 2000 && y <= 2100; }

/* The unit's name and its 主管部门's name. */
static void unit_names(const jx_dept_list *l, const char *unit, const char **name, const char **authority) {
  const jx_dept *u = jx_dept_find(l, unit), *a = jx_dept_find(l, authority_of(l, unit));
  *name = u ? u->name : unit;
  *authority = a ? a->name : *name;
}

/* POST /api/declarations/check: the review of what the form holds, nothing stored. */
void jx_h_decl_check(jx_req *r) {
  json_t *body = jx_req_json(r);
  if (!body) return;
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) {
    json_decref(body);
    return;
  }
  const char *unit = r->user->department ? r->user->department : "";
  const char *uname, *aname;
  unit_names(&l, unit, &uname, &aname);
  json_t *yv = json_object_get(body, "year");
  const char *code = field(r, body, "code", "项目编码");
  form_key k = {json_is_integer(yv) && year_ok((int)json_integer_value(yv)) ? (int)json_integer_value(yv) : 2000,
                JX_DECL_PROJECT, code && *code ? code : "0"};
  json_t *errors = json_array();
  const char *yaml = NULL;
  size_t len = 0;
  bool ok = code && form_yaml(r, body, &k, uname, aname, errors, &yaml, &len);
  json_decref(body);
  if (!ok) {
    json_decref(errors);
    return;
  }
  json_t *j = evaluate(r, "申报表单.decl.yaml", yaml, len, false);
  if (!j) {
    json_decref(errors);
    jx_resp_error(r, 500, "unreadable", "申报无法读取");
    return;
  }
  json_array_extend(json_object_get(json_object_get(j, "review"), "findings"), errors);
  if (json_array_size(errors)) json_object_set_new(json_object_get(j, "review"), "conclusion", json_string("不通过"));
  json_decref(errors);
  jx_resp_json(r, 200, j);
}

/* A store refusal for people: without the command line's parenthesised words ("（review）",
 * "（--comment …）") that its messages carry for the terminal. */
static const char *plain(jx_req *r, const char *msg) {
  jx_sbuf b = {.arena = r->arena};
  jx_sb_puts(&b, "");
  const char *open = "（", *close = "）";
  for (const char *p = msg; *p;) {
    if (!strncmp(p, open, strlen(open))) {
      const char *end = strstr(p, close);
      bool ascii = end != NULL;
      for (const char *q = p + strlen(open); ascii && q < end; q++) ascii = (unsigned char)*q < 0x80;
      if (ascii) {
        p = end + strlen(close);
        continue;
      }
    }
    jx_sb_put(&b, p, 1);
    p++;
  }
  return b.p;
}

/* The answer of an import: the stored version, or (NULL) a refusal already answered. */
static json_t *store_answer(jx_req *r, struct jx_store *s, jx_status st, const jx_decl_store_info *info, const char *what) {
  if (st == JX_ERR_IO) {
    jx_resp_error(r, 503, "db_error", "数据库错误，请稍后再试");
    return NULL;
  }
  if (st != JX_OK && info->version == 0) {
    jx_resp_error(r, 409, "refused", "未%s：%s", what, plain(r, jx_store_errmsg(s)));
    return NULL;
  }
  return json_pack("{s:s,s:I,s:b,s:I}", "code", info->code, "version", (json_int_t)info->version, "unchanged",
                   info->outcome == JX_STORED_UNCHANGED, "errors", (json_int_t)info->errors);
}

static int64_t decl_id(jx_req *r, const char *code, int year, const char *scope) {
  jx_db *db = jx_req_db(r);
  jx_stmt *st;
  int64_t id = 0;
  if (db && jx_db_prepare(db, "SELECT id FROM declaration WHERE code = ? AND year = ? AND scope = ?", &st) == JX_OK) {
    jx_stmt_bind_text(st, 1, code, -1);
    jx_stmt_bind_int64(st, 2, year);
    jx_stmt_bind_text(st, 3, scope, -1);
    if (jx_stmt_step(st) == JX_DB_ROW) id = jx_stmt_int64(st, 0);
    jx_stmt_finalize(st);
  }
  return id;
}

static bool store_form(jx_req *r, json_t *body, const form_key *k, const char *unit, const jx_dept_list *l, jx_decl_store_info *info,
                       jx_status *st) {
  const char *uname, *aname;
  unit_names(l, unit, &uname, &aname);
  json_t *errors = json_array();
  const char *yaml = NULL;
  size_t len = 0;
  bool ok = form_yaml(r, body, k, uname, aname, errors, &yaml, &len);
  if (ok && json_array_size(errors)) {
    jx_resp_error(r, 400, "bad_amount", "%s", json_string_value(json_object_get(json_array_get(errors, 0), "message")));
    ok = false;
  }
  json_decref(errors);
  if (!ok) return false;
  struct jx_store *s = jx_req_store(r);
  if (!s) return false;
  jx_decl_store_opts o = {.by = {.user = jx_req_who(r), .role = jx_role_name(r->user->role), .role_department = r->user->department},
                          .unit = unit};
  memset(info, 0, sizeof *info);
  jx_diags d = {0};
  *st = jx_store_decl_import(s, jx_arena_printf(r->arena, "%s-%d.decl.yaml", k->code, k->year), yaml, len, &o, info, &d);
  jx_diags_free(&d);
  return true;
}

/* POST /api/declarations: a new declaration of the caller's unit. */
void jx_h_decl_new(jx_req *r) {
  if (!r->user->department || r->user->role != JX_ROLE_OFFICER) {
    jx_resp_error(r, 403, "forbidden", "只有单位的填报人可以申报绩效目标");
    return;
  }
  json_t *body = jx_req_json(r);
  if (!body) return;
  jx_dept_list l;
  json_t *yv = json_object_get(body, "year");
  const char *code = field(r, body, "code", "项目编码");
  if (!code || !jx_req_departments(r, &l)) {
    json_decref(body);
    return;
  }
  if (!json_is_integer(yv) || !year_ok((int)json_integer_value(yv))) {
    json_decref(body);
    jx_resp_error(r, 400, "bad_year", "请填写申报年度（2000 到 2100 之间的年份）");
    return;
  }
  if (!*code || strlen(code) > 63 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") != strlen(code)) {
    json_decref(body);
    jx_resp_error(r, 400, "bad_code", "项目编码只能用英文字母、数字和 - _ .，长 1 到 63 个字符");
    return;
  }
  form_key k = {(int)json_integer_value(yv), JX_DECL_PROJECT, code};
  if (decl_id(r, code, k.year, "project")) {
    json_decref(body);
    jx_resp_error(r, 409, "exists", "项目编码 %s 在 %d 年度已有申报：请打开那份申报修改", code, k.year);
    return;
  }
  jx_decl_store_info info;
  jx_status st = JX_OK;
  bool ok = store_form(r, body, &k, r->user->department, &l, &info, &st);
  json_decref(body);
  if (!ok) return;
  json_t *j = store_answer(r, jx_req_store(r), st, &info, "申报");
  if (!j) return;
  json_object_set_new(j, "id", json_integer(decl_id(r, k.code, k.year, "project")));
  jx_resp_json(r, 201, j);
}

/* PUT /api/declarations/{id}: a new version from the form, refused when base_version is not current. */
void jx_h_decl_save(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_dept_list l;
  decl_row d;
  if (!id || !jx_req_departments(r, &l) || !decl_load(r, &l, id, &d)) return;
  if (!editable(r, &d)) {
    if (!own_unit(r, d.unit) || r->user->role != JX_ROLE_OFFICER)
      jx_resp_error(r, 403, "forbidden", "只能修改本单位的申报");
    else
      jx_resp_error(r, 409, "not_editable", "这份申报当前状态为“%s”，只有已申报或已退回的申报可以修改", status_label(d.status));
    return;
  }
  json_t *body = jx_req_json(r);
  if (!body) return;
  json_t *bv = json_object_get(body, "base_version");
  if (!json_is_integer(bv)) {
    json_decref(body);
    jx_resp_error(r, 400, "missing_field", "缺少修改所依据的版本号");
    return;
  }
  if (json_integer_value(bv) != d.version) {
    json_decref(body);
    jx_resp_error(r, 409, "stale", "申报已被他人修改（您依据第 %lld 版，当前为第 %lld 版），请重新打开后再改",
                  (long long)json_integer_value(bv), (long long)d.version);
    return;
  }
  form_key k = {d.year, !strcmp(d.scope, "department") ? JX_DECL_DEPARTMENT : JX_DECL_PROJECT, d.code};
  jx_decl_store_info info;
  jx_status st = JX_OK;
  bool ok = store_form(r, body, &k, d.unit, &l, &info, &st);
  json_decref(body);
  json_t *j = ok ? store_answer(r, jx_req_store(r), st, &info, "保存") : NULL;
  if (j) jx_resp_json(r, 200, j);
}

/* ---- workflow ---------------------------------------------------------------------------- */

/* One step on one declaration; NULL when done, else why not (Chinese, in the arena). */
static const char *step_one(jx_req *r, const jx_dept_list *l, const decl_row *d, const char *action, const char *comment) {
  if (!strcmp(d->status, "approved")) return "已批复（锁定），不能再审核、退回或批复";
  struct jx_store *s = jx_req_store(r);
  if (!s) {
    r->status = 0;
    return "数据库暂时无法访问";
  }
  jx_decl_actor by = {.user = jx_req_who(r), .role = jx_role_name(r->user->role), .role_department = r->user->department};
  jx_decl_key k = {d->code, d->year, !strcmp(d->scope, "department") ? JX_DECL_DEPARTMENT : JX_DECL_PROJECT};
  jx_status st = jx_store_decl_step(s, &k, action, &by, comment && *comment ? comment : NULL);
  if (st == JX_OK) return NULL;
  if (st == JX_ERR_IO) return "数据库错误，请稍后再试";
  (void)l;
  return plain(r, jx_store_errmsg(s));
}

static const char *action_of(const char *path_action) {
  return !strcmp(path_action, "review") ? "review" : !strcmp(path_action, "approve") ? "approve" : "return";
}

static void step(jx_req *r, const char *action) {
  int64_t id = jx_param_id(r, 0);
  if (!id) return;
  if (r->user->role == JX_ROLE_OFFICER) {
    jx_resp_error(r, 403, "forbidden", "填报人不能审核、退回或批复申报");
    return;
  }
  json_t *body = r->body_len ? jx_req_json(r) : json_object();
  if (!body) return;
  const char *comment = jx_json_str(r, body, "comment", JX_WEB_MAX_COMMENT, false);
  json_t *vv = json_object_get(body, "version");
  int64_t expect = json_is_integer(vv) ? json_integer_value(vv) : 0;
  json_decref(body);
  if (r->status) return;
  if (!strcmp(action, "return") && (!comment || !*comment)) {
    jx_resp_error(r, 400, "comment_required", "退回时请写明意见");
    return;
  }
  jx_dept_list l;
  decl_row d;
  if (!jx_req_departments(r, &l) || !decl_load(r, &l, id, &d)) return;
  if (expect && expect != d.version) {
    jx_resp_error(r, 409, "stale", "申报已有新版本（第 %lld 版），请重新打开后再审", (long long)d.version);
    return;
  }
  const char *why = step_one(r, &l, &d, action, comment);
  if (why) {
    jx_resp_error(r, 409, "refused", "%s", why);
    return;
  }
  if (!decl_load(r, &l, id, &d)) return;
  jx_resp_json(r, 200, json_pack("{s:o}", "declaration", row_json(&d)));
}

void jx_h_decl_review(jx_req *r) { step(r, action_of("review")); }
void jx_h_decl_return(jx_req *r) { step(r, action_of("return")); }
void jx_h_decl_approve(jx_req *r) { step(r, action_of("approve")); }

/* POST /api/declarations/batch {action, ids, comment}: each declaration on its own (not all
 * or nothing); the answer says which were done and why the others were not. */
void jx_h_decl_batch(jx_req *r) {
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *action = jx_json_str(r, body, "action", 32, true);
  const char *comment = action ? jx_json_str(r, body, "comment", JX_WEB_MAX_COMMENT, false) : NULL;
  json_t *ids = json_incref(json_object_get(body, "ids"));
  json_decref(body);
  if (r->status || !action) { /* a required field missing has set the answer */
    json_decref(ids);
    return;
  }
  if (strcmp(action, "approve") != 0 && strcmp(action, "review") != 0) {
    json_decref(ids);
    jx_resp_error(r, 400, "bad_action", "批量操作只能是批复或审核通过");
    return;
  }
  if (!json_is_array(ids) || !json_array_size(ids) || json_array_size(ids) > MAX_BATCH) {
    json_decref(ids);
    jx_resp_error(r, 400, "bad_ids", "请选择 1 到 %d 份申报", MAX_BATCH);
    return;
  }
  jx_dept_list l;
  if (!jx_req_departments(r, &l)) {
    json_decref(ids);
    return;
  }
  json_t *results = json_array();
  size_t done = 0, i;
  json_t *v;
  json_array_foreach(ids, i, v) {
    int64_t id = json_is_integer(v) ? json_integer_value(v) : 0;
    json_t *o = json_pack("{s:I}", "id", (json_int_t)id);
    decl_row d;
    const char *why = NULL;
    if (id <= 0) {
      why = "编号不对";
    } else if (!decl_load(r, &l, id, &d)) {
      why = r->status == 404 ? "没有这份申报" : "数据库暂时无法访问";
      r->status = 0; /* answered below for the whole batch */
    } else {
      json_object_set_new(o, "code", json_string(d.code));
      json_object_set_new(o, "name", json_string(d.name));
      why = step_one(r, &l, &d, action, comment);
    }
    json_object_set_new(o, "ok", json_boolean(why == NULL));
    if (why) json_object_set_new(o, "message", json_string(why));
    else done++;
    json_array_append_new(results, o);
  }
  json_decref(ids);
  jx_resp_json(r, 200, json_pack("{s:s,s:I,s:I,s:o}", "action", action, "done", (json_int_t)done, "refused",
                                 (json_int_t)(json_array_size(results) - done), "results", results));
}

/* ---- the indicator library -------------------------------------------------------------- */

/* GET /api/library?q=WORDS[&level2=…]: the most used indicators whose name holds every word. */
void jx_h_library(jx_req *r) {
  const char *q = jx_req_query(r, "q"), *level2 = jx_req_query(r, "level2");
  if ((q && strlen(q) > 200) || (level2 && strlen(level2) > 200)) {
    jx_resp_error(r, 400, "field_too_long", "检索词过长（上限 200 字节）");
    return;
  }
  json_t *arr = json_array();
  struct jx_store *s = q && *q ? jx_req_store(r) : NULL;
  jx_table *t = NULL;
  if (s && jx_store_library_search(s, q, level2 && *level2 ? level2 : NULL, 8, &t) == JX_OK && t) {
    for (size_t i = 0; i < jx_table_rows(t); i++) {
      const char *c[7];
      for (size_t k = 0; k < 7; k++) c[k] = jx_table_cell(t, i, k) ? jx_table_cell(t, i, k) : "";
      json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:I,s:s,s:s,s:s}", "level1", c[0], "level2", c[1], "name", c[2], "uses",
                                           (json_int_t)strtoll(c[3], NULL, 10), "typical", c[4], "unit", c[5], "sector", c[6]));
    }
  }
  jx_table_free(t);
  if (r->status) return;
  jx_resp_json(r, 200, json_pack("{s:o}", "suggestions", arr));
}
