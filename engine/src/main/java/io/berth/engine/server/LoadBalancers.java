package io.berth.engine.server;

import io.berth.engine.api.ObservedContainer;
import io.berth.engine.balancer.Balancer;
import io.berth.engine.balancer.BalancerEvent;
import io.berth.engine.balancer.ListenerView;
import io.berth.engine.balancer.TargetGroupSettings;
import io.berth.engine.balancer.TargetHealthState;
import io.berth.engine.balancer.TargetSpec;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.model.LoadBalancer;
import io.berth.model.Service;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The control plane's side of its load balancers ({@link Balancer}): after each tick it makes the
 * listeners and targets those of the declared services and the new snapshot ({@link #update}, outside
 * the lock: it may start the event loops or bind ports); at the start of the next tick it folds what the load
 * balancers found into the snapshot ({@link #fold}): each task's target state, the stops held for
 * draining that may now go to their agents, and the events. A target is the task's container port at
 * the address it is published on: its binding's, or its instance's advertised address when the port
 * is bound on every address.
 */
final class LoadBalancers implements AutoCloseable {
  private final String listenAddress;
  private final Clock clock;
  private volatile Balancer balancer;
  /** Listener port to the service key ({@code cluster/service}) that owns it. */
  private final Map<Integer, String> owners = new ConcurrentHashMap<>();
  /** The last problem said of each listener port, so that it is said once. */
  private final Map<Integer, String> problems = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<BalancerEvent> pending = new ConcurrentLinkedQueue<>();

  /** Load balancers listening on {@code listenAddress} ({@code --lb-listen}), timed by {@code clock}. */
  LoadBalancers(String listenAddress, Clock clock) {
    this.listenAddress = listenAddress;
    this.clock = clock;
  }

  /**
   * {@code snapshot} with what the load balancers found since the last tick: the target state of
   * every task of a service behind one, held stops released for tasks whose targets are drained, the
   * load balancers' events. Pure on the load balancers' state: call it under the control plane's lock.
   */
  ControlPlaneSnapshot fold(ControlPlaneSnapshot snapshot, Instant now) {
    Balancer current = balancer;
    List<BalancerEvent> events = new ArrayList<>();
    for (BalancerEvent event = pending.poll(); event != null; event = pending.poll()) {
      events.add(event);
    }
    if (current == null && events.isEmpty()) {
      return snapshot;
    }
    if (current != null) {
      events.addAll(current.takeEvents());
    }
    ControlPlaneSnapshot.Builder next = snapshot.toBuilder();
    boolean changed = !events.isEmpty();
    Set<String> balanced = new HashSet<>(owners.values());
    for (TaskRecord task : snapshot.tasks().values()) {
      if (!balanced.contains(ControlPlaneSnapshot.serviceKey(task.cluster(), task.serviceName()))) {
        continue;
      }
      TaskRecord updated = task;
      TargetHealthState state = current == null || !task.alive() ? TargetHealthState.UNUSED : current.state(task.taskId());
      if (state != task.targetHealth()) {
        updated = updated.withTargetHealth(state);
      }
      if (task.drainHold() && (current == null || current.drained(task.taskId()))) {
        updated = updated.drained();
      }
      if (updated != task) {
        next.tasks.put(task.taskId(), updated);
        changed = true;
      }
    }
    events.forEach(e -> next.event(now, e.cluster(), e.serviceName(), e.message()));
    return changed ? next.build() : snapshot;
  }

  /**
   * Makes the listeners those {@code declared} asks for and their targets the tasks of
   * {@code snapshot}: RUNNING wanted tasks are targets, tasks held for draining leave. Does I/O (binds
   * ports, may start the event loops): call it outside the lock.
   */
  void update(DeclaredSnapshot declared, ControlPlaneSnapshot snapshot) {
    Set<Integer> ports = new HashSet<>();
    for (Service service : declared.services()) {
      String key = ControlPlaneSnapshot.serviceKey(service.cluster(), service.serviceName());
      for (LoadBalancer lb : service.loadBalancers()) {
        if (!ports.add(lb.listenerPort())) {
          continue; // two services on one port: the stack's validation refuses it; the first keeps it
        }
        TargetGroupSettings settings = TargetGroupSettings.of(lb);
        Optional<String> problem = balancer().listen(lb.listenerPort(), service.cluster(), service.serviceName(),
            settings);
        owners.put(lb.listenerPort(), key);
        report(service, lb.listenerPort(), problem);
        List<TargetSpec> targets = new ArrayList<>();
        Set<String> leaving = new HashSet<>();
        for (TaskRecord task : snapshot.tasks().values()) {
          if (!task.serviceName().equals(service.serviceName()) || !task.cluster().equals(service.cluster())) {
            continue;
          }
          if (task.wanted() && task.lastStatus() == TaskStatus.RUNNING) {
            target(task, lb, snapshot).ifPresent(address -> targets.add(new TargetSpec(task.taskId(), address)));
          } else if (task.drainHold()) {
            leaving.add(task.taskId());
          }
        }
        balancer().targets(lb.listenerPort(), targets, leaving);
      }
    }
    owners.keySet().retainAll(ports);
    problems.keySet().retainAll(ports);
    if (balancer != null) {
      balancer.retain(ports);
    }
  }

  /** The listeners of each service (keyed {@code cluster/service}), as the views show them. */
  Map<String, List<ListenerView>> views() {
    Map<String, List<ListenerView>> views = new HashMap<>();
    Balancer current = balancer;
    if (current == null) {
      return views;
    }
    owners.forEach((port, key) -> current.view(port).ifPresent(view ->
        views.computeIfAbsent(key, k -> new ArrayList<>()).add(view)));
    views.values().forEach(list -> list.sort(java.util.Comparator.comparingInt(ListenerView::port)));
    return views;
  }

  /** Requests per healthy target in the last minute of each service behind an HTTP listener (its first). */
  Map<String, Double> requestsPerTarget() {
    Map<String, Double> perService = new HashMap<>();
    Balancer current = balancer;
    if (current != null) {
      owners.forEach((port, key) -> current.requestsPerTarget(port).ifPresent(value -> perService.putIfAbsent(key, value)));
    }
    return perService;
  }

  /** Where {@code lb} reaches {@code task}: the address and host port its container port is published at. */
  static Optional<InetSocketAddress> target(TaskRecord task, LoadBalancer lb, ControlPlaneSnapshot snapshot) {
    for (ObservedContainer container : task.containers()) {
      if (!container.name().equals(lb.containerName())) {
        continue;
      }
      for (NetworkBinding binding : container.networkBindings()) {
        if (binding.containerPort() == lb.containerPort() && "tcp".equals(binding.protocol())) {
          String ip = binding.bindIP();
          if (ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::")) {
            InstanceRecord instance = snapshot.instances().get(task.instanceId());
            ip = instance == null || instance.address().isEmpty() ? "127.0.0.1" : instance.address();
          }
          try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(ip), binding.hostPort()));
          } catch (UnknownHostException e) {
            return Optional.empty(); // an address literal always parses; anything else is no target
          }
        }
      }
    }
    return Optional.empty();
  }

  private Balancer balancer() {
    if (balancer == null) {
      balancer = new Balancer(listenAddress, clock);
    }
    return balancer;
  }

  private void report(Service service, int port, Optional<String> problem) {
    String said = problems.get(port);
    if (problem.isPresent() && !problem.get().equals(said)) {
      problems.put(port, problem.get());
      pending.add(new BalancerEvent(service.cluster(), service.serviceName(), "(service " + service.serviceName()
          + ") cannot listen on " + listenAddress + ":" + port + " for its load balancer: " + problem.get()
          + "; choose a free listenerPort (or stop what uses the port) and apply again."));
    } else if (problem.isEmpty() && said != null) {
      problems.remove(port);
    }
  }

  /** Stops every listener. */
  @Override
  public void close() {
    if (balancer != null) {
      balancer.close();
    }
  }
}
