package io.berth.engine.docker;

import io.berth.model.ContainerDefinition;
import io.berth.model.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a container reads through the task's execution role when it is created: its {@code secrets}
 * (environment values) and its registry credentials ({@code repositoryCredentials}). A secret that
 * cannot be read fails the task with ECS's reason, naming the secret but never a value.
 */
final class ContainerSecrets {
  private ContainerSecrets() {}

  /** The values of the container's secrets, by environment variable name. */
  static Map<String, String> environment(TaskSpec spec, ContainerDefinition container, SecretSource secrets) {
    Map<String, String> values = new HashMap<>();
    for (Secret secret : container.secrets()) {
      values.put(secret.name(), read(spec, container, secrets, secret.valueFrom(), "for " + secret.name()));
    }
    return values;
  }

  /** The credentials to pull the container's image with, when it names a secret holding them. */
  static Optional<RegistryCredentials> registry(TaskSpec spec, ContainerDefinition container, SecretSource secrets) {
    if (container.repositoryCredentials().isEmpty()) {
      return Optional.empty();
    }
    String parameter = container.repositoryCredentials().get().credentialsParameter();
    String value = read(spec, container, secrets, parameter, "for the registry credentials");
    try {
      return Optional.of(RegistryCredentials.parse(value));
    } catch (IllegalArgumentException e) {
      throw new TaskRuntimeException(spec.taskId(), container.name(), container.image().orElse(null),
          "ResourceInitializationError: secret " + parameter + " does not hold registry credentials: "
              + e.getMessage(), null);
    }
  }

  private static String read(TaskSpec spec, ContainerDefinition container, SecretSource secrets, String valueFrom,
      String purpose) {
    try {
      return secrets.value(spec.taskId(), valueFrom);
    } catch (RuntimeException e) {
      // The cause's message names the secret and the reason; it never carries the value.
      throw new TaskRuntimeException(spec.taskId(), container.name(), container.image().orElse(null),
          "ResourceInitializationError: cannot read secret " + valueFrom + " " + purpose + ": " + e.getMessage(),
          null);
    }
  }
}
