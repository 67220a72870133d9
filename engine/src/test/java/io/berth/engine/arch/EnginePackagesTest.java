package io.berth.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's packages depend on each other one way, and the command line sits on top of them. */
class EnginePackagesTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth.engine");

  @Test
  void theEnginesPackagesHaveNoCycles() {
    slices().matching("io.berth.engine.(*)..").should().beFreeOfCycles()
        .because("each package is one step of the flow: a cycle would make two of them one")
        .check(ENGINE);
  }

  @Test
  void theServerAndTheAgentDoNotDependOnTheCommandLine() {
    noClasses().that().resideInAnyPackage("io.berth.engine.server..", "io.berth.engine.agent..")
        .should().dependOnClassesThat().resideInAPackage("io.berth.engine.cli..")
        .because("the control plane and the agents run without the CLI: what both need lives in planner, state or api")
        .check(ENGINE);
  }
}
