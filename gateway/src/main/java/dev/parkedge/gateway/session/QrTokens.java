package dev.parkedge.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed QR codes for reservations, verified offline: {@code PE1.<key id>.<reservation id>.<expiry,
 * epoch seconds, base 36>.<Ed25519 signature, base64url>}, the signature over everything before its
 * dot. About 125 characters: fits a PSP/1 scan (198 bytes) and a small QR code. Ed25519 signatures
 * are deterministic, so a reservation's code can be printed again at any time without storing it.
 *
 * <p>Keys come from the secrets file: public keys of whoever issues codes (head office), and
 * optionally this gateway's own private key, to issue codes for bookings made on site.
 */
public final class QrTokens {

  static final String PREFIX = "PE1";
  private static final Pattern SHAPE =
      Pattern.compile(
          "PE1\\.([A-Za-z0-9_-]{1,16})\\.([A-Z]-[0-9A-Z]{12})\\.([0-9a-z]{1,10})\\.([A-Za-z0-9_-]{86})");

  private final Map<String, PublicKey> trusted;
  private final String signingKeyId;
  private final PrivateKey signingKey;

  /**
   * @param trusted public keys by key id
   * @param signingKeyId the id of {@code signingKey}, or null when this gateway issues no codes
   */
  public QrTokens(Map<String, PublicKey> trusted, String signingKeyId, PrivateKey signingKey) {
    this.trusted = Map.copyOf(trusted);
    this.signingKeyId = signingKeyId;
    this.signingKey = signingKey;
    if ((signingKeyId == null) != (signingKey == null)) {
      throw new IllegalArgumentException("a signing key needs its id");
    }
  }

  public static QrTokens none() {
    return new QrTokens(Map.of(), null, null);
  }

  /** What a valid code says. */
  public record Claim(String keyId, String reservationId, Instant expires) {}

  /** A code for a reservation valid until {@code expires}; empty when this gateway signs none. */
  public Optional<String> issue(String reservationId, Instant expires) {
    if (signingKey == null) {
      return Optional.empty();
    }
    String body =
        PREFIX
            + "."
            + signingKeyId
            + "."
            + reservationId
            + "."
            + Long.toString(expires.getEpochSecond(), 36);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(signingKey);
      signer.update(body.getBytes(StandardCharsets.US_ASCII));
      return Optional.of(
          body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * The claim of a code signed by a trusted key and not expired at {@code now}.
   *
   * @throws Invalid naming why not: not a ParkEdge code, unknown key, forged, expired
   */
  public Claim verify(String text, Instant now) throws Invalid {
    var match = SHAPE.matcher(text.strip());
    if (!match.matches()) {
      throw new Invalid("not a ParkEdge reservation code");
    }
    PublicKey key = trusted.get(match.group(1));
    if (key == null) {
      throw new Invalid("signed by an unknown key \"" + match.group(1) + "\"");
    }
    String body = text.strip().substring(0, text.strip().lastIndexOf('.'));
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(body.getBytes(StandardCharsets.US_ASCII));
      valid = verifier.verify(Base64.getUrlDecoder().decode(match.group(4)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      valid = false;
    }
    if (!valid) {
      throw new Invalid("signature does not match (forged or altered code)");
    }
    Instant expires = Instant.ofEpochSecond(Long.parseLong(match.group(3), 36));
    if (!now.isBefore(expires)) {
      throw new Invalid("expired at " + expires);
    }
    return new Claim(match.group(1), match.group(2), expires);
  }

  /** Why a code is refused. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(Objects.requireNonNull(reason), null, false, false);
    }
  }
}
