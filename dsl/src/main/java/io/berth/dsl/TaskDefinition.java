package io.berth.dsl;

import io.berth.model.Compatibility;
import io.berth.model.CpuArchitecture;
import io.berth.model.EphemeralStorage;
import io.berth.model.InferenceAccelerator;
import io.berth.model.IpcMode;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.OsFamily;
import io.berth.model.PidMode;
import io.berth.model.ProxyConfiguration;
import io.berth.model.RuntimePlatform;
import io.berth.model.Tag;
import io.berth.model.TaskPlacementConstraint;
import io.berth.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A task definition declared in the stack: its containers, volumes, roles and resources, with
 * ECS's defaults (network mode {@code bridge}). Services take this handle, not the family name.
 *
 * <pre>{@code
 * TaskDefinition web = infra.taskDefinition("web")
 *     .networkMode(NetworkMode.BRIDGE).taskRole(webRole)
 *     .container("httpd", c -> c.image("local/shop-web:1.4").memory(256).portMapping(8080));
 * }</pre>
 */
public final class TaskDefinition {
  private final String family;
  private final CallSites sites;
  private Optional<String> taskRoleArn = Optional.empty();
  private Optional<String> executionRoleArn = Optional.empty();
  private NetworkMode networkMode = NetworkMode.BRIDGE;
  private final List<Container> containers = new ArrayList<>();
  private final List<Volume> volumes = new ArrayList<>();
  private final List<TaskPlacementConstraint> placementConstraints = new ArrayList<>();
  private List<Compatibility> requiresCompatibilities = List.of();
  private Optional<String> cpu = Optional.empty();
  private Optional<String> memory = Optional.empty();
  private final List<Tag> tags = new ArrayList<>();
  private Optional<PidMode> pidMode = Optional.empty();
  private Optional<IpcMode> ipcMode = Optional.empty();
  private Optional<EphemeralStorage> ephemeralStorage = Optional.empty();
  private Optional<RuntimePlatform> runtimePlatform = Optional.empty();
  private Optional<ProxyConfiguration> proxyConfiguration = Optional.empty();
  private final List<InferenceAccelerator> inferenceAccelerators = new ArrayList<>();
  private Optional<Boolean> enableFaultInjection = Optional.empty();

  TaskDefinition(String family, CallSites sites) {
    this.family = Objects.requireNonNull(family, "task definition family == null");
    this.sites = sites;
    sites.record(path());
  }

  /** The family name; revisions are numbered by the state store. */
  public String family() {
    return family;
  }

  /** How the task's containers are networked (default {@code bridge}). */
  public TaskDefinition networkMode(NetworkMode mode) {
    record("networkMode");
    networkMode = Objects.requireNonNull(mode, "networkMode == null");
    return this;
  }

  /** The role the running containers act with. */
  public TaskDefinition taskRole(RoleReference role) {
    record("taskRoleArn");
    taskRoleArn = Optional.of(Objects.requireNonNull(role, "task role == null").arn());
    return this;
  }

  /** The role the agent acts with on the task's behalf before it starts (reading its secrets). */
  public TaskDefinition executionRole(RoleReference role) {
    record("executionRoleArn");
    executionRoleArn = Optional.of(Objects.requireNonNull(role, "execution role == null").arn());
    return this;
  }

  /** Adds the container {@code name}, configured by {@code configure}; containers keep declaration order. */
  public TaskDefinition container(String name, Consumer<Container> configure) {
    Objects.requireNonNull(name, "container name == null");
    Objects.requireNonNull(configure, "configure == null");
    sites.record(ModelPaths.container(family, name));
    Container container = new Container(family, name, sites);
    configure.accept(container);
    containers.add(container);
    return this;
  }

  /** Task-level CPU units (e.g. 256, 1024); written as the string the API expects. */
  public TaskDefinition cpu(int units) {
    return cpu(Integer.toString(units));
  }

  /** Task-level CPU in any API spelling ("256", "0.25 vCPU"). */
  public TaskDefinition cpu(String cpu) {
    record("cpu");
    this.cpu = Optional.of(Objects.requireNonNull(cpu, "cpu == null"));
    return this;
  }

  /** Task-level memory in MiB; written as the string the API expects. */
  public TaskDefinition memory(int mib) {
    return memory(Integer.toString(mib));
  }

  /** Task-level memory in any API spelling ("512", "1 GB"). */
  public TaskDefinition memory(String memory) {
    record("memory");
    this.memory = Optional.of(Objects.requireNonNull(memory, "memory == null"));
    return this;
  }

  /** The launch types this definition must be valid for, e.g. {@code FARGATE}. */
  public TaskDefinition requiresCompatibilities(Compatibility... compatibilities) {
    record("requiresCompatibilities");
    requiresCompatibilities = List.of(compatibilities);
    return this;
  }

  /** Shares the process namespace with the host or among the task's containers. */
  public TaskDefinition pidMode(PidMode mode) {
    record("pidMode");
    pidMode = Optional.of(Objects.requireNonNull(mode, "pidMode == null"));
    return this;
  }

  /** Shares the IPC namespace with the host or among the task's containers. */
  public TaskDefinition ipcMode(IpcMode mode) {
    record("ipcMode");
    ipcMode = Optional.of(Objects.requireNonNull(mode, "ipcMode == null"));
    return this;
  }

  /** A Docker-managed volume: {@code v -> v.scope(VolumeScope.SHARED).autoprovision(true)}. */
  public TaskDefinition volume(String name, Consumer<VolumeSpec> configure) {
    Objects.requireNonNull(name, "volume name == null");
    sites.record(ModelPaths.volume(family, name));
    VolumeSpec spec = new VolumeSpec(ModelPaths.volume(family, name), sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    volumes.add(spec.build(name));
    return this;
  }

  /** A volume without configuration: Docker creates it for the task and removes it afterwards. */
  public TaskDefinition volume(String name) {
    return volume(name, v -> { });
  }

  /** A bind mount of the host directory {@code sourcePath}. */
  public TaskDefinition bindVolume(String name, String sourcePath) {
    Objects.requireNonNull(sourcePath, "sourcePath == null");
    return volume(name, v -> v.host(sourcePath));
  }

  /**
   * An Amazon EFS volume of the file system {@code fileSystemId}, kept for compatibility with ECS
   * task definitions (Berth's agent does not mount EFS):
   * {@code e -> e.transitEncryption(Toggle.ENABLED).accessPoint("fsap-1234").iam(Toggle.ENABLED)}.
   */
  public TaskDefinition efsVolume(String name, String fileSystemId, Consumer<EfsSpec> configure) {
    Objects.requireNonNull(name, "volume name == null");
    Objects.requireNonNull(fileSystemId, "fileSystemId == null");
    String volumePath = ModelPaths.volume(family, name);
    sites.record(volumePath);
    EfsSpec spec = new EfsSpec(ModelPaths.member(volumePath, "efsVolumeConfiguration"), sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    volumes.add(new Volume(name, Optional.empty(), Optional.empty(), Optional.of(spec.build(fileSystemId))));
    return this;
  }

  /** An Amazon EFS volume of the file system {@code fileSystemId}, mounted at its root without encryption. */
  public TaskDefinition efsVolume(String name, String fileSystemId) {
    return efsVolume(name, fileSystemId, e -> { });
  }

  /**
   * Routes the task's traffic through the App Mesh proxy container {@code containerName} (a container
   * of this task; the task needs network mode awsvpc):
   * {@code p -> p.type(ProxyType.APPMESH).property("IgnoredUID", "1337").property("AppPorts", "8080")}.
   */
  public TaskDefinition proxyConfiguration(String containerName, Consumer<ProxySpec> configure) {
    Objects.requireNonNull(containerName, "proxy containerName == null");
    record("proxyConfiguration");
    ProxySpec spec = new ProxySpec(ModelPaths.member(path(), "proxyConfiguration"), sites);
    Objects.requireNonNull(configure, "configure == null").accept(spec);
    proxyConfiguration = Optional.of(spec.build(containerName));
    return this;
  }

  /**
   * An Elastic Inference accelerator ({@code deviceType} such as {@code eia2.medium}) that containers
   * claim with {@code resourceRequirement(ResourceType.INFERENCEACCELERATOR, deviceName)}.
   */
  public TaskDefinition inferenceAccelerator(String deviceName, String deviceType) {
    Objects.requireNonNull(deviceName, "deviceName == null");
    sites.record(ModelPaths.element(path(), "inferenceAccelerators", deviceName));
    inferenceAccelerators.add(new InferenceAccelerator(deviceName,
        Objects.requireNonNull(deviceType, "deviceType == null")));
    return this;
  }

  /** Allows fault injection requests from the task's containers (ECS default false). */
  public TaskDefinition enableFaultInjection(boolean enable) {
    record("enableFaultInjection");
    enableFaultInjection = Optional.of(enable);
    return this;
  }

  /** A {@code memberOf} placement constraint in the cluster query language, for every task of this family. */
  public TaskDefinition memberOf(String expression) {
    sites.record(ModelPaths.element(path(), "placementConstraint", placementConstraints.size()));
    placementConstraints.add(new TaskPlacementConstraint("memberOf",
        Optional.of(Objects.requireNonNull(expression, "expression == null"))));
    return this;
  }

  /** A tag on the task definition. */
  public TaskDefinition tag(String key, String value) {
    sites.record(ModelPaths.element(path(), "tags", Objects.requireNonNull(key, "tag key == null")));
    tags.add(new Tag(key, Objects.requireNonNull(value, "tag value == null")));
    return this;
  }

  /** The CPU architecture and operating system the task needs. */
  public TaskDefinition runtimePlatform(CpuArchitecture architecture, OsFamily os) {
    record("runtimePlatform");
    runtimePlatform = Optional.of(new RuntimePlatform(Optional.ofNullable(architecture), Optional.ofNullable(os)));
    return this;
  }

  /** Scratch space per task in GiB. */
  public TaskDefinition ephemeralStorage(int gib) {
    record("ephemeralStorage");
    ephemeralStorage = Optional.of(new EphemeralStorage(gib));
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path(), member));
  }

  String path() {
    return ModelPaths.taskDefinition(family);
  }

  io.berth.model.TaskDefinition build() {
    return new io.berth.model.TaskDefinition(family, taskRoleArn, executionRoleArn, Optional.of(networkMode),
        containers.stream().map(Container::build).toList(), volumes, placementConstraints,
        requiresCompatibilities, cpu, memory, tags, pidMode, ipcMode, proxyConfiguration,
        inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection);
  }
}
