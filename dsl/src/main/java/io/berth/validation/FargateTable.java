package io.berth.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The published FARGATE task cpu -> allowed memory (MiB) combinations. */
final class FargateTable {
  private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = new TreeMap<>(Map.of(
      256, List.of(512, 1024, 2048),
      512, steps(1024, 4096, 1024),
      1024, steps(2048, 8192, 1024),
      2048, steps(4096, 16384, 1024),
      4096, steps(8192, 30720, 1024),
      8192, steps(16384, 61440, 4096),
      16384, steps(32768, 122880, 8192)));

  private FargateTable() {}

  private static List<Integer> steps(int from, int to, int step) {
    return IntStream.iterate(from, m -> m <= to, m -> m + step).boxed().toList();
  }

  /** Allowed memory values for {@code cpu}, or empty when FARGATE has no such cpu size. */
  static Optional<List<Integer>> memoryFor(int cpu) {
    return Optional.ofNullable(MEMORY_BY_CPU.get(cpu));
  }

  static String cpuSizes() {
    return MEMORY_BY_CPU.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** A short human description of a memory list: "512, 1024, 2048" or "2048-8192 in steps of 1024". */
  static String describe(List<Integer> memory) {
    if (memory.size() <= 3) {
      return memory.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    return memory.get(0) + "-" + memory.get(memory.size() - 1) + " in steps of " + (memory.get(1) - memory.get(0));
  }
}
