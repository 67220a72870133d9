package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.json.BerthJson;
import io.berth.model.TaskDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Shared set-up for tests on the real Docker engine: one client, the test images, a label that
 * marks everything this JVM's tests create, and cleanup by that label (never touching anything
 * else on the engine, which other people's tests share).
 */
public final class DockerFixture {
  /** Label key on every object tests create. */
  public static final String TEST_LABEL = "berth.test";
  /** Label value of this JVM's test run. */
  public static final String RUN = "agent-" + UUID.randomUUID().toString().substring(0, 8);
  /** Plain busybox image (CMD sh). */
  public static final String BUSYBOX = "berth-test/busybox:1";
  /** The example web image: httpd on 8080 with / and /health. */
  public static final String WEBAPP = "berth-examples/webapp-httpd:1";

  private static DockerClient docker;

  private DockerFixture() {}

  /** The client, with the test images built once. */
  public static synchronized DockerClient docker() {
    if (docker == null) {
      docker = DockerEngine.connect();
      BusyboxImage.named(BUSYBOX).buildIfAbsent(docker);
      BusyboxImage.webapp(WEBAPP, "berth webapp").buildIfAbsent(docker);
    }
    return docker;
  }

  /** Labels marking a task as this test run's. */
  public static Map<String, String> labels() {
    return Map.of(TEST_LABEL, RUN);
  }

  /** A task spec for {@code json} (an ECS task definition) owned by agent {@code instanceId}. */
  public static TaskSpec spec(String instanceId, String json) {
    TaskDefinition definition = parse(json);
    String taskId = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new TaskSpec(instanceId, taskId, "test", definition.family(), 1, definition, labels());
  }

  /** Parses an ECS task definition written as JSON (single quotes allowed for readability). */
  public static TaskDefinition parse(String json) {
    try {
      return BerthJson.mapper().readValue(json.replace('\'', '"'), TaskDefinition.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test task definition: " + e.getOriginalMessage(), e);
    }
  }

  /** Removes every container, network and volume labelled with this run. */
  public static void cleanUp() {
    DockerClient client = docker();
    List<String> filter = List.of(TEST_LABEL + "=" + RUN);
    client.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().forEach(c -> quietly(
        () -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec()));
    client.listNetworksCmd().withFilter("label", filter).exec().forEach(n -> quietly(
        () -> client.removeNetworkCmd(n.getId()).exec()));
    client.listVolumesCmd().withFilter("label", filter).exec().getVolumes().forEach(v -> quietly(
        () -> client.removeVolumeCmd(v.getName()).exec()));
  }

  /** Stops each run, waits until it stopped, and removes its containers: the tests' tear-down. */
  public static void stopAndRemove(List<TaskRun> runs) throws InterruptedException {
    for (TaskRun run : runs) {
      run.stop("test over");
      run.awaitStopped(Duration.ofSeconds(20));
      run.remove();
    }
  }

  private static void quietly(Runnable removal) {
    try {
      removal.run();
    } catch (NotFoundException gone) {
      // Removed meanwhile (the task removed it itself).
    }
  }

  /** Polls {@code value} until {@code done} holds, or fails after {@code timeout} with the last value. */
  public static <T> T await(Duration timeout, Supplier<T> value, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + timeout + "; last value: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      last = value.get();
    }
    return last;
  }
}
