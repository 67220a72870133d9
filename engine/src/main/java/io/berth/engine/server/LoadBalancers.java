package io.berth.engine.server;

import io.berth.engine.api.ObservedContainer;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import io.berth.model.LoadBalancer;
import io.berth.model.Service;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Berth's load balancers, run by the control plane's ticker: probes the targets of every service
 * behind a load balancer (a TCP connect to each running task's bound port, outside the control
 * plane's lock, at most once per {@link #PROBE_INTERVAL}), and keeps one {@link LoadBalancerProxy}
 * per listener port with the healthy targets of the latest snapshot.
 */
final class LoadBalancers implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LoadBalancers.class.getName());
  /** Load balancer targets are probed once a second, not every tick. */
  static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  private final Clock clock;
  private final Map<Integer, LoadBalancerProxy> proxies = new HashMap<>();
  private long lastProbeMillis;

  /** Probes paced by {@code clock}. */
  LoadBalancers(Clock clock) {
    this.clock = clock;
  }

  /**
   * Whether each running target of {@code declared}'s load balancers answers, by task id; empty
   * when the last probe was less than {@link #PROBE_INTERVAL} ago. Does I/O: call it outside the
   * lock.
   */
  Map<String, Boolean> probeIfDue(DeclaredSnapshot declared, ControlPlaneSnapshot snapshot) {
    if (clock.millis() - lastProbeMillis < PROBE_INTERVAL.toMillis()) {
      return Map.of();
    }
    Map<String, Boolean> health = probe(declared, snapshot);
    lastProbeMillis = clock.millis();
    return health;
  }

  /** TCP-connects to every running task behind a load balancer. */
  private static Map<String, Boolean> probe(DeclaredSnapshot declared, ControlPlaneSnapshot snapshot) {
    Map<String, Boolean> health = new HashMap<>();
    for (Service service : declared.services()) {
      for (LoadBalancer lb : service.loadBalancers()) {
        for (TaskRecord task : snapshot.tasks().values()) {
          if (task.serviceName().equals(service.serviceName()) && task.wanted() && task.lastStatus() == TaskStatus.RUNNING) {
            health.put(task.taskId(), target(task, lb).map(LoadBalancers::answers).orElse(false));
          }
        }
      }
    }
    return health;
  }

  /** {@code snapshot} with the probed targets' health recorded on their tasks. */
  static ControlPlaneSnapshot withTargetHealth(ControlPlaneSnapshot snapshot, Map<String, Boolean> health) {
    if (health.isEmpty()) {
      return snapshot;
    }
    Map<String, TaskRecord> tasks = new HashMap<>(snapshot.tasks());
    health.forEach((id, healthy) -> tasks.computeIfPresent(id, (k, t) -> t.withTargetHealthy(healthy)));
    return new ControlPlaneSnapshot(snapshot.instances(), tasks, snapshot.runtimes(), snapshot.events(), snapshot.nextEventSeq(),
        snapshot.autoscaling());
  }

  /** Where {@code lb} reaches {@code task}: the host address its container port is bound to. */
  static Optional<InetSocketAddress> target(TaskRecord task, LoadBalancer lb) {
    for (ObservedContainer container : task.containers()) {
      if (!container.name().equals(lb.containerName())) {
        continue;
      }
      for (NetworkBinding binding : container.networkBindings()) {
        if (binding.containerPort() == lb.containerPort()) {
          String host = binding.bindIP().equals("0.0.0.0") || binding.bindIP().isEmpty() ? "127.0.0.1" : binding.bindIP();
          return Optional.of(new InetSocketAddress(host, binding.hostPort()));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean answers(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * One proxy per listener port of {@code declared}, each sending to the healthy targets of
   * {@code snapshot}; proxies of listeners no longer declared close.
   */
  void update(DeclaredSnapshot declared, ControlPlaneSnapshot snapshot) {
    Set<Integer> wanted = new HashSet<>();
    for (Service service : declared.services()) {
      for (LoadBalancer lb : service.loadBalancers()) {
        wanted.add(lb.listenerPort());
        LoadBalancerProxy proxy = proxies.computeIfAbsent(lb.listenerPort(), port -> {
          try {
            return new LoadBalancerProxy(port);
          } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot listen on 127.0.0.1:" + port + " for service " + service.serviceName() + ": "
                + e.getMessage() + "; choose a free listenerPort");
            return null;
          }
        });
        if (proxy != null) {
          List<InetSocketAddress> healthy = new ArrayList<>();
          for (TaskRecord task : snapshot.tasks().values()) {
            if (task.serviceName().equals(service.serviceName()) && task.wanted() && task.targetHealthy()) {
              target(task, lb).ifPresent(healthy::add);
            }
          }
          proxy.targets(healthy);
        }
      }
    }
    proxies.entrySet().removeIf(e -> {
      if (!wanted.contains(e.getKey())) {
        e.getValue().close();
        return true;
      }
      return false;
    });
  }

  /** Closes every proxy. */
  @Override
  public void close() {
    proxies.values().forEach(LoadBalancerProxy::close);
  }
}
