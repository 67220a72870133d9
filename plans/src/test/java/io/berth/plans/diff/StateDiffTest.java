package io.berth.plans.diff;

import static io.berth.plans.PlanFixtures.desired;
import static io.berth.plans.PlanFixtures.live;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.model.DesiredState;
import io.berth.model.Service;
import io.berth.model.TaskDefinition;
import io.berth.plans.Action;
import io.berth.plans.DeclaredState;
import io.berth.plans.FieldChange;
import io.berth.plans.LiveState;
import io.berth.plans.ObservedService;
import io.berth.plans.OutsideChange;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.ResourceChange;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.render.JsonRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class StateDiffTest {
  private final Plan plan = StateDiff.plan(desired(), live(), "test");

  private ResourceChange change(String address) {
    return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
  }

  @Test
  void resourcesAreOrderedByDependencyAndDeletesComeLastInReverse() {
    assertThat(plan.changes()).extracting(c -> c.action().marker() + " " + c.address()).containsExactly(
        "+ role \"batch\"",
        "  role \"web-task\"",
        "  cluster \"prod\"",
        "  task-definition \"api\"",
        "+ task-definition \"batch\"",
        "~ task-definition \"web\"",
        "-/+ service \"prod/api\"",
        "+ service \"prod/batch\"",
        "~ service \"prod/web\"",
        "~ scaling \"prod/api\"",
        "- service \"prod/worker\"",
        "- task-definition \"worker\"",
        "- cluster \"staging\"");
    assertThat(plan.summary().line()).isEqualTo("Plan: 4 to add, 3 to change, 4 to destroy.");
  }

  @Test
  void aChangedTaskDefinitionGetsTheNextRevisionAndItsServiceMovesToIt() {
    assertThat(change("task-definition \"web\"").fields()).contains(FieldChange.changed("revision", "1", "2"),
        FieldChange.changed("containerDefinitions[app].image", "\"shop/web:1.0\"", "\"shop/web:1.1\""));
    assertThat(change("service \"prod/web\"").fields())
        .contains(FieldChange.changed("taskDefinition", "\"web:1\"", "\"web:2\""));
    assertThat(change("service \"prod/web\"").notes()).contains("rolling deployment from web:1 to web:2");
    assertThat(plan.target().taskDefinitions()).extracting(TaskDefinitionRevision::arn)
        .containsExactly("api:3", "batch:1", "web:2");
  }

  @Test
  void aCreatedServiceBehindALoadBalancerShowsItsListenerWithTheDefaultsSpelledOut() {
    Service web = PlanFixtures.service("web", "web", "EC2", 3);
    Service balanced = new Service(web.serviceName(), web.cluster(), web.taskDefinition(), web.launchType(),
        web.schedulingStrategy(), web.desiredCount(), web.placementStrategy(), web.placementConstraints(),
        web.deploymentConfiguration(), web.healthCheckGracePeriodSeconds(), List.of(new io.berth.model.LoadBalancer(
            "app", 8080, 80, Optional.empty(), Optional.of(new io.berth.model.TargetHealthCheck(Optional.of("/health"),
                Optional.empty(), Optional.of(5), Optional.empty(), Optional.of(2), Optional.empty())),
            Optional.of(30))));
    DesiredState desired = desired();
    DesiredState withBalancer = new DesiredState(desired.apiVersion(), desired.stack(), desired.clusters(), desired.roles(),
        desired.taskDefinitions(), desired.services().stream().map(s -> s.serviceName().equals("batch") ? balanced(s,
            balanced) : s).toList(), desired.scaling());

    ResourceChange batch = StateDiff.plan(withBalancer, live(), "test").changes().stream()
        .filter(c -> c.address().toString().equals("service \"prod/batch\"")).findFirst().orElseThrow();

    assertThat(batch.notes()).contains("listener :80 (HTTP) -> app:8080 of each task; health check GET /health answering"
        + " 200 every 5 s (timeout 5 s, healthy after 2, unhealthy after 2); a leaving task drains for at most 30 s");
  }

  private static Service balanced(Service service, Service from) {
    return new Service(service.serviceName(), service.cluster(), service.taskDefinition(), service.launchType(),
        service.schedulingStrategy(), service.desiredCount(), service.placementStrategy(),
        service.placementConstraints(), service.deploymentConfiguration(), service.healthCheckGracePeriodSeconds(),
        from.loadBalancers());
  }

  @Test
  void aServiceRegisteredInDiscoveryShowsItsNamesAndARenamedOneIsAnUpdateInPlace() {
    DesiredState desired = desired();
    DesiredState registered = new DesiredState(desired.apiVersion(), desired.stack(), desired.clusters(), desired.roles(),
        desired.taskDefinitions(), desired.services().stream().map(s -> registered(s, "api")).toList(), desired.scaling());

    Plan first = StateDiff.plan(registered, live(), "test");
    ResourceChange batch = first.changes().stream()
        .filter(c -> c.address().toString().equals("service \"prod/batch\"")).findFirst().orElseThrow();
    assertThat(batch.notes()).contains("service discovery: api.internal (A: each healthy task's host address),"
        + " _api._tcp.internal (SRV: that address and the host port of app:8080)");
    assertThat(first.target().services()).allSatisfy(s -> assertThat(s.serviceRegistries()).hasSize(1));

    LiveState applied = new LiveState(Optional.of("c1"), first.target(), Map.of(), List.of());
    DesiredState renamed = new DesiredState(desired.apiVersion(), desired.stack(), desired.clusters(), desired.roles(),
        desired.taskDefinitions(), registered.services().stream().map(s -> s.serviceName().equals("batch")
            ? registered(s, "jobs") : s).toList(), desired.scaling());
    ResourceChange renamedBatch = StateDiff.plan(renamed, applied, "test").changes().stream()
        .filter(c -> c.address().toString().equals("service \"prod/batch\"")).findFirst().orElseThrow();
    assertThat(renamedBatch).isInstanceOf(ResourceChange.Update.class);
    assertThat(renamedBatch.fields()).extracting(FieldChange::path)
        .contains("serviceRegistries[api].name", "serviceRegistries[jobs].name");
  }

  private static Service registered(Service s, String name) {
    return new Service(s.serviceName(), s.cluster(), s.taskDefinition(), s.launchType(), s.schedulingStrategy(),
        s.desiredCount(), s.placementStrategy(), s.placementConstraints(), s.deploymentConfiguration(),
        s.healthCheckGracePeriodSeconds(), s.loadBalancers(), List.of(new io.berth.model.ServiceRegistry("internal",
            s.serviceName().equals("batch") ? name : s.serviceName(), Optional.of("app"), Optional.of(8080))));
  }

  @Test
  void aReplacementNamesTheAttributeThatForcesIt() {
    assertThat(change("service \"prod/api\"")).isInstanceOfSatisfying(ResourceChange.Replace.class,
        r -> assertThat(r.forcedBy()).containsExactly("launchType"));
  }

  @Test
  void autoscalingKeepsItsCountAndThePlanSaysSo() {
    ResourceChange api = change("service \"prod/api\"");
    assertThat(api.fields()).extracting(FieldChange::path).doesNotContain("desiredCount");
    assertThat(api.notes()).anySatisfy(n -> assertThat(n).contains("owned by autoscaling").contains("kept at 6"));
    assertThat(plan.target().services()).filteredOn(s -> s.serviceName().equals("api")).singleElement()
        .satisfies(s -> assertThat(s.desiredCount()).contains(6));
  }

  @Test
  void changesMadeOutsideBerthAreShownAndAManualCountIsSetBack() {
    assertThat(plan.outsideChanges()).extracting(OutsideChange::path, OutsideChange::lastApplied, OutsideChange::live)
        .containsExactly(Tuple.tuple("desiredCount", "2", "6"),
            Tuple.tuple("desiredCount", "3", "5"));
    assertThat(change("service \"prod/web\"").fields()).contains(FieldChange.changed("desiredCount", "5", "3"));
  }

  @Test
  void aDaemonsObservedCountIsNotAChange() {
    Service daemon = PlanFixtures.json("{'serviceName':'agent','cluster':'prod','taskDefinition':'web',"
        + "'schedulingStrategy':'DAEMON','deploymentConfiguration':{'maximumPercent':100,'minimumHealthyPercent':0}}",
        Service.class);
    DesiredState desired = new DesiredState(DesiredState.API_VERSION, "shop", List.of(), List.of(),
        List.of(PlanFixtures.taskDefinition("web", "shop/web:1.0", 256)), List.of(daemon), List.of());
    DeclaredState applied = StateDiff.plan(desired, LiveState.empty("shop"), "test").target();
    LiveState live = new LiveState(Optional.of("3333333333333333333333333333333333333333"), applied, Map.of("web", 1),
        List.of(new ObservedService("prod", "agent", Optional.of(3), Optional.of("web:1"))));

    Plan again = StateDiff.plan(desired, live, "test");

    assertThat(again.hasChanges()).isFalse();
    assertThat(again.outsideChanges()).isEmpty();
  }

  @Test
  void planningTheTargetAgainShowsNoChanges() {
    LiveState applied = new LiveState(Optional.of("1111111111111111111111111111111111111111"), plan.target(),
        Map.of("web", 2, "api", 3, "worker", 2, "batch", 1), List.of());
    Plan again = StateDiff.plan(desired(), applied, "test");

    assertThat(again.hasChanges()).isFalse();
    assertThat(again.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(Action.NO_OP));
  }

  @Test
  void theSameInputsGiveTheSameBytes() {
    assertThat(JsonRenderer.bytes(StateDiff.plan(desired(), live(), "test"))).isEqualTo(JsonRenderer.bytes(plan));
  }

  @Test
  void aRevisionNumberIsNeverReusedAfterADeregistration() {
    LiveState empty = new LiveState(Optional.empty(), DeclaredState.empty("shop"),
        Map.of("web", 4), List.of());
    Plan fresh = StateDiff.plan(desired(), empty, "test");
    assertThat(fresh.target().taskDefinitions()).extracting(TaskDefinitionRevision::arn).contains("web:5");
  }

  @Test
  void plainTextSecretsAndUnknownFamiliesAreAllReported() {
    DesiredState leaky = new DesiredState(DesiredState.API_VERSION, "shop", List.of(), List.of(),
        List.of(PlanFixtures.json("{'family':'web','containerDefinitions':[{'name':'app','image':'x',"
            + "'environment':[{'name':'API_TOKEN','value':'s3cr3t'}]}]}", TaskDefinition.class)),
        List.of(PlanFixtures.service("web", "nope", "EC2", 1)), List.of());

    assertThatThrownBy(() -> StateDiff.plan(leaky, live(), "test")).isInstanceOfSatisfying(PlanException.class,
        e -> assertThat(e.problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("API_TOKEN")
            .contains("secrets").doesNotContain("s3cr3t")).anySatisfy(p -> assertThat(p).contains("'nope'")));
  }

  @Test
  void anEarlierDeclaredStateBecomesDesiredAgainForARollBack() {
    DesiredState back = StateDiff.desiredFrom(live().declared());
    Plan rollBack = StateDiff.plan(back, new LiveState(Optional.of("2222222222222222222222222222222222222222"),
        plan.target(), Map.of("web", 2, "api", 3, "worker", 2, "batch", 1), List.of()), "test");

    assertThat(rollBack.target().services()).filteredOn(s -> s.serviceName().equals("web")).singleElement()
        .satisfies(s -> assertThat(s.taskDefinition()).isEqualTo("web:3"));
    assertThat(rollBack.changes()).extracting(c -> c.address().toString()).contains("task-definition \"worker\"");
  }
}
