package dev.parkedge.gateway.session.psp;

import dev.parkedge.gateway.config.ParkingConfig;
import dev.parkedge.gateway.display.PspLink;
import dev.parkedge.gateway.session.LaneGate;
import dev.parkedge.proto.psp.PspMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens barriers by PSP/1: a {@code Gate} command ({@code pulse_open}) to the lane's barrier
 * controller, sent again after {@code ack_timeout} until it answers with an {@code Ack} of that
 * seq, at most {@code attempts} times. Never blocks: sends and retries run on the {@code
 * lane-gates} thread.
 */
public final class PspLaneGate implements LaneGate, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PspLaneGate.class);

  private final Map<Integer, ParkingConfig.PspGate> byLane = new ConcurrentHashMap<>();
  private final Function<String, PspLink> links;
  private final ScheduledExecutorService timer;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger seq = new AtomicInteger();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private record Pending(ParkingConfig.PspGate gate, int seq, int attempt) {}

  /**
   * @param links the PSP link of each bus name
   */
  public PspLaneGate(Iterable<ParkingConfig.PspGate> gates, Function<String, PspLink> links) {
    gates.forEach(g -> byLane.put(g.lane(), g));
    this.links = links;
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "lane-gates");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  public boolean drives(int lane) {
    return byLane.containsKey(lane);
  }

  @Override
  public boolean pulseOpen(int lane) {
    ParkingConfig.PspGate gate = byLane.get(lane);
    if (gate == null) {
      return false;
    }
    int next = seq.updateAndGet(s -> (s + 1) & 0xffff);
    timer.execute(() -> send(new Pending(gate, next, 1)));
    return true;
  }

  private void send(Pending attempt) {
    ParkingConfig.PspGate gate = attempt.gate();
    pending.put(key(gate.device(), attempt.seq()), attempt);
    links
        .apply(gate.bus())
        .send(
            new PspMessage.Gate(
                gate.device(), attempt.seq(), gate.lane(), PspMessage.GateAction.PULSE_OPEN, 0));
    sent.incrementAndGet();
    timer.schedule(() -> retry(attempt), gate.ackTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void retry(Pending attempt) {
    long key = key(attempt.gate().device(), attempt.seq());
    if (pending.get(key) != attempt) {
      return; // acknowledged
    }
    if (attempt.attempt() >= attempt.gate().attempts()) {
      pending.remove(key);
      failed.incrementAndGet();
      log.warn(
          "lanes: barrier of lane {} ({}) did not acknowledge pulse_open after {} attempts",
          attempt.gate().lane(),
          attempt.gate().bus(),
          attempt.attempt());
      return;
    }
    send(new Pending(attempt.gate(), attempt.seq(), attempt.attempt() + 1));
  }

  /** An {@code Ack} heard on a bus: the gate command it answers is done. */
  public void onAck(PspMessage.Ack ack) {
    Pending done = pending.remove(key(ack.device(), ack.ackedSeq()));
    if (done != null) {
      acked.incrementAndGet();
      if (ack.status() != PspMessage.AckStatus.OK) {
        log.warn("lanes: barrier of lane {} answered {}", done.gate().lane(), ack.status());
      }
    }
  }

  private static long key(long device, int seq) {
    return device * 65_537L + seq;
  }

  /** Commands sent (with retries), acknowledged, and given up on. */
  public Map<String, Object> counters() {
    return Map.of(
        "gate_commands", sent.get(), "gate_acks", acked.get(), "gate_failures", failed.get());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
