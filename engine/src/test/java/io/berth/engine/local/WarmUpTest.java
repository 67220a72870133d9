package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.server.ReconcileSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up of {@code berth up}: a whole first deployment rehearsed, and nothing sent to Docker. */
class WarmUpTest {
  @TempDir Path temp;

  /** Every request a Docker client sends through it, each answered with a failure. */
  static final class RecordingDocker implements DockerHttpClient {
    final List<String> requests = new ArrayList<>();

    @Override
    public Response execute(Request request) {
      requests.add(request.method() + " " + request.path());
      throw new IllegalStateException("the warm-up must not call Docker: " + request.method() + " " + request.path());
    }

    @Override
    public void close() {}
  }

  @Test
  void rehearsesAFirstDeploymentWithoutSendingDockerAnything() {
    RecordingDocker recording = new RecordingDocker();
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), recording));

    WarmUp.Rehearsed rehearsed = WarmUp.rehearseIn(temp.resolve("scratch"), docker, ReconcileSettings.defaults());

    assertThat(rehearsed.tasksPlaced()).as("tasks the scratch control plane placed on the made-up hosts").isEqualTo(6);
    assertThat(rehearsed.createRequestBytes()).as("create request bodies written, two containers a task").isPositive();
    assertThat(recording.requests).isEmpty();
  }

  @Test
  void deletesItsScratchStateRepository() {
    Path scratch = temp.resolve("scratch");
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), new RecordingDocker()));

    WarmUp.rehearseIn(scratch, docker, ReconcileSettings.defaults());

    assertThat(scratch).doesNotExist();
    assertThat(temp).isEmptyDirectory();
  }
}
