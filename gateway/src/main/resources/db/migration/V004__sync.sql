-- ParkEdge gateway schema, version 4: the sync-agent contract (sync-contract module, gateway/JOURNAL.md).
-- Every journal entry records the boot it was written in and the monotonic clock then, so an entry
-- stamped before the wall clock was trusted can be re-based on the boot's clock.synced anchor.
ALTER TABLE journal ADD COLUMN boot_id TEXT;
ALTER TABLE journal ADD COLUMN mono_ms INTEGER;

-- Commands in: the sync-agent inserts each received message (one row, keyed by its SHA-256); the
-- gateway verifies and applies it, and resolves the row in the transaction that journals its
-- command.result. command_id is what the message claims; trusted once state is applied/refused.
CREATE TABLE command_inbox (
  digest TEXT PRIMARY KEY NOT NULL,
  command_id TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  message BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('received', 'applied', 'refused', 'rejected')),
  reason TEXT,
  result_seq INTEGER,
  resolved_ms INTEGER
) WITHOUT ROWID;
CREATE INDEX command_inbox_by_state ON command_inbox (state, received_ms);
CREATE INDEX command_inbox_by_id ON command_inbox (command_id);
