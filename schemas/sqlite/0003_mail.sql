-- bpv schema, version 3: the mail outbox and welcome invitations.

-- Every mail bpv sends goes through here. Jobs and the Portal enqueue (INSERT OR IGNORE on
-- `key`: the same recipient, kind and subject are enqueued once); `bpv-jobs run send-mail`
-- delivers and marks each message in its own transaction after the server accepted it.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,      -- e.g. 'reminder|trainer@x.nl|2026-W48'
  kind            TEXT NOT NULL,             -- the template: reminder, escalation, welcome, ...
  recipient       TEXT NOT NULL,             -- the address
  recipient_name  TEXT NOT NULL DEFAULT '',
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,             -- UTF-8 text; emptied after sending a welcome mail
  placement_id    INTEGER REFERENCES placements (id),
  created_at      INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,          -- not before this instant
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         INTEGER
);
-- What send-mail reads: the pending messages whose time has come, oldest first.
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE status = 'pending';

-- When a user was last sent a welcome mail with a one-time password (bpv users invite).
ALTER TABLE users ADD COLUMN invited_at INTEGER;

-- The entries waiting for approval or correction, for the reminders and escalations: a small
-- part of a college's entries once most weeks are approved.
CREATE INDEX entries_unapproved ON entries (placement_id, entry_date) WHERE status <> 'approved';
