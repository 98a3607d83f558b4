/* schema.h — the file format as data: field descriptors shared by the binder, the
 * reference resolver and the framework loader (internal). */
#ifndef JX_SCHEMA_H
#define JX_SCHEMA_H

#include <stddef.h>

#include "jixiao.h"

typedef enum {
  F_TEXT,        /* const char *                                   */
  F_TEXTLIST,    /* jx_strlist                                     */
  F_MONEY,       /* jx_money, unit from the document                */
  F_NUM,         /* jx_num, any exact decimal, % allowed            */
  F_COUNT,       /* jx_num, whole and ≥ 0                           */
  F_INT,         /* int, whole, range [min, max]                    */
  F_VALUE,       /* jx_value                                       */
  F_NATURE,      /* jx_nature                                      */
  F_BOOL,        /* bool                                           */
  F_DATE,        /* const char * normalised to YYYY-MM-DD           */
  F_ENUM,        /* int, from a table of names                      */
  F_GROUP,       /* a mapping flattened into the same struct (sub)   */
  F_STRUCT,      /* a mapping bound into a nested struct at offset   */
  F_PTR,         /* a mapping bound into a new struct, pointer at offset */
  F_LIST,        /* JX_LIST of structs (sub, elem_size)             */
  F_COUNTS,      /* jx_countlist                                   */
  F_NAMED_NUM,   /* JX_LIST of {const char *name; jx_num value;}     */
  F_NAMED_MONEY, /* JX_LIST of {const char *name; jx_money amount;}  */
  F_POS,         /* jx_pos of the mapping itself (key ignored)      */
  F_SKIP,        /* a scalar read by someone else (not stored)      */
  F_ANY          /* any node read by someone else (not stored)      */
} jx_field_type;

typedef struct jx_schema jx_schema;

typedef struct {
  const char *name;
  int value;
} jx_enum_name;

typedef struct {
  const char *key;         /* YAML key */
  const char *zh;          /* Chinese name, used in messages and docs */
  jx_field_type type;
  size_t offset;
  bool required;
  const jx_schema *sub;    /* F_GROUP / F_STRUCT / F_PTR / F_LIST */
  size_t elem_size;        /* F_LIST / F_PTR */
  long min, max;           /* F_INT */
  const jx_enum_name *names; /* F_ENUM, terminated by {NULL, 0} */
  size_t pos_offset;       /* F_NATURE / F_TEXT: where to store the key's jx_pos (0 = nowhere) */
} jx_field;

struct jx_schema {
  const char *zh;          /* what this mapping is, in Chinese */
  const jx_field *fields;
  size_t n;
  size_t text_shortcut;    /* if nonzero: a scalar in place of the mapping binds here (offset+1) */
};

extern const jx_schema jx_doc_schema;
extern const jx_schema jx_indicator_schema;
extern const jx_schema jx_project_schema;
extern const jx_schema jx_decl_schema;            /* a declaration file (kind: declaration) */
extern const jx_schema jx_decl_indicator_schema;

/* f holds one value written as one scalar (text, money, a number, a count, a year, a
 * target or actual, a nature, a date): what a new list item's field can be given. */
bool jx_field_is_scalar(const jx_field *f);

/* A schema's field table; at most 64 fields (the binder tracks presence in a bitmask). */
#define JX_FIELDS(arr) (arr), (sizeof(arr) / sizeof((arr)[0]) + 0 * sizeof(char[sizeof(arr) / sizeof((arr)[0]) <= 64 ? 1 : -1]))

#endif
