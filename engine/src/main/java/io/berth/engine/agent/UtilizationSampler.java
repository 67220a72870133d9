package io.berth.engine.agent;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.docker.ContainerObservation;
import io.berth.engine.docker.ContainerUsage;
import io.berth.engine.docker.TaskRun;
import io.berth.engine.scheduler.TaskRequirements;
import io.berth.engine.task.TaskStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Samples each running task's CPU and memory utilization in percent of what the task reserved (ECS
 * service metrics), on its own daemon thread so a slow Docker stats call never delays a sync. At most
 * one round per sync interval; a task without a reservation for a resource reports no value for it.
 * Only tasks the control plane reads samples of are sampled: a stats call costs Docker a collection
 * from the container's cgroups, and on a busy host those calls compete with container starts.
 */
final class UtilizationSampler implements AutoCloseable {
  /** One task's latest sample, in percent. */
  record Sample(Optional<Double> cpu, Optional<Double> memory) {}

  private static final System.Logger LOG = System.getLogger(UtilizationSampler.class.getName());
  private static final Duration STATS_TIMEOUT = Duration.ofSeconds(5);

  private final DockerClient docker;
  private final Map<String, TaskRun> runs;
  private final Predicate<String> wanted;
  private final Supplier<Duration> interval;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  UtilizationSampler(DockerClient docker, Map<String, TaskRun> runs, Predicate<String> wanted,
      Supplier<Duration> interval, String name) {
    this.docker = docker;
    this.runs = runs;
    this.wanted = wanted;
    this.interval = interval;
    this.thread = new Thread(this::loop, "berth-stats-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The latest sample of a task, if it has one. */
  Optional<Sample> latest(String taskId) {
    return Optional.ofNullable(samples.get(taskId));
  }

  private void loop() {
    while (running) {
      // Monotonic time, not the agent's clock: it paces this thread's rounds, no decision reads it.
      long started = System.nanoTime();
      try {
        sampleAll();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "utilization sampling failed", e);
      }
      long rest = interval.get().toMillis() - (System.nanoTime() - started) / 1_000_000;
      try {
        Thread.sleep(Math.max(100, rest));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sampleAll() {
    samples.keySet().retainAll(runs.keySet());
    runs.forEach((taskId, run) -> {
      if (run.observation().lastStatus() != TaskStatus.RUNNING || !wanted.test(taskId)) {
        samples.remove(taskId);
        return;
      }
      double cores = 0;
      long bytes = 0;
      boolean any = false;
      for (ContainerObservation container : run.observation().containers()) {
        if (container.dockerId().isEmpty() || container.lastStatus() != TaskStatus.RUNNING) {
          continue;
        }
        Optional<ContainerUsage> usage = ContainerUsage.sample(docker, container.dockerId().get(), STATS_TIMEOUT);
        if (usage.isPresent()) {
          cores += usage.get().cpuCores();
          bytes += usage.get().memoryBytes();
          any = true;
        }
      }
      if (any) {
        samples.put(taskId, percent(run, cores, bytes));
      }
    });
  }

  /** Percent of the task's reservation: 1024 CPU units are one core, memory is in MiB. */
  static Sample percent(TaskRun run, double cores, long bytes) {
    TaskRequirements reserved;
    try {
      reserved = TaskRequirements.of(run.spec().taskDefinition());
    } catch (IllegalArgumentException unreadable) {
      return new Sample(Optional.empty(), Optional.empty());
    }
    return new Sample(
        reserved.cpu() > 0 ? Optional.of(round(cores * 1024 / reserved.cpu() * 100)) : Optional.empty(),
        reserved.memory() > 0 ? Optional.of(round(bytes / (reserved.memory() * 1024.0 * 1024.0) * 100)) : Optional.empty());
  }

  private static double round(double percent) {
    return Math.round(percent * 10) / 10.0;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
