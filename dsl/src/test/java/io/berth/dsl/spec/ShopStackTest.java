package io.berth.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.dsl.Infra;
import io.berth.dsl.StackEvaluation;
import io.berth.model.ContainerDefinition;
import io.berth.model.DesiredState;
import io.berth.model.NetworkMode;
import io.berth.model.PlacementStrategyType;
import io.berth.model.Role;
import io.berth.model.ScalingMetric;
import io.berth.model.SchedulingStrategy;
import io.berth.model.Service;
import io.berth.model.SourceLocation;
import io.berth.model.TaskDefinition;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ShopStackTest {
  private static final String FILE = "io/berth/dsl/spec/ShopStack.java";
  private final StackEvaluation evaluation = Infra.evaluate("shop", new ShopStack());
  private final DesiredState state = evaluation.state();

  @Test
  void theIssueExampleBuildsTheExpectedModel() {
    assertThat(state.apiVersion()).isEqualTo("berth/v1");
    assertThat(state.stack()).isEqualTo("shop");
    assertThat(state.clusters()).singleElement().satisfies(cluster -> {
      assertThat(cluster.name()).isEqualTo("prod");
      assertThat(cluster.capacity()).singleElement().satisfies(group -> {
        assertThat(group.count()).isEqualTo(3);
        assertThat(group.cpu()).isEqualTo(2048);
        assertThat(group.memory()).isEqualTo(4096);
        assertThat(group.zones()).containsExactly("zone-a", "zone-b", "zone-c");
      });
    });
    assertThat(state.roles()).extracting(Role::name).containsExactly("web-task");

    TaskDefinition web = state.taskDefinitions().get(0);
    assertThat(web.family()).isEqualTo("web");
    assertThat(web.networkMode()).contains(NetworkMode.BRIDGE);
    assertThat(web.taskRoleArn()).contains("arn:berth:iam::role/web-task");
    assertThat(web.containerDefinitions()).extracting(ContainerDefinition::name).containsExactly("httpd", "log-router");
    ContainerDefinition httpd = web.container("httpd").orElseThrow();
    assertThat(httpd.image()).contains("local/shop-web:1.4");
    assertThat(httpd.memory()).contains(256);
    assertThat(httpd.isEssential()).isTrue();
    assertThat(httpd.portMappings()).singleElement().satisfies(p -> {
      assertThat(p.containerPort()).contains(8080);
      assertThat(p.hostPort()).isEmpty();
    });
    assertThat(httpd.healthCheck().orElseThrow().command())
        .containsExactly("CMD-SHELL", "wget -q -O- localhost:8080/health");
    assertThat(web.container("log-router").orElseThrow().isEssential()).isFalse();

    Service service = state.services().get(0);
    assertThat(service.cluster()).isEqualTo("prod");
    assertThat(service.taskDefinition()).isEqualTo("web");
    assertThat(service.schedulingStrategy()).isEqualTo(SchedulingStrategy.REPLICA);
    assertThat(service.desiredCount()).contains(4);
    assertThat(service.placementStrategy()).extracting(s -> s.type(), s -> s.field().orElse(""))
        .containsExactly(Tuple.tuple(PlacementStrategyType.SPREAD, "attribute:ecs.availability-zone"),
            Tuple.tuple(PlacementStrategyType.BINPACK, "memory"));
    assertThat(service.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(50);
    assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().orElseThrow().rollback()).isTrue();
    assertThat(service.loadBalancers()).singleElement().satisfies(lb -> assertThat(lb.listenerPort()).isEqualTo(80));

    assertThat(state.scaling()).singleElement().satisfies(scaling -> {
      assertThat(scaling.minCapacity()).isEqualTo(2);
      assertThat(scaling.maxCapacity()).isEqualTo(10);
      assertThat(scaling.targetTracking()).singleElement().satisfies(t -> {
        assertThat(t.metric()).isEqualTo(ScalingMetric.ECSSERVICEAVERAGECPUUTILIZATION);
        assertThat(t.scaleInCooldown()).isEqualTo(300);
      });
      assertThat(scaling.scheduledActions()).singleElement().satisfies(s -> assertThat(s.minCapacity()).contains(1));
    });
  }

  @Test
  void everyCallRecordsTheUsersFileAndLine() {
    assertThat(evaluation.sources().locations())
        .containsEntry("cluster[prod]", new SourceLocation(FILE, 19))
        .containsEntry("cluster[prod].capacity[std]", new SourceLocation(FILE, 20))
        .containsEntry("role[web-task]", new SourceLocation(FILE, 21))
        .containsEntry("taskDefinition[web]", new SourceLocation(FILE, 22))
        .containsEntry("taskDefinition[web].networkMode", new SourceLocation(FILE, 23))
        .containsEntry("taskDefinition[web].container[httpd]", new SourceLocation(FILE, 24))
        .containsEntry("taskDefinition[web].container[httpd].memory", new SourceLocation(FILE, 24))
        .containsEntry("taskDefinition[web].container[httpd].portMappings[0]", new SourceLocation(FILE, 25))
        .containsEntry("taskDefinition[web].container[httpd].secrets[DB_PASSWORD]", new SourceLocation(FILE, 26))
        .containsEntry("taskDefinition[web].container[httpd].healthCheck.interval", new SourceLocation(FILE, 27))
        .containsEntry("taskDefinition[web].container[log-router].essential", new SourceLocation(FILE, 28))
        .containsEntry("service[web]", new SourceLocation(FILE, 29))
        .containsEntry("service[web].desiredCount", new SourceLocation(FILE, 29))
        .containsEntry("service[web].placementStrategy[1]", new SourceLocation(FILE, 30))
        .containsEntry("service[web].placementConstraint[0]", new SourceLocation(FILE, 31))
        .containsEntry("service[web].deploymentConfiguration.minimumHealthyPercent", new SourceLocation(FILE, 32))
        .containsEntry("service[web].loadBalancer[0]", new SourceLocation(FILE, 33))
        .containsEntry("scaling[web]", new SourceLocation(FILE, 34))
        .containsEntry("scaling[web].targetTracking[cpu]", new SourceLocation(FILE, 34));
  }

  @Test
  void aViolationOnAnUnrecordedMemberPointsAtItsNearestDeclaredParent() {
    assertThat(evaluation.sources().locate("taskDefinition[web].container[httpd].stopTimeout"))
        .contains(new SourceLocation(FILE, 24));
    assertThat(evaluation.sources().locate("service[web].deploymentConfiguration"))
        .contains(new SourceLocation(FILE, 29));
    assertThat(evaluation.sources().locate("cluster[nowhere]")).isEqualTo(Optional.empty());
  }

  @Test
  void listsAreSortedByNameWhateverTheDeclarationOrder() {
    DesiredState sorted = Infra.evaluate("s", infra -> {
      var b = infra.cluster("b");
      var a = infra.cluster("a");
      var td = infra.taskDefinition("z");
      infra.taskDefinition("y");
      infra.service("zz", b, td);
      infra.service("aa", a, td);
    }).state();
    assertThat(sorted.clusters()).extracting(c -> c.name()).containsExactly("a", "b");
    assertThat(sorted.taskDefinitions()).extracting(t -> t.family()).containsExactly("y", "z");
    assertThat(sorted.services()).extracting(s -> s.serviceName()).isEqualTo(List.of("aa", "zz"));
  }

  @Test
  void daemonServicesGetEcsDaemonDeploymentDefaultsAndNoDesiredCount() {
    Service daemon = Infra.evaluate("s", infra -> infra.service("agent", infra.cluster("c"),
        infra.taskDefinition("agent").container("a", c -> c.image("x:1").memory(64))).daemon()).state().services().get(0);
    assertThat(daemon.schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON);
    assertThat(daemon.desiredCount()).isEmpty();
    assertThat(daemon.deploymentConfiguration().maximumPercent()).isEqualTo(100);
    assertThat(daemon.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(0);
  }

  @Test
  void replicaServicesDefaultToEcsDeploymentBoundsAndTheScalingMinimum() {
    Service replica = Infra.evaluate("s", infra -> infra.service("web", infra.cluster("c"),
        infra.taskDefinition("web")).autoScaling(a -> a.min(3).max(5))).state().services().get(0);
    assertThat(replica.deploymentConfiguration().maximumPercent()).isEqualTo(200);
    assertThat(replica.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
    assertThat(replica.desiredCount()).contains(3);
  }
}
