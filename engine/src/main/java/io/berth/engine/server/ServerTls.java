package io.berth.engine.server;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the API serves HTTPS: the server's key and certificate chain in {@code context}, and the
 * SHA-256 fingerprint of the CA certificate agents trust (carried in join tokens).
 *
 * @param context the server's SSL context (key manager with the server's key and chain)
 * @param caFingerprint 64 lowercase hex digits: SHA-256 of the CA certificate's DER encoding
 */
public record ServerTls(SSLContext context, String caFingerprint) {

  /** Requires both members. */
  public ServerTls {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(caFingerprint, "caFingerprint == null");
  }
}
