/* markdown.c — the report as Markdown (GitHub tables; merged cells are repeated empty). */
#include <string.h>

#include "render/report.h"
#include "util/escape.h"

/* Text from the data never becomes markup: <, >, & are written as entities. */
static const jx_escape_map markdown_text = {.replace = {['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;"}};
static void text(FILE *out, const char *s) { jx_fput_escaped(out, s, &markdown_text); }

/* Table cells: also no pipes or newlines inside a cell. */
static const jx_escape_map markdown_cell = {
    .replace = {['|'] = "\\|", ['\n'] = "<br>", ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;"}};
static void cell_text(FILE *out, const char *s) { jx_fput_escaped(out, s, &markdown_cell); }

static void table(FILE *out, const jx_rtable *t) {
  if (t->caption) {
    fputs("**", out);
    text(out, t->caption);
    fputs("**\n\n", out);
  }
  if (t->unit_note) {
    text(out, t->unit_note);
    fputs("\n\n", out);
  }
  size_t hdr = t->header_rows ? t->header_rows : 1;
  for (size_t r = 0; r < t->rows; r++) {
    fputs("|", out);
    for (size_t c = 0; c < t->cols; c++) {
      const jx_rcell *x = jx_rtable_at(t, r, c);
      fputc(' ', out);
      if (!x->covered) cell_text(out, x->text);
      fputs(" |", out);
    }
    fputc('\n', out);
    if (r + 1 == hdr) {
      fputs("|", out);
      for (size_t c = 0; c < t->cols; c++) {
        const jx_rcell *x = jx_rtable_at(t, r, c);
        fputs(x->align == JX_ALIGN_RIGHT ? " ---: |" : x->align == JX_ALIGN_CENTER ? " :---: |" : " --- |", out);
      }
      fputc('\n', out);
    }
  }
  fputc('\n', out);
}

static void chart(FILE *out, const jx_chart *c) {
  char buf[32];
  fputs("**图：", out);
  text(out, c->title);
  fputs("**\n\n", out);
  static const char *status[] = {"达成", "部分达成", "未达成"};
  for (size_t i = 0; i < c->points.n; i++) {
    const jx_chart_point *p = &c->points.items[i];
    if (c->kind == JX_CHART_ATTAINMENT)
    {
      fputs("- ", out);
      text(out, p->label);
      fprintf(out, "：%s%%（%s）\n", jx_format_num(p->value, buf, sizeof buf), status[p->status < 3 && p->status >= 0 ? p->status : 1]);
    }
    else
    {
      fputs("- ", out);
      text(out, p->label);
      fprintf(out, "：%s 万元\n", jx_format_money_wan(p->value, buf, sizeof buf));
    }
  }
  for (size_t i = 0; i < c->checkpoints.n; i++)
    fprintf(out, "- %s 累计执行：%s 万元\n", c->checkpoints.items[i].label, jx_format_money_wan(c->checkpoints.items[i].value, buf, sizeof buf));
  fputc('\n', out);
}

jx_status jx_render_markdown(const jx_report *r, FILE *out) {
  for (size_t i = 0; i < r->blocks.n; i++) {
    const jx_rblock *b = &r->blocks.items[i];
    switch (b->kind) {
    case JX_RB_TITLE:
      fputs("# ", out);
      text(out, b->text2);
      fputs("\n\n", out);
      text(out, b->text);
      fputs("\n\n", out);
      break;
    case JX_RB_HEADING:
      for (int k = 0; k < b->level + 1 && k < 6; k++) fputc('#', out);
      fputc(' ', out);
      text(out, b->number);
      text(out, b->text);
      fputs("\n\n", out);
      break;
    case JX_RB_PARAGRAPH:
      text(out, b->number);
      text(out, b->text);
      fputs("\n\n", out);
      break;
    case JX_RB_TABLE: table(out, b->table); break;
    case JX_RB_CHART: chart(out, b->chart); break;
    case JX_RB_SIGNATURE:
      fputs("<p align=\"right\">", out);
      text(out, b->text);
      fputs("<br>", out);
      text(out, b->text2);
      fputs("</p>\n\n", out);
      break;
    case JX_RB_PAGEBREAK: fputs("---\n\n", out); break;
    }
  }
  return ferror(out) ? JX_ERR_IO : JX_OK;
}
