package io.berth.engine.docker;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerCondition;
import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a {@code dependsOn} condition holds for the observed dependency: met, not yet, or never
 * (the dependency stopped without reaching it). Pure.
 */
public enum DependencyCheck {
  MET, WAIT, FAILED;

  /**
   * Whether a container may start: {@code MET} when every dependsOn condition holds, {@code WAIT}
   * while one does not yet, {@code FAILED} with the task's stop reason when one never will or the
   * container waited longer than its startTimeout ({@code defaultTimeout} without one).
   */
  public record Readiness(DependencyCheck check, Optional<String> stopReason) {}

  /** The readiness of {@code container}, given the task's containers observed by name and how long it waited. */
  public static Readiness readiness(ContainerDefinition container, Map<String, ContainerObservation> observed,
      Duration waited, Duration defaultTimeout) {
    boolean ready = true;
    for (ContainerDependency dependency : container.dependsOn()) {
      DependencyCheck check = evaluate(dependency.condition(), observed.get(dependency.containerName()));
      if (check == FAILED) {
        return new Readiness(FAILED, Optional.of("Dependency of container " + container.name() + " on "
            + dependency.containerName() + " (" + dependency.condition().apiValue() + ") can no longer be met"));
      }
      ready &= check == MET;
    }
    if (ready) {
      return new Readiness(MET, Optional.empty());
    }
    Duration timeout = container.startTimeout().map(Duration::ofSeconds).orElse(defaultTimeout);
    return waited.compareTo(timeout) > 0 ? new Readiness(FAILED, Optional.of("Container " + container.name()
        + " timed out after " + timeout.toSeconds() + " s waiting for its dependsOn conditions (startTimeout)"))
        : new Readiness(WAIT, Optional.empty());
  }

  /** Evaluates {@code condition} against the current observation of the container depended on. */
  public static DependencyCheck evaluate(ContainerCondition condition, ContainerObservation dependency) {
    boolean stopped = dependency.stopped();
    boolean started = dependency.startedAt().isPresent();
    switch (condition) {
      case START:
        return started || dependency.lastStatus() == TaskStatus.RUNNING ? MET : stoppedOr(stopped, WAIT);
      case COMPLETE:
        return stopped && started ? MET : stoppedOr(stopped, WAIT);
      case SUCCESS:
        if (stopped && started) {
          return dependency.exitCode().orElse(-1) == 0 ? MET : FAILED;
        }
        return stoppedOr(stopped, WAIT);
      case HEALTHY:
        if (dependency.health() == HealthStatus.HEALTHY) {
          return MET;
        }
        return stopped || dependency.health() == HealthStatus.UNHEALTHY ? FAILED : WAIT;
      default:
        throw new IllegalArgumentException("unknown dependsOn condition " + condition);
    }
  }

  private static DependencyCheck stoppedOr(boolean stopped, DependencyCheck otherwise) {
    return stopped ? FAILED : otherwise;
  }
}
