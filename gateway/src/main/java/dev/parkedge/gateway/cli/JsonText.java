package dev.parkedge.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/**
 * JSON as the commands print it: an array one compact element per line (valid JSON, and a list of
 * 5,000 devices stays greppable), anything else indented.
 */
final class JsonText {

  private static final ObjectMapper INDENTED =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonText() {}

  static String of(JsonNode json) {
    if (!json.isArray()) {
      return indented(json);
    }
    if (json.isEmpty()) {
      return "[]";
    }
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < json.size(); i++) {
      text.append("  ").append(json.get(i).toString());
      text.append(i < json.size() - 1 ? ",\n" : "\n");
    }
    return text.append("]").toString();
  }

  private static String indented(JsonNode json) {
    try {
      return INDENTED.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
