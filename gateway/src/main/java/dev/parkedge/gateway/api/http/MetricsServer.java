package dev.parkedge.gateway.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in the Prometheus text format, on the JDK's own HTTP server (no library: one
 * resource, one thread, a handful of scrapes a minute). Anything else is 404; a method other than
 * GET or HEAD is 405.
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService thread;

  private MetricsServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Serves {@code text} at {@code http://bind:port/metrics}.
   *
   * @throws IOException when the port cannot be bound (in use, or a bad address)
   */
  public static MetricsServer start(String bind, int port, Supplier<String> text)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 8);
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread http = new Thread(task, "metrics-http");
              http.setDaemon(true);
              return http;
            });
    server.setExecutor(thread);
    server.createContext("/", exchange -> handle(exchange, text));
    server.start();
    log.info("metrics: serving http://{}:{}/metrics", bind, server.getAddress().getPort());
    return new MetricsServer(server, thread);
  }

  private static void handle(HttpExchange exchange, Supplier<String> text) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        reply(exchange, 404, "not found: try /metrics\n", method);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(exchange, 405, "method not allowed\n", method);
        return;
      }
      String body;
      try {
        body = text.get();
      } catch (RuntimeException e) {
        log.warn("metrics: cannot read the status: {}", e.getMessage());
        reply(exchange, 503, "gateway busy: " + e.getMessage() + "\n", method);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      reply(exchange, 200, body, method);
    }
  }

  private static void reply(HttpExchange exchange, int code, String body, String method)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(code, -1);
      return;
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
