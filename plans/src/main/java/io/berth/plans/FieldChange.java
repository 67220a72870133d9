package io.berth.plans;

import java.util.Objects;
import java.util.Optional;

/**
 * One attribute of a resource before and after the plan, e.g.
 * {@code containerDefinitions[web].image: "shop:1" -> "shop:2"}. Values are compact JSON text so
 * that every renderer shows them the same way; an absent side is an attribute that appears or goes.
 */
public record FieldChange(String path, Optional<String> before, Optional<String> after) {

  /** Requires a path; absent sides are empty optionals. */
  public FieldChange {
    Objects.requireNonNull(path, "path == null");
    before = before == null ? Optional.empty() : before;
    after = after == null ? Optional.empty() : after;
  }

  /** An attribute the resource gains. */
  public static FieldChange added(String path, String after) {
    return new FieldChange(path, Optional.empty(), Optional.of(after));
  }

  /** An attribute the resource loses. */
  public static FieldChange removed(String path, String before) {
    return new FieldChange(path, Optional.of(before), Optional.empty());
  }

  /** An attribute whose value changes. */
  public static FieldChange changed(String path, String before, String after) {
    return new FieldChange(path, Optional.of(before), Optional.of(after));
  }
}
