package io.berth.model;

import java.util.List;

/** One statement of a role's policy: effect, actions and resources (wildcards * allowed). */
public record PolicyStatement(
    Effect effect,
    List<String> actions,
    List<String> resources) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public PolicyStatement {
    Defaults.required(effect, "effect");
    actions = Defaults.list(actions);
    resources = Defaults.list(resources);
  }
}
