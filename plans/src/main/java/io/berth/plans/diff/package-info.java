/**
 * The diff: a pure function from the desired state (what the DSL declares) and the live state (what
 * the state repository and the control plane hold) to a {@link io.berth.plans.Plan}. No I/O, no
 * clock; the same inputs give the same plan.
 */
package io.berth.plans.diff;
