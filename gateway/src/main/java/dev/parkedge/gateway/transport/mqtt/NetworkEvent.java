package dev.parkedge.gateway.transport.mqtt;

import dev.parkedge.proto.psp.Eui64;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a network server published about one device, parsed. Every event names the device by its
 * EUI-64 (held as a {@code long}) and the application as it was configured for the codec.
 */
public sealed interface NetworkEvent {

  /** The device's EUI-64 (DevEUI). */
  long devEui();

  /** The application the event belongs to: always the codec's configured application. */
  String application();

  /**
   * An uplink frame.
   *
   * @param deviceId The Things Stack's device id (downlinks are addressed by it); null for
   *     ChirpStack
   * @param fCnt the uplink frame counter, 0 to 2^32-1
   * @param fPort the frame port, 0 to 255
   * @param data the application payload as the device sent it (decrypted); may be empty, never null
   * @param rssiDbm the best gateway's RSSI; null when no gateway metadata came with the frame
   * @param snrDb the best gateway's SNR; null when no gateway metadata came with the frame
   * @param gatewayEui the best gateway (highest RSSI, then highest SNR); null if unknown
   * @param decodedObjectJson the server's own decoded object as compact JSON, or null
   * @param time when the network server received the frame; null if the message does not say
   */
  record Uplink(
      long devEui,
      String application,
      String deviceId,
      long fCnt,
      int fPort,
      byte[] data,
      Integer rssiDbm,
      Double snrDb,
      Long gatewayEui,
      String decodedObjectJson,
      Instant time)
      implements NetworkEvent {

    public Uplink {
      checkApplication(application);
      if (fCnt < 0 || fCnt > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("fCnt must be 0 to 4294967295, got " + fCnt);
      }
      if (fPort < 0 || fPort > 255) {
        throw new IllegalArgumentException("fPort must be 0 to 255, got " + fPort);
      }
      data = Objects.requireNonNull(data, "data").clone();
      if (snrDb != null && !Double.isFinite(snrDb)) {
        throw new IllegalArgumentException("snrDb must be finite, got " + snrDb);
      }
    }

    /** A copy of the payload. */
    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Uplink that
          && devEui == that.devEui
          && fCnt == that.fCnt
          && fPort == that.fPort
          && application.equals(that.application)
          && Objects.equals(deviceId, that.deviceId)
          && Arrays.equals(data, that.data)
          && Objects.equals(rssiDbm, that.rssiDbm)
          && Objects.equals(snrDb, that.snrDb)
          && Objects.equals(gatewayEui, that.gatewayEui)
          && Objects.equals(decodedObjectJson, that.decodedObjectJson)
          && Objects.equals(time, that.time);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
                  devEui,
                  application,
                  deviceId,
                  fCnt,
                  fPort,
                  rssiDbm,
                  snrDb,
                  gatewayEui,
                  decodedObjectJson,
                  time)
              * 31
          + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Uplink[devEui="
          + Eui64.format(devEui)
          + ", application="
          + application
          + ", deviceId="
          + deviceId
          + ", fCnt="
          + fCnt
          + ", fPort="
          + fPort
          + ", data="
          + HexFormat.of().formatHex(data)
          + ", rssiDbm="
          + rssiDbm
          + ", snrDb="
          + snrDb
          + ", gatewayEui="
          + (gatewayEui == null ? null : Eui64.format(gatewayEui))
          + ", decodedObjectJson="
          + decodedObjectJson
          + ", time="
          + time
          + "]";
    }
  }

  /**
   * The device's answer to a device-status request.
   *
   * @param batteryPercent 0 to 100; null when the device is on external power or cannot measure
   * @param marginDb the demodulation margin (SNR) of the status request, in dB
   */
  record Status(long devEui, String application, Integer batteryPercent, Integer marginDb)
      implements NetworkEvent {

    public Status {
      checkApplication(application);
      if (batteryPercent != null && (batteryPercent < 0 || batteryPercent > 100)) {
        throw new IllegalArgumentException(
            "batteryPercent must be 0 to 100, got " + batteryPercent);
      }
    }
  }

  /**
   * The device joined (again): its frame counters start from 0.
   *
   * @param time when the server received the join; null if the message does not say
   */
  record Join(long devEui, String application, Instant time) implements NetworkEvent {

    public Join {
      checkApplication(application);
    }
  }

  /**
   * The device acknowledged a confirmed downlink, or did not in time.
   *
   * @param fCntDown the downlink frame counter the (n)ack is for
   */
  record Ack(long devEui, String application, boolean acknowledged, Long fCntDown)
      implements NetworkEvent {

    public Ack {
      checkApplication(application);
      checkFrameCounter(fCntDown);
    }
  }

  /**
   * A gateway accepted a downlink for transmission (it may be sent later, it is not yet heard).
   *
   * @param fCntDown the downlink frame counter
   */
  record TxAck(long devEui, String application, Long fCntDown) implements NetworkEvent {

    public TxAck {
      checkApplication(application);
      checkFrameCounter(fCntDown);
    }
  }

  /**
   * Something the server logged about the device, e.g. a frame-counter reset or a downlink that
   * could not be sent.
   *
   * @param level the server's level, e.g. {@code ERROR}
   * @param code the server's code, e.g. {@code UPLINK_F_CNT_RESET}
   * @param description the server's text, may be empty
   */
  record Log(long devEui, String application, String level, String code, String description)
      implements NetworkEvent {

    public Log {
      checkApplication(application);
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(description, "description");
    }
  }

  private static void checkApplication(String application) {
    if (application == null || application.isBlank()) {
      throw new IllegalArgumentException("application must not be blank");
    }
  }

  private static void checkFrameCounter(Long fCnt) {
    if (fCnt != null && (fCnt < 0 || fCnt > 0xFFFF_FFFFL)) {
      throw new IllegalArgumentException("fCntDown must be 0 to 4294967295, got " + fCnt);
    }
  }
}
