package io.berth.engine.api;

/** A published port of a running container: {@code bindIP:hostPort -> containerPort/protocol}. */
public record NetworkBinding(int containerPort, int hostPort, String protocol, String bindIP) {

  /** Defaults protocol to tcp and the bind address to loopback. */
  public NetworkBinding {
    protocol = protocol == null ? "tcp" : protocol;
    bindIP = bindIP == null ? "127.0.0.1" : bindIP;
  }
}
