package io.berth.engine.local;

import com.github.dockerjava.api.DockerClient;
import io.berth.engine.docker.BusyboxImage;
import java.util.List;

/**
 * The images the examples, the quickstart, the E2E tests and the benchmark use, built locally from
 * scratch + static busybox (no registry): the web server in two versions (so an image change is a
 * real rollout) and a broken one that exits 1 at once (to trip the circuit breaker).
 */
public final class ExampleImages {
  /** The webapp example's image. */
  public static final String WEBAPP_1 = "berth-examples/webapp-httpd:1";
  /** The same server answering with another body: an image change. */
  public static final String WEBAPP_2 = "berth-examples/webapp-httpd:2";
  /** Exits 1 immediately. */
  public static final String BROKEN = "berth-examples/broken:1";

  private ExampleImages() {}

  /** Builds the images the engine does not have yet; returns their tags. */
  public static List<String> buildIfAbsent(DockerClient docker) {
    return List.of(
        BusyboxImage.webapp(WEBAPP_1, "hello from berth (v1)").buildIfAbsent(docker),
        BusyboxImage.webapp(WEBAPP_2, "hello from berth (v2)").buildIfAbsent(docker),
        BusyboxImage.named(BROKEN).cmd("sh", "-c", "echo broken on purpose; exit 1").buildIfAbsent(docker));
  }
}
