package dev.parkedge.sync.mqtt;

import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** MQTT 3.1.1 through Paho's v3 client, memory persistence only. */
final class Mqtt3Link implements CloudLink {
  private final MqttAsyncClient client;
  private final CloudLink.Listener listener;

  private Mqtt3Link(MqttAsyncClient client, CloudLink.Listener listener) {
    this.client = client;
    this.listener = listener;
  }

  static Mqtt3Link connect(LinkSettings settings, CloudLink.Listener listener) throws LinkFailure {
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new LinkFailure(settings.url() + ": " + e.getMessage(), false, e);
    }
    Mqtt3Link link = new Mqtt3Link(client, listener);
    client.setCallback(link.new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(!settings.persistentSession());
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setConnectionTimeout((int) (Mqtt5Link.TIMEOUT_MS / 1000));
    options.setAutomaticReconnect(false);
    options.setMaxInflight(settings.maxInflight());
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(settings.password());
    }
    if (settings.tls() != null) {
      options.setSocketFactory(settings.tls());
    }
    if (settings.willTopic() != null) {
      options.setWill(settings.willTopic(), settings.willPayload(), 1, true);
    }
    try {
      client.connect(options).waitForCompletion(Mqtt5Link.TIMEOUT_MS);
      if (!settings.subscriptions().isEmpty()) {
        String[] filters = settings.subscriptions().toArray(String[]::new);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        IMqttToken token = client.subscribe(filters, qos);
        token.waitForCompletion(Mqtt5Link.TIMEOUT_MS);
        for (int granted : token.getGrantedQos()) {
          if (granted == 0x80) {
            link.close();
            throw new LinkFailure(
                settings.url() + ": subscription to " + settings.subscriptions() + " refused",
                false,
                null);
          }
        }
      }
      return link;
    } catch (MqttException e) {
      link.close();
      throw new LinkFailure(Mqtt5Link.describe(settings, e), false, e);
    }
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.publish(
          topic,
          payload,
          qos,
          retained,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.complete(null);
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
    return "3.1.1";
  }

  @Override
  public void close() {
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
    public void connectionLost(Throwable cause) {
      listener.lost(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      listener.message(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
