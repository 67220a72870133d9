/**
 * Placement: where a task goes. A {@link io.berth.engine.scheduler.placement.PlacementRequest} is
 * compiled into a {@link io.berth.engine.scheduler.placement.Demand} and run through a pipeline of
 * named stages over a {@link io.berth.engine.scheduler.placement.WorkingCluster}: the filters
 * (StatusFilter, ConstraintFilter, ResourceFilter, PortFilter, TaskConstraintFilter), then the
 * strategy's rankers (BinpackRanker, SpreadRanker, RandomRanker), then the Selector, which picks
 * host ports and records the task. A filter answers with a reason ({@link
 * io.berth.engine.scheduler.placement.Veto}), so a task that fits nowhere gets a sentence a person
 * can act on (Explanation).
 *
 * <p>Entry points: {@link io.berth.engine.scheduler.placement.Placer} for one request, {@link
 * io.berth.engine.scheduler.placement.PlacementSession} for several against one snapshot, and
 * {@link io.berth.engine.scheduler.placement.PlacementPipeline} for the reconcilers and the dry run,
 * which hold their own working cluster and random generator. The stages themselves are
 * package-private.
 */
package io.berth.engine.scheduler.placement;
