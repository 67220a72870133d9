package io.berth.engine.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Figures of one process from Linux's {@code /proc}: CPU time and memory lines of its status. */
final class ProcStat {
  /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
  private static final double TICKS = 100.0;

  private ProcStat() {}

  /** User + system CPU seconds of process {@code pid} (its own threads, not its children). */
  static double cpuSeconds(long pid) {
    String[] fields = statFields(pid);
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
  }

  /** User + system CPU seconds of the children {@code pid} has waited for. */
  static double childrenCpuSeconds(long pid) {
    String[] fields = statFields(pid);
    return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS;
  }

  /** A {@code kB} line of {@code /proc/<pid>/status} (e.g. VmHWM), in KiB; 0 when absent. */
  static long statusKib(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").strip());
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The fields after the command name (which may hold spaces): field 3 of proc(5) is index 0. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
    }
  }
}
