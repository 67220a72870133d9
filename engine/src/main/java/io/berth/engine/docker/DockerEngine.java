package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

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
}
