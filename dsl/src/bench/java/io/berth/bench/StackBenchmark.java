package io.berth.bench;

import io.berth.dsl.Constraint;
import io.berth.dsl.Field;
import io.berth.dsl.Infra;
import io.berth.dsl.Resource;
import io.berth.dsl.StackEvaluation;
import io.berth.json.DesiredStateJson;
import io.berth.json.TaskDefinitionJson;
import io.berth.model.ContainerCondition;
import io.berth.model.TaskDefinition;
import io.berth.validation.Validator;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the annotation processor adds to a compile: evaluate a stack, validate it and write its JSON
 * (desired.json plus one file per task definition), for stacks of 10 to 1,000 services (each with
 * its own 3-container task definition, placement, a memberOf constraint and auto scaling).
 * Prints milliseconds per stack for each phase, the median of the measured rounds after warm-up.
 * Run with scripts/bench-dsl.
 */
public final class StackBenchmark {
  private StackBenchmark() {}

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {10, 100, 1000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(Locale.ROOT, "%8s %12s %12s %12s %12s %10s%n", "services", "evaluate ms", "validate ms",
        "write ms", "total ms", "json KiB");
    for (int size : sizes) {
      measure(size);
    }
  }

  private static void measure(int services) {
    int warmup = Math.max(5, 2000 / services);
    int rounds = Math.max(5, 1000 / services);
    for (int i = 0; i < warmup; i++) {
      run(services, new long[3]);
    }
    long[][] samples = new long[rounds][3];
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      bytes = run(services, samples[i]);
    }
    double evaluate = median(samples, 0);
    double validate = median(samples, 1);
    double write = median(samples, 2);
    System.out.printf(Locale.ROOT, "%8d %12.2f %12.2f %12.2f %12.2f %10d%n", services, evaluate, validate, write,
        evaluate + validate + write, bytes / 1024);
  }

  private static int run(int services, long[] nanos) {
    long t0 = System.nanoTime();
    StackEvaluation evaluation = Infra.evaluate("bench", infra -> {
      var cluster = infra.cluster("prod").capacity("std", 50, g -> g.cpu(4096).memory(16384).zones("a", "b", "c"));
      var role = infra.role("task").allow("secrets:Read", "secret/*");
      for (int s = 0; s < services; s++) {
        int listener = 10000 + s; // one cluster's listeners must differ (BerthListenerPort)
        var task = infra.taskDefinition("svc-" + s).taskRole(role).executionRole(role)
            .container("app", c -> c.image("local/app:1.0").cpu(256).memory(512).portMapping(8080)
                .env("MODE", "prod").secret("DB", "secret/db")
                .healthCheck(h -> h.shell("wget -q -O- localhost:8080/health").interval(10)))
            .container("sidecar", c -> c.image("local/side:1").memoryReservation(64).essential(false)
                .dependsOn("app", ContainerCondition.HEALTHY))
            .container("init", c -> c.image("local/init:1").memoryReservation(32).essential(false));
        infra.service("svc-" + s, cluster, task).desiredCount(3)
            .placement(p -> p.spread(Field.ZONE).binpack(Resource.MEMORY))
            .constraint(Constraint.memberOf("attribute:ecs.instance-type =~ t3.* and not(task:group == batch)"))
            .deployment(d -> d.minimumHealthyPercent(50).circuitBreaker(true))
            .loadBalancer(lb -> lb.container("app", 8080).listenerPort(listener))
            .autoScaling(a -> a.min(2).max(10).targetCpu(60).scheduled("night", "cron(0 22 * * ? *)", 1, 2));
      }
    });
    long t1 = System.nanoTime();
    var errors = Validator.errors(Validator.validate(evaluation.state(), evaluation.sources()));
    if (!errors.isEmpty()) {
      // the first error says which rule the generated stack now breaks
      throw new IllegalStateException("benchmark stack is invalid: " + errors.size() + " errors, the first: "
          + errors.get(0));
    }
    long t2 = System.nanoTime();
    int bytes = DesiredStateJson.write(evaluation.state()).length();
    for (TaskDefinition task : evaluation.state().taskDefinitions()) {
      bytes += TaskDefinitionJson.write(task).length();
    }
    long t3 = System.nanoTime();
    nanos[0] = t1 - t0;
    nanos[1] = t2 - t1;
    nanos[2] = t3 - t2;
    return bytes;
  }

  private static double median(long[][] samples, int column) {
    long[] values = Arrays.stream(samples).mapToLong(s -> s[column]).sorted().toArray();
    return values[values.length / 2] / 1e6;
  }
}
