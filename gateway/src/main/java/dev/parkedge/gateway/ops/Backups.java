package dev.parkedge.gateway.ops;

import dev.parkedge.gateway.config.OperationsConfig;
import dev.parkedge.gateway.storage.sqlite.SqliteStore;
import dev.parkedge.gateway.storage.sqlite.StorageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic backups of the database into {@code data_dir/backups}: a consistent, checked copy
 * ({@link SqliteStore#backup}) every {@code backups.every}, keeping the newest {@code
 * backups.keep}. Backups taken before a migration or an upgrade ({@code pre-*.db}) are kept apart:
 * the newest {@link #KEEP_PRE} of them.
 */
public final class Backups implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Backups.class);

  /** Automatic backups are named {@code auto-<UTC time>.db}. */
  public static final String AUTO = "auto";

  /** Backups before a migration or an upgrade kept, at most. */
  static final int KEEP_PRE = 3;

  /** How often the thread looks whether a backup is due. */
  static final Duration CHECK_EVERY = Duration.ofMinutes(10);

  /** A backup in the folder. */
  public record Backup(Path file, Instant at) {}

  private final Path database;
  private final Path folder;
  private final OperationsConfig.Backups config;
  private final Clock clock;
  private ScheduledFuture<?> schedule;
  private volatile String lastError;

  public Backups(Path database, OperationsConfig.Backups config, Clock clock) {
    this.database = database;
    this.folder = folder(database);
    this.config = config;
    this.clock = clock;
  }

  /** Where backups of this database go. */
  public static Path folder(Path database) {
    return database.toAbsolutePath().getParent().resolve("backups");
  }

  /** Checks every {@code CHECK_EVERY} on {@code maintenance} whether a backup is due. */
  public synchronized void start(ScheduledExecutorService maintenance) {
    if (!config.enabled()) {
      log.info("backups: automatic backups are off (backups.enabled: false)");
      return;
    }
    schedule =
        maintenance.scheduleWithFixedDelay(
            this::backUpIfDue, 1, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  /** Takes a backup when the newest automatic one is older than {@code every}; then prunes. */
  public Optional<Path> backUpIfDue() {
    try {
      Instant now = clock.instant();
      Optional<Backup> newest = newest(list(folder), AUTO);
      if (newest.isPresent() && now.isBefore(newest.get().at().plus(config.every()))) {
        return Optional.empty();
      }
      Path taken = backUp(database, AUTO, now);
      prune();
      lastError = null;
      return Optional.of(taken);
    } catch (StorageException | IOException | RuntimeException e) {
      if (!String.valueOf(e.getMessage()).equals(lastError)) {
        log.error("backups: automatic backup failed: {}", e.getMessage());
      }
      lastError = String.valueOf(e.getMessage());
      return Optional.empty();
    }
  }

  /** One backup of {@code database} named {@code <kind>-<time>.db}; the path it was written to. */
  public static Path backUp(Path database, String kind, Instant at)
      throws StorageException, IOException {
    Path folder = folder(database);
    Files.createDirectories(folder);
    Path target = folder.resolve(SqliteStore.backupName(kind, at));
    long started = System.nanoTime();
    SqliteStore.backup(database, target);
    log.info(
        "backups: {} written and checked in {} ms ({} bytes)",
        target,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        Files.size(target));
    return target;
  }

  /** Deletes automatic backups beyond {@code keep}, and pre-* ones beyond {@link #KEEP_PRE}. */
  void prune() throws IOException {
    List<Backup> all = list(folder);
    delete(
        all.stream().filter(b -> b.file().getFileName().toString().startsWith(AUTO + "-")).toList(),
        config.keep());
    delete(
        all.stream().filter(b -> b.file().getFileName().toString().startsWith("pre-")).toList(),
        KEEP_PRE);
  }

  private static void delete(List<Backup> backups, int keep) throws IOException {
    List<Backup> newestFirst = new ArrayList<>(backups);
    newestFirst.sort(Comparator.comparing(Backup::at).reversed());
    for (Backup old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
      Files.deleteIfExists(old.file());
      log.info("backups: deleted {} (keeping the newest {})", old.file().getFileName(), keep);
    }
  }

  /** The newest backup of any kind, for status. */
  public Optional<Backup> newest() {
    try {
      return newest(list(folder), "");
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Why the last automatic backup failed; null when it did not. */
  public String lastError() {
    return lastError;
  }

  private static Optional<Backup> newest(List<Backup> backups, String kind) {
    return backups.stream()
        .filter(b -> b.file().getFileName().toString().startsWith(kind))
        .max(Comparator.comparing(Backup::at));
  }

  private static final java.util.regex.Pattern STAMP =
      java.util.regex.Pattern.compile(".*-(\\d{8}T\\d{6}Z)\\.db");

  /**
   * When a backup was taken: the time in its name (written with the daemon's clock, and kept when
   * the file is copied), else its modification time.
   */
  static Instant takenAt(Path file) throws IOException {
    java.util.regex.Matcher name = STAMP.matcher(file.getFileName().toString());
    if (name.matches()) {
      try {
        return java.time.LocalDateTime.parse(
                name.group(1),
                java.time.format.DateTimeFormatter.ofPattern(
                    "yyyyMMdd'T'HHmmss'Z'", java.util.Locale.ROOT))
            .toInstant(java.time.ZoneOffset.UTC);
      } catch (java.time.format.DateTimeParseException e) {
        // fall back to the file's time
      }
    }
    return Files.getLastModifiedTime(file).toInstant();
  }

  /** Every {@code *.db} in the folder with the time it was taken. */
  static List<Backup> list(Path folder) throws IOException {
    List<Backup> backups = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return backups;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.db")) {
      for (Path file : files) {
        backups.add(new Backup(file, takenAt(file)));
      }
    }
    return backups;
  }

  /** Stops the schedule; a backup under way is interrupted by its executor's owner. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
