package io.berth.engine.cli;

import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth services}: each service's counts and its newest deployment. */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List services with their counts and deployments.")
public final class ServicesCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() {
    ClusterStatus status = server.client().get("/v1/status", ClusterStatus.class);
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
