package io.berth.dsl;

import io.berth.model.ExternalReference;
import java.util.Objects;

/**
 * A cluster that exists outside the stack, from {@link Infra#existingCluster}: services of this
 * stack can run on it, but its capacity and instance role are declared elsewhere. Berth records
 * the reference; {@code berth plan} checks it against the state it plans.
 */
public final class ExistingCluster implements ClusterReference {
  private final ExternalReference reference;

  ExistingCluster(ExternalReference reference) {
    this.reference = Objects.requireNonNull(reference, "reference == null");
  }

  @Override
  public String name() {
    return reference.name();
  }
}
