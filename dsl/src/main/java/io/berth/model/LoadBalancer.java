package io.berth.model;

/** Berth's load balancer: a listener port on the host forwarding to a container port of every healthy task. */
public record LoadBalancer(
    String containerName,
    Integer containerPort,
    Integer listenerPort) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public LoadBalancer {
    Defaults.required(containerName, "containerName");
    Defaults.required(containerPort, "containerPort");
    Defaults.required(listenerPort, "listenerPort");
  }
}
