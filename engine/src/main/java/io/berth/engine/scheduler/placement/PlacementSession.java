package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.ClusterSnapshot;
import java.util.SplittableRandom;

/**
 * Several placement requests against one snapshot, each seeing the tasks placed by the previous
 * ones (resources, ports, spread counts): for placing many services or standalone tasks in one
 * pass. Not thread-safe; use it for one pass and drop it.
 *
 * <pre>{@code
 * PlacementSession session = new PlacementSession(snapshot, 42L);
 * PlacementResult web = session.place(webRequest);
 * PlacementResult worker = session.place(workerRequest);   // sees web's placements
 * }</pre>
 */
public final class PlacementSession {
  private final WorkingCluster cluster;
  private final SplittableRandom random;

  /** Starts from the snapshot's instances and live tasks; {@code seed} feeds the random strategy. */
  public PlacementSession(ClusterSnapshot snapshot, long seed) {
    this.cluster = new WorkingCluster(snapshot);
    this.random = new SplittableRandom(seed);
  }

  /** Places the request's tasks and records them in this session. */
  public PlacementResult place(PlacementRequest request) {
    return PlacementPipeline.place(cluster, new Demand(request), request.count(), random);
  }
}
