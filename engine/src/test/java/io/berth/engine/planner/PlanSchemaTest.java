package io.berth.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.berth.json.BerthJson;
import io.berth.model.Cluster;
import io.berth.model.ContainerDefinition;
import io.berth.model.DesiredState;
import io.berth.model.Role;
import io.berth.model.Service;
import io.berth.model.ServiceScaling;
import io.berth.model.TaskDefinition;
import io.berth.plans.DeclaredState;
import io.berth.plans.DryRun;
import io.berth.plans.LiveState;
import io.berth.plans.StackLinks;
import io.berth.plans.ResourceKind;
import io.berth.plans.ResourceAddress;
import io.berth.model.ExternalReference;
import io.berth.plans.ObservedService;
import io.berth.plans.Plan;
import io.berth.plans.TaskDefinitionRevision;
import io.berth.plans.diff.StateDiff;
import io.berth.plans.diff.Targeting;
import io.berth.plans.file.PlanFile;
import io.berth.plans.render.JsonRenderer;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schema of the plan document, docs/plan-schema.json, holds for what the
 * renderer and the plan file writer give for every example stack (a first plan, a partial plan
 * over it), for the golden plan holding every kind of change, and it names exactly the members the
 * model has.
 */
class PlanSchemaTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final JsonNode SCHEMA_TREE = read(ROOT.resolve("docs/plan-schema.json"));
  static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_TREE);
  static final List<Path> EXAMPLES = List.of(ROOT.resolve("examples/webapp/src/test/golden/webapp"),
      ROOT.resolve("examples/batch/src/test/golden/batch"), ROOT.resolve("examples/platform/src/test/golden/platform"));

  private static JsonNode read(Path file) {
    try {
      return BerthJson.mapper().readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertValid(String what, byte[] json) throws Exception {
    Set<ValidationMessage> errors = SCHEMA.validate(BerthJson.mapper().readTree(json));
    assertThat(errors).as(what + " against docs/plan-schema.json").isEmpty();
  }

  @Test
  void everyExampleStacksPlanDocumentAndFileFollowTheSchema() throws Exception {
    int checked = 0;
    for (Path example : EXAMPLES) {
      DesiredState desired = DesiredInput.read(example, Optional.empty());
      Plan first = StateDiff.plan(desired, referencesOwnedByPlatform(desired), "0.1.0-test").withDryRun(
          new DryRun(true, "placed against 1 container instance", List.of(new DryRun.Placement(
              desired.services().get(0).cluster() + "/" + desired.services().get(0).serviceName(), "x:1", "ci-1", 1)),
              List.of(new DryRun.Failure("c/s", 2, "no room"))));
      DeclaredState applied = first.target();
      LiveState live = new LiveState(Optional.of("4b825dc642cb6eb9a060e54bf8d69288fbee4904"), applied,
          applied.taskDefinitions().stream().collect(Collectors.toMap(TaskDefinitionRevision::family,
              TaskDefinitionRevision::revision)),
          applied.services().stream().map(s -> new ObservedService(s.cluster(), s.serviceName(),
              s.desiredCount().map(c -> c + 1), Optional.of(s.taskDefinition()))).toList(),
          Map.of(Plan.WHOLE_STATE, "a3c1e6f0be2d4cbd8f1d6d7c1f0e9b8a7c6d5e4f"),
          referencesOwnedByPlatform(desired).links());
      Targeting.Narrowed only = Targeting.narrow(desired, applied, List.of("service/"
          + desired.services().get(0).serviceName()));
      Plan partial = Targeting.restrict(StateDiff.plan(only.desired(), live, "0.1.0-test"), applied, only)
          .withApplicationCommit(Optional.of("0123456789abcdef0123456789abcdef01234567"));

      for (Plan plan : List.of(first, partial)) {
        assertValid(example.getFileName() + " plan --format json", JsonRenderer.bytes(plan));
        assertValid(example.getFileName() + " plan file", PlanFile.write(plan));
        checked += 2;
      }
    }
    assertThat(checked).isEqualTo(12);
  }

  /** An empty state but for what the stack references, which the platform stack owns (as in the quickstart). */
  private static LiveState referencesOwnedByPlatform(DesiredState desired) {
    Map<ResourceAddress, String> owners = new java.util.HashMap<>();
    for (ExternalReference reference : desired.references()) {
      owners.put(new ResourceAddress(reference.kind() == ExternalReference.Kind.CLUSTER ? ResourceKind.CLUSTER
          : ResourceKind.ROLE, reference.name()), "platform");
    }
    LiveState empty = LiveState.empty(desired.stack());
    return new LiveState(empty.commit(), empty.declared(), Map.of(), List.of(), Map.of(),
        new StackLinks(owners, Map.of(), List.of()));
  }

  @Test
  void theGoldenPlanWithEveryKindOfChangeFollowsTheSchema() throws Exception {
    assertValid("plans/src/test/resources/golden/plan.json",
        Files.readAllBytes(ROOT.resolve("plans/src/test/resources/golden/plan.json")));
  }

  @Test
  void theSchemaRefusesWhatTheReadersRefuse() throws Exception {
    ObjectNode plan = (ObjectNode) BerthJson.mapper().readTree(
        ROOT.resolve("plans/src/test/resources/golden/plan.json").toFile());
    ObjectNode unknown = plan.deepCopy().put("lifetime", 3);
    ObjectNode oldFormat = plan.deepCopy().put("formatVersion", 1);
    ObjectNode replaceWithoutCause = plan.deepCopy();
    ((ObjectNode) replaceWithoutCause.get("changes").get(0)).put("action", "replace");

    for (ObjectNode refused : List.of(unknown, oldFormat, replaceWithoutCause)) {
      assertThat(SCHEMA.validate(refused)).isNotEmpty();
    }
  }

  @Test
  void theSchemaNamesExactlyTheMembersOfTheModel() {
    Set<String> root = members(Plan.class);
    root.add("planDigest");
    assertThat(fieldNames(SCHEMA_TREE.get("properties"))).isEqualTo(root);
    Map<String, Class<? extends Record>> documents = Map.of("role", Role.class, "cluster", Cluster.class,
        "taskDefinition", TaskDefinition.class, "containerDefinition", ContainerDefinition.class,
        "service", Service.class, "serviceScaling", ServiceScaling.class);
    documents.forEach((name, type) -> assertThat(fieldNames(SCHEMA_TREE.get("$defs").get(name).get("properties")))
        .as("$defs.%s against %s", name, type.getSimpleName()).isEqualTo(members(type)));
    assertThat(fieldNames(SCHEMA_TREE.get("$defs").get("target").get("properties"))).isEqualTo(members(DeclaredState.class));
  }

  private static Set<String> members(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private static Set<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return new HashSet<>(names);
  }
}
