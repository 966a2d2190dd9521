-- Question variants learned from customers (an accepted "did you mean" choice, a staff `!faq ID`),
-- waiting for an admin to accept them into the FAQ entry's file or reject them.
CREATE TABLE suggestions (
  id          INTEGER PRIMARY KEY,
  faq         TEXT NOT NULL,
  locale      TEXT NOT NULL,
  text        TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('clarify', 'staff')),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  seen        INTEGER NOT NULL DEFAULT 1,
  first_seen  TEXT NOT NULL,
  last_seen   TEXT NOT NULL,
  UNIQUE (faq, locale, text)
);
-- Which transcript lines were already learned from, so reading the transcripts again counts nothing twice.
CREATE TABLE suggestion_sources (
  message_id  INTEGER PRIMARY KEY
);
