/* load.c — jx_doc_load / jx_doc_parse: read, bind and resolve one department-year file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/ref.h"
#include "model/schema.h"
#include "parse/bind.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/text.h"

#define JX_SCHEMA_VERSION "jixiao/1"

static bool quantitative(jx_nature n) { return n != JX_NATURE_NONE && n != JX_NATURE_QUAL; }

/* The direction a 定量 indicator takes when its target names none: ≤ for a time limit or
 * a cost (时效指标, 成本指标), else ≥.  *why gets the reason for the note. */
static jx_nature quant_default(const jx_indicator *ind, const char **why) {
  jx_target_reading r;
  const jx_value *t = &ind->target;
  const char *w = t->written ? t->written : t->text;
  char one[128]; /* the declared unit after a number, read as a target would be */
  bool time_unit = (t->kind == JX_VAL_NUMBER && w && jx_target_read(w, &r) && r.time_limit) ||
                   (ind->unit && snprintf(one, sizeof one, "1%s", ind->unit) < (int)sizeof one &&
                    jx_target_read(one, &r) && r.time_limit);
  if (time_unit) return *why = "度量单位是时限", JX_NATURE_LE;
  if (ind->level2 && strstr(ind->level2, "时效")) return *why = "二级指标是时效指标", JX_NATURE_LE;
  if ((ind->level2 && strstr(ind->level2, "成本")) || (ind->level1 && strstr(ind->level1, "成本")))
    return *why = "属于成本指标", JX_NATURE_LE;
  return *why = "未写方向时按不低于目标计", JX_NATURE_GE;
}

/* 指标值 as written, read by the one reader (jx_target_read) with the indicator's nature;
 * the rules are in docs/format.md (指标值). */
static void read_target(jx_binder *b, jx_indicator *ind) {
  jx_value *t = &ind->target;
  const char *what = ind->name ? ind->name : "";
  if (t->kind == JX_VAL_TEXT) {
    jx_target_reading r;
    if (jx_target_read(t->text, &r)) {
      if (r.nature != JX_NATURE_NONE) {
        if (ind->nature == JX_NATURE_NONE || ind->nature == JX_NATURE_QUANT) ind->nature = r.nature;
        else if (ind->nature != r.nature) {
          jx_diag_add(b->diags, "JX114", JX_ERROR, t->pos, "指标值“%s”中的性质“%s”与指标性质“%s”不一致", t->text,
                      jx_nature_symbol(r.nature), jx_nature_symbol(ind->nature));
          return;
        }
      }
      t->kind = JX_VAL_NUMBER;
      t->written = t->text;
      t->num = r.num;
      t->percent = r.percent;
      t->has_hi = r.has_hi;
      t->num_hi = r.num_hi;
      if (*r.unit) t->unit_read = jx_arena_strdup(b->arena, r.unit);
    } else if (quantitative(ind->nature)) {
      jx_diag_add(b->diags, "JX116", JX_WARNING, t->pos,
                  "指标“%s”的性质是“%s”，但指标值“%s”读不出数值，按定性指标处理", what, jx_nature_symbol(ind->nature),
                  t->text);
      ind->nature = JX_NATURE_QUAL;
    } else if (ind->nature == JX_NATURE_NONE) {
      ind->nature = JX_NATURE_QUAL; /* "效果明显" with no nature: a qualitative target */
    }
  }
  if (ind->nature == JX_NATURE_QUANT && (t->kind == JX_VAL_NUMBER || t->kind == JX_VAL_REF)) {
    const char *why;
    ind->nature = quant_default(ind, &why);
    jx_diag_add(b->diags, "JX117", JX_NOTE, t->pos, "指标“%s”的性质是“定量”，指标值“%s”没有写方向，按“%s”计（%s）", what,
                t->written ? t->written : t->text ? t->text : "", jx_nature_symbol(ind->nature), why);
  }
  if (t->unit_read) {
    if (!ind->unit) ind->unit = t->unit_read;
    else if (!jx_target_unit_same(ind->unit, t->unit_read))
      jx_diag_add(b->diags, "JX118", JX_WARNING, t->pos, "指标“%s”的指标值“%s”中的单位“%s”与度量单位“%s”不一致", what,
                  t->written ? t->written : t->text, t->unit_read, ind->unit);
  }
}

static void fix_indicators(jx_binder *b, jx_indicatorlist *l) {
  for (size_t i = 0; i < l->n; i++) {
    jx_indicator *ind = &l->items[i];
    read_target(b, ind);
    if (!ind->unit && (ind->target.percent || ind->actual.percent)) ind->unit = "%";
  }
}

jx_status jx_doc_parse(const char *name, const char *data, size_t len, jx_doc **out, jx_diags *diags) {
  *out = NULL;
  size_t errors_before = diags->n_error;
  jx_arena *arena = jx_arena_new();
  jx_doc *doc = jx_arena_alloc(arena, sizeof *doc);
  doc->arena = arena;
  doc->path = jx_arena_strdup(arena, name ? name : "<input>");
  doc->money_unit_fen = JX_FEN_PER_WAN;
  jx_node *root = jx_yaml_parse(arena, doc->path, data, len, diags);
  if (!root) {
    jx_arena_free(arena);
    return JX_ERR_DATA;
  }
  if (root->type != JX_NODE_MAP) {
    jx_diag_add(diags, "JX110", JX_ERROR, root->pos,
                "文件顶层应为映射（键: 值），这里是%s：这不是一个部门年度数据文件（参见 docs/format.md）",
                jx_node_type_name(root));
    jx_arena_free(arena);
    return JX_ERR_DATA;
  }
  jx_node *schema = jx_map_get(root, "schema");
  if (schema && schema->type == JX_NODE_SCALAR && strcmp(schema->text, JX_SCHEMA_VERSION) != 0)
    jx_diag_add(diags, "JX111", JX_ERROR, schema->pos, "不支持的格式版本“%s”：本程序读取 %s", schema->text,
                JX_SCHEMA_VERSION);
  jx_node *mu = jx_map_get(root, "money_unit");
  if (mu && mu->type == JX_NODE_SCALAR) {
    char *t = jx_text_fold(arena, mu->text);
    if (strcmp(t, "万元") == 0) doc->money_unit_fen = JX_FEN_PER_WAN;
    else if (strcmp(t, "元") == 0) doc->money_unit_fen = JX_FEN_PER_YUAN;
    else jx_diag_add(diags, "JX114", JX_ERROR, mu->pos, "金额单位“%s”无效：应为 万元 或 元", mu->text);
  }

  jx_binder b = {.arena = arena, .diags = diags, .money_unit_fen = doc->money_unit_fen};
  jx_bind_map(&b, &jx_doc_schema, root, doc, "文件顶层");

  jx_node *dep = jx_map_get(root, "department"), *code = dep && dep->type == JX_NODE_MAP ? jx_map_get(dep, "code") : NULL;
  const char *why = code && doc->department_code ? jx_code_problem(arena, doc->department_code) : NULL;
  if (why) jx_diag_add(diags, "JX115", JX_ERROR, code->pos, "%s", why);
  if (doc->kind == JX_KIND_PROJECT && !doc->project && jx_map_get(root, "kind"))
    jx_diag_add(diags, "JX120", JX_ERROR, root->pos, "评价类型为项目支出（project），但缺少“project”（项目）部分");
  fix_indicators(&b, &doc->indicators);
  for (size_t i = 0; i < doc->projects.n; i++) fix_indicators(&b, &doc->projects.items[i].indicators);
  if (doc->project) fix_indicators(&b, &doc->project->indicators);
  jx_refs_resolve(doc, diags);

  *out = doc;
  return diags->n_error > errors_before ? JX_ERR_DATA : JX_OK;
}

jx_status jx_doc_load(const char *path, jx_doc **out, jx_diags *diags) {
  *out = NULL;
  size_t len = 0;
  char *data;
  jx_status rst = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, diags);
  if (rst != JX_OK) return rst;
  jx_status st = jx_doc_parse(path, data, len, out, diags);
  free(data);
  return st;
}
