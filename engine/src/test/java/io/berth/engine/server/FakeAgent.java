package io.berth.engine.server;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.api.RegisterInstanceRequest;
import io.berth.engine.api.SyncRequest;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A scripted host agent speaking the real HTTP wire protocol: it "runs" whatever it is assigned
 * (no Docker), and a test decides which images crash. Lets the control plane be tested in
 * milliseconds; the E2E tests use the real agent and Docker.
 */
final class FakeAgent {
  final ControlPlaneClient client;
  final String instanceId;
  /** The instance credential registration returned (empty from a control plane without one). */
  final String credential;
  final Map<String, ObservedTask> running = new TreeMap<>();
  Predicate<AssignedTask> crashes = t -> false;
  /** CPU and memory utilization (percent) every running task reports; empty reports none. */
  Optional<Double> utilization = Optional.empty();
  /** The host port a new task reports for its container port 8080 (tests may point it at a real server). */
  java.util.function.IntSupplier ports = new java.util.function.IntSupplier() {
    private int next = 49200;

    @Override
    public int getAsInt() {
      return next++;
    }
  };

  FakeAgent(URI server, String token, String zone, Optional<String> instanceId) {
    this(new ControlPlaneClient(server, token), zone, instanceId);
  }

  /** An agent registering through {@code client} (e.g. one that trusts an HTTPS control plane's CA). */
  FakeAgent(ControlPlaneClient client, String zone, Optional<String> instanceId) {
    this.client = client;
    var registered = client.register(new RegisterInstanceRequest("*", instanceId, "host-" + zone, 2048, 2048,
        Map.of("ecs.availability-zone", zone), "fake"));
    this.instanceId = registered.instanceId();
    this.credential = registered.instanceToken().orElse("");
  }

  /** One sync: report, then start what is assigned and stop what is no longer wanted. */
  List<AssignedTask> sync() {
    List<ObservedTask> report = new ArrayList<>();
    running.values().forEach(t -> report.add(t.lastStatus() == TaskStatus.RUNNING ? t.withUtilization(utilization, utilization) : t));
    List<AssignedTask> assigned = client.sync(instanceId, new SyncRequest(report)).tasks();
    for (AssignedTask task : assigned) {
      ObservedTask known = running.get(task.taskId());
      if (task.desiredStatus() == DesiredStatus.STOPPED || (known != null && known.lastStatus() == TaskStatus.STOPPED)) {
        running.put(task.taskId(), stopped(task.taskId(), 0, "Task stopped by the control plane"));
      } else if (known == null) {
        running.put(task.taskId(), crashes.test(task) ? stopped(task.taskId(), 1, "Essential container in task exited")
            : new ObservedTask(task.taskId(), TaskStatus.RUNNING, HealthStatus.UNKNOWN,
                List.of(new ObservedContainer("web", "docker-" + task.taskId(), TaskStatus.RUNNING, Optional.empty(),
                    HealthStatus.UNKNOWN, List.of(new NetworkBinding(8080, ports.getAsInt(), "tcp", "127.0.0.1")))),
                Optional.empty(), Optional.of("2026-11-23T09:00:00Z"), Optional.empty()));
      }
    }
    running.values().removeIf(t -> t.lastStatus() == TaskStatus.STOPPED
        && assigned.stream().noneMatch(a -> a.taskId().equals(t.taskId())));
    return assigned;
  }

  void kill(String taskId) {
    running.put(taskId, stopped(taskId, 137, "Essential container in task exited"));
  }

  long runningCount() {
    return running.values().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count();
  }

  private static ObservedTask stopped(String taskId, int exit, String reason) {
    return new ObservedTask(taskId, TaskStatus.STOPPED, HealthStatus.UNKNOWN,
        List.of(new ObservedContainer("web", "docker-" + taskId, TaskStatus.STOPPED, Optional.of(exit),
            HealthStatus.UNKNOWN, List.of())), Optional.of(reason), Optional.empty(), Optional.of("2026-11-23T09:00:01Z"));
  }
}
