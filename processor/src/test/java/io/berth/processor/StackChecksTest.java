package io.berth.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per static check of a {@code @Stack} class: id, message, file and line. */
class StackChecksTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new BerthProcessor()).compile(sources);
  }

  private static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  @Test
  void aValidStackCompilesCleanly() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void berthStackKind_stackOnAnInterfaceIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public interface Shop extends StackDefinition {",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackKind] @Stack(\"shop\") com.acme.Shop is an"
        + " interface, not a class: put @Stack on a public class that implements StackDefinition")
        .inFile(file(compilation, "com/acme/Shop.java")).onLineContaining("public interface Shop");
  }

  @Test
  void berthStackPublic_packagePrivateStackIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "final class Shop implements StackDefinition {",
        "  public Shop() {}",
        "  public void define(Infra infra) {}",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackPublic] @Stack(\"shop\") com.acme.Shop is"
        + " not public: make it public").inFile(compilation.sourceFiles().get(0)).onLineContaining("final class Shop");
  }

  @Test
  void berthStackPublic_stackInsideAPrivateClassIsAnError() {
    Compilation compilation = compile(source("com.acme.Outer",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "public class Outer {",
        "  static class Holder {",
        "    @Stack(\"shop\")",
        "    public static final class Shop implements StackDefinition {",
        "      public void define(Infra infra) {}",
        "    }",
        "  }",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackPublic] @Stack(\"shop\")"
        + " com.acme.Outer.Holder.Shop is inside Holder, which is not public")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public static final class Shop");
  }

  @Test
  void berthStackAbstract_abstractStackIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public abstract class Shop implements StackDefinition {",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackAbstract] @Stack(\"shop\") com.acme.Shop"
        + " is abstract: Berth creates one instance of it").inFile(compilation.sourceFiles().get(0)).onLineContaining("public abstract class Shop");
  }

  @Test
  void berthStackNested_innerClassStackIsAnError() {
    Compilation compilation = compile(source("com.acme.Outer",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "public class Outer {",
        "  @Stack(\"shop\")",
        "  public final class Shop implements StackDefinition {",
        "    public void define(Infra infra) {}",
        "  }",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackNested] @Stack(\"shop\")"
        + " com.acme.Outer.Shop is an inner class: declare it 'static'")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void berthStackConstructor_stackWithoutNoArgConstructorIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  private final String region;",
        "  public Shop(String region) { this.region = region; }",
        "  public void define(Infra infra) {}",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackConstructor] @Stack(\"shop\") com.acme.Shop"
        + " has no public no-argument constructor: add 'public Shop() {}'")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void berthStackConstructor_privateNoArgConstructorIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop implements StackDefinition {",
        "  private Shop() {}",
        "  public void define(Infra infra) {}",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackConstructor]")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void berthStackInterface_stackNotImplementingStackDefinitionIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"shop\")",
        "public final class Shop {",
        "  public void define(Infra infra) {}",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackInterface] @Stack(\"shop\") com.acme.Shop"
        + " does not implement io.berth.dsl.StackDefinition: add 'implements StackDefinition'")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void berthStackName_invalidStackNameIsAnError() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"my shop\")",
        "public final class Shop implements StackDefinition {",
        "  public void define(Infra infra) {}",
        "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackName] stack name \"my shop\" of com.acme.Shop"
        + " must match ^[A-Za-z0-9_-]{1,255}$").inFile(compilation.sourceFiles().get(0)).onLineContaining("public final class Shop");
  }

  @Test
  void berthStackDuplicate_twoStacksWithOneNameIsAnError() {
    Compilation compilation = compile(
        source("com.acme.Shop",
            "package com.acme;",
            "import io.berth.dsl.*;",
            "@Stack(\"shop\")",
            "public final class Shop implements StackDefinition {",
            "  public void define(Infra infra) {}",
            "}"),
        source("com.acme.Store",
            "package com.acme;",
            "import io.berth.dsl.*;",
            "@Stack(\"shop\")",
            "public final class Store implements StackDefinition {",
            "  public void define(Infra infra) {}",
            "}"));
    assertThat(compilation).hadErrorContaining("[BerthStackDuplicate] stack name \"shop\" of"
        + " com.acme.Store is already used by com.acme.Shop: give each @Stack a unique name")
        .inFile(compilation.sourceFiles().get(1)).onLineContaining("public final class Store");
  }

  @Test
  void everyBrokenRuleOfOneClassIsReportedInOneCompile() {
    Compilation compilation = compile(source("com.acme.Shop",
        "package com.acme;",
        "import io.berth.dsl.*;",
        "@Stack(\"bad name\")",
        "abstract class Shop {",
        "  Shop(int x) {}",
        "}"));
    assertThat(compilation).hadErrorCount(5);
    for (String id : new String[] {"BerthStackName", "BerthStackPublic", "BerthStackAbstract",
        "BerthStackConstructor", "BerthStackInterface"}) {
      assertThat(compilation).hadErrorContaining("[" + id + "]").inFile(compilation.sourceFiles().get(0)).onLineContaining("abstract class Shop");
    }
  }

  private static JavaFileObject file(Compilation compilation, String suffix) {
    return compilation.sourceFiles().stream().filter(f -> f.toUri().getPath().endsWith(suffix))
        .findFirst().orElseThrow();
  }

}
