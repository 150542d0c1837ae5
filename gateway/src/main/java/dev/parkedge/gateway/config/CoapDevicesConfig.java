package dev.parkedge.gateway.config;

import dev.parkedge.proto.psp.Eui64;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CoAP devices over DTLS: the {@code coap_devices} section of gateway.yaml and the pre-shared keys
 * of its {@code psk_file}.
 *
 * @param bind the address the DTLS server binds to, default 0.0.0.0 (devices are on the network)
 * @param port UDP port, default 5684 (coaps)
 * @param pskFile the secrets file (absolute), mode 0600 or 0400
 * @param bus the bus name devices reached over this link have in site.yaml, default {@code coap}
 * @param keys one entry per DTLS identity
 */
public record CoapDevicesConfig(
    String bind, int port, Path pskFile, String bus, List<DeviceKey> keys) {

  public CoapDevicesConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(pskFile, "pskFile");
    Objects.requireNonNull(bus, "bus");
    keys = List.copyOf(keys);
  }

  /**
   * One device's DTLS credentials: the PSK identity it presents and the EUI it may speak for.
   * {@link #toString()} never shows the key.
   */
  public record DeviceKey(String identity, long eui, byte[] key) {

    /** Shorter keys are refused: 16 bytes is the 128 bits of the PSK cipher suites. */
    public static final int MIN_KEY_BYTES = 16;

    public static final int MAX_KEY_BYTES = 64;

    public DeviceKey {
      Objects.requireNonNull(identity, "identity");
      if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
        throw new IllegalArgumentException(
            "a pre-shared key has "
                + MIN_KEY_BYTES
                + ".."
                + MAX_KEY_BYTES
                + " bytes, got "
                + key.length);
      }
      key = key.clone();
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof DeviceKey that
          && identity.equals(that.identity)
          && eui == that.eui
          && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
      return Objects.hash(identity, eui);
    }

    @Override
    public String toString() {
      return "DeviceKey[identity=" + identity + ", eui=" + Eui64.format(eui) + ", key=(hidden)]";
    }
  }
}
