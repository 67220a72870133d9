package io.berth.engine.balancer;

/**
 * A load balancer target's state, in ELB's words: INITIAL until its first passing health check,
 * HEALTHY while it gets requests, UNHEALTHY after failing checks (or requests) in a row, DRAINING
 * while it leaves (no new requests, the ones it has finish), UNUSED when the task is no target.
 */
public enum TargetHealthState {
  INITIAL,
  HEALTHY,
  UNHEALTHY,
  DRAINING,
  UNUSED;

  /** ELB's lower-case spelling, as {@code berth services} shows it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
