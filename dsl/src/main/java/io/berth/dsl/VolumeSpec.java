package io.berth.dsl;

import io.berth.model.DockerVolumeConfiguration;
import io.berth.model.HostVolume;
import io.berth.model.ModelPaths;
import io.berth.model.Volume;
import io.berth.model.VolumeScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A task volume: a bind mount ({@link #host}) or a Docker volume ({@link #scope} and friends).
 * With no call at all, Docker creates a volume for the task and removes it with the task.
 */
public final class VolumeSpec {
  private final String path;
  private final CallSites sites;
  private Optional<String> hostPath = Optional.empty();
  private Optional<VolumeScope> scope = Optional.empty();
  private Optional<Boolean> autoprovision = Optional.empty();
  private Optional<String> driver = Optional.empty();
  private final Map<String, String> driverOpts = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();

  VolumeSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** Binds the host directory {@code sourcePath}. */
  public VolumeSpec host(String sourcePath) {
    sites.record(ModelPaths.member(ModelPaths.member(path, "host"), "sourcePath"));
    hostPath = Optional.of(Objects.requireNonNull(sourcePath, "sourcePath == null"));
    return this;
  }

  /** A Docker volume living as long as the task ({@code TASK}) or kept and shared ({@code SHARED}). */
  public VolumeSpec scope(VolumeScope scope) {
    docker("scope");
    this.scope = Optional.of(Objects.requireNonNull(scope, "scope == null"));
    return this;
  }

  /** Creates a shared volume when it does not exist yet. */
  public VolumeSpec autoprovision(boolean autoprovision) {
    docker("autoprovision");
    this.autoprovision = Optional.of(autoprovision);
    return this;
  }

  /** The Docker volume driver (default {@code local}). */
  public VolumeSpec driver(String driver) {
    docker("driver");
    this.driver = Optional.of(Objects.requireNonNull(driver, "driver == null"));
    return this;
  }

  /** A driver option. */
  public VolumeSpec driverOpt(String name, String value) {
    docker("driverOpts");
    driverOpts.put(Objects.requireNonNull(name, "driverOpt name == null"), Objects.requireNonNull(value, "driverOpt value == null"));
    return this;
  }

  /** A label on the Docker volume. */
  public VolumeSpec label(String name, String value) {
    docker("labels");
    labels.put(Objects.requireNonNull(name, "label name == null"), Objects.requireNonNull(value, "label value == null"));
    return this;
  }

  private void docker(String member) {
    sites.record(ModelPaths.member(ModelPaths.member(path, "dockerVolumeConfiguration"), member));
  }

  Volume build(String name) {
    boolean docker = scope.isPresent() || autoprovision.isPresent() || driver.isPresent()
        || !driverOpts.isEmpty() || !labels.isEmpty();
    return new Volume(name,
        hostPath.map(path -> new HostVolume(Optional.of(path))),
        docker ? Optional.of(new DockerVolumeConfiguration(scope, autoprovision, driver, driverOpts, labels)) : Optional.empty(),
        Optional.empty());
  }
}
