package io.berth.engine.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.local.ExampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite's run: {@code scripts/chaos --seed N --minutes M} runs this test with
 * {@code -Dchaos.seed} and {@code -Dchaos.minutes}; the test command runs it as the CI subset, seed
 * 26 for {@value #CI_SECONDS} s of faults (the first pass, every fault kind once, always completes
 * and takes longer than that on a 2-core machine; a quiet spell follows). The report goes to the
 * output and to {@code engine/target/chaos/report-<seed>.txt}; any invariant violation fails the test.
 */
@Tag("e2e")
class ChaosTest {
  static final int CI_SECONDS = 60;

  @Test
  void faultsAtRandomMomentsBreakNoInvariant() throws Exception {
    long seed = Long.getLong("chaos.seed", 26);
    Duration duration = System.getProperty("chaos.minutes") == null ? Duration.ofSeconds(CI_SECONDS)
        : Duration.ofSeconds(Math.round(Double.parseDouble(System.getProperty("chaos.minutes")) * 60));
    Path target = Path.of("target", "chaos").toAbsolutePath();
    Path work = Files.createDirectories(target).resolve("run-" + seed + "-" + System.currentTimeMillis());
    try (DockerClient docker = DockerEngine.connect()) {
      ExampleImages.buildIfAbsent(docker);
      ChaosRun.Report report = new ChaosRun(new ChaosRun.Options(seed, duration, 3, work), docker).run();
      System.out.print(report.text());
      Files.writeString(target.resolve("report-" + seed + ".txt"), report.text());
      assertThat(report.faultCount()).as(report.text()).isGreaterThan(0);
      assertThat(report.violations()).as(report.text()).isEmpty();
      assertThat(report.converged()).as(report.text()).isNotNull();
    }
  }
}
