/**
 * The scheduler core: placement and service scheduling as pure functions over records. This
 * package holds the cluster as the scheduler sees it, shared by the subpackages: a {@link
 * io.berth.engine.scheduler.ClusterSnapshot} of {@link io.berth.engine.scheduler.ContainerInstance}s
 * and {@link io.berth.engine.scheduler.Task}s, what a task needs ({@link
 * io.berth.engine.scheduler.TaskRequirements}), when it counts healthy ({@link
 * io.berth.engine.scheduler.TaskHealth}) and the two decisions the scheduler makes about tasks
 * ({@link io.berth.engine.scheduler.TaskLaunch}, {@link io.berth.engine.scheduler.TaskStop}).
 *
 * <p>The flow, one subpackage per step:
 *
 * <pre>
 *   control plane tick --> reconcile --+--> deployment  (PRIMARY, circuit breaker, throttle)
 *   (server.SchedulerRun)  per service |
 *                                      +--> placement   (filters -> rankers -> selector)
 *                                             ^
 *   berth plan ----------> dryrun ------------+
 * </pre>
 *
 * <ul>
 *   <li>{@code placement}: where tasks go ({@link io.berth.engine.scheduler.placement.Placer#place}).
 *   <li>{@code reconcile}: what to start and stop for each service, every tick ({@link
 *       io.berth.engine.scheduler.reconcile.ServiceScheduler#reconcileAll}).
 *   <li>{@code deployment}: rolling deployments, the circuit breaker and the start throttle.
 *   <li>{@code dryrun}: the plan's question "would these services' tasks fit?" ({@link
 *       io.berth.engine.scheduler.dryrun.DryRunPlacer#run}).
 * </ul>
 *
 * <p>The core depends on none of its subpackages, and they form no cycle. No I/O, clock, threads
 * or Docker anywhere here (an ArchUnit test enforces both): time comes in as an {@code Instant
 * now}, randomness from a seed.
 */
package io.berth.engine.scheduler;
