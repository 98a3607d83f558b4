/* api_yearform.c — the whole-year form as JSON (api_yearform.h): the use-case layer's form
 * (app/yearform.c) with each diagnostic tied to its field by document path. */
#include "web/api_yearform.h"

#include "app/yearform.h"

static json_t *diag_json(const jx_diag *g, const jx_form_field *fl) {
  return json_pack("{s:s,s:s,s:s,s:o,s:o}", "code", g->code, "severity", jx_severity_name(g->severity), "message",
                   g->message, "path", fl ? json_string(fl->path) : json_null(), "label",
                   fl ? json_string(fl->label) : json_null());
}

static json_t *field_json(const jx_form_field *fl) {
  json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "path", fl->path, "label", fl->label, "name", fl->name,
                        "group", fl->group, "kind", jx_form_kind_name(fl->kind), "text", fl->text, "unit", fl->unit);
  if (fl->multiline) json_object_set_new(o, "multiline", json_true());
  if (fl->reference) json_object_set_new(o, "reference", json_true());
  if (fl->value) json_object_set_new(o, "value", json_string(fl->value));
  if (fl->source) json_object_set_new(o, "source", json_string(fl->source));
  json_object_set_new(o, "diagnostics", json_array());
  return o;
}

json_t *jx_year_form_json(jx_req *r, const jx_evaluated *e) {
  if (!e->doc) return json_null();
  jx_form f;
  jx_year_form(e->doc, e->res, r->arena, &f);
  json_t *sections = json_array();
  json_t **fields = jx_arena_alloc(r->arena, (f.n ? f.n : 1) * sizeof *fields);
  for (size_t s = 0; s < f.n_sections; s++) {
    json_t *list = json_array();
    for (size_t i = 0; i < f.n; i++)
      if (f.fields[i].section == s) {
        fields[i] = field_json(&f.fields[i]);
        json_array_append_new(list, fields[i]);
      }
    if (!json_array_size(list)) {
      json_decref(list);
      continue;
    }
    json_array_append_new(sections, json_pack("{s:s,s:s,s:b,s:o}", "id", f.sections[s].id, "title", f.sections[s].title,
                                              "grid", f.sections[s].grid, "fields", list));
  }
  json_t *all = json_array();
  for (size_t i = 0; i < e->diags.n; i++) {
    const jx_diag *g = &e->diags.items[i];
    long k = jx_form_field_for(&f, g);
    const jx_form_field *fl = k >= 0 ? &f.fields[k] : NULL;
    json_array_append_new(all, diag_json(g, fl));
    if (fl) json_array_append_new(json_object_get(fields[k], "diagnostics"), diag_json(g, fl));
  }
  char b[40];
  const jx_num *st = e->doc->kind == JX_KIND_PROJECT && e->doc->project ? &e->doc->project->stated_total
                                                                          : &e->doc->stated_total;
  return json_pack("{s:s,s:o,s:o,s:o}", "money_unit", f.money_unit, "stated_total",
                   st->set ? json_string(jx_format_num(st->v, b, sizeof b)) : json_null(), "sections", sections,
                   "diagnostics", all);
}
