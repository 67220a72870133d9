package io.berth.engine.balancer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Berth's load balancers, as the control plane runs them: one listener per declared listener port on
 * the listen address ({@code --lb-listen}), HTTP or TCP on Netty ({@link NettyListeners}), each with
 * its {@link TargetPool} of targets kept health-checked by one {@link HealthChecker}. The control
 * plane says which listeners and targets there should be; it reads back the targets' states, which
 * leaving targets are drained, the views and the events. The event loops start with the first
 * listener.
 *
 * <pre>{@code
 * Balancer balancer = new Balancer("127.0.0.1", clock);
 * balancer.listen(8080, "web", settings);          // empty, or why it cannot listen
 * balancer.targets(8080, List.of(new TargetSpec("local-web-1", address)), Set.of());
 * }</pre>
 */
public final class Balancer implements AutoCloseable {
  private final String host;
  private final Clock clock;
  private final Map<Integer, Listener> listeners = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<BalancerEvent> events = new ConcurrentLinkedQueue<>();
  private final HealthChecker checker;
  private volatile NettyListeners netty;

  /** How long a listener that could not listen waits before it tries again. */
  static final java.time.Duration RETRY = java.time.Duration.ofSeconds(5);

  /** One listener of a port: its pool, why it does not listen (if so), and when it last tried. */
  private record Listener(TargetPool pool, Optional<String> problem, long triedAtMillis) {}

  /** Load balancers listening on {@code host} (an address of this machine), timed by {@code clock}. */
  public Balancer(String host, Clock clock) {
    this.host = host;
    this.clock = clock;
    this.checker = new HealthChecker(this::pools, this::netty, clock);
  }

  /** The listen address. */
  public String host() {
    return host;
  }

  /**
   * Makes {@code port} a listener of service {@code serviceName} of {@code cluster} with
   * {@code settings}, replacing one of another protocol or service; returns why it cannot listen
   * (e.g. "Address already in use"), if so.
   */
  public synchronized Optional<String> listen(int port, String cluster, String serviceName,
      TargetGroupSettings settings) {
    Listener current = listeners.get(port);
    long now = clock.millis();
    if (current != null && current.pool().cluster.equals(cluster) && current.pool().serviceName.equals(serviceName)
        && current.pool().settings().protocol() == settings.protocol()) {
      current.pool().settings(settings);
      if (current.problem().isEmpty() || now - current.triedAtMillis() < RETRY.toMillis()) {
        return current.problem();
      }
      // It could not listen: try again, keeping its targets and their health.
      Listener retried = open(current.pool(), now);
      listeners.put(port, retried);
      return retried.problem();
    }
    if (current != null) {
      stop(port);
    }
    Listener listener = open(new TargetPool(cluster, serviceName, port, settings, clock, events::add), now);
    listeners.put(port, listener);
    return listener.problem();
  }

  private Listener open(TargetPool pool, long now) {
    return new Listener(pool, netty().listen(pool), now);
  }

  /** Sets the targets of listener {@code port} (see {@link TargetPool#sync}); nothing when it is not one. */
  public void targets(int port, List<TargetSpec> wanted, Set<String> leaving) {
    Listener listener = listeners.get(port);
    if (listener != null) {
      listener.pool().sync(wanted, leaving);
    }
  }

  /** Stops every listener whose port is not in {@code ports}. */
  public synchronized void retain(Set<Integer> ports) {
    for (Integer port : List.copyOf(listeners.keySet())) {
      if (!ports.contains(port)) {
        stop(port);
      }
    }
  }

  /** Whether the task's targets are drained (or it has none) on every listener. */
  public boolean drained(String taskId) {
    for (Listener listener : listeners.values()) {
      if (!listener.pool().drained(taskId)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The task's state over its listeners: UNUSED when it is no target; else the least good of its
   * targets' (UNHEALTHY, then INITIAL, then DRAINING, then HEALTHY).
   */
  public TargetHealthState state(String taskId) {
    TargetHealthState worst = TargetHealthState.UNUSED;
    for (Listener listener : listeners.values()) {
      TargetHealthState state = listener.pool().state(taskId);
      if (state != TargetHealthState.UNUSED && (worst == TargetHealthState.UNUSED || rank(state) < rank(worst))) {
        worst = state;
      }
    }
    return worst;
  }

  private static int rank(TargetHealthState state) {
    return switch (state) {
      case UNHEALTHY -> 0;
      case INITIAL -> 1;
      case DRAINING -> 2;
      case HEALTHY -> 3;
      case UNUSED -> 4;
    };
  }

  /** Requests per healthy target in the last minute on listener {@code port}; empty without data. */
  public Optional<Double> requestsPerTarget(int port) {
    Listener listener = listeners.get(port);
    return listener == null ? Optional.empty() : listener.pool().requestsPerTarget();
  }

  /** Listener {@code port} as the views show it, if it is one. */
  public Optional<ListenerView> view(int port) {
    Listener listener = listeners.get(port);
    if (listener == null) {
      return Optional.empty();
    }
    TargetPool pool = listener.pool();
    TargetGroupSettings settings = pool.settings();
    String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    return Optional.of(new ListenerView(address, port, settings.protocol().apiValue(), settings.describeCheck(),
        listener.problem().orElse(""), pool.stats.counts(), pool.requestsPerTarget().orElse(0.0), pool.views()));
  }

  /** The events since the last call, oldest first. */
  public List<BalancerEvent> takeEvents() {
    List<BalancerEvent> taken = new ArrayList<>();
    for (BalancerEvent event = events.poll(); event != null; event = events.poll()) {
      taken.add(event);
    }
    return taken;
  }

  private Collection<TargetPool> pools() {
    return listeners.values().stream().map(Listener::pool).toList();
  }

  private synchronized NettyListeners netty() {
    if (netty == null) {
      netty = new NettyListeners(host);
    }
    return netty;
  }

  private void stop(int port) {
    Listener listener = listeners.remove(port);
    if (listener != null && listener.problem().isEmpty() && netty != null) {
      netty.stop(port);
    }
  }

  /** Stops every listener and the health checks. */
  @Override
  public synchronized void close() {
    checker.close();
    for (Integer port : List.copyOf(listeners.keySet())) {
      stop(port);
    }
    if (netty != null) {
      netty.close();
    }
  }
}
