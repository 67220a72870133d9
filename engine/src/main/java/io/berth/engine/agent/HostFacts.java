package io.berth.engine.agent;

import com.sun.management.OperatingSystemMXBean;
import io.berth.engine.scheduler.ContainerInstance;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  /**
   * The attribute naming the machine an agent runs on: agents that share a machine (the simulated
   * hosts of {@code berth up}) share its host network, so the scheduler counts a host-mode port as
   * taken on all of them.
   */
  public static final String MACHINE_ID = ContainerInstance.MACHINE_ID;

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

  /**
   * As {@link #attributes(String, String, Map)}, with {@link #MACHINE_ID} (before {@code extra}, which
   * may override it).
   */
  public static Map<String, String> attributes(String zone, String osArch, String machineId, Map<String, String> extra) {
    Map<String, String> attributes = new TreeMap<>(attributes(zone, osArch, Map.of()));
    attributes.put(MACHINE_ID, machineId);
    attributes.putAll(extra);
    return attributes;
  }

  /**
   * This machine's identity: systemd's {@code /etc/machine-id}, else the kernel's boot id, else the
   * host name. Two agents on one machine report the same value.
   */
  public static String machineId() {
    for (String file : List.of("/etc/machine-id", "/proc/sys/kernel/random/boot_id")) {
      try {
        String id = Files.readString(Path.of(file)).strip();
        if (!id.isEmpty()) {
          return id;
        }
      } catch (IOException | RuntimeException e) {
        // not there (a container, another OS): try the next source
      }
    }
    return hostname();
  }

  /**
   * The local address this host reaches {@code server} from: the source address of its route there,
   * found by connecting a UDP socket, which sends nothing. Loopback for a control plane on loopback.
   */
  public static String localAddressTowards(URI server) {
    int port = server.getPort() > 0 ? server.getPort() : 80;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName(server.getHost()), port));
      InetAddress local = socket.getLocalAddress();
      if (local == null || local.isAnyLocalAddress()) {
        return InetAddress.getLoopbackAddress().getHostAddress();
      }
      return local.getHostAddress();
    } catch (IOException e) {
      throw new IllegalStateException("cannot find the local address towards " + server + ": " + e.getMessage()
          + "; give berth agent --advertise ADDRESS", e);
    }
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
