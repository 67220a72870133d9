package io.berth.engine.agent;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose Docker engine does not answer (a loaded machine, a daemon busy removing
 * containers) keeps syncing: the control plane must never take a live host for lost, and replace
 * its tasks, because Docker is slow.
 */
class HungDockerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HangingDocker docker = new HangingDocker();
  private FakeControlPlane server;
  private Agent agent;
  @TempDir Path dataDir;

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeControlPlane();
  }

  @AfterEach
  void stopEverything() {
    docker.release();
    if (agent != null) {
      agent.stop();
    }
    server.close();
  }

  @Test
  void syncsKeepReachingTheControlPlaneWhileDockerHangs() throws Exception {
    agent = new Agent(AgentConfig.of(server.url(), FakeControlPlane.TOKEN, dataDir).withZone("zone-a")
        .withCpu(1024).withMemory(1024).withSyncInterval(Duration.ofMillis(50)), docker.client());
    agent.start();
    assertThat(agent.awaitRegistered(WAIT)).as("registered").isTrue();
    // Adopting this host's containers after the registration asks Docker, which does not answer.
    await(WAIT, docker.hanging::get, n -> n > 0);
    int before = server.syncs.get();

    int after = await(WAIT, server.syncs::get, n -> n >= before + 5);

    assertThat(after).as("syncs while Docker hangs").isGreaterThanOrEqualTo(before + 5);
    assertThat(agent.taskIds()).as("nothing launched before the adoption is done").isEmpty();
  }
}
