/* test_store_db.c — the portable SQL layer (src/store/db.c) on SQLite and PostgreSQL: values, dialect, migrations. */
#include <string.h>

#include "helpers.h"
#include "store/db.h"
#include "store_env.h"

static jx_db *open_db(const store_target *t) {
  jx_db *db = NULL;
  char err[512];
  if (jx_db_open(t->target, &db, err, sizeof err) != JX_OK) fail_msg("%s: open failed: %s", t->name, err);
  return db;
}

static void exec_ok(jx_db *db, const char *sql) {
  if (jx_db_exec(db, sql) != JX_OK) fail_msg("exec failed: %s\n%s", jx_db_errmsg(db), sql);
}

/* int64 extremes, text with CJK and quotes, blobs with NUL bytes, NULL: all round-trip. */
static void test_values_round_trip(void **state) {
  (void)state;
  store_env_check();
  store_target t[2];
  size_t n = store_targets("values", t);
  for (size_t k = 0; k < n; k++) {
    jx_db *db = open_db(&t[k]);
    exec_ok(db, "CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, s TEXT, b BLOB) STRICT");
    jx_stmt *ins;
    assert_int_equal(jx_db_prepare(db, "INSERT INTO v (i, s, b) VALUES (?, ?, ?) RETURNING id", &ins), JX_OK);
    static const unsigned char bytes[] = {0, 1, 0xff, '\\', 'x', 0, '\''};
    const int64_t ints[] = {INT64_MAX, INT64_MIN + 1, 0, -100000000000000000LL};
    int64_t first_id = 0;
    for (size_t i = 0; i < 4; i++) {
      jx_stmt_reset(ins);
      jx_stmt_bind_int64(ins, 1, ints[i]);
      if (i == 2) jx_stmt_bind_null(ins, 2);
      else jx_stmt_bind_text(ins, 2, "政协'峨边'?\"x\"", -1);
      jx_stmt_bind_blob(ins, 3, bytes, sizeof bytes);
      assert_int_equal(jx_stmt_step(ins), JX_DB_ROW);
      if (i == 0) first_id = jx_stmt_int64(ins, 0);
      assert_int_equal(jx_stmt_step(ins), JX_DB_DONE);
    }
    jx_stmt_finalize(ins);
    jx_stmt *sel;
    assert_int_equal(jx_db_prepare(db, "SELECT i, s, b, '?' FROM v WHERE id >= ? ORDER BY id", &sel), JX_OK);
    jx_stmt_bind_int64(sel, 1, first_id);
    for (size_t i = 0; i < 4; i++) {
      assert_int_equal(jx_stmt_step(sel), JX_DB_ROW);
      assert_int_equal(jx_stmt_int64(sel, 0), ints[i]);
      if (i == 2) {
        assert_true(jx_stmt_is_null(sel, 1));
        assert_null(jx_stmt_text(sel, 1));
      } else {
        assert_string_equal(jx_stmt_text(sel, 1), "政协'峨边'?\"x\"");
      }
      size_t len;
      const void *b = jx_stmt_blob(sel, 2, &len);
      assert_int_equal(len, sizeof bytes);
      assert_memory_equal(b, bytes, sizeof bytes);
      assert_string_equal(jx_stmt_text(sel, 3), "?"); /* a ? inside a literal is not a placeholder */
    }
    assert_int_equal(jx_stmt_step(sel), JX_DB_DONE);
    jx_stmt_finalize(sel);
    /* sums of INTEGER columns are integers on both (numeric on PostgreSQL) */
    int64_t sum = 0;
    assert_int_equal(jx_db_query_int64(db, "SELECT SUM(i) FROM v WHERE i < 0 AND i > -1000000000000000000", &sum), JX_OK);
    assert_int_equal(sum, -100000000000000000LL);
    jx_db_close(db);
  }
  store_targets_cleanup(t, n);
}

/* A failing statement rolls back the whole transaction; the message is Chinese and names
 * the backend. */
static void test_rollback_and_errors(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("rollback", t);
  for (size_t k = 0; k < n; k++) {
    jx_db *db = open_db(&t[k]);
    exec_ok(db, "CREATE TABLE r (k TEXT PRIMARY KEY, v INTEGER NOT NULL) STRICT");
    assert_int_equal(jx_db_begin(db), JX_OK);
    exec_ok(db, "INSERT INTO r VALUES ('a', 1)");
    assert_int_equal(jx_db_exec(db, "INSERT INTO r VALUES ('a', 2)"), JX_ERR_IO);
    assert_non_null(strstr(jx_db_errmsg(db), "失败"));
    jx_db_rollback(db);
    int64_t count = -1;
    assert_int_equal(jx_db_query_int64(db, "SELECT COUNT(*) FROM r", &count), JX_OK);
    assert_int_equal(count, 0);
    jx_stmt *bad;
    assert_int_equal(jx_db_prepare(db, "SELECT nonsense FROM nowhere", &bad), JX_ERR_IO);
    assert_null(bad);
    jx_db_close(db);
  }
  store_targets_cleanup(t, n);
}

/* ---- migrations ---------------------------------------------------------------------- */

static const jx_migration m_v1[] = {{1, "a", "CREATE TABLE a (x INTEGER PRIMARY KEY) STRICT"}};
static const jx_migration m_v2[] = {{1, "a", "CREATE TABLE a (x INTEGER PRIMARY KEY) STRICT"},
                                    {2, "b", "CREATE TABLE b (y TEXT) STRICT; INSERT INTO b VALUES ('z')"}};
static const jx_migration m_bad[] = {{1, "a", "CREATE TABLE a (x INTEGER PRIMARY KEY) STRICT"},
                                     {2, "b", "CREATE TABLE b (y TEXT) STRICT"},
                                     {3, "broken", "CREATE TABLE c (z TEXT) STRICT; THIS IS NOT SQL"}};
static const jx_migration m_other[] = {{1, "o", "CREATE TABLE o (x INTEGER REFERENCES a(x)) STRICT"}};

static void test_migrations(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("migrate", t);
  for (size_t k = 0; k < n; k++) {
    jx_db *db = open_db(&t[k]);
    const jx_migration_group g1 = {"demo", m_v1, 1}, g2 = {"demo", m_v2, 2}, gbad = {"demo", m_bad, 3};
    const jx_migration_group *l1[] = {&g1}, *l2[] = {&g2};
    assert_int_equal(jx_db_migrate_groups(db, l1, 1), JX_OK);
    assert_int_equal(jx_db_migrate_groups(db, l1, 1), JX_OK); /* again: nothing to do */
    assert_int_equal(jx_db_migrate_groups(db, l2, 1), JX_OK);  /* v2 runs only the new entry */
    int64_t v = 0;
    assert_int_equal(jx_db_query_int64(db, "SELECT version FROM schema_version WHERE component = 'demo'", &v), JX_OK);
    assert_int_equal(v, 2);
    assert_int_equal(jx_db_query_int64(db, "SELECT COUNT(*) FROM b", &v), JX_OK);
    assert_int_equal(v, 1);
    /* an older binary (knows only v1) refuses the newer database */
    assert_int_equal(jx_db_migrate_groups(db, l1, 1), JX_ERR_DATA);
    assert_non_null(strstr(jx_db_errmsg(db), "第 2 版"));
    assert_non_null(strstr(jx_db_errmsg(db), "升级 jixiao"));
    /* a binary that does not know the component at all refuses too */
    const jx_migration_group go = {"other", m_other, 1};
    const jx_migration_group *lo[] = {&go};
    assert_int_equal(jx_db_migrate_groups(db, lo, 1), JX_ERR_DATA);
    assert_non_null(strstr(jx_db_errmsg(db), "demo"));
    /* a second group after the first may reference its tables */
    const jx_migration_group *both[] = {&g2, &go};
    assert_int_equal(jx_db_migrate_groups(db, both, 2), JX_OK);
    /* a broken migration leaves everything as it was: version 2, no table c */
    const jx_migration_group *lb[] = {&gbad, &go};
    assert_int_equal(jx_db_migrate_groups(db, lb, 2), JX_ERR_IO);
    assert_non_null(strstr(jx_db_errmsg(db), "broken"));
    assert_int_equal(jx_db_query_int64(db, "SELECT version FROM schema_version WHERE component = 'demo'", &v), JX_OK);
    assert_int_equal(v, 2);
    assert_int_equal(jx_db_exec(db, "SELECT * FROM c"), JX_ERR_IO);
    jx_db_close(db);
  }
  store_targets_cleanup(t, n);
}

/* The real registry migrates an empty database, and a second open changes nothing. */
static void test_store_schema(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("schema", t);
  for (size_t k = 0; k < n; k++) {
    for (int again = 0; again < 2; again++) {
      jx_db *db = open_db(&t[k]);
      assert_int_equal(jx_db_migrate(db), JX_OK);
      int64_t v = 0;
      assert_int_equal(jx_db_query_int64(db, "SELECT version FROM schema_version WHERE component = 'store'", &v), JX_OK);
      assert_true(v >= 1);
      assert_int_equal(jx_db_query_int64(db, "SELECT COUNT(*) FROM department_year", &v), JX_OK);
      assert_int_equal(v, 0);
      jx_db_close(db);
    }
  }
  store_targets_cleanup(t, n);
}

/* A database made by the first release of the schema is upgraded on open, its data
 * carried over (migration 2 copies each current version's id and errors). */
static void test_upgrade_keeps_data(void **state) {
  (void)state;
  store_target t[2];
  size_t n = store_targets("upgrade", t);
  for (size_t k = 0; k < n; k++) {
    jx_db *db = open_db(&t[k]);
    const jx_migration_group *store = NULL;
    assert_int_equal(jx_db_migration_groups(&store, 1), 1);
    assert_string_equal(store->component, "store");
    assert_true(store->n >= 2);
    const jx_migration_group first = {store->component, store->items, 1};
    const jx_migration_group *old[] = {&first};
    assert_int_equal(jx_db_migrate_groups(db, old, 1), JX_OK);
    exec_ok(db, "INSERT INTO department (code, name, level, updated_at) VALUES ('A1', '单位', 'unit', 't');"
                "INSERT INTO department_year (id, department, year, kind, status, version, updated_at) "
                "VALUES (7, 'A1', 2023, 'department', 'draft', 2, 't')");
    jx_stmt *ins; /* blobs bound: X'00' is a blob in SQLite but a bit string in PostgreSQL */
    assert_int_equal(jx_db_prepare(db,
                                   "INSERT INTO version (id, dy, number, sha256, size, content, file_name, errors, warnings, "
                                   "created_at, created_by) VALUES (?, 7, ?, 'x', 1, ?, 'f', ?, 0, 't', 'u')",
                                   &ins),
                     JX_OK);
    for (int i = 0; i < 2; i++) {
      jx_stmt_reset(ins);
      jx_stmt_bind_int64(ins, 1, 40 + i);
      jx_stmt_bind_int64(ins, 2, 1 + i);
      jx_stmt_bind_blob(ins, 3, "\0", 1);
      jx_stmt_bind_int64(ins, 4, i == 1 ? 3 : 0);
      assert_int_equal(jx_stmt_step(ins), JX_DB_DONE);
    }
    jx_stmt_finalize(ins);
    assert_int_equal(jx_db_migrate(db), JX_OK);
    int64_t v = 0;
    assert_int_equal(jx_db_query_int64(db, "SELECT current_version FROM department_year WHERE id = 7", &v), JX_OK);
    assert_int_equal(v, 41);
    assert_int_equal(jx_db_query_int64(db, "SELECT errors FROM department_year WHERE id = 7", &v), JX_OK);
    assert_int_equal(v, 3);
    assert_int_equal(jx_db_query_int64(db, "SELECT version FROM schema_version WHERE component = 'store'", &v), JX_OK);
    assert_int_equal(v, (int64_t)store->items[store->n - 1].version);
    jx_db_close(db);
  }
  store_targets_cleanup(t, n);
}

/* A module above the store registers its group (web/schema.c does): until then a
 * database holding that component is refused as unknown; registered (twice: a no-op) it
 * runs after the store's own group and the database opens. */
static void test_registered_groups(void **state) {
  (void)state;
  static const jx_migration later_items[] = {{1, "later", "CREATE TABLE later_t (id INTEGER PRIMARY KEY) STRICT"}};
  static const jx_migration_group later = {"later", later_items, 1};
  store_target t[2];
  size_t n = store_targets("registry", t);
  const jx_migration_group *groups[4];
  size_t before = jx_db_migration_groups(groups, 4);
  assert_true(before >= 1);
  assert_string_equal(groups[0]->component, "store");
  for (size_t k = 0; k < n; k++) {
    jx_db *db = open_db(&t[k]);
    const jx_migration_group *both[] = {groups[0], &later};
    assert_int_equal(jx_db_migrate_groups(db, both, 2), JX_OK);
    if (k == 0) {
      assert_int_equal(jx_db_migrate(db), JX_ERR_DATA);
      assert_non_null(strstr(jx_db_errmsg(db), "later"));
      jx_db_register_migrations(&later);
      jx_db_register_migrations(&later);
      const jx_migration_group *now[4];
      assert_int_equal(jx_db_migration_groups(now, 4), before + 1);
      assert_ptr_equal(now[0], groups[0]);
      assert_ptr_equal(now[before], &later);
    }
    assert_int_equal(jx_db_migrate(db), JX_OK);
    exec_ok(db, "INSERT INTO later_t (id) VALUES (1)");
    jx_db_close(db);
  }
  store_targets_cleanup(t, n);
}

static void test_not_a_database(void **state) {
  (void)state;
  jx_db *db = (jx_db *)1;
  char err[512];
  assert_int_equal(jx_db_open(JX_SOURCE_DIR "/README.md", &db, err, sizeof err), JX_ERR_IO);
  assert_null(db);
  assert_non_null(strstr(err, "README.md"));
  assert_int_equal(jx_db_open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", &db, err, sizeof err), JX_ERR_IO);
  assert_non_null(strstr(err, "无法连接 PostgreSQL"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_values_round_trip), cmocka_unit_test(test_rollback_and_errors),
      cmocka_unit_test(test_migrations),        cmocka_unit_test(test_store_schema),
      cmocka_unit_test(test_upgrade_keeps_data), cmocka_unit_test(test_not_a_database),
      cmocka_unit_test(test_registered_groups),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
