package io.berth.dsl;

import io.berth.model.ApplicationProtocol;
import io.berth.model.ModelPaths;
import io.berth.model.PortMapping;
import io.berth.model.TransportProtocol;
import java.util.Objects;
import java.util.Optional;

/**
 * A port mapping with every ECS member: a container port or a range, an optional host port, the
 * transport protocol (tcp unless set), a name and an application protocol, e.g.
 * {@code p -> p.containerPort(8080).name("web").appProtocol(ApplicationProtocol.HTTP)}.
 */
public final class PortSpec {
  private final String path;
  private final CallSites sites;
  private Optional<Integer> containerPort = Optional.empty();
  private Optional<Integer> hostPort = Optional.empty();
  private Optional<TransportProtocol> protocol = Optional.empty();
  private Optional<String> name = Optional.empty();
  private Optional<ApplicationProtocol> appProtocol = Optional.empty();
  private Optional<String> containerPortRange = Optional.empty();

  PortSpec(String path, CallSites sites) {
    this.path = path;
    this.sites = sites;
  }

  /** The port the container listens on. */
  public PortSpec containerPort(int port) {
    record("containerPort");
    containerPort = Optional.of(port);
    return this;
  }

  /** The host port (bridge: 0 or absent means dynamic; host and awsvpc: equal to the container port). */
  public PortSpec hostPort(int port) {
    record("hostPort");
    hostPort = Optional.of(port);
    return this;
  }

  /** tcp or udp; left unset, the mapping is written without it (ECS reads tcp). */
  public PortSpec protocol(TransportProtocol protocol) {
    record("protocol");
    this.protocol = Optional.of(Objects.requireNonNull(protocol, "protocol == null"));
    return this;
  }

  /** A name for the mapping, unique in the task, as service discovery and Service Connect refer to it. */
  public PortSpec name(String name) {
    record("name");
    this.name = Optional.of(Objects.requireNonNull(name, "port name == null"));
    return this;
  }

  /** The application protocol spoken on the port (http, http2, grpc). */
  public PortSpec appProtocol(ApplicationProtocol protocol) {
    record("appProtocol");
    appProtocol = Optional.of(Objects.requireNonNull(protocol, "appProtocol == null"));
    return this;
  }

  /** A range of container ports, {@code low-high}, instead of one container port; host ports are chosen at run time. */
  public PortSpec containerPortRange(String range) {
    record("containerPortRange");
    containerPortRange = Optional.of(Objects.requireNonNull(range, "containerPortRange == null"));
    return this;
  }

  private void record(String member) {
    sites.record(ModelPaths.member(path, member));
  }

  PortMapping build() {
    return new PortMapping(containerPort, hostPort, protocol, name, appProtocol, containerPortRange);
  }
}
