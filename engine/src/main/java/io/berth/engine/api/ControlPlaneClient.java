package io.berth.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.json.BerthJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP client of the control plane API, for agents (join token) and the CLI (admin token).
 *
 * <pre>{@code
 * var client = new ControlPlaneClient(URI.create("http://127.0.0.1:7070"), joinToken);
 * var id = client.register(request).instanceId();
 * var desired = client.sync(id, new SyncRequest(observed)).tasks();
 * }</pre>
 */
public final class ControlPlaneClient {
  /** Header of a sync answer carrying the assignment's index, sent back with {@code ?index=} to block. */
  public static final String INDEX_HEADER = "X-Berth-Index";

  private static final ObjectMapper JSON = BerthJson.mapper().copy()
      .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final URI base;
  private final String token;
  private final HttpClient http;

  /** A client of the server at {@code base} (e.g. {@code http://127.0.0.1:7070}) using {@code token}. */
  public ControlPlaneClient(URI base, String token) {
    this.base = Objects.requireNonNull(base, "base == null");
    this.token = Objects.requireNonNull(token, "token == null");
    // HTTP/1.1 as the control plane speaks it: the client's default (HTTP/2) would offer an h2c
    // upgrade on every new connection, headers and client-side work for an offer never taken.
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** The server's base URI. */
  public URI base() {
    return base;
  }

  /** {@code POST /v1/instances}. */
  public RegisterInstanceResponse register(RegisterInstanceRequest request) {
    return post("/v1/instances", request, RegisterInstanceResponse.class);
  }

  /** {@code POST /v1/instances/{id}/sync}. */
  public SyncResponse sync(String instanceId, SyncRequest request) {
    return post("/v1/instances/" + encode(instanceId) + "/sync", request, SyncResponse.class);
  }

  /**
   * A sync answer with the index of the assignment it carries; empty from a control plane that does
   * not offer blocking syncs.
   */
  public record Synced(SyncResponse response, OptionalLong index) {}

  /**
   * {@code POST /v1/instances/{id}/sync?index=..&wait=ms}, sent asynchronously: with a known {@code
   * index} and a positive {@code wait}, the control plane answers once the instance's assignment
   * differs from that index, or when the wait (capped by the server) runs out. Cancel the future to
   * abandon the exchange. Fails with {@link ApiException} (wrapped in a CompletionException).
   */
  public CompletableFuture<Synced> syncAsync(String instanceId, SyncRequest request, OptionalLong index,
      Duration wait) {
    return syncAsync(instanceId, request, index, wait, OptionalLong.empty());
  }

  /**
   * As {@link #syncAsync(String, SyncRequest, OptionalLong, Duration)}; with {@code known} (the index
   * of the answer whose tasks the caller holds) the control plane may answer {@link
   * SyncResponse#UNCHANGED} instead of those same tasks again.
   */
  public CompletableFuture<Synced> syncAsync(String instanceId, SyncRequest request, OptionalLong index,
      Duration wait, OptionalLong known) {
    StringBuilder query = new StringBuilder();
    if (index.isPresent() && !wait.isZero() && !wait.isNegative()) {
      query.append("?index=").append(index.getAsLong()).append("&wait=").append(wait.toMillis());
    }
    known.ifPresent(k -> query.append(query.length() == 0 ? '?' : '&').append("known=").append(k));
    HttpRequest http = jsonPost("/v1/instances/" + encode(instanceId) + "/sync" + query, request);
    URI uri = http.uri();
    return this.http.sendAsync(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, failure) -> {
          if (failure != null) {
            throw new ApiException("control plane at " + base + " did not answer: " + failure.getMessage(), failure);
          }
          OptionalLong answered = checked(response).headers().firstValue(INDEX_HEADER)
              .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
          return new Synced(read(uri, response.body(), JSON.constructType(SyncResponse.class)), answered);
        });
  }

  /** {@code GET /v1/secrets/{name}?taskId=..}; 403 when the task's execution role may not read it. */
  public SecretValue secret(String name, String taskId) {
    return get("/v1/secrets/" + encode(name) + "?taskId=" + encode(taskId), SecretValue.class);
  }

  /** GET a path and read the body as {@code type}. */
  public <T> T get(String path, Class<T> type) {
    return send(request(path).GET().build(), JSON.constructType(type));
  }

  /** GET a path and read the body as {@code type} (for generic types). */
  public <T> T get(String path, JavaType type) {
    return send(request(path).GET().build(), type);
  }

  /** GET a path and return the body as text (for logs). */
  public String getText(String path) {
    HttpResponse<String> response = exchange(request(path).GET().build());
    return response.body();
  }

  /** POST {@code body} as JSON to a path and read the answer as {@code type}. */
  public <T> T post(String path, Object body, Class<T> type) {
    return send(jsonPost(path, body), JSON.constructType(type));
  }

  private HttpRequest jsonPost(String path, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  private <T> T send(HttpRequest request, JavaType type) {
    return read(request.uri(), exchange(request).body(), type);
  }

  private static <T> T read(URI uri, String body, JavaType type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new ApiException("unreadable answer from " + uri + ": " + e.getMessage(), e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApiException("control plane at " + base + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted while calling " + request.uri(), e);
    }
    return checked(response);
  }

  /** The response, unless the control plane answered an error: then its error and fix, as an exception. */
  private static HttpResponse<String> checked(HttpResponse<String> response) {
    if (response.statusCode() >= 400) {
      throw new ApiException(response.statusCode(), readError(response.body()));
    }
    return response;
  }

  private static ApiError readError(String body) {
    try {
      return JSON.readValue(body, ApiError.class);
    } catch (IOException | RuntimeException e) {
      return new ApiError(body, "");
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
