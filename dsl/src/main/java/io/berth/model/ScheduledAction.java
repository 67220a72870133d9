package io.berth.model;

import java.util.Optional;

/** Sets min and/or max capacity on a schedule: at(...), rate(...) or cron(...). */
public record ScheduledAction(
    String name,
    String schedule,
    Optional<String> timezone,
    Optional<Integer> minCapacity,
    Optional<Integer> maxCapacity) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ScheduledAction {
    Defaults.required(name, "name");
    Defaults.required(schedule, "schedule");
    timezone = Defaults.optional(timezone);
    minCapacity = Defaults.optional(minCapacity);
    maxCapacity = Defaults.optional(maxCapacity);
  }
}
