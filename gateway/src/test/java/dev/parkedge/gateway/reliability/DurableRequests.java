package dev.parkedge.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parkedge.gateway.testing.ApiProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.Request;

/**
 * One kind of request the daemon must record durably before it answers it: durable notes now,
 * payments once issue 6 lands (a subclass naming its request and the SQL that lists what was
 * recorded is all a payments check needs). Remembers what the client was told for each request, and
 * checks a database against it: every confirmed request recorded exactly once (with the seq it was
 * confirmed with), every refused one never, one whose answer never came (the daemon was killed, the
 * request cancelled) at most once, and no key twice.
 */
abstract class DurableRequests {

  /** What the client was told. */
  enum Outcome {
    CONFIRMED,
    REFUSED,
    UNKNOWN
  }

  record Attempt(String key, Outcome outcome, long seq, String detail) {}

  private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
  private final AtomicReference<Request> inFlight = new AtomicReference<>();
  private final AtomicInteger sent = new AtomicInteger();

  /** Names the keys: {@code note-17}. */
  abstract String name();

  /** The request for the operation with this key. */
  abstract Request request(ApiProbe api, String key);

  /** SQL listing (key, seq) of every one recorded in the journal. */
  abstract String recordedSql();

  /** Sends the next request and waits for its answer (or its cancellation). */
  Attempt next(ApiProbe api) {
    String key = name() + "-" + sent.incrementAndGet();
    Request request = request(api, key);
    inFlight.set(request);
    ApiProbe.Answer answer = api.send(request);
    inFlight.set(null);
    Attempt attempt = classify(key, answer);
    attempts.put(key, attempt);
    return attempt;
  }

  private static Attempt classify(String key, ApiProbe.Answer answer) {
    if (answer == null) {
      return new Attempt(key, Outcome.UNKNOWN, 0, "no answer");
    }
    JsonNode body = answer.body();
    if (answer.success()) {
      return new Attempt(key, Outcome.CONFIRMED, body.get("seq").asLong(), answer.code());
    }
    String error = body == null || !body.has("error") ? "" : body.get("error").asText();
    if (answer.code().equals("5.03") && error.startsWith("refused")) {
      return new Attempt(key, Outcome.REFUSED, 0, error);
    }
    return new Attempt(key, Outcome.UNKNOWN, 0, answer.code() + " " + error);
  }

  /** Cancels the request waiting for an answer (its daemon was just killed): outcome unknown. */
  void cancelInFlight() {
    Request request = inFlight.getAndSet(null);
    if (request != null) {
      request.cancel();
    }
  }

  int count(Outcome outcome) {
    return (int) attempts.values().stream().filter(a -> a.outcome() == outcome).count();
  }

  /** Attempts with this outcome. */
  List<Attempt> attempts(Outcome outcome) {
    return attempts.values().stream().filter(a -> a.outcome() == outcome).toList();
  }

  /** Of the requests whose answer a kill cut off, how many {@code db} holds. */
  int unknownRecorded(Connection db) throws SQLException {
    java.util.Set<String> recorded = new java.util.HashSet<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(recordedSql())) {
      while (rows.next()) {
        recorded.add(rows.getString(1));
      }
    }
    return (int) attempts(Outcome.UNKNOWN).stream().filter(a -> recorded.contains(a.key())).count();
  }

  /** What in {@code db} contradicts what the clients were told; empty when nothing does. */
  List<String> problems(Connection db) throws SQLException {
    Map<String, List<Long>> recorded = new HashMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery(recordedSql())) {
      while (rows.next()) {
        recorded.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getLong(2));
      }
    }
    List<String> problems = new ArrayList<>();
    recorded.forEach(
        (key, seqs) -> {
          if (seqs.size() > 1) {
            problems.add(key + " recorded " + seqs.size() + " times, at seqs " + seqs);
          }
        });
    for (Attempt attempt : attempts.values()) {
      List<Long> seqs = recorded.getOrDefault(attempt.key(), List.of());
      switch (attempt.outcome()) {
        case CONFIRMED -> {
          if (!seqs.equals(List.of(attempt.seq()))) {
            problems.add(
                attempt.key() + " confirmed at seq " + attempt.seq() + " but recorded at " + seqs);
          }
        }
        case REFUSED -> {
          if (!seqs.isEmpty()) {
            problems.add(
                attempt.key() + " refused (" + attempt.detail() + ") but recorded at " + seqs);
          }
        }
        case UNKNOWN -> {
          // killed before the answer: recorded once or not at all (checked above)
        }
      }
    }
    return problems;
  }

  /** Durable operator notes ({@code POST /notes}, journal type {@code operator.note}). */
  static final class Notes extends DurableRequests {
    @Override
    String name() {
      return "note";
    }

    @Override
    Request request(ApiProbe api, String key) {
      return api.note(key, "reliability harness " + key);
    }

    @Override
    String recordedSql() {
      return "SELECT subject, seq FROM journal WHERE type = 'operator.note' ORDER BY seq";
    }
  }
}
