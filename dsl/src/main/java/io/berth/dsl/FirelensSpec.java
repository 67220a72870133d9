package io.berth.dsl;

import io.berth.model.FirelensConfiguration;
import io.berth.model.FirelensType;
import io.berth.model.ModelPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A FireLens log router: the router's type and its options, e.g.
 * {@code f -> f.type(FirelensType.FLUENTBIT).option("enable-ecs-log-metadata", "true")}. Other containers of
 * the task send their logs to it with the {@code awsfirelens} log driver.
 */
public final class FirelensSpec {
  private final String path;
  private final CallSites sites;
  private FirelensType type = FirelensType.FLUENTBIT;
  private final Map<String, String> options = new LinkedHashMap<>();

  FirelensSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The router: {@code fluentbit} (the default) or {@code fluentd}. */
  public FirelensSpec type(FirelensType type) {
    sites.record(ModelPaths.member(path, "type"));
    this.type = Objects.requireNonNull(type, "firelens type == null");
    return this;
  }

  /** A router option, e.g. {@code config-file-type = file}. */
  public FirelensSpec option(String name, String value) {
    sites.record(ModelPaths.element(path, "options", Objects.requireNonNull(name, "option name == null")));
    options.put(name, Objects.requireNonNull(value, "option value == null"));
    return this;
  }

  FirelensConfiguration build() {
    return new FirelensConfiguration(type, options);
  }
}
