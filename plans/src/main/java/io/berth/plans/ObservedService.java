package io.berth.plans;

import java.util.Objects;
import java.util.Optional;

/**
 * What the control plane reports about a running service, from the runtime state: the count it is
 * keeping now (possibly set by the autoscaler or by hand) and the revision it runs.
 */
public record ObservedService(String cluster, String serviceName, Optional<Integer> desiredCount,
    Optional<String> taskDefinition) {

  /** Requires the identity. */
  public ObservedService {
    Objects.requireNonNull(cluster, "cluster == null");
    Objects.requireNonNull(serviceName, "serviceName == null");
    desiredCount = desiredCount == null ? Optional.empty() : desiredCount;
    taskDefinition = taskDefinition == null ? Optional.empty() : taskDefinition;
  }

  /** {@code <cluster>/<serviceName>}, as in {@link DeclaredState#key}. */
  public String key() {
    return cluster + "/" + serviceName;
  }
}
