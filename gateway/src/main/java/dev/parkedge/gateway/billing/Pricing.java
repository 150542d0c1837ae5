package dev.parkedge.gateway.billing;

import dev.parkedge.gateway.billing.TraceLine.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Prices one stay on one tariff, step by step, each step writing its trace lines:
 *
 * <ol>
 *   <li>a lost ticket whose fee replaces the stay's fee ends it there;
 *   <li>a booked stay is charged only for its overstay beyond the early/late grace;
 *   <li>turnaround grace and free pick-up / drop-off windows make a short stay free;
 *   <li>exit grace after payment ends the charged time at the payment;
 *   <li>continuous grace and free-time validations shorten the charged time;
 *   <li>each eligible product meters the charged time, applies its caps and minimum, and one is
 *       chosen (the cheapest, or the first in file order);
 *   <li>a lost-ticket fee that adds or sets a floor;
 *   <li>percentage, then fixed discounts (never below zero);
 *   <li>tax.
 * </ol>
 *
 * With several validations, every combination the stacking rules allow is priced and the driver
 * gets the cheapest.
 */
final class Pricing {

  private final Tariff tariff;
  private final Currency currency;
  private final TariffSettings settings;
  private final SiteTime time;
  private final Meter meter;
  private final Caps caps;
  private final Eligibility eligibility;

  Pricing(Tariff tariff) {
    this.tariff = tariff;
    this.currency = tariff.currency();
    this.settings = tariff.settings();
    this.time = new SiteTime(tariff.zone());
    this.meter = new Meter(time, settings);
    this.caps = new Caps(time, settings);
    this.eligibility = new Eligibility(time, tariff.holidays(), settings.holidaysMatchWeekday());
  }

  /** The outcome of one way of pricing the stay (one combination of validations). */
  private record Outcome(long amount, String product, List<TraceLine> trace) {}

  /** A stretch of charged time and the times its products' windows are judged by. */
  private record Interval(long start, long end, long entry, long exit, String label) {}

  Quote quote(Stay stay) {
    String vehicleClass = stay.vehicleClass().orElse(settings.defaultClass());
    if (!tariff.classes().contains(vehicleClass)) {
      throw new IllegalArgumentException(
          "unknown vehicle class \""
              + vehicleClass
              + "\" (known: "
              + String.join(", ", tariff.classes())
              + ")");
    }
    List<Validation> given = validations(stay);
    for (Stay.EarlierVisit visit : stay.earlierVisits()) {
      if (!visit.charged().currency().equals(currency)) {
        throw new IllegalArgumentException(
            "an earlier visit was charged in " + visit.charged().currency() + ", not " + currency);
      }
    }
    Outcome best = null;
    List<Validation> bestSet = List.of();
    for (List<Validation> candidate : combinations(given)) {
      Outcome outcome = price(stay, vehicleClass, candidate);
      if (best == null || outcome.amount() < best.amount()) {
        best = outcome;
        bestSet = candidate;
      }
    }
    List<TraceLine> trace = new ArrayList<>(best.trace());
    for (Validation unused : given) {
      if (!bestSet.contains(unused)) {
        trace.add(
            TraceLine.note(
                Kind.DISCOUNT,
                "validation "
                    + unused.code()
                    + " not applied: it does not stack, and the fee is lower without it"));
      }
    }
    return withTax(best.amount(), best.product(), trace);
  }

  private List<Validation> validations(Stay stay) {
    List<Validation> given = new ArrayList<>();
    for (String code : new LinkedHashSet<>(stay.validations())) {
      given.add(
          tariff
              .validation(code)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown validation \""
                              + code
                              + "\" (known: "
                              + String.join(
                                  ", ",
                                  tariff.validations().stream().map(Validation::code).toList())
                              + ")")));
    }
    return given;
  }

  /** All stackable validations together, and each one that does not stack alone. */
  private static List<List<Validation>> combinations(List<Validation> given) {
    List<Validation> stackable = given.stream().filter(Validation::stackable).toList();
    List<List<Validation>> combinations = new ArrayList<>();
    combinations.add(stackable);
    for (Validation alone : given) {
      if (!alone.stackable()) {
        combinations.add(List.of(alone));
      }
    }
    return combinations;
  }

  private Outcome price(Stay stay, String vehicleClass, List<Validation> validations) {
    List<TraceLine> trace = new ArrayList<>();
    long entry = stay.entry().getEpochSecond();
    long exit = stay.exit().getEpochSecond();
    Optional<LostTicket> lost = stay.lostTicket() ? tariff.lostTicket() : Optional.empty();
    if (stay.lostTicket() && lost.isEmpty()) {
      trace.add(TraceLine.note(Kind.NOTE, "ticket lost, but the tariff has no lost-ticket fee"));
    }
    if (lost.isPresent() && lost.get().mode() == LostTicket.Mode.REPLACES) {
      trace.add(
          new TraceLine(
              Kind.LOST_TICKET,
              "lost ticket: the fee replaces the stay's fee",
              lost.get().feeMinor()));
      return new Outcome(lost.get().feeMinor(), "lost_ticket", trace);
    }
    List<Interval> intervals = intervals(stay, entry, exit, trace);
    if (intervals.isEmpty()) {
      return new Outcome(0, "none", trace);
    }
    shorten(intervals, validations, trace);
    long amount = 0;
    List<String> products = new ArrayList<>();
    for (Interval interval : intervals) {
      ProductChoice choice = choose(interval, vehicleClass, stay.earlierVisits());
      render(choice, interval, trace);
      amount += choice.chosen().amount();
      if (!products.contains(choice.chosen().product().id())) {
        products.add(choice.chosen().product().id());
      }
    }
    if (lost.isPresent()) {
      amount = lostTicket(lost.get(), amount, trace);
    }
    amount = discounts(validations, amount, trace);
    if (settings.minimumCharge() == TariffSettings.MinimumCharge.AFTER_DISCOUNTS && amount > 0) {
      amount = minimumAfterDiscounts(products, amount, trace);
    }
    return new Outcome(amount, String.join("+", products), trace);
  }

  /** The stretches to charge, after booking, turnaround, pick-up and exit grace. */
  private List<Interval> intervals(Stay stay, long entry, long exit, List<TraceLine> trace) {
    List<Interval> intervals = new ArrayList<>();
    Grace grace = tariff.grace();
    if (stay.booking().isPresent()) {
      booking(stay.booking().get(), entry, exit, intervals, trace);
      return intervals;
    }
    long length = exit - entry;
    long turnaround = grace.turnaround().getSeconds();
    if (turnaround > 0 && length <= turnaround) {
      trace.add(
          TraceLine.note(
              Kind.GRACE,
              "turnaround grace: a stay of "
                  + SiteTime.duration(length)
                  + " (at most "
                  + SiteTime.duration(turnaround)
                  + ") is free"));
      return intervals;
    }
    for (PickupWindow window : tariff.pickupWindows()) {
      if (inPickupWindow(window, entry, exit)) {
        trace.add(
            TraceLine.note(
                Kind.GRACE,
                "free pick-up / drop-off: "
                    + SiteTime.duration(length)
                    + " within "
                    + SiteTime.clock(window.fromMinute())
                    + "–"
                    + SiteTime.clock(window.toMinute())
                    + " (at most "
                    + SiteTime.duration(window.max().getSeconds())
                    + ")"));
        return intervals;
      }
    }
    long end = exit;
    if (stay.paidAt().isPresent()) {
      long paid = stay.paidAt().get().getEpochSecond();
      long exitGrace = grace.exitAfterPayment().getSeconds();
      if (exit <= paid + exitGrace) {
        end = Math.min(paid, exit);
        trace.add(
            TraceLine.note(
                Kind.GRACE,
                "exit grace after payment: paid "
                    + time.format(paid)
                    + ", left within "
                    + SiteTime.duration(exitGrace)
                    + "; charged until the payment"));
      } else {
        trace.add(
            TraceLine.note(
                Kind.NOTE,
                "paid "
                    + time.format(paid)
                    + " but left more than "
                    + SiteTime.duration(exitGrace)
                    + " later; the whole stay is charged"));
      }
    }
    intervals.add(new Interval(entry, end, entry, exit, ""));
    return intervals;
  }

  private void booking(
      Stay.Booking booking,
      long entry,
      long exit,
      List<Interval> intervals,
      List<TraceLine> trace) {
    long start = booking.start().getEpochSecond();
    long end = booking.end().getEpochSecond();
    long early = tariff.grace().bookingEarly().getSeconds();
    long late = tariff.grace().bookingLate().getSeconds();
    boolean fromGrace = settings.bookingOverstayFrom() == TariffSettings.OverstayFrom.GRACE_END;
    trace.add(
        TraceLine.note(
            Kind.GRACE,
            "booked "
                + time.span(start, end)
                + " (paid with the booking); early grace "
                + SiteTime.duration(early)
                + ", late grace "
                + SiteTime.duration(late)));
    if (entry < start - early) {
      long until = fromGrace ? start - early : start;
      intervals.add(new Interval(entry, until, entry, until, "early arrival: "));
    }
    if (exit > end + late) {
      long from = Math.max(fromGrace ? end + late : end, entry);
      intervals.add(new Interval(from, exit, from, exit, "overstay: "));
    }
    if (intervals.isEmpty()) {
      trace.add(
          TraceLine.note(Kind.GRACE, "within the booking and its grace: nothing more to pay"));
    }
  }

  private boolean inPickupWindow(PickupWindow window, long entry, long exit) {
    if (exit - entry > window.max().getSeconds()) {
      return false;
    }
    LocalDateTime in = time.local(entry);
    LocalDate day = in.toLocalDate();
    if (!window.days().isEmpty() && !eligibility.matchesDay(window.days(), day)) {
      return false;
    }
    long from = time.epoch(day, window.fromMinute());
    long to = time.epoch(day, window.toMinute());
    return entry >= from && exit <= to;
  }

  /** Continuous grace and free-time validations come off the first stretch. */
  private void shorten(
      List<Interval> intervals, List<Validation> validations, List<TraceLine> trace) {
    long off = tariff.grace().continuous().getSeconds();
    if (off > 0) {
      trace.add(
          TraceLine.note(
              Kind.GRACE, "continuous grace: " + SiteTime.duration(off) + " off every stay"));
    }
    for (Validation validation : validations) {
      if (validation.kind() == Validation.Kind.FREE_TIME) {
        long free = validation.freeTime().getSeconds();
        off += free;
        trace.add(
            TraceLine.note(
                Kind.DISCOUNT,
                "validation " + validation.code() + ": " + SiteTime.duration(free) + " free"));
      }
    }
    Interval first = intervals.get(0);
    long start = first.start();
    long end = first.end();
    if (off > 0) {
      if (settings.continuousGraceFrom() == TariffSettings.GraceFrom.START) {
        start = Math.min(end, start + off);
      } else {
        end = Math.max(start, end - off);
      }
    }
    if (settings.seconds() == TariffSettings.Seconds.IGNORE) {
      end = start + (end - start) / 60 * 60;
    }
    intervals.set(0, new Interval(start, end, first.entry(), first.exit(), first.label()));
    for (int i = 1;
        i < intervals.size() && settings.seconds() == TariffSettings.Seconds.IGNORE;
        i++) {
      Interval next = intervals.get(i);
      long cut = next.start() + (next.end() - next.start()) / 60 * 60;
      intervals.set(i, new Interval(next.start(), cut, next.entry(), next.exit(), next.label()));
    }
  }

  /** Every product of the class, eligible or not (and why), and the one chosen. */
  private record ProductChoice(
      ProductPrice chosen, List<ProductPrice> others, List<String> notEligible, int eligible) {}

  private ProductChoice choose(
      Interval interval, String vehicleClass, List<Stay.EarlierVisit> visits) {
    boolean priority = settings.productChoice() == TariffSettings.ProductChoice.PRIORITY;
    ProductPrice chosen = null;
    List<ProductPrice> others = new ArrayList<>();
    List<String> notEligible = new ArrayList<>();
    int eligible = 0;
    for (Product product : tariff.products()) {
      if (!product.isFor(vehicleClass)) {
        continue;
      }
      Optional<String> why =
          eligibility.whyNot(product.window(), interval.entry(), interval.exit());
      if (why.isPresent()) {
        notEligible.add("product " + product.id() + " not eligible: " + why.get());
        continue;
      }
      eligible++;
      if (priority && chosen != null) {
        notEligible.add(
            "product "
                + product.id()
                + " not considered: "
                + chosen.product().id()
                + " comes first");
        continue;
      }
      ProductPrice price = price(product, interval, visits);
      if (chosen == null || (!priority && price.amount() < chosen.amount())) {
        if (chosen != null) {
          others.add(chosen);
        }
        chosen = price;
      } else {
        others.add(price);
      }
    }
    return new ProductChoice(chosen, others, notEligible, eligible);
  }

  private ProductPrice price(Product product, Interval interval, List<Stay.EarlierVisit> visits) {
    List<ProductPrice.CapHit> hits = new ArrayList<>();
    Charges charges = meter.meter(product.price(), interval.start(), interval.end(), hits);
    for (Cap cap : product.caps()) {
      caps.apply(cap, charges, interval.start(), visits, hits);
    }
    long amount = charges.total();
    long minimum = 0;
    if (settings.minimumCharge() == TariffSettings.MinimumCharge.BEFORE_DISCOUNTS
        && interval.end() > interval.start()
        && amount < product.minimumMinor()) {
      minimum = product.minimumMinor() - amount;
    }
    return new ProductPrice(product, amount + minimum, charges, hits, minimum);
  }

  private void render(ProductChoice choice, Interval interval, List<TraceLine> trace) {
    ProductPrice chosen = choice.chosen();
    String label = interval.label();
    String how =
        settings.productChoice() == TariffSettings.ProductChoice.PRIORITY
            ? "first eligible in priority order"
            : choice.eligible() == 1
                ? "the only eligible product"
                : "cheapest of " + choice.eligible() + " eligible";
    trace.add(
        TraceLine.note(
            Kind.PRODUCT,
            label
                + "product "
                + chosen.product().id()
                + " ("
                + how
                + "), charged "
                + time.span(interval.start(), interval.end())
                + " ("
                + SiteTime.duration(interval.end() - interval.start())
                + ")"));
    for (ProductPrice other : choice.others()) {
      trace.add(
          TraceLine.note(
              Kind.PRODUCT,
              label + "product " + other.product().id() + " would cost " + money(other.amount())));
    }
    for (String why : choice.notEligible()) {
      trace.add(TraceLine.note(Kind.PRODUCT, label + why));
    }
    Charges charges = chosen.charges();
    for (int g = 0; g < charges.groups; g++) {
      trace.add(new TraceLine(Kind.CHARGE, label + groupText(charges, g), charges.gross(g)));
    }
    for (ProductPrice.CapHit hit : chosen.capHits()) {
      String text =
          hit.text().replace("%s", money(hit.capMinor()))
              + (hit.from() == Charges.NO_TIME ? "" : " " + time.span(hit.from(), hit.to()))
              + (hit.earlierVisits() > 0
                  ? " (" + money(hit.earlierVisits()) + " paid on earlier visits)"
                  : "");
      trace.add(new TraceLine(Kind.CAP, label + text, -hit.reduction()));
    }
    if (chosen.minimumAdded() > 0) {
      trace.add(
          new TraceLine(
              Kind.MINIMUM,
              label + "minimum charge " + money(chosen.product().minimumMinor()),
              chosen.minimumAdded()));
    }
  }

  private String groupText(Charges charges, int g) {
    String text = charges.text(g).replace("%s", money(charges.unit(g)));
    if (charges.from(g) != Charges.NO_TIME) {
      text = text + " " + time.span(charges.from(g), charges.to(g));
    }
    if (charges.counted(g)) {
      return charges.count(g) + " × " + money(charges.unit(g)) + " " + text;
    }
    return text;
  }

  private long lostTicket(LostTicket lost, long amount, List<TraceLine> trace) {
    if (lost.mode() == LostTicket.Mode.ADDS) {
      trace.add(new TraceLine(Kind.LOST_TICKET, "lost ticket fee", lost.feeMinor()));
      return amount + lost.feeMinor();
    }
    if (amount < lost.feeMinor()) {
      trace.add(
          new TraceLine(
              Kind.LOST_TICKET,
              "lost ticket: at least " + money(lost.feeMinor()),
              lost.feeMinor() - amount));
      return lost.feeMinor();
    }
    trace.add(
        TraceLine.note(
            Kind.LOST_TICKET,
            "lost ticket: the stay's fee is at least the lost-ticket fee "
                + money(lost.feeMinor())));
    return amount;
  }

  private long discounts(List<Validation> validations, long amount, List<TraceLine> trace) {
    long left = amount;
    for (Validation validation : validations) {
      if (validation.kind() == Validation.Kind.PERCENT) {
        long off = Math.min(left, validation.percent().of(left, settings.rounding()));
        trace.add(
            new TraceLine(
                Kind.DISCOUNT,
                "validation " + validation.code() + ": " + validation.percent() + " off",
                -off));
        left -= off;
      }
    }
    for (Validation validation : validations) {
      if (validation.kind() == Validation.Kind.FIXED) {
        long off = Math.min(left, validation.offMinor());
        trace.add(
            new TraceLine(
                Kind.DISCOUNT,
                "validation "
                    + validation.code()
                    + ": "
                    + money(validation.offMinor())
                    + " off"
                    + (off < validation.offMinor() ? " (no more than the fee)" : ""),
                -off));
        left -= off;
      }
    }
    return left;
  }

  private long minimumAfterDiscounts(List<String> productIds, long amount, List<TraceLine> trace) {
    long minimum = 0;
    for (Product product : tariff.products()) {
      if (productIds.contains(product.id())) {
        minimum = Math.max(minimum, product.minimumMinor());
      }
    }
    if (amount >= minimum) {
      return amount;
    }
    trace.add(
        new TraceLine(
            Kind.MINIMUM,
            "minimum charge " + money(minimum) + " after discounts",
            minimum - amount));
    return minimum;
  }

  private Quote withTax(long amount, String product, List<TraceLine> trace) {
    long tax = 0;
    long total = amount;
    if (tariff.tax().isPresent()) {
      Tax vat = tariff.tax().get();
      int bp = vat.rate().basisPoints();
      if (vat.pricesInclude()) {
        long net =
            Money.divide(Math.multiplyExact(amount, 10_000), 10_000 + bp, settings.rounding());
        tax = amount - net;
        trace.add(
            TraceLine.note(
                Kind.TAX,
                "includes VAT " + vat.rate() + ": " + money(tax) + " (net " + money(net) + ")"));
      } else {
        tax = vat.rate().of(amount, settings.rounding());
        total = amount + tax;
        trace.add(new TraceLine(Kind.TAX, "VAT " + vat.rate() + " on " + money(amount), tax));
      }
    }
    return new Quote(
        Money.ofMinor(total, currency),
        product,
        trace,
        Money.ofMinor(tax, currency),
        tariff.sha256());
  }

  private String money(long minor) {
    return Money.decimal(minor, currency);
  }
}
