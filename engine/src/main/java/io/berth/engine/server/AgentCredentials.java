package io.berth.engine.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of registered agents: each container instance gets {@code berth-instance-1.<id>.<mac>},
 * the HMAC-SHA256 of its id under the control plane's instance key. Nothing per instance needs
 * storing to check one, and a restarted control plane with the same key accepts the agents it
 * registered before. A revoked instance's credential is refused for good: the revoked ids are kept
 * in {@code revoked-instances} of the data directory when there is one.
 */
final class AgentCredentials {
  private static final String PREFIX = "berth-instance-1.";

  private final byte[] key;
  private final Optional<Path> revokedFile;
  private final Set<String> revoked = new TreeSet<>();

  AgentCredentials(String hexKey, Optional<Path> revokedFile) {
    this.key = HexFormat.of().parseHex(hexKey);
    this.revokedFile = revokedFile;
    revokedFile.filter(Files::isRegularFile).ifPresent(file -> {
      try {
        Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty())
            .forEach(revoked::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    });
  }

  /** The credential of {@code instanceId}. */
  String issue(String instanceId) {
    return PREFIX + instanceId + "." + mac(instanceId);
  }

  /** The instance {@code token} is the valid, unrevoked credential of; empty for anything else. */
  synchronized Optional<String> instance(String token) {
    if (!token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int dot = token.lastIndexOf('.');
    if (dot <= PREFIX.length()) {
      return Optional.empty();
    }
    String id = token.substring(PREFIX.length(), dot);
    boolean valid = MessageDigest.isEqual(token.substring(dot + 1).getBytes(StandardCharsets.UTF_8),
        mac(id).getBytes(StandardCharsets.UTF_8));
    return valid && !revoked.contains(id) ? Optional.of(id) : Optional.empty();
  }

  /** Whether {@code instanceId} was revoked. */
  synchronized boolean revoked(String instanceId) {
    return revoked.contains(instanceId);
  }

  /** Refuses {@code instanceId}'s credential from now on (kept in the data directory first, if any). */
  synchronized void revoke(String instanceId) {
    Set<String> next = new TreeSet<>(revoked);
    next.add(instanceId);
    revokedFile.ifPresent(file -> {
      try {
        SecretFiles.write(file, String.join("\n", next) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record the revocation in " + file + ": " + e.getMessage(), e);
      }
    });
    revoked.add(instanceId);
  }

  private String mac(String instanceId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(instanceId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
