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
    byte[] bytes = RuntimeJson.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void text(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void error(HttpExchange exchange, int status, String error, String fix) throws IOException {
    json(exchange, status, new ApiError(error, fix));
  }
}
