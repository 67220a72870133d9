package io.berth.examples.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.json.ApiShapeChecker;
import io.berth.json.ShapeMismatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the synthesized task definitions against the real ECS API model
 * ({@code ../shared/ecs-api/service-2.json}, system property {@code berth.shared.dir}): each file
 * must be a valid {@code RegisterTaskDefinitionRequest}, usable as is with
 * {@code aws ecs register-task-definition --cli-input-json file://...}.
 */
public final class ApiShape {
  private ApiShape() {}

  /** Asserts that every {@code task-definitions/*.json} of {@code stack} has the request shape. */
  public static void assertTaskDefinitionsAreRegisterRequests(String stack) {
    ApiShapeChecker ecs = ApiShapeChecker.of(read(serviceModel()));
    List<String> problems = new ArrayList<>();
    List<String> files = GoldenFiles.synthesizedFiles(stack).stream()
        .filter(f -> f.startsWith("task-definitions/")).toList();
    assertThat(files).as("task definitions of stack %s", stack).isNotEmpty();
    for (String file : files) {
      for (ShapeMismatch mismatch : ecs.check("RegisterTaskDefinitionRequest",
          GoldenFiles.synthesized(stack, file))) {
        problems.add(file + " " + mismatch);
      }
    }
    assertThat(problems).as("RegisterTaskDefinitionRequest shape of stack %s", stack).isEmpty();
  }

  private static Path serviceModel() {
    String shared = System.getProperty("berth.shared.dir", "../../../shared");
    return Path.of(shared, "ecs-api", "service-2.json");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ECS API model " + file.toAbsolutePath()
          + ": set -Dberth.shared.dir to the shared data directory", e);
    }
  }
}
