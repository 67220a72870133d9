package io.berth.engine.agent;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an agent tells the control plane about its host: resources and the built-in ECS attributes.
 * The attribute rules are pure ({@link #attributes}); only the detection methods read the host.
 */
public final class HostFacts {
  /** Instance type Berth reports for a local host, like ECS's {@code t3.medium}. */
  public static final String INSTANCE_TYPE = "berth.local";

  private HostFacts() {}

  /**
   * The registration attributes: {@code ecs.availability-zone}, {@code ecs.instance-type},
   * {@code ecs.os-type}, {@code ecs.cpu-architecture}, then {@code extra} (which wins).
   */
  public static Map<String, String> attributes(String zone, String osArch, Map<String, String> extra) {
    Map<String, String> attributes = new TreeMap<>();
    attributes.put("ecs.availability-zone", zone);
    attributes.put("ecs.instance-type", INSTANCE_TYPE);
    attributes.put("ecs.os-type", "linux");
    attributes.put("ecs.cpu-architecture", cpuArchitecture(osArch));
    attributes.putAll(extra);
    return attributes;
  }

  /** ECS's spelling of the JVM's {@code os.arch}: x86_64 or arm64. */
  public static String cpuArchitecture(String osArch) {
    String arch = osArch.toLowerCase(Locale.ROOT);
    if (arch.equals("amd64") || arch.equals("x86_64")) {
      return "x86_64";
    }
    return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
  }

  /** Cpu units of this host: 1024 per core, as ECS counts them. */
  public static int cpuUnits() {
    return Runtime.getRuntime().availableProcessors() * 1024;
  }

  /** Physical memory of this host in MiB. */
  public static int memoryMib() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof OperatingSystemMXBean sun) {
      return (int) Math.min(Integer.MAX_VALUE, sun.getTotalMemorySize() / (1024 * 1024));
    }
    return (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  /** This host's name, or "localhost" when it cannot be resolved. */
  public static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The agent version reported at registration. */
  public static String agentVersion() {
    String version = HostFacts.class.getPackage().getImplementationVersion();
    return "berth-agent/" + (version == null ? "dev" : version);
  }
}
