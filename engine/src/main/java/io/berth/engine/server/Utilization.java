package io.berth.engine.server;

import io.berth.engine.api.ObservedTask;
import io.berth.engine.autoscaling.ServiceMetrics;
import io.berth.engine.task.TaskStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest CPU and memory utilization each agent reported per task, averaged per service for the
 * autoscaler. Kept in memory only: a sample per sync would otherwise be a runtime commit per sync,
 * and after a restart the next syncs bring fresh ones. Not thread-safe: the control plane's lock guards it.
 */
final class Utilization {
  private record Sample(Optional<Double> cpu, Optional<Double> memory) {}

  private final Map<String, Sample> samples = new HashMap<>();

  /** Keeps the samples of one sync (a report without one forgets the task's old sample). */
  void record(List<ObservedTask> tasks) {
    for (ObservedTask task : tasks) {
      if (task.cpuUtilization().isPresent() || task.memoryUtilization().isPresent()) {
        samples.put(task.taskId(), new Sample(task.cpuUtilization(), task.memoryUtilization()));
      } else {
        samples.remove(task.taskId());
      }
    }
  }

  /** Per {@code cluster/service}: the average over its wanted RUNNING tasks that have a sample. */
  Map<String, ServiceMetrics> averages(ControlPlaneSnapshot snapshot) {
    samples.keySet().removeIf(id -> !snapshot.tasks().containsKey(id));
    Map<String, double[]> sums = new HashMap<>();
    for (TaskRecord task : snapshot.tasks().values()) {
      Sample sample = samples.get(task.taskId());
      if (sample == null || !task.wanted() || task.lastStatus() != TaskStatus.RUNNING) {
        continue;
      }
      // cpu sum, cpu count, memory sum, memory count
      double[] sum = sums.computeIfAbsent(ControlPlaneSnapshot.serviceKey(task.cluster(), task.serviceName()), k -> new double[4]);
      sample.cpu().ifPresent(v -> { sum[0] += v; sum[1]++; });
      sample.memory().ifPresent(v -> { sum[2] += v; sum[3]++; });
    }
    Map<String, ServiceMetrics> averages = new HashMap<>();
    sums.forEach((key, s) -> averages.put(key, new ServiceMetrics(
        s[1] > 0 ? Optional.of(s[0] / s[1]) : Optional.empty(),
        s[3] > 0 ? Optional.of(s[2] / s[3]) : Optional.empty(), Optional.empty())));
    return averages;
  }

  /** Each service's metrics for auto scaling: its tasks' utilization and its load balancer's requests per target. */
  Map<String, ServiceMetrics> metrics(ControlPlaneSnapshot snapshot, Map<String, Double> requestsPerTarget) {
    Map<String, ServiceMetrics> metrics = new HashMap<>(averages(snapshot));
    requestsPerTarget.forEach((key, requests) -> metrics.merge(key,
        new ServiceMetrics(Optional.empty(), Optional.empty(), Optional.of(requests)),
        (samples, lb) -> new ServiceMetrics(samples.cpuUtilization(), samples.memoryUtilization(), Optional.of(requests))));
    return metrics;
  }
}
