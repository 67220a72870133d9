package io.berth.engine.state;

import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.TaskDefinitionRevision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Small declared states built from the JSON users would see, for state store tests. */
final class StateFixtures {
  private StateFixtures() {}

  static <T> T json(String json, Class<T> type) {
    try {
      return BerthJson.mapper().readValue(json.replace('\'', '"'), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TaskDefinition taskDefinition(String family, String image, String... env) {
    StringBuilder environment = new StringBuilder();
    for (int i = 0; i < env.length; i += 2) {
      environment.append(i == 0 ? "" : ",").append("{'name':'").append(env[i]).append("','value':'")
          .append(env[i + 1]).append("'}");
    }
    return json("{'family':'" + family + "','containerDefinitions':[{'name':'app','image':'" + image
        + "','memory':128,'environment':[" + environment + "]}]}", TaskDefinition.class);
  }

  static Service service(String cluster, String name, String taskDefinition, int count) {
    return json("{'serviceName':'" + name + "','cluster':'" + cluster + "','taskDefinition':'" + taskDefinition
        + "','schedulingStrategy':'REPLICA','desiredCount':" + count
        + ",'deploymentConfiguration':{'maximumPercent':200,'minimumHealthyPercent':100}}", Service.class);
  }

  static DeclaredState shop(String image, int count) {
    return new DeclaredState("shop",
        List.of(json("{'name':'web-task'}", Role.class)),
        List.of(json("{'name':'prod'}", Cluster.class)),
        List.of(new TaskDefinitionRevision(1, taskDefinition("web", image))),
        List.of(service("prod", "web", "web:1", count)),
        List.of());
  }

  static ApplyCommit message(String subject) {
    return new ApplyCommit(subject, "", "p-test", "sha256:0");
  }
}
