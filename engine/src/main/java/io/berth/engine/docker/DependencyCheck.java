package io.berth.engine.docker;

import io.berth.engine.task.HealthStatus;
import io.berth.engine.task.TaskStatus;
import io.berth.model.ContainerCondition;

/**
 * Whether a {@code dependsOn} condition holds for the observed dependency: met, not yet, or never
 * (the dependency stopped without reaching it). Pure.
 */
public enum DependencyCheck {
  MET, WAIT, FAILED;

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
