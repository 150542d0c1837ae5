package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.lot.SiteLayout;
import dev.parkedge.gateway.lot.Space;
import dev.parkedge.proto.psp.PspCodec;
import dev.parkedge.proto.psp.PspMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated devices of the demo lot, speaking PSP/1 bytes on an {@link InMemoryBus}: cars
 * arrive and leave, every sensor sends a heartbeat now and then, some frames come through two radio
 * bridges (duplicates), a sensor goes silent, most of one zone's sensors go silent (its sign must
 * blank), an orphan sensor appears, and noise hits the line.
 */
final class SimulatedLot implements AutoCloseable {

  /** Simulated time steps. */
  private static final long STEP_MILLIS = 50;

  private final InMemoryBus bus;
  private final List<Space> spaces;
  private final Random random = new Random(42);
  private final boolean[] occupied;
  private final long[] nextHeartbeatMillis;
  private final Set<Integer> silent = new HashSet<>();
  private final Map<Long, Integer> seqs = new HashMap<>();
  private final AtomicLong framesSent = new AtomicLong();
  private final double eventsPerSecond;
  private final Thread thread;
  private final long heartbeatMillis;
  private volatile boolean running = true;
  private final List<String> happenings = new ArrayList<>();

  SimulatedLot(SiteLayout layout, InMemoryBus bus, double eventsPerSecond, long heartbeatMillis) {
    this.bus = bus;
    this.spaces = layout.spaces();
    this.eventsPerSecond = eventsPerSecond;
    this.heartbeatMillis = heartbeatMillis;
    this.occupied = new boolean[spaces.size()];
    this.nextHeartbeatMillis = new long[spaces.size()];
    this.thread = new Thread(this::run, "demo-devices");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  long framesSent() {
    return framesSent.get();
  }

  /** What the simulation did that a viewer should know, newest last. */
  synchronized List<String> happenings() {
    return List.copyOf(happenings);
  }

  private void run() {
    long start = System.currentTimeMillis();
    for (int i = 0; i < spaces.size(); i++) {
      occupied[i] = random.nextDouble() < 0.55;
      report(i);
      nextHeartbeatMillis[i] = random.nextInt((int) heartbeatMillis);
    }
    double carry = 0;
    long step = 0;
    while (running) {
      long elapsed = System.currentTimeMillis() - start;
      scripted(elapsed);
      carry += eventsPerSecond * STEP_MILLIS / 1000.0;
      while (carry >= 1) {
        carry--;
        carMoves(elapsed);
      }
      heartbeats(elapsed);
      if (step % 60 == 59) {
        noise();
      }
      step++;
      try {
        Thread.sleep(STEP_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void scripted(long elapsed) {
    if (elapsed >= 4000 && !said("orphan")) {
      happen("orphan", "an unpaired sensor 70b3d57ed1ff0001 starts reporting");
    }
    if (said("orphan") && elapsed % 3000 < STEP_MILLIS) {
      send(
          new PspMessage.Occupancy(
              DemoSite.ORPHAN, seq(DemoSite.ORPHAN), PspMessage.SpaceState.OCCUPIED, 3550, 12));
    }
    if (elapsed >= 6000 && !said("silent")) {
      silent.add(4);
      happen("silent", "sensor of " + spaces.get(4).id() + " goes silent");
    }
    if (elapsed >= 8000 && !said("zone")) {
      String zone = spaces.get(spaces.size() - 1).zoneId();
      int count = 0;
      for (int i = 0; i < spaces.size(); i++) {
        if (spaces.get(i).zoneId().equals(zone) && i % 4 != 0) {
          silent.add(i);
          count++;
        }
      }
      happen("zone", count + " sensors of zone " + zone + " go silent (its sign must blank)");
    }
  }

  private void carMoves(long elapsed) {
    int i = random.nextInt(spaces.size());
    if (silent.contains(i)) {
      return;
    }
    double target = 0.6 + 0.25 * Math.sin(elapsed / 20_000.0);
    boolean next = random.nextDouble() < target;
    if (next != occupied[i]) {
      occupied[i] = next;
      report(i);
    }
  }

  private void heartbeats(long elapsed) {
    for (int i = 0; i < spaces.size(); i++) {
      if (elapsed >= nextHeartbeatMillis[i] && !silent.contains(i)) {
        long eui = spaces.get(i).sensor().eui();
        send(
            new PspMessage.Heartbeat(
                eui, seq(eui), 3300 + random.nextInt(400), 8 + random.nextInt(10), 1, 4));
        nextHeartbeatMillis[i] = elapsed + heartbeatMillis;
      }
    }
  }

  private void report(int i) {
    long eui = spaces.get(i).sensor().eui();
    var state = occupied[i] ? PspMessage.SpaceState.OCCUPIED : PspMessage.SpaceState.FREE;
    var message = new PspMessage.Occupancy(eui, seq(eui), state, 3300 + i % 400, 14);
    if (i % 7 == 3) {
      send(new PspMessage.Radio(DemoSite.BRIDGE_1, seq(DemoSite.BRIDGE_1), -92, 28, message));
      send(new PspMessage.Radio(DemoSite.BRIDGE_2, seq(DemoSite.BRIDGE_2), -108, 6, message));
    } else {
      send(message);
    }
  }

  /** Sends a frame, sometimes split in two writes as a UART would deliver it. */
  private void send(PspMessage message) {
    byte[] frame = PspCodec.encodeFrame(message);
    if (random.nextInt(5) == 0) {
      int cut = 1 + random.nextInt(frame.length - 1);
      bus.deviceWrites(java.util.Arrays.copyOfRange(frame, 0, cut));
      bus.deviceWrites(java.util.Arrays.copyOfRange(frame, cut, frame.length));
    } else {
      bus.deviceWrites(frame);
    }
    framesSent.incrementAndGet();
  }

  private void noise() {
    byte[] noise = new byte[3 + random.nextInt(20)];
    random.nextBytes(noise);
    noise[noise.length - 1] = 0;
    bus.deviceWrites(noise);
  }

  private int seq(long eui) {
    return seqs.merge(eui, 1, (a, b) -> (a + b) & 0xFFFF);
  }

  private synchronized boolean said(String key) {
    return happenings.stream().anyMatch(h -> h.startsWith(key + ":"));
  }

  private synchronized void happen(String key, String what) {
    happenings.add(key + ":" + what);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
