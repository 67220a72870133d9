package io.berth.engine.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The harness's command line: {@code --name value} pairs, each with a default. */
record Options(Path launcher, Path work, int hosts, int services, int tasks, List<String> scenarios, int lose,
    Duration startTime, Duration healthyTime, Duration stopTime, Duration idleTime, Duration steadyTime,
    Duration timeout, Duration syncWait) {

  static Options parse(String[] args) {
    java.util.Map<String, String> given = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      given.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
    }
    int hosts = Integer.parseInt(given.getOrDefault("hosts", "100"));
    Options options = new Options(Path.of(given.getOrDefault("launcher", "./berth")).toAbsolutePath(),
        Path.of(given.getOrDefault("work", "engine/target/bench/scale")).toAbsolutePath(), hosts,
        Integer.parseInt(given.getOrDefault("services", "30")), Integer.parseInt(given.getOrDefault("tasks", "3000")),
        List.of(given.getOrDefault("scenarios", "idle-empty,a,idle,b,c,d,e").split(",")),
        Integer.parseInt(given.getOrDefault("lose", String.valueOf(Math.max(1, hosts / 10)))),
        millis(given, "start-ms", 500), millis(given, "healthy-ms", 500), millis(given, "stop-ms", 200),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("idle-seconds", "60"))),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("steady-seconds", "600"))),
        Duration.ofSeconds(Long.parseLong(given.getOrDefault("timeout-seconds", "600"))),
        // what the hosts ask a blocking sync to wait for: the agent's 5 min; 5000 is what agents asked before
        // the control plane stretched its holds, to measure a server with them as it was
        millis(given, "sync-wait-ms", 300_000));
    given.keySet().removeAll(List.of("hosts", "launcher", "work", "services", "tasks", "scenarios", "lose", "start-ms",
        "healthy-ms", "stop-ms", "idle-seconds", "steady-seconds", "timeout-seconds", "sync-wait-ms"));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + given.keySet() + "; see scripts/bench-scale");
    }
    return options;
  }

  private static Duration millis(java.util.Map<String, String> given, String name, int fallback) {
    return Duration.ofMillis(Long.parseLong(given.getOrDefault(name, String.valueOf(fallback))));
  }

  String describe() {
    return hosts + " hosts, " + services + " services, " + tasks + " tasks; scenarios " + String.join(",", scenarios)
        + "; fake runtime: start " + startTime.toMillis() + " ms, healthy after " + healthyTime.toMillis()
        + " ms, stop " + stopTime.toMillis() + " ms; blocking syncs ask " + syncWait.toMillis() + " ms; " + Runtime.getRuntime().availableProcessors() + " cores";
  }
}
