package io.berth.engine.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The admin tokens file: one token a line, {@code NAME SCOPE TOKEN} separated by blanks, scope
 * {@code read} or {@code write}; blank lines and {@code #} comments are skipped.
 *
 * <pre>
 * # who    scope  token
 * alice    write  4f0c9d...
 * grafana  read   9be1a2...
 * </pre>
 */
public final class AdminTokens {
  private AdminTokens() {}

  /** Reads {@code file}; a line that is not {@code NAME SCOPE TOKEN} is an error naming it and the fix. */
  public static List<AdminToken> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("admin tokens file " + file + " does not exist; write one line NAME SCOPE TOKEN"
          + " per token (scope read or write)");
    }
    List<AdminToken> tokens = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("\\s+");
      String where = file + " line " + number;
      if (parts.length != 3) {
        throw new IllegalArgumentException(where + " has " + parts.length + " words; write NAME SCOPE TOKEN"
            + " (e.g. alice write <token>)");
      }
      AdminScope scope = switch (parts[1].toLowerCase(Locale.ROOT)) {
        case "read" -> AdminScope.READ;
        case "write" -> AdminScope.WRITE;
        default -> throw new IllegalArgumentException(where + ": scope '" + parts[1] + "' is neither read nor write");
      };
      if (parts[2].length() < 16) {
        throw new IllegalArgumentException(where + ": the token of " + parts[0] + " is shorter than 16 characters;"
            + " use a random one (e.g. openssl rand -hex 32)");
      }
      if (!names.add(parts[0])) {
        throw new IllegalArgumentException(where + ": the name " + parts[0] + " is used twice; give each token its own");
      }
      tokens.add(new AdminToken(parts[0], scope, parts[2]));
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("admin tokens file " + file + " holds no token; write one line NAME SCOPE TOKEN");
    }
    return List.copyOf(tokens);
  }

  /** The token {@code presented} is, compared in constant time against every one. */
  static Optional<AdminToken> match(List<AdminToken> tokens, String presented) {
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    AdminToken found = null;
    for (AdminToken token : tokens) {
      // every token is compared, so the time taken says nothing about which one matched
      if (MessageDigest.isEqual(bytes, token.token().getBytes(StandardCharsets.UTF_8))) {
        found = token;
      }
    }
    return Optional.ofNullable(found);
  }
}
