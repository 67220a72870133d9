package io.berth.dsl;

/** What a {@link Stack} class implements: declares its resources on the given {@link Infra}. */
@FunctionalInterface
public interface StackDefinition {
  /** Declares the stack's clusters, roles, task definitions, services and scaling on {@code infra}. */
  void define(Infra infra);
}
