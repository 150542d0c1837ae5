package dev.parkedge.gateway.display.modbus;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import dev.parkedge.gateway.config.SerialBusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes registers with j2mod's RTU master (j2mod frames, checks CRCs and times out). A write that
 * fails for any reason but the unit's own exception response drops the connection, so the next
 * write reopens the port: that is how a pulled USB adapter comes back.
 */
final class J2modRegisterWriter implements RegisterWriter {

  /** A write-single-register round trip is 16 bytes, 17 ms at 9600 baud. */
  static final int RESPONSE_TIMEOUT_MS = 500;

  /** A normal close takes about half a second (jSerialComm stops its event thread). */
  static final long CLOSE_WAIT_MS = 1500;

  private static final Logger log = LoggerFactory.getLogger(J2modRegisterWriter.class);

  private final SerialBusConfig config;
  private ModbusSerialMaster master;
  private boolean everOpened;

  J2modRegisterWriter(SerialBusConfig config) {
    this.config = config;
  }

  @Override
  public void write(int unit, int register, int value) throws IOException {
    ModbusSerialMaster current = connected();
    try {
      current.writeSingleRegister(unit, register, new SimpleRegister(value));
    } catch (ModbusSlaveException e) {
      throw new IOException("unit answered with an exception: " + e.getMessage(), e);
    } catch (ModbusException e) {
      disconnect();
      throw new IOException(e.getMessage(), e);
    } catch (RuntimeException e) {
      disconnect();
      throw new IOException(e.toString(), e);
    }
  }

  @Override
  public void close() {
    disconnect();
  }

  private ModbusSerialMaster connected() throws IOException {
    if (master != null) {
      return master;
    }
    if (!Files.exists(Path.of(config.port()))) {
      throw new NoSuchFileException(config.port(), null, "no such device");
    }
    ModbusSerialMaster candidate = new ModbusSerialMaster(parameters(), RESPONSE_TIMEOUT_MS);
    try {
      candidate.connect();
    } catch (Exception e) { // j2mod declares connect() throws Exception
      candidate.disconnect();
      throw new IOException("cannot open " + config.port() + ": " + e.getMessage(), e);
    }
    // One try per write: the driver retries with its own backoff, without holding up other signs.
    candidate.setRetries(1);
    log.info(
        "modbus {} {} on {} at {} baud",
        config.name(),
        everOpened ? "reopened" : "open",
        config.port(),
        config.baud());
    everOpened = true;
    master = candidate;
    return master;
  }

  /**
   * Closes the port on a throwaway thread and waits a bounded time. j2mod closes the jSerialComm
   * port from jSerialComm's event thread when the device disconnects; a close from here at the same
   * moment can deadlock the two (jSerialComm's close joins the event thread while holding the lock
   * the event thread waits for). A stuck close then costs one parked daemon thread, not the bus:
   * the next write opens a fresh port.
   */
  private void disconnect() {
    ModbusSerialMaster old = master;
    master = null;
    if (old == null) {
      return;
    }
    Thread closer = new Thread(old::disconnect, "modbus-" + config.name() + "-closer");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      log.warn(
          "modbus {} closing {} is stuck (j2mod/jSerialComm disconnect race); leaving it behind",
          config.name(),
          config.port());
    }
  }

  private SerialParameters parameters() {
    SerialParameters parameters = new SerialParameters();
    parameters.setPortName(config.port());
    parameters.setBaudRate(config.baud());
    parameters.setDatabits(config.dataBits());
    parameters.setStopbits(
        config.stopBits() == 2
            ? AbstractSerialConnection.TWO_STOP_BITS
            : AbstractSerialConnection.ONE_STOP_BIT);
    parameters.setParity(
        switch (config.parity()) {
          case NONE -> AbstractSerialConnection.NO_PARITY;
          case EVEN -> AbstractSerialConnection.EVEN_PARITY;
          case ODD -> AbstractSerialConnection.ODD_PARITY;
        });
    parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
    parameters.setEcho(false);
    return parameters;
  }
}
