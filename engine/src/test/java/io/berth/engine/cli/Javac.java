package io.berth.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The real javac with the Berth processor on the processor path, as a Maven build runs it: compiles
 * a source root into a class output directory, so tests can hand that directory to the CLI.
 */
final class Javac {
  /** The test JVM's class path without the tests themselves: Berth's modules and their dependencies. */
  private static final String BERTH = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
      .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));

  private Javac() {}

  /** Compiles every file under {@code sources}; returns javac's diagnostics, or fails the test if it fails. */
  static String compile(Path sources, Path classes, List<Path> classPath, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("--release", "17", "-processorpath", BERTH, "-classpath",
        Stream.concat(Stream.of(BERTH), classPath.stream().map(Path::toString))
            .collect(Collectors.joining(File.pathSeparator)), "-d", classes.toString()));
    args.addAll(List.of(options));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> args.add(f.toString()));
    }
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int exit = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    String text = diagnostics.toString(StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new AssertionError("javac failed on " + sources + ":\n" + text);
    }
    return text;
  }
}
