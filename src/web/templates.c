/* templates.c — the server-rendered pages (public pages, errors) as a data table of
 * templates, and the renderer: "{{name}}" is replaced by the HTML-escaped value,
 * "{{{name}}}" by a value the caller has already built from escaped parts.  Values
 * are never re-scanned, so a hostile name containing "{{" stays text. */
#include <string.h>

#include "web/web.h"

#define PAGE_HEAD                                                                                                 \
  "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"                                   \
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"                                   \
  "<title>{{title}} — 预算绩效自评公开</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n" \
  "<body class=\"public\">\n"                                                                                     \
  "<header class=\"topbar\"><a class=\"brand\" href=\"/public/\">预算绩效自评公开</a>"                          \
  "<nav><a href=\"/public/\">公开报告</a><a href=\"/app/\">登录（部门 / 财政局）</a></nav></header>\n"

static const struct {
  const char *name, *text;
} templates[] = {
    {"public_index",
     PAGE_HEAD "<main class=\"wrap\">\n<h1>已公开的绩效自评报告</h1>\n"
               "<form class=\"search\" method=\"get\" action=\"/public/\" role=\"search\">"
               "<input type=\"search\" name=\"q\" value=\"{{q}}\" placeholder=\"按部门名称搜索\" aria-label=\"搜索\">"
               "<select name=\"year\" aria-label=\"年度\">{{{years}}}</select>"
               "<input type=\"hidden\" name=\"sort\" value=\"{{sort}}\"><input type=\"hidden\" name=\"dir\" value=\"{{dir}}\">"
               "<button type=\"submit\">筛选</button></form>\n"
               "<p class=\"muted\" id=\"public-summary\">{{summary}}</p>\n"
               "<div class=\"table-scroll\"><table class=\"grid\" id=\"public-list\">\n<thead><tr>{{{head}}}</tr></thead>\n"
               "<tbody>\n{{{rows}}}</tbody></table></div>\n{{{pager}}}\n"
               "<section class=\"opendata\" aria-labelledby=\"opendata-h\"><h2 id=\"opendata-h\">公开数据</h2>"
               "<p class=\"muted\">各年度公开报告的得分，可用表格软件打开（CSV），或供程序读取（JSON）。每份报告页面上另有该单位历年的数据。</p>"
               "<ul>{{{opendata}}}</ul></section>\n"
               "</main>\n</body>\n</html>\n"},
    {"public_index_row",
     "<tr><td><a href=\"/public/{{id}}\">{{department}}</a></td><td>{{year}}</td><td class=\"r\">{{score}}</td>"
     "<td class=\"hide-phone\">{{grade}}</td><td class=\"hide-phone\">{{published}}</td><td class=\"dl\">{{{downloads}}}</td></tr>\n"},
    {"public_report_bar",
     "<div class=\"jx-public-bar\" style=\"font-family:sans-serif;font-size:14px;border-bottom:1px solid #ccc;"
     "padding:.5em 0;margin-bottom:1em;text-indent:0;line-height:1.9\"><a href=\"/public/\">← 全部公开报告</a> · "
     "{{department}} {{year}} 年度<br>下载：{{{downloads}}}<br>"
     "公开数据（本单位历年）：<a href=\"/public/data/unit-{{code}}.csv\" download>CSV 表格</a> · "
     "<a href=\"/public/data/unit-{{code}}.json\">JSON 数据</a></div>\n{{{summary}}}"},
    {"error_page",
     PAGE_HEAD "<main class=\"wrap\"><h1>{{title}}</h1><p>{{message}}</p><p><a href=\"/public/\">返回公开报告</a></p></main>\n"
               "</body>\n</html>\n"},
};

const char *jx_template(const char *name) {
  for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
    if (!strcmp(templates[i].name, name)) return templates[i].text;
  return "";
}

static const char *lookup(const jx_tvar *vars, size_t n, const char *name, size_t len) {
  for (size_t i = 0; i < n; i++)
    if (strlen(vars[i].name) == len && !memcmp(vars[i].name, name, len)) return vars[i].value ? vars[i].value : "";
  return "";
}

char *jx_page_render(jx_arena *a, const char *tmpl, const jx_tvar *vars, size_t n, size_t *len) {
  jx_sbuf b = {.arena = a};
  jx_sb_puts(&b, "");
  const char *p = tmpl;
  for (;;) {
    const char *open = strstr(p, "{{");
    if (!open) break;
    jx_sb_put(&b, p, (size_t)(open - p));
    bool raw = open[2] == '{';
    const char *name = open + (raw ? 3 : 2);
    const char *close = strstr(name, raw ? "}}}" : "}}");
    if (!close) {
      p = open;
      break;
    }
    const char *v = lookup(vars, n, name, (size_t)(close - name));
    if (raw) jx_sb_puts(&b, v);
    else jx_sb_html(&b, v);
    p = close + (raw ? 3 : 2);
  }
  jx_sb_puts(&b, p);
  if (len) *len = b.n;
  return b.p;
}
