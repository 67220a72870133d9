/**
 * The control plane ({@code berth server}): reads the declared state from the state repository,
 * reconciles every service each tick, hands tasks to agents through sync, keeps runtime state in
 * the repository's runtime ref, and serves the HTTP/JSON API.
 *
 * <p>Functional core: {@link io.berth.engine.server.Reconciler} turns a {@link
 * io.berth.engine.server.ClusterSnapshot} and a {@link io.berth.engine.server.DeclaredState} into the
 * next snapshot. Imperative shell: {@link io.berth.engine.server.ControlPlane} (clock, threads),
 * {@code RuntimeStore}/{@code DeclaredStateReader} (Git), {@code ApiServer} (HTTP) and
 * {@code LoadBalancerProxy} (sockets).
 */
package io.berth.engine.server;
