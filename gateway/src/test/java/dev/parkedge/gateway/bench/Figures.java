package dev.parkedge.gateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The headline figure of each measurement a benchmark made in this JVM, for one table. */
final class Figures {

  private static final Map<String, String> FIGURES = new LinkedHashMap<>();

  private Figures() {}

  static synchronized void put(String what, String value) {
    FIGURES.put(what, value);
  }

  static synchronized Map<String, String> all() {
    return new LinkedHashMap<>(FIGURES);
  }
}
