-- Conversations, their state between turns, and the transcript with the match behind each answer.
CREATE TABLE conversations (
  channel         TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  user_id         TEXT,
  locale          TEXT,
  state_json      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (channel, conversation_id)
);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  message_id      TEXT,
  text            TEXT NOT NULL,
  locale          TEXT,
  intent          TEXT,
  faq             TEXT,
  confidence      REAL,
  kind            TEXT,
  -- The full reply (choices, hand-off reason) so a channel can render it again later.
  reply_json      TEXT,
  at              TEXT NOT NULL
);
CREATE INDEX messages_by_conversation ON messages (channel, conversation_id, id);
-- A platform that redelivers a message (same id) is answered once.
CREATE UNIQUE INDEX messages_incoming_once ON messages (channel, message_id) WHERE direction = 'in';

CREATE TABLE conversation_refs (
  channel         TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  reference_json  TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (channel, conversation_id)
);
