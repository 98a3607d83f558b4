/* routes.c — every URL of `jixiao serve` as one data table: method, pattern, handler,
 * the permission it needs (auth.c maps roles to permissions), whether it is a write
 * that must carry the CSRF token, and its body limit.  docs/api.md documents it and
 * tests/web/api.test.mjs walks it for every role. */
#include <string.h>

#include "web/web.h"

#define KB ((size_t)1024)

const jx_route jx_routes[] = {
    /* pages and assets */
    {"GET", "/", jx_h_root, JX_P_PUBLIC, false, 0, "访问首页"},
    {"GET", "/healthz", jx_h_health, JX_P_PUBLIC, false, 0, "检查服务状态"},
    {"GET", "/favicon.ico", jx_h_favicon, JX_P_PUBLIC, false, 0, "读取网站图标"},
    {"GET", "/app", jx_h_app, JX_P_PUBLIC, false, 0, "打开工作台"},
    {"GET", "/app/", jx_h_app, JX_P_PUBLIC, false, 0, "打开工作台"},
    {"GET", "/static/{}", jx_h_asset, JX_P_PUBLIC, false, 0, "读取静态文件"},
    {"GET", "/public", jx_h_public_index, JX_P_PUBLIC, false, 0, "浏览公开报告"},
    {"GET", "/public/", jx_h_public_index, JX_P_PUBLIC, false, 0, "浏览公开报告"},
    {"GET", "/public/data/{}", jx_h_public_data, JX_P_PUBLIC, false, 0, "下载公开数据"},
    {"GET", "/public/{}", jx_h_public_page, JX_P_PUBLIC, false, 0, "阅读公开报告"},
    {"GET", "/public/{}/download/{}", jx_h_public_download, JX_P_PUBLIC, false, 0, "下载公开报告"},
    {"GET", "/public/{}/charts/{}/{}", jx_h_public_chart, JX_P_PUBLIC, false, 0, "读取公开报告的图表"},
    /* public JSON */
    {"GET", "/api/public/years", jx_h_public_list, JX_P_PUBLIC, false, 0, "查询公开报告"},
    {"GET", "/api/public/years/{}/score", jx_h_public_score, JX_P_PUBLIC, false, 0, "查询公开报告的得分"},
    /* session */
    {"POST", "/api/login", jx_h_login, JX_P_PUBLIC, false, 4 * KB, "登录"},
    {"POST", "/api/logout", jx_h_logout, JX_P_LOGGED_IN, true, 4 * KB, "退出登录"},
    {"GET", "/api/me", jx_h_me, JX_P_LOGGED_IN, false, 0, "查看本人账号"},
    {"GET", "/api/todo", jx_h_todo, JX_P_LOGGED_IN, false, 0, "查看待办"},
    /* department-years */
    {"GET", "/api/years", jx_h_years, JX_P_OWN_READ, false, 0, "查看部门年度数据"},
    {"GET", "/api/years/{}", jx_h_year, JX_P_OWN_READ, false, 0, "查看部门年度数据"},
    {"POST", "/api/years/{}/check", jx_h_year_check, JX_P_OWN_READ, true, JX_WEB_MAX_BODY, "试算得分"},
    {"PUT", "/api/years/{}", jx_h_year_save, JX_P_OWN_EDIT, true, JX_WEB_MAX_BODY, "修改部门年度数据"},
    {"POST", "/api/years/{}/submit", jx_h_year_submit, JX_P_SUBMIT, true, 4 * KB, "提交"},
    {"POST", "/api/years/{}/send-back", jx_h_year_send_back, JX_P_SEND_BACK, true, 256 * KB, "退回填报人"},
    {"POST", "/api/years/{}/return", jx_h_year_return, JX_P_APPROVE, true, 256 * KB, "退回"},
    {"POST", "/api/years/{}/approve", jx_h_year_approve, JX_P_APPROVE, true, 256 * KB, "审核通过"},
    {"POST", "/api/years/{}/unapprove", jx_h_year_unapprove, JX_P_APPROVE, true, 64 * KB, "撤销审核"},
    {"GET", "/api/years/{}/approval", jx_h_year_approval, JX_P_OWN_READ, false, 0, "查看审核链和审核记录"},
    {"POST", "/api/years/batch", jx_h_years_batch, JX_P_APPROVE, true, 64 * KB, "批量审核通过"},
    {"POST", "/api/years/{}/publish", jx_h_year_publish, JX_P_PUBLISH, true, 4 * KB, "公开"},
    {"GET", "/api/years/{}/report/{}", jx_h_year_report, JX_P_OWN_READ, false, 0, "预览或下载报告"},
    {"POST", "/api/years/{}/evidence", jx_h_evidence_upload, JX_P_OWN_EDIT, true, JX_WEB_MAX_UPLOAD, "上传佐证材料"},
    {"GET", "/api/evidence/{}", jx_h_evidence_get, JX_P_OWN_READ, false, 0, "下载佐证材料"},
    {"DELETE", "/api/evidence/{}", jx_h_evidence_delete, JX_P_OWN_EDIT, true, 0, "删除佐证材料"},
    {"POST", "/api/check", jx_h_check, JX_P_LOGGED_IN, true, JX_WEB_MAX_BODY, "检查并计分"},
    /* 绩效目标申报 (declarations): the form, its live review, the workflow, the indicator library */
    {"GET", "/api/declarations", jx_h_decls, JX_P_OWN_READ, false, 0, "查看绩效目标申报"},
    {"POST", "/api/declarations", jx_h_decl_new, JX_P_OWN_EDIT, true, 512 * KB, "新建绩效目标申报"},
    {"POST", "/api/declarations/check", jx_h_decl_check, JX_P_OWN_READ, true, 512 * KB, "审核绩效目标申报（试审）"},
    {"POST", "/api/declarations/batch", jx_h_decl_batch, JX_P_REVIEW, true, 64 * KB, "批量批复绩效目标申报"},
    {"GET", "/api/declarations/{}", jx_h_decl, JX_P_OWN_READ, false, 0, "查看绩效目标申报"},
    {"PUT", "/api/declarations/{}", jx_h_decl_save, JX_P_OWN_EDIT, true, 512 * KB, "修改绩效目标申报"},
    {"POST", "/api/declarations/{}/review", jx_h_decl_review, JX_P_OWN_READ, true, 16 * KB, "审核通过绩效目标申报"},
    {"POST", "/api/declarations/{}/return", jx_h_decl_return, JX_P_OWN_READ, true, 16 * KB, "退回绩效目标申报"},
    {"POST", "/api/declarations/{}/approve", jx_h_decl_approve, JX_P_REVIEW, true, 16 * KB, "批复绩效目标申报"},
    {"GET", "/api/library", jx_h_library, JX_P_OWN_READ, false, 0, "检索指标库"},
    /* 绩效运行监控: the checkpoint form and its live check, the bureau's desk, follow-ups, reopening */
    {"GET", "/api/monitor/form", jx_h_mon_form, JX_P_OWN_READ, false, 0, "查看监控填报"},
    {"POST", "/api/monitor/check", jx_h_mon_check, JX_P_OWN_READ, true, 256 * KB, "检查监控填报（试算红黄绿灯）"},
    {"POST", "/api/monitor/reports", jx_h_mon_save, JX_P_OWN_EDIT, true, 256 * KB, "保存监控报告"},
    {"GET", "/api/monitor/desk", jx_h_mon_desk, JX_P_REVIEW, false, 0, "查看绩效运行监控"},
    {"GET", "/api/monitor/units/{}", jx_h_mon_unit, JX_P_OWN_READ, false, 0, "查看单位的监控情况"},
    {"POST", "/api/monitor/units/{}/reopen", jx_h_mon_reopen, JX_P_REVIEW, true, 16 * KB, "重新开放监控时点"},
    {"POST", "/api/monitor/followups/{}/close", jx_h_mon_followup_close, JX_P_REVIEW, true, 16 * KB, "关闭跟进事项"},
    /* the bureau */
    {"GET", "/api/desk", jx_h_desk, JX_P_REVIEW, false, 0, "查看复核工作台"},
    {"GET", "/api/dashboard", jx_h_dashboard, JX_P_DASHBOARD, false, 0, "查看统计图表"},
    {"GET", "/api/analysis", jx_h_analysis, JX_P_REVIEW, false, 0, "查看或导出分析"},
    {"GET", "/api/rectifications", jx_h_rect_list, JX_P_RECTIFY, false, 0, "查看整改事项"},
    {"POST", "/api/years/{}/rectifications", jx_h_rect_open, JX_P_RECTIFY, true, 16 * KB, "提出整改事项"},
    {"POST", "/api/rectifications/{}/close", jx_h_rect_close, JX_P_RECTIFY, true, 16 * KB, "关闭整改事项"},
    /* accounts (the first one comes from `jixiao user add`) */
    {"GET", "/api/users", jx_h_users, JX_P_ADMIN, false, 0, "查看账号"},
    {"POST", "/api/users", jx_h_user_add, JX_P_ADMIN, true, 4 * KB, "建立账号"},
};
const size_t jx_n_routes = sizeof jx_routes / sizeof jx_routes[0];

/* One path segment for "{}": non-empty, no '/', not "." or "..". */
static bool match(const char *pattern, const char *path, const char **params, size_t *n) {
  *n = 0;
  const char *p = pattern, *s = path;
  while (*p) {
    if (p[0] == '{' && p[1] == '}') {
      const char *end = s;
      while (*end && *end != '/') end++;
      if (end == s || *n == 4) return false;
      size_t len = (size_t)(end - s);
      if ((len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.')) return false;
      params[(*n)++] = s; /* copied by the caller */
      s = end;
      p += 2;
      continue;
    }
    if (*p != *s) return false;
    p++;
    s++;
  }
  return *s == '\0';
}

const jx_route *jx_route_match(jx_req *r, const char *method, const char *path, bool *path_known) {
  *path_known = false;
  const char *params[4];
  size_t n;
  for (size_t i = 0; i < jx_n_routes; i++) {
    if (!match(jx_routes[i].pattern, path, params, &n)) continue;
    if (strcmp(jx_routes[i].method, method) != 0) {
      *path_known = true;
      continue;
    }
    r->n_params = n;
    for (size_t k = 0; k < n; k++) {
      size_t len = strcspn(params[k], "/");
      r->params[k] = jx_arena_strndup(r->arena, params[k], len);
    }
    return &jx_routes[i];
  }
  return NULL;
}
