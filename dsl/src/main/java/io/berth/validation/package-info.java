/**
 * The one validator the processor ({@code mvn compile}, {@code berth synth}), {@code berth import}
 * and the planner ({@code berth plan}, {@code berth apply --desired}) all run, so "valid at compile
 * time" and "valid at plan time" cannot disagree. {@link io.berth.validation.Validator} checks a
 * model against every documented ECS rule of the request shapes Berth models (see
 * {@code docs/ecs-rules.md}) and returns all {@link io.berth.validation.Violation}s at once;
 * {@link io.berth.validation.ViolationCode} lists the rules and their stable codes
 * ({@code BerthFargateMemory}...), and {@link io.berth.validation.UnsupportedSetting} the settings
 * Berth's own runtime does not carry out yet. Pure functions: no I/O.
 */
package io.berth.validation;
