package io.berth.engine.scheduler.placement;

/** binpack(cpu|memory): prefers the instance with the least of that resource left after placing. */
final class BinpackRanker implements PlacementRanker {
  private final boolean memory;

  BinpackRanker(String field) {
    this.memory = !"cpu".equals(field);
  }

  @Override
  public int narrow(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    int[] free = memory ? cluster.freeMemory : cluster.freeCpu;
    // Leftover = free - need; the need is the same for every candidate, so comparing free suffices.
    return PlacementRanker.keepLowest(candidates, n, i -> free[i]);
  }
}
