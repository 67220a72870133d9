package io.berth.engine.server;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The cluster CA of {@code berth server}: created on first start in the data directory ({@code
 * ca.pem}, {@code ca-key.pem}), it signs a new server certificate ({@code server.pem}) at every start
 * for the names and addresses the server is reached at. Or the operator's own files ({@code
 * --tls-cert}, {@code --tls-key}, {@code --tls-ca}). Certificate work is Bouncy Castle's; TLS is the
 * JDK's. Keys are EC P-256, signatures SHA256withECDSA.
 */
public final class ClusterCa {
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration SERVER_VALIDITY = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ClusterCa() {}

  /**
   * The TLS of a server with its own CA in {@code dir} (created if absent), its certificate naming
   * {@code names} (host names or IP literals) and valid from {@code now}.
   */
  public static ServerTls ownCa(Path dir, Set<String> names, Instant now) throws IOException {
    try {
      Path caFile = dir.resolve("ca.pem");
      Path caKeyFile = dir.resolve("ca-key.pem");
      X509Certificate ca;
      PrivateKey caKey;
      if (Files.isRegularFile(caFile) && Files.isRegularFile(caKeyFile)) {
        ca = certificates(caFile).get(0);
        caKey = privateKey(caKeyFile);
      } else {
        KeyPair pair = keyPair();
        X500Name name = new X500Name("CN=Berth cluster CA");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(builder, pair.getPrivate());
        caKey = pair.getPrivate();
        SecretFiles.write(caKeyFile, pem(new JcaPKCS8Generator(caKey, null))); // PKCS#8, curve named in it
        SecretFiles.write(caFile, pem(ca));
      }
      KeyPair server = keyPair();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_VALIDITY)),
          new X500Name("CN=berth server"), server.getPublic());
      List<GeneralName> alternatives = new ArrayList<>();
      for (String host : names) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
      }
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(alternatives.toArray(GeneralName[]::new)));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate certificate = sign(builder, caKey);
      SecretFiles.write(dir.resolve("server.pem"), pem(certificate) + pem(ca));
      return new ServerTls(context(server.getPrivate(), List.of(certificate, ca)), fingerprint(ca));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the cluster's certificates in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The TLS of a server with the operator's certificate chain, key and CA (PEM files). */
  public static ServerTls given(Path certificateFile, Path keyFile, Path caFile) throws IOException {
    try {
      List<X509Certificate> chain = new ArrayList<>(certificates(certificateFile));
      X509Certificate ca = certificates(caFile).get(0);
      if (!chain.contains(ca)) {
        chain.add(ca); // agents pinning the CA by fingerprint find it in the chain
      }
      return new ServerTls(context(privateKey(keyFile), chain), fingerprint(ca));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use --tls-cert " + certificateFile + " and --tls-key " + keyFile
          + ": " + e.getMessage() + "; give a PEM certificate chain and its PEM private key", e);
    }
  }

  /** The names and addresses a server listening on {@code host} is reached at: its own, this host's, loopback's. */
  public static Set<String> serverNames(String host, List<String> extra) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    if (!host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
      names.add(host);
    }
    try {
      InetAddress local = InetAddress.getLocalHost();
      names.add(local.getHostName());
      names.add(local.getHostAddress());
    } catch (IOException e) {
      // no name for this host: the others still serve
    }
    try {
      for (var network : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        for (var address : java.util.Collections.list(network.getInetAddresses())) {
          String text = address.getHostAddress();
          int zone = text.indexOf('%');
          names.add(zone < 0 ? text : text.substring(0, zone));
        }
      }
    } catch (IOException e) {
      // the interfaces are unreadable: the names above still serve
    }
    names.addAll(extra);
    return names;
  }

  /** SHA-256 of the certificate's DER encoding, 64 lowercase hex digits. */
  public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist; give a PEM certificate file");
    }
    List<X509Certificate> list = new ArrayList<>();
    try (var in = Files.newInputStream(file)) {
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        list.add((X509Certificate) certificate);
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM certificate");
    }
    return list;
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist; give a PEM private key file");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); PEMParser parser = new PEMParser(reader)) {
      Object read = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (read instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (read instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalArgumentException(file + " holds no unencrypted PEM private key");
    }
  }

  private static SSLContext context(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException,
      IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = new char[0];
    store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).setBit(63);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }

  private static String pem(Object value) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(value);
    }
    return out.toString();
  }
}
