package io.berth.engine.scheduler;

import io.berth.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Filters, then rankers, then the selector, for one request against one working cluster. Per-request
 * filters run once; shrinking filters narrow the surviving candidates for good; per-task filters
 * run on a copy for each task.
 */
final class PlacementPipeline {
  static final List<PlacementFilter> FILTERS = List.of(
      new StatusFilter(), new ConstraintFilter(), new ResourceFilter(), new PortFilter(), new TaskConstraintFilter());

  private PlacementPipeline() {}

  /** Places up to {@code count} tasks of the demand, adding them to {@code cluster}. */
  static PlacementResult place(WorkingCluster cluster, Demand demand, int count, SplittableRandom random) {
    if (demand.invalidConstraint.isPresent()) {
      return new PlacementResult(List.of(), count, demand.invalidConstraint, List.of());
    }
    List<PlacementRanker> rankers = rankers(demand.strategies, random);
    boolean perTask = !demand.dynamicMemberOf.isEmpty();
    boolean distinct = demand.distinctInstance;
    PlacementFilter taskFilter = FILTERS.get(4);
    int[] base = new int[cluster.size()];
    for (int i = 0; i < base.length; i++) {
      base[i] = i;
    }
    int baseSize = FILTERS.get(0).filter(cluster, demand, base, base.length); // status
    baseSize = FILTERS.get(1).filter(cluster, demand, base, baseSize); // memberOf on instance properties
    int[] work = new int[base.length];
    List<Placement> placements = new ArrayList<>(Math.min(count, 1024));
    for (int t = 0; t < count; t++) {
      baseSize = FILTERS.get(2).filter(cluster, demand, base, baseSize);
      if (!demand.requirements.ports().isEmpty()) {
        baseSize = FILTERS.get(3).filter(cluster, demand, base, baseSize);
      }
      if (distinct && !perTask) {
        baseSize = taskFilter.filter(cluster, demand, base, baseSize);
      }
      int n = baseSize;
      int[] candidates = base;
      if (perTask) {
        System.arraycopy(base, 0, work, 0, baseSize);
        candidates = work;
        n = taskFilter.filter(cluster, demand, candidates, n);
      } else if (rankers.size() > 0) {
        System.arraycopy(base, 0, work, 0, baseSize);
        candidates = work;
      }
      if (n == 0) {
        Explanation why = Explanation.of(cluster, demand);
        return new PlacementResult(placements, count - t, Optional.of(why.reason()), why.vetoes());
      }
      for (PlacementRanker ranker : rankers) {
        n = ranker.narrow(cluster, demand, candidates, n);
      }
      placements.add(Selector.select(cluster, demand, candidates[0]));
    }
    return new PlacementResult(placements, 0, Optional.empty(), List.of());
  }

  /** Whether instance {@code i} can take one task of the demand right now (used for daemons). */
  static boolean fits(WorkingCluster cluster, Demand demand, int i) {
    if (demand.invalidConstraint.isPresent()) {
      return false;
    }
    for (PlacementFilter filter : FILTERS) {
      if (!filter.admits(cluster, demand, i)) {
        return false;
      }
    }
    return true;
  }

  static List<PlacementRanker> rankers(List<PlacementStrategy> strategies, SplittableRandom random) {
    List<PlacementRanker> rankers = new ArrayList<>();
    for (PlacementStrategy strategy : strategies) {
      switch (strategy.type()) {
        case BINPACK:
          rankers.add(new BinpackRanker(strategy.field().orElse("memory")));
          break;
        case SPREAD:
          rankers.add(new SpreadRanker(strategy.field().orElse("instanceId")));
          break;
        default:
          rankers.add(new RandomRanker(random));
      }
    }
    return rankers;
  }
}
