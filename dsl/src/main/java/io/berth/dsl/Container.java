package io.berth.dsl;

import io.berth.model.ContainerCondition;
import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import io.berth.model.EnvironmentFile;
import io.berth.model.EnvironmentFileType;
import io.berth.model.FirelensType;
import io.berth.model.HostEntry;
import io.berth.model.KeyValuePair;
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
import java.util.List;
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
  /** The members set so far. */
  private final ContainerDraft draft = new ContainerDraft();

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
    draft.image = Optional.of(required(image, "image"));
    return this;
  }

  /** Credentials (a secret reference) for pulling the image from a private registry. */
  public Container repositoryCredentials(String credentialsParameter) {
    record("repositoryCredentials");
    draft.repositoryCredentials = Optional.of(new RepositoryCredentials(required(credentialsParameter, "repositoryCredentials")));
    return this;
  }

  /** CPU units reserved for this container (1024 = one vCPU). */
  public Container cpu(int units) {
    record("cpu");
    draft.cpu = Optional.of(units);
    return this;
  }

  /** Hard memory limit in MiB: the container is killed above it. */
  public Container memory(int mib) {
    record("memory");
    draft.memory = Optional.of(mib);
    return this;
  }

  /** Soft memory limit in MiB: what the scheduler reserves; must be below {@link #memory}. */
  public Container memoryReservation(int mib) {
    record("memoryReservation");
    draft.memoryReservation = Optional.of(mib);
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
    String portPath = ModelPaths.element(path, "portMappings", draft.portMappings.size());
    PortSpec spec = new PortSpec(portPath, sites);
    sites.record(portPath);
    required(configure, "portMapping").accept(spec);
    draft.portMappings.add(spec.build());
    return this;
  }

  private Container addPort(PortMapping mapping) {
    sites.record(ModelPaths.element(path, "portMappings", draft.portMappings.size()));
    draft.portMappings.add(mapping);
    return this;
  }

  /** Whether the task stops when this container stops (default true). */
  public Container essential(boolean essential) {
    record("essential");
    draft.essential = essential;
    return this;
  }

  /** Overrides the image's entry point. */
  public Container entryPoint(String... entryPoint) {
    record("entryPoint");
    draft.entryPoint = List.of(entryPoint);
    return this;
  }

  /** Overrides the image's command. */
  public Container command(String... command) {
    record("command");
    draft.command = List.of(command);
    return this;
  }

  /** A plain environment variable; use {@link #secret} for credentials. */
  public Container env(String name, String value) {
    sites.record(ModelPaths.element(path, "environment", required(name, "environment name")));
    draft.environment.add(new KeyValuePair(name, required(value, "environment value")));
    return this;
  }

  /** An environment file loaded at start. */
  public Container environmentFile(String location) {
    sites.record(ModelPaths.element(path, "environmentFiles", draft.environmentFiles.size()));
    draft.environmentFiles.add(new EnvironmentFile(required(location, "environment file"), EnvironmentFileType.S3));
    return this;
  }

  /** An environment variable resolved from a secret by the agent at start, never stored in plain text. */
  public Container secret(String name, String valueFrom) {
    sites.record(ModelPaths.element(path, "secrets", required(name, "secret name")));
    draft.secrets.add(new Secret(name, required(valueFrom, "secret valueFrom")));
    return this;
  }

  /** Mounts the task volume {@code sourceVolume} read-write at {@code containerPath}. */
  public Container mount(String sourceVolume, String containerPath) {
    return mount(sourceVolume, containerPath, false);
  }

  /** Mounts the task volume {@code sourceVolume} at {@code containerPath}. */
  public Container mount(String sourceVolume, String containerPath, boolean readOnly) {
    sites.record(ModelPaths.element(path, "mountPoints", draft.mountPoints.size()));
    draft.mountPoints.add(new MountPoint(Optional.of(required(sourceVolume, "sourceVolume")),
        Optional.of(required(containerPath, "containerPath")), Optional.of(readOnly)));
    return this;
  }

  /** Mounts every volume of the container {@code sourceContainer} of the same task. */
  public Container volumesFrom(String sourceContainer, boolean readOnly) {
    sites.record(ModelPaths.element(path, "volumesFrom", draft.volumesFrom.size()));
    draft.volumesFrom.add(new VolumeFrom(Optional.of(required(sourceContainer, "sourceContainer")), Optional.of(readOnly)));
    return this;
  }

  /** Starts this container only once {@code container} reached {@code condition}. */
  public Container dependsOn(String container, ContainerCondition condition) {
    sites.record(ModelPaths.element(path, "dependsOn", required(container, "dependsOn container")));
    draft.dependsOn.add(new ContainerDependency(container, required(condition, "condition")));
    return this;
  }

  /** The container's health check; the task's health is that of its essential containers. */
  public Container healthCheck(Consumer<HealthCheckSpec> configure) {
    record("healthCheck");
    HealthCheckSpec spec = new HealthCheckSpec(ModelPaths.member(path, "healthCheck"), sites);
    required(configure, "healthCheck").accept(spec);
    draft.healthCheck = Optional.of(spec.build());
    return this;
  }

  /** Seconds to wait for this container's dependencies before giving up. */
  public Container startTimeout(int seconds) {
    record("startTimeout");
    draft.startTimeout = Optional.of(seconds);
    return this;
  }

  /** Seconds between SIGTERM and SIGKILL when stopping (ECS default 30). */
  public Container stopTimeout(int seconds) {
    record("stopTimeout");
    draft.stopTimeout = Optional.of(seconds);
    return this;
  }

  /** The user (name, uid, uid:gid...) the process runs as. */
  public Container user(String user) {
    record("user");
    draft.user = Optional.of(required(user, "user"));
    return this;
  }

  /** The working directory of the process. */
  public Container workingDirectory(String directory) {
    record("workingDirectory");
    draft.workingDirectory = Optional.of(required(directory, "workingDirectory"));
    return this;
  }

  /** The container's hostname (not allowed in awsvpc mode). */
  public Container hostname(String hostname) {
    record("hostname");
    draft.hostname = Optional.of(required(hostname, "hostname"));
    return this;
  }

  /** Links another container of the task ({@code name} or {@code name:alias}); bridge mode only. */
  public Container link(String link) {
    record("links");
    draft.links.add(required(link, "link"));
    return this;
  }

  /** A Docker label on the container. */
  public Container dockerLabel(String key, String value) {
    sites.record(ModelPaths.element(path, "dockerLabels", required(key, "label key")));
    draft.dockerLabels.put(key, required(value, "label value"));
    return this;
  }

  /** A resource limit. */
  public Container ulimit(UlimitName name, int softLimit, int hardLimit) {
    sites.record(ModelPaths.element(path, "ulimits", draft.ulimits.size()));
    draft.ulimits.add(new Ulimit(required(name, "ulimit name"), softLimit, hardLimit));
    return this;
  }

  /** Where the container's output goes, e.g. {@code l -> l.driver(LogDriver.JSON_FILE).option("max-size", "10m")}. */
  public Container logConfiguration(Consumer<LogSpec> configure) {
    record("logConfiguration");
    LogSpec spec = new LogSpec(ModelPaths.member(path, "logConfiguration"), sites);
    required(configure, "logConfiguration").accept(spec);
    draft.logConfiguration = Optional.of(spec.build());
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
    draft.linuxParameters = Optional.of(spec.build());
    return this;
  }

  /** Runs the container with elevated privileges on the host. */
  public Container privileged(boolean privileged) {
    record("privileged");
    draft.privileged = Optional.of(privileged);
    return this;
  }

  /** Mounts the root filesystem read-only. */
  public Container readonlyRootFilesystem(boolean readOnly) {
    record("readonlyRootFilesystem");
    draft.readonlyRootFilesystem = Optional.of(readOnly);
    return this;
  }

  /** Turns networking off for this container. */
  public Container disableNetworking(boolean disable) {
    record("disableNetworking");
    draft.disableNetworking = Optional.of(disable);
    return this;
  }

  /** Adds an {@code /etc/hosts} entry. */
  public Container extraHost(String hostname, String ipAddress) {
    sites.record(ModelPaths.element(path, "extraHosts", required(hostname, "hostname")));
    draft.extraHosts.add(new HostEntry(hostname, required(ipAddress, "ipAddress")));
    return this;
  }

  /** DNS servers for the container. */
  public Container dns(String... servers) {
    record("dnsServers");
    draft.dnsServers.addAll(List.of(servers));
    return this;
  }

  /** DNS search domains for the container. */
  public Container dnsSearchDomains(String... domains) {
    record("dnsSearchDomains");
    draft.dnsSearchDomains.addAll(List.of(domains));
    return this;
  }

  /** A Docker security option, e.g. {@code no-new-privileges}. */
  public Container dockerSecurityOption(String option) {
    record("dockerSecurityOptions");
    draft.dockerSecurityOptions.add(required(option, "dockerSecurityOption"));
    return this;
  }

  /** A namespaced kernel parameter, e.g. {@code net.core.somaxconn = 1024}. */
  public Container systemControl(String namespace, String value) {
    sites.record(ModelPaths.element(path, "systemControls", required(namespace, "namespace")));
    draft.systemControls.add(new SystemControl(Optional.of(namespace), Optional.of(required(value, "value"))));
    return this;
  }

  /** Keeps stdin open ({@code docker run -i}). */
  public Container interactive(boolean interactive) {
    record("interactive");
    draft.interactive = Optional.of(interactive);
    return this;
  }

  /** Allocates a TTY ({@code docker run -t}). */
  public Container pseudoTerminal(boolean tty) {
    record("pseudoTerminal");
    draft.pseudoTerminal = Optional.of(tty);
    return this;
  }

  /** Restarts the container in place when it exits, except for {@code ignoredExitCodes}. */
  public Container restartPolicy(boolean enabled, int restartAttemptPeriod, Integer... ignoredExitCodes) {
    record("restartPolicy");
    draft.restartPolicy = Optional.of(new RestartPolicy(enabled, List.of(ignoredExitCodes), Optional.of(restartAttemptPeriod)));
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
    draft.restartPolicy = Optional.of(spec.build());
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
    sites.record(ModelPaths.element(path, "resourceRequirements", draft.resourceRequirements.size()));
    draft.resourceRequirements.add(new ResourceRequirement(required(value, "resourceRequirement value"),
        required(type, "resourceRequirement type")));
    return this;
  }

  /** Whether ECS pins the image tag to its digest at deployment (ECS default enabled). */
  public Container versionConsistency(VersionConsistency consistency) {
    record("versionConsistency");
    draft.versionConsistency = Optional.of(required(consistency, "versionConsistency"));
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
    draft.firelensConfiguration = Optional.of(spec.build());
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
    sites.record(ModelPaths.element(path, "credentialSpecs", draft.credentialSpecs.size()));
    draft.credentialSpecs.add(required(credentialSpec, "credentialSpec"));
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }

  private static <T> T required(T value, String what) {
    return Objects.requireNonNull(value, () -> what + " == null");
  }

  ContainerDefinition build() {
    return draft.build(name);
  }
}
