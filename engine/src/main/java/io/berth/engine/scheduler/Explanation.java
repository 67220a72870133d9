package io.berth.engine.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a task cannot be placed, in a sentence a person can act on. Built only on failure (it visits
 * every instance and every filter), so the fast path never pays for it.
 */
record Explanation(String reason, List<Veto> vetoes) {

  static Explanation of(WorkingCluster cluster, Demand demand) {
    List<Veto> vetoes = new ArrayList<>();
    int statusOk = 0;
    int constraintOk = 0;
    int bestMemory = -1;
    int bestCpu = -1;
    String bestMemoryOn = "";
    String bestCpuOn = "";
    boolean memoryShort = false;
    Optional<String> portProblem = Optional.empty();
    Optional<String> constraintProblem = Optional.empty();
    StatusFilter status = new StatusFilter();
    ConstraintFilter constraints = new ConstraintFilter();
    TaskConstraintFilter taskConstraints = new TaskConstraintFilter();
    ResourceFilter resources = new ResourceFilter();
    PortFilter ports = new PortFilter();
    for (int i = 0; i < cluster.size(); i++) {
      String id = cluster.instances[i].instanceId();
      Optional<String> veto = status.veto(cluster, demand, i);
      if (veto.isPresent()) {
        vetoes.add(new Veto(status.name(), id, veto.get()));
        continue;
      }
      statusOk++;
      PlacementFilter failed = constraints;
      veto = constraints.veto(cluster, demand, i);
      if (veto.isEmpty()) {
        failed = taskConstraints;
        veto = taskConstraints.veto(cluster, demand, i);
      }
      if (veto.isPresent()) {
        vetoes.add(new Veto(failed.name(), id, veto.get()));
        constraintProblem = constraintProblem.or(() -> Optional.of(vetoes.get(vetoes.size() - 1).reason()));
        continue;
      }
      constraintOk++;
      if (cluster.freeMemory[i] > bestMemory) {
        bestMemory = cluster.freeMemory[i];
        bestMemoryOn = id;
      }
      if (cluster.freeCpu[i] > bestCpu) {
        bestCpu = cluster.freeCpu[i];
        bestCpuOn = id;
      }
      veto = resources.veto(cluster, demand, i);
      if (veto.isPresent()) {
        memoryShort |= cluster.freeMemory[i] < demand.requirements.memory();
        vetoes.add(new Veto(resources.name(), id, veto.get()));
        continue;
      }
      veto = ports.veto(cluster, demand, i);
      if (veto.isPresent()) {
        vetoes.add(new Veto(ports.name(), id, veto.get()));
        portProblem = portProblem.or(() -> Optional.of(vetoes.get(vetoes.size() - 1).reason()));
      }
    }
    return new Explanation(sentence(cluster, demand, statusOk, constraintOk, memoryShort, bestMemory, bestMemoryOn,
        bestCpu, bestCpuOn, portProblem, constraintProblem), vetoes);
  }

  private static String sentence(WorkingCluster cluster, Demand demand, int statusOk, int constraintOk,
      boolean memoryShort, int bestMemory, String bestMemoryOn, int bestCpu, String bestCpuOn,
      Optional<String> portProblem, Optional<String> constraintProblem) {
    if (cluster.size() == 0) {
      return "the cluster has no container instances; start agents (berth up) or declare capacity for the cluster";
    }
    if (statusOk == 0) {
      return "no container instance is ACTIVE with a connected agent (" + cluster.size()
          + " registered); reconnect agents or set instances back to ACTIVE";
    }
    String phrase = demand.constraintPhrase();
    if (constraintOk == 0) {
      String what = demand.distinctInstance && constraintProblem.orElse("").contains("distinctInstance")
          ? "every ACTIVE instance already runs a task of " + demand.group + " (distinctInstance)"
          : "no ACTIVE instance satisfies the placement constraints (" + constraintProblem.orElse("") + ")";
      return what + "; add instances that match or relax the constraint";
    }
    int needMemory = demand.requirements.memory();
    int needCpu = demand.requirements.cpu();
    if (memoryShort && bestMemory < needMemory) {
      return "no ACTIVE instance" + phrase + " has " + needMemory + " MiB memory free; the most free is "
          + bestMemory + " MiB on " + bestMemoryOn + "; add capacity or lower the task's memory";
    }
    if (bestCpu < needCpu) {
      return "no ACTIVE instance" + phrase + " has " + needCpu + " cpu units free; the most free is "
          + bestCpu + " on " + bestCpuOn + "; add capacity or lower the task's cpu";
    }
    if (portProblem.isPresent()) {
      return "no ACTIVE instance" + phrase + " can give the task its host ports (" + portProblem.get()
          + " on every candidate); use a dynamic host port (hostPort 0) or add instances";
    }
    return "no ACTIVE instance" + phrase + " has both " + needCpu + " cpu units and " + needMemory
        + " MiB memory free (most memory free: " + bestMemory + " MiB on " + bestMemoryOn + ", most cpu free: "
        + bestCpu + " on " + bestCpuOn + "); add capacity";
  }
}
