package io.berth.engine.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.berth.engine.api.ObservedContainer;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.server.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth logs TASK [CONTAINER]}: asks the control plane which Docker container runs the
 * task's container, then reads its log from the local Docker engine (the agents of {@code berth up}
 * share it; on a remote host run the command there).
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a task container's log.")
public final class LogsCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Parameters(index = "0", paramLabel = "TASK", description = "Task id (a unique prefix is enough).")
  String task;

  @Parameters(index = "1", arity = "0..1", paramLabel = "CONTAINER", description = "Container name (default: the task's first).")
  String container;

  @Option(names = "--tail", defaultValue = "200", description = "Lines from the end (default: ${DEFAULT-VALUE}).")
  int tail;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws Exception {
    if (tail < 1) {
      throw new IllegalArgumentException("--tail " + tail + " asks for no lines; give how many lines from the end of the"
          + " log to print, 1 or more (default 200)");
    }
    List<TaskRecord> tasks = server.client().get("/v1/tasks", TypeFactory.defaultInstance().constructType(PsCommand.TASKS));
    List<TaskRecord> matches = tasks.stream().filter(t -> t.taskId().startsWith(task)).collect(Collectors.toList());
    if (matches.size() != 1) {
      throw new IllegalArgumentException((matches.isEmpty() ? "no task " : "more than one task starts with ") + "'" + task
          + "'; see berth ps --all for the task ids");
    }
    TaskRecord found = matches.get(0);
    ObservedContainer target = found.containers().stream()
        .filter(c -> container == null || c.name().equals(container)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("task " + found.taskId() + " has no container "
            + (container == null ? "reported yet" : "'" + container + "'") + "; its containers: "
            + found.containers().stream().map(ObservedContainer::name).collect(Collectors.joining(", "))));
    if (target.dockerId().isEmpty()) {
      throw new IllegalArgumentException("container " + target.name() + " of task " + found.taskId() + " has not started yet");
    }
    try (DockerClient docker = DockerEngine.connect()) {
      docker.logContainerCmd(target.dockerId()).withStdOut(true).withStdErr(true).withTail(tail)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              System.out.print(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }).awaitCompletion();
    }
    return 0;
  }
}
