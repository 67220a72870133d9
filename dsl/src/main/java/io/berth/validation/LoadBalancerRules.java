package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.LoadBalancer;
import io.berth.model.ModelPaths;
import io.berth.model.PortMapping;
import io.berth.model.Service;
import io.berth.model.TargetHealthCheck;
import io.berth.model.TaskDefinition;
import io.berth.model.TransportProtocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules about a service's load balancers as target groups: the health check (ELB's ranges), the
 * deregistration delay, the protocol of the target port, and listener ports unique in the stack.
 * (That the target is a container port of the task is {@link ServiceRules}'.)
 */
final class LoadBalancerRules {
  static final int MAX_PATH = 1024;

  private LoadBalancerRules() {}

  /** The rules for each load balancer of {@code service}, whose task definition is {@code task} (null if unknown). */
  static void check(Service service, TaskDefinition task, Findings findings) {
    List<LoadBalancer> balancers = service.loadBalancers();
    for (int i = 0; i < balancers.size(); i++) {
      LoadBalancer balancer = balancers.get(i);
      String path = ModelPaths.element(ModelPaths.service(service.serviceName()), "loadBalancer", i);
      balancer.healthCheck().ifPresent(check -> checkHealthCheck(check, ModelPaths.member(path, "healthCheck"), findings));
      balancer.deregistrationDelaySeconds().filter(s -> s < 0 || s > 3600).ifPresent(s -> findings.add(
          ViolationCode.DEREGISTRATION_DELAY, ModelPaths.member(path, "deregistrationDelaySeconds"),
          "deregistration delay " + s + " s is outside 0-3600 s; pick a value in that range"));
      if (task != null) {
        checkTargetProtocol(balancer, task, path, findings);
      }
    }
  }

  /** No two load balancers of the stack listen on the same port. */
  static void checkListeners(List<Service> services, Findings findings) {
    Map<Integer, String> owners = new HashMap<>();
    for (Service service : services) {
      List<LoadBalancer> balancers = service.loadBalancers();
      for (int i = 0; i < balancers.size(); i++) {
        int port = balancers.get(i).listenerPort();
        String owner = owners.putIfAbsent(port, service.serviceName());
        if (owner != null) {
          findings.add(ViolationCode.LISTENER_PORT, ModelPaths.member(ModelPaths.element(
              ModelPaths.service(service.serviceName()), "loadBalancer", i), "listenerPort"), "listener port " + port
              + " is already the listener of service '" + owner + "'; give this load balancer another listenerPort");
        }
      }
    }
  }

  private static void checkHealthCheck(TargetHealthCheck check, String path, Findings findings) {
    check.path().ifPresent(p -> {
      if (!p.startsWith("/")) {
        findings.add(ViolationCode.TARGET_HEALTH_CHECK, ModelPaths.member(path, "path"), "health check path '" + p
            + "' must start with '/'; write \"/" + p + "\"");
      } else if (p.length() > MAX_PATH) {
        findings.add(ViolationCode.TARGET_HEALTH_CHECK, ModelPaths.member(path, "path"), "health check path is "
            + p.length() + " characters; ELB allows at most " + MAX_PATH);
      }
    });
    check.matcher().ifPresent(m -> {
      if (check.path().isEmpty()) {
        findings.add(ViolationCode.TARGET_HEALTH_CHECK, ModelPaths.member(path, "matcher"), "a matcher needs an HTTP"
            + " check; add .path(\"/health\") (without a path the check is a TCP connect)");
      }
      matcherProblem(m).ifPresent(problem -> findings.add(ViolationCode.TARGET_HEALTH_CHECK,
          ModelPaths.member(path, "matcher"), problem));
    });
    range(check.intervalSeconds(), 5, 300, "interval", "intervalSeconds", path, findings);
    range(check.timeoutSeconds(), 2, 120, "timeout", "timeoutSeconds", path, findings);
    range(check.healthyThresholdCount(), 2, 10, "healthy threshold", "healthyThresholdCount", path, findings);
    range(check.unhealthyThresholdCount(), 2, 10, "unhealthy threshold", "unhealthyThresholdCount", path, findings);
    int interval = check.intervalSeconds().orElse(TargetHealthCheck.DEFAULT_INTERVAL);
    int timeout = check.timeoutSeconds().orElse(TargetHealthCheck.DEFAULT_TIMEOUT);
    if (timeout >= interval && interval >= 5 && timeout >= 2) {
      findings.add(ViolationCode.TARGET_HEALTH_CHECK, ModelPaths.member(path, check.timeoutSeconds().isPresent()
          ? "timeoutSeconds" : "intervalSeconds"), "health check timeout " + timeout + " s must be shorter than its"
          + " interval " + interval + " s; lower the timeout or raise the interval");
    }
  }

  private static void range(Optional<Integer> value, int min, int max, String what, String member, String path,
      Findings findings) {
    value.filter(v -> v < min || v > max).ifPresent(v -> findings.add(ViolationCode.TARGET_HEALTH_CHECK,
        ModelPaths.member(path, member), "health check " + what + " " + v + " is outside " + min + "-" + max
            + "; pick a value in that range"));
  }

  /** Why {@code matcher} is not ELB's syntax ("200", "200-299", "200,204"), if it is not. */
  static Optional<String> matcherProblem(String matcher) {
    String fix = "; write codes 200-499 as \"200\", \"200-299\" or \"200,204\"";
    if (matcher.isBlank()) {
      return Optional.of("matcher is empty" + fix);
    }
    for (String part : matcher.split(",", -1)) {
      String[] bounds = part.trim().split("-", -1);
      if (bounds.length > 2 || !bounds[0].matches("\\d{3}") || (bounds.length == 2 && !bounds[1].matches("\\d{3}"))) {
        return Optional.of("matcher '" + matcher + "' is not a list of status codes or ranges" + fix);
      }
      int low = Integer.parseInt(bounds[0]);
      int high = bounds.length == 2 ? Integer.parseInt(bounds[1]) : low;
      if (low < 200 || high > 499 || low > high) {
        return Optional.of("matcher '" + matcher + "' has '" + part.trim() + "', outside 200-499 or backwards" + fix);
      }
    }
    return Optional.empty();
  }

  private static void checkTargetProtocol(LoadBalancer balancer, TaskDefinition task, String path, Findings findings) {
    Optional<ContainerDefinition> container = task.container(balancer.containerName());
    if (container.isEmpty()) {
      return; // ServiceRules reports a missing target
    }
    for (PortMapping mapping : container.get().portMappings()) {
      if (mapping.containerPort().equals(Optional.of(balancer.containerPort()))
          && mapping.protocol().orElse(TransportProtocol.TCP) == TransportProtocol.UDP) {
        findings.add(ViolationCode.LOAD_BALANCER_PROTOCOL, ModelPaths.member(path, "containerPort"),
            "load balancer targets port " + balancer.containerPort() + "/udp of '" + balancer.containerName()
                + "'; Berth's load balancers forward TCP (HTTP or TCP listeners): map the port as tcp or remove the"
                + " load balancer");
      }
    }
  }
}
