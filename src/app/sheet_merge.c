/* sheet_merge.c — jx_sheet_merge: what a form holds, read from a sheet, put into a full
 * department-year, keeping everything the form has no place for (jx_sheet_onto: onto a
 * file); jx_store_import_sheet: the same onto the current version in a collection;
 * jx_sheet_check: checked at its cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "model/ref.h"
#include "util/arena.h"
#include "util/diag.h"

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The base's indicator of the same name not taken yet, or NULL. */
static const jx_indicator *partner(const jx_indicatorlist *base, const char *name, bool *taken) {
  for (size_t i = 0; i < base->n; i++)
    if (!taken[i] && same(base->items[i].name, name)) {
      taken[i] = true;
      return &base->items[i];
    }
  return NULL;
}

/* The form's indicators, each completed from its partner in base by the fields the form
 * has no column for.  Returns the new list (in dst's arena). */
static jx_indicatorlist merge_indicators(jx_arena *a, const jx_indicatorlist *base, const jx_indicatorlist *form,
                                         jx_template_kind kind) {
  jx_indicatorlist out = {NULL, form->n};
  out.items = jx_arena_alloc(a, (form->n + 1) * sizeof *out.items);
  bool *taken = jx_arena_alloc(a, base->n + 1);
  for (size_t i = 0; i < form->n; i++) {
    jx_indicator *d = &out.items[i];
    *d = form->items[i];
    const jx_indicator *b = partner(base, d->name, taken);
    if (!b) continue;
    d->describes = b->describes;
    d->describes_pos = b->describes_pos;
    if (kind == JX_TEMPLATE_TARGET) { /* the target form has no actual, score, notes */
      d->actual = b->actual;
      d->assumption = b->assumption;
      d->score = b->score;
      d->deviation_note = b->deviation_note;
      d->evidence = b->evidence;
    } else {
      d->core = b->core; /* the self-evaluation forms have no 核心指标 column */
    }
  }
  return out;
}

jx_status jx_sheet_merge(jx_doc *base, const jx_doc *form, jx_template_kind kind, jx_diags *diags) {
  jx_pos pos = {form->path, 0, 0};
  if (!same(base->department, form->department) || base->year != form->year) {
    jx_diag_add(diags, "JX712", JX_ERROR, pos, "表格是“%s”%d 年度的，数据文件“%s”是“%s”%d 年度的：不能合并",
                form->department ? form->department : "", form->year, base->path ? base->path : "",
                base->department ? base->department : "", base->year);
    return JX_ERR_DATA;
  }
  jx_arena *a = base->arena;
  if (form->unit_name) base->unit_name = form->unit_name;
  if (form->department_code) base->department_code = form->department_code;
  if (form->signer) base->signer = form->signer;
  if (form->date) base->date = form->date;
  switch (kind) {
  case JX_TEMPLATE_TARGET:
    base->budget_total = form->budget_total;
    base->budget_fiscal = form->budget_fiscal;
    base->budget_other = form->budget_other;
    base->budget_carried_in = form->budget_carried_in;
    base->goals = form->goals;
    base->tasks.items = form->tasks.items;
    base->tasks.n = form->tasks.n;
    base->indicators = merge_indicators(a, &base->indicators, &form->indicators, kind);
    break;
  case JX_TEMPLATE_SELFEVAL:
    base->budget_total = form->budget_total;
    base->adjusted = form->adjusted;
    base->expenditure_total = form->expenditure_total;
    base->indicators = merge_indicators(a, &base->indicators, &form->indicators, kind);
    base->blocks.items = form->blocks.items;
    base->blocks.n = form->blocks.n;
    base->stated_total = form->stated_total;
    base->stated_grade = form->stated_grade;
    base->stated_grade_pos = form->stated_grade_pos;
    base->conclusion = form->conclusion;
    break;
  case JX_TEMPLATE_MONITORING:
    base->adjusted = form->adjusted;
    base->monitoring.items = form->monitoring.items;
    base->monitoring.n = form->monitoring.n;
    break;
  case JX_TEMPLATE_PROJECT: {
    if (base->project && form->project) {
      jx_indicatorlist old = base->project->indicators;
      *base->project = *form->project;
      base->project->indicators = merge_indicators(a, &old, &form->project->indicators, kind);
      break;
    }
    jx_projectlist out = {NULL, form->projects.n};
    out.items = jx_arena_alloc(a, (form->projects.n + 1) * sizeof *out.items);
    bool *taken = jx_arena_alloc(a, base->projects.n + 1);
    for (size_t i = 0; i < form->projects.n; i++) {
      out.items[i] = form->projects.items[i];
      for (size_t k = 0; k < base->projects.n; k++)
        if (!taken[k] && same(base->projects.items[k].name, out.items[i].name)) {
          taken[k] = true;
          out.items[i].indicators =
              merge_indicators(a, &base->projects.items[k].indicators, &form->projects.items[i].indicators, kind);
          break;
        }
    }
    base->projects = out;
    break;
  }
  }
  return JX_OK;
}

jx_status jx_sheet_onto(const char *base_path, const jx_doc *form, jx_template_kind kind, jx_doc **base,
                        jx_diags *base_diags, jx_diags *diags) {
  jx_status bst = jx_doc_load(base_path, base, base_diags);
  if (!*base) return bst;
  return jx_sheet_merge(*base, form, kind, diags);
}

/* The document as YAML in memory (malloc'd). */
static char *yaml_of(const jx_doc *doc, size_t *len, char *err, size_t errlen) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  if (!f) {
    snprintf(err, errlen, "内存不足");
    return NULL;
  }
  jx_status st = jx_doc_write_yaml(doc, f, err, errlen);
  if (fclose(f) != 0 || st != JX_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

jx_status jx_store_import_sheet(jx_store *s, const char *name, const jx_doc *form, jx_template_kind kind,
                                const jx_store_import_opts *o, jx_store_import_info *info, jx_diags *diags) {
  const char *code = o && o->department ? o->department : form->department_code;
  jx_pos pos = {form->path, 0, 0};
  if (!code || !*code) {
    jx_diag_add(diags, "JX713", JX_ERROR, pos, "不知道存入哪个单位：请在“基本信息”填写单位编码，或用 --code 指定");
    return JX_ERR_DATA;
  }
  jx_arena *a = jx_arena_new();
  const char *dykind = form->kind == JX_KIND_PROJECT && form->project && form->project->name
                           ? jx_arena_printf(a, "project:%s", form->project->name)
                           : "department";
  jx_dy_key key = {code, form->year, dykind};
  /* the current version, if there is one */
  char *cur = NULL, err[256] = "";
  size_t cur_len = 0;
  FILE *f = open_memstream(&cur, &cur_len);
  jx_status st = f ? jx_store_export(s, &key, 0, f) : JX_ERR_IO;
  if (f) fclose(f);
  jx_doc *base = NULL;
  if (st == JX_OK) {
    jx_diags bd = {0};
    jx_doc_parse(name, cur, cur_len, &base, &bd);
    jx_diags_free(&bd);
  } else if (st == JX_ERR_IO) {
    free(cur);
    jx_arena_free(a);
    return st; /* the store said why */
  }
  free(cur);
  if (base && (st = jx_sheet_merge(base, form, kind, diags)) != JX_OK) {
    jx_doc_free(base);
    jx_arena_free(a);
    return st;
  }
  size_t len = 0;
  char *yaml = yaml_of(base ? base : form, &len, err, sizeof err);
  jx_doc_free(base); /* points into form, which the caller keeps */
  jx_arena_free(a);
  if (!yaml) {
    jx_diag_add(diags, "JX714", JX_ERROR, pos, "无法生成要存入的数据文件：%s", err);
    return JX_ERR_IO;
  }
  jx_store_import_opts io = o ? *o : (jx_store_import_opts){0};
  io.department = code;
  st = jx_store_import_bytes(s, name, yaml, len, &io, info, diags);
  free(yaml);
  return st;
}

jx_status jx_sheet_check(jx_doc *doc, const char *framework_path, jx_diags *diags) {
  size_t before = diags->n_error;
  jx_refs_resolve(doc, diags);
  jx_framework *fw = NULL;
  jx_status st = jx_framework_for_doc(doc, doc->path, framework_path, &fw, diags);
  if (!fw) return st;
  jx_result *res = NULL;
  jx_evaluate(doc, fw, &res, diags);
  jx_result_free(res);
  jx_framework_free(fw);
  return diags->n_error > before ? JX_ERR_DATA : JX_OK;
}
