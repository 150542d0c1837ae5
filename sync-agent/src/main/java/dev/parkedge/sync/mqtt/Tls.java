package dev.parkedge.sync.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the broker link: trust the CA in a PEM file; for client-certificate authentication, the
 * gateway's key and certificate from a PKCS#12 file (its password in a 0600 file).
 */
public final class Tls {
  private Tls() {}

  public static SSLSocketFactory socketFactory(Path caPem, Path clientP12, char[] clientPassword)
      throws IOException {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(caPem)) {
        Collection<? extends Certificate> certificates =
            CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certificates.isEmpty()) {
          throw new IOException(caPem + " holds no certificate");
        }
        int i = 0;
        for (Certificate certificate : certificates) {
          trust.setCertificateEntry("ca" + i++, certificate);
        }
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      KeyManagerFactory keyManagers = null;
      if (clientP12 != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(clientP12)) {
          keys.load(in, clientPassword);
        }
        keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, clientPassword);
      }
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          keyManagers == null ? null : keyManagers.getKeyManagers(),
          trustManagers.getTrustManagers(),
          null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS setup failed (" + caPem + "): " + e.getMessage(), e);
    }
  }
}
