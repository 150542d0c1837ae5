package dev.parkedge.gateway.transport.mqtt;

import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.BAD_BASE64;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.BAD_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.MALFORMED_JSON;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.MISSING_FIELD;
import static dev.parkedge.gateway.transport.mqtt.MessageProblem.Kind.TOO_LARGE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.parkedge.gateway.json.BodyJson;
import dev.parkedge.gateway.json.Rfc3339;
import dev.parkedge.proto.psp.Eui64;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object of a received message, read field by field. Every problem names the topic and the
 * field's path ({@code rxInfo[1].rssi}) and says what was expected.
 *
 * <p>Read the way the protobuf JSON mapping reads: JSON {@code null} is the same as an absent
 * field, numbers may come as strings ({@code "fCnt": "42"}, as 64-bit integers always do), booleans
 * may come as {@code "true"}/{@code "false"}, bytes are base64 (standard or URL-safe, padding
 * optional). Fields nobody asks for are ignored.
 *
 * <p>The JSON is held as {@link BodyJson}'s plain values (maps, lists, strings, numbers, booleans),
 * read with jackson-core's streaming parser: jackson-databind stays out of a LoRaWAN daemon.
 */
final class JsonFields {

  private static final int MAX_NESTING = 64;

  /** Shared and immutable once built: a factory is thread-safe, each parse has its parser. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          // Events nest a few levels, decoded objects a few more; 1000 is Jackson's.
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          // {"fPort":1,"fPort":2} means different things to different parsers: refuse it.
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** What {@link #readOne} returns for a text without a JSON value (empty or blank). */
  private static final Object NO_VALUE = new Object();

  /** Longer numbers (as text) are refused before parsing: none of ours needs more than 20. */
  private static final int MAX_NUMBER_TEXT = 64;

  private final String topic;
  private final String path;
  private final Map<?, ?> node;

  private JsonFields(String topic, String path, Map<?, ?> node) {
    this.topic = topic;
    this.path = path;
    this.node = node;
  }

  /**
   * Parses a payload that must be one JSON object of at most {@link
   * NetworkServerCodec#MAX_MESSAGE_BYTES}; the size is checked before any parsing.
   */
  static JsonFields parse(String topic, byte[] payload) throws MessageProblem {
    if (payload.length > NetworkServerCodec.MAX_MESSAGE_BYTES) {
      throw new MessageProblem(
          TOO_LARGE,
          topic,
          payload.length
              + " bytes, more than the "
              + NetworkServerCodec.MAX_MESSAGE_BYTES
              + " a message may have");
    }
    Object root;
    try (JsonParser json = JSON.createParser(payload)) {
      root = readOne(json);
    } catch (JsonProcessingException e) {
      throw new MessageProblem(MALFORMED_JSON, topic, "not JSON" + where(e) + why(e), e);
    } catch (IOException e) {
      throw new MessageProblem(MALFORMED_JSON, topic, "not JSON" + why(e), e);
    }
    if (root == NO_VALUE) {
      throw new MessageProblem(MALFORMED_JSON, topic, "empty message, expected a JSON object");
    }
    if (!(root instanceof Map<?, ?> object)) {
      throw new MessageProblem(
          MALFORMED_JSON, topic, "expected a JSON object, got " + describe(root));
    }
    return new JsonFields(topic, "", object);
  }

  /**
   * The one JSON value of a text, or {@link #NO_VALUE} when it has none; anything after the value
   * is refused ({@code {"a":1} {}}), as a parser stopping after the first value would take it.
   */
  private static Object readOne(JsonParser json) throws IOException {
    if (json.nextToken() == null) {
      return NO_VALUE;
    }
    Object value = BodyJson.read(json);
    JsonToken after = json.nextToken();
    if (after != null) {
      throw new JsonParseException(
          json,
          "Trailing token (of type " + after + ") found after the value",
          json.currentTokenLocation());
    }
    return value;
  }

  /** A value read by {@link BodyJson#read} as compact JSON text. */
  private static String compact(Object value) {
    return BodyJson.write(value);
  }

  String topic() {
    return topic;
  }

  /** The path of a field of this object, for messages. */
  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A problem with this message. */
  MessageProblem problem(MessageProblem.Kind kind, String detail) {
    return new MessageProblem(kind, topic, detail);
  }

  boolean has(String name) {
    return value(name) != null;
  }

  /** A nested object; empty when absent. */
  Optional<JsonFields> object(String name) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Map<?, ?> object)) {
      throw bad(name, v, "an object");
    }
    return Optional.of(new JsonFields(topic, pathOf(name), object));
  }

  /** A nested object that must be there; {@code what} says what it holds, for the message. */
  JsonFields requiredObject(String name, String what) throws MessageProblem {
    Optional<JsonFields> object = object(name);
    if (object.isEmpty()) {
      throw missing(name, what);
    }
    return object.get();
  }

  /** The objects of an array; an absent array is empty. */
  List<JsonFields> objects(String name) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> array)) {
      throw bad(name, v, "an array of objects");
    }
    List<JsonFields> objects = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object element = array.get(i);
      String elementPath = pathOf(name) + "[" + i + "]";
      if (!(element instanceof Map<?, ?> object)) {
        throw problem(BAD_FIELD, elementPath + " is " + describe(element) + ", expected an object");
      }
      objects.add(new JsonFields(topic, elementPath, object));
    }
    return objects;
  }

  /** A text field (a number is taken as its text, as ids sometimes are); empty when absent. */
  Optional<String> text(String name) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String text) {
      return Optional.of(text);
    }
    if (isIntegral(v)) {
      return Optional.of(BodyJson.text(v));
    }
    throw bad(name, v, "text");
  }

  /** A text field that must be there and not be empty. */
  String requiredText(String name, String what) throws MessageProblem {
    Optional<String> text = text(name);
    if (text.isEmpty() || text.get().isEmpty()) {
      throw missing(name, what);
    }
    return text.get();
  }

  /** An EUI-64 as 16 hex digits that must be there. */
  long eui(String name, String what) throws MessageProblem {
    return hexEui(name, requiredText(name, what + ", 16 hex digits"));
  }

  /** An EUI-64 as 16 hex digits; empty when absent or empty. */
  Optional<Long> optionalEui(String name) throws MessageProblem {
    Optional<String> text = text(name).filter(t -> !t.isEmpty());
    return text.isEmpty() ? Optional.empty() : Optional.of(hexEui(name, text.get()));
  }

  /**
   * An EUI-64 as 16 hex digits or as 8 bytes in base64 (ChirpStack v3 writes either, depending on
   * its marshaler); empty when absent or empty.
   */
  Optional<Long> euiHexOrBase64(String name) throws MessageProblem {
    Optional<String> text = text(name).filter(t -> !t.isEmpty());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get();
    if (t.length() == 16 && t.chars().allMatch(HexFormat::isHexDigit)) {
      return Optional.of(HexFormat.fromHexDigitsToLong(t));
    }
    byte[] bytes = decodeBase64(t);
    if (bytes == null || bytes.length != 8) {
      throw problem(
          BAD_FIELD,
          pathOf(name)
              + " is "
              + Shown.quoted(t)
              + ", expected an EUI-64 as 16 hex digits or 8 bytes in base64");
    }
    return Optional.of(ByteBuffer.wrap(bytes).getLong());
  }

  /** A whole number from {@code min} to {@code max}; {@code ifAbsent} when absent. */
  long integer(String name, long min, long max, long ifAbsent) throws MessageProblem {
    return optionalInteger(name, min, max).orElse(ifAbsent);
  }

  /** A whole number from {@code min} to {@code max}; empty when absent. */
  Optional<Long> optionalInteger(String name, long min, long max) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      if (n >= min && n <= max) {
        return Optional.of(n); // the usual case, without BigDecimal; the rest is judged below
      }
    }
    BigDecimal number = decimalOf(v);
    if (number != null
        && isWhole(number)
        && number.precision() - number.scale() <= 19
        && number.compareTo(BigDecimal.valueOf(min)) >= 0
        && number.compareTo(BigDecimal.valueOf(max)) <= 0) {
      return Optional.of(number.longValue());
    }
    throw bad(name, v, "a whole number from " + min + " to " + max);
  }

  /** A finite number; empty when absent. */
  Optional<Double> decimal(String name) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return Optional.empty();
    }
    double value;
    if (v instanceof Double number) {
      // the usual case: a BigDecimal would be written out by Double.toString and read back
      value = number;
    } else {
      BigDecimal number = decimalOf(v);
      value = number == null ? Double.NaN : number.doubleValue();
    }
    if (!Double.isFinite(value)) {
      throw bad(name, v, "a number");
    }
    return Optional.of(value);
  }

  /** A boolean; false when absent (the protobuf default). */
  boolean flag(String name) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean bool) {
      return bool;
    }
    if (v instanceof String text && (text.equals("true") || text.equals("false"))) {
      return Boolean.parseBoolean(text);
    }
    throw bad(name, v, "true or false");
  }

  /** Bytes in base64; empty when absent. */
  byte[] base64(String name) throws MessageProblem {
    Object v = value(name);
    if (v == null) {
      return new byte[0];
    }
    if (!(v instanceof String text)) {
      throw bad(name, v, "base64 text");
    }
    byte[] bytes = decodeBase64(text);
    if (bytes == null) {
      throw problem(BAD_BASE64, pathOf(name) + " is " + Shown.quoted(text) + ", not base64");
    }
    return bytes;
  }

  /** An RFC 3339 timestamp with offset, e.g. {@code 2022-07-18T09:34:15.775023242+00:00}. */
  Optional<Instant> time(String name) throws MessageProblem {
    Optional<String> text = text(name).filter(t -> !t.isEmpty());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Rfc3339.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw problem(
          BAD_FIELD,
          pathOf(name)
              + " is "
              + Shown.quoted(text.get())
              + ", expected a time such as 2024-05-01T12:00:00.5Z");
    }
  }

  /** Any JSON value written back as compact JSON; empty when absent. */
  Optional<String> json(String name) {
    Object v = value(name);
    return v == null ? Optional.empty() : Optional.of(compact(v));
  }

  /**
   * JSON held in a text field (ChirpStack v3's {@code objectJSON}), written back compact; empty
   * when absent, empty, or not JSON.
   */
  Optional<String> jsonInText(String name) throws MessageProblem {
    Optional<String> text = text(name).filter(t -> !t.isBlank());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try (JsonParser json = JSON.createParser(text.get())) {
      Object parsed = readOne(json);
      return parsed == NO_VALUE || parsed == null ? Optional.empty() : Optional.of(compact(parsed));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from a string", e);
    }
  }

  /**
   * A battery level read from field {@code name} (or worked out from it), as a whole percent
   * rounded half up.
   */
  int percent(String name, double level) throws MessageProblem {
    if (!(level >= 0 && level <= 100)) {
      throw problem(
          BAD_FIELD, pathOf(name) + " is " + level + ", expected a percentage from 0 to 100");
    }
    return (int) Math.round(level);
  }

  MessageProblem missing(String name, String what) {
    return problem(MISSING_FIELD, pathOf(name) + " is missing, expected " + what);
  }

  private MessageProblem bad(String name, Object v, String expected) {
    return problem(BAD_FIELD, pathOf(name) + " is " + describe(v) + ", expected " + expected);
  }

  private long hexEui(String name, String text) throws MessageProblem {
    try {
      return Eui64.parse(text);
    } catch (IllegalArgumentException e) {
      throw problem(
          BAD_FIELD,
          pathOf(name) + " is " + Shown.quoted(text) + ", expected an EUI-64 as 16 hex digits");
    }
  }

  /** The field's value; null when absent or JSON null. */
  private Object value(String name) {
    return node.get(name);
  }

  /** An integer as {@link BodyJson#read} gives it: Integer, Long or BigInteger by size. */
  private static boolean isIntegral(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof BigInteger;
  }

  /** The number a value holds (as a number or as text), or null if it holds none. */
  private static BigDecimal decimalOf(Object v) {
    if (v instanceof BigDecimal decimal) {
      return decimal;
    }
    if (v instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (v instanceof Integer || v instanceof Long) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double number) {
      return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
    }
    if (v instanceof String string) {
      String text = string.strip();
      if (text.isEmpty() || text.length() > MAX_NUMBER_TEXT) {
        return null;
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean isWhole(BigDecimal number) {
    // Integer digits first: 1e999999999 must not be expanded to find out.
    return number.signum() == 0
        || number.scale() <= 0
        || number.precision() - number.scale() > 0 && number.stripTrailingZeros().scale() <= 0;
  }

  /** Standard or URL-safe base64, padding optional; null if neither. */
  private static byte[] decodeBase64(String text) {
    try {
      boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String describe(Object v) {
    if (v instanceof String text) {
      return Shown.quoted(text);
    }
    if (v instanceof Map<?, ?>) {
      return "an object";
    }
    if (v instanceof List<?>) {
      return "an array";
    }
    return Shown.text(BodyJson.text(v), 40);
  }

  private static String where(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String why(IOException e) {
    String why =
        e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    return why == null ? "" : ": " + Shown.text(why, 120);
  }
}
