package io.berth.engine.server;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One request to the API as the routes see it, whatever carried it: its method, its request target
 * as sent (path and query still %-escaped), its headers, its whole body and the address it came from.
 *
 * @param method the method as sent ({@code GET}, {@code POST}...)
 * @param target the request target as sent: {@code /v1/instances/i-1/sync?wait=5000}
 * @param headers each header's first value, keyed by its name in lower case
 * @param body the body, empty when there was none
 * @param remote the client's address
 * @param clientWaiting whether the client still waits for the answer (its connection is open)
 */
record ApiRequest(String method, String target, Map<String, String> headers, byte[] body, InetSocketAddress remote,
    BooleanSupplier clientWaiting) {

  /** Copies {@code headers}; {@code body} is kept as given (the transport hands it over). */
  ApiRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of header {@code name} (any case). */
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * The path, still %-escaped: the target up to its query or fragment, and without the scheme and
   * host of an absolute target ({@code http://host:port/v1/status}).
   */
  String rawPath() {
    String path = beforeFragment();
    int query = path.indexOf('?');
    path = query < 0 ? path : path.substring(0, query);
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int slash = path.indexOf('/', lower.indexOf("//") + 2);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    return path;
  }

  /** The query, still %-escaped, if the target has one. */
  Optional<String> rawQuery() {
    String target = beforeFragment();
    int query = target.indexOf('?');
    return query < 0 ? Optional.empty() : Optional.of(target.substring(query + 1));
  }

  private String beforeFragment() {
    int fragment = target.indexOf('#');
    return fragment < 0 ? target : target.substring(0, fragment);
  }

  /**
   * The path with its %-escapes decoded (as UTF-8; {@code +} stays {@code +}), for messages; the raw
   * path when an escape is malformed.
   */
  String path() {
    return percentDecoded(rawPath(), false).orElse(rawPath());
  }

  /**
   * {@code value} with its %-escapes decoded as UTF-8 and, with {@code plusIsSpace} (form encoding,
   * as in a query), each {@code +} as a space; empty when a {@code %} is not followed by two hex digits.
   */
  static Optional<String> percentDecoded(String value, boolean plusIsSpace) {
    if (value.indexOf('%') < 0 && !(plusIsSpace && value.indexOf('+') >= 0)) {
      return Optional.of(value);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    byte[] raw = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '%') {
        int high = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
        int low = high >= 0 ? Character.digit(raw[i + 2], 16) : -1;
        if (low < 0) {
          return Optional.empty();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(plusIsSpace && b == '+' ? ' ' : b);
      }
    }
    return Optional.of(bytes.toString(StandardCharsets.UTF_8));
  }
}
