/**
 * Deployments: a service's task definition revisions being rolled out (PRIMARY) or drained
 * (ACTIVE), with their {@link io.berth.engine.scheduler.deployment.RolloutState}. {@link
 * io.berth.engine.scheduler.deployment.Deployments} keeps one service's deployments during a
 * reconcile: it starts a new PRIMARY when the service names another revision, counts failed tasks,
 * trips the circuit breaker (rolling back to the last COMPLETED deployment when asked to), marks a
 * rollout COMPLETED and throttles start attempts after tasks fail to start. Which tasks to start
 * or stop is the reconcile's business, not this package's.
 */
package io.berth.engine.scheduler.deployment;
