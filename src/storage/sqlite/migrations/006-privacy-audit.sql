-- Issue 16: who looked at or erased a customer's data (audit_log), and the daily figures the
-- report keeps after the retention sweep has deleted the transcripts they were counted from.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  -- Who: a staff platform user ("slack:U0123"), or the operating-system user of a CLI command.
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('lookup', 'export', 'erase', 'retention', 'refused')),
  -- What was looked at: "serial:NV12…", "customer:42", "channel:telegram"; never a name or phone.
  subject     TEXT NOT NULL,
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_time ON audit_log (at, id);

-- One row per day, channel and language: conversations that had a customer message that day, and
-- how many of them were handed to a person. Written by the retention sweep for the days it deletes.
CREATE TABLE report_days (
  day            TEXT NOT NULL,
  channel        TEXT NOT NULL,
  locale         TEXT NOT NULL,
  conversations  INTEGER NOT NULL,
  handed_off     INTEGER NOT NULL,
  PRIMARY KEY (day, channel, locale)
);

CREATE TABLE report_handoff_reasons (
  day      TEXT NOT NULL,
  channel  TEXT NOT NULL,
  locale   TEXT NOT NULL,
  reason   TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (day, channel, locale, reason)
);

-- Kept when the ticket's transcript is deleted (retention, erase), for "time to first staff reply".
ALTER TABLE tickets ADD COLUMN first_staff_reply_at TEXT;
