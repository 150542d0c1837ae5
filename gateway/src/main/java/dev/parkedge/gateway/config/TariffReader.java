package dev.parkedge.gateway.config;

import dev.parkedge.gateway.billing.Cap;
import dev.parkedge.gateway.billing.Day;
import dev.parkedge.gateway.billing.Grace;
import dev.parkedge.gateway.billing.LostTicket;
import dev.parkedge.gateway.billing.Money;
import dev.parkedge.gateway.billing.Percent;
import dev.parkedge.gateway.billing.PickupWindow;
import dev.parkedge.gateway.billing.PriceRule;
import dev.parkedge.gateway.billing.PriceRule.ChargeAt;
import dev.parkedge.gateway.billing.PriceRule.TableLine;
import dev.parkedge.gateway.billing.PriceRule.TimeBand;
import dev.parkedge.gateway.billing.Product;
import dev.parkedge.gateway.billing.Stay;
import dev.parkedge.gateway.billing.Tariff;
import dev.parkedge.gateway.billing.TariffExample;
import dev.parkedge.gateway.billing.TariffSettings;
import dev.parkedge.gateway.billing.Tax;
import dev.parkedge.gateway.billing.Validation;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Builds a {@link Tariff} from the nodes of a tariff file, checking it as a whole: every problem
 * names file, line and key. See gateway/TARIFFS.md for the format.
 */
final class TariffReader {

  private static final List<String> TOP =
      List.of(
          "tariff",
          "settings",
          "classes",
          "holidays",
          "grace",
          "pickup_dropoff",
          "lost_ticket",
          "validations",
          "products",
          "examples");
  private static final List<String> HEADER = List.of("id", "name", "timezone", "currency", "tax");
  private static final List<String> TAX = List.of("rate", "prices");
  private static final List<String> SETTINGS =
      List.of(
          "band_edges",
          "seconds",
          "product_choice",
          "band_increments",
          "straddling_increment",
          "continuous_grace_from",
          "minimum_charge",
          "holidays_match_weekday",
          "rounding",
          "booking_overstay_from",
          "earlier_visits_count_at",
          "default_class");
  private static final List<String> GRACE =
      List.of("turnaround", "continuous", "exit_after_payment", "booking_early", "booking_late");
  private static final List<String> PICKUP = List.of("from", "to", "days", "max");
  private static final List<String> LOST = List.of("price", "mode");
  private static final List<String> VALIDATION =
      List.of("code", "free", "off", "percent", "stackable");
  private static final List<String> PRODUCT =
      List.of(
          "id",
          "classes",
          "days",
          "entry",
          "exit_by",
          "max_stay",
          "flat",
          "table",
          "time_bands",
          "caps",
          "minimum");
  private static final List<String> ENTRY = List.of("from", "to");
  private static final List<String> TABLE = List.of("lines", "beyond");
  private static final List<String> LINE = List.of("up_to", "total", "every", "each", "charge_at");
  private static final List<String> BEYOND = List.of("repeat", "every", "each");
  private static final List<String> BAND =
      List.of("name", "from", "to", "every", "each", "flat", "cap", "charge_at");
  private static final List<String> CAP = List.of("max", "per", "reset", "across_visits");
  private static final List<String> EXAMPLE =
      List.of(
          "name",
          "entry",
          "exit",
          "class",
          "lost_ticket",
          "validations",
          "paid_at",
          "booking",
          "earlier_visits",
          "amount",
          "product");
  private static final List<String> BOOKING = List.of("start", "end");
  private static final List<String> VISIT = List.of("entry", "exit", "paid");
  private static final List<String> ROUNDING = List.of("half_up", "half_even", "down", "up");
  private static final List<String> BOOLEAN = List.of("true", "false");
  private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-4]):([0-5]\\d)");
  private static final Pattern EXIT_BY =
      Pattern.compile("(\\d\\d:\\d\\d)(?:\\s+(next day|\\+(\\d) days?))?");

  private final String sha256;
  private final Problems problems;
  private Currency currency = Currency.getInstance("EUR");
  private ZoneId zone = ZoneId.of("UTC");
  private List<String> classes = List.of("car");

  TariffReader(Path file, String sha256) {
    this.sha256 = sha256;
    this.problems = new Problems(file);
  }

  Tariff read(Node root) throws ConfigException {
    YamlMap top = YamlMap.open(root, "", problems, TOP);
    YamlMap header = top.map("tariff", HEADER);
    if (top.node("tariff").isEmpty()) {
      problems.add(top.lineOf("tariff"), "tariff", "required (id, name, timezone, currency)");
    }
    String id = header.required("id").flatMap(s -> Values.id(s, problems)).orElse("?");
    String name = header.required("name").map(Scalar::value).orElse(id);
    Optional<ZoneId> timezone = header.required("timezone").flatMap(this::timezone);
    Optional<Currency> money = header.required("currency").flatMap(this::currency);
    problems.throwIfAny();
    zone = timezone.orElseThrow();
    currency = money.orElseThrow();
    Optional<Tax> tax =
        header.node("tax").isEmpty() ? Optional.empty() : tax(header.map("tax", TAX));
    classes = classes(top);
    TariffSettings settings = settings(top.map("settings", SETTINGS));
    Set<LocalDate> holidays = holidays(top);
    Grace grace = grace(top.map("grace", GRACE));
    List<PickupWindow> pickup = pickupWindows(top);
    Optional<LostTicket> lost =
        top.node("lost_ticket").isEmpty()
            ? Optional.empty()
            : lostTicket(top.map("lost_ticket", LOST));
    List<Validation> validations = validations(top);
    List<Product> products = products(top, settings);
    List<TariffExample> examples = examples(top, validations);
    problems.throwIfAny();
    return new Tariff(
        id,
        name,
        zone,
        currency,
        tax,
        settings,
        classes,
        holidays,
        grace,
        pickup,
        lost,
        validations,
        products,
        examples,
        sha256);
  }

  // --- header, settings and rules of the whole tariff -------------------------------------------

  private Optional<ZoneId> timezone(Scalar scalar) {
    Optional<ZoneId> value = Values.timezone(scalar.value());
    if (value.isEmpty()) {
      problems.add(scalar, scalar.quoted() + " is not " + Values.TIMEZONE_RULE);
    }
    return value;
  }

  private Optional<Currency> currency(Scalar scalar) {
    Optional<Currency> value =
        Values.currency(scalar.value()).filter(c -> c.getDefaultFractionDigits() >= 0);
    if (value.isEmpty()) {
      problems.add(scalar, scalar.quoted() + " is not " + Values.CURRENCY_RULE);
    }
    return value;
  }

  private Optional<Tax> tax(YamlMap tax) {
    Optional<Percent> rate = tax.required("rate").flatMap(this::percent);
    Optional<String> prices =
        tax.required("prices")
            .flatMap(
                s ->
                    Values.oneOf(
                        s, List.of("include", "exclude"), "how prices hold tax", problems));
    if (rate.isEmpty() || prices.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Tax(rate.get(), prices.get().equals("include")));
  }

  private List<String> classes(YamlMap top) {
    List<Node> nodes = top.list("classes");
    if (nodes.isEmpty()) {
      return List.of("car");
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      Optional<Scalar> scalar = YamlMap.scalar(nodes.get(i), "classes[" + i + "]", problems);
      Optional<String> name = scalar.flatMap(s -> Values.id(s, problems));
      if (name.isPresent() && !names.add(name.get())) {
        problems.add(scalar.get(), "class " + scalar.get().quoted() + " given twice");
      }
    }
    return names.isEmpty() ? List.of("car") : List.copyOf(names);
  }

  private TariffSettings settings(YamlMap map) {
    TariffSettings d = TariffSettings.defaults(classes.get(0));
    return new TariffSettings(
        choice(map, "band_edges", TariffSettings.BandEdges.class, d.bandEdges()),
        choice(map, "seconds", TariffSettings.Seconds.class, d.seconds()),
        choice(map, "product_choice", TariffSettings.ProductChoice.class, d.productChoice()),
        choice(map, "band_increments", TariffSettings.BandIncrements.class, d.bandIncrements()),
        choice(
            map, "straddling_increment", TariffSettings.Straddling.class, d.straddlingIncrement()),
        choice(
            map, "continuous_grace_from", TariffSettings.GraceFrom.class, d.continuousGraceFrom()),
        choice(map, "minimum_charge", TariffSettings.MinimumCharge.class, d.minimumCharge()),
        bool(map, "holidays_match_weekday", d.holidaysMatchWeekday()),
        map.scalar("rounding")
            .flatMap(s -> Values.oneOf(s, ROUNDING, "a rounding", problems))
            .map(r -> RoundingMode.valueOf(r.toUpperCase(java.util.Locale.ROOT)))
            .orElse(d.rounding()),
        choice(
            map,
            "booking_overstay_from",
            TariffSettings.OverstayFrom.class,
            d.bookingOverstayFrom()),
        choice(
            map,
            "earlier_visits_count_at",
            TariffSettings.VisitCountsAt.class,
            d.earlierVisitsCountAt()),
        map.scalar("default_class").flatMap(this::knownClass).orElse(d.defaultClass()));
  }

  private Optional<String> knownClass(Scalar scalar) {
    return Values.oneOf(scalar, classes, "a vehicle class of this tariff", problems);
  }

  private Set<LocalDate> holidays(YamlMap top) {
    Set<LocalDate> dates = new LinkedHashSet<>();
    List<Node> nodes = top.list("holidays");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap.scalar(nodes.get(i), "holidays[" + i + "]", problems)
          .flatMap(this::date)
          .ifPresent(dates::add);
    }
    return dates;
  }

  private Optional<LocalDate> date(Scalar scalar) {
    try {
      return Optional.of(LocalDate.parse(scalar.value()));
    } catch (DateTimeException e) {
      problems.add(scalar, scalar.quoted() + " is not a date (write e.g. 2026-12-25)");
      return Optional.empty();
    }
  }

  private Grace grace(YamlMap map) {
    return new Grace(
        durationOr(map, "turnaround", Duration.ZERO),
        durationOr(map, "continuous", Duration.ZERO),
        durationOr(map, "exit_after_payment", Duration.ZERO),
        durationOr(map, "booking_early", Duration.ZERO),
        durationOr(map, "booking_late", Duration.ZERO));
  }

  private List<PickupWindow> pickupWindows(YamlMap top) {
    List<PickupWindow> windows = new ArrayList<>();
    List<Node> nodes = top.list("pickup_dropoff");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), "pickup_dropoff[" + i + "]", problems, PICKUP);
      OptionalInt from = map.required("from").map(s -> clock(s, false)).orElse(OptionalInt.empty());
      OptionalInt to = map.required("to").map(s -> clock(s, true)).orElse(OptionalInt.empty());
      Set<Day> days = days(map);
      Optional<Duration> max = map.required("max").flatMap(this::duration);
      if (from.isPresent() && to.isPresent() && to.getAsInt() <= from.getAsInt()) {
        problems.add(map.lineOf("to"), map.path("to"), "a pick-up window ends after it starts");
      } else if (from.isPresent() && to.isPresent() && max.isPresent()) {
        windows.add(new PickupWindow(from.getAsInt(), to.getAsInt(), days, max.get()));
      }
    }
    return windows;
  }

  private Optional<LostTicket> lostTicket(YamlMap map) {
    Optional<Money> price = map.required("price").flatMap(this::money);
    LostTicket.Mode mode = choice(map, "mode", LostTicket.Mode.class, LostTicket.Mode.REPLACES);
    return price.map(p -> new LostTicket(p.minor(), mode));
  }

  private List<Validation> validations(YamlMap top) {
    List<Validation> validations = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    List<Node> nodes = top.list("validations");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), "validations[" + i + "]", problems, VALIDATION);
      Optional<Scalar> codeScalar = map.required("code");
      Optional<String> code = codeScalar.flatMap(s -> Values.id(s, problems));
      if (code.isPresent()) {
        Integer earlier = lines.putIfAbsent(code.get(), codeScalar.get().line());
        if (earlier != null) {
          problems.add(
              codeScalar.get(),
              "validation "
                  + codeScalar.get().quoted()
                  + " given twice (also at line "
                  + earlier
                  + ")");
        }
      }
      int kinds =
          (map.node("free").isPresent() ? 1 : 0)
              + (map.node("off").isPresent() ? 1 : 0)
              + (map.node("percent").isPresent() ? 1 : 0);
      if (kinds != 1) {
        problems.add(
            map.line(), map.path(), "a validation gives exactly one of free, off, percent");
        continue;
      }
      boolean stackable = bool(map, "stackable", false);
      Optional<Validation> validation = Optional.empty();
      if (map.node("free").isPresent()) {
        validation =
            map.scalar("free")
                .flatMap(this::duration)
                .flatMap(
                    d ->
                        code.map(
                            c ->
                                new Validation(
                                    c,
                                    Validation.Kind.FREE_TIME,
                                    d,
                                    0,
                                    new Percent(0),
                                    stackable)));
      } else if (map.node("off").isPresent()) {
        validation =
            map.scalar("off")
                .flatMap(this::money)
                .flatMap(
                    m ->
                        code.map(
                            c ->
                                new Validation(
                                    c,
                                    Validation.Kind.FIXED,
                                    Duration.ZERO,
                                    m.minor(),
                                    new Percent(0),
                                    stackable)));
      } else {
        validation =
            map.scalar("percent")
                .flatMap(this::percent)
                .flatMap(
                    p ->
                        code.map(
                            c ->
                                new Validation(
                                    c, Validation.Kind.PERCENT, Duration.ZERO, 0, p, stackable)));
      }
      validation.ifPresent(validations::add);
    }
    return validations;
  }

  // --- products ---------------------------------------------------------------------------------

  private List<Product> products(YamlMap top, TariffSettings settings) {
    List<Product> products = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    List<Node> nodes = top.list("products");
    if (nodes.isEmpty()) {
      problems.add(top.lineOf("products"), "products", "a tariff needs at least one product");
    }
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), "products[" + i + "]", problems, PRODUCT);
      Optional<Scalar> idScalar = map.required("id");
      Optional<String> id = idScalar.flatMap(s -> Values.id(s, problems));
      if (id.isPresent()) {
        Integer earlier = lines.putIfAbsent(id.get(), idScalar.get().line());
        if (earlier != null) {
          problems.add(
              idScalar.get(),
              "product " + idScalar.get().quoted() + " given twice (also at line " + earlier + ")");
        }
      }
      Set<String> productClasses = new LinkedHashSet<>();
      List<Node> classNodes = map.list("classes");
      for (int c = 0; c < classNodes.size(); c++) {
        YamlMap.scalar(classNodes.get(c), map.path("classes") + "[" + c + "]", problems)
            .flatMap(this::knownClass)
            .ifPresent(productClasses::add);
      }
      Product.Window window = window(map);
      Optional<PriceRule> price = priceRule(map, settings, window.maxStay());
      List<Cap> caps = caps(map);
      long minimum = map.scalar("minimum").flatMap(this::money).map(Money::minor).orElse(0L);
      if (id.isPresent() && price.isPresent()) {
        products.add(new Product(id.get(), productClasses, window, price.get(), caps, minimum));
      }
    }
    for (String vehicleClass : classes) {
      if (!nodes.isEmpty()
          && products.size() == nodes.size()
          && products.stream().noneMatch(p -> p.isFor(vehicleClass) && p.window().isAlways())) {
        problems.add(
            top.lineOf("products"),
            "products",
            "class "
                + vehicleClass
                + " has no product without days, entry, exit_by or max_stay: some of its stays"
                + " would have no price");
      }
    }
    return products;
  }

  private Product.Window window(YamlMap map) {
    Set<Day> days = days(map);
    int from = -1;
    int to = -1;
    if (map.node("entry").isPresent()) {
      YamlMap entry = map.map("entry", ENTRY);
      OptionalInt f = entry.required("from").map(s -> clock(s, false)).orElse(OptionalInt.empty());
      OptionalInt t = entry.required("to").map(s -> clock(s, false)).orElse(OptionalInt.empty());
      if (f.isPresent() && t.isPresent()) {
        from = f.getAsInt();
        to = t.getAsInt();
      }
    }
    Optional<Product.ExitBy> exitBy = map.scalar("exit_by").flatMap(this::exitBy);
    Optional<Duration> maxStay = map.scalar("max_stay").flatMap(this::duration);
    return new Product.Window(days, from, to, exitBy, maxStay);
  }

  private Optional<Product.ExitBy> exitBy(Scalar scalar) {
    Matcher m = EXIT_BY.matcher(scalar.value().strip());
    if (m.matches()) {
      OptionalInt minute = clock(new Scalar(m.group(1), scalar.line(), scalar.path()), true);
      int days = m.group(2) == null ? 0 : m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      if (minute.isEmpty()) {
        return Optional.empty();
      }
      if (days <= 7) {
        return Optional.of(new Product.ExitBy(minute.getAsInt(), days));
      }
    }
    problems.add(
        scalar, scalar.quoted() + " is not a latest exit (write e.g. 15:00, or 06:00 next day)");
    return Optional.empty();
  }

  private Optional<PriceRule> priceRule(
      YamlMap map, TariffSettings settings, Optional<Duration> maxStay) {
    int kinds =
        (map.node("flat").isPresent() ? 1 : 0)
            + (map.node("table").isPresent() ? 1 : 0)
            + (map.node("time_bands").isPresent() ? 1 : 0);
    if (kinds != 1) {
      problems.add(
          map.line(), map.path(), "a product prices by exactly one of flat, table, time_bands");
      return Optional.empty();
    }
    if (map.node("flat").isPresent()) {
      return map.scalar("flat").flatMap(this::money).map(m -> new PriceRule.Flat(m.minor()));
    }
    if (map.node("table").isPresent()) {
      return table(map.map("table", TABLE), maxStay);
    }
    return timeBands(map, settings);
  }

  private Optional<PriceRule> table(YamlMap table, Optional<Duration> maxStay) {
    List<Node> nodes = table.list("lines");
    if (nodes.isEmpty()) {
      problems.add(table.lineOf("lines"), table.path("lines"), "a table needs at least one line");
      return Optional.empty();
    }
    List<TableLine> lines = new ArrayList<>();
    long start = 0;
    long value = 0;
    boolean ok = true;
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), table.path("lines") + "[" + i + "]", problems, LINE);
      boolean last = i == nodes.size() - 1;
      Optional<TableLine> line = line(map, start, value, last);
      if (line.isEmpty()) {
        ok = false;
        continue;
      }
      TableLine l = line.get();
      if (l.isTotal()) {
        value = l.totalMinor();
      } else if (l.upTo().isPresent()) {
        value += (l.upTo().get().getSeconds() - start) / l.every().getSeconds() * l.eachMinor();
      }
      start = l.upTo().map(Duration::getSeconds).orElse(start);
      lines.add(l);
    }
    if (!ok) {
      return Optional.empty();
    }
    Optional<Duration> end = lines.get(lines.size() - 1).upTo();
    PriceRule.Beyond beyond = new PriceRule.NoBeyond();
    if (table.node("beyond").isPresent()) {
      YamlMap map = table.map("beyond", BEYOND);
      if (end.isEmpty()) {
        problems.add(
            map.line(), map.path(), "the last line has no up_to, so there is nothing beyond it");
        return Optional.empty();
      }
      if (map.node("repeat").isPresent() == map.node("every").isPresent()) {
        problems.add(
            map.line(), map.path(), "write either repeat: 24h, or every: 24h with each: PRICE");
        return Optional.empty();
      }
      if (map.node("repeat").isPresent()) {
        Optional<Duration> every = map.scalar("repeat").flatMap(this::positiveDuration);
        if (every.isEmpty()) {
          return Optional.empty();
        }
        if (!every.get().equals(end.get())) {
          problems.add(
              map.lineOf("repeat"),
              map.path("repeat"),
              "the table ends at "
                  + Durations.format(end.get())
                  + "; to repeat every "
                  + Durations.format(every.get())
                  + " its last up_to must be "
                  + Durations.format(every.get()));
          return Optional.empty();
        }
        beyond = new PriceRule.Repeat(every.get());
      } else {
        Optional<Duration> every = map.scalar("every").flatMap(this::positiveDuration);
        Optional<Money> each = map.required("each").flatMap(this::money);
        if (every.isEmpty() || each.isEmpty()) {
          return Optional.empty();
        }
        beyond = new PriceRule.EachFurther(every.get(), each.get().minor());
      }
    } else if (end.isPresent()
        && !(maxStay.isPresent() && maxStay.get().compareTo(end.get()) <= 0)) {
      problems.add(
          table.line(),
          table.path(),
          "stays longer than "
              + Durations.format(end.get())
              + " have no price: leave up_to off the last line, add beyond, or limit the"
              + " product's max_stay");
      return Optional.empty();
    }
    return Optional.of(new PriceRule.DurationTable(lines, beyond));
  }

  private Optional<TableLine> line(YamlMap map, long start, long value, boolean last) {
    Optional<Duration> upTo = map.scalar("up_to").flatMap(this::positiveDuration);
    if (map.node("up_to").isPresent() && upTo.isEmpty()) {
      return Optional.empty();
    }
    if (upTo.isPresent() && upTo.get().getSeconds() <= start) {
      problems.add(
          map.lineOf("up_to"),
          map.path("up_to"),
          "must be after the previous line's " + Durations.format(Duration.ofSeconds(start)));
      return Optional.empty();
    }
    boolean total = map.node("total").isPresent();
    boolean each = map.node("each").isPresent() || map.node("every").isPresent();
    if (total == each) {
      problems.add(map.line(), map.path(), "a line has either total, or every and each");
      return Optional.empty();
    }
    if (total) {
      if (upTo.isEmpty()) {
        problems.add(map.lineOf("total"), map.path("up_to"), "a total line needs up_to");
        return Optional.empty();
      }
      Optional<Money> price = map.scalar("total").flatMap(this::money);
      if (price.isPresent() && price.get().minor() < value) {
        problems.add(
            map.lineOf("total"),
            map.path("total"),
            "is less than the "
                + Money.ofMinor(value, currency).decimal()
                + " the lines before it reach; a longer stay cannot cost less");
        return Optional.empty();
      }
      return price.map(p -> TableLine.total(upTo.get(), p.minor()));
    }
    Optional<Duration> every = map.required("every").flatMap(this::positiveDuration);
    Optional<Money> price = map.required("each").flatMap(this::money);
    ChargeAt chargeAt = choice(map, "charge_at", ChargeAt.class, ChargeAt.START);
    if (every.isEmpty() || price.isEmpty()) {
      return Optional.empty();
    }
    if (upTo.isEmpty() && !last) {
      problems.add(map.line(), map.path(), "only the last line may leave out up_to");
      return Optional.empty();
    }
    if (upTo.isPresent() && (upTo.get().getSeconds() - start) % every.get().getSeconds() != 0) {
      problems.add(
          map.lineOf("every"),
          map.path("every"),
          "the line runs "
              + Durations.format(Duration.ofSeconds(upTo.get().getSeconds() - start))
              + ", not a whole number of "
              + Durations.format(every.get()));
      return Optional.empty();
    }
    return Optional.of(TableLine.each(upTo, every.get(), price.get().minor(), chargeAt));
  }

  private Optional<PriceRule> timeBands(YamlMap product, TariffSettings settings) {
    List<Node> nodes = product.list("time_bands");
    String path = product.path("time_bands");
    List<TimeBand> bands = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), path + "[" + i + "]", problems, BAND);
      Optional<TimeBand> band = band(map);
      band.ifPresent(bands::add);
      ok &= band.isPresent();
    }
    if (!ok) {
      return Optional.empty();
    }
    if (bands.isEmpty()) {
      problems.add(product.lineOf("time_bands"), path, "time_bands needs at least one band");
      return Optional.empty();
    }
    bands.sort(Comparator.comparingInt(TimeBand::fromMinute));
    int covered = 0;
    for (int i = 0; i < bands.size(); i++) {
      TimeBand band = bands.get(i);
      TimeBand next = bands.get((i + 1) % bands.size());
      int length = Math.floorMod(band.toMinute() - band.fromMinute(), 24 * 60);
      covered += length == 0 ? 24 * 60 : length;
      if (band.toMinute() % (24 * 60) != next.fromMinute() % (24 * 60)) {
        problems.add(
            product.lineOf("time_bands"),
            path,
            "band "
                + band.name()
                + " ends at "
                + clockText(band.toMinute())
                + " but the next band starts at "
                + clockText(next.fromMinute())
                + ": bands must cover the day without gap or overlap (use each: 0 for free time)");
        return Optional.empty();
      }
    }
    if (covered != 24 * 60) {
      problems.add(product.lineOf("time_bands"), path, "bands must cover the day exactly once");
      return Optional.empty();
    }
    if (settings.bandIncrements() == TariffSettings.BandIncrements.CONTINUE_FROM_ENTRY) {
      TimeBand first = bands.get(0);
      for (TimeBand band : bands) {
        if (band.isFlat()
            || !band.every().equals(first.every())
            || band.chargeAt() != first.chargeAt()) {
          problems.add(
              product.lineOf("time_bands"),
              path,
              "with band_increments: continue_from_entry every band needs the same every and"
                  + " charge_at, and none may be flat");
          return Optional.empty();
        }
      }
    }
    return Optional.of(new PriceRule.TimeBands(bands));
  }

  private Optional<TimeBand> band(YamlMap map) {
    String name = map.required("name").flatMap(s -> Values.id(s, problems)).orElse("?");
    OptionalInt from = map.required("from").map(s -> clock(s, false)).orElse(OptionalInt.empty());
    OptionalInt to = map.required("to").map(s -> clock(s, true)).orElse(OptionalInt.empty());
    long cap = map.scalar("cap").flatMap(this::money).map(Money::minor).orElse(-1L);
    ChargeAt chargeAt = choice(map, "charge_at", ChargeAt.class, ChargeAt.START);
    boolean flat = map.node("flat").isPresent();
    boolean each = map.node("each").isPresent() || map.node("every").isPresent();
    if (flat == each) {
      problems.add(map.line(), map.path(), "a band has either flat, or every and each");
      return Optional.empty();
    }
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (flat) {
      return map.scalar("flat")
          .flatMap(this::money)
          .map(
              m ->
                  new TimeBand(
                      name,
                      from.getAsInt(),
                      to.getAsInt(),
                      Duration.ZERO,
                      0,
                      m.minor(),
                      chargeAt,
                      cap));
    }
    Optional<Duration> every = map.required("every").flatMap(this::positiveDuration);
    Optional<Money> price = map.required("each").flatMap(this::money);
    if (every.isEmpty() || price.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TimeBand(
            name,
            from.getAsInt(),
            to.getAsInt(),
            every.get(),
            price.get().minor(),
            -1,
            chargeAt,
            cap));
  }

  private List<Cap> caps(YamlMap product) {
    List<Cap> caps = new ArrayList<>();
    List<Node> nodes = product.list("caps");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), product.path("caps") + "[" + i + "]", problems, CAP);
      Optional<Money> max = map.required("max").flatMap(this::money);
      Optional<Cap.Per> per =
          map.required("per").map(s -> choice(s, Cap.Per.class)).orElse(Optional.empty());
      boolean across = bool(map, "across_visits", false);
      int reset = 0;
      if (per.isPresent() && per.get() == Cap.Per.CYCLE) {
        reset =
            map.required("reset").map(s -> clock(s, false)).orElse(OptionalInt.empty()).orElse(0);
      } else if (map.node("reset").isPresent()) {
        problems.add(
            map.lineOf("reset"), map.path("reset"), "only a cap per cycle has a reset time");
      }
      if (across && per.isPresent() && per.get() == Cap.Per.ROLLING_24H) {
        problems.add(
            map.lineOf("across_visits"),
            map.path("across_visits"),
            "a cap across visits counts per calendar_day or per cycle, not per rolling_24h");
        continue;
      }
      if (max.isPresent() && per.isPresent()) {
        caps.add(new Cap(max.get().minor(), per.get(), reset, across));
      }
    }
    return caps;
  }

  // --- examples ---------------------------------------------------------------------------------

  private List<TariffExample> examples(YamlMap top, List<Validation> validations) {
    List<TariffExample> examples = new ArrayList<>();
    List<String> codes = validations.stream().map(Validation::code).toList();
    List<Node> nodes = top.list("examples");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map = YamlMap.open(nodes.get(i), "examples[" + i + "]", problems, EXAMPLE);
      Optional<String> name = map.required("name").map(Scalar::value);
      Optional<Instant> entry = map.required("entry").flatMap(this::instant);
      Optional<Instant> exit = map.required("exit").flatMap(this::instant);
      Optional<Money> amount = map.required("amount").flatMap(this::money);
      Optional<String> vehicleClass = map.scalar("class").flatMap(this::knownClass);
      boolean lost = bool(map, "lost_ticket", false);
      List<String> given = new ArrayList<>();
      List<Node> codeNodes = map.list("validations");
      for (int c = 0; c < codeNodes.size(); c++) {
        YamlMap.scalar(codeNodes.get(c), map.path("validations") + "[" + c + "]", problems)
            .flatMap(s -> Values.oneOf(s, codes, "a validation of this tariff", problems))
            .ifPresent(given::add);
      }
      Optional<Instant> paidAt = map.scalar("paid_at").flatMap(this::instant);
      Optional<Stay.Booking> booking = Optional.empty();
      if (map.node("booking").isPresent()) {
        YamlMap b = map.map("booking", BOOKING);
        Optional<Instant> start = b.required("start").flatMap(this::instant);
        Optional<Instant> end = b.required("end").flatMap(this::instant);
        if (start.isPresent() && end.isPresent() && !end.get().isBefore(start.get())) {
          booking = Optional.of(new Stay.Booking(start.get(), end.get()));
        } else if (start.isPresent() && end.isPresent()) {
          problems.add(b.lineOf("end"), b.path("end"), "the booking ends before it starts");
        }
      }
      List<Stay.EarlierVisit> visits = visits(map);
      if (entry.isPresent() && exit.isPresent() && exit.get().isBefore(entry.get())) {
        problems.add(map.lineOf("exit"), map.path("exit"), "exit is before entry");
        continue;
      }
      if (entry.isPresent() && paidAt.isPresent() && paidAt.get().isBefore(entry.get())) {
        problems.add(map.lineOf("paid_at"), map.path("paid_at"), "payment is before entry");
        continue;
      }
      if (name.isEmpty() || entry.isEmpty() || exit.isEmpty() || amount.isEmpty()) {
        continue;
      }
      Stay stay =
          new Stay(entry.get(), exit.get(), vehicleClass, lost, given, visits, paidAt, booking);
      examples.add(
          new TariffExample(
              name.get(),
              map.line(),
              stay,
              amount.get(),
              map.scalar("product").map(Scalar::value)));
    }
    return examples;
  }

  private List<Stay.EarlierVisit> visits(YamlMap example) {
    List<Stay.EarlierVisit> visits = new ArrayList<>();
    List<Node> nodes = example.list("earlier_visits");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap map =
          YamlMap.open(
              nodes.get(i), example.path("earlier_visits") + "[" + i + "]", problems, VISIT);
      Optional<Instant> entry = map.required("entry").flatMap(this::instant);
      Optional<Instant> exit = map.required("exit").flatMap(this::instant);
      Optional<Money> paid = map.required("paid").flatMap(this::money);
      if (entry.isPresent() && exit.isPresent() && paid.isPresent()) {
        if (exit.get().isBefore(entry.get())) {
          problems.add(map.lineOf("exit"), map.path("exit"), "exit is before entry");
        } else {
          visits.add(new Stay.EarlierVisit(entry.get(), exit.get(), paid.get()));
        }
      }
    }
    return visits;
  }

  /** A local date-time in the tariff's zone ({@code 2026-03-28T22:30}) or one with an offset. */
  private Optional<Instant> instant(Scalar scalar) {
    try {
      return Optional.of(Stay.parseInstant(scalar.value(), zone));
    } catch (DateTimeException e) {
      problems.add(
          scalar,
          scalar.quoted()
              + " is not a date and time (write e.g. 2026-03-28T22:30, local to the tariff,"
              + " or 2026-03-28T21:30Z)");
      return Optional.empty();
    }
  }

  // --- scalar conversions -----------------------------------------------------------------------

  private Optional<Money> money(Scalar scalar) {
    try {
      return Optional.of(Money.parse(scalar.value(), currency));
    } catch (IllegalArgumentException e) {
      problems.add(scalar, e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Percent> percent(Scalar scalar) {
    try {
      return Optional.of(Percent.parse(scalar.value()));
    } catch (IllegalArgumentException e) {
      problems.add(scalar, e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<Duration> duration(Scalar scalar) {
    return Values.duration(scalar, problems);
  }

  private Optional<Duration> positiveDuration(Scalar scalar) {
    Optional<Duration> value = Values.duration(scalar, problems);
    if (value.isPresent() && value.get().getSeconds() <= 0) {
      problems.add(scalar, "must be at least 1s");
      return Optional.empty();
    }
    return value;
  }

  private Duration durationOr(YamlMap map, String key, Duration fallback) {
    return map.scalar(key).flatMap(this::duration).orElse(fallback);
  }

  /** {@code HH:MM}, 00:00 to 23:59, or 24:00 where an end of day is allowed. */
  private OptionalInt clock(Scalar scalar, boolean allowEndOfDay) {
    Matcher m = CLOCK.matcher(scalar.value().strip());
    if (m.matches()) {
      int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
      if (minute < 24 * 60 || (allowEndOfDay && minute == 24 * 60)) {
        return OptionalInt.of(minute);
      }
    }
    problems.add(
        scalar,
        scalar.quoted()
            + " is not a time of day (write e.g. 07:30"
            + (allowEndOfDay ? ", or 24:00 for the end of the day)" : ")"));
    return OptionalInt.empty();
  }

  private static String clockText(int minute) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }

  private Set<Day> days(YamlMap map) {
    Set<Day> days = EnumSet.noneOf(Day.class);
    List<Node> nodes = map.list("days");
    for (int i = 0; i < nodes.size(); i++) {
      YamlMap.scalar(nodes.get(i), map.path("days") + "[" + i + "]", problems)
          .flatMap(s -> choice(s, Day.class))
          .ifPresent(days::add);
    }
    return days;
  }

  private boolean bool(YamlMap map, String key, boolean fallback) {
    return map.scalar(key)
        .flatMap(s -> Values.oneOf(s, BOOLEAN, "true or false", problems))
        .map(Boolean::parseBoolean)
        .orElse(fallback);
  }

  private <E extends Enum<E>> E choice(YamlMap map, String key, Class<E> type, E fallback) {
    return map.scalar(key).flatMap(s -> choice(s, type)).orElse(fallback);
  }

  private <E extends Enum<E>> Optional<E> choice(Scalar scalar, Class<E> type) {
    List<String> names =
        Arrays.stream(type.getEnumConstants()).map(TariffSettings::yamlName).toList();
    return Values.oneOf(scalar, names, "allowed here", problems)
        .map(name -> type.getEnumConstants()[names.indexOf(name)]);
  }
}
