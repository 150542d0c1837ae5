package dev.parkedge.gateway.testing;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data sharing archive of the daemon, built the way an install builds it (packaging's
 * {@code build-cds-archive}): one run of the daemon on a configuration, stopped cleanly once it
 * logs {@code ready}, lists the classes it loaded; {@code -Xshare:dump} writes them into one static
 * archive. The database that run wrote is deleted.
 */
public final class ClassDataSharing {

  /** The package's training configuration and the example site it runs (see stage.sh). */
  private static final Path TRAINING_GATEWAY =
      Path.of("..", "packaging", "src", "deb", "training", "gateway.yaml");

  private static final Path EXAMPLE_SITE =
      Path.of("src", "main", "resources", "examples", "site.yaml");

  private ClassDataSharing() {}

  /**
   * The archive an install builds, exactly: trained on the package's own training configuration
   * (the example site, no port touched), not on the site under test, with the shipped JVM options.
   * A daemon run with it maps what an installed one maps, and loads outside the archive what an
   * installed one would (e.g. the LoRaWAN link's classes).
   *
   * @param dir a folder of its own for the training run and the archive
   * @return the archive, for {@link ShippedJvm#withArchive}
   */
  public static Path asInstalled(Path dir, Path jar) throws Exception {
    return asInstalled(dir, jar, ShippedJvm.OPTIONS);
  }

  /**
   * As {@link #asInstalled(Path, Path)}, dumped with these JVM options (a benchmark trying other
   * options than the shipped ones: the archive maps only under compatible ones).
   */
  public static Path asInstalled(Path dir, Path jar, List<String> jvmOptions) throws Exception {
    Files.createDirectories(dir);
    Files.copy(TRAINING_GATEWAY, dir.resolve("gateway.yaml"));
    Files.copy(EXAMPLE_SITE, dir.resolve("site.yaml"));
    return train(dir, jar, jvmOptions, "parkedge ready", () -> {});
  }

  /**
   * An archive trained on {@code dir/gateway.yaml}: the configuration a benchmark then runs.
   *
   * @param ready what the training run logs once it has loaded what the benchmark will use
   * @param whileReady what to make the daemon do before it is stopped (e.g. answer the API)
   * @return the archive, for {@code -XX:SharedArchiveFile}
   */
  public static Path train(
      Path dir, Path jar, List<String> jvmOptions, String ready, Callable whileReady)
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
    // An install writes its archive long before a start; written just now, its ~20 MB would still
    // be on their way to the disk while the measured daemon fsyncs its first commits.
    try (FileChannel written = FileChannel.open(archive, StandardOpenOption.WRITE)) {
      written.force(true);
    }
    return archive;
  }

  /** Something the training run's daemon is asked while it runs. */
  @FunctionalInterface
  public interface Callable {
    void call() throws Exception;
  }
}
