package dev.parkedge.sync.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parkedge.sync.contract.CommandResult;
import dev.parkedge.sync.contract.InboxTable;
import dev.parkedge.sync.contract.SignedCommand;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's side of the inbox contract, done with the contract alone (the real one is
 * gateway/remote/RemoteCommands, tested against the same contract in the gateway module): verify,
 * drop replays, "apply" space.maintenance, refuse the rest, and resolve each message in the
 * transaction that journals its command.result.
 */
public final class ContractGateway {
  private final Path db;
  private final PublicKey key;
  private final String tenant;
  private final String site;

  public ContractGateway(Path db, PublicKey key, String tenant, String site) {
    this.db = db;
    this.key = key;
    this.tenant = tenant;
    this.site = site;
  }

  public int pollOnce() throws Exception {
    try (Connection c = GatewayDatabase.writer(db)) {
      List<InboxTable.Received> waiting = InboxTable.unresolved(c, 50);
      for (InboxTable.Received r : waiting) {
        handle(c, r);
      }
      return waiting.size();
    }
  }

  private void handle(Connection c, InboxTable.Received r) throws Exception {
    SignedCommand.Verdict verdict =
        SignedCommand.verify(r.message(), key, tenant, site, Instant.now());
    if (verdict instanceof SignedCommand.Rejected rejected) {
      resolve(
          c, r, rejected.claimedId(), "-", InboxTable.Resolution.REJECTED, rejected.reason(), null);
      return;
    }
    var command = ((SignedCommand.Verified) verdict).command();
    Optional<String> earlier = InboxTable.seenVerified(c, command.id());
    if (earlier.isPresent()) {
      resolve(
          c,
          r,
          command.id(),
          command.kind(),
          InboxTable.Resolution.REFUSED,
          "replayed: command " + command.id() + " was already " + earlier.get(),
          null);
    } else if (command.kind().equals("space.maintenance")) {
      resolve(
          c,
          r,
          command.id(),
          command.kind(),
          InboxTable.Resolution.APPLIED,
          null,
          "space " + command.text("space") + " in maintenance");
    } else {
      resolve(
          c,
          r,
          command.id(),
          command.kind(),
          InboxTable.Resolution.REFUSED,
          "not supported by this gateway yet",
          null);
    }
  }

  private void resolve(
      Connection c,
      InboxTable.Received r,
      String id,
      String kind,
      InboxTable.Resolution resolution,
      String reason,
      String detail)
      throws SQLException, Exception {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
    }
    long seq;
    try (PreparedStatement max =
            c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM journal");
        var rows = max.executeQuery()) {
      rows.next();
      seq = rows.getLong(1);
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO journal (seq, type, subject, at_ms, clock_trusted, body, boot_id, mono_ms) VALUES (?, ?, ?, ?, 1, ?, ?, ?)")) {
      insert.setLong(1, seq);
      insert.setString(2, CommandResult.TYPE);
      insert.setString(3, id);
      insert.setLong(4, System.currentTimeMillis());
      insert.setString(
          5,
          new ObjectMapper()
              .writeValueAsString(CommandResult.body(id, kind, resolution, reason, detail)));
      insert.setString(6, GatewayDatabase.BOOT);
      insert.setLong(7, System.nanoTime() / 1_000_000);
      insert.executeUpdate();
    }
    InboxTable.resolve(c, r.digest(), resolution, reason, seq, System.currentTimeMillis());
    try (Statement s = c.createStatement()) {
      s.execute("COMMIT");
    }
  }
}
