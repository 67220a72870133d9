package io.berth.model;

import java.util.List;
import java.util.Optional;

/** Restarts of a container inside its task, without replacing the task. */
public record RestartPolicy(
    Boolean enabled,
    List<Integer> ignoredExitCodes,
    Optional<Integer> restartAttemptPeriod) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public RestartPolicy {
    Defaults.required(enabled, "enabled");
    ignoredExitCodes = Defaults.list(ignoredExitCodes);
    restartAttemptPeriod = Defaults.optional(restartAttemptPeriod);
  }
}
