package dev.parkedge.gateway.api.coap;

import dev.parkedge.gateway.api.ApiKeys;
import dev.parkedge.gateway.api.ParkingApi;
import dev.parkedge.gateway.api.Role;
import dev.parkedge.gateway.parking.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resource of the parking API: per method the permission it needs and its handler; fixed
 * children and, for ids in the path, children made on demand. Every request is authenticated by its
 * {@code key} query parameter and answered asynchronously (the handler completes once the domain's
 * decision is durable), without holding a protocol or worker thread.
 */
final class ParkingRoute extends CoapResource {

  private static final Logger log = LoggerFactory.getLogger(ParkingRoute.class);

  /** What a handler does with a request. */
  interface Handler {
    CompletableFuture<Object> handle(ParkingRequest request) throws RefusedRequest;
  }

  private record Method(Role.Permission permission, Handler handler, ResponseCode success) {}

  private final ParkingApi api;
  private final ControlCalls calls;
  private final Duration timeout;
  private final Map<Code, Method> methods = new EnumMap<>(Code.class);
  private final Map<String, ParkingRoute> fixed = new LinkedHashMap<>();
  private Function<String, ParkingRoute> each;

  ParkingRoute(String name, ParkingApi api, ControlCalls calls, Duration timeout) {
    super(name);
    this.api = api;
    this.calls = calls;
    this.timeout = timeout;
    getAttributes().addContentType(MediaTypeRegistry.APPLICATION_JSON);
  }

  ParkingRoute route(String name) {
    return new ParkingRoute(name, api, calls, timeout);
  }

  ParkingRoute get(Role.Permission permission, Handler handler) {
    methods.put(Code.GET, new Method(permission, handler, ResponseCode.CONTENT));
    return this;
  }

  ParkingRoute post(Role.Permission permission, Handler handler, ResponseCode success) {
    methods.put(Code.POST, new Method(permission, handler, success));
    return this;
  }

  ParkingRoute child(ParkingRoute child) {
    fixed.put(child.getName(), child);
    add(child);
    return this;
  }

  /** Children for ids: {@code /reservations/{id}}. */
  ParkingRoute each(Function<String, ParkingRoute> factory) {
    this.each = factory;
    return this;
  }

  @Override
  public Resource getChild(String name) {
    ParkingRoute child = fixed.get(name);
    if (child != null || each == null) {
      return child;
    }
    ParkingRoute made = each.apply(name);
    made.setParent(this);
    return made;
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    serve(exchange, Code.GET);
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    serve(exchange, Code.POST);
  }

  private void serve(CoapExchange exchange, Code code) {
    Method method = methods.get(code);
    if (method == null) {
      exchange.respond(ResponseCode.METHOD_NOT_ALLOWED);
      return;
    }
    ParkingRequest request;
    CompletableFuture<Object> answer;
    try {
      ApiKeys.Caller caller = authenticate(exchange, method.permission());
      request = ParkingRequest.of(exchange, caller, List.of(), code == Code.POST);
      answer = method.handler().handle(request);
    } catch (RefusedRequest refused) {
      calls.respond(exchange, refused.reply());
      return;
    } catch (RuntimeException e) {
      log.error("api: {} {} failed", code, getURI(), e);
      calls.respond(
          exchange, Reply.error(ResponseCode.INTERNAL_SERVER_ERROR, "gateway failed: " + e));
      return;
    }
    calls
        .within(answer)
        .whenComplete(
            (body, failure) ->
                calls.respond(
                    exchange,
                    failure == null ? new Reply(method.success(), body) : failed(failure)));
  }

  private ApiKeys.Caller authenticate(CoapExchange exchange, Role.Permission permission)
      throws RefusedRequest {
    String key = null;
    for (String item : exchange.getRequestOptions().getUriQuery()) {
      if (item.startsWith("key=")) {
        key = item.substring(4);
      }
    }
    if (key == null || key.isEmpty()) {
      throw new RefusedRequest(
          ResponseCode.UNAUTHORIZED, "an API key is needed: add ?key=<your key>");
    }
    Optional<ApiKeys.Caller> caller = api.keys().authenticate(key);
    if (caller.isEmpty()) {
      throw new RefusedRequest(ResponseCode.UNAUTHORIZED, "unknown API key");
    }
    if (!caller.get().role().may(permission)) {
      throw new RefusedRequest(
          ResponseCode.FORBIDDEN,
          "key \""
              + caller.get().name()
              + "\" (role "
              + caller.get().role().jsonName()
              + ") may not "
              + permission.jsonName());
    }
    return caller.get();
  }

  private Reply failed(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof Refusal refusal) {
      ResponseCode code =
          switch (refusal.kind()) {
            case INVALID -> ResponseCode.BAD_REQUEST;
            case NOT_FOUND -> ResponseCode.NOT_FOUND;
            case CONFLICT -> ResponseCode.CONFLICT;
            case FORBIDDEN -> ResponseCode.FORBIDDEN;
          };
      return Reply.error(code, refusal.getMessage());
    }
    if (cause instanceof TimeoutException) {
      return Reply.error(
          ResponseCode.SERVICE_UNAVAILABLE,
          "gateway did not answer within " + timeout.toSeconds() + " s");
    }
    log.error("api: {} failed", getURI(), cause);
    return Reply.error(ResponseCode.INTERNAL_SERVER_ERROR, "gateway failed: " + cause);
  }

  static List<String> names(List<ParkingRoute> routes) {
    List<String> names = new ArrayList<>();
    routes.forEach(r -> names.add(r.getName()));
    return names;
  }
}
