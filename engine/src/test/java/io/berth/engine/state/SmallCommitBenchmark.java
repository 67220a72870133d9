package io.berth.engine.state;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: the runtime ref's small commits during a rolling update, 10 task documents
 * changed in a state of 40, in a repository that already holds a pack. Prints the median and 90th
 * percentile of 200 commits (wall and the thread's CPU), after 50 to warm up; nothing here asserts a
 * time. Run with
 * <pre>
 * mvn -q -B -o -pl engine -am test -Dtest=SmallCommitBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dberth.bench=true
 * </pre>
 * Two shapes: {@code GitTrees.commit} and the ref update with the 10 changes and 30 kept files (14
 * objects), and {@link RuntimeStore#commitIfChanged} given the whole state, as the control plane's
 * snapshot store calls it.
 */
@EnabledIfSystemProperty(named = "berth.bench", matches = "true")
class SmallCommitBenchmark {
  static final int FILES = 40;
  static final int CHANGED = 10;
  static final int WARMUP = 50;
  static final int COMMITS = 200;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @TempDir Path tmp;

  @Test
  void tenChangedDocumentsOfForty() throws IOException {
    StateRepository.init(tmp.resolve("trees")).close();
    try (Repository repo = new RepositoryBuilder().setGitDir(tmp.resolve("trees").toFile()).setMustExist(true).build()) {
      Map<String, byte[]> big = new TreeMap<>();
      for (int i = 0; i < 200; i++) {
        big.put("seed/" + i + ".json", document("seed", i, 0));
      }
      // a large write first, as an apply leaves it: the object database then has a pack to search
      ObjectId tip = GitTrees.commit(repo, big, Map.of(), Optional.empty(), "seed\n", Instant.EPOCH);
      Map<String, ObjectId> files = new TreeMap<>();
      for (int i = 0; i < FILES; i++) {
        files.put(path(i), GitTrees.blobId(document("t", i, 0)));
      }
      Map<String, byte[]> all = new TreeMap<>();
      for (int i = 0; i < FILES; i++) {
        all.put(path(i), document("t", i, 0));
      }
      tip = GitTrees.commit(repo, all, Map.of(), Optional.of(tip), "40\n", Instant.EPOCH);
      long[] times = new long[COMMITS];
      long[] cpu = new long[COMMITS];
      long[] objects = new long[COMMITS];
      for (int round = 1; round <= WARMUP + COMMITS; round++) {
        Map<String, byte[]> content = new TreeMap<>();
        Map<String, ObjectId> kept = new TreeMap<>(files);
        for (int i = 0; i < CHANGED; i++) {
          int file = (round * CHANGED + i) % FILES;
          content.put(path(file), document("t", file, round));
          kept.remove(path(file));
        }
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        ObjectId next = GitTrees.commit(repo, content, kept, Optional.of(tip), "round " + round + "\n",
            Instant.ofEpochSecond(round));
        long written = System.nanoTime();
        GitRefs.compareAndSwap(repo, StateRepository.RUNTIME, round == 1 ? Optional.empty() : Optional.of(tip), next,
            "bench");
        if (round > WARMUP) {
          times[round - WARMUP - 1] = System.nanoTime() - start;
          cpu[round - WARMUP - 1] = THREADS.getCurrentThreadCpuTime() - startCpu;
          objects[round - WARMUP - 1] = written - start;
        }
        tip = next;
        content.forEach((path, bytes) -> files.put(path, GitTrees.blobId(bytes)));
      }
      report("GitTrees.commit + ref update, 10 changed of 40", times, cpu);
      Arrays.sort(objects);
      System.out.printf("  of which GitTrees.commit alone: wall median %.3f ms%n", objects[COMMITS / 2] / 1e6);
    }
  }

  @Test
  void aSnapshotStoreReplacementWithTenChangedDocumentsOfForty() throws IOException {
    Path dir = tmp.resolve("runtime");
    StateRepository.init(dir).close();
    try (Repository repo = new RepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
      Map<String, byte[]> big = new TreeMap<>();
      for (int i = 0; i < 200; i++) {
        big.put("seed/" + i + ".json", document("seed", i, 0));
      }
      GitTrees.commit(repo, big, Map.of(), Optional.empty(), "seed\n", Instant.EPOCH);
    }
    try (StateRepository state = StateRepository.open(dir)) {
      RuntimeStore runtime = state.runtime();
      Map<String, byte[]> documents = new TreeMap<>();
      for (int i = 0; i < FILES; i++) {
        documents.put(path(i), document("t", i, 0));
      }
      Optional<String> tip = Optional.of(runtime.commit(batch(Optional.empty(), documents, "40")));
      long[] times = new long[COMMITS];
      long[] cpu = new long[COMMITS];
      for (int round = 1; round <= WARMUP + COMMITS; round++) {
        for (int i = 0; i < CHANGED; i++) {
          int file = (round * CHANGED + i) % FILES;
          documents.put(path(file), document("t", file, round));
        }
        RuntimeBatch batch = batch(tip, documents, "round " + round);
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        tip = runtime.commitIfChanged(batch);
        if (round > WARMUP) {
          times[round - WARMUP - 1] = System.nanoTime() - start;
          cpu[round - WARMUP - 1] = THREADS.getCurrentThreadCpuTime() - startCpu;
        }
      }
      report("RuntimeStore.commitIfChanged, whole state of 40, 10 changed", times, cpu);
    }
  }

  private static RuntimeBatch batch(Optional<String> base, Map<String, byte[]> documents, String message) {
    Map<String, Optional<byte[]>> edits = new LinkedHashMap<>();
    documents.forEach((path, bytes) -> edits.put(path, Optional.of(bytes)));
    return new RuntimeBatch(base, message, edits, true);
  }

  private static String path(int i) {
    return "tasks/prod/t-" + i + ".json";
  }

  /** A task document of about 600 bytes, different per file and round. */
  private static byte[] document(String kind, int i, int round) {
    StringBuilder json = new StringBuilder("{\"taskId\":\"" + kind + "-" + i + "\",\"round\":" + round
        + ",\"lastStatus\":\"RUNNING\",\"containers\":[");
    for (int c = 0; c < 4; c++) {
      json.append(c == 0 ? "" : ",").append("{\"name\":\"app-").append(c).append("\",\"image\":\"registry.local/app:")
          .append(round).append("\",\"containerId\":\"").append(Integer.toHexString(i * 7919 + c * 104729 + round))
          .append("\",\"ports\":[8080,8443],\"health\":\"HEALTHY\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void report(String what, long[] times, long[] cpu) {
    long[] wall = times.clone();
    Arrays.sort(wall);
    long[] thread = cpu.clone();
    Arrays.sort(thread);
    System.out.printf("%s: wall median %.3f ms (p90 %.3f), thread CPU median %.3f ms (p90 %.3f), %d commits%n",
        what, wall[wall.length / 2] / 1e6, wall[wall.length * 9 / 10] / 1e6, thread[thread.length / 2] / 1e6,
        thread[thread.length * 9 / 10] / 1e6, wall.length);
  }
}
