package io.berth.examples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden-file checks of what the processor wrote for a stack: every file under
 * {@code target/classes/META-INF/berth/<stack>/} must equal, byte for byte, its copy under
 * {@code src/test/golden/<stack>/}, and no file may be missing or extra. Run the tests with
 * {@code -Dberth.updateGolden=true} to rewrite the golden copies after a deliberate change (then
 * review the diff).
 */
public final class GoldenFiles {
  private static final Path CLASS_OUTPUT = Path.of("target", "classes", "META-INF", "berth");
  private static final Path GOLDEN = Path.of("src", "test", "golden");

  private GoldenFiles() {}

  /** The synthesized file {@code relative} of {@code stack} (e.g. {@code desired.json}). */
  public static String synthesized(String stack, String relative) {
    Path file = CLASS_OUTPUT.resolve(stack).resolve(relative);
    assertThat(file).as("the processor did not write %s: is it on annotationProcessorPaths?", file)
        .exists();
    return read(file);
  }

  /** Every synthesized file of {@code stack}, relative to its directory, in path order. */
  public static Set<String> synthesizedFiles(String stack) {
    return list(CLASS_OUTPUT.resolve(stack));
  }

  /** Asserts that the synthesized files of {@code stack} equal the golden ones, naming each difference. */
  public static void assertMatchGolden(String stack) {
    Path actualDir = CLASS_OUTPUT.resolve(stack);
    Path goldenDir = GOLDEN.resolve(stack);
    Set<String> actual = list(actualDir);
    assertThat(actual).as("no JSON was synthesized for stack %s under %s", stack, actualDir).isNotEmpty();
    if (Boolean.getBoolean("berth.updateGolden")) {
      update(actualDir, goldenDir, actual);
      return;
    }
    Set<String> golden = list(goldenDir);
    List<String> problems = new ArrayList<>();
    for (String file : union(actual, golden)) {
      if (!golden.contains(file)) {
        problems.add(file + ": synthesized but has no golden copy");
      } else if (!actual.contains(file)) {
        problems.add(file + ": golden copy exists but nothing was synthesized");
      } else if (!read(actualDir.resolve(file)).equals(read(goldenDir.resolve(file)))) {
        problems.add(file + ": differs from " + goldenDir.resolve(file));
      }
    }
    assertThat(problems).as("stack %s vs its golden files (rerun with -Dberth.updateGolden=true"
        + " after a deliberate change)", stack).isEmpty();
  }

  private static void update(Path actualDir, Path goldenDir, Set<String> files) {
    try {
      if (Files.exists(goldenDir)) {
        try (Stream<Path> old = Files.walk(goldenDir)) {
          old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
      }
      for (String file : files) {
        Path target = goldenDir.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(actualDir.resolve(file), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Set<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      Set<String> names = new TreeSet<>();
      files.filter(Files::isRegularFile)
          .forEach(f -> names.add(dir.relativize(f).toString().replace('\\', '/')));
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
