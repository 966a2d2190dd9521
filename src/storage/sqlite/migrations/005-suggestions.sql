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
-- `source` says which table `source_id` is a row of: messages (clarify) or ticket_messages (staff).
CREATE TABLE suggestion_sources (
  source     TEXT NOT NULL,
  source_id  INTEGER NOT NULL,
  PRIMARY KEY (source, source_id)
);
