package io.berth.processor.importer;

import io.berth.json.TaskDefinitionJsonException;

/**
 * A task definition that cannot become DSL source: names the input, the JSON path of the member
 * and what to do about it (e.g. a member the DSL does not express yet).
 */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String path;
  private final boolean invalidInput;

  ImportException(String source, String path, String problem) {
    this(source, path, problem, false);
  }

  ImportException(String source, String path, String problem, boolean invalidInput) {
    super(source + ": " + path + ": " + problem);
    this.source = source;
    this.path = path;
    this.invalidInput = invalidInput;
  }

  ImportException(String source, String path, String problem, Throwable cause) {
    super(source + ": " + path + ": " + problem, cause);
    this.source = source;
    this.path = path;
    // what the JSON reader refuses (e.g. an unknown enum value) ECS would refuse too
    this.invalidInput = cause instanceof TaskDefinitionJsonException;
  }

  ImportException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.path = "$";
    this.invalidInput = cause instanceof TaskDefinitionJsonException;
  }

  /** The input the problem is in, usually a file name. */
  public String source() {
    return source;
  }

  /**
   * Whether the input itself is not a valid ECS task definition (ECS would refuse it too), as
   * opposed to a valid one the importer cannot translate.
   */
  public boolean invalidInput() {
    return invalidInput;
  }

  /** The JSON path of the member, e.g. {@code $.containerDefinitions[0].firelensConfiguration}. */
  public String path() {
    return path;
  }
}
