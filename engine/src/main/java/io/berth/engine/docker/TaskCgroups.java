package io.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.berth.model.TaskDefinition;
import io.berth.model.TaskSize;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Task-level cpu and memory, enforced for all of a task's containers together: each container of a
 * task that sets them is created with the cgroup parent {@code /berth/<task>.<instance>} (Docker's
 * {@code --cgroup-parent}), a cgroup the agent makes first and writes the task's limits into (cgroup
 * v1: {@code memory.limit_in_bytes}, {@code cpu.cfs_quota_us} of a 100 ms period and {@code
 * cpu.shares}; v2: {@code memory.max} and {@code cpu.max}). This takes Docker's cgroupfs cgroup
 * driver and an agent that writes the cgroup file system of Docker's host; {@link #support()} probes
 * both once and says why not otherwise, and {@link #verify} checks after each start that the
 * container's cgroup really is under its task's.
 */
public final class TaskCgroups {
  private static final System.Logger LOG = System.getLogger(TaskCgroups.class.getName());
  /** The cgroup file system of this host. */
  public static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final long MIB = 1024L * 1024L;
  private static final int PERIOD_MICROS = 100_000;

  /** Whether this agent's Docker engine enforces task limits, and with which cgroup version; else why not. */
  public sealed interface Support {
    /** Limits are enforced through cgroup parents of cgroup {@code version} (1 or 2). */
    record Enforced(int version) implements Support {}

    /** Limits cannot be enforced, for {@code reason} (a sentence with the fix). */
    record Unsupported(String reason) implements Support {}
  }

  private final DockerClient docker;
  private final Path root;
  private volatile Support support;

  /** Task limits through {@code docker} on the cgroup file system at {@code root} ({@link #ROOT} on a host). */
  public TaskCgroups(DockerClient docker, Path root) {
    this.docker = docker;
    this.root = root;
  }

  /** The probe's verdict, once {@link #support()} has reached one (a Docker engine that did not answer gives none). */
  public Optional<Support> probed() {
    return Optional.ofNullable(support);
  }

  /** Probes Docker and the cgroup file system once (a Docker call and a directory made), then remembers. */
  public Support support() {
    Support known = support;
    if (known == null) {
      String driver;
      String version;
      try {
        Info info = docker.infoCmd().exec();
        driver = String.valueOf(info.getCGroupDriver());
        version = String.valueOf(info.getCGroupVersion());
      } catch (RuntimeException e) {
        return new Support.Unsupported("Docker did not say which cgroup driver it uses (" + e.getMessage() + ")");
      }
      known = decide(driver, version, root);
      support = known;
      LOG.log(Level.DEBUG, "task-level cpu and memory: " + known);
    }
    return known;
  }

  /** The probe's verdict for Docker's cgroup {@code driver} and {@code version} and the file system at {@code root}. */
  static Support decide(String driver, String version, Path root) {
    if (!driver.equals("cgroupfs")) {
      return new Support.Unsupported("Docker's cgroup driver is " + driver + ", and Berth writes task limits into"
          + " cgroupfs cgroup parents only (run dockerd with --exec-opt native.cgroupdriver=cgroupfs)");
    }
    int local = Files.isRegularFile(root.resolve("cgroup.controllers")) ? 2
        : Files.isDirectory(root.resolve("memory")) && Files.isDirectory(root.resolve("cpu")) ? 1 : 0;
    if (!version.equals(String.valueOf(local))) {
      return new Support.Unsupported("Docker uses cgroup v" + version + " but the agent sees "
          + (local == 0 ? "no cgroup file system" : "cgroup v" + local) + " at " + root
          + ", so it does not run on Docker's host");
    }
    try {
      for (Path dir : hierarchies(local, root, Path.of("berth"))) {
        Files.createDirectories(dir);
      }
      if (local == 2) {
        Files.writeString(root.resolve("cgroup.subtree_control"), "+cpu +memory");
        Files.writeString(root.resolve("berth/cgroup.subtree_control"), "+cpu +memory");
      }
    } catch (IOException | RuntimeException e) {
      return new Support.Unsupported("the agent cannot write the cgroup file system at " + root + " ("
          + e.getMessage() + "); run it as root on Docker's host");
    }
    return new Support.Enforced(local);
  }

  /** Whether {@code definition} sets a task-level cpu or memory to enforce. */
  public static boolean limits(TaskDefinition definition) {
    return definition.cpu().isPresent() || definition.memory().isPresent();
  }

  /** The cgroup parent of {@code spec}'s containers, when its task definition sets task-level limits. */
  public static Optional<String> parent(TaskSpec spec) {
    return limits(spec.taskDefinition()) ? Optional.of("/berth/" + spec.taskId() + "." + spec.instanceId())
        : Optional.empty();
  }

  /**
   * Makes {@code spec}'s cgroup and writes its limits, before any of its containers is created.
   *
   * @throws TaskRuntimeException when this instance cannot enforce them, naming why
   */
  public void prepare(TaskSpec spec) {
    Optional<String> parent = parent(spec);
    if (parent.isEmpty()) {
      return;
    }
    Support known = support();
    if (known instanceof Support.Unsupported unsupported) {
      throw new TaskRuntimeException(spec.taskId(), "ResourceInitializationError: this container instance cannot"
          + " enforce the task's cpu and memory: " + unsupported.reason(), null);
    }
    int version = ((Support.Enforced) known).version();
    TaskDefinition definition = spec.taskDefinition();
    OptionalInt cpu = definition.cpu().map(TaskSize::cpuUnits).orElse(OptionalInt.empty());
    OptionalInt memory = definition.memory().map(TaskSize::memoryMib).orElse(OptionalInt.empty());
    Path relative = Path.of(parent.get().substring(1));
    try {
      for (Path dir : hierarchies(version, root, relative)) {
        Files.createDirectories(dir);
      }
      if (version == 1) {
        write(memory, root.resolve("memory").resolve(relative).resolve("memory.limit_in_bytes"), m -> m * MIB);
        write(cpu, root.resolve("cpu").resolve(relative).resolve("cpu.cfs_period_us"), c -> PERIOD_MICROS);
        write(cpu, root.resolve("cpu").resolve(relative).resolve("cpu.cfs_quota_us"), TaskCgroups::quota);
        write(cpu, root.resolve("cpu").resolve(relative).resolve("cpu.shares"), c -> Math.max(2, c));
      } else {
        Path dir = root.resolve(relative);
        Files.writeString(dir.resolve("cgroup.subtree_control"), "+cpu +memory");
        write(memory, dir.resolve("memory.max"), m -> m * MIB);
        if (cpu.isPresent()) {
          Files.writeString(dir.resolve("cpu.max"), quota(cpu.getAsInt()) + " " + PERIOD_MICROS);
        }
      }
    } catch (IOException e) {
      throw new TaskRuntimeException(spec.taskId(), "ResourceInitializationError: cannot write the task's cpu and"
          + " memory limits into " + root.resolve(relative) + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Checks that the started container {@code dockerId} of {@code spec} runs in its task's cgroup
   * (a Docker engine on another host, or a cgroup namespace, would put it elsewhere unnoticed).
   *
   * @throws TaskRuntimeException when it does not, so the task stops rather than run unlimited
   */
  public void verify(TaskSpec spec, String container, String dockerId) {
    Optional<String> parent = parent(spec);
    if (parent.isEmpty() || !(support() instanceof Support.Enforced enforced)) {
      return;
    }
    Path relative = Path.of(parent.get().substring(1), dockerId);
    Path cgroup = enforced.version() == 1 ? root.resolve("memory").resolve(relative) : root.resolve(relative);
    if (!Files.isDirectory(cgroup)) {
      throw new TaskRuntimeException(spec.taskId(), container, null, "ResourceInitializationError: the container's"
          + " cgroup " + cgroup + " does not exist, so the task's cpu and memory limits do not hold it; the agent"
          + " must run on Docker's host, outside a cgroup namespace", null);
    }
  }

  /** Removes the cgroup of task {@code taskId} of instance {@code instanceId} (best effort: it is gone once its containers are). */
  public void remove(String taskId, String instanceId) {
    Support known = support;
    if (!(known instanceof Support.Enforced enforced)) {
      return;
    }
    Path relative = Path.of("berth", taskId + "." + instanceId);
    List<Path> dirs;
    if (enforced.version() == 2) {
      dirs = List.of(root.resolve(relative));
    } else {
      try (Stream<Path> controllers = Files.list(root)) {
        dirs = controllers.map(c -> c.resolve(relative)).filter(Files::isDirectory).toList();
      } catch (IOException e) {
        dirs = List.of();
      }
    }
    for (Path dir : dirs) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "cannot remove " + dir + " yet: " + e.getMessage());
      }
    }
  }

  /** The directories of cgroup {@code relative} in each hierarchy the limits are written in. */
  private static List<Path> hierarchies(int version, Path root, Path relative) {
    return version == 1 ? List.of(root.resolve("memory").resolve(relative), root.resolve("cpu").resolve(relative))
        : List.of(root.resolve(relative));
  }

  /** The CFS quota of {@code units} cpu units per 100 ms period: 1024 units are one CPU; at least 1 ms. */
  static long quota(int units) {
    return Math.max(1000L, (long) units * PERIOD_MICROS / 1024);
  }

  private static void write(OptionalInt value, Path file, java.util.function.IntToLongFunction as) throws IOException {
    if (value.isPresent()) {
      Files.writeString(file, Long.toString(as.applyAsLong(value.getAsInt())));
    }
  }
}
