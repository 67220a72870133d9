package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.EfsVolumeConfiguration;
import io.berth.model.InferenceAccelerator;
import io.berth.model.LogDriver;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.PortMapping;
import io.berth.model.ProxyConfiguration;
import io.berth.model.ResourceRequirement;
import io.berth.model.ResourceType;
import io.berth.model.RestartPolicy;
import io.berth.model.TaskDefinition;
import io.berth.model.Toggle;
import io.berth.model.Volume;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for the ECS features that tie containers of one task together or need a companion setting:
 * FireLens log routing, the App Mesh proxy, EFS volumes, accelerators and GPUs, restart policies,
 * named ports and credential specs.
 */
final class FeatureRules {
  static final int MAX_IGNORED_EXIT_CODES = 50;
  private static final List<String> PROXY_PROPERTIES = List.of("IgnoredUID", "IgnoredGID", "AppPorts",
      "ProxyIngressPort", "ProxyEgressPort", "EgressIgnoredPorts", "EgressIgnoredIPs");

  private FeatureRules() {}

  static void check(TaskDefinition task, Findings findings) {
    checkFirelens(task, findings);
    task.proxyConfiguration().ifPresent(proxy -> checkProxy(task, proxy, findings));
    checkPortNames(task, findings);
    Set<String> accelerators = new HashSet<>();
    for (InferenceAccelerator accelerator : task.inferenceAccelerators()) {
      if (!accelerators.add(accelerator.deviceName())) {
        findings.add(ViolationCode.DUPLICATE_NAME, ModelPaths.element(ModelPaths.taskDefinition(task.family()),
            "inferenceAccelerators", accelerator.deviceName()), "inference accelerator '" + accelerator.deviceName()
            + "' is declared twice; give each device its own name");
      }
    }
    boolean neuron = false;
    for (ContainerDefinition container : task.containerDefinitions()) {
      String path = ModelPaths.container(task.family(), container.name());
      checkResources(container, path, accelerators, findings);
      boolean claims = container.resourceRequirements().stream().anyMatch(r -> r.type() == ResourceType.NEURONDEVICE);
      if (claims && neuron) {
        findings.add(ViolationCode.RESOURCE_REQUIREMENT, ModelPaths.member(path, "resourceRequirements"), "only one"
            + " container of a task can claim NeuronDevice resources");
      }
      neuron |= claims;
      container.restartPolicy().ifPresent(policy -> checkRestart(policy, ModelPaths.member(path, "restartPolicy"),
          findings));
      checkCredentialSpecs(container, path, findings);
    }
    for (Volume volume : task.volumes()) {
      volume.efsVolumeConfiguration().ifPresent(efs -> checkEfs(efs,
          ModelPaths.member(ModelPaths.volume(task.family(), volume.name()), "efsVolumeConfiguration"), findings));
    }
  }

  private static void checkFirelens(TaskDefinition task, Findings findings) {
    List<ContainerDefinition> routers = task.containerDefinitions().stream()
        .filter(c -> c.firelensConfiguration().isPresent()).toList();
    for (int i = 1; i < routers.size(); i++) {
      findings.add(ViolationCode.FIRELENS, ModelPaths.member(ModelPaths.container(task.family(),
          routers.get(i).name()), "firelensConfiguration"), "task '" + task.family() + "' already has the FireLens"
          + " router '" + routers.get(0).name() + "'; a task has one router: remove this firelensConfiguration");
    }
    for (ContainerDefinition container : task.containerDefinitions()) {
      boolean firelensLogging = container.logConfiguration()
          .map(log -> log.logDriver() == LogDriver.AWSFIRELENS).orElse(false);
      if (!firelensLogging) {
        continue;
      }
      String path = ModelPaths.member(ModelPaths.container(task.family(), container.name()), "logConfiguration");
      if (container.firelensConfiguration().isPresent()) {
        findings.add(ViolationCode.FIRELENS, path, "the FireLens router '" + container.name() + "' cannot log to"
            + " itself with awsfirelens; log it with awslogs or json-file");
      } else if (routers.isEmpty()) {
        findings.add(ViolationCode.FIRELENS, path, "container '" + container.name() + "' logs with awsfirelens but"
            + " task '" + task.family() + "' has no FireLens router; add a container with"
            + " .firelensConfiguration(FirelensType.FLUENTBIT) or use another log driver");
      }
    }
  }

  private static void checkProxy(TaskDefinition task, ProxyConfiguration proxy, Findings findings) {
    String path = ModelPaths.member(ModelPaths.taskDefinition(task.family()), "proxyConfiguration");
    if (task.container(proxy.containerName()).isEmpty()) {
      findings.add(ViolationCode.PROXY_CONFIGURATION, path, "the proxy container '" + proxy.containerName()
          + "' is not a container of task '" + task.family() + "' (containers: " + String.join(", ",
          task.containerDefinitions().stream().map(ContainerDefinition::name).toList())
          + "); declare it or name an existing one");
    }
    if (task.effectiveNetworkMode() != NetworkMode.AWSVPC) {
      findings.add(ViolationCode.PROXY_CONFIGURATION, path, "an App Mesh proxy needs network mode awsvpc, not "
          + task.effectiveNetworkMode().apiValue() + "; set .networkMode(NetworkMode.AWSVPC)",
          ModelPaths.member(ModelPaths.taskDefinition(task.family()), "networkMode"), "the network mode is set here");
    }
    Map<String, String> properties = new HashMap<>();
    proxy.properties().forEach(p -> properties.putIfAbsent(p.name(), p.value()));
    for (String name : properties.keySet()) {
      if (!PROXY_PROPERTIES.contains(name)) {
        findings.add(ViolationCode.PROXY_CONFIGURATION, ModelPaths.element(path, "properties", name), "'" + name
            + "' is not an App Mesh proxy property (" + String.join(", ", PROXY_PROPERTIES) + ")");
      }
    }
    for (String required : List.of("AppPorts", "ProxyIngressPort", "ProxyEgressPort")) {
      if (properties.getOrDefault(required, "").isBlank()) {
        findings.add(ViolationCode.PROXY_CONFIGURATION, path, "an App Mesh proxy needs the property " + required
            + "; add .property(\"" + required + "\", ...)");
      }
    }
    if (properties.getOrDefault("IgnoredUID", "").isBlank() && properties.getOrDefault("IgnoredGID", "").isBlank()) {
      findings.add(ViolationCode.PROXY_CONFIGURATION, path, "an App Mesh proxy needs IgnoredUID or IgnoredGID (the"
          + " proxy container's user) so it ignores its own traffic; add .property(\"IgnoredUID\", \"1337\")");
    }
  }

  private static void checkPortNames(TaskDefinition task, Findings findings) {
    Map<String, String> seen = new HashMap<>();
    for (ContainerDefinition container : task.containerDefinitions()) {
      List<PortMapping> mappings = container.portMappings();
      for (int i = 0; i < mappings.size(); i++) {
        Optional<String> name = mappings.get(i).name();
        String path = ModelPaths.element(ModelPaths.container(task.family(), container.name()), "portMappings", i);
        String earlier = name.map(n -> seen.putIfAbsent(n, path)).orElse(null);
        if (earlier != null) {
          findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "name"), "port name '" + name.get()
              + "' is already used by " + earlier + "; port names are unique in a task");
        }
      }
    }
  }

  private static void checkResources(ContainerDefinition container, String path, Set<String> accelerators,
      Findings findings) {
    List<ResourceRequirement> requirements = container.resourceRequirements();
    for (int i = 0; i < requirements.size(); i++) {
      ResourceRequirement requirement = requirements.get(i);
      String itemPath = ModelPaths.element(path, "resourceRequirements", i);
      if (requirement.type() == ResourceType.GPU && !requirement.value().matches("[1-9][0-9]{0,3}|ALL")) {
        findings.add(ViolationCode.RESOURCE_REQUIREMENT, itemPath, "GPU requirement '" + requirement.value()
            + "' is not a positive count of GPUs or ALL; use e.g. .gpus(1)");
      } else if (requirement.type() == ResourceType.NEURONDEVICE && !requirement.value().equals("ALL")) {
        findings.add(ViolationCode.RESOURCE_REQUIREMENT, itemPath, "a NeuronDevice requirement is ALL, not '"
            + requirement.value() + "'");
      } else if (requirement.type() == ResourceType.INFERENCEACCELERATOR
          && !accelerators.contains(requirement.value())) {
        findings.add(ViolationCode.RESOURCE_REQUIREMENT, itemPath, "inference accelerator '" + requirement.value()
            + "' is not declared on the task; add .inferenceAccelerator(\"" + requirement.value()
            + "\", deviceType) to it");
      }
    }
  }

  private static void checkRestart(RestartPolicy policy, String path, Findings findings) {
    policy.restartAttemptPeriod().filter(p -> p < 60 || p > 1800).ifPresent(p -> findings.add(
        ViolationCode.RESTART_POLICY, ModelPaths.member(path, "restartAttemptPeriod"), "restartAttemptPeriod " + p
            + " s is outside 60-1800 s; pick a value in that range"));
    if (policy.ignoredExitCodes().size() > MAX_IGNORED_EXIT_CODES) {
      findings.add(ViolationCode.RESTART_POLICY, ModelPaths.member(path, "ignoredExitCodes"), "a restart policy"
          + " ignores at most " + MAX_IGNORED_EXIT_CODES + " exit codes, not " + policy.ignoredExitCodes().size());
    }
  }

  private static void checkCredentialSpecs(ContainerDefinition container, String path, Findings findings) {
    List<String> specs = container.credentialSpecs();
    if (specs.size() > 1) {
      findings.add(ViolationCode.CREDENTIAL_SPEC, ModelPaths.element(path, "credentialSpecs", 1), "a container has"
          + " at most one credential spec, not " + specs.size() + "; keep one");
    }
    for (int i = 0; i < specs.size(); i++) {
      String spec = specs.get(i);
      if (!spec.matches("credentialspec(domainless)?:.+")) {
        findings.add(ViolationCode.CREDENTIAL_SPEC, ModelPaths.element(path, "credentialSpecs", i), "credential spec '"
            + spec + "' must be credentialspec:ARN or credentialspecdomainless:ARN");
      }
    }
  }

  private static void checkEfs(EfsVolumeConfiguration efs, String path, Findings findings) {
    if (efs.fileSystemId().isBlank()) {
      findings.add(ViolationCode.VOLUME_CONFIGURATION, ModelPaths.member(path, "fileSystemId"),
          "an EFS volume needs a fileSystemId such as fs-12345678");
    }
    efs.rootDirectory().ifPresent(root -> ContainerValueRules.absolute(root, "EFS root directory",
        ModelPaths.member(path, "rootDirectory"), findings));
    efs.transitEncryptionPort().filter(port -> port < 1 || port > 65535).ifPresent(port -> findings.add(
        ViolationCode.VOLUME_CONFIGURATION, ModelPaths.member(path, "transitEncryptionPort"), "transitEncryptionPort "
            + port + " is outside 1-65535"));
    boolean encrypted = efs.transitEncryption().orElse(Toggle.DISABLED) == Toggle.ENABLED;
    if (efs.transitEncryptionPort().isPresent() && !encrypted) {
      findings.add(ViolationCode.VOLUME_CONFIGURATION, ModelPaths.member(path, "transitEncryptionPort"),
          "transitEncryptionPort needs transitEncryption ENABLED; enable it or remove the port");
    }
    efs.authorizationConfig().ifPresent(auth -> {
      String authPath = ModelPaths.member(path, "authorizationConfig");
      boolean iam = auth.iam().orElse(Toggle.DISABLED) == Toggle.ENABLED;
      if ((auth.accessPointId().isPresent() || iam) && !encrypted) {
        findings.add(ViolationCode.VOLUME_CONFIGURATION, ModelPaths.member(authPath,
            iam ? "iam" : "accessPointId"), (iam ? "IAM authorization" : "an access point")
            + " needs transitEncryption ENABLED; add .transitEncryption(Toggle.ENABLED)");
      }
      if (auth.accessPointId().isPresent() && efs.rootDirectory().filter(d -> !d.equals("/")).isPresent()) {
        findings.add(ViolationCode.VOLUME_CONFIGURATION, ModelPaths.member(path, "rootDirectory"), "with an access"
            + " point the access point decides the directory; remove rootDirectory '" + efs.rootDirectory().get()
            + "' or set it to /");
      }
    });
  }
}
