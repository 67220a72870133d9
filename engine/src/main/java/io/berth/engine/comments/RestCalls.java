package io.berth.engine.comments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTPS to a hosting service's REST API, for the comment threads: one client, a timeout
 * on every call, and a refusal turned into a message that names the call, the answer and the fix.
 *
 * @param service the service's name in messages (GitHub, GitLab)
 * @param headers sent with every request (authentication, API version)
 * @param tokenHint what to check when the service refuses the token
 */
record RestCalls(String service, Map<String, String> headers, String tokenHint) {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Sends {@code method} to {@code uri} with {@code body} (JSON, or null) and returns the answer's JSON (null when empty). */
  JsonNode send(String method, URI uri, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
    headers.forEach(request::header);
    try {
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalArgumentException(service + " answered " + response.statusCode() + " to " + method + " " + uri
            + firstLine(response.body()) + (response.statusCode() == 401 || response.statusCode() == 403
                ? "; " + tokenHint : response.statusCode() == 404 ? "; check the repository and the request number" : ""));
      }
      return response.body().isBlank() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot reach " + service + " at " + uri + ": " + e
          + "; check the API address and the network", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + service, e);
    }
  }

  private static String firstLine(String body) {
    String line = body == null ? "" : body.lines().findFirst().orElse("").strip();
    return line.isEmpty() ? "" : " (" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + ")";
  }
}
