package io.berth.dsl;

import io.berth.model.Device;
import io.berth.model.DevicePermission;
import io.berth.model.KernelCapabilities;
import io.berth.model.LinuxParameters;
import io.berth.model.ModelPaths;
import io.berth.model.Tmpfs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Linux-specific container settings: kernel capabilities, devices, init process, shared memory, tmpfs, swap. */
public final class LinuxSpec {
  private final String path;
  private final CallSites sites;
  private final List<String> addCapabilities = new ArrayList<>();
  private final List<String> dropCapabilities = new ArrayList<>();
  private final List<Device> devices = new ArrayList<>();
  private Optional<Boolean> initProcessEnabled = Optional.empty();
  private Optional<Integer> sharedMemorySize = Optional.empty();
  private final List<Tmpfs> tmpfs = new ArrayList<>();
  private Optional<Integer> maxSwap = Optional.empty();
  private Optional<Integer> swappiness = Optional.empty();

  LinuxSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** Adds kernel capabilities, e.g. {@code NET_ADMIN}. */
  public LinuxSpec addCapabilities(String... capabilities) {
    sites.record(ModelPaths.member(ModelPaths.member(path, "capabilities"), "add"));
    addCapabilities.addAll(List.of(capabilities));
    return this;
  }

  /** Drops kernel capabilities, e.g. {@code MKNOD}. */
  public LinuxSpec dropCapabilities(String... capabilities) {
    sites.record(ModelPaths.member(ModelPaths.member(path, "capabilities"), "drop"));
    dropCapabilities.addAll(List.of(capabilities));
    return this;
  }

  /** Exposes the host device {@code hostPath} at {@code containerPath}. */
  public LinuxSpec device(String hostPath, String containerPath, DevicePermission... permissions) {
    sites.record(ModelPaths.element(path, "devices", devices.size()));
    devices.add(new Device(Objects.requireNonNull(hostPath, "hostPath == null"),
        Optional.of(Objects.requireNonNull(containerPath, "containerPath == null")), List.of(permissions)));
    return this;
  }

  /** Exposes the host device {@code hostPath} at the same path in the container. */
  public LinuxSpec device(String hostPath, DevicePermission... permissions) {
    sites.record(ModelPaths.element(path, "devices", devices.size()));
    devices.add(new Device(Objects.requireNonNull(hostPath, "hostPath == null"), Optional.empty(), List.of(permissions)));
    return this;
  }

  /** Runs an init process as PID 1 that forwards signals and reaps zombies. */
  public LinuxSpec initProcessEnabled(boolean enabled) {
    sites.record(ModelPaths.member(path, "initProcessEnabled"));
    initProcessEnabled = Optional.of(enabled);
    return this;
  }

  /** Size of {@code /dev/shm} in MiB. */
  public LinuxSpec sharedMemorySize(int mib) {
    sites.record(ModelPaths.member(path, "sharedMemorySize"));
    sharedMemorySize = Optional.of(mib);
    return this;
  }

  /** A tmpfs mount of {@code sizeMib} MiB at {@code containerPath}. */
  public LinuxSpec tmpfs(String containerPath, int sizeMib, String... mountOptions) {
    sites.record(ModelPaths.element(path, "tmpfs", tmpfs.size()));
    tmpfs.add(new Tmpfs(Objects.requireNonNull(containerPath, "containerPath == null"), sizeMib, List.of(mountOptions)));
    return this;
  }

  /** Swap the container may use in MiB, and how eagerly (0-100). */
  public LinuxSpec swap(int maxSwapMib, int swappiness) {
    return maxSwap(maxSwapMib).swappiness(swappiness);
  }

  /** Swap the container may use in MiB (0: none); without it the container uses the instance's swap settings. */
  public LinuxSpec maxSwap(int mib) {
    sites.record(ModelPaths.member(path, "maxSwap"));
    maxSwap = Optional.of(mib);
    return this;
  }

  /** How eagerly memory pages are swapped out (0-100; ECS default 60 when maxSwap is set). */
  public LinuxSpec swappiness(int swappiness) {
    sites.record(ModelPaths.member(path, "swappiness"));
    this.swappiness = Optional.of(swappiness);
    return this;
  }

  LinuxParameters build() {
    Optional<KernelCapabilities> capabilities = addCapabilities.isEmpty() && dropCapabilities.isEmpty()
        ? Optional.empty()
        : Optional.of(new KernelCapabilities(addCapabilities, dropCapabilities));
    return new LinuxParameters(capabilities, devices, initProcessEnabled, sharedMemorySize, tmpfs, maxSwap, swappiness);
  }
}
