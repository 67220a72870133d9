package io.berth.model;

/** Where a DSL call was made: a file and a line, for errors that point at the user's code. */
public record SourceLocation(
    String file,
    Integer line) {

  /** Normalises absent collections and optionals so the model holds no nulls. */
  public SourceLocation {
    Defaults.required(file, "file");
    Defaults.required(line, "line");
  }
}
