-- One outbox for every sender (issue 5's channel adapters and issue 6's hand-off desk): the
-- hand-off outbox becomes the `handoff` queue, its ticket id moving into the job's JSON.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  queue            TEXT NOT NULL,
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

INSERT INTO outbox (id, queue, lane, job_json, state, at_most_once, attempts, next_attempt_at, last_error, created_at, updated_at)
SELECT id, 'handoff', lane, json_object('ticketId', CAST(ticket_id AS TEXT), 'job', json(job_json)),
       state, at_most_once, attempts, next_attempt_at, last_error, created_at, updated_at
FROM handoff_outbox;

DROP TABLE handoff_outbox;

CREATE INDEX outbox_open ON outbox (queue, state, next_attempt_at) WHERE state IN ('waiting', 'sending');
CREATE INDEX outbox_by_lane ON outbox (queue, lane, id);
