package dev.parkedge.gateway.display.modbus;

import java.io.IOException;

/** Writes one holding register of one unit on a bus. Used by one thread; the seam for tests. */
interface RegisterWriter extends AutoCloseable {

  /**
   * Writes {@code value} into holding register {@code register} of {@code unit}, reconnecting first
   * if the link went away.
   *
   * @throws IOException naming what failed: the port, a timeout, or the unit's exception response
   */
  void write(int unit, int register, int value) throws IOException;

  @Override
  void close();
}
