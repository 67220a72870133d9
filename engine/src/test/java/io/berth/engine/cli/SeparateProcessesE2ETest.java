package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.docker.BerthLabels;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.local.ExampleImages;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.InstanceRecord;
import io.berth.engine.server.ServiceView;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.testing.LoadClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Several hosts for real, as separate processes on one machine: a {@code berth server} and three
 * {@code berth agent}s advertising 127.0.0.2-4 run six web tasks behind an HTTP load balancer on
 * loopback; the listener spreads requests over all six; then one whole host is killed (its agent
 * with SIGKILL, its containers with docker kill) while two clients send requests, and the failures in
 * the 30 s after the kill stay under 1 % while the service is replaced on the other two hosts.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeparateProcessesE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};
  static final TypeReference<List<InstanceRecord>> INSTANCES = new TypeReference<>() {};
  static final List<String> ADDRESSES = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
  static final String SECRET_VALUE = "s3cret-from-a-file-0b7e";

  DockerClient docker;
  Path work;
  StateRepoFixture state;
  Process server;
  final List<Process> agents = new ArrayList<>();
  ControlPlaneClient admin;
  Path adminTokenFile;
  /** The admin and join tokens and a secret value: no process's command line may carry them. */
  List<String> secrets = List.of();
  int listenerPort;
  final Map<String, String> instanceByAddress = new HashMap<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void startServerAndAgents() throws Exception {
    docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    work = Files.createTempDirectory("berth-processes-e2e");
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listenerPort = probe.getLocalPort();
    }
    state = new StateRepoFixture(work.resolve("state.git"));
    // HTTPS with the cluster CA berth server creates in its data dir; tokens only in files
    Path serverDir = work.resolve("server");
    Path secretsFile = Files.writeString(work.resolve("secrets"), "shop/db=" + SECRET_VALUE + "\n");
    server = start("server", "--state", work.resolve("state.git").toString(), "--listen", "127.0.0.1:0",
        "--data-dir", serverDir.toString(), "--secrets-file", secretsFile.toString(), "--healthy-after", "2s",
        "--sync-interval", "300ms",
        "--lb-listen", "127.0.0.1");
    String url = awaitMatch(work.resolve("server.log"), Pattern.compile("listening on (https://\\S+)"));
    String adminToken = Files.readAllLines(serverDir.resolve("admin-tokens")).get(1).split(" ")[2];
    adminTokenFile = Files.writeString(work.resolve("admin-token"), adminToken + "\n");
    admin = new ControlPlaneClient(URI.create(url), adminToken,
        ClientTls.forServer(URI.create(url), Optional.of(serverDir.resolve("ca.pem")), Optional.empty()));
    secrets = List.of(adminToken, Files.readString(serverDir.resolve("join-token")).strip(), SECRET_VALUE);
    for (int i = 0; i < 3; i++) {
      // trusting the CA whose fingerprint the join token carries
      agents.add(start("agent", "--server", url, "--token-file", serverDir.resolve("join-token").toString(),
          "--cluster", "default",
          "--zone", "zone-" + (char) ('a' + i), "--advertise", ADDRESSES.get(i), "--cpu", "2048", "--memory", "4096",
          "--data-dir", work.resolve("agent-" + i).toString(), "--task-cleanup-wait", "0s"));
    }
    await(Duration.ofSeconds(60), () -> instances().size() == 3, "three agents to register");
    instances().forEach(i -> instanceByAddress.put(i.address(), i.instanceId()));
    // declared once every host is there, so that the service's first placement spreads over all three
    state.taskDefinition("web", 1, ExampleImages.WEBAPP_1, "")
        .service("web", "web", 6, 100, 200, true, ",\"loadBalancers\":[{\"containerName\":\"web\",\"containerPort\":8080,"
            + "\"listenerPort\":" + listenerPort + ",\"healthCheck\":{\"path\":\"/health\",\"intervalSeconds\":5,"
            + "\"timeoutSeconds\":2,\"healthyThresholdCount\":2,\"unhealthyThresholdCount\":2},"
            + "\"deregistrationDelaySeconds\":20}]")
        .commit();
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (Process agent : agents) {
      agent.destroy();
      agent.waitFor();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
    // agents leave their tasks running when stopped: remove exactly their containers
    for (String instance : instanceByAddress.values()) {
      for (Container container : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(BerthLabels.INSTANCE, instance)).exec()) {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      }
    }
    state.close();
    docker.close();
  }

  @Test
  @Order(1)
  void noProcessCommandLineCarriesATokenAndEveryAgentHoldsItsOwnCredential() throws Exception {
    await(Duration.ofSeconds(30), () -> instances().size() == 3, "three agents to register");
    List<Process> processes = new ArrayList<>(agents);
    processes.add(server);
    for (Process process : processes) {
      String cmdline = Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"), StandardCharsets.ISO_8859_1)
          .replace('\0', ' ');
      assertThat(cmdline).contains(BerthCli.class.getName());
      for (String secret : secrets) {
        assertThat(cmdline).as("command line of pid " + process.pid()).doesNotContain(secret);
      }
    }
    Set<String> credentials = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) {
      Path credential = work.resolve("agent-" + i + "/instance-token");
      // the control plane knows the instance as soon as it answers the registration; the agent saves
      // the credential it was given only once that answer has reached it
      await(Duration.ofSeconds(30), () -> Files.exists(credential), credential.getParent().getFileName() + " to save its credential");
      credentials.add(Files.readString(credential).strip());
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(credential)))
          .isEqualTo("rw-------");
    }
    assertThat(credentials).hasSize(3).noneMatch(secrets::contains);
  }

  @Test
  @Order(2)
  void threeAgentProcessesAdvertiseTheirAddressesAndTheListenerSpreadsOverAllSixTasks() throws Exception {
    assertThat(instanceByAddress).containsOnlyKeys(ADDRESSES);
    awaitSteady(6);

    Map<String, Integer> answers = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/task")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      answers.merge(response.body().strip(), 1, Integer::sum);
    }
    System.out.println("separate processes, load balancer spread: requests per task " + answers);
    assertThat(answers.keySet()).isEqualTo(wanted().stream().map(TaskRecord::taskId).collect(Collectors.toSet()));
    assertThat(wanted().stream().map(t -> t.containers().get(0).networkBindings().get(0).bindIP())
        .collect(Collectors.toSet())).isEqualTo(Set.copyOf(ADDRESSES));

    CliRun ps = CliRun.of("ps", "--server", admin.base().toString(), "--token-file", adminTokenFile.toString(),
        "--ca", work.resolve("server/ca.pem").toString());
    assertThat(ps.exitCode()).isZero();
    CliRun services = CliRun.of("services", "--server", admin.base().toString(), "--token-file",
        adminTokenFile.toString(), "--ca", work.resolve("server/ca.pem").toString());
    assertThat(services.exitCode()).isZero();
  }

  @Test
  @Order(3)
  void aKilledHostCostsAtMostTheRequestsInFlightAndIsReplacedOnTheOthers() throws Exception {
    String victim = instanceByAddress.get("127.0.0.4");
    try (LoadClient fresh = new LoadClient(uri("/task"), true); LoadClient kept = new LoadClient(uri("/task"), false)) {
      Thread.sleep(3000);
      long killed = System.nanoTime();
      agents.get(2).destroyForcibly();
      for (Container container : docker.listContainersCmd().withLabelFilter(Map.of(BerthLabels.INSTANCE, victim)).exec()) {
        docker.killContainerCmd(container.getId()).exec();
      }
      Thread.sleep(30_000);
      long window = System.nanoTime();
      awaitSteady(6);
      fresh.close();
      kept.close();

      long requests = countBetween(fresh, killed, window) + countBetween(kept, killed, window);
      List<LoadClient.Outcome> failures = new ArrayList<>(fresh.failuresSince(killed));
      failures.addAll(kept.failuresSince(killed));
      System.out.println("host kill: " + requests + " requests in the 30 s after the kill, " + failures.size()
          + " failed (" + String.format("%.3f", 100.0 * failures.size() / Math.max(1, requests)) + " %): " + failures);
      assertThat(requests).isGreaterThan(100);
      assertThat(failures.size()).as("failures in the 30 s after the kill, under 1 %").isLessThan((int) (requests / 100));
    }
    assertThat(wanted()).hasSize(6).allSatisfy(t -> assertThat(t.instanceId()).isNotEqualTo(victim));
    assertThat(service().healthyCount()).isEqualTo(6);
  }

  private static long countBetween(LoadClient client, long from, long to) {
    return client.outcomes().stream().filter(o -> o.startedNanos() >= from && o.startedNanos() < to).count();
  }

  private Process start(String command, String... args) throws IOException {
    String log = command + (command.equals("agent") ? "-" + agents.size() : "") + ".log";
    return BerthProcesses.start(work.resolve(log), command, args);
  }

  private static String awaitMatch(Path log, Pattern pattern) throws Exception {
    return BerthProcesses.awaitMatch(log, pattern);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + listenerPort + path);
  }

  private void awaitSteady(int count) throws Exception {
    await(Duration.ofSeconds(120), () -> {
      ServiceView view = service();
      return view.settled() && view.healthyCount() == count && view.runningCount() == count
          && wanted().size() == count;
    }, count + " healthy tasks");
  }

  private void await(Duration timeout, BooleanSupplier condition, String what) throws Exception {
    BerthProcesses.await(timeout, condition, what, work, () -> admin == null ? "" : admin.getText("/v1/events"));
  }

  private ServiceView service() {
    return admin.get("/v1/status", ClusterStatus.class).services().get(0);
  }

  private List<InstanceRecord> instances() {
    return admin.get("/v1/instances", TypeFactory.defaultInstance().constructType(INSTANCES));
  }

  private List<TaskRecord> wanted() {
    List<TaskRecord> tasks = admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
    return tasks.stream().filter(TaskRecord::wanted).collect(Collectors.toList());
  }
}
