package dev.parkedge.gateway.testing;

import dev.parkedge.gateway.devices.Heard;
import dev.parkedge.gateway.sensing.FrameSink;
import dev.parkedge.proto.psp.FrameError;
import dev.parkedge.proto.psp.PspMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps everything it is handed, for any thread to look at. */
public final class RecordingFrameSink implements FrameSink {

  private final List<PspMessage> messages = new CopyOnWriteArrayList<>();
  private final List<FrameError> rejected = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private final List<Heard> heard = new CopyOnWriteArrayList<>();
  private final List<Long> joined = new CopyOnWriteArrayList<>();
  private final List<Long> statuses = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(String bus, PspMessage message, long receivedNanos) {
    threads.add(Thread.currentThread().getName());
    messages.add(message);
  }

  @Override
  public void onRejected(String bus, FrameError error, String detail) {
    rejected.add(error);
  }

  /** Records the report and calls it durable at once. */
  @Override
  public void onHeard(Heard report, Runnable durable) {
    threads.add(Thread.currentThread().getName());
    heard.add(report);
    durable.run();
  }

  @Override
  public void onJoined(String bus, long eui) {
    joined.add(eui);
  }

  @Override
  public void onLinkStatus(String bus, long eui, Integer batteryPercent, Integer marginDb) {
    statuses.add(eui);
  }

  /** The devices whose link status arrived, in order. */
  public List<Long> statuses() {
    return List.copyOf(statuses);
  }

  public List<Heard> heard() {
    return List.copyOf(heard);
  }

  public List<Long> joined() {
    return List.copyOf(joined);
  }

  public List<PspMessage> messages() {
    return List.copyOf(messages);
  }

  public List<FrameError> rejected() {
    return List.copyOf(rejected);
  }

  /** The names of the threads messages arrived on. */
  public List<String> threads() {
    return List.copyOf(threads);
  }
}
