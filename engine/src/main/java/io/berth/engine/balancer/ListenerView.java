package io.berth.engine.balancer;

import java.util.List;

/**
 * One listener as {@code berth services} and the API show it: where it listens, how it talks to its
 * targets and checks them, whether it listens ({@code problem} says why not), the service's request
 * counts, the requests per target in the last minute (what auto scaling reads) and its targets.
 */
public record ListenerView(String listener, int port, String protocol, String healthCheck, String problem,
    RequestCounts counts, double requestsPerTargetLastMinute, List<TargetView> targets) {

  /** Copies the targets. */
  public ListenerView {
    targets = targets == null ? List.of() : List.copyOf(targets);
    counts = counts == null ? RequestCounts.NONE : counts;
  }
}
