package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.TaskRequirements;
import io.berth.model.PlacementConstraint;
import io.berth.model.PlacementStrategy;
import java.util.List;
import java.util.Objects;

/**
 * Place {@code count} identical tasks of {@code group} (e.g. {@code service:web}). An empty strategy
 * list means ECS's default: spread over {@code attribute:ecs.availability-zone}, then over {@code
 * instanceId}. Constraints are the service's plus the task definition's memberOf ones.
 *
 * <pre>{@code
 * new PlacementRequest("service:web", TaskRequirements.of(taskDefinition),
 *     service.placementStrategy(), service.placementConstraints(), 3)
 * }</pre>
 */
public record PlacementRequest(
    String group,
    TaskRequirements requirements,
    List<PlacementStrategy> strategies,
    List<PlacementConstraint> constraints,
    int count) {

  /** Copies the lists and checks the count. */
  public PlacementRequest {
    Objects.requireNonNull(group, "group == null");
    Objects.requireNonNull(requirements, "requirements == null");
    strategies = List.copyOf(strategies);
    constraints = List.copyOf(constraints);
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
  }
}
