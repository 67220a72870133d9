package io.berth.engine.balancer;

/** Something a load balancer did that the events of the service (of {@code cluster}) should say, in ECS's style. */
public record BalancerEvent(String cluster, String serviceName, String message) {}
