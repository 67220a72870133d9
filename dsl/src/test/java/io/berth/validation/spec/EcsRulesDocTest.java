package io.berth.validation.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.json.BerthJson;
import io.berth.json.SharedData;
import io.berth.validation.UnsupportedSetting;
import io.berth.validation.ViolationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/ecs-rules.md has a row for every member (nested ones too) of the request shapes Berth
 * models, read from the two API models, and names only codes that exist; every rule and every
 * runtime-unsupported setting appears in it.
 */
class EcsRulesDocTest {
  private static final Path DOC = Path.of("../docs/ecs-rules.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z0-9]+\\.[A-Za-z0-9]+)` \\|(.*)$");
  private static final Pattern CODE = Pattern.compile("`(Berth[A-Za-z]+)`");

  /** Every {@code Shape.member} reachable from {@code roots} in the botocore model at {@code model}. */
  static Set<String> members(Path model, String... roots) throws IOException {
    JsonNode shapes = BerthJson.mapper().readTree(Files.readString(model)).path("shapes");
    Set<String> members = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    List<String> pending = new ArrayList<>(List.of(roots));
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (!seen.add(name)) {
        continue;
      }
      JsonNode shape = shapes.path(name);
      switch (shape.path("type").asText()) {
        case "structure" -> shape.path("members").properties().forEach(member -> {
          members.add(name + "." + member.getKey());
          pending.add(member.getValue().path("shape").asText());
        });
        case "list" -> pending.add(shape.path("member").path("shape").asText());
        case "map" -> pending.add(shape.path("value").path("shape").asText());
        default -> { }
      }
    }
    return members;
  }

  private static Map<String, String> rows() throws IOException {
    Map<String, String> rows = new TreeMap<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        assertThat(rows.put(m.group(1), m.group(2))).as("a second row for %s", m.group(1)).isNull();
      }
    }
    return rows;
  }

  @Test
  void everyMemberOfTheModelledRequestShapesHasARow() throws IOException {
    Set<String> required = new LinkedHashSet<>(members(SharedData.dir().resolve("ecs-api/service-2.json"),
        "RegisterTaskDefinitionRequest", "CreateServiceRequest", "UpdateServiceRequest"));
    required.addAll(members(SharedData.dir().resolve("ecs-api/application-autoscaling-service-2.json"),
        "RegisterScalableTargetRequest", "PutScalingPolicyRequest", "PutScheduledActionRequest"));

    assertThat(required).hasSizeGreaterThan(400).contains("ContainerDefinition.image",
        "EFSAuthorizationConfig.iam", "StepAdjustment.MetricIntervalLowerBound");
    assertThat(rows().keySet()).containsAll(required);
  }

  @Test
  void theTableNamesOnlyExistingCodesAndEveryRuleAppears() throws IOException {
    Set<String> known = new HashSet<>();
    for (ViolationCode code : ViolationCode.values()) {
      known.add(code.code());
    }
    for (UnsupportedSetting setting : UnsupportedSetting.values()) {
      known.add(setting.code());
    }
    known.add("BerthUnsupportedName"); // the planner's refusal of names the state cannot store
    known.add("BerthUnsupportedTaskSize"); // the planner's refusal of task limits no instance can enforce
    String doc = Files.readString(DOC);
    Set<String> mentioned = new HashSet<>();
    Matcher m = CODE.matcher(doc);
    while (m.find()) {
      mentioned.add(m.group(1));
    }
    assertThat(known).as("codes the doc names").containsAll(mentioned);
    assertThat(mentioned).as("rules and runtime settings the doc covers").containsAll(known);
  }
}
