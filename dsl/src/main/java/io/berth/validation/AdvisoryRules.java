package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.KeyValuePair;
import io.berth.model.LoadBalancer;
import io.berth.model.ModelPaths;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Warnings: valid but risky declarations the processor shows without failing the build. */
final class AdvisoryRules {
  private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(PASSWORD|PASSWD|SECRET|TOKEN|_KEY|APIKEY).*");

  private AdvisoryRules() {}

  static void checkTask(TaskDefinition task, Findings findings) {
    for (ContainerDefinition container : task.containerDefinitions()) {
      String path = ModelPaths.container(task.family(), container.name());
      container.image().filter(AdvisoryRules::unpinned).ifPresent(image -> findings.add(ViolationCode.IMAGE_TAG,
          ModelPaths.member(path, "image"), "image '" + image + "' has no tag or the tag latest, so what runs changes"
              + " without a new revision; pin a version tag such as :1.4"));
      for (KeyValuePair variable : container.environment()) {
        if (CREDENTIAL_NAME.matcher(variable.name().toUpperCase(Locale.ROOT)).matches() && !variable.value().isEmpty()) {
          findings.add(ViolationCode.PLAIN_SECRET, ModelPaths.element(path, "environment", variable.name()),
              "environment variable " + variable.name() + " looks like a credential but is plain text in the task"
                  + " definition and the state; use .secret(\"" + variable.name() + "\", \"secret/...\") instead");
        }
      }
    }
    boolean hasSecrets = task.containerDefinitions().stream()
        .anyMatch(c -> !c.secrets().isEmpty() || c.repositoryCredentials().isPresent());
    if (hasSecrets && task.executionRoleArn().isEmpty()) {
      findings.add(ViolationCode.SECRETS_EXECUTION_ROLE, ModelPaths.taskDefinition(task.family()),
          "containers read secrets (or registry credentials) but the task definition has no execution role to"
              + " resolve them with; add .executionRole(role) with a role allowed to read them");
    }
  }

  static boolean unpinned(String image) {
    String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
    if (afterRegistry.contains("@")) {
      return false; // pinned by digest
    }
    int colon = afterRegistry.lastIndexOf(':');
    return colon < 0 || afterRegistry.substring(colon + 1).equals("latest");
  }

  static void checkService(Service service, Map<String, TaskDefinition> tasks, Findings findings) {
    String path = ModelPaths.service(service.serviceName());
    if (service.deploymentConfiguration().deploymentCircuitBreaker().map(b -> !b.enable()).orElse(true)) {
      findings.add(ViolationCode.CIRCUIT_BREAKER, ModelPaths.member(path, "deploymentConfiguration"),
          "no deployment circuit breaker: a broken release is retried forever; add"
              + " .deployment(d -> d.circuitBreaker(true))");
    }
    TaskDefinition task = tasks.get(service.taskDefinition());
    if (task == null) {
      return;
    }
    for (int i = 0; i < service.loadBalancers().size(); i++) {
      LoadBalancer balancer = service.loadBalancers().get(i);
      Optional<ContainerDefinition> container = task.container(balancer.containerName());
      if (container.isPresent() && container.get().isEssential() && container.get().healthCheck().isEmpty()) {
        findings.add(ViolationCode.LOAD_BALANCER_HEALTH_CHECK, ModelPaths.element(path, "loadBalancer", i),
            "essential container '" + balancer.containerName() + "' is behind a load balancer without a health check;"
                + " add .healthCheck(h -> h.shell(...)) so broken tasks are replaced");
      }
    }
  }
}
