package io.berth.engine.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.engine.agent.HostFacts;
import io.berth.engine.api.ApplyRequest;
import io.berth.engine.api.ApplyResponse;
import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.docker.DockerRuntime;
import io.berth.engine.docker.TaskSpec;
import io.berth.engine.planner.Planner;
import io.berth.engine.planner.SchedulerDryRun;
import io.berth.engine.server.ControlPlane;
import io.berth.engine.server.ControlPlaneConfig;
import io.berth.engine.server.DesiredApplier;
import io.berth.engine.server.ReconcileSettings;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateRepository;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.json.BerthJson;
import io.berth.json.DesiredStateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A dress rehearsal of a first deployment, which {@code berth up} runs once in the background after
 * it starts: on a JVM that has not run them yet, the first apply's code paths (reading the declared
 * commit, reconcile and placement, the runtime commit, the agents' sync exchanges, docker-java's
 * create request) cost several times what they cost afterwards (class loading, Jackson building
 * its serializers, the JIT), and that cost sat between {@code berth apply} and the first {@code
 * docker create}.
 *
 * <p>The rehearsal runs those paths for real, but on a scratch state repository in a temporary
 * directory served by a scratch control plane (its own port and tokens, ticked by hand) to
 * made-up container instances; the docker part builds and serialises the create requests without
 * sending them. It touches no Docker object and writes nothing to the cluster's state repository,
 * and it deletes its directory when done. Given the {@link DesiredApplier} that serves the CLI's
 * applies, the scratch declared commit is made through it, so the served apply's own first-time
 * costs (reading the desired directory, and above all the plan text: the template engine starts and
 * loads its classes on the first render, about 90 ms here) are paid before the user's apply too.
 *
 * <pre>{@code
 * WarmUp.inBackground(docker, settings, applier, busy); // berth up, after writing .berth/up.json
 * }</pre>
 */
public final class WarmUp {
  private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());
  /**
   * How many rehearsals {@link #inBackground} runs, each in a fresh scratch directory. The quick-start
   * JIT compiles a method once it has run a few hundred times; one rehearsal of {@code DESIRED}'s
   * tasks leaves most per-task and per-exchange paths below that, and the first real rollout paid
   * for compiling them on the cores Docker needs. Measured with {@code scripts/bench-rollout} (20
   * tasks, 2 cores), {@code berth up}'s CPU during a create and an image update: one rehearsal
   * 1.3 and 1.7-1.8 CPU-s; twelve 1.0 and 1.3-1.6; twenty-four 0.7-0.9 and 1.2-1.3 (twelve
   * rehearsals of twelve tasks did less than twenty-four of six: the per-apply paths count too).
   * Twenty-four cost about 3.5 CPU-s more at start-up than one, done about 5 s after up.json appears.
   */
  static final int REHEARSALS = 24;

  /** The made-up hosts, one per zone as {@code berth up}'s defaults have them. */
  private static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");

  /**
   * One service with the parts a real stack most often has (ports, environment, a health check,
   * two containers with a dependency), so their serializers are built too.
   */
  private static final String DESIRED = """
      {"apiVersion":"berth/v1","stack":"warm-up","clusters":[{"name":"warm-up"}],
       "taskDefinitions":[{"family":"warm-up","networkMode":"bridge","containerDefinitions":[
         {"name":"web","image":"berth-warm-up/never-run:1","cpu":16,"memory":16,"essential":true,"stopTimeout":2,
          "portMappings":[{"containerPort":8080,"protocol":"tcp"}],"environment":[{"name":"WARM","value":"up"}],
          "healthCheck":{"command":["CMD-SHELL","true"],"interval":5,"timeout":2,"retries":3,"startPeriod":5}},
         {"name":"side","image":"berth-warm-up/never-run:1","memory":16,"essential":false,
          "command":["sh","-c","true"],"dependsOn":[{"containerName":"web","condition":"START"}]}]}],
       "services":[{"serviceName":"warm-up","cluster":"warm-up","taskDefinition":"warm-up",
         "schedulingStrategy":"REPLICA","desiredCount":6,
         "placementStrategy":[{"type":"spread","field":"attribute:ecs.availability-zone"},{"type":"binpack","field":"memory"}],
         "deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":50,
           "deploymentCircuitBreaker":{"enable":true,"rollback":true}}}]}
      """;

  private WarmUp() {}

  /**
   * What a rehearsal went through: tasks placed on the made-up hosts, create request bytes written,
   * and the characters of plan text the applier printed (0 without an applier).
   */
  public record Rehearsed(int tasksPlaced, int createRequestBytes, int planTextChars) {}

  /**
   * Rehearses {@link #REHEARSALS} times on a daemon thread and returns at once; it stops early, between
   * two rehearsals, once {@code stop} says so (the cluster has real work, or is shutting down), so that
   * it never competes with a real apply for long. A failed rehearsal only costs the head start, so it
   * is logged in one line and ends the warm-up.
   */
  public static Thread inBackground(DockerRuntime docker, ReconcileSettings settings,
      Optional<DesiredApplier> applier, BooleanSupplier stop) {
    Thread thread = new Thread(() -> {
      try {
        rehearseRepeatedly(REHEARSALS, docker, settings, applier, stop);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "warm-up skipped: " + e);
      }
    }, "berth-warm-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Up to {@code times} rehearsals, checking {@code stop} before each; returns how many ran. */
  static int rehearseRepeatedly(int times, DockerRuntime docker, ReconcileSettings settings,
      Optional<DesiredApplier> applier, BooleanSupplier stop) {
    int ran = 0;
    while (ran < times && !stop.getAsBoolean()) {
      rehearse(docker, settings, applier);
      ran++;
    }
    return ran;
  }

  /**
   * Rehearses a first deployment in a fresh temporary directory, deleted afterwards; the declared
   * commit is made by {@code applier} when given, else by the planner directly.
   */
  public static Rehearsed rehearse(DockerRuntime docker, ReconcileSettings settings, Optional<DesiredApplier> applier) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("berth-warm-up");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for the warm-up", e);
    }
    return rehearseIn(scratch, docker, settings, applier);
  }

  /** Rehearses with its state repository under {@code scratch}, and deletes {@code scratch} afterwards. */
  static Rehearsed rehearseIn(Path scratch, DockerRuntime docker, ReconcileSettings settings,
      Optional<DesiredApplier> applier) {
    try {
      Path state = scratch.resolve("state");
      int planText = declare(scratch, state, applier);
      return rehearse(state, docker, settings, planText);
    } finally {
      delete(scratch);
    }
  }

  /**
   * Makes the scratch declared commit as {@code berth apply --desired} does, through {@code applier}
   * when given; returns the length of the plan text it printed.
   */
  private static int declare(Path scratch, Path state, Optional<DesiredApplier> applier) {
    if (applier.isEmpty()) {
      try (StateRepository repository = StateRepository.init(state)) {
        Planner planner = new Planner(repository, SchedulerDryRun.NONE);
        planner.apply(planner.plan(DesiredStateJson.read("warm-up", DESIRED)));
      }
      return 0;
    }
    Path desired = scratch.resolve("desired");
    try {
      Files.createDirectories(desired);
      Files.writeString(desired.resolve("desired.json"), DESIRED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the warm-up's desired state under " + scratch, e);
    }
    ApplyResponse applied = applier.get().apply(
        new ApplyRequest(desired.toString(), scratch.toString(), Optional.empty(), false), StateAccess.local(state));
    if (applied.exitCode() != 0) {
      throw new IllegalStateException("the warm-up's apply failed (exit code " + applied.exitCode() + "): "
          + applied.err().strip());
    }
    return applied.out().length();
  }

  private static Rehearsed rehearse(Path state, DockerRuntime docker, ReconcileSettings settings, int planText) {
    String joinToken = "warm-up-join";
    // the ticker never runs on its own: the rehearsal ticks when it has something to reconcile
    ControlPlaneConfig config = new ControlPlaneConfig(state, new InetSocketAddress("127.0.0.1", 0), joinToken,
        "warm-up-admin", Map.of(), Duration.ofMillis(250), Duration.ofDays(1), settings);
    try (ControlPlane plane = ControlPlane.start(config, Clock.systemUTC())) {
      ControlPlaneClient client = new ControlPlaneClient(plane.uri(), joinToken);
      List<String> instances = new ArrayList<>();
      for (String zone : ZONES) {
        instances.add(client.register(new RegisterInstanceRequest(LocalCluster.ANY_CLUSTER, Optional.empty(),
            "warm-up-" + zone, 2048, 4096, HostFacts.attributes(zone, System.getProperty("os.arch"), Map.of()),
            HostFacts.agentVersion())).instanceId());
      }
      plane.tick();
      int placed = 0;
      int bytes = 0;
      for (String instance : instances) {
        List<AssignedTask> assigned = sync(client, instance, List.of());
        List<ObservedTask> running = new ArrayList<>();
        for (AssignedTask task : assigned) {
          // as the agent's data dir saves each launched task (with the plain model mapper)
          BerthJson.mapper().writeValueAsBytes(task);
          bytes += docker.rehearseCreate(new TaskSpec(instance, task.taskId(), task.cluster(), task.family(),
              task.revision(), task.taskDefinition(), Map.of()));
          running.add(running(task));
        }
        placed += assigned.size();
        // the reports that follow a launch: what the control plane folds in on the way to steady state
        sync(client, instance, running);
      }
      plane.tick();
      return new Rehearsed(placed, bytes, planText);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write an assigned task as JSON", e);
    }
  }

  /** One sync as an agent sends it (asynchronous, as the agents' loop does). */
  private static List<AssignedTask> sync(ControlPlaneClient client, String instance, List<ObservedTask> tasks) {
    return client.syncAsync(instance, new SyncRequest(tasks), OptionalLong.empty(), Duration.ZERO).join()
        .response().tasks();
  }

  private static ObservedTask running(AssignedTask task) {
    List<ObservedContainer> containers = task.taskDefinition().containerDefinitions().stream()
        .map(c -> new ObservedContainer(c.name(), "0", TaskStatus.RUNNING, Optional.empty(), HealthStatus.HEALTHY,
            List.of(new NetworkBinding(8080, 32768, "tcp", "127.0.0.1"))))
        .toList();
    return new ObservedTask(task.taskId(), TaskStatus.RUNNING, HealthStatus.HEALTHY, containers, Optional.empty(),
        Optional.of("2026-01-01T00:00:00Z"), Optional.empty());
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover scratch directory under the temporary directory is harmless
    }
  }
}
