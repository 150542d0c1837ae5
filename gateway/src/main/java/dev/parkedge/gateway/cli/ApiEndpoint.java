package dev.parkedge.gateway.cli;

import dev.parkedge.gateway.api.coap.CoapApiConfiguration;
import dev.parkedge.gateway.config.ApiConfig;
import dev.parkedge.gateway.config.ConfigException;
import dev.parkedge.gateway.config.ConfigLoader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where the running daemon's API answers: {@code coap://host:port}.
 *
 * @param host an IP address or host name a client can send to
 */
record ApiEndpoint(String host, int port) {

  /**
   * The endpoint gateway.yaml configures. Reads only the {@code api} section for now; when the
   * gateway's configuration loader lands, this asks it for the {@link ApiConfig} instead.
   */
  static ApiEndpoint fromConfig(Path file) throws ConfigException {
    return of(ConfigLoader.loadGateway(file).api());
  }

  /** The endpoint of a daemon that runs without a gateway.yaml: 127.0.0.1:5683. */
  static ApiEndpoint defaults() {
    return of(new ApiConfig(CoapApiConfiguration.DEFAULT_BIND, CoapApiConfiguration.DEFAULT_PORT));
  }

  /** A daemon bound to every interface (0.0.0.0, ::) is reached on loopback. */
  static ApiEndpoint of(ApiConfig api) {
    return new ApiEndpoint(reachable(api.bind()), api.coapPort());
  }

  String uri() {
    return "coap://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String reachable(String bind) {
    try {
      InetAddress address = InetAddress.getByName(bind);
      if (!address.isAnyLocalAddress()) {
        return bind;
      }
      return address.getAddress().length == 4 ? "127.0.0.1" : "::1";
    } catch (UnknownHostException e) {
      return bind;
    }
  }
}
