package io.berth.model;

import java.util.Map;

/** FireLens log router settings of a container. */
public record FirelensConfiguration(
    FirelensType type,
    Map<String, String> options) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public FirelensConfiguration {
    Defaults.required(type, "type");
    options = Defaults.map(options);
  }
}
