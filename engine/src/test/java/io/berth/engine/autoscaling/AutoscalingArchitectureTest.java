package io.berth.engine.autoscaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The autoscaling core stays pure: no I/O, network, Git, Docker, threads or wall clock. */
class AutoscalingArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.berth.engine.autoscaling");

  @Test
  void coreImportsNoIoNetworkGitOrDocker() {
    ArchRule rule = noClasses().that().resideInAPackage("io.berth.engine.autoscaling..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
            "org.eclipse.jgit..", "com.github.dockerjava..", "java.util.concurrent..", "java.lang.management..")
        .because("autoscaling decisions are a pure function of their inputs (house style: functional core)");
    rule.check(CORE);
  }

  @Test
  void coreStartsNoThreadsAndReadsNoClock() {
    ArchRule rule = noClasses().that().resideInAPackage("io.berth.engine.autoscaling..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(Clock.class, "systemUTC")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(ZonedDateTime.class, "now")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .because("time comes in as an Instant and nothing runs in the background");
    rule.check(CORE);
  }
}
