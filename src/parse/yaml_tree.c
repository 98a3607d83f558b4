/* yaml_tree.c — strict YAML reading with libyaml: limits, duplicate keys, Chinese errors. */
#include "parse/yaml_tree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "util/diag.h"
#include "util/text.h"

jx_status jx_read_file(const char *path, size_t max_bytes, char **out, size_t *len, jx_diags *diags) {
  jx_pos pos = {path, 0, 0};
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) {
    int e = errno;
    jx_diag_add(diags, "JX100", JX_ERROR, pos, "无法打开文件：%s",
                e == ENOENT ? "文件不存在" : e == EACCES ? "没有读取权限" : e == EISDIR ? "这是一个目录，不是文件" : strerror(e));
    return JX_ERR_IO;
  }
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(f);
    jx_diag_add(diags, "JX100", JX_ERROR, pos, "这是一个目录，不是文件");
    return JX_ERR_DATA;
  }
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > max_bytes) {
    fclose(f);
    jx_diag_add(diags, "JX100", JX_ERROR, pos, "文件过大：%lld 字节，上限为 %zu 字节（%zu MB）", (long long)st.st_size, max_bytes,
                max_bytes >> 20);
    return JX_ERR_DATA;
  }
  /* a regular file is read in one allocation of its size; pipes grow the buffer */
  size_t cap = (size_t)64 << 10, n = 0;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) cap = (size_t)st.st_size + 1;
  char *buf = jx_xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap >= max_bytes) {
        free(buf);
        fclose(f);
        jx_diag_add(diags, "JX100", JX_ERROR, pos, "文件过大：超过上限 %zu 字节（%zu MB）", max_bytes, max_bytes >> 20);
        return JX_ERR_DATA;
      }
      cap = cap * 2 > max_bytes ? max_bytes : cap * 2;
      buf = jx_xrealloc(buf, cap + 1);
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  bool err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    jx_diag_add(diags, "JX100", JX_ERROR, pos, "读取文件失败");
    return JX_ERR_IO;
  }
  buf[n] = '\0';
  *len = n;
  *out = buf;
  return JX_OK;
}

/* Position of a byte offset: 1-based line and column in characters. */
static jx_pos pos_of_offset(const char *name, const char *data, size_t off) {
  jx_pos p = {name, 1, 1};
  for (size_t i = 0; i < off; i++) {
    if (data[i] == '\n') {
      p.line++;
      p.col = 1;
    } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
      p.col++;
    }
  }
  return p;
}

static const char *translate_problem(const char *problem) {
  static const struct { const char *en, *zh; } table[] = {
      {"found character that cannot start any token", "此处有无法识别的字符（常见原因：用了 Tab 缩进，请改用空格）"},
      {"mapping values are not allowed in this context", "此处不允许出现“: ”（值里含冒号时请给整个值加引号）"},
      {"did not find expected key", "缩进不一致：找不到预期的键"},
      {"did not find expected '-' indicator", "缩进不一致：找不到预期的列表项“-”"},
      {"could not find expected ':'", "缺少“:”：键后面应有冒号"},
      {"found unexpected end of stream", "文件意外结束：引号或括号没有闭合"},
      {"found undefined tag handle", "使用了未定义的标签"},
      {"did not find expected node content", "缺少内容：此处应有一个值"},
      {"did not find expected ',' or ']'", "流式列表没有正确结束：缺少“,”或“]”"},
      {"did not find expected ',' or '}'", "流式映射没有正确结束：缺少“,”或“}”"},
      {"found unknown escape character", "双引号字符串中有未知的转义字符"},
      {"block sequence entries are not allowed in this context", "此处不允许出现列表项“-”（缩进不对？）"},
      {"found a tab character that violates indentation", "用了 Tab 缩进，请改用空格"},
      {"found a tab character where an indentation space is expected", "用了 Tab 缩进，请改用空格"},
      {"control characters are not allowed", "文件含有控制字符"},
      {"invalid leading UTF-8 octet", "不是有效的 UTF-8 编码"},
      {"invalid trailing UTF-8 octet", "不是有效的 UTF-8 编码"},
      {"found unexpected ':'", "此处出现了意外的“:”"},
      {"found incompatible YAML document", "YAML 版本不兼容"},
  };
  if (!problem) return "无法解析";
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(problem, table[i].en) == 0) return table[i].zh;
  return NULL;
}

typedef struct {
  jx_node *node;
  size_t cap;
  const char *pending_key; /* map: key waiting for its value */
  jx_pos pending_key_pos;
  bool skip_value;         /* map: duplicate key — drop the value */
} frame;

typedef struct {
  jx_arena *arena;
  const char *name;
  jx_diags *diags;
  frame stack[JX_MAX_DEPTH + 2];
  int depth;
  size_t nodes;
  jx_node *root;
  bool failed;
} builder;

static jx_pos mark_pos(const builder *b, yaml_mark_t m) {
  jx_pos p = {b->name, (uint32_t)m.line + 1, (uint32_t)m.column + 1};
  return p;
}

static jx_node *new_node(builder *b, jx_node_type t, jx_pos pos) {
  jx_node *n = jx_arena_take(b->arena, sizeof *n);
  *n = (jx_node){.type = t, .pos = pos};
  return n;
}

/* Attach a finished node to the container on top of the stack.  Returns false if the
 * node was a map key that could not be used. */
static void attach(builder *b, jx_node *n) {
  if (b->depth == 0) {
    b->root = n;
    return;
  }
  frame *f = &b->stack[b->depth - 1];
  jx_node *c = f->node; /* every frame holds the container it opened */
  if (!c) return;
  if (c->type == JX_NODE_SEQ) {
    if (c->n == f->cap) {
      f->cap = f->cap ? f->cap * 2 : 8;
      c->items = jx_arena_grow(b->arena, c->items, c->n, f->cap, sizeof(jx_node *)); // NOLINT(bugprone-sizeof-expression)
    }
    c->items[c->n++] = n;
    return;
  }
  /* map */
  if (!f->pending_key && !f->skip_value) {
    if (n->type != JX_NODE_SCALAR) {
      jx_diag_add(b->diags, "JX110", JX_ERROR, n->pos, "映射的键必须是文本，这里是%s", jx_node_type_name(n));
      f->skip_value = true;
      return;
    }
    for (size_t i = 0; i < c->n; i++) {
      if (c->pairs[i].key[0] == n->text[0] && strcmp(c->pairs[i].key, n->text) == 0) {
        jx_diag_add(b->diags, "JX104", JX_ERROR, n->pos, "重复的键“%s”：第 %u 行已经写过，后一个被忽略",
                    n->text, c->pairs[i].key_pos.line);
        f->skip_value = true;
        return;
      }
    }
    f->pending_key = n->text;
    f->pending_key_pos = n->pos;
    return;
  }
  if (f->skip_value) {
    f->skip_value = false;
    return;
  }
  if (c->n == f->cap) {
    f->cap = f->cap ? f->cap * 2 : 8;
    c->pairs = jx_arena_grow(b->arena, c->pairs, c->n, f->cap, sizeof *c->pairs);
  }
  jx_pair *p = &c->pairs[c->n++];
  p->key = f->pending_key;
  p->key_pos = f->pending_key_pos;
  p->value = n;
  f->pending_key = NULL;
}

static bool count_node(builder *b, jx_pos pos) {
  if (++b->nodes > JX_MAX_NODES) {
    jx_diag_add(b->diags, "JX103", JX_ERROR, pos, "文件内容过多：超过 %u 个节点的上限", JX_MAX_NODES);
    return false;
  }
  return true;
}

jx_node *jx_yaml_parse(jx_arena *arena, const char *name, const char *data, size_t len, jx_diags *diags) {
  jx_pos start = {name, 1, 1};
  /* A UTF-8 byte order mark (Windows editors write one) is skipped: it is not content,
   * and an editor counts the first column after it. */
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
  size_t blank = 0;
  while (blank < len && (data[blank] == ' ' || data[blank] == '\t' || data[blank] == '\r' || data[blank] == '\n')) blank++;
  if (blank == len) {
    jx_diag_add(diags, "JX100", JX_ERROR, start, "文件为空：没有任何内容");
    return NULL;
  }
  if (memchr(data, '\0', len)) {
    jx_diag_add(diags, "JX101", JX_ERROR, pos_of_offset(name, data, (size_t)((const char *)memchr(data, '\0', len) - data)),
                "文件含有 NUL 字节：这不是文本文件");
    return NULL;
  }

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) jx_out_of_memory(0); /* libyaml fails only when memory runs out */
  yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

  builder b = {.arena = arena, .name = name, .diags = diags};
  int documents = 0;
  bool done = false;
  while (!done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      size_t bad;
      if (parser.error == YAML_READER_ERROR && !jx_utf8_valid(data, len, &bad)) {
        /* libyaml validates UTF-8 as it reads; only on failure do we find the byte */
        jx_diag_add(diags, "JX101", JX_ERROR, pos_of_offset(name, data, bad),
                    "不是有效的 UTF-8 编码（第 %zu 字节 0x%02X）：文件可能是 GBK 编码，请另存为 UTF-8", bad + 1,
                    (unsigned)(unsigned char)data[bad]);
        b.failed = true;
        break;
      }
      const char *zh = translate_problem(parser.problem);
      jx_pos p = mark_pos(&b, parser.problem_mark);
      if (zh)
        jx_diag_add(diags, "JX102", JX_ERROR, p, "YAML 语法错误：%s", zh);
      else
        jx_diag_add(diags, "JX102", JX_ERROR, p, "YAML 语法错误：%s", parser.problem ? parser.problem : "无法解析");
      b.failed = true;
      break;
    }
    jx_pos p = mark_pos(&b, ev.start_mark);
    switch (ev.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents > 1) {
        jx_diag_add(diags, "JX105", JX_ERROR, p, "一个文件只能有一个 YAML 文档（“---”之后的内容被忽略）");
        done = true;
      }
      break;
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    case YAML_ALIAS_EVENT:
      jx_diag_add(diags, "JX105", JX_ERROR, p, "不支持锚点引用（*%s）：请直接写出内容，或用“= 路径”引用其他字段",
                  (const char *)ev.data.alias.anchor);
      b.failed = true;
      done = true;
      break;
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
      const yaml_char_t *anchor = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor
                                  : ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                                         : ev.data.mapping_start.anchor;
      const yaml_char_t *tag = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.tag
                               : ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.tag
                                                                      : ev.data.mapping_start.tag;
      if (anchor) jx_diag_add(diags, "JX105", JX_ERROR, p, "不支持锚点（&%s）：请直接写出内容", (const char *)anchor);
      if (tag) jx_diag_add(diags, "JX105", JX_ERROR, p, "不支持类型标签（%s）：所有值都按文本读取", (const char *)tag);
      if (!count_node(&b, p)) {
        b.failed = true;
        done = true;
        break;
      }
      if (ev.type == YAML_SCALAR_EVENT) {
        if (ev.data.scalar.length > JX_MAX_SCALAR_BYTES) {
          jx_diag_add(diags, "JX103", JX_ERROR, p, "文本过长：%zu 字节，上限为 %zu 字节", ev.data.scalar.length,
                      JX_MAX_SCALAR_BYTES);
          b.failed = true;
          done = true;
          break;
        }
        jx_node *n = new_node(&b, JX_NODE_SCALAR, p);
        n->text = jx_arena_strndup(arena, (const char *)ev.data.scalar.value, ev.data.scalar.length);
        n->len = ev.data.scalar.length;
        n->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        if (!n->quoted && ((n->len == 1 && n->text[0] == '~') || (n->len == 4 && memcmp(n->text, "null", 4) == 0))) n->text = jx_arena_strdup(arena, "");
        if (!n->quoted && n->len == 0) n->text = "";
        attach(&b, n);
      } else {
        if (b.depth >= JX_MAX_DEPTH) {
          jx_diag_add(diags, "JX103", JX_ERROR, p, "嵌套过深：超过 %d 层的上限", JX_MAX_DEPTH);
          b.failed = true;
          done = true;
          break;
        }
        jx_node *n = new_node(&b, ev.type == YAML_MAPPING_START_EVENT ? JX_NODE_MAP : JX_NODE_SEQ, p);
        b.stack[b.depth++] = (frame){.node = n};
      }
      break;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
      frame f = b.stack[--b.depth];
      attach(&b, f.node);
      break;
    }
    default:
      break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  if (b.failed) return NULL; /* a syntax error leaves no tree worth checking */
  if (!b.root) {
    if (!b.failed) jx_diag_add(diags, "JX100", JX_ERROR, start, "文件为空：没有任何内容");
    return NULL;
  }
  return b.root;
}

jx_node *jx_map_get(const jx_node *map, const char *key) {
  if (!map || map->type != JX_NODE_MAP) return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (strcmp(map->pairs[i].key, key) == 0) return map->pairs[i].value;
  return NULL;
}

const char *jx_node_type_name(const jx_node *n) {
  if (!n) return "空";
  switch (n->type) {
  case JX_NODE_MAP: return "映射（键: 值）";
  case JX_NODE_SEQ: return "列表";
  default: return "文本";
  }
}
