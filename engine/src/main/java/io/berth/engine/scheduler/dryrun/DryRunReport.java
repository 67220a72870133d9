package io.berth.engine.scheduler.dryrun;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DryRunPlacer#run} found: one verdict per service it was asked about, ordered by cluster,
 * then daemons first, then service name.
 *
 * <pre>{@code
 * Scheduler dry-run:
 *   + service web (cluster prod): all 3 tasks placed (prod-a-1: 1, prod-b-1: 1, prod-c-1: 1)
 *   ! service db (cluster prod): 0 of 1 tasks placed; 1 cannot be placed: no ACTIVE instance ...
 * }</pre>
 *
 * @param basis "runtime" when placed against the live runtime snapshot, "declared capacity" otherwise
 */
public record DryRunReport(List<ServiceDryRun> services, String basis) {
  /** Copies the list. */
  public DryRunReport {
    services = List.copyOf(services);
    Objects.requireNonNull(basis, "basis == null");
  }

  /** Whether every service's tasks fit. */
  public boolean allPlaced() {
    return services.stream().allMatch(ServiceDryRun::allPlaced);
  }

  /** The plan section, headed {@code Scheduler dry-run:} (see {@link ServiceDryRun#section}). */
  public List<String> lines() {
    return ServiceDryRun.section(services);
  }
}
