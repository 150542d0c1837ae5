package dev.parkedge.gateway.api;

import java.util.List;

/**
 * What the local API can ask of, and tell, the running gateway. The CoAP adapter serves it; the
 * runtime implements it by asking the domain thread.
 */
public interface GatewayControl {

  StatusView status();

  List<SpaceView> spaces();

  List<DeviceView> devices();

  /**
   * Takes a space out of service (or returns it).
   *
   * @throws IllegalArgumentException naming the space when no space has that id
   */
  SpaceView setMaintenance(String spaceId, boolean on);

  /** Re-reads site.yaml and applies it as a diff; a file that fails validation is refused. */
  ReloadOutcome reload();

  /**
   * Reads, or with a non-null {@code level} sets, a logger's level in the running daemon (until it
   * restarts; gateway.yaml's {@code logging.level} applies again then).
   *
   * @param logger a logger name, or "root"
   * @param level error, warn, info, debug or trace; null to only read it
   * @throws IllegalArgumentException naming the level when it is none of those
   */
  LogLevelView logLevel(String logger, String level);

  /**
   * Records an operator's note in the journal and answers only once it is durably committed
   * (fsynced): the API's durable write, answered as payments will be.
   *
   * @param key the client's unique id for this note (it is the entry's subject)
   * @return the note's journal seq
   * @throws DurableWriteRefused when storage cannot take durable writes (disk full, I/O errors);
   *     nothing was recorded
   * @throws GatewayBusyException when the commit is not confirmed in time; it may still be
   */
  long note(String key, String text);
}
