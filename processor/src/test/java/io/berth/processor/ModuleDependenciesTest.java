package io.berth.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The processor depends on the dsl module only: never on the planner, the engine or plans. */
class ModuleDependenciesTest {
  private final JavaClasses processor = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.berth.processor");

  @Test
  void theProcessorUsesNoOtherBerthModuleThanTheDsl() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.berth.engine..", "io.berth.plans..")
        .check(processor);
  }
}
