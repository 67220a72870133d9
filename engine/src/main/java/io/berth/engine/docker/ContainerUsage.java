package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One container's resource use from a single Docker stats sample: CPU in cores (1.0 = one full CPU)
 * over Docker's own sampling interval, and memory in bytes.
 *
 * <pre>{@code ContainerUsage.sample(docker, dockerId, Duration.ofSeconds(3)).map(ContainerUsage::cpuCores)}</pre>
 */
public record ContainerUsage(double cpuCores, long memoryBytes) {

  /**
   * Asks Docker for one stats sample (no stream); empty when the container is gone, Docker does not
   * answer within {@code timeout}, or the sample has no previous CPU reading to compare with.
   */
  public static Optional<ContainerUsage> sample(DockerClient docker, String dockerId, Duration timeout) {
    AtomicReference<Statistics> received = new AtomicReference<>();
    try (ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Statistics statistics) {
        received.compareAndSet(null, statistics);
      }
    }) {
      docker.statsCmd(dockerId).withNoStream(true).exec(callback);
      callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (DockerException | IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Optional.ofNullable(received.get()).flatMap(ContainerUsage::of);
  }

  /** The usage a stats sample shows; empty without both CPU readings. Pure, for tests. */
  static Optional<ContainerUsage> of(Statistics statistics) {
    CpuStatsConfig now = statistics.getCpuStats();
    CpuStatsConfig before = statistics.getPreCpuStats();
    if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
        || now.getSystemCpuUsage() == null || before.getSystemCpuUsage() == null
        || now.getCpuUsage().getTotalUsage() == null || before.getCpuUsage().getTotalUsage() == null) {
      return Optional.empty();
    }
    long cpuDelta = now.getCpuUsage().getTotalUsage() - before.getCpuUsage().getTotalUsage();
    long systemDelta = now.getSystemCpuUsage() - before.getSystemCpuUsage();
    if (systemDelta <= 0) {
      return Optional.empty();
    }
    long cpus = now.getOnlineCpus() != null && now.getOnlineCpus() > 0 ? now.getOnlineCpus()
        : now.getCpuUsage().getPercpuUsage() != null ? now.getCpuUsage().getPercpuUsage().size() : 1;
    double cores = Math.max(0, (double) cpuDelta / systemDelta * cpus);
    Long memory = statistics.getMemoryStats() == null ? null : statistics.getMemoryStats().getUsage();
    return Optional.of(new ContainerUsage(cores, memory == null ? 0 : memory));
  }
}
