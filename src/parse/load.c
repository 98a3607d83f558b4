/* load.c — jx_doc_load / jx_doc_parse: read, bind and resolve one department-year file. */
#include <stdlib.h>
#include <string.h>

#include "model/ref.h"
#include "model/schema.h"
#include "parse/bind.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/text.h"

#define JX_SCHEMA_VERSION "jixiao/1"

static void fix_indicators(jx_binder *b, jx_indicatorlist *l) {
  for (size_t i = 0; i < l->n; i++) {
    jx_indicator *ind = &l->items[i];
    jx_target_settle(b->arena, b->diags, ind);
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
  jx_node *kind = jx_map_get(root, "kind");
  if (kind && kind->type == JX_NODE_SCALAR && strcmp(kind->text, "declaration") == 0) {
    jx_diag_add(diags, "JX800", JX_ERROR, kind->pos,
                "这是绩效目标申报文件（kind: declaration，docs/declaration.md），不是部门年度数据文件：不能计分或写报告；"
                "用 jixiao check 检查它");
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
