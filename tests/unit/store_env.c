/* store_env.c — fresh SQLite files and fresh PostgreSQL schemas for the store tests. */
#include "store_env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "store/db.h"

void store_env_check(void) {
  const char *url = getenv("JX_TEST_PG_URL");
  const char *ci = getenv("CI");
  if ((!url || !*url) && ci && strcmp(ci, "true") == 0)
    fail_msg("CI=true but JX_TEST_PG_URL is not set: the store tests must run against PostgreSQL too");
}

static void fresh_schema(const char *base, const char *schema, char *out, size_t n) {
  jx_db *db;
  char err[512];
  if (jx_db_open(base, &db, err, sizeof err) != JX_OK) fail_msg("cannot connect to %s: %s", base, err);
  char sql[512];
  snprintf(sql, sizeof sql, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
           schema);
  if (jx_db_exec(db, sql) != JX_OK) fail_msg("cannot create schema %s: %s", schema, jx_db_errmsg(db));
  jx_db_close(db);
  snprintf(out, n, "%s%soptions=-csearch_path%%3D%s", base, strchr(base, '?') ? "&" : "?", schema);
}

size_t store_targets(const char *tag, store_target *out) {
  size_t n = 0;
  const char *tmp = getenv("TMPDIR");
  out[n].name = "sqlite";
  snprintf(out[n].target, sizeof out[n].target, "%s/jx-%s-%d.db", tmp && *tmp ? tmp : "/tmp", tag, (int)getpid());
  unlink(out[n].target);
  n++;
  const char *url = getenv("JX_TEST_PG_URL");
  if (url && *url) {
    char schema[96];
    snprintf(schema, sizeof schema, "t_%s_%d", tag, (int)getpid());
    out[n].name = "pg";
    fresh_schema(url, schema, out[n].target, sizeof out[n].target);
    n++;
  }
  return n;
}

void store_targets_cleanup(store_target *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (strcmp(t[i].name, "sqlite") != 0) continue;
    char p[1100];
    unlink(t[i].target);
    snprintf(p, sizeof p, "%s-wal", t[i].target);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", t[i].target);
    unlink(p);
  }
}
