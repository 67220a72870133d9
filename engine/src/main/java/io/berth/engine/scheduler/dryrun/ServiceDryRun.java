package io.berth.engine.scheduler.dryrun;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dry-run verdict for one service: how many tasks it wants, where they would go and, for
 * those that would not fit, why.
 *
 * @param taskDefinition what the service names ({@code web} or {@code web:3})
 * @param placements instance id -> number of the service's tasks placed there, in id order
 * @param unplacedReason present when {@code placedCount < desiredCount}
 */
public record ServiceDryRun(
    String cluster,
    String serviceName,
    String taskDefinition,
    int desiredCount,
    int placedCount,
    Map<String, Integer> placements,
    Optional<String> unplacedReason) {

  /** Copies the placements, keeping their order. */
  public ServiceDryRun {
    Objects.requireNonNull(cluster, "cluster == null");
    Objects.requireNonNull(serviceName, "serviceName == null");
    Objects.requireNonNull(taskDefinition, "taskDefinition == null");
    placements = Collections.unmodifiableMap(new LinkedHashMap<>(placements));
    Objects.requireNonNull(unplacedReason, "unplacedReason == null");
  }

  /** How many wanted tasks found no place. */
  public int unplacedCount() {
    return Math.max(0, desiredCount - placedCount);
  }

  /** Whether every wanted task found a place. */
  public boolean allPlaced() {
    return placedCount >= desiredCount;
  }

  /**
   * One line for the plan, e.g. {@code service web (cluster prod): all 3 tasks placed (i-01: 1, i-02: 2)}
   * or {@code service web (cluster prod): 2 of 3 tasks placed; 1 cannot be placed: <reason>}.
   */
  public String summary() {
    StringBuilder where = new StringBuilder();
    placements.forEach((instance, count) -> where.append(where.length() == 0 ? "" : ", ").append(instance).append(": ").append(count));
    String head = "service " + serviceName + " (cluster " + cluster + "): ";
    if (allPlaced()) {
      return head + (desiredCount == 0 ? "no tasks wanted" : "all " + desiredCount + " tasks placed (" + where + ")");
    }
    return head + placedCount + " of " + desiredCount + " tasks placed" + (placedCount > 0 ? " (" + where + ")" : "")
        + "; " + (desiredCount - placedCount) + " cannot be placed: " + unplacedReason.orElse("unknown reason");
  }

  /** The lines of a dry-run section in a plan, headed {@code Scheduler dry-run:}. */
  public static List<String> section(List<ServiceDryRun> services) {
    List<String> lines = new ArrayList<>();
    lines.add("Scheduler dry-run:");
    services.forEach(s -> lines.add("  " + (s.allPlaced() ? "+ " : "! ") + s.summary()));
    return lines;
  }
}
