package io.berth.engine.planner;

import io.berth.engine.state.StateRepository;
import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names Berth's state repository can store: it keeps each role, cluster, task definition family
 * and service in a file named after it, and takes a name starting with a letter or digit (the rule
 * of {@code state.StateLayout}, which refuses other names at apply). ECS also accepts a leading
 * {@code -} or {@code _}; the plan refuses such a name up front instead of letting apply fail.
 */
final class StorableNames {
  private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private StorableNames() {}

  /** One message per name of {@code desired} the state cannot store, in the validator's form. */
  static List<String> problems(DesiredState desired) {
    List<String> problems = new ArrayList<>();
    desired.roles().stream().map(Role::name).forEach(n -> check("role", n, "role[" + n + "]", problems));
    desired.clusters().stream().map(Cluster::name).forEach(n -> check("cluster", n, "cluster[" + n + "]", problems));
    desired.taskDefinitions().stream().map(TaskDefinition::family)
        .forEach(n -> check("task definition family", n, "taskDefinition[" + n + "]", problems));
    desired.services().stream().map(Service::serviceName)
        .forEach(n -> check("service", n, "service[" + n + "]", problems));
    return problems;
  }

  private static void check(String what, String name, String path, List<String> problems) {
    // a name ECS refuses too is the validator's to report (BerthNamePattern)
    if (ECS_NAME.matcher(name).matches() && !StateRepository.canStoreName(name)) {
      problems.add("[BerthUnsupportedName] " + path + ": Berth's state stores each " + what + " in a file named"
          + " after it, and cannot store '" + name + "': start the name with a letter or digit");
    }
  }
}
