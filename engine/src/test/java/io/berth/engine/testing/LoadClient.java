package io.berth.engine.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The zero-downtime tests' client: Java's {@link HttpClient} sending one GET after another to a URL on
 * its own thread, without retries, recording each outcome. With {@code newConnectionPerRequest} every
 * request says {@code Connection: close} (the test JVM allows that header, see the engine's POM), so
 * each one opens a new connection; otherwise the client keeps its connection alive.
 */
public final class LoadClient implements AutoCloseable {
  /** One request: when it started (nanoTime), whether it got a 200, and what it got otherwise. */
  public record Outcome(long startedNanos, boolean ok, String detail) {}

  private final URI uri;
  private final boolean newConnectionPerRequest;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Starts sending to {@code uri} at once. */
  public LoadClient(URI uri, boolean newConnectionPerRequest) {
    this.uri = uri;
    this.newConnectionPerRequest = newConnectionPerRequest;
    this.thread = new Thread(this::loop, "load-client-" + (newConnectionPerRequest ? "new-connections" : "keep-alive"));
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      long started = System.nanoTime();
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
      if (newConnectionPerRequest) {
        request.header("Connection", "close");
      }
      try {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        outcomes.add(new Outcome(started, response.statusCode() == 200,
            response.statusCode() + " " + response.body().strip()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        outcomes.add(new Outcome(started, false, e.toString()));
      }
    }
  }

  /** Every outcome so far. */
  public List<Outcome> outcomes() {
    return new ArrayList<>(outcomes);
  }

  /** The failed requests among those that started at or after {@code fromNanos}. */
  public List<Outcome> failuresSince(long fromNanos) {
    return outcomes.stream().filter(o -> o.startedNanos() >= fromNanos && !o.ok()).toList();
  }

  /** How many requests started at or after {@code fromNanos}. */
  public long requestsSince(long fromNanos) {
    return outcomes.stream().filter(o -> o.startedNanos() >= fromNanos).count();
  }

  /** Stops after the request under way. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(35_000);
  }
}
