package dev.parkedge.sync.wire;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A batch on {@code up/events}: {@code {"v":1,"site","batch","boot","events":[…],"skipped":[[from,
 * to],…],"compactions":[…]}}, gzip-compressed when that is smaller (a receiver tells by the gzip
 * magic bytes 1f 8b; JSON starts with '{'). Events carry {@code id, type, subject, at, trusted,
 * mono, body} and {@code boot} only when it differs from the batch's.
 */
public record EventBatch(
    String site,
    String batch,
    List<WireEvent> events,
    List<long[]> skipped,
    List<Compaction> compactions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Batches this large and larger are gzipped (smaller ones rarely shrink). */
  static final int COMPRESS_FROM = 256;

  /** Longest decompressed batch a receiver accepts (a zip bomb is refused, not inflated). */
  public static final int MAX_INFLATED_BYTES = 64 * 1024 * 1024;

  public byte[] encode() {
    String boot = events.isEmpty() ? "" : events.get(0).bootId();
    StringBuilder out = new StringBuilder(128 + events.size() * 200);
    out.append("{\"v\":1,\"site\":");
    string(out, site);
    out.append(",\"batch\":");
    string(out, batch);
    out.append(",\"boot\":");
    string(out, boot);
    out.append(",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      WireEvent e = events.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"id\":");
      string(out, site + ":" + e.seq());
      out.append(",\"type\":");
      string(out, e.type());
      out.append(",\"subject\":");
      string(out, e.subject());
      out.append(",\"at\":").append(e.atMs());
      out.append(",\"trusted\":").append(e.trusted());
      if (!e.bootId().equals(boot)) {
        out.append(",\"boot\":");
        string(out, e.bootId());
      }
      out.append(",\"mono\":").append(e.monoMs());
      out.append(",\"body\":").append(e.body()).append('}');
    }
    out.append(']');
    if (!skipped.isEmpty()) {
      out.append(",\"skipped\":[");
      for (int i = 0; i < skipped.size(); i++) {
        out.append(i > 0 ? ",[" : "[").append(skipped.get(i)[0]).append(',');
        out.append(skipped.get(i)[1]).append(']');
      }
      out.append(']');
    }
    if (!compactions.isEmpty()) {
      try {
        out.append(",\"compactions\":").append(JSON.writeValueAsString(compactions));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    out.append('}');
    byte[] json = out.toString().getBytes(StandardCharsets.UTF_8);
    return json.length < COMPRESS_FROM ? json : smaller(json);
  }

  private static void string(StringBuilder out, String value) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, out);
    out.append('"');
  }

  private static byte[] smaller(byte[] json) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(bytes, 8192) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gzip.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.size() < json.length ? bytes.toByteArray() : json;
  }

  /** JSON text of a payload, inflating a gzipped one (at most {@link #MAX_INFLATED_BYTES}). */
  public static byte[] inflate(byte[] payload) throws IOException {
    if (payload.length < 2 || (payload[0] & 0xff) != 0x1f || (payload[1] & 0xff) != 0x8b) {
      return payload;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
      byte[] json = in.readNBytes(MAX_INFLATED_BYTES + 1);
      if (json.length > MAX_INFLATED_BYTES) {
        throw new IOException("batch inflates to more than " + MAX_INFLATED_BYTES + " bytes");
      }
      return json;
    }
  }

  /** Reads a batch; throws naming what is wrong. */
  public static EventBatch decode(byte[] payload) throws IOException {
    JsonNode root = JSON.readTree(inflate(payload));
    if (root == null || !root.isObject() || root.path("v").asInt() != 1) {
      throw new IOException("not a version 1 event batch");
    }
    String site = root.path("site").asText();
    String boot = root.path("boot").asText("");
    List<WireEvent> events = new ArrayList<>();
    for (JsonNode e : root.path("events")) {
      String id = e.path("id").asText();
      int colon = id.lastIndexOf(':');
      if (colon < 0 || !id.substring(0, colon).equals(site)) {
        throw new IOException("event id \"" + id + "\" is not " + site + ":{seq}");
      }
      JsonNode body = e.get("body");
      if (body == null || !body.isObject()) {
        throw new IOException("event " + id + " has no body object");
      }
      events.add(
          new WireEvent(
              Long.parseLong(id.substring(colon + 1)),
              e.path("type").asText(),
              e.path("subject").asText(),
              e.path("at").asLong(),
              e.path("trusted").asBoolean(),
              e.has("boot") ? e.get("boot").asText() : boot,
              e.path("mono").asLong(),
              body.toString()));
    }
    List<long[]> skipped = new ArrayList<>();
    for (JsonNode range : root.path("skipped")) {
      skipped.add(new long[] {range.path(0).asLong(), range.path(1).asLong()});
    }
    List<Compaction> compactions = new ArrayList<>();
    for (JsonNode c : root.path("compactions")) {
      compactions.add(JSON.treeToValue(c, Compaction.class));
    }
    return new EventBatch(site, root.path("batch").asText(), events, skipped, compactions);
  }
}
