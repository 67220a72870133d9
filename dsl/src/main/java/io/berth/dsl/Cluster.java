package io.berth.dsl;

import io.berth.model.InstanceGroup;
import io.berth.model.ModelPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A cluster declared in the stack, with the capacity {@code berth up} simulates and the plan's
 * scheduler dry-run places tasks on.
 *
 * <pre>{@code
 * Cluster prod = infra.cluster("prod")
 *     .capacity("std", 3, g -> g.cpu(2048).memory(4096).zones("zone-a", "zone-b", "zone-c"));
 * }</pre>
 */
public final class Cluster implements ClusterReference {
  private final String name;
  private final CallSites sites;
  private final List<InstanceGroup> capacity = new ArrayList<>();
  private Optional<String> instanceRoleArn = Optional.empty();

  Cluster(String name, CallSites sites) {
    this.name = Objects.requireNonNull(name, "cluster name == null");
    this.sites = sites;
    sites.record(path());
  }

  /** The cluster's name. */
  @Override
  public String name() {
    return name;
  }

  /**
   * Declares {@code count} hosts of one shape named {@code group}. Without {@code configure}
   * calls a host has 1024 cpu units and 2048 MiB, and no zone.
   */
  public Cluster capacity(String group, int count, Consumer<CapacitySpec> configure) {
    Objects.requireNonNull(group, "capacity group name == null");
    Objects.requireNonNull(configure, "configure == null");
    sites.record(ModelPaths.element(path(), "capacity", group));
    CapacitySpec spec = new CapacitySpec(ModelPaths.element(path(), "capacity", group), sites);
    configure.accept(spec);
    capacity.add(spec.build(group, count));
    return this;
  }

  /** Declares {@code count} hosts of the default shape (1024 cpu units, 2048 MiB). */
  public Cluster capacity(String group, int count) {
    return capacity(group, count, g -> { });
  }

  /** The role the cluster's agents act with against the control plane. */
  public Cluster instanceRole(RoleReference role) {
    Objects.requireNonNull(role, "instance role == null");
    sites.record(ModelPaths.member(path(), "instanceRoleArn"));
    instanceRoleArn = Optional.of(role.arn());
    return this;
  }

  String path() {
    return ModelPaths.cluster(name);
  }

  io.berth.model.Cluster build() {
    return new io.berth.model.Cluster(name, capacity, instanceRoleArn);
  }
}
