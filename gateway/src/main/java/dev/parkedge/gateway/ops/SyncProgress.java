package dev.parkedge.gateway.ops;

import dev.parkedge.gateway.api.StatusView.SyncView;

/**
 * How far the journal has got to head office. The sync-agent (a separate process, issue 7) owns
 * that knowledge; until it reports it, the backlog is unknown and status says so rather than
 * guessing.
 */
@FunctionalInterface
public interface SyncProgress {

  SyncView read();

  /** No sync-agent reports its progress. */
  SyncProgress UNKNOWN = () -> new SyncView(false, null, null);
}
