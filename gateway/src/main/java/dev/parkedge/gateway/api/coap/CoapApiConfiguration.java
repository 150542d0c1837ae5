package dev.parkedge.gateway.api.coap;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The Californium configuration of the local API, for the server and for its clients alike.
 *
 * <p>Built in code, never read from or written to a file: Californium's standard configuration
 * writes {@code Californium3.properties} into the working directory, which on a gateway is wherever
 * systemd or an operator's shell happens to be.
 */
public final class CoapApiConfiguration {

  /** The IANA CoAP port, the default of {@code api.coap_port}. */
  public static final int DEFAULT_PORT = 5683;

  /** Loopback: the API is for operators on the box, not for the car park's network. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /**
   * The largest JSON body either side assembles from blocks. The devices of a 5,000-space site are
   * about 2 MB; 8 MB leaves room.
   */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** The largest CoAP block (RFC 7959 SZX 6); fewer round trips for large bodies. */
  static final int BLOCK_BYTES = 1024;

  private CoapApiConfiguration() {}

  /** A fresh configuration with block-wise transfer sized for the API's largest bodies. */
  public static Configuration create() {
    CoapConfig.register();
    UdpConfig.register();
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_BODY_BYTES);
    config.set(CoapConfig.MAX_MESSAGE_SIZE, BLOCK_BYTES);
    config.set(CoapConfig.PREFERRED_BLOCK_SIZE, BLOCK_BYTES);
    // No deduplication: Californium keeps every answered exchange for 247 s to answer
    // retransmissions from, and each block's exchange of a large answer keeps the whole answer: a
    // client polling /spaces of a 5,000-space site (about 550 KB) exhausted the 48 MB heap within
    // seconds (ApiPollingIT). Nothing is retransmitted on loopback once a request is acknowledged,
    // and ControlCalls acknowledges every request that changes something at once (see there).
    config.set(CoapConfig.DEDUPLICATOR, CoapConfig.NO_DEDUPLICATOR);
    return config;
  }
}
