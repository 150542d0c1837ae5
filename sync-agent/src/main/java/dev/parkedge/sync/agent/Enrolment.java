package dev.parkedge.sync.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parkedge.sync.mqtt.CloudLink;
import dev.parkedge.sync.mqtt.CloudLinks;
import dev.parkedge.sync.mqtt.LinkFailure;
import dev.parkedge.sync.mqtt.LinkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code parkedge-sync enroll}: writes sync.yaml and the box's password file (0600), then connects
 * with them, subscribes to the site's down topics and publishes a retained status, so a wrong URL,
 * password or ACL shows at once, on the installer's screen.
 */
public final class Enrolment {
  private Enrolment() {}

  public record Request(
      String broker,
      String tenant,
      String site,
      Path tokenFile,
      String username,
      Path caFile,
      Path clientP12,
      Path gatewayDatabase,
      Path stateFile,
      Path config) {}

  public record Result(boolean ok, String message) {}

  public static Result enroll(Request r) throws IOException {
    String token = Files.readString(r.tokenFile()).lines().findFirst().orElse("").trim();
    if (token.isEmpty()) {
      return new Result(false, r.tokenFile() + " is empty; its first line is the box's token");
    }
    Path folder = r.config().toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path passwordFile = folder.resolve("sync-password");
    Secrets.write(passwordFile, token);
    StringBuilder text = new StringBuilder("# parkedge-sync settings, written by enroll\n");
    text.append("broker: ").append(r.broker()).append('\n');
    text.append("tenant: ").append(r.tenant()).append('\n');
    text.append("site: ").append(r.site()).append('\n');
    text.append("username: ").append(r.username()).append('\n');
    text.append("password_file: ").append(passwordFile).append('\n');
    if (r.caFile() != null) {
      text.append("ca_file: ").append(r.caFile().toAbsolutePath()).append('\n');
    }
    if (r.clientP12() != null) {
      text.append("client_p12: ").append(r.clientP12().toAbsolutePath()).append('\n');
      text.append("client_p12_password_file: ").append(passwordFile).append('\n');
    }
    text.append("gateway_database: ").append(r.gatewayDatabase().toAbsolutePath()).append('\n');
    text.append("state_file: ").append(r.stateFile().toAbsolutePath()).append('\n');
    Files.writeString(r.config(), text.toString());
    AgentSettings settings = AgentSettings.load(r.config());
    CloudLink link;
    try {
      LinkSettings agent = SyncAgent.linkSettings(settings);
      // Its own client id and a clean session: the agent's queued commands stay untouched.
      LinkSettings check =
          new LinkSettings(
              agent.url(),
              agent.clientId() + "-enroll",
              agent.username(),
              agent.password(),
              agent.tls(),
              agent.keepAlive(),
              false,
              agent.sessionExpiry(),
              agent.subscriptions(),
              null,
              null,
              agent.maxInflight(),
              agent.protocol());
      link = CloudLinks.connect(check, new Ignore());
    } catch (LinkFailure e) {
      return new Result(
          false, "wrote " + r.config() + ", but connecting failed: " + e.getMessage());
    }
    try {
      ObjectNode status = new ObjectMapper().createObjectNode();
      status.put("site", r.site());
      status.put("state", "enrolled");
      status.put("agent_version", SyncAgent.VERSION);
      status.put("at", System.currentTimeMillis());
      link.publish(
              settings.topics().status(),
              status.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              1,
              true)
          .get(10, TimeUnit.SECONDS);
      return new Result(
          true,
          "enrolled "
              + r.tenant()
              + "/"
              + r.site()
              + " on "
              + r.broker()
              + " (MQTT "
              + link.protocol()
              + "): wrote "
              + r.config()
              + " and "
              + passwordFile
              + " (0600), status published on "
              + settings.topics().status());
    } catch (Exception e) {
      return new Result(false, "connected, but publishing status failed: " + e.getMessage());
    } finally {
      link.close();
    }
  }

  private static final class Ignore implements CloudLink.Listener {
    @Override
    public void message(String topic, byte[] payload) {}

    @Override
    public void lost(Throwable cause) {}
  }
}
