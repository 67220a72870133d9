package io.berth.engine.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that an address given on the command line is one of this host's, before anything starts. */
final class LocalAddresses {
  private LocalAddresses() {}

  /**
   * Throws naming {@code option} and the fix unless {@code address} is an IP address this host can
   * listen on (0.0.0.0 and :: mean all of them).
   */
  static void check(String option, String address) {
    if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException(option + " '" + address + "' is not an IP address; give one of this host's,"
          + " e.g. 127.0.0.1 or 0.0.0.0 for all");
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + address + " is not an address of this host ("
          + e.getMessage() + "); give one of its addresses (ip -brief addr lists them)");
    }
  }
}
