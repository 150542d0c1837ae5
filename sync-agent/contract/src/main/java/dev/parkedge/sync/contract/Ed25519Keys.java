package dev.parkedge.sync.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The tenant's Ed25519 keys as PEM files (the JDK's own Ed25519: no library): the public key in
 * {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo, as {@code openssl pkey -pubout}
 * writes it), the private key in {@code -----BEGIN PRIVATE KEY-----} (PKCS#8).
 */
public final class Ed25519Keys {
  private static final String ALGORITHM = "Ed25519";

  private Ed25519Keys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  public static String privatePem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** Reads a PEM public key; the message names the file and what is wrong. */
  public static PublicKey readPublic(Path file) throws IOException {
    byte[] der = der(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivate(Path file) throws IOException {
    byte[] der = der(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  private static byte[] der(Path file, String label) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + " has no \"" + begin + "\" block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": the " + label + " block is not base64", e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
