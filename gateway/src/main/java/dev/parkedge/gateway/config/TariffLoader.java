package dev.parkedge.gateway.config;

import dev.parkedge.gateway.billing.ExampleResult;
import dev.parkedge.gateway.billing.Tariff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads tariff files (format: gateway/TARIFFS.md). The file is read once: the bytes that are parsed
 * are the bytes that are hashed, so a tariff's {@code sha256()} names exactly the version that
 * priced a fee.
 */
public final class TariffLoader {

  private TariffLoader() {}

  /**
   * Reads, validates and checks a tariff file: a tariff whose own examples fail is refused, each
   * failing example named with its line, as is every problem of the file.
   *
   * @throws ConfigException naming file, line and key of every problem
   */
  public static Tariff load(Path file) throws ConfigException {
    Tariff tariff = read(file);
    List<String> failures = new ArrayList<>();
    for (ExampleResult result : tariff.checkExamples()) {
      if (!result.passed()) {
        failures.add(
            ConfigException.problem(
                file,
                result.example().line(),
                "examples",
                "\"" + result.example().name() + "\": " + result.detail()));
      }
    }
    if (!failures.isEmpty()) {
      throw new ConfigException(failures);
    }
    return tariff;
  }

  /**
   * Reads and validates a tariff file without evaluating its examples (for {@code parkedge tariff
   * check}, which reports each example itself).
   *
   * @throws ConfigException naming file, line and key of every problem
   */
  public static Tariff read(Path file) throws ConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw YamlFile.notFound(file);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              ConfigException.problem(file, "cannot read " + file.toAbsolutePath() + ": " + e)));
    }
    return new TariffReader(file, sha256(bytes)).read(YamlFile.parse(file, bytes));
  }

  /** SHA-256 of {@code bytes} in lower-case hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
