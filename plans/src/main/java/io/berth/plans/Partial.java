package io.berth.plans;

import java.util.List;
import java.util.Objects;

/**
 * What a partial plan ({@code berth plan --only service/web}) covers, as {@code terraform plan
 * -target} does: the resources asked for and those they need that it planned with them (a service's
 * task definition and cluster, a task definition's roles). Everything else in the stack stays as the
 * last apply left it, even where the desired state differs.
 *
 * @param only the resources asked for, in the order given
 * @param dependencies what they need, planned with them, in dependency order
 */
public record Partial(List<ResourceAddress> only, List<ResourceAddress> dependencies) {
  /** Copies the lists; a partial plan asks for something. */
  public Partial {
    only = List.copyOf(Objects.requireNonNull(only, "only == null"));
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    if (only.isEmpty()) {
      throw new IllegalArgumentException("a partial plan names at least one resource");
    }
  }
}
