package io.berth.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * A private registry's user name and password, as ECS keeps them in the secret a container's
 * {@code repositoryCredentials.credentialsParameter} names: {@code {"username": ..., "password": ...}}.
 * {@link #toString()} never shows the password.
 */
public record RegistryCredentials(String username, String password) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Both parts are required. */
  public RegistryCredentials {
    Objects.requireNonNull(username, "username == null");
    Objects.requireNonNull(password, "password == null");
  }

  /**
   * Reads a secret's value.
   *
   * @throws IllegalArgumentException saying what is missing, without quoting the value
   */
  public static RegistryCredentials parse(String secret) {
    JsonNode json;
    try {
      json = JSON.readTree(secret);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("expected a JSON object {\"username\": ..., \"password\": ...}");
    }
    if (!json.path("username").isTextual() || !json.path("password").isTextual()) {
      throw new IllegalArgumentException("expected the text members \"username\" and \"password\"");
    }
    return new RegistryCredentials(json.get("username").asText(), json.get("password").asText());
  }

  /**
   * The registry an image reference names, as Docker reads it: the part before the first {@code /}
   * when it holds a {@code .} or {@code :} or is {@code localhost}, else Docker Hub.
   */
  public static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return "docker.io";
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=***]";
  }
}
