package io.berth.plans;

import java.util.Objects;

/**
 * An attribute whose live value differs from what the last apply declared: changed by the
 * autoscaler, or by hand outside Berth. Shown so that nobody is surprised when a plan resets it.
 */
public record OutsideChange(ResourceAddress address, String path, String lastApplied, String live,
    String explanation) {

  /** Requires every part. */
  public OutsideChange {
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(lastApplied, "lastApplied == null");
    Objects.requireNonNull(live, "live == null");
    Objects.requireNonNull(explanation, "explanation == null");
  }
}
