/**
 * Service auto scaling as a pure function: {@link io.berth.engine.autoscaling.Autoscaler#decide} turns a
 * service's {@link io.berth.model.ServiceScaling}, its current desired count, the averaged utilization
 * of its tasks and the previous {@link io.berth.engine.autoscaling.AutoscalerState} into a
 * {@link io.berth.engine.autoscaling.ScalingDecision}; {@link io.berth.engine.autoscaling.Schedule}
 * parses and evaluates scheduled actions' at/rate/cron expressions.
 *
 * <p>No I/O, clock or threads here (an ArchUnit test enforces it): time comes in as an {@code Instant now}.
 */
package io.berth.engine.autoscaling;
