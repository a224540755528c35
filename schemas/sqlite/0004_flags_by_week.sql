-- bpv schema, version 4: flags kept together by week (issue 4's incremental rule checks).

-- The nightly violations run after a week of entries opens and resolves a flag or two in that
-- week for every placement. Keyed by placement first (version 2), those changes dirtied a page
-- per placement: with 50,000 placements about 200 MB written to the log and again to the file.
-- Keyed by week first, one week's flags lie together and the same changes write a few thousand
-- pages. A placement's flags are read week by week (one seek per week of its span below), which
-- costs little for the handful of placements a command shows.
CREATE TABLE flags_by_week (
  placement_id INTEGER NOT NULL REFERENCES placements (id),
  week_monday  TEXT NOT NULL,
  code         TEXT NOT NULL,
  flag_date    TEXT NOT NULL DEFAULT '',
  first_seen   INTEGER NOT NULL,
  severity     TEXT NOT NULL CHECK (severity = 'info' OR severity = 'warning' OR severity = 'error'),
  detail       TEXT NOT NULL,
  resolved_at  INTEGER,
  PRIMARY KEY (week_monday, placement_id, code, flag_date, first_seen)
) WITHOUT ROWID;
INSERT INTO flags_by_week (placement_id, week_monday, code, flag_date, first_seen, severity, detail,
                           resolved_at)
  SELECT placement_id, week_monday, code, flag_date, first_seen, severity, detail, resolved_at
  FROM flags ORDER BY week_monday, placement_id, code, flag_date, first_seen;
DROP TABLE flags;
ALTER TABLE flags_by_week RENAME TO flags;

-- The Mondays of the first and the last week in which a placement has ever had a flag, open or
-- resolved: the weeks to read for "all flags of this placement". Widened whenever a flag is
-- stored outside them; never narrowed, so resolved flags stay found.
CREATE TABLE flag_spans (
  placement_id INTEGER PRIMARY KEY REFERENCES placements (id),
  first_monday TEXT NOT NULL,
  last_monday  TEXT NOT NULL,
  CHECK (last_monday >= first_monday)
);
INSERT INTO flag_spans (placement_id, first_monday, last_monday)
  SELECT placement_id, min(week_monday), max(week_monday) FROM flags GROUP BY placement_id;
