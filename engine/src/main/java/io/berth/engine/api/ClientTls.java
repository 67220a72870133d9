package io.berth.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whom a client of an HTTPS control plane trusts: the CA certificate of a file ({@code --ca}), or
 * the CA whose SHA-256 fingerprint a join token carries, found in the chain the server presents
 * and then checked as that chain's trust anchor, host name included. Any other server is refused.
 */
public final class ClientTls {
  /** How a refusal of a server whose chain lacks the pinned CA begins. */
  static final String NOT_PINNED = "the server's certificate chain holds no CA with the fingerprint";

  private ClientTls() {}

  /**
   * The socket factory for {@code server}: empty for {@code http://}; for {@code https://}, trusting
   * {@code caFile} if given, else the CA of {@code fingerprint}, else the JVM's default trust.
   */
  public static Optional<SSLSocketFactory> forServer(URI server, Optional<Path> caFile, Optional<String> fingerprint) {
    if (!"https".equalsIgnoreCase(server.getScheme())) {
      return Optional.empty();
    }
    try {
      if (caFile.isPresent()) {
        return Optional.of(context(new AnchoredTrust(List.of(read(caFile.get())))).getSocketFactory());
      }
      if (fingerprint.isPresent()) {
        return Optional.of(context(new PinnedTrust(fingerprint.get())).getSocketFactory());
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot use the CA certificate " + caFile.map(Path::toString).orElse("")
          + ": " + e.getMessage() + "; give the cluster's PEM CA file (ca.pem in berth server's --data-dir)", e);
    }
  }

  private static X509Certificate read(Path file) throws IOException, GeneralSecurityException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--ca " + file + " does not exist; give the cluster's PEM CA certificate"
          + " (ca.pem in berth server's --data-dir)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static SSLContext context(X509ExtendedTrustManager trust) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
    return context;
  }

  /** PKIX validation of the server's chain against the given CA certificates only, host name included. */
  private static X509ExtendedTrustManager anchoredOn(List<X509Certificate> anchors) throws CertificateException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        store.setCertificateEntry("ca-" + i, anchors.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (var manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          return extended;
        }
      }
      throw new CertificateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new CertificateException("cannot build the trust in the cluster CA: " + e.getMessage(), e);
    }
  }

  /** A server trust that checks one way; client certificates are never asked of this side. */
  private abstract static class ServerTrust extends X509ExtendedTrustManager {
    abstract X509ExtendedTrustManager delegate(X509Certificate[] chain) throws CertificateException;

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate(chain).checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate(chain).checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate(chain).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      throw new CertificateException("a control plane client accepts no client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      throw new CertificateException("a control plane client accepts no client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a control plane client accepts no client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Trusts the CA certificates of a file. */
  private static final class AnchoredTrust extends ServerTrust {
    private final X509ExtendedTrustManager trust;

    AnchoredTrust(List<X509Certificate> anchors) throws CertificateException {
      this.trust = anchoredOn(anchors);
    }

    @Override
    X509ExtendedTrustManager delegate(X509Certificate[] chain) {
      return trust;
    }
  }

  /** Trusts the CA whose fingerprint the join token carries, once the server's chain shows it. */
  private static final class PinnedTrust extends ServerTrust {
    private final String fingerprint;

    PinnedTrust(String fingerprint) {
      this.fingerprint = fingerprint;
    }

    @Override
    X509ExtendedTrustManager delegate(X509Certificate[] chain) throws CertificateException {
      for (Certificate certificate : chain) {
        if (fingerprint(certificate).equals(fingerprint) && certificate instanceof X509Certificate ca) {
          return anchoredOn(List.of(ca));
        }
      }
      throw new CertificateException(NOT_PINNED + " the join token carries (sha256 " + fingerprint + "): this is not"
          + " the cluster's control plane");
    }

    private static String fingerprint(Certificate certificate) throws CertificateException {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new CertificateException(e.getMessage(), e);
      }
    }
  }
}
