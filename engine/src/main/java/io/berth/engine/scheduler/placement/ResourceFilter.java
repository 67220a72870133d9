package io.berth.engine.scheduler.placement;

import java.util.Optional;

/** The instance has the task's cpu units and memory MiB free. */
final class ResourceFilter implements PlacementFilter {
  @Override
  public Scope scope() {
    return Scope.SHRINKING;
  }

  @Override
  public boolean admits(WorkingCluster cluster, Demand demand, int i) {
    return cluster.freeCpu[i] >= demand.requirements.cpu() && cluster.freeMemory[i] >= demand.requirements.memory();
  }

  /** A tight loop over the arrays: this is the hottest stage at cluster scale. */
  @Override
  public int filter(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    int cpu = demand.requirements.cpu();
    int memory = demand.requirements.memory();
    int[] freeCpu = cluster.freeCpu;
    int[] freeMemory = cluster.freeMemory;
    int kept = 0;
    for (int k = 0; k < n; k++) {
      int i = candidates[k];
      if (freeCpu[i] >= cpu && freeMemory[i] >= memory) {
        candidates[kept++] = i;
      }
    }
    return kept;
  }

  @Override
  public Optional<String> veto(WorkingCluster cluster, Demand demand, int i) {
    if (cluster.freeMemory[i] < demand.requirements.memory()) {
      return Optional.of("needs " + demand.requirements.memory() + " MiB memory, has " + cluster.freeMemory[i] + " MiB free");
    }
    if (cluster.freeCpu[i] < demand.requirements.cpu()) {
      return Optional.of("needs " + demand.requirements.cpu() + " cpu units, has " + cluster.freeCpu[i] + " free");
    }
    return Optional.empty();
  }
}
