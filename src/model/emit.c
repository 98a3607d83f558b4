/* emit.c — a department-year model written back as YAML, walking the format's schema table. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "jixiao.h"
#include "model/emit.h"
#include "model/schema.h"
#include "util/arena.h"

#define AT(base, off, T) ((T *)(void *)((char *)(base) + (off)))
#define CAT(base, off, T) ((T const *)(const void *)((const char *)(base) + (off)))

/* ---- quoting ------------------------------------------------------------------------- */

static bool needs_quotes(const char *s) {
  if (!*s) return true;
  unsigned char c0 = (unsigned char)s[0];
  if (strchr(" -?:,[]{}#&*!|>'\"%@`=<~", c0)) {
    if (!(c0 == '-' && s[1] >= '0' && s[1] <= '9')) return true;
  }
  size_t n = strlen(s);
  if (s[n - 1] == ' ' || s[n - 1] == ':') return true;
  if (strstr(s, ": ") || strstr(s, " #")) return true;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7F) return true;
  static const char *const special[] = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~", NULL};
  for (size_t i = 0; special[i]; i++)
    if (strcasecmp(s, special[i]) == 0) return true;
  return false;
}

/* Text that a YAML 1.1/1.2 reader would take for a number or a date ("000123", "2023",
 * "1e3", "0x1F", "12:30", "2024-03-15"): quoted, so that other tools keep it text. */
static bool looks_numeric(const char *s) {
  const char *p = s;
  if (*p == '+' || *p == '-' || *p == '.') p++;
  if (!(*p >= '0' && *p <= '9')) return false;
  for (; *p; p++)
    if (!strchr("0123456789abcdefABCDEFxXoO+-._:", *p)) return false;
  return true;
}

char *jx_yaml_quote_text(jx_arena *a, const char *text) {
  if (looks_numeric(text)) {
    char *q = jx_arena_take(a, strlen(text) + 3);
    q[0] = '"';
    memcpy(q + 1, text, strlen(text));
    q[strlen(text) + 1] = '"';
    q[strlen(text) + 2] = '\0';
    return q;
  }
  return jx_yaml_quote(a, text);
}

/* text double-quoted, with escapes for '"', '\\', line breaks and control characters. */
static char *dquote(jx_arena *a, const char *text) {
  size_t n = strlen(text);
  char *q = jx_arena_take(a, n * 4 + 3), *o = q;
  *o++ = '"';
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if (*p == '"' || *p == '\\') {
      *o++ = '\\';
      *o++ = (char)*p;
    } else if (*p == '\n') {
      *o++ = '\\';
      *o++ = 'n';
    } else if (*p < 0x20 || *p == 0x7F) {
      snprintf(o, 5, "\\x%02X", *p);
      o += 4;
    } else {
      *o++ = (char)*p;
    }
  }
  *o++ = '"';
  *o = '\0';
  return q;
}

char *jx_yaml_quote(jx_arena *a, const char *text) {
  if (!needs_quotes(text)) return jx_arena_strdup(a, text);
  return dquote(a, text);
}

char *jx_yaml_quote_flow(jx_arena *a, const char *text) {
  if (needs_quotes(text) || looks_numeric(text) || strpbrk(text, ",[]{}:#")) return dquote(a, text);
  return jx_arena_strdup(a, text);
}

/* ---- writer -------------------------------------------------------------------------- */

typedef struct {
  FILE *out;
  jx_arena *a;       /* scratch for quoted scalars */
  const jx_doc *doc; /* money unit */
  int money_decimals;
} writer;

typedef JX_LIST(char) any_list;

static void indent(writer *w, int n) {
  for (int i = 0; i < n; i++) fputc(' ', w->out);
}

static void put_key(writer *w, int ind, const char *key) {
  indent(w, ind);
  fputs(jx_yaml_quote_text(w->a, key), w->out);
  fputc(':', w->out);
}

/* A number or date is written plain; text (is_text) is quoted where it looks like one. */
static void put_scalar(writer *w, int ind, const char *key, const char *text, bool is_text) {
  put_key(w, ind, key);
  fputc(' ', w->out);
  fputs(is_text ? jx_yaml_quote_text(w->a, text) : jx_yaml_quote(w->a, text), w->out);
  fputc('\n', w->out);
}

static const char *num_text(int64_t v, char *buf, size_t n) { return jx_format_decimal(v, 6, buf, n); }

static const char *money_text(const writer *w, int64_t fen, char *buf, size_t n) {
  return jx_format_decimal(fen, w->money_decimals, buf, n);
}

static const char *value_text(writer *w, const jx_value *v, char *buf, size_t n) {
  switch (v->kind) {
  case JX_VAL_NUMBER:
    if (v->has_hi) return v->written ? v->written : v->text; /* a range ("90%-95%") as written */
    num_text(v->num, buf, n);
    if (v->percent) strncat(buf, "%", n - strlen(buf) - 1);
    return buf;
  case JX_VAL_TEXT: return v->text;
  case JX_VAL_REF: return jx_arena_printf(w->a, "= %s", v->text);
  case JX_VAL_NONE: return v->text; /* text that did not parse is kept as written */
  }
  return NULL;
}

static bool schema_present(const jx_schema *s, const void *base);

/* Is field f of the struct at base worth writing? */
static bool field_present(const jx_field *f, const void *base) {
  switch (f->type) {
  case F_TEXT:
  case F_DATE: {
    const char *t = *CAT(base, f->offset, const char *);
    return t && *t;
  }
  case F_TEXTLIST:
  case F_LIST:
  case F_COUNTS:
  case F_NAMED_NUM:
  case F_NAMED_MONEY: return CAT(base, f->offset, any_list)->n > 0;
  case F_MONEY: return CAT(base, f->offset, jx_money)->set;
  case F_NUM:
  case F_COUNT: return CAT(base, f->offset, jx_num)->set;
  case F_INT: return f->required || *CAT(base, f->offset, int) != 0;
  case F_VALUE: {
    const jx_value *v = CAT(base, f->offset, jx_value);
    return v->kind != JX_VAL_NONE || (v->text && *v->text);
  }
  case F_NATURE: return *CAT(base, f->offset, jx_nature) != JX_NATURE_NONE;
  case F_BOOL: return *CAT(base, f->offset, bool);
  case F_ENUM: return true;
  case F_GROUP: return schema_present(f->sub, base);
  case F_STRUCT: return schema_present(f->sub, CAT(base, f->offset, char));
  case F_PTR: {
    const void *p = *CAT(base, f->offset, const void *);
    return p != NULL;
  }
  case F_POS:
  case F_ANY:
  case F_SKIP: return false; /* F_SKIP fields are written by the top level */
  }
  return false;
}

static bool schema_present(const jx_schema *s, const void *base) {
  for (size_t i = 0; i < s->n; i++)
    if (field_present(&s->fields[i], base)) return true;
  return false;
}

static void write_mapping(writer *w, const jx_schema *s, const void *base, int ind, bool first_on_dash);

/* A mapping from name to number or money (staff kinds, income sources). */
static void write_named(writer *w, const jx_field *f, const void *base, int ind) {
  char buf[48];
  if (f->type == F_NAMED_NUM) {
    const JX_LIST(jx_named_num) *l = (const void *)CAT(base, f->offset, char);
    for (size_t i = 0; i < l->n; i++)
      if (l->items[i].value.set) put_scalar(w, ind, l->items[i].name, num_text(l->items[i].value.v, buf, sizeof buf), false);
  } else {
    const JX_LIST(jx_named_money) *l = (const void *)CAT(base, f->offset, char);
    for (size_t i = 0; i < l->n; i++)
      if (l->items[i].amount.set)
        put_scalar(w, ind, l->items[i].name, money_text(w, l->items[i].amount.fen, buf, sizeof buf), false);
  }
}

static void write_counts(writer *w, const jx_countlist *l, int ind) {
  char buf[48];
  for (size_t i = 0; i < l->n; i++) {
    const jx_count *c = &l->items[i];
    if (!c->parts.n) {
      if (c->total.set) put_scalar(w, ind, c->key, num_text(c->total.v, buf, sizeof buf), false);
      continue;
    }
    put_key(w, ind, c->key);
    fputc('\n', w->out);
    if (c->total.set) put_scalar(w, ind + 2, "total", num_text(c->total.v, buf, sizeof buf), false);
    put_key(w, ind + 2, "parts");
    fputc('\n', w->out);
    for (size_t k = 0; k < c->parts.n; k++)
      if (c->parts.items[k].value.set)
        put_scalar(w, ind + 4, c->parts.items[k].name, num_text(c->parts.items[k].value.v, buf, sizeof buf), false);
  }
}

/* The value of field f as one scalar, or NULL when f is not a scalar field. */
static const char *scalar_text(writer *w, const jx_field *f, const void *base, char *buf, size_t n) {
  switch (f->type) {
  case F_TEXT:
  case F_DATE: return *CAT(base, f->offset, const char *);
  case F_MONEY: return money_text(w, CAT(base, f->offset, jx_money)->fen, buf, n);
  case F_NUM:
  case F_COUNT: return num_text(CAT(base, f->offset, jx_num)->v, buf, n);
  case F_INT: snprintf(buf, n, "%d", *CAT(base, f->offset, int)); return buf;
  case F_VALUE: return value_text(w, CAT(base, f->offset, jx_value), buf, n);
  case F_NATURE: return jx_nature_symbol(*CAT(base, f->offset, jx_nature));
  case F_BOOL: return "true";
  case F_ENUM: {
    int v = *CAT(base, f->offset, int);
    for (const jx_enum_name *e = f->names; e && e->name; e++)
      if (e->value == v) return e->name;
    return NULL;
  }
  default: return NULL;
  }
}

/* Write one field at indentation ind.  The key is not indented when first_on_dash
 * (it follows "- " of a list item). */
static void write_field(writer *w, const jx_field *f, const void *base, int ind, bool first_on_dash) {
  int key_ind = first_on_dash ? 0 : ind;
  char buf[48];
  const char *text = scalar_text(w, f, base, buf, sizeof buf);
  if (text) {
    bool is_text = f->type == F_TEXT ||
                   (f->type == F_VALUE && CAT(base, f->offset, jx_value)->kind != JX_VAL_NUMBER &&
                    CAT(base, f->offset, jx_value)->kind != JX_VAL_REF);
    put_scalar(w, key_ind, f->key, text, is_text);
    return;
  }
  switch (f->type) {
  case F_TEXTLIST: {
    const jx_strlist *l = CAT(base, f->offset, jx_strlist);
    put_key(w, key_ind, f->key);
    fputc('\n', w->out);
    for (size_t i = 0; i < l->n; i++) {
      indent(w, ind + 2);
      fputs("- ", w->out);
      fputs(jx_yaml_quote_text(w->a, l->items[i] ? l->items[i] : ""), w->out);
      fputc('\n', w->out);
    }
    return;
  }
  case F_GROUP:
  case F_STRUCT:
  case F_PTR: {
    const void *sub = f->type == F_GROUP    ? base
                      : f->type == F_STRUCT ? (const void *)CAT(base, f->offset, char)
                                            : *CAT(base, f->offset, const void *);
    /* an analysis item holding only its text is written as that text */
    if (f->sub->text_shortcut) {
      const char *t = *CAT(sub, f->sub->text_shortcut - 1, const char *);
      bool only_text = true;
      for (size_t i = 0; i < f->sub->n; i++) {
        const jx_field *g = &f->sub->fields[i];
        if (g->offset != f->sub->text_shortcut - 1 && field_present(g, sub)) only_text = false;
      }
      if (only_text && t) {
        put_scalar(w, key_ind, f->key, t, true);
        return;
      }
    }
    put_key(w, key_ind, f->key);
    fputc('\n', w->out);
    write_mapping(w, f->sub, sub, ind + 2, false);
    return;
  }
  case F_LIST: {
    const any_list *l = CAT(base, f->offset, any_list);
    put_key(w, key_ind, f->key);
    fputc('\n', w->out);
    for (size_t i = 0; i < l->n; i++) {
      const void *item = (const char *)l->items + i * f->elem_size;
      indent(w, ind + 2);
      fputs("- ", w->out);
      if (!schema_present(f->sub, item)) {
        fputs("{}\n", w->out);
        continue;
      }
      write_mapping(w, f->sub, item, ind + 4, true);
    }
    return;
  }
  case F_COUNTS:
    put_key(w, key_ind, f->key);
    fputc('\n', w->out);
    write_counts(w, CAT(base, f->offset, jx_countlist), ind + 2);
    return;
  case F_NAMED_NUM:
  case F_NAMED_MONEY:
    put_key(w, key_ind, f->key);
    fputc('\n', w->out);
    write_named(w, f, base, ind + 2);
    return;
  default: return;
  }
}

static void write_mapping(writer *w, const jx_schema *s, const void *base, int ind, bool first_on_dash) {
  for (size_t i = 0; i < s->n; i++) {
    const jx_field *f = &s->fields[i];
    if (!field_present(f, base)) continue;
    write_field(w, f, base, ind, first_on_dash);
    first_on_dash = false;
  }
}

jx_status jx_doc_write_yaml(const jx_doc *doc, FILE *out, char *err, size_t errlen) {
  if (!doc || !out) {
    if (err && errlen) snprintf(err, errlen, "没有可写出的数据");
    return JX_ERR_INVALID;
  }
  writer w = {.out = out, .a = jx_arena_new(), .doc = doc,
              .money_decimals = doc->money_unit_fen == JX_FEN_PER_YUAN ? 2 : 6};
  fputs("schema: jixiao/1\n", out);
  for (size_t i = 0; i < jx_doc_schema.n; i++) {
    const jx_field *f = &jx_doc_schema.fields[i];
    if (!strcmp(f->key, "money_unit")) {
      put_scalar(&w, 0, "money_unit", doc->money_unit_fen == JX_FEN_PER_YUAN ? "元" : "万元", false);
      continue;
    }
    if (field_present(f, doc)) write_field(&w, f, doc, 0, false);
  }
  jx_arena_free(w.a);
  if (fflush(out) != 0 || ferror(out)) {
    if (err && errlen) snprintf(err, errlen, "写出失败");
    return JX_ERR_IO;
  }
  return JX_OK;
}
