package io.berth.engine.scheduler.placement;

import java.util.Optional;

/**
 * One feasibility stage of the placement pipeline. A filter says whether an instance can take the
 * task and, when asked, why not (a {@link Veto} reason). The pipeline runs {@link Scope#PER_REQUEST}
 * filters once per request, and narrows the candidates with {@link Scope#SHRINKING} ones for good
 * (placements only use up resources, so a rejected instance stays rejected for the same request).
 */
interface PlacementFilter {
  /** When a filter's answer can change while a request is being placed. */
  enum Scope {
    /** Never during one request: status, constraints on instance attributes. */
    PER_REQUEST,
    /** Only from yes to no: resources, ports, distinctInstance. */
    SHRINKING,
    /** Either way: constraints on task groups or task counts. */
    PER_TASK
  }

  Scope scope();

  /** Whether instance {@code i} can take one more task of the demand. */
  boolean admits(WorkingCluster cluster, Demand demand, int i);

  /** Why instance {@code i} cannot take the task, or empty if it can. */
  Optional<String> veto(WorkingCluster cluster, Demand demand, int i);

  /** The stage name used in vetoes. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Keeps the admitted candidates among the first {@code n} of {@code candidates}, in order; returns how many. */
  default int filter(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    int kept = 0;
    for (int k = 0; k < n; k++) {
      int i = candidates[k];
      if (admits(cluster, demand, i)) {
        candidates[kept++] = i;
      }
    }
    return kept;
  }
}
