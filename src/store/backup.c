/* backup.c — `jixiao db backup` / `restore`: jx_store_backup, jx_store_restore (SQLite
 * through its online backup API in sqlite.c, PostgreSQL through pg_dump / pg_restore). */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jixiao.h"
#include "store/db.h"


static bool is_pg(const char *t) {
  return strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0 || strncmp(t, "host=", 5) == 0 ||
         strncmp(t, "dbname=", 7) == 0;
}

static bool exists(const char *path, off_t *size) {
  struct stat sb;
  if (stat(path, &sb) != 0) return false;
  if (size) *size = sb.st_size;
  return true;
}

/* Runs argv[0] (found on PATH) and waits; JX_OK when it exited 0, else JX_ERR_IO with why. */
static jx_status run_child(char *const argv[], char *err, size_t errlen) {
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
  if (rc != 0) {
    snprintf(err, errlen, "无法运行 %s：%s（PostgreSQL 的备份和恢复需要它：apt-get install postgresql-client）", argv[0],
             strerror(rc));
    return JX_ERR_IO;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) {
      snprintf(err, errlen, "等待 %s 失败：%s", argv[0], strerror(errno));
      return JX_ERR_IO;
    }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return JX_OK;
  snprintf(err, errlen, "%s 失败（%s %d；它的消息在上面）", argv[0], WIFEXITED(status) ? "退出码" : "信号",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
  return JX_ERR_IO;
}

jx_status jx_store_backup(const char *target, const char *file, bool overwrite, char *err, size_t errlen) {
  if (!target || !*target || !file || !*file) {
    snprintf(err, errlen, "请给出数据库和备份文件");
    return JX_ERR_INVALID;
  }
  if (!overwrite && exists(file, NULL)) {
    snprintf(err, errlen, "备份文件“%s”已存在：换一个文件名，或加 --force 覆盖它", file);
    return JX_ERR_INVALID;
  }
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", file);
  unlink(tmp);
  jx_status st;
  if (is_pg(target)) {
    char out_opt[4300], db_opt[4300];
    snprintf(out_opt, sizeof out_opt, "--file=%s", tmp);
    snprintf(db_opt, sizeof db_opt, "--dbname=%s", target);
    char *argv[] = {"pg_dump", "--format=custom", "--no-owner", out_opt, db_opt, NULL};
    st = run_child(argv, err, errlen);
  } else {
    if (!exists(target, NULL)) {
      snprintf(err, errlen, "数据库文件“%s”不存在", target);
      return JX_ERR_IO;
    }
    jx_db *db;
    st = jx_db_open(target, &db, err, errlen);
    if (st != JX_OK) return st;
    st = jx_db_copy(db, tmp, true);
    if (st != JX_OK) snprintf(err, errlen, "%s", jx_db_errmsg(db));
    jx_db_close(db);
  }
  if (st == JX_OK && rename(tmp, file) != 0) {
    snprintf(err, errlen, "无法写入“%s”：%s", file, strerror(errno));
    st = JX_ERR_IO;
  }
  if (st != JX_OK) unlink(tmp);
  return st;
}

/* Does the PostgreSQL database at target already hold a jixiao database? */
static jx_status pg_has_tables(const char *target, bool *has, char *err, size_t errlen) {
  jx_db *db;
  jx_status st = jx_db_open(target, &db, err, errlen);
  if (st != JX_OK) return st;
  jx_stmt *q;
  *has = jx_db_prepare(db, "SELECT count(*) FROM schema_version", &q) == JX_OK;
  if (*has) jx_stmt_finalize(q);
  jx_db_close(db);
  return JX_OK;
}

/* Opens (and so migrates) the restored database; a backup newer than this binary is
 * refused here, with the store's message. */
static jx_status migrate(const char *target, char *err, size_t errlen) {
  jx_store *s;
  jx_status st = jx_store_open(target, &s, err, errlen);
  jx_store_close(s);
  return st;
}

static jx_status restore_sqlite(const char *target, const char *file, char *err, size_t errlen) {
  char tmp[4200], side[4300];
  snprintf(tmp, sizeof tmp, "%s.restore-tmp", target);
  unlink(tmp);
  jx_db *db;
  jx_status st = jx_db_open(tmp, &db, err, errlen);
  if (st != JX_OK) return st;
  st = jx_db_copy(db, file, false);
  if (st != JX_OK) snprintf(err, errlen, "%s（“%s”是 jixiao db backup 写出的 SQLite 备份吗？）", jx_db_errmsg(db), file);
  jx_db_close(db);
  if (st == JX_OK) {
    /* a jixiao database at all? */
    st = jx_db_open(tmp, &db, err, errlen);
    if (st == JX_OK) {
      jx_stmt *q;
      if (jx_db_prepare(db, "SELECT count(*) FROM schema_version", &q) == JX_OK) jx_stmt_finalize(q);
      else {
        snprintf(err, errlen, "“%s”不是 jixiao 的数据库备份（没有 schema_version 表）", file);
        st = JX_ERR_INVALID;
      }
      jx_db_close(db);
    }
  }
  if (st == JX_OK) st = migrate(tmp, err, errlen);
  if (st == JX_OK) {
    /* the old database's WAL and shared memory must not be applied to the new file */
    snprintf(side, sizeof side, "%s-wal", target);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", target);
    unlink(side);
    if (rename(tmp, target) != 0) {
      snprintf(err, errlen, "无法写入“%s”：%s", target, strerror(errno));
      st = JX_ERR_IO;
    }
  }
  if (st != JX_OK) {
    unlink(tmp);
    snprintf(side, sizeof side, "%s-wal", tmp);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", tmp);
    unlink(side);
  }
  return st;
}

jx_status jx_store_restore(const char *target, const char *file, bool force, char *err, size_t errlen) {
  if (!target || !*target || !file || !*file) {
    snprintf(err, errlen, "请给出数据库和备份文件");
    return JX_ERR_INVALID;
  }
  if (!exists(file, NULL)) {
    snprintf(err, errlen, "备份文件“%s”不存在", file);
    return JX_ERR_IO;
  }
  if (is_pg(target)) {
    bool has = false;
    jx_status st = pg_has_tables(target, &has, err, errlen);
    if (st != JX_OK) return st;
    if (has && !force) {
      snprintf(err, errlen, "数据库 %s 中已经有 jixiao 的数据：恢复会覆盖它。确要覆盖，加 --force（先停止 jixiao serve）",
               target);
      return JX_ERR_INVALID;
    }
    char db_opt[4300];
    snprintf(db_opt, sizeof db_opt, "--dbname=%s", target);
    char *argv[] = {"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                    db_opt, (char *)file, NULL};
    st = run_child(argv, err, errlen);
    return st == JX_OK ? migrate(target, err, errlen) : st;
  }
  off_t size = 0;
  if (exists(target, &size) && size > 0 && !force) {
    snprintf(err, errlen, "数据库文件“%s”已存在：恢复会覆盖它。确要覆盖，加 --force（先停止 jixiao serve）", target);
    return JX_ERR_INVALID;
  }
  return restore_sqlite(target, file, err, errlen);
}
