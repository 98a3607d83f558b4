/* source.c — the text of a published report: a UTF-8 text file, or a PDF through
 * pdftotext run as a child process (util/spawn.h: argv only, no shell, bounded).  Lines are
 * bounded in number and length, cleaned of control characters and trimmed. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import/import.h"
#include "parse/yaml_tree.h"
#include "util/diag.h"
#include "util/spawn.h"
#include "util/text.h"

static jx_pos whole(const char *path) { return (jx_pos){path, 0, 0}; }

jx_status jx_pdf_to_text(const char *path, char **out, size_t *len, jx_diags *d) {
  *out = NULL;
  *len = 0;
  const char *prog = getenv("JIXIAO_PDFTOTEXT");
  if (!prog || !*prog) prog = "pdftotext";
  /* a path starting with '-' would be read as an option */
  char *arg = NULL;
  if (path[0] == '-') {
    size_t n = strlen(path) + 3;
    arg = jx_xmalloc(n);
    snprintf(arg, n, "./%s", path);
  }
  char *argv[] = {(char *)prog, "-q", "-enc", "UTF-8", arg ? arg : (char *)path, "-", NULL};
  char *buf = NULL;
  size_t n = 0;
  jx_run_result r = jx_run_capture(argv, JX_MAX_FILE_BYTES, JX_IMPORT_PDF_TIMEOUT_MS, &buf, &n);
  free(arg);
  switch (r.state) {
  case JX_RUN_EXITED: break;
  case JX_RUN_NOT_FOUND:
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "找不到 pdftotext，无法读取 PDF：请安装 poppler-utils（apt-get install poppler-utils）");
    return JX_ERR_IO;
  case JX_RUN_NO_START:
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "无法启动 pdftotext：%s", strerror(r.errno_value));
    return JX_ERR_IO;
  case JX_RUN_TIMEOUT:
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "pdftotext 运行超过 %d 秒仍未结束，已停止：PDF 可能已损坏或过于复杂",
                JX_IMPORT_PDF_TIMEOUT_MS / 1000);
    return JX_ERR_DATA;
  case JX_RUN_TOO_BIG:
    jx_diag_add(d, "JX504", JX_ERROR, whole(path), "PDF 的文字超过上限 %zu 字节（%zu MB），不予导入", JX_MAX_FILE_BYTES,
                JX_MAX_FILE_BYTES >> 20);
    return JX_ERR_DATA;
  case JX_RUN_READ_ERROR:
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "读取 pdftotext 的输出失败");
    return JX_ERR_DATA;
  }
  if (r.exit_code != 0) {
    free(buf);
    int code = r.exit_code;
    if (code == 127)
      jx_diag_add(d, "JX502", JX_ERROR, whole(path), "找不到 pdftotext，无法读取 PDF：请安装 poppler-utils（apt-get install poppler-utils）");
    else if (code == 1)
      jx_diag_add(d, "JX502", JX_ERROR, whole(path), "pdftotext 无法打开此 PDF：文件已损坏、不是 PDF，或需要密码");
    else if (code == 3)
      jx_diag_add(d, "JX502", JX_ERROR, whole(path), "此 PDF 设置了权限限制，不允许提取文字");
    else if (code < 0)
      jx_diag_add(d, "JX502", JX_ERROR, whole(path), "pdftotext 异常终止（信号 %d）：PDF 可能已损坏", r.signal);
    else
      jx_diag_add(d, "JX502", JX_ERROR, whole(path), "pdftotext 无法转换此 PDF（退出码 %d）", code);
    return code == 127 ? JX_ERR_IO : JX_ERR_DATA;
  }
  *out = buf;
  *len = n;
  return JX_OK;
}

/* U+2028/U+2029 (line breaks to YAML), U+FEFF, U+FFFE/U+FFFF, C1 controls: replaced. */
static size_t unwanted_at(const unsigned char *p) {
  if (p[0] < 0x20 || p[0] == 0x7F) return 1;
  if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) return 2;
  if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) return 3;
  if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3;
  if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) return 3;
  return 0;
}

static jx_pos at_line(const char *name, uint32_t line, uint32_t col) { return (jx_pos){name, line, col}; }

jx_status jx_src_from_text(jx_arena *a, const char *name, const char *data, size_t len, jx_src *out, jx_diags *d) {
  memset(out, 0, sizeof *out);
  out->name = jx_arena_strdup(a, name ? name : "<input>");
  if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB && (unsigned char)data[2] == 0xBF) {
    data += 3;
    len -= 3;
  }
  const char *nul = memchr(data, '\0', len);
  size_t bad = 0;
  if (nul || !jx_utf8_valid(data, len, &bad)) {
    size_t off = nul ? (size_t)(nul - data) : bad;
    uint32_t line = 1, col = 1;
    for (size_t i = 0; i < off; i++) {
      if (data[i] == '\n') {
        line++;
        col = 1;
      } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
        col++;
      }
    }
    if (nul)
      jx_diag_add(d, "JX501", JX_ERROR, at_line(out->name, line, col), "文件中有 NUL 字节（第 %zu 字节）：这不是文本文件", off + 1);
    else
      jx_diag_add(d, "JX501", JX_ERROR, at_line(out->name, line, col),
                  "不是有效的 UTF-8 编码（第 %zu 字节 0x%02X）：文件可能是 GBK 编码，请另存为 UTF-8 后再导入", off + 1,
                  (unsigned)(unsigned char)data[off]);
    return JX_ERR_DATA;
  }
  /* count lines */
  size_t nlines = 1;
  for (size_t i = 0; i < len; i++) {
    char c = data[i];
    if (c == '\n' || c == '\f' || (c == '\r' && !(i + 1 < len && data[i + 1] == '\n'))) nlines++;
  }
  if (nlines > JX_IMPORT_MAX_LINES) {
    jx_diag_add(d, "JX504", JX_ERROR, whole(out->name), "文本有 %zu 行，超过导入上限 %u 行", nlines, JX_IMPORT_MAX_LINES);
    return JX_ERR_DATA;
  }
  out->lines = jx_arena_alloc(a, nlines * sizeof *out->lines);
  char *clean = jx_arena_take(a, len + 1);
  size_t start = 0, k = 0;
  bool any = false;
  for (size_t i = 0; i <= len; i++) {
    bool end = i == len || data[i] == '\n' || data[i] == '\f' || data[i] == '\r';
    if (!end) continue;
    size_t n = i - start;
    if (n > JX_IMPORT_MAX_LINE_BYTES) {
      jx_diag_add(d, "JX504", JX_ERROR, at_line(out->name, (uint32_t)(k + 1), 1), "第 %zu 行长 %zu 字节，超过导入上限 %zu 字节",
                  k + 1, n, JX_IMPORT_MAX_LINE_BYTES);
      return JX_ERR_DATA;
    }
    /* copy, replacing what YAML or a terminal must not see by a space */
    char *o = clean + start;
    const unsigned char *p = (const unsigned char *)data + start, *e = (const unsigned char *)data + i;
    while (p < e) {
      size_t u = unwanted_at(p);
      if (u && p + u <= e) {
        *o++ = ' ';
        p += u;
      } else {
        *o++ = (char)*p++;
      }
    }
    char *t = jx_trim_dup(a, clean + start, (size_t)(o - (clean + start)));
    out->lines[k].text = t;
    out->lines[k].len = (uint32_t)strlen(t);
    out->lines[k].no = (uint32_t)(k + 1);
    any |= out->lines[k].len > 0;
    k++;
    if (i < len && data[i] == '\r' && i + 1 < len && data[i + 1] == '\n') i++;
    start = i + 1;
  }
  out->n = k;
  if (any && !jx_src_normalize(a, out)) {
    jx_diag_add(d, "JX504", JX_ERROR, whole(out->name), "表格拆分成单元格后超过导入上限 %u 行", JX_IMPORT_MAX_LINES);
    return JX_ERR_DATA;
  }
  if (!any) {
    jx_diag_add(d, "JX500", JX_ERROR, at_line(out->name, 1, 1), "文件为空：没有任何文字");
    return JX_ERR_DATA;
  }
  return JX_OK;
}

static bool has_ext(const char *path, const char *ext) {
  size_t n = strlen(path), e = strlen(ext);
  return n >= e && strcasecmp(path + n - e, ext) == 0;
}

/* The documents module's readers (docread.h): in the command line's build through
 * libjixiao-excel.so, else linked in. */
#ifdef JX_RENDER_PLUGIN
#include "parse/xlsx.h"
static const jx_excel_plugin *docs(char *err, size_t errlen) { return jx_excel_module(err, errlen); }
#define DOCX_TO_TEXT(p, o, l, e, n) (docs(e, n) ? docs(e, n)->docx_to_text(p, o, l, e, n) : JX_ERR_IO)
#define HTML_TO_TEXT(nm, dt, sz, o, l, e, n) (docs(e, n) ? docs(e, n)->html_to_text(nm, dt, sz, o, l, e, n) : JX_ERR_IO)
#define PDF_LAYOUT_TO_TEXT(p, o, l, e, n) (docs(e, n) ? docs(e, n)->pdf_layout_to_text(p, o, l, e, n) : JX_ERR_IO)
#define XLSX_FILE_TO_TEXT(p, o, l, e, n) (docs(e, n) ? docs(e, n)->xlsx_file_to_text(p, o, l, e, n) : JX_ERR_IO)
#else
#include "import/docread.h"
#define DOCX_TO_TEXT jx_docx_to_text
#define HTML_TO_TEXT jx_html_to_text
#define PDF_LAYOUT_TO_TEXT jx_pdf_layout_to_text
#define XLSX_FILE_TO_TEXT jx_xlsx_file_to_text
#endif

typedef enum { FMT_TEXT, FMT_PDF, FMT_DOCX, FMT_XLSX, FMT_HTML, FMT_OLE } src_format;

/* What the file is, by its first bytes (then its name). */
static src_format sniff(const char *path, const unsigned char *head, size_t n) {
  if (n >= 5 && memcmp(head, "%PDF-", 5) == 0) return FMT_PDF;
  if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
    return has_ext(path, ".xlsx") || has_ext(path, ".xlsm") ? FMT_XLSX : FMT_DOCX;
  if (n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) return FMT_OLE;
  if (has_ext(path, ".pdf")) return FMT_PDF;
  if (has_ext(path, ".html") || has_ext(path, ".htm") || has_ext(path, ".xhtml")) return FMT_HTML;
  /* markup at the start (after a BOM and blanks) */
  size_t i = 0;
  if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) i = 3;
  while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
  static const char *const marks[] = {"<!doctype html", "<html", "<?xml", "<head", "<body", "<table", "<meta", NULL};
  for (size_t k = 0; marks[k]; k++) {
    size_t m = strlen(marks[k]);
    if (n - i >= m && strncasecmp((const char *)head + i, marks[k], m) == 0) return FMT_HTML;
  }
  return FMT_TEXT;
}

static const char *format_name(src_format f) {
  switch (f) {
  case FMT_PDF: return "PDF";
  case FMT_DOCX: return "DOCX";
  case FMT_XLSX: return "XLSX";
  case FMT_HTML: return "HTML";
  case FMT_OLE: return "DOC/XLS";
  case FMT_TEXT: break;
  }
  return "文本";
}

/* A reader's text into src; a reader's failure is JX503 (no text), JX504 (over a bound)
 * or JX502, with the reader's sentence. */
static jx_status from_reader(jx_arena *a, const char *path, jx_status st, char *text, size_t len, const char *err,
                             jx_src *out, jx_diags *d) {
  if (st != JX_OK) {
    free(text);
    const char *code = strstr(err, "上限") ? "JX504" : strstr(err, "没有可提取的文字") ? "JX503" : "JX502";
    jx_diag_add(d, code, JX_ERROR, whole(path), "%s", *err ? err : "无法读取此文件");
    return st;
  }
  bool blank = true;
  for (size_t i = 0; i < len && blank; i++) blank = text[i] == ' ' || text[i] == '\n' || text[i] == '|' || text[i] == '\r' || text[i] == '\t';
  if (blank) {
    free(text);
    jx_diag_add(d, "JX503", JX_ERROR, whole(path), "文件中没有可提取的文字");
    return JX_ERR_DATA;
  }
  jx_status st2 = jx_src_from_text(a, path, text, len, out, d);
  free(text);
  return st2;
}

static jx_status read_pdf(jx_arena *a, const char *path, jx_src *out, jx_diags *d) {
  char err[512] = "";
  char *text = NULL;
  size_t len = 0;
  /* by layout first; when the documents module or pdftotext's layout mode is missing
   * (JX_ERR_IO), pdftotext's plain text */
  jx_status st = PDF_LAYOUT_TO_TEXT(path, &text, &len, err, sizeof err);
  if (st != JX_ERR_IO) {
    jx_status r = from_reader(a, path, st, text, len, err, out, d);
    out->from_pdf = true;
    out->format = "PDF";
    return r;
  }
  free(text);
  st = jx_pdf_to_text(path, &text, &len, d);
  if (st != JX_OK) return st;
  bool blank = true;
  for (size_t i = 0; i < len && blank; i++) blank = text[i] == ' ' || text[i] == '\n' || text[i] == '\f' || text[i] == '\r' || text[i] == '\t';
  if (blank) {
    free(text);
    jx_diag_add(d, "JX503", JX_ERROR, whole(path),
                "PDF 中没有可提取的文字（可能是扫描件或图片）：请先做文字识别（OCR），或使用原始的 Word/WPS 文件另存为文本后导入");
    return JX_ERR_DATA;
  }
  jx_status st3 = jx_src_from_text(a, path, text, len, out, d);
  free(text);
  out->from_pdf = true;
  out->format = "PDF（pdftotext 文本）";
  return st3;
}

/* Remove what a conversion left in dir (LibreOffice's profile included), then dir. */
static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(p);
}

/* A .doc or .xls (an OLE compound file): converted to .docx / .xlsx by LibreOffice run
 * headless as a child process (argv only, its own profile in a temporary directory,
 * bounded in time), then read as one.  Without LibreOffice: refused with the way out. */
static jx_status read_ole(jx_arena *a, const char *path, jx_src *out, jx_diags *d) {
  bool sheet = has_ext(path, ".xls") || has_ext(path, ".et");
  const char *ext = sheet ? "xlsx" : "docx";
  char dir[] = "/tmp/jx-convert-XXXXXX";
  if (!mkdtemp(dir)) {
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "无法建立临时目录以转换旧版文件：%s", strerror(errno));
    return JX_ERR_IO;
  }
  char profile[256], abs_in[4096];
  snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/profile", dir);
  if (path[0] == '/') snprintf(abs_in, sizeof abs_in, "%s", path);
  else {
    char cwd[2048];
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = '\0';
    snprintf(abs_in, sizeof abs_in, "%s/%s", cwd, path);
  }
  const char *prog = getenv("JIXIAO_SOFFICE");
  if (!prog || !*prog) prog = "soffice";
  char *argv[] = {(char *)prog, profile, "--headless", "--convert-to", (char *)ext, "--outdir", dir, abs_in, NULL};
  char *log = NULL;
  size_t loglen = 0;
  jx_run_result rr = jx_run_capture(argv, (size_t)1 << 20, JX_IMPORT_PDF_TIMEOUT_MS, &log, &loglen);
  free(log);
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t stem = strlen(base);
  const char *dot = strrchr(base, '.');
  if (dot) stem = (size_t)(dot - base);
  char converted[4200];
  snprintf(converted, sizeof converted, "%s/%.*s.%s", dir, (int)stem, base, ext);
  struct stat st;
  jx_status result;
  if (rr.state == JX_RUN_NOT_FOUND) {
    jx_diag_add(d, "JX502", JX_ERROR, whole(path),
                "这是旧版 Word/Excel 文件（.doc/.xls），转换需要 LibreOffice（apt-get install libreoffice-writer-nogui "
                "libreoffice-calc-nogui）；或用 WPS、Office 另存为 .docx/.xlsx 后再导入");
    result = JX_ERR_IO;
  } else if (rr.state == JX_RUN_TIMEOUT) {
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "LibreOffice 转换旧版文件超过 %d 秒仍未结束，已停止", JX_IMPORT_PDF_TIMEOUT_MS / 1000);
    result = JX_ERR_DATA;
  } else if (rr.state != JX_RUN_EXITED || stat(converted, &st) != 0) {
    jx_diag_add(d, "JX502", JX_ERROR, whole(path), "LibreOffice 无法转换此文件：它可能已损坏、加密，或不是 Word/Excel 文件");
    result = JX_ERR_DATA;
  } else {
    char err[512] = "";
    char *text = NULL;
    size_t len = 0;
    jx_status rs = sheet ? XLSX_FILE_TO_TEXT(converted, &text, &len, err, sizeof err) : DOCX_TO_TEXT(converted, &text, &len, err, sizeof err);
    result = from_reader(a, path, rs, text, len, err, out, d);
    out->format = sheet ? "XLS（经 LibreOffice 转换）" : "DOC（经 LibreOffice 转换）";
  }
  nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  return result;
}

jx_status jx_src_read(jx_arena *a, const char *path, jx_src *out, jx_diags *d) {
  memset(out, 0, sizeof *out);
  out->name = jx_arena_strdup(a, path);
  out->format = "文本";
  unsigned char head[512] = {0};
  size_t got = 0;
  FILE *f = fopen(path, "rb");
  if (f) {
    got = fread(head, 1, sizeof head, f);
    struct stat st;
    bool dir = fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode);
    bool big = !dir && S_ISREG(st.st_mode) && (uint64_t)st.st_size > JX_IMPORT_MAX_PDF_BYTES;
    fclose(f);
    src_format fmt = dir ? FMT_TEXT : sniff(path, head, got);
    if (fmt != FMT_TEXT && big) {
      jx_diag_add(d, "JX504", JX_ERROR, whole(path), "%s 文件过大：%lld 字节，导入上限为 %zu MB", format_name(fmt),
                  (long long)st.st_size, JX_IMPORT_MAX_PDF_BYTES >> 20);
      return JX_ERR_DATA;
    }
    char err[512] = "";
    char *text = NULL;
    size_t len = 0;
    jx_status rs;
    switch (fmt) {
    case FMT_PDF: return read_pdf(a, path, out, d);
    /* the reader runs before text and len are passed on (arguments have no order) */
    case FMT_DOCX:
      rs = DOCX_TO_TEXT(path, &text, &len, err, sizeof err);
      rs = from_reader(a, path, rs, text, len, err, out, d);
      out->format = "DOCX";
      return rs;
    case FMT_XLSX:
      rs = XLSX_FILE_TO_TEXT(path, &text, &len, err, sizeof err);
      rs = from_reader(a, path, rs, text, len, err, out, d);
      out->format = "XLSX";
      return rs;
    case FMT_OLE: return read_ole(a, path, out, d);
    case FMT_HTML: {
      char *data;
      jx_status st2 = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, d);
      if (st2 != JX_OK) return st2;
      jx_status hs = HTML_TO_TEXT(path, data, len, &text, &len, err, sizeof err);
      free(data);
      rs = from_reader(a, path, hs, text, len, err, out, d);
      out->format = "HTML";
      return rs;
    }
    case FMT_TEXT: break;
    }
  }
  char *data;
  size_t len;
  jx_status st = jx_read_file(path, JX_MAX_FILE_BYTES, &data, &len, d);
  if (st != JX_OK) return st;
  st = jx_src_from_text(a, path, data, len, out, d);
  free(data);
  out->format = "文本";
  return st;
}
