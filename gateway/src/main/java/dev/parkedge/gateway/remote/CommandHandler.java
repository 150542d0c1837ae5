package dev.parkedge.gateway.remote;

import dev.parkedge.sync.contract.Command;

/**
 * Applies one kind of verified command through the same service a local request uses. A gateway
 * that stops between applying and journaling the result applies the command again at start, so a
 * handler must be idempotent for the same command (same layout, same tariff, same reservation id).
 */
@FunctionalInterface
public interface CommandHandler {
  CommandOutcome apply(Command command);
}
