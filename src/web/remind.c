/* remind.c — `jixiao db remind`: e-mail the officer and head accounts of every unit whose
 * checkpoint report is due (提醒), late (催报) or past its grace days (逾期), through
 * libcurl's SMTP client; every message sent is recorded in web_reminder so that a second
 * run sends nothing that was sent. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jixiao.h"
#include "store/db.h"
#include "store/store.h"
#include "store/todo.h"
#include "util/email.h"
#include "web/store.h"
#include "web/web.h"

enum { MAX_DUE = 20000 };

typedef struct {
  char unit[64], unit_name[256], day[8], deadline[11], grace_end[11];
  int year;
  long days;
  const char *kind; /* a constant */
} due;

typedef struct {
  due *items;
  size_t n, cap;
} due_list;

static void collect(void *ctx, const jx_due_checkpoint *d) {
  due_list *l = ctx;
  if (l->n == MAX_DUE) return;
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 64;
    l->items = jx_xrealloc(l->items, l->cap * sizeof *l->items);
  }
  due *x = &l->items[l->n++];
  snprintf(x->unit, sizeof x->unit, "%s", d->unit->code);
  snprintf(x->unit_name, sizeof x->unit_name, "%s", d->unit->name);
  snprintf(x->day, sizeof x->day, "%s", d->day);
  snprintf(x->deadline, sizeof x->deadline, "%s", d->deadline);
  snprintf(x->grace_end, sizeof x->grace_end, "%s", d->grace_end);
  x->year = d->year;
  x->days = d->days;
  x->kind = d->kind;
}

static const char *kind_code(const char *kind) {
  return !strcmp(kind, "提醒") ? "remind" : !strcmp(kind, "催报") ? "urge" : "overdue";
}

static void subject_of(const due *d, char *buf, size_t n) {
  if (!strcmp(d->kind, "提醒"))
    snprintf(buf, n, "【提醒】%s：%d 年 %s 监控时点的运行监控报告请于 %s 前报送", d->unit_name, d->year, d->day, d->deadline);
  else if (!strcmp(d->kind, "催报"))
    snprintf(buf, n, "【催报】%s：%d 年 %s 监控时点的运行监控报告已过报送期限，请于 %s 前补报", d->unit_name, d->year, d->day,
             d->grace_end);
  else
    snprintf(buf, n, "【逾期】%s：%d 年 %s 监控时点的运行监控报告逾期未报", d->unit_name, d->year, d->day);
}

static void body_of(const due *d, const char *account, const char *role, char *buf, size_t n) {
  jx_role r = JX_ROLE_NONE;
  (void)jx_role_parse(role, &r);
  char state[160];
  if (d->days > 0) snprintf(state, sizeof state, "距报送期限还有 %ld 天。", d->days);
  else if (d->days == 0) snprintf(state, sizeof state, "今天是报送期限。");
  else if (!strcmp(d->kind, "催报")) snprintf(state, sizeof state, "已过报送期限 %ld 天，宽限期内仍可报送。", -d->days);
  else snprintf(state, sizeof state, "已过报送期限 %ld 天，宽限期已结束，该监控时点已锁定；补报须请财政局重新开放。", -d->days);
  snprintf(buf, n,
           "%s（%s）：\n\n"
           "单位：%s %s\n"
           "监控时点：%d-%s\n"
           "报送期限：%s\n"
           "宽限期至：%s\n"
           "尚缺：本单位 %d-%s 监控时点的绩效运行监控报告（单位整体）\n"
           "%s\n\n"
           "本邮件由 jixiao 预算绩效管理系统（jixiao db remind）自动发送。\n",
           account, jx_role_label(r), d->unit, d->unit_name, d->year, d->day, d->deadline, d->grace_end, d->year, d->day,
           state);
}

typedef struct {
  const char *p;
  size_t left;
} upload;

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ctx) {
  upload *u = ctx;
  size_t k = size * nitems < u->left ? size * nitems : u->left;
  memcpy(buf, u->p, k);
  u->p += k;
  u->left -= k;
  return k;
}

/* Send one message; "" in err on success. */
static bool send_one(const jx_remind_opts *o, const char *to, const char *msg, char *err, size_t errlen) {
  CURL *c = curl_easy_init();
  if (!c) {
    snprintf(err, errlen, "libcurl 初始化失败");
    return false;
  }
  char from[JX_EMAIL_MAX + 3], rcpt[JX_EMAIL_MAX + 3], cerr[CURL_ERROR_SIZE] = "";
  snprintf(from, sizeof from, "<%s>", o->from);
  snprintf(rcpt, sizeof rcpt, "<%s>", to);
  struct curl_slist *rl = curl_slist_append(NULL, rcpt);
  upload u = {msg, strlen(msg)};
  curl_easy_setopt(c, CURLOPT_URL, o->smtp);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rl);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &u);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE, (long)u.left);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rl);
  curl_easy_cleanup(c);
  if (rc == CURLE_OK) return true;
  snprintf(err, errlen, "%s（%s）", rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ? "连不上邮件服务器"
                                     : rc == CURLE_OPERATION_TIMEDOUT                                 ? "邮件服务器超时"
                                                                                                       : "邮件服务器拒绝或出错",
           cerr[0] ? cerr : curl_easy_strerror(rc));
  return false;
}

/* The time of $JIXIAO_NOW (or now) as time_t, for the Date header. */
static time_t now_time(void) {
  char now[40];
  jx_db_now(now, sizeof now);
  struct tm tm = {0};
  if (sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) // NOLINT(cert-err34-c): checked count, own format
    return time(NULL);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

static bool already_sent(jx_db *db, const due *d, const char *rcpt, jx_status *st) {
  jx_stmt *q;
  if ((*st = jx_db_prepare(db, "SELECT id FROM web_reminder WHERE unit = ? AND year = ? AND day = ? AND kind = ? AND rcpt = ?",
                           &q)) != JX_OK)
    return false;
  jx_stmt_bind_text(q, 1, d->unit, -1);
  jx_stmt_bind_int64(q, 2, d->year);
  jx_stmt_bind_text(q, 3, d->day, -1);
  jx_stmt_bind_text(q, 4, d->kind, -1);
  jx_stmt_bind_text(q, 5, rcpt, -1);
  jx_status r = jx_stmt_step(q);
  jx_stmt_finalize(q);
  *st = r == JX_DB_ROW || r == JX_DB_DONE ? JX_OK : r;
  return r == JX_DB_ROW;
}

static jx_status record(jx_db *db, const due *d, const char *rcpt, const char *account) {
  char now[40];
  jx_db_now(now, sizeof now);
  jx_stmt *q;
  jx_status st = jx_db_prepare(db,
                               "INSERT INTO web_reminder (unit, year, day, kind, rcpt, account, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                               " ON CONFLICT (unit, year, day, kind, rcpt) DO NOTHING",
                               &q);
  if (st != JX_OK) return st;
  jx_stmt_bind_text(q, 1, d->unit, -1);
  jx_stmt_bind_int64(q, 2, d->year);
  jx_stmt_bind_text(q, 3, d->day, -1);
  jx_stmt_bind_text(q, 4, d->kind, -1);
  jx_stmt_bind_text(q, 5, rcpt, -1);
  jx_stmt_bind_text(q, 6, account, -1);
  jx_stmt_bind_text(q, 7, now, -1);
  st = jx_stmt_step(q);
  jx_stmt_finalize(q);
  return st;
}

jx_status jx_remind(const char *target, const jx_remind_opts *o, FILE *out, char *err, size_t errlen) {
  const char *why = NULL;
  int before = o->before_days < 0 ? 3 : o->before_days;
  if (before > 366) {
    snprintf(err, errlen, "--before 最多 366 天");
    return JX_ERR_INVALID;
  }
  if (!o->dry_run) {
    if (!o->smtp || (strncmp(o->smtp, "smtp://", 7) != 0 && strncmp(o->smtp, "smtps://", 8) != 0) ||
        strpbrk(o->smtp, " \r\n")) {
      snprintf(err, errlen, "请用 --smtp smtp://主机:端口（或 smtps://）指明发信服务器");
      return JX_ERR_INVALID;
    }
    if (!o->from || !jx_email_valid(o->from, &why)) {
      snprintf(err, errlen, "发信地址 --from 不对：%s", o->from ? why : "没有给出");
      return JX_ERR_INVALID;
    }
  }
  jx_web_register_migrations();
  jx_store *s;
  if (jx_store_open(target, &s, err, errlen) != JX_OK) return JX_ERR_IO;
  jx_dept_list depts;
  due_list l = {0};
  jx_status st = jx_store_departments(s, &depts);
  if (st == JX_OK) {
    st = jx_store_due_checkpoints(s, &depts, NULL, before, collect, &l);
    jx_arena_free(depts.arena);
  }
  if (st != JX_OK) {
    snprintf(err, errlen, "%s", jx_store_errmsg(s));
    jx_store_close(s);
    free(l.items);
    return JX_ERR_IO;
  }
  if (!o->dry_run) curl_global_init(CURL_GLOBAL_DEFAULT);
  jx_db *db = s->db;
  size_t sent = 0, skipped = 0, failed = 0, no_mail = 0, planned = 0;
  time_t t = now_time();
  unsigned long seq = 0;
  for (size_t i = 0; i < l.n && st == JX_OK; i++) {
    const due *d = &l.items[i];
    char subject[768];
    subject_of(d, subject, sizeof subject);
    fprintf(out, "[%s] %s %s：%d-%s 监控时点，报送期限 %s，宽限至 %s\n", d->kind, d->unit, d->unit_name, d->year, d->day,
            d->deadline, d->grace_end);
    jx_stmt *q;
    if ((st = jx_db_prepare(db,
                            "SELECT username, role, COALESCE(email, '') FROM web_account WHERE department = ?"
                            " AND role IN ('officer', 'head') ORDER BY role DESC, username",
                            &q)) != JX_OK)
      break;
    jx_stmt_bind_text(q, 1, d->unit, -1);
    struct {
      char name[72], role[16], email[JX_EMAIL_MAX + 1];
    } acc[32];
    memset(acc, 0, sizeof acc);
    size_t na = 0;
    jx_status r;
    while ((r = jx_stmt_step(q)) == JX_DB_ROW)
      if (na < 32) {
        snprintf(acc[na].name, sizeof acc[na].name, "%s", jx_stmt_text(q, 0));
        snprintf(acc[na].role, sizeof acc[na].role, "%s", jx_stmt_text(q, 1));
        snprintf(acc[na].email, sizeof acc[na].email, "%s", jx_stmt_text(q, 2));
        na++;
      }
    jx_stmt_finalize(q);
    if (r != JX_DB_DONE) {
      st = r;
      break;
    }
    if (!na) fprintf(out, "  本单位没有填报人或部门审核人账号，无人可发\n");
    for (size_t k = 0; k < na && st == JX_OK; k++) {
      jx_role role = JX_ROLE_NONE;
      (void)jx_role_parse(acc[k].role, &role);
      if (!acc[k].email[0] || !jx_email_valid(acc[k].email, NULL)) {
        fprintf(out, "  未设邮箱：%s（%s）\n", acc[k].name, jx_role_label(role));
        no_mail++;
        continue;
      }
      bool dup = false;
      for (size_t m = 0; m < k; m++) dup |= !strcmp(acc[m].email, acc[k].email);
      if (dup || already_sent(db, d, acc[k].email, &st)) {
        if (st == JX_OK) {
          fprintf(out, "  已发送过：%s <%s>\n", acc[k].name, acc[k].email);
          skipped++;
        }
        continue;
      }
      if (st != JX_OK) break;
      if (o->dry_run) {
        fprintf(out, "  将发送：%s（%s）<%s>：%s\n", acc[k].name, jx_role_label(role), acc[k].email, subject);
        planned++;
        continue;
      }
      char body[4096], id[160], unit_id[64];
      body_of(d, acc[k].name, acc[k].role, body, sizeof body);
      size_t j = 0;
      for (const char *p = d->unit; *p && j + 1 < sizeof unit_id; p++)
        if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", *p)) unit_id[j++] = *p;
        else unit_id[j++] = '-';
      unit_id[j] = '\0';
      snprintf(id, sizeof id, "jixiao.%s.%d.%c%c%c%c.%s.%lld.%lu.%ld", unit_id, d->year, d->day[0], d->day[1], d->day[3],
               d->day[4], kind_code(d->kind), (long long)t, ++seq, (long)getpid());
      const char *to[1] = {acc[k].email};
      char *msg = jx_email_message(o->from, to, 1, subject, body, t, id);
      char serr[CURL_ERROR_SIZE + 64] = "";
      if (!msg) snprintf(serr, sizeof serr, "邮件无法组成（地址或内容不合要求）");
      if (msg && send_one(o, acc[k].email, msg, serr, sizeof serr)) {
        st = record(db, d, acc[k].email, acc[k].name);
        if (st == JX_OK) {
          fprintf(out, "  已发送：%s（%s）<%s>\n", acc[k].name, jx_role_label(role), acc[k].email);
          sent++;
        }
      } else {
        fprintf(out, "  发送失败：%s <%s>：%s\n", acc[k].name, acc[k].email, serr);
        failed++;
      }
      free(msg);
    }
  }
  if (st != JX_OK) snprintf(err, errlen, "%s", jx_db_errmsg(db));
  if (o->dry_run)
    fprintf(out, "共 %zu 项到期；演练（--dry-run）：将发送 %zu 封，已发送过 %zu 个，未设邮箱 %zu 个账号；什么也没有发送或记录\n", l.n,
            planned, skipped, no_mail);
  else
    fprintf(out, "共 %zu 项到期；已发送 %zu 封，已发送过 %zu 个，未设邮箱 %zu 个账号，发送失败 %zu 封\n", l.n, sent, skipped,
            no_mail, failed);
  if (!o->dry_run) curl_global_cleanup();
  free(l.items);
  jx_store_close(s);
  if (st != JX_OK) return JX_ERR_IO;
  if (failed) {
    snprintf(err, errlen, "%zu 封提醒邮件发送失败", failed);
    return JX_ERR_IO;
  }
  return JX_OK;
}
