package dev.parkedge.gateway.billing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stay to be priced: when the vehicle entered and left, and everything else a tariff may look at.
 * Build it with {@link #of(Instant, Instant)} and the {@code with} methods.
 *
 * @param entry when the vehicle entered
 * @param exit when it left (or leaves); not before entry
 * @param vehicleClass the vehicle class, or empty for the tariff's default class
 * @param lostTicket whether the ticket was lost
 * @param validations validation codes presented (cinema, shop, staff...)
 * @param earlierVisits the same vehicle's earlier visits, for caps across visits
 * @param paidAt when the stay was paid at a pay station, for the exit grace after payment
 * @param booking the booked period, for booking early/late grace
 */
public record Stay(
    Instant entry,
    Instant exit,
    Optional<String> vehicleClass,
    boolean lostTicket,
    List<String> validations,
    List<EarlierVisit> earlierVisits,
    Optional<Instant> paidAt,
    Optional<Booking> booking) {

  public Stay {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(exit, "exit");
    Objects.requireNonNull(vehicleClass, "vehicleClass");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(booking, "booking");
    if (exit.isBefore(entry)) {
      throw new IllegalArgumentException("exit " + exit + " is before entry " + entry);
    }
    if (paidAt.isPresent() && paidAt.get().isBefore(entry)) {
      throw new IllegalArgumentException("payment " + paidAt.get() + " is before entry " + entry);
    }
    validations = List.copyOf(validations);
    earlierVisits = List.copyOf(earlierVisits);
  }

  /**
   * Parses a time as stays are written: local to the site ({@code 2026-03-28T22:30}, seconds
   * optional) or with an offset ({@code 2026-03-28T21:30Z}, {@code 2026-03-28T22:30+01:00}). A
   * local time in the hour skipped in spring means the same time after the gap; one in the hour
   * repeated in autumn means its first occurrence (give an offset for the second).
   *
   * @throws DateTimeException when the text is neither
   */
  public static Instant parseInstant(String text, ZoneId zone) {
    String value = text.strip();
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notOffset) {
      return LocalDateTime.parse(value).atZone(zone).toInstant();
    }
  }

  /** A stay of the default class, ticket not lost, nothing else known. */
  public static Stay of(Instant entry, Instant exit) {
    return new Stay(
        entry,
        exit,
        Optional.empty(),
        false,
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  public Stay withVehicleClass(String vehicleClass) {
    return new Stay(
        entry,
        exit,
        Optional.of(vehicleClass),
        lostTicket,
        validations,
        earlierVisits,
        paidAt,
        booking);
  }

  public Stay withLostTicket(boolean lost) {
    return new Stay(entry, exit, vehicleClass, lost, validations, earlierVisits, paidAt, booking);
  }

  public Stay withValidations(List<String> codes) {
    return new Stay(entry, exit, vehicleClass, lostTicket, codes, earlierVisits, paidAt, booking);
  }

  public Stay withEarlierVisits(List<EarlierVisit> visits) {
    return new Stay(entry, exit, vehicleClass, lostTicket, validations, visits, paidAt, booking);
  }

  public Stay withPaymentAt(Instant paid) {
    return new Stay(
        entry,
        exit,
        vehicleClass,
        lostTicket,
        validations,
        earlierVisits,
        Optional.of(paid),
        booking);
  }

  public Stay withBooking(Booking booked) {
    return new Stay(
        entry,
        exit,
        vehicleClass,
        lostTicket,
        validations,
        earlierVisits,
        paidAt,
        Optional.of(booked));
  }

  /** An earlier visit of the same vehicle and what it was charged. */
  public record EarlierVisit(Instant entry, Instant exit, Money charged) {
    public EarlierVisit {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(exit, "exit");
      Objects.requireNonNull(charged, "charged");
      if (exit.isBefore(entry)) {
        throw new IllegalArgumentException("earlier visit exit " + exit + " is before its entry");
      }
    }
  }

  /** A booked period; the booking itself is paid separately. */
  public record Booking(Instant start, Instant end) {
    public Booking {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (end.isBefore(start)) {
        throw new IllegalArgumentException("booking end " + end + " is before its start " + start);
      }
    }
  }
}
