package dev.parkedge.gateway.display.lorawan;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LoRa modulation, as named in network-server configuration: {@code SF9BW125} is spreading factor
 * 9 on a 125 kHz channel. It knows how long a packet occupies the air (time on air), which is what
 * a duty-cycle budget is made of.
 *
 * <p>The time on air follows Semtech AN1200.13 ("LoRa Modem Designer's Guide") with the settings
 * LoRaWAN uses: an 8-symbol preamble (plus the 4.25 symbols of sync word and start frame), explicit
 * header, coding rate 4/5, and low-data-rate optimisation on when a symbol lasts 16 ms or more
 * (SF11 and SF12 at 125 kHz). LoRaWAN downlinks carry no payload CRC; uplinks do.
 *
 * @param spreadingFactor 7..12
 * @param bandwidthHz 125000, 250000 or 500000
 */
public record DataRate(int spreadingFactor, int bandwidthHz) {

  /**
   * MHDR (1) + FHDR without FOpts (7) + FPort (1) + MIC (4): the PHY bytes around an FRMPayload.
   */
  public static final int LORAWAN_OVERHEAD_BYTES = 13;

  private static final int PREAMBLE_SYMBOLS = 8;
  private static final int CODING_RATE = 1; // 4/5
  private static final Pattern NAME = Pattern.compile("SF(\\d{1,2})BW(\\d{3})");

  public DataRate {
    if (spreadingFactor < 7 || spreadingFactor > 12) {
      throw new IllegalArgumentException(
          "LoRa spreading factor must be 7..12, got " + spreadingFactor);
    }
    if (bandwidthHz != 125_000 && bandwidthHz != 250_000 && bandwidthHz != 500_000) {
      throw new IllegalArgumentException(
          "LoRa bandwidth must be 125, 250 or 500 kHz, got " + bandwidthHz + " Hz");
    }
  }

  /**
   * Reads a name such as {@code SF9BW125} (case does not matter).
   *
   * @throws IllegalArgumentException naming the text when it is not a LoRa data rate
   */
  public static DataRate parse(String name) {
    Matcher m = NAME.matcher(name.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + name + "\" is not a LoRa data rate (expected e.g. SF9BW125)");
    }
    return new DataRate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) * 1000);
  }

  /** The name this data rate is parsed from, e.g. {@code SF9BW125}. */
  public String name() {
    return "SF" + spreadingFactor + "BW" + bandwidthHz / 1000;
  }

  /** How long a LoRaWAN downlink with {@code frmPayloadBytes} of application payload is on air. */
  public Duration downlinkTimeOnAir(int frmPayloadBytes) {
    return Duration.ofNanos(timeOnAirNanos(LORAWAN_OVERHEAD_BYTES + frmPayloadBytes, false));
  }

  /**
   * Time on air of a LoRa packet of {@code phyPayloadBytes}, in nanoseconds (exact: a symbol lasts
   * a whole number of nanoseconds at these bandwidths).
   *
   * <pre>
   * Tsym     = 2^SF / BW
   * Tpre     = (8 + 4.25) · Tsym
   * nPayload = 8 + max(ceil((8·PL − 4·SF + 28 + 16·CRC − 20·IH) / (4·(SF − 2·DE))) · (CR + 4), 0)
   * ToA      = Tpre + nPayload · Tsym        (IH = 0 explicit header, CR = 1 for 4/5)
   * </pre>
   *
   * @param crc whether the packet carries a payload CRC (LoRaWAN uplinks do, downlinks do not)
   */
  public long timeOnAirNanos(int phyPayloadBytes, boolean crc) {
    if (phyPayloadBytes < 0 || phyPayloadBytes > 255) {
      throw new IllegalArgumentException(
          "a LoRa PHY payload is 0..255 bytes, got " + phyPayloadBytes);
    }
    long symbolNanos = (1L << spreadingFactor) * 1_000_000_000L / bandwidthHz;
    int de = lowDataRateOptimized() ? 1 : 0;
    int numerator = 8 * phyPayloadBytes - 4 * spreadingFactor + 28 + (crc ? 16 : 0);
    int denominator = 4 * (spreadingFactor - 2 * de);
    int blocks = Math.max(Math.floorDiv(numerator + denominator - 1, denominator), 0);
    long payloadSymbols = 8 + (long) blocks * (CODING_RATE + 4);
    return symbolNanos * (4 * PREAMBLE_SYMBOLS + 17) / 4 + payloadSymbols * symbolNanos;
  }

  /** Low-data-rate optimisation: mandated when a symbol lasts 16 ms or more. */
  private boolean lowDataRateOptimized() {
    return (1L << spreadingFactor) * 1000 / bandwidthHz >= 16;
  }
}
