package io.berth.dsl;

import io.berth.model.ModelPaths;
import io.berth.model.TargetHealthCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * How a load balancer checks its targets, as an ELB target group does:
 * {@code h -> h.path("/health").matcher("200-299").interval(5).timeout(2).healthyThreshold(2).unhealthyThreshold(2)}.
 * Without a path the check is a TCP connect; unset timings take ELB's defaults (30 s interval, 5 s
 * timeout, 5 passes to turn healthy again, 2 failures to turn unhealthy, matcher "200").
 */
public final class TargetHealthCheckSpec {
  private final String path;
  private final CallSites sites;
  private Optional<String> checkPath = Optional.empty();
  private Optional<String> matcher = Optional.empty();
  private Optional<Integer> interval = Optional.empty();
  private Optional<Integer> timeout = Optional.empty();
  private Optional<Integer> healthyThreshold = Optional.empty();
  private Optional<Integer> unhealthyThreshold = Optional.empty();

  TargetHealthCheckSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** Checks with an HTTP GET of {@code path} (starting with '/'), instead of a TCP connect. */
  public TargetHealthCheckSpec path(String path) {
    record("path");
    checkPath = Optional.of(Objects.requireNonNull(path, "path == null"));
    return this;
  }

  /** The status codes that pass: "200", "200-299" or "200,204" (codes 200-499; default "200"). */
  public TargetHealthCheckSpec matcher(String codes) {
    record("matcher");
    matcher = Optional.of(Objects.requireNonNull(codes, "codes == null"));
    return this;
  }

  /** Seconds between checks of a target (5-300, default 30). */
  public TargetHealthCheckSpec interval(int seconds) {
    record("intervalSeconds");
    interval = Optional.of(seconds);
    return this;
  }

  /** Seconds a check may take before it fails (2-120 and below the interval, default 5). */
  public TargetHealthCheckSpec timeout(int seconds) {
    record("timeoutSeconds");
    timeout = Optional.of(seconds);
    return this;
  }

  /** Passes in a row that make an unhealthy target healthy again (2-10, default 5). */
  public TargetHealthCheckSpec healthyThreshold(int count) {
    record("healthyThresholdCount");
    healthyThreshold = Optional.of(count);
    return this;
  }

  /** Failures in a row that make a target unhealthy (2-10, default 2). */
  public TargetHealthCheckSpec unhealthyThreshold(int count) {
    record("unhealthyThresholdCount");
    unhealthyThreshold = Optional.of(count);
    return this;
  }

  TargetHealthCheck build() {
    return new TargetHealthCheck(checkPath, matcher, interval, timeout, healthyThreshold, unhealthyThreshold);
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }
}
