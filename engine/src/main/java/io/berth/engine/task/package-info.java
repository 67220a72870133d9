/**
 * ECS's words for the state of a running task: its lifecycle {@link io.berth.engine.task.TaskStatus},
 * its {@link io.berth.engine.task.HealthStatus} and its containers' {@link
 * io.berth.engine.task.NetworkBinding}s. One type per concept, shared by the Docker runtime that
 * observes them, the wire contract that carries them and the scheduler that acts on them. Values
 * only: no dependencies.
 */
package io.berth.engine.task;
