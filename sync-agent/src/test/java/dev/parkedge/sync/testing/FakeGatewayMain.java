package dev.parkedge.sync.testing;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * A stand-in gateway process for kill tests: appends {@code perCommit} events every {@code everyMs}
 * (group commits as the gateway's writer), and prints each commit's latency in microseconds to
 * stdout, one per line, until killed.
 */
public final class FakeGatewayMain {
  private FakeGatewayMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int perCommit = Integer.parseInt(args[1]);
    long everyMs = Long.parseLong(args[2]);
    java.io.PrintStream out =
        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
    try (Connection c = GatewayDatabase.writer(file)) {
      while (true) {
        long start = System.nanoTime();
        GatewayDatabase.append(c, perCommit, System.currentTimeMillis(), 1, 2000);
        out.println((System.nanoTime() - start) / 1000);
        Thread.sleep(everyMs);
      }
    }
  }
}
