package io.berth.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One container of a task definition, with the members of the ECS ContainerDefinition shape. */
public record ContainerDefinition(
    String name,
    Optional<String> image,
    Optional<RepositoryCredentials> repositoryCredentials,
    Optional<Integer> cpu,
    Optional<Integer> memory,
    Optional<Integer> memoryReservation,
    List<String> links,
    List<PortMapping> portMappings,
    Optional<Boolean> essential,
    Optional<RestartPolicy> restartPolicy,
    List<String> entryPoint,
    List<String> command,
    List<KeyValuePair> environment,
    List<EnvironmentFile> environmentFiles,
    List<MountPoint> mountPoints,
    List<VolumeFrom> volumesFrom,
    Optional<LinuxParameters> linuxParameters,
    List<Secret> secrets,
    List<ContainerDependency> dependsOn,
    Optional<Integer> startTimeout,
    Optional<Integer> stopTimeout,
    Optional<VersionConsistency> versionConsistency,
    Optional<String> hostname,
    Optional<String> user,
    Optional<String> workingDirectory,
    Optional<Boolean> disableNetworking,
    Optional<Boolean> privileged,
    Optional<Boolean> readonlyRootFilesystem,
    List<String> dnsServers,
    List<String> dnsSearchDomains,
    List<HostEntry> extraHosts,
    List<String> dockerSecurityOptions,
    Optional<Boolean> interactive,
    Optional<Boolean> pseudoTerminal,
    Map<String, String> dockerLabels,
    List<Ulimit> ulimits,
    Optional<LogConfiguration> logConfiguration,
    Optional<HealthCheck> healthCheck,
    List<SystemControl> systemControls,
    List<ResourceRequirement> resourceRequirements,
    Optional<FirelensConfiguration> firelensConfiguration,
    List<String> credentialSpecs) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public ContainerDefinition {
    Defaults.required(name, "name");
    image = Defaults.optional(image);
    repositoryCredentials = Defaults.optional(repositoryCredentials);
    cpu = Defaults.optional(cpu);
    memory = Defaults.optional(memory);
    memoryReservation = Defaults.optional(memoryReservation);
    links = Defaults.list(links);
    portMappings = Defaults.list(portMappings);
    essential = Defaults.optional(essential);
    restartPolicy = Defaults.optional(restartPolicy);
    entryPoint = Defaults.list(entryPoint);
    command = Defaults.list(command);
    environment = Defaults.list(environment);
    environmentFiles = Defaults.list(environmentFiles);
    mountPoints = Defaults.list(mountPoints);
    volumesFrom = Defaults.list(volumesFrom);
    linuxParameters = Defaults.optional(linuxParameters);
    secrets = Defaults.list(secrets);
    dependsOn = Defaults.list(dependsOn);
    startTimeout = Defaults.optional(startTimeout);
    stopTimeout = Defaults.optional(stopTimeout);
    versionConsistency = Defaults.optional(versionConsistency);
    hostname = Defaults.optional(hostname);
    user = Defaults.optional(user);
    workingDirectory = Defaults.optional(workingDirectory);
    disableNetworking = Defaults.optional(disableNetworking);
    privileged = Defaults.optional(privileged);
    readonlyRootFilesystem = Defaults.optional(readonlyRootFilesystem);
    dnsServers = Defaults.list(dnsServers);
    dnsSearchDomains = Defaults.list(dnsSearchDomains);
    extraHosts = Defaults.list(extraHosts);
    dockerSecurityOptions = Defaults.list(dockerSecurityOptions);
    interactive = Defaults.optional(interactive);
    pseudoTerminal = Defaults.optional(pseudoTerminal);
    dockerLabels = Defaults.map(dockerLabels);
    ulimits = Defaults.list(ulimits);
    logConfiguration = Defaults.optional(logConfiguration);
    healthCheck = Defaults.optional(healthCheck);
    systemControls = Defaults.list(systemControls);
    resourceRequirements = Defaults.list(resourceRequirements);
    firelensConfiguration = Defaults.optional(firelensConfiguration);
    credentialSpecs = Defaults.list(credentialSpecs);
  }

  /** Whether the task stops when this container stops; ECS's default is true. */
  public boolean isEssential() {
    return essential.orElse(true);
  }

  /** Memory the scheduler reserves for this container: the soft limit if set, else the hard limit, else 0. */
  public int reservedMemory() {
    return memoryReservation.or(() -> memory).orElse(0);
  }
}
