package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a client sends that reaches the API's routing — unknown paths, wrong methods, bodies
 * that do not parse, bad query numbers — the answer is Berth's JSON error ({@code {"error",
 * "fix"}}) with a 4xx status, never the JDK server's HTML page or a Java exception's text.
 */
class ApiErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  StateRepoFixture state;
  ControlPlane plane;
  String instanceId;
  /** The instance's own credential: syncs take it, not the join token. */
  String credential;

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), ReconcileSettings.defaults()),
        new MutableClock());
    var registered = new ControlPlaneClient(plane.uri(), "join-t").register(new RegisterInstanceRequest("*",
        Optional.empty(), "host-a", 1024, 1024, Map.of(), "test"));
    instanceId = registered.instanceId();
    credential = registered.instanceToken().orElseThrow();
  }

  @AfterEach
  void tearDown() {
    plane.close();
    state.close();
  }

  /** One request as a client may send it, byte for byte; the answer's status line, headers and body. */
  record Answer(int status, String head, String body) {}

  Answer send(String method, String target, String token, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", plane.uri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, split), answer.substring(split + 4));
    }
  }

  /** {@code request} sent byte for byte as it is (it may be no valid HTTP at all); the answer. */
  Answer sendRaw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", plane.uri().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      return new Answer(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, split), answer.substring(split + 4));
    }
  }

  /** Asserts the answer is Berth's JSON error with {@code status}, and returns its error sentence. */
  String berthError(Answer answer, int status) throws IOException {
    assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
    assertThat(answer.head().toLowerCase()).contains("content-type: application/json");
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.isObject()).isTrue();
    assertThat(error.size()).as(answer.body()).isEqualTo(2);
    assertThat(error.path("error").asText()).isNotBlank();
    assertThat(error.path("fix").asText()).isNotBlank();
    assertThat(answer.body()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.berth")
        .doesNotContain("Cannot invoke").doesNotContain("<h1>");
    return error.path("error").asText();
  }

  @Test
  void unknownPathsInsideAndOutsideV1AreJson404s() throws Exception {
    for (String path : new String[] {"/v2/x", "/", "/v1", "/v1/", "/v1/nothing", "/favicon.ico"}) {
      assertThat(berthError(send("GET", path, "admin-t", ""), 404)).isEqualTo("no route GET " + path);
    }
  }

  @Test
  void wrongMethodsAreJsonErrors() throws Exception {
    assertThat(berthError(send("DELETE", "/v1/status", "admin-t", ""), 404)).isEqualTo("no route DELETE /v1/status");
    assertThat(berthError(send("GET", "/v1/shutdown", "admin-t", ""), 404)).isEqualTo("no route GET /v1/shutdown");
    assertThat(berthError(send("PUT", "/v1/instances", "admin-t", "{}"), 404)).isEqualTo("no route PUT /v1/instances");
    Answer head = send("HEAD", "/v1/nothing", "admin-t", "");
    assertThat(head.status()).isEqualTo(404);
    assertThat(head.head().toLowerCase()).contains("content-type: application/json");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void bodiesThatDoNotParseAre400sSayingWhyInJsonTerms() throws Exception {
    String register = "/v1/instances";
    assertThat(berthError(send("POST", register, "join-t", "{not json"), 400))
        .startsWith("cannot read the body as a RegisterInstanceRequest: not valid JSON:").contains("line 1, column 2");
    assertThat(berthError(send("POST", register, "join-t", "null"), 400))
        .isEqualTo("the body is null; send a RegisterInstanceRequest object");
    assertThat(berthError(send("POST", register, "join-t", "[]"), 400))
        .isEqualTo("cannot read the body as a RegisterInstanceRequest: $: should be a JSON object, not an array");
    assertThat(berthError(send("POST", register, "join-t", ""), 400))
        .isEqualTo("cannot read the body as a RegisterInstanceRequest: there is no JSON (the input is empty)");
    assertThat(berthError(send("POST", register, "join-t", "{\"cluster\": \"*\", \"cpu\": \"x\"}"), 400))
        .isEqualTo("cannot read the body as a RegisterInstanceRequest: $.cpu: 'x' is not a valid int");
    String sync = "/v1/instances/" + instanceId + "/sync";
    assertThat(berthError(send("POST", sync, credential, "{\"tasks\": [null]}"), 400))
        .startsWith("cannot read the body as a SyncRequest: $").contains("null where a value is needed");
    assertThat(berthError(send("POST", sync, credential, "null"), 400)).isEqualTo("the body is null; send a SyncRequest object");
    assertThat(berthError(send("POST", "/v1/apply", "admin-t", "{bad"), 400))
        .startsWith("cannot read the body as a ApplyRequest: not valid JSON:");
  }

  @Test
  void queryNumbersThatAreNoneAre400s() throws Exception {
    assertThat(berthError(send("GET", "/v1/events?since=abc", "admin-t", ""), 400))
        .startsWith("query parameter since=abc is not a whole number of zero or more");
    assertThat(berthError(send("GET", "/v1/events?since=-1", "admin-t", ""), 400))
        .startsWith("query parameter since=-1 is not a whole number");
    assertThat(berthError(send("POST", "/v1/instances/" + instanceId + "/sync?index=1&wait=soon", credential, "{}"), 400))
        .startsWith("query parameter wait=soon is not a whole number");
  }

  @Test
  void aMalformedPercentEscapeInThePathOrTheQueryIsAJson400() throws Exception {
    for (String target : new String[] {"/v1/%zz", "/v1/status?x=%zz", "/v1/events?since=%", "/v2/%4",
        "/v1/instances/" + "%E2%8" + "/sync"}) {
      assertThat(berthError(send("GET", target, "admin-t", ""), 400)).as(target)
          .isEqualTo("the request target " + target + " has a malformed %-escape (a % not followed by two hex digits)");
    }
    // with a body the server reads before answering: the client gets the answer, not a reset
    assertThat(berthError(send("POST", "/v1/instances/%zz/sync", credential, "{\"tasks\": []}"), 400))
        .contains("malformed %-escape");
  }

  @Test
  void targetsStartingWithTwoSlashesAreJson404s() throws Exception {
    for (String target : new String[] {"//", "//v2/x", "//v1/status", "///"}) {
      assertThat(berthError(send("GET", target, "admin-t", ""), 404)).isEqualTo("no route GET " + target);
    }
    assertThat(berthError(send("POST", "//v1/instances", "join-t", "{}"), 404)).isEqualTo("no route POST //v1/instances");
  }

  @Test
  void aMalformedRequestLineOrHeaderIsAJson400() throws Exception {
    String malformed = "the request is not valid HTTP/1.1 (its request line, a header or its chunked body)";
    assertThat(berthError(sendRaw("GET /v1/status\r\nHost: 127.0.0.1\r\n\r\n"), 400)).isEqualTo(malformed);
    assertThat(berthError(sendRaw("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten\r\n\r\n"), 400))
        .isEqualTo(malformed);
    assertThat(berthError(sendRaw("POST /v1/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "zz\r\n{}\r\n0\r\n\r\n"), 400)).isEqualTo(malformed);
    assertThat(berthError(sendRaw("GET /v1/" + "x".repeat(ApiServer.MAX_LINE) + " HTTP/1.1\r\n\r\n"), 414))
        .startsWith("the request line is longer than");
    assertThat(berthError(sendRaw("GET /v1/status HTTP/1.1\r\nX-Long: " + "x".repeat(ApiServer.MAX_HEADERS)
        + "\r\n\r\n"), 431)).startsWith("the request's headers are longer than");
  }

  @Test
  void aBodyOverTheLimitIsAJson413() throws Exception {
    assertThat(berthError(sendRaw("POST /v1/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer join-t\r\n"
        + "Content-Length: " + (ApiServer.MAX_BODY + 1) + "\r\n\r\n{}"), 413))
        .isEqualTo("the request body is larger than 16 MiB");
  }
}
