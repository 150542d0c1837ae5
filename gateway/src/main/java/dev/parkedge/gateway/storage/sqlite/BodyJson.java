package dev.parkedge.gateway.storage.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * A journal entry's body as compact JSON (JOURNAL.md), with jackson-core's streaming generator: the
 * same text an ObjectMapper writes for these maps, without loading jackson-databind (~400 classes,
 * about 4 MB of the daemon's resident memory) into the daemon.
 */
final class BodyJson {

  static final JsonFactory FACTORY = new JsonFactory();

  private BodyJson() {}

  /**
   * @throws IllegalArgumentException for a value that is not a string, number, boolean, null, list
   *     or map
   */
  static String write(Map<String, Object> body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      value(json, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void value(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long n) {
      json.writeNumber(n);
    } else if (value instanceof Double n) {
      json.writeNumber(n);
    } else if (value instanceof Float n) {
      json.writeNumber(n);
    } else if (value instanceof BigDecimal n) {
      json.writeNumber(n);
    } else if (value instanceof BigInteger n) {
      json.writeNumber(n);
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        value(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        value(json, item);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException("a " + value.getClass().getName() + " is not JSON");
    }
  }
}
