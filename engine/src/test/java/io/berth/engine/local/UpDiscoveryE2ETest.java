package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.berth.engine.agent.AgentDns;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.docker.BusyboxImage;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.server.StateRepoFixture;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code berth up --dns}: each simulated host advertises the gateway of a Docker network of its own and
 * serves DNS there; a client task on one host resolves a service on both by name and reaches it.
 */
@Tag("e2e")
class UpDiscoveryE2ETest {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};

  @Test
  void simulatedHostsServeDiscoveryOnTheirOwnGateways() throws Exception {
    DockerClient docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    BusyboxImage.named("berth-test/busybox:1").buildIfAbsent(docker);
    Path work = Files.createTempDirectory("berth-up-dns");
    StateRepoFixture state = new StateRepoFixture(work.resolve(".berth/state"));
    LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(work, work.resolve(".berth/state"), 0, 2,
        List.of("zone-a", "zone-b"), 2048, 4096, Duration.ofSeconds(1), Duration.ofMillis(250), Map.of(), Duration.ZERO,
        "127.0.0.1", Optional.of(List.of())));
    try {
      List<String> gateways = cluster.agents().stream().map(a -> a.config().advertise().orElseThrow()).toList();
      assertThat(gateways).doesNotHaveDuplicates().noneMatch(a -> a.startsWith("127."));
      ControlPlaneClient admin = new ControlPlaneClient(cluster.uri(), cluster.upFile().adminToken());
      state.taskDefinition("api", 1, ExampleImages.WEBAPP_1, "")
          .service("api", "api", 2, 100, 200, true, ",\"serviceRegistries\":[{\"namespace\":\"internal\",\"name\":\"api\"}]")
          .taskDefinitionJson("client", 1, "{\"family\":\"client\",\"containerDefinitions\":[{\"name\":\"sh\","
              + "\"image\":\"berth-test/busybox:1\",\"memory\":32,\"stopTimeout\":1,\"command\":[\"sleep\",\"3600\"]}]}")
          .service("client", "client", 1, 100, 200, true, "")
          .commit();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && (endpoints(admin) != 2 || running(admin, "client").isEmpty())) {
        Thread.sleep(250);
      }
      assertThat(endpoints(admin)).as("two healthy api tasks in discovery").isEqualTo(2);

      for (String gateway : gateways) {
        Process dig = new ProcessBuilder("dig", "@" + gateway, "api.internal", "+short", "+time=2", "+tries=1")
            .redirectErrorStream(true).start();
        assertThat(dig.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(dig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList())
            .containsExactlyElementsOf(gateways.stream().sorted().toList());
      }
      TaskRecord client = running(admin, "client").get(0);
      String answer = exec(docker, client.containers().get(0).dockerId(), "busybox", "nslookup", "api.internal");
      assertThat(answer).contains("Address: " + gateways.get(0)).contains("Address: " + gateways.get(1));
      TaskRecord api = running(admin, "api").get(0);
      var binding = api.containers().get(0).networkBindings().get(0);
      assertThat(exec(docker, client.containers().get(0).dockerId(), "busybox", "wget", "-q", "-O", "-",
          "http://" + binding.bindIP() + ":" + binding.hostPort() + "/task").strip()).isEqualTo(api.taskId());
    } finally {
      cluster.close();
      state.close();
      for (int i = 0; i < 2; i++) {
        try {
          docker.removeNetworkCmd(AgentDns.defaultNetwork(work.resolve(".berth/agents/agent-" + i))).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
          // the cluster failed before it made this host's network
        }
      }
      docker.close();
    }
  }

  private static int endpoints(ControlPlaneClient admin) {
    try {
      return admin.get("/v1/discovery/internal/api", DiscoveryEntry.class).endpoints().size();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static List<TaskRecord> running(ControlPlaneClient admin, String service) {
    List<TaskRecord> tasks = admin.get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
    return tasks.stream().filter(t -> t.wanted() && t.serviceName().equals(service)
        && t.lastStatus() == TaskStatus.RUNNING).toList();
  }

  private static String exec(DockerClient docker, String container, String... command) throws Exception {
    var created = docker.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    docker.execStartCmd(created.getId()).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        out.writeBytes(frame.getPayload());
      }
    }).awaitCompletion(15, TimeUnit.SECONDS);
    return out.toString(StandardCharsets.UTF_8);
  }
}
