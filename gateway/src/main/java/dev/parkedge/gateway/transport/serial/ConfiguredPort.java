package dev.parkedge.gateway.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.parkedge.gateway.config.SerialBusConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The jSerialComm port of one bus, opened with the bus's settings. One thread (the reader) opens,
 * reads and closes it; any thread may write. The lock keeps a write and a close from overlapping,
 * so a write never reaches a file descriptor that was closed (and perhaps reused) under it.
 */
final class ConfiguredPort {

  /** A read returns after this long without data, so the reader notices a close promptly. */
  static final int READ_TIMEOUT_MS = 100;

  /** A frame is at most about 260 bytes, 0.3 s at 9600 baud: a write that takes longer failed. */
  static final int WRITE_TIMEOUT_MS = 500;

  private static final byte[] DELIMITER = {0};

  private final SerialBusConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition opened = lock.newCondition();
  private volatile SerialPort port;

  ConfiguredPort(SerialBusConfig config) {
    this.config = config;
  }

  String path() {
    return config.port();
  }

  boolean isOpen() {
    return port != null;
  }

  /** Whether the device path is still there (a USB adapter's node goes away when unplugged). */
  boolean pathExists() {
    return Files.exists(Path.of(config.port()));
  }

  /**
   * Opens the port, then writes one frame delimiter so that a device which saw half a frame before
   * the link dropped starts the next frame clean (PSP/1 ignores empty frames).
   */
  void open() throws IOException {
    if (!pathExists()) {
      throw new NoSuchFileException(config.port(), null, null);
    }
    SerialPort candidate;
    try {
      candidate = SerialPort.getCommPort(config.port());
    } catch (SerialPortInvalidPortException e) {
      throw new IOException(e.getMessage(), e);
    }
    candidate.setComPortParameters(
        config.baud(), config.dataBits(), stopBits(config.stopBits()), parity(config.parity()));
    candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    candidate.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
        READ_TIMEOUT_MS,
        WRITE_TIMEOUT_MS);
    if (!candidate.openPort(0)) {
      throw new IOException("open failed (errno " + candidate.getLastErrorCode() + ")");
    }
    candidate.writeBytes(DELIMITER, 1);
    lock.lock();
    try {
      port = candidate;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reads what is there, waiting up to the read timeout; 0 if nothing came, -1 on failure. */
  int read(byte[] buffer) {
    SerialPort current = port;
    return current == null ? -1 : current.readBytes(buffer, buffer.length);
  }

  /** The errno of the last failed native call, for the log. */
  int lastErrorCode() {
    SerialPort current = port;
    return current == null ? 0 : current.getLastErrorCode();
  }

  /** Writes a whole frame; false if the port is closed or the write failed or timed out. */
  boolean write(byte[] frame) {
    lock.lock();
    try {
      SerialPort current = port;
      return current != null && current.writeBytes(frame, frame.length) == frame.length;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeoutNanos} for the port to be open. */
  boolean awaitOpen(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (port == null && left > 0) {
        left = opened.awaitNanos(left);
      }
      return port != null;
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      SerialPort current = port;
      port = null;
      if (current != null) {
        current.closePort();
      }
    } finally {
      lock.unlock();
    }
  }

  private static int stopBits(int stopBits) {
    return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
  }

  private static int parity(SerialBusConfig.Parity parity) {
    return switch (parity) {
      case NONE -> SerialPort.NO_PARITY;
      case EVEN -> SerialPort.EVEN_PARITY;
      case ODD -> SerialPort.ODD_PARITY;
    };
  }
}
