package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.InstanceRecord;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.StateRepoFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The runtime commands against a real control plane over HTTP (no agents: tasks stay unplaced). */
class RuntimeCommandsTest {
  @TempDir Path temp;
  StateRepoFixture state;
  ControlPlane plane;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  PrintStream originalOut;
  PrintStream originalErr;
  /** The file holding the admin token: tokens never go on a command line. */
  String adminFile;

  @BeforeEach
  void startControlPlane() throws Exception {
    state = new StateRepoFixture(temp.resolve("state.git"));
    state.taskDefinition("web", 1, "webapp:1", "").service("web", "web", 2, 100, 200, true, "").commit();
    plane = ControlPlane.start(new ControlPlaneConfig(temp.resolve("state.git"), new InetSocketAddress("127.0.0.1", 0),
        "join", "admin", Map.of(), Duration.ofMillis(200), Duration.ofMillis(50), ReconcileSettings.defaults()),
        Clock.systemUTC());
    adminFile = Files.writeString(temp.resolve("admin-token"), "admin\n").toString();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    plane.close();
    state.close();
  }

  int berth(String... args) {
    return BerthCli.commandLine().execute(args);
  }

  /** Waits, through {@code berth events}, until a tick has recorded {@code text}: ticks run on their own thread. */
  void awaitEvent(String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      out.reset();
      berth("events", "--server", plane.uri().toString(), "--token-file", adminFile);
      boolean recorded = out.toString(StandardCharsets.UTF_8).contains(text);
      out.reset();
      if (recorded) {
        return;
      }
      assertThat(System.nanoTime()).as("an event saying " + text).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void servicesListsTheDeclaredServiceWithItsCounts() throws Exception {
    awaitEvent("the cluster has no container instances");

    int exit = berth("services", "--server", plane.uri().toString(), "--token-file", adminFile);

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("SERVICE").containsPattern("web\\s+test\\s+default\\s+web:1\\s+2\\s+0")
        .contains("service web: cluster default has no container instances, so its tasks wait until an agent joins it");
    out.reset();
    assertThat(berth("services", "--stack", "other", "--server", plane.uri().toString(), "--token-file", adminFile)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("web");
    assertThat(berth("events", "--stack", "test", "--server", plane.uri().toString(), "--token-file", adminFile)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("  test  (service web)");
  }

  @Test
  void eventsSayWhyTasksCannotBePlaced() throws Exception {
    awaitEvent("was unable to place a task");

    int exit = berth("events", "web", "--server", plane.uri().toString(), "--token-file", adminFile);

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("(service web) was unable to place a task")
        .contains("the cluster has no container instances");
  }

  @Test
  void psListsEveryTaskUnderItsOwnFullId() throws Exception {
    var agent = new ControlPlaneClient(plane.uri(), "join");
    String instance = agent.register(new RegisterInstanceRequest("*", Optional.empty(),
        "host-a", 2048, 2048, Map.of("ecs.availability-zone", "zone-a"), "test")).instanceId();
    List<String> assigned = List.of();
    for (int i = 0; i < 50 && assigned.size() < 2; i++) {
      Thread.sleep(100);
      assigned = agent.sync(instance, new SyncRequest(List.of())).tasks().stream()
          .map(AssignedTask::taskId).toList();
    }
    assertThat(assigned).hasSize(2).doesNotHaveDuplicates();

    int exit = berth("ps", "--server", plane.uri().toString(), "--token-file", adminFile);

    assertThat(exit).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(assigned).allSatisfy(id -> assertThat(table).containsPattern("(?m)^" + Pattern.quote(id) + "\\s"));
  }

  @Test
  void psServicesAndEventsPrintVersionedJson() throws Exception {
    var agent = new ControlPlaneClient(plane.uri(), "join");
    String instance = agent.register(new RegisterInstanceRequest("*", Optional.empty(),
        "host-a", 2048, 2048, Map.of("ecs.availability-zone", "zone-a"), "test")).instanceId();
    for (int i = 0; i < 50 && agent.sync(instance, new SyncRequest(List.of())).tasks().size() < 2; i++) {
      Thread.sleep(100);
    }
    var json = io.berth.json.BerthJson.mapper();
    String server = plane.uri().toString();

    assertThat(berth("ps", "--server", server, "--token-file", adminFile, "--json")).isZero();
    var ps = json.readTree(out.toString(StandardCharsets.UTF_8));
    out.reset();
    assertThat(berth("services", "--server", server, "--token-file", adminFile, "--json")).isZero();
    var services = json.readTree(out.toString(StandardCharsets.UTF_8));
    out.reset();
    assertThat(berth("events", "web", "--server", server, "--token-file", adminFile, "--json")).isZero();
    List<String> events = out.toString(StandardCharsets.UTF_8).lines().toList();

    CliSchemas.assertValid("ps", ps.toString());
    CliSchemas.assertValid("services", services.toString());
    events.forEach(line -> CliSchemas.assertValid("event", line));
    assertThat(ps.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(ps.get("tasks")).hasSize(2).allSatisfy(task -> {
      assertThat(task.get("service").asText()).isEqualTo("web");
      assertThat(task.get("stack").asText()).isEqualTo("test");
      assertThat(task.get("taskDefinition").asText()).isEqualTo("web:1");
      assertThat(task.get("instanceId").asText()).isEqualTo(instance);
      assertThat(task.get("ports").isArray()).isTrue();
    });
    assertThat(services.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(services.get("declaredCommit").asText()).matches("[0-9a-f]{40}");
    assertThat(services.get("services")).singleElement().satisfies(service -> {
      assertThat(service.get("service").asText()).isEqualTo("web");
      assertThat(service.get("stack").asText()).isEqualTo("test");
      assertThat(service.get("desiredCount").asInt()).isEqualTo(2);
      assertThat(service.get("deployments").get(0).get("taskDefinition").asText()).isEqualTo("web:1");
    });
    assertThat(events).isNotEmpty().allSatisfy(line -> {
      var event = json.readTree(line);
      assertThat(event.get("formatVersion").asInt()).isEqualTo(1);
      assertThat(event.get("service").asText()).isEqualTo("web");
      assertThat(event.get("message").asText()).startsWith("(service web)");
    });
  }

  @Test
  void instancesRevokeAndJoinTokenRotateGoThroughTheApi() throws Exception {
    String instance = new ControlPlaneClient(plane.uri(), "join").register(new RegisterInstanceRequest("*",
        Optional.empty(), "host-a", 2048, 2048, Map.of(), "test")).instanceId();

    assertThat(berth("instances", "revoke", instance, "--server", plane.uri().toString(), "--token-file", adminFile))
        .isZero();
    assertThat(plane.snapshot().instances().get(instance).status()).isEqualTo(InstanceRecord.InstanceStatus.LOST);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("revoked " + instance);

    Path joinFile = temp.resolve("new-join-token");
    assertThat(berth("join-token", "rotate", "--out", joinFile.toString(), "--server", plane.uri().toString(),
        "--token-file", adminFile)).isZero();
    String rotated = Files.readString(joinFile).strip();
    assertThat(rotated).startsWith("BERTH-JOIN-1-none-");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(rotated);
    assertThat(new ControlPlaneClient(plane.uri(), rotated).register(new RegisterInstanceRequest("*",
        Optional.empty(), "host-b", 2048, 2048, Map.of(), "test")).instanceToken()).isPresent();
    assertThat(berth("instances", "revoke", "i-nothing", "--server", plane.uri().toString(), "--token-file", adminFile))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown container instance i-nothing");
  }

  @Test
  void aWrongTokenIsOneErrorLineAndExitCode1() throws Exception {
    Path wrong = Files.writeString(temp.resolve("wrong"), "not-a-token\n");
    int exit = berth("ps", "--server", plane.uri().toString(), "--token-file", wrong.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: missing or wrong bearer token").doesNotContain("\tat ");
  }

  @Test
  void theJoinTokenIsNoAdminToken() throws Exception {
    Path join = Files.writeString(temp.resolve("join"), "join\n");
    int exit = berth("ps", "--server", plane.uri().toString(), "--token-file", join.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("(?m)^error: this route takes an admin token")
        .doesNotContain("\tat ");
  }

  @Test
  void berthServerServesUntilAskedToShutDown() throws Exception {
    plane.close(); // one control plane per state repository: berth server's
    var exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(berth("server", "--state", temp.resolve("state.git").toString(),
        "--listen", "127.0.0.1:0", "--plain-http", "--data-dir", temp.resolve("server").toString())));
    server.start();
    String url = null;
    for (int i = 0; i < 100 && url == null; i++) {
      Thread.sleep(100);
      var m = Pattern.compile("listening on (http://\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
      url = m.find() ? m.group(1) : null;
    }
    assertThat(url).as("the URL berth server prints").isNotNull();

    String a2 = Files.readAllLines(temp.resolve("server/admin-tokens")).get(1).split(" ")[2];
    Path a2File = Files.writeString(temp.resolve("a2"), a2);
    assertThat(berth("services", "--server", url, "--token-file", a2File.toString())).isZero();
    new ControlPlaneClient(URI.create(url), a2).post("/v1/shutdown", Map.of(), Map.class);
    server.join(10_000);

    assertThat(server.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void berthServerRefusesAStateDirectoryThatIsNoRepository() {
    int exit = berth("server", "--state", temp.resolve("nothing").toString(), "--listen", "127.0.0.1:0",
        "--plain-http", "--data-dir", temp.resolve("server").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("nothing");
  }

  @Test
  void secretsFilesAreNameValueLinesAndAMissingValueIsRefusedByName() throws Exception {
    Path file = Files.writeString(temp.resolve("secrets"), "# comment\nshop/db=s3cret=x\n\nsecret/shop/api=k\n");

    assertThat(ServerCommand.readSecrets(file))
        .containsExactlyInAnyOrderEntriesOf(Map.of("shop/db", "s3cret=x", "shop/api", "k"));
    Path lonely = Files.writeString(temp.resolve("lonely"), "lonely\n");
    assertThatThrownBy(() -> ServerCommand.readSecrets(lonely)).hasMessageContaining("secret 'lonely' has no value");
  }

  @Test
  void waitSaysWithinSecondsThatTheControlPlaneDiedAndExits1() throws Exception {
    String url = plane.uri().toString();
    var exit = new AtomicInteger(-1);
    Thread waiting = new Thread(() -> exit.set(berth("wait", "--server", url, "--token-file", adminFile,
        "--state", temp.resolve("state.git").toString())));
    waiting.setDaemon(true);
    waiting.start();
    for (int i = 0; i < 100 && !out.toString(StandardCharsets.UTF_8).contains("healthy"); i++) {
      Thread.sleep(100);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).as("the wait follows the deployment").contains("web web:1");

    long killed = System.nanoTime();
    plane.close();
    waiting.join(20_000);

    assertThat(waiting.isAlive()).as("still waiting 20 s after the control plane died").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
    assertThat(exit.get()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the control plane at " + url + " stopped answering: nothing heard from it for 5 s (connection refused)")
        .contains("check that berth up (or berth server) is still running").doesNotContain("timed out").doesNotContain("\tat ");
  }

  @Test
  void waitThatTimesOutIsAnErrorSayingTheDeploymentsGoOn() {
    // no agents: the service's tasks are never placed, so it never settles
    int exit = berth("wait", "--server", plane.uri().toString(), "--token-file", adminFile, "--state",
        temp.resolve("state.git").toString(), "--wait-timeout", "1s");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: the deployments did not reach a steady state"
        + " within 1s (--wait-timeout); they go on: follow them with berth wait").contains("berth events");
  }

  @Test
  void waitGivesUpOnAControlPlaneThatAcceptsButNeverAnswers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // held open, never answered
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + silent.getLocalPort();

      int exit = assertTimeoutPreemptively(Duration.ofSeconds(15),
          () -> berth("wait", "--server", url, "--token-file", adminFile, "--state", temp.resolve("state.git").toString()));

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("the control plane at " + url + " stopped answering: nothing heard from it for 5 s (it accepts connections"
              + " but does not answer)");
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void durationsAreWrittenAsPeopleWriteThem() {
    var converter = new DurationConverter();

    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> converter.convert("ten")).isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("500ms, 10s, 2m or 1h");
    assertThatThrownBy(() -> converter.convert("-5s")).isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("'-5s' is negative").hasMessageContaining("zero or more");
    assertThat(converter.convert("0s")).as("zero, e.g. --task-cleanup-wait 0s").isEqualTo(Duration.ZERO);
  }
}
