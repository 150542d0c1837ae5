package dev.parkedge.sync.mqtt;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** MQTT 5 through Paho's v5 client, memory persistence only. */
final class Mqtt5Link implements CloudLink {
  static final long TIMEOUT_MS = 15_000;

  private final MqttAsyncClient client;
  private final CloudLink.Listener listener;

  private Mqtt5Link(MqttAsyncClient client, CloudLink.Listener listener) {
    this.client = client;
    this.listener = listener;
  }

  static Mqtt5Link connect(LinkSettings settings, CloudLink.Listener listener) throws LinkFailure {
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new LinkFailure(settings.url() + ": " + e.getMessage(), false, e);
    }
    Mqtt5Link link = new Mqtt5Link(client, listener);
    client.setCallback(link.new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(!settings.persistentSession());
    options.setSessionExpiryInterval(
        settings.persistentSession() ? settings.sessionExpiry().toSeconds() : 0L);
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
    options.setAutomaticReconnect(false);
    options.setReceiveMaximum(Math.max(1, Math.min(65535, settings.maxInflight())));
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(new String(settings.password()).getBytes(StandardCharsets.UTF_8));
    }
    if (settings.tls() != null) {
      options.setSocketFactory(settings.tls());
    }
    if (settings.willTopic() != null) {
      MqttMessage will = new MqttMessage(settings.willPayload());
      will.setQos(1);
      will.setRetained(true);
      options.setWill(settings.willTopic(), will);
    }
    try {
      client.connect(options).waitForCompletion(TIMEOUT_MS);
      if (!settings.subscriptions().isEmpty()) {
        MqttSubscription[] subscriptions =
            settings.subscriptions().stream()
                .map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
        IMqttToken token = client.subscribe(subscriptions);
        token.waitForCompletion(TIMEOUT_MS);
        for (int code : token.getReasonCodes()) {
          if (code >= 0x80) {
            link.close();
            throw new LinkFailure(
                settings.url()
                    + ": subscription to "
                    + settings.subscriptions()
                    + " refused (reason "
                    + code
                    + ")",
                false,
                null);
          }
        }
      }
      return link;
    } catch (MqttException e) {
      closeQuietly(client);
      boolean refused =
          e.getReasonCode() == 0x84
              || e.getReasonCode() == 1
              || e.getCause() instanceof EOFException;
      throw new LinkFailure(describe(settings, e), refused, e);
    }
  }

  static String describe(LinkSettings settings, Exception e) {
    Throwable cause = e.getCause();
    return settings.url()
        + ": "
        + e.getMessage()
        + (cause != null && cause != e ? " (" + cause.getMessage() + ")" : "");
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    message.setRetained(retained);
    try {
      client.publish(
          topic,
          message,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              int[] codes = token.getReasonCodes();
              if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                done.completeExceptionally(
                    new IllegalStateException(
                        "broker refused publish to " + topic + " (reason " + codes[0] + ")"));
              } else {
                done.complete(null);
              }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              done.completeExceptionally(cause);
            }
          });
    } catch (MqttException | RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public boolean connected() {
    return client.isConnected();
  }

  @Override
  public String protocol() {
    return "5";
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(MqttAsyncClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException ignored) {
      // closing anyway
    }
    try {
      client.close(true);
    } catch (MqttException ignored) {
      // nothing left to release
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      listener.lost(
          response.getException() != null
              ? response.getException()
              : new IllegalStateException("disconnected: reason " + response.getReturnCode()));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      listener.lost(exception);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      listener.message(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
