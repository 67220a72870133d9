package io.berth.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Git is an edge detail: only the state package talks to JGit, everything else uses its API. */
class StateBoundaryTest {
  private final JavaClasses engine = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth");

  @Test
  void onlyTheStatePackageImportsJGit() {
    noClasses().that().resideOutsideOfPackage("io.berth.engine.state..").should().dependOnClassesThat()
        .resideInAPackage("org.eclipse.jgit..")
        .because("the state repository's layout and compare-and-swap rules live in one place: use"
            + " io.berth.engine.state.StateRepository (open, tip, live, declaredAt, taskDefinition) and its runtime()"
            + " RuntimeStore (read, batch/replacement, commit, commitIfChanged) instead of JGit")
        .check(engine);
  }

  @Test
  void thePlannerGlueDoesNotReachIntoTheCli() {
    noClasses().that().resideInAnyPackage("io.berth.engine.state..", "io.berth.engine.planner..")
        .should().dependOnClassesThat().resideInAPackage("io.berth.engine.cli..").check(engine);
  }
}
