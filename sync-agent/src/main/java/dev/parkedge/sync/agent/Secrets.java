package dev.parkedge.sync.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Secret files (passwords, tokens): 0600 or refused, as the gateway's own secret files. */
public final class Secrets {
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.complementOf(
          EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

  private Secrets() {}

  /** The first line of a 0600 file. */
  public static String read(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(OTHERS::contains)) {
        throw new IllegalStateException(
            file
                + " is readable or writable by others ("
                + PosixFilePermissions.toString(permissions)
                + "); it holds a secret: chmod 600 "
                + file);
      }
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        throw new IllegalStateException(file + " is empty; its first line is the secret");
      }
      return lines.get(0).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a secret file readable by its owner only (created 0600, never wider for a moment). */
  public static void write(Path file, String secret) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret + "\n");
  }
}
