package io.berth.dsl;

import io.berth.model.Effect;
import io.berth.model.ModelPaths;
import io.berth.model.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A role declared in the stack: Allow/Deny statements, used as a task, execution or instance role
 * by passing this handle (never a name) to {@link TaskDefinition#taskRole}, {@link
 * TaskDefinition#executionRole} or {@link Cluster#instanceRole}.
 *
 * <pre>{@code
 * Role webRole = infra.role("web-task").allow("secrets:Read", "secret/shop/*");
 * }</pre>
 */
public final class Role implements RoleReference {
  private final String name;
  private final CallSites sites;
  private final List<PolicyStatement> statements = new ArrayList<>();

  Role(String name, CallSites sites) {
    this.name = Objects.requireNonNull(name, "role name == null");
    this.sites = sites;
    sites.record(path());
  }

  /** The role's name. */
  public String name() {
    return name;
  }

  /** The ARN task definitions refer to this role by. */
  @Override
  public String arn() {
    return io.berth.model.Role.arnOf(name);
  }

  /** Allows {@code action} (e.g. {@code secrets:Read}) on {@code resources} (patterns, {@code *} allowed). */
  public Role allow(String action, String... resources) {
    return statement(Effect.ALLOW, List.of(action), List.of(resources));
  }

  /** Allows every action of {@code actions} on every resource of {@code resources}. */
  public Role allow(List<String> actions, List<String> resources) {
    return statement(Effect.ALLOW, actions, resources);
  }

  /** Denies {@code action} on {@code resources}; an explicit Deny wins over any Allow. */
  public Role deny(String action, String... resources) {
    return statement(Effect.DENY, List.of(action), List.of(resources));
  }

  /** Denies every action of {@code actions} on every resource of {@code resources}. */
  public Role deny(List<String> actions, List<String> resources) {
    return statement(Effect.DENY, actions, resources);
  }

  private Role statement(Effect effect, List<String> actions, List<String> resources) {
    Objects.requireNonNull(actions, "actions == null");
    Objects.requireNonNull(resources, "resources == null");
    sites.record(ModelPaths.element(path(), "statements", statements.size()));
    statements.add(new PolicyStatement(effect, actions, resources));
    return this;
  }

  String path() {
    return ModelPaths.role(name);
  }

  io.berth.model.Role build() {
    return new io.berth.model.Role(name, statements);
  }
}
