package dev.parkedge.gateway.transport.mqtt;

/**
 * A message from a network server that could not be used. The message names the topic, then what
 * was wrong, where, and what was expected, e.g. {@code
 * application/6f2b…/device/70b3d57ed0061a2f/event/up: fPort is 300, expected a whole number from 0
 * to 255}.
 *
 * <p>These are expected outcomes of a live feed (count them, log them at DEBUG, rate-limited), so
 * they carry no stack trace: a flood of bad messages costs no more than the messages themselves.
 */
public final class MessageProblem extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN_TOPIC = 200;

  /** What was wrong with the message. */
  public enum Kind {
    /** The payload is not one JSON object. */
    MALFORMED_JSON,
    /** A field that holds bytes is not base64. */
    BAD_BASE64,
    /** A field the event cannot do without is absent (or JSON null). */
    MISSING_FIELD,
    /** A field has the wrong type or a value out of range, or disagrees with the topic. */
    BAD_FIELD,
    /** The payload is larger than {@link NetworkServerCodec#MAX_MESSAGE_BYTES}. */
    TOO_LARGE,
    /** The topic is not one this server publishes events on. */
    UNKNOWN_TOPIC,
    /** The topic or the message belongs to an application other than the configured one. */
    OTHER_APPLICATION
  }

  private final Kind kind;
  private final String topic;

  MessageProblem(Kind kind, String topic, String problem) {
    this(kind, topic, problem, null);
  }

  MessageProblem(Kind kind, String topic, String problem, Throwable cause) {
    super(Shown.text(topic, MAX_SHOWN_TOPIC) + ": " + problem, cause, false, false);
    this.kind = kind;
    this.topic = topic;
  }

  public Kind kind() {
    return kind;
  }

  /** The topic the message arrived on, as it was. */
  public String topic() {
    return topic;
  }
}
