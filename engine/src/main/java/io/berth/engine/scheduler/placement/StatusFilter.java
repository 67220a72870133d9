package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.ContainerInstance;
import io.berth.engine.scheduler.InstanceStatus;
import java.util.Optional;

/** Only ACTIVE instances whose agent is connected take new tasks. */
final class StatusFilter implements PlacementFilter {
  @Override
  public Scope scope() {
    return Scope.PER_REQUEST;
  }

  @Override
  public boolean admits(WorkingCluster cluster, Demand demand, int i) {
    return cluster.schedulable(i);
  }

  @Override
  public Optional<String> veto(WorkingCluster cluster, Demand demand, int i) {
    ContainerInstance instance = cluster.instances[i];
    if (instance.status() != InstanceStatus.ACTIVE) {
      return Optional.of("instance is " + instance.status());
    }
    return instance.agentConnected() ? Optional.empty() : Optional.of("agent is disconnected");
  }
}
