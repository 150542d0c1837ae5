package dev.parkedge.proto.lorawan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One decoded uplink: the vendor's own fields and the normalised reading.
 *
 * @param fields field names and values exactly as the vendor's published codec (The Things Network
 *     device repository) produces them, in the codec's order. Values are {@link String}, {@link
 *     Boolean}, {@link Integer}, {@link Long}, {@link Double}, {@link java.util.List} or a nested
 *     {@link Map} of the same.
 * @param reading the same uplink in the one shape shared by every model
 */
public record DecodedUplink(Map<String, Object> fields, Reading reading) {

  public DecodedUplink {
    Objects.requireNonNull(reading, "reading");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
