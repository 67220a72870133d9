package io.berth.engine.scheduler.placement;

import java.util.SplittableRandom;

/** random: picks one candidate with the pass's seeded generator, so a run can be replayed. */
final class RandomRanker implements PlacementRanker {
  private final SplittableRandom random;

  RandomRanker(SplittableRandom random) {
    this.random = random;
  }

  @Override
  public int narrow(WorkingCluster cluster, Demand demand, int[] candidates, int n) {
    if (n > 1) {
      candidates[0] = candidates[random.nextInt(n)];
    }
    return Math.min(n, 1);
  }
}
