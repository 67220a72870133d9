package io.berth.engine.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.berth.engine.server.ControlPlaneSnapshot;
import io.berth.engine.server.ServiceEventRecord;
import io.berth.engine.server.ClusterStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth events}: the service event log, ECS style, optionally followed. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Show service events (newest last).")
public final class EventsCommand implements Callable<Integer> {
  static final TypeReference<List<ServiceEventRecord>> EVENTS = new TypeReference<>() {};

  @Mixin ServerOptions server;

  @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "Only this service's events.")
  String service;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new events.")
  boolean follow;

  @Option(names = "--json", description = "Print each event as one line of JSON ({\"formatVersion\": 1, \"seq\": ...,"
      + " \"time\": ..., \"cluster\": ..., \"service\": ..., \"message\": ...}, see docs/cli.md).")
  boolean json;

  @Option(names = "--stack", paramLabel = "NAME", description = "Only the events of this stack's services.")
  String stack;

  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws InterruptedException {
    var client = server.client();
    long since = 0;
    // each service's stack by cluster/service: two clusters may each run a "web" of different stacks
    Map<String, String> stacks = new HashMap<>();
    do {
      List<ServiceEventRecord> events = client.get("/v1/events?since=" + since, TypeFactory.defaultInstance().constructType(EVENTS));
      // read again only when an event names a service not seen yet (not every poll of -f)
      if (events.stream().anyMatch(e -> !stacks.containsKey(key(e)))) {
        client.get("/v1/status", ClusterStatus.class).services().forEach(s -> {
          stacks.put(ControlPlaneSnapshot.serviceKey(s.cluster(), s.serviceName()), s.stack());
          // an event recorded before events carried the cluster: the stack of the service of that name
          stacks.merge(ControlPlaneSnapshot.serviceKey("", s.serviceName()), s.stack(), (a, b) -> a.equals(b) ? a : "");
        });
        events.forEach(e -> stacks.putIfAbsent(key(e), "")); // no longer declared: no stack
      }
      for (ServiceEventRecord event : events) {
        String of = stacks.getOrDefault(key(event), "");
        if ((service == null || event.serviceName().equals(service)) && (stack == null || stack.equals(of))) {
          System.out.println(json ? JsonViews.line(JsonViews.Event.of(event))
              : event.createdAt() + "  " + (of.isEmpty() ? "-" : of) + "  " + event.message());
        }
        since = Math.max(since, event.seq());
      }
      if (follow) {
        System.out.flush();
        Thread.sleep(500);
      }
    } while (follow);
    return 0;
  }

  private static String key(ServiceEventRecord event) {
    return ControlPlaneSnapshot.serviceKey(event.cluster(), event.serviceName());
  }
}
