package dev.parkedge.gateway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a .tar.gz of in-memory files (POSIX ustar: 512-byte headers, names up to 100 bytes), which
 * is all a support bundle needs; the JDK has gzip but no tar.
 */
final class TarGz implements AutoCloseable {

  private static final int BLOCK = 512;

  private final GZIPOutputStream out;
  private final long mtime;

  TarGz(OutputStream target, Instant at) throws IOException {
    this.out = new GZIPOutputStream(target);
    this.mtime = at.getEpochSecond();
  }

  /** Adds a regular file, mode 0600. */
  void add(String name, byte[] content) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      throw new IllegalArgumentException("tar entry name longer than 100 bytes: " + name);
    }
    byte[] header = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    octal(header, 100, 8, 0600);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, content.length);
    octal(header, 136, 12, mtime);
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = '0';
    byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    header[263] = '0';
    header[264] = '0';
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    header[155] = ' ';
    out.write(header);
    out.write(content);
    int pad = (BLOCK - content.length % BLOCK) % BLOCK;
    out.write(new byte[pad]);
  }

  void add(String name, String content) throws IOException {
    add(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code value} as zero-padded octal digits and a NUL, in {@code length} bytes. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
    byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, length - 1);
    header[offset + length - 1] = 0;
  }

  @Override
  public void close() throws IOException {
    out.write(new byte[BLOCK * 2]);
    out.close();
  }
}
