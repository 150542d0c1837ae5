package dev.parkedge.sync.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A command as it travels on {@code down/commands} and waits in the inbox: a JSON object {@code
 * {"payload": base64url(payload bytes), "sig": base64url(Ed25519 signature of those bytes)}}. The
 * signature covers the payload's exact bytes, so nothing has to be canonicalised. The payload is
 * {@code {"v":1,"id","tenant","site","kind","issued","expires","body"}} (instants in ISO-8601 UTC).
 */
public final class SignedCommand {

  /** Largest message accepted (a site file or a tariff file fits many times over). */
  public static final int MAX_MESSAGE_BYTES = 512 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private SignedCommand() {}

  /** Signs a command with the tenant's private key; returns the message bytes. */
  public static byte[] sign(Command command, PrivateKey key) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("v", 1);
    payload.put("id", command.id());
    payload.put("tenant", command.tenant());
    payload.put("site", command.site());
    payload.put("kind", command.kind());
    payload.put("issued", command.issued().toString());
    payload.put("expires", command.expires().toString());
    payload.set("body", command.body());
    try {
      byte[] bytes = JSON.writeValueAsBytes(payload);
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(bytes);
      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("payload", B64.encodeToString(bytes));
      envelope.put("sig", B64.encodeToString(signer.sign()));
      return JSON.writeValueAsBytes(envelope);
    } catch (JsonProcessingException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign command " + command.id(), e);
    }
  }

  /**
   * The id a message claims, read without verifying anything (for logs, the inbox row, and a result
   * for a message that fails verification); {@code -} when none can be read.
   */
  public static String claimedId(byte[] message) {
    try {
      JsonNode id = JSON.readTree(payloadBytes(JSON.readTree(message))).get("id");
      return id != null && id.isTextual() && Command.ID.matcher(id.asText()).matches()
          ? id.asText()
          : "-";
    } catch (Exception e) {
      return "-";
    }
  }

  /** What verification decided. */
  public sealed interface Verdict permits Verified, Rejected {}

  public record Verified(Command command) implements Verdict {}

  /**
   * @param reason one of {@code malformed: …}, {@code bad signature}, {@code wrong tenant: …},
   *     {@code wrong site: …}, {@code expired: …}
   */
  public record Rejected(String claimedId, String reason) implements Verdict {}

  /**
   * Checks a message: well-formed, signed by {@code key}, for this tenant and site, not expired at
   * {@code now}. (Whether its id was seen before needs the inbox: the gateway checks that next.)
   */
  public static Verdict verify(
      byte[] message, PublicKey key, String tenant, String site, Instant now) {
    String claimed = claimedId(message);
    if (message.length > MAX_MESSAGE_BYTES) {
      return new Rejected(
          claimed,
          "malformed: message of " + message.length + " bytes, more than " + MAX_MESSAGE_BYTES);
    }
    byte[] payload;
    byte[] signature;
    try {
      JsonNode envelope = JSON.readTree(message);
      payload = payloadBytes(envelope);
      JsonNode sig = envelope.get("sig");
      if (sig == null || !sig.isTextual()) {
        return new Rejected(claimed, "malformed: no \"sig\"");
      }
      signature = Base64.getUrlDecoder().decode(sig.asText());
    } catch (Exception e) {
      return new Rejected(claimed, "malformed: " + brief(e));
    }
    if (!signedBy(key, payload, signature)) {
      return new Rejected(claimed, "bad signature");
    }
    Command command;
    try {
      command = parse(payload);
    } catch (RuntimeException | JsonProcessingException e) {
      return new Rejected(claimed, "malformed: " + brief(e));
    }
    if (!command.tenant().equals(tenant)) {
      return new Rejected(
          command.id(), "wrong tenant: for " + command.tenant() + ", this gateway is " + tenant);
    }
    if (!command.site().equals(site)) {
      return new Rejected(
          command.id(), "wrong site: for " + command.site() + ", this gateway is " + site);
    }
    if (!now.isBefore(command.expires())) {
      return new Rejected(command.id(), "expired: at " + command.expires() + ", now " + now);
    }
    return new Verified(command);
  }

  /** Jackson's message without its source location: one line for a log and a result. */
  private static String brief(Exception e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static boolean signedBy(PublicKey key, byte[] payload, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] payloadBytes(JsonNode envelope) {
    if (envelope == null || !envelope.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode payload = envelope.get("payload");
    if (payload == null || !payload.isTextual()) {
      throw new IllegalArgumentException("no \"payload\"");
    }
    return Base64.getUrlDecoder().decode(payload.asText());
  }

  private static Command parse(byte[] payload) throws JsonProcessingException {
    JsonNode node = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("payload is not a JSON object");
    }
    if (node.path("v").asInt(0) != 1) {
      throw new IllegalArgumentException("payload version must be 1, got " + node.get("v"));
    }
    JsonNode body = node.get("body");
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("\"body\" must be a JSON object");
    }
    return new Command(
        text(node, "id"),
        text(node, "tenant"),
        text(node, "site"),
        text(node, "kind"),
        instant(node, "issued"),
        instant(node, "expires"),
        (ObjectNode) body);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\"" + field + "\" must be an ISO-8601 instant, got \"" + text + "\"", e);
    }
  }
}
