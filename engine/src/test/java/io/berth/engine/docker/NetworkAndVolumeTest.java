package io.berth.engine.docker;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Network;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network modes and volumes of real tasks: what Docker objects a task gets, and which outlive it. */
class NetworkAndVolumeTest {
  private static final String INSTANCE = "i-netvol-" + DockerFixture.RUN;
  private static final TaskRun.Settings FAST = TaskRun.Settings.defaults().withPollInterval(Duration.ofMillis(200));

  private final DockerClient docker = DockerFixture.docker();
  private final DockerRuntime runtime = new DockerRuntime(docker);

  @AfterAll
  static void cleanUp() {
    DockerFixture.cleanUp();
  }

  private TaskRun runUntil(String json, TaskStatus status) {
    TaskRun run = TaskRun.start(runtime, DockerFixture.spec(INSTANCE, json), SecretSource.NONE, FAST, o -> { });
    await(Duration.ofSeconds(30), run::observation, o -> o.lastStatus() == status);
    return run;
  }

  private static void stopAndRemove(TaskRun run) throws InterruptedException {
    run.stop("test over");
    assertThat(run.awaitStopped(Duration.ofSeconds(20))).isTrue();
    run.remove();
  }

  @Test
  void awsvpcTaskGetsANetworkOfItsOwnWhereContainersReachEachOtherByNameAndIsPublishedOnTheAgentsAddress() throws Exception {
    TaskRun run = runUntil("{'family':'vpc','networkMode':'awsvpc','containerDefinitions':["
        + "{'name':'web','image':'" + DockerFixture.WEBAPP + "','memory':32,'portMappings':[{'containerPort':8080}]},"
        + "{'name':'probe','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
        + "  'command':['sh','-c','until wget -q -O /tmp/got http://web:8080/health; do sleep 0.2; done; sleep 60']}]}",
        TaskStatus.RUNNING);
    String network = run.spec().networkName();

    Network inspected = docker.inspectNetworkCmd().withNetworkId(network).exec();
    assertThat(inspected.getLabels()).containsEntry(BerthLabels.TASK, run.spec().taskId());
    assertThat(inspected.getContainers()).hasSize(2);
    NetworkBinding binding = run.observation().container("web").orElseThrow().networkBindings().get(0);
    assertThat(binding.bindIP()).as("published on the agent's address").isEqualTo(run.spec().publishAddress());
    assertThat(binding.hostPort()).as("a port Docker picked").isNotEqualTo(8080).isPositive();
    var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://" + binding.bindIP() + ":" + binding.hostPort() + "/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).as("reachable from the host at that address").contains("ok");
    String probe = run.observation().container("probe").orElseThrow().dockerId().orElseThrow();
    await(Duration.ofSeconds(20), () -> exec(probe, "cat", "/tmp/got"), out -> out.contains("ok"));

    stopAndRemove(run);
    assertThat(docker.listNetworksCmd().withNameFilter(network).exec()).isEmpty();
  }

  @Test
  void noneAndHostModesUseDockersOwnNetworks() throws Exception {
    TaskRun none = runUntil("{'family':'isolated','networkMode':'none','containerDefinitions':[{'name':'c','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}", TaskStatus.RUNNING);
    TaskRun host = runUntil("{'family':'hostnet','networkMode':'host','containerDefinitions':[{'name':'c','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}", TaskStatus.RUNNING);

    assertThat(inspect(none, "c").getHostConfig().getNetworkMode()).isEqualTo("none");
    assertThat(inspect(host, "c").getHostConfig().getNetworkMode()).isEqualTo("host");
    stopAndRemove(none);
    stopAndRemove(host);
  }

  @Test
  void taskScopedVolumesGoWithTheTaskSharedOnesStayAndBindMountsSeeTheHost(@TempDir Path hostDir)
      throws Exception {
    String shared = "berth-test-shared-" + UUID.randomUUID().toString().substring(0, 8);
    Files.writeString(hostDir.resolve("greeting"), "hello from the host");
    TaskRun run = runUntil(("{'family':'vols','volumes':["
        + "{'name':'scratch','dockerVolumeConfiguration':{'scope':'task'}},"
        + "{'name':'cache','dockerVolumeConfiguration':{'scope':'shared','autoprovision':true}},"
        + "{'name':'config','host':{'sourcePath':'" + hostDir + "'}}],"
        + "'containerDefinitions':[{'name':'writer','image':'" + DockerFixture.BUSYBOX + "','memory':16,'essential':false,"
        + "  'mountPoints':[{'sourceVolume':'scratch','containerPath':'/scratch'},"
        + "                 {'sourceVolume':'cache','containerPath':'/cache'},"
        + "                 {'sourceVolume':'config','containerPath':'/config','readOnly':true}],"
        + "  'command':['sh','-c','cat /config/greeting > /scratch/copy; echo kept > /cache/file']},"
        + "{'name':'reader','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
        + "  'dependsOn':[{'containerName':'writer','condition':'SUCCESS'}],"
        + "  'volumesFrom':[{'sourceContainer':'writer','readOnly':true}],"
        + "  'command':['sh','-c','cat /scratch/copy; sleep 60']}]}").replace("'cache'", "'" + shared + "'"),
        TaskStatus.RUNNING);
    String taskVolume = run.spec().taskVolumeName("scratch");

    assertThat(docker.inspectVolumeCmd(taskVolume).exec().getLabels())
        .containsEntry(BerthLabels.TASK, run.spec().taskId()).containsEntry(BerthLabels.VOLUME_SCOPE, "task");
    assertThat(docker.inspectVolumeCmd(shared).exec().getLabels()).containsEntry(BerthLabels.VOLUME_SCOPE, "shared");
    String reader = run.observation().container("reader").orElseThrow().dockerId().orElseThrow();
    assertThat(exec(reader, "cat", "/scratch/copy")).isEqualTo("hello from the host");

    stopAndRemove(run);
    assertThat(volumeExists(taskVolume)).as("task volume removed with the task").isFalse();
    assertThat(volumeExists(shared)).as("shared volume kept").isTrue();
    docker.removeVolumeCmd(shared).exec();
  }

  @Test
  void aMissingSharedVolumeWithoutAutoprovisionStopsTheTaskWithTheFix() {
    TaskRun run = runUntil("{'family':'novol','volumes':[{'name':'berth-test-absent-volume',"
        + "'dockerVolumeConfiguration':{'scope':'shared'}}],'containerDefinitions':[{'name':'c','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'command':['true'],"
        + "'mountPoints':[{'sourceVolume':'berth-test-absent-volume','containerPath':'/data'}]}]}",
        TaskStatus.STOPPED);

    assertThat(run.observation().stoppedReason()).hasValueSatisfying(r -> assertThat(r)
        .contains(run.spec().taskId(), "berth-test-absent-volume", "docker volume create", "autoprovision"));
  }

  @Test
  void aMissingImageStopsTheTaskNamingTaskContainerAndImage() {
    TaskRun run = runUntil("{'family':'noimage','containerDefinitions':[{'name':'app','image':"
        + "'berth-test/does-not-exist:1','memory':16}]}", TaskStatus.STOPPED);

    assertThat(run.observation().stoppedReason()).hasValueSatisfying(r -> assertThat(r)
        .contains(run.spec().taskId(), "'app'", "berth-test/does-not-exist:1", "CannotPullContainerError"));
  }

  private boolean volumeExists(String name) {
    try {
      docker.inspectVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private InspectContainerResponse inspect(TaskRun run, String container) {
    return docker.inspectContainerCmd(run.observation().container(container).orElseThrow().dockerId().orElseThrow())
        .exec();
  }

  private String exec(String containerId, String... command) {
    String exec = docker.execCreateCmd(containerId).withCmd(command).withAttachStdout(true).withAttachStderr(true)
        .exec().getId();
    StringBuilder out = new StringBuilder();
    try {
      docker.execStartCmd(exec).exec(new ResultCallback.Adapter<
          Frame>() {
        @Override
        public void onNext(Frame frame) {
          out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }
      }).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out.toString();
  }
}
