package io.berth.dsl;

import io.berth.model.InstanceGroup;
import io.berth.model.ModelPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The shape of the hosts of one capacity group of a {@link Cluster}. */
public final class CapacitySpec {
  private final String path;
  private final CallSites sites;
  private int cpu = 1024;
  private int memory = 2048;
  private final List<String> zones = new ArrayList<>();
  private Optional<String> instanceType = Optional.empty();
  private final Map<String, String> attributes = new LinkedHashMap<>();

  CapacitySpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** CPU units per host (1024 = one core). */
  public CapacitySpec cpu(int units) {
    record("cpu");
    this.cpu = units;
    return this;
  }

  /** Memory per host in MiB. */
  public CapacitySpec memory(int mib) {
    record("memory");
    this.memory = mib;
    return this;
  }

  /** Zones the hosts are spread over round-robin (attribute {@code ecs.availability-zone}). */
  public CapacitySpec zones(String... zones) {
    record("zones");
    this.zones.addAll(List.of(zones));
    return this;
  }

  /** The hosts' instance type (attribute {@code ecs.instance-type}). */
  public CapacitySpec instanceType(String type) {
    record("instanceType");
    this.instanceType = Optional.of(Objects.requireNonNull(type, "instanceType == null"));
    return this;
  }

  /** A custom attribute every host of the group carries, for {@code memberOf} constraints. */
  public CapacitySpec attribute(String name, String value) {
    sites.record(ModelPaths.element(path, "attributes", String.valueOf(name)));
    attributes.put(Objects.requireNonNull(name, "attribute name == null"),
        Objects.requireNonNull(value, "attribute value == null"));
    return this;
  }

  InstanceGroup build(String name, int count) {
    return new InstanceGroup(name, count, cpu, memory, zones, instanceType, attributes);
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }
}
