package io.berth.engine.docker;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Docker needs to create one container of a task, computed from the task definition
 * before Docker is called. The environment may hold secret values, so {@link #toString()} names
 * the variables but never prints a value.
 *
 * @param dockerName the engine-wide container name
 * @param container the container's name in the task definition
 * @param stopTimeoutSeconds seconds between SIGTERM and SIGKILL
 */
public record ContainerBlueprint(
    String dockerName,
    String container,
    String image,
    List<String> environment,
    Map<String, String> labels,
    List<String> entryPoint,
    List<String> command,
    Optional<String> user,
    Optional<String> workingDirectory,
    Optional<String> hostname,
    Optional<HealthCheck> healthCheck,
    int stopTimeoutSeconds,
    boolean interactive,
    boolean pseudoTerminal,
    boolean networkDisabled,
    List<ExposedPort> exposedPorts,
    HostConfig hostConfig,
    List<String> networkAliases) {

  /** Defensive copies. */
  public ContainerBlueprint {
    environment = List.copyOf(environment);
    labels = Map.copyOf(labels);
    entryPoint = List.copyOf(entryPoint);
    command = List.copyOf(command);
    exposedPorts = List.copyOf(exposedPorts);
    networkAliases = List.copyOf(networkAliases);
  }

  /** The value of environment variable {@code name}, if set (tests and diagnostics). */
  public Optional<String> environmentValue(String name) {
    return environment.stream().filter(e -> e.startsWith(name + "="))
        .map(e -> e.substring(name.length() + 1)).findFirst();
  }

  @Override
  public String toString() {
    List<String> names = environment.stream().map(e -> e.substring(0, e.indexOf('=')) + "=***").toList();
    return "ContainerBlueprint[" + dockerName + ", image=" + image + ", environment=" + names + ", labels="
        + labels + ", entryPoint=" + entryPoint + ", command=" + command + "]";
  }
}
