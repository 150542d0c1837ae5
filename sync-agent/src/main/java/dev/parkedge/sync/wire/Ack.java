package dev.parkedge.sync.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code down/ack}: {@code {"watermark": W, "batch": "run/n"}} — every seq up to W is stored (or
 * was reported skipped), and the last batch stored was {@code batch}.
 */
public record Ack(long watermark, String batch) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Largest ack message read; anything bigger is refused unread. */
  public static final int MAX_BYTES = 4096;

  public byte[] encode() {
    return ("{\"watermark\":" + watermark + ",\"batch\":\"" + batch.replace("\"", "") + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static Ack decode(byte[] payload) throws IOException {
    if (payload.length > MAX_BYTES) {
      throw new IOException("ack of " + payload.length + " bytes, more than " + MAX_BYTES);
    }
    JsonNode node = JSON.readTree(payload);
    if (node == null
        || !node.path("watermark").canConvertToLong()
        || !node.path("watermark").isIntegralNumber()) {
      throw new IOException("ack needs an integer \"watermark\"");
    }
    long watermark = node.get("watermark").asLong();
    if (watermark < 0) {
      throw new IOException("ack watermark " + watermark + " is negative");
    }
    return new Ack(watermark, node.path("batch").asText(""));
  }
}
