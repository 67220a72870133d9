package io.berth.engine.scheduler.placement;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of placing a {@link PlacementRequest}: where each placed task goes, in order, and
 * for the rest how many could not be placed and why.
 *
 * @param unplacedCount tasks that stay PENDING
 * @param reason present when {@code unplacedCount > 0}: a sentence a person can act on, e.g. "no
 *     ACTIVE instance matching memberOf(attribute:ecs.availability-zone == zone-c) has 512 MiB
 *     memory free; the most free is 384 MiB on i-07"
 * @param vetoes for each rejected instance, the first stage that rejected it (only when unplaced)
 */
public record PlacementResult(List<Placement> placements, int unplacedCount, Optional<String> reason, List<Veto> vetoes) {
  /** Copies the lists. */
  public PlacementResult {
    placements = List.copyOf(placements);
    vetoes = List.copyOf(vetoes);
    if (unplacedCount > 0 && reason.isEmpty()) {
      throw new IllegalArgumentException("unplaced tasks need a reason");
    }
  }

  /** Whether every requested task was placed. */
  public boolean allPlaced() {
    return unplacedCount == 0;
  }
}
