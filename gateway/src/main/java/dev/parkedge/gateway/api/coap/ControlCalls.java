package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.GatewayBusyException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls into the gateway off Californium's protocol threads and answers each exchange exactly
 * once: with the call's reply, or 5.03 when the gateway is too busy or too slow.
 *
 * <p>A call hops to the domain thread and may take a while; a protocol thread only hands it over
 * and returns. One worker thread, a second only when the short queue is full, bound what a stuck
 * domain thread can pile up; past the timeout the client gets an answer even if the call has not
 * returned. The API serves an operator or a script now and then: an idle worker ends after {@link
 * #IDLE}, and the timeouts are timed on the API's protocol thread, so a daemon nobody asks keeps no
 * thread for it (each costs ~0.1 MB of resident memory).
 */
final class ControlCalls implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlCalls.class);
  private static final int WORKERS = 2;
  private static final int QUEUED_CALLS = 16;
  private static final Duration IDLE = Duration.ofSeconds(30);

  /** Max-Age on 5.03 tells a CoAP client when to retry (RFC 7252 5.9.3.4). */
  private static final long RETRY_AFTER_SECONDS = 1;

  private final ThreadPoolExecutor workers;
  private final Duration timeout;
  private final ScheduledExecutorService timer;

  /**
   * @param timer times the calls out (the API's protocol thread)
   */
  ControlCalls(Duration timeout, ScheduledExecutorService timer) {
    this.timeout = timeout;
    this.timer = timer;
    this.workers =
        new ThreadPoolExecutor(
            1,
            WORKERS,
            IDLE.toMillis(),
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED_CALLS),
            namedDaemonThreads("coap-api-call-"));
    workers.allowCoreThreadTimeOut(true);
  }

  /**
   * {@code call} itself, completed with a {@link TimeoutException} unless it completes within the
   * timeout (what {@link CompletableFuture#orTimeout} does, without the JDK's own timer thread).
   */
  <T> CompletableFuture<T> within(CompletableFuture<T> call) {
    try {
      ScheduledFuture<?> expiry =
          timer.schedule(
              () -> call.completeExceptionally(new TimeoutException()),
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
      call.whenComplete((result, failure) -> expiry.cancel(false));
    } catch (RejectedExecutionException e) {
      call.completeExceptionally(new GatewayBusyException("the API is stopping"));
    }
    return call;
  }

  /**
   * Answers the exchange with what the call returns, from a worker thread. A request that changes
   * something is acknowledged at once (an empty ACK, the answer follows separately): the API keeps
   * no deduplication state (CoapApiConfiguration), so a client must not retransmit it while the
   * gateway works on it (a durable write may take seconds on an SD card).
   */
  void answer(CoapExchange exchange, Supplier<Reply> call) {
    if (exchange.getRequestCode() != CoAP.Code.GET) {
      exchange.accept();
    }
    CompletableFuture<Reply> reply;
    try {
      reply = CompletableFuture.supplyAsync(call, workers);
    } catch (RejectedExecutionException e) {
      log.warn(
          "api: refusing {} {}: {} calls already waiting",
          method(exchange),
          path(exchange),
          QUEUED_CALLS);
      respond(exchange, busy("gateway is busy: too many API calls waiting"));
      return;
    }
    within(reply)
        .whenComplete(
            (answer, failure) ->
                respond(exchange, failure == null ? answer : failed(exchange, failure)));
  }

  /** Answers at once, without asking the gateway. */
  void respond(CoapExchange exchange, Reply reply) {
    Response response = new Response(reply.code());
    try {
      response.setPayload(ReplyJson.write(reply.body()));
      response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      log.error(
          "api: cannot write the answer to {} {} as JSON", method(exchange), path(exchange), e);
      response = new Response(ResponseCode.INTERNAL_SERVER_ERROR);
    }
    if (reply.code() == ResponseCode.SERVICE_UNAVAILABLE) {
      response.getOptions().setMaxAge(RETRY_AFTER_SECONDS);
    }
    log.debug(
        "api: {} {} -> {} ({} bytes)",
        method(exchange),
        path(exchange),
        response.getCode(),
        response.getPayloadSize());
    exchange.respond(response);
  }

  private Reply failed(CoapExchange exchange, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      log.warn(
          "api: {} {}: the gateway did not answer within {} ms",
          method(exchange),
          path(exchange),
          timeout.toMillis());
      return busy("gateway did not answer within " + seconds(timeout));
    }
    if (cause instanceof GatewayBusyException busy) {
      log.warn("api: {} {}: {}", method(exchange), path(exchange), busy.getMessage());
      return busy(busy.getMessage());
    }
    log.error("api: {} {} failed", method(exchange), path(exchange), cause);
    return Reply.error(ResponseCode.INTERNAL_SERVER_ERROR, "gateway failed: " + cause);
  }

  private static Reply busy(String reason) {
    return Reply.error(ResponseCode.SERVICE_UNAVAILABLE, reason);
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String method(CoapExchange exchange) {
    return exchange.getRequestCode().name();
  }

  private static String path(CoapExchange exchange) {
    return "/" + exchange.getRequestOptions().getUriPathString();
  }

  private static ThreadFactory namedDaemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
