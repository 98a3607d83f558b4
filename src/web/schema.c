/* schema.c — the web server's tables (accounts, sessions, login throttling, evidence
 * files, cached public pages) as the "web" migration group of store/db.h. */
#include "store/db.h"
#include "web/store.h"

/* Append only: never edit or reorder a released migration. */
static const jx_migration web_migrations[] = {
    {1, "accounts, sessions, login failures, evidence, page cache",
     "CREATE TABLE web_account ("
     " id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, display TEXT NOT NULL, pwhash TEXT NOT NULL,"
     " role TEXT NOT NULL, department TEXT REFERENCES department(code), created TEXT NOT NULL) STRICT;"
     "CREATE TABLE web_session ("
     " token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES web_account(id) ON DELETE CASCADE,"
     " csrf TEXT NOT NULL, created TEXT NOT NULL, expires TEXT NOT NULL) STRICT;"
     "CREATE INDEX web_session_expires ON web_session(expires);"
     "CREATE TABLE web_login_failure (id INTEGER PRIMARY KEY, key TEXT NOT NULL, at TEXT NOT NULL) STRICT;"
     "CREATE INDEX web_login_failure_key ON web_login_failure(key, at);"
     "CREATE TABLE web_evidence ("
     " id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL, indicator INTEGER NOT NULL, name TEXT NOT NULL,"
     " ctype TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL,"
     " account_id INTEGER NOT NULL REFERENCES web_account(id), created TEXT NOT NULL) STRICT;"
     "CREATE INDEX web_evidence_year ON web_evidence(year_id);"
     "CREATE TABLE web_cache ("
     " year_id INTEGER NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, body BLOB NOT NULL,"
     " PRIMARY KEY (year_id, version, kind)) STRICT"},
    /* login throttling by growing delays instead of a lockout (src/web/db_sessions.c): one
     * row per key ("user:NAME", "pair:NAME@ADDR", "ip:ADDR") with its failures in a row
     * and the times (milliseconds since 1970) of the last counted attempt and the one
     * before it (restored when a reserved attempt turns out right) */
    {2, "login throttle",
     "DROP TABLE web_login_failure;"
     "CREATE TABLE web_login_throttle ("
     " key TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_ms INTEGER NOT NULL, prev_ms INTEGER NOT NULL) STRICT;"
     "CREATE INDEX web_login_throttle_last ON web_login_throttle(last_ms)"},
    /* 待办与提醒 (#18): an account's e-mail address (checked by jx_email_valid before it is
     * stored), and every reminder sent by `jixiao db remind` (src/web/remind.c): one row
     * per unit, checkpoint, kind (提醒 / 催报 / 逾期) and recipient, so that a second run
     * sends nothing that was sent */
    {3, "account e-mail, reminders sent",
     "ALTER TABLE web_account ADD COLUMN email TEXT;"
     "CREATE TABLE web_reminder ("
     " id INTEGER PRIMARY KEY, unit TEXT NOT NULL, year INTEGER NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL,"
     " rcpt TEXT NOT NULL, account TEXT NOT NULL, sent_at TEXT NOT NULL,"
     " UNIQUE (unit, year, day, kind, rcpt)) STRICT"},
};

static const jx_migration_group web_group = {"web", web_migrations, sizeof web_migrations / sizeof *web_migrations};

void jx_web_register_migrations(void) { jx_db_register_migrations(&web_group); }
