package dev.parkedge.gateway.transport.coap;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;

/**
 * The Californium and Scandium configuration of the CoAP device link, built in code like the local
 * API's ({@code CoapApiConfiguration}) so that no {@code Californium3.properties} is written. Its
 * own class, not the API's: devices send one PSP/1 packet per request, so bodies are capped at a
 * packet's size instead of the API's 8 MB, and the link speaks DTLS.
 */
final class CoapDeviceConfiguration {

  /** A body holds one PSP/1 packet (at most 215 bytes); anything longer is refused by CoAP. */
  static final int MAX_BODY_BYTES = 256;

  private CoapDeviceConfiguration() {}

  /** The server's configuration (a client's in tests), for one DTLS role. */
  static Configuration create(DtlsRole role) {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_BODY_BYTES);
    config.set(DtlsConfig.DTLS_ROLE, role);
    // Two cores shared with the domain and storage: a handful of threads is plenty for devices
    // that send a packet every few seconds at most.
    config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 2);
    config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
    return config;
  }
}
