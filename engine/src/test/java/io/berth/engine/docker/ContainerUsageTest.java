package io.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import org.junit.jupiter.api.Test;

/** How a Docker stats sample becomes CPU cores and memory bytes. */
class ContainerUsageTest {
  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static Statistics stats(long total, long preTotal, long system, long preSystem, int cpus, long memory)
      throws Exception {
    return JSON.readValue("""
        {"cpu_stats":{"cpu_usage":{"total_usage":%d},"system_cpu_usage":%d,"online_cpus":%d},
         "precpu_stats":{"cpu_usage":{"total_usage":%d},"system_cpu_usage":%d},
         "memory_stats":{"usage":%d}}
        """.formatted(total, system, cpus, preTotal, preSystem, memory), Statistics.class);
  }

  @Test
  void cpuIsTheContainersShareOfTheSystemDeltaTimesTheOnlineCpus() throws Exception {
    // 0.5 s of container CPU while the 2-CPU system clocked 2 s: half a core.
    var usage = ContainerUsage.of(stats(1_500_000_000L, 1_000_000_000L, 12_000_000_000L, 10_000_000_000L, 2, 8_388_608));

    assertThat(usage).hasValueSatisfying(u -> {
      assertThat(u.cpuCores()).isEqualTo(0.5);
      assertThat(u.memoryBytes()).isEqualTo(8_388_608);
    });
  }

  @Test
  void aSampleWithoutAPreviousReadingHasNoUsage() throws Exception {
    assertThat(ContainerUsage.of(stats(1_500_000_000L, 0, 12_000_000_000L, 12_000_000_000L, 2, 1))).isEmpty();
    assertThat(ContainerUsage.of(JSON.readValue("{\"memory_stats\":{\"usage\":5}}", Statistics.class))).isEmpty();
  }
}
