package dev.parkedge.sync.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedCommandTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final KeyPair tenant = Ed25519Keys.generate();

  private Command command(String tenantId, String site, Instant expires) {
    ObjectNode body = new ObjectMapper().createObjectNode().put("space", "A-1").put("on", true);
    return new Command(
        "c-1", tenantId, site, "space.maintenance", NOW.minusSeconds(60), expires, body);
  }

  private byte[] signed(Command command) {
    return SignedCommand.sign(command, tenant.getPrivate());
  }

  private SignedCommand.Verdict verify(byte[] message) {
    return SignedCommand.verify(message, tenant.getPublic(), "acme", "s1", NOW);
  }

  @Test
  void verifies_a_command_signed_by_the_tenant_for_this_site() {
    SignedCommand.Verdict verdict = verify(signed(command("acme", "s1", NOW.plusSeconds(60))));

    assertThat(verdict).isInstanceOf(SignedCommand.Verified.class);
    Command command = ((SignedCommand.Verified) verdict).command();
    assertThat(command.id()).isEqualTo("c-1");
    assertThat(command.text("space")).isEqualTo("A-1");
  }

  @Test
  void rejects_a_command_signed_by_another_key() {
    byte[] forged =
        SignedCommand.sign(
            command("acme", "s1", NOW.plusSeconds(60)), Ed25519Keys.generate().getPrivate());

    assertThat(verify(forged)).isEqualTo(new SignedCommand.Rejected("c-1", "bad signature"));
  }

  @Test
  void rejects_a_payload_changed_after_signing() {
    String message = new String(signed(command("acme", "s1", NOW.plusSeconds(60))));
    String tampered = message.replaceFirst("\"payload\":\"e", "\"payload\":\"f");

    assertThat(verify(tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            SignedCommand.Rejected.class,
            r -> assertThat(r.reason()).isIn("bad signature", "malformed: payload"));
  }

  @Test
  void rejects_other_tenants_other_sites_and_expired_commands() {
    assertThat(reason(signed(command("other", "s1", NOW.plusSeconds(60)))))
        .isEqualTo("wrong tenant: for other, this gateway is acme");
    assertThat(reason(signed(command("acme", "s2", NOW.plusSeconds(60)))))
        .isEqualTo("wrong site: for s2, this gateway is s1");
    assertThat(reason(signed(command("acme", "s1", NOW))))
        .isEqualTo("expired: at 2026-03-01T10:00:00Z, now 2026-03-01T10:00:00Z");
  }

  @Test
  void rejects_malformed_messages_naming_what_is_wrong() {
    assertThat(reason("not json".getBytes(StandardCharsets.UTF_8))).startsWith("malformed: ");
    assertThat(reason("{\"sig\":\"AA\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("malformed: no \"payload\"");
    assertThat(reason(new byte[SignedCommand.MAX_MESSAGE_BYTES + 1]))
        .isEqualTo("malformed: message of 524289 bytes, more than 524288");
  }

  @Test
  void reads_the_claimed_id_without_trusting_it() {
    assertThat(SignedCommand.claimedId(signed(command("acme", "s1", NOW.plusSeconds(9)))))
        .isEqualTo("c-1");
    assertThat(SignedCommand.claimedId("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo("-");
  }

  private String reason(byte[] message) {
    return ((SignedCommand.Rejected) verify(message)).reason();
  }
}
