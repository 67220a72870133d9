package io.berth.engine.docker;

import java.util.Locale;
import java.util.Optional;

/** The stopped reason of a pull that failed, in ECS's words, with the fix. Pure. */
final class ImagePulls {
  private ImagePulls() {}

  /** Why pulling {@code image} (with {@code credentials}, if any) failed with {@code failure}, and what to do. */
  static String failure(String image, Optional<RegistryCredentials> credentials, Throwable failure) {
    String docker = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    boolean refused = docker.contains("unauthorized") || docker.contains("no basic auth credentials")
        || docker.contains("authentication required") || docker.contains("denied");
    if (refused && credentials.isEmpty()) {
      return "CannotPullContainerError: registry " + RegistryCredentials.registryOf(image) + " asks for credentials"
          + " to pull the image; set the container's repositoryCredentials to a secret holding"
          + " {\"username\": ..., \"password\": ...} that its execution role may read";
    }
    if (refused) {
      return "CannotPullContainerError: registry " + RegistryCredentials.registryOf(image) + " refused the"
          + " credentials of user " + credentials.get().username() + "; check the username and password in the"
          + " secret the container's repositoryCredentials names";
    }
    return "CannotPullContainerError: the image is not on this Docker engine and could not be pulled; build or"
        + " load it first (docker images lists what the engine has)";
  }
}
