package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Connects to the local Docker engine ({@code DOCKER_HOST}, else the default socket) with
 * docker-java's dependency-free transport. The response timeout is long because stopping a
 * container waits for its stopTimeout (up to two minutes in ECS) inside one request.
 */
public final class DockerEngine {
  private DockerEngine() {}

  /** A client for the engine named by the environment, or the default Unix socket. */
  public static DockerClient connect() {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(64)
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofMinutes(5))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /**
   * What a failure of a docker-java call means for the user, when it is the engine's and not a
   * bug: an engine that cannot be reached (the transport wraps the socket's error), or one that
   * answered with an error. Empty for anything else.
   */
  public static Optional<String> problem(RuntimeException e) {
    if (e instanceof DockerException docker) {
      String body = String.valueOf(docker.getMessage());
      String message = body.replaceFirst("(?s)^Status \\d+: ", "").replaceFirst("(?s)^\\{\"message\":\"(.*)\"}\\s*$", "$1");
      return Optional.of("the Docker engine refused the request (HTTP " + docker.getHttpStatus() + "): " + message.strip());
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        String host = DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
        return Optional.of("cannot reach the Docker engine at " + host + " ("
            + (io.getMessage() == null ? "no answer" : io.getMessage().toLowerCase(Locale.ROOT))
            + "); start it (scripts/docker-up does) or point DOCKER_HOST at it");
      }
    }
    return Optional.empty();
  }
}
