package io.berth.dsl;

import io.berth.model.LogConfiguration;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A container's log configuration: a driver (default {@code json-file}), its options and secret options. */
public final class LogSpec {
  private final String path;
  private final CallSites sites;
  private LogDriver driver = LogDriver.JSON_FILE;
  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<Secret> secretOptions = new ArrayList<>();

  LogSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The Docker log driver. */
  public LogSpec driver(LogDriver driver) {
    sites.record(ModelPaths.member(path, "logDriver"));
    this.driver = Objects.requireNonNull(driver, "log driver == null");
    return this;
  }

  /** A driver option, e.g. {@code max-size = 10m}. */
  public LogSpec option(String name, String value) {
    sites.record(ModelPaths.element(path, "options", String.valueOf(name)));
    options.put(Objects.requireNonNull(name, "option name == null"), Objects.requireNonNull(value, "option value == null"));
    return this;
  }

  /** A driver option whose value is resolved from a secret at start. */
  public LogSpec secretOption(String name, String valueFrom) {
    sites.record(ModelPaths.element(path, "secretOptions", String.valueOf(name)));
    secretOptions.add(new Secret(Objects.requireNonNull(name, "option name == null"),
        Objects.requireNonNull(valueFrom, "valueFrom == null")));
    return this;
  }

  LogConfiguration build() {
    return new LogConfiguration(driver, options, secretOptions);
  }
}
