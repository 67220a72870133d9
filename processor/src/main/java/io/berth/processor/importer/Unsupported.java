package io.berth.processor.importer;

/** Fails an import on a member the DSL cannot express or ECS would refuse, naming it and what to do. */
final class Unsupported {
  private final String source;

  Unsupported(String source) {
    this.source = source;
  }

  ImportException member(String path, String why) {
    return new ImportException(source, path, why + "; the Berth DSL cannot express it yet:"
        + " remove it from the input to import the rest, or keep this task definition in JSON");
  }

  /** The input is not valid ECS: {@code problem} says what is wrong, {@code fix} what to write instead. */
  ImportException invalid(String path, String problem, String fix) {
    return new ImportException(source, path, problem + "; ECS would refuse this task definition too: " + fix, true);
  }
}
