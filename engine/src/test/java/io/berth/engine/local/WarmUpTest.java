package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.planner.DesiredInput;
import io.berth.engine.planner.Planner;
import io.berth.engine.planner.SchedulerDryRun;
import io.berth.engine.server.DesiredApplier;
import io.berth.engine.state.StateRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.berth.engine.server.ReconcileSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up of {@code berth up}: a whole first deployment rehearsed, and nothing sent to Docker. */
public class WarmUpTest {
  @TempDir Path temp;

  /** Every request a Docker client sends through it, each answered with a failure. */
  public static final class RecordingDocker implements DockerHttpClient {
    public final List<String> requests = new ArrayList<>();

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

    WarmUp.Rehearsed rehearsed = WarmUp.rehearseIn(temp.resolve("scratch"), docker, ReconcileSettings.defaults(),
        Optional.empty());

    assertThat(rehearsed.tasksPlaced()).as("tasks the scratch control plane placed on the made-up hosts").isEqualTo(6);
    assertThat(rehearsed.createRequestBytes()).as("create request bodies written, two containers a task").isPositive();
    assertThat(recording.requests).isEmpty();
    assertThat(rehearsed.planTextChars()).as("no applier, no plan text").isZero();
  }

  @Test
  void makesTheDeclaredCommitThroughTheApplierItIsGiven() {
    Path scratch = temp.resolve("scratch");
    List<ApplyRequest> requests = new ArrayList<>();
    List<String> desiredFiles = new ArrayList<>();
    DesiredApplier applier = (request, state) -> {
      requests.add(request);
      try {
        desiredFiles.add(Files.readString(Path.of(request.desired()).resolve("desired.json")));
        // what the CLI's apply does, minus the text: plan the directory and commit it
        try (StateRepository repository = StateRepository.init(state)) {
          Planner planner = new Planner(repository, SchedulerDryRun.NONE);
          planner.apply(planner.plan(DesiredInput.read(Path.of(request.desired()), request.stack())));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new ApplyResponse(0, "plan text of the rehearsal", "", "");
    };
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), new RecordingDocker()));

    WarmUp.Rehearsed rehearsed = WarmUp.rehearseIn(scratch, docker, ReconcileSettings.defaults(), Optional.of(applier));

    assertThat(requests).singleElement().satisfies(request -> {
      assertThat(request.desired()).startsWith(scratch.toString());
      assertThat(request.colour()).isFalse();
    });
    assertThat(desiredFiles).singleElement().asString().contains("\"stack\":\"warm-up\"");
    assertThat(rehearsed.tasksPlaced()).as("placed from the commit the applier made").isEqualTo(6);
    assertThat(rehearsed.planTextChars()).isEqualTo("plan text of the rehearsal".length());
    assertThat(scratch).doesNotExist();
  }

  @Test
  void aFailedApplyEndsTheRehearsalWithItsMessageAndStillDeletesTheScratchDirectory() {
    Path scratch = temp.resolve("scratch");
    DesiredApplier failing = (request, state) -> new ApplyResponse(1, "", "error: something the user can fix\n", "");
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), new RecordingDocker()));

    assertThatThrownBy(() -> WarmUp.rehearseIn(scratch, docker, ReconcileSettings.defaults(), Optional.of(failing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("error: something the user can fix");
    assertThat(scratch).doesNotExist();
  }

  @Test
  void repeatedRehearsalsStopOnceTheClusterHasRealWork() {
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), new RecordingDocker()));
    List<String> applies = new ArrayList<>();
    DesiredApplier counting = (request, state) -> {
      applies.add(request.desired());
      try (StateRepository repository = StateRepository.init(state)) {
        Planner planner = new Planner(repository, SchedulerDryRun.NONE);
        planner.apply(planner.plan(DesiredInput.read(Path.of(request.desired()), request.stack())));
      }
      return new ApplyResponse(0, "", "", "");
    };

    int untilBusy = WarmUp.rehearseRepeatedly(5, docker, ReconcileSettings.defaults(), Optional.of(counting),
        () -> applies.size() >= 2);
    int whenBusyAtOnce = WarmUp.rehearseRepeatedly(5, docker, ReconcileSettings.defaults(), Optional.of(counting),
        () -> true);

    assertThat(untilBusy).as("rehearsals before real work arrived").isEqualTo(2);
    assertThat(whenBusyAtOnce).isZero();
    assertThat(applies).hasSize(2).doesNotHaveDuplicates();
    assertThat(WarmUp.REHEARSALS).as("enough to compile the per-task paths (see its javadoc)").isGreaterThan(1);
  }

  @Test
  void deletesItsScratchStateRepository() {
    Path scratch = temp.resolve("scratch");
    DockerRuntime docker = new DockerRuntime(DockerClientImpl.getInstance(
        DefaultDockerClientConfig.createDefaultConfigBuilder().build(), new RecordingDocker()));

    WarmUp.rehearseIn(scratch, docker, ReconcileSettings.defaults(), Optional.empty());

    assertThat(scratch).doesNotExist();
    assertThat(temp).isEmptyDirectory();
  }
}
