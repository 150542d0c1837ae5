package dev.parkedge.gateway.api;

import dev.parkedge.gateway.ledger.PaymentMethod;
import dev.parkedge.gateway.lot.SpaceKind;
import dev.parkedge.gateway.parking.Parking;
import dev.parkedge.gateway.reservation.Reservation;
import dev.parkedge.gateway.reservation.ReservationRequest;
import dev.parkedge.gateway.session.Session;
import dev.parkedge.proto.psp.PspMessage.ScanKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the lane and kiosk API asks of the money-and-access side (issue 6). Each call answers a
 * JSON-ready view (maps and lists with snake_case keys, gateway/API.md) once what it changed is
 * durably committed; a refused request completes exceptionally with a {@link
 * dev.parkedge.gateway.parking.Refusal} and changed nothing.
 */
public interface ParkingApi {

  ApiKeys keys();

  /** The site's currency: every amount is in its minor unit. */
  Currency currency();

  CompletableFuture<Object> createReservation(ReservationRequest request);

  CompletableFuture<Object> cancelReservation(String id, String key);

  CompletableFuture<Object> reservation(String id);

  CompletableFuture<Object> reservations(
      Instant from, Instant to, Reservation.Status status, int limit);

  CompletableFuture<Object> availability(
      Instant start, Instant end, String zone, Set<SpaceKind> kinds, int limit);

  CompletableFuture<Object> scan(int lane, ScanKind kind, String text);

  CompletableFuture<Object> loop(int lane, boolean present);

  CompletableFuture<Object> openGate(int lane, String operator, String reason, String session);

  CompletableFuture<Object> sessions(Instant from, Instant to, Session.Status status, int limit);

  CompletableFuture<Object> session(String id);

  CompletableFuture<Object> quote(String sessionId, boolean lostTicket);

  CompletableFuture<Object> pay(Parking.Payment payment);

  CompletableFuture<Object> topUp(
      String key, String fingerprint, String wallet, long amount, PaymentMethod method);

  CompletableFuture<Object> refund(
      String key, String fingerprint, String paymentId, long amount, String reason);

  CompletableFuture<Object> wallet(String id);

  CompletableFuture<Object> dayReport(LocalDate date);

  CompletableFuture<Object> violations();
}
