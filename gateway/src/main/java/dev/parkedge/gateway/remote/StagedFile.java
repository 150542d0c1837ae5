package dev.parkedge.gateway.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file received in a command, written next to where it will live, checked there, then moved into
 * place in one rename (a crash leaves either the old file or the new one, never half of one).
 */
final class StagedFile {
  private StagedFile() {}

  static Path stage(Path target, String text) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path staged = target.resolveSibling(target.getFileName() + ".incoming");
    Files.writeString(staged, text, StandardCharsets.UTF_8);
    return staged;
  }

  /** Moves {@code staged} over {@code target}, keeping the old one as {@code target.previous}. */
  static void commit(Path staged, Path target) throws IOException {
    if (Files.exists(target)) {
      Files.copy(
          target,
          target.resolveSibling(target.getFileName() + ".previous"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void discard(Path staged) {
    try {
      Files.deleteIfExists(staged);
    } catch (IOException ignored) {
      // a leftover .incoming file is overwritten by the next command
    }
  }
}
