/* html.c — the report as one self-contained, printable HTML file with accessible tables. */
#include <stdlib.h>
#include <string.h>

#include "render/report.h"
#include "render/table.h"
#include "util/escape.h"

/* Text from the data: HTML entities, and a line break for each newline. */
static const jx_escape_map html_text = {.replace = {['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;",
                                                    ['\''] = "&#39;", ['\n'] = "<br>"}};
static void esc(FILE *out, const char *s) { jx_fput_escaped(out, s, &html_text); }

static const char *css =
    "@page{size:A4;margin:25mm 20mm 20mm 25mm}"
    "body{font-family:\"FangSong\",\"仿宋\",\"Noto Serif CJK SC\",serif;font-size:16px;line-height:1.8;color:#111;"
    "max-width:820px;margin:2em auto;padding:0 1em}"
    ".title{text-align:center;font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif}"
    ".title .unit{font-size:20px;margin:0}.title h1{font-size:26px;margin:.3em 0 1em}"
    "h2,h3,h4,h5{font-family:\"SimHei\",\"黑体\",\"Noto Sans CJK SC\",sans-serif;margin:1.2em 0 .4em}"
    "h2{font-size:19px}h3{font-size:17px;font-family:\"KaiTi\",\"楷体\",\"Noto Serif CJK SC\",serif}h4,h5{font-size:16px}"
    "p{text-indent:2em;margin:.3em 0;text-align:justify}"
    "table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em;font-size:13px;line-height:1.5;"
    "font-family:\"SimSun\",\"宋体\",\"Noto Serif CJK SC\",serif;page-break-inside:auto}"
    "caption{font-weight:bold;font-size:15px;padding:.3em}"
    "th,td{border:1px solid #444;padding:3px 5px;vertical-align:middle}th{background:#f0f0f0;font-weight:bold}"
    "thead{display:table-header-group}tr{page-break-inside:avoid}"
    ".r{text-align:right;font-variant-numeric:tabular-nums}.c{text-align:center}"
    ".unit-note{text-align:right;font-size:13px;margin:0;text-indent:0}"
    "figure{margin:1em 0;text-align:center}figure svg{max-width:100%;height:auto}figcaption{font-size:13px}"
    ".sign{text-align:right;margin-top:2em;text-indent:0}"
    ".pb{page-break-before:always;break-before:page}"
    "@media print{body{margin:0;max-width:none}}";

static void table(FILE *out, const jx_rtable *t) {
  jx_arena *a = jx_arena_new();
  const jx_tgrid *g = jx_tgrid_new(a, t); /* spans clipped (render/table.c) */
  if (t->unit_note) {
    fputs("<p class=\"unit-note\">", out);
    esc(out, t->unit_note);
    fputs("</p>\n", out);
  }
  fputs("<table>\n", out);
  if (t->caption) {
    fputs("<caption>", out);
    esc(out, t->caption);
    fputs("</caption>\n", out);
  }
  /* col widths as percentages */
  long total = jx_rtable_weight_sum(t);
  fputs("<colgroup>", out);
  for (size_t c = 0; c < t->cols; c++) fprintf(out, "<col style=\"width:%ld%%\">", jx_rtable_col_weight(t, c) * 100 / total);
  fputs("</colgroup>\n", out);
  size_t hdr = g->header_rows;
  if (!g->rows) fputs("<tbody>\n", out);
  for (size_t r = 0; r < g->rows; r++) {
    if (r == 0 && hdr) fputs("<thead>\n", out);
    if (r == hdr && hdr) fputs("</thead>\n<tbody>\n", out);
    if (r == 0 && !hdr) fputs("<tbody>\n", out);
    fputs("<tr>", out);
    for (size_t c = 0; c < g->cols; c++) {
      const jx_tcell *o = jx_tgrid_owner(g, r, c);
      if (!o) { /* a covered slot no span covers (malformed table): an empty cell keeps the grid */
        fputs("<td></td>", out);
        continue;
      }
      if (o->r != r || o->c != c) continue;
      const jx_rcell *x = o->cell;
      bool in_head = r < hdr;
      const char *tag = x->header ? "th" : "td";
      fprintf(out, "<%s", tag);
      if (x->header) fprintf(out, " scope=\"%s\"", in_head || o->cs > 1 ? (o->cs > 1 ? "colgroup" : "col") : "row");
      if (o->rs > 1) fprintf(out, " rowspan=\"%zu\"", o->rs);
      if (o->cs > 1) fprintf(out, " colspan=\"%zu\"", o->cs);
      if (x->align == JX_ALIGN_RIGHT) fputs(" class=\"r\"", out);
      else if (x->align == JX_ALIGN_CENTER && !x->header) fputs(" class=\"c\"", out);
      fputc('>', out);
      esc(out, x->text);
      fprintf(out, "</%s>", tag);
    }
    fputs("</tr>\n", out);
  }
  if (g->rows && hdr == g->rows) fputs("</thead>\n<tbody>\n", out);
  fputs("</tbody>\n</table>\n", out);
  jx_arena_free(a);
}

static void chart(FILE *out, const jx_chart *c) {
  size_t len = 0;
  unsigned char *svg = jx_chart_svg(c, 640, c->kind == JX_CHART_ATTAINMENT ? 40.0 + 24.0 * (double)c->points.n : 320, &len);
  fputs("<figure role=\"img\" aria-label=\"", out);
  esc(out, c->title);
  fputs("：", out);
  esc(out, c->alt);
  fputs("\">\n", out);
  if (svg) {
    const char *s = (const char *)svg;
    const char *start = strstr(s, "<svg");
    if (start) fwrite(start, 1, len - (size_t)(start - s), out);
    free(svg);
  }
  fputs("<figcaption>", out);
  esc(out, c->title);
  fputs("</figcaption>\n</figure>\n", out);
}

jx_status jx_render_html(const jx_report *r, FILE *out) {
  fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
        out);
  esc(out, r->unit);
  esc(out, r->title);
  fputs("</title>\n<meta name=\"generator\" content=\"jixiao " JX_VERSION "\">\n<style>", out);
  fputs(css, out);
  fputs("</style>\n</head>\n<body>\n<main>\n", out);
  for (size_t i = 0; i < r->blocks.n; i++) {
    const jx_rblock *b = &r->blocks.items[i];
    switch (b->kind) {
    case JX_RB_TITLE:
      fputs("<header class=\"title\">\n<p class=\"unit\">", out);
      esc(out, b->text);
      fputs("</p>\n<h1>", out);
      esc(out, b->text2);
      fputs("</h1>\n</header>\n", out);
      break;
    case JX_RB_HEADING: {
      int h = b->level + 1 > 6 ? 6 : b->level + 1;
      fprintf(out, "<h%d>", h);
      esc(out, b->number);
      esc(out, b->text);
      fprintf(out, "</h%d>\n", h);
      break;
    }
    case JX_RB_PARAGRAPH:
      fputs("<p>", out);
      esc(out, b->number);
      esc(out, b->text);
      fputs("</p>\n", out);
      break;
    case JX_RB_TABLE: table(out, b->table); break;
    case JX_RB_CHART: chart(out, b->chart); break;
    case JX_RB_SIGNATURE:
      fputs("<p class=\"sign\">", out);
      esc(out, b->text);
      fputs("<br>", out);
      esc(out, b->text2);
      fputs("</p>\n", out);
      break;
    case JX_RB_PAGEBREAK: fputs("<div class=\"pb\"></div>\n", out); break;
    }
  }
  fputs("</main>\n</body>\n</html>\n", out);
  return ferror(out) ? JX_ERR_IO : JX_OK;
}
