package io.berth.plans.diff;

import io.berth.model.LoadBalancer;
import io.berth.model.Service;
import io.berth.model.TargetHealthCheck;
import java.util.List;

/**
 * The plan's line for each load balancer of a service it creates or changes: the listener, where it
 * sends requests, how it checks targets and how long a leaving one drains, defaults spelled out.
 */
final class ListenerNotes {
  private ListenerNotes() {}

  /** One note per load balancer of {@code service}. */
  static List<String> of(Service service) {
    return service.loadBalancers().stream().map(ListenerNotes::describe).toList();
  }

  static String describe(LoadBalancer lb) {
    TargetHealthCheck check = lb.effectiveHealthCheck();
    String how = check.path().map(p -> "GET " + p + " answering " + check.matcher().orElse(TargetHealthCheck.DEFAULT_MATCHER))
        .orElse("a TCP connect");
    return "listener :" + lb.listenerPort() + " (" + lb.effectiveProtocol().apiValue() + ") -> " + lb.containerName() + ":"
        + lb.containerPort() + " of each task; health check " + how + " every "
        + check.intervalSeconds().orElse(TargetHealthCheck.DEFAULT_INTERVAL) + " s (timeout "
        + check.timeoutSeconds().orElse(TargetHealthCheck.DEFAULT_TIMEOUT) + " s, healthy after "
        + check.healthyThresholdCount().orElse(TargetHealthCheck.DEFAULT_HEALTHY_THRESHOLD) + ", unhealthy after "
        + check.unhealthyThresholdCount().orElse(TargetHealthCheck.DEFAULT_UNHEALTHY_THRESHOLD)
        + "); a leaving task drains for at most " + lb.effectiveDeregistrationDelay() + " s";
  }
}
