package dev.parkedge.gateway.api.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /logging} reads its body without jackson-databind, and takes and refuses exactly the
 * bodies it took and refused with an ObjectMapper, with the same reasons.
 */
class LoggingResourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void takes_and_refuses_every_body_as_it_did_with_the_object_mapper() {
    List<String> bodies =
        List.of(
            "{\"level\": \"debug\"}",
            "{\"level\": \"debug\", \"logger\": \"dev.parkedge.gateway.sensing\"}",
            "{\"logger\": null, \"level\": \"info\"}",
            "{\"level\": \"info\"} and then more",
            "{\"level\": \"info\", \"level\": \"warn\"}",
            "{\"level\": 5, \"logger\": true}",
            "{\"level\": 1e2, \"logger\": {}}",
            "{\"level\": [\"info\"]}",
            "{\"level\": null}",
            "{\"logger\": \"x\"}",
            "{\"colour\": 1, \"level\": \"info\"}",
            "{\"colour\": 1}",
            "[\"level\"]",
            "\"info\"",
            "null",
            "",
            "   ",
            "{\"level\": inf",
            "{\"level\": \"info\"");
    for (String body : bodies) {
      assertThat(outcome(body.getBytes(StandardCharsets.UTF_8)))
          .as(body)
          .isEqualTo(mapperOutcome(body.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(outcome(null)).isEqualTo(mapperOutcome(null));
  }

  private static String outcome(byte[] body) {
    try {
      return "took " + LoggingResource.parse(body);
    } catch (RefusedRequest refused) {
      return "refused " + refused.reply();
    }
  }

  /** LoggingResource.parse as it was with the mapper. */
  private static String mapperOutcome(byte[] body) {
    JsonNode json;
    try {
      json = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (java.io.IOException e) {
      return refused("body is not valid JSON: " + LoggingResource.EXPECTED);
    }
    if (json == null || !json.isObject() || !json.hasNonNull("level")) {
      return refused(LoggingResource.EXPECTED);
    }
    for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("level") && !key.equals("logger")) {
        return refused("unknown key \"" + key + "\": " + LoggingResource.EXPECTED);
      }
    }
    String logger = json.hasNonNull("logger") ? json.get("logger").asText() : null;
    return "took " + Arrays.asList(logger, json.get("level").asText());
  }

  private static String refused(String reason) {
    return "refused "
        + new RefusedRequest(
                org.eclipse.californium.core.coap.CoAP.ResponseCode.BAD_REQUEST, reason)
            .reply();
  }
}
