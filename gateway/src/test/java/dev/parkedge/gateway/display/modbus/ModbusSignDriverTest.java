package dev.parkedge.gateway.display.modbus;

import static dev.parkedge.gateway.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parkedge.gateway.config.SerialBusConfig;
import dev.parkedge.gateway.config.SerialBusConfig.BusProtocol;
import dev.parkedge.gateway.config.SerialBusConfig.Parity;
import dev.parkedge.gateway.display.DisplayState;
import dev.parkedge.gateway.display.DisplayState.Count;
import dev.parkedge.gateway.display.DisplayStats;
import dev.parkedge.gateway.display.modbus.RecordingRegisterWriter.Write;
import dev.parkedge.gateway.lot.DeviceAddress;
import dev.parkedge.gateway.lot.ModbusRegister;
import dev.parkedge.gateway.lot.ModbusRegister.Encoding;
import dev.parkedge.gateway.lot.Sign;
import dev.parkedge.gateway.runtime.Backoff;
import dev.parkedge.proto.psp.PspMessage.Arrow;
import dev.parkedge.proto.psp.PspMessage.Color;
import dev.parkedge.proto.psp.PspMessage.Pattern;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModbusSignDriverTest {

  private static final SerialBusConfig BUS =
      new SerialBusConfig(
          "bus2", "/dev/null-modbus", 9600, BusProtocol.MODBUS_RTU, 8, Parity.NONE, 1);
  private static final DeviceAddress NORTH = new DeviceAddress(0x0200000000000301L, "bus2", null);
  private static final DeviceAddress SOUTH = new DeviceAddress(0x0200000000000401L, "bus2", null);
  private static final Duration SOON = Duration.ofSeconds(5);

  private final RecordingRegisterWriter writer = new RecordingRegisterWriter();
  private ModbusSignDriver driver;

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void writes_each_sign_register_with_its_encoding() {
    driver = driver(Duration.ofMillis(1));

    driver.show(NORTH, count(42));
    driver.show(SOUTH, count(42));

    await("both signs written", SOON, () -> writer.writes().size() == 2);
    assertThat(writer.writes())
        .containsExactlyInAnyOrder(new Write(3, 10, 42), new Write(4, 20, 0x0042));
    assertThat(driver.stats()).isEqualTo(new DisplayStats(2, 0, 2, 0));
  }

  @Test
  void sends_only_the_newest_count_of_a_sign_and_counts_the_ones_it_replaced() {
    driver = driver(Duration.ofMillis(1));
    writer.hold();
    driver.show(NORTH, count(1));
    await("the first write has begun", SOON, () -> writer.entered() == 1);

    for (int free = 2; free <= 6; free++) {
      driver.show(NORTH, count(free));
    }
    writer.release();

    await("two writes went out", SOON, () -> writer.writes().size() == 2);
    assertThat(writer.writes()).containsExactly(new Write(3, 10, 1), new Write(3, 10, 6));
    assertThat(driver.stats()).isEqualTo(new DisplayStats(6, 4, 2, 0));
  }

  @Test
  void keeps_a_sign_pending_after_a_failed_write_and_retries_it() {
    driver = driver(Duration.ofMillis(1));
    writer.failNext(2, 3);

    driver.show(NORTH, count(7));

    await("the count finally went out", SOON, () -> writer.writes().size() == 1);
    assertThat(writer.writes()).containsExactly(new Write(3, 10, 7));
    assertThat(driver.stats()).isEqualTo(new DisplayStats(1, 0, 1, 2));
  }

  @Test
  void retries_a_failed_sign_with_its_newest_count() {
    driver = driver(Duration.ofMillis(300));
    writer.failNext(1, 3);
    driver.show(NORTH, count(7));
    await("the first write failed", SOON, () -> driver.stats().failed() == 1);

    driver.show(NORTH, count(8));

    await("the retry went out", SOON, () -> writer.writes().size() == 1);
    assertThat(writer.writes()).containsExactly(new Write(3, 10, 8));
  }

  @Test
  void a_sign_that_does_not_answer_does_not_hold_up_the_others() {
    driver = driver(Duration.ofSeconds(30));
    writer.failNext(Integer.MAX_VALUE, 3);
    driver.show(NORTH, count(7));
    await("the north sign failed", SOON, () -> driver.stats().failed() == 1);

    driver.show(SOUTH, count(9));

    await("the south sign was written", SOON, () -> writer.writes().size() == 1);
    assertThat(writer.writes()).containsExactly(new Write(4, 20, 0x0009));
    assertThat(driver.stats().failed()).isEqualTo(1);
  }

  @Test
  void drives_only_the_signs_it_was_given() {
    driver = driver(Duration.ofMillis(1));
    DeviceAddress elsewhere = new DeviceAddress(0x0200000000000301L, "bus3", null);

    assertThat(driver.drives(NORTH)).isTrue();
    assertThat(driver.drives(elsewhere)).isFalse();
    assertThatThrownBy(() -> driver.show(elsewhere, count(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drives no sign at");
  }

  @Test
  void refuses_a_light_state_for_a_count_sign() {
    driver = driver(Duration.ofMillis(1));

    assertThatThrownBy(
            () -> driver.show(NORTH, new DisplayState.Light(Color.RED, Pattern.values()[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counts only");
  }

  @Test
  void refuses_a_sign_that_hangs_on_another_bus() {
    Sign stray =
        sign(
            "stray",
            new DeviceAddress(0x0200000000000301L, "bus3", null),
            new ModbusRegister(3, 10, Encoding.U16, 0xFFFF));

    assertThatThrownBy(
            () ->
                new ModbusSignDriver(
                    BUS, List.of(stray), writer, System::nanoTime, Backoff.forDevices()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sign stray is on bus bus3, not bus2");
  }

  @Test
  void close_stops_the_worker_and_closes_the_link() {
    driver = driver(Duration.ofMillis(1));
    assertThat(threadNames()).contains("modbus-bus2");

    long start = System.nanoTime();
    driver.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(threadNames()).doesNotContain("modbus-bus2");
    assertThat(writer.closed()).isTrue();
  }

  private ModbusSignDriver driver(Duration retry) {
    List<Sign> signs =
        List.of(
            sign("north", NORTH, new ModbusRegister(3, 10, Encoding.U16, 0xFFFF)),
            sign("south", SOUTH, new ModbusRegister(4, 20, Encoding.BCD, 0xFFFF)));
    return new ModbusSignDriver(
        BUS, signs, writer, System::nanoTime, new Backoff(retry, retry, 0, () -> 0.5));
  }

  private static Sign sign(String id, DeviceAddress address, ModbusRegister register) {
    return new Sign(id, address, List.of("A"), Arrow.LEFT, register);
  }

  private static Count count(int free) {
    return new Count(free, Arrow.LEFT, Color.GREEN);
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
  }
}
