package io.berth.engine.scheduler.placement;

/**
 * spread(field): prefers instances whose value of the field (zone, instance id...) has the fewest
 * tasks of the same group that stay (see {@link WorkingCluster#departing}), balancing the service's
 * own tasks. When several values of an attribute tie, the one first in name order wins, so which
 * zone gets the odd task does not hang on instance ids or on the order tasks came and went: the
 * live placement and the plan's dry-run against declared capacity agree zone by zone.
 */
final class SpreadRanker implements PlacementRanker {
  private final String field;

  SpreadRanker(String field) {
    this.field = field.equals("host") ? "instanceId" : field;
  }

  @Override
  public int narrow(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    if (field.equals("instanceId")) {
      int[] counts = cluster.stayingCounts(demand.group);
      return PlacementRanker.keepLowest(candidates, n, i -> counts[i]);
    }
    int[] valueOf = cluster.field(field).valueOf;
    int[] counts = cluster.spreadCounts(demand.group, field);
    int kept = PlacementRanker.keepLowest(candidates, n, i -> counts[valueOf[i]]);
    return PlacementRanker.keepLowest(candidates, kept, i -> valueOf[i]);
  }
}
