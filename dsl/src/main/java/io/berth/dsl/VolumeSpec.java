package io.berth.dsl;

import io.berth.model.DockerVolumeConfiguration;
import io.berth.model.HostVolume;
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
  private Optional<String> hostPath = Optional.empty();
  private Optional<VolumeScope> scope = Optional.empty();
  private Optional<Boolean> autoprovision = Optional.empty();
  private Optional<String> driver = Optional.empty();
  private final Map<String, String> driverOpts = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();

  VolumeSpec() {}

  /** Binds the host directory {@code sourcePath}. */
  public VolumeSpec host(String sourcePath) {
    hostPath = Optional.of(Objects.requireNonNull(sourcePath, "sourcePath == null"));
    return this;
  }

  /** A Docker volume living as long as the task ({@code TASK}) or kept and shared ({@code SHARED}). */
  public VolumeSpec scope(VolumeScope scope) {
    this.scope = Optional.of(Objects.requireNonNull(scope, "scope == null"));
    return this;
  }

  /** Creates a shared volume when it does not exist yet. */
  public VolumeSpec autoprovision(boolean autoprovision) {
    this.autoprovision = Optional.of(autoprovision);
    return this;
  }

  /** The Docker volume driver (default {@code local}). */
  public VolumeSpec driver(String driver) {
    this.driver = Optional.of(Objects.requireNonNull(driver, "driver == null"));
    return this;
  }

  /** A driver option. */
  public VolumeSpec driverOpt(String name, String value) {
    driverOpts.put(Objects.requireNonNull(name, "driverOpt name == null"), Objects.requireNonNull(value, "driverOpt value == null"));
    return this;
  }

  /** A label on the Docker volume. */
  public VolumeSpec label(String name, String value) {
    labels.put(Objects.requireNonNull(name, "label name == null"), Objects.requireNonNull(value, "label value == null"));
    return this;
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
