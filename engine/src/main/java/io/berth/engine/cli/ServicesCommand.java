package io.berth.engine.cli;

import com.fasterxml.jackson.databind.type.TypeFactory;
import io.berth.engine.api.ApiException;
import io.berth.engine.api.DiscoveryEntry;
import io.berth.engine.balancer.ListenerView;
import io.berth.engine.balancer.RequestCounts;
import io.berth.engine.balancer.TargetHealthState;
import io.berth.engine.balancer.TargetView;
import io.berth.engine.server.ClusterStatus;
import io.berth.engine.server.ServiceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth services}: each service's counts, its newest deployment and its discovery name; then each load balancer's
 * listener with the service's request counts, and each target with its state, the last health
 * check's result (why a target is not healthy) and what it answered.
 */
@Command(name = "services", mixinStandardHelpOptions = true, description = "List services with their counts and deployments.")
public final class ServicesCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Option(names = "--json", description = "Print the services as JSON ({\"formatVersion\": 1, \"services\": [...]}, see"
      + " docs/cli.md).")
  boolean json;

  @Option(names = "--stack", paramLabel = "NAME", description = "Only the services of this stack.")
  String stack;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() {
    ClusterStatus status = server.client().get("/v1/status", ClusterStatus.class);
    if (json) {
      System.out.print(JsonViews.pretty(new JsonViews.Services(JsonViews.FORMAT_VERSION, status.declaredCommit(),
          status.services().stream().filter(s -> stack == null || stack.equals(s.stack())).map(JsonViews.Service::of)
              .toList(), status.declaredProblems())));
      return 0;
    }
    Map<String, String> names = discoveryNames();
    Table table = new Table("SERVICE", "STACK", "CLUSTER", "TASK DEFINITION", "DESIRED", "RUNNING", "HEALTHY", "PENDING",
        "ROLLOUT", "DISCOVERY");
    List<String> empty = new ArrayList<>();
    for (ServiceView s : status.services()) {
      if (stack != null && !stack.equals(s.stack())) {
        continue;
      }
      var primary = s.deployments().isEmpty() ? null : s.deployments().get(0);
      table.row(s.serviceName(), s.stack().isEmpty() ? "-" : s.stack(), s.cluster(),
          primary == null ? s.taskDefinition() : primary.taskDefinition(),
          s.desiredCount(), s.runningCount(), s.healthyCount(), s.pendingCount(),
          primary == null ? "-" : primary.rolloutState() + (s.failed() ? " (rolled back)" : ""),
          names.getOrDefault(s.cluster() + "/" + s.serviceName(), "-"));
      if (s.noInstances()) {
        empty.add("service " + s.serviceName() + ": cluster " + s.cluster() + " has no container instances, so its"
            + " tasks wait until an agent joins it (berth up --cluster " + s.cluster() + ", berth agent --cluster "
            + s.cluster() + ")");
      }
    }
    System.out.print(table.render());
    empty.forEach(System.out::println);
    printLoadBalancers(status);
    for (String problem : status.declaredProblems()) {
      System.out.println("warning: state file " + problem);
    }
    return 0;
  }

  /** Each service's discovery name ({@code cluster/service} → {@code api.internal}); none from a control plane without the route. */
  private Map<String, String> discoveryNames() {
    List<DiscoveryEntry> entries;
    try {
      entries = server.client().get("/v1/discovery",
          TypeFactory.defaultInstance().constructCollectionType(List.class, DiscoveryEntry.class));
    } catch (ApiException e) {
      return Map.of();
    }
    Map<String, String> names = new TreeMap<>();
    entries.forEach(e -> names.merge(e.cluster() + "/" + e.serviceName(), e.dnsName(), (a, b) -> a + ", " + b));
    return names;
  }

  private static void printLoadBalancers(ClusterStatus status) {
    Table listeners = new Table("LISTENER", "SERVICE", "PROTOCOL", "HEALTH CHECK", "HEALTHY", "REQUESTS", "2XX", "4XX",
        "5XX", "LB 5XX", "P50", "P99", "REQ/TARGET/MIN");
    Table targets = new Table("TARGET", "SERVICE", "TASK", "STATE", "IN FLIGHT", "REQUESTS", "2XX", "4XX", "5XX", "P99",
        "LAST CHECK");
    List<String> problems = new ArrayList<>();
    for (ServiceView s : status.services()) {
      for (ListenerView l : s.loadBalancers()) {
        long healthy = l.targets().stream().filter(t -> t.state() == TargetHealthState.HEALTHY).count();
        long registered = l.targets().stream().filter(t -> t.state() != TargetHealthState.DRAINING).count();
        RequestCounts c = l.counts();
        listeners.row(l.listener(), s.serviceName(), l.protocol(), l.healthCheck(), healthy + "/" + registered,
            c.requests(), c.status2xx(), c.status4xx(), c.status5xx(), c.errors(), millis(c.p50Millis()),
            millis(c.p99Millis()), String.format(Locale.ROOT, "%.1f", l.requestsPerTargetLastMinute()));
        for (TargetView t : l.targets()) {
          RequestCounts tc = t.counts();
          String check = t.state() == TargetHealthState.HEALTHY || t.reason().isEmpty() ? t.lastCheck()
              : t.reason();
          targets.row(t.address(), s.serviceName(), t.taskId(), t.state().label(), t.inFlight(), tc.requests(),
              tc.status2xx(), tc.status4xx(), tc.status5xx(), millis(tc.p99Millis()), check);
        }
        if (!l.problem().isEmpty()) {
          problems.add("listener " + l.listener() + " of service " + s.serviceName() + " does not listen: " + l.problem()
              + "; choose a free listenerPort (or stop what uses the port) and apply again");
        }
      }
    }
    if (status.services().stream().anyMatch(s -> !s.loadBalancers().isEmpty())) {
      System.out.println();
      System.out.print(listeners.render());
      System.out.println();
      System.out.print(targets.render());
    }
    problems.forEach(p -> System.out.println("error: " + p));
  }

  private static String millis(double value) {
    return value == 0 ? "-" : String.format(Locale.ROOT, value < 10 ? "%.1f ms" : "%.0f ms", value);
  }
}
