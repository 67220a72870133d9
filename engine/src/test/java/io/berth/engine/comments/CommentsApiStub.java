package io.berth.engine.comments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the two comment APIs Berth calls, with their paths, methods, status codes,
 * JSON shapes, token headers and pagination: GitHub's issue comments of a pull request and GitLab's
 * notes of a merge request. It keeps the comments of any number of threads in memory and logs every
 * call, so tests can tell an edit from a new comment. Public: the Maven plugin's CI test uses it too.
 */
public final class CommentsApiStub implements AutoCloseable {
  /** The token every call must carry. */
  public static final String TOKEN = "stub-token-1";

  private static final Pattern GITHUB_THREAD = Pattern.compile("/repos/([^/]+/[^/]+)/issues/([0-9]+)/comments");
  private static final Pattern GITHUB_COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/([0-9]+)");
  private static final Pattern GITLAB_THREAD = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/([0-9]+)/notes");
  private static final Pattern GITLAB_NOTE = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/([0-9]+)/notes/([0-9]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One stored comment.
   *
   * @param id its id
   * @param thread {@code github:OWNER/NAME#N} or {@code gitlab:PROJECT!IID}
   * @param body its text
   * @param system a GitLab system note
   */
  public record Stored(long id, String thread, String body, boolean system) {}

  private final HttpServer server;
  private final Map<Long, Stored> comments = new LinkedHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private long nextId = 1000;

  /** Starts on an ephemeral loopback port. */
  public CommentsApiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The root to give as GitHub's API address ({@code GITHUB_API_URL}). */
  public String gitHubApi() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The root to give as GitLab's API address ({@code CI_API_V4_URL}). */
  public String gitLabApi() {
    return gitHubApi() + "/api/v4";
  }

  /** Adds a comment as someone else (or GitLab itself) would have posted it; returns its id. */
  public synchronized long seed(String thread, String body, boolean system) {
    long id = nextId++;
    comments.put(id, new Stored(id, thread, body, system));
    return id;
  }

  /** The comments of {@code thread}, oldest first. */
  public synchronized List<Stored> comments(String thread) {
    return comments.values().stream().filter(c -> c.thread().equals(thread)).toList();
  }

  /** Every call so far as {@code METHOD /path}, in order. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      String path = uri.getRawPath();
      calls.add(method + " " + path);
      boolean gitlab = path.startsWith("/api/v4/");
      String token = gitlab ? exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN")
          : exchange.getRequestHeaders().getFirst("Authorization");
      if (!(gitlab ? TOKEN : "Bearer " + TOKEN).equals(token)) {
        reply(exchange, 401, "{\"message\":\"Bad credentials\"}");
        return;
      }
      Map<String, String> query = query(uri.getRawQuery());
      Matcher m;
      if ((m = GITHUB_THREAD.matcher(path)).matches() || (m = GITLAB_THREAD.matcher(path)).matches()) {
        String thread = (gitlab ? "gitlab:" + m.group(1) + "!" : "github:" + m.group(1) + "#") + m.group(2);
        if (method.equals("GET")) {
          reply(exchange, 200, page(thread, query, gitlab));
        } else if (method.equals("POST")) {
          long id = seed(thread, body(exchange), false);
          reply(exchange, 201, json(comments.get(id), gitlab));
        } else {
          reply(exchange, 405, "{}");
        }
        return;
      }
      if ((m = GITHUB_COMMENT.matcher(path)).matches() || (m = GITLAB_NOTE.matcher(path)).matches()) {
        long id = Long.parseLong(m.group(m.groupCount()));
        Stored stored = comments.get(id);
        boolean editing = method.equals(gitlab ? "PUT" : "PATCH");
        if (stored == null || stored.thread().startsWith("gitlab:") != gitlab) {
          reply(exchange, 404, "{\"message\":\"Not Found\"}");
        } else if (editing) {
          comments.put(id, new Stored(id, stored.thread(), body(exchange), false));
          reply(exchange, 200, json(comments.get(id), gitlab));
        } else if (method.equals("DELETE")) {
          comments.remove(id);
          reply(exchange, 204, "");
        } else {
          reply(exchange, 405, "{}");
        }
        return;
      }
      reply(exchange, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private String page(String thread, Map<String, String> query, boolean gitlab) {
    int perPage = Integer.parseInt(query.getOrDefault("per_page", gitlab ? "20" : "30"));
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    List<Stored> all = comments(thread);
    ArrayNode array = JSON.createArrayNode();
    all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(c -> array.add(node(c, gitlab)));
    return array.toString();
  }

  private static String json(Stored comment, boolean gitlab) {
    return node(comment, gitlab).toString();
  }

  private static ObjectNode node(Stored comment, boolean gitlab) {
    ObjectNode node = JSON.createObjectNode().put("id", comment.id()).put("body", comment.body());
    if (gitlab) {
      node.put("system", comment.system()).put("noteable_type", "MergeRequest");
    } else {
      node.put("html_url", "https://github.example/comments/" + comment.id());
    }
    return node;
  }

  private static String body(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    return body.path("body").asText();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return query;
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    if (status != 204) {
      exchange.getResponseBody().write(bytes);
    }
  }
}
