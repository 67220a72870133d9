package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.PortMapping;
import io.berth.model.Service;
import io.berth.model.ServiceRegistry;
import io.berth.model.TaskDefinition;
import io.berth.model.TransportProtocol;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules about a service's registration in service discovery: DNS label syntax, one service per name
 * and namespace in a cluster, and what the SRV records point at.
 */
final class DiscoveryRules {
  /** A DNS label as RFC 1123 host names spell it. */
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final int MAX_NAME = 253;

  private DiscoveryRules() {}

  /** The rules for the registries of {@code service}, whose task definition is {@code task} (null if unknown). */
  static void check(Service service, TaskDefinition task, Findings findings) {
    List<ServiceRegistry> registries = service.serviceRegistries();
    for (int i = 0; i < registries.size(); i++) {
      ServiceRegistry registry = registries.get(i);
      String path = path(service, i);
      if (i > 0) {
        findings.add(ViolationCode.DISCOVERY_TARGET, path, "service '" + service.serviceName() + "' registers in"
            + " service discovery more than once; keep one serviceDiscovery(...) call (ECS allows one registry per"
            + " service)");
      }
      checkNames(registry, path, findings);
      if (task != null) {
        checkTarget(registry, task, path, findings);
      }
    }
  }

  /** No two services of one cluster register the same name in the same namespace. */
  static void checkUnique(List<Service> services, Findings findings) {
    Map<String, String> owners = new HashMap<>();
    for (Service service : services) {
      List<ServiceRegistry> registries = service.serviceRegistries();
      for (int i = 0; i < registries.size(); i++) {
        ServiceRegistry registry = registries.get(i);
        String key = service.cluster() + "\u0000" + registry.dnsName();
        String owner = owners.putIfAbsent(key, service.serviceName());
        if (owner != null && !owner.equals(service.serviceName())) {
          findings.add(ViolationCode.DISCOVERY_DUPLICATE, ModelPaths.member(path(service, i), "name"), "'"
              + registry.dnsName() + "' is already the discovery name of service '" + owner + "' in cluster '"
              + service.cluster() + "'; give this service another name or namespace");
        }
      }
    }
  }

  private static void checkNames(ServiceRegistry registry, String path, Findings findings) {
    if (!LABEL.matcher(registry.name()).matches()) {
      findings.add(ViolationCode.DISCOVERY_NAME, ModelPaths.member(path, "name"), "discovery name '" + registry.name()
          + "' is not one DNS label; use 1-63 letters, digits and '-', not starting or ending with '-' (e.g. \""
          + suggestion(registry.name()) + "\")");
    }
    String namespace = registry.namespace();
    String[] labels = namespace.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        findings.add(ViolationCode.DISCOVERY_NAME, ModelPaths.member(path, "namespace"), "namespace '" + namespace
            + "' has " + (label.isEmpty() ? "an empty label" : "the label '" + label + "'") + ", which is not a DNS"
            + " label; write labels of 1-63 letters, digits and '-' separated by single dots (e.g. \"internal\")");
        return;
      }
    }
    int length = ("_" + registry.name() + "._tcp." + namespace).length();
    if (length > MAX_NAME) {
      findings.add(ViolationCode.DISCOVERY_NAME, ModelPaths.member(path, "namespace"), "'_" + registry.name()
          + "._tcp." + namespace + "' is " + length + " characters; DNS names are at most " + MAX_NAME
          + ": shorten the namespace or the name");
    }
  }

  private static void checkTarget(ServiceRegistry registry, TaskDefinition task, String path, Findings findings) {
    if (task.effectiveNetworkMode() == NetworkMode.NONE) {
      findings.add(ViolationCode.DISCOVERY_TARGET, path, "task definition '" + task.family() + "' has network mode"
          + " none, so its tasks have no address to register; use bridge, host or awsvpc, or remove serviceDiscovery");
      return;
    }
    if (registry.containerName().isEmpty()) {
      return;
    }
    String name = registry.containerName().get();
    Optional<ContainerDefinition> container = task.container(name);
    String portPath = ModelPaths.member(path, "containerPort");
    if (container.isEmpty()) {
      findings.add(ViolationCode.DISCOVERY_TARGET, ModelPaths.member(path, "containerName"), "task definition '"
          + task.family() + "' has no container '" + name + "'; name one of its containers");
      return;
    }
    int port = registry.containerPort().orElse(0);
    boolean tcp = false;
    boolean mapped = false;
    for (PortMapping mapping : container.get().portMappings()) {
      if (mapping.containerPort().equals(Optional.of(port))) {
        mapped = true;
        tcp |= mapping.protocol().orElse(TransportProtocol.TCP) == TransportProtocol.TCP;
      }
    }
    if (!mapped) {
      findings.add(ViolationCode.DISCOVERY_TARGET, portPath, "container '" + name + "' maps no container port " + port
          + "; add portMapping(" + port + ") to it or name a port it maps");
    } else if (!tcp) {
      findings.add(ViolationCode.DISCOVERY_TARGET, portPath, "port " + port + " of '" + name + "' is udp; SRV records"
          + " are published as _" + registry.name() + "._tcp: map the port as tcp or name a tcp port");
    }
  }

  private static String path(Service service, int index) {
    return ModelPaths.element(ModelPaths.service(service.serviceName()), "serviceRegistry", index);
  }

  private static String suggestion(String name) {
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return cleaned.isEmpty() ? "api" : cleaned.substring(0, Math.min(63, cleaned.length()));
  }
}
