package dev.parkedge.gateway.remote;

import dev.parkedge.gateway.journal.JournalEntry;
import dev.parkedge.sync.contract.Command;
import dev.parkedge.sync.contract.CommandKind;
import dev.parkedge.sync.contract.CommandResult;
import dev.parkedge.sync.contract.InboxTable;
import dev.parkedge.sync.contract.SignedCommand;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the tenant's commands that the sync-agent left in the inbox: for each message, in the
 * order received, {@code verify → dropReplay → dispatch → resolve}. Verification (signature by the
 * tenant's key, tenant, site, expiry) happens here, in the gateway, so a compromised agent cannot
 * forge a command. One thread, {@code remote-commands}, polls the inbox; each result is journaled
 * durably before the next message is looked at.
 */
public final class RemoteCommands implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(RemoteCommands.class);

  private final String tenant;
  private final String site;
  private final PublicKey key;
  private final CommandInbox inbox;
  private final Map<CommandKind, CommandHandler> handlers;
  private final Clock clock;
  private final BooleanSupplier clockTrusted;
  private final Thread thread;
  private volatile boolean running = true;

  public RemoteCommands(
      String tenant,
      String site,
      PublicKey key,
      CommandInbox inbox,
      Map<CommandKind, CommandHandler> handlers,
      Clock clock,
      BooleanSupplier clockTrusted) {
    this.tenant = tenant;
    this.site = site;
    this.key = key;
    this.inbox = inbox;
    this.handlers = handlers.isEmpty() ? Map.of() : new EnumMap<>(handlers);
    this.clock = clock;
    this.clockTrusted = clockTrusted;
    this.thread = new Thread(this::loop, "remote-commands");
    this.thread.setDaemon(true);
  }

  public RemoteCommands start() {
    thread.start();
    log.info("commands: applying signed commands of tenant {} for site {}", tenant, site);
    return this;
  }

  private void loop() {
    while (running) {
      try {
        if (pollOnce() == 0) {
          Thread.sleep(POLL.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("commands: reading the inbox failed, retrying: {}", e.toString());
        sleepQuietly();
      }
    }
  }

  /** Handles every message waiting; returns how many. */
  public int pollOnce() throws InterruptedException {
    List<InboxTable.Received> waiting = inbox.unresolved(20);
    for (InboxTable.Received received : waiting) {
      handle(received);
    }
    return waiting.size();
  }

  void handle(InboxTable.Received received) throws InterruptedException {
    SignedCommand.Verdict verdict =
        SignedCommand.verify(received.message(), key, tenant, site, clock.instant());
    if (verdict instanceof SignedCommand.Rejected rejected) {
      log.warn(
          "commands {}: rejected: {} ({} bytes)",
          rejected.claimedId(),
          rejected.reason(),
          received.message().length);
      resolve(
          received, rejected.claimedId(), "-", InboxTable.Resolution.REJECTED, rejected.reason());
      return;
    }
    Command command = ((SignedCommand.Verified) verdict).command();
    Optional<String> earlier = inbox.seenVerified(command.id());
    if (earlier.isPresent()) {
      String reason = "replayed: command " + command.id() + " was already " + earlier.get();
      log.warn("commands {}: refused: {}", command.id(), reason);
      resolve(received, command.id(), command.kind(), InboxTable.Resolution.REFUSED, reason);
      return;
    }
    CommandOutcome outcome = dispatch(command);
    if (outcome.applied()) {
      log.info("commands {}: {} applied: {}", command.id(), command.kind(), outcome.detail());
      resolve(command, received, InboxTable.Resolution.APPLIED, null, outcome.detail());
    } else {
      log.warn("commands {}: {} refused: {}", command.id(), command.kind(), outcome.reason());
      resolve(command, received, InboxTable.Resolution.REFUSED, outcome.reason(), null);
    }
  }

  private CommandOutcome dispatch(Command command) {
    Optional<CommandKind> kind = CommandKind.of(command.kind());
    if (kind.isEmpty()) {
      return CommandOutcome.refused("unknown kind \"" + command.kind() + "\"");
    }
    CommandHandler handler = handlers.get(kind.get());
    if (handler == null) {
      return CommandOutcome.notSupportedYet();
    }
    try {
      return handler.apply(command);
    } catch (RuntimeException e) {
      log.warn("commands {}: {} failed: {}", command.id(), command.kind(), e.toString());
      return CommandOutcome.refused("failed: " + e.getMessage());
    }
  }

  private void resolve(
      Command command,
      InboxTable.Received received,
      InboxTable.Resolution resolution,
      String reason,
      String detail)
      throws InterruptedException {
    write(
        received,
        resolution,
        reason,
        entry(
            command.id(),
            CommandResult.body(command.id(), command.kind(), resolution, reason, detail)));
  }

  private void resolve(
      InboxTable.Received received,
      String id,
      String kind,
      InboxTable.Resolution resolution,
      String reason)
      throws InterruptedException {
    write(
        received,
        resolution,
        reason,
        entry(id, CommandResult.body(id, kind, resolution, reason, null)));
  }

  private JournalEntry entry(String id, Map<String, Object> body) {
    return new JournalEntry(
        CommandResult.TYPE, id, clock.instant(), clockTrusted.getAsBoolean(), body);
  }

  /** Waits for the durable commit, so the next message sees this one resolved (replays). */
  private void write(
      InboxTable.Received received,
      InboxTable.Resolution resolution,
      String reason,
      JournalEntry entry)
      throws InterruptedException {
    try {
      inbox.resolve(received.digest(), resolution, reason, entry).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Left unresolved: applied again (idempotently) and reported on the next poll.
      throw new IllegalStateException(
          "cannot journal the result of " + entry.subject() + ": " + e.getMessage(), e);
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(POLL.toMillis() * 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
