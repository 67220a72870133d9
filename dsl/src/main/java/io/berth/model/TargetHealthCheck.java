package io.berth.model;

import java.util.Optional;

/**
 * A load balancer's health check of its targets, as an ELB target group's: an HTTP GET of {@code path}
 * whose status must match {@code matcher} ("200", "200-299", "200,204"), or a TCP connect when no path
 * is given; every {@code intervalSeconds}, each allowed {@code timeoutSeconds}; a target turns healthy
 * after {@code healthyThresholdCount} passes in a row (a new one after its first pass) and unhealthy
 * after {@code unhealthyThresholdCount} failures in a row. Absent members take ELB's defaults (see
 * {@link #DEFAULT_INTERVAL} and the others).
 */
public record TargetHealthCheck(
    Optional<String> path,
    Optional<String> matcher,
    Optional<Integer> intervalSeconds,
    Optional<Integer> timeoutSeconds,
    Optional<Integer> healthyThresholdCount,
    Optional<Integer> unhealthyThresholdCount) {

  /** ELB's default seconds between checks. */
  public static final int DEFAULT_INTERVAL = 30;
  /** ELB's default seconds a check may take (HTTP target groups). */
  public static final int DEFAULT_TIMEOUT = 5;
  /** ELB's default passes in a row that make an unhealthy target healthy. */
  public static final int DEFAULT_HEALTHY_THRESHOLD = 5;
  /** ELB's default failures in a row that make a target unhealthy. */
  public static final int DEFAULT_UNHEALTHY_THRESHOLD = 2;
  /** ELB's default matcher for HTTP checks. */
  public static final String DEFAULT_MATCHER = "200";

  /** Normalises absent optionals so the model holds no nulls. */
  public TargetHealthCheck {
    path = Defaults.optional(path);
    matcher = Defaults.optional(matcher);
    intervalSeconds = Defaults.optional(intervalSeconds);
    timeoutSeconds = Defaults.optional(timeoutSeconds);
    healthyThresholdCount = Defaults.optional(healthyThresholdCount);
    unhealthyThresholdCount = Defaults.optional(unhealthyThresholdCount);
  }

  /** A check with every member at its default: a TCP connect every 30 s. */
  public static TargetHealthCheck defaults() {
    return new TargetHealthCheck(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
