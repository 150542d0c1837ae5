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

  /** What is wrong with {@code file} as a secret file, or empty when it can be used. */
  public static Optional<String> problem(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.of(file + " does not exist (or is not a file)");
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return Optional.empty(); // not a POSIX file system: nothing to check
    } catch (IOException e) {
      return Optional.of("cannot read the permissions of " + file + ": " + e.getMessage());
    }
    if (permissions.stream().anyMatch(OTHERS::contains)) {
      return Optional.of(
          file
              + " is readable or writable by others ("
              + PosixFilePermissions.toString(permissions)
              + "); it holds a secret: chmod 600 "
              + file);
    }
    if (!Files.isReadable(file)) {
      return Optional.of(file + " is not readable by this user");
    }
    return Optional.empty();
  }

  /** The first line of the secret file, trimmed. */
  public static String firstLine(Path file) throws ConfigException {
    Optional<String> problem = problem(file);
    if (problem.isPresent()) {
      throw new ConfigException(List.of(problem.get()));
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
