package io.berth.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor's cost on a big stack: compiles a generated stack of 200 services (each with its
 * own task definition) with real javac, without the processor, with static checks only
 * ({@code -Aberth.evaluate=false}) and with evaluation, and prints the median times and overheads.
 * Target: evaluation adds under 1 s. Not part of the normal build (the name does not match the
 * test includes); run it with
 *
 * <pre>
 * mvn -q -B -o -pl processor -am test -Dtest=CompileBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Options: {@code -Dbench.services=200 -Dbench.rounds=7 -Dbench.warmups=3}.
 */
class CompileBenchmark {
  private static final int SERVICES = Integer.getInteger("bench.services", 200);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
  private static final int WARMUPS = Integer.getInteger("bench.warmups", 3);

  private enum Mode { NO_PROCESSOR, STATIC_CHECKS_ONLY, EVALUATION }

  @Test
  void compileABigStackWithAndWithoutEvaluation(@TempDir Path work) throws IOException {
    Path source = work.resolve("src/bench/BigStack.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, bigStack(SERVICES), StandardCharsets.UTF_8);

    for (int i = 0; i < WARMUPS; i++) {
      for (Mode mode : Mode.values()) {
        compile(mode, source, work.resolve("warmup-" + mode + i));
      }
    }
    List<List<Long>> wall = new ArrayList<>();
    List<List<Long>> cpu = new ArrayList<>();
    for (Mode ignored : Mode.values()) {
      wall.add(new ArrayList<>());
      cpu.add(new ArrayList<>());
    }
    // javac compiles on the calling thread, so its CPU time is a measure a loaded machine hardly skews
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < ROUNDS; round++) {
      for (Mode mode : Mode.values()) { // interleaved, so machine noise hits every mode alike
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        compile(mode, source, work.resolve("run-" + mode + round));
        cpu.get(mode.ordinal()).add((threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
        wall.get(mode.ordinal()).add((System.nanoTime() - start) / 1_000_000);
      }
    }
    assertThat(work.resolve("run-EVALUATION0/META-INF/berth/big/desired.json")).exists();

    System.out.printf(Locale.ROOT, "%nBerth processor benchmark: %d services, %d source lines, median of %d"
            + " rounds after %d warmups (javac %s, %d CPUs, load average %.1f)%n",
        SERVICES, Files.readAllLines(source).size(), ROUNDS, WARMUPS, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "  %-20s %8s %8s%n", "mode", "wall ms", "cpu ms");
    for (Mode mode : Mode.values()) {
      System.out.printf(Locale.ROOT, "  %-20s %8d %8d   wall %s%n", mode, median(wall.get(mode.ordinal())),
          median(cpu.get(mode.ordinal())), wall.get(mode.ordinal()));
    }
    System.out.printf(Locale.ROOT, "  processor overhead (evaluation vs no processor): wall %d ms, cpu %d ms%n",
        median(wall.get(2)) - median(wall.get(0)), median(cpu.get(2)) - median(cpu.get(0)));
    System.out.printf(Locale.ROOT, "  evaluation overhead (evaluation vs static checks): wall %d ms, cpu %d ms%n",
        median(wall.get(2)) - median(wall.get(1)), median(cpu.get(2)) - median(cpu.get(1)));
  }

  private static void compile(Mode mode, Path source, Path out) throws IOException {
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(List.of("-d", out.toString(),
          "-classpath", System.getProperty("java.class.path"), "--release", "17"));
      switch (mode) {
        case NO_PROCESSOR -> options.add("-proc:none");
        case STATIC_CHECKS_ONLY -> options.add("-Aberth.evaluate=false");
        default -> { }
      }
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjects(source.toFile()));
      if (mode != Mode.NO_PROCESSOR) {
        task.setProcessors(List.of(new BerthProcessor()));
      }
      boolean ok = task.call();
      assertThat(ok).as("%s: %s", mode, diagnostics.getDiagnostics()).isTrue();
    }
  }

  /** A stack of {@code services} services, each with its own two-container task definition. */
  static String bigStack(int services) {
    StringBuilder java = new StringBuilder(String.join("\n",
        "package bench;",
        "",
        "import io.berth.dsl.*;",
        "import io.berth.model.ContainerCondition;",
        "",
        "@Stack(\"big\")",
        "public final class BigStack implements StackDefinition {",
        "  @Override",
        "  public void define(Infra infra) {",
        "    Cluster prod = infra.cluster(\"prod\")",
        "        .capacity(\"std\", 50, g -> g.cpu(4096).memory(16384).zones(\"zone-a\", \"zone-b\", \"zone-c\"));",
        ""));
    for (int i = 0; i < services; i++) {
      String name = "svc-" + i;
      String var = "td" + i;
      java.append(String.format(Locale.ROOT, String.join("\n",
          "    TaskDefinition %2$s = infra.taskDefinition(\"%1$s\")",
          "        .container(\"app\", c -> c.image(\"local/%1$s:1.%3$d\").cpu(256).memory(256)",
          "            .portMapping(8080).env(\"SERVICE\", \"%1$s\")",
          "            .healthCheck(h -> h.shell(\"wget -q -O- localhost:8080/health\").interval(10)))",
          "        .container(\"sidecar\", c -> c.image(\"local/sidecar:2\").memoryReservation(32).essential(false)",
          "            .dependsOn(\"app\", ContainerCondition.HEALTHY));",
          "    infra.service(\"%1$s\", prod, %2$s).desiredCount(%4$d)",
          "        .placement(p -> p.spread(Field.ZONE).binpack(Resource.MEMORY))",
          "        .deployment(d -> d.minimumHealthyPercent(50).circuitBreaker(true, true))",
          // each service its own listener, as one cluster's listeners must be
          "        .loadBalancer(lb -> lb.container(\"app\", 8080).listenerPort(%5$d))",
          "        .autoScaling(a -> a.min(2).max(10).targetCpu(60));",
          ""), name, var, i, 2 + i % 3, 10000 + i));
    }
    return java.append("  }\n}\n").toString();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
