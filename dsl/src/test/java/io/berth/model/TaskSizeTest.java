package io.berth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskSizeTest {
  @ParameterizedTest(name = "cpu \"{0}\" = {1}")
  @CsvSource({"256, 256", "'0.25 vCPU', 256", "'1 vCPU', 1024", "'2vcpu', 2048", "'  512 ', 512",
      "'0.3 vCPU', -1", "lots, -1", "'', -1", "'99999999999', -1"})
  void cpuSpellings(String text, int units) {
    assertThat(TaskSize.cpuUnits(text)).isEqualTo(units < 0 ? OptionalInt.empty() : OptionalInt.of(units));
  }

  @ParameterizedTest(name = "memory \"{0}\" = {1}")
  @CsvSource({"512, 512", "'1 GB', 1024", "'0.5 GB', 512", "'2GB', 2048", "'1 TB', -1", "'1.1 GB', -1"})
  void memorySpellings(String text, int mib) {
    assertThat(TaskSize.memoryMib(text)).isEqualTo(mib < 0 ? OptionalInt.empty() : OptionalInt.of(mib));
  }
}
