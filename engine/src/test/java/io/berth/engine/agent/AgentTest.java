package io.berth.engine.agent;

import static io.berth.engine.docker.DockerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.docker.BerthLabels;
import io.berth.engine.docker.DockerFixture;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.docker.TaskCgroups;
import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.task.TaskStatus;
import io.berth.engine.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host agent against a control plane over real HTTP, running tasks on the real Docker engine. */
class AgentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  // Held so the logger (and its level) is not garbage collected while the test runs.
  private static final Logger BERTH_LOGGER = Logger.getLogger("io.berth");

  private final DockerClient docker = DockerFixture.docker();
  private final List<Agent> agents = new ArrayList<>();
  private FakeControlPlane server;
  /** The handler {@link #captureLogs()} added, removed after the test with the level it changed. */
  private Handler capture;
  private Level levelBeforeCapture;
  @TempDir Path dataDir;

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeControlPlane();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Agent agent : agents) {
      agent.stopAndRemoveTasks(Duration.ofSeconds(20));
    }
    server.close();
    if (capture != null) {
      BERTH_LOGGER.removeHandler(capture);
      BERTH_LOGGER.setLevel(levelBeforeCapture);
    }
  }

  @AfterAll
  static void cleanUp() {
    DockerFixture.cleanUp();
  }

  private Agent agent(Path dir) throws InterruptedException {
    return agent(dir, Duration.ZERO);
  }

  private Agent agent(Path dir, Duration taskCleanupWait) throws InterruptedException {
    return agent(dir, taskCleanupWait, Clock.systemUTC());
  }

  private Agent agent(Path dir, Duration taskCleanupWait, Clock clock) throws InterruptedException {
    AgentConfig config = AgentConfig.of(server.url(), FakeControlPlane.TOKEN, dir).withTaskCleanupWait(taskCleanupWait)
        .withZone("zone-a").withMemory(2048).withAttribute("team", "shop")
        .withSyncInterval(Duration.ofMillis(200)).withPollInterval(Duration.ofMillis(200))
        .withLabel(DockerFixture.TEST_LABEL, DockerFixture.RUN);
    Agent agent = new Agent(config, docker, clock);
    agents.add(agent);
    agent.start();
    assertThat(agent.awaitRegistered(WAIT)).as("registered").isTrue();
    return agent;
  }

  private static AssignedTask task(String json) {
    String id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    var definition = DockerFixture.parse(json);
    return new AssignedTask(id, "default", "family:" + definition.family(), definition.family(), 1, definition,
        DesiredStatus.RUNNING, "test");
  }

  private ObservedTask awaitReported(String taskId, TaskStatus status) {
    return await(WAIT, () -> server.observed(taskId), o -> o.isPresent() && o.get().lastStatus() == status)
        .orElseThrow();
  }

  private List<Container> containersOf(String taskId) {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(BerthLabels.TASK, taskId)).exec();
  }

  @Test
  void aRunningTaskReportsItsUtilizationOfWhatItReserved() throws Exception {
    agent(dataDir);
    AssignedTask idle = task("{'family':'idle','cpu':'256','memory':'64','containerDefinitions':[{'name':'idle','image':'"
        + DockerFixture.BUSYBOX + "','command':['sleep','3600']}]}");
    server.assign(idle);

    ObservedTask sampled = await(WAIT, () -> server.observed(idle.taskId()),
        o -> o.isPresent() && o.get().memoryUtilization().isPresent()).orElseThrow();

    assertThat(sampled.lastStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(sampled.memoryUtilization().orElseThrow()).as("percent of 64 MiB").isGreaterThan(0).isLessThan(100);
    assertThat(sampled.cpuUtilization().orElseThrow()).as("an idle sleep uses almost none of 0.25 vCPU").isBetween(0.0, 50.0);
  }

  @Test
  void aTaskWhoseUtilizationNoPolicyReadsIsNotSampled() throws Exception {
    agent(dataDir);
    String idleJson = "{'family':'idle','cpu':'256','memory':'64','containerDefinitions':[{'name':'idle','image':'"
        + DockerFixture.BUSYBOX + "','command':['sleep','3600']}]}";
    AssignedTask unsampled = withSampling(task(idleJson), false);
    server.assign(unsampled);
    awaitReported(unsampled.taskId(), TaskStatus.RUNNING);

    AssignedTask sampled = task(idleJson);
    server.assign(sampled);
    await(WAIT, () -> server.observed(sampled.taskId()), o -> o.isPresent() && o.get().memoryUtilization().isPresent());

    // the sampler's rounds go over every running task: the one sampled since is proof a round passed
    ObservedTask report = server.observed(unsampled.taskId()).orElseThrow();
    assertThat(report.lastStatus()).isEqualTo(TaskStatus.RUNNING);
    assertThat(report.cpuUtilization()).isEmpty();
    assertThat(report.memoryUtilization()).isEmpty();
  }

  private static AssignedTask withSampling(AssignedTask task, boolean sample) {
    return new AssignedTask(task.taskId(), task.cluster(), task.group(), task.family(), task.revision(),
        task.taskDefinition(), task.desiredStatus(), task.startedBy(), sample);
  }

  @Test
  void anUnchangedAnswerKeepsTheAssignmentTheAgentHolds() throws Exception {
    server.indexed = true;
    agent(dataDir);
    AssignedTask idle = task("{'family':'idle','memory':'32','containerDefinitions':[{'name':'idle','image':'"
        + DockerFixture.BUSYBOX + "','command':['sleep','3600'],'stopTimeout':2}]}");
    server.assign(idle);
    awaitReported(idle.taskId(), TaskStatus.RUNNING);

    int before = server.unchangedAnswers.get();
    await(WAIT, server.unchangedAnswers::get, n -> n >= before + 5);
    assertThat(containersOf(idle.taskId())).as("still running after answers without tasks").hasSize(1)
        .allMatch(c -> c.getState().equals("running"));
    assertThat(server.observed(idle.taskId()).orElseThrow().lastStatus()).isEqualTo(TaskStatus.RUNNING);

    server.stopTask(idle.taskId());
    awaitReported(idle.taskId(), TaskStatus.STOPPED);
  }

  @Test
  void registersWithItsResourcesAndTheBuiltInEcsAttributes() throws Exception {
    Agent agent = agent(dataDir);

    var registration = server.registrations.get(0);
    assertThat(registration.memory()).isEqualTo(2048);
    assertThat(registration.cpu()).isEqualTo(Runtime.getRuntime().availableProcessors() * 1024);
    assertThat(registration.attributes()).containsEntry("ecs.availability-zone", "zone-a")
        .containsEntry("ecs.instance-type", "berth.local").containsEntry("ecs.os-type", "linux")
        .containsKey("ecs.cpu-architecture").containsEntry("team", "shop");
    assertThat(registration.instanceId()).isEmpty();
    assertThat(Files.readString(dataDir.resolve("instance-id")).strip()).isEqualTo(agent.instanceId().orElseThrow());
    await(WAIT, server.syncs::get, n -> n >= 3);
    // whether this host enforces task-level cpu and memory, or why not: the scheduler places by it
    String limits = new DockerRuntime(DockerFixture.docker()).taskCgroups().support()
        instanceof TaskCgroups.Support.Enforced ? ContainerInstance.TASK_LIMITS : ContainerInstance.TASK_LIMITS_UNSUPPORTED;
    assertThat(server.registrations).last().satisfies(r -> assertThat(r.attributes()).containsKey(limits));
  }

  @Test
  void runsAnAssignedTaskReportsEachStateAndRemovesItOnceUnassigned() throws Exception {
    agent(dataDir);
    AssignedTask web = task("{'family':'web','containerDefinitions':[{'name':'web','image':'"
        + DockerFixture.WEBAPP + "','memory':32,'portMappings':[{'containerPort':8080}]}]}");

    server.assign(web);
    ObservedTask running = awaitReported(web.taskId(), TaskStatus.RUNNING);

    assertThat(running.containers()).singleElement().satisfies(c -> {
      assertThat(c.dockerId()).isNotEmpty();
      assertThat(c.networkBindings()).singleElement().satisfies(b -> assertThat(b.hostPort()).isPositive());
    });
    assertThat(running.startedAt()).isPresent();

    server.stopTask(web.taskId());
    ObservedTask stopped = awaitReported(web.taskId(), TaskStatus.STOPPED);
    assertThat(stopped.stoppedReason()).contains(TaskReconciler.DESIRED_STOPPED);
    assertThat(containersOf(web.taskId())).as("kept while listed").hasSize(1);

    server.unassign(web.taskId());
    await(WAIT, () -> containersOf(web.taskId()), List::isEmpty);
    assertThat(dataDir.resolve("tasks").resolve(web.taskId() + ".json")).doesNotExist();
  }

  /** Runs {@code app} on {@code agent} to STOPPED and unassigns it: the agent then owes only its cleanup. */
  private AssignedTask runStopAndUnassign(Agent agent) {
    AssignedTask app = task("{'family':'app','containerDefinitions':[{'name':'app','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sh','-c','echo hello from app; sleep 60']}]}");
    server.assign(app);
    awaitReported(app.taskId(), TaskStatus.RUNNING);
    server.stopTask(app.taskId());
    awaitReported(app.taskId(), TaskStatus.STOPPED);
    server.unassign(app.taskId());
    await(WAIT, agent::tasksAwaitingCleanup, ids -> ids.contains(app.taskId()));
    return app;
  }

  @Test
  void aStoppedTasksContainersStayForTheCleanupWaitWithTheirLogsThenGo() throws Exception {
    Agent agent = agent(dataDir, Duration.ofSeconds(3));
    AssignedTask app = runStopAndUnassign(agent);

    assertThat(agent.tasks()).as("no longer reported").noneMatch(t -> t.taskId().equals(app.taskId()));
    assertThat(dataDir.resolve("tasks").resolve(app.taskId() + ".json")).as("forgotten at once").doesNotExist();
    List<Container> kept = containersOf(app.taskId());
    assertThat(kept).as("kept while the cleanup wait runs").singleElement()
        .satisfies(c -> assertThat(c.getState()).isEqualTo("exited"));
    assertThat(containerLogs(kept.get(0).getId())).contains("hello from app");

    await(WAIT, () -> containersOf(app.taskId()), List::isEmpty);
    // the task is forgotten once its removal returns: containers first, then its network and volumes
    await(WAIT, agent::tasksAwaitingCleanup, List::isEmpty);
  }

  @Test
  void theCleanupWaitAndTheReportedTimesFollowTheAgentsClock() throws Exception {
    Instant start = MutableClock.START;
    MutableClock clock = new MutableClock();
    Agent agent = agent(dataDir, Duration.ofHours(1), clock);
    AssignedTask app = runStopAndUnassign(agent);
    assertThat(server.observed(app.taskId())).hasValueSatisfying(o -> assertThat(o.stoppedAt())
        .as("stopped at the agent's time").contains(start.toString()));
    assertThat(containersOf(app.taskId())).as("kept while the agent's clock stands still").hasSize(1);

    clock.set(start.plus(Duration.ofHours(1)));

    await(WAIT, () -> containersOf(app.taskId()), List::isEmpty);
    // the task is forgotten once its removal returns: containers first, then its network and volumes
    await(WAIT, agent::tasksAwaitingCleanup, List::isEmpty);
  }

  @Test
  void aRestartedAgentRemovesAStoppedTasksKeptContainersAndNeverRestartsThem() throws Exception {
    Agent first = agent(dataDir, Duration.ofHours(1));
    AssignedTask app = runStopAndUnassign(first);
    String stoppedContainer = containersOf(app.taskId()).get(0).getId();
    first.stop();
    agents.remove(first);

    Agent second = agent(dataDir, Duration.ofHours(1));

    await(WAIT, () -> containersOf(app.taskId()), List::isEmpty);
    assertThat(second.tasks()).noneMatch(t -> t.taskId().equals(app.taskId()));
    assertThat(server.observed(app.taskId())).hasValueSatisfying(o -> assertThat(o.lastStatus()).isEqualTo(TaskStatus.STOPPED));
    assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(stoppedContainer)).exec()).isEmpty();
  }

  @Test
  void stoppingTheAgentWithItsTasksRemovesTasksAwaitingCleanupToo() throws Exception {
    Agent agent = agent(dataDir, Duration.ofHours(1));
    AssignedTask app = runStopAndUnassign(agent);
    assertThat(containersOf(app.taskId())).hasSize(1);

    agent.stopAndRemoveTasks(Duration.ofSeconds(20));

    assertThat(containersOf(app.taskId())).isEmpty();
    assertThat(agent.tasksAwaitingCleanup()).isEmpty();
  }

  @Test
  void secretsReachTheContainerEnvironmentAndNoLogLabelOrReport() throws Exception {
    String value = "s3cr3t-" + UUID.randomUUID();
    server.secret("shop/db", value);
    List<String> logs = captureLogs();
    agent(dataDir);
    AssignedTask app = task("{'family':'app','containerDefinitions':[{'name':'app','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sh','-c','echo db=$DB_PASSWORD; sleep 60'],"
        + "'secrets':[{'name':'DB_PASSWORD','valueFrom':'secret/shop/db'}]}]}");

    server.assign(app);
    ObservedTask running = awaitReported(app.taskId(), TaskStatus.RUNNING);

    InspectContainerResponse inspect = docker.inspectContainerCmd(running.containers().get(0).dockerId()).exec();
    assertThat(inspect.getConfig().getEnv()).contains("DB_PASSWORD=" + value);
    assertThat(await(WAIT, () -> containerLogs(inspect.getId()), l -> l.contains("db="))).contains("db=" + value);
    assertThat(inspect.getConfig().getLabels().toString()).doesNotContain(value);
    assertThat(String.join("\n", server.requestBodies)).doesNotContain(value);
    assertThat(String.join("\n", logs)).doesNotContain(value);
  }

  @Test
  void aSecretTheTaskMayNotReadStopsTheTaskNamingTheSecret() throws Exception {
    agent(dataDir);
    AssignedTask app = task("{'family':'app','containerDefinitions':[{'name':'app','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'command':['sleep','60'],"
        + "'secrets':[{'name':'API_KEY','valueFrom':'secret/shop/api-key'}]}]}");

    server.assign(app);
    ObservedTask stopped = awaitReported(app.taskId(), TaskStatus.STOPPED);

    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r)
        .contains("secret/shop/api-key", "API_KEY", "403"));
    assertThat(containersOf(app.taskId())).isEmpty();
  }

  @Test
  void aRestartedAgentAdoptsItsContainersAndNeverStartsATaskTwice() throws Exception {
    Agent first = agent(dataDir);
    AssignedTask web = task("{'family':'web','containerDefinitions':[{'name':'web','image':'"
        + DockerFixture.WEBAPP + "','memory':32,'portMappings':[{'containerPort':8080}]}]}");
    server.assign(web);
    ObservedTask before = awaitReported(web.taskId(), TaskStatus.RUNNING);
    String startedAt = docker.inspectContainerCmd(before.containers().get(0).dockerId()).exec().getState()
        .getStartedAt();

    first.stop();
    agents.remove(first);
    Agent second = agent(dataDir);

    assertThat(second.instanceId()).isEqualTo(first.instanceId());
    assertThat(server.registrations.get(1).instanceId()).isEqualTo(first.instanceId());
    await(WAIT, second::tasks, t -> t.stream().anyMatch(o -> o.taskId().equals(web.taskId())
        && o.lastStatus() == TaskStatus.RUNNING));
    int syncs = server.syncs.get();
    await(WAIT, server.syncs::get, n -> n >= syncs + 3);
    assertThat(containersOf(web.taskId())).singleElement()
        .satisfies(c -> assertThat(c.getId()).isEqualTo(before.containers().get(0).dockerId()));
    assertThat(docker.inspectContainerCmd(before.containers().get(0).dockerId()).exec().getState().getStartedAt())
        .as("not restarted").isEqualTo(startedAt);
  }

  @Test
  void aTaskWhoseContainersVanishedWhileTheAgentWasDownIsReportedStoppedNotStartedAgain() throws Exception {
    Agent first = agent(dataDir);
    AssignedTask app = task("{'family':'app','containerDefinitions':[{'name':'app','image':'"
        + DockerFixture.BUSYBOX + "','memory':16,'stopTimeout':1,'command':['sleep','60']}]}");
    server.assign(app);
    awaitReported(app.taskId(), TaskStatus.RUNNING);
    first.stop();
    agents.remove(first);
    containersOf(app.taskId()).forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());

    agent(dataDir);

    ObservedTask stopped = awaitReported(app.taskId(), TaskStatus.STOPPED);
    assertThat(stopped.stoppedReason()).hasValueSatisfying(r -> assertThat(r).contains("disappeared"));
    int syncs = server.syncs.get();
    await(WAIT, server.syncs::get, n -> n >= syncs + 3);
    assertThat(containersOf(app.taskId())).isEmpty();
  }

  @Test
  void aWrongTokenIsRejectedAndTheAgentKeepsTrying() throws Exception {
    Agent agent = new Agent(AgentConfig.of(server.url(), "wrong", dataDir).withSyncInterval(Duration.ofMillis(50)),
        docker);
    agents.add(agent);
    agent.start();

    await(WAIT, server.unauthorized::get, n -> n >= 2);

    assertThat(agent.instanceId()).isEmpty();
    assertThat(agent.lastError()).hasValueSatisfying(e -> assertThat(e).contains("401"));
  }

  private String containerLogs(String id) {
    StringBuilder text = new StringBuilder();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return text.toString();
  }

  /** Every log record of Berth's classes, at every level (System.Logger goes to java.util.logging). */
  private List<String> captureLogs() {
    List<String> lines = new CopyOnWriteArrayList<>();
    levelBeforeCapture = BERTH_LOGGER.getLevel();
    BERTH_LOGGER.setLevel(Level.ALL);
    capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        Optional.ofNullable(record.getParameters()).ifPresent(p -> line.append(List.of(p)));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
          line.append(' ').append(t);
        }
        lines.add(line.toString());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    BERTH_LOGGER.addHandler(capture);
    return lines;
  }
}
