package io.berth.engine.server;

import java.util.List;

/** Answer of {@code GET /v1/status}: which declared commit the control plane runs, and its services. */
public record ClusterStatus(String declaredCommit, List<String> declaredProblems, List<ServiceView> services) {

  /** Copies the lists. */
  public ClusterStatus {
    declaredProblems = declaredProblems == null ? List.of() : List.copyOf(declaredProblems);
    services = services == null ? List.of() : List.copyOf(services);
  }
}
