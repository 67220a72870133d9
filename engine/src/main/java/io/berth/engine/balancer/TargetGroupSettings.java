package io.berth.engine.balancer;

import io.berth.model.LoadBalancer;
import io.berth.model.TargetGroupProtocol;
import io.berth.model.TargetHealthCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A listener's target group with every default applied: how it talks to targets, how it checks them,
 * and how long a leaving target may drain.
 *
 * @param checkPath the HTTP health check's path; empty: a TCP connect
 */
public record TargetGroupSettings(
    TargetGroupProtocol protocol,
    Optional<String> checkPath,
    StatusMatcher matcher,
    Duration interval,
    Duration timeout,
    int healthyThreshold,
    int unhealthyThreshold,
    Duration deregistrationDelay) {

  /** Checks the members. */
  public TargetGroupSettings {
    Objects.requireNonNull(protocol, "protocol == null");
    Objects.requireNonNull(checkPath, "checkPath == null");
    Objects.requireNonNull(matcher, "matcher == null");
    if (healthyThreshold < 1 || unhealthyThreshold < 1) {
      throw new IllegalArgumentException("health check thresholds must be at least 1");
    }
  }

  /** The settings a service's {@code loadBalancer} declares, ELB's defaults for the rest. */
  public static TargetGroupSettings of(LoadBalancer balancer) {
    TargetHealthCheck check = balancer.effectiveHealthCheck();
    return new TargetGroupSettings(balancer.effectiveProtocol(), check.path(),
        StatusMatcher.parse(check.matcher().orElse(TargetHealthCheck.DEFAULT_MATCHER)),
        Duration.ofSeconds(check.intervalSeconds().orElse(TargetHealthCheck.DEFAULT_INTERVAL)),
        Duration.ofSeconds(check.timeoutSeconds().orElse(TargetHealthCheck.DEFAULT_TIMEOUT)),
        check.healthyThresholdCount().orElse(TargetHealthCheck.DEFAULT_HEALTHY_THRESHOLD),
        check.unhealthyThresholdCount().orElse(TargetHealthCheck.DEFAULT_UNHEALTHY_THRESHOLD),
        Duration.ofSeconds(balancer.effectiveDeregistrationDelay()));
  }

  /** How the check reads in sentences: "GET /health (200)" or "a TCP connect". */
  public String describeCheck() {
    return checkPath.map(p -> "GET " + p + " (" + matcher.text() + ")").orElse("a TCP connect");
  }
}
