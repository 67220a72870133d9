package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.PortBinding;
import java.util.List;
import java.util.Objects;

/** Where one task goes: the instance and the host ports chosen for it (dynamic ones filled in). */
public record Placement(String instanceId, List<PortBinding> ports) {
  /** Copies the ports. */
  public Placement {
    Objects.requireNonNull(instanceId, "instanceId == null");
    ports = List.copyOf(ports);
  }
}
