/**
 * The one validator every Berth stage shares (processor, planner, control plane), so "valid at
 * compile time" and "valid at apply time" cannot disagree. {@link io.berth.validation.Validator}
 * checks a model against every rule of Berth's ECS semantics and returns all
 * {@link io.berth.validation.Violation}s at once; {@link io.berth.validation.ViolationCode} lists
 * the rules and their stable codes ({@code BerthFargateMemory}...). Pure functions: no I/O.
 */
package io.berth.validation;
