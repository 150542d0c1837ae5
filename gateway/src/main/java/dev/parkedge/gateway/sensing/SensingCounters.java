package dev.parkedge.gateway.sensing;

import dev.parkedge.proto.psp.FrameError;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the sensing pipeline has seen, per bus. Domain thread. */
public final class SensingCounters {

  long duplicates;
  long orphanFrames;
  long stateChanges;
  private long frames;
  private final Map<String, Long> framesByBus = new LinkedHashMap<>();
  private final Map<String, Map<FrameError, Long>> rejectedByBus = new LinkedHashMap<>();

  void frame(String bus) {
    frames++;
    framesByBus.merge(bus, 1L, Long::sum);
  }

  void rejected(String bus, FrameError error) {
    rejectedByBus
        .computeIfAbsent(bus, b -> new EnumMap<>(FrameError.class))
        .merge(error, 1L, Long::sum);
  }

  public long frames() {
    return frames;
  }

  public long duplicates() {
    return duplicates;
  }

  public long orphanFrames() {
    return orphanFrames;
  }

  public long stateChanges() {
    return stateChanges;
  }

  public long framesOn(String bus) {
    return framesByBus.getOrDefault(bus, 0L);
  }

  /** Rejected frames of a bus by error code, e.g. {@code bad_crc -> 3}. */
  public Map<String, Long> rejectedOn(String bus) {
    Map<String, Long> byCode = new LinkedHashMap<>();
    rejectedByBus.getOrDefault(bus, Map.of()).forEach((e, n) -> byCode.put(e.code(), n));
    return byCode;
  }
}
