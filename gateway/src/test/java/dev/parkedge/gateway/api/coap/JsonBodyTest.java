package dev.parkedge.gateway.api.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;

/**
 * Request bodies (notes, maintenance) are read without jackson-databind, and every body is taken or
 * refused, with the same reason, as the strict ObjectMapper took or refused it before.
 */
class JsonBodyTest {

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final String EXPECTED = MaintenanceResource.EXPECTED;

  @Test
  void takes_and_refuses_every_body_as_the_strict_object_mapper_did() {
    List<String> bodies =
        List.of(
            "{\"on\": true}",
            "{\"on\": null}",
            "{}",
            "  {\"on\": false}  ",
            "{\"on\": true} {\"on\": false}",
            "{\"on\": true} 5",
            "{\"on\": true} x",
            "[1, 2] 3",
            "{\"on\": true, \"on\": false}",
            "{\"on\": {\"a\": 1, \"a\": 2}}",
            "{\"on\": tr",
            "{\"on\": yes}",
            "{\"on\" true}",
            "{on: true}",
            "{\"on\": true,}",
            "{\"on\": 01}",
            "{\"on\": \"unterminated",
            "{\"until\": 5, \"on\": true}",
            "[true]",
            "\"on\"",
            "5",
            "1.5",
            "true",
            "null",
            "   ",
            "\u00ff");
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertThat(outcome(bytes)).as(body).isEqualTo(mapperOutcome(bytes));
    }
    assertThat(outcome(new byte[] {(byte) 0xc3, (byte) 0x28}))
        .isEqualTo(mapperOutcome(new byte[] {(byte) 0xc3, (byte) 0x28}));
  }

  @Test
  void says_what_the_on_of_a_maintenance_request_was_as_json() throws IOException {
    for (String on : List.of("\"yes\"", "1", "1.0", "1e2", "null", "[true]", "{\"a\": \"\\n\"}")) {
      byte[] body = ("{\"on\": " + on + "}").getBytes(StandardCharsets.UTF_8);
      String got;
      try {
        got = "took " + MaintenanceResource.parse(MediaTypeRegistry.APPLICATION_JSON, body);
      } catch (RefusedRequest refused) {
        got = refused.getMessage();
      }
      assertThat(got)
          .as(on)
          .isEqualTo("\"on\" must be true or false, got " + STRICT.readTree(body).get("on"));
    }
  }

  private static String outcome(byte[] body) {
    try {
      return "took " + STRICT.valueToTree(JsonBody.object(50, body, Set.of("on"), EXPECTED));
    } catch (RefusedRequest refused) {
      return "refused " + refused.getMessage();
    }
  }

  /** JsonBody.object as it was with the strict mapper. */
  private static String mapperOutcome(byte[] body) {
    JsonNode json;
    try {
      json = STRICT.readTree(body);
      if (json == null || json.isMissingNode()) {
        return "refused empty body: " + EXPECTED;
      }
    } catch (JsonProcessingException e) {
      return "refused body is not valid JSON ("
          + firstClause(e.getOriginalMessage())
          + "): "
          + EXPECTED;
    } catch (IOException e) {
      return "refused body is not valid JSON: " + EXPECTED;
    }
    if (!json.isObject()) {
      return "refused body is a JSON "
          + json.getNodeType().name().toLowerCase(Locale.ROOT)
          + ": "
          + EXPECTED;
    }
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("on")) {
        return "refused unknown key \"" + key + "\": " + EXPECTED;
      }
    }
    return "took " + json;
  }

  private static String firstClause(String message) {
    String line = message.lines().findFirst().orElse("");
    if (line.startsWith("Trailing token")) {
      return "more after the JSON object";
    }
    int detail = line.indexOf(": was expecting");
    return detail < 0 ? line : line.substring(0, detail);
  }
}
