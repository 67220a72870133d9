package io.berth.engine.scheduler.placement;

import java.util.function.IntUnaryOperator;

/**
 * One strategy rule as a pipeline stage: keeps only the best-scoring candidates (ties survive for
 * the next rule), so {@code [spread(zone), binpack(memory)]} spreads over zones and packs within
 * the emptiest zone.
 */
interface PlacementRanker {
  /** Narrows the first {@code n} candidates to the best ones, in place; returns how many remain (at least 1 if n > 0). */
  int narrow(WorkingCluster cluster, Demand demand, int[] candidates, int n);

  /** Keeps the candidates with the lowest score; shared by the rankers that minimise a number. */
  static int keepLowest(int[] candidates, int n, IntUnaryOperator score) {
    int best = Integer.MAX_VALUE;
    int kept = 0;
    for (int k = 0; k < n; k++) {
      int i = candidates[k];
      int s = score.applyAsInt(i);
      if (s < best) {
        best = s;
        kept = 0;
        candidates[kept++] = i;
      } else if (s == best) {
        candidates[kept++] = i;
      }
    }
    return kept;
  }
}
