/* api_year.c — the JSON API of one department-year (docs/api.md): open it, edit targets
 * and actuals with live diagnostics and scores (the library's check + score, as the CLI),
 * save as a new version, its reports.  Every write goes through jx_store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/schema.h"
#include "parse/yaml_edit.h"
#include "parse/yaml_tree.h"
#include "store/db.h"
#include "util/text.h"
#include "web/api_yearform.h"
#include "web/store.h"
#include "web/web.h"

/* ---- one department-year ---------------------------------------------------------------- */

static const char *value_text(jx_arena *a, const jx_value *v) {
  if (v->kind == JX_VAL_REF && v->text && v->text[0] != '=') return jx_arena_printf(a, "= %s", v->text);
  if (v->text) return v->text;
  if (v->kind != JX_VAL_NUMBER) return "";
  char b[40];
  jx_format_num(v->num, b, sizeof b);
  return jx_arena_printf(a, "%s%s", b, v->percent ? "%" : "");
}

static const char *num_text(jx_arena *a, const jx_num *n) {
  if (!n->set) return "";
  char b[40];
  return jx_arena_strdup(a, jx_format_num(n->v, b, sizeof b));
}

jx_indicatorlist *jx_doc_editable(jx_doc *doc) {
  return doc->kind == JX_KIND_PROJECT && doc->project ? &doc->project->indicators : &doc->indicators;
}

static json_t *indicators_json(jx_req *r, jx_doc *doc) {
  json_t *arr = json_array();
  jx_indicatorlist *l = jx_doc_editable(doc);
  for (size_t i = 0; i < l->n; i++) {
    const jx_indicator *ind = &l->items[i];
    json_t *o = json_object();
    json_object_set_new(o, "index", json_integer((json_int_t)i));
    json_object_set_new(o, "level1", json_string(ind->level1 ? ind->level1 : ""));
    json_object_set_new(o, "level2", json_string(ind->level2 ? ind->level2 : ""));
    json_object_set_new(o, "name", json_string(ind->name ? ind->name : ""));
    json_object_set_new(o, "nature", json_string(jx_nature_symbol(ind->nature)));
    json_object_set_new(o, "target", json_string(value_text(r->arena, &ind->target)));
    json_object_set_new(o, "unit", json_string(ind->unit ? ind->unit : ""));
    json_object_set_new(o, "weight", json_string(num_text(r->arena, &ind->weight)));
    json_object_set_new(o, "actual", json_string(value_text(r->arena, &ind->actual)));
    json_object_set_new(o, "score", json_string(num_text(r->arena, &ind->score)));
    json_object_set_new(o, "deviation_note", json_string(ind->deviation_note ? ind->deviation_note : ""));
    json_object_set_new(o, "assumed", json_boolean(ind->assumption != NULL));
    json_object_set_new(o, "line", json_integer(ind->pos.line));
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *comments_json(jx_req *r, jx_db *db, int64_t id) {
  json_t *arr = json_array();
  jx_stmt *st;
  if (jx_db_prepare(db, "SELECT id, version, indicator, text, who, at FROM review_comment WHERE dy = ? ORDER BY id", &st) !=
      JX_OK)
    return arr;
  jx_stmt_bind_int64(st, 1, id);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    const char *ind = jx_stmt_text(st, 2);
    json_array_append_new(arr, json_pack("{s:I,s:I,s:o,s:s,s:s,s:s}", "id", (json_int_t)jx_stmt_int64(st, 0), "version",
                                         (json_int_t)jx_stmt_int64(st, 1), "indicator",
                                         ind ? json_string(ind) : json_null(), "text", jx_stmt_text(st, 3), "who",
                                         jx_stmt_text(st, 4), "at", jx_stmt_text(st, 5)));
  }
  jx_stmt_finalize(st);
  (void)r;
  return arr;
}

#define RECT_SQL                                                                                               \
  "SELECT r.id, r.item, r.opened_by, r.opened_at, r.closed_by, r.closed_at, r.closing_note, dy.id, d.name, dy.year" \
  " FROM rectification r JOIN department_year dy ON dy.id = r.dy JOIN department d ON d.code = dy.department"

/* The rectification items of year id, or (id 0) the latest 500 of all, open ones first. */
json_t *jx_rects_json(jx_db *db, int64_t id) {
  json_t *arr = json_array();
  jx_stmt *st;
  jx_status s = jx_db_prepare(db,
                              id ? RECT_SQL " WHERE r.dy = ? ORDER BY r.id"
                                 : RECT_SQL " ORDER BY r.closed_at IS NOT NULL, r.id DESC LIMIT 500",
                              &st);
  if (s != JX_OK) return arr;
  if (id) jx_stmt_bind_int64(st, 1, id);
  while (jx_stmt_step(st) == JX_DB_ROW) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(jx_stmt_int64(st, 0)));
    json_object_set_new(o, "item", json_string(jx_stmt_text(st, 1)));
    json_object_set_new(o, "opened_by", json_string(jx_stmt_text(st, 2)));
    json_object_set_new(o, "opened_at", json_string(jx_stmt_text(st, 3)));
    for (int c = 4; c <= 6; c++) {
      static const char *const names[] = {"closed_by", "closed_at", "closing_note"};
      const char *t = jx_stmt_text(st, c);
      json_object_set_new(o, names[c - 4], t ? json_string(t) : json_null());
    }
    json_object_set_new(o, "year_id", json_integer(jx_stmt_int64(st, 7)));
    json_object_set_new(o, "department_name", json_string(jx_stmt_text(st, 8)));
    json_object_set_new(o, "year", json_integer(jx_stmt_int64(st, 9)));
    json_array_append_new(arr, o);
  }
  jx_stmt_finalize(st);
  return arr;
}

static json_t *evidence_json(jx_req *r, jx_db *db, int64_t id) {
  json_t *arr = json_array();
  jx_evidence *items;
  size_t n;
  if (jx_evidence_list(db, r->arena, id, &items, &n) != JX_OK) return arr;
  for (size_t i = 0; i < n; i++)
    json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)items[i].id, "indicator",
                                         (json_int_t)items[i].indicator, "name", items[i].name, "size",
                                         (json_int_t)items[i].size, "sha256", items[i].sha256, "uploaded_at",
                                         items[i].created, "uploader", items[i].uploader));
  return arr;
}

/* A query of the store (history, flags, missing …) as {columns, rows, total} of text, at
 * most the last `max` rows; null when the store cannot answer (the page still opens). */
json_t *jx_store_table_json(jx_req *r, const jx_query *q, size_t max) {
  struct jx_store *s = jx_req_store(r);
  if (!s) {
    r->status = 0; /* not fatal here */
    return json_null();
  }
  jx_table *t = NULL;
  if (jx_store_query(s, q, &t) != JX_OK || !t) return json_null();
  json_t *cols = json_array(), *rows = json_array();
  for (size_t c = 0; c < jx_table_cols(t); c++) json_array_append_new(cols, json_string(jx_table_header(t, c)));
  size_t n = jx_table_rows(t), first = n > max ? n - max : 0;
  for (size_t i = first; i < n; i++) {
    json_t *row = json_array();
    for (size_t c = 0; c < jx_table_cols(t); c++) {
      const char *cell = jx_table_cell(t, i, c);
      json_array_append_new(row, json_string(cell ? cell : ""));
    }
    json_array_append_new(rows, row);
  }
  jx_table_free(t);
  return json_pack("{s:o,s:o,s:I}", "columns", cols, "rows", rows, "total", (json_int_t)n);
}

/* The field history of the year: who changed which field, from what to what. */
static json_t *history_json(jx_req *r, const jx_year *y) {
  jx_dy_key k = {y->department, y->year, y->kind};
  jx_query q = {.what = "history", .key = &k};
  return jx_store_table_json(r, &q, 500);
}

const char *jx_year_doc_name(jx_req *r, const jx_year *y) {
  return jx_arena_printf(r->arena, "%s-%d.yaml", y->department, y->year);
}

/* The same department's year before, for the comparison on the year's page: {id, year,
 * total, grade, change} when that year is stored without errors and wholly scored (an
 * incomplete year has no total to compare: null); change null when this year has none.
 * The totals are the stored versions' (department_year, as on the desk). */
static json_t *previous_json(jx_db *db, int64_t id) {
  jx_stmt *st;
  if (jx_db_prepare(db,
                    "SELECT p.id, p.year, p.total, p.grade, dy.total FROM department_year dy"
                    " JOIN department_year p ON p.department = dy.department AND p.kind = dy.kind AND p.year = dy.year - 1"
                    " WHERE dy.id = ? AND p.current_version IS NOT NULL AND p.errors = 0 AND COALESCE(p.unscored, 0) = 0"
                    " AND p.total IS NOT NULL",
                    &st) != JX_OK)
    return json_null(); /* the page without its comparison, not an error page */
  jx_stmt_bind_int64(st, 1, id);
  json_t *j = json_null();
  if (jx_stmt_step(st) == JX_DB_ROW) {
    int64_t total = jx_stmt_int64(st, 2);
    const char *grade = jx_stmt_text(st, 3);
    j = json_pack("{s:I,s:i,s:o,s:o,s:o}", "id", (json_int_t)jx_stmt_int64(st, 0), "year", (int)jx_stmt_int64(st, 1),
                  "total", jx_json_num(total), "grade", grade ? json_string(grade) : json_null(), "change",
                  jx_stmt_is_null(st, 4) ? json_null() : jx_json_num(jx_stmt_int64(st, 4) - total));
  }
  jx_stmt_finalize(st);
  return j;
}

void jx_h_year(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  const char *data;
  size_t len;
  if (!id || !jx_year_load(r, id, &y) || !jx_year_content(r, id, y.version, &data, &len)) return;
  jx_db *db = jx_req_db(r);
  jx_evaluated e;
  jx_evaluate_bytes(r, jx_year_doc_name(r, &y), data, len, &e);
  json_t *j = json_object();
  json_object_set_new(j, "year", jx_year_json(&y));
  json_object_set_new(j, "yaml", json_stringn(data, len));
  json_object_set_new(j, "evaluation", jx_evaluated_json(&e));
  json_object_set_new(j, "indicators", e.doc ? indicators_json(r, e.doc) : json_array());
  json_object_set_new(j, "form", jx_year_form_json(r, &e, data, len));
  json_object_set_new(j, "comments", comments_json(r, db, id));
  json_object_set_new(j, "evidence", evidence_json(r, db, id));
  json_object_set_new(j, "rectifications", jx_rects_json(db, id));
  json_object_set_new(j, "history", history_json(r, &y));
  json_object_set_new(j, "previous", previous_json(db, id));
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}


/* ---- edits: fields of the form written into the stored file in place ------------------
 *
 * Two bodies name the fields: {"indicators":[{"index":N, "target"|"actual"|"weight"|"score"|
 * "deviation_note": "…"}]} (the indicator grid) and {"set":[{"path":"budget.fiscal",
 * "value":"1072.52"}]} (any field of the file, by its path; docs/api.md).  Each path is
 * checked against the file format (model/schema.h) and named in the form's words; a value
 * a field cannot hold (a weight of 一) is not written but answered at its field
 * ("rejected"), and the other edits go on.  Values equal to the stored ones (1,072.52 and
 * 1072.52) are not edits.  The edits are made by jx_yaml_edit: comments and every other
 * byte of the stored file stay. */

typedef struct {
  const char *path, *value, *label;
  jx_field_type type;
  json_t *at; /* where the form has the field: {"path"} or {"index","key"} */
} form_edit;

typedef struct {
  form_edit *items;
  size_t n, cap;
  jx_yaml_item *list; /* items removed and added, made after the fields */
  const char **list_labels; /* each as the form says it: "年度总体目标第 3 项" */
  size_t n_list;
  json_t *rejected; /* [{path, index?, key?, field, message}] or [{add, key?, field, message}] */
} form_edits;

/* The top-level fields that say which department-year a file is: not edited here. */
static bool key_field(const char *path) {
  static const char *const keys[] = {"schema", "kind", "year", "framework", "money_unit", "department.code", "project.code",
                                     "project.name"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (!strcmp(path, keys[i])) return true;
  return false;
}

static const jx_field *schema_field(const jx_schema *s, const char *key) {
  for (size_t i = 0; i < s->n; i++)
    if (s->fields[i].key[0] && !strcmp(s->fields[i].key, key)) return &s->fields[i];
  return NULL;
}

/* One step of a path: a key, then any [N]; advances *p. */
static bool path_step(jx_arena *a, const char **p, const char **key, long *index) {
  const char *s = *p;
  size_t k = strcspn(s, ".[");
  if (!k) return false;
  *key = jx_arena_strndup(a, s, k);
  s += k;
  *index = -1;
  if (*s == '[') {
    char *end;
    *index = strtol(s + 1, &end, 10);
    if (*end != ']' || *index < 0) return false;
    s = end + 1;
    if (*s == '[') return false; /* a list of lists is not in the format */
  }
  if (*s == '.') s++;
  else if (*s) return false;
  *p = s;
  return true;
}

/* path checked against the file format: *label the field in the form's words ("指标
 * “会议”的权重"), *type its kind.  False with *why (Chinese) when it is not a field this
 * form edits.  With list non-NULL the path must name a list instead (*list its field). */
static bool path_field(jx_arena *a, const jx_node *root, const char *path, const char **label, jx_field_type *type,
                       const char **why, const jx_field **list) {
  if (key_field(path)) {
    *why = "说明了这是哪个单位、哪一年度的数据，不能在此修改";
    return false;
  }
  const jx_schema *s = &jx_doc_schema;
  const jx_node *node = root;
  const char *p = path, *lab = "";
  jx_field_type free_type = F_TEXT; /* the values of a mapping of free names */
  *type = F_TEXT;
  while (*p) {
    const char *key;
    long index;
    if (!path_step(a, &p, &key, &index)) {
      *why = "位置的写法不对";
      return false;
    }
    const jx_node *child = node && node->type == JX_NODE_MAP ? jx_map_get(node, key) : NULL;
    if (!s) { /* a mapping of free names (counts, by kind): one name, a value of its kind */
      lab = jx_arena_printf(a, "%s“%s”", lab, key);
      if (index >= 0 || *p) {
        *why = "不是可以填写的一项";
        return false;
      }
      *type = free_type;
      break;
    }
    const jx_field *f = schema_field(s, key);
    if (!f || f->type == F_POS || f->type == F_SKIP || f->type == F_ANY) {
      *why = "不是这份数据中可以填写的一项";
      return false;
    }
    const char *sep = *lab ? "的" : "";
    switch (f->type) {
    case F_GROUP:
    case F_STRUCT:
    case F_PTR:
      /* an item written as its text alone (an analysis item "timely_handling: …") is a text */
      if (f->type == F_STRUCT && f->sub->text_shortcut && index < 0 && !*p && (!child || child->type == JX_NODE_SCALAR)) {
        lab = jx_arena_printf(a, "%s%s%s", lab, sep, f->zh);
        *type = F_TEXT;
        break;
      }
      if (index >= 0 || !*p) goto collection;
      lab = jx_arena_printf(a, "%s%s%s", lab, sep, f->zh);
      s = f->sub;
      node = child;
      break;
    case F_LIST: {
      if (list && index < 0 && !*p) goto a_list;
      if (index < 0 || !*p) goto collection;
      const jx_node *item = child && child->type == JX_NODE_SEQ && (size_t)index < child->n ? child->items[index] : NULL;
      const jx_node *nm = item && item->type == JX_NODE_MAP ? jx_map_get(item, "name") : NULL;
      if (!nm && item && item->type == JX_NODE_MAP) nm = jx_map_get(item, "title");
      if (!item) {
        *why = jx_arena_printf(a, "%s没有第 %ld 项", f->zh, index + 1);
        return false;
      }
      const char *what = f->sub == &jx_indicator_schema ? "指标" : f->zh;
      lab = nm && nm->type == JX_NODE_SCALAR && nm->text[0] ? jx_arena_printf(a, "%s%s%s“%s”", lab, sep, what, nm->text)
                                                           : jx_arena_printf(a, "%s%s%s第 %ld 项", lab, sep, what, index + 1);
      s = f->sub;
      node = item;
      break;
    }
    case F_TEXTLIST:
      if (list && index < 0 && !*p) goto a_list;
      if (index < 0 || *p) goto collection;
      lab = jx_arena_printf(a, "%s%s%s第 %ld 项", lab, sep, f->zh, index + 1);
      *type = F_TEXT;
      break;
    case F_COUNTS:
    case F_NAMED_NUM:
    case F_NAMED_MONEY:
      if (index >= 0 || !*p) goto collection;
      lab = jx_arena_printf(a, "%s%s%s", lab, sep, f->zh);
      free_type = f->type == F_COUNTS ? F_COUNT : f->type == F_NAMED_NUM ? F_NUM : F_MONEY;
      s = NULL;
      node = child;
      break;
    default: /* a scalar */
      if (index >= 0 || *p) {
        *why = "不是一组数据";
        return false;
      }
      lab = jx_arena_printf(a, "%s%s%s", lab, sep, f->zh);
      *type = f->type;
    }
    continue;
  a_list:
    *label = jx_arena_printf(a, "%s%s%s", lab, sep, f->zh);
    *list = f;
    *type = f->type;
    return true;
  }
  if (list) {
    *why = "不是一个列表";
    return false;
  }
  *label = lab;
  return true;
collection:
  *why = list ? "不是一个列表" : "是一组数据，不能当作一个值填写";
  return false;
}

static void reject(jx_arena *a, form_edits *l, json_t *at, const char *field, const char *message) {
  json_t *o = json_deep_copy(at);
  json_object_set_new(o, "field", json_string(field));
  json_object_set_new(o, "message", json_string(message));
  json_array_append_new(l->rejected, o);
  (void)a;
}

/* Does text fit a field of type?  *why the Chinese message (naming label) when not. */
static bool value_fits(jx_arena *a, const char *label, jx_field_type type, const char *text, const char **why) {
  if (!*text) return true; /* an empty field is an unknown value */
  int64_t v;
  bool pct = false;
  const char *e = "";
  bool ok = true;
  switch (type) {
  case F_MONEY: ok = jx_parse_money(text, JX_FEN_PER_WAN, &v, &e); break;
  case F_NUM: ok = jx_parse_num(text, &v, &pct, &e); break;
  case F_COUNT:
  case F_INT:
    ok = jx_parse_num(text, &v, &pct, &e);
    if (ok && (pct || v < 0 || v % JX_NUM_SCALE)) {
      *why = jx_arena_printf(a, "%s“%s”应为不小于 0 的整数", label, jx_text_visible(a, text));
      return false;
    }
    break;
  default: return true;
  }
  if (ok) return true;
  bool plain = !strcmp(e, "不是数字");
  *why = jx_arena_printf(a, "%s“%s”不是%s%s%s", label, jx_text_visible(a, text), type == F_MONEY ? "金额" : "数字",
                         plain ? "" : "：", plain ? "" : e);
  return false;
}

/* Two texts of a field are the same value: equal, or equal numbers (1,072.52 and 1072.52). */
static bool same_value(jx_field_type type, const char *old, const char *now) {
  if (!strcmp(old, now)) return true;
  int64_t a, b;
  bool pa = false, pb = false;
  const char *why;
  if (type == F_MONEY)
    return jx_parse_money(old, JX_FEN_PER_WAN, &a, &why) && jx_parse_money(now, JX_FEN_PER_WAN, &b, &why) && a == b;
  if (type == F_NUM || type == F_COUNT || type == F_INT || type == F_VALUE)
    return jx_parse_num(old, &a, &pa, &why) && jx_parse_num(now, &b, &pb, &why) && a == b && pa == pb;
  return false;
}

/* One field of the form: checked, compared with the file, added to l (or to l->rejected).
 * False (an answer sent) when the request itself is wrong. */
static bool add_edit(jx_req *r, form_edits *l, const jx_node *root, const char *path, const char *value, json_t *at,
                     size_t nth) {
  const char *label, *why;
  jx_field_type type;
  if (strlen(path) > JX_YAML_EDIT_MAX_PATH || !path_field(r->arena, root, path, &label, &type, &why, NULL)) {
    jx_resp_error(r, 400, "bad_path", "第 %zu 项修改的位置“%s”%s", nth, jx_text_visible(r->arena, path),
                  strlen(path) > JX_YAML_EDIT_MAX_PATH ? "过长" : why);
    return false;
  }
  for (size_t i = 0; i < l->n; i++)
    if (!strcmp(l->items[i].path, path)) {
      jx_resp_error(r, 400, "duplicate", "%s在一次修改中出现了两次", label);
      return false;
    }
  if (!value_fits(r->arena, label, type, value, &why)) {
    reject(r->arena, l, at, label, why);
    return true;
  }
  if (l->n == l->cap) l->items = jx_arena_grow(r->arena, l->items, l->n, l->cap = l->cap ? l->cap * 2 : 16, sizeof *l->items);
  l->items[l->n++] = (form_edit){path, value, label, type, at};
  return true;
}

static const char *const indicator_keys[] = {"target", "actual", "weight", "score", "deviation_note"};

/* "remove": the list items the body removes ("goals[2]"), each an item of a list of the
 * format that the stored file has.  False (an answer sent) when one is wrong. */
static bool read_removals(jx_req *r, const jx_node *root, json_t *remove, form_edits *l) {
  size_t k;
  json_t *e;
  json_array_foreach(remove, k, e) {
    const char *path = json_string_value(e);
    const char *br = path ? strrchr(path, '[') : NULL;
    const char *label, *why = "不是列表中的一项";
    jx_field_type type;
    const jx_field *lf = NULL;
    char *end = NULL;
    long index = br ? strtol(br + 1, &end, 10) : -1;
    const char *list = br ? jx_arena_strndup(r->arena, path, (size_t)(br - path)) : "";
    bool ok = br && end && end[0] == ']' && !end[1] && index >= 0 && strlen(path) <= JX_YAML_EDIT_MAX_PATH &&
              path_field(r->arena, root, list, &label, &type, &why, &lf);
    /* that the stored file has the item, jx_yaml_items says */
    ok = ok && !strcmp(jx_arena_printf(r->arena, "%s[%ld]", list, index), path);
    if (!ok) {
      jx_resp_error(r, 400, "bad_path", "“remove”的第 %zu 项“%s”%s", k + 1, path ? jx_text_visible(r->arena, path) : "", why);
      return false;
    }
    for (size_t i = 0; i < l->n_list; i++)
      if (l->list[i].remove && !strcmp(l->list[i].remove, path)) {
        jx_resp_error(r, 400, "duplicate", "%s第 %ld 项在一次修改中删除了两次", label, index + 1);
        return false;
      }
    l->list_labels[l->n_list] = jx_arena_printf(r->arena, "删除%s第 %ld 项", label, index + 1);
    l->list[l->n_list++] = (jx_yaml_item){.remove = jx_arena_strdup(r->arena, path)};
  }
  return true;
}

/* A new item not added: answered at its field ({add, key?, field, message}). */
static void reject_add(form_edits *l, size_t nth, const char *key, const char *field, const char *message) {
  json_t *o = json_pack("{s:I,s:s,s:s}", "add", (json_int_t)nth, "field", field, "message", message);
  if (key) json_object_set_new(o, "key", json_string(key));
  json_array_append_new(l->rejected, o);
}

/* "add": the items the body adds, {"list": path, "value": text} to a list of texts or
 * {"list": path, "fields": {key: text, …}} to a list of mappings, each value checked as
 * its field.  An item with a value its field cannot hold or without a required field is
 * not added but answered in l->rejected.  False (an answer sent) when the body is wrong. */
static bool read_additions(jx_req *r, const jx_node *root, json_t *add, form_edits *l) {
  size_t k;
  json_t *e;
  json_array_foreach(add, k, e) {
    const char *path = json_is_object(e) ? jx_json_str(r, e, "list", JX_YAML_EDIT_MAX_PATH, true) : NULL;
    if (!path) {
      if (!r->status) jx_resp_error(r, 400, "bad_field", "“add”的第 %zu 项应为 {\"list\", \"value\" 或 \"fields\"}", k + 1);
      return false;
    }
    const char *label, *why;
    jx_field_type type;
    const jx_field *lf = NULL;
    if (!path_field(r->arena, root, path, &label, &type, &why, &lf)) {
      jx_resp_error(r, 400, "bad_path", "“add”的第 %zu 项的列表“%s”%s", k + 1, jx_text_visible(r->arena, path), why);
      return false;
    }
    json_t *fields = json_object_get(e, "fields");
    if (lf->type == F_TEXTLIST) {
      const char *v = jx_json_str(r, e, "value", JX_WEB_MAX_FIELD, true);
      if (!v) return false;
      if (!v[strspn(v, " \t\r\n")]) {
        reject_add(l, k, NULL, label, jx_arena_printf(r->arena, "新增的%s一条没有内容", label));
        continue;
      }
      l->list_labels[l->n_list] = jx_arena_printf(r->arena, "在%s末尾添加一项", label);
      l->list[l->n_list++] = (jx_yaml_item){.list = path, .value = v};
      continue;
    }
    if (!json_is_object(fields) || json_object_size(fields) > JX_YAML_ITEMS_MAX_KEYS) {
      jx_resp_error(r, 400, "bad_field", "“add”的第 %zu 项（%s）应带有 {\"fields\": {字段: 值}}", k + 1, label);
      return false;
    }
    const char **keys = jx_arena_take(r->arena, (json_object_size(fields) + 1) * sizeof *keys);
    const char **values = jx_arena_take(r->arena, (json_object_size(fields) + 1) * sizeof *values);
    size_t n = 0;
    bool fits = true;
    const char *key;
    json_t *v;
    json_object_foreach(fields, key, v) {
      const jx_field *sf = schema_field(lf->sub, key);
      bool scalar = sf && jx_field_is_scalar(sf);
      if (!scalar || !json_is_string(v) || json_string_length(v) > JX_WEB_MAX_FIELD) {
        jx_resp_error(r, 400, "bad_field", "新增的%s：“%s”%s", label, jx_text_visible(r->arena, key),
                      scalar ? "的值应为字符串" : "不是可以填写的一项");
        return false;
      }
      const char *text = json_string_value(v);
      const char *fl = jx_arena_printf(r->arena, "新增%s的%s", label, sf->zh);
      if (!value_fits(r->arena, fl, sf->type, text, &why)) {
        reject_add(l, k, key, fl, why);
        fits = false;
        continue;
      }
      if (!*text) continue; /* an empty field is not written */
      keys[n] = jx_arena_strdup(r->arena, key);
      values[n++] = text;
    }
    for (size_t i = 0; i < lf->sub->n && fits; i++) {
      const jx_field *sf = &lf->sub->fields[i];
      if (!sf->required) continue;
      bool have = false;
      for (size_t j = 0; j < n && !have; j++) have = !strcmp(keys[j], sf->key);
      if (!have) {
        reject_add(l, k, sf->key, jx_arena_printf(r->arena, "新增%s的%s", label, sf->zh), jx_arena_printf(r->arena, "请填写%s", sf->zh));
        fits = false;
      }
    }
    if (!fits) continue;
    l->list_labels[l->n_list] = jx_arena_printf(r->arena, "在%s末尾添加一项", label);
    l->list[l->n_list++] = (jx_yaml_item){.list = path, .keys = keys, .values = values, .n_keys = n};
  }
  return true;
}

/* The fields of body into l: "indicators" (index and keys) and "set" (paths). */
static bool read_edits(jx_req *r, const jx_year *y, const jx_node *root, json_t *body, form_edits *l) {
  json_t *edits = json_object_get(body, "indicators"), *set = json_object_get(body, "set");
  json_t *add = json_object_get(body, "add"), *remove = json_object_get(body, "remove");
  const char *not_array = edits && !json_is_array(edits) ? "indicators" : set && !json_is_array(set) ? "set"
                          : add && !json_is_array(add)   ? "add"
                          : remove && !json_is_array(remove) ? "remove" : NULL;
  if (not_array) {
    jx_resp_error(r, 400, "bad_field", "字段“%s”应为数组", not_array);
    return false;
  }
  if (json_array_size(edits) + json_array_size(set) + json_array_size(add) + json_array_size(remove) > JX_WEB_MAX_EDITS) {
    jx_resp_error(r, 400, "too_many", "一次最多修改 %d 项", JX_WEB_MAX_EDITS);
    return false;
  }
  l->list = jx_arena_take(r->arena, (json_array_size(add) + json_array_size(remove) + 1) * sizeof *l->list);
  l->list_labels = jx_arena_take(r->arena, (json_array_size(add) + json_array_size(remove) + 1) * sizeof *l->list_labels);
  if (!read_removals(r, root, remove, l) || !read_additions(r, root, add, l)) return false;
  bool project = !strncmp(y->kind, "project:", 8);
  const jx_node *list = root ? jx_map_get(root, "indicators") : NULL;
  if (project) {
    const jx_node *pr = root ? jx_map_get(root, "project") : NULL;
    list = pr && pr->type == JX_NODE_MAP ? jx_map_get(pr, "indicators") : NULL;
  }
  size_t n_ind = list && list->type == JX_NODE_SEQ ? list->n : 0, k, nth = 0;
  json_t *e;
  json_array_foreach(edits, k, e) {
    json_t *ix = json_object_get(e, "index");
    if (!json_is_object(e) || !json_is_integer(ix) || json_integer_value(ix) < 0 || (size_t)json_integer_value(ix) >= n_ind) {
      jx_resp_error(r, 400, "bad_index", "第 %zu 个修改的指标序号不对（应为 0 到 %zu）", k + 1, n_ind ? n_ind - 1 : 0);
      return false;
    }
    size_t i = (size_t)json_integer_value(ix);
    for (size_t f = 0; f < sizeof indicator_keys / sizeof indicator_keys[0]; f++) {
      const char *key = indicator_keys[f];
      const char *t = jx_json_str(r, e, key, JX_WEB_MAX_FIELD, false);
      if (r->status) return false;
      if (!t) continue;
      const char *path = jx_arena_printf(r->arena, "%sindicators[%zu].%s", project ? "project." : "", i, key);
      json_t *at = json_pack("{s:I,s:s,s:s}", "index", (json_int_t)i, "key", key, "path", path);
      bool ok = add_edit(r, l, root, path, t, at, ++nth);
      json_decref(at);
      if (!ok) return false;
    }
  }
  json_array_foreach(set, k, e) {
    nth++;
    if (!json_is_object(e)) {
      jx_resp_error(r, 400, "bad_field", "“set”的第 %zu 项应为 {\"path\", \"value\"}", k + 1);
      return false;
    }
    const char *path = jx_json_str(r, e, "path", JX_YAML_EDIT_MAX_PATH, true);
    const char *value = path ? jx_json_str(r, e, "value", JX_WEB_MAX_FIELD, true) : NULL;
    if (!value) return false;
    json_t *at = json_pack("{s:s}", "path", path);
    bool ok = add_edit(r, l, root, path, value, at, nth);
    json_decref(at);
    if (!ok) return false;
  }
  return true;
}

/* The department-year a file is, against y: NULL when it is y, else the Chinese reason. */
static const char *other_year(jx_req *r, const jx_year *y, const char *yaml, size_t len) {
  jx_diags d = {0};
  jx_doc *doc = NULL;
  jx_doc_parse(jx_year_doc_name(r, y), yaml, len, &doc, &d);
  jx_diags_free(&d);
  if (!doc) return NULL; /* unreadable: the check says why */
  bool project = !strncmp(y->kind, "project:", 8);
  const char *why = NULL;
  const char *code = doc->department_code && *doc->department_code ? doc->department_code : y->department;
  if (strcmp(code, y->department) != 0 || doc->year != y->year || (doc->kind == JX_KIND_PROJECT) != project)
    why = jx_arena_printf(r->arena, "文件是单位 %s %d 年度%s的数据，不是单位 %s %d 年度%s的", code, doc->year,
                          doc->kind == JX_KIND_PROJECT ? "项目" : "部门整体", y->department, y->year,
                          project ? "项目" : "部门整体");
  jx_doc_free(doc);
  return why;
}

/* The stored version with the fields of body written in, as YAML in the arena; *rejected
 * the fields not written ([] when none), *changed the number of fields that changed. */
static bool edited_yaml(jx_req *r, const jx_year *y, json_t *body, const char **yaml, size_t *len, json_t **rejected,
                        size_t *changed) {
  const char *data;
  size_t n;
  *rejected = NULL;
  *changed = 0;
  if (!jx_year_content(r, y->id, y->version, &data, &n)) return false;
  json_t *raw = json_object_get(body, "yaml");
  if (raw) { /* the whole file, edited as text */
    if (!json_is_string(raw) || json_string_length(raw) > JX_WEB_MAX_BODY) {
      jx_resp_error(r, 400, "bad_field", "字段“yaml”应为字符串（上限 %zu 字节）", JX_WEB_MAX_BODY);
      return false;
    }
    *yaml = jx_arena_strndup(r->arena, json_string_value(raw), json_string_length(raw));
    *len = json_string_length(raw);
    const char *why = other_year(r, y, *yaml, *len);
    if (why) {
      jx_resp_error(r, 409, "other_year", "%s，未保存", why);
      return false;
    }
    *rejected = json_array();
    *changed = 1;
    return true;
  }
  jx_diags d = {0};
  const jx_node *root = jx_yaml_parse(r->arena, "stored", data, n, &d);
  jx_diags_free(&d);
  form_edits l = {.rejected = json_array()};
  if (!read_edits(r, y, root, body, &l)) {
    json_decref(l.rejected);
    return false;
  }
  /* only real changes: the stored values compared after parsing */
  const char **paths = jx_arena_take(r->arena, (l.n + 1) * sizeof *paths), **old = jx_arena_take(r->arena, (l.n + 1) * sizeof *old);
  int *kinds = jx_arena_take(r->arena, (l.n + 1) * sizeof *kinds);
  for (size_t i = 0; i < l.n; i++) paths[i] = l.items[i].path;
  char err[512] = "";
  if (l.n && !jx_yaml_values(r->arena, data, n, paths, l.n, old, kinds, err, sizeof err)) {
    json_decref(l.rejected);
    jx_resp_error(r, 409, "unreadable", "当前版本无法逐项修改（%s）：请改用整份文件修改", err);
    return false;
  }
  jx_yaml_set *sets = jx_arena_take(r->arena, (l.n + 1) * sizeof *sets);
  size_t k = 0;
  for (size_t i = 0; i < l.n; i++) {
    const char *was = kinds[i] == 1 ? old[i] : "";
    /* the reader takes a plain ~ or null as empty */
    if (kinds[i] == 1 && (!strcmp(was, "~") || !strcmp(was, "null"))) was = "";
    if (kinds[i] != 2 && same_value(l.items[i].type, was, l.items[i].value)) continue;
    sets[k++] = (jx_yaml_set){l.items[i].path, l.items[i].value};
  }
  *changed = k + l.n_list;
  *yaml = data;
  *len = n;
  if (!*changed) {
    *rejected = l.rejected;
    return true;
  }
  size_t failed = 0;
  jx_status st = k ? jx_yaml_edit(r->arena, data, n, sets, k, yaml, len, &failed, err, sizeof err) : JX_OK;
  if (st == JX_OK && l.n_list) { /* then the lists: items removed and added */
    st = jx_yaml_items(r->arena, *yaml, *len, l.list, l.n_list, yaml, len, &failed, err, sizeof err);
    if (st != JX_OK) {
      json_decref(l.rejected);
      /* the editor's message names the file's paths: the form's words instead */
      jx_resp_error(r, st == JX_ERR_INVALID ? 409 : 400, "not_editable_here", "无法%s（文件中没有这一项，或它的写法无法自动修改）：请改用整份文件修改",
                    failed < l.n_list ? l.list_labels[failed] : "修改列表");
      return false;
    }
  }
  if (st != JX_OK) {
    const char *label = "";
    for (size_t i = 0; failed < k && i < l.n; i++)
      if (!strcmp(l.items[i].path, sets[failed].path)) label = l.items[i].label;
    json_decref(l.rejected);
    jx_resp_error(r, st == JX_ERR_INVALID ? 409 : 400, "not_editable_here", "%s%s%s：请改用整份文件修改", label, *label ? "：" : "", err);
    return false;
  }
  *rejected = l.rejected;
  return true;
}

bool jx_year_editable_now(jx_req *r, const jx_year *y) {
  if (!r->user->department || strcmp(r->user->department, y->department) != 0) {
    jx_resp_error(r, 403, "forbidden", "只能修改本部门的数据");
    return false;
  }
  if (strcmp(y->status, "draft") != 0 && strcmp(y->status, "returned") != 0) {
    jx_resp_error(r, 409, "not_editable", "当前状态为“%s”，只有草稿或退回修改的数据可以修改", y->status);
    return false;
  }
  return true;
}

void jx_h_year_check(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  const char *yaml;
  size_t len, changed;
  json_t *rejected;
  bool ok = edited_yaml(r, &y, body, &yaml, &len, &rejected, &changed);
  json_decref(body);
  if (!ok) return;
  jx_evaluated e;
  jx_evaluate_bytes(r, jx_year_doc_name(r, &y), yaml, len, &e);
  json_t *j = json_object();
  json_object_set_new(j, "evaluation", jx_evaluated_json(&e));
  json_object_set_new(j, "indicators", e.doc ? indicators_json(r, e.doc) : json_array());
  json_object_set_new(j, "form", jx_year_form_json(r, &e, yaml, len));
  json_object_set_new(j, "yaml", json_stringn(yaml, len));
  json_object_set_new(j, "rejected", rejected);
  json_object_set_new(j, "changed", json_integer((json_int_t)changed));
  jx_evaluated_free(&e);
  jx_resp_json(r, 200, j);
}

void jx_h_year_save(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y) || !jx_year_editable_now(r, &y)) return;
  json_t *body = jx_req_json(r);
  if (!body) return;
  json_t *bv = json_object_get(body, "base_version");
  if (!json_is_integer(bv)) {
    json_decref(body);
    jx_resp_error(r, 400, "missing_field", "缺少字段“base_version”（修改所依据的版本号）");
    return;
  }
  int64_t base = json_integer_value(bv);
  if (base != y.version) {
    json_decref(body);
    jx_resp_error(r, 409, "stale", "数据已被他人修改（您依据第 %lld 版，当前为第 %lld 版），请重新打开后再改", (long long)base,
                  (long long)y.version);
    return;
  }
  const char *yaml;
  size_t len, changed;
  json_t *rejected;
  bool ok = edited_yaml(r, &y, body, &yaml, &len, &rejected, &changed);
  json_decref(body);
  if (!ok) return;
  if (!changed) { /* nothing differs from the stored values: no new version */
    json_t *j = json_pack("{s:I,s:b,s:o}", "version", (json_int_t)y.version, "unchanged", 1, "rejected", rejected);
    jx_resp_json(r, 200, j);
    return;
  }
  struct jx_store *s = jx_req_store(r);
  if (!s) {
    json_decref(rejected);
    return;
  }
  jx_store_import_opts o = {.user = jx_req_who(r),
                            .framework_path = r->web->framework_path[0] ? r->web->framework_path : NULL,
                            .department = y.department,
                            .expect_version = base,
                            .expect_key = &(jx_dy_key){y.department, y.year, y.kind}};
  jx_store_import_info info;
  memset(&info, 0, sizeof info);
  jx_diags d = {0};
  jx_status st = jx_store_import_bytes(s, jx_year_doc_name(r, &y), yaml, len, &o, &info, &d);
  jx_diags_free(&d);
  if (st != JX_OK && info.version <= base) {
    json_decref(rejected);
    jx_resp_error(r, 409, "refused", "未保存：%s", jx_store_errmsg(s));
    return;
  }
  json_t *j = json_object();
  json_object_set_new(j, "rejected", rejected);
  json_object_set_new(j, "version", json_integer(info.version));
  json_object_set_new(j, "unchanged", json_boolean(info.outcome == JX_STORED_UNCHANGED));
  json_object_set_new(j, "errors", json_integer((json_int_t)info.errors));
  json_object_set_new(j, "warnings", json_integer((json_int_t)info.warnings));
  jx_resp_json(r, 200, j);
}


/* ---- reports ------------------------------------------------------------------------------- */

/* The report of version `version` of y in the format named by path parameter 1,
 * cached in the database (versions never change, so neither do their reports). */
bool jx_year_report(jx_req *r, const jx_year *y, int64_t version, bool attach) {
  jx_format fmt;
  const char *fname = r->n_params > 1 ? r->params[1] : "";
  if (!jx_format_parse(fname, &fmt) || !strcmp(fname, "markdown")) {
    jx_resp_error(r, 404, "bad_format", "没有“%s”格式：应为 md、html、docx、pdf 或 xlsx", fname);
    return false;
  }
  jx_db *db = jx_req_db(r);
  if (!db) return false;
  const char *kind = jx_arena_printf(r->arena, "report.%s", jx_format_ext(fmt));
  const char *out;
  size_t len;
  if (jx_cache_get(db, r->arena, y->id, version, kind, &out, &len) != JX_OK) return jx_db_fail(r, db);
  if (!out) {
    const char *data;
    size_t n;
    if (!jx_year_content(r, y->id, version, &data, &n)) return false;
    jx_evaluated e;
    jx_evaluate_bytes(r, jx_year_doc_name(r, y), data, n, &e);
    if (!e.res) {
      jx_evaluated_free(&e);
      jx_resp_error(r, 409, "not_evaluable", "这份数据有错误，无法生成报告");
      return false;
    }
    bool ok = jx_render_report(r, &e, fmt, &out, &len);
    jx_evaluated_free(&e);
    if (!ok) return false;
    (void)jx_cache_put(db, y->id, version, kind, out, len);
  }
  if (attach || (fmt != JX_FORMAT_HTML && fmt != JX_FORMAT_MD)) {
    const char *name = jx_arena_printf(r->arena, "%s-%d-v%lld.%s", y->department, y->year, (long long)version,
                                       jx_format_ext(fmt));
    jx_resp_header(r, "Content-Disposition", jx_disposition(r->arena, name));
  }
  jx_resp(r, 200, fmt == JX_FORMAT_MD && !attach ? "text/plain; charset=utf-8" : jx_format_ctype(fmt), out, len);
  return true;
}

void jx_h_year_report(jx_req *r) {
  int64_t id = jx_param_id(r, 0);
  jx_year y;
  if (!id || !jx_year_load(r, id, &y)) return;
  const char *dl = jx_req_query(r, "download");
  jx_year_report(r, &y, y.version, dl && !strcmp(dl, "1"));
}
