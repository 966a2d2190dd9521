-- Units under warranty, the customer information file (who owns them, how to reach them), and
-- what happened to each unit. Serials are stored in canonical form: capitals, no spaces or dashes.
CREATE TABLE customers (
  id          INTEGER PRIMARY KEY,
  name        TEXT,
  phone       TEXT,
  -- Digits only (and a leading +), so "021-6609 7851" and "02166097851" are one customer.
  phone_key   TEXT,
  email       TEXT,
  email_key   TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX customers_by_email ON customers (email_key);
CREATE INDEX customers_by_phone ON customers (phone_key);

-- A customer's ids on messaging channels (telegram, slack, teams, ...).
CREATE TABLE customer_channels (
  customer_id      INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel          TEXT NOT NULL,
  channel_user_id  TEXT NOT NULL,
  PRIMARY KEY (channel, channel_user_id)
);
CREATE INDEX customer_channels_by_customer ON customer_channels (customer_id);

CREATE TABLE units (
  serial         TEXT PRIMARY KEY,
  -- The order (invoice) number, canonical like a serial; customers may give it instead.
  order_number   TEXT,
  model          TEXT NOT NULL,
  purchase_date  TEXT NOT NULL,
  delivery_date  TEXT,
  region         TEXT,
  -- Plans in stacking order, `;`-separated, each with its purchase date when known:
  -- "care-plus@2024-03-01;care-premium".
  plans          TEXT NOT NULL DEFAULT '',
  -- Exclusion ids recorded for the unit, `;`-separated: "liquid-damage".
  exclusions     TEXT NOT NULL DEFAULT '',
  customer_id    INTEGER REFERENCES customers (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX units_by_customer ON units (customer_id);
CREATE INDEX units_by_order ON units (order_number);

CREATE TABLE unit_history (
  id      INTEGER PRIMARY KEY,
  serial  TEXT NOT NULL REFERENCES units (serial) ON DELETE CASCADE,
  at      TEXT NOT NULL,
  event   TEXT NOT NULL,
  detail  TEXT NOT NULL
);
CREATE INDEX unit_history_by_unit ON unit_history (serial, id);
