package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.Compatibility;
import io.berth.model.DesiredState;
import io.berth.model.LaunchType;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings ECS defines that Berth's own runtime does not carry out, in one place: the processor
 * warns about each on its DSL line (with the setting's stable id), and {@code berth plan} refuses
 * them against a Berth cluster, naming the setting, the resource and the alternative. The
 * synthesized JSON keeps every one of them, so the same stack still works on ECS. Settings Berth
 * does carry out (restart policies, runtimePlatform, registry credentials, task-level cpu and
 * memory where the agent can enforce them) are not listed here.
 *
 * <pre>{@code
 * for (UnsupportedSetting.Occurrence o : UnsupportedSetting.find(desired)) {
 *   System.out.println("[" + o.setting().code() + "] " + o.path() + ": " + o.message());
 * }
 * }</pre>
 */
public enum UnsupportedSetting {
  /** The FARGATE launch type and compatibility: Berth runs every task on its own agents. */
  FARGATE("BerthUnsupportedFargate", "FARGATE", "it runs every task on its own agents, like an EC2 task;"
      + " declare EC2 (requiresCompatibilities and launchType) for a stack Berth deploys"),
  /** GPUs, inference accelerators and Neuron devices: not reserved or exposed to the container. */
  RESOURCE_REQUIREMENTS("BerthUnsupportedResourceRequirements", "resourceRequirements",
      "no GPU or accelerator is reserved for or exposed to the container; remove resourceRequirements (gpus,"
          + " InferenceAccelerator) for Berth"),
  /** Ephemeral storage size: the agents' Docker storage has no per-task size. */
  EPHEMERAL_STORAGE("BerthUnsupportedEphemeralStorage", "ephemeralStorage",
      "the agents' Docker storage has no per-task size; remove ephemeralStorage for Berth (tasks get the host's"
          + " Docker storage)"),
  /** The awslogs and awsfirelens log drivers: the agents cannot reach CloudWatch Logs or FireLens. */
  LOG_DRIVER("BerthUnsupportedLogDriver", "the awslogs/awsfirelens log driver",
      "the agents cannot send logs to CloudWatch Logs or FireLens; use the json-file or local log driver,"
          + " which berth logs reads"),
  /** EFS volumes: not mounted. */
  EFS_VOLUME("BerthUnsupportedEfsVolume", "efsVolumeConfiguration",
      "the agents do not mount EFS file systems; use a Docker volume (dockerVolumeConfiguration) or a host"
          + " bind mount"),
  /** Environment files: they live in S3, which Berth's agents do not reach. */
  ENVIRONMENT_FILES("BerthUnsupportedEnvironmentFiles", "environmentFiles",
      "the agents cannot read S3 objects; move the variables to environment or secrets"),
  /** Container port ranges: no host port is published for them. */
  CONTAINER_PORT_RANGE("BerthUnsupportedContainerPortRange", "containerPortRange",
      "no host ports are published for a range; map the ports one by one with containerPort"),
  /** App Mesh proxy configuration: the task's traffic is not redirected through the proxy. */
  PROXY_CONFIGURATION("BerthUnsupportedProxyConfiguration", "proxyConfiguration",
      "the task's traffic is not redirected through an App Mesh proxy; remove proxyConfiguration (the proxy"
          + " can run as an ordinary container)"),
  /** Active Directory credential specs: no gMSA credentials are given to the container. */
  CREDENTIAL_SPECS("BerthUnsupportedCredentialSpecs", "credentialSpecs",
      "containers get no Active Directory (gMSA) credentials; remove credentialSpecs");

  private final String code;
  private final String setting;
  private final String alternative;

  UnsupportedSetting(String code, String setting, String alternative) {
    this.code = code;
    this.setting = setting;
    this.alternative = alternative;
  }

  /** The stable id, e.g. {@code BerthUnsupportedRestartPolicy}. */
  public String code() {
    return code;
  }

  /** The setting as ECS names it, e.g. {@code restartPolicy}. */
  public String setting() {
    return setting;
  }

  /** Why Berth's runtime cannot run it, and the alternative for a stack Berth deploys. */
  public String alternative() {
    return alternative;
  }

  /** What {@code berth plan} says of a use of this setting: it names the setting and the alternative. */
  public String refusal() {
    return "Berth's runtime does not run " + setting + ": " + alternative;
  }

  /** One use of an unsupported setting: which, where (a model path), and the compiler's warning. */
  public record Occurrence(UnsupportedSetting setting, String path, String message) {
    /** All parts are required. */
    public Occurrence {
      Objects.requireNonNull(setting, "setting == null");
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(message, "message == null");
    }
  }

  /** Every use of an unsupported setting in {@code state}, in model order. */
  public static List<Occurrence> find(DesiredState state) {
    List<Occurrence> found = new ArrayList<>();
    state.taskDefinitions().forEach(task -> findIn(task, found));
    for (Service service : state.services()) {
      if (service.launchType().orElse(null) == LaunchType.FARGATE) {
        add(found, FARGATE, ModelPaths.member(ModelPaths.service(service.serviceName()), "launchType"));
      }
    }
    return found;
  }

  private static void findIn(TaskDefinition task, List<Occurrence> found) {
    String path = ModelPaths.taskDefinition(task.family());
    if (task.requiresCompatibilities().contains(Compatibility.FARGATE)) {
      add(found, FARGATE, ModelPaths.member(path, "requiresCompatibilities"));
    }
    task.ephemeralStorage().ifPresent(s -> add(found, EPHEMERAL_STORAGE, ModelPaths.member(path, "ephemeralStorage")));
    task.proxyConfiguration().ifPresent(p -> add(found, PROXY_CONFIGURATION,
        ModelPaths.member(path, "proxyConfiguration")));
    for (Volume volume : task.volumes()) {
      volume.efsVolumeConfiguration().ifPresent(efs -> add(found, EFS_VOLUME,
          ModelPaths.member(ModelPaths.volume(task.family(), volume.name()), "efsVolumeConfiguration")));
    }
    for (ContainerDefinition container : task.containerDefinitions()) {
      String containerPath = ModelPaths.container(task.family(), container.name());
      for (int i = 0; i < container.environmentFiles().size(); i++) {
        add(found, ENVIRONMENT_FILES, ModelPaths.element(containerPath, "environmentFiles", i));
      }
      for (int i = 0; i < container.portMappings().size(); i++) {
        if (container.portMappings().get(i).containerPortRange().isPresent()) {
          add(found, CONTAINER_PORT_RANGE, ModelPaths.member(ModelPaths.element(containerPath, "portMappings", i),
              "containerPortRange"));
        }
      }
      for (int i = 0; i < container.credentialSpecs().size(); i++) {
        add(found, CREDENTIAL_SPECS, ModelPaths.element(containerPath, "credentialSpecs", i));
      }
      for (int i = 0; i < container.resourceRequirements().size(); i++) {
        add(found, RESOURCE_REQUIREMENTS, ModelPaths.element(containerPath, "resourceRequirements", i));
      }
      container.logConfiguration().map(log -> log.logDriver())
          .filter(driver -> driver == LogDriver.AWSLOGS || driver == LogDriver.AWSFIRELENS)
          .ifPresent(driver -> add(found, LOG_DRIVER, ModelPaths.member(ModelPaths.member(containerPath,
              "logConfiguration"), "logDriver")));
    }
  }

  private static void add(List<Occurrence> found, UnsupportedSetting setting, String path) {
    found.add(new Occurrence(setting, path, setting.refusal() + ". The synthesized JSON keeps it for ECS; berth plan"
        + " refuses it against a Berth cluster."));
  }

  static void warn(DesiredState state, Findings findings) {
    for (Occurrence occurrence : find(state)) {
      findings.add(occurrence.setting().code(), Severity.WARNING, occurrence.path(), occurrence.message(), List.of());
    }
  }
}
