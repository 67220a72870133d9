package io.berth.dsl;

import io.berth.model.ContainerCondition;
import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import io.berth.model.EnvironmentFile;
import io.berth.model.EnvironmentFileType;
import io.berth.model.FirelensConfiguration;
import io.berth.model.FirelensType;
import io.berth.model.HostEntry;
import io.berth.model.KeyValuePair;
import io.berth.model.LinuxParameters;
import io.berth.model.LogConfiguration;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.MountPoint;
import io.berth.model.PortMapping;
import io.berth.model.RepositoryCredentials;
import io.berth.model.ResourceRequirement;
import io.berth.model.ResourceType;
import io.berth.model.RestartPolicy;
import io.berth.model.Secret;
import io.berth.model.SystemControl;
import io.berth.model.TransportProtocol;
import io.berth.model.Ulimit;
import io.berth.model.UlimitName;
import io.berth.model.VersionConsistency;
import io.berth.model.VolumeFrom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One container of a {@link TaskDefinition}, configured in the lambda passed to
 * {@link TaskDefinition#container}. Members and defaults are ECS's: {@code essential} is true
 * unless turned off.
 *
 * <pre>{@code
 * .container("httpd", c -> c.image("local/shop-web:1.4").cpu(128).memory(256).portMapping(8080)
 *     .env("MODE", "prod").secret("DB_PASSWORD", "secret/shop/db")
 *     .healthCheck(h -> h.shell("wget -q -O- localhost:8080/health").interval(10)))
 * }</pre>
 */
public final class Container {
  private final String name;
  private final String path;
  private final CallSites sites;
  private Optional<String> image = Optional.empty();
  private Optional<RepositoryCredentials> repositoryCredentials = Optional.empty();
  private Optional<Integer> cpu = Optional.empty();
  private Optional<Integer> memory = Optional.empty();
  private Optional<Integer> memoryReservation = Optional.empty();
  private final List<String> links = new ArrayList<>();
  private final List<PortMapping> portMappings = new ArrayList<>();
  private boolean essential = true;
  private Optional<RestartPolicy> restartPolicy = Optional.empty();
  private List<String> entryPoint = List.of();
  private List<String> command = List.of();
  private final List<KeyValuePair> environment = new ArrayList<>();
  private final List<EnvironmentFile> environmentFiles = new ArrayList<>();
  private final List<MountPoint> mountPoints = new ArrayList<>();
  private final List<VolumeFrom> volumesFrom = new ArrayList<>();
  private Optional<LinuxParameters> linuxParameters = Optional.empty();
  private final List<Secret> secrets = new ArrayList<>();
  private final List<ContainerDependency> dependsOn = new ArrayList<>();
  private Optional<Integer> startTimeout = Optional.empty();
  private Optional<Integer> stopTimeout = Optional.empty();
  private Optional<String> hostname = Optional.empty();
  private Optional<String> user = Optional.empty();
  private Optional<String> workingDirectory = Optional.empty();
  private Optional<Boolean> disableNetworking = Optional.empty();
  private Optional<Boolean> privileged = Optional.empty();
  private Optional<Boolean> readonlyRootFilesystem = Optional.empty();
  private final List<String> dnsServers = new ArrayList<>();
  private final List<String> dnsSearchDomains = new ArrayList<>();
  private final List<HostEntry> extraHosts = new ArrayList<>();
  private final List<String> dockerSecurityOptions = new ArrayList<>();
  private Optional<Boolean> interactive = Optional.empty();
  private Optional<Boolean> pseudoTerminal = Optional.empty();
  private final Map<String, String> dockerLabels = new LinkedHashMap<>();
  private final List<Ulimit> ulimits = new ArrayList<>();
  private Optional<LogConfiguration> logConfiguration = Optional.empty();
  private Optional<io.berth.model.HealthCheck> healthCheck = Optional.empty();
  private final List<SystemControl> systemControls = new ArrayList<>();
  private final List<ResourceRequirement> resourceRequirements = new ArrayList<>();
  private Optional<VersionConsistency> versionConsistency = Optional.empty();
  private Optional<FirelensConfiguration> firelensConfiguration = Optional.empty();
  private final List<String> credentialSpecs = new ArrayList<>();

  Container(String family, String name, CallSites sites) {
    this.name = name;
    this.path = ModelPaths.container(family, name);
    this.sites = sites;
  }

  /** The container's name, as other containers refer to it in {@code dependsOn} and links. */
  public String name() {
    return name;
  }

  /** The image, e.g. {@code local/shop-web:1.4}; pin a tag (a missing or {@code latest} tag is warned about). */
  public Container image(String image) {
    record("image");
    this.image = Optional.of(required(image, "image"));
    return this;
  }

  /** Credentials (a secret reference) for pulling the image from a private registry. */
  public Container repositoryCredentials(String credentialsParameter) {
    record("repositoryCredentials");
    repositoryCredentials = Optional.of(new RepositoryCredentials(required(credentialsParameter, "repositoryCredentials")));
    return this;
  }

  /** CPU units reserved for this container (1024 = one vCPU). */
  public Container cpu(int units) {
    record("cpu");
    cpu = Optional.of(units);
    return this;
  }

  /** Hard memory limit in MiB: the container is killed above it. */
  public Container memory(int mib) {
    record("memory");
    memory = Optional.of(mib);
    return this;
  }

  /** Soft memory limit in MiB: what the scheduler reserves; must be below {@link #memory}. */
  public Container memoryReservation(int mib) {
    record("memoryReservation");
    memoryReservation = Optional.of(mib);
    return this;
  }

  /** Publishes {@code containerPort}/tcp; the host port is chosen at run time in bridge mode. */
  public Container portMapping(int containerPort) {
    return addPort(new PortMapping(Optional.of(containerPort), Optional.empty(),
        Optional.of(TransportProtocol.TCP), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /** Publishes {@code containerPort}/tcp on a fixed {@code hostPort}. */
  public Container portMapping(int containerPort, int hostPort) {
    return portMapping(containerPort, hostPort, TransportProtocol.TCP);
  }

  /** Publishes {@code containerPort} on a fixed {@code hostPort} with {@code protocol}. */
  public Container portMapping(int containerPort, int hostPort, TransportProtocol protocol) {
    return addPort(new PortMapping(Optional.of(containerPort), Optional.of(hostPort),
        Optional.of(required(protocol, "protocol")), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /**
   * A port mapping with any ECS member: a name, an application protocol, a container port range,
   * e.g. {@code p -> p.containerPort(8080).name("web").appProtocol(ApplicationProtocol.HTTP)}.
   */
  public Container portMapping(Consumer<PortSpec> configure) {
    String portPath = ModelPaths.element(path, "portMappings", portMappings.size());
    PortSpec spec = new PortSpec(portPath, sites);
    sites.record(portPath);
    required(configure, "portMapping").accept(spec);
    portMappings.add(spec.build());
    return this;
  }

  private Container addPort(PortMapping mapping) {
    sites.record(ModelPaths.element(path, "portMappings", portMappings.size()));
    portMappings.add(mapping);
    return this;
  }

  /** Whether the task stops when this container stops (default true). */
  public Container essential(boolean essential) {
    record("essential");
    this.essential = essential;
    return this;
  }

  /** Overrides the image's entry point. */
  public Container entryPoint(String... entryPoint) {
    record("entryPoint");
    this.entryPoint = List.of(entryPoint);
    return this;
  }

  /** Overrides the image's command. */
  public Container command(String... command) {
    record("command");
    this.command = List.of(command);
    return this;
  }

  /** A plain environment variable; use {@link #secret} for credentials. */
  public Container env(String name, String value) {
    sites.record(ModelPaths.element(path, "environment", required(name, "environment name")));
    environment.add(new KeyValuePair(name, required(value, "environment value")));
    return this;
  }

  /** An environment file loaded at start. */
  public Container environmentFile(String location) {
    sites.record(ModelPaths.element(path, "environmentFiles", environmentFiles.size()));
    environmentFiles.add(new EnvironmentFile(required(location, "environment file"), EnvironmentFileType.S3));
    return this;
  }

  /** An environment variable resolved from a secret by the agent at start, never stored in plain text. */
  public Container secret(String name, String valueFrom) {
    sites.record(ModelPaths.element(path, "secrets", required(name, "secret name")));
    secrets.add(new Secret(name, required(valueFrom, "secret valueFrom")));
    return this;
  }

  /** Mounts the task volume {@code sourceVolume} read-write at {@code containerPath}. */
  public Container mount(String sourceVolume, String containerPath) {
    return mount(sourceVolume, containerPath, false);
  }

  /** Mounts the task volume {@code sourceVolume} at {@code containerPath}. */
  public Container mount(String sourceVolume, String containerPath, boolean readOnly) {
    sites.record(ModelPaths.element(path, "mountPoints", mountPoints.size()));
    mountPoints.add(new MountPoint(Optional.of(required(sourceVolume, "sourceVolume")),
        Optional.of(required(containerPath, "containerPath")), Optional.of(readOnly)));
    return this;
  }

  /** Mounts every volume of the container {@code sourceContainer} of the same task. */
  public Container volumesFrom(String sourceContainer, boolean readOnly) {
    sites.record(ModelPaths.element(path, "volumesFrom", volumesFrom.size()));
    volumesFrom.add(new VolumeFrom(Optional.of(required(sourceContainer, "sourceContainer")), Optional.of(readOnly)));
    return this;
  }

  /** Starts this container only once {@code container} reached {@code condition}. */
  public Container dependsOn(String container, ContainerCondition condition) {
    sites.record(ModelPaths.element(path, "dependsOn", required(container, "dependsOn container")));
    dependsOn.add(new ContainerDependency(container, required(condition, "condition")));
    return this;
  }

  /** The container's health check; the task's health is that of its essential containers. */
  public Container healthCheck(Consumer<HealthCheckSpec> configure) {
    record("healthCheck");
    HealthCheckSpec spec = new HealthCheckSpec(ModelPaths.member(path, "healthCheck"), sites);
    required(configure, "healthCheck").accept(spec);
    healthCheck = Optional.of(spec.build());
    return this;
  }

  /** Seconds to wait for this container's dependencies before giving up. */
  public Container startTimeout(int seconds) {
    record("startTimeout");
    startTimeout = Optional.of(seconds);
    return this;
  }

  /** Seconds between SIGTERM and SIGKILL when stopping (ECS default 30). */
  public Container stopTimeout(int seconds) {
    record("stopTimeout");
    stopTimeout = Optional.of(seconds);
    return this;
  }

  /** The user (name, uid, uid:gid...) the process runs as. */
  public Container user(String user) {
    record("user");
    this.user = Optional.of(required(user, "user"));
    return this;
  }

  /** The working directory of the process. */
  public Container workingDirectory(String directory) {
    record("workingDirectory");
    workingDirectory = Optional.of(required(directory, "workingDirectory"));
    return this;
  }

  /** The container's hostname (not allowed in awsvpc mode). */
  public Container hostname(String hostname) {
    record("hostname");
    this.hostname = Optional.of(required(hostname, "hostname"));
    return this;
  }

  /** Links another container of the task ({@code name} or {@code name:alias}); bridge mode only. */
  public Container link(String link) {
    record("links");
    links.add(required(link, "link"));
    return this;
  }

  /** A Docker label on the container. */
  public Container dockerLabel(String key, String value) {
    sites.record(ModelPaths.element(path, "dockerLabels", required(key, "label key")));
    dockerLabels.put(key, required(value, "label value"));
    return this;
  }

  /** A resource limit. */
  public Container ulimit(UlimitName name, int softLimit, int hardLimit) {
    sites.record(ModelPaths.element(path, "ulimits", ulimits.size()));
    ulimits.add(new Ulimit(required(name, "ulimit name"), softLimit, hardLimit));
    return this;
  }

  /** Where the container's output goes, e.g. {@code l -> l.driver(LogDriver.JSON_FILE).option("max-size", "10m")}. */
  public Container logConfiguration(Consumer<LogSpec> configure) {
    record("logConfiguration");
    LogSpec spec = new LogSpec(ModelPaths.member(path, "logConfiguration"), sites);
    required(configure, "logConfiguration").accept(spec);
    logConfiguration = Optional.of(spec.build());
    return this;
  }

  /** Logs with {@code driver} and no options. */
  public Container logDriver(LogDriver driver) {
    return logConfiguration(l -> l.driver(driver));
  }

  /** Linux-specific settings: capabilities, devices, init process, shared memory, tmpfs, swap. */
  public Container linuxParameters(Consumer<LinuxSpec> configure) {
    record("linuxParameters");
    LinuxSpec spec = new LinuxSpec(ModelPaths.member(path, "linuxParameters"), sites);
    required(configure, "linuxParameters").accept(spec);
    linuxParameters = Optional.of(spec.build());
    return this;
  }

  /** Runs the container with elevated privileges on the host. */
  public Container privileged(boolean privileged) {
    record("privileged");
    this.privileged = Optional.of(privileged);
    return this;
  }

  /** Mounts the root filesystem read-only. */
  public Container readonlyRootFilesystem(boolean readOnly) {
    record("readonlyRootFilesystem");
    readonlyRootFilesystem = Optional.of(readOnly);
    return this;
  }

  /** Turns networking off for this container. */
  public Container disableNetworking(boolean disable) {
    record("disableNetworking");
    disableNetworking = Optional.of(disable);
    return this;
  }

  /** Adds an {@code /etc/hosts} entry. */
  public Container extraHost(String hostname, String ipAddress) {
    sites.record(ModelPaths.element(path, "extraHosts", required(hostname, "hostname")));
    extraHosts.add(new HostEntry(hostname, required(ipAddress, "ipAddress")));
    return this;
  }

  /** DNS servers for the container. */
  public Container dns(String... servers) {
    record("dnsServers");
    dnsServers.addAll(List.of(servers));
    return this;
  }

  /** DNS search domains for the container. */
  public Container dnsSearchDomains(String... domains) {
    record("dnsSearchDomains");
    dnsSearchDomains.addAll(List.of(domains));
    return this;
  }

  /** A Docker security option, e.g. {@code no-new-privileges}. */
  public Container dockerSecurityOption(String option) {
    record("dockerSecurityOptions");
    dockerSecurityOptions.add(required(option, "dockerSecurityOption"));
    return this;
  }

  /** A namespaced kernel parameter, e.g. {@code net.core.somaxconn = 1024}. */
  public Container systemControl(String namespace, String value) {
    sites.record(ModelPaths.element(path, "systemControls", required(namespace, "namespace")));
    systemControls.add(new SystemControl(Optional.of(namespace), Optional.of(required(value, "value"))));
    return this;
  }

  /** Keeps stdin open ({@code docker run -i}). */
  public Container interactive(boolean interactive) {
    record("interactive");
    this.interactive = Optional.of(interactive);
    return this;
  }

  /** Allocates a TTY ({@code docker run -t}). */
  public Container pseudoTerminal(boolean tty) {
    record("pseudoTerminal");
    pseudoTerminal = Optional.of(tty);
    return this;
  }

  /** Restarts the container in place when it exits, except for {@code ignoredExitCodes}. */
  public Container restartPolicy(boolean enabled, int restartAttemptPeriod, Integer... ignoredExitCodes) {
    record("restartPolicy");
    restartPolicy = Optional.of(new RestartPolicy(enabled, List.of(ignoredExitCodes), Optional.of(restartAttemptPeriod)));
    return this;
  }

  /**
   * Restarts the container in place when it exits: {@code r -> r.ignoredExitCodes(0).restartAttemptPeriod(60)};
   * the policy is enabled unless {@code r.enabled(false)}.
   */
  public Container restartPolicy(Consumer<RestartPolicySpec> configure) {
    record("restartPolicy");
    RestartPolicySpec spec = new RestartPolicySpec(ModelPaths.member(path, "restartPolicy"), sites);
    required(configure, "restartPolicy").accept(spec);
    restartPolicy = Optional.of(spec.build());
    return this;
  }

  /** Reserves {@code count} GPUs for this container. */
  public Container gpus(int count) {
    return resourceRequirement(ResourceType.GPU, Integer.toString(count));
  }

  /**
   * A special resource the container needs: {@code GPU} with a count, or {@code InferenceAccelerator}
   * with the device name of one of the task's {@code inferenceAccelerator(...)} declarations.
   */
  public Container resourceRequirement(ResourceType type, String value) {
    sites.record(ModelPaths.element(path, "resourceRequirements", resourceRequirements.size()));
    resourceRequirements.add(new ResourceRequirement(required(value, "resourceRequirement value"),
        required(type, "resourceRequirement type")));
    return this;
  }

  /** Whether ECS pins the image tag to its digest at deployment (ECS default enabled). */
  public Container versionConsistency(VersionConsistency consistency) {
    record("versionConsistency");
    versionConsistency = Optional.of(required(consistency, "versionConsistency"));
    return this;
  }

  /**
   * Makes this container the task's FireLens log router:
   * {@code f -> f.type(FirelensType.FLUENTBIT).option("enable-ecs-log-metadata", "true")}. Other
   * containers log to it with {@code logDriver(LogDriver.AWSFIRELENS)}.
   */
  public Container firelensConfiguration(Consumer<FirelensSpec> configure) {
    record("firelensConfiguration");
    FirelensSpec spec = new FirelensSpec(ModelPaths.member(path, "firelensConfiguration"), sites);
    required(configure, "firelensConfiguration").accept(spec);
    firelensConfiguration = Optional.of(spec.build());
    return this;
  }

  /** Makes this container the task's FireLens log router of {@code type}, without options. */
  public Container firelensConfiguration(FirelensType type) {
    required(type, "firelens type");
    return firelensConfiguration(f -> f.type(type));
  }

  /**
   * A gMSA credential spec for Active Directory authentication, e.g.
   * {@code credentialspec:arn:aws:ssm:...} or {@code credentialspecdomainless:arn:aws:s3:::bucket/spec.json}.
   */
  public Container credentialSpec(String credentialSpec) {
    sites.record(ModelPaths.element(path, "credentialSpecs", credentialSpecs.size()));
    credentialSpecs.add(required(credentialSpec, "credentialSpec"));
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }

  private static <T> T required(T value, String what) {
    return Objects.requireNonNull(value, () -> what + " == null");
  }

  ContainerDefinition build() {
    return new ContainerDefinition(name, image, repositoryCredentials, cpu, memory, memoryReservation,
        links, portMappings, Optional.of(essential), restartPolicy, entryPoint, command, environment,
        environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout,
        stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged,
        readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions,
        interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck,
        systemControls, resourceRequirements, firelensConfiguration, credentialSpecs);
  }
}
