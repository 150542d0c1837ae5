package dev.parkedge.gateway.remote;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.sync.contract.InboxTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Commands in: the messages the sync-agent left in the gateway's database (sync-contract {@link
 * InboxTable}), and how each is resolved. The SQLite store implements it.
 */
public interface CommandInbox {

  /** Messages not yet resolved, oldest first. */
  List<InboxTable.Received> unresolved(int limit);

  /** How an earlier verified message with this id was resolved, if one was: a replay. */
  Optional<String> seenVerified(String commandId);

  /**
   * Journals {@code result} and resolves the message in the same transaction; completes with the
   * entry's seq once durable. So a command is reported once, whenever either process stops.
   */
  CompletableFuture<Long> resolve(
      String digest, InboxTable.Resolution resolution, String reason, JournalEntry result);
}
