package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.LinuxParameters;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.PidMode;
import io.berth.model.PortMapping;
import io.berth.model.ResourceType;
import io.berth.model.TaskDefinition;
import io.berth.model.Volume;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything ECS refuses in a task definition that requires FARGATE (the "task definition
 * differences for Fargate"): each finding points at the member and notes the requiresCompatibilities
 * call that made the definition a FARGATE one.
 */
final class FargateRules {
  private static final Set<LogDriver> LOG_DRIVERS = Set.of(LogDriver.AWSLOGS, LogDriver.SPLUNK, LogDriver.AWSFIRELENS);
  private static final Set<String> CAPABILITIES = Set.of("SYS_PTRACE", "CAP_SYS_PTRACE");

  private final TaskDefinition task;
  private final Findings findings;
  private final String compatibilities;

  private FargateRules(TaskDefinition task, Findings findings) {
    this.task = task;
    this.findings = findings;
    this.compatibilities = ModelPaths.member(ModelPaths.taskDefinition(task.family()), "requiresCompatibilities");
  }

  static void check(TaskDefinition task, OptionalInt cpu, OptionalInt memory, String path, Findings findings) {
    new FargateRules(task, findings).check(cpu, memory, path);
  }

  private void refuse(String path, String message) {
    findings.add(ViolationCode.FARGATE_REQUIREMENTS, path, message, compatibilities,
        "the task definition requires FARGATE here");
  }

  private void check(OptionalInt cpu, OptionalInt memory, String path) {
    if (task.effectiveNetworkMode() != NetworkMode.AWSVPC) {
      refuse(ModelPaths.member(path, "networkMode"), "FARGATE needs network mode awsvpc, not "
          + task.effectiveNetworkMode().apiValue() + "; set .networkMode(NetworkMode.AWSVPC)");
    }
    if (task.cpu().isEmpty() || task.memory().isEmpty()) {
      refuse(path, "FARGATE needs task-level cpu and memory; set .cpu(...) and .memory(...) on the task definition");
    } else if (cpu.isPresent() && memory.isPresent()) {
      List<Integer> allowed = FargateTable.memoryFor(cpu.getAsInt()).orElse(null);
      if (allowed == null) {
        findings.add(ViolationCode.FARGATE_MEMORY, ModelPaths.member(path, "cpu"), "FARGATE has no task cpu size "
            + cpu.getAsInt() + "; use one of " + FargateTable.cpuSizes());
      } else if (!allowed.contains(memory.getAsInt())) {
        findings.add(ViolationCode.FARGATE_MEMORY, ModelPaths.member(path, "memory"), "FARGATE cpu " + cpu.getAsInt()
            + " allows memory " + FargateTable.describe(allowed) + " MiB, not " + memory.getAsInt());
      }
    }
    task.ipcMode().ifPresent(mode -> refuse(ModelPaths.member(path, "ipcMode"), "FARGATE takes no ipcMode;"
        + " remove it"));
    task.pidMode().filter(mode -> mode == PidMode.HOST).ifPresent(mode -> refuse(ModelPaths.member(path, "pidMode"),
        "FARGATE shares no process namespace with the host: use pidMode task or remove it"));
    if (!task.placementConstraints().isEmpty()) {
      refuse(ModelPaths.element(path, "placementConstraint", 0), "FARGATE takes no placement constraints;"
          + " remove the memberOf constraints");
    }
    for (Volume volume : task.volumes()) {
      String volumePath = ModelPaths.volume(task.family(), volume.name());
      volume.dockerVolumeConfiguration().ifPresent(d -> refuse(ModelPaths.member(volumePath,
          "dockerVolumeConfiguration"), "FARGATE mounts no Docker volumes; use a bind mount (.volume(name)) or EFS"));
      volume.host().flatMap(h -> h.sourcePath()).ifPresent(source -> refuse(ModelPaths.member(ModelPaths.member(
          volumePath, "host"), "sourcePath"), "FARGATE has no host directory to bind; remove the source path '"
          + source + "'"));
    }
    for (ContainerDefinition container : task.containerDefinitions()) {
      checkContainer(container, ModelPaths.container(task.family(), container.name()));
    }
  }

  private void checkContainer(ContainerDefinition container, String path) {
    List<PortMapping> mappings = container.portMappings();
    for (int i = 0; i < mappings.size(); i++) {
      PortMapping mapping = mappings.get(i);
      if (mapping.hostPort().isPresent() && !mapping.hostPort().equals(mapping.containerPort())) {
        refuse(ModelPaths.member(ModelPaths.element(path, "portMappings", i), "hostPort"),
            "FARGATE allows no host port other than the container port; remove hostPort");
      }
    }
    unsupported(!container.links().isEmpty(), path, "links", "remove the links (containers reach each other on"
        + " localhost)");
    unsupported(container.privileged().orElse(false), path, "privileged", "remove it");
    unsupported(container.disableNetworking().orElse(false), path, "disableNetworking", "remove it");
    unsupported(!container.dockerSecurityOptions().isEmpty(), path, "dockerSecurityOptions", "remove them");
    unsupported(!container.dnsServers().isEmpty(), path, "dnsServers", "remove them");
    unsupported(!container.dnsSearchDomains().isEmpty(), path, "dnsSearchDomains", "remove them");
    unsupported(!container.extraHosts().isEmpty(), path, "extraHosts", "remove them");
    for (int i = 0; i < container.resourceRequirements().size(); i++) {
      if (container.resourceRequirements().get(i).type() == ResourceType.GPU) {
        refuse(ModelPaths.element(path, "resourceRequirements", i), "FARGATE has no GPUs; run the task on EC2");
      }
    }
    container.linuxParameters().ifPresent(linux -> checkLinux(linux, ModelPaths.member(path, "linuxParameters")));
    container.logConfiguration().ifPresent(log -> {
      String logPath = ModelPaths.member(path, "logConfiguration");
      if (!LOG_DRIVERS.contains(log.logDriver())) {
        refuse(ModelPaths.member(logPath, "logDriver"), "FARGATE logs with awslogs, splunk or awsfirelens, not "
            + log.logDriver().apiValue());
      } else if (log.logDriver() == LogDriver.AWSLOGS && !log.options().containsKey("awslogs-stream-prefix")) {
        refuse(ModelPaths.element(logPath, "options", "awslogs-stream-prefix"), "awslogs on FARGATE needs the"
            + " option awslogs-stream-prefix; add .option(\"awslogs-stream-prefix\", \"" + task.family() + "\")");
      }
    });
    container.firelensConfiguration().ifPresent(firelens -> {
      if ("s3".equals(firelens.options().get("config-file-type"))) {
        refuse(ModelPaths.element(ModelPaths.member(path, "firelensConfiguration"), "options", "config-file-type"),
            "FARGATE reads FireLens configuration files only from the image (config-file-type file), not s3");
      }
    });
  }

  private void unsupported(boolean set, String path, String member, String fix) {
    if (set) {
      refuse(ModelPaths.member(path, member), "FARGATE does not support " + member + "; " + fix);
    }
  }

  private void checkLinux(LinuxParameters linux, String path) {
    linux.capabilities().ifPresent(caps -> {
      for (String added : caps.add()) {
        if (!CAPABILITIES.contains(added)) {
          refuse(ModelPaths.member(ModelPaths.member(path, "capabilities"), "add"), "FARGATE adds no capability"
              + " but SYS_PTRACE, not " + added + "; remove it");
        }
      }
    });
    unsupported(!linux.devices().isEmpty(), path, "devices", "remove them");
    unsupported(linux.sharedMemorySize().isPresent(), path, "sharedMemorySize", "remove it");
    unsupported(!linux.tmpfs().isEmpty(), path, "tmpfs", "use a bind mount instead");
    unsupported(linux.maxSwap().isPresent(), path, "maxSwap", "remove it");
    unsupported(linux.swappiness().isPresent(), path, "swappiness", "remove it");
  }
}
