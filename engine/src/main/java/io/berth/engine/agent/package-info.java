/**
 * The Berth host agent: registers this host as a container instance with the control plane, syncs
 * the tasks it should run (level-triggered: the server's answer is the full desired set), runs them
 * on Docker through {@link io.berth.engine.docker.TaskRun}, reports every change, and re-adopts its
 * own containers after a restart. Embeddable: {@link io.berth.engine.agent.Agent} is constructed
 * from an {@link io.berth.engine.agent.AgentConfig}, several per JVM.
 */
package io.berth.engine.agent;
