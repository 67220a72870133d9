package io.berth.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test inputs (ECS corpus, API model), found through the {@code berth.shared.dir} property Maven passes. */
public final class SharedData {
  private SharedData() {}

  /** The shared directory; falls back to {@code ../../shared} for IDE runs from the module directory. */
  public static Path dir() {
    String configured = System.getProperty("berth.shared.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("../../shared");
    if (!Files.isDirectory(dir.resolve("ecs-api"))) {
      throw new IllegalStateException("shared data not found at " + dir.toAbsolutePath()
          + "; run through Maven or set -Dberth.shared.dir=/work/shared");
    }
    return dir;
  }

  /** The ECS API model text. */
  public static String serviceModel() {
    return read(dir().resolve("ecs-api/service-2.json"));
  }

  /** A checker for the real ECS API model. */
  public static ApiShapeChecker ecsShapes() {
    return ApiShapeChecker.of(serviceModel());
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
