package io.berth.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.engine.docker.DockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth down} in the first seconds of {@code berth up}, while the warm-up rehearses: no new
 * rehearsal starts, and the one under way ends and deletes its scratch directory before the cluster
 * is closed (a daemon thread cut off by the JVM's exit would leave it behind).
 */
@Tag("e2e")
class WarmUpShutdownTest {
  @TempDir Path work;

  @Test
  void closingTheClusterEndsTheWarmUpAndLeavesNoScratchDirectory() throws Exception {
    List<Path> before = scratchDirectories();
    try (var docker = DockerEngine.connect()) {
      LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(work, work.resolve(".berth/state"), 0, 1,
          List.of("zone-a"), 2048, 4096, Duration.ofSeconds(2), Duration.ofMillis(300), Map.of()));
      Thread warmUp = cluster.warmUpInBackground();
      // a rehearsal is under way once its scratch directory exists
      for (int i = 0; i < 100 && scratchDirectories().size() <= before.size(); i++) {
        Thread.sleep(50);
      }

      cluster.close();

      assertThat(warmUp.isAlive()).as("the warm-up after close").isFalse();
      assertThat(scratchDirectories()).as("scratch directories of the warm-up").isEqualTo(before);
    }
  }

  private static List<Path> scratchDirectories() throws Exception {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.filter(p -> p.getFileName().toString().startsWith("berth-warm-up")).sorted().toList();
    }
  }
}
