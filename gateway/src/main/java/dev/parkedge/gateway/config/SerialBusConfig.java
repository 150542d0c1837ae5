package dev.parkedge.gateway.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One serial bus (RS-485 or UART) and the protocol its devices speak.
 *
 * @param port the device path, e.g. {@code /dev/ttyUSB0}
 * @param baud bits per second
 * @param dataBits 5..8, default 8
 * @param parity default none
 * @param stopBits 1 or 2, default 1
 */
public record SerialBusConfig(
    String name,
    String port,
    int baud,
    BusProtocol protocol,
    int dataBits,
    Parity parity,
    int stopBits) {

  /** What devices on a bus speak. */
  public enum BusProtocol {
    PSP("psp"),
    MODBUS_RTU("modbus-rtu");

    private final String yamlName;

    BusProtocol(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }
  }

  /** Serial parity. */
  public enum Parity {
    NONE,
    EVEN,
    ODD;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SerialBusConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(parity, "parity");
  }
}
