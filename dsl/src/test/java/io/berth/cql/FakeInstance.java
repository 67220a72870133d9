package io.berth.cql;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A container instance as plain data, for evaluating expressions in tests. */
record FakeInstance(Map<String, String> attributes, String instanceId, boolean agentConnected,
    String agentVersion, Instant registeredAt, int runningTasksCount, Set<String> taskGroups)
    implements QueryTarget {

  static FakeInstance standard() {
    return new FakeInstance(
        Map.of("ecs.availability-zone", "zone-a", "ecs.instance-type", "t2.micro", "cores", "4"),
        "i-07", true, "1.10.2", Instant.parse("2026-01-15T10:00:00Z"), 2,
        Set.of("service:web", "family:batch"));
  }

  @Override
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }
}
