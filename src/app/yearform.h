/* yearform.h — the whole department-year as a form: every field the web edits, with its
 * document path, Chinese label, kind and current text, grouped in sections (internal). */
#ifndef JX_YEARFORM_H
#define JX_YEARFORM_H

#include "jixiao.h"
#include "util/arena.h"

/* What a field holds, which decides how it is typed and checked as one types. */
typedef enum {
  JX_FORM_TEXT = 0, /* free text */
  JX_FORM_MONEY,    /* an amount in the document's money unit (万元 or 元) */
  JX_FORM_NUMBER,   /* a decimal number (a reference "= …" allowed where the model allows one) */
  JX_FORM_PERCENT,  /* a number read as percent */
  JX_FORM_DATE,     /* YYYY-MM-DD */
  JX_FORM_NATURE    /* one of = ≥ > ≤ < 定性 */
} jx_form_kind;

/* The kind's name in the JSON: "text", "money", "number", "percent", "date", "nature". */
const char *jx_form_kind_name(jx_form_kind k);

/* One section of the form, from the layout table (yearform_layout.c). */
typedef struct {
  const char *id;    /* "budget" */
  const char *title; /* "预算与收支" */
  bool grid;         /* items shown as the rows of a table (indicators, tasks …) */
} jx_form_section;

typedef struct {
  size_t section;      /* index into jx_form.sections */
  const char *path;    /* the document path: "budget.fiscal", "indicators[3].actual" */
  const char *name;    /* the field's own label: "实际完成值" */
  const char *group;   /* the item or part it belongs to: "指标 4：对政协工作的认知度"; "" none */
  const char *label;   /* the full label: group · name */
  jx_form_kind kind;
  const char *text;    /* the current text as one edits it ("= …" for a reference) */
  const char *unit;    /* "万元", "%", an indicator's unit; "" none */
  bool multiline;      /* long text: a text area */
  bool reference;      /* text is a reference expression */
  bool resolved;       /* reference: value holds what it resolved to */
  const char *value;   /* reference: the resolved value; analysis claim: the computed one; else NULL */
  const char *source;  /* reference: where the value comes from, in words; claim: its derivation */
  const char *hint;    /* what the file says of the field beside it (a count's comment), or NULL */
  uint32_t line;       /* the line of its value in the file (0 unknown): ties diagnostics, never shown */
  uint32_t item_line;  /* the line of the list item it belongs to (0 none) */
  uint32_t item_end;   /* the last line of any field of that item */
} jx_form_field;

/* One field of an item added to a list of mappings (a task, an indicator …). */
typedef struct {
  const char *key;  /* "budget" */
  const char *name; /* "预算数" */
  jx_form_kind kind;
  const char *unit; /* money: the document's unit; else "" */
  bool required;
} jx_form_item_field;

/* A list of the file the form can add items to and remove items from. */
typedef struct {
  size_t section;
  const char *path;  /* "goals", "finance.projects[0].indicators" */
  const char *name;  /* "年度总体目标" */
  const char *group; /* the item it belongs to ("项目 1：…"); "" none */
  size_t items;      /* how many it has: its items are path[0] … path[items-1] */
  const jx_form_item_field *fields; /* a list of mappings: a new item's fields; NULL for texts */
  size_t n_fields;
} jx_form_list;

typedef struct {
  const jx_form_section *sections;
  size_t n_sections;
  jx_form_field *fields;
  size_t n;
  jx_form_list *lists; /* in the order the walk meets them */
  size_t n_lists;
  const char *money_unit; /* "万元" or "元" */
} jx_form;

/* The form of doc: its fields in the layout's section order, each list item in file order.
 * res (NULL allowed) gives the computed value of each analysis claim; src[0..src_len) (NULL
 * allowed) is the file doc was read from, whose comments give a count named in English its
 * hint ("# 7个专门委员会").  Everything is in a; doc, res and src are only read (texts are
 * copied or borrowed from doc, which must outlive the form). */
void jx_year_form(const jx_doc *doc, const jx_result *res, const char *src, size_t src_len, jx_arena *a, jx_form *out);

/* The field diagnostic d is about: the field on d's line, else the first field of the list
 * item whose lines hold d's line; -1 when none (a diagnostic about the whole year). */
long jx_form_field_for(const jx_form *f, const jx_diag *d);

/* The layout (yearform_layout.c): sections in order, and which document paths go where. */
typedef struct {
  const char *prefix; /* a document path prefix: "finance.projects" */
  size_t section;     /* index into jx_form_layout_sections */
} jx_form_place;
extern const jx_form_section jx_form_layout_sections[];
extern const size_t jx_form_layout_n_sections;
extern const jx_form_place jx_form_layout_places[];
extern const size_t jx_form_layout_n_places;
/* keys of the model not shown on the form (assumptions, evidence lists, internal links) */
extern const char *const jx_form_layout_hidden[];

#endif
