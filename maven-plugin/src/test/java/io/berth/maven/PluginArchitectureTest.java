package io.berth.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.berth.engine.state.Attribution;
import io.berth.engine.state.StateAccess;
import org.junit.jupiter.api.Test;

/** The plugin is a second front end over the engine's cores, never a second planner or a wrapper of the CLI. */
class PluginArchitectureTest {
  private static final JavaClasses PLUGIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.berth.maven");

  @Test
  void theGoalsCallTheSameCoresAsTheCommandLine() {
    // the cores take where the state is and who applies as values; the repository itself stays theirs
    DescribedPredicate<JavaClass> values = JavaClass.Predicates.equivalentTo(StateAccess.class)
        .or(JavaClass.Predicates.equivalentTo(Attribution.class));
    noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("io.berth.engine.cli..",
            "picocli..", "io.berth.plans.diff..", "io.berth.plans.render..", "io.berth.engine.state..",
            "io.berth.processor..").and(DescribedPredicate.not(values)))
        .because("plan, apply, synth and comment run planner.PlanRun, ApplyRun, synth.SynthRun and comments.CommentRun,"
            + " exactly the code berth runs; they name the state and the author with the values those take")
        .check(PLUGIN);
  }
}
