package dev.parkedge.gateway.transport.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;

/** One line an installer can act on, for a failed MQTT connection. */
final class ConnectFailure {
  private ConnectFailure() {}

  static String describe(MqttException e) {
    return switch (e.getReasonCode()) {
      case MqttException.REASON_CODE_FAILED_AUTHENTICATION,
          MqttException.REASON_CODE_NOT_AUTHORIZED ->
          "the broker refused the credentials (check username and password_file)";
      case MqttException.REASON_CODE_INVALID_CLIENT_ID ->
          "the broker refused the client id (check client_id)";
      case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "the broker is unavailable";
      case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker in time";
      case MqttException.REASON_CODE_SERVER_CONNECT_ERROR ->
          "cannot reach the broker"
              + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
      default ->
          e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
    };
  }
}
