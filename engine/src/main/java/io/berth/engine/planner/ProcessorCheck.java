package io.berth.engine.planner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tells a build that compiled {@code @Stack} classes without Berth's annotation processor from one
 * that has no stacks: javac compiles such classes without a word when the processor is not on the
 * annotation processor path, and the plan would otherwise only say that no desired state was found.
 */
final class ProcessorCheck {
  /** How {@code @Stack} appears in a class file that carries it: its type descriptor in the constant pool. */
  private static final byte[] STACK_DESCRIPTOR = "Lio/berth/dsl/Stack;".getBytes(StandardCharsets.UTF_8);
  /** The service file the processor writes whenever it runs, evaluating the stacks or not. */
  private static final String STACK_INDEX = "META-INF/services/io.berth.dsl.StackIndex";
  /** The most class files named in the message. */
  private static final int NAMED = 3;

  private ProcessorCheck() {}

  /**
   * The compiler plugin of the README's build snippet, as the message shows it: the processor on
   * the annotation processor path (a test holds it equal to the README's).
   */
  static String compilerPlugin(String version) {
    return """
            <plugin>
              <groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version>
              <configuration>
                <release>17</release>
                <annotationProcessorPaths>
                  <path><groupId>io.berth</groupId><artifactId>berth-processor</artifactId><version>%s</version></path>
                </annotationProcessorPaths>
              </configuration>
            </plugin>
        """.formatted(version);
  }

  /**
   * When the class files under {@code classes} include {@code @Stack} types, the error that says the
   * processor did not run and shows how to add it; empty when there are none.
   */
  static Optional<String> stacksWithoutState(Path classes) {
    List<String> stacks = stackClasses(classes);
    if (stacks.isEmpty()) {
      return Optional.empty();
    }
    String named = String.join(", ", stacks.subList(0, Math.min(NAMED, stacks.size())))
        + (stacks.size() > NAMED ? " and " + (stacks.size() - NAMED) + " more" : "");
    if (Files.isRegularFile(classes.resolve(STACK_INDEX))) {
      return Optional.of(classes + " holds @Stack classes (" + named + ") compiled with -Aberth.evaluate=false,"
          + " so no Berth desired state yet: write it with berth synth " + classes + " (or mvn berth:synth)");
    }
    return Optional.of(classes + " holds @Stack classes (" + named + ") but no Berth desired state"
        + " (META-INF/berth/<stack>/desired.json): Berth's annotation processor did not run when they were compiled."
        + " Put it on the compiler's annotation processor path in pom.xml:\n"
        + compilerPlugin(BuildInfo.current().version())
        + "then compile again with mvn clean compile");
  }

  /** The binary names of the classes under {@code classes} annotated {@code @Stack}, sorted. */
  static List<String> stackClasses(Path classes) {
    if (!Files.isDirectory(classes)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class") && Files.isRegularFile(f))
          .filter(ProcessorCheck::carriesStack)
          .map(f -> binaryName(classes.relativize(f)))
          .sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // unreadable: the caller's own message stands
    }
  }

  private static boolean carriesStack(Path classFile) {
    try {
      byte[] bytes = Files.readAllBytes(classFile);
      outer:
      for (int i = 0; i <= bytes.length - STACK_DESCRIPTOR.length; i++) {
        for (int j = 0; j < STACK_DESCRIPTOR.length; j++) {
          if (bytes[i + j] != STACK_DESCRIPTOR[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String binaryName(Path relative) {
    String name = relative.toString().replace(relative.getFileSystem().getSeparator(), ".");
    return name.substring(0, name.length() - ".class".length());
  }
}
