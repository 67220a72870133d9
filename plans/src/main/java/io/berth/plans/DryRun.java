package io.berth.plans;

import java.util.List;
import java.util.Objects;

/**
 * The scheduler's answer to "where would the new tasks go?", as in Nomad's {@code job plan}: the
 * placements it would make and the tasks it could not place, with the reason. {@code ran} is false
 * when no scheduler was asked (then {@code note} says why).
 */
public record DryRun(boolean ran, String note, List<Placement> placements, List<Failure> failures) {

  /** Copies the lists. */
  public DryRun {
    Objects.requireNonNull(note, "note == null");
    placements = placements == null ? List.of() : List.copyOf(placements);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /** A dry run that did not happen, and why. */
  public static DryRun skipped(String note) {
    return new DryRun(false, note, List.of(), List.of());
  }

  /** {@code tasks} tasks of {@code service} would be placed on {@code containerInstance}. */
  public record Placement(String service, String taskDefinition, String containerInstance, int tasks) {
    /** Requires the names. */
    public Placement {
      Objects.requireNonNull(service, "service == null");
      Objects.requireNonNull(taskDefinition, "taskDefinition == null");
      Objects.requireNonNull(containerInstance, "containerInstance == null");
    }
  }

  /** {@code tasks} tasks of {@code service} could not be placed, because of {@code reason}. */
  public record Failure(String service, int tasks, String reason) {
    /** Requires the names. */
    public Failure {
      Objects.requireNonNull(service, "service == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
