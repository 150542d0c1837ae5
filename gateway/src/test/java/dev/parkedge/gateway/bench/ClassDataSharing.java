package dev.parkedge.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data sharing archive of a benchmark's daemon, built the way an install builds it
 * (packaging's {@code build-cds-archive}): one run of the daemon on the benchmark's own
 * configuration, stopped cleanly once it logs {@code ready}, lists the classes it loaded; {@code
 * -Xshare:dump} writes them into one static archive. The database that run wrote is deleted.
 */
final class ClassDataSharing {

  private ClassDataSharing() {}

  /**
   * @param ready what the training run logs once it has loaded what the benchmark will use
   * @param whileReady what to make the daemon do before it is stopped (e.g. answer the API)
   * @return the archive, for {@code -XX:SharedArchiveFile}
   */
  static Path train(Path dir, Path jar, List<String> jvmOptions, String ready, Callable whileReady)
      throws Exception {
    Path log = dir.resolve("cds-training.log");
    Path classes = dir.resolve("classes.list");
    Path archive = dir.resolve("parkedge.jsa");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions);
    command.add("-XX:DumpLoadedClassList=" + classes);
    command.addAll(
        List.of("-jar", jar.toString(), "run", "-c", dir.resolve("gateway.yaml").toString()));
    Process training =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(log).contains(ready)) {
      if (System.nanoTime() > deadline || !training.isAlive()) {
        training.destroyForcibly();
        throw new IllegalStateException(
            "the class-data sharing training run did not log \"" + ready + "\"; see " + log);
      }
      Thread.sleep(50);
    }
    whileReady.call();
    training.destroy();
    training.waitFor(30, TimeUnit.SECONDS);
    List<String> dump = new ArrayList<>(List.of("java"));
    dump.addAll(jvmOptions);
    dump.addAll(
        List.of(
            "-Xshare:dump",
            "-XX:SharedClassListFile=" + classes,
            "-XX:SharedArchiveFile=" + archive,
            "-cp",
            jar.toString()));
    Process dumping =
        new ProcessBuilder(dump)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!dumping.waitFor(60, TimeUnit.SECONDS) || dumping.exitValue() != 0) {
      throw new IllegalStateException("-Xshare:dump failed; see " + log);
    }
    for (String file : List.of("parkedge.db", "parkedge.db-wal", "parkedge.db-shm")) {
      Files.deleteIfExists(dir.resolve("var").resolve(file));
    }
    return archive;
  }

  /** Something the training run's daemon is asked while it runs. */
  @FunctionalInterface
  interface Callable {
    void call() throws Exception;
  }
}
