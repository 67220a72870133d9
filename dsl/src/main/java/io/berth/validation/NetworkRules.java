package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.HostEntry;
import io.berth.model.IpcMode;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.SystemControl;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Set;

/**
 * What the task's network and IPC modes forbid (a hostname or /etc/hosts entries in awsvpc, network
 * sysctls in host mode, IPC sysctls with the host's IPC namespace), the syntax of DNS settings, and
 * which kernel parameters a container may set.
 */
final class NetworkRules {
  private static final Set<String> IPC_PARAMETERS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
      "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

  private NetworkRules() {}

  static void check(TaskDefinition task, Findings findings) {
    NetworkMode mode = task.effectiveNetworkMode();
    String modePath = ModelPaths.member(ModelPaths.taskDefinition(task.family()), "networkMode");
    for (ContainerDefinition container : task.containerDefinitions()) {
      String path = ModelPaths.container(task.family(), container.name());
      if (mode == NetworkMode.AWSVPC) {
        container.hostname().ifPresent(h -> findings.add(ViolationCode.NETWORK_MODE, ModelPaths.member(path, "hostname"),
            "awsvpc mode takes no hostname (the task's network interface names it); remove .hostname(\"" + h + "\")",
            modePath, "the network mode is awsvpc here"));
        for (HostEntry entry : container.extraHosts()) {
          findings.add(ViolationCode.NETWORK_MODE, ModelPaths.element(path, "extraHosts", entry.hostname()),
              "awsvpc mode takes no extra /etc/hosts entries; remove the entry for " + entry.hostname(),
              modePath, "the network mode is awsvpc here");
        }
      }
      checkDns(container, path, findings);
      checkSystemControls(task, container, path, modePath, findings);
    }
  }

  private static void checkDns(ContainerDefinition container, String path, Findings findings) {
    for (String server : container.dnsServers()) {
      if (!Syntax.isIpAddress(server)) {
        findings.add(ViolationCode.DNS_SETTINGS, ModelPaths.member(path, "dnsServers"), "DNS server '" + server
            + "' is not an IP address; write one such as 10.0.0.2");
      }
    }
    for (String domain : container.dnsSearchDomains()) {
      if (!Syntax.isDnsName(domain)) {
        findings.add(ViolationCode.DNS_SETTINGS, ModelPaths.member(path, "dnsSearchDomains"), "search domain '"
            + domain + "' is not a DNS name; write one such as corp.example.com");
      }
    }
    for (HostEntry entry : container.extraHosts()) {
      String entryPath = ModelPaths.element(path, "extraHosts", entry.hostname());
      if (!Syntax.isDnsName(entry.hostname())) {
        findings.add(ViolationCode.DNS_SETTINGS, ModelPaths.member(entryPath, "hostname"), "extra host name '"
            + entry.hostname() + "' is not a DNS name");
      }
      if (!Syntax.isIpAddress(entry.ipAddress())) {
        findings.add(ViolationCode.DNS_SETTINGS, ModelPaths.member(entryPath, "ipAddress"), "extra host address '"
            + entry.ipAddress() + "' for " + entry.hostname() + " is not an IP address");
      }
    }
  }

  private static void checkSystemControls(TaskDefinition task, ContainerDefinition container, String path,
      String modePath, Findings findings) {
    List<SystemControl> controls = container.systemControls();
    for (int i = 0; i < controls.size(); i++) {
      SystemControl control = controls.get(i);
      String name = control.namespace().orElse("");
      String controlPath = ModelPaths.element(path, "systemControls", name.isEmpty() ? String.valueOf(i) : name);
      boolean ipc = IPC_PARAMETERS.contains(name) || name.startsWith("fs.mqueue.");
      boolean network = name.startsWith("net.");
      if (!ipc && !network) {
        findings.add(ViolationCode.SYSTEM_CONTROL, controlPath, "'" + name + "' is not a namespaced kernel parameter"
            + " a container may set: use net.*, fs.mqueue.* or one of " + String.join(", ", IPC_PARAMETERS.stream()
            .sorted().toList()));
      } else if (network && task.effectiveNetworkMode() == NetworkMode.HOST) {
        findings.add(ViolationCode.NETWORK_MODE, controlPath, "host mode shares the host's network namespace, so "
            + name + " cannot be set per container; remove it or use bridge or awsvpc", modePath,
            "the network mode is host here");
      } else if (ipc && task.ipcMode().orElse(null) == IpcMode.HOST) {
        findings.add(ViolationCode.SYSTEM_CONTROL, controlPath, "ipcMode host shares the host's IPC namespace, so "
            + name + " cannot be set per container; remove it or use ipcMode task",
            ModelPaths.member(ModelPaths.taskDefinition(task.family()), "ipcMode"), "the IPC mode is host here");
      }
      if (control.value().map(String::isBlank).orElse(true)) {
        findings.add(ViolationCode.SYSTEM_CONTROL, ModelPaths.member(controlPath, "value"), "kernel parameter "
            + name + " needs a value");
      }
    }
  }
}
