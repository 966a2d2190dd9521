-- Hand-off tickets, their transcript, and the outbox of messages still to send (issue 6).
CREATE TABLE tickets (
  id                    INTEGER PRIMARY KEY,
  channel               TEXT NOT NULL,
  conversation_id       TEXT NOT NULL,
  user_id               TEXT NOT NULL,
  reference_json        TEXT,
  locale                TEXT NOT NULL,
  script                TEXT,
  reason                TEXT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'resolved')),
  assignee              TEXT,
  repair                INTEGER NOT NULL DEFAULT 0,
  staff_target          TEXT,
  staff_thread          TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  claimed_at            TEXT,
  resolved_at           TEXT,
  satisfaction          INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  satisfaction_comment  TEXT,
  comment_until         TEXT,
  follow_up_due_at      TEXT,
  follow_up_sent_at     TEXT,
  follow_up_answer      TEXT CHECK (follow_up_answer IN ('ok', 'problem'))
);
CREATE INDEX tickets_by_conversation ON tickets (channel, conversation_id, id);
CREATE INDEX tickets_by_status ON tickets (status, id);
-- One person-owned hand-off per conversation at a time.
CREATE UNIQUE INDEX tickets_one_active ON tickets (channel, conversation_id) WHERE status <> 'resolved';
CREATE UNIQUE INDEX tickets_by_thread ON tickets (staff_target, staff_thread) WHERE staff_thread IS NOT NULL;
CREATE INDEX tickets_follow_up_due ON tickets (follow_up_due_at) WHERE follow_up_due_at IS NOT NULL AND follow_up_sent_at IS NULL;

CREATE TABLE ticket_messages (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER NOT NULL REFERENCES tickets (id),
  author       TEXT NOT NULL CHECK (author IN ('customer', 'bot', 'staff', 'note', 'system')),
  author_name  TEXT,
  source_id    TEXT,
  text         TEXT NOT NULL,
  at           TEXT NOT NULL
);
CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, id);
-- A staff reply the platform delivers twice is recorded (and relayed) once.
CREATE UNIQUE INDEX ticket_messages_once ON ticket_messages (ticket_id, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE handoff_outbox (
  id               INTEGER PRIMARY KEY,
  ticket_id        INTEGER NOT NULL REFERENCES tickets (id),
  lane             TEXT NOT NULL,
  job_json         TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'sent', 'failed', 'abandoned')),
  at_most_once     INTEGER NOT NULL DEFAULT 0,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX handoff_outbox_open ON handoff_outbox (state, next_attempt_at) WHERE state IN ('waiting', 'sending');
CREATE INDEX handoff_outbox_by_lane ON handoff_outbox (lane, id);
