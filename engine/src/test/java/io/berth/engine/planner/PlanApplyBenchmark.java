package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import io.berth.engine.state.StateRepository;
import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.plans.Plan;
import io.berth.plans.file.PlanFile;
import io.berth.plans.file.SavedPlan;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: plans 5,000 services with their task definitions against a state holding
 * 5,000 (every image changed, so 5,000 new revisions and 5,000 service updates) and applies it.
 * Targets: plan under 2 s, apply under 1 s. Nothing here asserts a time. Run with
 * <pre>
 * mvn -q -B -o -pl plans,engine -am test -Dtest=PlanApplyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dberth.bench=true
 * </pre>
 * Figures go to stdout and {@code engine/target/bench/plan-apply.txt}; {@code scripts/bench-plan} runs
 * this and then times the real command line (a cold JVM per command).
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true")
class PlanApplyBenchmark {
  static final int SERVICES = 5_000;
  static final int ROUNDS = 4;

  @TempDir Path tmp;

  @Test
  void planAndApplyFiveThousandServices() throws IOException {
    Path dir = tmp.resolve("state");
    List<String> report = new ArrayList<>();
    try (StateRepository state = StateRepository.init(dir)) {
      long setup = System.nanoTime();
      new Planner(state, SchedulerDryRun.NONE).apply(new Planner(state, SchedulerDryRun.NONE).plan(desired(0)));
      report.add(String.format("setup: first apply of %d services + %d task definitions: %d ms, repo %s",
          SERVICES, SERVICES, ms(setup), size(dir)));
    }
    for (int round = 1; round <= ROUNDS; round++) {
      DesiredState desired = desired(round);
      long planStart = System.nanoTime();
      long planCpu = cpu();
      Plan plan;
      byte[] bytes;
      try (StateRepository state = StateRepository.open(dir)) {
        plan = new Planner(state, SchedulerDryRun.NONE).plan(desired);
        bytes = PlanFile.write(plan);
      }
      long planMs = ms(planStart);
      long planCpuMs = (cpu() - planCpu) / 1_000_000;
      long applyStart = System.nanoTime();
      long applyCpu = cpu();
      try (StateRepository state = StateRepository.open(dir)) {
        SavedPlan read = PlanFile.read(bytes, "plan.json");
        assertThat(new Planner(state, SchedulerDryRun.NONE).apply(read, read::planDigest)).isPresent();
      }
      long applyMs = ms(applyStart);
      long applyCpuMs = (cpu() - applyCpu) / 1_000_000;
      assertThat(plan.summary().change()).isEqualTo(2 * SERVICES);
      report.add(String.format("round %d: plan %d ms wall / %d ms process cpu (read state + diff + %.1f MB plan file),"
          + " apply %d ms wall / %d ms process cpu (read plan file + commit), repo %s", round, planMs, planCpuMs,
          bytes.length / 1e6, applyMs, applyCpuMs, size(dir)));
    }
    report.add("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cpus, load average " + ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage() + "; round 1 runs with little JIT warm-up (scripts/bench-plan also times cold commands)");
    report.forEach(System.out::println);
    Path out = Path.of("target/bench");
    Files.createDirectories(out);
    Files.write(out.resolve("plan-apply.txt"), report);
  }

  static DesiredState desired(int version) {
    List<TaskDefinition> definitions = new ArrayList<>(SERVICES);
    List<Service> services = new ArrayList<>(SERVICES);
    for (int i = 0; i < SERVICES; i++) {
      definitions.add(json("{'family':'app-" + i + "','containerDefinitions':[{'name':'app','image':'shop/app-" + i
          + ":" + version + "','memory':128,'portMappings':[{'containerPort':8080}],"
          + "'environment':[{'name':'PORT','value':'8080'}]}]}", TaskDefinition.class));
      services.add(json("{'serviceName':'app-" + i + "','cluster':'prod','taskDefinition':'app-" + i + "',"
          + "'schedulingStrategy':'REPLICA','desiredCount':2,"
          + "'deploymentConfiguration':{'maximumPercent':200,'minimumHealthyPercent':100}}", Service.class));
    }
    return new DesiredState(DesiredState.API_VERSION, "bench", List.of(json("{'name':'prod'}", Cluster.class)),
        List.of(), definitions, services, List.of());
  }

  static <T> T json(String json, Class<T> type) {
    try {
      return BerthJson.mapper().readValue(json.replace('\'', '"'), type);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** CPU time of this thread: on a shared, loaded machine it says more than wall time. */
  /** CPU time of the whole process: plan and apply work on every core, not only on this thread. */
  static long cpu() {
    return ((OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  static String size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      return String.format("%.1f MB", bytes / 1e6);
    }
  }

}
