package dev.parkedge.sync.wire;

import dev.parkedge.sync.contract.Command;

/** The normative topics (PROTOCOL.md): {@code parkedge/v1/{tenant}/{site}/up|down/…}. */
public record Topics(String tenant, String site) {
  public static final String ROOT = "parkedge/v1/";

  public Topics {
    Command.requireScope("tenant", tenant);
    Command.requireScope("site", site);
  }

  private String base() {
    return ROOT + tenant + "/" + site + "/";
  }

  public String events() {
    return base() + "up/events";
  }

  public String status() {
    return base() + "up/status";
  }

  public String results() {
    return base() + "up/results";
  }

  public String ack() {
    return base() + "down/ack";
  }

  public String commands() {
    return base() + "down/commands";
  }

  /** What a gateway subscribes to: its own down topics. */
  public String down() {
    return base() + "down/#";
  }

  /** What a collector subscribes to: every site's up topics of one tenant. */
  public static String tenantUp(String tenant) {
    return ROOT + tenant + "/+/up/#";
  }

  /** The site and the last level of a topic {@code parkedge/v1/T/S/up|down/X}, or null. */
  public static String[] parse(String topic) {
    String[] levels = topic.split("/", -1);
    if (levels.length != 6 || !topic.startsWith(ROOT)) {
      return null;
    }
    return new String[] {levels[2], levels[3], levels[4], levels[5]};
  }
}
