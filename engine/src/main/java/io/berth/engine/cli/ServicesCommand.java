package io.berth.engine.cli;

import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code berth services}: each service's counts and its newest deployment. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List services with their counts and deployments.")
public final class ServicesCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Option(names = "--json", description = "Print the services as JSON ({\"formatVersion\": 1, \"services\": [...]}, see"
      + " docs/cli.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() {
    ClusterStatus status = server.client().get("/v1/status", ClusterStatus.class);
    if (json) {
      System.out.print(JsonViews.pretty(new JsonViews.Services(JsonViews.FORMAT_VERSION, status.declaredCommit(),
          status.services().stream().map(JsonViews.Service::of).toList(), status.declaredProblems())));
      return 0;
    }
    Table table = new Table("SERVICE", "CLUSTER", "TASK DEFINITION", "DESIRED", "RUNNING", "HEALTHY", "PENDING", "ROLLOUT");
    for (ServiceView s : status.services()) {
      var primary = s.deployments().isEmpty() ? null : s.deployments().get(0);
      table.row(s.serviceName(), s.cluster(), primary == null ? s.taskDefinition() : primary.taskDefinition(),
          s.desiredCount(), s.runningCount(), s.healthyCount(), s.pendingCount(),
          primary == null ? "-" : primary.rolloutState() + (s.failed() ? " (rolled back)" : ""));
    }
    System.out.print(table.render());
    for (String problem : status.declaredProblems()) {
      System.out.println("warning: state file " + problem);
    }
    return 0;
  }
}
