package io.berth.engine.scheduler.placement;

/**
 * spread(field): prefers instances whose value of the field (zone, instance id...) has the fewest
 * tasks of the same group, balancing the service's own tasks.
 */
final class SpreadRanker implements PlacementRanker {
  private final String field;

  SpreadRanker(String field) {
    this.field = field.equals("host") ? "instanceId" : field;
  }

  @Override
  public int narrow(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    if (field.equals("instanceId")) {
      int[] counts = cluster.groupCounts(demand.group);
      return PlacementRanker.keepLowest(candidates, n, i -> counts[i]);
    }
    int[] valueOf = cluster.field(field).valueOf;
    int[] counts = cluster.spreadCounts(demand.group, field);
    return PlacementRanker.keepLowest(candidates, n, i -> counts[valueOf[i]]);
  }
}
