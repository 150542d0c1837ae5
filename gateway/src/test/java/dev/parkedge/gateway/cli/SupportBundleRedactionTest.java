package dev.parkedge.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SupportBundleRedactionTest {

  @Test
  void secret_values_are_redacted_and_file_names_kept() {
    String yaml =
        """
        lorawan:
          username: parkedge
          password: hunter2
          password_file: lorawan.secret
        sync:
          token: abc.def
        devices:
          - identity: sensor-1
            key_hex: 00112233445566778899aabbccddeeff
        #  password: shown-in-a-comment-is-fine
        """;

    String redacted = SupportBundleCommand.redact(yaml);

    assertThat(redacted)
        .doesNotContain("hunter2", "abc.def", "00112233445566778899aabbccddeeff")
        .contains("  password: <redacted>")
        .contains("  password_file: lorawan.secret")
        .contains("  username: parkedge")
        .contains("    key_hex: <redacted>");
  }
}
