/**
 * The clocks Berth's long-running processes ({@code berth server}, {@code berth agent}, {@code berth
 * up}) run on: {@link io.berth.engine.clock.SteadyClock}, which measures time on the monotonic ticker
 * so that a step of the machine's clock never turns into a duration (every host lost, a grace period
 * over at once or minutes long), and {@link io.berth.engine.clock.ProcessClocks}, which builds it.
 * Depends on no other package of the engine.
 */
package io.berth.engine.clock;
