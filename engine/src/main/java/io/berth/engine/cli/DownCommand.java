package io.berth.engine.cli;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.api.ApiException;
import io.berth.engine.api.ControlPlaneClient;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.local.LocalCluster;
import io.berth.engine.local.UpFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code berth down}: stops the local cluster of {@code berth up} and removes its containers. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local cluster and remove its containers.")
public final class DownCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws Exception {
    Path work = Path.of("").toAbsolutePath();
    Optional<UpFile> found = UpFile.read(work);
    if (found.isEmpty()) {
      System.out.println("berth down: no local cluster here (" + UpFile.path(work) + " does not exist)");
      return 0;
    }
    UpFile up = found.get();
    // Only while it holds its lock is the file's pid surely berth up's: a dead one's may be reused.
    if (up.alive(work)) {
      Optional<ProcessHandle> process = ProcessHandle.of(up.pid());
      try {
        new ControlPlaneClient(URI.create(up.url()), up.adminToken()).post("/v1/shutdown", Map.of(), Map.class);
      } catch (ApiException e) {
        process.ifPresent(ProcessHandle::destroy);
      }
      System.out.println("berth down: stopping tasks of " + up.instanceIds().size() + " agents ...");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (up.alive(work) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (up.alive(work)) {
        process.ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    try (DockerClient docker = DockerEngine.connect()) {
      int removed = LocalCluster.removeContainers(docker, up.clusterId());
      if (removed > 0) {
        System.out.println("berth down: removed " + removed + " leftover containers");
      }
    }
    Files.deleteIfExists(UpFile.path(work));
    System.out.println("berth down: stopped " + up.url());
    return 0;
  }
}
