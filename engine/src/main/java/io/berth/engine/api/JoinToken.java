package io.berth.engine.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The join tokens {@code berth server} makes: {@code BERTH-JOIN-1-<ca>-<secret>}, where {@code <ca>}
 * is the SHA-256 fingerprint of the cluster CA's certificate (64 hex digits, {@code none} on a plain
 * HTTP server) and {@code <secret>} 32 random bytes in hex. As with {@code docker swarm join}, an
 * agent given only the token trusts the server whose chain holds that CA, so the token alone lets a
 * host join safely. A token written by hand is accepted too; it carries no fingerprint.
 */
public final class JoinToken {
  private static final Pattern FORMAT = Pattern.compile("BERTH-JOIN-1-([0-9a-f]{64}|none)-([0-9a-f]{64})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private JoinToken() {}

  /** A new token carrying {@code caFingerprint} (empty: a plain HTTP server). */
  public static String create(Optional<String> caFingerprint) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return "BERTH-JOIN-1-" + caFingerprint.orElse("none") + "-" + HexFormat.of().formatHex(secret);
  }

  /** The CA fingerprint {@code token} carries, if it is one of Berth's and names one. */
  public static Optional<String> caFingerprint(String token) {
    Matcher matcher = FORMAT.matcher(token.strip());
    if (!matcher.matches() || matcher.group(1).equals("none")) {
      return Optional.empty();
    }
    return Optional.of(matcher.group(1));
  }

  /** A random hex secret of 32 bytes, for tokens and keys. */
  public static String randomHex() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
