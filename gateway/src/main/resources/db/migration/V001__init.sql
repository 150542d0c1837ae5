-- ParkEdge gateway schema, version 1. Forward-only: never edit a released migration, add V002.
-- Instants are UTC epoch milliseconds (INTEGER). Booleans are 0/1.
-- Statements end with ";" at the end of a line (the runner splits there).

-- 'PEDG': marks the file as a ParkEdge database.
PRAGMA application_id = 1346716743;

-- The journal: append-only, seq gap-free (assigned max+1 by the one writer, inside the commit).
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY NOT NULL CHECK (seq > 0),
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  clock_trusted INTEGER NOT NULL CHECK (clock_trusted IN (0, 1)),
  body TEXT NOT NULL
);

-- Projection: the last saved state of each space (spaces no longer in the layout stay).
CREATE TABLE space_state (
  space_id TEXT PRIMARY KEY NOT NULL,
  state TEXT NOT NULL,
  since_ms INTEGER NOT NULL,
  sensed TEXT NOT NULL,
  maintenance INTEGER NOT NULL CHECK (maintenance IN (0, 1))
) WITHOUT ROWID;

-- Projection: what the gateway has learnt about each device (EUI-64 as a signed 64-bit integer).
CREATE TABLE device (
  eui INTEGER PRIMARY KEY NOT NULL,
  bus TEXT NOT NULL,
  first_seen_ms INTEGER,
  last_seen_ms INTEGER,
  frames INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  lost INTEGER NOT NULL,
  battery_mv INTEGER,
  temperature_c INTEGER,
  rssi_dbm INTEGER,
  snr_db REAL,
  firmware TEXT
);
