package io.berth.model;

import java.util.Optional;

/**
 * Something a stack uses but does not declare: a role or a cluster that exists outside it, named
 * by {@code infra.existingRole(...)} or {@code infra.existingCluster(...)}. A role may be named by
 * a full IAM ARN ({@code arn:aws:iam::123456789012:role/app}), which the task definitions keep as
 * written; a bare name refers to a Berth role declared elsewhere. The plan checks each reference
 * against the state it plans; the model only records it.
 *
 * @param kind what is referred to
 * @param name the role or cluster name (for a role ARN, its last path segment)
 * @param arn the role's ARN as written, when it was named by one
 */
public record ExternalReference(
    Kind kind,
    String name,
    Optional<String> arn) {

  /** The kinds of things a stack can refer to without declaring them. */
  public enum Kind {
    /** An IAM role (by ARN) or a Berth role of another stack (by name). */
    ROLE,
    /** A cluster of another stack, by name. */
    CLUSTER
  }

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ExternalReference {
    Defaults.required(kind, "kind");
    Defaults.required(name, "name");
    arn = Defaults.optional(arn);
  }

  /** The ARN task definitions carry for this role: the one written, else Berth's form of the name. */
  public String roleArn() {
    return arn.orElseGet(() -> Role.arnOf(name));
  }

  /** What the reference was written as: the ARN when there is one, else the name. */
  public String written() {
    return arn.orElse(name);
  }
}
