package io.berth.cql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every operator against one instance: zone-a, t2.micro, 4 cores, id i-07, agent 1.10.2 connected,
 * registered 2026-01-15T10:00Z, 2 running tasks in groups service:web and family:batch.
 */
class CqlEvaluationTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", textBlock = """
      attribute:ecs.availability-zone == zone-a => true
      attribute:ecs.availability-zone == zone-b => false
      attribute:ecs.availability-zone != zone-b => true
      attribute:ecs.availability-zone != zone-a => false
      attribute:missing == x => false
      attribute:missing != x => true
      attribute:cores > 3 => true
      attribute:cores > 4 => false
      attribute:cores >= 4 => true
      attribute:cores < 10 => true
      attribute:cores <= 3 => false
      attribute:ecs.instance-type exists => true
      attribute:missing exists => false
      attribute:missing !exists => true
      attribute:ecs.instance-type !exists => false
      attribute:ecs.availability-zone in [zone-a, zone-b] => true
      attribute:ecs.availability-zone in [zone-b, zone-c] => false
      attribute:ecs.availability-zone not_in [zone-b] => true
      attribute:ecs.availability-zone not_in [zone-a] => false
      attribute:missing not_in [zone-a] => true
      attribute:ecs.instance-type =~ t2.* => true
      attribute:ecs.instance-type =~ t2 => false
      attribute:ecs.instance-type !~ m5.* => true
      attribute:ecs.instance-type !~ t2\\..* => false
      attribute:missing !~ .* => true
      task:group == service:web => true
      task:group == service:db => false
      task:group != service:db => true
      task:group != family:batch => false
      task:group in [service:db, family:batch] => true
      task:group not_in [service:db, service:cache] => true
      task:group =~ service:.* => true
      task:group !~ service:.* => false
      task:group exists => true
      not(task:group == database) => true
      ec2InstanceId == i-07 => true
      instanceId in ['i-01', 'i-07'] => true
      instanceId != i-07 => false
      agentConnected == true => true
      agentConnected != true => false
      agentVersion >= 1.9.0 => true
      agentVersion < 1.10.10 => true
      agentVersion == 1.10.2 => true
      registeredAt < 2026-02-01 => true
      registeredAt >= 2026-01-15T10:00:00Z => true
      registeredAt > 2026-01-15T10:00:00.001Z => false
      runningTasksCount == 2 => true
      runningTasksCount > 2 => false
      runningTasksCount <= 2 => true
      attribute:ecs.availability-zone == "zone-a" => true
      attribute:ecs.instance-type =~ 't2.micro' and runningTasksCount < 5 => true
      attribute:ecs.instance-type == t2.micro && attribute:cores == 8 => false
      attribute:cores == 8 or instanceId == i-07 => true
      attribute:cores == 8 || instanceId == i-99 => false
      !attribute:cores == 8 => true
      not attribute:cores == 4 or instanceId == i-07 => true
      not (attribute:cores == 4 or instanceId == i-07) => false
      attribute:cores == 8 and instanceId == i-07 or agentConnected == true => true
      attribute:cores == 8 and (instanceId == i-07 or agentConnected == true) => false
      """)
  void evaluatesAgainstTheInstance(String expression, boolean expected) {
    assertThat(Cql.parse(expression).matches(FakeInstance.standard())).isEqualTo(expected);
  }
}
