/* store_env.h — the databases the store tests run against: SQLite always, PostgreSQL when available. */
#ifndef JX_TEST_STORE_ENV_H
#define JX_TEST_STORE_ENV_H

#include <stdbool.h>
#include <stddef.h>

/* The backends to test: "sqlite" always; "pg" when $JX_TEST_PG_URL is set.  With CI=true
 * and no $JX_TEST_PG_URL, store_env_check() fails the test: PostgreSQL must be tested. */
typedef struct {
  const char *name;
  char target[1024]; /* a fresh SQLite file, or a URL whose search_path is a fresh schema */
} store_target;

/* Fills targets (at most 2) for a test named tag; returns how many. */
size_t store_targets(const char *tag, store_target *out);
/* Remove what store_targets made (SQLite files). */
void store_targets_cleanup(store_target *t, size_t n);
/* Fails the running test when CI=true and PostgreSQL is not configured. */
void store_env_check(void);

#endif
