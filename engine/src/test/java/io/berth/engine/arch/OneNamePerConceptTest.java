package io.berth.engine.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One name per concept: no two main classes of the DSL, the plans, the processor and the engine
 * share a simple name, so an import can never pick the wrong one. The exception is documented in
 * the README: each DSL builder a stack imports ({@code io.berth.dsl.Service}) shares its name with
 * the model record it builds ({@code io.berth.model.Service}).
 */
class OneNamePerConceptTest {
  private static final Set<String> DSL_MODEL_PAIRS = Set.of("Cluster", "Role", "Service", "TaskDefinition");
  private final JavaClasses main = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth");

  @Test
  void noTwoMainClassesShareASimpleNameExceptTheDslModelPairs() {
    Map<String, List<String>> byName = new TreeMap<>();
    for (JavaClass type : main) {
      if (type.isTopLevelClass() && !type.getSimpleName().equals("package-info")) {
        byName.computeIfAbsent(type.getSimpleName(), n -> new ArrayList<>()).add(type.getName());
      }
    }
    assertThat(byName).as("the engine, plans, DSL and processor classes are all imported").containsKeys(
        "ControlPlane", "Plan", "Infra", "BerthProcessor");

    Map<String, List<String>> shared = new TreeMap<>(byName);
    shared.values().removeIf(names -> names.size() < 2);
    assertThat(shared.keySet()).as("simple names defined more than once: %s", shared).isEqualTo(DSL_MODEL_PAIRS);
    shared.forEach((name, names) -> assertThat(names).as(name)
        .containsExactlyInAnyOrder("io.berth.dsl." + name, "io.berth.model." + name));
  }
}
