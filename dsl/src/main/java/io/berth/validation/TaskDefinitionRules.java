package io.berth.validation;

import io.berth.cql.Cql;
import io.berth.cql.CqlSyntaxException;
import io.berth.model.Compatibility;
import io.berth.model.ContainerDefinition;
import io.berth.model.ModelPaths;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskPlacementConstraint;
import io.berth.model.TaskSize;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;

/** Rules about one task definition as a whole; container and reference rules are delegated. */
final class TaskDefinitionRules {
  static final int MAX_CONTAINERS = 10;
  static final int MIN_TASK_CPU = 128;
  static final int MAX_EXPRESSION = 2000;
  static final int MAX_TASK_CPU = 196_608;

  private TaskDefinitionRules() {}

  static void check(TaskDefinition task, Findings findings) {
    String path = ModelPaths.taskDefinition(task.family());
    NameRules.checkName("task definition family", task.family(), path, findings);
    List<ContainerDefinition> containers = task.containerDefinitions();
    if (containers.isEmpty() || containers.size() > MAX_CONTAINERS) {
      findings.add(ViolationCode.CONTAINER_COUNT, path, "task definition '" + task.family() + "' has "
          + containers.size() + " containers; it needs 1 to " + MAX_CONTAINERS
          + (containers.isEmpty() ? ": add one with .container(name, c -> ...)" : ": split it into several task definitions"));
    } else if (containers.stream().noneMatch(ContainerDefinition::isEssential)) {
      checkEssential(task, findings);
    }
    NameRules.checkUnique("container", containers, ContainerDefinition::name,
        c -> ModelPaths.container(task.family(), c.name()), findings);
    NameRules.checkUnique("volume", task.volumes(), v -> v.name(), v -> ModelPaths.volume(task.family(), v.name()), findings);
    boolean fargate = task.requiresCompatibilities().contains(Compatibility.FARGATE);
    OptionalInt cpu = size(task.cpu().orElse(null), true, fargate, path, findings);
    OptionalInt memory = size(task.memory().orElse(null), false, fargate, path, findings);
    for (ContainerDefinition container : containers) {
      ContainerRules.check(container, ModelPaths.container(task.family(), container.name()), task.memory().isPresent(),
          findings);
    }
    checkSums(task, cpu, memory, path, findings);
    if (fargate) {
      FargateRules.check(task, cpu, memory, path, findings);
    }
    PortRules.check(task, path, findings);
    NetworkRules.check(task, findings);
    LogRules.check(task, findings);
    DependencyRules.check(task, findings);
    DependencyRules.checkVolumeConfigurations(task, findings);
    FeatureRules.check(task, findings);
    TaskSettingsRules.check(task, cpu, path, findings);
    List<TaskPlacementConstraint> constraints = task.placementConstraints();
    for (int i = 0; i < constraints.size(); i++) {
      checkTaskConstraint(constraints.get(i), ModelPaths.element(path, "placementConstraint", i), findings);
    }
  }

  // FARGATE's own table decides its sizes; the 128-196608 range is EC2's.
  private static OptionalInt size(String value, boolean isCpu, boolean fargate, String path, Findings findings) {
    if (value == null) {
      return OptionalInt.empty();
    }
    String member = isCpu ? "cpu" : "memory";
    OptionalInt parsed = isCpu ? TaskSize.cpuUnits(value) : TaskSize.memoryMib(value);
    if (parsed.isEmpty()) {
      findings.add(ViolationCode.TASK_SIZE, ModelPaths.member(path, member), "task " + member + " '" + value
          + "' is not an accepted spelling; write " + (isCpu ? "units (\"256\") or vCPUs (\"0.25 vCPU\")"
          : "MiB (\"512\") or GB (\"1 GB\")"));
    } else if (isCpu && !fargate && (parsed.getAsInt() < MIN_TASK_CPU || parsed.getAsInt() > MAX_TASK_CPU)) {
      findings.add(ViolationCode.TASK_SIZE, ModelPaths.member(path, member), "task cpu " + parsed.getAsInt()
          + " units is outside " + MIN_TASK_CPU + "-" + MAX_TASK_CPU + " (0.125-192 vCPU); pick a value in that range");
    } else if (!isCpu && parsed.getAsInt() < ContainerRules.MINIMUM_MEMORY_MIB) {
      findings.add(ViolationCode.TASK_SIZE, ModelPaths.member(path, member), "task memory " + parsed.getAsInt()
          + " MiB is below the minimum of " + ContainerRules.MINIMUM_MEMORY_MIB + " MiB");
    }
    return parsed;
  }

  private static void checkSums(TaskDefinition task, OptionalInt cpu, OptionalInt memory, String path, Findings findings) {
    if (memory.isPresent()) {
      int sum = task.containerDefinitions().stream()
          .mapToInt(c -> c.memory().or(c::memoryReservation).orElse(0)).sum();
      if (sum > memory.getAsInt()) {
        findings.add(ViolationCode.TASK_MEMORY_SUM, ModelPaths.member(path, "memory"), "the containers ask for "
            + sum + " MiB in total, more than the task memory " + memory.getAsInt()
            + " MiB; raise the task memory or lower the containers'", containerNotes(task, findings,
                c -> c.memoryReservation().isPresent() ? "memoryReservation" : "memory",
                c -> c.memory().or(c::memoryReservation).isPresent()));
      }
    }
    if (cpu.isPresent()) {
      int sum = task.containerDefinitions().stream().mapToInt(c -> c.cpu().orElse(0)).sum();
      if (sum > cpu.getAsInt()) {
        findings.add(ViolationCode.TASK_CPU_SUM, ModelPaths.member(path, "cpu"), "the containers ask for " + sum
            + " cpu units in total, more than the task cpu " + cpu.getAsInt() + "; raise the task cpu or lower the"
            + " containers'", containerNotes(task, findings, c -> "cpu", c -> c.cpu().isPresent()));
      }
    }
  }

  /** A note at each container's {@code member} that adds to a sum, for the rules on task-wide sums. */
  private static List<Violation.Note> containerNotes(TaskDefinition task, Findings findings,
      Function<ContainerDefinition, String> member, Predicate<ContainerDefinition> counts) {
    return task.containerDefinitions().stream().filter(counts).map(c -> findings.note(ModelPaths.member(
        ModelPaths.container(task.family(), c.name()), member.apply(c)), "container " + c.name() + " adds to the"
        + " sum here")).toList();
  }

  /**
   * Reported at the {@code .essential(false)} of the last container (the call that left the task
   * without an essential container), with the other containers' as notes.
   */
  private static void checkEssential(TaskDefinition task, Findings findings) {
    List<String> paths = task.containerDefinitions().stream()
        .map(c -> ModelPaths.member(ModelPaths.container(task.family(), c.name()), "essential")).toList();
    String last = paths.get(paths.size() - 1);
    List<Violation.Note> notes = paths.subList(0, paths.size() - 1).stream()
        .map(p -> findings.note(p, "this container is not essential either")).toList();
    findings.add(ViolationCode.ESSENTIAL_CONTAINER, last, "no container of '" + task.family()
        + "' is essential after this, so nothing decides when the task has stopped; mark one .essential(true)", notes);
  }

  private static void checkTaskConstraint(TaskPlacementConstraint constraint, String path, Findings findings) {
    if (!constraint.type().equals("memberOf")) {
      findings.add(ViolationCode.MEMBER_OF_SYNTAX, path, "task definition constraints must be of type memberOf, not '"
          + constraint.type() + "'");
      return;
    }
    checkExpression(constraint.expression().orElse(""), path, findings);
  }

  static void checkExpression(String expression, String path, Findings findings) {
    if (expression.length() > MAX_EXPRESSION) {
      findings.add(ViolationCode.MEMBER_OF_SYNTAX, ModelPaths.member(path, "expression"), "a memberOf expression has"
          + " at most " + MAX_EXPRESSION + " characters, not " + expression.length() + "; shorten it");
      return;
    }
    if (expression.isBlank()) {
      findings.add(ViolationCode.MEMBER_OF_SYNTAX, path, "memberOf needs an expression, e.g."
          + " attribute:ecs.availability-zone in [zone-a, zone-b]");
      return;
    }
    try {
      Cql.parse(expression);
    } catch (CqlSyntaxException e) {
      findings.add(ViolationCode.MEMBER_OF_SYNTAX, ModelPaths.member(path, "expression"), e.getMessage());
    }
  }
}
