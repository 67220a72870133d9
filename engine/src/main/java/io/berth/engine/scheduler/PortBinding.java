package io.berth.engine.scheduler;

import java.util.Objects;

/**
 * A container port published on a host port of the task's instance ({@code protocol} is tcp or udp);
 * {@code machineWide} when the task uses the host's network, so the port is taken on the whole machine.
 */
public record PortBinding(String containerName, int containerPort, int hostPort, String protocol,
    boolean machineWide) {

  /** A port published on the instance's own address. */
  public PortBinding(String containerName, int containerPort, int hostPort, String protocol) {
    this(containerName, containerPort, hostPort, protocol, false);
  }

  /** Checks the port range. */
  public PortBinding {
    Objects.requireNonNull(containerName, "containerName == null");
    Objects.requireNonNull(protocol, "protocol == null");
    if (hostPort < 0 || hostPort > 65535 || containerPort < 0 || containerPort > 65535) {
      throw new IllegalArgumentException("ports must be 0..65535: " + containerName + " " + containerPort + "->" + hostPort);
    }
  }
}
