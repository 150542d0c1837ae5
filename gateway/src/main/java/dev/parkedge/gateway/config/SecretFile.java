package dev.parkedge.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A file holding a secret (a password, an API key, pre-shared keys): it must exist and be readable
 * by its owner only, or the gateway refuses to start — a key other users can read is a key that has
 * leaked.
 */
public final class SecretFile {

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private SecretFile() {}

  /**
   * What is wrong with {@code file} as a secret file, or empty when it can be used. The text does
   * not start with the file's name; callers say which setting or file it is about.
   */
  public static Optional<String> problem(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.of("file not found: " + file.toAbsolutePath());
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      return Optional.of(
          "cannot check who may read it (" + e + "); secrets need a POSIX file system");
    }
    if (permissions.stream().anyMatch(OTHERS::contains)) {
      return Optional.of(
          "holds a secret but its permissions are "
              + PosixFilePermissions.toString(permissions)
              + "; it must be readable by its owner only: chmod 600 "
              + file.toAbsolutePath());
    }
    if (!Files.isReadable(file)) {
      return Optional.of("cannot be read by this user: " + file.toAbsolutePath());
    }
    return Optional.empty();
  }

  /** The first line of the secret file, trimmed. */
  public static String firstLine(Path file) throws ConfigException {
    Optional<String> problem = problem(file);
    if (problem.isPresent()) {
      throw new ConfigException(List.of(ConfigException.problem(file, problem.get())));
    }
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        throw new ConfigException(List.of(file + " is empty; its first line is the secret"));
      }
      return lines.get(0).trim();
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
    }
  }
}
