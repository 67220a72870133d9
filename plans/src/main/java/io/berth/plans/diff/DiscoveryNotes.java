package io.berth.plans.diff;

import io.berth.model.Service;
import io.berth.model.ServiceRegistry;
import java.util.List;

/** The plan's line for a service's discovery name when it creates or changes the service: the names it answers. */
final class DiscoveryNotes {
  private DiscoveryNotes() {}

  /** One note per registry of {@code service}. */
  static List<String> of(Service service) {
    return service.serviceRegistries().stream().map(DiscoveryNotes::describe).toList();
  }

  static String describe(ServiceRegistry registry) {
    String port = registry.containerName().map(c -> c + ":" + registry.containerPort().orElse(0))
        .orElse("the first TCP port mapping");
    return "service discovery: " + registry.dnsName() + " (A: each healthy task's host address), _"
        + registry.name().toLowerCase(java.util.Locale.ROOT) + "._tcp." + registry.namespace().toLowerCase(java.util.Locale.ROOT)
        + " (SRV: that address and the host port of " + port + ")";
  }
}
