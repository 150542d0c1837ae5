package dev.parkedge.proto.psp;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Deframe + COBS + CRC + decode of occupancy frames from a byte stream, fed in chunks the size of
 * serial reads. One operation is one frame. Run it as the firmware-proto README says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DeframeBenchmark {

  static final int FRAMES = 1024;

  /** Bytes handed to the deframer per call, as one serial read would deliver them. */
  @Param({"64", "4096"})
  int chunk;

  private byte[] stream;
  private PspDeframer deframer;

  @Setup
  public void setUp(Blackhole blackhole) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < FRAMES; i++) {
      var state = i % 3 == 0 ? PspMessage.SpaceState.FREE : PspMessage.SpaceState.OCCUPIED;
      out.writeBytes(
          PspCodec.encodeFrame(
              new PspMessage.Occupancy(0x70b3d57ed0001000L + i, i, state, 3000 + i, i % 40)));
    }
    stream = out.toByteArray();
    deframer =
        new PspDeframer(
            new PspDeframer.Listener() {
              @Override
              public void onMessage(PspMessage message) {
                blackhole.consume(message);
              }

              @Override
              public void onError(FrameError error, String detail) {
                throw new AssertionError(detail);
              }
            });
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void deframe_and_decode_occupancy_frames() {
    for (int offset = 0; offset < stream.length; offset += chunk) {
      deframer.feed(stream, offset, Math.min(chunk, stream.length - offset));
    }
  }
}
