package io.berth.engine.scheduler;

import io.berth.model.CpuArchitecture;
import io.berth.model.OsFamily;
import io.berth.model.TaskDefinition;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a task needs of its container instance beyond resources and ports, matched against the
 * attributes the instance's agent reports: the CPU architecture and OS of the task definition's
 * {@code runtimePlatform} ({@code ecs.cpu-architecture}, {@code ecs.os-type} and, for Windows,
 * {@code ecs.os-family}), and an agent that enforces task-level cpu and memory when the task sets
 * them (one that reports {@code berth.task-cpu-mem-limit-unsupported} cannot). An instance that
 * reports nothing about a requirement is not refused for it: Berth's agents report all of them, and
 * only declared capacity in a plan's dry run may leave them out.
 *
 * @param cpuArchitecture {@code x86_64} or {@code arm64}, as the attribute spells it
 * @param osType {@code linux} or {@code windows}
 * @param osFamily the Windows release ({@code WINDOWS_SERVER_2022_CORE}), for Windows tasks only
 * @param taskLimits whether the task sets a task-level cpu or memory the instance must enforce
 */
public record PlatformRequirements(Optional<String> cpuArchitecture, Optional<String> osType,
    Optional<String> osFamily, boolean taskLimits) {

  /** No requirement: any instance will do. */
  public static final PlatformRequirements NONE =
      new PlatformRequirements(Optional.empty(), Optional.empty(), Optional.empty(), false);

  /** Normalises absent optionals. */
  public PlatformRequirements {
    cpuArchitecture = cpuArchitecture == null ? Optional.empty() : cpuArchitecture;
    osType = osType == null ? Optional.empty() : osType;
    osFamily = osFamily == null ? Optional.empty() : osFamily;
  }

  /** The requirements of {@code definition}'s runtimePlatform and task-level cpu and memory. */
  public static PlatformRequirements of(TaskDefinition definition) {
    Optional<String> arch = definition.runtimePlatform().flatMap(p -> p.cpuArchitecture())
        .map(a -> a == CpuArchitecture.ARM64 ? "arm64" : "x86_64");
    Optional<OsFamily> family = definition.runtimePlatform().flatMap(p -> p.operatingSystemFamily());
    Optional<String> osType = family.map(f -> f == OsFamily.LINUX ? "linux" : "windows");
    Optional<String> windows = family.filter(f -> f != OsFamily.LINUX).map(OsFamily::apiValue);
    boolean limits = definition.cpu().isPresent() || definition.memory().isPresent();
    return new PlatformRequirements(arch, osType, windows, limits);
  }

  /** Whether nothing is required. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * Why an instance with {@code attributes} cannot run the task, or empty if it can: a sentence
   * naming the attribute, what the task needs and what the instance reports.
   */
  public Optional<String> unmet(Map<String, String> attributes) {
    if (isEmpty()) {
      return Optional.empty();
    }
    Optional<String> why = mismatch(attributes, ContainerInstance.CPU_ARCHITECTURE, cpuArchitecture)
        .or(() -> mismatch(attributes, ContainerInstance.OS_TYPE, osType))
        .or(() -> mismatch(attributes, ContainerInstance.OS_FAMILY, osFamily));
    if (why.isEmpty() && taskLimits && attributes.containsKey(ContainerInstance.TASK_LIMITS_UNSUPPORTED)) {
      return Optional.of("cannot enforce task-level cpu and memory ("
          + attributes.get(ContainerInstance.TASK_LIMITS_UNSUPPORTED) + ")");
    }
    return why;
  }

  private static Optional<String> mismatch(Map<String, String> attributes, String name, Optional<String> wanted) {
    String has = attributes.get(name);
    if (wanted.isEmpty() || has == null || has.toLowerCase(Locale.ROOT).equals(wanted.get().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of("needs " + name + " " + wanted.get() + " (runtimePlatform), has " + has);
  }
}
