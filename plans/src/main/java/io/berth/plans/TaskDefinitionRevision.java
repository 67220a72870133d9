package io.berth.plans;

import io.berth.model.TaskDefinition;
import java.util.Objects;

/** A registered, immutable task definition: {@code family:revision} and its content. */
public record TaskDefinitionRevision(int revision, TaskDefinition definition) {

  /** Revisions are numbered from 1. */
  public TaskDefinitionRevision {
    Objects.requireNonNull(definition, "definition == null");
    if (revision < 1) {
      throw new IllegalArgumentException("revision of " + definition.family() + " must be >= 1, was " + revision);
    }
  }

  /** The family, e.g. {@code web}. */
  public String family() {
    return definition.family();
  }

  /** {@code web:3}, the form services refer to. */
  public String arn() {
    return family() + ":" + revision;
  }
}
