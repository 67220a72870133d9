package io.berth.engine.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The addresses of {@code berth up}'s simulated hosts: agent {@code i} advertises 127.0.0.{i + 2}, so
 * each host publishes its tasks' ports on an address of its own, as separate machines would, and a
 * load balancer target is always {@code address:port}. Linux routes all of 127.0.0.0/8 to the loopback
 * interface, and Docker publishes on any of these addresses; 127.0.0.1 stays the control plane's.
 */
public final class SimulatedHosts {
  /** The most simulated hosts one local cluster can have (127.0.0.2 to 127.0.0.254). */
  public static final int MAX = 253;

  private SimulatedHosts() {}

  /** The address of simulated host {@code index} (0-based). */
  public static String address(int index) {
    if (index < 0 || index >= MAX) {
      throw new IllegalArgumentException("--agents may be at most " + MAX + " (one loopback address each), got "
          + (index + 1));
    }
    return "127.0.0." + (index + 2);
  }

  /**
   * Checks that this machine has the loopback addresses of {@code count} simulated hosts (it has on
   * Linux; elsewhere each needs an alias), naming the fix when one is missing.
   */
  static void checkAddresses(int count) {
    for (int i = 0; i < count; i++) {
      String address = address(i);
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      } catch (IOException e) {
        throw new IllegalStateException("simulated host " + i + " needs the loopback address " + address
            + ", which this machine does not have (" + e.getMessage() + "); add it as an alias of the loopback"
            + " interface (e.g. ip addr add " + address + "/8 dev lo) or run fewer --agents");
      }
    }
  }
}
