package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.PortBinding;
import io.berth.engine.scheduler.TaskRequirements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last stage: takes the first remaining candidate (lowest instance id, so ties break the same
 * way every run), chooses its host ports and records the task in the working cluster.
 */
final class Selector {
  private Selector() {}

  static Placement select(WorkingCluster cluster, Demand demand, int instance) {
    List<PortBinding> bindings = new ArrayList<>();
    Set<Integer> chosen = new HashSet<>();
    for (TaskRequirements.PortRequest port : demand.requirements.ports()) {
      int hostPort = port.isDynamic() ? cluster.freeEphemeralPort(instance, chosen) : port.hostPort();
      chosen.add(hostPort);
      bindings.add(new PortBinding(port.containerName(), port.containerPort(), hostPort, port.protocol(),
          port.machineWide()));
    }
    cluster.add(instance, demand.group, demand.requirements.cpu(), demand.requirements.memory(), bindings);
    return new Placement(cluster.instances[instance].instanceId(), bindings);
  }
}
