package io.berth.engine.scheduler.placement;

import java.util.Optional;

/**
 * The instance's platform suits the task: the CPU architecture and OS of its runtimePlatform, and
 * an agent that enforces task-level cpu and memory when the task sets them ({@link
 * io.berth.engine.scheduler.PlatformRequirements}).
 */
final class PlatformFilter implements PlacementFilter {
  @Override
  public Scope scope() {
    return Scope.PER_REQUEST;
  }

  @Override
  public boolean admits(WorkingCluster cluster, Demand demand, int i) {
    return demand.requirements.platform().isEmpty()
        || demand.requirements.platform().unmet(cluster.instances[i].attributes()).isEmpty();
  }

  @Override
  public Optional<String> veto(WorkingCluster cluster, Demand demand, int i) {
    return demand.requirements.platform().unmet(cluster.instances[i].attributes());
  }
}
