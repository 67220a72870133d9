package io.berth.plans.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.json.BerthJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of Berth documents, spelled {@code sha256:<hex>}. */
public final class Digests {
  private Digests() {}

  /** The digest of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The digest of {@code bytes[from, to)}. */
  public static String sha256(byte[] bytes, int from, int to) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, from, to - from);
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The digest of {@code text} as UTF-8. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest of {@code value}'s canonical Berth JSON (same model, same digest). */
  public static String ofJson(Object value) {
    try {
      return sha256(BerthJson.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
