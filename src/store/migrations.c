/* migrations.c — the schema as data: the store's migrations and the registry of every group (see db.h). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/db.h"

/* The collection: departments, department-years, their versions (exact file bytes and
 * normalized rows), history, workflow, rectification, deadlines.  Money in 分, scores
 * and rates in millionths (INTEGER: bigint on PostgreSQL).  Never edit a released
 * entry: append a new one. */
static const jx_migration store_migrations[] = {
    {1, "collection",
     "CREATE TABLE department ("
     "  code TEXT PRIMARY KEY,"
     "  name TEXT NOT NULL,"
     "  parent TEXT REFERENCES department(code),"
     "  level TEXT NOT NULL CHECK (level IN ('bureau', 'authority', 'unit')),"
     "  updated_at TEXT NOT NULL"
     ") STRICT;"
     "CREATE INDEX department_parent ON department(parent);"
     "CREATE INDEX department_name ON department(name);"

     "CREATE TABLE department_year ("
     "  id INTEGER PRIMARY KEY,"
     "  department TEXT NOT NULL REFERENCES department(code),"
     "  year INTEGER NOT NULL,"
     "  kind TEXT NOT NULL,"            /* 'department' or 'project:<name>' */
     "  status TEXT NOT NULL,"          /* draft submitted returned approved published */
     "  version INTEGER NOT NULL,"      /* the current version's number */
     "  published_version INTEGER,"     /* what the public sees */
     "  first_submitted_at TEXT,"
     "  updated_at TEXT NOT NULL,"
     "  UNIQUE (department, year, kind)"
     ") STRICT;"
     "CREATE INDEX department_year_year ON department_year(year, kind);"

     "CREATE TABLE version ("
     "  id INTEGER PRIMARY KEY,"
     "  dy INTEGER NOT NULL REFERENCES department_year(id),"
     "  number INTEGER NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  size INTEGER NOT NULL,"
     "  content BLOB NOT NULL,"
     "  file_name TEXT NOT NULL,"
     "  errors INTEGER NOT NULL,"
     "  warnings INTEGER NOT NULL,"
     "  correction TEXT,"
     "  created_at TEXT NOT NULL,"
     "  created_by TEXT NOT NULL,"
     "  UNIQUE (dy, number)"
     ") STRICT;"

     "CREATE TABLE score ("
     "  version INTEGER PRIMARY KEY REFERENCES version(id),"
     "  total INTEGER,"
     "  grade TEXT,"
     "  stated_total INTEGER,"
     "  execution_rate INTEGER,"
     "  execution_score INTEGER,"
     "  indicator_total INTEGER,"
     "  indicator_weight INTEGER,"
     "  indicators INTEGER NOT NULL,"
     "  scored INTEGER NOT NULL,"
     "  met INTEGER NOT NULL,"
     "  attainment INTEGER"             /* met / scored, percent × 10^6 */
     ") STRICT;"
     "CREATE INDEX score_total ON score(total);"

     "CREATE TABLE block_score ("
     "  version INTEGER NOT NULL REFERENCES version(id),"
     "  seq INTEGER NOT NULL,"
     "  name TEXT NOT NULL,"
     "  max INTEGER,"
     "  score INTEGER,"
     "  PRIMARY KEY (version, seq)"
     ") STRICT;"
     "CREATE INDEX block_score_name ON block_score(name, version);"

     "CREATE TABLE indicator ("
     "  version INTEGER NOT NULL REFERENCES version(id),"
     "  seq INTEGER NOT NULL,"
     "  project TEXT,"
     "  level1 TEXT,"
     "  level2 TEXT,"
     "  name TEXT NOT NULL,"
     "  nature TEXT,"
     "  target TEXT,"
     "  unit TEXT,"
     "  weight INTEGER,"
     "  actual TEXT,"
     "  actual_value INTEGER,"
     "  self_score INTEGER,"
     "  score INTEGER,"
     "  met INTEGER,"
     "  attainment TEXT,"
     "  PRIMARY KEY (version, seq)"
     ") STRICT;"

     "CREATE TABLE money ("
     "  version INTEGER NOT NULL REFERENCES version(id),"
     "  seq INTEGER NOT NULL,"
     "  item TEXT NOT NULL,"
     "  initial INTEGER,"
     "  adjusted INTEGER,"
     "  executed INTEGER,"
     "  PRIMARY KEY (version, seq)"
     ") STRICT;"

     "CREATE TABLE history ("
     "  id INTEGER PRIMARY KEY,"
     "  dy INTEGER NOT NULL REFERENCES department_year(id),"
     "  version INTEGER NOT NULL,"
     "  at TEXT NOT NULL,"
     "  who TEXT NOT NULL,"
     "  field TEXT NOT NULL,"
     "  old_value TEXT,"
     "  new_value TEXT"
     ") STRICT;"
     "CREATE INDEX history_dy ON history(dy, id);"

     "CREATE TABLE review_comment ("
     "  id INTEGER PRIMARY KEY,"
     "  dy INTEGER NOT NULL REFERENCES department_year(id),"
     "  version INTEGER NOT NULL,"
     "  indicator TEXT,"
     "  text TEXT NOT NULL,"
     "  who TEXT NOT NULL,"
     "  at TEXT NOT NULL"
     ") STRICT;"
     "CREATE INDEX review_comment_dy ON review_comment(dy, id);"

     "CREATE TABLE rectification ("
     "  id INTEGER PRIMARY KEY,"
     "  dy INTEGER NOT NULL REFERENCES department_year(id),"
     "  item TEXT NOT NULL,"
     "  opened_by TEXT NOT NULL,"
     "  opened_at TEXT NOT NULL,"
     "  closed_by TEXT,"
     "  closed_at TEXT,"
     "  closing_note TEXT"
     ") STRICT;"
     "CREATE INDEX rectification_dy ON rectification(dy, id);"

     "CREATE TABLE deadline ("
     "  year INTEGER PRIMARY KEY,"
     "  due TEXT NOT NULL"
     ") STRICT;"},
    /* Queries over a whole province read one small row per department-year: the current
     * version's id and error count move onto department_year, so that ranking never
     * reads a version row (each holds a file's bytes: a page per row).  bench/db.sh,
     * 25,000 department-years: rank 82 ms → see docs/collection.md. */
    {2, "current version on department_year",
     "ALTER TABLE department_year ADD COLUMN current_version INTEGER;"
     "ALTER TABLE department_year ADD COLUMN errors INTEGER NOT NULL DEFAULT 0;"
     "UPDATE department_year SET "
     "  current_version = (SELECT v.id FROM version v WHERE v.dy = department_year.id AND v.number = department_year.version),"
     "  errors = COALESCE((SELECT v.errors FROM version v WHERE v.dy = department_year.id AND v.number = department_year.version), 0);"
     "CREATE INDEX department_year_current ON department_year(year, kind, current_version, errors);"},
    /* A version's bytes are kept as they are on PostgreSQL too, not compressed: pglz took a
     * quarter of the server's time of a bulk import (perf, bench/db.sh), for files that are
     * a few tens of KB.  Rows already stored keep their form. */
    {3, "uncompressed file bytes on PostgreSQL",
     JX_DB_PG_ONLY " ALTER TABLE version ALTER COLUMN content SET STORAGE EXTERNAL;"},
    /* Ranking and flags read a province (25,000 department-years) in one index scan of one
     * table: the current version's scores and the department's name and 主管部门 are kept
     * on department_year itself (written with the version by import.c; the names again
     * when the departments table is loaded, departments.c), and an index gives a year's
     * rows in code order, bytewise (COLLATE BINARY: "C" on PostgreSQL, whatever the
     * database's collation), the order of every query's output.  Before: a join of four
     * tables and a sort, 30 ms (SQLite) and 100 ms (PostgreSQL) of the 50 ms target. */
    {4, "scores and names on department_year",
     "ALTER TABLE department_year ADD COLUMN dept_name TEXT;"
     "ALTER TABLE department_year ADD COLUMN authority_name TEXT;"
     "ALTER TABLE department_year ADD COLUMN total INTEGER;"
     "ALTER TABLE department_year ADD COLUMN grade TEXT;"
     "ALTER TABLE department_year ADD COLUMN stated_total INTEGER;"
     "ALTER TABLE department_year ADD COLUMN execution_rate INTEGER;"
     "ALTER TABLE department_year ADD COLUMN indicator_total INTEGER;"
     "ALTER TABLE department_year ADD COLUMN attainment INTEGER;"
     "ALTER TABLE department_year ADD COLUMN indicators INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE department_year ADD COLUMN scored INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE department_year ADD COLUMN met INTEGER NOT NULL DEFAULT 0;"
     "UPDATE department_year SET total = s.total, grade = s.grade, stated_total = s.stated_total, "
     "  execution_rate = s.execution_rate, indicator_total = s.indicator_total, attainment = s.attainment, "
     "  indicators = s.indicators, scored = s.scored, met = s.met "
     "FROM score s WHERE s.version = department_year.current_version;"
     "UPDATE department_year SET dept_name = dep.name, "
     "  authority_name = (SELECT par.name FROM department par WHERE par.code = dep.parent AND par.level = 'authority') "
     "FROM department dep WHERE dep.code = department_year.department;"
     "CREATE INDEX department_year_code ON department_year(year, department COLLATE BINARY, kind COLLATE BINARY);"},
    /* Unknown is a value: a result where anything that carries points could not be scored
     * is stored with total and grade NULL, and with how incomplete it is — unscored (the
     * parts not scored; 0 = complete), unscored_points and partial_total (the sum of what
     * was scored).  Rows stored before keep NULL here: not known. */
    {5, "completeness of a score",
     "ALTER TABLE score ADD COLUMN unscored INTEGER;"
     "ALTER TABLE score ADD COLUMN unscored_points INTEGER;"
     "ALTER TABLE score ADD COLUMN partial_total INTEGER;"
     "ALTER TABLE department_year ADD COLUMN unscored INTEGER;"
     "ALTER TABLE department_year ADD COLUMN unscored_points INTEGER;"
     "ALTER TABLE department_year ADD COLUMN partial_total INTEGER;"},
    /* 绩效目标申报 (#17, src/store/decl.c): a declaration is keyed by scope, year and code
     * (项目编码; for scope department the unit's code) and belongs to one unit.  As a
     * department-year: versions of exact bytes, normalized indicator rows, a history of
     * fields and steps, review comments.  locked_version: the version approved (批复), then
     * each approved adjustment's. */
    {6, "declarations",
     "CREATE TABLE declaration ("
     "  id INTEGER PRIMARY KEY,"
     "  unit TEXT NOT NULL REFERENCES department(code),"
     "  year INTEGER NOT NULL,"
     "  scope TEXT NOT NULL CHECK (scope IN ('project', 'department')),"
     "  code TEXT NOT NULL,"
     "  name TEXT NOT NULL,"
     "  authority TEXT,"                /* 主管部门 as the file writes it */
     "  status TEXT NOT NULL,"          /* declared authority_reviewed bureau_reviewed approved returned */
     "  version INTEGER NOT NULL,"
     "  current_version INTEGER,"
     "  locked_version INTEGER,"
     "  errors INTEGER NOT NULL DEFAULT 0,"
     "  returns INTEGER NOT NULL DEFAULT 0,"
     "  total INTEGER,"                 /* 项目总金额, 分 */
     "  this_year INTEGER,"             /* 本年金额, 分 */
     "  updated_at TEXT NOT NULL,"
     "  UNIQUE (year, scope, code)"
     ") STRICT;"
     "CREATE INDEX declaration_unit ON declaration(unit, year);"
     "CREATE INDEX declaration_year ON declaration(year, status);"
     "CREATE TABLE declaration_version ("
     "  id INTEGER PRIMARY KEY,"
     "  decl INTEGER NOT NULL REFERENCES declaration(id),"
     "  number INTEGER NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  size INTEGER NOT NULL,"
     "  content BLOB NOT NULL,"
     "  file_name TEXT NOT NULL,"
     "  errors INTEGER NOT NULL,"
     "  warnings INTEGER NOT NULL,"
     "  adjustment TEXT,"               /* an approved adjustment: its reason */
     "  created_at TEXT NOT NULL,"
     "  created_by TEXT NOT NULL,"
     "  UNIQUE (decl, number)"
     ") STRICT;"
     "CREATE TABLE declaration_indicator ("
     "  version INTEGER NOT NULL REFERENCES declaration_version(id),"
     "  seq INTEGER NOT NULL,"
     "  level1 TEXT NOT NULL,"
     "  level2 TEXT NOT NULL,"
     "  name TEXT NOT NULL,"
     "  value TEXT NOT NULL,"           /* 指标值 as written */
     "  nature TEXT,"                   /* what jx_target_read found */
     "  number INTEGER,"
     "  number_hi INTEGER,"
     "  percent INTEGER NOT NULL,"
     "  unit TEXT,"
     "  not_applicable INTEGER NOT NULL,"
     "  explanation TEXT,"
     "  PRIMARY KEY (version, seq)"
     ") STRICT;"
     "CREATE TABLE declaration_history ("
     "  id INTEGER PRIMARY KEY,"
     "  decl INTEGER NOT NULL REFERENCES declaration(id),"
     "  version INTEGER NOT NULL,"
     "  at TEXT NOT NULL,"
     "  who TEXT NOT NULL,"
     "  field TEXT NOT NULL,"
     "  old_value TEXT,"
     "  new_value TEXT"
     ") STRICT;"
     "CREATE INDEX declaration_history_decl ON declaration_history(decl, id);"
     "CREATE TABLE declaration_comment ("
     "  id INTEGER PRIMARY KEY,"
     "  decl INTEGER NOT NULL REFERENCES declaration(id),"
     "  version INTEGER NOT NULL,"
     "  step TEXT NOT NULL,"
     "  text TEXT NOT NULL,"
     "  who TEXT NOT NULL,"
     "  at TEXT NOT NULL"
     ") STRICT;"
     "CREATE INDEX declaration_comment_decl ON declaration_comment(decl, id);"},
    /* 指标库 (src/store/library.c): the common frame (一级/二级, seeded from
     * src/store/indicator_frame.yaml when the store is opened and the frame is empty) and
     * every distinct 三级指标 (key: its normalized name under its 一级/二级) with its use
     * count, its values, units and sectors; library_gram indexes the names by their
     * characters and pairs of characters, so that a search by words reads the index, not
     * every name. */
    {7, "indicator library",
     "CREATE TABLE library_frame ("
     "  level1 TEXT NOT NULL,"
     "  level2 TEXT NOT NULL,"
     "  seq INTEGER NOT NULL,"
     "  note TEXT,"
     "  PRIMARY KEY (level1, level2)"
     ") STRICT;"
     "CREATE TABLE library_indicator ("
     "  id INTEGER PRIMARY KEY,"
     "  level1 TEXT NOT NULL,"
     "  level2 TEXT NOT NULL,"
     "  key TEXT NOT NULL,"
     "  name TEXT NOT NULL,"
     "  origin TEXT NOT NULL,"          /* frame, declared, imported */
     "  uses INTEGER NOT NULL,"
     "  note TEXT,"
     "  UNIQUE (level1, level2, key)"
     ") STRICT;"
     "CREATE INDEX library_indicator_uses ON library_indicator(uses);"
     "CREATE TABLE library_value ("
     "  indicator INTEGER NOT NULL REFERENCES library_indicator(id),"
     "  value TEXT NOT NULL,"
     "  unit TEXT NOT NULL,"
     "  uses INTEGER NOT NULL,"
     "  PRIMARY KEY (indicator, value)"
     ") STRICT;"
     "CREATE TABLE library_sector ("
     "  indicator INTEGER NOT NULL REFERENCES library_indicator(id),"
     "  sector TEXT NOT NULL,"
     "  uses INTEGER NOT NULL,"
     "  PRIMARY KEY (indicator, sector)"
     ") STRICT;"
     "CREATE TABLE library_gram ("
     "  gram TEXT NOT NULL,"
     "  indicator INTEGER NOT NULL REFERENCES library_indicator(id),"
     "  PRIMARY KEY (gram, indicator)"
     ") STRICT;"},
    /* 绩效运行监控 (src/store/monitor.c): the checkpoints the bureau sets for a year (day
     * 'MM-DD', deadline 'YYYY-MM-DD', grace days after it), each unit's (or project's,
     * project '' for the unit's own) report at a checkpoint with its totals in 分, rates ×
     * 10^6 and lights (jx_light 0–3) computed at import, its history, the reopenings of a
     * locked checkpoint and the follow-ups a red light opens. */
    {8, "monitoring",
     "CREATE TABLE mon_checkpoint ("
     "  year INTEGER NOT NULL,"
     "  day TEXT NOT NULL,"
     "  deadline TEXT NOT NULL,"
     "  grace_days INTEGER NOT NULL,"
     "  set_at TEXT NOT NULL,"
     "  set_by TEXT NOT NULL,"
     "  PRIMARY KEY (year, day)"
     ") STRICT;"
     "CREATE TABLE mon_report ("
     "  unit TEXT NOT NULL,"
     "  project TEXT NOT NULL,"
     "  year INTEGER NOT NULL,"
     "  day TEXT NOT NULL,"
     "  version INTEGER NOT NULL,"
     "  project_name TEXT NOT NULL,"
     "  file_name TEXT NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  body BLOB NOT NULL,"
     "  budget INTEGER NOT NULL,"
     "  executed INTEGER NOT NULL,"
     "  forecast INTEGER,"
     "  schedule INTEGER NOT NULL,"
     "  rate INTEGER,"
     "  behind INTEGER,"
     "  exec_light INTEGER NOT NULL,"
     "  light INTEGER NOT NULL,"
     "  ind_red INTEGER NOT NULL,"
     "  ind_yellow INTEGER NOT NULL,"
     "  ind_green INTEGER NOT NULL,"
     "  cause TEXT NOT NULL,"
     "  fix TEXT NOT NULL,"
     "  submitted_at TEXT NOT NULL,"
     "  submitted_by TEXT NOT NULL,"
     "  PRIMARY KEY (year, day, project, unit)"
     ") STRICT;"
     "CREATE TABLE mon_history ("
     "  id INTEGER PRIMARY KEY,"
     "  unit TEXT NOT NULL,"
     "  project TEXT NOT NULL,"
     "  year INTEGER NOT NULL,"
     "  day TEXT NOT NULL,"
     "  version INTEGER NOT NULL,"
     "  at TEXT NOT NULL,"
     "  who TEXT NOT NULL,"
     "  action TEXT NOT NULL,"
     "  detail TEXT NOT NULL"
     ") STRICT;"
     "CREATE INDEX mon_history_unit ON mon_history(unit, year, id);"
     "CREATE TABLE mon_reopen ("
     "  id INTEGER PRIMARY KEY,"
     "  unit TEXT NOT NULL REFERENCES department(code),"
     "  year INTEGER NOT NULL,"
     "  day TEXT NOT NULL,"
     "  reason TEXT NOT NULL,"
     "  by_user TEXT NOT NULL,"
     "  at TEXT NOT NULL,"
     "  used_at TEXT"
     ") STRICT;"
     "CREATE INDEX mon_reopen_key ON mon_reopen(year, day, unit);"
     "CREATE TABLE mon_followup ("
     "  id INTEGER PRIMARY KEY,"
     "  unit TEXT NOT NULL,"
     "  project TEXT NOT NULL,"
     "  year INTEGER NOT NULL,"
     "  day TEXT NOT NULL,"
     "  light INTEGER NOT NULL,"
     "  derivation TEXT NOT NULL,"
     "  opened_at TEXT NOT NULL,"
     "  closed_at TEXT,"
     "  closed_by TEXT,"
     "  close_reason TEXT,"
     "  closed_day TEXT"
     ") STRICT;"
     "CREATE INDEX mon_followup_open ON mon_followup(year, unit, project, closed_at);"},
    /* The approval chain by level (workflow.c): a submitted department-year awaits one
     * level's approval — unit (单位负责人), authority (主管部门), bureau (财政局) — named in
     * department_year.level; every step of the chain (submit, approve, return, unapprove,
     * publish, send back) is a row of approval_step: the thread shown on the year's page.
     * Years submitted before this await the bureau, as they did. */
    {9, "approval chain by level",
     "ALTER TABLE department_year ADD COLUMN level TEXT;"
     "UPDATE department_year SET level = 'bureau' WHERE status = 'submitted';"
     "CREATE TABLE approval_step ("
     "  id INTEGER PRIMARY KEY,"
     "  dy INTEGER NOT NULL REFERENCES department_year(id),"
     "  version INTEGER NOT NULL,"
     "  action TEXT NOT NULL,"
     "  level TEXT NOT NULL,"   /* the level acted at: filer, unit, authority, bureau */
     "  target TEXT,"           /* unapprove: the level whose approval is withdrawn */
     "  comment TEXT NOT NULL," /* '' when none */
     "  who TEXT NOT NULL,"
     "  at TEXT NOT NULL"
     ") STRICT;"
     "CREATE INDEX approval_step_dy ON approval_step(dy, id);"
     "CREATE INDEX department_year_awaiting ON department_year(status, level);"},
    /* 10: a bulk sheet's reports are kept as their figures: body NULL, the funding sources in
     * `sources` (store/monitor.c, sources_text), sha256 '' and `batch` the id of the sheet's
     * one history row until the report's own history begins; the table is clustered on its
     * key (SQLite WITHOUT ROWID: one B-tree per report instead of two). */
    {10, "monitoring_figures",
     "CREATE TABLE mon_report_v9 ("
     "  unit TEXT NOT NULL,"
     "  project TEXT NOT NULL,"
     "  year INTEGER NOT NULL,"
     "  day TEXT NOT NULL,"
     "  version INTEGER NOT NULL,"
     "  project_name TEXT NOT NULL,"
     "  file_name TEXT NOT NULL,"
     "  sha256 TEXT NOT NULL,"
     "  body BLOB,"
     "  sources TEXT,"
     "  batch INTEGER,"
     "  budget INTEGER NOT NULL,"
     "  executed INTEGER NOT NULL,"
     "  forecast INTEGER,"
     "  schedule INTEGER NOT NULL,"
     "  rate INTEGER,"
     "  behind INTEGER,"
     "  exec_light INTEGER NOT NULL,"
     "  light INTEGER NOT NULL,"
     "  ind_red INTEGER NOT NULL,"
     "  ind_yellow INTEGER NOT NULL,"
     "  ind_green INTEGER NOT NULL,"
     "  cause TEXT NOT NULL,"
     "  fix TEXT NOT NULL,"
     "  submitted_at TEXT NOT NULL,"
     "  submitted_by TEXT NOT NULL,"
     "  PRIMARY KEY (year, day, project, unit)"
     ") STRICT, WITHOUT ROWID;"
     "INSERT INTO mon_report_v9 (unit, project, year, day, version, project_name, file_name, sha256, body, budget, executed, "
     "  forecast, schedule, rate, behind, exec_light, light, ind_red, ind_yellow, ind_green, cause, fix, submitted_at, submitted_by) "
     "SELECT unit, project, year, day, version, project_name, file_name, sha256, body, budget, executed, forecast, schedule, "
     "  rate, behind, exec_light, light, ind_red, ind_yellow, ind_green, cause, fix, submitted_at, submitted_by FROM mon_report;"
     "DROP TABLE mon_report;"
     "ALTER TABLE mon_report_v9 RENAME TO mon_report;"},
    /* 11: PostgreSQL keeps the monitoring tables' unit and project in byte order (COLLATE "C",
     * SQLite's BINARY), so that their keys' indexes give the order every query sorts in
     * (alerts: the reports and open follow-ups by unit), and an index gives the departments
     * in that order; the sorts against the database's default collation were 15 of the
     * 30 ms the server spent on `db alerts` for 25,000 units. */
    {11, "byte order of the monitoring keys on PostgreSQL",
     JX_DB_PG_ONLY " ALTER TABLE mon_report ALTER COLUMN unit TYPE TEXT COLLATE BINARY, "
     "ALTER COLUMN project TYPE TEXT COLLATE BINARY;"
     JX_DB_PG_ONLY " ALTER TABLE mon_followup ALTER COLUMN unit TYPE TEXT COLLATE BINARY, "
     "ALTER COLUMN project TYPE TEXT COLLATE BINARY;"
     JX_DB_PG_ONLY " CREATE INDEX department_code_bytes ON department(code COLLATE BINARY);"},
};

static const jx_migration_group jx_migrations_store = {"store", store_migrations,
                                                       sizeof store_migrations / sizeof *store_migrations};

/* The registry: every group, in the order they run; the store's own first, then the
 * ones registered by the modules above the store (the web's when it opens the
 * database, and the command line's at start so that `jixiao db` knows every part of
 * the schema).  Guarded: the web server opens databases from several threads. */
#define MAX_GROUPS 8
static const jx_migration_group *registry[MAX_GROUPS] = {&jx_migrations_store};
static size_t n_registered = 1;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;

void jx_db_register_migrations(const jx_migration_group *group) {
  pthread_mutex_lock(&registry_lock);
  bool known = false;
  for (size_t i = 0; i < n_registered && !known; i++) known = registry[i] == group;
  if (!known) {
    if (n_registered == MAX_GROUPS) {
      fprintf(stderr, "jixiao: 内部错误：数据库结构分组过多\n");
      abort();
    }
    registry[n_registered++] = group;
  }
  pthread_mutex_unlock(&registry_lock);
}

size_t jx_db_migration_groups(const jx_migration_group **out, size_t max) {
  pthread_mutex_lock(&registry_lock);
  size_t n = n_registered < max ? n_registered : max;
  for (size_t i = 0; i < n; i++) out[i] = registry[i];
  pthread_mutex_unlock(&registry_lock);
  return n;
}
