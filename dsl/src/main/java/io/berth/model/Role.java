package io.berth.model;

import java.util.List;

/** A role: a named set of policy statements, used as task, execution or instance role. */
public record Role(
    String name,
    List<PolicyStatement> statements) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public Role {
    Defaults.required(name, "name");
    statements = Defaults.list(statements);
  }

  /** The ARN Berth writes into task definitions for this role. */
  public String arn() {
    return arnOf(name);
  }

  /** The ARN of the role with this name: {@code arn:berth:iam::role/<name>}. */
  public static String arnOf(String roleName) {
    return ARN_PREFIX + roleName;
  }

  /** Prefix of the ARNs of roles declared in a Berth stack. */
  public static final String ARN_PREFIX = "arn:berth:iam::role/";
}
