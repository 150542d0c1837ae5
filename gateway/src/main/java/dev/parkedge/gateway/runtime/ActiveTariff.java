package dev.parkedge.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.TariffLoader;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tariff the parking service starts with: {@code parking.tariff_file}, unless a tariff
 * published by the tenant ({@code tariff.publish}) was activated since. The activation is kept as a
 * pointer, {@code <commands.tariff_dir>/active.json}: the published file's name and SHA-256, and
 * the SHA-256 that {@code parking.tariff_file} had then. gateway.yaml and the tariff file stay as
 * the installer wrote them (they may live in a read-only /etc).
 *
 * <p>At start: no pointer, the configured file. A pointer whose {@code replaces_sha256} no longer
 * matches the configured file means someone edited that file after the publish: the newer, local
 * decision wins (logged). Otherwise the published file, which must still pass its examples and have
 * the recorded hash; if it does not, the start stops and says how to recover (money: no guessing).
 */
final class ActiveTariff {

  static final String POINTER = "active.json";

  private static final Logger log = LoggerFactory.getLogger(ActiveTariff.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ActiveTariff() {}

  /** The tariff to start with (see the class comment). */
  static Tariff atStart(Path configured, Optional<Path> tariffDir) throws ConfigException {
    Tariff local = TariffLoader.load(configured);
    if (tariffDir.isEmpty() || !Files.exists(tariffDir.get().resolve(POINTER))) {
      return local;
    }
    Path pointer = tariffDir.get().resolve(POINTER);
    JsonNode active;
    try {
      active = JSON.readTree(pointer.toFile());
    } catch (IOException e) {
      throw problem(pointer, "cannot read it: " + e.getMessage());
    }
    String file = active.path("file").asText("");
    String sha = active.path("sha256").asText("");
    if (!active.path("replaces_sha256").asText("").equals(local.sha256())) {
      log.warn(
          "parking: {} changed after tariff {} was published and activated ({}): the local file"
              + " wins",
          configured,
          file,
          pointer);
      return local;
    }
    Path published = tariffDir.get().resolve(file).normalize();
    if (file.isEmpty() || !published.getParent().equals(tariffDir.get().normalize())) {
      throw problem(pointer, "\"file\" must name a file of " + tariffDir.get() + ", got " + file);
    }
    Tariff tariff = TariffLoader.load(published);
    if (!tariff.sha256().equals(sha)) {
      throw problem(
          pointer,
          published
              + " changed since it was activated (sha256 "
              + sha
              + ", now "
              + tariff.sha256()
              + "); publish it again, or remove "
              + pointer
              + " to price by "
              + configured);
    }
    if (!tariff.currency().equals(local.currency())) {
      throw problem(
          pointer, published + " is in " + tariff.currency() + ", not " + local.currency());
    }
    log.info(
        "parking: tariff {} ({}) from {}, activated by the tenant (pointer {}) in place of {}",
        tariff.id(),
        tariff.sha256().substring(0, 12),
        published,
        pointer,
        configured);
    return tariff;
  }

  /**
   * Records {@code file} as the active tariff, written beside it and renamed into place (a crash
   * leaves the old pointer or the new one). Called after {@code tariff.activated} is durable, so a
   * crash in between starts with the old tariff and the command, applied again, activates anew.
   */
  static void remember(Path tariffDir, Path file, Tariff tariff, Path configured)
      throws IOException {
    ObjectNode pointer = JSON.createObjectNode();
    pointer.put("file", file.getFileName().toString());
    pointer.put("id", tariff.id());
    pointer.put("sha256", tariff.sha256());
    pointer.put("replaces_sha256", sha256(Files.readAllBytes(configured)));
    pointer.put("activated_at", Instant.now().toString());
    Path target = tariffDir.resolve(POINTER);
    Path temporary = tariffDir.resolve(POINTER + ".tmp");
    Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pointer));
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static ConfigException problem(Path pointer, String text) {
    return new ConfigException(List.of(ConfigException.problem(pointer, text)));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
