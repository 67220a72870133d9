package io.berth.plans.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The plan module is a functional core: it depends on the model (dsl) and formatting libraries only. */
class PlansArchitectureTest {
  private final JavaClasses plans = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth.plans");

  @Test
  void plansDependsOnTheDslOnly() {
    classes().that().resideInAPackage("io.berth.plans..").should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.berth.plans..", "io.berth.model..", "io.berth.json..", "java..",
            "com.fasterxml.jackson..", "org.apache.velocity..")
        .check(plans);
  }

  @Test
  void theDiffDoesNoIo() {
    noClasses().that().resideInAPackage("io.berth.plans.diff..").should().dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "org.apache.velocity..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .check(plans);
  }

  @Test
  void onlyTheRenderersUseVelocity() {
    noClasses().that().resideOutsideOfPackage("io.berth.plans.render..").should().dependOnClassesThat()
        .resideInAPackage("org.apache.velocity..").check(plans);
  }
}
