package io.berth.engine.scheduler.placement;

import io.berth.engine.scheduler.TaskRequirements;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The task's fixed host ports are neither reserved nor used on the instance, and the ephemeral
 * range still has a port for each dynamic mapping. Host network mode ports are the machine's: they
 * are taken when any instance on the same machine ({@code berth.machine-id}) uses them, and a port
 * one of them holds in host mode is taken on all of them.
 */
final class PortFilter implements PlacementFilter {
  @Override
  public Scope scope() {
    return Scope.SHRINKING;
  }

  @Override
  public boolean admits(WorkingCluster cluster, Demand demand, int i) {
    return demand.requirements.ports().isEmpty() || veto(cluster, demand, i).isEmpty();
  }

  @Override
  public Optional<String> veto(WorkingCluster cluster, Demand demand, int i) {
    Set<Integer> chosen = new HashSet<>();
    for (TaskRequirements.PortRequest port : demand.requirements.ports()) {
      if (port.isDynamic()) {
        int free = cluster.freeEphemeralPort(i, chosen);
        if (free < 0) {
          return Optional.of("no free host port left in the ephemeral range "
              + WorkingCluster.EPHEMERAL_FIRST + "-" + WorkingCluster.EPHEMERAL_LAST);
        }
        chosen.add(free);
      } else if (cluster.portReserved(i, port.hostPort())) {
        return Optional.of("host port " + port.hostPort() + " is reserved on the instance");
      } else if (cluster.portTaken(i, port.hostPort()) || !chosen.add(port.hostPort())) {
        return Optional.of("host port " + port.hostPort() + " is already in use");
      } else if (port.machineWide() && cluster.portTakenOnMachine(i, port.hostPort())) {
        return Optional.of("host port " + port.hostPort() + " is already in use on this instance's machine"
            + " (host network mode shares the machine's ports with the other instances on it)");
      }
    }
    return Optional.empty();
  }
}
