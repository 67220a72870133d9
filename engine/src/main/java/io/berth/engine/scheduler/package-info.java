/**
 * The scheduler core: placement and service scheduling as pure functions over records.
 *
 * <ul>
 *   <li>{@link io.berth.engine.scheduler.placement.Placer#place} places tasks on a {@link
 *       io.berth.engine.scheduler.ClusterSnapshot} through a pipeline of named stages (StatusFilter,
 *       ConstraintFilter, ResourceFilter, PortFilter, TaskConstraintFilter, then BinpackRanker /
 *       SpreadRanker / RandomRanker, then Selector).
 *   <li>{@link io.berth.engine.scheduler.reconcile.ServiceScheduler#reconcileAll} is the control plane's tick:
 *       REPLICA and DAEMON services, rolling deployments, circuit breaker, throttle, events.
 *   <li>{@link io.berth.engine.scheduler.dryrun.DryRunPlacer#run} answers the plan's question "would these
 *       services' tasks fit?".
 * </ul>
 *
 * <p>No I/O, clock, threads or Docker here (an ArchUnit test enforces it): time comes in as an
 * {@code Instant now}, randomness from a seed.
 */
package io.berth.engine.scheduler;
