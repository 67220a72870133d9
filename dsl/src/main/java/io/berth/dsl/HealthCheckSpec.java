package io.berth.dsl;

import io.berth.model.HealthCheck;
import io.berth.model.ModelPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A container health check: a command ({@link #shell} or {@link #exec}) and ECS's timings, which
 * default to interval 30 s, timeout 5 s, 3 retries and no start period when not set.
 */
public final class HealthCheckSpec {
  private final String path;
  private final CallSites sites;
  private List<String> command = List.of();
  private Optional<Integer> interval = Optional.empty();
  private Optional<Integer> timeout = Optional.empty();
  private Optional<Integer> retries = Optional.empty();
  private Optional<Integer> startPeriod = Optional.empty();

  HealthCheckSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** Runs {@code commandLine} with the container's shell: {@code ["CMD-SHELL", commandLine]}. */
  public HealthCheckSpec shell(String commandLine) {
    record("command");
    command = List.of("CMD-SHELL", Objects.requireNonNull(commandLine, "commandLine == null"));
    return this;
  }

  /** Runs {@code argv} directly: {@code ["CMD", argv...]}. */
  public HealthCheckSpec exec(String... argv) {
    record("command");
    List<String> all = new ArrayList<>();
    all.add("CMD");
    all.addAll(List.of(argv));
    command = List.copyOf(all);
    return this;
  }

  /** Seconds between checks (5-300, default 30). */
  public HealthCheckSpec interval(int seconds) {
    record("interval");
    interval = Optional.of(seconds);
    return this;
  }

  /** Seconds a check may take before it counts as failed (2-60, default 5). */
  public HealthCheckSpec timeout(int seconds) {
    record("timeout");
    timeout = Optional.of(seconds);
    return this;
  }

  /** Consecutive failures before the container is unhealthy (1-10, default 3). */
  public HealthCheckSpec retries(int retries) {
    record("retries");
    this.retries = Optional.of(retries);
    return this;
  }

  /** Seconds of grace after start during which failures do not count (0-300). */
  public HealthCheckSpec startPeriod(int seconds) {
    record("startPeriod");
    startPeriod = Optional.of(seconds);
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }

  HealthCheck build() {
    return new HealthCheck(command, interval, timeout, retries, startPeriod);
  }
}
