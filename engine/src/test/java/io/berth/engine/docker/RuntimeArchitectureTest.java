package io.berth.engine.docker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The runtime stays independent of how tasks arrive: no wire records, no agent, no HTTP. */
class RuntimeArchitectureTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth.engine");

  @Test
  void dockerRuntimeDependsOnNeitherTheAgentNorTheWireContract() {
    noClasses().that().resideInAPackage("io.berth.engine.docker..")
        .should().dependOnClassesThat().resideInAnyPackage("io.berth.engine.agent..", "io.berth.engine.api..",
            "java.net.http..", "com.sun.net.httpserver..")
        .check(ENGINE);
  }

  @Test
  void theAgentsDecisionsDoNotTouchDocker() {
    noClasses().that().haveSimpleNameStartingWith("TaskReconciler").or().haveSimpleName("Reports")
        .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
        .check(ENGINE);
  }
}
