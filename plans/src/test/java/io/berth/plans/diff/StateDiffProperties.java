package io.berth.plans.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.model.DesiredState;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import io.berth.plans.Action;
import io.berth.plans.DeclaredState;
import io.berth.plans.LiveState;
import io.berth.plans.Plan;
import io.berth.plans.PlanFixtures;
import io.berth.plans.ResourceChange;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.render.JsonRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the diff over random stacks: what applying a plan does, and the order it does it in. */
class StateDiffProperties {

  /** One service with its own family: image version, count, launch type, maybe autoscaled. */
  record Spec(int id, int image, int count, boolean fargate, boolean scaled) {}

  @Provide
  Arbitrary<List<Spec>> stacks() {
    Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(0, 6),
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
        Arbitraries.of(true, false)).as(Spec::new);
    return spec.list().ofMaxSize(6).uniqueElements(Spec::id);
  }

  static DesiredState desired(List<Spec> specs) {
    List<TaskDefinition> definitions = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<ServiceScaling> scaling = new ArrayList<>();
    for (Spec s : specs) {
      definitions.add(PlanFixtures.taskDefinition("app-" + s.id(), "shop/app:" + s.image(), 128));
      services.add(PlanFixtures.service("app-" + s.id(), "app-" + s.id(), s.fargate() ? "FARGATE" : "EC2", s.count()));
      if (s.scaled()) {
        scaling.add(PlanFixtures.scaling("app-" + s.id(), 1, 4));
      }
    }
    return new DesiredState(DesiredState.API_VERSION, "shop", List.of(PlanFixtures.cluster("prod")), List.of(),
        definitions, services, scaling);
  }

  /** The live state right after applying {@code plan} on top of {@code before}. */
  static LiveState applied(Plan plan, LiveState before) {
    Map<String, Integer> latest = new TreeMap<>(before.latestRevisions());
    for (TaskDefinitionRevision r : plan.target().taskDefinitions()) {
      latest.merge(r.family(), r.revision(), Math::max);
    }
    return new LiveState(Optional.of("a".repeat(40)), plan.target(), latest, List.of());
  }

  @Property(tries = 200)
  void applyingAPlanLeavesNothingToDo(@ForAll("stacks") List<Spec> before, @ForAll("stacks") List<Spec> after) {
    LiveState start = applied(StateDiff.plan(desired(before), LiveState.empty("shop"), "t"), LiveState.empty("shop"));
    Plan plan = StateDiff.plan(desired(after), start, "t");

    Plan again = StateDiff.plan(desired(after), applied(plan, start), "t");

    assertThat(again.hasChanges()).as(again.changes().toString()).isFalse();
  }

  @Property(tries = 200)
  void planningIsDeterministic(@ForAll("stacks") List<Spec> before, @ForAll("stacks") List<Spec> after) {
    LiveState start = applied(StateDiff.plan(desired(before), LiveState.empty("shop"), "t"), LiveState.empty("shop"));
    assertThat(JsonRenderer.bytes(StateDiff.plan(desired(after), start, "t")))
        .isEqualTo(JsonRenderer.bytes(StateDiff.plan(desired(after), start, "t")));
  }

  @Property(tries = 200)
  void deletesComeLastAndInReverseDependencyOrder(@ForAll("stacks") List<Spec> before,
      @ForAll("stacks") List<Spec> after) {
    LiveState start = applied(StateDiff.plan(desired(before), LiveState.empty("shop"), "t"), LiveState.empty("shop"));
    List<ResourceChange> changes = StateDiff.plan(desired(after), start, "t").changes();

    int firstDelete = changes.size();
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).action() == Action.DELETE) {
        firstDelete = Math.min(firstDelete, i);
      } else {
        assertThat(i).as("non-delete after a delete").isLessThan(firstDelete);
      }
    }
    for (int i = 1; i < firstDelete; i++) {
      assertThat(changes.get(i - 1).address().type()).isLessThanOrEqualTo(changes.get(i).address().type());
    }
    for (int i = firstDelete + 1; i < changes.size(); i++) {
      assertThat(changes.get(i - 1).address().type()).isGreaterThanOrEqualTo(changes.get(i).address().type());
    }
  }

  @Property(tries = 200)
  void revisionsOnlyGrowAndServicesRunTheActiveOne(@ForAll("stacks") List<Spec> before,
      @ForAll("stacks") List<Spec> after) {
    LiveState start = applied(StateDiff.plan(desired(before), LiveState.empty("shop"), "t"), LiveState.empty("shop"));
    DeclaredState target = StateDiff.plan(desired(after), start, "t").target();

    for (TaskDefinitionRevision r : target.taskDefinitions()) {
      assertThat(r.revision()).isGreaterThanOrEqualTo(start.latestRevisions().getOrDefault(r.family(), 1));
    }
    for (Service s : target.services()) {
      assertThat(target.taskDefinitions()).extracting(TaskDefinitionRevision::arn).contains(s.taskDefinition());
    }
  }

  @Property(tries = 200)
  void anAutoscaledCountStaysWithinItsBoundsOnCreate(@ForAll("stacks") List<Spec> after) {
    DeclaredState target = StateDiff.plan(desired(after), LiveState.empty("shop"), "t").target();
    for (ServiceScaling scaling : target.scaling()) {
      Service service = target.services().stream()
          .filter(s -> DeclaredState.key(s).equals(DeclaredState.key(scaling))).findFirst().orElseThrow();
      assertThat(service.desiredCount().orElseThrow()).isBetween(scaling.minCapacity(), scaling.maxCapacity());
    }
  }
}
