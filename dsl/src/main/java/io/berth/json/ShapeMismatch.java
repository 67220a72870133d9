package io.berth.json;

import java.util.Objects;

/** One way a JSON document departs from an API shape: where ({@code $.containerDefinitions[0].cpu}) and what. */
public record ShapeMismatch(String path, String problem) {
  /** Both parts are required. */
  public ShapeMismatch {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(problem, "problem == null");
  }

  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
