package io.berth.engine.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.NetworkBinding;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth ps}: the tasks the control plane runs, with their published ports. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List tasks (running ones; --all for stopped too).")
public final class PsCommand implements Callable<Integer> {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};

  @Mixin ServerOptions server;

  @Option(names = {"-a", "--all"}, description = "Include stopped tasks.")
  boolean all;

  @Option(names = "--json", description = "Print the tasks as JSON ({\"formatVersion\": 1, \"tasks\": [...]}, see docs/cli.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() {
    List<TaskRecord> all = server.client().get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
    List<TaskRecord> tasks = all.stream()
        .filter(t -> this.all || t.alive())
        .sorted(Comparator.comparing(TaskRecord::serviceName).thenComparing(TaskRecord::createdAt))
        .toList();
    if (json) {
      System.out.print(JsonViews.pretty(new JsonViews.Tasks(JsonViews.FORMAT_VERSION,
          tasks.stream().map(JsonViews.Task::of).toList())));
      return 0;
    }
    Table table = new Table("TASK", "SERVICE", "TASK DEFINITION", "INSTANCE", "DESIRED", "LAST", "HEALTH", "PORTS");
    // task ids are short and readable (<cluster>-<service>-<n>): cutting them would make them collide
    tasks.forEach(t -> table.row(t.taskId(), t.serviceName(),
        t.family() + ":" + t.revision(), t.instanceId(), t.desiredStatus(), t.lastStatus(), t.healthStatus(), ports(t)));
    System.out.print(table.render());
    return 0;
  }

  static String ports(TaskRecord task) {
    return task.containers().stream()
        .flatMap(c -> c.networkBindings().stream().map(b -> binding(c, b)))
        .collect(Collectors.joining(","));
  }

  private static String binding(ObservedContainer container, NetworkBinding b) {
    return b.bindIP() + ":" + b.hostPort() + "->" + b.containerPort() + "/" + b.protocol();
  }
}
