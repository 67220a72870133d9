/**
 * The control plane ({@code berth server}): reads the declared state from the state repository,
 * reconciles every service each tick, hands tasks to agents through sync, keeps runtime state in
 * the repository's runtime ref, and serves the HTTP/JSON API.
 *
 * <p>Every scheduling decision is the scheduler core's ({@link
 * io.berth.engine.scheduler.reconcile.ServiceScheduler}); {@code SchedulerRun} maps a {@link
 * io.berth.engine.server.ControlPlaneSnapshot} and a {@link io.berth.engine.server.DeclaredSnapshot} to the
 * core's inputs and applies its results, keeping each service's {@link
 * io.berth.engine.scheduler.reconcile.ServiceRuntime} in the snapshot so a restarted control plane resumes
 * deployments, failure counts and the start throttle. Imperative shell: {@link
 * io.berth.engine.server.ControlPlane} (clock, threads), {@code RuntimeStore}/{@code
 * DeclaredSnapshotReader} (Git), {@code ApiServer} (HTTP on Netty; its routes in {@code ApiRoutes}) and
 * {@code LoadBalancerProxy} (sockets).
 */
package io.berth.engine.server;
