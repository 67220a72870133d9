package io.berth.engine.task;

/** A container port reachable at {@code bindIP:hostPort}, as ECS reports it in a container's networkBindings. */
public record NetworkBinding(int containerPort, int hostPort, String protocol, String bindIP) {

  /** Defaults protocol to tcp and the bind address to loopback (a report may omit them). */
  public NetworkBinding {
    protocol = protocol == null ? "tcp" : protocol;
    bindIP = bindIP == null ? "127.0.0.1" : bindIP;
  }
}
