package io.berth.engine.balancer;

/**
 * What a load balancer counted for one target or one listener, as ELB's metrics name it: requests
 * answered, by status class (the target's own answers), {@code errors} the load balancer answered
 * itself (502, 503, 504: no target, or none reachable), and the response time of the answered ones.
 */
public record RequestCounts(
    long requests,
    long status2xx,
    long status3xx,
    long status4xx,
    long status5xx,
    long errors,
    double meanMillis,
    double p50Millis,
    double p99Millis) {

  /** Nothing counted yet. */
  public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
