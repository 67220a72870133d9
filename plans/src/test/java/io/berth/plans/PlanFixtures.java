package io.berth.plans;

import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.DesiredState;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack in two states, written as the JSON users see, so that one plan between them holds every
 * kind of change: create, update, replace (launchType), delete, a revision bump, an autoscaling-owned
 * count and changes made outside Berth.
 */
public final class PlanFixtures {
  private PlanFixtures() {}

  public static <T> T json(String json, Class<T> type) {
    try {
      return BerthJson.mapper().readValue(json.replace('\'', '"'), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Role role(String name) {
    return json("{'name':'" + name + "','statements':[{'effect':'Allow','actions':['berth:ReadSecret'],"
        + "'resources':['*']}]}", Role.class);
  }

  public static Cluster cluster(String name) {
    return json("{'name':'" + name + "'}", Cluster.class);
  }

  public static TaskDefinition taskDefinition(String family, String image, int memory) {
    return json("{'family':'" + family + "','containerDefinitions':[{'name':'app','image':'" + image
        + "','memory':" + memory + ",'essential':true,'environment':[{'name':'PORT','value':'8080'}],"
        + "'secrets':[{'name':'DB_PASSWORD','valueFrom':'env:SHOP_DB_PASSWORD'}]}]}", TaskDefinition.class);
  }

  public static Service service(String name, String taskDefinition, String launchType, int count) {
    return json("{'serviceName':'" + name + "','cluster':'prod','taskDefinition':'" + taskDefinition + "',"
        + "'launchType':'" + launchType + "','schedulingStrategy':'REPLICA','desiredCount':" + count
        + ",'deploymentConfiguration':{'maximumPercent':200,'minimumHealthyPercent':100}}", Service.class);
  }

  public static ServiceScaling scaling(String service, int min, int max) {
    return json("{'cluster':'prod','service':'" + service + "','minCapacity':" + min + ",'maxCapacity':" + max
        + "}", ServiceScaling.class);
  }

  /** What the last apply declared, and what the control plane reports now. */
  public static LiveState live() {
    DeclaredState declared = new DeclaredState("shop",
        List.of(role("web-task")),
        List.of(cluster("prod"), cluster("staging")),
        List.of(new TaskDefinitionRevision(1, taskDefinition("web", "shop/web:1.0", 256)),
            new TaskDefinitionRevision(3, taskDefinition("api", "shop/api:2.1", 512)),
            new TaskDefinitionRevision(2, taskDefinition("worker", "shop/worker:1.0", 128))),
        List.of(service("web", "web:1", "EC2", 3), service("api", "api:3", "EC2", 2),
            service("worker", "worker:2", "EC2", 1)),
        List.of(scaling("api", 2, 10)));
    return new LiveState(Optional.of("4b825dc642cb6eb9a060e54bf8d69288fbee4904"), declared,
        Map.of("web", 1, "api", 3, "worker", 2),
        List.of(new ObservedService("prod", "web", Optional.of(5), Optional.of("web:1")),
            new ObservedService("prod", "api", Optional.of(6), Optional.of("api:3"))),
        Map.of(Plan.WHOLE_STATE, "a3c1e6f0be2d4cbd8f1d6d7c1f0e9b8a7c6d5e4f"));
  }

  /** What the DSL declares now. */
  public static DesiredState desired() {
    return new DesiredState(DesiredState.API_VERSION, "shop",
        List.of(cluster("prod")),
        List.of(role("web-task"), role("batch")),
        List.of(taskDefinition("web", "shop/web:1.1", 256), taskDefinition("api", "shop/api:2.1", 512),
            taskDefinition("batch", "shop/batch:0.1", 128)),
        List.of(service("web", "web", "EC2", 3), service("api", "api", "FARGATE", 2),
            service("batch", "batch", "EC2", 1)),
        List.of(scaling("api", 2, 12)));
  }
}
