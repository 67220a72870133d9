package io.berth.engine.scheduler.placement;

import io.berth.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Filters, then rankers, then the selector, for one request against one working cluster. Per-request
 * filters run once; shrinking filters narrow the surviving candidates for good; per-task filters
 * run on a copy for each task. The reconcilers and the dry run place through it with their own
 * working cluster and random generator; daemons go instance by instance ({@link #eligible}, {@link
 * #fits}, {@link #select}, {@link #firstVeto}).
 */
public final class PlacementPipeline {
  static final List<PlacementFilter> FILTERS = List.of(
      new StatusFilter(), new PlatformFilter(), new ConstraintFilter(), new ResourceFilter(), new PortFilter(),
      new TaskConstraintFilter());
  private static final ConstraintFilter CONSTRAINTS = new ConstraintFilter();
  private static final PlatformFilter PLATFORM = new PlatformFilter();

  private PlacementPipeline() {}

  /** Places up to {@code count} tasks of the demand, adding them to {@code cluster}. */
  public static PlacementResult place(WorkingCluster cluster, Demand demand, int count, SplittableRandom random) {
    if (demand.invalidConstraint.isPresent()) {
      return new PlacementResult(List.of(), count, demand.invalidConstraint, List.of());
    }
    List<PlacementRanker> rankers = rankers(demand.strategies, random);
    List<PlacementFilter> perRequest = new ArrayList<>();
    List<PlacementFilter> shrinking = new ArrayList<>();
    List<PlacementFilter> perTask = new ArrayList<>();
    for (PlacementFilter filter : FILTERS) {
      switch (scopeFor(filter, demand)) {
        case PER_REQUEST: perRequest.add(filter); break;
        case SHRINKING: shrinking.add(filter); break;
        default: perTask.add(filter);
      }
    }
    int[] base = new int[cluster.size()];
    for (int i = 0; i < base.length; i++) {
      base[i] = i;
    }
    int baseSize = base.length;
    for (PlacementFilter filter : perRequest) {
      baseSize = filter.filter(cluster, demand, base, baseSize);
    }
    int[] work = new int[base.length];
    List<Placement> placements = new ArrayList<>(Math.min(count, 1024));
    for (int t = 0; t < count; t++) {
      for (PlacementFilter filter : shrinking) {
        baseSize = filter.filter(cluster, demand, base, baseSize);
      }
      // Rankers reorder in place, so they work on a copy and the surviving base stays intact.
      System.arraycopy(base, 0, work, 0, baseSize);
      int n = baseSize;
      for (PlacementFilter filter : perTask) {
        n = filter.filter(cluster, demand, work, n);
      }
      if (n == 0) {
        Explanation why = Explanation.of(cluster, demand);
        return new PlacementResult(placements, count - t, Optional.of(why.reason()), why.vetoes());
      }
      for (PlacementRanker ranker : rankers) {
        n = ranker.narrow(cluster, demand, work, n);
      }
      placements.add(Selector.select(cluster, demand, work[0]));
    }
    return new PlacementResult(placements, 0, Optional.empty(), List.of());
  }

  /**
   * The filter's scope for this demand; stages with nothing to check are skipped (as SHRINKING
   * no-ops would cost a pass over the candidates), and distinctInstance alone only ever shrinks.
   */
  private static PlacementFilter.Scope scopeFor(PlacementFilter filter, Demand demand) {
    if (filter instanceof PortFilter && demand.requirements.ports().isEmpty()) {
      return PlacementFilter.Scope.PER_REQUEST; // admits everything: one cheap pass
    }
    if (filter instanceof TaskConstraintFilter && demand.dynamicMemberOf.isEmpty()) {
      return demand.distinctInstance ? PlacementFilter.Scope.SHRINKING : PlacementFilter.Scope.PER_REQUEST;
    }
    return filter.scope();
  }

  /**
   * Whether instance {@code i} takes new tasks, has the demand's platform and satisfies its
   * constraints on instance properties, resources aside: where a daemon wants a task.
   */
  public static boolean eligible(WorkingCluster cluster, Demand demand, int i) {
    return cluster.schedulable(i) && PLATFORM.admits(cluster, demand, i) && CONSTRAINTS.admits(cluster, demand, i);
  }

  /** Whether instance {@code i} can take one task of the demand right now (used for daemons). */
  public static boolean fits(WorkingCluster cluster, Demand demand, int i) {
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

  /** Places one task of the demand on instance {@code i} (which {@link #fits}) and records it in the cluster. */
  public static Placement select(WorkingCluster cluster, Demand demand, int i) {
    return Selector.select(cluster, demand, i);
  }

  /** Why instance {@code i} cannot take a task of the demand: the first filter's veto, or empty. */
  public static Optional<String> firstVeto(WorkingCluster cluster, Demand demand, int i) {
    for (PlacementFilter filter : FILTERS) {
      Optional<String> veto = filter.veto(cluster, demand, i);
      if (veto.isPresent()) {
        return veto;
      }
    }
    return Optional.empty();
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
