-- ParkEdge gateway schema, version 2: space_state becomes a periodic snapshot of the journal.
-- space_state is written every snapshot interval, not with every change; restore reads it, then
-- replays the space.state and space.maintenance entries with seq > space_snapshot.seq.

-- One row: the journal seq that space_state reflects (committed in the same transaction).
CREATE TABLE space_snapshot (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  seq INTEGER NOT NULL CHECK (seq >= 0)
);

-- Until version 2, space_state was upserted with every change: it reflects the whole journal.
INSERT INTO space_snapshot (id, seq) SELECT 1, coalesce(max(seq), 0) FROM journal;
