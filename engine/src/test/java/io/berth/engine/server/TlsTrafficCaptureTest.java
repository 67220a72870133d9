package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.agent.Agent;
import io.berth.engine.agent.AgentConfig;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.JoinToken;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.docker.DockerFixture;
import io.berth.engine.local.ExampleImages;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.CapturingRelay;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses the network between a real agent and an HTTPS control plane: a TCP relay the test
 * owns sits between them and keeps every byte while the agent registers, syncs, is assigned a task
 * whose container reads a secret, and runs it. Neither the join token, the agent's credential, the
 * secret's value nor anything of the task definition appears in those bytes. The same relay in
 * front of a plain HTTP control plane does show the token, so the capture sees what it should.
 */
class TlsTrafficCaptureTest {
  static final String SECRET = "db-password-5f3a9c";
  static final String MARKER = "TASKDEF-MARKER-7d41e2";

  @TempDir Path temp;

  @Test
  void noTokenSecretOrTaskDefinitionCrossesTheWireInClearText() throws Exception {
    DockerClient docker = DockerEngine.connect();
    ExampleImages.buildIfAbsent(docker);
    try (StateRepoFixture state = new StateRepoFixture(temp.resolve("state.git"))) {
      state.taskDefinitionJson("captured", 1, """
          {"family":"captured","executionRoleArn":"arn:berth:iam::role/captured-exec","containerDefinitions":[
            {"name":"web","image":"%s","memory":64,"environment":[{"name":"MARK","value":"%s"}],
             "secrets":[{"name":"DB_PASSWORD","valueFrom":"secret/captured/db"}]}]}
          """.formatted(ExampleImages.WEBAPP_1, MARKER))
          .service("captured", "captured", 1, 0, 100, false, "")
          .role("captured-exec", "[{\"effect\":\"Allow\",\"actions\":[\"secrets:Read\"],\"resources\":[\"secret/captured/*\"]}]")
          .commit();
      ServerTls tls = ClusterCa.ownCa(temp.resolve("server"), ClusterCa.serverNames("127.0.0.1", List.of()),
          Clock.systemUTC().instant());
      String joinToken = JoinToken.create(Optional.of(tls.caFingerprint()));
      var config = new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), joinToken, "admin-0123456789",
          Map.of("captured/db", SECRET), Duration.ofMillis(200), Duration.ofMillis(100), ReconcileSettings.defaults())
          .securedBy(new ApiSecurity(List.of(), Optional.of(tls), Optional.empty(), Duration.ofHours(1)));
      try (ControlPlane plane = ControlPlane.start(config, Clock.systemUTC());
          CapturingRelay relay = new CapturingRelay(new InetSocketAddress("127.0.0.1", plane.uri().getPort()))) {
        Agent agent = new Agent(AgentConfig.of(URI.create("https://127.0.0.1:" + relay.port()), joinToken,
            temp.resolve("agent")).withAdvertise("127.0.0.1").withLabel(DockerFixture.TEST_LABEL, DockerFixture.RUN), docker);
        try {
          agent.start();
          assertThat(agent.awaitRegistered(Duration.ofSeconds(20))).as("registered through the relay").isTrue();
          TaskRecord running = null;
          for (int i = 0; i < 300 && running == null; i++) {
            Thread.sleep(100);
            running = plane.snapshot().tasks().values().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING)
                .findFirst().orElse(null);
          }
          assertThat(running).as("the task runs, its secret read through the relay").isNotNull();
          String credential = java.nio.file.Files.readString(temp.resolve("agent/instance-token")).strip();

          String wire = new String(relay.captured(), StandardCharsets.ISO_8859_1);
          assertThat(relay.captured().length).as("bytes relayed").isGreaterThan(5_000);
          assertThat(relay.captured()[0]).as("a TLS handshake record first").isEqualTo((byte) 0x16);
          assertThat(wire).doesNotContain(joinToken).doesNotContain(joinToken.substring(joinToken.length() - 16))
              .doesNotContain(credential).doesNotContain(SECRET).doesNotContain(MARKER)
              .doesNotContain(ExampleImages.WEBAPP_1).doesNotContain("captured").doesNotContain("Bearer")
              .doesNotContain("HTTP/1.1");
        } finally {
          agent.stopAndRemoveTasks(Duration.ofSeconds(20));
        }
      }
    } finally {
      docker.close();
    }
  }

  @Test
  void theRelaySeesTheTokenOfAPlainHttpControlPlane() throws Exception {
    try (StateRepoFixture state = new StateRepoFixture(temp.resolve("state.git"))) {
      state.taskDefinition("web", 1, "webapp:1", "").commit();
      var config = new ControlPlaneConfig(state.dir, new InetSocketAddress("127.0.0.1", 0), "plain-join-token-1234",
          "admin-0123456789", Map.of(), Duration.ofMillis(200), Duration.ofHours(1), ReconcileSettings.defaults());
      try (ControlPlane plane = ControlPlane.start(config, Clock.systemUTC());
          CapturingRelay relay = new CapturingRelay(new InetSocketAddress("127.0.0.1", plane.uri().getPort()))) {
        new ControlPlaneClient(URI.create("http://127.0.0.1:" + relay.port()), "plain-join-token-1234")
            .register(new RegisterInstanceRequest("*", Optional.empty(), "host", 1024, 1024, Map.of(), "test"));

        assertThat(new String(relay.captured(), StandardCharsets.ISO_8859_1)).contains("plain-join-token-1234")
            .contains("berth-instance-1.");
      }
    }
  }
}
