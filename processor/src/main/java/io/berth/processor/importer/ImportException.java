package io.berth.processor.importer;

/**
 * A task definition that cannot become DSL source: names the input, the JSON path of the member
 * and what to do about it (e.g. a member the DSL does not express yet).
 */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String path;

  ImportException(String source, String path, String problem) {
    super(source + ": " + path + ": " + problem);
    this.source = source;
    this.path = path;
  }

  ImportException(String source, String path, String problem, Throwable cause) {
    super(source + ": " + path + ": " + problem, cause);
    this.source = source;
    this.path = path;
  }

  ImportException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.path = "$";
  }

  /** The input the problem is in, usually a file name. */
  public String source() {
    return source;
  }

  /** The JSON path of the member, e.g. {@code $.containerDefinitions[0].firelensConfiguration}. */
  public String path() {
    return path;
  }
}
