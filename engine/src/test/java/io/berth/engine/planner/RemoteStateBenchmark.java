package io.berth.engine.planner;

import io.berth.engine.state.ApplyCommit;
import io.berth.engine.state.StateAccess;
import io.berth.engine.state.StateLocation;
import io.berth.engine.state.StateRepository;
import io.berth.engine.testing.GitCli;
import io.berth.engine.testing.SshServer;
import io.berth.plans.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: where the time of a remote state goes, in one warm JVM, against an SSH
 * remote (Debian's sshd on loopback) holding the 5,000-service stack: opening (the fetch) with a
 * cold and a warm cache, and an apply of every image changed (commit + push) against the same apply
 * on a local copy. Nothing here asserts a time. Run with
 * <pre>
 * mvn -q -B -o -pl engine -am test -Dtest=RemoteStateBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dberth.bench=true
 * </pre>
 * {@code scripts/bench-remote-state} times the real command line (a cold JVM per command).
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true")
class RemoteStateBenchmark {
  static final int ROUNDS = 4;
  @TempDir Path tmp;

  @Test
  void openAndApplyAgainstAnSshRemote() throws Exception {
    List<String> report = new ArrayList<>();
    try (SshServer sshd = SshServer.start(tmp.resolve("sshd"))) {
      Path home = Files.createDirectories(tmp.resolve("home/.ssh")).getParent();
      Files.writeString(home.resolve(".ssh/known_hosts"), sshd.knownHostsLine());
      Map<String, String> env = Map.of("HOME", home.toString(), "BERTH_GIT_SSH_KEY", sshd.clientKey().toString());
      Path seed = tmp.resolve("seed.git");
      try (StateRepository state = StateRepository.init(seed)) {
        new Planner(state, SchedulerDryRun.NONE).apply(new Planner(state, SchedulerDryRun.NONE)
            .plan(PlanApplyBenchmark.desired(0)));
      }
      for (int round = 1; round <= ROUNDS; round++) {
        Path remote = tmp.resolve("remote-" + round + ".git");
        GitCli.run(tmp, "clone", "--quiet", "--bare", seed.toString(), remote.toString());
        Path local = tmp.resolve("local-" + round + ".git");
        GitCli.run(tmp, "clone", "--quiet", "--bare", seed.toString(), local.toString());
        StateAccess access = new StateAccess(StateLocation.parse(sshd.url(remote)), tmp.resolve("cache-" + round),
            false, env);

        long start = System.nanoTime();
        StateRepository cold = StateRepository.open(access, Clock.systemUTC());
        long coldOpen = ms(start);
        cold.close();
        start = System.nanoTime();
        StateRepository warm = StateRepository.open(access, Clock.systemUTC());
        long warmOpen = ms(start);
        Plan plan = new Planner(warm, SchedulerDryRun.NONE).plan(PlanApplyBenchmark.desired(round));
        start = System.nanoTime();
        warm.apply(plan.baseState(), plan.reads(), plan.target(), message());
        long remoteApply = ms(start);
        warm.close();

        long localApply;
        try (StateRepository onDisk = StateRepository.open(local)) {
          Plan onDiskPlan = new Planner(onDisk, SchedulerDryRun.NONE).plan(PlanApplyBenchmark.desired(round));
          start = System.nanoTime();
          onDisk.apply(onDiskPlan.baseState(), onDiskPlan.reads(), onDiskPlan.target(), message());
          localApply = ms(start);
        }
        report.add(String.format("round %d: open with a cold cache (shallow fetch of 5,000 services) %d ms, with a warm"
            + " cache %d ms; apply 10,000 changed documents: remote (commit + push) %d ms, local %d ms", round, coldOpen,
            warmOpen, remoteApply, localApply));
      }
    }
    report.forEach(System.out::println);
    Path out = Path.of("target/bench");
    Files.createDirectories(out);
    Files.write(out.resolve("remote-state-phases.txt"), report);
  }

  private static ApplyCommit message() {
    return new ApplyCommit("Plan: bench", "", "plan-bench", "sha256:0");
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
