/* read_docx.c — a DOCX file's paragraphs and tables as the importer's table text (docread.h). */
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "import/docread.h"
#include "import/tabletext.h"
#include "util/buf.h"

/* The part is inflated a chunk at a time straight into expat (as parse/xlsx.c reads its
 * parts): the zip directory's sizes only refuse early, the bytes that arrive are counted
 * against JX_DOCREAD_MAX_INPUT, and past the first RATIO_FREE bytes against MAX_RATIO
 * times the part's compressed size.  Chunks double from CHUNK to MAX_CHUNK: expat 2.5
 * rescans an unfinished token (a huge comment or text) on every call, so fewer calls
 * keep that linear in practice. */
enum {
  CHUNK = 64 << 10,
  MAX_CHUNK = 8 << 20,
  RATIO_FREE = 1 << 20,
  MAX_RATIO = 200,
  MAX_DEPTH = 256,
  MAX_SPAN = 1000
};

#define PART "word/document.xml"
#define NS_SEP '\x01'
static const char *const W_NS[] = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                   "http://purl.oclc.org/ooxml/wordprocessingml/main", NULL};
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* The elements the reader acts on; everything else is transparent. */
typedef enum {
  E_OTHER = 0,
  E_P,
  E_R,
  E_T,
  E_TAB,
  E_BR,
  E_NBHYPHEN,
  E_TBL,
  E_TR,
  E_TC,
  E_TCPR,
  E_TRPR,
  E_RPR,
  E_GRIDSPAN,
  E_VMERGE,
  E_HMERGE,
  E_GRIDBEFORE,
  E_VANISH,
  E_DEL,      /* deleted revision: skipped */
  E_MOVEFROM, /* moved-away revision: skipped */
  E_FALLBACK, /* mc:Fallback repeats mc:Choice: skipped */
  E_TXBX,     /* a text box's content: flattened into the paragraph holding it */
  E_SDT,      /* a content control ... */
  E_SDTPR,
  E_PLCHDR,   /* ... showing its placeholder ("单击此处输入文字"): its content is skipped */
  E_SDTCONTENT,
  E_RT        /* ruby (phonetic) text above the base text: skipped */
} elem;

static const struct {
  const char *name;
  elem e;
} W_ELEMS[] = {{"p", E_P},
               {"r", E_R},
               {"t", E_T},
               {"tab", E_TAB},
               {"br", E_BR},
               {"cr", E_BR},
               {"noBreakHyphen", E_NBHYPHEN},
               {"tbl", E_TBL},
               {"tr", E_TR},
               {"tc", E_TC},
               {"tcPr", E_TCPR},
               {"trPr", E_TRPR},
               {"rPr", E_RPR},
               {"gridSpan", E_GRIDSPAN},
               {"vMerge", E_VMERGE},
               {"hMerge", E_HMERGE},
               {"gridBefore", E_GRIDBEFORE},
               {"vanish", E_VANISH},
               {"del", E_DEL},
               {"moveFrom", E_MOVEFROM},
               {"txbxContent", E_TXBX},
               {"sdt", E_SDT},
               {"sdtPr", E_SDTPR},
               {"showingPlcHdr", E_PLCHDR},
               {"sdtContent", E_SDTCONTENT},
               {"rt", E_RT}};

typedef struct {
  uint8_t e;    /* elem */
  bool flat;    /* this w:tbl was flattened (counted in flat); this w:sdt shows a
                 * placeholder; this w:sdtContent is skipped (counted in skip) */
} frame;

typedef struct {
  XML_Parser parser;
  char *err;
  size_t errlen;
  bool failed;
  frame stack[MAX_DEPTH];
  unsigned depth;
  unsigned skip;    /* open w:del / w:moveFrom / mc:Fallback */
  unsigned flat;    /* open text boxes and tables inside a cell: their text joins the enclosing one */
  unsigned p_open;  /* open w:p, nested ones (text boxes) included */
  bool run_hidden;  /* the current run is w:vanish */
  /* the table being read (top level, or inside a text box's flattening: then not at all) */
  unsigned tbl;     /* open non-flat tables (0 or 1) */
  bool in_cell;     /* inside a non-flat w:tc */
  long span;        /* its w:gridSpan */
  bool cont;        /* it continues a vertical merge */
  jx_buf cell;      /* its raw text */
  jx_buf row;       /* the row so far: "| a | b |" */
  bool row_text;    /* some cell of the row has text */
  jx_buf para;      /* the top-level paragraph's raw text; '\n' for w:br */
  /* the output */
  jx_tt w;           /* the text written (tabletext.h) */
} docx;

static bool __attribute__((format(printf, 2, 3))) fail(docx *d, const char *fmt, ...) {
  if (!d->failed && d->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, d->errlen, fmt, ap); // NOLINT(clang-analyzer-valist.Uninitialized): va_start above (a clang 14 false positive)
    va_end(ap);
  }
  d->failed = true;
  if (d->parser) XML_StopParser(d->parser, XML_FALSE);
  return false;
}

static bool over_text(docx *d, size_t more) {
  if (d->w.out.n + d->row.n + more <= JX_DOCREAD_MAX_TEXT) return false;
  return !fail(d, "DOCX 文件的文字超过导入上限 %zu MB，拒绝读取", JX_DOCREAD_MAX_TEXT >> 20);
}

/* ---- text shaping ------------------------------------------------------------------------- */

/* The open paragraph into the text, a line for each line break in it (tabletext.h). */
static void flush_para(docx *d) {
  jx_tt_para(&d->w, &d->para, true);
  over_text(d, 0);
}

/* Where the text of a run goes now. */
static jx_buf *target(docx *d) { return d->in_cell ? &d->cell : &d->para; }

/* Text into the open cell or paragraph; a line break inside w:t is a blank (only w:br
 * and w:cr break a line). */
static void add_text(docx *d, const char *s, size_t n) {
  jx_buf *b = target(d);
  if (over_text(d, b->n + n)) return;
  jx_buf_reserve(b, n);
  for (size_t i = 0; i < n; i++) b->p[b->n++] = (char)(s[i] == '\n' ? ' ' : s[i]);
  b->p[b->n] = '\0';
}

static void add_cell(docx *d, const char *s, size_t n, long span) {
  if (jx_tt_cell(&d->row, s, n)) d->row_text = true;
  for (long i = 1; i < span && !d->failed; i++) {
    jx_buf_puts(&d->row, " |");
    if ((i & 63) == 0) over_text(d, 0);
  }
  over_text(d, 0);
}

static void end_row(docx *d) {
  jx_tt_row(&d->w, &d->row, d->row_text);
  d->row_text = false;
}

/* ---- the XML ------------------------------------------------------------------------------ */

static elem classify(const char *name) {
  const char *sep = strchr(name, NS_SEP);
  if (!sep) return E_OTHER;
  size_t ns = (size_t)(sep - name);
  const char *local = sep + 1;
  if (ns == strlen(MC_NS) && !memcmp(name, MC_NS, ns)) return strcmp(local, "Fallback") == 0 ? E_FALLBACK : E_OTHER;
  for (size_t k = 0; W_NS[k]; k++)
    if (ns == strlen(W_NS[k]) && !memcmp(name, W_NS[k], ns)) {
      for (size_t i = 0; i < sizeof W_ELEMS / sizeof W_ELEMS[0]; i++)
        if (strcmp(local, W_ELEMS[i].name) == 0) return W_ELEMS[i].e;
      return E_OTHER;
    }
  return E_OTHER;
}

/* The attribute w:val (by its local name). */
static const char *val_of(const char **atts) {
  for (size_t i = 0; atts[i]; i += 2) {
    const char *sep = strchr(atts[i], NS_SEP);
    if (strcmp(sep ? sep + 1 : atts[i], "val") == 0) return atts[i + 1];
  }
  return NULL;
}

static long clamp_val(const char *v, long lo, long hi, long dflt) {
  if (!v) return dflt;
  char *end = NULL;
  errno = 0;
  long x = strtol(v, &end, 10);
  if (end == v || errno) return dflt;
  return x < lo ? lo : x > hi ? hi : x;
}

static bool off(const char *v) { return v && (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "off")); }

static elem parent(const docx *d, unsigned up) { return d->depth > up ? (elem)d->stack[d->depth - 1 - up].e : E_OTHER; }

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  docx *d = ud;
  if (d->failed) return;
  if (d->depth >= MAX_DEPTH) {
    fail(d, "DOCX 文件的 " PART " 嵌套超过 %d 层，拒绝读取", MAX_DEPTH);
    return;
  }
  elem e = classify(name);
  frame *f = &d->stack[d->depth];
  f->e = (uint8_t)e;
  f->flat = false;
  elem up = parent(d, 0);
  d->depth++;
  if (e == E_DEL || e == E_MOVEFROM || e == E_FALLBACK || e == E_RT) d->skip++;
  if (e == E_PLCHDR && up == E_SDTPR && d->depth >= 3 && d->stack[d->depth - 3].e == E_SDT)
    d->stack[d->depth - 3].flat = true;
  if (e == E_SDTCONTENT && up == E_SDT && d->stack[d->depth - 2].flat) {
    f->flat = true;
    d->skip++;
  }
  if (d->skip) return;
  switch (e) {
  case E_P:
    if (d->p_open++ && !d->in_cell) add_text(d, " ", 1); /* a text box's paragraph inside this one */
    break;
  case E_R: d->run_hidden = false; break;
  case E_VANISH:
    if (up == E_RPR && parent(d, 2) == E_R) d->run_hidden = !off(val_of(atts));
    break;
  case E_TAB:
    if (up == E_R && !d->run_hidden) add_text(d, " ", 1);
    break;
  case E_BR:
    if (up == E_R && !d->run_hidden) {
      if (d->in_cell || d->flat || d->p_open > 1) add_text(d, " ", 1);
      else if (!over_text(d, d->para.n + 1)) jx_buf_ch(&d->para, '\n');
    }
    break;
  case E_NBHYPHEN:
    if (up == E_R && !d->run_hidden) add_text(d, "-", 1);
    break;
  case E_TXBX: d->flat++; break;
  case E_TBL:
    if (d->flat || d->in_cell || d->p_open) {
      f->flat = true;
      d->flat++;
      add_text(d, " ", 1);
    } else {
      if (d->para.n) flush_para(d);
      if (d->w.out.n) d->w.blank = true;
      d->tbl++;
    }
    break;
  case E_TR:
    if (!d->flat && d->tbl) {
      d->row.n = 0;
      d->row_text = false;
    }
    break;
  case E_GRIDBEFORE:
    if (!d->flat && d->tbl && up == E_TRPR)
      for (long i = clamp_val(val_of(atts), 0, MAX_SPAN, 0); i > 0 && !d->failed; i--) add_cell(d, "", 0, 1);
    break;
  case E_TC:
    if (d->flat || !d->tbl) {
      add_text(d, " ", 1);
    } else {
      d->in_cell = true;
      d->span = 1;
      d->cont = false;
      d->cell.n = 0;
    }
    break;
  case E_GRIDSPAN:
    if (!d->flat && d->in_cell && up == E_TCPR) d->span = clamp_val(val_of(atts), 1, MAX_SPAN, 1);
    break;
  case E_VMERGE:
  case E_HMERGE:
    if (!d->flat && d->in_cell && up == E_TCPR) {
      const char *v = val_of(atts);
      d->cont = !v || strcmp(v, "restart") != 0;
    }
    break;
  default: break;
  }
}

static void XMLCALL on_end(void *ud, const XML_Char *name) {
  (void)name;
  docx *d = ud;
  if (d->failed || !d->depth) return;
  const frame *f = &d->stack[--d->depth];
  elem e = (elem)f->e;
  if (e == E_DEL || e == E_MOVEFROM || e == E_FALLBACK || e == E_RT || (e == E_SDTCONTENT && f->flat)) {
    d->skip--;
    return;
  }
  if (d->skip) return;
  switch (e) {
  case E_P:
    if (d->p_open) d->p_open--;
    if (d->in_cell || d->p_open) add_text(d, " ", 1);
    else flush_para(d);
    break;
  case E_TXBX:
    if (d->flat) d->flat--;
    break;
  case E_TBL:
    if (f->flat) {
      if (d->flat) d->flat--;
      add_text(d, " ", 1);
    } else if (d->tbl) {
      d->tbl--;
      if (d->w.out.n) d->w.blank = true;
    }
    break;
  case E_TC:
    if (!d->flat && d->in_cell) {
      d->in_cell = false;
      add_cell(d, d->cont ? "" : d->cell.p, d->cont ? 0 : d->cell.n, d->span);
    } else {
      add_text(d, " ", 1);
    }
    break;
  case E_TR:
    if (!d->flat && d->tbl) end_row(d);
    else add_text(d, " ", 1);
    break;
  default: break;
  }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len) {
  docx *d = ud;
  if (d->failed || d->skip || len <= 0 || d->run_hidden || parent(d, 0) != E_T) return;
  add_text(d, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal) {
  (void)name, (void)sysid, (void)pubid, (void)has_internal;
  fail(ud, "DOCX 文件已损坏：" PART " 含有 DTD（<!DOCTYPE>），拒绝读取");
}

/* ---- the package -------------------------------------------------------------------------- */

static jx_status read_zip(zip_t *zip, char **out, size_t *len, char *err, size_t errlen) {
  zip_int64_t idx = zip_name_locate(zip, PART, 0);
  if (idx < 0) idx = zip_name_locate(zip, PART, ZIP_FL_NOCASE);
  if (idx < 0) {
    if (zip_name_locate(zip, "xl/workbook.xml", ZIP_FL_NOCASE) >= 0)
      snprintf(err, errlen, "不是 DOCX 文件：缺少 " PART "（这是 XLSX 工作簿，请以 .xlsx 为扩展名导入）");
    else snprintf(err, errlen, "不是 DOCX 文件：缺少 " PART);
    return JX_ERR_DATA;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, (zip_uint64_t)idx, 0, &st) != 0) {
    snprintf(err, errlen, "DOCX 文件已损坏：无法读取 %s 的压缩目录", PART);
    return JX_ERR_DATA;
  }
  /* the declared size only refuses early; what arrives is counted below */
  if ((st.valid & ZIP_STAT_SIZE) && st.size > JX_DOCREAD_MAX_INPUT) {
    snprintf(err, errlen, "DOCX 文件的 " PART " 解压后 %llu 字节，超过导入上限 %zu MB，拒绝读取（疑似压缩炸弹）",
             (unsigned long long)st.size, JX_DOCREAD_MAX_INPUT >> 20);
    return JX_ERR_DATA;
  }
  zip_uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size ? st.comp_size : 1;
  if ((st.valid & ZIP_STAT_SIZE) && st.size > RATIO_FREE && st.size / comp > MAX_RATIO) {
    snprintf(err, errlen, "DOCX 文件的 " PART " 压缩比 %llu 倍，超过上限 %d 倍，拒绝读取（疑似压缩炸弹）",
             (unsigned long long)(st.size / comp), MAX_RATIO);
    return JX_ERR_DATA;
  }
  zip_file_t *zf = zip_fopen_index(zip, (zip_uint64_t)idx, 0);
  if (!zf) {
    int code = zip_error_code_zip(zip_get_error(zip));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      snprintf(err, errlen, "DOCX 文件已加密，无法读取：请先在 Word 或 WPS 中取消密码再导入");
    else snprintf(err, errlen, "DOCX 文件已损坏：无法解压 %s（%s）", PART, zip_strerror(zip));
    return JX_ERR_DATA;
  }
  docx *d = jx_xcalloc(1, sizeof *d);
  d->err = err;
  d->errlen = errlen;
  d->parser = XML_ParserCreateNS("UTF-8", NS_SEP);
  if (!d->parser) {
    zip_fclose(zf);
    free(d);
    snprintf(err, errlen, "内存不足，无法读取 DOCX 文件");
    return JX_ERR_IO;
  }
  XML_SetUserData(d->parser, d);
  XML_SetElementHandler(d->parser, on_start, on_end);
  XML_SetCharacterDataHandler(d->parser, on_text);
  XML_SetStartDoctypeDeclHandler(d->parser, on_doctype);
  XML_SetParamEntityParsing(d->parser, XML_PARAM_ENTITY_PARSING_NEVER);
  size_t chunk = CHUNK;
  char *buf = jx_xmalloc(chunk);
  size_t got = 0;
  for (;;) {
    zip_int64_t n = zip_fread(zf, buf, chunk);
    if (n < 0) {
      fail(d, "DOCX 文件已损坏：%s 解压失败（%s）", PART, zip_file_strerror(zf));
      break;
    }
    got += (size_t)n;
    if (got > JX_DOCREAD_MAX_INPUT) {
      fail(d, "DOCX 文件的 " PART " 解压后超过导入上限 %zu MB，拒绝读取（疑似压缩炸弹）", JX_DOCREAD_MAX_INPUT >> 20);
      break;
    }
    if (got > RATIO_FREE && got / comp > MAX_RATIO) {
      fail(d, "DOCX 文件的 " PART " 压缩比超过上限 %d 倍，拒绝读取（疑似压缩炸弹）", MAX_RATIO);
      break;
    }
    if (XML_Parse(d->parser, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
      if (!d->failed)
        fail(d, "DOCX 文件已损坏：%s 第 %lu 行第 %lu 列 XML 格式错误（%s）", PART,
             (unsigned long)XML_GetCurrentLineNumber(d->parser), (unsigned long)XML_GetCurrentColumnNumber(d->parser) + 1,
             XML_ErrorString(XML_GetErrorCode(d->parser)));
      break;
    }
    if (d->failed || n == 0) break;
    if (chunk < MAX_CHUNK) {
      chunk *= 2;
      free(buf);
      buf = jx_xmalloc(chunk);
    }
  }
  free(buf);
  zip_fclose(zf);
  XML_ParserFree(d->parser);
  d->parser = NULL;
  if (!d->failed && d->para.n) flush_para(d); /* not reached by a well-formed part */
  free(d->cell.p);
  free(d->row.p);
  free(d->para.p);
  if (d->failed) {
    free(d->w.out.p);
    free(d);
    return JX_ERR_DATA;
  }
  if (!d->w.out.p) d->w.out.p = jx_xcalloc(1, 1);
  *out = d->w.out.p;
  *len = d->w.out.n;
  free(d);
  return JX_OK;
}

/* docread.h: the DOCX at path as table text (*out malloc'd, *len its bytes).  JX_ERR_IO
 * when it cannot be opened; JX_ERR_DATA when it is no DOCX, is damaged or encrypted,
 * or passes a bound (JX_DOCREAD_MAX_INPUT inflated, 200x compression, 256 levels,
 * JX_DOCREAD_MAX_TEXT written); err then holds one Chinese sentence. */
jx_status jx_docx_to_text(const char *path, char **out, size_t *len, char *err, size_t errlen) {
  *out = NULL;
  *len = 0;
  if (errlen) err[0] = '\0';
  struct stat sb;
  if (stat(path, &sb) != 0) {
    snprintf(err, errlen, "无法打开 DOCX 文件：%s", errno == ENOENT ? "文件不存在" : strerror(errno));
    return JX_ERR_IO;
  }
  if (S_ISDIR(sb.st_mode)) {
    snprintf(err, errlen, "这是一个目录，不是 DOCX 文件");
    return JX_ERR_IO;
  }
  int code = 0;
  zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
  if (!zip) {
    unsigned char head[4] = {0};
    FILE *f = fopen(path, "rb");
    size_t got = f ? fread(head, 1, sizeof head, f) : 0;
    if (f) fclose(f);
    bool zip_head = got == 4 && !memcmp(head, "PK\x03\x04", 4);
    switch (code) {
    case ZIP_ER_NOZIP:
      snprintf(err, errlen, "%s",
               zip_head ? "DOCX 文件已损坏：zip 压缩包不完整（缺少目录，可能未下载完）" : "不是 DOCX 文件（不是 zip 压缩包）");
      return JX_ERR_DATA;
    case ZIP_ER_INCONS: snprintf(err, errlen, "DOCX 文件已损坏：zip 压缩包的目录不一致"); return JX_ERR_DATA;
    case ZIP_ER_MEMORY: snprintf(err, errlen, "内存不足，无法读取 DOCX 文件"); return JX_ERR_IO;
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_NOENT: snprintf(err, errlen, "无法打开 DOCX 文件（读取失败）"); return JX_ERR_IO;
    default: snprintf(err, errlen, "DOCX 文件已损坏：不是有效的 zip 压缩包"); return JX_ERR_DATA;
    }
  }
  jx_status st = read_zip(zip, out, len, err, errlen);
  zip_discard(zip);
  return st;
}
