package io.berth.dsl;

import io.berth.model.EfsAuthorizationConfig;
import io.berth.model.EfsVolumeConfiguration;
import io.berth.model.ModelPaths;
import io.berth.model.Toggle;
import java.util.Objects;
import java.util.Optional;

/**
 * An Amazon EFS volume, kept so ECS task definitions that use one can be declared and round-trip;
 * Berth's own agent does not mount EFS. E.g.
 * {@code e -> e.rootDirectory("/data").transitEncryption(Toggle.ENABLED).accessPoint("fsap-1").iam(Toggle.ENABLED)}.
 */
public final class EfsSpec {
  private final String path;
  private final CallSites sites;
  private Optional<String> rootDirectory = Optional.empty();
  private Optional<Toggle> transitEncryption = Optional.empty();
  private Optional<Integer> transitEncryptionPort = Optional.empty();
  private Optional<String> accessPointId = Optional.empty();
  private Optional<Toggle> iam = Optional.empty();

  EfsSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The directory of the file system mounted (default its root); must be {@code /} or unset with an access point. */
  public EfsSpec rootDirectory(String directory) {
    record("rootDirectory");
    rootDirectory = Optional.of(Objects.requireNonNull(directory, "rootDirectory == null"));
    return this;
  }

  /** Encrypts traffic to the file system; required by an access point or IAM authorization. */
  public EfsSpec transitEncryption(Toggle toggle) {
    record("transitEncryption");
    transitEncryption = Optional.of(Objects.requireNonNull(toggle, "transitEncryption == null"));
    return this;
  }

  /** The port encrypted traffic uses (needs transit encryption). */
  public EfsSpec transitEncryptionPort(int port) {
    record("transitEncryptionPort");
    transitEncryptionPort = Optional.of(port);
    return this;
  }

  /** Mounts through the EFS access point {@code accessPointId}. */
  public EfsSpec accessPoint(String accessPointId) {
    sites.record(ModelPaths.member(ModelPaths.member(path, "authorizationConfig"), "accessPointId"));
    this.accessPointId = Optional.of(Objects.requireNonNull(accessPointId, "accessPointId == null"));
    return this;
  }

  /** Mounts with the task role's IAM identity. */
  public EfsSpec iam(Toggle toggle) {
    sites.record(ModelPaths.member(ModelPaths.member(path, "authorizationConfig"), "iam"));
    iam = Optional.of(Objects.requireNonNull(toggle, "iam == null"));
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }

  EfsVolumeConfiguration build(String fileSystemId) {
    Optional<EfsAuthorizationConfig> authorization = accessPointId.isEmpty() && iam.isEmpty()
        ? Optional.empty()
        : Optional.of(new EfsAuthorizationConfig(accessPointId, iam));
    return new EfsVolumeConfiguration(fileSystemId, rootDirectory, transitEncryption, transitEncryptionPort,
        authorization);
  }
}
