package io.berth.engine.docker;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs real tasks on the local Docker engine and checks what ECS semantics promise. */
class TaskRunTest {
  private static final String INSTANCE = "i-taskrun-" + DockerFixture.RUN;
  private static final TaskRun.Settings FAST = TaskRun.Settings.defaults().withPollInterval(Duration.ofMillis(200));

  private final DockerRuntime runtime = new DockerRuntime(DockerFixture.docker());
  private final List<TaskRun> runs = new ArrayList<>();
  private final List<TaskObservation> reports = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopTasks() throws InterruptedException {
    DockerFixture.stopAndRemove(runs);
  }

  @AfterAll
  static void cleanUp() {
    DockerFixture.cleanUp();
  }

  private TaskRun run(String json) {
    TaskRun run = TaskRun.start(runtime, DockerFixture.spec(INSTANCE, json), SecretSource.NONE, FAST, reports::add);
    runs.add(run);
    return run;
  }

  private static TaskObservation awaitStatus(TaskRun run, TaskStatus status) {
    return await(Duration.ofSeconds(30), run::observation, o -> o.lastStatus() == status);
  }

  @Test
  void bridgeTaskWithDynamicPortAnswersHttpOnLoopback() throws Exception {
    TaskRun run = run("{'family':'web','containerDefinitions':[{'name':'web','image':'" + DockerFixture.WEBAPP
        + "','memory':32,'portMappings':[{'containerPort':8080,'hostPort':0}]}]}");

    TaskObservation running = awaitStatus(run, TaskStatus.RUNNING);

    NetworkBinding binding = running.container("web").orElseThrow().networkBindings().get(0);
    assertThat(binding.bindIP()).isEqualTo("127.0.0.1");
    assertThat(binding.containerPort()).isEqualTo(8080);
    assertThat(binding.hostPort()).isPositive().isNotEqualTo(8080);
    HttpResponse<String> response = get(binding.hostPort(), "/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
    assertThat(reports).extracting(TaskObservation::lastStatus).startsWith(TaskStatus.PENDING)
        .contains(TaskStatus.RUNNING);
  }

  @Test
  void twoInstancesWithTheSameTaskIdOnOneEngineRunTheirOwnContainers() {
    // Task ids are unique per control plane only: two local clusters may both have task "same-1".
    String json = "{'family':'twin','containerDefinitions':[{'name':'app','image':'" + DockerFixture.BUSYBOX
        + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}";
    TaskSpec mine = DockerFixture.spec(INSTANCE, json);
    TaskSpec theirs = new TaskSpec(INSTANCE + "-other", mine.taskId(), "other", mine.family(), 1, mine.taskDefinition(),
        mine.extraLabels());
    TaskRun first = TaskRun.launch(runtime, mine, SecretSource.NONE, FAST, reports::add);
    runs.add(first);
    TaskRun second = TaskRun.launch(runtime, theirs, SecretSource.NONE, FAST, reports::add);
    runs.add(second);

    String firstId = awaitStatus(first, TaskStatus.RUNNING).container("app").orElseThrow().dockerId().orElseThrow();
    String secondId = awaitStatus(second, TaskStatus.RUNNING).container("app").orElseThrow().dockerId().orElseThrow();

    assertThat(firstId).isNotEqualTo(secondId);
    assertThat(DockerFixture.docker().inspectContainerCmd(secondId).exec().getConfig().getLabels())
        .containsEntry(BerthLabels.INSTANCE, INSTANCE + "-other");
  }

  @Test
  void aContainerOfAnotherTaskHoldingTheNameIsNotAdopted() {
    String json = "{'family':'squat','containerDefinitions':[{'name':'app','image':'" + DockerFixture.BUSYBOX
        + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}";
    TaskSpec spec = DockerFixture.spec(INSTANCE, json);
    // Someone else's container under the name this task's container would get.
    try (var create = DockerFixture.docker().createContainerCmd(DockerFixture.BUSYBOX)) {
      create.withName(spec.containerName("app")).withCmd("sleep", "60").withLabels(DockerFixture.labels()).exec();
    }
    TaskRun run = TaskRun.launch(runtime, spec, SecretSource.NONE, FAST, reports::add);
    runs.add(run);

    TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r)
        .contains(spec.containerName("app"), "is not this task's", "remove or rename"));
  }

  @Test
  void dependsOnStartsContainersInOrderAndSuccessWaitsForExitZero() {
    TaskRun run = run("{'family':'order','containerDefinitions':["
        + "{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60'],"
        + "  'dependsOn':[{'containerName':'migrate','condition':'SUCCESS'},{'containerName':'sidecar','condition':'START'}]},"
        + "{'name':'migrate','essential':false,'image':'" + DockerFixture.BUSYBOX + "','memory':16,"
        + "  'command':['sh','-c','sleep 1; exit 0']},"
        + "{'name':'sidecar','essential':false,'image':'" + DockerFixture.BUSYBOX + "','memory':16,"
        + "  'stopTimeout':1,'command':['sleep','60']}]}");

    TaskObservation running = awaitStatus(run, TaskStatus.RUNNING);

    ContainerObservation migrate = running.container("migrate").orElseThrow();
    Instant appStarted = running.container("app").orElseThrow().startedAt().orElseThrow();
    assertThat(migrate.exitCode()).contains(0);
    assertThat(migrate.finishedAt().orElseThrow()).isBeforeOrEqualTo(appStarted);
    assertThat(running.container("sidecar").orElseThrow().startedAt().orElseThrow()).isBeforeOrEqualTo(appStarted);
    assertThat(StartOrder.of(run.spec().taskDefinition())).containsExactly("migrate", "sidecar", "app");
  }

  @Test
  void healthyDependencyWaitsForThePassingHealthCheck() {
    TaskRun run = run("{'family':'healthy','containerDefinitions':["
        + "{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60'],"
        + "  'dependsOn':[{'containerName':'db','condition':'HEALTHY'}]},"
        + "{'name':'db','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
        + "  'command':['sh','-c','sleep 1; touch /tmp/ready; sleep 60'],"
        + "  'healthCheck':{'command':['CMD-SHELL','test -f /tmp/ready'],'interval':1,'timeout':2,'retries':3}}]}");

    TaskObservation running = awaitStatus(run, TaskStatus.RUNNING);

    String db = running.container("db").orElseThrow().dockerId().orElseThrow();
    var health = DockerFixture.docker().inspectContainerCmd(db).exec().getState().getHealth();
    Instant firstPass = health.getLog().stream().filter(l -> l.getExitCodeLong() == 0)
        .map(l -> Instant.parse(l.getEnd())).min(Instant::compareTo).orElseThrow();
    assertThat(running.container("app").orElseThrow().startedAt().orElseThrow()).isAfterOrEqualTo(firstPass);
    assertThat(running.health()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void aDependencyThatIsNeverMetStopsTheTaskAfterStartTimeout() {
    TaskRun run = run("{'family':'slow','containerDefinitions':["
        + "{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16,'startTimeout':2,'command':['true'],"
        + "  'dependsOn':[{'containerName':'init','condition':'COMPLETE'}]},"
        + "{'name':'init','essential':false,'image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
        + "  'command':['sleep','60']}]}");

    TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("app", "timed out", "2 s"));
    assertThat(stopped.container("app").orElseThrow().startedAt()).isEmpty();
  }

  @Test
  void stopRunsInReverseDependencyOrder() throws Exception {
    String quitsOnTerm = "'command':['sh','-c','trap \\'exit 0\\' TERM; while true; do sleep 0.1; done']";
    TaskRun run = run("{'family':'reverse','containerDefinitions':["
        + "{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16," + quitsOnTerm + ","
        + "  'dependsOn':[{'containerName':'db','condition':'START'}]},"
        + "{'name':'db','image':'" + DockerFixture.BUSYBOX + "','memory':16," + quitsOnTerm + "}]}");
    awaitStatus(run, TaskStatus.RUNNING);

    run.stop("test stops it");
    assertThat(run.awaitStopped(Duration.ofSeconds(20))).isTrue();

    TaskObservation stopped = run.observation();
    Instant appFinished = stopped.container("app").orElseThrow().finishedAt().orElseThrow();
    Instant dbFinished = stopped.container("db").orElseThrow().finishedAt().orElseThrow();
    assertThat(appFinished).isBeforeOrEqualTo(dbFinished);
    assertThat(stopped.container("app").orElseThrow().exitCode()).as("quit on SIGTERM").contains(0);
  }

  @Test
  void successDependencyThatExitsNonZeroStopsTheTaskBeforeTheDependentStarts() {
    TaskRun run = run("{'family':'fails','containerDefinitions':["
        + "{'name':'app','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60'],"
        + "  'dependsOn':[{'containerName':'migrate','condition':'SUCCESS'}]},"
        + "{'name':'migrate','essential':false,'image':'" + DockerFixture.BUSYBOX + "','memory':16,"
        + "  'command':['sh','-c','exit 4']}]}");

    TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("app", "migrate", "SUCCESS"));
    assertThat(stopped.container("migrate").orElseThrow().exitCode()).contains(4);
    assertThat(stopped.container("app").orElseThrow().startedAt()).isEmpty();
  }

  @Test
  void containerIgnoringSigtermIsKilledAfterItsStopTimeout() throws Exception {
    TaskRun run = run("{'family':'stubborn','containerDefinitions':[{'name':'stubborn','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':2,"
        + "'command':['sh','-c','trap \\'\\' TERM; while true; do sleep 1; done']}]}");
    awaitStatus(run, TaskStatus.RUNNING);

    long started = System.nanoTime();
    run.stop("test stops it");
    assertThat(run.awaitStopped(Duration.ofSeconds(20))).isTrue();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(8));
    TaskObservation stopped = run.observation();
    assertThat(stopped.container("stubborn").orElseThrow().exitCode()).contains(137);
    assertThat(stopped.stoppedReason()).contains("test stops it");
  }

  @Test
  void healthChecksReportHealthyAndUnhealthy() {
    TaskRun healthy = run(healthTask("touch /tmp/ok"));
    TaskRun unhealthy = run(healthTask("true"));

    await(Duration.ofSeconds(30), healthy::observation, o -> o.health() == HealthStatus.HEALTHY);
    TaskObservation sick = await(Duration.ofSeconds(30), unhealthy::observation,
        o -> o.health() == HealthStatus.UNHEALTHY);

    assertThat(sick.container("web").orElseThrow().health()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(healthy.observation().container("web").orElseThrow().health()).isEqualTo(HealthStatus.HEALTHY);
  }

  private static String healthTask(String setUp) {
    return "{'family':'health','containerDefinitions':[{'name':'web','image':'" + DockerFixture.BUSYBOX
        + "','memory':16,'stopTimeout':1,'command':['sh','-c','" + setUp + "; sleep 60'],"
        + "'healthCheck':{'command':['CMD-SHELL','test -f /tmp/ok'],'interval':1,'timeout':2,'retries':1}}]}";
  }

  @Test
  void essentialContainerExitStopsTheTask() {
    TaskRun run = run("{'family':'batch','containerDefinitions':["
        + "{'name':'main','image':'" + DockerFixture.BUSYBOX + "','memory':16,'command':['sh','-c','sleep 1; exit 3']},"
        + "{'name':'helper','essential':false,'image':'" + DockerFixture.BUSYBOX + "','memory':16,"
        + "  'stopTimeout':1,'command':['sleep','60']}]}");

    TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("Essential container",
        "main", "exit code 3"));
    assertThat(stopped.container("main").orElseThrow().exitCode()).contains(3);
    assertThat(stopped.container("helper").orElseThrow().lastStatus()).isEqualTo(TaskStatus.STOPPED);
    assertThat(stopped.stoppedAt()).isPresent();
  }

  @Test
  void aDetachedRunLeavesContainersRunningAndANewRunAdoptsThemWithoutRestarting() throws Exception {
    TaskRun first = run("{'family':'adopt','containerDefinitions':[{'name':'main','image':'" + DockerFixture.BUSYBOX
        + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}");
    ContainerObservation before = awaitStatus(first, TaskStatus.RUNNING).container("main").orElseThrow();

    first.detach();
    assertThat(first.awaitStopped(Duration.ofSeconds(5))).as("thread ended").isTrue();
    runs.remove(first);
    TaskRun second = TaskRun.start(runtime, first.spec(), SecretSource.NONE, FAST, reports::add);
    runs.add(second);

    ContainerObservation after = awaitStatus(second, TaskStatus.RUNNING).container("main").orElseThrow();
    assertThat(after.dockerId()).isEqualTo(before.dockerId());
    assertThat(after.startedAt()).isEqualTo(before.startedAt());
    assertThat(runtime.containersOfTask(INSTANCE, first.spec().taskId())).hasSize(1);
  }

  @Test
  void anEssentialContainerRemovedBehindTheAgentsBackStopsTheTask() {
    TaskRun run = run("{'family':'removed','containerDefinitions':[{'name':'main','image':'" + DockerFixture.BUSYBOX
        + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}");
    String id = awaitStatus(run, TaskStatus.RUNNING).container("main").orElseThrow().dockerId().orElseThrow();

    DockerFixture.docker().removeContainerCmd(id).withForce(true).exec();

    TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);
    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("Essential container", "main"));
  }

  @Test
  void dockerEventsWakeASteadyTaskThatWouldOtherwiseNotLookForAnHour() throws Exception {
    TaskRun.Settings slow = FAST.withSteadyPollInterval(Duration.ofHours(1));
    AtomicReference<TaskRun> current = new AtomicReference<>();
    try (ContainerEvents events = ContainerEvents.watch(DockerFixture.docker(), INSTANCE, taskId -> {
      TaskRun run = current.get();
      if (run != null && run.spec().taskId().equals(taskId)) {
        run.poke();
      }
    }, () -> { })) {
      TaskRun run = TaskRun.start(runtime, DockerFixture.spec(INSTANCE, "{'family':'evented','containerDefinitions':["
          + "{'name':'main','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
          + "'command':['sleep','60']}]}"), SecretSource.NONE, slow, reports::add);
      current.set(run);
      runs.add(run);
      String id = awaitStatus(run, TaskStatus.RUNNING).container("main").orElseThrow().dockerId().orElseThrow();
      Thread.sleep(300); // let the run settle into its hour-long wait

      DockerFixture.docker().killContainerCmd(id).exec();

      TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);
      assertThat(stopped.container("main").orElseThrow().exitCode()).contains(137);
    }
  }

  @Test
  void aTaskWhoseContainerExitedWhileNoEventStreamWasOpenIsLookedAtWhenTheStreamOpens() throws Exception {
    TaskRun.Settings slow = FAST.withSteadyPollInterval(Duration.ofHours(1));
    TaskRun run = TaskRun.start(runtime, DockerFixture.spec(INSTANCE, "{'family':'gap','containerDefinitions':["
        + "{'name':'main','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,"
        + "'command':['sleep','60']}]}"), SecretSource.NONE, slow, reports::add);
    runs.add(run);
    String id = awaitStatus(run, TaskStatus.RUNNING).container("main").orElseThrow().dockerId().orElseThrow();
    Thread.sleep(300); // let the run settle into its hour-long wait
    // The exit happens while nothing watches events (an agent between two event streams).
    DockerFixture.docker().killContainerCmd(id).exec();
    Thread.sleep(300);
    assertThat(run.observation().lastStatus()).as("no poll, no event: the run has not looked yet")
        .isEqualTo(TaskStatus.RUNNING);

    try (ContainerEvents events = ContainerEvents.watch(DockerFixture.docker(), INSTANCE, taskId -> { },
        run::poke)) {
      TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);
      assertThat(stopped.container("main").orElseThrow().exitCode()).contains(137);
    }
  }

  @Test
  void aFreshLaunchStartsItsContainersInTheTickThatCreatesThem() {
    // Polls an hour apart and no event watcher: only the first tick can have started the containers.
    TaskRun.Settings hourly = FAST.withPollInterval(Duration.ofHours(1));
    TaskRun run = TaskRun.launch(runtime, DockerFixture.spec(INSTANCE, "{'family':'fresh','containerDefinitions':["
        + "{'name':'main','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60']},"
        + "{'name':'side','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'essential':false,"
        + "'command':['sleep','60'],'dependsOn':[{'containerName':'main','condition':'START'}]}]}"),
        SecretSource.NONE, hourly, reports::add);
    runs.add(run);

    TaskObservation running = await(Duration.ofSeconds(30), run::observation,
        o -> o.containers().stream().allMatch(c -> c.lastStatus() == TaskStatus.RUNNING));

    assertThat(running.lastStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(running.container("side").orElseThrow().startedAt()).as("dependent started in the same tick").isPresent();
    assertThat(reports).as("PENDING with Docker ids was reported before RUNNING")
        .anySatisfy(o -> {
          assertThat(o.lastStatus()).isEqualTo(TaskStatus.PENDING);
          assertThat(o.container("main").orElseThrow().dockerId()).isPresent();
        });
  }

  @Test
  void aLaunchWhoseContainersAlreadyExistAdoptsThemThroughTheConflictAndStartsNothingTwice() throws Exception {
    TaskRun first = TaskRun.launch(runtime, DockerFixture.spec(INSTANCE, "{'family':'twice','containerDefinitions':["
        + "{'name':'main','image':'" + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}"),
        SecretSource.NONE, FAST, reports::add);
    runs.add(first);
    ContainerObservation before = awaitStatus(first, TaskStatus.RUNNING).container("main").orElseThrow();
    first.detach();
    assertThat(first.awaitStopped(Duration.ofSeconds(5))).as("thread ended").isTrue();
    runs.remove(first);

    TaskRun second = TaskRun.launch(runtime, first.spec(), SecretSource.NONE, FAST, reports::add);
    runs.add(second);

    ContainerObservation after = awaitStatus(second, TaskStatus.RUNNING).container("main").orElseThrow();
    assertThat(after.dockerId()).isEqualTo(before.dockerId());
    assertThat(after.startedAt()).as("not started again").isEqualTo(before.startedAt());
    assertThat(runtime.containersOfTask(INSTANCE, first.spec().taskId())).hasSize(1);
  }

  @Test
  void aFreshLaunchOfAnImageTheEngineLacksFailsNamingThePull() {
    TaskRun run = TaskRun.launch(runtime, DockerFixture.spec(INSTANCE, "{'family':'nopull','containerDefinitions':["
        + "{'name':'main','image':'127.0.0.1:1/berth-missing/image:never','memory':16}]}"),
        SecretSource.NONE, FAST, reports::add);
    runs.add(run);

    TaskObservation stopped = awaitStatus(run, TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("CannotPullContainerError",
        "berth-missing/image:never"));
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
