package dev.parkedge.proto.psp;

/**
 * Splits a byte stream into PSP/1 frames and decodes them. Feed it chunks exactly as a serial port
 * delivers them: a frame split across reads, several frames in one read, noise between frames.
 *
 * <p>Each delimited frame ends in exactly one call to the {@link Listener}: a message, or an error
 * (counted per {@link FrameError}). Empty frames (two delimiters in a row) are ignored. Noise never
 * throws, and the deframer resynchronises at the next delimiter, so it never costs the next good
 * frame. Decoding a good frame allocates only the message record. Not thread-safe: one deframer per
 * byte stream.
 */
public final class PspDeframer {

  /** Receives what the deframer finds. Called on the thread that calls {@link #feed}. */
  public interface Listener {

    void onMessage(PspMessage message);

    /**
     * A frame that was rejected and skipped.
     *
     * @param detail what exactly was wrong, e.g. {@code packet carries CRC 0x5c6c, computed 0x5c6b}
     */
    void onError(FrameError error, String detail);
  }

  private final Listener listener;
  private final PacketReader reader = new PacketReader();
  private final byte[] frame = new byte[Psp.MAX_ENCODED_LENGTH];
  private final long[] errors = new long[FrameError.values().length];
  private int length;
  private boolean overflowed;
  private long messages;

  public PspDeframer(Listener listener) {
    this.listener = listener;
  }

  /** Feeds {@code count} bytes of {@code data} from {@code offset}. */
  public void feed(byte[] data, int offset, int count) {
    int end = offset + count;
    int start = offset;
    for (int i = offset; i < end; i++) {
      if (data[i] == Psp.DELIMITER) {
        append(data, start, i - start);
        endFrame();
        start = i + 1;
      }
    }
    append(data, start, end - start);
  }

  /** Feeds a whole array. */
  public void feed(byte[] data) {
    feed(data, 0, data.length);
  }

  /** Good frames decoded so far. */
  public long messages() {
    return messages;
  }

  /** Frames rejected so far with this error. */
  public long errors(FrameError error) {
    return errors[error.ordinal()];
  }

  /** Whether a partial frame is waiting for more bytes. */
  public boolean hasPartialFrame() {
    return length > 0 || overflowed;
  }

  private void append(byte[] data, int from, int count) {
    int room = frame.length - length;
    if (count > room) {
      overflowed = true;
      count = room;
    }
    System.arraycopy(data, from, frame, length, count);
    length += count;
  }

  private void endFrame() {
    if (overflowed) {
      reject(
          FrameError.BAD_LENGTH,
          "frame is longer than the " + Psp.MAX_ENCODED_LENGTH + "-byte maximum");
    } else if (length > 0) {
      decodeFrame();
    }
    length = 0;
    overflowed = false;
  }

  private void decodeFrame() {
    int packetLength = Cobs.decode(frame, 0, length, frame, 0);
    if (packetLength == Cobs.INVALID) {
      reject(FrameError.BAD_COBS, "a COBS code byte points past the end of the frame");
      return;
    }
    PspMessage message = reader.read(frame, 0, packetLength);
    if (message == null) {
      reject(reader.error(), reader.detail());
      return;
    }
    messages++;
    listener.onMessage(message);
  }

  private void reject(FrameError error, String detail) {
    errors[error.ordinal()]++;
    listener.onError(error, detail);
  }
}
