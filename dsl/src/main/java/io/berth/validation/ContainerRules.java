package io.berth.validation;

import io.berth.model.ContainerDefinition;
import io.berth.model.HealthCheck;
import io.berth.model.ModelPaths;
import io.berth.model.Ulimit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Rules about one container on its own: image, memory limits, health check, timeouts, ulimits. */
final class ContainerRules {
  static final int MINIMUM_MEMORY_MIB = 6;
  /** Docker's spelling of an unlimited ulimit. */
  private static final int UNLIMITED = -1;

  private ContainerRules() {}

  static void check(ContainerDefinition container, String path, boolean taskHasMemory, Findings findings) {
    NameRules.checkName("container", container.name(), path, findings);
    if (container.image().isEmpty() || container.image().get().isBlank()) {
      findings.add(ViolationCode.IMAGE_REQUIRED, ModelPaths.member(path, "image"),
          "container '" + container.name() + "' has no image; set one, e.g. .image(\"local/app:1.0\")");
    }
    container.cpu().filter(cpu -> cpu < 0).ifPresent(cpu -> findings.add(ViolationCode.CONTAINER_CPU,
        ModelPaths.member(path, "cpu"), "cpu " + cpu + " units is negative; use 0 or more (1024 = one vCPU)"));
    checkMemory(container, path, taskHasMemory, findings);
    checkVariables(container, path, findings);
    ContainerValueRules.check(container, path, findings);
    container.linuxParameters().ifPresent(linux -> LinuxRules.check(linux, ModelPaths.member(path, "linuxParameters"),
        findings));
    container.healthCheck().ifPresent(check -> checkHealth(check, ModelPaths.member(path, "healthCheck"), findings));
    checkTimeout(container.startTimeout(), "startTimeout", path, findings);
    checkTimeout(container.stopTimeout(), "stopTimeout", path, findings);
    List<Ulimit> ulimits = container.ulimits();
    for (int i = 0; i < ulimits.size(); i++) {
      Ulimit ulimit = ulimits.get(i);
      if (ulimit.softLimit() < UNLIMITED || ulimit.hardLimit() < UNLIMITED) {
        findings.add(ViolationCode.ULIMIT, ModelPaths.element(path, "ulimits", i), "ulimit " + ulimit.name().apiValue()
            + " limits " + ulimit.softLimit() + "/" + ulimit.hardLimit() + " must be 0 or more, or -1 for unlimited");
      } else if (limit(ulimit.softLimit()) > limit(ulimit.hardLimit())) {
        findings.add(ViolationCode.ULIMIT, ModelPaths.element(path, "ulimits", i), "ulimit " + ulimit.name().apiValue()
            + " has softLimit " + ulimit.softLimit() + " above hardLimit " + ulimit.hardLimit()
            + "; lower the soft limit or raise the hard limit");
      }
    }
  }

  private static long limit(int value) {
    return value == UNLIMITED ? Long.MAX_VALUE : value;
  }

  /** Environment variables and secrets share one namespace in the container: a repeat silently overrides. */
  private static void checkVariables(ContainerDefinition container, String path, Findings findings) {
    Set<String> seen = new HashSet<>();
    container.environment().forEach(variable -> {
      if (!seen.add(variable.name())) {
        findings.add(ViolationCode.DUPLICATE_NAME, ModelPaths.element(path, "environment", variable.name()),
            "environment variable " + variable.name() + " is set more than once; keep one");
      }
    });
    container.secrets().forEach(secret -> {
      if (!seen.add(secret.name())) {
        findings.add(ViolationCode.DUPLICATE_NAME, ModelPaths.element(path, "secrets", secret.name()),
            secret.name() + " is set both as a secret and as another variable or secret; keep one");
      }
    });
  }

  private static void checkMemory(ContainerDefinition container, String path, boolean taskHasMemory, Findings findings) {
    Optional<Integer> memory = container.memory();
    Optional<Integer> reservation = container.memoryReservation();
    if (memory.isPresent() && reservation.isPresent() && memory.get() <= reservation.get()) {
      findings.add(ViolationCode.MEMORY_RESERVATION, ModelPaths.member(path, "memoryReservation"),
          "memoryReservation " + reservation.get() + " MiB must be below memory " + memory.get()
              + " MiB (the hard limit); lower the reservation or raise the limit", ModelPaths.member(path, "memory"),
          "the hard limit is set here");
    }
    if (!taskHasMemory && memory.isEmpty() && reservation.isEmpty()) {
      findings.add(ViolationCode.CONTAINER_MEMORY_REQUIRED, ModelPaths.member(path, "memory"),
          "container '" + container.name() + "' has neither memory nor memoryReservation and the task has no memory;"
              + " set .memory(MiB) or .memoryReservation(MiB) on the container, or memory on the task definition");
    }
    memory.filter(m -> m < MINIMUM_MEMORY_MIB).ifPresent(m -> findings.add(ViolationCode.CONTAINER_MEMORY_MINIMUM,
        ModelPaths.member(path, "memory"), "memory " + m + " MiB is below the minimum of " + MINIMUM_MEMORY_MIB
            + " MiB; raise it"));
    reservation.filter(m -> m < MINIMUM_MEMORY_MIB).ifPresent(m -> findings.add(ViolationCode.CONTAINER_MEMORY_MINIMUM,
        ModelPaths.member(path, "memoryReservation"), "memoryReservation " + m + " MiB is below the minimum of "
            + MINIMUM_MEMORY_MIB + " MiB; raise it"));
  }

  static void checkHealth(HealthCheck check, String path, Findings findings) {
    List<String> command = check.command();
    if (command.isEmpty() || !(command.get(0).equals("CMD") || command.get(0).equals("CMD-SHELL"))
        || command.size() < 2) {
      findings.add(ViolationCode.HEALTH_CHECK_COMMAND, ModelPaths.member(path, "command"),
          "health check command " + command + " must be [\"CMD\", program, args...] or [\"CMD-SHELL\", \"command line\"];"
              + " use .shell(\"...\") or .exec(...)");
    }
    range(check.interval(), 5, 300, "interval", "seconds", path, findings);
    range(check.timeout(), 2, 60, "timeout", "seconds", path, findings);
    range(check.retries(), 1, 10, "retries", "attempts", path, findings);
    range(check.startPeriod(), 0, 300, "startPeriod", "seconds", path, findings);
  }

  private static void range(Optional<Integer> value, int min, int max, String member, String unit, String path,
      Findings findings) {
    value.filter(v -> v < min || v > max).ifPresent(v -> findings.add(ViolationCode.HEALTH_CHECK_RANGE,
        ModelPaths.member(path, member), "health check " + member + " " + v + " is outside " + min + "-" + max + " "
            + unit + "; pick a value in that range"));
  }

  private static void checkTimeout(Optional<Integer> value, String member, String path, Findings findings) {
    value.filter(v -> v < 1 || v > 120).ifPresent(v -> findings.add(ViolationCode.TIMEOUT_RANGE,
        ModelPaths.member(path, member), member + " " + v + " s is outside 1-120 s; pick a value in that range"));
  }
}
