package io.berth.engine.autoscaling;

/**
 * The outcome of one evaluation: the desired count to run, why it changed (empty when it did not) and
 * the state to keep for the next evaluation.
 */
public record ScalingDecision(int previousDesired, int newDesired, String reason, AutoscalerState state) {

  /** Whether the desired count changed. */
  public boolean changed() {
    return newDesired != previousDesired;
  }

  /** The ECS-style event: "(service web) scaled desired count from 3 to 5: average CPU 93% above target 60%". */
  public String event(String service) {
    return "(service " + service + ") scaled desired count from " + previousDesired + " to " + newDesired + ": " + reason;
  }
}
