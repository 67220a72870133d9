package io.berth.engine.scheduler.placement;

import java.util.Objects;

/**
 * Why one stage rejected one instance for a task, e.g. {@code Veto("ResourceFilter", "i-07",
 * "needs 512 MiB memory, has 384 MiB free")}. Filters return vetoes, not booleans, so an
 * unplaceable task can say why.
 */
public record Veto(String stage, String instanceId, String reason) {
  /** Checks required members. */
  public Veto {
    Objects.requireNonNull(stage, "stage == null");
    Objects.requireNonNull(instanceId, "instanceId == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
