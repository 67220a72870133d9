package io.berth.engine.server;

import io.berth.engine.api.JoinToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster's join tokens: the current one, and after a rotation the previous one until its grace
 * period ends (on the injected clock). The current token is kept in {@code join-token} of the
 * control plane's data directory when it has one (where {@code berth server} reads it at start), so a restarted control plane accepts it again; a
 * restart ends the previous token's grace.
 */
final class JoinTokens {
  private final Clock clock;
  private final Duration grace;
  private final Optional<Path> file;
  private final Optional<String> caFingerprint;
  private String current;
  private String previous;
  private Instant previousUntil = Instant.MIN;

  JoinTokens(String initial, Duration grace, Clock clock, Optional<Path> file, Optional<String> caFingerprint) {
    this.current = initial;
    this.grace = grace;
    this.clock = clock;
    this.file = file;
    this.caFingerprint = caFingerprint;
  }

  /** Whether {@code presented} is the current token, or the previous one within its grace period. */
  synchronized boolean accepts(String presented) {
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    boolean currentMatches = MessageDigest.isEqual(bytes, current.getBytes(StandardCharsets.UTF_8));
    boolean previousMatches = previous != null && clock.instant().isBefore(previousUntil)
        && MessageDigest.isEqual(bytes, previous.getBytes(StandardCharsets.UTF_8));
    return currentMatches | previousMatches;
  }

  /** Makes a new current token; the old one stays valid for the grace period. Returns the new token. */
  synchronized Rotation rotate() {
    previous = current;
    previousUntil = clock.instant().plus(grace);
    current = JoinToken.create(caFingerprint);
    file.ifPresent(path -> {
      try {
        SecretFiles.write(path, current + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the new join token to " + path + ": " + e.getMessage(), e);
      }
    });
    return new Rotation(current, previousUntil);
  }

  /** A rotation's outcome: the new token, and until when the previous one is still accepted. */
  record Rotation(String token, Instant previousValidUntil) {}
}
