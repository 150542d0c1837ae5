package dev.parkedge.gateway.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognizes the command lines that start the daemon before picocli is loaded: {@code parkedge
 * run}, alone or with {@code -c FILE}, {@code --config FILE} or {@code --config=FILE}, which is how
 * systemd and {@code build-cds-archive} start it.
 *
 * <p>Picocli builds a model of the command from its annotations by reflection: about 170 classes of
 * its own, annotation proxies and method objects, 2 MB of resident memory the daemon would hold for
 * its lifetime after reading one option. Every other command line, including every other way of
 * writing {@code run} (help, version, {@code -cFILE}, {@code @}argument files, a mistake), is left
 * to picocli; {@code DaemonStartLineTest} checks that each form recognized here means what picocli
 * makes of it.
 */
final class DaemonStartLine {

  private DaemonStartLine() {}

  /**
   * The gateway.yaml these arguments start the daemon with, or empty if picocli should parse them.
   */
  static Optional<Path> config(String... args) {
    if (args.length == 0 || !args[0].equals("run")) {
      return Optional.empty();
    }
    if (args.length == 1) {
      return path(RunCommand.DEFAULT_CONFIG);
    }
    if (args.length == 2 && args[1].startsWith("--config=")) {
      return path(args[1].substring("--config=".length()));
    }
    if (args.length == 3 && (args[1].equals("-c") || args[1].equals("--config"))) {
      return path(args[2]);
    }
    return Optional.empty();
  }

  private static Optional<Path> path(String file) {
    // an empty value, one that looks like an option and an @file are picocli's to judge
    if (file.isEmpty() || file.startsWith("-") || file.startsWith("@")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(file));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
