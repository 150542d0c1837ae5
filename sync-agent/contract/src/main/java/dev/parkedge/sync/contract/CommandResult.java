package dev.parkedge.sync.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal entry that reports a command's outcome: type {@code command.result}, subject the
 * command id (the claimed one for a message that failed verification, or {@code -} if none could be
 * read), body {@code id}, {@code kind}, {@code outcome} ({@code applied}, {@code refused}, {@code
 * rejected}), {@code reason} (null when applied) and {@code detail} (what was done, or null). The
 * agent ships it with the other events and also publishes it on {@code up/results}.
 */
public final class CommandResult {
  public static final String TYPE = "command.result";

  private CommandResult() {}

  public static Map<String, Object> body(
      String id, String kind, InboxTable.Resolution outcome, String reason, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("kind", kind);
    body.put("outcome", outcome.state());
    body.put("reason", reason);
    body.put("detail", detail);
    return body;
  }
}
