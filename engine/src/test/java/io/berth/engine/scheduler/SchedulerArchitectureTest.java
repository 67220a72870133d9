package io.berth.engine.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The scheduler core and the query language stay pure: no I/O, network, Git, Docker, threads or wall clock. */
class SchedulerArchitectureTest {
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.berth.engine.scheduler", "io.berth.cql");

  @Test
  void coreImportsNoIoNetworkGitOrDocker() {
    ArchRule rule = noClasses().that().resideInAnyPackage("io.berth.engine.scheduler..", "io.berth.cql..")
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
            "org.eclipse.jgit..", "com.github.dockerjava..", "java.util.concurrent..", "java.lang.management..")
        .because("the scheduler core is a pure function of its inputs (house style: functional core)");
    rule.check(CORE);
  }

  @Test
  void coreStartsNoThreadsAndReadsNoClock() {
    ArchRule rule = noClasses().that().resideInAnyPackage("io.berth.engine.scheduler..", "io.berth.cql..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(Clock.class, "systemUTC")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .because("time comes in as an Instant and nothing runs in the background");
    rule.check(CORE);
  }
}
