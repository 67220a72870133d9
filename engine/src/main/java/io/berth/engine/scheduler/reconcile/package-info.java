/**
 * The service scheduler: each tick, for every service of a cluster, compares what it should be
 * ({@link io.berth.engine.scheduler.reconcile.ServiceSpec}) with what runs (the {@link
 * io.berth.engine.scheduler.ClusterSnapshot}) and the scheduler's memory of it ({@link
 * io.berth.engine.scheduler.reconcile.ServiceRuntime}), and returns what to do as data ({@link
 * io.berth.engine.scheduler.reconcile.ReconcileResult}: launches, stops, events, the next runtime).
 *
 * <p>One reconcile ({@code Tick}) sorts the service's tasks (lost, failed, unhealthy, wanted),
 * settles the deployments (package {@code deployment}), lets the scheduling strategy decide
 * ({@code ReplicaReconciler}: desired count within the rolling-update bounds, {@code ScaleIn} for
 * which to stop; {@code DaemonReconciler}: one task per eligible instance), places new tasks
 * through package {@code placement}, and reports steady state. {@link
 * io.berth.engine.scheduler.reconcile.ServiceScheduler} is the entry point.
 */
package io.berth.engine.scheduler.reconcile;
