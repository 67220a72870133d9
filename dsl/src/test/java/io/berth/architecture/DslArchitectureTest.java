package io.berth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.berth.validation.Validator;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The dsl module's arrows: it depends on no other Berth module, and its functional core (model,
 * validation, the DSL itself) does no I/O, so validation gives the same answer at compile time,
 * plan time and apply time.
 */
class DslArchitectureTest {
  // Plain JUnit tests (not @ArchTest fields) so that surefire counts and filters them like any other test.
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.berth");

  private static final ArchRule DSL_DEPENDS_ON_NO_OTHER_BERTH_MODULE = noClasses()
      .that().resideInAnyPackage("io.berth.dsl..", "io.berth.model..", "io.berth.validation..", "io.berth.json..",
          "io.berth.cql..")
      .should().dependOnClassesThat().resideInAnyPackage("io.berth.engine..", "io.berth.processor..",
          "io.berth.plans..", "io.berth.examples..")
      .because("dsl is the foundation every other module builds on");

  private static final ArchRule CORE_DOES_NO_IO = noClasses()
      .that().resideInAnyPackage("io.berth.model..", "io.berth.validation..", "io.berth.dsl..")
      .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
      .because("the model and its rules are pure functions; files and networks live at the edge");

  private static final ArchRule MODEL_AND_VALIDATION_DO_NOT_DEPEND_ON_THE_DSL = noClasses()
      .that().resideInAnyPackage("io.berth.model..", "io.berth.validation..", "io.berth.json..")
      .should().dependOnClassesThat().resideInAPackage("io.berth.dsl..")
      .because("imported JSON is validated without any DSL: the model stands alone");

  @Test
  void dslDependsOnNoOtherBerthModule() {
    DSL_DEPENDS_ON_NO_OTHER_BERTH_MODULE.check(CLASSES);
  }

  @Test
  void theFunctionalCoreDoesNoIo() {
    CORE_DOES_NO_IO.check(CLASSES);
  }

  @Test
  void modelAndValidationStandWithoutTheDsl() {
    MODEL_AND_VALIDATION_DO_NOT_DEPEND_ON_THE_DSL.check(CLASSES);
  }

  @Test
  void theImportSeesTheModule() {
    Assertions.assertThat(CLASSES.contain(Validator.class)).isTrue();
  }
}
