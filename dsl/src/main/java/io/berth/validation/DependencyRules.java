package io.berth.validation;

import io.berth.model.ContainerCondition;
import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import io.berth.model.ModelPaths;
import io.berth.model.MountPoint;
import io.berth.model.NetworkMode;
import io.berth.model.TaskDefinition;
import io.berth.model.Volume;
import io.berth.model.VolumeFrom;
import io.berth.model.VolumeScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** References between the parts of one task: dependsOn (targets, conditions, cycles), links, volumes and volumesFrom. */
final class DependencyRules {
  private static final Pattern LINK_ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private DependencyRules() {}

  static void check(TaskDefinition task, Findings findings) {
    Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
    task.containerDefinitions().forEach(c -> byName.putIfAbsent(c.name(), c));
    Set<String> volumes = new HashSet<>();
    task.volumes().forEach(v -> volumes.add(v.name()));
    for (ContainerDefinition container : task.containerDefinitions()) {
      String path = ModelPaths.container(task.family(), container.name());
      checkDependsOn(container, path, byName, findings);
      checkLinks(task, container, path, byName, findings);
      checkVolumes(container, path, byName, volumes, findings);
    }
    checkCycles(task, byName, findings);
  }

  private static void checkDependsOn(ContainerDefinition container, String path,
      Map<String, ContainerDefinition> byName, Findings findings) {
    for (ContainerDependency dependency : container.dependsOn()) {
      String target = dependency.containerName();
      String depPath = ModelPaths.element(path, "dependsOn", target);
      ContainerDefinition targetContainer = byName.get(target);
      if (target.equals(container.name())) {
        findings.add(ViolationCode.DEPENDS_ON_TARGET, depPath, "container '" + target + "' depends on itself; remove it");
      } else if (targetContainer == null) {
        findings.add(ViolationCode.DEPENDS_ON_TARGET, depPath, "dependsOn names '" + target
            + "', which is not a container of this task (containers: " + String.join(", ", byName.keySet()) + ")");
      } else if (dependency.condition() == ContainerCondition.HEALTHY && targetContainer.healthCheck().isEmpty()) {
        findings.add(ViolationCode.DEPENDS_ON_CONDITION, depPath, "HEALTHY needs a health check on '" + target
            + "'; add .healthCheck(...) to it or wait for START");
      } else if ((dependency.condition() == ContainerCondition.COMPLETE
          || dependency.condition() == ContainerCondition.SUCCESS) && targetContainer.isEssential()) {
        findings.add(ViolationCode.DEPENDS_ON_CONDITION, depPath, dependency.condition().apiValue()
            + " may not target the essential container '" + target + "' (its exit stops the task);"
            + " mark it .essential(false) or wait for START or HEALTHY");
      }
    }
  }

  private static void checkLinks(TaskDefinition task, ContainerDefinition container, String path,
      Map<String, ContainerDefinition> byName, Findings findings) {
    if (container.links().isEmpty()) {
      return;
    }
    String linksPath = ModelPaths.member(path, "links");
    if (task.effectiveNetworkMode() != NetworkMode.BRIDGE) {
      findings.add(ViolationCode.LINK_TARGET, linksPath, "links need network mode bridge, not "
          + task.effectiveNetworkMode().apiValue() + "; remove the links (containers reach each other on localhost)");
      return;
    }
    for (String link : container.links()) {
      String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
      String alias = link.contains(":") ? link.substring(link.indexOf(':') + 1) : target;
      if (!LINK_ALIAS.matcher(alias).matches()) {
        findings.add(ViolationCode.LINK_TARGET, linksPath, "link '" + link + "' must be name or name:alias, the alias"
            + " 1 to 255 letters, digits, hyphens or underscores");
      } else if (!byName.containsKey(target) || target.equals(container.name())) {
        findings.add(ViolationCode.LINK_TARGET, linksPath, "link '" + link + "' does not name another container of"
            + " this task (containers: " + String.join(", ", byName.keySet()) + ")");
      }
    }
  }

  private static void checkVolumes(ContainerDefinition container, String path, Map<String, ContainerDefinition> byName,
      Set<String> volumes, Findings findings) {
    List<MountPoint> mounts = container.mountPoints();
    for (int i = 0; i < mounts.size(); i++) {
      Optional<String> source = mounts.get(i).sourceVolume();
      if (source.isPresent() && !volumes.contains(source.get())) {
        findings.add(ViolationCode.VOLUME_REFERENCE, ModelPaths.element(path, "mountPoints", i), "mount point names"
            + " volume '" + source.get() + "', which the task does not declare; add .volume(\"" + source.get()
            + "\", ...) to the task definition");
      }
    }
    List<VolumeFrom> from = container.volumesFrom();
    for (int i = 0; i < from.size(); i++) {
      Optional<String> source = from.get(i).sourceContainer();
      if (source.isPresent() && (!byName.containsKey(source.get()) || source.get().equals(container.name()))) {
        findings.add(ViolationCode.VOLUME_REFERENCE, ModelPaths.element(path, "volumesFrom", i), "volumesFrom names '"
            + source.get() + "', which is not another container of this task");
      }
    }
  }

  static void checkVolumeConfigurations(TaskDefinition task, Findings findings) {
    for (Volume volume : task.volumes()) {
      String path = ModelPaths.volume(task.family(), volume.name());
      NameRules.checkName("volume", volume.name(), path, findings);
      int kinds = (volume.host().isPresent() ? 1 : 0) + (volume.dockerVolumeConfiguration().isPresent() ? 1 : 0)
          + (volume.efsVolumeConfiguration().isPresent() ? 1 : 0);
      if (kinds > 1) {
        findings.add(ViolationCode.VOLUME_CONFIGURATION, path, "volume '" + volume.name()
            + "' is more than one kind (host, Docker, EFS); keep one");
      }
      volume.host().flatMap(h -> h.sourcePath()).ifPresent(source -> ContainerValueRules.absolute(source,
          "host source path", ModelPaths.member(ModelPaths.member(path, "host"), "sourcePath"), findings));
      volume.dockerVolumeConfiguration().ifPresent(docker -> {
        boolean shared = docker.scope().map(s -> s == VolumeScope.SHARED).orElse(false);
        if (docker.autoprovision().orElse(false) && !shared) {
          findings.add(ViolationCode.VOLUME_CONFIGURATION,
              ModelPaths.member(ModelPaths.member(path, "dockerVolumeConfiguration"), "autoprovision"),
              "autoprovision applies to shared volumes only; set scope SHARED or drop autoprovision");
        }
      });
    }
  }

  /**
   * Depth-first search over dependsOn edges. Each cycle is reported once, at the dependsOn call that
   * closed it (the cycle's edge declared last, in container order), with its other edges as notes.
   */
  private static void checkCycles(TaskDefinition task, Map<String, ContainerDefinition> byName, Findings findings) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
    List<String> order = new ArrayList<>(byName.keySet());
    for (String start : byName.keySet()) {
      visit(start, byName, state, new ArrayList<>(), order, task.family(), findings);
    }
  }

  private static void visit(String name, Map<String, ContainerDefinition> byName, Map<String, Integer> state,
      List<String> trail, List<String> order, String family, Findings findings) {
    Integer seen = state.get(name);
    if (seen != null && seen == 2) {
      return;
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(trail.subList(trail.indexOf(name), trail.size()));
      cycle.add(name);
      reportCycle(cycle, order, family, findings);
      return;
    }
    state.put(name, 1);
    trail.add(name);
    for (ContainerDependency dependency : byName.get(name).dependsOn()) {
      if (byName.containsKey(dependency.containerName()) && !dependency.containerName().equals(name)) {
        visit(dependency.containerName(), byName, state, trail, order, family, findings);
      }
    }
    trail.remove(trail.size() - 1);
    state.put(name, 2);
  }

  /** {@code cycle} is a, b, ..., a: the edges a -> b, b -> ..., ... -> a. */
  private static void reportCycle(List<String> cycle, List<String> order, String family, Findings findings) {
    int closing = 0;
    for (int i = 1; i < cycle.size() - 1; i++) {
      if (order.indexOf(cycle.get(i)) > order.indexOf(cycle.get(closing))) {
        closing = i;
      }
    }
    List<Violation.Note> notes = new ArrayList<>();
    for (int i = 0; i < cycle.size() - 1; i++) {
      if (i != closing) {
        notes.add(findings.note(edge(family, cycle.get(i), cycle.get(i + 1)), cycle.get(i) + " depends on "
            + cycle.get(i + 1) + " here"));
      }
    }
    findings.add(ViolationCode.DEPENDS_ON_CYCLE, edge(family, cycle.get(closing), cycle.get(closing + 1)),
        "this dependency closes the cycle " + String.join(" -> ", cycle) + "; no container could ever start:"
            + " remove one of these dependencies", notes);
  }

  private static String edge(String family, String from, String to) {
    return ModelPaths.element(ModelPaths.container(family, from), "dependsOn", to);
  }
}
