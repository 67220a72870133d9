package io.berth.validation;

import io.berth.model.Device;
import io.berth.model.LinuxParameters;
import io.berth.model.ModelPaths;
import io.berth.model.Tmpfs;
import java.util.List;
import java.util.Set;

/** Linux parameters: capability names, device and tmpfs paths, sizes, mount options and swap. */
final class LinuxRules {
  private static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_WRITE", "BLOCK_SUSPEND",
      "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
      "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
      "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE",
      "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG",
      "WAKE_ALARM");
  private static final Set<String> TMPFS_OPTIONS = Set.of("defaults", "ro", "rw", "suid", "nosuid", "dev", "nodev",
      "exec", "noexec", "sync", "async", "dirsync", "remount", "mand", "nomand", "atime", "noatime", "diratime",
      "nodiratime", "bind", "rbind", "unbindable", "runbindable", "private", "rprivate", "shared", "rshared", "slave",
      "rslave", "relatime", "norelatime", "strictatime", "nostrictatime", "mode", "uid", "gid", "nr_inodes",
      "nr_blocks", "mpol");

  private LinuxRules() {}

  static void check(LinuxParameters linux, String path, Findings findings) {
    linux.capabilities().ifPresent(caps -> {
      capabilities(caps.add(), ModelPaths.member(ModelPaths.member(path, "capabilities"), "add"), findings);
      capabilities(caps.drop(), ModelPaths.member(ModelPaths.member(path, "capabilities"), "drop"), findings);
    });
    List<Device> devices = linux.devices();
    for (int i = 0; i < devices.size(); i++) {
      String devicePath = ModelPaths.element(path, "devices", i);
      ContainerValueRules.absolute(devices.get(i).hostPath(), "device", ModelPaths.member(devicePath, "hostPath"),
          findings);
      devices.get(i).containerPath().ifPresent(p -> ContainerValueRules.absolute(p, "device path",
          ModelPaths.member(devicePath, "containerPath"), findings));
    }
    linux.sharedMemorySize().filter(size -> size < 1).ifPresent(size -> findings.add(ViolationCode.LINUX_PARAMETERS,
        ModelPaths.member(path, "sharedMemorySize"), "sharedMemorySize " + size + " MiB must be positive"));
    List<Tmpfs> mounts = linux.tmpfs();
    for (int i = 0; i < mounts.size(); i++) {
      Tmpfs tmpfs = mounts.get(i);
      String tmpfsPath = ModelPaths.element(path, "tmpfs", i);
      ContainerValueRules.absolute(tmpfs.containerPath(), "tmpfs path", ModelPaths.member(tmpfsPath, "containerPath"),
          findings);
      if (tmpfs.size() < 1) {
        findings.add(ViolationCode.LINUX_PARAMETERS, ModelPaths.member(tmpfsPath, "size"), "tmpfs size "
            + tmpfs.size() + " MiB must be positive");
      }
      for (String option : tmpfs.mountOptions()) {
        String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
        if (!TMPFS_OPTIONS.contains(name)) {
          findings.add(ViolationCode.LINUX_PARAMETERS, ModelPaths.member(tmpfsPath, "mountOptions"), "'" + option
              + "' is not a tmpfs mount option ECS accepts (e.g. rw, noexec, nosuid, mode=1777)");
        }
      }
    }
    linux.maxSwap().filter(swap -> swap < 0).ifPresent(swap -> findings.add(ViolationCode.LINUX_PARAMETERS,
        ModelPaths.member(path, "maxSwap"), "maxSwap " + swap + " MiB is negative; use 0 (no swap) or more"));
    linux.swappiness().filter(s -> s < 0 || s > 100).ifPresent(s -> findings.add(ViolationCode.LINUX_PARAMETERS,
        ModelPaths.member(path, "swappiness"), "swappiness " + s + " is outside 0-100"));
    if (linux.swappiness().isPresent() && linux.maxSwap().isEmpty()) {
      findings.add(ViolationCode.IGNORED_SETTING, ModelPaths.member(path, "swappiness"), "ECS ignores swappiness"
          + " without maxSwap; add .maxSwap(MiB) or remove swappiness");
    }
  }

  private static void capabilities(List<String> names, String path, Findings findings) {
    for (String name : names) {
      String bare = name.startsWith("CAP_") ? name.substring("CAP_".length()) : name;
      if (!CAPABILITIES.contains(bare)) {
        findings.add(ViolationCode.LINUX_PARAMETERS, path, "'" + name + "' is not a Linux capability ECS knows"
            + " (e.g. NET_ADMIN, SYS_PTRACE, ALL)");
      }
    }
  }
}
