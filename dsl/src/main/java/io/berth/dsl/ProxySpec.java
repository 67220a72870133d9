package io.berth.dsl;

import io.berth.model.KeyValuePair;
import io.berth.model.ModelPaths;
import io.berth.model.ProxyConfiguration;
import io.berth.model.ProxyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An App Mesh proxy configuration: the proxy's type and its properties, e.g.
 * {@code p -> p.type(ProxyType.APPMESH).property("IgnoredUID", "1337").property("AppPorts", "8080")}.
 */
public final class ProxySpec {
  private final String path;
  private final CallSites sites;
  private Optional<ProxyType> type = Optional.empty();
  private final List<KeyValuePair> properties = new ArrayList<>();

  ProxySpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The proxy type; {@code APPMESH} is the only one and ECS's default when unset. */
  public ProxySpec type(ProxyType type) {
    sites.record(ModelPaths.member(path, "type"));
    this.type = Optional.of(Objects.requireNonNull(type, "proxy type == null"));
    return this;
  }

  /** A proxy property such as {@code IgnoredUID}, {@code AppPorts}, {@code ProxyIngressPort}, {@code EgressIgnoredIPs}. */
  public ProxySpec property(String name, String value) {
    sites.record(ModelPaths.element(path, "properties", Objects.requireNonNull(name, "property name == null")));
    properties.add(new KeyValuePair(name, Objects.requireNonNull(value, "property value == null")));
    return this;
  }

  ProxyConfiguration build(String containerName) {
    return new ProxyConfiguration(type, containerName, properties);
  }
}
