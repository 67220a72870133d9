package io.berth.engine.cli;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.docker.DockerEngine;
import io.berth.engine.local.ExampleImages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code berth images}: builds the examples' images locally (scratch + busybox, no registry). */
@Command(name = "images", mixinStandardHelpOptions = true,
    description = "Build the example images (berth-examples/webapp-httpd:1 and :2, berth-examples/broken:1) if missing.")
public final class ImagesCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    return RuntimeErrors.run(this::execute);
  }

  private Integer execute() throws Exception {
    try (DockerClient docker = DockerEngine.connect()) {
      for (String tag : ExampleImages.buildIfAbsent(docker)) {
        System.out.println("image " + tag + " ready");
      }
    }
    return 0;
  }
}
