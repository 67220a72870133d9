package io.berth.engine.balancer;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A target a listener should have: a task's container port at {@code address}. */
public record TargetSpec(String taskId, InetSocketAddress address) {
  /** Checks the members. */
  public TargetSpec {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(address, "address == null");
  }
}
