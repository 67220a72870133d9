package io.berth.plans;

import java.util.Comparator;
import java.util.Objects;

/**
 * Names one resource of a stack: its type and id. Ids are the resource's name, except services and
 * scaling ({@code <cluster>/<service>}); task definitions are addressed by family, the revision
 * being a field of the change.
 */
public record ResourceAddress(ResourceKind type, String id) implements Comparable<ResourceAddress> {

  private static final Comparator<ResourceAddress> ORDER =
      Comparator.comparing(ResourceAddress::type).thenComparing(ResourceAddress::id);

  /** Requires both parts. */
  public ResourceAddress {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(id, "id == null");
  }

  /** Dependency order first, then id, so plans list resources deterministically. */
  @Override
  public int compareTo(ResourceAddress other) {
    return ORDER.compare(this, other);
  }

  /** {@code service "prod/web"}: how renderings and error messages name the resource. */
  @Override
  public String toString() {
    return type.label() + " \"" + id + "\"";
  }
}
