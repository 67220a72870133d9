package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import io.berth.engine.agent.Agent;
import io.berth.engine.agent.AgentConfig;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.local.ExampleImages;
import io.berth.engine.local.LocalCluster;
import io.berth.engine.server.ApiSecurity;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.server.ServedApply;
import io.berth.engine.server.ServiceView;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateLocation;
import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.GitDaemon;
import io.berth.json.BerthJson;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's setup for real: a state on a Git remote ({@code git daemon} on loopback), two CI runners
 * (separate clones of an application project, separate caches) that plan and apply against it with
 * the command line, and a control plane following the remote ({@code berth server}: polling, a
 * signed webhook, publishing observations) whose agents run the tasks on Docker. Conflicting
 * applies from both runners: one wins, the other is refused and applies after planning again; a
 * plan on a runner equals one on the server's machine.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamStateE2ETest {
  static final String SECRET = "team-webhook-secret";
  static final Duration POLL = Duration.ofSeconds(2);

  @TempDir static Path tmp;
  GitDaemon daemon;
  String url;
  ControlPlane server;
  DockerClient docker;
  final List<Agent> agents = new ArrayList<>();
  final String clusterId = "team-e2e-" + UUID.randomUUID().toString().substring(0, 8);
  Path app;

  @BeforeAll
  void start() throws Exception {
    Path served = Files.createDirectories(tmp.resolve("served"));
    daemon = GitDaemon.start(served);
    GitCli.bare(served, "state.git");
    url = daemon.url("state.git");
    assertThat(on("admin", "init").exitCode()).isZero();

    server = ControlPlane.start(new ControlPlaneConfig(new StateAccess(StateLocation.parse(url),
        tmp.resolve("server/.berth/cache"), false, Map.of()), new InetSocketAddress("127.0.0.1", 0), "join-t",
        "admin-t", Map.of(), Duration.ofMillis(300), Duration.ofMillis(250),
        new ReconcileSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(15)), POLL,
        Optional.of(SECRET), ControlPlaneConfig.DEFAULT_LB_LISTEN, ApiSecurity.plain()), Clock.systemUTC(),
        ServedApply::serve);
    docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    for (String zone : List.of("zone-a", "zone-b")) {
      Agent agent = new Agent(AgentConfig.of(server.uri(), "join-t", tmp.resolve("agents/" + zone)).withCluster("*")
          .withZone(zone).withCpu(2048).withMemory(4096).withSyncInterval(Duration.ofMillis(300))
          .withPollInterval(Duration.ofSeconds(1)).withLabel(LocalCluster.UP_LABEL, clusterId)
          .withTaskCleanupWait(Duration.ZERO), docker);
      agent.start();
      agents.add(agent);
      assertThat(agent.awaitRegistered(Duration.ofSeconds(20))).as(agent.lastError().orElse("")).isTrue();
    }

    app = Files.createDirectories(tmp.resolve("app"));
    GitCli.run(app, "init", "--quiet");
    writeDesired(app, 1, "hello");
    GitCli.run(app, "add", "-f", ".");
    GitCli.run(app, "commit", "--quiet", "-m", "the application");
    for (String machine : List.of("runner-1", "runner-2", "server")) {
      GitCli.run(tmp, "clone", "--quiet", app.toString(), tmp.resolve(machine + "/app").toString());
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (Agent agent : agents) {
      agent.stopAndRemoveTasks(Duration.ofSeconds(30));
    }
    if (server != null) {
      server.close();
    }
    if (docker != null) {
      LocalCluster.removeContainers(docker, clusterId);
      docker.close();
    }
    daemon.close();
  }

  @Test
  void runnersPlanAndApplyAgainstOneRemoteWhileTheServerFollowsIt() throws Exception {
    // runner 1: plan in the pull request, apply after merge; the server picks it up within the poll interval
    Path plan = tmp.resolve("runner-1/plan.json");
    CliRun planned = on("runner-1", "plan", "--desired", desired("runner-1").toString(), "--out", plan.toString());
    assertThat(planned.exitCode()).as(planned.err()).isZero();
    CliRun applied = on("runner-1", "apply", plan.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    String first = remoteMain();
    long pushedAt = System.nanoTime();
    await(Duration.ofSeconds(30), () -> first.equals(status().declaredCommit()), "the server to fetch " + first);
    assertThat(Duration.ofNanos(System.nanoTime() - pushedAt)).as("picked up by polling every " + POLL)
        .isLessThan(POLL.plusSeconds(4));
    await(Duration.ofSeconds(90), () -> steady(1), "one healthy task on Docker");

    // two pull requests planned against the same state, applied at once: exactly one wins
    writeDesired(tmp.resolve("runner-1/app"), 2, "hello");
    writeDesired(tmp.resolve("runner-2/app"), 1, "hello again");
    Path plan1 = tmp.resolve("runner-1/plan-2.json");
    Path plan2 = tmp.resolve("runner-2/plan-2.json");
    assertThat(on("runner-1", "plan", "--desired", desired("runner-1").toString(), "--out", plan1.toString())
        .exitCode()).isZero();
    assertThat(on("runner-2", "plan", "--desired", desired("runner-2").toString(), "--out", plan2.toString())
        .exitCode()).isZero();
    CompletableFuture<CliRun> racer1 = CompletableFuture.supplyAsync(() -> on("runner-1", "apply", plan1.toString()));
    CompletableFuture<CliRun> racer2 = CompletableFuture.supplyAsync(() -> on("runner-2", "apply", plan2.toString()));
    List<CliRun> outcomes = List.of(racer1.get(), racer2.get());
    assertThat(outcomes).extracting(CliRun::exitCode).containsExactlyInAnyOrder(0, 1);
    CliRun lost = outcomes.stream().filter(r -> r.exitCode() == 1).findFirst().orElseThrow();
    assertThat(lost.err()).startsWith("error: the state moved since the plan: plan again");
    String loser = outcomes.get(0) == lost ? "runner-1" : "runner-2";

    // the loser plans again and applies cleanly; a signed webhook makes the server fetch it at once
    Path again = tmp.resolve(loser + "/plan-3.json");
    assertThat(on(loser, "plan", "--desired", desired(loser).toString(), "--out", again.toString()).exitCode()).isZero();
    CliRun reapplied = on(loser, "apply", again.toString());
    assertThat(reapplied.exitCode()).as(reapplied.err()).isZero();
    String last = remoteMain();
    assertThat(webhook().statusCode()).isEqualTo(202);
    await(Duration.ofSeconds(30), () -> last.equals(status().declaredCommit()), "the server to fetch " + last);
    int count = loser.equals("runner-1") ? 2 : 1;
    await(Duration.ofSeconds(90), () -> steady(count), count + " healthy tasks of the new revision");

    // the server publishes what it observes; a plan on a runner equals one on the server's machine
    await(Duration.ofSeconds(30), () -> !GitCli.run(tmp, "--git-dir", tmp.resolve("served/state.git").toString(),
        "for-each-ref", "refs/berth/observed").isBlank(), "refs/berth/observed on the remote");
    Files.copy(desired(loser).resolve("META-INF/berth/webapp/desired.json"),
        desired("server").resolve("META-INF/berth/webapp/desired.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    CliRun onRunner = on(loser, "plan", "--desired", desired(loser).toString(), "--format", "json");
    CliRun onServer = on("server", "plan", "--desired", desired("server").toString(), "--format", "json");
    assertThat(onRunner.err()).contains("Observations of the control plane from refs/berth/observed, published");
    assertThat(withoutIds(onRunner.out())).isEqualTo(withoutIds(onServer.out()));
    assertThat(GitCli.fsck(tmp.resolve("served/state.git"))).doesNotContain("error");
  }

  /** {@code berth args... --state <remote> --state-cache <machine>/.berth/cache}, run in this JVM. */
  CliRun on(String machine, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--state", url, "--state-cache", tmp.resolve(machine + "/.berth/cache").toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  Path desired(String machine) {
    return tmp.resolve(machine + "/app/target/classes");
  }

  String remoteMain() {
    return GitCli.run(tmp, "--git-dir", tmp.resolve("served/state.git").toString(), "rev-parse", "main").strip();
  }

  ClusterStatus status() {
    return new ControlPlaneClient(server.uri(), "admin-t").get("/v1/status", ClusterStatus.class);
  }

  boolean steady(int healthy) {
    List<ServiceView> services = status().services();
    return services.size() == 1 && services.get(0).settled() && services.get(0).healthyCount() == healthy
        && services.get(0).runningCount() == healthy && !services.get(0).failed();
  }

  HttpResponse<String> webhook() throws Exception {
    byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "/v1/hooks/state"))
        .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static ObjectNode withoutIds(String json) throws Exception {
    ObjectNode plan = (ObjectNode) BerthJson.mapper().readTree(json);
    plan.remove("planId");
    return plan;
  }

  static void writeDesired(Path checkout, int count, String greeting) throws Exception {
    Path dir = Files.createDirectories(checkout.resolve("target/classes/META-INF/berth/webapp"));
    Files.writeString(dir.resolve("desired.json"), """
        {"apiVersion":"berth/v1","stack":"webapp",
         "clusters":[{"name":"local","capacity":[{"name":"std","count":2,"cpu":2048,"memory":4096,
           "zones":["zone-a","zone-b"]}]}],
         "taskDefinitions":[{"family":"webapp","containerDefinitions":[{"name":"httpd",
           "image":"%s","memory":64,"portMappings":[{"containerPort":8080}],
           "environment":[{"name":"GREETING","value":"%s"}]}]}],
         "services":[{"serviceName":"web","cluster":"local","taskDefinition":"webapp","schedulingStrategy":"REPLICA",
           "desiredCount":%d,"deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":0}}]}
        """.formatted(ExampleImages.WEBAPP_1, greeting, count));
  }

  static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not answering yet: ask again
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
  }
}
