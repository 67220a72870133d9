package io.berth.model;

/** Secret holding private registry credentials. */
public record RepositoryCredentials(
    String credentialsParameter) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public RepositoryCredentials {
    Defaults.required(credentialsParameter, "credentialsParameter");
  }
}
