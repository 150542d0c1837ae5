package dev.parkedge.gateway.api.coap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The JSON form of the API's views: snake_case keys ({@code first_seen}, {@code uptime_seconds}),
 * nulls written out so every object has all its keys, map keys (states, error codes) as they are.
 */
public final class ApiJson {

  private ApiJson() {}

  /**
   * A new mapper for the API's bodies. Readers ignore keys they do not know, so an older {@code
   * parkedge} command still reads a newer daemon's answers.
   */
  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
