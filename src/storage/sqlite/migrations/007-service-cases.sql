-- Service cases (issue 13): repairs, returns and exchanges, their status history and notes.
CREATE TABLE service_cases (
  id               TEXT PRIMARY KEY,
  prefix           TEXT NOT NULL CHECK (prefix IN ('R', 'RMA')),
  period           TEXT NOT NULL,
  sequence         INTEGER NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('repair', 'return', 'exchange')),
  status           TEXT NOT NULL,
  channel          TEXT,
  conversation_id  TEXT,
  user_id          TEXT,
  reference_json   TEXT,
  locale           TEXT NOT NULL,
  script           TEXT CHECK (script IN ('cyrillic', 'latin')),
  customer_id      TEXT,
  serial           TEXT,
  order_number     TEXT,
  category         TEXT,
  symptom          TEXT,
  description      TEXT,
  appt_branch      TEXT,
  appt_mode        TEXT CHECK (appt_mode IN ('carry-in', 'on-site')),
  appt_start       TEXT,
  appt_end         TEXT,
  staff_target     TEXT,
  staff_thread     TEXT,
  external_ref     TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  closed_at        TEXT
);
CREATE UNIQUE INDEX service_cases_number ON service_cases (prefix, period, sequence);
CREATE INDEX service_cases_by_conversation ON service_cases (channel, conversation_id, created_at);
CREATE INDEX service_cases_by_user ON service_cases (channel, user_id, created_at);
CREATE INDEX service_cases_by_status ON service_cases (status, created_at);
CREATE INDEX service_cases_by_thread ON service_cases (staff_target, staff_thread) WHERE staff_thread IS NOT NULL;
CREATE INDEX service_cases_by_slot ON service_cases (appt_branch, appt_mode, appt_start) WHERE appt_start IS NOT NULL;

CREATE TABLE service_case_history (
  id        INTEGER PRIMARY KEY,
  case_id   TEXT NOT NULL REFERENCES service_cases (id),
  status    TEXT NOT NULL,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  note      TEXT
);
CREATE INDEX service_case_history_by_case ON service_case_history (case_id, id);

CREATE TABLE service_case_notes (
  id        INTEGER PRIMARY KEY,
  case_id   TEXT NOT NULL REFERENCES service_cases (id),
  text      TEXT NOT NULL,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL
);
CREATE INDEX service_case_notes_by_case ON service_case_notes (case_id, id);

-- The last sequence handed out per prefix and period (R + 2612 → 42), moved past imported numbers.
CREATE TABLE service_case_counters (
  prefix    TEXT NOT NULL,
  period    TEXT NOT NULL,
  last      INTEGER NOT NULL,
  PRIMARY KEY (prefix, period)
);
