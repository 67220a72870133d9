package io.berth.model;

/** An extra /etc/hosts line. */
public record HostEntry(
    String hostname,
    String ipAddress) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public HostEntry {
    Defaults.required(hostname, "hostname");
    Defaults.required(ipAddress, "ipAddress");
  }
}
