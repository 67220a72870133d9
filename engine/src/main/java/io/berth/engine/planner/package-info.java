/**
 * The imperative shell around the pure diff in {@code io.berth.plans.diff}: reads the processor's
 * output (the desired state), reads the state repository (the live state), asks the scheduler for a
 * dry run, and applies a plan as one compare-and-swap commit. {@link io.berth.engine.planner.ApplyRun}
 * is plan, render and commit in one step, run alike by the command line and the control plane.
 */
package io.berth.engine.planner;
