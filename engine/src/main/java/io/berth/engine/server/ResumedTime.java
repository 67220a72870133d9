package io.berth.engine.server;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * The newest instant a resumed runtime snapshot recorded: a restarted control plane's clock must
 * not read before it ({@link io.berth.engine.clock.SteadyClock#holdNotBefore}), or a machine clock
 * stepped back while the plane was down would make every task that started in between count as not
 * started yet (unhealthy, out of discovery, deployments held) until the clock caught up.
 */
final class ResumedTime {
  private ResumedTime() {}

  /** The newest instant of {@code snapshot}'s instances, tasks and events; {@link Instant#EPOCH} when empty. */
  static Instant newest(ControlPlaneSnapshot snapshot) {
    Stream<Instant> instances = snapshot.instances().values().stream()
        .flatMap(i -> Stream.of(i.registeredAt(), i.lastSyncAt()));
    Stream<Instant> tasks = snapshot.tasks().values().stream().flatMap(t -> Stream.concat(Stream.of(t.createdAt()),
        Stream.concat(t.runningSince().stream(), t.stoppedAt().stream())));
    Stream<Instant> events = snapshot.events().stream().map(ServiceEventRecord::createdAt);
    return Stream.of(instances, tasks, events).flatMap(s -> s).filter(i -> i != null).max(Instant::compareTo)
        .orElse(Instant.EPOCH);
  }
}
