/**
 * The imperative shell around the pure diff in {@code io.berth.plans.diff}: reads the processor's
 * output (the desired state), reads the state repository (the live state), asks the scheduler for a
 * dry run, and applies a plan as one compare-and-swap commit.
 */
package io.berth.engine.planner;
