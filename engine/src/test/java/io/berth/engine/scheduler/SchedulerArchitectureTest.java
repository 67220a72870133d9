package io.berth.engine.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scheduler core, each of its subpackages, the task-state values and the query language stay
 * pure: no I/O, network, Git, Docker, threads or wall clock. The subpackages form no cycle, and the
 * core's shared values depend on none of them.
 */
class SchedulerArchitectureTest {
  private static final String SCHEDULER = "io.berth.engine.scheduler";
  private static final String[] PURE = {SCHEDULER + "..", "io.berth.engine.task..", "io.berth.cql.."};
  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(SCHEDULER, "io.berth.engine.task", "io.berth.cql");

  /** The core is one slice, each subpackage (with whatever lies below it) another. */
  private static final SliceAssignment SUBPACKAGES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      if (pkg.equals(SCHEDULER)) {
        return SliceIdentifier.of("scheduler");
      }
      if (pkg.startsWith(SCHEDULER + ".")) {
        return SliceIdentifier.of(pkg.substring(SCHEDULER.length() + 1).split("\\.")[0]);
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the scheduler core and each of its subpackages";
    }
  };

  @Test
  void theRulesSeeEverySubpackage() {
    Set<String> packages = new TreeSet<>();
    CORE.forEach(c -> packages.add(c.getPackageName()));
    assertThat(packages).contains(SCHEDULER, SCHEDULER + ".placement", SCHEDULER + ".deployment",
        SCHEDULER + ".reconcile", SCHEDULER + ".dryrun", "io.berth.engine.task");
  }

  @Test
  void coreImportsNoIoNetworkGitOrDocker() {
    ArchRule rule = noClasses().that().resideInAnyPackage(PURE)
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
            "org.eclipse.jgit..", "com.github.dockerjava..", "java.util.concurrent..", "java.lang.management..")
        .because("the scheduler core is a pure function of its inputs (house style: functional core)");
    rule.check(CORE);
  }

  @Test
  void coreStartsNoThreadsAndReadsNoClock() {
    ArchRule rule = noClasses().that().resideInAnyPackage(PURE)
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(Clock.class, "systemUTC")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .because("time comes in as an Instant and nothing runs in the background");
    rule.check(CORE);
  }

  @Test
  void theSubpackagesFormNoCycle() {
    slices().assignedFrom(SUBPACKAGES).should().beFreeOfCycles()
        .because("placement, deployment, reconcile and dryrun each read as one step of the flow").check(CORE);
  }

  @Test
  void theSharedValuesDependOnNoSubpackage() {
    noClasses().that().resideInAPackage(SCHEDULER)
        .should().dependOnClassesThat().resideInAPackage(SCHEDULER + ".*..")
        .because("the cluster values (snapshot, instances, tasks, launches, stops) are what every step shares")
        .check(CORE);
  }
}
