-- schema-v1.sql — a collection as the first schema (store 1, web 1) left it, with one
-- department-year of two versions: tests/install/upgrade.sh opens it with this program.
-- Made by migrating a fresh SQLite file with only each group's first migration
-- (jx_db_migrate_groups), then sqlite3 .dump; the times are fixed.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL, updated_at TEXT NOT NULL) STRICT;
INSERT INTO schema_version VALUES('store',1,'2025-01-01T00:00:00Z');
INSERT INTO schema_version VALUES('web',1,'2025-01-01T00:00:00Z');
CREATE TABLE department (  code TEXT PRIMARY KEY,  name TEXT NOT NULL,  parent TEXT REFERENCES department(code),  level TEXT NOT NULL CHECK (level IN ('bureau', 'authority', 'unit')),  updated_at TEXT NOT NULL) STRICT;
INSERT INTO department VALUES('A1','升级测试单位',NULL,'unit','2025-01-01T00:00:00Z');
CREATE TABLE department_year (  id INTEGER PRIMARY KEY,  department TEXT NOT NULL REFERENCES department(code),  year INTEGER NOT NULL,  kind TEXT NOT NULL,  status TEXT NOT NULL,  version INTEGER NOT NULL,  published_version INTEGER,  first_submitted_at TEXT,  updated_at TEXT NOT NULL,  UNIQUE (department, year, kind)) STRICT;
INSERT INTO department_year VALUES(7,'A1',2023,'department','draft',2,NULL,NULL,'2025-01-01T00:00:00Z');
CREATE TABLE version (  id INTEGER PRIMARY KEY,  dy INTEGER NOT NULL REFERENCES department_year(id),  number INTEGER NOT NULL,  sha256 TEXT NOT NULL,  size INTEGER NOT NULL,  content BLOB NOT NULL,  file_name TEXT NOT NULL,  errors INTEGER NOT NULL,  warnings INTEGER NOT NULL,  correction TEXT,  created_at TEXT NOT NULL,  created_by TEXT NOT NULL,  UNIQUE (dy, number)) STRICT;
INSERT INTO version VALUES(40,7,1,'x',1,X'00','a1.yaml',0,0,NULL,'2025-01-01T00:00:00Z','u');
INSERT INTO version VALUES(41,7,2,'y',1,X'00','a1.yaml',3,0,NULL,'2025-01-02T00:00:00Z','u');
CREATE TABLE score (  version INTEGER PRIMARY KEY REFERENCES version(id),  total INTEGER,  grade TEXT,  stated_total INTEGER,  execution_rate INTEGER,  execution_score INTEGER,  indicator_total INTEGER,  indicator_weight INTEGER,  indicators INTEGER NOT NULL,  scored INTEGER NOT NULL,  met INTEGER NOT NULL,  attainment INTEGER) STRICT;
CREATE TABLE block_score (  version INTEGER NOT NULL REFERENCES version(id),  seq INTEGER NOT NULL,  name TEXT NOT NULL,  max INTEGER,  score INTEGER,  PRIMARY KEY (version, seq)) STRICT;
CREATE TABLE indicator (  version INTEGER NOT NULL REFERENCES version(id),  seq INTEGER NOT NULL,  project TEXT,  level1 TEXT,  level2 TEXT,  name TEXT NOT NULL,  nature TEXT,  target TEXT,  unit TEXT,  weight INTEGER,  actual TEXT,  actual_value INTEGER,  self_score INTEGER,  score INTEGER,  met INTEGER,  attainment TEXT,  PRIMARY KEY (version, seq)) STRICT;
CREATE TABLE money (  version INTEGER NOT NULL REFERENCES version(id),  seq INTEGER NOT NULL,  item TEXT NOT NULL,  initial INTEGER,  adjusted INTEGER,  executed INTEGER,  PRIMARY KEY (version, seq)) STRICT;
CREATE TABLE history (  id INTEGER PRIMARY KEY,  dy INTEGER NOT NULL REFERENCES department_year(id),  version INTEGER NOT NULL,  at TEXT NOT NULL,  who TEXT NOT NULL,  field TEXT NOT NULL,  old_value TEXT,  new_value TEXT) STRICT;
CREATE TABLE review_comment (  id INTEGER PRIMARY KEY,  dy INTEGER NOT NULL REFERENCES department_year(id),  version INTEGER NOT NULL,  indicator TEXT,  text TEXT NOT NULL,  who TEXT NOT NULL,  at TEXT NOT NULL) STRICT;
CREATE TABLE rectification (  id INTEGER PRIMARY KEY,  dy INTEGER NOT NULL REFERENCES department_year(id),  item TEXT NOT NULL,  opened_by TEXT NOT NULL,  opened_at TEXT NOT NULL,  closed_by TEXT,  closed_at TEXT,  closing_note TEXT) STRICT;
CREATE TABLE deadline (  year INTEGER PRIMARY KEY,  due TEXT NOT NULL) STRICT;
CREATE TABLE web_account ( id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display TEXT NOT NULL, pwhash TEXT NOT NULL, role TEXT NOT NULL, department TEXT REFERENCES department(code), created TEXT NOT NULL) STRICT;
CREATE TABLE web_session ( token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES web_account(id) ON DELETE CASCADE, csrf TEXT NOT NULL, created TEXT NOT NULL, expires TEXT NOT NULL) STRICT;
CREATE TABLE web_login_failure (id INTEGER PRIMARY KEY, key TEXT NOT NULL, at TEXT NOT NULL) STRICT;
CREATE TABLE web_evidence ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL, indicator INTEGER NOT NULL, name TEXT NOT NULL, ctype TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL, account_id INTEGER NOT NULL REFERENCES web_account(id), created TEXT NOT NULL) STRICT;
CREATE TABLE web_cache ( year_id INTEGER NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (year_id, version, kind)) STRICT;
CREATE INDEX department_parent ON department(parent);
CREATE INDEX department_name ON department(name);
CREATE INDEX department_year_year ON department_year(year, kind);
CREATE INDEX score_total ON score(total);
CREATE INDEX block_score_name ON block_score(name, version);
CREATE INDEX history_dy ON history(dy, id);
CREATE INDEX review_comment_dy ON review_comment(dy, id);
CREATE INDEX rectification_dy ON rectification(dy, id);
CREATE INDEX web_session_expires ON web_session(expires);
CREATE INDEX web_login_failure_key ON web_login_failure(key, at);
CREATE INDEX web_evidence_year ON web_evidence(year_id);
COMMIT;
