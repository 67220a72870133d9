package io.berth.engine.balancer;

/** Something a load balancer did that the service's events should say, in ECS's style. */
public record BalancerEvent(String serviceName, String message) {}
