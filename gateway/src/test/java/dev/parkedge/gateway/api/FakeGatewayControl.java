package dev.parkedge.gateway.api;

import dev.parkedge.gateway.api.StatusView.BusView;
import dev.parkedge.gateway.api.StatusView.SignView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway for the API's tests: a small site held in memory, calls recorded, and a gate that can
 * hold every call to play a busy domain thread.
 */
public final class FakeGatewayControl implements GatewayControl {

  public static final String SINCE = "2026-11-21T08:15:00Z";

  private final Map<String, SpaceView> spaces = new LinkedHashMap<>();
  private final List<DeviceView> devices = new ArrayList<>();
  private final List<String> maintenanceCalls = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private ReloadOutcome reloadOutcome =
      new ReloadOutcome(true, List.of(), List.of("added space A-003", "removed sign S-OLD"));
  private volatile CountDownLatch gate = new CountDownLatch(0);

  /** Three spaces on two levels (one without a sensor) and their two sensors. */
  public static FakeGatewayControl smallSite() {
    FakeGatewayControl gateway = new FakeGatewayControl();
    gateway.addSpace(new SpaceView("A-001", "L0", "A", "free", SINCE, "70b3d57ed0001001"));
    gateway.addSpace(new SpaceView("A-002", "L0", "A", "occupied", SINCE, "70b3d57ed0001002"));
    gateway.addSpace(new SpaceView("B-001", "L1", "B", "unknown", SINCE, null));
    gateway.devices.add(device(1, "ok", "ok", 3600));
    gateway.devices.add(device(2, "degraded", "battery 2900 mV below 3000 mV", 2900));
    return gateway;
  }

  /** A site with this many sensors, as a 5,000-space car park has. */
  public static FakeGatewayControl withDevices(int count) {
    FakeGatewayControl gateway = smallSite();
    gateway.devices.clear();
    for (int i = 1; i <= count; i++) {
      gateway.devices.add(device(i, "ok", "ok", 3600));
    }
    return gateway;
  }

  public static DeviceView device(int n, String health, String reason, Integer batteryMv) {
    return new DeviceView(
        String.format(Locale.ROOT, "70b3d57ed%07x", 0x1000 + n),
        "sensor",
        "bus1",
        String.format(Locale.ROOT, "A-%03d", n),
        "A",
        "2026-11-01T00:00:00Z",
        "2026-11-21T09:59:30Z",
        1200,
        3,
        1,
        batteryMv,
        21,
        -87,
        7.5,
        "1.4.2",
        0.25,
        health,
        reason,
        null,
        null);
  }

  public synchronized void addSpace(SpaceView space) {
    spaces.put(space.id(), space);
  }

  public synchronized void refuseNextReload(String... problems) {
    reloadOutcome = new ReloadOutcome(false, List.of(problems), List.of());
  }

  /** Every call waits until the returned latch is counted down: a busy domain thread. */
  public CountDownLatch holdCalls() {
    CountDownLatch held = new CountDownLatch(1);
    gate = held;
    return held;
  }

  public synchronized List<String> maintenanceCalls() {
    return List.copyOf(maintenanceCalls);
  }

  @Override
  public StatusView status() {
    waitAtGate();
    synchronized (this) {
      return new StatusView(
          "Central Car Park",
          "0.1.0",
          "2026-11-18T06:00:00Z",
          273_906,
          Map.of("free", 1L, "occupied", 1L, "reserved", 0L, "maintenance", 0L, "unknown", 1L),
          Map.of("ok", 1L, "degraded", 1L, "stale", 0L, "orphan", 0L),
          List.of(
              new BusView(
                  "bus1",
                  "/dev/ttyUSB0",
                  "psp1",
                  true,
                  48_213,
                  Map.of("bad_crc", 3L, "bad_cobs", 1L),
                  Map.of())),
          List.of(new SignView("S-ENTRY", List.of("A", "B"), "1", "green")),
          48_170,
          "ok",
          0.8,
          List.of("space B-001: no sensor"),
          true,
          new StatusView.OperationsView(
              "/var/lib/parkedge",
              12_884_901_888L,
              31_138_512_896L,
              47_185_920L,
              "2026-11-21T03:00:00Z",
              "auto-20261121T030000Z.db",
              new StatusView.SyncView(false, null, null),
              true,
              "fed every 10 s",
              List.of()));
    }
  }

  @Override
  public List<SpaceView> spaces() {
    waitAtGate();
    synchronized (this) {
      return List.copyOf(spaces.values());
    }
  }

  @Override
  public List<DeviceView> devices() {
    waitAtGate();
    synchronized (this) {
      return List.copyOf(devices);
    }
  }

  @Override
  public SpaceView setMaintenance(String spaceId, boolean on) {
    waitAtGate();
    synchronized (this) {
      SpaceView space = spaces.get(spaceId);
      if (space == null) {
        throw new IllegalArgumentException("no space \"" + spaceId + "\"");
      }
      maintenanceCalls.add(spaceId + (on ? " on" : " off"));
      SpaceView updated =
          new SpaceView(
              space.id(),
              space.level(),
              space.zone(),
              on ? "maintenance" : "unknown",
              "2026-11-21T10:00:00Z",
              space.sensor());
      spaces.put(spaceId, updated);
      return updated;
    }
  }

  @Override
  public LogLevelView logLevel(String logger, String level) {
    return new LogLevelView(logger == null ? "root" : logger, level == null ? "info" : level);
  }

  @Override
  public ReloadOutcome reload() {
    waitAtGate();
    synchronized (this) {
      return reloadOutcome;
    }
  }

  private volatile String refuseNotes;

  /** Notes are refused with this reason (storage failing), as the real gateway does. */
  public void refuseNotes(String reason) {
    refuseNotes = reason;
  }

  @Override
  public long note(String key, String text) {
    waitAtGate();
    if (refuseNotes != null) {
      throw new DurableWriteRefused("refused, nothing recorded: " + refuseNotes);
    }
    synchronized (this) {
      notes.add(key + ": " + text);
      return 48_170L + notes.size();
    }
  }

  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  private void waitAtGate() {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("fake gateway: held for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("fake gateway: interrupted", e);
    }
  }
}
