-- bpv schema, version 1. Dates are civil dates as TEXT 'YYYY-MM-DD'; instants are INTEGER
-- seconds since 1970-01-01 UTC (read them with datetime(x, 'unixepoch')); durations are
-- INTEGER minutes.

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  email                TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name                 TEXT NOT NULL,
  phone                TEXT,
  role                 TEXT NOT NULL CHECK (role IN ('student', 'trainer', 'supervisor', 'admin')),
  password_hash        TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_logins        INTEGER NOT NULL DEFAULT 0,
  locked_until         INTEGER,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);

CREATE TABLE companies (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  city       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (name, city)
);

CREATE TABLE students (
  id             INTEGER PRIMARY KEY,
  student_number TEXT NOT NULL UNIQUE,
  user_id        INTEGER NOT NULL UNIQUE REFERENCES users (id),
  birth_date     TEXT,
  programme      TEXT NOT NULL DEFAULT '',
  crebo          TEXT NOT NULL DEFAULT '',
  level          TEXT NOT NULL DEFAULT '',
  track          TEXT NOT NULL DEFAULT '' CHECK (track IN ('', 'BOL', 'BBL')),
  updated_at     INTEGER NOT NULL
);

CREATE TABLE placements (
  id                     INTEGER PRIMARY KEY,
  student_id             INTEGER NOT NULL REFERENCES students (id),
  company_id             INTEGER NOT NULL REFERENCES companies (id),
  trainer_id             INTEGER NOT NULL REFERENCES users (id),
  supervisor_id          INTEGER NOT NULL REFERENCES users (id),
  start_date             TEXT NOT NULL,
  end_date               TEXT NOT NULL,
  contract_minutes       INTEGER NOT NULL CHECK (contract_minutes >= 0),
  week_minutes           INTEGER NOT NULL CHECK (week_minutes >= 0),
  day_minutes            INTEGER CHECK (day_minutes IS NULL OR day_minutes BETWEEN 1 AND 1440),
  vacation_hours_allowed INTEGER NOT NULL DEFAULT 0 CHECK (vacation_hours_allowed IN (0, 1)),
  calendar               TEXT,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL,
  CHECK (end_date >= start_date),
  UNIQUE (student_id, company_id, start_date)
);
-- placements by student: the unique key above starts with student_id.
CREATE INDEX placements_by_trainer ON placements (trainer_id, end_date);
CREATE INDEX placements_by_supervisor ON placements (supervisor_id, end_date);
CREATE INDEX placements_by_company ON placements (company_id);

-- One row per placement and day; the primary key is the access path (placement, date).
CREATE TABLE entries (
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  entry_date   TEXT NOT NULL,
  minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  activity     TEXT NOT NULL DEFAULT '',
  -- Written with OR rather than IN: an IN list costs a temporary table on every insert.
  status       TEXT NOT NULL DEFAULT 'submitted'
               CHECK (status = 'submitted' OR status = 'correction_requested' OR status = 'approved'),
  approved_by  INTEGER REFERENCES users (id),
  approved_at  INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (placement_id, entry_date)
) WITHOUT ROWID;

-- A trainer's request to correct one entry (entry_date) or a whole week (week_monday).
CREATE TABLE correction_requests (
  id           INTEGER PRIMARY KEY,
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  entry_date   TEXT,
  week_monday  TEXT NOT NULL,
  reason       TEXT NOT NULL CHECK (length(reason) > 0),
  requested_by INTEGER NOT NULL REFERENCES users (id),
  requested_at INTEGER NOT NULL,
  resolved_at  INTEGER,
  resolution   TEXT CHECK (resolution IS NULL OR resolution IN ('corrected', 'withdrawn'))
);
CREATE INDEX correction_requests_by_placement ON correction_requests (placement_id, week_monday);
CREATE INDEX correction_requests_open ON correction_requests (placement_id) WHERE resolved_at IS NULL;

-- An agreed exception to the school-vacation rule (R3) for a date range of one placement.
CREATE TABLE vacation_exceptions (
  id           INTEGER PRIMARY KEY,
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  from_date    TEXT NOT NULL,
  to_date      TEXT NOT NULL,
  reason       TEXT NOT NULL,
  created_by   INTEGER REFERENCES users (id),
  created_at   INTEGER NOT NULL,
  CHECK (to_date >= from_date)
);
CREATE INDEX vacation_exceptions_by_placement ON vacation_exceptions (placement_id);

CREATE TABLE audit_events (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor_id     INTEGER REFERENCES users (id),
  action       TEXT NOT NULL,
  placement_id INTEGER REFERENCES placements (id),
  subject      TEXT NOT NULL DEFAULT '',
  before       TEXT,
  after        TEXT
);
CREATE INDEX audit_events_by_placement ON audit_events (placement_id, at);
CREATE INDEX audit_events_by_time ON audit_events (at);

CREATE TABLE sessions (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE positions (
  id          INTEGER PRIMARY KEY,
  company_id  INTEGER NOT NULL REFERENCES companies (id),
  title       TEXT NOT NULL,
  programme   TEXT NOT NULL DEFAULT '',
  crebo       TEXT NOT NULL DEFAULT '',
  level       TEXT NOT NULL DEFAULT '',
  track       TEXT NOT NULL DEFAULT '' CHECK (track IN ('', 'BOL', 'BBL')),
  places      INTEGER NOT NULL DEFAULT 1 CHECK (places >= 1),
  start_date  TEXT,
  description TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by  INTEGER REFERENCES users (id),
  created_at  INTEGER NOT NULL,
  closed_at   INTEGER
);
CREATE INDEX positions_by_company ON positions (company_id, status);
