package io.berth.engine.balancer;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One task's port behind a listener: where it is, its health, the requests (or TCP connections) it
 * has in flight and what it answered. Request threads, the health checker and the control plane's
 * ticker share it: the health changes under the target's lock, the counters are atomic.
 */
final class Target {
  final String taskId;
  final InetSocketAddress address;
  final RequestStats stats = new RequestStats();
  /** Requests (TCP: connections) sent to it and not finished. */
  final AtomicInteger inFlight = new AtomicInteger();
  /** Requests in a row that could not reach it (refused, reset, timed out); any answer resets it. */
  final AtomicInteger unreachable = new AtomicInteger();
  /** True while a health check of it runs. */
  final AtomicBoolean checking = new AtomicBoolean();
  private volatile TargetHealth health;

  Target(String taskId, InetSocketAddress address, TargetHealth health) {
    this.taskId = taskId;
    this.address = address;
    this.health = health;
  }

  TargetHealth health() {
    return health;
  }

  TargetHealthState state() {
    return health.state();
  }

  /** Applies {@code change}; returns the health before it when the state changed. */
  synchronized Optional<TargetHealth> update(UnaryOperator<TargetHealth> change) {
    TargetHealth before = health;
    health = change.apply(before);
    return before.state() == health.state() ? Optional.empty() : Optional.of(before);
  }

  /** {@code host:port}, IPv6 hosts in brackets. */
  String endpoint() {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
