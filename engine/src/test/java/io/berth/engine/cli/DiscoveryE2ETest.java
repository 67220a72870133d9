package io.berth.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Network;
import io.berth.engine.api.ClientTls;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.docker.BerthLabels;
import io.berth.engine.docker.BusyboxImage;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.local.ExampleImages;
import io.berth.engine.server.InstanceRecord;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.server.TaskRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
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
 * Service discovery on a cluster of three {@code berth agent} processes on this machine, each with
 * {@code --dns} and its own Docker network (created here, so that each agent can also advertise that
 * network's gateway, an address every container of the machine reaches): a client task resolves the
 * server service by name from inside its container with busybox's nslookup, reaches a task at the SRV
 * address and port with wget, the host resolves the same names with dig against each agent's address,
 * and a stopped server task leaves the answers within one tick plus the TTL. Each agent binds port 53
 * on an address of its own: three agents on one machine serve DNS side by side.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoveryE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};
  static final TypeReference<List<InstanceRecord>> INSTANCES = new TypeReference<>() {};
  static final String BUSYBOX = "berth-test/busybox:1";
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  DockerClient docker;
  Path work;
  StateRepoFixture state;
  Process server;
  final List<Process> agents = new ArrayList<>();
  final List<String> networks = new ArrayList<>();
  /** Each agent's network gateway: its advertised address and where it serves DNS. */
  final List<String> gateways = new ArrayList<>();
  final Map<String, String> instanceByAddress = new HashMap<>();
  ControlPlaneClient admin;
  Path adminTokenFile;
  Path caFile;
  String serverDnsPort;

  @BeforeAll
  void startServerAndAgents() throws Exception {
    docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    BusyboxImage.named(BUSYBOX).buildIfAbsent(docker);
    work = Files.createTempDirectory("berth-discovery-e2e");
    for (int i = 0; i < 3; i++) {
      String name = "berth-dns-e2e-" + RUN + "-" + i;
      docker.createNetworkCmd().withName(name).withDriver("bridge").withLabels(Map.of("berth.test", RUN)).exec();
      networks.add(name);
      Network network = docker.inspectNetworkCmd().withNetworkId(name).exec();
      gateways.add(network.getIpam().getConfig().get(0).getGateway());
    }
    state = new StateRepoFixture(work.resolve("state.git"));
    Path serverDir = work.resolve("server");
    server = start("server", "--state", work.resolve("state.git").toString(), "--listen", "127.0.0.1:0",
        "--data-dir", serverDir.toString(), "--healthy-after", "1s", "--sync-interval", "300ms",
        "--lb-listen", "127.0.0.1", "--dns", "127.0.0.1:0");
    String url = awaitMatch(work.resolve("server.log"), Pattern.compile("listening on (https://\\S+)"));
    String adminToken = Files.readAllLines(serverDir.resolve("admin-tokens")).get(1).split(" ")[2];
    adminTokenFile = Files.writeString(work.resolve("admin-token"), adminToken + "\n");
    caFile = serverDir.resolve("ca.pem");
    admin = new ControlPlaneClient(URI.create(url), adminToken,
        ClientTls.forServer(URI.create(url), Optional.of(caFile), Optional.empty()));
    serverDnsPort = awaitMatch(work.resolve("server.log"), Pattern.compile("serving DNS on 127\\.0\\.0\\.1:(\\d+)"));
    for (int i = 0; i < 3; i++) {
      agents.add(start("agent", "--server", url, "--token-file", serverDir.resolve("join-token").toString(),
          "--cluster", "default",
          "--zone", "zone-" + (char) ('a' + i), "--advertise", gateways.get(i), "--cpu", "2048", "--memory", "4096",
          "--data-dir", work.resolve("agent-" + i).toString(), "--task-cleanup-wait", "0s",
          "--dns", "--dns-network", networks.get(i), "--dns-upstream", "none"));
    }
    await(Duration.ofSeconds(60), () -> instances().size() == 3, "three agents to register");
    instances().forEach(i -> instanceByAddress.put(i.address(), i.instanceId()));
    state.taskDefinition("api", 1, ExampleImages.WEBAPP_1, "")
        .service("api", "api", 3, 100, 200, true, ",\"serviceRegistries\":[{\"namespace\":\"internal\","
            + "\"name\":\"api\",\"containerName\":\"web\",\"containerPort\":8080}]")
        .taskDefinitionJson("client", 1, "{\"family\":\"client\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":["
            + "{\"name\":\"sh\",\"image\":\"" + BUSYBOX + "\",\"memory\":32,\"stopTimeout\":1,\"command\":[\"sleep\",\"3600\"]},"
            + "{\"name\":\"peer\",\"image\":\"" + BUSYBOX + "\",\"memory\":32,\"stopTimeout\":1,\"essential\":false,"
            + "\"command\":[\"sleep\",\"3600\"]}]}")
        .service("client", "client", 1, 100, 200, true, "")
        .commit();
    await(Duration.ofSeconds(90), () -> endpoints().size() == 3 && running("client").size() == 1,
        "three healthy api tasks in discovery and a running client");
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
    for (String instance : instanceByAddress.values()) {
      for (Container container : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(BerthLabels.INSTANCE, instance)).exec()) {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      }
      // A SIGTERM'd agent leaves its tasks for the next agent to adopt, the awsvpc client's task
      // network with them: left here, each run would take one of dockerd's ~30 address pools.
      for (var network : docker.listNetworksCmd().withFilter("label", List.of(BerthLabels.INSTANCE + "=" + instance))
          .exec()) {
        docker.removeNetworkCmd(network.getId()).exec();
      }
    }
    for (String network : networks) {
      docker.removeNetworkCmd(network).exec();
    }
    if (state != null) {
      state.close();
    }
    docker.close();
  }

  @Test
  @Order(1)
  void theHostResolvesTheServiceWithDigAgainstEachAgentsAddress() throws Exception {
    Set<String> addresses = endpoints().stream().map(DiscoveryEntry.Endpoint::address).collect(Collectors.toSet());
    assertThat(addresses).as("spread over the three agents").isEqualTo(Set.copyOf(gateways));
    for (String agent : gateways) {
      assertThat(dig(agent, "api.internal", "A")).as("dig @" + agent).containsExactlyElementsOf(new TreeSet<>(gateways));
      assertThat(dig(agent, "_api._tcp.internal", "SRV")).hasSize(3);
      assertThat(run("dig", "@" + agent, "web.internal", "+time=2", "+tries=1")).contains("status: NXDOMAIN");
    }
    assertThat(run("dig", "@127.0.0.1", "-p", serverDnsPort, "api.internal", "+short", "+time=2", "+tries=1")
        .lines().sorted().toList()).as("the control plane's DNS").containsExactlyElementsOf(new TreeSet<>(gateways));
    CliRun services = CliRun.of("services", "--server", admin.base().toString(), "--token-file",
        adminTokenFile.toString(), "--ca", caFile.toString());
    assertThat(services.exitCode()).as(services.err()).isZero();
    assertThat(services.out()).containsPattern("DISCOVERY").containsPattern("api\\s+test\\s+default\\s+api:1.*api\\.internal")
        .containsPattern("client\\s+test\\s+default\\s+client:1.*\\s-\\s*\\n");
    TaskRecord client = running("client").get(0);
    String clientAgent = instances().stream().filter(i -> i.instanceId().equals(client.instanceId())).findFirst()
        .orElseThrow().address();
    assertThat(docker.inspectContainerCmd(container(client, "sh")).exec().getHostConfig().getDns())
        .as("the client's resolver is its own agent's gateway").containsExactly(clientAgent);
  }

  @Test
  @Order(2)
  void aClientTaskResolvesTheServerByNameFromInsideItsContainerAndReachesItAtTheSrvPort() throws Exception {
    TaskRecord client = running("client").get(0);
    // awsvpc: Docker's embedded DNS answers the task's own names and passes the rest to the agent
    String a = exec(client, "busybox", "nslookup", "api.internal");
    for (String gateway : gateways) {
      assertThat(a).contains("Address: " + gateway);
    }
    assertThat(exec(client, "busybox", "nslookup", "peer")).as("the task's containers still find each other")
        .containsPattern("Name:\\s+peer");
    // bridge: the agent's gateway is the container's own resolver
    TaskRecord server = running("api").get(0);
    assertThat(exec(server, "busybox", "nslookup", "api.internal")).contains("Address: " + gateways.get(0))
        .contains("Address: " + gateways.get(1)).contains("Address: " + gateways.get(2));
    String srv = exec(client, "busybox", "nslookup", "-type=srv", "_api._tcp.internal");
    Matcher target = Pattern.compile("_api\\._tcp\\.internal\\s+service = 0 1 (\\d+) (\\d+)-(\\d+)-(\\d+)-(\\d+)\\.api")
        .matcher(srv);
    assertThat(target.find()).as(srv).isTrue();
    String address = target.group(2) + "." + target.group(3) + "." + target.group(4) + "." + target.group(5);
    String body = exec(client, "busybox", "wget", "-q", "-O", "-", "http://" + address + ":" + target.group(1) + "/task");
    Set<String> apiTasks = running("api").stream().map(TaskRecord::taskId).collect(Collectors.toSet());
    assertThat(body.strip()).isIn(apiTasks);
  }

  @Test
  @Order(3)
  void aStoppedServerTaskLeavesTheAnswersWithinOneTickPlusTheTtl() throws Exception {
    TaskRecord victim = running("api").get(0);
    int port = victim.containers().get(0).networkBindings().get(0).hostPort();
    String address = victim.containers().get(0).networkBindings().get(0).bindIP();
    String entry = "0 1 " + port + " " + address.replace('.', '-') + ".api.internal.";
    assertThat(dig(gateways.get(0), "_api._tcp.internal", "SRV")).contains(entry);
    long killed = System.nanoTime();
    docker.killContainerCmd(victim.containers().get(0).dockerId()).exec();
    long recorded = 0;
    long gone = 0;
    while (System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(20) && gone == 0) {
      if (recorded == 0 && running("api").stream().noneMatch(t -> t.taskId().equals(victim.taskId()))) {
        recorded = System.nanoTime();
      }
      if (!dig(gateways.get(0), "_api._tcp.internal", "SRV").contains(entry)) {
        gone = System.nanoTime();
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(gone).as("the killed task left the SRV answers").isNotZero();
    if (recorded == 0 && running("api").stream().noneMatch(t -> t.taskId().equals(victim.taskId()))) {
      recorded = gone; // recorded between the last two looks: it left with the record
    }
    assertThat(recorded).as("the control plane has the task stopped once it left the answers").isNotZero();
    long afterKill = TimeUnit.NANOSECONDS.toMillis(gone - killed);
    long afterRecord = Math.max(0, TimeUnit.NANOSECONDS.toMillis(gone - recorded));
    System.out.println("discovery: a killed task left the DNS answers " + afterKill + " ms after docker kill, "
        + afterRecord + " ms after the control plane recorded it stopped");
    // Once the control plane has the stop (the agent reports it at once on Docker's event), an agent's
    // DNS answers without the task within one tick (its copy is at most 100 ms old); a client's cache
    // adds at most the TTL. How soon Docker and the agent see the kill depends on the machine's load.
    assertThat(afterRecord).isLessThan(250 + 1000);
  }

  private List<String> dig(String server, String name, String type) throws Exception {
    return run("dig", "@" + server, name, type, "+short", "+time=2", "+tries=1").lines().sorted().toList();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String container(TaskRecord task, String name) {
    return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().dockerId();
  }

  /** Runs {@code command} in the task's first container ({@code sh} of the client, {@code web} of the server). */
  private String exec(TaskRecord task, String... command) throws Exception {
    String id = task.containers().stream().filter(c -> c.name().equals("sh")).findFirst()
        .orElse(task.containers().get(0)).dockerId();
    ExecCreateCmdResponse created = docker.execCreateCmd(id).withCmd(command)
        .withAttachStdout(true).withAttachStderr(true).exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    docker.execStartCmd(created.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        out.writeBytes(frame.getPayload());
      }
    }).awaitCompletion(15, TimeUnit.SECONDS);
    return out.toString(StandardCharsets.UTF_8);
  }

  private Process start(String command, String... args) throws IOException {
    String log = command + (command.equals("agent") ? "-" + agents.size() : "") + ".log";
    return BerthProcesses.start(work.resolve(log), command, args);
  }

  private static String awaitMatch(Path log, Pattern pattern) throws Exception {
    return BerthProcesses.awaitMatch(log, pattern);
  }

  private void await(Duration timeout, BooleanSupplier condition, String what) throws Exception {
    BerthProcesses.await(timeout, condition, what, work, () -> admin == null ? "" : admin.getText("/v1/events"));
  }

  private List<DiscoveryEntry.Endpoint> endpoints() {
    return admin.get("/v1/discovery/internal/api", DiscoveryEntry.class).endpoints();
  }

  private List<InstanceRecord> instances() {
    return admin.get("/v1/instances", TypeFactory.defaultInstance().constructType(INSTANCES));
  }

  private List<TaskRecord> running(String service) {
    List<TaskRecord> tasks = admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
    return tasks.stream().filter(t -> t.wanted() && t.serviceName().equals(service)
        && t.lastStatus() == io.berth.engine.task.TaskStatus.RUNNING).collect(Collectors.toList());
  }
}
