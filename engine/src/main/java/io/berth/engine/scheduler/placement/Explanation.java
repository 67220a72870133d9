package io.berth.engine.scheduler.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a task cannot be placed, in a sentence a person can act on, plus the per-instance vetoes.
 * Built only on failure (it visits every instance and every filter), so the fast path never pays
 * for it.
 */
record Explanation(String reason, List<Veto> vetoes) {

  /** What the instances that pass status and constraints lack. */
  private static final class Tally {
    int statusOk;
    int constraintOk;
    int memoryShort;
    int cpuShort;
    int portBlocked;
    int closestShortMemory = -1;
    String closestShortOn = "";
    int bestMemory = -1;
    String bestMemoryOn = "";
    int bestCpu = -1;
    String bestCpuOn = "";
    Optional<String> portProblem = Optional.empty();
    Optional<String> constraintProblem = Optional.empty();
    int platformShort;
    Optional<String> platformProblem = Optional.empty();
  }

  static Explanation of(WorkingCluster cluster, Demand demand) {
    List<Veto> vetoes = new ArrayList<>();
    Tally tally = new Tally();
    List<PlacementFilter> constraintStages = List.of(new ConstraintFilter(), new TaskConstraintFilter());
    StatusFilter status = new StatusFilter();
    PlatformFilter platform = new PlatformFilter();
    ResourceFilter resources = new ResourceFilter();
    PortFilter ports = new PortFilter();
    for (int i = 0; i < cluster.size(); i++) {
      String id = cluster.instances[i].instanceId();
      Optional<String> veto = status.veto(cluster, demand, i);
      if (veto.isPresent()) {
        vetoes.add(new Veto(status.name(), id, veto.get()));
        continue;
      }
      tally.statusOk++;
      veto = platform.veto(cluster, demand, i);
      if (veto.isPresent()) {
        vetoes.add(new Veto(platform.name(), id, veto.get()));
        tally.platformShort++;
        tally.platformProblem = tally.platformProblem.or(() -> Optional.of(id + " " + vetoes.get(vetoes.size() - 1).reason()));
        continue;
      }
      boolean rejected = false;
      for (PlacementFilter stage : constraintStages) {
        veto = stage.veto(cluster, demand, i);
        if (veto.isPresent()) {
          vetoes.add(new Veto(stage.name(), id, veto.get()));
          tally.constraintProblem = tally.constraintProblem.or(() -> Optional.of(vetoes.get(vetoes.size() - 1).reason()));
          rejected = true;
          break;
        }
      }
      if (rejected) {
        continue;
      }
      tally.constraintOk++;
      if (cluster.freeMemory[i] > tally.bestMemory) {
        tally.bestMemory = cluster.freeMemory[i];
        tally.bestMemoryOn = id;
      }
      if (cluster.freeCpu[i] > tally.bestCpu) {
        tally.bestCpu = cluster.freeCpu[i];
        tally.bestCpuOn = id;
      }
      veto = resources.veto(cluster, demand, i);
      if (veto.isPresent()) {
        vetoes.add(new Veto(resources.name(), id, veto.get()));
        if (cluster.freeMemory[i] < demand.requirements.memory()) {
          tally.memoryShort++;
          if (cluster.freeMemory[i] > tally.closestShortMemory) {
            tally.closestShortMemory = cluster.freeMemory[i];
            tally.closestShortOn = id;
          }
        } else {
          tally.cpuShort++;
        }
        continue;
      }
      veto = ports.veto(cluster, demand, i);
      if (veto.isPresent()) {
        vetoes.add(new Veto(ports.name(), id, veto.get()));
        tally.portBlocked++;
        tally.portProblem = tally.portProblem.or(() -> Optional.of(vetoes.get(vetoes.size() - 1).reason()));
      }
    }
    return new Explanation(sentence(cluster, demand, tally), vetoes);
  }

  private static String sentence(WorkingCluster cluster, Demand demand, Tally t) {
    if (cluster.size() == 0) {
      return "the cluster has no container instances; start agents (berth up) or declare capacity for the cluster";
    }
    if (t.statusOk == 0) {
      return "no container instance is ACTIVE with a connected agent (" + cluster.size()
          + " registered); reconnect agents or set instances back to ACTIVE";
    }
    if (t.platformShort == t.statusOk) {
      return "no ACTIVE instance can run the task (" + t.platformProblem.orElse("")
          + "); add instances that can, or change the task definition's runtimePlatform or task-level cpu and memory";
    }
    if (t.constraintOk == 0) {
      String problem = t.constraintProblem.orElse("");
      String what = problem.contains("distinctInstance")
          ? "every ACTIVE instance already runs a task of " + demand.group + " (distinctInstance)"
          : "no ACTIVE instance satisfies the placement constraints (" + problem + ")";
      return what + "; add instances that match or relax the constraint";
    }
    String where = "no ACTIVE instance" + demand.constraintPhrase();
    int memory = demand.requirements.memory();
    int cpu = demand.requirements.cpu();
    if (t.memoryShort == t.constraintOk) {
      return where + " has " + memory + " MiB memory free; the most free is " + t.bestMemory + " MiB on "
          + t.bestMemoryOn + "; add capacity or lower the task's memory";
    }
    if (t.cpuShort == t.constraintOk) {
      return where + " has " + cpu + " cpu units free; the most free is " + t.bestCpu + " on " + t.bestCpuOn
          + "; add capacity or lower the task's cpu";
    }
    if (t.portBlocked == t.constraintOk) {
      return where + " can give the task its host ports (" + t.portProblem.orElse("")
          + " on every candidate); use a dynamic host port (hostPort 0) or add instances";
    }
    List<String> parts = new ArrayList<>();
    if (t.memoryShort > 0) {
      parts.add(t.memoryShort + " lack " + memory + " MiB memory (closest: " + t.closestShortMemory + " MiB free on "
          + t.closestShortOn + ")");
    }
    if (t.cpuShort > 0) {
      parts.add(t.cpuShort + " lack " + cpu + " cpu units");
    }
    if (t.portBlocked > 0) {
      parts.add(t.portBlocked + " cannot give its host ports (" + t.portProblem.orElse("") + ")");
    }
    return where + " can take the task: " + String.join(", ", parts) + "; add capacity or free the ports";
  }
}
