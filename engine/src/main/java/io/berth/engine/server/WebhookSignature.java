package io.berth.engine.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a {@code POST /v1/hooks/state} comes from the Git host the secret was given to, as
 * GitHub and GitLab sign their webhooks: GitHub's {@code X-Hub-Signature-256: sha256=<hex>} is the
 * HMAC-SHA256 of the body with the secret; GitLab's {@code X-Gitlab-Token} is the secret itself.
 * Comparisons take constant time. The body is only hashed, never kept.
 */
final class WebhookSignature {
  /** GitHub's header. */
  static final String GITHUB = "X-Hub-Signature-256";
  /** GitLab's header. */
  static final String GITLAB = "X-Gitlab-Token";
  /** A larger body is refused: a push event is far smaller. */
  static final long MAX_BODY = 16L << 20;

  private WebhookSignature() {}

  /**
   * True when {@code body} is signed with {@code secret} by one of the two headers; reads the body
   * to its end (at most {@link #MAX_BODY}).
   */
  static boolean valid(String secret, InputStream body, Optional<String> github, Optional<String> gitlab)
      throws IOException {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (github.isPresent()) {
      String header = github.get().strip();
      if (!header.startsWith("sha256=")) {
        return false;
      }
      byte[] expected = hmac(key, body);
      byte[] given;
      try {
        given = HexFormat.of().parseHex(header.substring("sha256=".length()));
      } catch (IllegalArgumentException e) {
        return false;
      }
      return MessageDigest.isEqual(expected, given);
    }
    body.skip(MAX_BODY);
    return gitlab.isPresent() && MessageDigest.isEqual(gitlab.get().strip().getBytes(StandardCharsets.UTF_8), key);
  }

  /** The HMAC-SHA256 of {@code body} with {@code key}, as GitHub computes it. */
  static byte[] hmac(byte[] key, InputStream body) throws IOException {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        total += n;
        if (total > MAX_BODY) {
          throw new IOException("webhook body larger than " + MAX_BODY + " bytes");
        }
        mac.update(buffer, 0, n);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }
}
