package io.berth.dsl;

import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import io.berth.model.EnvironmentFile;
import io.berth.model.FirelensConfiguration;
import io.berth.model.HealthCheck;
import io.berth.model.HostEntry;
import io.berth.model.KeyValuePair;
import io.berth.model.LinuxParameters;
import io.berth.model.LogConfiguration;
import io.berth.model.MountPoint;
import io.berth.model.PortMapping;
import io.berth.model.RepositoryCredentials;
import io.berth.model.ResourceRequirement;
import io.berth.model.RestartPolicy;
import io.berth.model.Secret;
import io.berth.model.SystemControl;
import io.berth.model.Ulimit;
import io.berth.model.VersionConsistency;
import io.berth.model.VolumeFrom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of one container as its {@link Container} has set them so far, with ECS's defaults,
 * and their assembly into the immutable {@link ContainerDefinition}. {@code Container} is the
 * user's API over it: argument checks, call sites for diagnostics and the fluent chain; this class
 * is only the values, so that the model's members are listed once, next to the record they make.
 */
final class ContainerDraft {
  Optional<String> image = Optional.empty();
  Optional<RepositoryCredentials> repositoryCredentials = Optional.empty();
  Optional<Integer> cpu = Optional.empty();
  Optional<Integer> memory = Optional.empty();
  Optional<Integer> memoryReservation = Optional.empty();
  final List<String> links = new ArrayList<>();
  final List<PortMapping> portMappings = new ArrayList<>();
  boolean essential = true;
  Optional<RestartPolicy> restartPolicy = Optional.empty();
  List<String> entryPoint = List.of();
  List<String> command = List.of();
  final List<KeyValuePair> environment = new ArrayList<>();
  final List<EnvironmentFile> environmentFiles = new ArrayList<>();
  final List<MountPoint> mountPoints = new ArrayList<>();
  final List<VolumeFrom> volumesFrom = new ArrayList<>();
  Optional<LinuxParameters> linuxParameters = Optional.empty();
  final List<Secret> secrets = new ArrayList<>();
  final List<ContainerDependency> dependsOn = new ArrayList<>();
  Optional<Integer> startTimeout = Optional.empty();
  Optional<Integer> stopTimeout = Optional.empty();
  Optional<String> hostname = Optional.empty();
  Optional<String> user = Optional.empty();
  Optional<String> workingDirectory = Optional.empty();
  Optional<Boolean> disableNetworking = Optional.empty();
  Optional<Boolean> privileged = Optional.empty();
  Optional<Boolean> readonlyRootFilesystem = Optional.empty();
  final List<String> dnsServers = new ArrayList<>();
  final List<String> dnsSearchDomains = new ArrayList<>();
  final List<HostEntry> extraHosts = new ArrayList<>();
  final List<String> dockerSecurityOptions = new ArrayList<>();
  Optional<Boolean> interactive = Optional.empty();
  Optional<Boolean> pseudoTerminal = Optional.empty();
  final Map<String, String> dockerLabels = new LinkedHashMap<>();
  final List<Ulimit> ulimits = new ArrayList<>();
  Optional<LogConfiguration> logConfiguration = Optional.empty();
  Optional<HealthCheck> healthCheck = Optional.empty();
  final List<SystemControl> systemControls = new ArrayList<>();
  final List<ResourceRequirement> resourceRequirements = new ArrayList<>();
  Optional<VersionConsistency> versionConsistency = Optional.empty();
  Optional<FirelensConfiguration> firelensConfiguration = Optional.empty();
  final List<String> credentialSpecs = new ArrayList<>();

  /** The container named {@code name} with the members set so far. */
  ContainerDefinition build(String name) {
    return new ContainerDefinition(name, image, repositoryCredentials, cpu, memory, memoryReservation,
        links, portMappings, Optional.of(essential), restartPolicy, entryPoint, command, environment,
        environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout,
        stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged,
        readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions,
        interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck,
        systemControls, resourceRequirements, firelensConfiguration, credentialSpecs);
  }
}
