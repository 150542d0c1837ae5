package dev.parkedge.sync.contract;

import java.util.List;

/**
 * What kind of record a journal entry is, for the sync-agent's priorities and storage budgets. The
 * gateway decides a type's class by its name (this table); the agent only ever asks this enum, so
 * it needs to know nothing of parking rules. Order is priority: a lower ordinal is sent first.
 */
public enum DataClass {
  /** Outcomes of commands from the tenant account ({@code command.*}). Never evicted. */
  COMMAND_RESULT("command"),
  /** Money and access: sessions, payments, the ledger, reservations, gates. Never evicted. */
  MONEY_ACCESS("money"),
  /** Everything else that is not occupancy: device health, layouts, clock, start-ups. */
  OPERATIONS("operations"),
  /**
   * Occupancy telemetry ({@code space.state}): latest-per-subject-wins state, so when its storage
   * budget is full it may be compacted to fewer state changes per subject, never dropped blindly.
   */
  OCCUPANCY("occupancy");

  private static final List<String> MONEY_ACCESS_PREFIXES =
      List.of(
          "session.",
          "payment.",
          "ledger.",
          "reservation.",
          "gate.",
          "lane.",
          "tariff.",
          "violation.",
          "enforcement.");

  private final String label;

  DataClass(String label) {
    this.label = label;
  }

  /** The lowercase name used in status messages and files: {@code money}, {@code occupancy}… */
  public String label() {
    return label;
  }

  /** Whether records of this class may be compacted when its budget is full. */
  public boolean compactable() {
    return this == OCCUPANCY;
  }

  /** The class of a journal entry type. Unknown types are OPERATIONS: kept, never compacted. */
  public static DataClass of(String type) {
    if (type.startsWith("command.")) {
      return COMMAND_RESULT;
    }
    if (type.equals("space.state")) {
      return OCCUPANCY;
    }
    for (String prefix : MONEY_ACCESS_PREFIXES) {
      if (type.startsWith(prefix)) {
        return MONEY_ACCESS;
      }
    }
    return OPERATIONS;
  }

  /** The class with this label, e.g. {@code money}. */
  public static DataClass ofLabel(String label) {
    for (DataClass value : values()) {
      if (value.label.equals(label)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown data class \"" + label + "\"");
  }
}
