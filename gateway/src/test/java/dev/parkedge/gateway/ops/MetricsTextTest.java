package dev.parkedge.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parkedge.gateway.api.StatusView;
import dev.parkedge.gateway.api.StatusView.BusView;
import dev.parkedge.gateway.api.StatusView.OperationsView;
import dev.parkedge.gateway.api.StatusView.SignView;
import dev.parkedge.gateway.api.StatusView.SyncView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

  @Test
  void renders_the_status_as_prometheus_text() {
    StatusView status =
        new StatusView(
            "hq",
            "1.0",
            "2026-11-21T08:00:00Z",
            3600,
            Map.of("free", 412L, "occupied", 80L),
            Map.of("ok", 490L),
            List.of(
                new BusView(
                    "bus \"1\"",
                    "/dev/ttyUSB0",
                    "psp",
                    true,
                    48213,
                    Map.of("bad_crc", 3L),
                    Map.of())),
            List.of(new SignView("S1", List.of("A"), "17", "green")),
            99,
            "ok",
            12.5,
            List.of(),
            false,
            new OperationsView(
                "/var/lib/parkedge",
                1000L,
                2000L,
                300L,
                "2026-11-21T03:00:00Z",
                "auto-x.db",
                new SyncView(true, 5L, 60L),
                true,
                "fed every 10 s",
                List.of()));

    String text = MetricsText.render(status, new MetricsText.ProcessFacts(1, 2, 3, 4));

    assertThat(text)
        .contains("# TYPE parkedge_spaces gauge\n")
        .contains("parkedge_spaces{state=\"free\"} 412\n")
        .contains("parkedge_bus_frames_total{bus=\"bus \\\"1\\\"\"} 48213\n")
        .contains("parkedge_bus_rejected_total{bus=\"bus \\\"1\\\"\",error=\"bad_crc\"} 3\n")
        .contains("parkedge_sign_free{sign=\"S1\"} 17\n")
        .contains("parkedge_frames_per_second 12.5\n")
        .contains("parkedge_clock_trusted 0\n")
        .contains("parkedge_watchdog_fed 1\n")
        .contains("parkedge_last_backup_timestamp_seconds 1795230000\n")
        .contains("parkedge_sync_backlog 5\n")
        .contains("process_resident_memory_bytes 1\n");
  }
}
