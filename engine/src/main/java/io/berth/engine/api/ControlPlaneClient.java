package io.berth.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.berth.json.BerthJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP client of the control plane API, for agents (join token, then the instance credential their
 * registration returns) and the CLI (admin token): the one client of every command and agent, over
 * HTTP or HTTPS.
 *
 * <p>Plain blocking HTTP/1.1 exchanges on kept-alive connections ({@link HttpURLConnection}), the
 * asynchronous syncs on a small pool of daemon threads. {@code java.net.http.HttpClient} cost about
 * 3.5 ms of CPU per sync on the agents' side (its selector thread, hand-offs between its workers and
 * the caller), more than the control plane's whole answer, on the cores a rollout needs for Docker.
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
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Threads for {@link #syncAsync}: one per exchange in flight (an agent has one, two while it abandons one). */
  private static final ExecutorService SYNCS = Executors.newCachedThreadPool(new ThreadFactory() {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "berth-sync-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  });
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  /** How long an answer may take beyond a blocking sync's own wait. */
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  /** How long a served apply may take: a plan of thousands of services takes a while, a hung server must not hang us. */
  private static final Duration APPLY_TIMEOUT = Duration.ofMinutes(10);

  private final URI base;
  /** The bearer token: the one given, until a registration answers with the instance's own credential. */
  private volatile String token;
  private final Optional<SSLSocketFactory> tls;

  /**
   * A client of the server at {@code base} (e.g. {@code http://127.0.0.1:7070}) using {@code token};
   * an {@code https://} server is trusted as the JVM's default trust store says.
   */
  public ControlPlaneClient(URI base, String token) {
    this(base, token, Optional.empty());
  }

  /**
   * A client of the server at {@code base} using {@code token}, trusting an {@code https://} server as
   * {@code tls} does ({@link ClientTls#forServer}; empty: the JVM's default trust).
   */
  public ControlPlaneClient(URI base, String token, Optional<SSLSocketFactory> tls) {
    this.base = Objects.requireNonNull(base, "base == null");
    this.token = Objects.requireNonNull(token, "token == null");
    this.tls = Objects.requireNonNull(tls, "tls == null");
  }

  /** The server's base URI. */
  public URI base() {
    return base;
  }

  /**
   * {@code POST /v1/instances}. The instance credential the answer carries is this client's token
   * from then on: an agent syncs and reads secrets with it, and registers again with it.
   */
  public RegisterInstanceResponse register(RegisterInstanceRequest request) {
    RegisterInstanceResponse response = post("/v1/instances", request, RegisterInstanceResponse.class);
    response.instanceToken().ifPresent(credential -> token = credential);
    return response;
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
   * differs from that index, or when the wait (capped by the server) runs out. An abandoned exchange
   * (its future dropped or cancelled) still runs to its end on its own thread: the control plane ends
   * a blocking one when the next sync of the same instance arrives. Fails with {@link ApiException}
   * (wrapped in a CompletionException).
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
    boolean blocking = index.isPresent() && !wait.isZero() && !wait.isNegative();
    if (blocking) {
      query.append("?index=").append(index.getAsLong()).append("&wait=").append(wait.toMillis());
    }
    known.ifPresent(k -> query.append(query.length() == 0 ? '?' : '&').append("known=").append(k));
    String path = "/v1/instances/" + encode(instanceId) + "/sync" + query;
    byte[] body = json(request);
    Duration timeout = blocking ? ANSWER_TIMEOUT.plus(wait) : ANSWER_TIMEOUT;
    return CompletableFuture.supplyAsync(() -> {
      Answer answer = checked(exchange("POST", path, body, timeout));
      OptionalLong answered = answer.index() == null ? OptionalLong.empty()
          : OptionalLong.of(Long.parseLong(answer.index()));
      return new Synced(read(path, answer.body(), JSON.constructType(SyncResponse.class)), answered);
    }, SYNCS);
  }

  /**
   * {@code POST /v1/apply}: {@code berth apply --desired DIR --auto-approve} run by the control plane
   * of {@code berth up}. Empty when the request never reached a control plane that serves it (nothing
   * accepts the connection, or a control plane without the route answers 404), so the apply may run
   * elsewhere. Any other failure is an {@link ApiException}: status 0 when the connection broke after
   * the request was sent, and the control plane may then have applied it.
   */
  public Optional<ApplyResponse> apply(ApplyRequest request) {
    byte[] body = json(request);
    HttpURLConnection connection;
    try {
      connection = connect("POST", "/v1/apply", body, APPLY_TIMEOUT);
    } catch (ApiException e) {
      return Optional.empty();
    }
    Answer answer = exchange(connection, body);
    if (answer.status() == HttpURLConnection.HTTP_NOT_FOUND) {
      return Optional.empty();
    }
    return Optional.of(read("/v1/apply", checked(answer).body(), JSON.constructType(ApplyResponse.class)));
  }

  /** {@code GET /v1/secrets/{name}?taskId=..}; 403 when the task's execution role may not read it. */
  public SecretValue secret(String name, String taskId) {
    return get("/v1/secrets/" + encode(name) + "?taskId=" + encode(taskId), SecretValue.class);
  }

  /** {@code GET /v1/discovery?cluster=..}: every discovery name of the cluster ({@code *}: of all) and its healthy tasks. */
  public List<DiscoveryEntry> discovery(String cluster, Duration timeout) {
    String path = "/v1/discovery?cluster=" + encode(cluster);
    return read(path, checked(exchange("GET", path, null, timeout)).body(),
        JSON.getTypeFactory().constructCollectionType(List.class, DiscoveryEntry.class));
  }

  /** GET a path and read the body as {@code type}. */
  public <T> T get(String path, Class<T> type) {
    return get(path, JSON.constructType(type));
  }

  /** GET a path and read the body as {@code type}, failing if no answer came within {@code timeout}. */
  public <T> T get(String path, Class<T> type, Duration timeout) {
    return read(path, checked(exchange("GET", path, null, timeout)).body(), JSON.constructType(type));
  }

  /** GET a path and read the body as {@code type} (for generic types). */
  public <T> T get(String path, JavaType type) {
    return read(path, checked(exchange("GET", path, null, ANSWER_TIMEOUT)).body(), type);
  }

  /** GET a path and return the body as text (for logs). */
  public String getText(String path) {
    return checked(exchange("GET", path, null, ANSWER_TIMEOUT)).body();
  }

  /** POST {@code body} as JSON to a path and read the answer as {@code type}. */
  public <T> T post(String path, Object body, Class<T> type) {
    return read(path, checked(exchange("POST", path, json(body), ANSWER_TIMEOUT)).body(), JSON.constructType(type));
  }

  private static byte[] json(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private <T> T read(String path, String body, JavaType type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new ApiException("unreadable answer from " + base.resolve(path) + ": " + e.getMessage(), e);
    }
  }

  /** What the control plane answered: status, body and the assignment index header (null: none). */
  private record Answer(int status, String body, String index) {}

  /** One exchange on a new (or kept-alive) connection: {@link #connect} then {@link #exchange(HttpURLConnection, byte[])}. */
  private Answer exchange(String method, String path, byte[] body, Duration timeout) {
    return exchange(connect(method, path, body, timeout), body);
  }

  /**
   * A connection to {@code path} for a request with {@code body} (null: none), connected: failing
   * here, nothing was sent. The body is streamed with its length set, so the connection never
   * re-sends a POST by itself (a register sent twice would make two instances).
   */
  private HttpURLConnection connect(String method, String path, byte[] body, Duration timeout) {
    URI uri = base.resolve(path);
    try {
      // straight to the control plane, as agents always went: never through a JVM-wide proxy setting
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
      if (connection instanceof HttpsURLConnection https && tls.isPresent()) {
        https.setSSLSocketFactory(tls.get()); // the same factory each time, so kept-alive connections are reused
      }
      connection.setRequestMethod(method);
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      connection.setUseCaches(false);
      connection.setRequestProperty("Authorization", "Bearer " + token);
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(body.length);
      }
      connection.connect();
      return connection;
    } catch (IOException | IllegalArgumentException e) {
      throw failure(e);
    }
  }

  /**
   * Sends {@code body} (null: none) on a connection {@link #connect} made and reads the answer, all
   * of it, so the connection is kept alive for the next exchange.
   */
  private Answer exchange(HttpURLConnection connection, byte[] body) {
    try {
      if (body != null) {
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      String text;
      try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new Answer(status, text, connection.getHeaderField(INDEX_HEADER));
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /**
   * A connection or exchange that failed: a TLS handshake the server's certificate failed says
   * which CA to trust, rather than the JDK's words for it.
   */
  private ApiException failure(Exception e) {
    if (e instanceof javax.net.ssl.SSLException && refusedCertificate(e)) {
      // our own trust's words (ClientTls) say which fingerprint it wanted; the JDK's are left out
      String why = "its certificate does not lead to a CA this client trusts";
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause.getMessage() != null && cause.getMessage().startsWith(ClientTls.NOT_PINNED)) {
          why = cause.getMessage();
        }
      }
      return new ApiException("the control plane at " + base + " is not trusted: " + why, "give --ca FILE (ca.pem"
          + " of berth server's data dir), or join with the token berth server made, which carries the CA's fingerprint",
          e);
    }
    if (e instanceof javax.net.ssl.SSLException) {
      // a handshake the server (or the network) cut off is not a question of trust: a control plane
      // being restarted does this, and the agent only has to try again
      return new ApiException("control plane at " + base + " did not answer: the TLS handshake was cut off", e);
    }
    return new ApiException("control plane at " + base + " did not answer: " + e.getMessage(), e);
  }

  /** Whether a TLS failure is this client refusing the server's certificate, not a cut connection. */
  private static boolean refusedCertificate(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.security.cert.CertificateException
          || cause instanceof java.security.cert.CertPathValidatorException
          || (cause.getMessage() != null && cause.getMessage().startsWith(ClientTls.NOT_PINNED))) {
        return true;
      }
    }
    return false;
  }

  /** The answer, unless the control plane answered an error: then its error and fix, as an exception. */
  private static Answer checked(Answer answer) {
    if (answer.status() >= 400) {
      throw new ApiException(answer.status(), readError(answer.body()));
    }
    return answer;
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
