package dev.parkedge.gateway.display.modbus;

import static dev.parkedge.gateway.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import dev.parkedge.gateway.display.DisplayState.Count;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.ModbusRegister;
import dev.parkedge.gateway.lot.ModbusRegister.Encoding;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.testing.PtyPair;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver as master on one end of a pseudo-terminal pair, a j2mod RTU slave on the other. */
class ModbusSignDriverIT {

  private static final int UNIT = 3;
  private static final int NORTH_REGISTER = 10;
  private static final int SOUTH_REGISTER = 11;
  private static final DeviceAddress NORTH = new DeviceAddress(0x0200000000000301L, "bus2", null);
  private static final DeviceAddress SOUTH = new DeviceAddress(0x0200000000000302L, "bus2", null);
  private static final Duration SOON = Duration.ofSeconds(5);

  @TempDir Path dir;
  private PtyPair pty;
  private ModbusSlave slave;
  private SimpleProcessImage image;
  private ModbusSignDriver driver;

  @BeforeEach
  void wireUpASignController() throws Exception {
    pty = PtyPair.start(dir);
    startSlave();
    SerialBusConfig bus =
        new SerialBusConfig(
            "bus2", pty.a().toString(), 19200, BusProtocol.MODBUS_RTU, 8, Parity.NONE, 1);
    driver =
        new ModbusSignDriver(
            bus,
            List.of(
                sign(
                    "north", NORTH, new ModbusRegister(UNIT, NORTH_REGISTER, Encoding.U16, 0xFFFF)),
                sign(
                    "south",
                    SOUTH,
                    new ModbusRegister(UNIT, SOUTH_REGISTER, Encoding.BCD, 0xF0F0))));
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (driver != null) {
      driver.close();
    }
    stopSlave();
    pty.close();
  }

  @Test
  void writes_counts_and_blank_into_each_sign_register_in_its_encoding() {
    assertShows(count(0), 0x0000, 0x0000);
    assertShows(count(42), 42, 0x0042);
    assertShows(count(9999), 9999, 0x9999);
    assertShows(blank(), 0xFFFF, 0xF0F0);
    assertThat(driver.stats().failed()).isZero();
  }

  @Test
  void a_burst_of_counts_for_one_sign_ends_with_the_newest_and_coalesces_the_rest() {
    for (int free = 1; free <= 100; free++) {
      driver.show(NORTH, count(free));
    }

    await("the sign shows the newest count", SOON, () -> register(NORTH_REGISTER) == 100);
    await(
        "the driver is idle",
        SOON,
        () -> driver.stats().sent() + driver.stats().coalesced() == 100);
    assertThat(driver.stats().commanded()).isEqualTo(100);
    assertThat(driver.stats().coalesced()).isPositive();
    assertThat(driver.stats().sent()).isLessThan(100);
  }

  @Test
  void reopens_the_port_and_delivers_the_newest_count_after_the_adapter_comes_back()
      throws Exception {
    driver.show(NORTH, count(1));
    await("the first count landed", SOON, () -> register(NORTH_REGISTER) == 1);

    stopSlave();
    pty.unplug();
    driver.show(NORTH, count(2));
    await("the write failed", SOON, () -> driver.stats().failed() > 0);
    driver.show(NORTH, count(3));
    pty.plugIn();
    startSlave();

    await("the newest count landed", Duration.ofSeconds(15), () -> register(NORTH_REGISTER) == 3);
  }

  private void assertShows(Count count, int north, int south) {
    driver.show(NORTH, count);
    driver.show(SOUTH, count);
    await(
        "registers show " + count,
        SOON,
        () -> register(NORTH_REGISTER) == north && register(SOUTH_REGISTER) == south);
  }

  private int register(int ref) {
    return image.getRegister(ref).toUnsignedShort();
  }

  private void startSlave() throws Exception {
    image = new SimpleProcessImage(UNIT);
    for (int ref = 0; ref < 20; ref++) {
      image.addRegister(new SimpleRegister(0x7777));
    }
    SerialParameters parameters = new SerialParameters();
    parameters.setPortName(pty.b().toString());
    parameters.setBaudRate(19200);
    parameters.setDatabits(8);
    parameters.setParity(AbstractSerialConnection.NO_PARITY);
    parameters.setStopbits(AbstractSerialConnection.ONE_STOP_BIT);
    parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
    parameters.setEcho(false);
    slave = ModbusSlaveFactory.createSerialSlave(parameters);
    slave.addProcessImage(UNIT, image);
    slave.open();
  }

  /**
   * Stops the slave while its terminal still exists. The other order can deadlock j2mod's serial
   * connection (its disconnect listener closes the port while the close joins that listener), and
   * ModbusSlaveFactory holds its class lock throughout. Takes about 4 s: j2mod waits out the
   * slave's 3 s read timeout.
   */
  private void stopSlave() {
    if (slave != null) {
      ModbusSlaveFactory.close(slave);
      slave = null;
    }
  }

  private static Sign sign(String id, DeviceAddress address, ModbusRegister register) {
    return new Sign(id, address, List.of("A"), Arrow.UP, register);
  }

  private static Count count(int free) {
    return new Count(free, Arrow.UP, Color.GREEN);
  }

  private static Count blank() {
    return new Count(null, Arrow.UP, Color.GREEN);
  }
}
