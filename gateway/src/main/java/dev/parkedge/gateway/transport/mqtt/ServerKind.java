package dev.parkedge.gateway.transport.mqtt;

/** Which LoRaWAN network server publishes the messages, and so how they are encoded. */
public enum ServerKind {
  /**
   * ChirpStack v4: the protobuf JSON mapping, {@code application/{uuid}/device/{devEui}/event/…}.
   * v4.0 leaves out fields at their default (0, false, ""); v4.1 and later write them.
   */
  CHIRPSTACK_V4("ChirpStack v4"),

  /**
   * ChirpStack Application Server v3 with either JSON marshaler ({@code json_v3}: hex EUIs, {@code
   * object}; {@code json}: base64 EUIs, {@code objectJSON}), on the topics of v3.11 and later
   * ({@code …/event/up}) or those before ({@code …/rx}).
   */
  CHIRPSTACK_V3("ChirpStack v3"),

  /** The Things Stack v3 (also The Things Network): {@code v3/{app}@{tenant}/devices/{id}/…}. */
  THE_THINGS_STACK("The Things Stack");

  private final String displayName;

  ServerKind(String displayName) {
    this.displayName = displayName;
  }

  /** The server's name as people write it, e.g. {@code ChirpStack v4}. */
  public String displayName() {
    return displayName;
  }
}
