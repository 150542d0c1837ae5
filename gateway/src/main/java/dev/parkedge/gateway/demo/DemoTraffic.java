package dev.parkedge.gateway.demo;

import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.parking.Parking;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.proto.psp.PspMessage.ScanKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo garage's day at its lanes, kiosk and pay station, in simulated time, through the same
 * {@link ParkingApi} the CoAP API serves: two bookings at the kiosk (one driver checks in by plate
 * and stays past the booking's end until enforcement raises an overstay, the other never comes and
 * becomes a no-show), and drive-ins that take a ticket at the entry lane, pay at the pay station
 * (one pays an attendant in cash), and leave through the exit lane.
 */
final class DemoTraffic implements AutoCloseable {

  /** The demo's day runs from here to {@link #DAY_END}, site time. */
  static final LocalTime DAY_START = LocalTime.of(7, 0);

  static final LocalTime DAY_END = LocalTime.of(19, 0);

  private static final int DRIVE_INS = 14;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final ParkingApi api;
  private final DemoTime time;
  private final ZoneId zone;
  private final LocalDate day;
  private final Thread thread;
  private final List<Step> steps = new ArrayList<>();
  private final Deque<String> recent = new ArrayDeque<>();
  private volatile boolean running = true;
  private int entries;
  private int exits;
  private int payments;
  private int refusals;

  /** One thing a driver does at a moment of the day. */
  private record Step(Instant at, String what, Action action) {}

  @FunctionalInterface
  private interface Action {
    /** Does it; false to try again a little later (e.g. waiting for a violation). */
    boolean run() throws Exception;
  }

  DemoTraffic(ParkingApi api, DemoTime time, ZoneId zone) {
    this.api = api;
    this.time = time;
    this.zone = zone;
    this.day = LocalDate.ofInstant(time.instant(), zone);
    this.thread = new Thread(this::run, "demo-traffic");
    this.thread.setDaemon(true);
    plan();
  }

  LocalDate day() {
    return day;
  }

  void start() {
    thread.start();
  }

  /** The newest few things that happened, oldest first. */
  synchronized List<String> recent() {
    return List.copyOf(recent);
  }

  synchronized String counts() {
    return entries
        + " in, "
        + exits
        + " out, "
        + payments
        + " paid"
        + (refusals > 0 ? ", " + refusals + " refused" : "");
  }

  private Instant at(int hour, int minute) {
    return day.atTime(hour, minute).atZone(zone).toInstant();
  }

  private void plan() {
    book("kiosk-1", "B-PE 2001", at(9, 0), at(11, 0));
    book("kiosk-2", "B-PE 2002", at(10, 0), at(12, 0));
    overstayer("B-PE 2001", at(8, 55));
    Random random = new Random(8);
    for (int i = 0; i < DRIVE_INS; i++) {
      String ticket = "T" + (1001 + i);
      Instant in = at(7, 10).plus(Duration.ofMinutes(40L * i + random.nextInt(20)));
      Instant out = in.plus(Duration.ofMinutes(25 + random.nextInt(220)));
      if (out.isAfter(at(18, 30))) {
        out = at(18, 30);
      }
      driveIn(ticket, in, out, i == 3 ? PaymentMethod.CASH : PaymentMethod.PAY_STATION);
    }
    steps.sort(Comparator.comparing(Step::at));
  }

  private void book(String key, String plate, Instant start, Instant end) {
    steps.add(
        new Step(
            at(7, 0),
            "book",
            () -> {
              Map<String, Object> r =
                  call(
                      api.createReservation(
                          new ReservationRequest(
                              key,
                              key,
                              "kiosk",
                              null,
                              null,
                              Set.of(),
                              start,
                              end,
                              plate,
                              PaymentMethod.KIOSK,
                              null)));
              said(
                  "kiosk: "
                      + plate
                      + " books "
                      + local(start)
                      + "-"
                      + local(end)
                      + " ("
                      + r.get("id")
                      + ", space "
                      + r.get("space")
                      + ", "
                      + money(r.get("price"))
                      + ")");
              return true;
            }));
  }

  /** Checks in by plate, stays until enforcement raises an overstay, then pays and leaves. */
  private void overstayer(String plate, Instant arrives) {
    String[] session = new String[1];
    steps.add(
        new Step(
            arrives,
            "check in",
            () -> {
              Map<String, Object> d = call(api.scan(DemoParking.ENTRY, ScanKind.PLATE, plate));
              session[0] = (String) d.get("session");
              entered(plate + " checks in at the entry lane by plate", d);
              return true;
            }));
    steps.add(
        new Step(
            at(11, 0),
            "overstay",
            () -> {
              if (session[0] == null) {
                return true;
              }
              boolean raised =
                  ((List<?>) callList(api.violations()))
                      .stream()
                          .map(v -> (Map<?, ?>) v)
                          .anyMatch(v -> session[0].equals(v.get("ref")));
              if (!raised && time.instant().isBefore(at(18, 45))) {
                return false;
              }
              leave(plate, session[0], ScanKind.PLATE, plate, PaymentMethod.PAY_STATION);
              return true;
            }));
  }

  private void driveIn(String ticket, Instant in, Instant out, PaymentMethod method) {
    String[] session = new String[1];
    steps.add(
        new Step(
            in,
            "drive in",
            () -> {
              Map<String, Object> d = call(api.scan(DemoParking.ENTRY, ScanKind.TICKET, ticket));
              session[0] = (String) d.get("session");
              entered("ticket " + ticket + " drives in", d);
              return true;
            }));
    steps.add(
        new Step(
            out,
            "leave",
            () -> {
              if (session[0] != null) {
                leave("ticket " + ticket, session[0], ScanKind.TICKET, ticket, method);
              }
              return true;
            }));
  }

  private void entered(String who, Map<String, Object> decision) {
    if (Boolean.TRUE.equals(decision.get("open"))) {
      synchronized (this) {
        entries++;
      }
      said(who + " (" + decision.get("session") + ")");
    } else {
      refused(who + ": gate stays shut, " + decision.get("reason"));
    }
  }

  /** Pays what the pay station quotes, then leaves through the exit lane. */
  private void leave(String who, String session, ScanKind kind, String text, PaymentMethod method)
      throws Exception {
    Map<String, Object> quote = call(api.quote(session, false));
    long due = ((Number) quote.get("due")).longValue();
    if (due > 0) {
      call(
          api.pay(
              new Parking.Payment(
                  "pay-" + session, "pay-" + session, session, due, method, null, false)));
      synchronized (this) {
        payments++;
      }
    }
    Map<String, Object> d = call(api.scan(DemoParking.EXIT, kind, text));
    if (Boolean.TRUE.equals(d.get("open"))) {
      synchronized (this) {
        exits++;
      }
      said(
          who
              + " pays "
              + money(due)
              + (method == PaymentMethod.CASH ? " in cash" : " at the pay station")
              + " and leaves");
    } else {
      refused(who + ": exit stays shut, " + d.get("reason"));
    }
  }

  private void run() {
    int next = 0;
    while (running && next < steps.size()) {
      Step step = steps.get(next);
      if (time.instant().isBefore(step.at())) {
        pause();
        continue;
      }
      try {
        if (step.action().run()) {
          next++;
        } else {
          // not yet: let the steps after it go first, and come back to it
          steps.add(new Step(time.instant().plusSeconds(60), step.what(), step.action()));
          steps.remove(next);
          steps.subList(next, steps.size()).sort(Comparator.comparing(Step::at));
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        refused(step.what() + " failed: " + reason(e));
        next++;
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      running = false;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(CompletableFuture<Object> future) throws Exception {
    return (Map<String, Object>) callList(future);
  }

  private static Object callList(CompletableFuture<Object> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String reason(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getMessage();
  }

  private String local(Instant instant) {
    return LocalTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  private String money(Object minor) {
    Currency currency = api.currency();
    return Money.ofMinor(((Number) minor).longValue(), currency).toString();
  }

  private synchronized void refused(String what) {
    refusals++;
    said(what);
  }

  private synchronized void said(String what) {
    recent.addLast(local(time.instant()) + " " + what);
    while (recent.size() > 4) {
      recent.removeFirst();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
