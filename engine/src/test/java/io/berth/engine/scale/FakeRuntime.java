package io.berth.engine.scale;

import io.berth.engine.api.AssignedTask;
import io.berth.engine.api.DesiredStatus;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.api.ObservedTask;
import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The container runtime of one simulated host, without Docker: a task it is told to run is PENDING
 * for {@code start} (half to one and a half times it, fixed per task id), then RUNNING; one whose definition has a health check turns HEALTHY
 * {@code healthy} later; a stop takes {@code stop}. It acts on a sync answer as the real agent's
 * task thread does (level-triggered: what the answer wants, nothing else) and reports every task it
 * knows, as the agent's sync body. Each change calls the listener, as a Docker event wakes the
 * agent's sync loop. Thread-safe; the delays run on the {@link Delays} it is given.
 */
final class FakeRuntime {
  /** How long this runtime's operations take. */
  record Timings(Duration start, Duration healthy, Duration stop) {}

  /** Runs an action after a delay (a scheduler in the harness, a hand-driven queue in tests). */
  interface Delays {
    void after(Duration delay, Runnable action);
  }

  private static final class Entry {
    final AssignedTask task;
    TaskStatus status = TaskStatus.PENDING;
    HealthStatus health = HealthStatus.UNKNOWN;
    Optional<Integer> exitCode = Optional.empty();
    Optional<String> stoppedReason = Optional.empty();
    Optional<String> startedAt = Optional.empty();
    Optional<String> stoppedAt = Optional.empty();
    final int hostPort;
    boolean stopping;

    Entry(AssignedTask task, int hostPort) {
      this.task = task;
      this.hostPort = hostPort;
    }
  }

  private final Timings timings;
  private final Delays delays;
  private final String address;
  private final Runnable changed;
  /** Every task this host knows of, by id: running, stopping or stopped but still assigned. */
  private final Map<String, Entry> tasks = new TreeMap<>();
  /** Tasks removed after they stopped: an answer that still says RUNNING for one is only acknowledged. */
  private final Set<String> removed = new HashSet<>();
  private int nextPort = 32768;
  private boolean closed;

  FakeRuntime(Timings timings, Delays delays, String address, Runnable changed) {
    this.timings = timings;
    this.delays = delays;
    this.address = address;
    this.changed = changed;
  }

  /** Carries out a sync answer: launches, stops, acknowledges and forgets as the agent's reconciler does. */
  void apply(List<AssignedTask> answer) {
    boolean change = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      Set<String> assigned = new HashSet<>();
      for (AssignedTask task : answer) {
        assigned.add(task.taskId());
        Entry known = tasks.get(task.taskId());
        if (known == null && (task.desiredStatus() == DesiredStatus.STOPPED || removed.contains(task.taskId()))) {
          Entry ack = new Entry(task, 0);
          stopped(ack, Optional.empty(), "Task stopped before it started on this container instance");
          tasks.put(task.taskId(), ack);
          change = true;
        } else if (known == null) {
          launch(task);
          change = true;
        } else if (task.desiredStatus() == DesiredStatus.STOPPED && known.status != TaskStatus.STOPPED) {
          change |= stop(known, "Task stopped by the control plane (desired status STOPPED)");
        }
      }
      for (Entry entry : List.copyOf(tasks.values())) {
        if (assigned.contains(entry.task.taskId())) {
          continue;
        }
        if (entry.status == TaskStatus.STOPPED) {
          tasks.remove(entry.task.taskId());
          removed.add(entry.task.taskId());
        } else {
          change |= stop(entry, "Task is no longer assigned to this container instance");
        }
      }
    }
    if (change) {
      changed.run();
    }
  }

  private void launch(AssignedTask task) {
    Entry entry = new Entry(task, nextPort++);
    tasks.put(task.taskId(), entry);
    // Between half and one and a half times the start time, fixed per task: starts spread as real ones do.
    Duration start = timings.start().multipliedBy(500 + Math.floorMod(task.taskId().hashCode(), 1001)).dividedBy(1000);
    delays.after(start, () -> transition(entry, () -> {
      if (entry.status != TaskStatus.PENDING) {
        return false;
      }
      entry.status = TaskStatus.RUNNING;
      entry.startedAt = Optional.of(Instant.now().toString());
      if (hasHealthCheck(entry.task)) {
        delays.after(timings.healthy(), () -> transition(entry, () -> {
          if (entry.status != TaskStatus.RUNNING || entry.stopping) {
            return false;
          }
          entry.health = HealthStatus.HEALTHY;
          return true;
        }));
      }
      return true;
    }));
  }

  /** Starts stopping {@code entry}; whether anything changed. */
  private boolean stop(Entry entry, String reason) {
    if (entry.stopping || entry.status == TaskStatus.STOPPED) {
      return false;
    }
    entry.stopping = true;
    delays.after(timings.stop(), () -> transition(entry, () -> {
      if (entry.status == TaskStatus.STOPPED) {
        return false;
      }
      stopped(entry, Optional.of(0), reason);
      return true;
    }));
    return false; // the report changes when the stop is done
  }

  /** Makes a running task's essential container exit with code 1, as a crash would. */
  boolean fail(String taskId) {
    synchronized (this) {
      Entry entry = tasks.get(taskId);
      if (closed || entry == null || entry.status != TaskStatus.RUNNING || entry.stopping) {
        return false;
      }
      stopped(entry, Optional.of(1), "Essential container in task exited: app (exit code 1)");
    }
    changed.run();
    return true;
  }

  /** Forgets everything and ignores what is still scheduled: the host is gone. */
  synchronized void close() {
    closed = true;
    tasks.clear();
  }

  private void stopped(Entry entry, Optional<Integer> exitCode, String reason) {
    entry.status = TaskStatus.STOPPED;
    entry.health = HealthStatus.UNKNOWN;
    entry.exitCode = exitCode;
    entry.stoppedReason = Optional.of(reason);
    entry.stoppedAt = Optional.of(Instant.now().toString());
  }

  private interface Step {
    boolean run();
  }

  private void transition(Entry entry, Step step) {
    boolean change;
    synchronized (this) {
      if (closed || tasks.get(entry.task.taskId()) != entry) {
        return;
      }
      change = step.run();
    }
    if (change) {
      changed.run();
    }
  }

  /** What the agent would report now: every task it knows, sorted by id. */
  synchronized List<ObservedTask> report() {
    List<ObservedTask> report = new ArrayList<>(tasks.size());
    for (Entry entry : tasks.values()) {
      String container = entry.task.taskDefinition().containerDefinitions().isEmpty() ? "app"
          : entry.task.taskDefinition().containerDefinitions().get(0).name();
      List<NetworkBinding> ports = entry.status == TaskStatus.RUNNING && entry.hostPort > 0
          ? List.of(new NetworkBinding(8080, entry.hostPort, "tcp", address)) : List.of();
      report.add(new ObservedTask(entry.task.taskId(), entry.status, entry.health,
          List.of(new ObservedContainer(container, "fake-" + entry.task.taskId(), entry.status, entry.exitCode,
              entry.health, ports)),
          entry.stoppedReason, entry.startedAt, entry.stoppedAt));
    }
    return report;
  }

  /** Calls {@code each} with every task that is RUNNING and HEALTHY (or RUNNING without a health check). */
  synchronized void forEachServing(BiConsumer<String, AssignedTask> each) {
    for (Entry entry : tasks.values()) {
      if (entry.status == TaskStatus.RUNNING && !entry.stopping
          && (entry.health == HealthStatus.HEALTHY || !hasHealthCheck(entry.task))) {
        each.accept(entry.task.taskId(), entry.task);
      }
    }
  }

  /** Ids of the tasks that are not STOPPED (running, starting or stopping). */
  synchronized List<String> aliveTaskIds() {
    List<String> ids = new ArrayList<>();
    tasks.values().forEach(e -> {
      if (e.status != TaskStatus.STOPPED) {
        ids.add(e.task.taskId());
      }
    });
    return ids;
  }

  private static boolean hasHealthCheck(AssignedTask task) {
    return task.taskDefinition().containerDefinitions().stream().anyMatch(c -> c.healthCheck().isPresent());
  }
}
