package io.berth.dsl;

/**
 * A role a task definition or cluster can use: one declared in the stack ({@link Role}, from
 * {@link Infra#role}) or one that exists outside it ({@link ExistingRole}, from
 * {@link Infra#existingRole}).
 */
public sealed interface RoleReference permits Role, ExistingRole {
  /** The ARN task definitions carry for this role. */
  String arn();
}
