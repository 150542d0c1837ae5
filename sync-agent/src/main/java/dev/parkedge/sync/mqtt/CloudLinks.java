package dev.parkedge.sync.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a link: MQTT 5 where the broker supports it, 3.1.1 otherwise. */
public final class CloudLinks {
  private static final Logger log = LoggerFactory.getLogger(CloudLinks.class);

  private CloudLinks() {}

  public static CloudLink connect(LinkSettings settings, CloudLink.Listener listener)
      throws LinkFailure {
    if (settings.protocol().equals("3.1.1")) {
      return Mqtt3Link.connect(settings, listener);
    }
    try {
      return Mqtt5Link.connect(settings, listener);
    } catch (LinkFailure e) {
      if (settings.protocol().equals("auto") && e.protocolRefused()) {
        log.info(
            "mqtt {}: broker refused MQTT 5 ({}); using 3.1.1", settings.url(), e.getMessage());
        return Mqtt3Link.connect(settings, listener);
      }
      throw e;
    }
  }
}
