package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random and mutated requests to every route of the control plane's API: methods, paths (segments
 * changed, added, dropped, %-escaped, very long), query strings, headers (the bearer token right,
 * wrong, of the other kind or missing; random others) and bodies (each route's valid body mutated
 * byte- and value-wise, other JSON, non-JSON, empty). Every answer comes within
 * {@link #ANSWER_WITHIN} (a blocking sync holds a request for at most {@link BlockingSyncs#MAX_SYNC_WAIT}),
 * is never a 5xx, and when it is a 4xx it is Berth's JSON error {@code {"error", "fix"}} without
 * Java's words, whatever the target (a malformed %-escape, a target starting with {@code //}).
 *
 * <p>The routes are a list ({@link #ROUTES}): a new route is one more line there.
 */
class ApiFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_WITHIN = BlockingSyncs.MAX_SYNC_WAIT.plusSeconds(10);
  private static final String JOIN = "join-fuzz";
  private static final String ADMIN = "admin-fuzz";

  /** Which token a route takes. */
  enum Token { JOIN, ADMIN, NONE }

  /** A route as a client calls it correctly; {@code {id}} is a registered instance. */
  record Route(String method, String target, Token token, String body) {}

  static final List<Route> ROUTES = List.of(
      new Route("POST", "/v1/instances", Token.JOIN, "{\"cluster\":\"*\",\"hostname\":\"h\",\"cpu\":1024,"
          + "\"memory\":1024,\"attributes\":{\"zone\":\"zone-a\"},\"agentVersion\":\"fuzz\"}"),
      new Route("POST", "/v1/instances/{id}/sync?wait=0&index=0", Token.JOIN, "{\"tasks\":[{\"taskId\":\"t-1\","
          + "\"lastStatus\":\"RUNNING\",\"healthStatus\":\"UNKNOWN\",\"containers\":[{\"name\":\"app\","
          + "\"lastStatus\":\"RUNNING\",\"exitCode\":0}]}]}"),
      new Route("GET", "/v1/secrets/app/db?taskId=t-1", Token.JOIN, ""),
      new Route("GET", "/v1/status", Token.ADMIN, ""),
      new Route("GET", "/v1/services", Token.ADMIN, ""),
      new Route("GET", "/v1/tasks", Token.ADMIN, ""),
      new Route("GET", "/v1/instances", Token.ADMIN, ""),
      new Route("GET", "/v1/deployments", Token.ADMIN, ""),
      new Route("GET", "/v1/events?since=0", Token.ADMIN, ""),
      new Route("POST", "/v1/apply", Token.ADMIN, "{\"desired\":\"desired\",\"workingDirectory\":\"/tmp\","
          + "\"colour\":false}"),
      new Route("POST", "/v1/hooks/state", Token.NONE, "{\"ref\":\"refs/heads/main\"}"),
      // sent with every token but the admin's: with it, the plane would stop
      new Route("POST", "/v1/shutdown", Token.ADMIN, "{}"));

  private Path temp;
  private StateRepoFixture state;
  private ControlPlane plane;
  private String instanceId;
  private int answered;
  /** Requests whose target is no valid URI path: a malformed %-escape, or a leading // (an authority). */
  private int oddTargets;

  @BeforeProperty
  void start() throws Exception {
    temp = Files.createTempDirectory("berth-api-fuzz");
    state = new StateRepoFixture(temp.resolve("state.git"));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), JOIN, ADMIN,
        Map.of(), Duration.ofMillis(100), Duration.ofHours(1), ReconcileSettings.defaults()), new MutableClock());
    instanceId = new ControlPlaneClient(plane.uri(), JOIN).register(new RegisterInstanceRequest("*", Optional.empty(),
        "host-a", 1024, 1024, Map.of(), "test")).instanceId();
  }

  @AfterProperty
  void stop() throws IOException {
    System.out.println("ApiFuzzTest: " + answered + " requests answered, " + oddTargets
        + " of them to a target with a malformed %-escape or starting with //");
    plane.close();
    state.close();
    try (var paths = Files.walk(temp)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One request: a route, and what the fuzzer did to it. */
  record Request(int route, String method, List<String> pathEdits, String query, String token,
      List<String> headers, byte[] body) {
    @Override
    public String toString() {
      return method + " route " + ROUTES.get(route).target() + " edits " + pathEdits + " query " + query + " token "
          + token + " headers " + headers + " body " + new String(body, StandardCharsets.UTF_8);
    }
  }

  @Property(tries = 1500, seed = "26")
  void everyAnswerIsBerthsJsonOrASuccessNeverA5xxNeverLate(@ForAll("requests") Request request) throws Exception {
    Route route = ROUTES.get(request.route());
    String target = target(route, request);
    String token = request.token();
    if (ADMIN.equals(token) && request.method().equals("POST") && target.replaceAll("[?#].*", "")
        .matches("/+v1/+shutdown/*")) {
      token = JOIN; // the fuzzer keeps the plane running
    }
    Answer answer = send(request.method(), target, token, request.headers(), request.body());
    answered++;
    if (target.startsWith("//") || target.matches(".*%(?![0-9a-fA-F]{2}).*")) {
      oddTargets++;
    }
    assertThat(answer.status()).as("%s → %s%n%s", target, answer.head(), answer.body()).isBetween(200, 499);
    if (answer.status() >= 400) {
      assertThat(answer.head().toLowerCase()).as(target).contains("content-type: application/json");
      if (!request.method().equals("HEAD")) {
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").asText()).as(target + " " + answer.body()).isNotBlank();
        assertThat(error.path("fix").asText()).as(answer.body()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.berth.")
            .doesNotContain("Cannot invoke").doesNotContain("<h1>");
      }
    }
  }

  private String target(Route route, Request request) {
    String target = route.target().replace("{id}", instanceId);
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/")));
    for (String edit : request.pathEdits()) {
      int at = Math.floorMod(edit.hashCode(), segments.size() + 1);
      switch (edit.charAt(0)) {
        case '+' -> segments.add(at, edit.substring(1));
        case '-' -> { if (at < segments.size() && segments.size() > 1) { segments.remove(at); } }
        default -> { if (at < segments.size()) { segments.set(at, edit.substring(1)); } }
      }
    }
    String query2 = switch (request.query().isEmpty() ? ' ' : request.query().charAt(0)) {
      case '=' -> request.query().substring(1); // replaced
      case '&' -> query.isEmpty() ? request.query().substring(1) : query + request.query(); // added to
      default -> query;
    };
    return "/" + String.join("/", segments) + (query2.isEmpty() ? "" : "?" + query2);
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<Integer> route = Arbitraries.integers().between(0, ROUTES.size() - 1);
    Arbitrary<String> method = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just("route")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS")));
    Arbitrary<List<String>> pathEdits = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(List.of())),
        net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of('+', '-', '='), segment())
            .as((op, s) -> op + s).list().ofMinSize(1).ofMaxSize(3)));
    Arbitrary<String> query = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.of("=", "&"), queryPairs()).as(String::concat)));
    Arbitrary<String> token = Arbitraries.of(JOIN, ADMIN, "", "wrong", ADMIN + " ", "route", "route", "route");
    Arbitrary<List<String>> headers = header().list().ofMaxSize(3);
    Arbitrary<int[]> bodyShape = Combinators.combine(Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(0, 1_000_000)).as((kind, at) -> new int[] {kind, at});
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(40);
    return Combinators.combine(route, method, pathEdits, query, token, headers, bodyShape, noise)
        .as((r, m, edits, q, t, h, shape, n) -> {
          Route chosen = ROUTES.get(r);
          String realMethod = m.equals("route") ? chosen.method() : m;
          String realToken = !t.equals("route") ? t : switch (chosen.token()) {
            case JOIN -> JOIN;
            case ADMIN -> ADMIN;
            case NONE -> "";
          };
          return new Request(r, realMethod, edits, q, realToken, h, body(chosen.body(), shape[0], n, shape[1]));
        });
  }

  /** The route's body, or that body mutated, or something else altogether. */
  private static byte[] body(String valid, int kind, String noise, int at) {
    String base = valid.isEmpty() ? "{}" : valid;
    int i = Math.floorMod(at, base.length() + 1);
    String body = switch (kind) {
      case 0, 1 -> valid;
      case 2 -> base.substring(0, i) + noise + base.substring(i); // inserted
      case 3 -> base.substring(0, i) + base.substring(Math.min(base.length(), i + 1 + noise.length())); // cut
      case 4 -> base.replaceFirst("(\"[a-zA-Z]+\":)(\"[^\"]*\"|-?\\d+|\\{[^{}]*\\}|\\[[^\\[\\]]*\\]|true|false)",
          "$1" + List.of("null", "-1", "1e999", "\"\"", "[]", "{}", "true", "\"" + noise.replace("\"", "") + "\"",
              "99999999999999999999").get(Math.floorMod(at, 9)));
      case 5 -> List.of("", "null", "[]", "0", "\"x\"", "{", "}", "[[[[[[[[[[[[[[[[[[[[", "{\"a\":" .repeat(200),
          "\u0000\u00ff").get(Math.floorMod(at, 10));
      case 6 -> noise;
      case 7 -> base.replace("RUNNING", noise.replace("\"", "")).replace("*", noise.replace("\"", ""));
      case 8 -> "[" + base + "]";
      default -> base.substring(0, i); // cut short
    };
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static Arbitrary<String> segment() {
    return Arbitraries.oneOf(
        Arbitraries.of("v1", "v2", "instances", "sync", "secrets", "status", "apply", "hooks", "state", "shutdown",
            "events", "", ".", "..", "%2F", "%2e%2e", "%00", "%zz", "%", "%4", "%C3%A9", "%FF", "%25", "+", "a%20b",
            "~", "x".repeat(3000), "i-" + "0".repeat(17), "t-1", "null"),
        Arbitraries.strings().withChars("abcxyz0189-._~!$&'()*+,;=:@").ofMaxLength(12));
  }

  private static Arbitrary<String> queryPairs() {
    Arbitrary<String> key = Arbitraries.of("wait", "index", "known", "since", "taskId", "x", "", "wait%3D1", "%zz");
    Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("0", "1", "-1", "abc", "", "1e3", "4.5", "%zz", "%",
        "99999999999999999999999", "9223372036854775807", "%E2%82%AC", "a+b", "100"),
        Arbitraries.strings().withChars("abc0123-._~").ofMaxLength(8));
    return Combinators.combine(key, Arbitraries.of("=", "", "=="), value).as((k, eq, v) -> k + eq
        + (k.equals("wait") && v.length() > 3 ? "100" : v)).list().ofMinSize(1).ofMaxSize(4)
        .map(pairs -> String.join("&", pairs));
  }

  private static Arbitrary<String> header() {
    return Arbitraries.oneOf(
        Arbitraries.of("Content-Type: text/plain", "Content-Type: application/json; charset=latin1",
            "Content-Type: ", "Accept: text/html", "Accept-Encoding: gzip", "Authorization: Basic eDp5",
            "X-Hub-Signature-256: sha256=00", "X-Gitlab-Token: x", "Host: ", "Cookie: a=b", "Range: bytes=0-1",
            "Expect: nothing", "If-None-Match: *"),
        Combinators.combine(Arbitraries.strings().withChars("abcXYZ-").ofMinLength(1).ofMaxLength(10),
            Arbitraries.strings().withChars("abc 012;=,\"").ofMaxLength(30)).as((n, v) -> n + ": " + v));
  }

  /** One request as a client may send it, byte for byte; the answer's status line, headers and body. */
  record Answer(int status, String head, String body) {}

  private Answer send(String method, String target, String token, List<String> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", plane.uri().getPort())) {
      socket.setSoTimeout(Math.toIntExact(ANSWER_WITHIN.toMillis()));
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      if (!token.isEmpty()) {
        head.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      headers.forEach(h -> head.append(h).append("\r\n"));
      head.append("Connection: close\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      try {
        in.transferTo(read);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer within " + ANSWER_WITHIN + " to " + method + " " + target, e);
      }
      String answer = read.toString(StandardCharsets.UTF_8);
      assertThat(answer).as("an answer to %s %s", method, target).startsWith("HTTP/1.1 ");
      int split = answer.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, split),
          answer.substring(split + 4));
    }
  }
}
