package io.berth.model;

import java.util.List;
import java.util.Optional;

/** A task definition: the RegisterTaskDefinition request members. Identity is family:revision; the revision is assigned by the state store. */
public record TaskDefinition(
    String family,
    Optional<String> taskRoleArn,
    Optional<String> executionRoleArn,
    Optional<NetworkMode> networkMode,
    List<ContainerDefinition> containerDefinitions,
    List<Volume> volumes,
    List<TaskPlacementConstraint> placementConstraints,
    List<Compatibility> requiresCompatibilities,
    Optional<String> cpu,
    Optional<String> memory,
    List<Tag> tags,
    Optional<PidMode> pidMode,
    Optional<IpcMode> ipcMode,
    Optional<ProxyConfiguration> proxyConfiguration,
    List<InferenceAccelerator> inferenceAccelerators,
    Optional<EphemeralStorage> ephemeralStorage,
    Optional<RuntimePlatform> runtimePlatform,
    Optional<Boolean> enableFaultInjection) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public TaskDefinition {
    Defaults.required(family, "family");
    taskRoleArn = Defaults.optional(taskRoleArn);
    executionRoleArn = Defaults.optional(executionRoleArn);
    networkMode = Defaults.optional(networkMode);
    containerDefinitions = Defaults.list(containerDefinitions);
    volumes = Defaults.list(volumes);
    placementConstraints = Defaults.list(placementConstraints);
    requiresCompatibilities = Defaults.list(requiresCompatibilities);
    cpu = Defaults.optional(cpu);
    memory = Defaults.optional(memory);
    tags = Defaults.list(tags);
    pidMode = Defaults.optional(pidMode);
    ipcMode = Defaults.optional(ipcMode);
    proxyConfiguration = Defaults.optional(proxyConfiguration);
    inferenceAccelerators = Defaults.list(inferenceAccelerators);
    ephemeralStorage = Defaults.optional(ephemeralStorage);
    runtimePlatform = Defaults.optional(runtimePlatform);
    enableFaultInjection = Defaults.optional(enableFaultInjection);
  }

  /** The network mode in effect: ECS's Linux default is bridge. */
  public NetworkMode effectiveNetworkMode() {
    return networkMode.orElse(NetworkMode.BRIDGE);
  }

  /** The container with this name, if the task definition has one. */
  public Optional<ContainerDefinition> container(String name) {
    return containerDefinitions.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
