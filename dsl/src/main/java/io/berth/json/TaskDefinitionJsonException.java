package io.berth.json;

/**
 * A task definition file that cannot be imported, with the file, the JSON path and what to do,
 * e.g. {@code td.json: $.networkMode: '{{networkmode}}' is not a valid NetworkMode; allowed values:
 * bridge, host, awsvpc, none}.
 */
public final class TaskDefinitionJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String jsonPath;

  TaskDefinitionJsonException(String source, String jsonPath, String problem, Throwable cause) {
    super(source + ": " + jsonPath + ": " + problem, cause);
    this.source = source;
    this.jsonPath = jsonPath;
  }

  /** The file (or other source name) that was read. */
  public String source() {
    return source;
  }

  /** Where in the document the problem is, e.g. {@code $.containerDefinitions[0].essential}. */
  public String jsonPath() {
    return jsonPath;
  }
}
