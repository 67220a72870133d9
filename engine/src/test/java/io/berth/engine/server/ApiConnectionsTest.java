package io.berth.engine.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's connections as a normal HTTP/1.1 server keeps them: every kept-alive connection stays
 * usable however many there are (hundreds of hosts each hold one), requests pipelined on one
 * connection are answered in order, and a request the HTTP layer cannot parse is still answered
 * with Berth's JSON error.
 */
class ApiConnectionsTest {
  /** More than the 200 idle connections the JDK's HTTP server kept (sun.net.httpserver.maxIdleConnections). */
  private static final int CLIENTS = 260;

  @TempDir Path temp;
  StateRepoFixture state;
  ControlPlane plane;
  MutableClock clock = new MutableClock();

  @BeforeEach
  void setUp() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    plane = ControlPlane.start(new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(100), Duration.ofHours(1), ReconcileSettings.defaults()),
        clock);
  }

  @AfterEach
  void tearDown() {
    plane.close();
    state.close();
  }

  /** An answer read off a kept-alive connection: status line and headers, and the body its Content-Length says. */
  record Answer(int status, String head, String body) {}

  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection before an answer (" + head.size() + " bytes read)");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Answer(Integer.parseInt(text.substring(9, 12)), text, new String(body, StandardCharsets.UTF_8));
  }

  private static void status(Socket socket) throws IOException {
    socket.getOutputStream().write(("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer admin-t\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  @Test
  void moreThanTwoHundredKeptAliveConnectionsAreAllServedAgainAfterIdling() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        Socket socket = new Socket("127.0.0.1", plane.uri().getPort());
        socket.setSoTimeout(30_000);
        sockets.add(socket);
        status(socket);
        assertThat(read(socket.getInputStream()).status()).as("first answer on connection %d", i).isEqualTo(200);
      }
      // every connection is idle now; each asks again on its own connection
      int servedAgain = 0;
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        try {
          status(sockets.get(i));
          if (read(sockets.get(i).getInputStream()).status() == 200) {
            servedAgain++;
          }
        } catch (IOException e) {
          failures.add(i + ": " + e.getMessage());
        }
      }
      assertThat(servedAgain).as("connections served again; failed: %s", failures).isEqualTo(CLIENTS);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderOnTheirConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", plane.uri().getPort())) {
      socket.setSoTimeout(30_000);
      String auth = "Host: 127.0.0.1\r\nAuthorization: Bearer admin-t\r\n";
      // four requests in one write: a view, an unknown route, a bad query number, a body that does not parse
      socket.getOutputStream().write(("GET /v1/status HTTP/1.1\r\n" + auth + "\r\n"
          + "GET /v1/nothing HTTP/1.1\r\n" + auth + "\r\n"
          + "GET /v1/events?since=x HTTP/1.1\r\n" + auth + "\r\n"
          + "POST /v1/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer join-t\r\nContent-Length: 5\r\n\r\n"
          + "{bad}"
          + "HEAD /v1/nothing HTTP/1.1\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      Answer status = read(in);
      assertThat(status.status()).isEqualTo(200);
      assertThat(status.body()).contains("\"declaredCommit\"");
      assertThat(read(in).body()).contains("no route GET /v1/nothing");
      assertThat(read(in).body()).contains("query parameter since=x");
      assertThat(read(in).body()).contains("cannot read the body as a RegisterInstanceRequest");
      // a HEAD answer says how long the body would be and sends none: the next answer follows at once
      Answer head = ApiConnectionsTest.readHead(in);
      assertThat(head.status()).isEqualTo(404);
      assertThat(head.head().toLowerCase()).containsPattern("content-length: [1-9]").contains("content-type: application/json");
      status(socket);
      assertThat(read(in).status()).as("the connection is still usable").isEqualTo(200);
    }
  }

  /** An answer without a body (to HEAD). */
  static Answer readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection before an answer");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return new Answer(Integer.parseInt(text.substring(9, 12)), text, "");
  }

  @Test
  void stoppingAnswersTheBlockingSyncUnderWayBeforeClosingItsConnection() throws Exception {
    var agent = new ControlPlaneClient(plane.uri(), "join-t");
    String instanceId = agent.register(new RegisterInstanceRequest("*", Optional.empty(),
        "host-a", 1024, 1024, Map.of(), "test")).instanceId();
    var nothing = new SyncRequest(List.of());
    var first = agent.syncAsync(instanceId, nothing, OptionalLong.empty(), Duration.ZERO).get(30, SECONDS);
    var waiting = agent.syncAsync(instanceId, nothing, first.index(), Duration.ofSeconds(5));
    while (plane.blockingSyncs(instanceId) == 0) {
      assertThat(waiting).as("the sync waits on the control plane").isNotDone();
      Thread.sleep(10);
    }

    plane.close();

    assertThat(waiting.get(30, SECONDS).index()).as("answered, not cut off").isEqualTo(first.index());
  }

  @Test
  void aSyncWhoseAgentClosedItsConnectionIsNotFolded() throws Exception {
    var registered = new ControlPlaneClient(plane.uri(), "join-t").register(new RegisterInstanceRequest("*",
        Optional.empty(), "host-a", 1024, 1024, Map.of(), "test"));
    String instanceId = registered.instanceId();
    var before = plane.snapshot().instances().get(instanceId).lastSyncAt();
    clock.advance(Duration.ofSeconds(10));
    ApiRoutes routes = new ApiRoutes(plane);
    Map<String, String> headers = Map.of("authorization", "Bearer " + registered.instanceToken().orElseThrow());
    byte[] report = "{\"tasks\": []}".getBytes(StandardCharsets.UTF_8);
    String target = "/v1/instances/" + instanceId + "/sync?wait=0";
    InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40000);

    ApiAnswer gone = routes.answer(new ApiRequest("POST", target, headers, report, from, () -> false));

    assertThat(gone.status()).isEqualTo(408);
    assertThat(plane.snapshot().instances().get(instanceId).lastSyncAt()).as("not folded").isEqualTo(before);
    ApiAnswer answered = routes.answer(new ApiRequest("POST", target, headers, report, from, () -> true));
    assertThat(answered.status()).isEqualTo(200);
    assertThat(plane.snapshot().instances().get(instanceId).lastSyncAt()).as("folded").isAfter(before);
  }
}
