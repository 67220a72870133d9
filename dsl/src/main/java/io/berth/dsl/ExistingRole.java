package io.berth.dsl;

import io.berth.model.ExternalReference;
import java.util.Objects;

/**
 * A role that exists outside the stack, from {@link Infra#existingRole}: an IAM role named by its
 * ARN, which the task definitions keep exactly as written (so the JSON still works with
 * {@code aws ecs register-task-definition}), or a Berth role of another stack, named by its name.
 * Berth records the reference; {@code berth plan} checks it against the state it plans.
 *
 * <pre>{@code
 * RoleReference exec = infra.existingRole("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
 * infra.taskDefinition("web").executionRole(exec);
 * }</pre>
 */
public final class ExistingRole implements RoleReference {
  private final ExternalReference reference;

  ExistingRole(ExternalReference reference) {
    this.reference = Objects.requireNonNull(reference, "reference == null");
  }

  /** The role's name: the last segment of its ARN, or the name it was given. */
  public String name() {
    return reference.name();
  }

  @Override
  public String arn() {
    return reference.roleArn();
  }
}
