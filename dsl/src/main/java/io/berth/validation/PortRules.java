package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.ModelPaths;
import io.berth.model.NetworkMode;
import io.berth.model.PortMapping;
import io.berth.model.TaskDefinition;
import io.berth.model.TransportProtocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Port mapping rules per network mode, reserved host ports, and host ports used twice in a task. */
final class PortRules {
  /** Host ports every instance reserves by default (SSH, Docker, the ECS agent). */
  static final Set<Integer> RESERVED = Set.of(22, 2375, 2376, 51678, 51679, 51680);
  static final int MAX_RANGES = 100;
  private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");

  private PortRules() {}

  static void check(TaskDefinition task, String taskPath, Findings findings) {
    NetworkMode mode = task.effectiveNetworkMode();
    Map<String, String> hostPortsSeen = new HashMap<>();
    for (ContainerDefinition container : task.containerDefinitions()) {
      String containerPath = ModelPaths.container(task.family(), container.name());
      List<PortMapping> mappings = container.portMappings();
      List<int[]> containerPorts = new ArrayList<>(); // {low, high, protocol ordinal} already mapped
      int ranges = 0;
      for (int i = 0; i < mappings.size(); i++) {
        String path = ModelPaths.element(containerPath, "portMappings", i);
        PortMapping mapping = mappings.get(i);
        checkMapping(mode, mapping, path, hostPortsSeen, findings);
        mapping.name().filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> findings.add(ViolationCode.PORT_MAPPING,
            ModelPaths.member(path, "name"), "port name '" + n + "' must be 1-64 lower-case letters, digits, '_' or"
                + " '-', not starting with '-'"));
        if (mapping.containerPortRange().isPresent() && mapping.containerPort().isEmpty()) {
          ranges++;
          if (mode != NetworkMode.BRIDGE && mode != NetworkMode.AWSVPC) {
            findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "containerPortRange"), "a"
                + " containerPortRange needs network mode bridge or awsvpc, not " + mode.apiValue());
          } else if (ranges == MAX_RANGES + 1) {
            findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "containerPortRange"), "a container"
                + " takes at most " + MAX_RANGES + " port ranges");
          }
        }
        checkOverlap(mapping, path, containerPorts, findings);
      }
    }
  }

  /** "A port can only be included in one port mapping per container" (per protocol). */
  private static void checkOverlap(PortMapping mapping, String path, List<int[]> seen, Findings findings) {
    int[] span = span(mapping);
    if (span == null) {
      return;
    }
    for (int[] earlier : seen) {
      if (earlier[2] == span[2] && span[0] <= earlier[1] && earlier[0] <= span[1]) {
        findings.add(ViolationCode.PORT_MAPPING, path, (span[0] == span[1] ? "container port " + span[0] + " is"
            : "container ports " + span[0] + "-" + span[1] + " are") + " already mapped by this container; map each"
            + " port once");
        return;
      }
    }
    seen.add(span);
  }

  private static int[] span(PortMapping mapping) {
    int protocol = mapping.protocol().orElse(TransportProtocol.TCP).ordinal();
    if (mapping.containerPort().isPresent()) {
      int port = mapping.containerPort().get();
      return validPort(port) ? new int[] {port, port, protocol} : null;
    }
    Matcher m = RANGE.matcher(mapping.containerPortRange().orElse(""));
    if (!m.matches()) {
      return null;
    }
    int low = Integer.parseInt(m.group(1));
    int high = Integer.parseInt(m.group(2));
    return validPort(low) && validPort(high) && low < high ? new int[] {low, high, protocol} : null;
  }

  private static void checkMapping(NetworkMode mode, PortMapping mapping, String path, Map<String, String> seen,
      Findings findings) {
    if (mode == NetworkMode.NONE) {
      findings.add(ViolationCode.PORT_MAPPING, path, "network mode none allows no port mappings;"
          + " remove the mapping or use bridge, host or awsvpc");
      return;
    }
    if (mapping.containerPort().isEmpty()) {
      if (mapping.containerPortRange().isEmpty()) {
        findings.add(ViolationCode.PORT_MAPPING, path, "a port mapping needs a containerPort; set it");
      } else {
        checkRange(mapping, path, findings);
      }
      return;
    }
    if (mapping.containerPortRange().isPresent()) {
      findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "containerPortRange"), "a port mapping has"
          + " either a containerPort or a containerPortRange, not both; remove one");
      return;
    }
    int containerPort = mapping.containerPort().get();
    if (!validPort(containerPort)) {
      findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "containerPort"),
          "containerPort " + containerPort + " is outside 1-65535");
      return;
    }
    Optional<Integer> hostPort = mapping.hostPort();
    if (mode == NetworkMode.HOST || mode == NetworkMode.AWSVPC) {
      if (hostPort.isPresent() && hostPort.get() != containerPort) {
        findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "hostPort"), "in " + mode.apiValue()
            + " mode hostPort must be omitted or equal containerPort " + containerPort + ", not " + hostPort.get()
            + "; remove hostPort");
        return;
      }
      hostPort = Optional.of(containerPort);
    }
    if (hostPort.isEmpty() || hostPort.get() == 0) {
      return; // bridge: a dynamic port from the ephemeral range, chosen at run time
    }
    int port = hostPort.get();
    if (!validPort(port)) {
      findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "hostPort"), "hostPort " + port
          + " is outside 1-65535; use 0 or omit it for a dynamic port");
      return;
    }
    // the reserved ports are the instance's: an awsvpc task has a network interface of its own
    if (RESERVED.contains(port) && mode != NetworkMode.AWSVPC) {
      findings.add(ViolationCode.RESERVED_PORT, ModelPaths.member(path, "hostPort"), "host port " + port
          + " is reserved on every instance (22, 2375, 2376, 51678-51680); choose another port"
          + (mode == NetworkMode.BRIDGE ? " or omit hostPort for a dynamic one" : ""));
    }
    String key = port + "/" + mapping.protocol().orElse(TransportProtocol.TCP).apiValue();
    String earlier = seen.putIfAbsent(key, path);
    if (earlier != null) {
      findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "hostPort"), "host port " + key
          + " is already used by " + earlier + "; a task cannot bind the same host port twice", earlier,
          "the host port is first used here");
    }
  }

  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

  private static void checkRange(PortMapping mapping, String path, Findings findings) {
    String range = mapping.containerPortRange().orElseThrow();
    Matcher m = RANGE.matcher(range);
    if (!m.matches() || !validPort(Integer.parseInt(m.group(1))) || !validPort(Integer.parseInt(m.group(2)))
        || Integer.parseInt(m.group(1)) >= Integer.parseInt(m.group(2))) {
      findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "containerPortRange"), "containerPortRange '"
          + range + "' must be low-high with 1 <= low < high <= 65535, e.g. 8000-8010");
    } else if (mapping.hostPort().isPresent()) {
      findings.add(ViolationCode.PORT_MAPPING, ModelPaths.member(path, "hostPort"), "a containerPortRange maps to"
          + " host ports chosen at run time; remove hostPort");
    }
  }

  private static boolean validPort(int port) {
    return port >= 1 && port <= 65535;
  }
}
