package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.Compatibility;
import io.berth.model.DesiredState;
import io.berth.model.LaunchType;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.ScalingMetric;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.StepScalingPolicy;
import io.berth.model.TargetTrackingPolicy;
import io.berth.model.TaskDefinition;
import io.berth.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings ECS defines that Berth's own runtime does not carry out yet, in one place: the
 * processor warns about each on its DSL line (with the setting's stable id), and the planner can
 * refuse them against a Berth cluster. The synthesized JSON keeps every one of them, so the same
 * stack still works on ECS.
 *
 * <pre>{@code
 * for (UnsupportedSetting.Occurrence o : UnsupportedSetting.find(desired)) {
 *   System.out.println("[" + o.setting().code() + "] " + o.path() + ": " + o.message());
 * }
 * }</pre>
 */
public enum UnsupportedSetting {
  /** Container restart policies: the task is replaced instead of the container restarted in place. */
  RESTART_POLICY("BerthUnsupportedRestartPolicy", "restartPolicy",
      "an exited container is not restarted in place; an essential one stops its task, which the service replaces"),
  /** Runtime platform (CPU architecture, OS family): not yet matched against the agents' attributes. */
  RUNTIME_PLATFORM("BerthUnsupportedRuntimePlatform", "runtimePlatform",
      "tasks are not yet placed by CPU architecture or OS; use a memberOf constraint on ecs.cpu-architecture"),
  /** Private registry credentials: images are pulled without them. */
  REPOSITORY_CREDENTIALS("BerthUnsupportedRepositoryCredentials", "repositoryCredentials",
      "images are pulled without these credentials; log the agents' Docker into the registry"),
  /** Task-level cpu and memory: used for placement, not enforced as a limit on the task's containers. */
  TASK_SIZE("BerthUnsupportedTaskSize", "task-level cpu/memory",
      "the task's size is used for placement but not enforced; set cpu and memory on the containers too"),
  /** The FARGATE launch type and compatibility: Berth runs every task on its own agents. */
  FARGATE("BerthUnsupportedFargate", "FARGATE", "Berth runs the tasks on its own agents like EC2 tasks"),
  /** GPUs, inference accelerators and Neuron devices: not reserved or exposed to the container. */
  RESOURCE_REQUIREMENTS("BerthUnsupportedResourceRequirements", "resourceRequirements",
      "no GPU or accelerator is reserved or exposed to the container"),
  /** Ephemeral storage size: containers get what the agent's Docker gives them. */
  EPHEMERAL_STORAGE("BerthUnsupportedEphemeralStorage", "ephemeralStorage",
      "the task gets the agent's Docker storage, whatever its size"),
  /** The awslogs and awsfirelens log drivers: output goes to the agent's default log driver. */
  LOG_DRIVER("BerthUnsupportedLogDriver", "awslogs/awsfirelens log driver",
      "the container logs with the agent's default log driver instead; berth logs reads it"),
  /** EFS volumes: not mounted. */
  EFS_VOLUME("BerthUnsupportedEfsVolume", "efsVolumeConfiguration",
      "EFS is not mounted; use a bind or Docker volume"),
  /** Environment files: they live in S3, which Berth's agents do not reach; the task fails to start. */
  ENVIRONMENT_FILES("BerthUnsupportedEnvironmentFiles", "environmentFiles",
      "the agent cannot read S3, so the task fails to start; move the variables to environment or secrets"),
  /** Container port ranges: no host port is published for them. */
  CONTAINER_PORT_RANGE("BerthUnsupportedContainerPortRange", "containerPortRange",
      "no host port is published for the range; map the ports one by one"),
  /** App Mesh proxy configuration: the task's traffic is not redirected through the proxy. */
  PROXY_CONFIGURATION("BerthUnsupportedProxyConfiguration", "proxyConfiguration",
      "the task's traffic is not redirected through the proxy container, which runs as an ordinary container"),
  /** Active Directory credential specs: no gMSA credentials are given to the container. */
  CREDENTIAL_SPECS("BerthUnsupportedCredentialSpecs", "credentialSpecs",
      "no Active Directory credentials are given to the container"),
  /** Request count per target scaling: no load balancer counts requests yet, so the policy gets no metric. */
  REQUESTS_PER_TARGET("BerthUnsupportedRequestsPerTarget", "ALBRequestCountPerTarget scaling",
      "no metric reaches the policy, so it never scales; track cpu or memory instead");

  private final String code;
  private final String setting;
  private final String consequence;

  UnsupportedSetting(String code, String setting, String consequence) {
    this.code = code;
    this.setting = setting;
    this.consequence = consequence;
  }

  /** The stable id, e.g. {@code BerthUnsupportedRestartPolicy}. */
  public String code() {
    return code;
  }

  /** The setting as ECS names it, e.g. {@code restartPolicy}. */
  public String setting() {
    return setting;
  }

  /** What Berth's runtime does instead, and the alternative. */
  public String consequence() {
    return consequence;
  }

  /** One use of an unsupported setting: which, where (a model path), and the message to show. */
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
    for (ServiceScaling scaling : state.scaling()) {
      String path = ModelPaths.scaling(scaling.service());
      for (TargetTrackingPolicy policy : scaling.targetTracking()) {
        if (policy.metric() == ScalingMetric.ALBREQUESTCOUNTPERTARGET) {
          add(found, REQUESTS_PER_TARGET, ModelPaths.element(path, "targetTracking", policy.policyName()));
        }
      }
      for (StepScalingPolicy policy : scaling.stepScaling()) {
        if (policy.metric() == ScalingMetric.ALBREQUESTCOUNTPERTARGET) {
          add(found, REQUESTS_PER_TARGET, ModelPaths.member(ModelPaths.element(path, "stepScaling",
              policy.policyName()), "metric"));
        }
      }
    }
    return found;
  }

  private static void findIn(TaskDefinition task, List<Occurrence> found) {
    String path = ModelPaths.taskDefinition(task.family());
    if (task.requiresCompatibilities().contains(Compatibility.FARGATE)) {
      add(found, FARGATE, ModelPaths.member(path, "requiresCompatibilities"));
    }
    task.cpu().ifPresent(cpu -> add(found, TASK_SIZE, ModelPaths.member(path, "cpu")));
    task.memory().ifPresent(memory -> add(found, TASK_SIZE, ModelPaths.member(path, "memory")));
    task.runtimePlatform().ifPresent(p -> add(found, RUNTIME_PLATFORM, ModelPaths.member(path, "runtimePlatform")));
    task.ephemeralStorage().ifPresent(s -> add(found, EPHEMERAL_STORAGE, ModelPaths.member(path, "ephemeralStorage")));
    task.proxyConfiguration().ifPresent(p -> add(found, PROXY_CONFIGURATION,
        ModelPaths.member(path, "proxyConfiguration")));
    for (Volume volume : task.volumes()) {
      volume.efsVolumeConfiguration().ifPresent(efs -> add(found, EFS_VOLUME,
          ModelPaths.member(ModelPaths.volume(task.family(), volume.name()), "efsVolumeConfiguration")));
    }
    for (ContainerDefinition container : task.containerDefinitions()) {
      String containerPath = ModelPaths.container(task.family(), container.name());
      container.restartPolicy().filter(r -> r.enabled()).ifPresent(r -> add(found, RESTART_POLICY,
          ModelPaths.member(containerPath, "restartPolicy")));
      container.repositoryCredentials().ifPresent(r -> add(found, REPOSITORY_CREDENTIALS,
          ModelPaths.member(containerPath, "repositoryCredentials")));
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
    found.add(new Occurrence(setting, path, "Berth's runtime does not support " + setting.setting + " yet: "
        + setting.consequence + ". The synthesized JSON keeps it for ECS."));
  }

  static void warn(DesiredState state, Findings findings) {
    for (Occurrence occurrence : find(state)) {
      findings.add(occurrence.setting().code(), Severity.WARNING, occurrence.path(), occurrence.message(), List.of());
    }
  }
}
