package io.berth.engine.server;

import com.sun.net.httpserver.HttpExchange;
import io.berth.engine.api.ApiError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for answering with JSON from a {@code com.sun.net.httpserver} handler. */
final class HttpExchanges {
  private HttpExchanges() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    jsonBytes(exchange, status, RuntimeJson.mapper().writeValueAsBytes(body));
  }

  /** A body already written as JSON. */
  private static void jsonBytes(HttpExchange exchange, int status, byte[] bytes) throws IOException {
    send(exchange, status, "application/json", bytes);
  }

  static void text(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * An error answer. A request body the route did not read (a refused sync, say) is read first, up
   * to 1 MiB, so the kept-alive connection is left at the start of the client's next request.
   */
  static void error(HttpExchange exchange, int status, String error, String fix) throws IOException {
    try {
      exchange.getRequestBody().readNBytes(DRAINED);
    } catch (IOException e) {
      // the route read the body already and closed it: nothing is left over
    }
    json(exchange, status, new ApiError(error, fix));
  }

  /** How much of an unread request body an error answer reads before answering. */
  private static final int DRAINED = 1 << 20;
}
