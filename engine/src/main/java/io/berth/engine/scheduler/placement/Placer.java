package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.ClusterSnapshot;
import java.util.SplittableRandom;

/**
 * Places tasks on the instances of a cluster snapshot: the pure placement entry point.
 * Instances go through {@code StatusFilter}, {@code ConstraintFilter} (memberOf), {@code
 * ResourceFilter} (cpu, memory), {@code PortFilter} (fixed, reserved and dynamic host ports) and
 * {@code TaskConstraintFilter} (distinctInstance, task:group), then the strategy's rankers
 * ({@code BinpackRanker}, {@code SpreadRanker}, {@code RandomRanker}) in order, then the {@code
 * Selector}. The same snapshot, request and seed always give the same placements.
 *
 * <pre>{@code
 * PlacementResult r = Placer.place(snapshot, new PlacementRequest("service:web",
 *     TaskRequirements.of(td), service.placementStrategy(), service.placementConstraints(), 3), 42L);
 * r.placements();   // [Placement[i-01, ports], ...]
 * r.reason();       // why the rest stay PENDING, when r.unplacedCount() > 0
 * }</pre>
 */
public final class Placer {
  private Placer() {}

  /** Places {@code request.count()} tasks; {@code seed} feeds the random strategy. */
  public static PlacementResult place(ClusterSnapshot snapshot, PlacementRequest request, long seed) {
    return PlacementPipeline.place(new WorkingCluster(snapshot), new Demand(request), request.count(), new SplittableRandom(seed));
  }
}
