-- ParkEdge gateway schema, version 4: reservations, sessions, the payments ledger, violations.
-- Every table here is a projection of journal entries (reservation.*, session.*, ledger.txn,
-- violation.raised), written by the storage writer in the same transaction as the entry it
-- projects; seq is that entry's. gateway/JOURNAL.md describes the bodies.

CREATE TABLE reservation (
  id TEXT PRIMARY KEY NOT NULL,
  idem_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  source TEXT NOT NULL,
  space_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  kinds TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
  plate TEXT,
  status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')),
  price INTEGER NOT NULL CHECK (price >= 0),
  currency TEXT NOT NULL,
  payment_id TEXT,
  method TEXT,
  created_ms INTEGER NOT NULL,
  checked_in_ms INTEGER,
  session_id TEXT,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX reservation_key ON reservation (idem_key);
CREATE INDEX reservation_start ON reservation (start_ms);
CREATE INDEX reservation_active ON reservation (status) WHERE status IN ('booked', 'checked_in');

CREATE TABLE session (
  id TEXT PRIMARY KEY NOT NULL,
  vehicle TEXT NOT NULL,
  ticket TEXT,
  plate TEXT,
  reservation_id TEXT,
  entry_lane INTEGER NOT NULL,
  entry_ms INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  paid_ms INTEGER,
  lost_ticket INTEGER NOT NULL CHECK (lost_ticket IN (0, 1)),
  exit_lane INTEGER,
  exit_ms INTEGER,
  exit_reason TEXT,
  due_at_exit INTEGER,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_open ON session (status) WHERE status = 'open';
CREATE INDEX session_entry ON session (entry_ms);
CREATE INDEX session_exit ON session (exit_ms);

-- One row per movement; never updated. idem_key is NULL for movements the gateway makes itself.
CREATE TABLE ledger_txn (
  id TEXT PRIMARY KEY NOT NULL,
  idem_key TEXT,
  fingerprint TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('charge', 'payment', 'refund', 'top_up')),
  ref TEXT NOT NULL,
  method TEXT,
  currency TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  payment_id TEXT,
  at_ms INTEGER NOT NULL,
  detail TEXT NOT NULL,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX ledger_txn_key ON ledger_txn (idem_key) WHERE idem_key IS NOT NULL;
CREATE INDEX ledger_txn_ref ON ledger_txn (ref);
CREATE INDEX ledger_txn_at ON ledger_txn (at_ms);
CREATE INDEX ledger_txn_payment ON ledger_txn (payment_id) WHERE payment_id IS NOT NULL;

-- The two (or more) sides of each movement: debits equal credits per movement.
CREATE TABLE ledger_posting (
  txn_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  account TEXT NOT NULL,
  debit INTEGER NOT NULL CHECK (debit >= 0),
  credit INTEGER NOT NULL CHECK (credit >= 0),
  PRIMARY KEY (txn_id, line)
) WITHOUT ROWID;
CREATE INDEX ledger_posting_account ON ledger_posting (account);

-- Derived: the sum of each account's postings (debit minus credit), kept with every movement.
CREATE TABLE ledger_balance (
  account TEXT PRIMARY KEY NOT NULL,
  balance INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE violation (
  id TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  ref TEXT NOT NULL,
  penalty INTEGER NOT NULL,
  currency TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  detail TEXT NOT NULL,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX violation_at ON violation (at_ms);
