package io.berth.model;

import java.util.Optional;

/**
 * Berth's load balancer for a service, an ECS service load balancer and its ELB target group in one:
 * a listener on {@code listenerPort} forwarding to {@code containerPort} of {@code containerName} in
 * every healthy task. {@code protocol} defaults to HTTP, {@code healthCheck} to a TCP connect with
 * ELB's timings, {@code deregistrationDelaySeconds} (how long a leaving target may finish its
 * requests) to ELB's 300.
 */
public record LoadBalancer(
    String containerName,
    Integer containerPort,
    Integer listenerPort,
    Optional<TargetGroupProtocol> protocol,
    Optional<TargetHealthCheck> healthCheck,
    Optional<Integer> deregistrationDelaySeconds) {

  /** ELB's default deregistration delay in seconds. */
  public static final int DEFAULT_DEREGISTRATION_DELAY = 300;

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public LoadBalancer {
    Defaults.required(containerName, "containerName");
    Defaults.required(containerPort, "containerPort");
    Defaults.required(listenerPort, "listenerPort");
    protocol = Defaults.optional(protocol);
    healthCheck = Defaults.optional(healthCheck);
    deregistrationDelaySeconds = Defaults.optional(deregistrationDelaySeconds);
  }

  /** An HTTP load balancer with ELB's default health check and deregistration delay. */
  public LoadBalancer(String containerName, Integer containerPort, Integer listenerPort) {
    this(containerName, containerPort, listenerPort, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The protocol, HTTP unless set. */
  public TargetGroupProtocol effectiveProtocol() {
    return protocol.orElse(TargetGroupProtocol.HTTP);
  }

  /** The health check, ELB's defaults for the members not set. */
  public TargetHealthCheck effectiveHealthCheck() {
    return healthCheck.orElseGet(TargetHealthCheck::defaults);
  }

  /** The deregistration delay in seconds, 300 unless set. */
  public int effectiveDeregistrationDelay() {
    return deregistrationDelaySeconds.orElse(DEFAULT_DEREGISTRATION_DELAY);
  }
}
