package io.berth.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.BerthJson;
import io.berth.model.TaskDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceNeedsTest {

  @ParameterizedTest
  @CsvSource({"256, 256", "0.25 vCPU, 256", "1 vcpu, 1024", "2 vCPU, 2048"})
  void taskCpuAcceptsTheEcsStringForms(String value, int units) {
    assertThat(ResourceNeeds.cpuUnits(value)).isEqualTo(units);
  }

  @ParameterizedTest
  @CsvSource({"512, 512", "1 GB, 1024", "0.5GB, 512", "2048 MB, 2048"})
  void taskMemoryAcceptsTheEcsStringForms(String value, int mib) {
    assertThat(ResourceNeeds.mebibytes(value)).isEqualTo(mib);
  }

  @Test
  void withoutTaskLevelValuesTheContainersAddUpUsingReservationsFirst() throws Exception {
    TaskDefinition definition = BerthJson.mapper().readValue("""
        {"family":"f","containerDefinitions":[
          {"name":"a","cpu":256,"memory":128,"memoryReservation":64,"portMappings":[{"containerPort":80,"hostPort":8080}]},
          {"name":"b","cpu":32,"memory":32,"portMappings":[{"containerPort":81}]}]}
        """, TaskDefinition.class);

    ResourceNeeds needs = ResourceNeeds.of(definition);

    assertThat(needs.cpu()).isEqualTo(288);
    assertThat(needs.memory()).isEqualTo(96);
    assertThat(needs.hostPorts()).containsExactly(8080);
  }
}
