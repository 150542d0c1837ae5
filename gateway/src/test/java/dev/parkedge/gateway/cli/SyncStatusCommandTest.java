package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.api.StatusView.SyncView;
import dev.parkedge.gateway.ops.SyncStatusFile;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parkedge sync status} and the status port, over the agent's status file. */
class SyncStatusCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private Path statusFile;

  @BeforeEach
  void gateway() throws Exception {
    statusFile = dir.resolve("sync.db.status.json");
    Files.writeString(
        dir.resolve("gateway.yaml"), "data_dir: var\nsync:\n  status_file: sync.db.status.json\n");
    Files.createDirectories(dir.resolve("var"));
    SqliteStore.open(dir.resolve("var/parkedge.db"), Clock.systemUTC(), Duration.ofMillis(20))
        .close();
  }

  /** What the agent's AgentCounters.statusJson writes, at {@code at}. */
  private void agentWrote(Instant at, boolean connected) throws Exception {
    Files.writeString(
        statusFile,
        """
        {"site":"hq","at":%d,"connected":%s,"agent_version":"0.1.0","gateway_version":"schema 5",
         "backlog":{"command":0,"money":12,"operations":1,"occupancy":340},"compactions":0,
         "backlog_bytes":{"money":2048},"oldest_unsent_age_s":42,"last_acked_seq":1234,
         "copied_seq":1587,"events_sent":99000,"bytes_sent":1000000,"commands_received":3,
         "refused_by_agent":1,"protocol":"5"}
        """
            .formatted(at.toEpochMilli(), connected));
  }

  private int run(String... args) {
    var cli = ParkEdgeCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void shows_connection_backlog_by_class_last_ack_and_commands() throws Exception {
    agentWrote(Instant.now(), true);

    int exit = run("sync", "status", "-c", dir.resolve("gateway.yaml").toString());

    assertThat(exit).isZero();
    assertThat(out.toString())
        .startsWith("sync-agent: connected (MQTT 5), status ")
        .contains("backlog: command 0, money 12, operations 1, occupancy 340; oldest unsent 42 s\n")
        .contains("last acknowledged seq: 1234 (copied from the journal up to 1587")
        .contains("commands received by the agent: 3, refused by the agent: 1\n")
        .endsWith(
            "commands at the gateway: 0 applied, 0 refused, 0 rejected (signature, scope,"
                + " expiry), 0 waiting\n");
  }

  @Test
  void says_when_there_is_no_status_or_the_agent_stopped_writing_it() throws Exception {
    assertThat(run("sync", "status", "-c", dir.resolve("gateway.yaml").toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith("sync-agent: no status at " + statusFile);

    agentWrote(Instant.now().minusSeconds(300), true);
    out.getBuffer().setLength(0);
    assertThat(run("sync", "status", "-c", dir.resolve("gateway.yaml").toString())).isEqualTo(1);
    assertThat(out.toString()).startsWith("sync-agent: NOT RUNNING? its status is 300 s old");
  }

  @Test
  void status_reports_the_cloud_backlog_from_the_journal_head_and_the_last_ack() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    SyncStatusFile file =
        new SyncStatusFile(statusFile, () -> 1300, Clock.fixed(now, ZoneOffset.UTC));
    assertThat(file.read()).isEqualTo(new SyncView(false, null, null));

    agentWrote(now.minusSeconds(8), false);

    assertThat(file.read()).isEqualTo(new SyncView(true, 66L, 50L));
  }
}
