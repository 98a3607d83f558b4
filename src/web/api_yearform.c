/* api_yearform.c — the whole-year form as JSON (api_yearform.h): the use-case layer's form
 * (app/yearform.c) with each diagnostic tied to its field by document path. */
#include "web/api_yearform.h"

#include <ctype.h>
#include <string.h>

#include "app/yearform.h"

/* Words of the file format that a message may carry, as the page says them. */
static const struct {
  const char *from, *to;
} rewrites[] = {
    {"（reason）", ""},
    {"（deviation_note）", ""},
};

static const char *path_label(const jx_form *f, const char *p, size_t n) {
  for (size_t i = 0; i < f->n; i++)
    if (strlen(f->fields[i].path) == n && !strncmp(f->fields[i].path, p, n)) return f->fields[i].label;
  return NULL;
}

static const char *metric_label(const jx_result *res, const char *p, size_t n) {
  for (size_t i = 0; res && i < res->metrics.n; i++)
    if (strlen(res->metrics.items[i].name) == n && !strncmp(res->metrics.items[i].name, p, n)) return res->metrics.items[i].label;
  return NULL;
}

/* A diagnostic's message as the web shows it: no line numbers of the file ("第 69 行（部门基本
 *情况）" → "部门基本情况", a bare one → "另一处"), a document path named by its field's
 * label, a metric by its Chinese name, the format's key names left out. */
static const char *web_message(jx_req *r, const jx_evaluated *e, const jx_form *f, const char *msg) {
  const char *out = "";
  const char *p = msg;
  while (*p) {
    size_t skip = 0;
    for (size_t k = 0; k < sizeof rewrites / sizeof rewrites[0]; k++)
      if (!strncmp(p, rewrites[k].from, strlen(rewrites[k].from))) {
        out = jx_arena_printf(r->arena, "%s%s", out, rewrites[k].to);
        skip = strlen(rewrites[k].from);
        break;
      }
    if (skip) {
      p += skip;
      continue;
    }
    if (!strncmp(p, "第 ", 4) && isdigit((unsigned char)p[4])) {
      const char *q = p + 4;
      while (isdigit((unsigned char)*q)) q++;
      if (!strncmp(q, " 行", 4)) {
        q += 4;
        if (!strncmp(q, "（", 3)) {
          const char *end = strstr(q + 3, "）");
          if (end) {
            out = jx_arena_printf(r->arena, "%s%.*s", out, (int)(end - q - 3), q + 3);
            p = end + 3;
            continue;
          }
        }
        out = jx_arena_printf(r->arena, "%s另一处", out);
        p = q;
        continue;
      }
    }
    if (islower((unsigned char)*p) && (p == msg || !isalnum((unsigned char)p[-1]))) {
      const char *q = p;
      while (isalnum((unsigned char)*q) || *q == '_' || *q == '.' || *q == '[' || *q == ']') q++;
      while (q > p && (q[-1] == '.')) q--;
      const char *label = path_label(f, p, (size_t)(q - p));
      if (!label) label = metric_label(e->res, p, (size_t)(q - p));
      out = label ? jx_arena_printf(r->arena, "%s%s", out, label) : jx_arena_printf(r->arena, "%s%.*s", out, (int)(q - p), p);
      p = q;
      continue;
    }
    out = jx_arena_printf(r->arena, "%s%c", out, *p);
    p++;
  }
  return out;
}

static json_t *diag_json(const jx_diag *g, const char *message, const jx_form_field *fl) {
  return json_pack("{s:s,s:s,s:s,s:o,s:o}", "code", g->code, "severity", jx_severity_name(g->severity), "message",
                   message, "path", fl ? json_string(fl->path) : json_null(), "label",
                   fl ? json_string(fl->label) : json_null());
}

static json_t *field_json(const jx_form_field *fl) {
  json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "path", fl->path, "label", fl->label, "name", fl->name,
                        "group", fl->group, "kind", jx_form_kind_name(fl->kind), "text", fl->text, "unit", fl->unit);
  if (fl->multiline) json_object_set_new(o, "multiline", json_true());
  if (fl->reference) json_object_set_new(o, "reference", json_true());
  if (fl->value) json_object_set_new(o, "value", json_string(fl->value));
  if (fl->source) json_object_set_new(o, "source", json_string(fl->source));
  if (fl->hint) json_object_set_new(o, "hint", json_string(fl->hint));
  json_object_set_new(o, "diagnostics", json_array());
  return o;
}

json_t *jx_year_form_json(jx_req *r, const jx_evaluated *e, const char *yaml, size_t len) {
  if (!e->doc) return json_null();
  jx_form f;
  jx_year_form(e->doc, e->res, yaml, len, r->arena, &f);
  json_t *sections = json_array();
  json_t **fields = jx_arena_alloc(r->arena, (f.n ? f.n : 1) * sizeof(json_t *));
  for (size_t s = 0; s < f.n_sections; s++) {
    json_t *list = json_array();
    for (size_t i = 0; i < f.n; i++)
      if (f.fields[i].section == s) {
        fields[i] = field_json(&f.fields[i]);
        json_array_append_new(list, fields[i]);
      }
    bool has_list = false; /* a section of empty lists stays: items can be added */
    for (size_t i = 0; i < f.n_lists && !has_list; i++) has_list = f.lists[i].section == s;
    if (!json_array_size(list) && !has_list) {
      json_decref(list);
      continue;
    }
    json_array_append_new(sections, json_pack("{s:s,s:s,s:b,s:o}", "id", f.sections[s].id, "title", f.sections[s].title,
                                              "grid", f.sections[s].grid, "fields", list));
  }
  json_t *lists = json_array();
  for (size_t i = 0; i < f.n_lists; i++) {
    const jx_form_list *l = &f.lists[i];
    json_t *nf = json_null();
    if (l->fields) {
      nf = json_array();
      for (size_t k = 0; k < l->n_fields; k++)
        json_array_append_new(nf, json_pack("{s:s,s:s,s:s,s:s,s:b}", "key", l->fields[k].key, "name", l->fields[k].name,
                                            "kind", jx_form_kind_name(l->fields[k].kind), "unit", l->fields[k].unit,
                                            "required", l->fields[k].required));
    }
    json_array_append_new(lists, json_pack("{s:s,s:s,s:s,s:s,s:I,s:o}", "path", l->path, "name", l->name, "group", l->group,
                                           "section", f.sections[l->section].id, "items", (json_int_t)l->items, "fields", nf));
  }
  json_t *all = json_array();
  for (size_t i = 0; i < e->diags.n; i++) {
    const jx_diag *g = &e->diags.items[i];
    long k = jx_form_field_for(&f, g);
    const jx_form_field *fl = k >= 0 ? &f.fields[k] : NULL;
    const char *message = web_message(r, e, &f, g->message);
    json_array_append_new(all, diag_json(g, message, fl));
    if (fl) json_array_append_new(json_object_get(fields[k], "diagnostics"), diag_json(g, message, fl));
  }
  char b[40];
  const jx_num *st = e->doc->kind == JX_KIND_PROJECT && e->doc->project ? &e->doc->project->stated_total
                                                                          : &e->doc->stated_total;
  return json_pack("{s:s,s:o,s:o,s:o,s:o}", "money_unit", f.money_unit, "stated_total",
                   st->set ? json_string(jx_format_num(st->v, b, sizeof b)) : json_null(), "sections", sections,
                   "lists", lists, "diagnostics", all);
}
