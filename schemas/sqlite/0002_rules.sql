-- bpv schema, version 2: school calendars, rule flags and the job runner (issue 4).

-- A company may choose the school calendar of its placements (a placement's own choice wins;
-- the configuration's `calendar` is the default, `midden` when it says nothing).
ALTER TABLE companies ADD COLUMN calendar TEXT;

-- School calendars: vacations (periods) and single days off (holidays). The national public
-- holidays live in the calendar `nl-holidays` and apply beside every other calendar.
CREATE TABLE calendars (
  name       TEXT PRIMARY KEY,
  region     TEXT CHECK (region IS NULL OR region IN ('noord', 'midden', 'zuid')),
  updated_at INTEGER NOT NULL
);
CREATE TABLE calendar_periods (
  calendar   TEXT NOT NULL REFERENCES calendars (name),
  first_date TEXT NOT NULL,
  last_date  TEXT NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (calendar, first_date, name),
  CHECK (last_date >= first_date)
) WITHOUT ROWID;
CREATE TABLE calendar_holidays (
  calendar     TEXT NOT NULL REFERENCES calendars (name),
  holiday_date TEXT NOT NULL,
  name         TEXT NOT NULL,
  PRIMARY KEY (calendar, holiday_date)
) WITHOUT ROWID;

-- What the rule checks found. A day's flag has its flag_date; a week's flag (OVERTIME_WEEK,
-- MISSING_WEEK, YOUNG_WORKER over a week) has flag_date ''. week_monday is the Monday of the ISO
-- week either way. A flag is open until the check no longer finds it (resolved_at); found again
-- later, it is a new flag (a new first_seen). The key keeps a placement's flags together, so
-- checking a placement reads and writes a page or two; the checks keep at most one open flag
-- per placement, week, day and code.
CREATE TABLE flags (
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  week_monday  TEXT NOT NULL,
  code         TEXT NOT NULL,
  flag_date    TEXT NOT NULL DEFAULT '',
  first_seen   INTEGER NOT NULL,
  severity     TEXT NOT NULL CHECK (severity = 'info' OR severity = 'warning' OR severity = 'error'),
  detail       TEXT NOT NULL,
  resolved_at  INTEGER,
  PRIMARY KEY (placement_id, week_monday, code, flag_date, first_seen)
) WITHOUT ROWID;

-- What the violations job must check again: the weeks of a placement whose entries changed
-- (the Mondays of the first and the last), or the whole placement when its dates, agreement or
-- student changed. Writers add to it in their own transaction; the job removes a placement's
-- row in the transaction that stores its flags.
CREATE TABLE rule_checks_due (
  placement_id INTEGER PRIMARY KEY,
  whole        INTEGER NOT NULL DEFAULT 0 CHECK (whole IN (0, 1)),
  first_monday TEXT,
  last_monday  TEXT
);

-- The runs of bpv-jobs: one row per run, written when it starts and when it ends.
CREATE TABLE job_runs (
  id          INTEGER PRIMARY KEY,
  job         TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER,
  clock       INTEGER NOT NULL,  -- the run's "now" (--now), which may differ from started_at
  dry_run     INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
  outcome     TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
  counts      TEXT NOT NULL DEFAULT '{}',  -- JSON object
  message     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_by_job ON job_runs (job, id);

-- A job's lock: held by one run at a time, on any machine that shares the database.
CREATE TABLE job_locks (
  job         TEXT PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES job_runs (id),
  host        TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  acquired_at INTEGER NOT NULL
);
