package io.berth.model;

import java.util.List;
import java.util.Optional;

/** A container health check: CMD or CMD-SHELL command with interval, timeout, retries and start period in seconds. */
public record HealthCheck(
    List<String> command,
    Optional<Integer> interval,
    Optional<Integer> timeout,
    Optional<Integer> retries,
    Optional<Integer> startPeriod) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public HealthCheck {
    command = Defaults.list(command);
    interval = Defaults.optional(interval);
    timeout = Defaults.optional(timeout);
    retries = Defaults.optional(retries);
    startPeriod = Defaults.optional(startPeriod);
  }
}
