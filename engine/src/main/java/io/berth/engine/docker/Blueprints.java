package io.berth.engine.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import io.berth.model.ContainerDefinition;
import io.berth.model.DevicePermission;
import io.berth.model.IpcMode;
import io.berth.model.KernelCapabilities;
import io.berth.model.LinuxParameters;
import io.berth.model.LogDriver;
import io.berth.model.MountPoint;
import io.berth.model.NetworkMode;
import io.berth.model.PidMode;
import io.berth.model.PortMapping;
import io.berth.model.Secret;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskSize;
import io.berth.model.Tmpfs;
import io.berth.model.TransportProtocol;
import io.berth.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Maps one container of an ECS task definition to a {@link ContainerBlueprint}: pure, so every
 * rule (ports on the agent's advertised address, cpu shares, MiB to bytes, seconds to nanoseconds...)
 * is tested without Docker. Secret values arrive already resolved; this class only places them in
 * the environment.
 */
public final class Blueprints {
  /** The environment variable that tells every container its task's id (unless the definition sets it). */
  public static final String TASK_ID_VARIABLE = "BERTH_TASK_ID";
  /** ECS's default seconds between SIGTERM and SIGKILL. */
  public static final int DEFAULT_STOP_TIMEOUT = 30;

  private static final long MIB = 1024L * 1024L;

  private Blueprints() {}

  /**
   * The blueprint of container {@code container} of {@code spec}.
   *
   * @param secrets resolved secret values by environment variable name
   */
  public static ContainerBlueprint of(TaskSpec spec, ContainerDefinition container, Map<String, String> secrets) {
    TaskDefinition task = spec.taskDefinition();
    String image = container.image().orElseThrow(() -> new TaskRuntimeException(spec.taskId(), container.name(),
        null, "has no image; set the container's image", null));
    NetworkMode mode = task.effectiveNetworkMode();
    HostConfig host = HostConfig.newHostConfig();
    List<ExposedPort> exposed = ports(spec, container, mode, host);
    host.withNetworkMode(networkMode(spec, mode));
    resources(container, task.memory().map(TaskSize::memoryMib)
        .orElse(OptionalInt.empty()), host);
    TaskCgroups.parent(spec).ifPresent(host::withCgroupParent); // the task's limits hold all its containers
    volumes(spec, container, host);
    container.linuxParameters().ifPresent(linux -> linux(spec, container, linux, host));
    namespaces(spec, container, host);
    if (mode == NetworkMode.BRIDGE && !container.links().isEmpty()) {
      host.withLinks(container.links().stream().map(l -> link(spec, l)).toList());
    }
    if (!container.extraHosts().isEmpty()) {
      host.withExtraHosts(container.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress())
          .toArray(String[]::new));
    }
    if (!container.dnsServers().isEmpty()) {
      host.withDns(container.dnsServers());
    } else if (!spec.resolvers().isEmpty() && mode != NetworkMode.NONE) {
      // the agent's discovery DNS; it forwards other names, so the outside resolves as before
      host.withDns(mode == NetworkMode.HOST ? List.of(spec.publishAddress()) : spec.resolvers());
    }
    if (!container.dnsSearchDomains().isEmpty()) {
      host.withDnsSearch(container.dnsSearchDomains());
    }
    if (!container.dockerSecurityOptions().isEmpty()) {
      host.withSecurityOpts(container.dockerSecurityOptions());
    }
    container.privileged().ifPresent(host::withPrivileged);
    container.readonlyRootFilesystem().ifPresent(host::withReadonlyRootfs);
    if (!container.systemControls().isEmpty()) {
      Map<String, String> sysctls = new TreeMap<>();
      container.systemControls().forEach(s -> sysctls.put(s.namespace().orElseThrow(), s.value().orElse("")));
      host.withSysctls(sysctls);
    }
    container.logConfiguration().ifPresent(log -> logConfig(log.logDriver(), log.options()).ifPresent(
        host::withLogConfig));
    return new ContainerBlueprint(
        spec.containerName(container.name()),
        container.name(),
        image,
        environment(spec, container, secrets),
        labels(spec, container),
        container.entryPoint(),
        container.command(),
        container.user(),
        container.workingDirectory(),
        container.hostname(),
        container.healthCheck().map(Blueprints::healthCheck),
        container.stopTimeout().orElse(DEFAULT_STOP_TIMEOUT),
        container.interactive().orElse(false),
        container.pseudoTerminal().orElse(false),
        container.disableNetworking().orElse(false),
        exposed,
        host,
        mode == NetworkMode.AWSVPC ? List.of(container.name()) : List.of());
  }

  /** The container's labels: its dockerLabels, then Berth's own, which a dockerLabel cannot override. */
  static Map<String, String> labels(TaskSpec spec, ContainerDefinition container) {
    Map<String, String> labels = new TreeMap<>(container.dockerLabels());
    labels.putAll(spec.labels());
    labels.put(BerthLabels.CONTAINER, container.name());
    return labels;
  }

  /** Environment variables in definition order, then secrets; a secret wins over a plain variable. */
  static List<String> environment(TaskSpec spec, ContainerDefinition container, Map<String, String> secrets) {
    if (!container.environmentFiles().isEmpty()) {
      throw new TaskRuntimeException(spec.taskId(), container.name(), container.image().orElse(null),
          "environmentFiles need S3, which Berth does not reach; move the variables to environment or secrets",
          null);
    }
    Map<String, String> env = new LinkedHashMap<>();
    // First, so that a definition that sets the variable itself keeps its own value.
    env.put(TASK_ID_VARIABLE, spec.taskId());
    container.environment().forEach(kv -> env.put(kv.name(), kv.value()));
    for (Secret secret : container.secrets()) {
      String value = secrets.get(secret.name());
      if (value == null) {
        throw new TaskRuntimeException(spec.taskId(), container.name(), container.image().orElse(null),
            "secret '" + secret.name() + "' (" + secret.valueFrom() + ") was not resolved", null);
      }
      env.put(secret.name(), value);
    }
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  private static String networkMode(TaskSpec spec, NetworkMode mode) {
    switch (mode) {
      case AWSVPC:
        return spec.networkName();
      case HOST:
        return "host";
      case NONE:
        return "none";
      default:
        return "bridge";
    }
  }

  private static List<ExposedPort> ports(TaskSpec spec, ContainerDefinition container, NetworkMode mode,
      HostConfig host) {
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (PortMapping mapping : container.portMappings()) {
      int port = mapping.containerPort().orElseThrow(() -> new TaskRuntimeException(spec.taskId(),
          container.name(), container.image().orElse(null), "a port mapping has no containerPort (port ranges"
          + " are not supported by Berth's agent); set containerPort", null));
      ExposedPort exposedPort = mapping.protocol().orElse(TransportProtocol.TCP) == TransportProtocol.UDP
          ? ExposedPort.udp(port) : ExposedPort.tcp(port);
      exposed.add(exposedPort);
      if (mode == NetworkMode.BRIDGE) {
        int hostPort = mapping.hostPort().orElse(0);
        // Port 0 asks Docker for a free ephemeral port, read back after start.
        bindings.bind(exposedPort, hostPort == 0 ? Ports.Binding.bindIp(spec.publishAddress())
            : Ports.Binding.bindIpAndPort(spec.publishAddress(), hostPort));
      } else if (mode == NetworkMode.AWSVPC) {
        // The task network's own address is reachable from this machine only: its ports are also
        // published on the agent's address, at ports Docker picks, so load balancers on any host reach them.
        bindings.bind(exposedPort, Ports.Binding.bindIp(spec.publishAddress()));
      }
    }
    if ((mode == NetworkMode.BRIDGE || mode == NetworkMode.AWSVPC) && !exposed.isEmpty()) {
      host.withPortBindings(bindings);
    }
    return exposed;
  }

  private static void resources(ContainerDefinition container, OptionalInt taskMemory, HostConfig host) {
    // Docker rejects fewer than 2 shares, as the ECS agent knows; 0 means "no reservation".
    container.cpu().filter(cpu -> cpu > 0).ifPresent(cpu -> host.withCpuShares(Math.max(2, cpu)));
    container.memory().ifPresent(mib -> host.withMemory(mib * MIB));
    if (container.memory().isEmpty() && container.memoryReservation().isEmpty()) {
      // ECS caps such a container by the task's memory; without a task cgroup, cap each container by it.
      taskMemory.ifPresent(mib -> host.withMemory(mib * MIB));
    }
    container.memoryReservation().ifPresent(mib -> host.withMemoryReservation(mib * MIB));
    if (!container.ulimits().isEmpty()) {
      host.withUlimits(container.ulimits().stream().map(u -> new Ulimit(
          u.name().apiValue(), u.softLimit().longValue(), u.hardLimit().longValue())).toList());
    }
  }

  private static void volumes(TaskSpec spec, ContainerDefinition container, HostConfig host) {
    List<Bind> binds = new ArrayList<>();
    for (MountPoint mount : container.mountPoints()) {
      String name = mount.sourceVolume().orElseThrow();
      Volume volume = spec.taskDefinition().volumes().stream().filter(v -> v.name().equals(name)).findFirst()
          .orElseThrow(() -> new TaskRuntimeException(spec.taskId(), container.name(), null, "mount point names"
              + " volume '" + name + "', which the task definition does not declare; add it to volumes", null));
      VolumeSource source = VolumeSource.of(spec, volume);
      binds.add(new Bind(source.dockerSource(),
          new com.github.dockerjava.api.model.Volume(mount.containerPath().orElseThrow()),
          mount.readOnly().orElse(false) ? AccessMode.ro : AccessMode.rw));
    }
    if (!binds.isEmpty()) {
      host.withBinds(binds);
    }
    if (!container.volumesFrom().isEmpty()) {
      host.withVolumesFrom(container.volumesFrom().stream().map(v -> new VolumesFrom(
          spec.containerName(v.sourceContainer().orElseThrow()),
          v.readOnly().orElse(false) ? AccessMode.ro : AccessMode.rw)).toList());
    }
  }

  private static void linux(TaskSpec spec, ContainerDefinition container, LinuxParameters linux, HostConfig host) {
    linux.initProcessEnabled().ifPresent(host::withInit);
    // Docker's MemorySwap is memory plus swap; ECS's maxSwap is the swap alone (0: no swap at all).
    linux.maxSwap().ifPresent(swap -> container.memory().ifPresent(mib -> host.withMemorySwap((mib + swap) * MIB)));
    linux.swappiness().ifPresent(value -> host.withMemorySwappiness(value.longValue()));
    linux.sharedMemorySize().ifPresent(mib -> host.withShmSize(mib * MIB));
    if (!linux.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new TreeMap<>();
      for (Tmpfs mount : linux.tmpfs()) {
        List<String> options = new ArrayList<>(mount.mountOptions());
        options.add(0, "size=" + mount.size() + "m");
        tmpfs.put(mount.containerPath(), String.join(",", options));
      }
      host.withTmpFs(tmpfs);
    }
    KernelCapabilities caps = linux.capabilities().orElse(null);
    if (caps != null) {
      if (!caps.add().isEmpty()) {
        host.withCapAdd(capabilities(spec, container, caps.add()));
      }
      if (!caps.drop().isEmpty()) {
        host.withCapDrop(capabilities(spec, container, caps.drop()));
      }
    }
    if (!linux.devices().isEmpty()) {
      host.withDevices(linux.devices().stream().map(d -> new Device(
          d.permissions().isEmpty() ? "rwm" : d.permissions().stream().map(DevicePermission::apiValue)
              .map(p -> p.substring(0, 1)).collect(Collectors.joining()),
          d.containerPath().orElse(d.hostPath()), d.hostPath())).toList());
    }
  }

  private static Capability[] capabilities(TaskSpec spec, ContainerDefinition container, List<String> names) {
    List<Capability> capabilities = new ArrayList<>();
    for (String name : names) {
      String bare = name.startsWith("CAP_") ? name.substring(4) : name;
      try {
        capabilities.add(Capability.valueOf(bare));
      } catch (IllegalArgumentException e) {
        throw new TaskRuntimeException(spec.taskId(), container.name(), container.image().orElse(null),
            "unknown Linux capability '" + name + "'; use a name like NET_ADMIN or SYS_PTRACE", e);
      }
    }
    return capabilities.toArray(Capability[]::new);
  }

  private static void namespaces(TaskSpec spec, ContainerDefinition container, HostConfig host) {
    TaskDefinition task = spec.taskDefinition();
    String first = spec.containerName(StartOrder.of(task).get(0));
    boolean isFirst = first.equals(spec.containerName(container.name()));
    task.pidMode().ifPresent(pid -> {
      if (pid == PidMode.HOST) {
        host.withPidMode("host");
      } else if (!isFirst) {
        host.withPidMode("container:" + first);
      }
    });
    task.ipcMode().ifPresent(ipc -> {
      if (ipc == IpcMode.HOST) {
        host.withIpcMode("host");
      } else if (ipc == IpcMode.NONE) {
        host.withIpcMode("none");
      } else {
        host.withIpcMode(isFirst ? "shareable" : "container:" + first);
      }
    });
  }

  private static Link link(TaskSpec spec, String link) {
    String[] parts = link.split(":", 2);
    return new Link(spec.containerName(parts[0]), parts.length == 2 ? parts[1] : parts[0]);
  }

  /** Docker's health check: ECS seconds become nanoseconds; ECS defaults (30 s, 5 s, 3) apply. */
  static HealthCheck healthCheck(io.berth.model.HealthCheck check) {
    HealthCheck docker = new HealthCheck()
        .withTest(check.command())
        .withInterval(TimeUnit.SECONDS.toNanos(check.interval().orElse(30)))
        .withTimeout(TimeUnit.SECONDS.toNanos(check.timeout().orElse(5)))
        .withRetries(check.retries().orElse(3));
    check.startPeriod().ifPresent(s -> docker.withStartPeriod(TimeUnit.SECONDS.toNanos(s)));
    return docker;
  }

  /**
   * The Docker log configuration, or none to keep the engine's default. CloudWatch and FireLens are
   * AWS services a local host cannot reach, so such containers log to the engine default and stay
   * readable with {@code berth logs}.
   */
  static Optional<LogConfig> logConfig(LogDriver driver, Map<String, String> options) {
    if (driver == LogDriver.AWSLOGS || driver == LogDriver.AWSFIRELENS) {
      return Optional.empty();
    }
    return Optional.of(new LogConfig(LogConfig.LoggingType.fromValue(driver.apiValue()),
        options.isEmpty() ? null : new TreeMap<>(options)));
  }
}
