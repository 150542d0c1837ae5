package dev.parkedge.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values (maps, lists, strings, numbers, booleans and null) with jackson-core's
 * streaming API only: journal bodies (JOURNAL.md), the API's request bodies, the sync-agent's
 * status file. It writes the same text an ObjectMapper writes for these values and reads what an
 * ObjectMapper's tree holds, without loading jackson-databind (~400 classes, about 4 MB of the
 * daemon's resident memory) into the daemon. {@code BodyJsonTest} holds it to the mapper.
 */
public final class BodyJson {

  public static final JsonFactory FACTORY = new JsonFactory();

  private BodyJson() {}

  /**
   * @throws IllegalArgumentException for a value that is not a string, number, boolean, null, list
   *     or map
   */
  public static String write(Object body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, body, BodyJson::notJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes what is not a string, number, boolean, null, list or map: a record, an enum, … */
  @FunctionalInterface
  public interface Other {
    void write(JsonGenerator json, Object value) throws IOException;
  }

  /**
   * Writes a value as an ObjectMapper does: strings, booleans, numbers, null, maps (an enum key by
   * its name) and iterables here, anything else with {@code other}, which may write its parts with
   * this method again.
   */
  public static void write(JsonGenerator json, Object value, Other other) throws IOException {
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
        Object key = entry.getKey();
        json.writeFieldName(
            key instanceof Enum<?> constant ? constant.name() : String.valueOf(key));
        write(json, entry.getValue(), other);
      }
      json.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        write(json, item, other);
      }
      json.writeEndArray();
    } else {
      other.write(json, value);
    }
  }

  private static void notJson(JsonGenerator json, Object value) {
    throw new IllegalArgumentException("a " + value.getClass().getName() + " is not JSON");
  }

  /**
   * Reads the value the parser is on (its current token), to its end, as an ObjectMapper's tree
   * holds it: an object as a {@code LinkedHashMap} in document order (a key given twice keeps its
   * place and its last value), an array as a list, an integer as an Integer, Long or BigInteger by
   * size, any other number as a Double, JSON null as null. Iterative, so that deep nesting (up to
   * the parser's limit) needs no deep thread stack.
   *
   * @throws IOException as the parser reports bad JSON, with its message
   */
  public static Object read(JsonParser json) throws IOException {
    ArrayDeque<Object> open = new ArrayDeque<>();
    ArrayDeque<String> names = new ArrayDeque<>();
    JsonToken token = json.currentToken();
    while (true) {
      if (token == null) {
        throw new JsonParseException(json, "no JSON value");
      }
      Object value;
      switch (token) {
        case START_OBJECT -> {
          open.push(new LinkedHashMap<String, Object>());
          token = json.nextToken();
          continue;
        }
        case START_ARRAY -> {
          open.push(new ArrayList<>());
          token = json.nextToken();
          continue;
        }
        case FIELD_NAME -> {
          names.push(json.currentName());
          token = json.nextToken();
          continue;
        }
        case END_OBJECT, END_ARRAY -> value = open.pop();
        case VALUE_STRING -> value = json.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = json.getNumberValue();
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = null;
        default -> throw new JsonParseException(json, "unexpected " + token);
      }
      if (open.isEmpty()) {
        return value;
      }
      add(open.peek(), names, value);
      token = json.nextToken();
    }
  }

  @SuppressWarnings("unchecked")
  private static void add(Object container, ArrayDeque<String> names, Object value) {
    if (container instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(names.pop(), value);
    } else {
      ((List<Object>) container).add(value);
    }
  }

  /**
   * A value as text, as an ObjectMapper tree's {@code asText()} gives it: a string itself, a number
   * or boolean as written ({@code 100.0} for 1e2), null as {@code "null"}, an object or array as
   * the empty string.
   */
  public static String text(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return "";
    }
    return String.valueOf(value);
  }

  /** The JSON type of a value read by {@link #read}: object, array, string, number, … */
  public static String type(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Map<?, ?>) {
      return "object";
    } else if (value instanceof List<?>) {
      return "array";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Boolean) {
      return "boolean";
    }
    return "number";
  }
}
