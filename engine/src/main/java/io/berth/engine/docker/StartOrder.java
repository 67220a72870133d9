package io.berth.engine.docker;

import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import io.berth.model.TaskDefinition;
import io.berth.model.VolumeFrom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order a task's containers are created and started in: every container after the containers
 * it depends on ({@code dependsOn}, {@code volumesFrom}, {@code links}), otherwise in definition
 * order. Stopping uses the reverse. Pure: a function of the task definition.
 */
public final class StartOrder {
  private StartOrder() {}

  /**
   * The container names in start order.
   *
   * @throws IllegalArgumentException naming the containers when a reference is unknown or cyclic
   */
  public static List<String> of(TaskDefinition definition) {
    Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
    definition.containerDefinitions().forEach(c -> byName.put(c.name(), c));
    List<String> order = new ArrayList<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (String name : byName.keySet()) {
      visit(definition.family(), name, byName, visiting, order);
    }
    return List.copyOf(order);
  }

  /** The names of the containers {@code container} must come after. */
  static List<String> prerequisites(ContainerDefinition container) {
    List<String> names = new ArrayList<>();
    container.dependsOn().stream().map(ContainerDependency::containerName).forEach(names::add);
    container.volumesFrom().stream().map(VolumeFrom::sourceContainer)
        .flatMap(Optional::stream).forEach(names::add);
    for (String link : container.links()) {
      names.add(link.split(":", 2)[0]);
    }
    return names;
  }

  private static void visit(String family, String name, Map<String, ContainerDefinition> byName,
      Set<String> visiting, List<String> order) {
    if (order.contains(name)) {
      return;
    }
    if (!visiting.add(name)) {
      throw new IllegalArgumentException("task definition " + family + ": containers depend on each other in a"
          + " cycle (" + String.join(" -> ", visiting) + " -> " + name + "); remove one of these dependsOn,"
          + " volumesFrom or links references");
    }
    for (String prerequisite : prerequisites(byName.get(name))) {
      if (!byName.containsKey(prerequisite)) {
        throw new IllegalArgumentException("task definition " + family + ": container '" + name
            + "' refers to container '" + prerequisite + "', which the task does not have; use one of "
            + byName.keySet());
      }
      visit(family, prerequisite, byName, visiting, order);
    }
    visiting.remove(name);
    order.add(name);
  }
}
