package io.berth.processor.importer;

import com.palantir.javapoet.CodeBlock;
import io.berth.model.ApplicationProtocol;
import io.berth.model.ContainerCondition;
import io.berth.model.ContainerDefinition;
import io.berth.model.ContainerDependency;
import io.berth.model.Device;
import io.berth.model.DevicePermission;
import io.berth.model.EnvironmentFile;
import io.berth.model.EnvironmentFileType;
import io.berth.model.FirelensConfiguration;
import io.berth.model.FirelensType;
import io.berth.model.HealthCheck;
import io.berth.model.HostEntry;
import io.berth.model.KeyValuePair;
import io.berth.model.LinuxParameters;
import io.berth.model.LogConfiguration;
import io.berth.model.LogDriver;
import io.berth.model.MountPoint;
import io.berth.model.PortMapping;
import io.berth.model.ResourceRequirement;
import io.berth.model.ResourceType;
import io.berth.model.RestartPolicy;
import io.berth.model.Secret;
import io.berth.model.SystemControl;
import io.berth.model.Tmpfs;
import io.berth.model.TransportProtocol;
import io.berth.model.Ulimit;
import io.berth.model.UlimitName;
import io.berth.model.VersionConsistency;
import io.berth.model.VolumeFrom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code .container(name, c -> c...)} call for one container definition: one DSL call per
 * member, in the order a person would write them (image and resources first, then ports, then
 * runtime settings).
 */
final class ContainerCode {
  private final Unsupported unsupported;
  private final String path;
  private final CodeBlock.Builder code = CodeBlock.builder();

  private ContainerCode(Unsupported unsupported, String path) {
    this.unsupported = unsupported;
    this.path = path;
  }

  static CodeBlock of(ContainerDefinition container, int index, Unsupported unsupported) {
    return new ContainerCode(unsupported, "$.containerDefinitions[" + index + "]").write(container);
  }

  private CodeBlock write(ContainerDefinition c) {
    rejectUnsupported(c);
    code.add("\n.container($S, c -> c$>$>", c.name());
    c.image().ifPresent(v -> call("image($S)", v));
    c.repositoryCredentials().ifPresent(v -> call("repositoryCredentials($S)", v.credentialsParameter()));
    c.cpu().ifPresent(v -> call("cpu($L)", v));
    c.memory().ifPresent(v -> call("memory($L)", v));
    c.memoryReservation().ifPresent(v -> call("memoryReservation($L)", v));
    c.essential().ifPresent(v -> call("essential($L)", v));
    c.versionConsistency().ifPresent(v -> call("versionConsistency($T.$L)", VersionConsistency.class, v.name()));
    for (int i = 0; i < c.portMappings().size(); i++) {
      port(c.portMappings().get(i), i);
    }
    if (!c.entryPoint().isEmpty()) {
      call("entryPoint(" + strings(c.entryPoint().size()) + ")", c.entryPoint().toArray());
    }
    if (!c.command().isEmpty()) {
      call("command(" + strings(c.command().size()) + ")", c.command().toArray());
    }
    c.workingDirectory().ifPresent(v -> call("workingDirectory($S)", v));
    c.user().ifPresent(v -> call("user($S)", v));
    c.hostname().ifPresent(v -> call("hostname($S)", v));
    for (KeyValuePair env : c.environment()) {
      call("env($S, $S)", env.name(), env.value());
    }
    for (EnvironmentFile file : c.environmentFiles()) {
      call("environmentFile($S)", file.value());
    }
    for (Secret secret : c.secrets()) {
      call("secret($S, $S)", secret.name(), secret.valueFrom());
    }
    for (MountPoint mount : c.mountPoints()) {
      call("mount($S, $S, $L)", mount.sourceVolume().orElseThrow(), mount.containerPath().orElseThrow(),
          mount.readOnly().orElse(false));
    }
    for (VolumeFrom from : c.volumesFrom()) {
      call("volumesFrom($S, $L)", from.sourceContainer().orElseThrow(), from.readOnly().orElse(false));
    }
    for (String link : c.links()) {
      call("link($S)", link);
    }
    for (ContainerDependency dependency : c.dependsOn()) {
      call("dependsOn($S, $T.$L)", dependency.containerName(), ContainerCondition.class,
          dependency.condition().name());
    }
    c.healthCheck().ifPresent(this::healthCheck);
    c.startTimeout().ifPresent(v -> call("startTimeout($L)", v));
    c.stopTimeout().ifPresent(v -> call("stopTimeout($L)", v));
    c.restartPolicy().ifPresent(this::restartPolicy);
    c.logConfiguration().ifPresent(this::log);
    c.linuxParameters().ifPresent(this::linux);
    for (Ulimit ulimit : c.ulimits()) {
      call("ulimit($T.$L, $L, $L)", UlimitName.class, ulimit.name().name(), ulimit.softLimit(),
          ulimit.hardLimit());
    }
    for (SystemControl control : c.systemControls()) {
      call("systemControl($S, $S)", control.namespace().orElseThrow(), control.value().orElseThrow());
    }
    for (ResourceRequirement requirement : c.resourceRequirements()) {
      if (requirement.type() == ResourceType.GPU && requirement.value().matches("[1-9][0-9]{0,3}")) {
        call("gpus($L)", Integer.parseInt(requirement.value()));
      } else {
        call("resourceRequirement($T.$L, $S)", ResourceType.class, requirement.type().name(), requirement.value());
      }
    }
    c.firelensConfiguration().ifPresent(this::firelens);
    for (String spec : c.credentialSpecs()) {
      call("credentialSpec($S)", spec);
    }
    c.privileged().ifPresent(v -> call("privileged($L)", v));
    c.readonlyRootFilesystem().ifPresent(v -> call("readonlyRootFilesystem($L)", v));
    c.disableNetworking().ifPresent(v -> call("disableNetworking($L)", v));
    c.interactive().ifPresent(v -> call("interactive($L)", v));
    c.pseudoTerminal().ifPresent(v -> call("pseudoTerminal($L)", v));
    if (!c.dnsServers().isEmpty()) {
      call("dns(" + strings(c.dnsServers().size()) + ")", c.dnsServers().toArray());
    }
    if (!c.dnsSearchDomains().isEmpty()) {
      call("dnsSearchDomains(" + strings(c.dnsSearchDomains().size()) + ")", c.dnsSearchDomains().toArray());
    }
    for (HostEntry host : c.extraHosts()) {
      call("extraHost($S, $S)", host.hostname(), host.ipAddress());
    }
    for (String option : c.dockerSecurityOptions()) {
      call("dockerSecurityOption($S)", option);
    }
    for (Map.Entry<String, String> label : c.dockerLabels().entrySet()) {
      call("dockerLabel($S, $S)", label.getKey(), label.getValue());
    }
    return code.add(")$<$<").build();
  }

  private void call(String format, Object... args) {
    code.add("\n." + format, args);
  }

  private void port(PortMapping port, int index) {
    TransportProtocol protocol = port.protocol().orElse(TransportProtocol.TCP);
    boolean plain = port.containerPort().isPresent() && port.name().isEmpty() && port.appProtocol().isEmpty()
        && port.containerPortRange().isEmpty() && (port.hostPort().isPresent() || protocol == TransportProtocol.TCP);
    if (!plain) {
      // the lambda form spells out exactly the members the input has
      CodeBlock.Builder p = CodeBlock.builder().add("p -> p");
      port.containerPort().ifPresent(v -> p.add(".containerPort($L)", v));
      port.containerPortRange().ifPresent(v -> p.add(".containerPortRange($S)", v));
      port.hostPort().ifPresent(v -> p.add(".hostPort($L)", v));
      port.protocol().ifPresent(v -> p.add(".protocol($T.$L)", TransportProtocol.class, v.name()));
      port.name().ifPresent(v -> p.add(".name($S)", v));
      port.appProtocol().ifPresent(v -> p.add(".appProtocol($T.$L)", ApplicationProtocol.class, v.name()));
      call("portMapping($L)", p.build());
      return;
    }
    int containerPort = port.containerPort().get();
    if (port.hostPort().isEmpty()) {
      call("portMapping($L)", containerPort);
    } else if (protocol == TransportProtocol.TCP) {
      call("portMapping($L, $L)", containerPort, port.hostPort().get());
    } else {
      call("portMapping($L, $L, $T.$L)", containerPort, port.hostPort().get(), TransportProtocol.class,
          protocol.name());
    }
  }

  private void healthCheck(HealthCheck check) {
    List<String> command = check.command();
    CodeBlock.Builder h = CodeBlock.builder();
    if (command.size() == 2 && command.get(0).equals("CMD-SHELL")) {
      h.add("h -> h.shell($S)", command.get(1));
    } else if (command.size() >= 2 && command.get(0).equals("CMD")) {
      List<String> argv = command.subList(1, command.size());
      h.add("h -> h.exec(" + strings(argv.size()) + ")", argv.toArray());
    } else {
      throw unsupported.invalid(path + ".healthCheck.command", "health check command " + command
          + " does not start with CMD or CMD-SHELL", "write [\"CMD-SHELL\", \"<command line>\"] to run it with the"
          + " shell or [\"CMD\", \"<program>\", \"<arg>\"...] to run it directly");
    }
    check.interval().ifPresent(v -> h.add(".interval($L)", v));
    check.timeout().ifPresent(v -> h.add(".timeout($L)", v));
    check.retries().ifPresent(v -> h.add(".retries($L)", v));
    check.startPeriod().ifPresent(v -> h.add(".startPeriod($L)", v));
    call("healthCheck($L)", h.build());
  }

  private void restartPolicy(RestartPolicy policy) {
    if (policy.restartAttemptPeriod().isEmpty()) {
      CodeBlock.Builder r = CodeBlock.builder().add("r -> r.enabled($L)", policy.enabled());
      if (!policy.ignoredExitCodes().isEmpty()) {
        r.add(".ignoredExitCodes($L)", CodeBlock.join(policy.ignoredExitCodes().stream()
            .map(code -> CodeBlock.of("$L", code)).toList(), ", "));
      }
      call("restartPolicy($L)", r.build());
      return;
    }
    int period = policy.restartAttemptPeriod().get();
    StringBuilder format = new StringBuilder("restartPolicy($L, $L");
    List<Object> args = new ArrayList<>(List.of(policy.enabled(), period));
    for (Integer code : policy.ignoredExitCodes()) {
      format.append(", $L");
      args.add(code);
    }
    call(format.append(")").toString(), args.toArray());
  }

  private void log(LogConfiguration log) {
    CodeBlock.Builder l = CodeBlock.builder().add("l -> l.driver($T.$L)", LogDriver.class, log.logDriver().name());
    if (log.options().isEmpty() && log.secretOptions().isEmpty()) {
      call("logDriver($T.$L)", LogDriver.class, log.logDriver().name());
      return;
    }
    l.add("$>$>");
    for (Map.Entry<String, String> option : log.options().entrySet()) {
      l.add("\n.option($S, $S)", option.getKey(), option.getValue());
    }
    for (Secret secret : log.secretOptions()) {
      l.add("\n.secretOption($S, $S)", secret.name(), secret.valueFrom());
    }
    call("logConfiguration($L)", l.add("$<$<").build());
  }

  private void linux(LinuxParameters linux) {
    CodeBlock.Builder l = CodeBlock.builder();
    linux.capabilities().ifPresent(caps -> {
      if (!caps.add().isEmpty()) {
        l.add(".addCapabilities(" + strings(caps.add().size()) + ")", caps.add().toArray());
      }
      if (!caps.drop().isEmpty()) {
        l.add(".dropCapabilities(" + strings(caps.drop().size()) + ")", caps.drop().toArray());
      }
    });
    for (Device device : linux.devices()) {
      List<Object> args = new ArrayList<>(List.of(device.hostPath()));
      device.containerPath().ifPresent(args::add);
      StringBuilder format = new StringBuilder(device.containerPath().isPresent() ? ".device($S, $S" : ".device($S");
      for (DevicePermission permission : device.permissions()) {
        format.append(", $T.$L");
        args.add(DevicePermission.class);
        args.add(permission.name());
      }
      l.add(format.append(")").toString(), args.toArray());
    }
    linux.initProcessEnabled().ifPresent(v -> l.add(".initProcessEnabled($L)", v));
    linux.sharedMemorySize().ifPresent(v -> l.add(".sharedMemorySize($L)", v));
    for (Tmpfs tmpfs : linux.tmpfs()) {
      List<Object> args = new ArrayList<>(List.of(tmpfs.containerPath(), tmpfs.size()));
      args.addAll(tmpfs.mountOptions());
      l.add(".tmpfs($S, $L" + ", $S".repeat(tmpfs.mountOptions().size()) + ")", args.toArray());
    }
    if (linux.maxSwap().isPresent() && linux.swappiness().isPresent()) {
      l.add(".swap($L, $L)", linux.maxSwap().get(), linux.swappiness().get());
    } else {
      linux.maxSwap().ifPresent(v -> l.add(".maxSwap($L)", v));
      linux.swappiness().ifPresent(v -> l.add(".swappiness($L)", v));
    }
    CodeBlock calls = l.build();
    if (!calls.isEmpty()) {
      call("linuxParameters(l -> l$L)", calls);
    }
  }

  private void firelens(FirelensConfiguration firelens) {
    if (firelens.options().isEmpty()) {
      call("firelensConfiguration($T.$L)", FirelensType.class, firelens.type().name());
      return;
    }
    CodeBlock.Builder f = CodeBlock.builder().add("f -> f.type($T.$L)$>$>", FirelensType.class, firelens.type().name());
    firelens.options().forEach((name, value) -> f.add("\n.option($S, $S)", name, value));
    call("firelensConfiguration($L)", f.add("$<$<").build());
  }

  private void rejectUnsupported(ContainerDefinition c) {
    for (int i = 0; i < c.environmentFiles().size(); i++) {
      if (c.environmentFiles().get(i).type() != EnvironmentFileType.S3) {
        throw unsupported.member(path + ".environmentFiles[" + i + "]", "an environment file not in s3");
      }
    }
    for (int i = 0; i < c.mountPoints().size(); i++) {
      MountPoint mount = c.mountPoints().get(i);
      if (mount.sourceVolume().isEmpty() || mount.containerPath().isEmpty()) {
        throw unsupported.member(path + ".mountPoints[" + i + "]", "a mount point without sourceVolume or containerPath");
      }
    }
    for (int i = 0; i < c.volumesFrom().size(); i++) {
      if (c.volumesFrom().get(i).sourceContainer().isEmpty()) {
        throw unsupported.member(path + ".volumesFrom[" + i + "]", "volumesFrom without sourceContainer");
      }
    }
    for (int i = 0; i < c.systemControls().size(); i++) {
      SystemControl control = c.systemControls().get(i);
      if (control.namespace().isEmpty() || control.value().isEmpty()) {
        throw unsupported.member(path + ".systemControls[" + i + "]", "a system control without namespace or value");
      }
    }
  }

  /** {@code $S, $S, $S} for a varargs call. */
  static String strings(int count) {
    return String.join(", ", Collections.nCopies(count, "$S"));
  }
}
