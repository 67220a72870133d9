package io.berth.engine.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ControlPlaneSnapshot;
import io.berth.engine.server.InstanceRecord;
import io.berth.engine.server.TaskRecord;
import io.berth.engine.task.NetworkBinding;
import io.berth.engine.task.TaskStatus;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth ps}: the tasks the control plane runs, with their published ports as
 * {@code ADDRESS:PORT->CONTAINERPORT/PROTOCOL}, the address being where the port is published (the
 * agent's advertised address).
 */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List tasks (running ones; --all for stopped too).")
public final class PsCommand implements Callable<Integer> {
  static final TypeReference<List<TaskRecord>> TASKS = new TypeReference<>() {};
  static final TypeReference<List<InstanceRecord>> INSTANCES = new TypeReference<>() {};

  @Mixin ServerOptions server;

  @Option(names = {"-a", "--all"}, description = "Include stopped tasks.")
  boolean all;

  @Option(names = "--json", description = "Print the tasks as JSON ({\"formatVersion\": 1, \"tasks\": [...]}, see docs/cli.md).")
  boolean json;

  @Option(names = "--stack", paramLabel = "NAME", description = "Only the tasks of this stack's services.")
  String stack;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() {
    List<TaskRecord> listed = server.client().get("/v1/tasks", TypeFactory.defaultInstance().constructType(TASKS));
    List<TaskRecord> tasks = listed.stream()
        .filter(t -> all || t.alive())
        .sorted(Comparator.comparing(TaskRecord::serviceName).thenComparing(TaskRecord::createdAt))
        .toList();
    Map<String, String> addresses = new HashMap<>();
    List<InstanceRecord> instances = server.client().get("/v1/instances",
        TypeFactory.defaultInstance().constructType(INSTANCES));
    instances.forEach(i -> addresses.put(i.instanceId(), i.address()));
    Map<String, String> stacks = new HashMap<>();
    server.client().get("/v1/status", ClusterStatus.class).services().forEach(s ->
        stacks.put(ControlPlaneSnapshot.serviceKey(s.cluster(), s.serviceName()), s.stack()));
    // "" for a service applied from no stack, or one no longer declared
    Function<TaskRecord, String> stackOf = t -> stacks.getOrDefault(ControlPlaneSnapshot.serviceKey(t.cluster(),
        t.serviceName()), "");
    List<TaskRecord> shown = tasks.stream().filter(t -> stack == null || stack.equals(stackOf.apply(t))).toList();
    if (json) {
      System.out.print(JsonViews.pretty(new JsonViews.Tasks(JsonViews.FORMAT_VERSION, shown.stream()
          .map(t -> JsonViews.Task.of(t, lastStatus(t), stackOf.apply(t), addresses.getOrDefault(t.instanceId(), "")))
          .toList())));
      return 0;
    }
    Table table = new Table("TASK", "SERVICE", "STACK", "TASK DEFINITION", "INSTANCE", "DESIRED", "LAST", "HEALTH",
        "PORTS");
    // task ids are short and readable (<cluster>-<service>-<n>): cutting them would make them collide
    shown.forEach(t -> table.row(t.taskId(), t.serviceName(), stackOf.apply(t).isEmpty() ? "-" : stackOf.apply(t),
        t.family() + ":" + t.revision(), t.instanceId(), t.desiredStatus(), lastStatus(t), t.healthStatus(),
        ports(t, addresses.getOrDefault(t.instanceId(), ""))));
    System.out.print(table.render());
    return 0;
  }

  /** ECS's DEACTIVATING for a task stopping whose load balancer targets still drain first. */
  static String lastStatus(TaskRecord t) {
    return t.drainHold() && t.lastStatus() == TaskStatus.RUNNING ? "DEACTIVATING" : t.lastStatus().name();
  }

  /** The task's bindings; one on every address (0.0.0.0, ::) shows at {@code instanceAddress} when known. */
  static String ports(TaskRecord task, String instanceAddress) {
    return task.containers().stream()
        .flatMap(c -> c.networkBindings().stream().map(b -> binding(b, instanceAddress)))
        .collect(Collectors.joining(","));
  }

  /** Where a binding is reached: the agent's address when it is bound on every address and that is known. */
  static String publishedAt(NetworkBinding b, String instanceAddress) {
    boolean everywhere = b.bindIP().isEmpty() || b.bindIP().equals("0.0.0.0") || b.bindIP().equals("::");
    return everywhere && !instanceAddress.isEmpty() ? instanceAddress : b.bindIP();
  }

  private static String binding(NetworkBinding b, String instanceAddress) {
    String address = publishedAt(b, instanceAddress);
    String host = address.contains(":") ? "[" + address + "]" : address;
    return host + ":" + b.hostPort() + "->" + b.containerPort() + "/" + b.protocol();
  }
}
